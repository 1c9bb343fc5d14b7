"""Helpers shared by the checks: labels in both languages, document order, number formatting."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache

from .. import taxonomy as tx
from ..catalog import Severity
from ..findings import Finding
from ..taxonomy import FormatVersion

__all__ = [
    "META_LABELS",
    "english_label",
    "fmt",
    "section_labels",
    "sort_key",
]

META_LABELS: dict[str, tuple[str, ...]] = tx.metadata_labels()
"""Chinese labels of the metadata fields, which are not cells of the format."""


@cache
def _english(version: FormatVersion) -> dict[str, str]:
    """English label paths of every cell, e.g. ``Granted × Natural persons``."""
    names: dict[str, str] = {}
    for table in tx.subtables(version):
        for row in table.rows:
            for column in table.columns:
                cell = f"proactive_disclosure.{table.key}.{row.key}.{column.key}"
                names[cell] = f"{table.caption} {row.english} × {column.english}"
    for path in tx.request_row_leaves(version):
        english = " / ".join(node.english for node in path)
        for column in tx.REQUEST_COLUMNS:
            names[f"requests.{tx.row_id(path)}.{column.key}"] = f"{english} × {column.english}"
    for group, _ in tx.CASE_GROUPS:
        for column in tx.CASE_COLUMNS:
            cell = f"review_litigation.{group.key}.{column.key}"
            names[cell] = f"{group.english} × {column.english}"
    return names


def english_label(version: FormatVersion, cell: str) -> str:
    """A short English name of a cell (its id when it is not a cell of the format)."""
    return _english(version).get(cell, cell)


def section_labels(version: FormatVersion, key: str) -> tuple[str, ...]:
    """The label path of a section: its official title."""
    for section in tx.sections(version):
        if section.key == key:
            return (section.title,)
    return (key,)


@cache
def _positions(version: FormatVersion) -> dict[str, int]:
    order: dict[str, int] = {}
    for index, spec in enumerate(tx.cell_specs(version), start=10):
        order[spec.id] = index
        parts = spec.id.split(".")
        for cut in range(1, len(parts)):
            order.setdefault(".".join(parts[:cut]), index)
    for index, key in enumerate(("preamble", "overview")):
        order[key] = 2 + index
    base = len(order) + 100
    for index, key in enumerate(("problems_improvements", "other_matters")):
        order[key] = base + index
    return order


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def sort_key(version: FormatVersion) -> Callable[[Finding], tuple[int, int, str, str, str]]:
    """A sort key for findings: severity, then position in the printed report, then code."""
    order = _positions(version)
    big = len(order) + 1000

    def key(finding: Finding) -> tuple[int, int, str, str, str]:
        path = finding.path or ""
        if path.startswith("metadata"):
            position = 1
        elif not path:
            position = 0
        else:
            position = order.get(path, -1)
            if position < 0:
                head = path.split(".", 1)[0]
                position = order.get(head, big)
        return (
            _SEVERITY_RANK.get(finding.severity, 3),
            position,
            finding.code,
            path,
            finding.message_zh,
        )

    return key


def fmt(value: int | Decimal | float | None) -> str:
    """A number as printed in messages: integers plainly, decimals without trailing zeros."""
    if value is None:
        return "（空）"
    if isinstance(value, Decimal):
        if value.is_zero():
            return "0"
        # format "f" never raises (quantize would, beyond 28 digits) and never prints exponents
        return format(value.normalize(), "f")
    return str(value)

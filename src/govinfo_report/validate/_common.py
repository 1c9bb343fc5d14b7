"""Helpers shared by the checks: labels in both languages, findings about a cell or a metadata
field, document order, number formatting."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from .. import taxonomy as tx
from ..catalog import Rule, Severity
from ..findings import Finding, make_finding
from ..taxonomy import FormatVersion
from ._subject import Subject

__all__ = [
    "META_LABELS",
    "cell_finding",
    "english_label",
    "figure",
    "metadata_finding",
    "section_finding",
    "section_labels",
    "sort_key",
    "stock_cells",
]

META_LABELS: dict[str, tuple[str, ...]] = tx.metadata_labels()
"""Chinese labels of the metadata fields, which are not cells of the format."""


def _english_name(spec: tx.CellSpec) -> str:
    """A cell's short English name from its :attr:`~govinfo_report.taxonomy.CellSpec.english`.

    Table 二 keeps its printed caption (``第二十条第（一）项 Rules × Issued this year``), table 四
    names only the group (not the 行政诉讼 header above two of them), table 三 the whole row path.
    """
    *row, column = spec.english
    if spec.section == "proactive_disclosure":
        return f"{spec.labels[0]} {row[-1]} × {column}"
    if spec.section == "review_litigation":
        row = row[-1:]
    return f"{' / '.join(row)} × {column}"


@cache
def _english(version: FormatVersion) -> dict[str, str]:
    """English label paths of every cell, e.g. ``Granted × Natural persons``."""
    return {spec.id: _english_name(spec) for spec in tx.cell_specs(version)}


def english_label(version: FormatVersion, cell: str) -> str:
    """A short English name of a cell (its id when it is not a cell of the format)."""
    return _english(version).get(cell, cell)


def section_labels(version: FormatVersion, key: str) -> tuple[str, ...]:
    """The label path of a section: its official title."""
    for section in tx.sections(version):
        if section.key == key:
            return (section.title,)
    return (key,)


# The columns of table 二's first sub-table (规章, 规范性文件) that make its stock check:
# the stock, what adds to it this year, and what removes from it.
_STOCK_COLUMNS: dict[FormatVersion, tuple[str, ...]] = {
    FormatVersion.V2021: ("in_force", "issued", "repealed"),
    FormatVersion.V2019: ("total_published", "newly_published"),
}


@cache
def stock_cells(version: FormatVersion) -> tuple[tuple[str, ...], ...]:
    """Per row of 第二十条第（一）项: the cell ids of its stock, additions and removals.

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion
        >>> rules = stock_cells(FormatVersion.V2021)[0]
        >>> rules[0]
        'proactive_disclosure.art20_1.rules.in_force'
        >>> [cell.rsplit(".", 1)[1] for cell in rules[1:]]
        ['issued', 'repealed']
    """
    table = tx.subtables(version)[0]
    return tuple(
        tx.known_cells(
            *(tx.cell_id("proactive_disclosure", table, row, c) for c in _STOCK_COLUMNS[version]),
            version=version,
        )
        for row in table.rows
    )


def cell_finding(rule: Rule, subject: Subject, cell: str, /, **params: Any) -> Finding:
    """A finding about one cell: its id as path, its label path, where it was printed.

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.catalog import XY_JUMP
        >>> from govinfo_report.validate._subject import subject_of
        >>> subject = subject_of(gr.load("examples/city-2024.yaml"))
        >>> found = cell_finding(XY_JUMP, subject, "requests.granted.total", actual=9,
        ...                      previous="1", ratio="9")
        >>> found.labels, found.source is None
        (('（一）予以公开', '总计'), True)
    """
    return make_finding(
        rule,
        path=cell,
        labels=tx.cell_index(subject.version)[cell].labels,
        source=subject.source_of(cell),
        **params,
    )


def metadata_finding(rule: Rule, field: str, /, **params: Any) -> Finding:
    """A finding about a metadata field (``year`` → path ``metadata.year``, label 报告年度).

    Examples:
        >>> from govinfo_report.catalog import XY_YEAR
        >>> found = metadata_finding(XY_YEAR, "year", expected=2024, actual=2025, year=2025,
        ...                          previous_year=2023)
        >>> found.path, found.labels
        ('metadata.year', ('报告年度',))
    """
    path = tx.cell_id("metadata", field)
    return make_finding(rule, path=path, labels=META_LABELS[path], **params)


def section_finding(rule: Rule, version: FormatVersion, key: str, /, **params: Any) -> Finding:
    """A finding about a whole section: its key as path, its official title as label.

    Examples:
        >>> from govinfo_report.catalog import TABLE_LAYOUT
        >>> found = section_finding(TABLE_LAYOUT, FormatVersion.V2021, "requests", layout="2019",
        ...                         version="2021")
        >>> found.path, found.labels
        ('requests', ('三、收到和处理政府信息公开申请情况',))
    """
    return make_finding(rule, path=key, labels=section_labels(version, key), **params)


@cache
def _positions(version: FormatVersion) -> dict[str, int]:
    order: dict[str, int] = {}
    for index, spec in enumerate(tx.cell_specs(version), start=10):
        order[spec.id] = index
        parts = spec.id.split(".")
        for cut in range(1, len(parts)):
            order.setdefault(tx.cell_id(*parts[:cut]), index)
    # the text before the tables (preamble, 一) leads them; the text after them (五, 六) follows
    keys = [s.key for s in tx.sections(version)]
    first = min(keys.index(key) for key in tx.TABLE_SECTIONS)
    for index, key in enumerate(("preamble", *keys[:first])):
        order[key] = 2 + index
    base = len(order) + 100
    after = [key for key in keys[first:] if key in tx.NARRATIVE_SECTIONS]
    for index, key in enumerate(after):
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


def figure(value: int | Decimal | float | None) -> str:
    """A number as printed in messages: integers plainly, decimals without trailing zeros."""
    if value is None:
        return "（空）"
    if isinstance(value, Decimal):
        if value.is_zero():
            return "0"
        # format "f" never raises (quantize would, beyond 28 digits) and never prints exponents
        return format(value.normalize(), "f")
    return str(value)

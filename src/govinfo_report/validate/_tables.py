"""Table checks: the identities (with the wrong cells localised), the cells, and table 二.

The identities are those of :mod:`govinfo_report.identities`, evaluated by
:func:`govinfo_report.identities.check`. For speed, a straight-line predicate is generated once
per format version from the same identity list (never re-declared): when it says every identity
holds, which is the common case, no finding objects are built at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from .. import taxonomy as tx
from ..accept import ACCEPTS_NAMESPACE, KIND_REASONS, accepts_source
from ..catalog import (
    CELL_BLANK_MANY,
    CELL_INVALID,
    ROW_MISSING,
    T2_RULES_BODY,
    T2_STOCK,
    TABLE_MISSING,
)
from ..codegen import define
from ..draft import CellStatus, Draft, DraftMetadata
from ..findings import Finding, make_finding
from ..identities import Identity, check, identities
from ..taxonomy import CellKind, FormatVersion
from ._common import cell_finding, section_finding, stock_cells
from ._layout import excused, requests_layout
from ._localize import localisation_findings
from ._narrative import text_findings
from ._subject import Subject

__all__ = [
    "cell_findings",
    "identity_findings",
    "section_present",
    "table2_findings",
]

# --- identities ------------------------------------------------------------------------------


@cache
def _all_hold(version: FormatVersion) -> Callable[[dict[str, Any]], bool | None]:
    """A generated predicate: ``True`` if every identity holds, ``None`` if it cannot tell.

    It cannot tell when a cell is absent or blank; the caller then runs the full evaluator.
    """
    terms = []
    for identity in identities(version):
        rhs = " ".join(f"{'+' if sign > 0 else '-'} v[{cell!r}]" for sign, cell in identity.terms)
        terms.append(f"(0 {rhs} == v[{identity.target!r}])")
    source = "\n".join(
        [
            "def all_hold(v):",
            "    try:",
            "        return " + " and ".join(terms),
            "    except (KeyError, TypeError):",
            "        return None",
        ]
    )
    return define(source, "all_hold", f"<validate identities {version}>")  # type: ignore[no-any-return]


@cache
def _by_key(version: FormatVersion) -> dict[tuple[str, str], Identity]:
    return {(i.code, i.target): i for i in identities(version)}


@cache
def _by_cell(version: FormatVersion) -> dict[str, tuple[Identity, ...]]:
    index: dict[str, list[Identity]] = {}
    for identity in identities(version):
        for cell in identity.cells:
            index.setdefault(cell, []).append(identity)
    return {cell: tuple(found) for cell, found in index.items()}


def identity_findings(subject: Subject) -> list[Finding]:
    """Every broken identity (t3-balance, t3-outcomes-total, t3-row-total, t4-total).

    Each finding carries the target cell's source location and the joint error localisation
    (:func:`~govinfo_report.validate.localize`): the smallest sets of cells whose change makes
    every identity hold, and, where the answer is unique, the cell of its identity to correct.
    """
    version = requests_layout(subject)  # table 三 as printed (a mixed report: its own layout)
    values = subject.values
    if _all_hold(version)(values):
        return []
    found = check(version, values)
    if not found:
        return []
    keyed = _by_key(version)
    failing = [keyed[(f.code, f.path or "")] for f in found]
    # Fellegi–Holt localisation over every identity at once; the narrative breaks ties.
    return localisation_findings(subject, found, failing, text_findings, version=version)


# --- cells, rows, tables -------------------------------------------------------------------


@cache
def _layout(version: FormatVersion) -> dict[str, list[tuple[str, tuple[str, ...], list[str]]]]:
    """Per section: its tables as (table path, labels, cell ids)."""
    tables: dict[str, list[tuple[str, tuple[str, ...], list[str]]]] = {}
    section_titles = {s.key: s.title for s in tx.sections(version)}
    for spec in tx.cell_specs(version):
        parts = spec.id.split(".")
        labels: tuple[str, ...]
        if spec.section == "proactive_disclosure":
            path = tx.cell_id(*parts[:2])
            labels = (section_titles[spec.section], spec.labels[0])
        else:
            path = spec.section
            labels = (section_titles[spec.section],)
        entries = tables.setdefault(spec.section, [])
        if not entries or entries[-1][0] != path:
            entries.append((path, labels, []))
        entries[-1][2].append(spec.id)
    return tables


def _row_of(cell: str) -> str:
    return cell.rsplit(".", 1)[0]


def section_present(subject: Subject, key: str) -> bool:
    """Whether a section was found: by its title, or for a table section by any of its cells."""
    return key in subject.sections or key in subject.cell_sections


@cache
def _clean_check(version: FormatVersion) -> Callable[[Any], bool]:
    """A generated predicate: every cell present, printed as a plain number of the right kind.

    What "the right kind" means is the acceptance layer's expression for each cell's kind
    (:func:`govinfo_report.accept.accepts_source`), so this fast path and the cell checks agree.
    """
    lines = ["def clean(cells, NUMBER):", "    try:"]
    for spec in tx.cell_specs(version):
        get = f"cells[{spec.id!r}]"
        lines.append(f"        c = {get}")
        lines.append("        if c.status is not NUMBER: return False")
        accepts = accepts_source(spec.kind, "c.value", int_amount=True)
        lines.append(f"        if not ({accepts}): return False")
    lines += ["    except KeyError:", "        return False", "    return True"]
    source = "\n".join(lines)
    check_cells = define(source, "clean", f"<validate cells {version}>", ACCEPTS_NAMESPACE)
    return lambda cells: bool(check_cells(cells, CellStatus.NUMBER))


_BLANK_LIMITS = {"requests": 10, "review_litigation": 5}


def cell_findings(subject: Subject) -> list[Finding]:
    """Missing tables, rows and cells; blank, dash, unit-bearing and invalid cells; the fee.

    A missing table is one finding (not one per cell), and so is a missing row; a section that
    is missing altogether is left to the structure check.
    """
    found: list[Finding] = []
    fee = subject.fee_yuan
    if fee is not None and not (fee.is_finite() and fee >= 0):
        found.append(
            make_finding(
                CELL_INVALID,
                path=tx.FEE_PATH,
                labels=tx.fee_labels(subject.version),
                actual=str(fee),
                reason_zh=KIND_REASONS[CellKind.AMOUNT].zh,
                reason_en=KIND_REASONS[CellKind.AMOUNT].en,
            )
        )
    cells = subject.cells
    if cells is None:  # a strict model: every cell is present and valid by construction
        return found
    version = subject.version
    if _clean_check(version)(cells):
        return found  # the common case: every cell printed as a plain valid number
    missing: set[str] = set()
    for key, tables in _layout(version).items():
        if not section_present(subject, key):
            missing.update(cell for _, _, ids in tables for cell in ids)
            continue
        for path, labels, ids in tables:
            if not any(cell in cells for cell in ids):
                found.append(make_finding(TABLE_MISSING, path=path, labels=labels))
                missing.update(ids)
                continue
            rows: dict[str, list[str]] = {}
            for cell in ids:
                rows.setdefault(_row_of(cell), []).append(cell)
            for row, row_cells in rows.items():
                if not any(cell in cells for cell in row_cells):
                    spec = tx.cell_index(version)[row_cells[0]]
                    found.append(make_finding(ROW_MISSING, path=row, labels=spec.labels[:-1]))
                    missing.update(row_cells)
    probe = Draft(metadata=DraftMetadata(format_version=version), cells=cells)
    found += [
        f for f in probe.cell_findings() if not (f.code == "cell-missing" and f.path in missing)
    ]
    found = [f for f in found if not excused(subject, f)]  # the other layout's rows
    for key, limit in _BLANK_LIMITS.items():
        prefix = key + "."
        blanks = sum(
            1
            for cell_id, cell in cells.items()
            if cell_id.startswith(prefix)
            and cell.status in (CellStatus.BLANK, CellStatus.DASH)
            and cell_id in tx.cell_index(version)
        )
        if blanks > limit:
            found.append(
                section_finding(
                    CELL_BLANK_MANY, version, key, actual=blanks, count=blanks, limit=limit
                )
            )
    return found


# --- table 二 ----------------------------------------------------------------------------

_LOCAL = re.compile(r"县|区|旗|乡|镇|街道")


@cache
def _stock_rules(version: FormatVersion) -> tuple[tuple[tuple[str, ...], str, str], ...]:
    """(stock, plus and minus cells; formula zh; formula en) for the table 二 stock check."""
    specs = tx.cell_index(version)
    rules = []
    for cells in stock_cells(version):
        terms = cells[1:]
        formula = " − ".join(specs[cell].labels[-1] for cell in terms)
        formula_en = " − ".join(cell.rsplit(".", 1)[1] for cell in terms)
        rules.append((cells, formula, formula_en))
    return tuple(rules)


# 规章 made this year (a local body makes none), by format version
_RULES_MADE = {
    FormatVersion.V2021: tx.known_cells(
        "proactive_disclosure.art20_1.rules.issued", version=FormatVersion.V2021
    ),
    FormatVersion.V2019: tx.known_cells(
        "proactive_disclosure.art20_1.rules.newly_made", version=FormatVersion.V2019
    ),
}


def table2_findings(subject: Subject) -> list[Finding]:
    """Table 二 soft checks: a stock below this year's net change; 规章 from a local body."""
    found: list[Finding] = []
    for cells, formula, formula_en in _stock_rules(subject.version):
        values = [subject.value(c) for c in cells]
        if any(type(v) is not int for v in values):
            continue
        actual, added, *rest = values
        removed = rest[0] if rest else 0
        assert isinstance(actual, int)
        assert isinstance(added, int)
        assert isinstance(removed, int)
        expected = added - removed
        if actual < expected:
            found.append(
                cell_finding(
                    T2_STOCK,
                    subject,
                    cells[0],
                    expected=expected,
                    actual=actual,
                    related=cells[1:],
                    formula=formula,
                    formula_en=formula_en,
                )
            )
    agency = subject.agency
    if agency and _LOCAL.search(agency.replace("自治区", "")):
        (cell,) = _RULES_MADE[subject.version]
        value = subject.value(cell)
        if isinstance(value, int) and value > 0:
            found.append(cell_finding(T2_RULES_BODY, subject, cell, actual=value, agency=agency))
    return found

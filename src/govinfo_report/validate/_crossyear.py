"""Cross-year checks: this year's report against last year's report of the same body.

Text overlap is measured as the Jaccard similarity of the sets of character 4-grams of the two
texts, after removing whitespace and replacing every run of digits by one placeholder (so a copy
with this year's numbers typed in is still a copy). Jaccard is symmetric, linear in the text
length and insensitive to paragraphs being reordered, unlike ``difflib.SequenceMatcher``, which
is quadratic and order-bound.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from .. import taxonomy as tx
from ..catalog import XY_AGENCY, XY_CARRYOVER, XY_COPIED, XY_JUMP, XY_STOCK, XY_YEAR, Rule
from ..findings import Finding
from ..taxonomy import SCOPE_LABELS, CellKind, FormatVersion
from ._common import cell_finding, figure, metadata_finding, section_finding, stock_cells
from ._subject import Subject

__all__ = ["COPY_THRESHOLD", "CROSSYEAR_RULES", "crossyear_findings", "similarity"]

CROSSYEAR_RULES: tuple[Rule, ...] = (XY_YEAR, XY_AGENCY, XY_CARRYOVER, XY_STOCK, XY_JUMP, XY_COPIED)
"""The rules :func:`crossyear_findings` emits."""

COPY_THRESHOLD = 0.5
"""Above this Jaccard similarity a section counts as copied from last year."""

NGRAM = 4
"""The length of the character n-grams compared."""

MIN_COPY_LENGTH = 50
"""Sections shorter than this (in characters, both years) are not compared."""

JUMP_RATIO = 5
"""Year-on-year growth beyond this factor, or a fall below its inverse, is reported."""

JUMP_FLOOR = 10
"""Jumps are reported only when the larger of the two values is at least this."""

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def _shingles(text: str) -> frozenset[str]:
    clean = _DIGITS.sub("#", _SPACE.sub("", text))
    return frozenset(clean[i : i + NGRAM] for i in range(max(0, len(clean) - NGRAM + 1)))


def similarity(a: str, b: str) -> float:
    """The Jaccard similarity (0–1) of two texts' character 4-gram sets (digits masked).

    Examples:
        >>> from govinfo_report.validate import similarity
        >>> similarity("本年度共收到申请10件。", "本年度共收到申请10件。")
        1.0
    """
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


@cache
def _jump_cells(current: FormatVersion, previous: FormatVersion) -> tuple[str, ...]:
    """The key figures compared year on year: totals of tables 三 and 四, table 二's cells."""
    theirs = tx.cell_index(previous)
    cells = []
    for spec in tx.cell_specs(current):
        if spec.id not in theirs or spec.kind is CellKind.SIGNED:
            continue
        if spec.section != "proactive_disclosure" and not spec.id.endswith(".total"):
            continue
        cells.append(spec.id)
    return tuple(cells)


def _metadata(cur: Subject, prev: Subject) -> list[Finding]:
    found = []
    if cur.year is not None and prev.year is not None and cur.year != prev.year + 1:
        found.append(
            metadata_finding(
                XY_YEAR,
                "year",
                expected=prev.year + 1,
                actual=cur.year,
                year=cur.year,
                previous_year=prev.year,
            )
        )
    if cur.agency and prev.agency and _SPACE.sub("", cur.agency) != _SPACE.sub("", prev.agency):
        found.append(
            metadata_finding(
                XY_AGENCY, "agency", actual=cur.agency, current=cur.agency, previous=prev.agency
            )
        )
    if cur.scope is not None and prev.scope is not None and cur.scope is not prev.scope:
        found.append(
            metadata_finding(
                XY_AGENCY,
                "scope",
                actual=cur.scope.value,
                current=SCOPE_LABELS[cur.scope],
                previous=SCOPE_LABELS[prev.scope],
            )
        )
    return found


# (this year's 上年结转 cell, last year's 结转下年度 cell), column by column
_CARRYOVER: tuple[tuple[str, str], ...] = tuple(
    zip(
        tx.known_cells(*(tx.cell_id("requests", "carried_in", c) for c in tx.REQUEST_COLUMNS)),
        tx.known_cells(*(tx.cell_id("requests", "carried_forward", c) for c in tx.REQUEST_COLUMNS)),
        strict=True,
    )
)


def _carryover(cur: Subject, prev: Subject) -> list[Finding]:
    found = []
    for mine, theirs in _CARRYOVER:
        if not cur.has(mine) or not prev.has(theirs):
            continue
        expected, actual = prev.number(theirs), cur.number(mine)
        if expected != actual:
            found.append(cell_finding(XY_CARRYOVER, cur, mine, expected=expected, actual=actual))
    return found


def _ints(subject: Subject, *cells: str) -> list[int] | None:
    values = [subject.value(cell) for cell in cells]
    if all(type(v) is int for v in values):
        return values  # type: ignore[return-value]
    return None


def _stock(cur: Subject, prev: Subject) -> list[Finding]:
    """This year's stock against last year's rolled forward (2021: 现行有效件数; 2019: 上一年项目数量)."""
    if cur.version is not prev.version:
        return []
    if cur.version is FormatVersion.V2021:
        return _stock_2021(cur, prev)
    found: list[Finding] = []
    specs = tx.cell_index(cur.version)
    for spec in tx.cell_specs(cur.version):
        if not spec.id.endswith(".prior_year_items"):
            continue
        change = specs[tx.cell_id(spec.id.rsplit(".", 1)[0], "change")]
        mine = _ints(cur, spec.id)
        theirs = _ints(prev, spec.id, change.id)
        if mine is None or theirs is None:
            continue
        expected = theirs[0] + theirs[1]
        if mine[0] != expected:
            found.append(
                cell_finding(
                    XY_STOCK,
                    cur,
                    spec.id,
                    expected=expected,
                    actual=mine[0],
                    formula=(
                        f"上年报告的{spec.labels[-1]} {theirs[0]} + {change.labels[-1]} {theirs[1]}"
                    ),
                    formula_en=(
                        f"last year's {spec.english[-1].lower()} {theirs[0]} "
                        f"+ {change.english[-1].lower()} {theirs[1]}"
                    ),
                )
            )
    return found


def _stock_2021(cur: Subject, prev: Subject) -> list[Finding]:
    """现行有效件数 = last year's + 本年制发件数 − 本年废止件数, per row of 第二十条第（一）项."""
    found: list[Finding] = []
    specs = tx.cell_index(cur.version)
    for cells in stock_cells(cur.version):
        mine = _ints(cur, *cells)
        theirs = _ints(prev, cells[0])
        if mine is None or theirs is None:
            continue
        stock, issued, repealed = mine
        expected = theirs[0] + issued - repealed
        if stock == expected:
            continue
        stock_spec, issued_spec, repealed_spec = (specs[cell] for cell in cells)
        found.append(
            cell_finding(
                XY_STOCK,
                cur,
                cells[0],
                expected=expected,
                actual=stock,
                formula=(
                    f"上年{stock_spec.labels[-1]} {theirs[0]} + {issued_spec.labels[-1]} {issued} "
                    f"− {repealed_spec.labels[-1]} {repealed}"
                ),
                formula_en=(
                    f"last year's {stock_spec.english[-1].lower()} {theirs[0]} + "
                    f"{issued_spec.english[-1].lower()} {issued} − "
                    f"{repealed_spec.english[-1].lower()} {repealed}"
                ),
            )
        )
    return found


def _jumps(cur: Subject, prev: Subject) -> list[Finding]:
    found = []
    for cell in _jump_cells(cur.version, prev.version):
        a, b = cur.value(cell), prev.value(cell)
        if a is None or b is None or b <= 0 or a < 0 or max(a, b) < JUMP_FLOOR:
            continue
        ratio = Decimal(a) / Decimal(b)
        if ratio > JUMP_RATIO or ratio < Decimal(1) / JUMP_RATIO:
            found.append(
                cell_finding(
                    XY_JUMP,
                    cur,
                    cell,
                    actual=a,
                    previous=figure(b),
                    ratio=figure(ratio.quantize(Decimal("0.01"))),
                )
            )
    return found


def _copied(cur: Subject, prev: Subject) -> list[Finding]:
    found = []
    for key in tx.NARRATIVE_SECTIONS:
        a, b = cur.texts.get(key, ""), prev.texts.get(key, "")
        if len(_SPACE.sub("", a)) < MIN_COPY_LENGTH or len(_SPACE.sub("", b)) < MIN_COPY_LENGTH:
            continue
        score = similarity(a, b)
        if score > COPY_THRESHOLD:
            percent = int(score * 100)
            found.append(
                section_finding(
                    XY_COPIED,
                    cur.version,
                    key,
                    actual=f"{percent}%",
                    source=cur.section_sources.get(key),
                    percent=percent,
                )
            )
    return found


def crossyear_findings(cur: Subject, prev: Subject) -> list[Finding]:
    """Every cross-year finding of this year's report against last year's.

    When both years are known and not consecutive, only ``xy-year`` and the text comparison are
    reported: carry-over, stock roll-forward and year-on-year jumps compare adjacent years only,
    and would otherwise bury the one real problem under consequential ones.
    """
    found = _metadata(cur, prev)
    adjacent = cur.year is None or prev.year is None or cur.year == prev.year + 1
    if adjacent:
        found += [*_carryover(cur, prev), *_stock(cur, prev), *_jumps(cur, prev)]
    return [*found, *_copied(cur, prev)]

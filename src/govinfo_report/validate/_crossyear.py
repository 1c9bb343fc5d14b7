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
from ..findings import Finding, make_finding
from ..taxonomy import SCOPE_LABELS, CellKind, FormatVersion
from ._common import META_LABELS, fmt, section_labels
from ._subject import NARRATIVE_KEYS, Subject

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
            make_finding(
                XY_YEAR,
                path="metadata.year",
                labels=META_LABELS["metadata.year"],
                expected=prev.year + 1,
                actual=cur.year,
                year=cur.year,
                previous_year=prev.year,
            )
        )
    if cur.agency and prev.agency and _SPACE.sub("", cur.agency) != _SPACE.sub("", prev.agency):
        found.append(
            make_finding(
                XY_AGENCY,
                path="metadata.agency",
                labels=META_LABELS["metadata.agency"],
                actual=cur.agency,
                current=cur.agency,
                previous=prev.agency,
            )
        )
    if cur.scope is not None and prev.scope is not None and cur.scope is not prev.scope:
        found.append(
            make_finding(
                XY_AGENCY,
                path="metadata.scope",
                labels=META_LABELS["metadata.scope"],
                actual=cur.scope.value,
                current=SCOPE_LABELS[cur.scope],
                previous=SCOPE_LABELS[prev.scope],
            )
        )
    return found


def _carryover(cur: Subject, prev: Subject) -> list[Finding]:
    found = []
    specs = tx.cell_index(cur.version)
    for column in tx.REQUEST_COLUMNS:
        mine = f"requests.carried_in.{column.key}"
        theirs = f"requests.carried_forward.{column.key}"
        if not cur.has(mine) or not prev.has(theirs):
            continue
        expected, actual = prev.number(theirs), cur.number(mine)
        if expected != actual:
            found.append(
                make_finding(
                    XY_CARRYOVER,
                    path=mine,
                    labels=specs[mine].labels,
                    expected=expected,
                    actual=actual,
                    source=cur.source_of(mine),
                )
            )
    return found


def _ints(subject: Subject, *cells: str) -> list[int] | None:
    values = [subject.value(cell) for cell in cells]
    if all(type(v) is int for v in values):
        return values  # type: ignore[return-value]
    return None


def _stock(cur: Subject, prev: Subject) -> list[Finding]:
    found: list[Finding] = []
    if cur.version is not prev.version:
        return found
    specs = tx.cell_index(cur.version)
    if cur.version is FormatVersion.V2021:
        for row in ("rules", "normative_documents"):
            base = f"proactive_disclosure.art20_1.{row}"
            mine = _ints(cur, f"{base}.in_force", f"{base}.issued", f"{base}.repealed")
            theirs = _ints(prev, f"{base}.in_force")
            if mine is None or theirs is None:
                continue
            stock, issued, repealed = mine
            expected = theirs[0] + issued - repealed
            stock_zh, issued_zh, repealed_zh = (
                specs[f"{base}.{c}"].labels[-1] for c in ("in_force", "issued", "repealed")
            )
            stock_en, issued_en, repealed_en = (
                specs[f"{base}.{c}"].english[-1] for c in ("in_force", "issued", "repealed")
            )
            if stock != expected:
                found.append(
                    make_finding(
                        XY_STOCK,
                        path=f"{base}.in_force",
                        labels=specs[f"{base}.in_force"].labels,
                        expected=expected,
                        actual=stock,
                        source=cur.source_of(f"{base}.in_force"),
                        formula=(
                            f"上年{stock_zh} {theirs[0]} + {issued_zh} {issued} "
                            f"− {repealed_zh} {repealed}"
                        ),
                        formula_en=(
                            f"last year's {stock_en.lower()} {theirs[0]} + {issued_en.lower()} "
                            f"{issued} − {repealed_en.lower()} {repealed}"
                        ),
                    )
                )
        return found
    for spec in tx.cell_specs(cur.version):
        if not spec.id.endswith(".prior_year_items"):
            continue
        base = spec.id.rsplit(".", 1)[0]
        mine = _ints(cur, spec.id)
        theirs = _ints(prev, spec.id, f"{base}.change")
        if mine is None or theirs is None:
            continue
        expected = theirs[0] + theirs[1]
        change = specs[f"{base}.change"]
        if mine[0] != expected:
            found.append(
                make_finding(
                    XY_STOCK,
                    path=spec.id,
                    labels=spec.labels,
                    expected=expected,
                    actual=mine[0],
                    source=cur.source_of(spec.id),
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


def _jumps(cur: Subject, prev: Subject) -> list[Finding]:
    found = []
    specs = tx.cell_index(cur.version)
    for cell in _jump_cells(cur.version, prev.version):
        a, b = cur.value(cell), prev.value(cell)
        if a is None or b is None or b <= 0 or a < 0 or max(a, b) < JUMP_FLOOR:
            continue
        ratio = Decimal(a) / Decimal(b)
        if ratio > JUMP_RATIO or ratio < Decimal(1) / JUMP_RATIO:
            found.append(
                make_finding(
                    XY_JUMP,
                    path=cell,
                    labels=specs[cell].labels,
                    actual=a,
                    source=cur.source_of(cell),
                    previous=fmt(b),
                    ratio=fmt(ratio.quantize(Decimal("0.01"))),
                )
            )
    return found


def _copied(cur: Subject, prev: Subject) -> list[Finding]:
    found = []
    for key in NARRATIVE_KEYS:
        a, b = cur.texts.get(key, ""), prev.texts.get(key, "")
        if len(_SPACE.sub("", a)) < MIN_COPY_LENGTH or len(_SPACE.sub("", b)) < MIN_COPY_LENGTH:
            continue
        score = similarity(a, b)
        if score > COPY_THRESHOLD:
            percent = int(score * 100)
            found.append(
                make_finding(
                    XY_COPIED,
                    path=key,
                    labels=section_labels(cur.version, key),
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

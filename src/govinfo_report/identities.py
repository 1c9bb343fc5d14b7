"""The accounting identities (勾稽关系), declared once as data, and one pure evaluator.

Every identity has the form ``target = Σ sign × term`` over cell identifiers. They are generated
from the taxonomy for each format version, so the model's constructors, the lenient draft's
checks, the validator, the hypothesis strategies and the docs all use the same list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Final

import attrs

from .findings import Finding, make_finding
from .taxonomy import (
    CASE_COLUMNS,
    CASE_GROUPS,
    REQUEST_COLUMNS,
    FormatVersion,
    cell_index,
    outcome_leaves,
    request_row_leaves,
    row_id,
)

__all__ = ["Identity", "check", "identities"]

Number = int | Decimal

_APPLICANTS = tuple(c for c in REQUEST_COLUMNS if c.key != "total")
_CASE_PARTS = tuple(c for c in CASE_COLUMNS if c.key != "total")

_FORMULAS: Final[dict[str, tuple[str, str]]] = {
    "t3-balance": (
        "一、本年新收 + 二、上年结转 − （七）总计",
        "new requests + carried in − total outcomes",
    ),
    "t3-outcomes-total": ("（一）至（六）各办理结果之和", "sum of outcome rows (一)–(六)"),
    "t3-row-total": ("自然人与法人或其他组织五列之和", "sum of the six applicant columns"),
    "t4-total": (
        "结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        "upheld + corrected + other + pending",
    ),
}


@attrs.frozen
class Identity:
    """One accounting identity: ``target = Σ sign × term``.

    Attributes:
        code: the catalogue code of the rule it belongs to (e.g. ``t3-balance``).
        target: the identifier of the cell the identity determines.
        terms: ``(sign, cell id)`` pairs whose signed sum the target must equal.
    """

    code: str
    target: str
    terms: tuple[tuple[int, str], ...]

    @property
    def cells(self) -> tuple[str, ...]:
        """Every cell the identity involves, target first."""
        return (self.target, *(cell for _, cell in self.terms))

    def expected(self, get: Callable[[str], Number]) -> Number:
        """The value the target must have, given a getter for the terms."""
        total: Number = 0
        for sign, cell in self.terms:
            total += sign * get(cell)
        return total


def _table3(version: FormatVersion) -> Iterator[Identity]:
    rows = request_row_leaves(version)
    outcomes = [row_id(p) for p in outcome_leaves(version)]
    for column in REQUEST_COLUMNS:
        c = column.key
        yield Identity(
            "t3-balance",
            f"requests.carried_forward.{c}",
            (
                (1, f"requests.new_requests.{c}"),
                (1, f"requests.carried_in.{c}"),
                (-1, f"requests.outcomes_total.{c}"),
            ),
        )
    for column in REQUEST_COLUMNS:
        c = column.key
        yield Identity(
            "t3-outcomes-total",
            f"requests.outcomes_total.{c}",
            tuple((1, f"requests.{row}.{c}") for row in outcomes),
        )
    for path in rows:
        row = f"requests.{row_id(path)}"
        yield Identity(
            "t3-row-total",
            f"{row}.total",
            tuple((1, f"{row}.{c.key}") for c in _APPLICANTS),
        )


def _table4() -> Iterator[Identity]:
    for group, _ in CASE_GROUPS:
        base = f"review_litigation.{group.key}"
        yield Identity(
            "t4-total",
            f"{base}.total",
            tuple((1, f"{base}.{c.key}") for c in _CASE_PARTS),
        )


@cache
def identities(version: FormatVersion) -> tuple[Identity, ...]:
    """Every identity of a format version: table 三 balance, outcome totals, row totals, table 四."""
    return (*_table3(version), *_table4())


def violation(
    identity: Identity, version: FormatVersion, expected: Number, actual: Number | None
) -> Finding:
    """The finding for ``identity`` failing with these values (``actual`` None: printed blank)."""
    spec = cell_index(version)[identity.target]
    formula_zh, formula_en = _FORMULAS[identity.code]
    return make_finding(
        identity.code,
        path=identity.target,
        labels=spec.labels,
        expected=expected,
        actual=actual,
        related=tuple(cell for _, cell in identity.terms),
        formula=formula_zh,
        formula_en=formula_en,
    )


class _Missing(Exception):
    pass


def check(
    version: FormatVersion,
    values: Mapping[str, Number | None],
    *,
    only: Iterable[Identity] | None = None,
) -> list[Finding]:
    """Evaluate identities over a ``cell id → value`` mapping and return the violations.

    A cell whose value is ``None`` (printed blank, ``/`` or ``—``) counts as 0, as offices mean
    it. An identity with a cell absent from ``values`` (not printed at all, or not a number) is
    not assessable and is skipped: the missing cell is a finding of its own elsewhere.
    """

    def get(cell: str) -> Number:
        if cell not in values:
            raise _Missing
        value = values[cell]
        return 0 if value is None else value

    found: list[Finding] = []
    for identity in identities(version) if only is None else only:
        try:
            expected = identity.expected(get)
            actual = get(identity.target)
        except _Missing:
            continue
        if expected != actual:
            # A blank target reconciles as 0 but is reported as what was printed: blank.
            printed = values[identity.target]
            found.append(violation(identity, version, expected, printed))
    return found

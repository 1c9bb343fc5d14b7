"""The accounting identities (勾稽关系), declared once as data, and one pure evaluator.

Every identity has the form ``target = Σ sign × term`` over cell identifiers. They are generated
from the taxonomy for each format version, so the model's constructors, the lenient draft's
checks, the validator, the hypothesis strategies and the docs all use the same list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache

import attrs

from .accept import Number
from .catalog import T3_BALANCE, T3_OUTCOMES_TOTAL, T3_ROW_TOTAL, T4_TOTAL, Rule
from .findings import Finding, make_finding
from .taxonomy import (
    APPLICANT_COLUMNS,
    CASE_COLUMNS,
    CASE_GROUPS,
    CASE_RESULT_COLUMNS,
    REQUEST_COLUMNS,
    FormatVersion,
    cell_id,
    cell_index,
    outcome_leaves,
    request_row_leaves,
)

__all__ = ["Identity", "check", "derive", "formula", "identities", "violation"]


# A column under a spanning header ("其他" under 法人或其他组织) is named with it in a range.
_COLUMN_GROUP = {c.key: c.group for c in (*REQUEST_COLUMNS, *CASE_COLUMNS) if c.group}


@attrs.frozen
class Identity:
    """One accounting identity: ``target = Σ sign × term``.

    Attributes:
        rule: the catalogue rule it belongs to (e.g. :data:`~govinfo_report.catalog.T3_BALANCE`).
        target: the identifier of the cell the identity determines.
        terms: ``(sign, cell id)`` pairs whose signed sum the target must equal.

    Examples:
        >>> from govinfo_report.identities import identities
        >>> from govinfo_report.taxonomy import FormatVersion
        >>> first = identities(FormatVersion.V2021)[0]
        >>> first.code, first.cells[:2]
        ('t3-balance', ('requests.carried_forward.natural_person', 'requests.new_requests.natural_person'))
        >>> first.expected(lambda cell: 10)
        10
    """

    rule: Rule
    target: str
    terms: tuple[tuple[int, str], ...]

    @property
    def code(self) -> str:
        """The code of the rule (``t3-balance``)."""
        return self.rule.code

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
    outcomes = outcome_leaves(version)
    for c in REQUEST_COLUMNS:
        yield Identity(
            T3_BALANCE,
            cell_id("requests", "carried_forward", c),
            (
                (1, cell_id("requests", "new_requests", c)),
                (1, cell_id("requests", "carried_in", c)),
                (-1, cell_id("requests", "outcomes_total", c)),
            ),
        )
    for c in REQUEST_COLUMNS:
        yield Identity(
            T3_OUTCOMES_TOTAL,
            cell_id("requests", "outcomes_total", c),
            tuple((1, cell_id("requests", path, c)) for path in outcomes),
        )
    for path in rows:
        yield Identity(
            T3_ROW_TOTAL,
            cell_id("requests", path, "total"),
            tuple((1, cell_id("requests", path, c)) for c in APPLICANT_COLUMNS),
        )


def _table4() -> Iterator[Identity]:
    for group, _ in CASE_GROUPS:
        yield Identity(
            T4_TOTAL,
            cell_id("review_litigation", group, "total"),
            tuple((1, cell_id("review_litigation", group, c)) for c in CASE_RESULT_COLUMNS),
        )


@cache
def identities(version: FormatVersion) -> tuple[Identity, ...]:
    """Every identity of a format version: table 三 balance, outcome totals, row totals, table 四.

    Examples:
        >>> from govinfo_report.identities import identities
        >>> from govinfo_report.taxonomy import FormatVersion
        >>> len(identities(FormatVersion.V2021)), len(identities(FormatVersion.V2019))
        (42, 40)
    """
    return (*_table3(version), *_table4())


def violation(
    identity: Identity, version: FormatVersion, expected: Number, actual: Number | None
) -> Finding:
    """The finding for ``identity`` failing with these values (``actual`` None: printed blank).

    Examples:
        >>> from govinfo_report.identities import identities, violation
        >>> from govinfo_report.taxonomy import FormatVersion
        >>> rule = identities(FormatVersion.V2021)[0]
        >>> violation(rule, FormatVersion.V2021, expected=90, actual=88).message_en[:45]
        'requests.carried_forward.natural_person: expe'
    """
    spec = cell_index(version)[identity.target]
    formula_zh, formula_en = formula(identity, version)
    return make_finding(
        identity.rule,
        path=identity.target,
        labels=spec.labels,
        expected=expected,
        actual=actual,
        related=tuple(cell for _, cell in identity.terms),
        formula=formula_zh,
        formula_en=formula_en,
    )


_MAX_TERMS_SPELLED = 4


def _without_note(label: str) -> str:
    """A label without its trailing parenthetical note (（二）部分公开（区分处理的，…） → （二）部分公开)."""
    for opener in ("（", "("):
        cut = label.find(opener, 1)
        if cut > 0 and label.endswith(("）", ")")):
            return label[:cut]
    return label


@cache
def formula(identity: Identity, version: FormatVersion) -> tuple[str, str]:
    """The identity's right-hand side in words, Chinese and English, derived from the labels.

    Each term is named by the first label in which it differs from the target; up to four terms
    are spelled out with their signs ("结果维持 + 结果纠正 + 其他结果 + 尚未审结"), longer sums are
    given by their first and last term ("（一）予以公开至（六）其他处理之和").

    Examples:
        >>> from govinfo_report.identities import formula, identities
        >>> from govinfo_report.taxonomy import FormatVersion
        >>> formula(identities(FormatVersion.V2021)[0], FormatVersion.V2021)[1]
        'New requests this year + Carried over from last year − Total outcomes'
    """
    index = cell_index(version)
    target = index[identity.target]
    named: list[tuple[int, str, str]] = []
    groups: list[str | None] = []
    for sign, cell in identity.terms:
        spec = index[cell]
        at = next(
            (n for n, label in enumerate(spec.labels) if label not in target.labels),
            len(spec.labels) - 1,
        )
        term = (sign, _without_note(spec.labels[at]), spec.english[at])
        if term not in named:  # leaves of one group are named once, by their group
            named.append(term)
            groups.append(_COLUMN_GROUP.get(cell.rpartition(".")[2]))
    if len(named) > _MAX_TERMS_SPELLED:
        first, last = named[0], named[-1]
        last_zh = last[1] if groups[-1] in (None, groups[0]) else f"{last[1]}（{groups[-1]}）"
        return f"{first[1]}至{last_zh}之和", f"sum of {first[2]} to {last[2]}"
    zh = en = ""
    for position, (sign, label_zh, label_en) in enumerate(named):
        op = ("" if position == 0 else " + ") if sign > 0 else (" − " if position else "−")
        zh += op + label_zh
        en += op + label_en
    return zh, en


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

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.identities import check
        >>> values = dict(gr.load("examples/city-2024.yaml").values())
        >>> values["requests.carried_forward.natural_person"] += 1
        >>> [(f.code, f.expected, f.actual) for f in check(gr.FormatVersion.V2021, values)][0]
        ('t3-balance', 90, 91)
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


_OUTCOMES_TOTAL_ROW = "requests.outcomes_total.total"


def derive(
    version: FormatVersion, values: Mapping[str, Number | None], *, outcomes_given: bool = False
) -> dict[str, Number | None]:
    """The totals a report may omit (row 总计, （七）总计, table 四 总计), derived from their terms.

    A total already in ``values`` is kept as given (``None`` marks a cell that is there but holds
    no usable number: nothing is derived from it or into it); the balance 一 + 二 = （七） + 四
    derives nothing. Row totals come first, then （七） per column, then the （七） row's own total.
    When ``outcomes_given``, the （七） row was given as a whole, so only its own total is derived.

    Examples:
        >>> base = "review_litigation.review"
        >>> parts = {f"{base}.{key}": 1 for key in ("upheld", "corrected", "other_result", "pending")}
        >>> derive(FormatVersion.V2021, parts)[f"{base}.total"]
        4
    """
    chosen = [
        i
        for i in identities(version)
        if i.rule is not T3_BALANCE
        and not (outcomes_given and i.rule is T3_OUTCOMES_TOTAL and i.target != _OUTCOMES_TOTAL_ROW)
    ]
    ordered = sorted(
        chosen, key=lambda i: (i.rule is T3_OUTCOMES_TOTAL, i.target == _OUTCOMES_TOTAL_ROW)
    )
    found = dict(values)
    for identity in ordered:
        if identity.target in found or any(found.get(cell) is None for _, cell in identity.terms):
            continue
        found[identity.target] = identity.expected(lambda cell: found[cell] or 0)
    return found

"""The validator: a tuple of checks, rule selection by code or tag, and ``validate()``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

import attrs

from ..catalog import (
    CELL_BLANK,
    CELL_BLANK_MANY,
    CELL_INVALID,
    CELL_MISSING,
    CELL_UNIT,
    CHECK_FAILED,
    FORMAT_MISMATCH,
    FORMAT_MIX,
    FORMAT_YEAR,
    LATE_PUBLICATION,
    METADATA_MISSING,
    ROW_MISSING,
    RULES,
    SECTION_MISSING,
    SECTION_TITLE,
    T2_RULES_BODY,
    T2_STOCK,
    T3_BALANCE,
    T3_OUTCOMES_TOTAL,
    T3_ROW_TOTAL,
    T4_TOTAL,
    TABLE_LAYOUT,
    TABLE_MISSING,
    Rule,
)
from ..draft import Draft
from ..errors import GovInfoReportError
from ..findings import Finding, make_finding
from ..model import AnnualReport
from ._common import sort_key
from ._crossyear import CROSSYEAR_RULES, crossyear_findings
from ._layout import layout_findings
from ._narrative import (
    FEE_RULES,
    NARRATIVE_SECTION_RULES,
    TEXT_RULES,
    fee_findings,
    narrative_section_findings,
    text_findings,
)
from ._report import ValidationReport
from ._structure import format_findings, metadata_findings, publication_findings, section_findings
from ._subject import Subject, subject_of
from ._tables import cell_findings, identity_findings, table2_findings

__all__ = ["CHECKS", "Check", "UnknownRuleError", "rules_for", "validate"]


class UnknownRuleError(GovInfoReportError, ValueError):
    """A code or tag given to ``select`` or ``ignore`` that no rule of the catalogue has.

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.validate import UnknownRuleError, validate
        >>> try:
        ...     validate(gr.load("examples/hongqi-2023.yaml"), select=["no-such-rule"])
        ... except UnknownRuleError as exc:
        ...     print(isinstance(exc, ValueError))
        True
    """


@attrs.frozen
class Check:
    """One check: the catalogue rules it can emit (the objects) and the function that emits them.

    ``run`` takes this year's view and, for cross-year checks, last year's.

    Examples:
        >>> from govinfo_report.validate import CHECKS
        >>> identities = CHECKS[0]
        >>> identities.crossyear, "t4-total" in identities.codes
        (False, True)
        >>> next(c for c in CHECKS if c.name == "table2").codes == {"t2-stock", "t2-rules-body"}
        True
    """

    name: str
    rules: tuple[Rule, ...]
    run: Callable[[Subject, Subject | None], list[Finding]]
    crossyear: bool = False
    codes: frozenset[str] = attrs.field(init=False)
    """The codes of the rules it can emit (derived from ``rules``)."""

    @codes.default
    def _codes(self) -> frozenset[str]:
        return frozenset(r.code for r in self.rules)


def _one(
    func: Callable[[Subject], list[Finding]],
) -> Callable[[Subject, Subject | None], list[Finding]]:
    return lambda subject, _previous: func(subject)


def _cross(subject: Subject, previous: Subject | None) -> list[Finding]:
    assert previous is not None
    return crossyear_findings(subject, previous)


CHECKS: tuple[Check, ...] = (
    Check(
        "identities",
        (
            T3_BALANCE,
            T3_OUTCOMES_TOTAL,
            T3_ROW_TOTAL,
            T4_TOTAL,
        ),
        _one(identity_findings),
    ),
    Check(
        "cells",
        (
            CELL_INVALID,
            CELL_MISSING,
            CELL_BLANK,
            CELL_UNIT,
            CELL_BLANK_MANY,
            TABLE_MISSING,
            ROW_MISSING,
        ),
        _one(cell_findings),
    ),
    Check(
        "table2",
        (
            T2_STOCK,
            T2_RULES_BODY,
        ),
        _one(table2_findings),
    ),
    Check(
        "sections",
        (
            SECTION_MISSING,
            SECTION_TITLE,
        ),
        _one(section_findings),
    ),
    Check("layouts", (TABLE_LAYOUT,), _one(layout_findings)),
    Check(
        "formats",
        (
            FORMAT_MIX,
            FORMAT_MISMATCH,
            FORMAT_YEAR,
        ),
        _one(format_findings),
    ),
    Check(
        "metadata",
        (METADATA_MISSING,),
        _one(metadata_findings),
    ),
    Check(
        "publication",
        (LATE_PUBLICATION,),
        _one(publication_findings),
    ),
    Check(
        "narrative-sections",
        NARRATIVE_SECTION_RULES,
        _one(narrative_section_findings),
    ),
    Check(
        "narrative-numbers",
        TEXT_RULES,
        _one(text_findings),
    ),
    Check(
        "fee",
        FEE_RULES,
        _one(fee_findings),
    ),
    Check(
        "crossyear",
        CROSSYEAR_RULES,
        _cross,
        crossyear=True,
    ),
)
"""Every check, in the order they run (the findings are sorted afterwards).

Examples:
    >>> from govinfo_report.validate import CHECKS
    >>> CHECKS[0].name, sorted(CHECKS[0].codes)[0]
    ('identities', 't3-balance')
"""

_CODES = frozenset(r.code for r in RULES)
_TAGS = frozenset(tag for r in RULES for tag in r.tags)


def _expand(items: Iterable[str], argument: str) -> frozenset[str]:
    codes: set[str] = set()
    for raw in items:
        item = raw.strip()
        if not item:
            continue
        if item in _CODES:
            codes.add(item)
        elif item in _TAGS:
            codes.update(r.code for r in RULES if item in r.tags)
        else:
            raise UnknownRuleError(
                f"未知的规则代码或标签 / unknown rule code or tag for {argument}: {item!r} "
                f"(see docs/rules.md; tags: {', '.join(sorted(_TAGS))})"
            )
    return frozenset(codes)


@cache
def _active(select: frozenset[str] | None, ignore: frozenset[str]) -> frozenset[str]:
    chosen = _CODES if select is None else _expand(select, "select")
    return chosen - _expand(ignore, "ignore")


def rules_for(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> tuple[Rule, ...]:
    """The catalogue entries that run for a selection: codes or tags to keep, codes or tags to skip.

    Raises:
        UnknownRuleError: for a code or tag that is not in the catalogue.

    Examples:
        >>> from govinfo_report.validate import rules_for
        >>> [r.code for r in rules_for(select=["table4"])]
        ['t4-total', 'text-no-cases', 'text-cases']
    """
    active = _active(None if select is None else frozenset(select), frozenset(ignore or ()))
    return tuple(r for r in RULES if r.code in active)


def _failed(check: Check, exc: BaseException) -> Finding:
    return make_finding(
        CHECK_FAILED,
        path=None,
        labels=("报告",),
        check=check.name,
        error=f"{type(exc).__name__}: {exc}",
    )


def validate(
    report: AnnualReport | Draft,
    *,
    previous: AnnualReport | Draft | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> ValidationReport:
    """Check a report, strict or as published, and return every finding; never raises on bad data.

    Args:
        report: a strict :class:`~govinfo_report.model.AnnualReport` or a lenient
            :class:`~govinfo_report.draft.Draft` (as the parsers produce, however incomplete).
        previous: last year's report of the same body, for the cross-year rules.
        select: rule codes or tags to run (all rules when ``None``).
        ignore: rule codes or tags to skip.

    Returns:
        The :class:`ValidationReport`: ``valid`` when no finding is an error, counts by
        severity, and the findings sorted (errors first, then in printed order).

    Raises:
        UnknownRuleError: for a code or tag in ``select``/``ignore`` that the catalogue lacks.
        TypeError: if ``report`` or ``previous`` is neither a report nor a draft.

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.validate import draft_from_data, validate
        >>> data = gr.dumps(gr.load("examples/city-2024.yaml"), "dict")
        >>> data["requests"]["granted"]["natural_person"] += 5
        >>> result = validate(draft_from_data(data))
        >>> result.valid, [f.code for f in result.findings]
        (False, ['t3-row-total', 't3-outcomes-total'])
        >>> result.findings[0].suggestion.value
        1107
    """
    active = _active(None if select is None else frozenset(select), frozenset(ignore or ()))
    subject = subject_of(report)
    before = subject_of(previous) if previous is not None else None
    # A reader's notes and the checks' findings are kept apart: a reader notes only what it
    # alone can know, so nothing is merged or dropped between them.
    found: list[Finding] = [n for n in subject.notes if n.code in active]
    for check in CHECKS:
        if check.crossyear and before is None:
            continue
        if check.codes.isdisjoint(active):
            continue
        try:
            found += [f for f in check.run(subject, before) if f.code in active]
        except Exception as exc:  # a bug must not cost the user the other checks
            if "check-failed" in active:
                found.append(_failed(check, exc))
    found.sort(key=sort_key(subject.version))
    return ValidationReport(
        findings=tuple(found),
        format_version=subject.version,
        agency=subject.agency,
        year=subject.year,
        source=subject.source,
    )

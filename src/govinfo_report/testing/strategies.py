"""Hypothesis strategies: valid reports by construction, and drafts broken on purpose.

``reports()`` draws the leaf counts and derives every total from the identities, so generated
reports stay in step with the rules. ``broken_drafts(code)`` breaks exactly one identity rule;
``single_cell_typos()`` changes one cell so that one row identity and one column identity fail,
as a typo does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from .. import taxonomy as tx
from ..catalog import T3_BALANCE, T3_OUTCOMES_TOTAL, T3_ROW_TOTAL, T4_TOTAL, Rule
from ..draft import Draft, DraftCell
from ..model import (
    AnnualReport,
    ApplicantCounts,
    CaseOutcomes,
    Metadata,
    OtherMatters,
    Overview,
    ProblemsImprovements,
    build_section,
)
from ..taxonomy import CellKind, FormatVersion, Scope

__all__ = [
    "BREAKABLE_CODES",
    "amounts",
    "broken_drafts",
    "counts",
    "drafts",
    "narratives",
    "reports",
    "single_cell_typos",
]

_APPLICANTS = tuple(c.key for c in tx.APPLICANT_COLUMNS)

_AGENCIES = ("淮安市人民政府", "红旗区政务服务和大数据管理局", "某县司法局", "某街道办事处")

BREAKABLE_CODES: tuple[str, ...] = tuple(
    rule.code for rule in (T3_BALANCE, T3_OUTCOMES_TOTAL, T3_ROW_TOTAL, T4_TOTAL)
)
"""The identity rules that :func:`broken_drafts` can break.

Examples:
    >>> from govinfo_report.testing import BREAKABLE_CODES
    >>> "t3-balance" in BREAKABLE_CODES
    True
"""


def counts(max_value: int = 3_000_000) -> st.SearchStrategy[int]:
    """Realistic counts: mostly zero or small, sometimes thousands, now and then millions.

    Examples:
        >>> from hypothesis import given, settings
        >>> from govinfo_report.testing import counts
        >>> @settings(max_examples=5, deadline=None)
        ... @given(counts())
        ... def test_non_negative(n):
        ...     assert n >= 0
        >>> test_non_negative()
    """
    return st.one_of(
        st.just(0),
        st.integers(0, 9),
        st.integers(0, 5_000),
        st.integers(0, max_value),
    )


def amounts() -> st.SearchStrategy[Decimal]:
    """Non-negative amounts in 万元 with up to four decimal places.

    Examples:
        >>> from hypothesis import given, settings
        >>> from govinfo_report.testing.strategies import amounts
        >>> @settings(max_examples=5, deadline=None)
        ... @given(amounts())
        ... def test_amount(value):
        ...     assert value >= 0 and value.as_tuple().exponent >= -4
        >>> test_amount()
    """
    return st.builds(
        lambda units, places: Decimal(units).scaleb(-places),
        st.integers(0, 10**10),
        st.integers(0, 4),
    )


def narratives(max_size: int = 200) -> st.SearchStrategy[str]:
    """Narrative text: Chinese characters, digits, full-width punctuation, spaces and newlines.

    Examples:
        >>> from hypothesis import given, settings
        >>> from govinfo_report.testing.strategies import narratives
        >>> @settings(max_examples=5, deadline=None)
        ... @given(narratives(max_size=20))
        ... def test_text(text):
        ...     assert len(text) <= 20
        >>> test_text()
    """
    alphabet = st.sampled_from(
        "政府信息公开申请办理工作年度报告本机关依法主动一二三四五六七八九十件条人次"
        "0123456789，。、；：“”《》% \n"
    )
    return st.text(alphabet, max_size=max_size).map(lambda s: s.strip())


def _draw_applicant_row(draw: Any, value: st.SearchStrategy[int]) -> ApplicantCounts:
    return ApplicantCounts(**{key: draw(value) for key in _APPLICANTS})


@st.composite
def _sections(draw: Any, version: FormatVersion) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for table in tx.subtables(version):
        for row in table.rows:
            for column in table.columns:
                cell = tx.cell_id("proactive_disclosure", table, row, column)
                if column.kind is CellKind.AMOUNT:
                    values[cell] = draw(amounts())
                elif column.kind is CellKind.SIGNED:
                    values[cell] = draw(st.integers(-50_000, 50_000))
                else:
                    values[cell] = draw(counts())
            keys = tuple(column.key for column in table.columns)
            if keys == ("issued", "repealed", "in_force"):
                # A document issued this year is still in force unless repealed, so a real
                # stock row has 现行有效 ≥ 本年制发 − 本年废止.
                issued, repealed, in_force = (
                    tx.cell_id("proactive_disclosure", table, row, key) for key in keys
                )
                values[in_force] = max(values[in_force], values[issued] - values[repealed])
    # Most offices see few requests: keep table 三 realistic but let it reach thousands.
    value = draw(st.sampled_from([st.just(0), st.integers(0, 20), counts(200_000)]))
    for path in tx.outcome_leaves(version):
        counts_row = _draw_applicant_row(draw, value)
        for key in (*_APPLICANTS, "total"):
            values[tx.cell_id("requests", path, key)] = getattr(counts_row, key)
    outcomes = {
        key: sum(values[tx.cell_id("requests", p, key)] for p in tx.outcome_leaves(version))
        for key in _APPLICANTS
    }
    carried_forward = _draw_applicant_row(draw, value)
    carried_in = {}
    for key in _APPLICANTS:
        available = outcomes[key] + getattr(carried_forward, key)
        carried_in[key] = draw(st.integers(0, available))
    new = {
        key: outcomes[key] + getattr(carried_forward, key) - carried_in[key] for key in _APPLICANTS
    }
    for key in _APPLICANTS:
        values[tx.cell_id("requests", "carried_in", key)] = carried_in[key]
        values[tx.cell_id("requests", "new_requests", key)] = new[key]
        values[tx.cell_id("requests", "carried_forward", key)] = getattr(carried_forward, key)
    for group, _ in tx.CASE_GROUPS:
        case = CaseOutcomes(
            **{
                column.key: draw(st.integers(0, 500))
                for column in tx.CASE_RESULT_COLUMNS  # 总计 is derived by the model
            }
        )
        for column in tx.CASE_COLUMNS:
            values[tx.cell_id("review_litigation", group, column)] = getattr(case, column.key)
    return {section: build_section(section, version, values) for section in tx.TABLE_SECTIONS}


@st.composite
def reports(
    draw: Any, version: FormatVersion | None = None, *, narrative: bool = True
) -> AnnualReport:
    """Valid reports of either format (or of ``version``), consistent by construction.

    Args:
        version: the format version; both when ``None``.
        narrative: draw narrative text; when ``False`` the narrative sections are empty.

    Examples:
        >>> from hypothesis import given, settings
        >>> import govinfo_report as gr
        >>> from govinfo_report.testing import reports
        >>> @settings(max_examples=3, deadline=None)
        ... @given(reports())
        ... def test_round_trip(report):
        ...     assert gr.loads(gr.dumps(report, "json"), "json") == report
        >>> test_round_trip()
    """
    version = version or draw(st.sampled_from(list(FormatVersion)))
    first = tx.FIRST_YEARS[version]
    last = 2030 if version is FormatVersion.V2021 else tx.FIRST_YEARS[FormatVersion.V2021] - 1
    text = narratives() if narrative else st.just("")
    optional = st.one_of(st.none(), text) if narrative else st.none()
    metadata = Metadata(
        agency=draw(st.sampled_from(_AGENCIES)),
        year=(year := draw(st.integers(first, last))),
        format_version=version,
        scope=draw(st.sampled_from(list(Scope))),
        # Published by 31 January of the next year (条例 第五十条), or a draft not yet dated.
        published=draw(st.none() | st.dates(dt.date(year + 1, 1, 1), dt.date(year + 1, 1, 31))),
    )
    sections = draw(_sections(version))
    return AnnualReport(
        metadata=metadata,
        preamble=draw(text),
        overview=Overview(
            summary=draw(text),
            **{n.key: draw(optional) for n in tx.NARRATIVE_PARTS["overview"]},
        ),
        problems_improvements=ProblemsImprovements(
            summary=draw(text),
            **{n.key: draw(optional) for n in tx.NARRATIVE_PARTS["problems_improvements"]},
        ),
        other_matters=OtherMatters(
            text=draw(text),
            info_processing_fee_yuan=draw(st.one_of(st.none(), st.integers(0, 5000).map(Decimal))),
        ),
        **sections,
    )


def drafts(version: FormatVersion | None = None) -> st.SearchStrategy[Draft]:
    """Drafts of valid reports: every cell a clean number.

    Examples:
        >>> from hypothesis import given, settings
        >>> from govinfo_report.testing import drafts
        >>> @settings(max_examples=3, deadline=None)
        ... @given(drafts())
        ... def test_clean(draft):
        ...     assert draft.identity_findings() == []
        >>> test_clean()
    """
    return reports(version).map(Draft.from_report)


def _shift(draft: Draft, changes: dict[str, int]) -> Draft:
    cells = dict(draft.cells)
    for cell_id, delta in changes.items():
        value = cells[cell_id].value
        assert isinstance(value, int)
        cells[cell_id] = DraftCell.of(value + delta)
    return attrs.evolve(draft, cells=cells)


_PICK = object()
"""In a breaker's cells: the step drawn from its choices."""


def _outcome_row_ids(version: FormatVersion) -> list[str]:
    return [tx.row_id(p) for p in tx.outcome_leaves(version)]


# For each rule: what to draw one of, and the cells that grow by the same amount, so that only
# that rule's identities fail.
_BREAKERS: dict[Rule, tuple[Callable[[FormatVersion], list[str]], tuple[tuple[Any, ...], ...]]] = {
    # carried forward grows in one column and in its row total: only 一+二=（七）+四 breaks.
    T3_BALANCE: (
        lambda _: list(_APPLICANTS),
        (("requests", "carried_forward", _PICK), ("requests", "carried_forward", "total")),
    ),
    # （七） and 一 grow together: rows and balance hold, （七） ≠ Σ outcome rows.
    T3_OUTCOMES_TOTAL: (
        lambda _: list(_APPLICANTS),
        (
            ("requests", "outcomes_total", _PICK),
            ("requests", "outcomes_total", "total"),
            ("requests", "new_requests", _PICK),
            ("requests", "new_requests", "total"),
        ),
    ),
    # Only the 总计 column moves, consistently down the column: only row totals break.
    T3_ROW_TOTAL: (
        _outcome_row_ids,
        (
            ("requests", _PICK, "total"),
            ("requests", "outcomes_total", "total"),
            ("requests", "new_requests", "total"),
        ),
    ),
    T4_TOTAL: (
        lambda _: [g.key for g, _ in tx.CASE_GROUPS],
        (("review_litigation", _PICK, "total"),),
    ),
}


def _break(draw: Any, rule: Rule, version: FormatVersion) -> dict[str, int]:
    """The cell changes that break ``rule`` alone."""
    choices, cells = _BREAKERS[rule]
    pick = draw(st.sampled_from(choices(version)))
    d = draw(st.integers(1, 1000))
    return {tx.cell_id(*(pick if step is _PICK else step for step in cell)): d for cell in cells}


@st.composite
def broken_drafts(
    draw: Any, code: str | None = None, version: FormatVersion | None = None
) -> tuple[Draft, str]:
    """A draft whose identity findings all carry exactly one rule code, and that code.

    One rule, not one cell: a change may break that rule in several places (a balance that
    fails in a column and in the 总计 column), but no other rule fails.

    Args:
        code: one of :data:`BREAKABLE_CODES`; drawn when ``None``.
        version: the format version; drawn when ``None``.

    Examples:
        >>> from hypothesis import given, settings
        >>> from govinfo_report.testing import broken_drafts
        >>> @settings(max_examples=3, deadline=None)
        ... @given(broken_drafts())
        ... def test_one_rule_breaks(case):
        ...     draft, code = case
        ...     assert {f.code for f in draft.identity_findings()} == {code}
        >>> test_one_rule_breaks()
    """
    draft = draw(drafts(version))
    code = code or draw(st.sampled_from(BREAKABLE_CODES))
    rule = next(rule for rule in _BREAKERS if rule.code == code)
    changes = _break(draw, rule, draft.format_version)
    return _shift(draft, changes), code


@st.composite
def single_cell_typos(draw: Any, version: FormatVersion | None = None) -> tuple[Draft, str, int]:
    """A draft with one mistyped applicant cell of a table 三 row, the cell's id and true value.

    The typo breaks exactly one row identity (the row's 总计) and one column identity.

    Examples:
        >>> from hypothesis import given, settings
        >>> from govinfo_report.testing import single_cell_typos
        >>> @settings(max_examples=3, deadline=None)
        ... @given(single_cell_typos())
        ... def test_typo(case):
        ...     draft, cell_id, true_value = case
        ...     assert draft.cells[cell_id].value != true_value
        >>> test_typo()
    """
    draft = draw(drafts(version))
    rows = [tx.row_id(p) for p in tx.request_row_leaves(draft.format_version)]
    row = draw(st.sampled_from([r for r in rows if r != "outcomes_total"]))
    column = draw(st.sampled_from(_APPLICANTS))
    cell = tx.cell_id("requests", row, column)
    original = draft.cells[cell].value
    assert isinstance(original, int)
    delta = draw(st.integers(-original, 1000).filter(lambda d: d != 0))
    return _shift(draft, {cell: delta}), cell, original

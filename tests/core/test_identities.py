"""Property tests: identities hold by construction and every single-cell break is named."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import taxonomy as tx
from govinfo_report.identities import check, identities
from govinfo_report.testing import BREAKABLE_CODES, broken_drafts, reports

APPLICANT_COLUMNS = [c.key for c in tx.REQUEST_COLUMNS]


@given(reports())
def test_every_identity_holds_on_generated_reports(report: gr.AnnualReport) -> None:
    assert check(report.format_version, report.values()) == []


@given(reports())
def test_carried_forward_and_outcomes_never_exceed_what_was_open(report: gr.AnnualReport) -> None:
    r = report.requests
    for column in APPLICANT_COLUMNS:
        available = getattr(r.new_requests, column) + getattr(r.carried_in, column)
        assert getattr(r.carried_forward, column) <= available
        assert getattr(r.outcomes_total, column) <= available


def _set(data: dict[str, Any], cell_id: str, value: int) -> None:
    *parents, leaf = cell_id.split(".")
    for key in parents:
        data = data[key]
    data[leaf] = value


@given(reports(narrative=False), st.data())
def test_constructor_rejects_every_single_cell_break(report: gr.AnnualReport, data: Any) -> None:
    version = report.format_version
    involved = sorted({cell for identity in identities(version) for cell in identity.cells})
    cell = data.draw(st.sampled_from(involved))
    value = report.cell(cell)
    assert isinstance(value, int)
    delta = data.draw(st.integers(-value, 1000).filter(lambda d: d != 0))
    raw = gr.unstructure(report)
    _set(raw, cell, value + delta)
    broken = {(i.code, i.target) for i in identities(version) if cell in i.cells}
    try:
        gr.structure(raw)
    except gr.SerializationError as exc:
        named = {(f.code, f.path) for f in exc.findings}
    else:
        raise AssertionError(f"changing {cell} by {delta} was accepted")
    assert named == broken


@given(broken_drafts())
def test_broken_drafts_break_exactly_their_rule(case: tuple[gr.Draft, str]) -> None:
    draft, code = case
    assert {f.code for f in draft.check()} == {code}
    assert code in BREAKABLE_CODES


def test_identity_counts_per_format() -> None:
    counts = {v: len(identities(v)) for v in gr.FormatVersion}
    # 7 balance + 7 outcome totals + one row total per data row + 3 table 四 totals.
    assert counts[gr.FormatVersion.V2021] == 7 + 7 + 25 + 3
    assert counts[gr.FormatVersion.V2019] == 7 + 7 + 23 + 3

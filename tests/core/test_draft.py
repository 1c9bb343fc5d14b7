"""The lenient draft: keeps what was printed, checks without raising, converts on request."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import govinfo_report as gr
from govinfo_report.draft import CellStatus, classify
from govinfo_report.narrative import join_parts
from govinfo_report.testing import reports


@pytest.mark.parametrize(
    ("text", "status", "value"),
    [
        ("12", CellStatus.NUMBER, 12),
        (" 1,234 ", CellStatus.NUMBER, 1234),
        ("１２", CellStatus.NUMBER, 12),
        ("96171.6", CellStatus.NUMBER, Decimal("96171.6")),
        ("+1036", CellStatus.NUMBER, 1036),
        ("-36", CellStatus.NUMBER, -36),
        ("", CellStatus.BLANK, None),
        ("/", CellStatus.DASH, None),
        ("—", CellStatus.DASH, None),
        ("251000元", CellStatus.WITH_UNIT, 251000),
        ("约10", CellStatus.TEXT, None),
    ],
)
def test_classify(text: str, status: CellStatus, value: object) -> None:
    assert classify(text)[:2] == (status, value)


@given(reports())
def test_report_to_draft_and_back(report: gr.AnnualReport) -> None:
    draft = gr.Draft.from_report(report)
    assert draft.check() == ()
    again = draft.to_report()
    for part in ("metadata", "preamble", "proactive_disclosure", "requests", "review_litigation"):
        assert getattr(again, part) == getattr(report, part)
    assert again.other_matters == report.other_matters
    # Narrative parts travel as text under their headings and come back as the same text.
    for section in ("overview", "problems_improvements"):
        assert join_parts(section, getattr(again, section)) == join_parts(
            section, getattr(report, section)
        )


def test_draft_keeps_blanks_and_reports_them(hongqi_path: Path) -> None:
    draft = gr.Draft.from_report(gr.load(hongqi_path))
    cells = dict(draft.cells)
    cells["requests.granted.total"] = gr.DraftCell.read("/")
    cells["requests.carried_in.natural_person"] = gr.DraftCell.read("251000件")
    del cells["review_litigation.review.total"]
    draft = attrs.evolve(draft, cells=cells)
    codes = {(f.code, f.path) for f in draft.check()}
    assert ("cell-blank", "requests.granted.total") in codes
    assert ("cell-unit", "requests.carried_in.natural_person") in codes
    assert ("cell-missing", "review_litigation.review.total") in codes
    # The unit-bearing number still takes part in the identities, so the imbalance shows.
    assert ("t3-balance", "requests.carried_forward.natural_person") in codes
    with pytest.raises(gr.InvariantViolation) as info:
        draft.to_report()
    raised = {(f.code, f.path) for f in info.value.findings}
    assert ("cell-blank", "requests.granted.total") in raised
    assert ("cell-missing", "review_litigation.review.total") in raised


def test_units_are_read_in_the_column_unit(hongqi_path: Path) -> None:
    draft = gr.Draft.from_report(gr.load(hongqi_path))
    fee = "proactive_disclosure.art20_8.admin_fees.amount_wan_yuan"
    cells = dict(draft.cells)
    cells[fee] = gr.DraftCell.read("251000元")
    report = attrs.evolve(draft, cells=cells).to_report()
    assert report.proactive_disclosure.art20_8.admin_fees.amount_wan_yuan == Decimal("25.1")
    # A money unit in a count column cannot be read as a count.
    cells["requests.carried_in.natural_person"] = gr.DraftCell.read("5元")
    broken = attrs.evolve(draft, cells=cells)
    assert ("cell-invalid", "requests.carried_in.natural_person") in {
        (f.code, f.path) for f in broken.check()
    }
    assert "requests.carried_in.natural_person" not in broken.values()
    with pytest.raises(gr.InvariantViolation, match="carried_in"):
        broken.to_report()


def test_draft_doctests() -> None:
    import doctest

    from govinfo_report import draft

    assert doctest.testmod(draft).failed == 0


def test_blank_as_zero(hongqi_path: Path) -> None:
    draft = gr.Draft.from_report(gr.load(hongqi_path))
    cells = dict(draft.cells)
    cells["requests.granted.total"] = gr.DraftCell.read("")
    report = attrs.evolve(draft, cells=cells).to_report(blank_as_zero=True)
    assert report.requests.granted.total == 0


def test_empty_draft_checks_without_raising() -> None:
    findings = gr.Draft().check()
    assert len([f for f in findings if f.code == "cell-missing"]) == 200
    with pytest.raises(gr.InvariantViolation) as info:
        gr.Draft().to_report()
    assert any(f.path == "metadata.agency" for f in info.value.findings)

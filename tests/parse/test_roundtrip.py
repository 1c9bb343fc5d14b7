"""Generated reports written as portal HTML or PDF-style text parse back to the same cells."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report.draft import CellStatus, Draft
from govinfo_report.model import AnnualReport
from govinfo_report.parse import parse
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.testing.strategies import reports


def _same_cells(parsed: Draft, report: AnnualReport) -> None:
    expected = {cell.id: cell.value for cell in report.cells()}
    found = {key: cell.value for key, cell in parsed.cells.items()}
    assert found == expected
    assert all(cell.status is CellStatus.NUMBER for cell in parsed.cells.values())
    assert all(cell.source is not None for cell in parsed.cells.values())
    assert parsed.format_version is report.metadata.format_version
    assert parsed.metadata.agency == report.metadata.agency
    assert parsed.metadata.year == report.metadata.year
    assert parsed.identity_findings() == []


@settings(max_examples=25, deadline=None)
@given(report=reports())
def test_html_round_trip(report: AnnualReport, write_html: Callable[..., str]) -> None:
    parsed = parse(write_html(report).encode("utf-8"), name="report.html")
    _same_cells(parsed, report)
    assert set(parsed.sections) == {
        "overview",
        "proactive_disclosure",
        "requests",
        "review_litigation",
        "problems_improvements",
        "other_matters",
    }


@settings(max_examples=25, deadline=None)
@given(report=reports(), seed=st.integers(0, 10_000))
def test_text_round_trip(report: AnnualReport, seed: int, write_text: Callable[..., str]) -> None:
    parsed = parse(write_text(report, seed).encode("utf-8"), name="report.txt")
    _same_cells(parsed, report)


@settings(max_examples=10, deadline=None)
@given(report=reports(FormatVersion.V2019))
def test_gb18030_text_of_a_2019_report(
    report: AnnualReport, write_text: Callable[..., str]
) -> None:
    parsed = parse(write_text(report, 1).encode("gb18030"))
    _same_cells(parsed, report)

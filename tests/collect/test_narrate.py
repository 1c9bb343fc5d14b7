"""Generated narrative: official register, numbers from the model, no narrative finding."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.collect import fill, narrate
from govinfo_report.collect.narrate import yoy
from govinfo_report.model import AnnualReport, Overview
from govinfo_report.testing.strategies import reports
from govinfo_report.validate import CHECKS, validate

from .conftest import COUNTY

NARRATIVE_CODES = next(c.codes for c in CHECKS if c.name == "narrative-numbers")


def _generated(report: AnnualReport, previous: AnnualReport | None = None) -> AnnualReport:
    text = narrate(report, previous)
    return attrs.evolve(report, overview=Overview(on_request=text.text))


@settings(max_examples=40, deadline=None)
@given(reports(narrative=False))
def test_generated_text_has_no_narrative_finding(report: AnnualReport) -> None:
    result = validate(_generated(report), select=NARRATIVE_CODES)
    assert result.findings == ()


@settings(max_examples=15, deadline=None)
@given(reports(narrative=False), reports(narrative=False))
def test_generated_text_with_last_year_has_no_narrative_finding(
    report: AnnualReport, previous: AnnualReport
) -> None:
    result = validate(_generated(report, previous), select=NARRATIVE_CODES)
    assert result.findings == ()
    assert narrate(report, previous).changes.startswith("与上年相比")


def test_the_paragraph_quotes_the_tables() -> None:
    report = gr.load(COUNTY / "2024" / "justice.yaml")
    r = report.requests
    text = narrate(report).on_request
    assert f"新收政府信息公开申请{r.new_requests.total}件" in text
    assert f"上年结转政府信息公开申请{r.carried_in.total}件" in text
    assert f"全年办结{r.outcomes_total.total}件" in text
    assert f"结转下年度继续办理{r.carried_forward.total}件" in text
    cases = narrate(report).review_litigation
    assert f"行政复议{report.review_litigation.review.total}件" in cases


def test_no_requests_and_no_cases() -> None:
    from govinfo_report.collect import blank_report

    n = narrate(blank_report("某县司法局", 2024))
    assert n.on_request == "2024年，本机关未收到政府信息公开申请。"
    assert "未发生" in n.review_litigation
    assert n.changes == ""


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (100, 112, "新收同比增长12.0%"),
        (100, 90, "新收同比下降10.0%"),
        (7, 7, "新收与上年持平"),
        (0, 5, "新收5件，上年为0"),
        (3, 1, "新收同比下降66.7%"),
    ],
)
def test_year_on_year_phrases(previous: int, current: int, expected: str) -> None:
    assert yoy("新收", previous, current) == expected


def test_fill_writes_only_an_empty_part() -> None:
    report = gr.load(COUNTY / "2024" / "justice.yaml")
    assert fill(report) == report  # already written
    emptied = attrs.evolve(report, overview=attrs.evolve(report.overview, on_request=None))
    assert fill(emptied).overview.on_request == narrate(report).text


def test_cli_narrate_prints_and_fills(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = COUNTY / "2024" / "justice.yaml"
    previous = COUNTY / "2023" / "justice.yaml"
    assert main(["narrate", str(source), "--previous", str(previous)]) == 0
    out = capsys.readouterr().out
    assert "同比" in out
    assert out.count("\n") == 3
    report = gr.load(source)
    empty = attrs.evolve(report, overview=attrs.evolve(report.overview, on_request=None))
    target = tmp_path / "r.yaml"
    gr.dump(empty, target)
    assert main(["narrate", str(target), "--fill"]) == 0
    assert gr.load(target).overview.on_request == narrate(report).text

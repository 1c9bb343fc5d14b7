"""Year-over-year comparison: changes, indicators, formats, cross-year findings, the CLI."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.collect import (
    INDICATORS,
    CollectionError,
    compare,
    compare_series,
    indicator_values,
)
from govinfo_report.collect.compare import display_width, table
from govinfo_report.collect.indicators import show
from govinfo_report.model import AnnualReport
from govinfo_report.taxonomy import cell_specs, comparable_cells
from govinfo_report.testing.strategies import reports
from govinfo_report.validate import validate

from .conftest import COUNTY

LAST, THIS = COUNTY / "county-2023.yaml", COUNTY / "county-2024.yaml"


@settings(max_examples=10, deadline=None)
@given(reports(narrative=False), reports(narrative=False))
def test_change_is_current_minus_previous_for_every_cell(
    previous: AnnualReport, current: AnnualReport
) -> None:
    diff = compare(previous, current)
    ids = comparable_cells(previous.format_version, current.format_version)
    assert [c.id for c in diff.cells] == list(ids)
    for c in diff.cells:
        assert c.change == current.cell(c.id) - previous.cell(c.id)
        assert c.ratio == (None if not c.previous else Decimal(c.current) / Decimal(c.previous))
    listed = set(ids) | set(diff.not_comparable)
    assert {s.id for s in cell_specs(previous.format_version)} <= listed
    assert {s.id for s in cell_specs(current.format_version)} <= listed


@settings(max_examples=10, deadline=None)
@given(reports(narrative=False))
def test_a_report_compared_with_itself_has_no_change(report: AnnualReport) -> None:
    diff = compare(report, report)
    assert all(c.change == 0 for c in diff.cells)
    assert all(c.ratio in (None, Decimal(1)) for c in diff.cells)
    assert all(i.previous == i.current for i in diff.indicators)
    assert diff.not_comparable == ()


def test_across_formats_only_cells_of_both_are_compared(
    city: gr.AnnualReport, city2020: gr.AnnualReport
) -> None:
    diff = compare(city2020, city)
    ids = {c.id for c in diff.cells}
    assert "requests.new_requests.total" in ids
    assert "requests.outcomes_total.total" in ids
    assert "proactive_disclosure.art20_5.licensing.decisions" in ids
    assert "requests.other_handling.total" in diff.not_comparable
    assert "requests.other_handling.fee_unpaid.total" in diff.not_comparable
    assert "proactive_disclosure.art20_1.rules.in_force" in diff.not_comparable
    assert not ids & set(diff.not_comparable)


def test_the_findings_are_the_validators_cross_year_rules() -> None:
    previous, current = gr.load(LAST), gr.load(THIS)
    diff = compare(previous, current)
    expected = validate(current, previous=previous, select=["crossyear"]).findings
    assert diff.findings == expected
    assert {f.code for f in diff.findings} <= {
        "xy-year",
        "xy-agency",
        "xy-carryover",
        "xy-stock",
        "xy-jump",
        "xy-copied",
    }


def test_indicators_by_their_formulas(city: gr.AnnualReport) -> None:
    report = city
    r = report.requests
    rates = indicator_values(report)
    concluded = Decimal(r.outcomes_total.total)

    def pct(n: int, d: Decimal) -> Decimal:
        return (Decimal(n) * 100 / d).quantize(Decimal("0.1"))

    assert rates["disclosure_rate"] == pct(r.granted.total + r.partially_granted.total, concluded)
    assert rates["carry_forward_rate"] == pct(
        r.carried_forward.total, Decimal(r.new_requests.total + r.carried_in.total)
    )
    rv = report.review_litigation.review
    assert rates["review_correction_rate"] == pct(
        rv.corrected, Decimal(rv.upheld + rv.corrected + rv.other_result)
    )
    withheld = sum(getattr(r.withheld, f.name).total for f in attrs.fields(type(r.withheld)))
    assert rates["withheld_rate"] == pct(withheld, concluded)
    shares = [rates[i.key] for i in INDICATORS if i.key.startswith("share_")]
    assert len(shares) == 6
    assert all(i.name_zh and i.name_en for i in INDICATORS)


def test_a_rate_over_zero_cases_is_a_dash() -> None:
    from govinfo_report.collect import blank_report

    rates = indicator_values(blank_report("某县司法局", 2024))
    assert set(rates.values()) == {None}
    assert show(None) == "—"
    assert show(Decimal("12.5")) == "12.5%"


def test_a_series_puts_years_side_by_side() -> None:
    justice = [gr.load(COUNTY / "2023" / "justice.yaml"), gr.load(COUNTY / "2024" / "justice.yaml")]
    series = compare_series(list(reversed(justice)))
    assert series.years == (2023, 2024)
    assert series.values("requests.new_requests.total") == tuple(
        r.requests.new_requests.total for r in justice
    )
    with pytest.raises(CollectionError, match="need two or more years"):
        compare_series([justice[0], justice[0]])


def test_the_table_aligns_chinese_by_display_width() -> None:
    text = table([["项目", "2023", "2024"], ["总计", "1", "22"], ["ab", "333", "4"]])
    widths = {display_width(line) for line in text.splitlines()}
    assert len(widths) == 1


# --- command line ------------------------------------------------------------------------------


def test_cli_compare_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(LAST), str(THIS)]) == 0
    out = capsys.readouterr().out
    assert "公开率" in out
    assert "2023" in out
    assert "2024" in out
    lines = [line for line in out.splitlines() if line.startswith("一、本年新收")]
    assert lines
    assert all(display_width(line) <= 120 for line in out.splitlines()[:5])


def test_cli_compare_csv_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(LAST), str(THIS), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["years"] == [2023, 2024]
    first = document["cells"][0]
    assert set(first) == {"id", "labels", "previous", "current", "change", "ratio"}
    out = tmp_path / "diff.csv"
    assert main(["compare", str(THIS), str(LAST), "--format", "csv", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith("项目 / item,2023,2024")


def test_cli_compare_a_series(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(COUNTY / "2023" / "justice.yaml"), str(COUNTY / "2024" / "justice.yaml")]
    assert main(["compare", *files, "examples/city-2020.yaml", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "项目 / item,2020,2023,2024"


def test_cli_compare_needs_two_files() -> None:
    assert main(["compare", str(THIS)]) == 2


def test_indicators_are_defined_once() -> None:
    keys = [i.key for i in INDICATORS]
    assert len(keys) == len(set(keys))
    assert {"disclosure_rate", "dispute_rate", "carry_forward_rate"} <= set(keys)
    assert all(i.formula.count("/") == 1 for i in INDICATORS)

"""Next year's form and the blank form; YAML with label comments that round-trips exactly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report import taxonomy as tx
from govinfo_report.cli import main
from govinfo_report.codec import yaml as gyaml
from govinfo_report.collect import blank_report, next_year
from govinfo_report.model import AnnualReport
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.testing.strategies import reports
from govinfo_report.validate import validate

from .conftest import COUNTY

_APPLICANTS = [c.key for c in tx.REQUEST_COLUMNS]


@settings(max_examples=15, deadline=None)
@given(reports())
def test_next_year_carries_the_carried_forward_column_by_column(previous: AnnualReport) -> None:
    form = next_year(previous)
    assert form.metadata.year == previous.metadata.year + 1
    assert form.format_version is tx.version_for_year(form.metadata.year)
    assert form.metadata.agency == previous.metadata.agency
    for key in _APPLICANTS:
        assert getattr(form.requests.carried_in, key) == getattr(
            previous.requests.carried_forward, key
        )
    assert form.requests.outcomes_total.total == 0
    assert form.requests.new_requests.total == 0
    assert form.review_litigation.review.total == 0
    assert form.preamble == ""
    assert form.overview == gr.Overview()
    assert not validate(form).errors


def test_the_2021_stock_is_carried_and_flows_start_at_zero(city: gr.AnnualReport) -> None:
    last = city
    form = next_year(last)
    item = form.proactive_disclosure.art20_1
    assert (
        item.normative_documents.in_force
        == last.proactive_disclosure.art20_1.normative_documents.in_force
    )
    assert item.normative_documents.issued == 0
    assert item.normative_documents.repealed == 0
    assert form.proactive_disclosure.art20_8.admin_fees.amount_wan_yuan == Decimal(0)


def test_2020_leads_to_a_2021_format_form(city2020: gr.AnnualReport) -> None:
    form = next_year(city2020)
    assert form.metadata.year == 2021
    assert form.format_version is FormatVersion.V2021
    assert form.proactive_disclosure.art20_1.rules.in_force == 0  # 2019's columns differ


def test_a_blank_form_is_all_zero() -> None:
    form = blank_report("某县司法局", 2025)
    assert set(form.values().values()) == {0}
    assert blank_report("某县司法局", 2020).format_version is FormatVersion.V2019
    with pytest.raises(gr.FieldValueError, match=r"Metadata\.year"):
        blank_report("某县司法局", 2018)


def test_the_forms_are_built_like_any_report_from_values() -> None:
    # one builder fills the zeros: the blank form is from_values with nothing in it
    for year in (2020, 2025):
        form = blank_report("某县司法局", year, "jurisdiction")
        assert form == gr.from_values({}, metadata=form.metadata)
        amounts = [s.id for s in tx.cell_specs(form.format_version) if s.kind is tx.CellKind.AMOUNT]
        assert all(type(form.values()[cell]) is Decimal for cell in amounts)


@settings(max_examples=20, deadline=None)
@given(reports())
def test_yaml_with_labels_round_trips_exactly(report: AnnualReport) -> None:
    text = gyaml.dumps(report, labels=True, header="表头\n第二行")
    assert gyaml.loads(text) == report
    assert text.startswith("# 表头\n# 第二行\n")


def test_yaml_labels_come_from_the_taxonomy(city: gr.AnnualReport) -> None:
    report = city
    text = gyaml.dumps(report, labels=True)
    for row in tx.request_rows(FormatVersion.V2021):
        assert f"# {row.label}" in text
    for table in tx.subtables(FormatVersion.V2021):
        assert f"{table.key}:  # {table.caption}" in text
    assert "  agency: 示例市人民政府  # 报告主体" in text
    assert gyaml.dumps(report) == gyaml.dumps(report, labels=False)
    assert "#" not in gyaml.dumps(report).replace("＃", "")


# --- command line ------------------------------------------------------------------------------


def test_cli_new_from_last_year(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    assert main(["new", "--from", str(COUNTY / "2024" / "justice.yaml"), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 示例县司法局2025年政府信息公开工作年度报告（草稿）")
    assert "上年结转" in text.splitlines()[1]
    form = gr.load(out)
    assert form == next_year(gr.load(COUNTY / "2024" / "justice.yaml"))
    assert main(["validate", str(out)]) == 0


def test_cli_new_blank_form(tmp_path: Path) -> None:
    out = tmp_path / "blank.yaml"
    args = ["new", "--agency", "某县司法局", "--year", "2025", "-o", str(out)]
    assert main(args) == 0
    assert gr.load(out) == blank_report("某县司法局", 2025)
    assert main(args) == 1  # not overwritten
    assert main([*args, "--force"]) == 0


def test_cli_new_needs_a_source(tmp_path: Path) -> None:
    assert main(["new", "--agency", "某县司法局", "-o", str(tmp_path / "x.yaml")]) == 2
    assert list(tmp_path.iterdir()) == []


def test_the_form_loads_as_a_valid_report_once_filled(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    assert main(["new", "--from", str(COUNTY / "2024" / "justice.yaml"), "-o", str(out)]) == 0
    data = gr.codec.load_data(out.read_bytes(), "yaml")
    requests = data["requests"]
    # A clerk types this year's 5 new requests from natural persons, 3 granted, the rest pending.
    for row, add in (("new_requests", 5), ("granted", 3), ("outcomes_total", 3)):
        requests[row]["natural_person"] += add
        requests[row]["total"] += add
    requests["carried_forward"]["natural_person"] += 2
    requests["carried_forward"]["total"] += 2
    data["overview"]["on_request"] = "本年新收政府信息公开申请5件。"
    filled = gr.loads(data)
    assert validate(filled).valid
    assert filled.requests.carried_in == gr.load(out).requests.carried_in

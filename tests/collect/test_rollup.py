"""Roll-up: validity, order, nesting, exact sums, refusals, roster, the published-total check."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.collect import (
    CollectionError,
    Rollup,
    Roster,
    Verdict,
    check_rollup,
    rollup,
    rollup_tree,
)
from govinfo_report.model import AnnualReport
from govinfo_report.taxonomy import CellKind, FormatVersion, Scope, cell_specs
from govinfo_report.validate import validate

from .conftest import COUNTY, PARTS, as_body, bodies

AGENCY = "某县人民政府"


@settings(max_examples=12, deadline=None)
@given(bodies())
def test_the_sum_of_valid_reports_is_valid_and_exact(parts: list[AnnualReport]) -> None:
    total = rollup(parts, agency=AGENCY)
    assert validate(total.report).valid
    assert total.report.metadata.scope is Scope.JURISDICTION
    values = total.report.values()
    for spec in cell_specs(total.report.format_version):
        expected = sum((p.cell(spec.id) for p in parts), start=Decimal(0))
        assert values[spec.id] == expected
        if spec.kind is CellKind.AMOUNT:
            assert isinstance(values[spec.id], Decimal)
        else:
            assert type(values[spec.id]) is int
        assert sum(v for _, v in total.provenance(spec.id)) == values[spec.id]


@settings(max_examples=10, deadline=None)
@given(bodies(min_size=2), st.randoms())
def test_order_does_not_matter(parts: list[AnnualReport], rng: st.SearchStrategy) -> None:
    shuffled = list(parts)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = rollup(parts, agency=AGENCY), rollup(shuffled, agency=AGENCY)
    assert a.report == b.report


@settings(max_examples=10, deadline=None)
@given(bodies(min_size=2), st.data())
def test_rolling_up_roll_ups_equals_rolling_up_everything(
    parts: list[AnnualReport], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(1, len(parts) - 1))
    inner = [rollup(parts[:cut], agency="甲镇"), rollup(parts[cut:], agency="乙镇")]
    nested, flat = rollup(inner, agency=AGENCY), rollup(parts, agency=AGENCY)
    assert nested.report.values() == flat.report.values()
    assert nested.sources == flat.sources
    assert nested.contributions == flat.contributions
    assert nested.warnings == ()


@settings(max_examples=10, deadline=None)
@given(bodies(max_size=1))
def test_a_roll_up_of_one_report_has_its_numbers(parts: list[AnnualReport]) -> None:
    total = rollup(parts, agency=AGENCY)
    assert total.report.values() == parts[0].values()
    assert total.report.other_matters.info_processing_fee_yuan == (
        parts[0].other_matters.info_processing_fee_yuan
    )


@settings(max_examples=8, deadline=None)
@given(bodies(min_size=2))
def test_a_total_checked_against_its_own_parts_matches(parts: list[AnnualReport]) -> None:
    total = rollup(parts, agency=AGENCY).report
    assert check_rollup(total, parts).verdict is Verdict.MATCHES
    fewer = check_rollup(total, parts[1:])
    if any(parts[0].values().values()):
        assert fewer.verdict is Verdict.DIFFERS
        assert all(d.difference == parts[0].cell(d.id) for d in fewer.differences)


def test_the_county_total_names_each_body_and_fills_only_preamble_and_on_request(
    county_parts: list[AnnualReport],
) -> None:
    total = rollup(county_parts, agency="示例县人民政府")
    report = total.report
    assert [s.agency for s in total.sources] == [p.metadata.agency for p in county_parts]
    assert total.provenance("requests.new_requests.total") == tuple(
        (p.metadata.agency, p.requests.new_requests.total) for p in county_parts
    )
    assert "由10个报告主体" in report.preamble
    assert report.overview.on_request
    assert "全年办结" in report.overview.on_request
    assert report.overview.summary == ""
    assert report.overview.proactive is None
    assert report.problems_improvements == gr.ProblemsImprovements()
    assert report.other_matters.text == ""
    assert report.other_matters.info_processing_fee_yuan == Decimal(0)


def _refusal(parts: list[AnnualReport]) -> str:
    with pytest.raises(CollectionError) as caught:
        rollup(parts, agency=AGENCY)
    return str(caught.value)


def test_different_years_are_refused(county_parts: list[AnnualReport]) -> None:
    older = attrs.evolve(
        county_parts[0], metadata=attrs.evolve(county_parts[0].metadata, year=2023)
    )
    message = _refusal([older, *county_parts[1:]])
    assert "报告年度不同" in message
    assert "different reporting years [2023, 2024]" in message


def test_different_format_versions_are_refused(
    city2020: gr.AnnualReport, city: gr.AnnualReport
) -> None:
    v2019 = as_body(city2020, 1, 2020)
    v2021 = as_body(city, 2, 2020)
    message = _refusal([v2019, v2021])
    assert "格式版本不同" in message
    assert "（六）其他处理" in message
    assert "different format versions ['2019', '2021']" in message


def test_the_same_body_twice_is_refused(county_parts: list[AnnualReport]) -> None:
    message = _refusal([county_parts[0], county_parts[0]])
    assert "同一报告主体出现两次" in message
    assert f"the same body twice: {county_parts[0].metadata.agency}" in message


def test_an_input_that_does_not_validate_is_refused_with_its_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A strict report has no error findings of its own (a 2021 layout for 2019 is only a
    # format-year warning), so an input with errors is a lenient file: the CLI test below reads
    # one. Here the validator's verdict is forced to show that its error messages are listed.
    from govinfo_report.validate import validate as real_validate

    wrong_year = as_body(gr.load("examples/city-2024.yaml"), 1, 2019)
    warned = real_validate(wrong_year)
    assert warned.valid
    assert [f.code for f in warned.findings] == ["format-year"]
    finding = attrs.evolve(warned.findings[0], severity=gr.Severity.ERROR)
    forced = attrs.evolve(warned, findings=(finding,))
    monkeypatch.setattr(
        "govinfo_report.collect._rollup.validate", lambda *a, **k: forced, raising=False
    )
    message = _refusal([wrong_year])
    assert "未通过校验，不能汇总 / does not validate" in message
    assert finding.message_zh in message


def test_every_problem_is_listed_at_once(county_parts: list[AnnualReport]) -> None:
    older = attrs.evolve(
        county_parts[1], metadata=attrs.evolve(county_parts[1].metadata, year=2023)
    )
    with pytest.raises(CollectionError) as caught:
        rollup([county_parts[0], county_parts[0], older], agency=AGENCY)
    assert len(caught.value.problems) == 2
    assert isinstance(caught.value, ValueError)


def test_nothing_to_add_is_refused() -> None:
    assert "no report to add up" in _refusal([])


def test_a_jurisdiction_report_among_the_parts_is_a_warning(
    county_parts: list[AnnualReport],
) -> None:
    district = attrs.evolve(
        county_parts[0],
        metadata=attrs.evolve(county_parts[0].metadata, scope=Scope.JURISDICTION),
    )
    total = rollup([district, *county_parts[1:]], agency=AGENCY)
    assert len(total.warnings) == 1
    assert district.metadata.agency in total.warnings[0]
    assert "double counting" in total.warnings[0]


def test_the_roster_names_missing_and_unexpected_bodies(county_parts: list[AnnualReport]) -> None:
    roster = Roster.read(COUNTY / "roster.csv")
    stranger = as_body(county_parts[0], 99, 2024)
    total = rollup([*county_parts, stranger], agency="示例县人民政府", roster=roster)
    assert total.missing == ("示例县卫生健康委员会",)
    assert total.unexpected == ("单位99",)


def test_roster_text_and_csv() -> None:
    plain = Roster.from_text("# 名单\n甲局\n\n乙局\n")
    assert plain.bodies == ("甲局", "乙局")
    assert plain.parents == {"甲局": None, "乙局": None}
    table = Roster.from_text("\ufeff报告主体,上级\n县,\n镇，县\n村,镇\n")
    assert table.bodies == ("县", "镇", "村")
    assert table.children("县") == ("镇",)
    assert table.subtree("镇") == ("镇", "村")


def test_a_roll_up_of_roll_ups_follows_the_roster(county_parts: list[AnnualReport]) -> None:
    names = [p.metadata.agency for p in county_parts]
    # The first two bodies belong to 城关镇's total, the rest directly to the county.
    town = names[0]
    lines = ["示例县人民政府,"] + [
        f"{n},{town if i == 1 else '示例县人民政府'}" for i, n in enumerate(names)
    ]
    roster = Roster.from_text("\n".join(lines))
    tree = rollup_tree(county_parts, roster, "示例县人民政府")
    flat = rollup(county_parts, agency="示例县人民政府")
    assert tree.report.values() == flat.report.values()
    assert {s.agency for s in tree.sources} == set(names)
    assert tree.missing == ()


def test_the_provenance_sheet_has_a_row_per_cell_and_a_column_per_body(
    county_parts: list[AnnualReport],
) -> None:
    total = rollup(county_parts, agency="示例县人民政府")
    rows = list(csv.reader(io.StringIO(total.provenance_csv())))
    header, body = rows[0], rows[1:]
    assert header[3:] == [p.metadata.agency for p in county_parts]
    assert [r[0] for r in body] == [s.id for s in cell_specs(FormatVersion.V2021)]
    for row in body:
        assert Decimal(row[2]) == sum(Decimal(v) for v in row[3:])


def test_a_published_total_that_matches_its_parts(county_parts: list[AnnualReport]) -> None:
    total = rollup(county_parts, agency="示例县人民政府").report
    result = check_rollup(total, county_parts)
    assert result.verdict is Verdict.MATCHES
    assert result.differences == ()


def test_a_published_total_that_differs_lists_each_bodys_contribution(
    county_parts: list[AnnualReport],
) -> None:
    total = rollup(county_parts, agency="示例县人民政府").report
    fewer = county_parts[:-1]
    result = check_rollup(total, fewer)
    assert result.verdict is Verdict.DIFFERS
    cell = "requests.new_requests.total"
    diff = next(d for d in result.differences if d.id == cell)
    assert diff.difference == county_parts[-1].cell(cell)
    assert diff.contributions == tuple((p.metadata.agency, p.cell(cell)) for p in fewer)
    assert "不一致" in result.text


def test_missing_parts_make_the_verdict_uncertain(county_parts: list[AnnualReport]) -> None:
    published = gr.load(COUNTY / "county-2024.yaml")
    result = check_rollup(published, county_parts, roster=Roster.read(COUNTY / "roster.csv"))
    assert result.verdict is Verdict.UNCERTAIN
    assert result.missing == ("示例县卫生健康委员会",)
    assert "uncertain" in result.text


def test_a_published_total_of_another_year_cannot_be_checked(
    county_parts: list[AnnualReport],
) -> None:
    with pytest.raises(CollectionError, match="the total is for 2023, the parts for 2024"):
        check_rollup(gr.load(COUNTY / "county-2023.yaml"), county_parts)


def test_rollup_is_a_frozen_record(county_parts: list[AnnualReport]) -> None:
    total = rollup(county_parts[:1], agency=AGENCY)
    assert isinstance(total, Rollup)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        total.report = county_parts[0]  # type: ignore[misc]


# --- command line ------------------------------------------------------------------------------


def test_cli_rollup_writes_the_total_and_the_provenance(tmp_path: Path) -> None:
    out, sheet = tmp_path / "total.yaml", tmp_path / "provenance.csv"
    code = main(
        [
            "rollup",
            str(COUNTY / "2024"),
            "--agency",
            "示例县人民政府",
            "--roster",
            str(COUNTY / "roster.csv"),
            "-o",
            str(out),
            "--provenance",
            str(sheet),
        ]
    )
    assert code == 0
    total = gr.load(out)
    assert total.values() == rollup([gr.load(p) for p in PARTS], agency="x").report.values()
    assert "# 一、本年新收政府信息公开申请数量" in out.read_text(encoding="utf-8")
    header = sheet.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("id,项目 / labels,合计 / total,")


def test_cli_rollup_refuses_a_wrong_input_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "total.yaml"
    code = main(
        ["rollup", str(COUNTY / "2024"), str(COUNTY / "incoming"), "--agency", "县", "-o", str(out)]
    )
    assert code == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
    err = capsys.readouterr().err
    assert "health.yaml" in err
    assert "t3-outcomes-total" in err


def test_cli_rollup_refuses_the_same_body_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "total.yaml"
    part = str(PARTS[0])
    assert main(["rollup", part, part, "--agency", "县", "-o", str(out)]) == 1
    assert not out.exists()
    assert "同一报告主体出现两次" in capsys.readouterr().err


def test_cli_rollup_needs_an_agency() -> None:
    assert main(["rollup", str(PARTS[0])]) == 2


def test_cli_rollup_check(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "rollup",
            "--check",
            str(COUNTY / "county-2024.yaml"),
            str(COUNTY / "2024"),
            "--roster",
            str(COUNTY / "roster.csv"),
        ]
    )
    assert code == 1
    out = capsys.readouterr().out
    assert "uncertain" in out
    assert "示例县卫生健康委员会" in out


def test_bodies_off_a_nested_roster_are_added_at_the_top_and_named(
    county_parts: list[AnnualReport],
) -> None:
    names = [p.metadata.agency for p in county_parts]
    roster = Roster.from_text(f"县\n{names[0]},县\n{names[1]},{names[0]}\n")
    tree = rollup_tree(county_parts, roster, "县")
    assert tree.report.values() == rollup(county_parts, agency="县").report.values()
    assert tree.unexpected == tuple(names[2:])
    with pytest.raises(CollectionError, match="the same body twice"):
        rollup_tree([*county_parts, county_parts[1]], roster, "县")


def test_cli_rollup_follows_a_nested_roster(tmp_path: Path) -> None:
    names = [gr.load(p).metadata.agency for p in PARTS]
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "报告主体,上级\n示例县人民政府,\n"
        + f"{names[0]},示例县人民政府\n"
        + "".join(f"{n},{names[0]}\n" for n in names[1:3])
        + "".join(f"{n},示例县人民政府\n" for n in names[3:]),
        encoding="utf-8",
    )
    out = tmp_path / "total.yaml"
    args = ["rollup", str(COUNTY / "2024"), "--agency", "示例县人民政府", "--roster", str(roster)]
    assert main([*args, "-o", str(out)]) == 0
    expected = rollup([gr.load(p) for p in PARTS], agency="示例县人民政府").report
    assert gr.load(out).values() == expected.values()


def test_a_published_file_is_used_when_it_reads_completely(tmp_path: Path) -> None:
    from govinfo_report.collect import load_report

    sample = Path(__file__).resolve().parents[1] / "samples" / "hongqi-2023.txt"
    report = load_report(sample)
    assert report.metadata.agency == "红旗区政务服务和大数据管理局"
    broken = tmp_path / "broken.txt"
    text = sample.read_text(encoding="utf-8")
    broken.write_text(text.replace("四、政府信息公开行政复议", "四、其他"), encoding="utf-8")
    with pytest.raises(gr.GovInfoReportError):
        load_report(broken)


def test_cli_rollup_refuses_different_years_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "total.yaml"
    older = str(COUNTY / "2023" / "justice.yaml")
    assert main(["rollup", str(PARTS[0]), older, "--agency", "县", "-o", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "报告年度不同" in err
    assert "justice.yaml（示例县司法局）: 2023" in err


def test_cli_rollup_a_roster_that_is_not_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes("甲局\n".encode("gb18030"))
    assert main(["rollup", str(PARTS[0]), "--agency", "县", "--roster", str(roster)]) == 1
    assert "not UTF-8 text" in capsys.readouterr().err


def test_a_sum_past_the_cell_bound_is_refused(county_parts: list[AnnualReport]) -> None:
    big = []
    for report in county_parts[:2]:
        data = gr.dumps(report, "dict")
        data["proactive_disclosure"]["art20_8"]["admin_fees"]["amount_wan_yuan"] = "900000000000000"
        big.append(gr.loads(data))
    with pytest.raises(CollectionError, match="amount_wan_yuan"):
        rollup(big, agency=AGENCY)

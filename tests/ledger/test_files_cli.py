"""Ledgers from files (CSV in both encodings, XLSX) and the ``tally`` command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.io import load
from govinfo_report.ledger import LedgerError, read_ledger, tally_cases, tally_requests

ROOT = Path(__file__).resolve().parents[2]
LEDGERS = ROOT / "examples" / "ledger"
HEADER = "申请编号,申请人类型,收到日期,办结日期,办理结果\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "l.csv"
    path.write_bytes((HEADER + "1,自然人,2024/3/5,2024年3月9日,予以公开\n").encode(encoding))
    assert tally_requests(read_ledger(path), 2024).granted.natural_person == 1


def test_csv_errors_name_the_file_line(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    body = HEADER + "1,自然人,2024/3/5,,\n\n2,法人,2024/3/5,,\n"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        tally_requests(read_ledger(path), 2024)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (4, "申请人类型")  # the blank line 3 is skipped
    assert str(path) in str(caught.value)


def test_xlsx_with_a_blank_row_and_real_dates(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["申请编号", "申请人类型", "收到日期", "办结日期", "办理结果", "备注"])
    sheet.append(["A", "自然人", dt.date(2024, 1, 3), dt.date(2024, 1, 9), "部分公开", "x"])
    sheet.append([])
    sheet.append(["B", "其他", dt.date(2024, 12, 3), None, None, None])
    sheet.append(["C", "其他", "2024-12-03", "2024-12-01", "予以公开", None])
    book.save(tmp_path / "l.xlsx")
    ledger = read_ledger(tmp_path / "l.xlsx")
    assert ledger.numbers == (2, 4, 5)
    with pytest.raises(LedgerError) as caught:
        tally_requests(ledger, 2024)
    assert [(p.row, p.column) for p in caught.value.problems] == [(5, "办结日期")]
    assert tally_requests(ledger.rows[:2], 2024).carried_forward.other_org == 1


def test_unknown_file_type(tmp_path: Path) -> None:
    path = tmp_path / "l.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(LedgerError, match="unknown ledger file type"):
        read_ledger(path)


def test_bundled_ledgers_agree_in_both_formats() -> None:
    for year in (2023, 2024):
        from_csv = tally_requests(read_ledger(LEDGERS / "requests.csv"), year)
        from_xlsx = tally_requests(read_ledger(LEDGERS / "requests.xlsx"), year)
        assert from_csv == from_xlsx
        assert from_csv.carried_in.total > 0
        assert from_csv.carried_forward.total > 0
        assert all(
            getattr(from_csv, path).total > 0
            for path in ("granted", "partially_granted")  # the common outcomes
        )
        cases = tally_cases(read_ledger(LEDGERS / "cases.csv"), year)
        assert cases == tally_cases(read_ledger(LEDGERS / "cases.xlsx"), year)


def test_tally_command_writes_the_report(tmp_path: Path) -> None:
    common = ["--agency", "示例县人民政府办公室", "--requests", str(LEDGERS / "requests.csv")]
    last = tmp_path / "2023.yaml"
    assert main(["tally", "--year", "2023", *common, "-o", str(last)]) == 0
    out = tmp_path / "2024.yaml"
    code = main(
        [
            "tally",
            "--year",
            "2024",
            *common,
            "--cases",
            str(LEDGERS / "cases.xlsx"),
            "--previous",
            str(last),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    report = load(out)
    assert report.requests.carried_in == load(last).requests.carried_forward
    assert report.review_litigation.review.total > 0


def test_tally_command_reports_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "1,自然人,2024/3/5,2024/3/1,予以公开\n1,自然,x,,\n", encoding="utf-8")
    out = tmp_path / "r.yaml"
    code = main(
        ["tally", "--year", "2024", "--agency", "某局", "--requests", str(path), "-o", str(out)]
    )
    assert code == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "4 处问题" in err
    assert "第 2 行 办结日期" in err
    assert "第 3 行 申请编号" in err
    assert "第 3 行 收到日期" in err


def test_tally_command_takes_section_two_and_the_narrative_from_a_base(tmp_path: Path) -> None:
    base = ROOT / "examples" / "city-2024.yaml"
    out = tmp_path / "r.xlsx"
    args = ["tally", "--year", "2024", "--agency", "示例县人民政府办公室"]
    args += ["--requests", str(LEDGERS / "requests.xlsx"), "--base", str(base), "-o", str(out)]
    assert main(args) == 0
    report, original = load(out), load(base)
    assert report.metadata.agency == "示例县人民政府办公室"
    assert report.proactive_disclosure == original.proactive_disclosure
    assert report.overview == original.overview
    assert report.requests == tally_requests(read_ledger(LEDGERS / "requests.csv"), 2024)
    assert report.review_litigation == original.review_litigation  # no --cases: the base's


def test_damaged_files_are_one_clear_error(tmp_path: Path) -> None:
    fake = tmp_path / "l.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(LedgerError, match="not an Excel workbook"):
        read_ledger(fake)
    binary = tmp_path / "l.csv"
    binary.write_bytes(b"\xff\xfe\xff\x00" * 10)
    with pytest.raises(LedgerError, match="neither UTF-8 nor GB18030"):
        read_ledger(binary)
    with pytest.raises(LedgerError, match="no such sheet"):
        read_ledger(LEDGERS / "requests.xlsx", sheet="Sheet9")


def test_tally_command_reports_both_ledgers_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    requests = tmp_path / "r.csv"
    requests.write_text(HEADER + "1,自然,2024/3/5,,\n", encoding="utf-8")
    cases = tmp_path / "c.csv"
    cases.write_text("案件类型,收到日期\n复审,2024/3/5\n", encoding="utf-8")
    out = tmp_path / "r.yaml"
    args = ["tally", "--year", "2024", "--agency", "某局", "--requests", str(requests)]
    assert main([*args, "--cases", str(cases), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "未知的申请人类型“自然”" in err
    assert "未知的案件类型“复审”" in err
    assert not out.exists()


def test_tally_command_maps_other_headers(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "类别,收文日期,结案日期,结果\n自然人,2024/3/5,2024/3/9,予以公开\n", encoding="utf-8"
    )
    out = tmp_path / "r.yaml"
    args = ["tally", "--year", "2024", "--agency", "某局", "--requests", str(path), "-o", str(out)]
    maps = ["类别=applicant_type", "收文日期=received", "结案日期=concluded", "结果=outcome"]
    assert main([*args, *(f"--column={m}" for m in maps)]) == 0
    assert load(out).requests.granted.natural_person == 1
    assert main([*args, "--column", "类别"]) == 2


def test_a_base_of_the_other_format_is_refused(tmp_path: Path, city: gr.AnnualReport) -> None:
    from govinfo_report.ledger import report_from_ledgers

    base = city
    table = tally_requests([], 2020)  # the 2019 format
    with pytest.raises(ValueError, match="the base follows the 2021 format"):
        report_from_ledgers("某局", 2020, table, base=base)


def test_without_a_base_the_form_of_new_carries_last_years_stock(
    tmp_path: Path, city: gr.AnnualReport
) -> None:
    args = [
        "tally",
        "--agency",
        "示例县人民政府办公室",
        "--requests",
        str(LEDGERS / "requests.csv"),
    ]
    # Last year's report: tallied from the same ledger, section 二 and the narrative from a base.
    last = tmp_path / "2023.yaml"
    base = ["--base", str(ROOT / "examples" / "city-2024.yaml")]
    assert main([*args, "--year", "2023", *base, "-o", str(last)]) == 0
    # Without a base and without last year: the blank form, every figure 0, no narrative.
    blank = tmp_path / "blank.yaml"
    assert main([*args, "--year", "2024", "-o", str(blank)]) == 0
    assert load(blank).proactive_disclosure.art20_1.rules.in_force == 0
    assert load(blank).overview.summary == ""
    # With last year's report: next year's form, section 二's stock (现行有效件数) carried.
    carried = tmp_path / "2024.yaml"
    assert main([*args, "--year", "2024", "--previous", str(last), "-o", str(carried)]) == 0
    report = load(carried)
    stock = city.proactive_disclosure.art20_1.rules.in_force
    assert stock > 0
    assert report.proactive_disclosure.art20_1.rules.in_force == stock
    assert report.proactive_disclosure.art20_1.rules.issued == 0
    assert report.overview.summary == ""

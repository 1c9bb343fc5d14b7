"""The workbook codec: exact round trips, the form's formulas and checks, edits read back."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.codec import xlsx
from govinfo_report.errors import SerializationError
from govinfo_report.testing.strategies import reports

ROOT = Path(__file__).resolve().parents[2]
T3 = "三、收到和处理政府信息公开申请情况"
T4 = "四、政府信息公开行政复议、行政诉讼情况"


@settings(max_examples=5)
@given(reports())
def test_round_trip_is_exact(report: gr.AnnualReport) -> None:
    assert xlsx.loads(xlsx.dumps(report)) == report


def _book(name: str = "city-2024.yaml") -> tuple[gr.AnnualReport, openpyxl.Workbook]:
    report = gr.load(ROOT / "examples" / name)
    return report, openpyxl.load_workbook(io.BytesIO(xlsx.dumps(report)))


def _save(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_form_has_formulas_validation_protection_checks_and_print_setup() -> None:
    report, book = _book()
    assert book.sheetnames[0] == xlsx.METADATA_SHEET
    assert book.sheetnames[-1] == xlsx.NARRATIVE_SHEET
    sheet = book[T3]
    assert sheet["D5"].value == report.requests.new_requests.natural_person
    assert sheet["J5"].value == "=SUM(D5:I5)"  # 一、本年新收 / 总计
    assert sheet["D28"].value == "=SUM(D7:D27)"  # （七）总计 / 自然人
    assert sheet["K5"].value == '=IF(SUM(D5:I5)=J5,"✓","✗")'
    balance = [row for row in sheet.iter_rows(min_row=30, max_col=4) if row[3].value]
    assert any(r[3].value == '=IF(D5+D6-D28=D29,"✓","✗")' for r in balance)
    assert sheet.protection.sheet
    assert not sheet["D5"].protection.locked
    assert sheet["J5"].protection.locked
    assert sheet["A1"].protection.locked
    kinds = {dv.type for dv in sheet.data_validations.dataValidation}
    assert kinds == {"whole"}
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$1:$4"
    assert "D2:J2" in {str(r) for r in sheet.merged_cells.ranges}  # 申请人情况 over 7 columns
    assert sheet.conditional_formatting
    amounts = [
        dv
        for dv in book["二、主动公开政府信息情况"].data_validations.dataValidation
        if dv.type == "custom"
    ]
    (amount,) = amounts  # 行政事业性收费: >= 0 with at most 4 decimals
    ref = str(amount.sqref)
    assert amount.formula1 == f"AND(ISNUMBER({ref}),{ref}>=0,ROUND({ref},4)={ref})"
    t4 = book[T4]
    assert t4["E5"].value == "=SUM(A5:D5)"


def test_a_person_editing_in_excel_gets_every_problem_named_by_cell() -> None:
    _, book = _book()
    sheet = book[T3]
    sheet["J5"] = 999  # a total typed over its formula: read and checked
    sheet["E6"] = "十二"  # text in a number cell
    sheet["F7"] = None  # a blank input
    sheet["G8"] = 2.5  # not a whole number
    with pytest.raises(SerializationError) as caught:
        xlsx.loads(_save(book), source="r.xlsx")
    where = [p.path for p in caught.value.problems]
    assert where == [f"{T3}!E6", f"{T3}!F7", f"{T3}!G8"]
    text = str(caught.value)
    assert "二、上年结转政府信息公开申请数量 / 商业企业：应为数字，实为文本 '十二'" in text
    assert "空白，请填写数字" in text
    assert "应为整数，实为 2.5" in text
    # With those fixed, the overwritten total is checked like a printed total.
    sheet["E6"], sheet["F7"], sheet["G8"] = 0, 0, 0
    with pytest.raises(SerializationError) as caught:
        xlsx.loads(_save(book), source="r.xlsx")
    assert f"{T3}!J5" in [p.path for p in caught.value.problems]


def test_an_inserted_row_is_named_not_misread() -> None:
    _, book = _book()
    book[T3].insert_rows(10)
    with pytest.raises(SerializationError) as caught:
        xlsx.loads(_save(book))
    first = caught.value.problems[0]
    assert first.path == f"{T3}!C10"
    assert "请勿插入、删除或移动行列" in first.message


def test_metadata_and_narrative_sheets() -> None:
    report, book = _book("hongqi-2023.yaml")
    meta = book[xlsx.METADATA_SHEET]
    assert [c.value for c in meta["A"]][1:3] == ["报告主体", "报告年度"]
    assert meta["B3"].value == 2023
    notes = book[xlsx.NARRATIVE_SHEET]
    ids = [c.value for c in notes["C"]][1:]
    assert "overview.proactive" in ids
    assert notes.cell(row=ids.index("overview.proactive") + 2, column=2).value == (
        report.overview.proactive
    )
    meta["B3"] = "二〇二三"
    with pytest.raises(SerializationError, match=f"{xlsx.METADATA_SHEET}!B3"):
        xlsx.loads(_save(book))


def test_what_excel_cannot_hold_is_refused_on_writing(city: gr.AnnualReport) -> None:
    report = city
    import attrs

    big = attrs.evolve(
        report,
        other_matters=attrs.evolve(
            report.other_matters, info_processing_fee_yuan=Decimal("12345678901234.5678")
        ),
    )
    with pytest.raises(SerializationError, match="15 significant digits"):
        xlsx.dumps(big)
    text = attrs.evolve(report, preamble="a\x01b")
    with pytest.raises(SerializationError, match="U\\+0001"):
        xlsx.dumps(text)
    formula_like = attrs.evolve(report, preamble="=SUM(A1)")
    assert xlsx.loads(xlsx.dumps(formula_like)).preamble == "=SUM(A1)"


def test_not_a_workbook() -> None:
    with pytest.raises(SerializationError, match="not an Excel workbook"):
        xlsx.loads(b"not a zip")


def test_collection_workbook_round_trip_and_cli(tmp_path: Path) -> None:
    from govinfo_report.cli import main

    names = ["city-2024.yaml", "city-2020.yaml", "hongqi-2023.yaml"]
    reports = [gr.load(ROOT / "examples" / name) for name in names]
    data = xlsx.dumps_wide(reports)
    assert xlsx.loads_wide(data) == reports
    sheet = openpyxl.load_workbook(io.BytesIO(data))[xlsx.WIDE_SHEET]
    assert sheet["A1"].value == "报告主体"
    assert sheet["A2"].value == "metadata.agency"
    assert [c.value for c in sheet["A"]][2:] == [r.metadata.agency for r in reports]
    ids = [c.value for c in sheet[2]]
    assert "requests.withheld.state_secret.natural_person" in ids
    assert "proactive_disclosure.art20_9.central_procurement.procurement_items" in ids  # 2019
    out = tmp_path / "all.xlsx"
    inputs = [str(ROOT / "examples" / n) for n in names]
    assert main(["convert", *inputs, "-o", str(out), "--wide"]) == 0
    folder = tmp_path / "split"
    folder.mkdir()
    assert main(["convert", str(out), "--wide", "-o", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir())[0] == "001-示例市人民政府-2024.yaml"
    assert [gr.load(p) for p in sorted(folder.iterdir())] == reports


def test_collection_workbook_errors_name_the_cell(city: gr.AnnualReport) -> None:
    reports = [city]
    book = openpyxl.load_workbook(io.BytesIO(xlsx.dumps_wide(reports)))
    sheet = book[xlsx.WIDE_SHEET]
    ids = [c.value for c in sheet[2]]
    col = ids.index("requests.granted.natural_person") + 1
    sheet.cell(row=3, column=col, value="many")
    with pytest.raises(SerializationError) as caught:
        xlsx.loads_wide(_save(book))
    (problem,) = caught.value.problems
    assert problem.path == f"{xlsx.WIDE_SHEET}!{sheet.cell(row=3, column=col).coordinate}"
    assert "（一）予以公开 / 自然人：应为数字" in problem.message


def test_a_workbook_past_the_limits_is_refused() -> None:
    from govinfo_report.errors import LimitExceeded
    from govinfo_report.limits import Limits

    data = xlsx.dumps_blank()
    with pytest.raises(LimitExceeded, match="max_workbook_bytes"):
        xlsx.loads(data, limits=Limits(max_workbook_bytes=1000))


@settings(max_examples=5)
@given(st.lists(reports(narrative=False), min_size=1, max_size=3))
def test_collection_round_trip_is_exact(batch: list[gr.AnnualReport]) -> None:
    assert xlsx.loads_wide(xlsx.dumps_wide(batch)) == batch

"""The real published samples: every number as printed, with where it was found."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from govinfo_report import taxonomy as tx
from govinfo_report.draft import CellStatus
from govinfo_report.findings import SourceRef
from govinfo_report.parse import InputKind, parse, read_document, sniff
from govinfo_report.taxonomy import FormatVersion, Scope

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ALL_IDS = [spec.id for spec in tx.cell_specs(FormatVersion.V2021)]
SECTION_KEYS = [s.key for s in tx.sections(FormatVersion.V2021)]


def test_hongqi_text() -> None:
    draft = parse(SAMPLES / "hongqi-2023.txt")
    assert list(draft.cells) == ALL_IDS
    assert {c.value for c in draft.cells.values()} == {0}
    meta = draft.metadata
    assert (meta.agency, meta.year, meta.format_version) == (
        "红旗区政务服务和大数据管理局",
        2023,
        FormatVersion.V2021,
    )
    assert meta.scope is Scope.AGENCY_ONLY
    assert meta.confidence["agency"] >= 0.9
    assert list(draft.sections) == SECTION_KEYS
    assert draft.notes == ()
    # the number wrapped onto its own line ("0 0 0 0 0 0\n0") keeps its own line
    wrapped = draft.cells["requests.partially_granted.total"]
    assert wrapped.source == SourceRef(file="hongqi-2023.txt", line=115, column=1)
    assert wrapped.note is not None
    assert "continuation" in wrapped.note
    assert draft.cells["review_litigation.litigation_after_review.total"].source.line == 232
    overview = draft.sections["overview"]
    assert overview.title == "一、总体情况"
    assert overview.text.startswith("2023年，红旗区政务服务和大数据管理局认真贯彻落实")
    assert "（五）监督保障：" in overview.text
    assert (
        draft.sections["other_matters"].text
        == "我局在办理依申请公开工作中，未向申请人收取任何费用。"
    )
    assert draft.info_processing_fee_yuan == Decimal(0)
    assert draft.identity_findings() == []


HUAIAN = {
    "proactive_disclosure.art20_5.licensing.decisions": 447228,
    "proactive_disclosure.art20_6.penalty.decisions": 3985758,
    "proactive_disclosure.art20_8.admin_fees.amount_wan_yuan": Decimal("96171.6"),
    "requests.new_requests.natural_person": 3001,
    "requests.new_requests.total": 3119,
    "requests.carried_in.total": 34,
    "requests.partially_granted.total": 454,
    "requests.unavailable.not_held.total": 769,
    "requests.unavailable.needs_creation.total": 11,  # first row after the page break
    "requests.other_handling.no_amendment.total": 71,
    "requests.other_handling.fee_unpaid.natural_person": 6,
    "requests.other_handling.other.total": 110,
    "requests.outcomes_total.total": 3050,
    "requests.carried_forward.total": 103,
    "review_litigation.review.total": 351,
    "review_litigation.litigation_direct.total": 26,
    "review_litigation.litigation_after_review.pending": 6,
}


def test_huaian_pdf() -> None:
    draft = parse(SAMPLES / "huaian-2024.pdf")
    assert list(draft.cells) == ALL_IDS
    for cell_id, value in HUAIAN.items():
        assert draft.cells[cell_id].value == value, cell_id
    assert all(c.status is CellStatus.NUMBER for c in draft.cells.values())
    assert draft.cells["requests.new_requests.total"].source == SourceRef(
        file="huaian-2024.pdf", page=4, table=3, row=4, column=10
    )
    assert draft.cells["requests.unavailable.needs_creation.total"].source.page == 5
    meta = draft.metadata
    assert (meta.agency, meta.year, meta.scope) == ("淮安市人民政府", 2024, Scope.JURISDICTION)
    assert meta.confidence["year"] == pytest.approx(0.99)
    assert draft.preamble.startswith("本报告由淮安市人民政府办公室根据")
    assert list(draft.sections) == SECTION_KEYS
    assert draft.info_processing_fee_yuan == Decimal(3940)
    assert draft.identity_findings() == []
    assert draft.notes == ()
    assert draft.to_report().requests.outcomes_total.total == 3050


def test_blank_template_docx() -> None:
    draft = parse(SAMPLES / "blank-template-2021.docx")
    assert list(draft.cells) == ALL_IDS
    assert {c.status for c in draft.cells.values()} == {CellStatus.BLANK}
    assert draft.format_version is FormatVersion.V2021
    assert list(draft.sections) == SECTION_KEYS
    # every blank cell is located in its table
    assert draft.cells["requests.carried_forward.total"].source == SourceRef(
        file="blank-template-2021.docx", table=2, row=28, column=10
    )
    codes = {f.code for f in draft.check()}
    assert "cell-blank" in codes
    assert "cell-missing" not in codes


def test_docx_merged_cells_are_resolved() -> None:
    document = read_document(SAMPLES / "blank-template-2021.docx")
    table = next(b for b in document.blocks if hasattr(b, "rows") and len(b.rows) == 28)
    corner = table.rows[1][0]  # the 勾稽 note spans 3 rows and 3 columns
    assert corner.merged
    assert corner.text.startswith("（本列数据的勾稽关系为")
    assert not table.rows[0][0].merged


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("hongqi-2023.txt", InputKind.TEXT),
        ("huaian-2024.pdf", InputKind.PDF),
        ("blank-template-2021.docx", InputKind.DOCX),
    ],
)
def test_sniffed_from_content_not_name(name: str, kind: InputKind) -> None:
    data = (SAMPLES / name).read_bytes()
    assert sniff(data, "renamed.bin") is kind
    assert parse(data, name="renamed.bin").cells.keys() == parse(SAMPLES / name).cells.keys()


def test_the_package_itself_is_the_entry_point() -> None:
    # The spelling: govinfo_report.parse(path_or_bytes), after a plain import.
    import govinfo_report as gr

    data = (SAMPLES / "hongqi-2023.txt").read_bytes()
    by_package = gr.parse(data, name="hongqi-2023.txt")
    assert by_package == parse(data, name="hongqi-2023.txt")
    assert by_package.metadata.year == 2023
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        _ = gr.nonesuch  # type: ignore[attr-defined]


def test_a_plain_import_loads_no_adapter_until_parse_is_called() -> None:
    # In a fresh interpreter: here the test session has already imported everything.
    script = f"""
import sys
import govinfo_report as gr
heavy = ("govinfo_report.parse", "govinfo_report.render", "docx", "docxtpl", "pypdfium2")
assert not [m for m in heavy if m in sys.modules], [m for m in heavy if m in sys.modules]
draft = gr.parse({str(SAMPLES / "hongqi-2023.txt")!r})
assert draft.metadata.year == 2023, draft.metadata
assert "govinfo_report.parse" in sys.modules
assert "govinfo_report.render" not in sys.modules
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_signature_is_the_closing_not_section_six() -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    draft = parse(corpus / "shuyang-fgj-2023-html" / "source.html")
    assert draft.closing == "沭阳县发展和改革局\n2024年1月17日"
    assert draft.sections["other_matters"].text.endswith("政府信息公开未发生收费情况。")
    assert draft.metadata.published == dt.date(2024, 1, 17)
    # A report re-rendered from the draft is signed once, not twice.
    assert draft.to_report(blank_as_zero=True).other_matters.text.count("2024年1月17日") == 0


@pytest.mark.parametrize(
    ("text", "body", "closing"),
    [
        ("无。\n\n某某局\n2024年1月17日", "无。", "某某局\n2024年1月17日"),
        (
            "无。\n某某县人民政府办公室\n某某县人民政府\n2024 年 1 月 17 日",
            "无。",
            "某某县人民政府办公室\n某某县人民政府\n2024 年 1 月 17 日",
        ),
        ("无。\n2024年1月17日", "无。", "2024年1月17日"),
        (
            "全年收费0元。\n2024年1月17日，本局召开会议。",
            "全年收费0元。\n2024年1月17日，本局召开会议。",
            "",
        ),
        ("收费情况如下：\n2024年1月17日", "收费情况如下：", "2024年1月17日"),
        ("", "", ""),
        ("无。\n某局\n二〇二四年一月十七日", "无。", "某局\n二〇二四年一月十七日"),
    ],
)
def test_split_closing(text: str, body: str, closing: str) -> None:
    from govinfo_report.parse._mapping import split_closing

    assert split_closing(text) == (body, closing)


def test_a_unit_printed_in_a_cell_is_noted_with_its_reading() -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    draft = parse(corpus / "shanghai-2019-html" / "source.html")
    cell = draft.cells["proactive_disclosure.art20_9.central_procurement.procurement_amount"]
    assert (cell.text, cell.status, cell.value, cell.unit) == (
        "251000元",
        CellStatus.WITH_UNIT,
        251000,
        "元",
    )
    assert cell.note is not None
    assert "25.1万元" in cell.note
    assert draft.values()[
        "proactive_disclosure.art20_9.central_procurement.procurement_amount"
    ] == Decimal("25.1")


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2024年1月17日", dt.date(2024, 1, 17)),
        ("2024 年 1 月 7 日", dt.date(2024, 1, 7)),
        ("二〇二四年一月十七日", dt.date(2024, 1, 17)),
        ("二〇二三年十二月三十一日", dt.date(2023, 12, 31)),
        ("二〇二四年十月十日", dt.date(2024, 10, 10)),
        ("二〇二四年二月三十日", None),  # no such day
        ("2024年1月17日，本局召开会议。", None),  # a sentence, not a date line
    ],
)
def test_the_signing_date_in_either_numerals(line: str, date: dt.date | None) -> None:
    from govinfo_report.parse._meta import date_of_line

    assert date_of_line(line) == date

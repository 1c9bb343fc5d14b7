"""Label and layout variants of real reports (FORMAT.md §6B), as found, never invented."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import govinfo_report as gr
from govinfo_report import taxonomy as tx
from govinfo_report.catalog import Severity
from govinfo_report.draft import CellStatus
from govinfo_report.model import AnnualReport
from govinfo_report.parse import parse
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.validate import validate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _report(version: FormatVersion) -> AnnualReport:
    """A city report with thousands of requests (examples/), in the given format."""
    name = "city-2024.yaml" if version is FormatVersion.V2021 else "city-2020.yaml"
    return gr.load(EXAMPLES / name)


def test_every_typographic_variant_in_one_text(write_text: Callable[..., str]) -> None:
    report = _report(FormatVersion.V2021)
    text = write_text(report, 3)
    replacements = {
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "1、逾期不补正",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "2.逾期不缴费",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开",
        "3.危及“三安全一稳定”": '3. 危及"三安全一稳定"',
        "第二十条第（一）项": "第二十条 第（一）项",
        "四、结转下年度继续办理": "四、结转下一年度继续办理",
        "五、存在的主要问题及改进情况": "五、存在问题及改进情况",
        "1.属于国家秘密": "1．属于国家秘密",
    }
    for official, variant in replacements.items():
        # the writer may have broken a label across lines: rejoin before replacing
        text = text.replace(official, variant)
    parsed = parse(text.encode("utf-8"))
    expected = {c.id: c.value for c in report.cells()}
    assert {k: c.value for k, c in parsed.cells.items()} == expected
    (title,) = validate(parsed).by_code("section-title")
    assert title.path == "problems_improvements"
    assert title.severity is Severity.INFO  # a known variant, as for any draft
    assert parsed.sections["problems_improvements"].title == "五、存在问题及改进情况"


def test_full_width_digits_and_comma_separators() -> None:
    text = "\n".join(
        [
            "某市人民政府２０２３年政府信息公开工作年度报告",
            "一、总体情况",
            "全市工作。",
            "二、主动公开政府信息情况",
            "第二十条第（五）项",
            "信息内容 本年处理决定数量",
            "行政许可 11,398,889",
            "三、收到和处理政府信息公开申请情况",
            "一、本年新收政府信息公开申请数量 １２ ０ ０ ０ ０ ０ １２",
        ]
    )
    draft = parse(text.encode("utf-8"))
    assert draft.metadata.year == 2023
    assert draft.cells["proactive_disclosure.art20_5.licensing.decisions"].value == 11398889
    assert draft.cells["proactive_disclosure.art20_5.licensing.decisions"].text == "11,398,889"
    assert draft.cells["requests.new_requests.total"].value == 12


def test_blanks_dashes_and_units_kept_as_found(write_html: Callable[..., str]) -> None:
    report = _report(FormatVersion.V2019)
    html = write_html(
        report, blank=frozenset({"requests.granted.total", "requests.carried_in.total"})
    )
    html = html.replace(
        f"<td colspan='1'>{report.proactive_disclosure.art20_9.central_procurement.procurement_items}"
        "</td>",
        "<td colspan='1'>—</td>",
        1,
    )
    amount = report.proactive_disclosure.art20_9.central_procurement.procurement_amount
    html = html.replace(f">{format(amount, 'f')}<", ">251000元<", 1)
    draft = parse(html.encode("utf-8"))
    assert draft.format_version is FormatVersion.V2019
    granted = draft.cells["requests.granted.total"]
    assert (granted.status, granted.text, granted.value) == (CellStatus.BLANK, "", None)
    procurement = draft.cells["proactive_disclosure.art20_9.central_procurement.procurement_amount"]
    assert (procurement.status, procurement.text, procurement.value, procurement.unit) == (
        CellStatus.WITH_UNIT,
        "251000元",
        251000,
        "元",
    )
    items = draft.cells["proactive_disclosure.art20_9.central_procurement.procurement_items"]
    assert (items.status, items.text) == (CellStatus.DASH, "—")
    codes = [f.code for f in draft.check()]
    assert "cell-blank" in codes
    assert "cell-unit" in codes


def test_missing_table_is_absent_not_zero(write_text: Callable[..., str]) -> None:
    report = _report(FormatVersion.V2021)
    text = write_text(report, 5)
    start = text.index("四、政府信息公开行政复议、行政诉讼情况")
    end = text.index("五、存在的主要问题及改进情况")
    draft = parse((text[:start] + text[end:]).encode("utf-8"))
    assert not any(k.startswith("review_litigation.") for k in draft.cells)
    assert not draft.notes  # what is missing is the validator's to say, for every source alike
    codes = {(f.code, f.path) for f in validate(draft).findings}
    assert ("section-missing", "review_litigation") in codes
    missing = [f for f in draft.check() if f.code == "cell-missing"]
    assert len(missing) == len(tx.CASE_GROUPS) * len(tx.CASE_COLUMNS)


def test_a_missing_row_is_absent(write_text: Callable[..., str]) -> None:
    report = _report(FormatVersion.V2021)
    text = write_text(report, 0)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("2.重复申请"))
    # drop the row's label and its numbers
    end = start + 1
    while not lines[end].strip() or (lines[end][0].isdigit() and "." not in lines[end][:3]):
        end += 1
    draft = parse("\n".join(lines[:start] + lines[end:]).encode("utf-8"))
    assert "requests.not_processed.duplicate.total" not in draft.cells
    assert draft.cells["requests.not_processed.publication.total"].value == (
        report.requests.not_processed.publication.total
    )


def test_format_mix_is_reported(write_html: Callable[..., str]) -> None:
    report = _report(FormatVersion.V2021)
    html = (
        write_html(report)
        .replace("本年制发件数", "本年新制作数量")
        .replace("本年废止件数", "本年新公开数量")
    )
    draft = parse(html.encode("utf-8"))
    # The parser hands over the labels it saw; the validator alone reports the mix (issue 10).
    assert "本年新制作数量" in draft.metadata.format_labels[FormatVersion.V2019]
    assert "format-mix" not in {f.code for f in draft.notes}
    (mix,) = validate(draft).by_code("format-mix")
    assert "本年新制作数量" in mix.message_zh


def test_version_from_labels_not_year(write_text: Callable[..., str]) -> None:
    report = _report(FormatVersion.V2019)
    text = write_text(report, 2).replace("2020年", "2024年", 1)
    draft = parse(text.encode("utf-8"))
    assert draft.metadata.year == 2024
    assert draft.format_version is FormatVersion.V2019


def test_decimal_amount_is_exact(write_html: Callable[..., str]) -> None:
    report = _report(FormatVersion.V2021)
    html = write_html(report).replace(">96171.6<", ">59237.2449<", 1)
    draft = parse(html.encode("utf-8"))
    cell = draft.cells["proactive_disclosure.art20_8.admin_fees.amount_wan_yuan"]
    assert cell.value == Decimal("59237.2449")

"""The narrative module: sub-headed parts split and joined, statements of the 信息处理费."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo_report import narrative, taxonomy
from govinfo_report.narrative import (
    FEE_WORD,
    _after_heading,
    fee_statements,
    join_parts,
    split_parts,
)


def test_fee_word_is_the_taxonomy_label_without_its_unit() -> None:
    assert taxonomy.INFO_PROCESSING_FEE.label.startswith(FEE_WORD)
    assert FEE_WORD == "信息处理费"


def test_narrative_doctests() -> None:
    import doctest

    assert doctest.testmod(narrative).failed == 0


_PROSE = st.text(alphabet="本年度公开政府信息共计条。，主动依申请", min_size=1, max_size=30)


@given(_PROSE, _PROSE)
def test_split_parts_inverts_join_parts(problems: str, improvements: str) -> None:
    import govinfo_report as gr

    section = gr.ProblemsImprovements(problems=problems, improvements=improvements)
    text = join_parts("problems_improvements", section)
    parts = split_parts("problems_improvements", text)
    assert parts == {"summary": "", "problems": problems, "improvements": improvements}


def test_split_parts_of_the_sample_overview() -> None:
    text = "\n".join(
        [
            "总体。",
            "（一）主动公开：",
            "甲",
            "（二）依申请公开：",
            "乙",
            "（三）政府信息管理：",
            "丙",
            "（四）政府信息公开平台建设：",
            "丁",
            "（五）监督保障：",
            "戊",
        ]
    )
    parts = split_parts("overview", text)
    assert parts == {
        "summary": "总体。",
        "proactive": "甲",
        "on_request": "乙",
        "information_management": "丙",
        "platform": "丁",
        "oversight": "戊",
    }
    assert split_parts("overview", "没有小标题") == {"summary": "没有小标题"}


def test_text_on_the_heading_line_is_kept() -> None:
    text = "\n".join(
        [
            "（一）主动公开情况：全年主动公开信息120条。",
            "续行。",
            "（二）依申请公开。共收到申请5件。",
            "（三）政府信息管理方面，本机关建立了审查机制。",
            "（四）政府信息公开平台建设",
            "丁",
            "（五）监督保障：",
            "戊",
        ]
    )
    parts = split_parts("overview", text)
    assert parts == {
        "summary": "",
        "proactive": "全年主动公开信息120条。\n续行。",
        "on_request": "共收到申请5件。",
        "information_management": "政府信息管理方面，本机关建立了审查机制。",
        "platform": "丁",
        "oversight": "戊",
    }


@pytest.mark.parametrize(
    ("line", "label", "expected"),
    [
        # A heading that runs into its sentence without punctuation keeps the sentence whole.
        ("（一）主动公开全年发布信息120条", "（一）主动公开", "主动公开全年发布信息120条"),
        # ... also when the sentence ends on the heading's line.
        ("（一）主动公开全年发布信息120条。", "（一）主动公开", "主动公开全年发布信息120条。"),
        ("（一）主动公开情况。全年发布120条。", "（一）主动公开", "全年发布120条。"),
        # The heading alone, with or without 情况 / 方面 / 工作, carries no text.
        ("（一）主动公开", "（一）主动公开", ""),
        ("（一）主动公开情况", "（一）主动公开", ""),
        ("（一）主动公开工作", "（一）主动公开", ""),
        ("（三）政府信息管理方面", "（三）政府信息管理", ""),
        ("（二）改进情况", "（二）改进情况", ""),
    ],
)
def test_heading_without_punctuation(line: str, label: str, expected: str) -> None:
    assert _after_heading(line, "一二三".index(line[1]), label) == expected


def test_run_in_heading_text_is_kept_in_its_part() -> None:
    text = "\n".join(
        [
            "（一）主动公开全年发布信息120条",
            "（二）依申请公开：乙",
            "（三）政府信息管理：丙",
            "（四）政府信息公开平台建设",
            "丁",
            "（五）监督保障：戊",
        ]
    )
    parts = split_parts("overview", text)
    assert parts["proactive"] == "主动公开全年发布信息120条"
    assert parts["platform"] == "丁"


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("本年度未收取信息处理费。", [Decimal(0)]),
        ("未向申请人收取任何费用。", [Decimal(0)]),
        ("信息处理费0元。", [Decimal(0)]),
        ("收取信息处理费为零。", [Decimal(0)]),
        ("信息处理费：无。", [Decimal(0)]),
        ("信息处理费为零", [Decimal(0)]),
        ("收取信息处理费0.5万元。", [Decimal(5000)]),
        # "其他费用" is not the 信息处理费.
        ("未收取其他费用。", []),
        ("本机关未收取任何其他费用。", []),
        # A 0, 零 or 无 that does not end the clause is not a zero.
        ("信息处理费零点五万元。", []),
        ("信息处理费无减免。", []),
        # Rates are not totals.
        ("信息处理费按每页0.1元收取。", []),
        ("信息处理费按0.1元/页收取。", []),
        ("信息处理费每件10元。", []),
        ("收取信息处理费0.1元/页。", []),
    ],
)
def test_fee_statements(text: str, amounts: list[Decimal]) -> None:
    assert [s.amount for s in fee_statements(text)] == amounts


def test_one_fullwidth_table_for_cells_prose_and_titles() -> None:
    """Draft cells, the narrative checks and report titles read full-width numbers alike."""
    import attrs

    import govinfo_report as gr
    from govinfo_report.accept import FULLWIDTH
    from govinfo_report.draft import DraftSection, classify
    from govinfo_report.findings import SourceRef
    from govinfo_report.parse._grid import Document, Paragraph
    from govinfo_report.parse._meta import read_metadata
    from govinfo_report.validate import validate

    assert "１２３４５６７８９０．％＋－".translate(FULLWIDTH) == "1234567890.%+-"
    assert "，".translate(FULLWIDTH) == "，"  # a clause separator in prose, not a number sign
    assert classify("１，２３４")[1] == 1234
    assert classify("－３")[1] == -3

    draft = gr.Draft.from_report(gr.load("examples/city-2024.yaml"))
    sections = dict(draft.sections)
    sections["overview"] = DraftSection("一、总体情况", "全市共收到申请９９件。")
    (finding,) = validate(attrs.evolve(draft, sections=sections)).by_code("text-requests")
    assert finding.actual == 99
    assert "正文称“全市共收到申请99件”" in finding.message_zh

    line = Paragraph("某市人民政府２０２４年政府信息公开工作年度报告", SourceRef(line=1))
    document = Document("text", (line,))
    metadata, _ = read_metadata(document, document.blocks, {}, None, 0.0)
    assert (metadata.agency, metadata.year) == ("某市人民政府", 2024)

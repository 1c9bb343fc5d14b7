"""The lenient draft: keeps what was printed, checks without raising, converts on request."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import govinfo_report as gr
from govinfo_report.draft import (
    CellStatus,
    _heading,
    classify,
    fee_statements,
    join_parts,
    split_parts,
)
from govinfo_report.testing import reports


@pytest.mark.parametrize(
    ("text", "status", "value"),
    [
        ("12", CellStatus.NUMBER, 12),
        (" 1,234 ", CellStatus.NUMBER, 1234),
        ("１２", CellStatus.NUMBER, 12),
        ("96171.6", CellStatus.NUMBER, Decimal("96171.6")),
        ("+1036", CellStatus.NUMBER, 1036),
        ("-36", CellStatus.NUMBER, -36),
        ("", CellStatus.BLANK, None),
        ("/", CellStatus.DASH, None),
        ("—", CellStatus.DASH, None),
        ("251000元", CellStatus.WITH_UNIT, 251000),
        ("约10", CellStatus.TEXT, None),
    ],
)
def test_classify(text: str, status: CellStatus, value: object) -> None:
    assert classify(text)[:2] == (status, value)


@given(reports())
def test_report_to_draft_and_back(report: gr.AnnualReport) -> None:
    draft = gr.Draft.from_report(report)
    assert draft.check() == ()
    again = draft.to_report()
    for part in ("metadata", "preamble", "proactive_disclosure", "requests", "review_litigation"):
        assert getattr(again, part) == getattr(report, part)
    assert again.other_matters == report.other_matters
    # Narrative parts travel as text under their headings and come back as the same text.
    for section in ("overview", "problems_improvements"):
        assert join_parts(section, getattr(again, section)) == join_parts(
            section, getattr(report, section)
        )


def test_draft_keeps_blanks_and_reports_them(hongqi_path: Path) -> None:
    draft = gr.Draft.from_report(gr.load(hongqi_path))
    cells = dict(draft.cells)
    cells["requests.granted.total"] = gr.DraftCell.read("/")
    cells["requests.carried_in.natural_person"] = gr.DraftCell.read("251000件")
    del cells["review_litigation.review.total"]
    draft = attrs.evolve(draft, cells=cells)
    codes = {(f.code, f.path) for f in draft.check()}
    assert ("cell-blank", "requests.granted.total") in codes
    assert ("cell-unit", "requests.carried_in.natural_person") in codes
    assert ("cell-missing", "review_litigation.review.total") in codes
    # The unit-bearing number still takes part in the identities, so the imbalance shows.
    assert ("t3-balance", "requests.carried_forward.natural_person") in codes
    with pytest.raises(gr.InvariantViolation) as info:
        draft.to_report()
    raised = {(f.code, f.path) for f in info.value.findings}
    assert ("cell-blank", "requests.granted.total") in raised
    assert ("cell-missing", "review_litigation.review.total") in raised


def test_units_are_read_in_the_column_unit(hongqi_path: Path) -> None:
    draft = gr.Draft.from_report(gr.load(hongqi_path))
    fee = "proactive_disclosure.art20_8.admin_fees.amount_wan_yuan"
    cells = dict(draft.cells)
    cells[fee] = gr.DraftCell.read("251000元")
    report = attrs.evolve(draft, cells=cells).to_report()
    assert report.proactive_disclosure.art20_8.admin_fees.amount_wan_yuan == Decimal("25.1")
    # A money unit in a count column cannot be read as a count.
    cells["requests.carried_in.natural_person"] = gr.DraftCell.read("5元")
    broken = attrs.evolve(draft, cells=cells)
    assert ("cell-invalid", "requests.carried_in.natural_person") in {
        (f.code, f.path) for f in broken.check()
    }
    assert "requests.carried_in.natural_person" not in broken.values()
    with pytest.raises(gr.InvariantViolation, match="carried_in"):
        broken.to_report()


def test_draft_doctests() -> None:
    import doctest

    from govinfo_report import draft

    assert doctest.testmod(draft).failed == 0


def test_blank_as_zero(hongqi_path: Path) -> None:
    draft = gr.Draft.from_report(gr.load(hongqi_path))
    cells = dict(draft.cells)
    cells["requests.granted.total"] = gr.DraftCell.read("")
    report = attrs.evolve(draft, cells=cells).to_report(blank_as_zero=True)
    assert report.requests.granted.total == 0


def test_empty_draft_checks_without_raising() -> None:
    findings = gr.Draft().check()
    assert len([f for f in findings if f.code == "cell-missing"]) == 200
    with pytest.raises(gr.InvariantViolation) as info:
        gr.Draft().to_report()
    assert any(f.path == "metadata.agency" for f in info.value.findings)


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
    assert _heading(line, "一二三".index(line[1]), label) == expected


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

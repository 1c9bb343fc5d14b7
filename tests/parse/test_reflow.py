"""Page wraps in PDF narrative are joined back into paragraphs; nothing else changes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from govinfo_report.parse import parse
from govinfo_report.parse._reflow import reflow, text_width

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

WRAPPED = [
    "2024年，我市坚持以习近平新时代中国特色社会主义思想为",
    "指导，认真学习宣传贯彻党的二十大和二十届二中、三中全会精",
    "神，圆满完成了各项任务。",
    "（一）主动公开情况。市政府网站主动公开各类政府信息5500余",
    "",
    "条，全年新增公开市政府规章1件。",
    "（二）依申请公开情况：",
    "全年共受理申请3119件。",
]


def test_wrapped_lines_become_paragraphs() -> None:
    assert reflow(WRAPPED) == [
        "2024年，我市坚持以习近平新时代中国特色社会主义思想为指导，认真学习宣传贯彻党的二十大和"
        "二十届二中、三中全会精神，圆满完成了各项任务。",
        # a blank line left by a page break inside a paragraph is bridged
        "（一）主动公开情况。市政府网站主动公开各类政府信息5500余条，全年新增公开市政府规章1件。",
        "（二）依申请公开情况：",
        "全年共受理申请3119件。",
    ]


def test_headings_sentence_ends_and_table_rows_keep_their_breaks() -> None:
    lines = [
        "本机关坚持以人民为中心的发展思想，全面推进政务公开工作，",
        "一是完善制度机制建设，细化工作任务分工，层层压实工作责任",
        "二是加强平台建设管理，持续优化栏目设置，提升用户使用体验",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t3",
    ]
    # the 一是/二是 lines run to the edge without a stop, so they join; table rows never do
    out = reflow(lines)
    assert out[-2:] == lines[-2:]
    # a line well short of the full width ends its paragraph, punctuation or not
    short = [*WRAPPED[:3], "附件：统计表", "全年共受理申请3119件。"]
    assert reflow(short)[1:] == ["附件：统计表", "全年共受理申请3119件。"]
    assert reflow(["一行", "两行"]) == ["一行", "两行"]  # too few lines to know the width


def test_latin_words_cut_at_the_edge_get_their_space() -> None:
    lines = ["政府网站访问量统计采用 Google Analytics 与国产统计平台相结合 the", "system", "完。"]
    assert reflow([*lines, "另起一行的内容，长度与前面的行大致相同，用于确定满行宽度。"])[
        0
    ].endswith("the system")


@given(st.lists(st.text(alphabet="政府信息公开，。：（）一二1 \t", max_size=40), max_size=12))
def test_only_line_breaks_change(lines: list[str]) -> None:
    out = reflow(lines)
    squash = lambda xs: "".join(x.strip() for x in xs).replace(" ", "")  # noqa: E731
    assert squash(out) == squash(lines)
    assert len(out) <= len(lines)


def test_widths_count_cjk_double() -> None:
    assert text_width("政府2024") == 8


def test_the_pdf_sample_reads_as_paragraphs() -> None:
    overview = parse(SAMPLES / "huaian-2024.pdf").sections["overview"].text
    lines = overview.split("\n")
    assert "社会主义思想为指导，认真学习" in lines[0]
    assert [line[:3] for line in lines[1:6]] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert "答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）" in overview

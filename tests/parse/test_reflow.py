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
    # the lines run to the edge without a stop, but 一是/二是 open an item; table rows never join
    assert reflow(lines) == lines
    # a line well short of the full width ends its paragraph, punctuation or not
    short = [*WRAPPED[:3], "附件：统计表", "全年共受理申请3119件。"]
    assert reflow(short)[1:] == ["附件：统计表", "全年共受理申请3119件。"]
    assert reflow(["一行", "两行"]) == ["一行", "两行"]  # too few lines to know the width


def test_enumerations_of_prose_open_a_new_line() -> None:
    # every line runs to the edge without a stop, so only the opening keeps a break
    lines = [
        "本机关坚持以人民为中心的发展思想，全面推进政务公开各项工作，",
        "一是加强组织领导，健全工作机制，细化任务分工，层层压实责任",
        "二是强化平台建设，持续优化栏目设置，不断提升用户使用的体验",
        "十一是抓好队伍建设，常态化开展业务培训，切实提高能力和水平。",
        "同时，我们也清醒地认识到工作中仍存在一些不足，主要表现在两个方面",
        "其一，政策解读的形式还不够丰富，解读的质量仍有待持续提升，",
        "其二，政务新媒体的运维管理还需加强，部分栏目更新不够及时，",
        "其一般性的问题已在年内整改完毕，其余问题将在下一年度整改。",
    ]
    # 其一般 is a word, not an enumeration: that wrap is undone
    assert reflow(lines) == [*lines[:6], lines[6] + lines[7]]


def test_a_text_of_short_lines_only_is_left_alone() -> None:
    # the lines alone would make 23 characters the full width and every line "full": none joins
    lines = [
        "市发展和改革委员会：负责全市的经济社会发展规划",
        "市教育局：负责全市各级各类学校的教育教学管理",
        "市科学技术局：负责全市科技创新体系建设的统筹",
        "市工业和信息化局：负责全市工业经济运行的调度",
    ]
    assert reflow(lines) == lines
    assert reflow([line[:10] for line in lines]) == [line[:10] for line in lines]


def test_a_28_character_page_still_joins() -> None:
    # the GB/T 9704 line: 28 characters; “ ” and digits count 1, so a wrapped line measures 50
    lines = [
        "市科委及时发布本部门最新版本的政府信息公开指南并标",
        "注更新日期，加强公文公开属性审查和信息发布审查管理。",
        "“上海科技”网站全年累计发布信息 2139 条，其中动态类",
        "信息发布 1744 条，政务信息发布 393 条。",
        "根据《中华人民共和国政府信息公开条例》和《上海市政府",
    ]
    assert [text_width(line) for line in lines[:3]] == [50, 52, 50]
    assert reflow(lines) == [lines[0] + lines[1], lines[2] + lines[3], lines[4]]


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

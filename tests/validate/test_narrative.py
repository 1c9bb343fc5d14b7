"""Narrative rules: sections 五/一/六, and numbers in the text against the tables."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from govinfo_report.catalog import Severity
from govinfo_report.validate import validate

TEXT_CODES = {
    "text-zero-report",
    "text-no-cases",
    "text-requests",
    "text-carryover",
    "text-outcomes",
    "text-cases",
    "text-percent",
    "text-all-closed",
    "text-severed",
    "text-withdrawn",
}

# The city report: 一 3119, 二 34, （七） 3050, 四 103; 予以公开 1218, 部分公开 177, 不予公开 128;
# 行政复议 351; 行政诉讼 26 + 20 = 46.


def check(draft_of, with_text, report, text, key="overview"):
    return validate(with_text(draft_of(report), key, text), select=["narrative"])


@pytest.mark.parametrize(
    "text",
    [
        "全市共新收政府信息公开申请3119件，上年结转34件，办结3050件，结转下年度继续办理103件。",
        "全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件"
        "顺延到下年度答复），均在法定期限内予以答复。",
        "共收到政府信息公开申请3153件。",  # 一+二: the other reading of 收到
        "共受理申请3153件（含上年结转）。",
        "予以公开1218件，部分公开177件，不予公开128件。",
        "予以公开及部分公开1395件，占45.7%。",  # 1395 / 3050 = 45.74%
        "政府信息公开行政复议351件，其中结果维持72件；行政诉讼46件。",
        "行政复议和行政诉讼共397件。",
        "同比增长的申请12件，较上年减少不予公开3件。",  # comparisons are not table numbers
        "区分处理177件。",
        "撤回申请2件。",
    ],
)
def test_statements_that_agree_with_the_tables(city, draft_of, with_text, text):
    assert check(draft_of, with_text, city, text).codes & TEXT_CODES == set()


def test_requests_wording_new_but_number_includes_carried(city, draft_of, with_text):
    result = check(draft_of, with_text, city, "全市新收政府信息公开申请3153件。")
    (finding,) = result.by_code("text-requests")
    assert finding.severity is Severity.WARNING
    assert finding.path == "requests.new_requests.total"
    assert (finding.expected, finding.actual) == (3119, 3153)
    assert "该数等于 一+二（含上年结转）3153" in finding.message_zh


def test_requests_matching_neither_reading_names_both(city, draft_of, with_text):
    result = check(draft_of, with_text, city, "共收到政府信息公开申请3000件。")
    (finding,) = result.by_code("text-requests")
    assert (
        "一、本年新收 为 3119，一+二（含上年结转）为 3153，两种理解均不一致" in finding.message_zh
    )
    assert "neither reading matches" in finding.message_en


def test_carry_over_and_concluded(city, draft_of, with_text):
    result = check(draft_of, with_text, city, "上年结转30件，办结3000件，结转下年度继续办理100件。")
    found = {(f.code, f.path, f.actual) for f in result.findings}
    assert found == {
        ("text-carryover", "requests.carried_in.total", 30),
        ("text-outcomes", "requests.outcomes_total.total", 3000),
        ("text-carryover", "requests.carried_forward.total", 100),
    }


def test_group_sums_including_combined_groups(city, draft_of, with_text):
    result = check(draft_of, with_text, city, "不予公开92件；予以公开及部分公开258件。")
    found = {f.path: f for f in result.by_code("text-outcomes")}
    assert set(found) == {"requests.withheld", "requests.granted.total"}
    assert found["requests.withheld"].expected == 128
    assert found["requests.withheld"].labels == ("（三）不予公开",)
    assert found["requests.granted.total"].expected == 1218 + 177


def test_percentage_recomputed(city, draft_of, with_text):
    # Shanghai 2019 wrote 258 件，占33.9% where 258/805 = 32.0%.
    result = check(draft_of, with_text, city, "予以公开1218件，占33.9%。")
    (finding,) = result.by_code("text-percent")
    assert finding.actual == Decimal("33.9")
    assert finding.expected == Decimal("39.9")  # 1218 / 3050
    assert "1218 ÷ （七）总计 3050 = 39.9%" in finding.message_zh
    ok = check(draft_of, with_text, city, "予以公开1218件，占39.9%；占比39.93%。")
    assert "text-percent" not in ok.codes


def test_cases_in_the_text(city, draft_of, with_text):
    result = check(draft_of, with_text, city, "行政复议35件，行政诉讼26件。")
    found = {f.path: f for f in result.by_code("text-cases")}
    assert found["review_litigation.review.total"].expected == 351
    litigation = found["review_litigation.litigation_direct.total"]
    assert litigation.expected == 46  # 直接起诉 26 + 复议后起诉 20
    assert "未经复议直接起诉总计 + 复议后起诉总计 = 46" in litigation.message_zh


def test_zero_report_statement_with_requests_in_the_table(city, draft_of, with_text):
    result = check(
        draft_of, with_text, city, "2024年，我局未收到公民、法人和其他组织提出的政府信息公开申请。"
    )
    (finding,) = result.by_code("text-zero-report")
    assert finding.path == "requests.new_requests.total"
    assert finding.actual == 3119


def test_zero_report_with_only_carried_in_is_consistent_unless_other_cells_move(
    hongqi, draft_of, with_text, edit
):
    # The 红旗区 report says 未收到…申请 and its table is all zero: consistent.
    assert validate(hongqi, select=["narrative"]).codes == set()
    # With no new and no carried-in request, every table 三 cell must be 0.
    draft = edit(draft_of(hongqi), requests__granted__natural_person=1, requests__granted__total=1)
    (finding,) = validate(draft, select=["text-zero-report"]).findings
    assert finding.path == "requests.granted.natural_person"
    assert "表三应全部为 0" in finding.message_zh


def test_reverse_zero_report_table_all_zero_text_states_requests(hongqi, draft_of, with_text):
    result = check(draft_of, with_text, hongqi, "本年度共收到政府信息公开申请5件，予以公开3件。")
    found = result.by_code("text-zero-report")
    assert {f.actual for f in found} == {5, 3}
    assert all("表三全部为 0" in f.message_zh for f in found)
    assert "text-requests" not in result.codes


def test_no_review_or_litigation_statement(city, draft_of, with_text):
    result = check(
        draft_of, with_text, city, "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"
    )
    paths = {f.path for f in result.by_code("text-no-cases")}
    assert paths == {"review_litigation.review.total", "review_litigation.litigation_direct.total"}
    # "No corrected review" is not "no review"; 无法提供 is not a negation of cases.
    quiet = check(
        draft_of,
        with_text,
        city,
        "未发生行政复议被纠错的情况。无法提供的申请均已告知行政复议途径。",
    )
    assert "text-no-cases" not in quiet.codes


def test_all_concluded_but_carried_forward(city, draft_of, with_text):
    (finding,) = check(draft_of, with_text, city, "所有申请均已按期办结。").by_code(
        "text-all-closed"
    )
    assert finding.actual == 103


def test_severed_and_withdrawn(city, draft_of, with_text):
    result = check(draft_of, with_text, city, "区分处理12件。申请人撤回申请230件。")
    (severed,) = result.by_code("text-severed")
    assert severed.expected == 177
    (withdrawn,) = result.by_code("text-withdrawn")
    assert withdrawn.severity is Severity.INFO
    assert withdrawn.path == "requests.other_handling.other.total"


def test_statements_in_every_narrative_section_are_checked(city, draft_of, with_text):
    for key in ("preamble", "problems_improvements", "other_matters"):
        result = check(draft_of, with_text, city, "共收到政府信息公开申请99件。", key)
        assert "text-requests" in result.codes, key


def test_quote_and_source_of_a_text_finding(city, draft_of, with_text):
    from govinfo_report.draft import DraftSection
    from govinfo_report.findings import SourceRef

    draft = draft_of(city)
    where = SourceRef(file="r.pdf", page=2, line=14)
    sections = dict(draft.sections)
    sections["overview"] = DraftSection("一、总体情况", "全市共收到\n申请 99 件。", where)
    (finding,) = validate(attrs.evolve(draft, sections=sections)).by_code("text-requests")
    assert finding.source == where
    assert "正文称“全市共收到申请99件”" in finding.message_zh


# --- sections 一, 五, 六 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "无", "无。", "暂无", "（一）存在的主要问题\n（二）改进情况", "问题较少。"]
)
def test_trivial_section_five(city, draft_of, with_text, text):
    result = check(draft_of, with_text, city, text, "problems_improvements")
    (finding,) = result.by_code("section5-trivial")
    assert finding.path == "problems_improvements"


def test_meaningful_section_five_passes(hongqi):
    assert "section5-trivial" not in validate(hongqi).codes


def test_empty_sections_one_and_six(city, draft_of, with_text):
    draft = with_text(with_text(draft_of(city), "overview", ""), "other_matters", " ")
    paths = {f.path for f in validate(draft).by_code("section-empty")}
    assert paths == {"overview", "other_matters"}


def test_qualified_replies_are_not_the_concluded_total(city, draft_of, with_text):
    # Real wording (上海市科委 2024): parts of the concluded requests, not their total.
    text = "所有办结的信息公开申请中同意公开答复1218件，部分公开答复177件，转下一年度办理答复的有103件。"
    assert "text-outcomes" not in check(draft_of, with_text, city, text).codes


def test_blank_totals_are_read_as_their_row_sum_in_text_checks(city, draft_of, with_text, edit):
    draft = edit(draft_of(city), requests__granted__total="", requests__partially_granted__total="")
    draft = with_text(draft, "overview", "予以公开及部分公开1395件。")
    assert "text-outcomes" not in validate(draft, select=["narrative"]).codes

"""The sentences the collection tools write, as data: templates with named fields.

Every number filled in comes from a report's cells; the names of the outcome groups, applicant
columns and case results come from the taxonomy's labels (passed in as fields such as
``{person_label}``). Change the wording here, not in code. Each generated text passes the
validator's narrative rules (checked by the tests over the hypothesis strategies).

Examples:
    >>> PREAMBLE.format(year=2024, count=9)[:24]
    '本报告根据《中华人民共和国政府信息公开条例》编制'
"""

from __future__ import annotations

from ..taxonomy import Scope

__all__ = [
    "BLANK_HEADER",
    "CHANGE",
    "LITIGATION_ONLY",
    "NEXT_YEAR_HEADER",
    "OUTCOMES",
    "OUTCOME_PART",
    "OUTCOME_SHARE",
    "PREAMBLE",
    "REQUESTS",
    "REQUESTS_NONE",
    "REQUESTS_ONLY_CARRIED",
    "REVIEW_LITIGATION",
    "REVIEW_LITIGATION_NONE",
    "REVIEW_ONLY",
    "SUBJECTS",
]

PREAMBLE = (
    "本报告根据《中华人民共和国政府信息公开条例》编制，由{count}个报告主体的年度报告汇总而成。"
    "统计期限自{year}年1月1日起至{year}年12月31日止。"
)
"""The preamble of a roll-up.

Examples:
    >>> from govinfo_report.collect.texts import PREAMBLE
    >>> PREAMBLE.format(year=2024, count=9)[-15:]
    '起至2024年12月31日止。'
"""

SUBJECTS: dict[Scope, str] = {Scope.AGENCY_ONLY: "本机关", Scope.JURISDICTION: "全域各行政机关"}
"""Who the sentences speak of, by the report's scope.

Examples:
    >>> from govinfo_report.collect.texts import SUBJECTS
    >>> from govinfo_report.taxonomy import Scope
    >>> SUBJECTS[Scope.JURISDICTION]
    '全域各行政机关'
"""

# --- 依申请公开 ------------------------------------------------------------------------------
REQUESTS = (
    "{year}年，{who}新收政府信息公开申请{new}件，其中{person_label}{person}件，"
    "{organization_label}{organization}件；上年结转政府信息公开申请{carried_in}件。"
)
"""The sentence on the requests received, when there were new ones.

Examples:
    >>> from govinfo_report.collect.texts import REQUESTS
    >>> REQUESTS.format(year=2024, who="本机关", new=5, person_label="自然人", person=3,
    ...     organization_label="法人或其他组织", organization=2, carried_in=1)[:22]
    '2024年，本机关新收政府信息公开申请5件，'
"""
REQUESTS_ONLY_CARRIED = (
    "{year}年，{who}未新收政府信息公开申请，上年结转政府信息公开申请{carried_in}件。"
)
"""The sentence on the requests when none was new but some were carried in.

Examples:
    >>> from govinfo_report.collect.texts import REQUESTS_ONLY_CARRIED
    >>> REQUESTS_ONLY_CARRIED.format(year=2024, who="本机关", carried_in=2)
    '2024年，本机关未新收政府信息公开申请，上年结转政府信息公开申请2件。'
"""
REQUESTS_NONE = "{year}年，{who}未收到政府信息公开申请。"
"""The sentence on the requests when there were none at all.

Examples:
    >>> from govinfo_report.collect.texts import REQUESTS_NONE
    >>> REQUESTS_NONE.format(year=2024, who="本机关")
    '2024年，本机关未收到政府信息公开申请。'
"""
OUTCOMES = "全年办结{concluded}件{parts}。结转下年度继续办理{carried_forward}件。"
"""The sentence on the outcomes; ``{parts}`` joins the :data:`OUTCOME_SHARE` or
:data:`OUTCOME_PART` phrases.

Examples:
    >>> from govinfo_report.collect.texts import OUTCOMES
    >>> OUTCOMES.format(concluded=4, parts="，其中予以公开4件", carried_forward=1)
    '全年办结4件，其中予以公开4件。结转下年度继续办理1件。'
"""
OUTCOME_PART = "{label}{count}件"
"""One outcome group in the sentence on outcomes (without a share).

Examples:
    >>> from govinfo_report.collect.texts import OUTCOME_PART
    >>> OUTCOME_PART.format(label="予以公开", count=4)
    '予以公开4件'
"""
OUTCOME_SHARE = "{label}{count}件，占{share}%"
"""One outcome group in the sentence on outcomes (with its share of the concluded requests).

Examples:
    >>> from govinfo_report.collect.texts import OUTCOME_SHARE
    >>> OUTCOME_SHARE.format(label="予以公开", count=4, share="50.0")
    '予以公开4件，占50.0%'
"""

# --- 行政复议、行政诉讼 -------------------------------------------------------------------------
REVIEW_LITIGATION = (
    "{year}年，{who}因政府信息公开被申请行政复议{review}件，被提起行政诉讼{litigation}件。"
    "{review_label}{upheld_label}{review_upheld}件，{corrected_label}{review_corrected}件。"
)
"""The sentence on reviews and lawsuits when there were both.

Examples:
    >>> from govinfo_report.collect.texts import REVIEW_LITIGATION
    >>> REVIEW_LITIGATION.format(year=2024, who="本机关", review=2, litigation=1,
    ...     review_label="行政复议", upheld_label="结果维持", review_upheld=2,
    ...     corrected_label="结果纠正", review_corrected=0)[-18:]
    '行政复议结果维持2件，结果纠正0件。'
"""
REVIEW_ONLY = (
    "{year}年，{who}因政府信息公开被申请行政复议{review}件，"
    "{review_label}{upheld_label}{review_upheld}件，{corrected_label}{review_corrected}件；"
    "未被提起行政诉讼。"
)
"""The sentence on reviews and lawsuits when there were reviews only.

Examples:
    >>> from govinfo_report.collect.texts import REVIEW_ONLY
    >>> REVIEW_ONLY.format(year=2024, who="本机关", review=1, review_label="行政复议",
    ...     upheld_label="结果维持", review_upheld=1, corrected_label="结果纠正",
    ...     review_corrected=0)[-10:]
    '；未被提起行政诉讼。'
"""
LITIGATION_ONLY = "{year}年，{who}因政府信息公开被提起行政诉讼{litigation}件，未被申请行政复议。"
"""The sentence on reviews and lawsuits when there were lawsuits only.

Examples:
    >>> from govinfo_report.collect.texts import LITIGATION_ONLY
    >>> LITIGATION_ONLY.format(year=2024, who="本机关", litigation=1)
    '2024年，本机关因政府信息公开被提起行政诉讼1件，未被申请行政复议。'
"""
REVIEW_LITIGATION_NONE = "{year}年，{who}未发生因政府信息公开引起的行政复议、行政诉讼。"
"""The sentence on reviews and lawsuits when there were none.

Examples:
    >>> from govinfo_report.collect.texts import REVIEW_LITIGATION_NONE
    >>> REVIEW_LITIGATION_NONE.format(year=2024, who="本机关")
    '2024年，本机关未发生因政府信息公开引起的行政复议、行政诉讼。'
"""

# --- 同比 ------------------------------------------------------------------------------------
CHANGE: dict[str, str] = {
    "up": "{what}同比增长{percent}%",
    "down": "{what}同比下降{percent}%",
    "same": "{what}与上年持平",
    "from_zero": "{what}{current}件，上年为0",
}
"""Year-on-year phrases: rise, fall, unchanged, and a previous year of zero.

Examples:
    >>> from govinfo_report.collect.texts import CHANGE
    >>> CHANGE["up"].format(what="新收申请", percent="25.0")
    '新收申请同比增长25.0%'
"""

# --- forms for people -------------------------------------------------------------------------
NEXT_YEAR_HEADER = (
    "{title}（草稿）\n"
    "由{previous_year}年度报告生成：“上年结转”已按上年“结转下年度继续办理”逐列填写，"
    "主动公开的存量数据已结转；其余数字为 0，文字部分为空。请按本年实际填写后再校验。\n"
    "Prefilled from the {previous_year} report: carried-in requests and stock figures are "
    "carried over, every other number is 0 and every text is empty. Fill it in, then validate.\n"
    "为保持表三平衡，“结转下年度继续办理”暂与“上年结转”相同，填写办理结果时请一并修改。"
)
"""The comment at the top of next year's form (``govinfo-report new --from``).

Examples:
    >>> from govinfo_report.collect.texts import NEXT_YEAR_HEADER
    >>> NEXT_YEAR_HEADER.format(title="某县2024年报告", previous_year=2023).splitlines()[0]
    '某县2024年报告（草稿）'
"""

BLANK_HEADER = (
    "{title}（空白表）\n"
    "每个键后的注释是表格中的中文标签。请按本年实际填写数字和文字后再校验。\n"
    "A blank form: the comment after each key is its label in the printed tables. "
    "Fill in the numbers and texts, then validate."
)
"""The comment at the top of a blank form (``govinfo-report new --agency ... --year ...``).

Examples:
    >>> from govinfo_report.collect.texts import BLANK_HEADER
    >>> BLANK_HEADER.format(title="某县2024年报告").splitlines()[0]
    '某县2024年报告（空白表）'
"""

"""The catalogue of finding codes: one entry per rule, as data.

Every finding the library emits (a broken identity at construction, a validation rule, a parse
note) carries a code from this catalogue. Each entry holds the severity, the titles, the basis in
the format or the law, and the message templates in Chinese (primary) and English. The docs page
of rules is generated from it.
"""

from __future__ import annotations

import enum

import attrs

__all__ = ["RULES", "Rule", "Severity", "rule"]


class Severity(enum.StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Rule:
    """One entry of the catalogue.

    Attributes:
        code: stable kebab-case identifier, e.g. ``t3-balance``.
        severity: the default severity of its findings.
        title_zh: a short Chinese title.
        title_en: a short English title.
        description: what the rule checks and why, in English.
        basis: the legal or format basis (e.g. the printed 勾稽 note).
        template_zh: the Chinese message template (``str.format`` fields from the finding's params).
        template_en: the English message template.
        tags: tags for selecting rules, e.g. ``("table3", "identity")``.
    """

    code: str
    severity: Severity
    title_zh: str
    title_en: str
    description: str
    basis: str
    template_zh: str
    template_en: str
    tags: tuple[str, ...] = ()


_IDENTITY = "{cell}：应为 {expected}（{formula}），实为 {actual}"
_IDENTITY_EN = "{cell_en}: expected {expected} ({formula_en}), found {actual}"

RULES: tuple[Rule, ...] = (
    Rule(
        "t3-balance",
        Severity.ERROR,
        "表三勾稽关系不平衡",
        "Table 3 does not balance",
        "For every applicant column, 一 new requests + 二 carried in must equal （七） total "
        "outcomes + 四 carried forward.",
        "表三左上角印制的勾稽关系说明：第一项加第二项之和，等于第三项加第四项之和",
        _IDENTITY,
        _IDENTITY_EN,
        ("table3", "identity"),
    ),
    Rule(
        "t3-outcomes-total",
        Severity.ERROR,
        "（七）总计不等于各办理结果之和",
        "Total outcomes differ from the sum of the outcome rows",
        "For every applicant column, （七）总计 must equal the sum of the outcome rows "
        "（一）–（六） (21 rows in 2021, 19 in 2019).",
        "表三结构：每件申请只计一种办理结果（区分处理的只计部分公开）",
        _IDENTITY,
        _IDENTITY_EN,
        ("table3", "identity"),
    ),
    Rule(
        "t3-row-total",
        Severity.ERROR,
        "总计列不等于各申请人之和",
        "Row total differs from the sum of the applicant columns",
        "For every row of table 3, 总计 must equal 自然人 plus the five 法人或其他组织 columns.",
        "表三列结构：总计 = 自然人 + 法人或其他组织（五类）",
        _IDENTITY,
        _IDENTITY_EN,
        ("table3", "identity"),
    ),
    Rule(
        "t4-total",
        Severity.ERROR,
        "表四总计不等于各结果之和",
        "Table 4 total differs from the sum of its results",
        "For 行政复议, 未经复议直接起诉 and 复议后起诉: 总计 = 结果维持 + 结果纠正 + 其他结果 + "
        "尚未审结.",
        "表四列结构",
        _IDENTITY,
        _IDENTITY_EN,
        ("table4", "identity"),
    ),
    Rule(
        "cell-invalid",
        Severity.ERROR,
        "单元格数值无效",
        "Invalid cell value",
        "Counts are whole numbers of at least 0; amounts are non-negative decimals.",
        "表格各项为件数或金额",
        "{cell}：{reason_zh}，实为 {actual}",
        "{cell_en}: {reason_en}, found {actual}",
        ("cell",),
    ),
    Rule(
        "cell-missing",
        Severity.ERROR,
        "缺少单元格",
        "Missing cell",
        "A number cell of the format was not found in the report.",
        "国办公开办函〔2021〕30号：内容不能遗漏",
        "{cell}：报告中未找到该数据",
        "{cell_en}: the report does not give this number",
        ("cell", "structure"),
    ),
    Rule(
        "cell-blank",
        Severity.WARNING,
        "单元格为空或填写“/”“—”",
        "Blank or dash cell",
        "A cell left blank or filled with /, - or — instead of a number; it reconciles as 0.",
        "表格应填写数字，无数据填 0",
        "{cell}：填写为“{text}”，应填写数字（无则填 0）",
        "{cell_en}: printed as '{text}' instead of a number (write 0 for none)",
        ("cell",),
    ),
    Rule(
        "cell-unit",
        Severity.WARNING,
        "单元格带有单位",
        "Cell carries a unit",
        "A number printed with a unit in the cell (e.g. 251000元); the unit belongs in the header.",
        "表头已规定单位（万元）或计数单位（件）",
        "{cell}：填写为“{text}”，单元格内不应带单位",
        "{cell_en}: printed as '{text}'; the unit belongs in the header",
        ("cell", "unit"),
    ),
    Rule(
        "format-mix",
        Severity.ERROR,
        "混用两种格式版本",
        "Mix of format versions",
        "Labels of the 2019 trial format and of the 2021 format appear in the same report.",
        "国办公开办函〔2021〕30号：2021 年度起使用新格式",
        "{cell}：同时出现 2019 年试行格式与 2021 年格式的标签（{detail}）",
        "{cell_en}: labels of both the 2019 trial and the 2021 format appear ({detail})",
        ("structure", "format"),
    ),
    Rule(
        "section-missing",
        Severity.ERROR,
        "缺少报告部分",
        "Missing section",
        "One of the six statutory sections was not found.",
        "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号：内容不能遗漏",
        "{cell}：报告中未找到该部分",
        "{cell_en}: this section was not found in the report",
        ("structure", "section"),
    ),
    Rule(
        "section-title",
        Severity.WARNING,
        "部分标题不规范",
        "Non-standard section title",
        "A section was found under a title that differs from the official one.",
        "国办公开办函〔2021〕30号 格式",
        "{cell}：标题为“{found}”，规范标题为“{standard}”",
        "{cell_en}: titled '{found}' instead of the official '{standard}'",
        ("structure", "section"),
    ),
    Rule(
        "table-missing",
        Severity.ERROR,
        "缺少表格",
        "Missing table",
        "A table of section 二, 三 or 四 was not found; its identities cannot be assessed.",
        "国办公开办函〔2021〕30号 格式",
        "{cell}：报告中未找到该表格",
        "{cell_en}: this table was not found in the report",
        ("structure", "table"),
    ),
    Rule(
        "format-mismatch",
        Severity.ERROR,
        "表格与格式版本不符",
        "Tables do not match the format version",
        "The section 二 and 三 tables must be those of the report's declared format version.",
        "国办公开办函〔2019〕60号、〔2021〕30号",
        "{cell}：报告声明为 {declared} 年格式，表格却属于 {found} 年格式",
        "{cell_en}: the report declares format {declared} but the table is of format {found}",
        ("structure",),
    ),
)

_BY_CODE = {r.code: r for r in RULES}


def rule(code: str) -> Rule:
    """The catalogue entry for ``code``.

    Raises:
        KeyError: if no rule has that code.
    """
    return _BY_CODE[code]

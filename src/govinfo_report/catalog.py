"""The catalogue of finding codes: one entry per rule, each a constant ``Rule`` object.

Code emits findings with the object (``make_finding(T3_BALANCE, ...)``), never with a code
string, and each check of the validator declares the rule objects it emits.

Every finding the library emits (a broken identity at construction, a validation rule, a parse
note) carries a code from this catalogue. Each entry holds the severity, the titles, the basis in
the format or the law, and the message templates in Chinese (primary) and English. The docs page
of rules is generated from it.
"""

from __future__ import annotations

import enum
import functools
import string

import attrs

__all__ = [
    "CELL_BLANK",
    "CELL_BLANK_MANY",
    "CELL_INVALID",
    "CELL_MISSING",
    "CELL_UNIT",
    "CELL_UNKNOWN",
    "CHECK_FAILED",
    "DATA_INVALID",
    "DATA_UNKNOWN_KEY",
    "FEE_AMOUNT",
    "FEE_NOTICE",
    "FEE_UNREPORTED",
    "FORMAT_MISMATCH",
    "FORMAT_MIX",
    "FORMAT_YEAR",
    "LATE_PUBLICATION",
    "METADATA_MISSING",
    "ROW_MISSING",
    "RULES",
    "SECTION5_TRIVIAL",
    "SECTION_EMPTY",
    "SECTION_MISSING",
    "SECTION_TITLE",
    "T2_RULES_BODY",
    "T2_STOCK",
    "T3_BALANCE",
    "T3_OUTCOMES_TOTAL",
    "T3_ROW_TOTAL",
    "T4_TOTAL",
    "TABLE_LAYOUT",
    "TABLE_MISSING",
    "TEXT_ALL_CLOSED",
    "TEXT_CARRYOVER",
    "TEXT_CASES",
    "TEXT_GLUED",
    "TEXT_NO_CASES",
    "TEXT_OUTCOMES",
    "TEXT_PERCENT",
    "TEXT_REQUESTS",
    "TEXT_SEVERED",
    "TEXT_WITHDRAWN",
    "TEXT_ZERO_REPORT",
    "XY_AGENCY",
    "XY_CARRYOVER",
    "XY_COPIED",
    "XY_JUMP",
    "XY_STOCK",
    "XY_YEAR",
    "Rule",
    "Severity",
    "Variant",
    "rule",
]


class Severity(enum.StrEnum):
    """How serious a finding is.

    Examples:
        >>> from govinfo_report.catalog import Severity
        >>> [s.value for s in Severity]
        ['error', 'warning', 'info']
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Variant:
    """A named alternative message of a rule, for a case its main templates do not fit.

    Attributes:
        name: how call sites choose it (``variant="both"``).
        template_zh: the Chinese message template.
        template_en: the English message template.

    Examples:
        >>> from govinfo_report.catalog import TEXT_REQUESTS
        >>> [v.name for v in TEXT_REQUESTS.variants]
        ['new', 'new-is-both', 'both', 'both-is-new']
    """

    name: str
    template_zh: str
    template_en: str


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
        variants: named alternative messages, for the cases the main templates do not fit
            (``make_finding(TEXT_REQUESTS, variant="both", ...)``).

    Examples:
        >>> from govinfo_report.catalog import rule
        >>> entry = rule("t3-balance")
        >>> entry.title_zh, entry.tags
        ('表三勾稽关系不平衡', ('table3', 'identity'))
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
    variants: tuple[Variant, ...] = ()
    all_parameters: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    """The names any of the rule's templates take (main message and variants together).

    A call site that chooses the variant at run time passes these, and each variant uses its
    own; computed once, as every finding's parameters are checked against it.

    >>> sorted(TEXT_OUTCOMES.all_parameters - TEXT_OUTCOMES.parameters)
    ['groups']
    """

    def __attrs_post_init__(self) -> None:
        templates: tuple[str, ...] = (self.template_zh, self.template_en)
        for variant in self.variants:
            templates += (variant.template_zh, variant.template_en)
        object.__setattr__(self, "all_parameters", _names(templates))

    @property
    def parameters(self) -> frozenset[str]:
        """The names the main message templates take (both languages together).

        >>> sorted(CELL_UNKNOWN.parameters)
        ['cell', 'cell_en']
        """
        return self.parameters_of(None)

    def templates(self, variant: str | None = None) -> tuple[str, str]:
        """The Chinese and English templates of the main message or of a named variant.

        Raises:
            KeyError: if the rule has no variant of that name.

        >>> TEXT_ZERO_REPORT.templates("new-requests")[1]
        '{cell_en}: the text says “{quote}” but table 三 row 一 (new requests) totals {total}'
        """
        if variant is None:
            return self.template_zh, self.template_en
        for candidate in self.variants:
            if candidate.name == variant:
                return candidate.template_zh, candidate.template_en
        raise KeyError(f"{self.code} has no message variant {variant!r}")

    def parameters_of(self, variant: str | None) -> frozenset[str]:
        """The names the templates of the main message or of a named variant take.

        >>> sorted(TEXT_OUTCOMES.parameters_of("groups"))
        ['cell', 'cell_en', 'groups', 'quote', 'total']
        """
        return _names(self.templates(variant))


@functools.cache
def _names(templates: tuple[str, ...]) -> frozenset[str]:
    """The fields of ``str.format`` templates (computed once per template pair)."""
    return frozenset(
        name
        for template in templates
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    )


_IDENTITY = "{cell}：应为 {expected}（{formula}），实为 {actual}"
_IDENTITY_EN = "{cell_en}: expected {expected} ({formula_en}), found {actual}"

T3_BALANCE = Rule(
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
)
"""The ``t3-balance`` rule: Table 3 does not balance.

Examples:
    >>> from govinfo_report.catalog import T3_BALANCE
    >>> T3_BALANCE.code, T3_BALANCE.severity.value
    ('t3-balance', 'error')
"""

T3_OUTCOMES_TOTAL = Rule(
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
)
"""The ``t3-outcomes-total`` rule: Total outcomes differ from the sum of the outcome rows.

Examples:
    >>> from govinfo_report.catalog import T3_OUTCOMES_TOTAL
    >>> T3_OUTCOMES_TOTAL.code, T3_OUTCOMES_TOTAL.severity.value
    ('t3-outcomes-total', 'error')
"""

T3_ROW_TOTAL = Rule(
    "t3-row-total",
    Severity.ERROR,
    "总计列不等于各申请人之和",
    "Row total differs from the sum of the applicant columns",
    "For every row of table 3, 总计 must equal 自然人 plus the five 法人或其他组织 columns.",
    "表三列结构：总计 = 自然人 + 法人或其他组织（五类）",
    _IDENTITY,
    _IDENTITY_EN,
    ("table3", "identity"),
)
"""The ``t3-row-total`` rule: Row total differs from the sum of the applicant columns.

Examples:
    >>> from govinfo_report.catalog import T3_ROW_TOTAL
    >>> T3_ROW_TOTAL.code, T3_ROW_TOTAL.severity.value
    ('t3-row-total', 'error')
"""

T4_TOTAL = Rule(
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
)
"""The ``t4-total`` rule: Table 4 total differs from the sum of its results.

Examples:
    >>> from govinfo_report.catalog import T4_TOTAL
    >>> T4_TOTAL.code, T4_TOTAL.severity.value
    ('t4-total', 'error')
"""

CELL_INVALID = Rule(
    "cell-invalid",
    Severity.ERROR,
    "单元格数值无效",
    "Invalid cell value",
    "Counts are whole numbers of at least 0; amounts are non-negative decimals.",
    "表格各项为件数或金额",
    "{cell}：{reason_zh}，实为 {actual}",
    "{cell_en}: {reason_en}, found {actual}",
    ("cell",),
)
"""The ``cell-invalid`` rule: Invalid cell value.

Examples:
    >>> from govinfo_report.catalog import CELL_INVALID
    >>> CELL_INVALID.code, CELL_INVALID.severity.value
    ('cell-invalid', 'error')
"""

CELL_MISSING = Rule(
    "cell-missing",
    Severity.ERROR,
    "缺少单元格",
    "Missing cell",
    "A number cell of the format was not found in the report.",
    "国办公开办函〔2021〕30号：内容不能遗漏",
    "{cell}：报告中未找到该数据",
    "{cell_en}: the report does not give this number",
    ("cell", "structure"),
)
"""The ``cell-missing`` rule: Missing cell.

Examples:
    >>> from govinfo_report.catalog import CELL_MISSING
    >>> CELL_MISSING.code, CELL_MISSING.severity.value
    ('cell-missing', 'error')
"""

CELL_UNKNOWN = Rule(
    "cell-unknown",
    Severity.ERROR,
    "格式中没有此单元格",
    "Unknown cell id",
    "A value given for a cell id the format version does not have (a misspelt id such as "
    "review.uphold, or a cell of the other format version). It is refused rather than "
    "dropped, so no number is lost without a word.",
    "govinfo-report 单元格标识（docs/glossary.md）",
    "{cell}：格式中没有此单元格（标识拼写有误，或属于另一格式版本），其值未被采用",
    "{cell_en}: the format has no such cell (a misspelt id, or a cell of the other format "
    "version); its value was not used",
    ("cell",),
)
"""The ``cell-unknown`` rule: Unknown cell id.

Examples:
    >>> from govinfo_report.catalog import CELL_UNKNOWN
    >>> CELL_UNKNOWN.code, CELL_UNKNOWN.severity.value
    ('cell-unknown', 'error')
"""

CELL_BLANK = Rule(
    "cell-blank",
    Severity.WARNING,
    "单元格为空或填写“/”“—”",
    "Blank or dash cell",
    "A cell left blank or filled with /, - or — instead of a number; it reconciles as 0. "
    "No official text requires 0 rather than a blank, but a blank cannot be told apart from "
    "a number that was not reported.",
    "格式未明文要求填 0；空白、“/”“—”无法区分为零还是未填报，核对时按 0 计",
    "{cell}：填写为“{text}”，应填写数字（无则填 0）",
    "{cell_en}: printed as '{text}' instead of a number (write 0 for none)",
    ("cell",),
)
"""The ``cell-blank`` rule: Blank or dash cell.

Examples:
    >>> from govinfo_report.catalog import CELL_BLANK
    >>> CELL_BLANK.code, CELL_BLANK.severity.value
    ('cell-blank', 'warning')
"""

CELL_UNIT = Rule(
    "cell-unit",
    Severity.WARNING,
    "单元格带有单位",
    "Cell carries a unit",
    "A number printed with a unit in the cell (e.g. 251000元); the unit belongs in the header.",
    "表头已规定单位（万元）或计数单位（件）",
    "{cell}：填写为“{text}”，单元格内不应带单位",
    "{cell_en}: printed as '{text}'; the unit belongs in the header",
    ("cell", "unit"),
)
"""The ``cell-unit`` rule: Cell carries a unit.

Examples:
    >>> from govinfo_report.catalog import CELL_UNIT
    >>> CELL_UNIT.code, CELL_UNIT.severity.value
    ('cell-unit', 'warning')
"""

FORMAT_MIX = Rule(
    "format-mix",
    Severity.ERROR,
    "混用两种格式版本",
    "Mix of format versions",
    "Labels of the 2019 trial format and of the 2021 format appear in the same report.",
    "国办公开办函〔2021〕30号：2021 年度起使用新格式",
    "{cell}：同时出现 2019 年试行格式与 2021 年格式的标签（{detail}）",
    "{cell_en}: labels of both the 2019 trial and the 2021 format appear ({detail})",
    ("structure", "format"),
)
"""The ``format-mix`` rule: Mix of format versions.

Examples:
    >>> from govinfo_report.catalog import FORMAT_MIX
    >>> FORMAT_MIX.code, FORMAT_MIX.severity.value
    ('format-mix', 'error')
"""

SECTION_MISSING = Rule(
    "section-missing",
    Severity.ERROR,
    "缺少报告部分",
    "Missing section",
    "One of the six statutory sections was not found.",
    "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号：内容不能遗漏",
    "{cell}：报告中未找到该部分",
    "{cell_en}: this section was not found in the report",
    ("structure", "section"),
)
"""The ``section-missing`` rule: Missing section.

Examples:
    >>> from govinfo_report.catalog import SECTION_MISSING
    >>> SECTION_MISSING.code, SECTION_MISSING.severity.value
    ('section-missing', 'error')
"""

SECTION_TITLE = Rule(
    "section-title",
    Severity.WARNING,
    "部分标题不规范",
    "Non-standard section title",
    "A section was found under a title that differs from the official one.",
    "国办公开办函〔2021〕30号 格式",
    "{cell}：标题为“{found}”，规范标题为“{standard}”",
    "{cell_en}: titled '{found}' instead of the official '{standard}'",
    ("structure", "section"),
)
"""The ``section-title`` rule: Non-standard section title.

Examples:
    >>> from govinfo_report.catalog import SECTION_TITLE
    >>> SECTION_TITLE.code, SECTION_TITLE.severity.value
    ('section-title', 'warning')
"""

TABLE_MISSING = Rule(
    "table-missing",
    Severity.ERROR,
    "缺少表格",
    "Missing table",
    "A table of section 二, 三 or 四 was not found; its identities cannot be assessed.",
    "国办公开办函〔2021〕30号 格式",
    "{cell}：报告中未找到该表格",
    "{cell_en}: this table was not found in the report",
    ("structure", "table"),
)
"""The ``table-missing`` rule: Missing table.

Examples:
    >>> from govinfo_report.catalog import TABLE_MISSING
    >>> TABLE_MISSING.code, TABLE_MISSING.severity.value
    ('table-missing', 'error')
"""

FORMAT_MISMATCH = Rule(
    "format-mismatch",
    Severity.ERROR,
    "表格与格式版本不符",
    "Tables do not match the format version",
    "The section 二 and 三 tables must be those of the report's declared format version.",
    "国办公开办函〔2019〕60号、〔2021〕30号",
    "{cell}：报告声明为 {declared} 年格式，表格却属于 {found} 年格式",
    "{cell_en}: the report declares format {declared} but the table is of format {found}",
    ("structure",),
)
"""The ``format-mismatch`` rule: Tables do not match the format version.

Examples:
    >>> from govinfo_report.catalog import FORMAT_MISMATCH
    >>> FORMAT_MISMATCH.code, FORMAT_MISMATCH.severity.value
    ('format-mismatch', 'error')
"""

ROW_MISSING = Rule(
    "row-missing",
    Severity.ERROR,
    "缺少表格行",
    "Missing row",
    "Every number of one row of a table was not found; its identities cannot be assessed.",
    "国办公开办函〔2021〕30号：内容不能遗漏",
    "{cell}：报告中未找到该行",
    "{cell_en}: this row was not found in the report",
    ("structure", "table"),
)
"""The ``row-missing`` rule: Missing row.

Examples:
    >>> from govinfo_report.catalog import ROW_MISSING
    >>> ROW_MISSING.code, ROW_MISSING.severity.value
    ('row-missing', 'error')
"""

CELL_BLANK_MANY = Rule(
    "cell-blank-many",
    Severity.WARNING,
    "空白单元格过多",
    "Too many blank cells",
    "More than 10 blank or dash cells in table 三, or more than 5 in table 四: assessments "
    "(e.g. KIROGOVCOMPARE's countEmptyOrSlashCells) fail such a table even though each blank "
    "reconciles as 0. A warning here: no official text forbids blanks.",
    "第三方评估以表三空白超过 10 个、表四超过 5 个为不合格（格式本身未明文要求填 0）",
    "{cell}：有 {count} 个单元格为空或填写“/”“—”，超过 {limit} 个",
    "{cell_en}: {count} cells are blank or dashes, more than {limit}",
    ("cell", "assessment"),
)
"""The ``cell-blank-many`` rule: Too many blank cells.

Examples:
    >>> from govinfo_report.catalog import CELL_BLANK_MANY
    >>> CELL_BLANK_MANY.code, CELL_BLANK_MANY.severity.value
    ('cell-blank-many', 'warning')
"""

METADATA_MISSING = Rule(
    "metadata-missing",
    Severity.WARNING,
    "未能确定报告主体、年度或格式",
    "Agency, year or format unknown",
    "The reporting body, the reporting year or the format version could not be determined; "
    "rules that depend on it are not assessed.",
    "《政府信息公开条例》第五十条：报告主体与统计年度",
    "{cell}：未能从报告中确定",
    "{cell_en}: could not be determined from the report",
    ("structure", "metadata"),
)
"""The ``metadata-missing`` rule: Agency, year or format unknown.

Examples:
    >>> from govinfo_report.catalog import METADATA_MISSING
    >>> METADATA_MISSING.code, METADATA_MISSING.severity.value
    ('metadata-missing', 'warning')
"""

FORMAT_YEAR = Rule(
    "format-year",
    Severity.WARNING,
    "格式版本与报告年度不符",
    "Format version does not fit the year",
    "Reports for 2021 onwards use the 2021 format; reports for 2019 and 2020 used the 2019 "
    "trial format (the 30号 notice came out after the 2020 reports were due). A warning, "
    "not an error: reports in the other year's layout are published, the model reads them, "
    "and the finding records the layout found.",
    "国办公开办函〔2019〕60号；国办公开办函〔2021〕30号：2021 年度起使用新格式",
    "{cell}：{year} 年度报告应使用 {expected_format} 年格式，实为 {found} 年格式",
    "{cell_en}: a report for {year} should use the {expected_format} format, "
    "found the {found} format",
    ("structure", "format"),
)
"""The ``format-year`` rule: Format version does not fit the year.

Examples:
    >>> from govinfo_report.catalog import FORMAT_YEAR
    >>> FORMAT_YEAR.code, FORMAT_YEAR.severity.value
    ('format-year', 'warning')
"""

SECTION_EMPTY = Rule(
    "section-empty",
    Severity.WARNING,
    "部分没有内容",
    "Empty section",
    "A narrative section (一 or 六) is present but has no text.",
    "国办公开办函〔2021〕30号：内容不能遗漏，也不宜泛化",
    "{cell}：该部分没有内容",
    "{cell_en}: this section has no text",
    ("structure", "section"),
)
"""The ``section-empty`` rule: Empty section.

Examples:
    >>> from govinfo_report.catalog import SECTION_EMPTY
    >>> SECTION_EMPTY.code, SECTION_EMPTY.severity.value
    ('section-empty', 'warning')
"""

SECTION5_TRIVIAL = Rule(
    "section5-trivial",
    Severity.WARNING,
    "第五部分内容空泛",
    "Section 五 empty or trivial",
    "Section 五 must state the main problems and the improvements; an empty text, '无' or a "
    "text under 10 characters does not.",
    "《政府信息公开条例》第五十条第（五）项；国办公开办函〔2021〕30号（四）：不得敷衍塞责",
    "{cell}：内容为“{text}”，应写明存在的主要问题及改进情况",
    "{cell_en}: the text is '{text}'; state the main problems and the improvements",
    ("section", "narrative"),
)
"""The ``section5-trivial`` rule: Section 五 empty or trivial.

Examples:
    >>> from govinfo_report.catalog import SECTION5_TRIVIAL
    >>> SECTION5_TRIVIAL.code, SECTION5_TRIVIAL.severity.value
    ('section5-trivial', 'warning')
"""

T2_STOCK = Rule(
    "t2-stock",
    Severity.WARNING,
    "表二存量小于本年增量",
    "Table 2 stock below this year's net change",
    "现行有效件数 is a year-end stock: it cannot be smaller than 本年制发 − 本年废止 "
    "(2019 format: 对外公开总数量 cannot be smaller than 本年新公开数量).",
    "表二第二十条第（一）项：现行有效 = 上年现行有效 + 本年制发 − 本年废止 ≥ 本年制发 − 本年废止",
    "{cell}：为 {actual}，小于 {formula}（= {expected}），存量不可能为负",
    "{cell_en}: {actual} is less than {formula_en} (= {expected}); a stock cannot be negative",
    ("table2",),
)
"""The ``t2-stock`` rule: Table 2 stock below this year's net change.

Examples:
    >>> from govinfo_report.catalog import T2_STOCK
    >>> T2_STOCK.code, T2_STOCK.severity.value
    ('t2-stock', 'warning')
"""

T2_RULES_BODY = Rule(
    "t2-rules-body",
    Severity.INFO,
    "无规章制定权的机关报告制发规章",
    "Rules reported by a body without rule-making power",
    "Only provincial governments, governments of cities with districts and State Council "
    "departments make 规章; a body at county level or below reporting 规章 > 0 has probably "
    "counted normative documents as rules.",
    "《立法法》第九十三条（地方政府规章的制定主体）",
    "{cell}：{agency}报告本年制发规章 {actual} 件，县级及以下机关无规章制定权",
    "{cell_en}: {agency} reports {actual} rules issued; bodies at county level and below "
    "cannot make rules",
    ("table2",),
)
"""The ``t2-rules-body`` rule: Rules reported by a body without rule-making power.

Examples:
    >>> from govinfo_report.catalog import T2_RULES_BODY
    >>> T2_RULES_BODY.code, T2_RULES_BODY.severity.value
    ('t2-rules-body', 'info')
"""

# The text rules quote the narrative, then say what the table holds instead.
_SAYS = "{cell}：正文称“{quote}”，"
_SAYS_EN = "{cell_en}: the text says “{quote}” but "
_ROW_IS = "但表三 {row} 为 {total}"
_ROW_IS_EN = "{row_en} in the table is {total}"
_REVIEW_TOTAL = "但表四 {review}为 {total}"
_REVIEW_TOTAL_EN = "the table 四 review total is {total}"
_NEW_IS = "但表三 {new_row} 为 {new}"
_NEW_IS_EN = "table 三 row 一 (new requests) is {new}"
_BOTH_ARE = "但表三 {both_rows}（含上年结转）为 {both}"
_BOTH_ARE_EN = "table 三 rows 一+二 (with carried-over) add up to {both}"

TEXT_ZERO_REPORT = Rule(
    "text-zero-report",
    Severity.WARNING,
    "零申请表述与表三不符",
    "Zero-request statement contradicts table 三",
    "The text says no request was received (未收到…申请) but table 三 has requests, or "
    "table 三 is all zero while the text states requests.",
    "表三 一、本年新收 与正文依申请公开情况应一致",
    _SAYS + "但表三全部为 0",
    _SAYS_EN + "table 三 is all zero",
    ("narrative", "table3"),
    (
        Variant(
            "new-requests",
            _SAYS + "但表三 {row} 总计为 {total}",
            _SAYS_EN + "table 三 row 一 (new requests) totals {total}",
        ),
        Variant(
            "nonzero-cells",
            _SAYS + "本年新收与上年结转均为 0，表三应全部为 0，但有 {count} 个单元格不为 0"
            "（如 {example} 为 {example_value}）",
            _SAYS_EN + "with no new and no carried-over requests table 三 must be all zero, "
            "but {count} cells are not",
        ),
    ),
)
"""The ``text-zero-report`` rule: Zero-request statement contradicts table 三.

Examples:
    >>> from govinfo_report.catalog import TEXT_ZERO_REPORT
    >>> TEXT_ZERO_REPORT.code, TEXT_ZERO_REPORT.severity.value
    ('text-zero-report', 'warning')
"""

TEXT_NO_CASES = Rule(
    "text-no-cases",
    Severity.WARNING,
    "无复议诉讼表述与表四不符",
    "No-case statement contradicts table 四",
    "The text says there was no administrative review or litigation but table 四 counts cases.",
    "表四与正文应一致",
    _SAYS + _REVIEW_TOTAL,
    _SAYS_EN + _REVIEW_TOTAL_EN,
    ("narrative", "table4"),
    (
        Variant(
            "litigation",
            _SAYS + "但表四 {litigation}（{direct} + {after_review}）共 {total} 件",
            _SAYS_EN + "table 四 counts {total} lawsuits",
        ),
    ),
)
"""The ``text-no-cases`` rule: No-case statement contradicts table 四.

Examples:
    >>> from govinfo_report.catalog import TEXT_NO_CASES
    >>> TEXT_NO_CASES.code, TEXT_NO_CASES.severity.value
    ('text-no-cases', 'warning')
"""

TEXT_REQUESTS = Rule(
    "text-requests",
    Severity.WARNING,
    "正文申请数与表三不符",
    "Requests stated in the text differ from table 三",
    "A number of requests received stated in the text matches neither reading of the table: "
    "一 本年新收 alone, or 一 + 二 (with those carried over). 新收 wording must match 一; "
    "含上年结转 wording must match 一 + 二; plain 收到/受理 may match either, and the finding "
    "says which one the number fits.",
    "表三 一、本年新收；二、上年结转",
    _SAYS + "但表三 {new_row} 为 {new}，{both_rows}（含上年结转）为 {both}，两种理解均不一致",
    _SAYS_EN + "table 三 row 一 is {new} and rows 一+二 are {both}; neither reading matches",
    ("narrative", "table3"),
    (
        Variant("new", _SAYS + _NEW_IS, _SAYS_EN + _NEW_IS_EN),
        Variant(
            "new-is-both",
            _SAYS
            + _NEW_IS
            + "；该数等于 {both_rows}（含上年结转）{both}，措辞“新收”应只计本年新收",
            _SAYS_EN + _NEW_IS_EN + "; the number equals {both_rows} (with carried-over) {both}",
        ),
        Variant("both", _SAYS + _BOTH_ARE, _SAYS_EN + _BOTH_ARE_EN),
        Variant(
            "both-is-new",
            _SAYS + _BOTH_ARE + "；该数等于 {new_row} {new}，未含上年结转",
            _SAYS_EN + _BOTH_ARE_EN + "; the number equals row 一 alone ({new})",
        ),
    ),
)
"""The ``text-requests`` rule: Requests stated in the text differ from table 三.

Examples:
    >>> from govinfo_report.catalog import TEXT_REQUESTS
    >>> TEXT_REQUESTS.code, TEXT_REQUESTS.severity.value
    ('text-requests', 'warning')
"""

TEXT_CARRYOVER = Rule(
    "text-carryover",
    Severity.WARNING,
    "正文结转数与表三不符",
    "Carry-over stated in the text differs from table 三",
    "上年结转N件 must equal row 二 总计; 结转下年度N件 (or N件顺延) must equal row 四 总计.",
    "表三 二、上年结转；四、结转下年度继续办理",
    _SAYS + _ROW_IS,
    _SAYS_EN + _ROW_IS_EN,
    ("narrative", "table3"),
)
"""The ``text-carryover`` rule: Carry-over stated in the text differs from table 三.

Examples:
    >>> from govinfo_report.catalog import TEXT_CARRYOVER
    >>> TEXT_CARRYOVER.code, TEXT_CARRYOVER.severity.value
    ('text-carryover', 'warning')
"""

TEXT_OUTCOMES = Rule(
    "text-outcomes",
    Severity.WARNING,
    "正文办理结果数与表三不符",
    "Outcomes stated in the text differ from table 三",
    "办结/答复N件 must equal （七）总计; group sums such as 予以公开N件, 不予公开N件 or "
    "予以公开及部分公开N件 must equal the sum of their rows' 总计.",
    "表三 三、本年度办理结果",
    _SAYS + _ROW_IS,
    _SAYS_EN + _ROW_IS_EN,
    ("narrative", "table3"),
    (
        Variant(
            "groups",
            _SAYS + "但表三 {groups} 各行总计之和为 {total}",
            _SAYS_EN + "the table's {groups} rows add up to {total}",
        ),
    ),
)
"""The ``text-outcomes`` rule: Outcomes stated in the text differ from table 三.

Examples:
    >>> from govinfo_report.catalog import TEXT_OUTCOMES
    >>> TEXT_OUTCOMES.code, TEXT_OUTCOMES.severity.value
    ('text-outcomes', 'warning')
"""

TEXT_CASES = Rule(
    "text-cases",
    Severity.WARNING,
    "正文复议诉讼数与表四不符",
    "Review or litigation cases stated in the text differ from table 四",
    "行政复议N件 must equal the 行政复议 总计; 行政诉讼N件 must equal 未经复议直接起诉 总计 + "
    "复议后起诉 总计 (there is no printed litigation grand total).",
    "表四",
    _SAYS + _REVIEW_TOTAL,
    _SAYS_EN + _REVIEW_TOTAL_EN,
    ("narrative", "table4"),
    (
        Variant(
            "both",
            _SAYS + "但表四 {review}与{litigation}合计为 {total}",
            _SAYS_EN + "table 四 counts {total} reviews and lawsuits",
        ),
        Variant(
            "litigation",
            _SAYS + "但表四 {direct} + {after_review} = {total}",
            _SAYS_EN + "table 四 litigation (direct + after review) totals {total}",
        ),
    ),
)
"""The ``text-cases`` rule: Review or litigation cases stated in the text differ from table 四.

Examples:
    >>> from govinfo_report.catalog import TEXT_CASES
    >>> TEXT_CASES.code, TEXT_CASES.severity.value
    ('text-cases', 'warning')
"""

TEXT_PERCENT = Rule(
    "text-percent",
    Severity.WARNING,
    "正文百分比计算有误",
    "Percentage in the text does not compute",
    "A share stated in the text (N件，占X%) is recomputed as N divided by （七）总计, 一 or "
    "一 + 二; it must match one of them to the printed precision.",
    "数据精确（各地年报编制要求）",
    _SAYS + "{count} ÷ {base} {base_total} = {share}%",
    _SAYS_EN + "{count} ÷ {base_en} {base_total} = {share}%",
    ("narrative", "table3"),
)
"""The ``text-percent`` rule: Percentage in the text does not compute.

Examples:
    >>> from govinfo_report.catalog import TEXT_PERCENT
    >>> TEXT_PERCENT.code, TEXT_PERCENT.severity.value
    ('text-percent', 'warning')
"""

TEXT_ALL_CLOSED = Rule(
    "text-all-closed",
    Severity.WARNING,
    "称全部办结但有结转",
    "All concluded, yet requests are carried forward",
    "The text says every request was concluded but row 四 结转下年度继续办理 is not zero.",
    "表三 四、结转下年度继续办理",
    _SAYS + _ROW_IS,
    _SAYS_EN + "{total} requests are carried forward to next year",
    ("narrative", "table3"),
)
"""The ``text-all-closed`` rule: All concluded, yet requests are carried forward.

Examples:
    >>> from govinfo_report.catalog import TEXT_ALL_CLOSED
    >>> TEXT_ALL_CLOSED.code, TEXT_ALL_CLOSED.severity.value
    ('text-all-closed', 'warning')
"""

TEXT_SEVERED = Rule(
    "text-severed",
    Severity.WARNING,
    "区分处理数与部分公开不符",
    "Severed requests differ from 部分公开",
    "Requests handled by 区分处理 are counted only under （二）部分公开 (the printed note); a "
    "number of 区分处理 requests stated in the text must equal that row's 总计.",
    "表三（二）部分公开（区分处理的，只计这一情形，不计其他情形）；《条例》第三十七条",
    _SAYS + _ROW_IS,
    _SAYS_EN + _ROW_IS_EN,
    ("narrative", "table3"),
)
"""The ``text-severed`` rule: Severed requests differ from 部分公开.

Examples:
    >>> from govinfo_report.catalog import TEXT_SEVERED
    >>> TEXT_SEVERED.code, TEXT_SEVERED.severity.value
    ('text-severed', 'warning')
"""

TEXT_WITHDRAWN = Rule(
    "text-withdrawn",
    Severity.INFO,
    "撤回申请未计入其他处理",
    "Withdrawn requests not under 其他处理",
    "Requests withdrawn by the applicant (撤回/撤件) are counted under （六）其他处理 "
    "(3.其他 in the 2021 format); that row's 总计 should be at least the number stated.",
    "表三（六）其他处理",
    _SAYS + "撤回的申请应计入“{row}”，该行仅为 {total}",
    _SAYS_EN + "withdrawn requests belong in that row, which is only {total}",
    ("narrative", "table3"),
)
"""The ``text-withdrawn`` rule: Withdrawn requests not under 其他处理.

Examples:
    >>> from govinfo_report.catalog import TEXT_WITHDRAWN
    >>> TEXT_WITHDRAWN.code, TEXT_WITHDRAWN.severity.value
    ('text-withdrawn', 'info')
"""

FEE_NOTICE = Rule(
    "fee-notice",
    Severity.WARNING,
    "发出收费通知但未报告信息处理费",
    "Fee notices issued but 信息处理费 not reported",
    "Row （六）2 (逾期未按收费通知要求缴纳费用) > 0 means fee notices were issued, so section 六 "
    "must report the 信息处理费. This is keyed on （六）2 and section 六, not on 行政事业性收费, "
    "which is a different fee.",
    "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；格式：收取信息处理费情况在第六部分报告",
    "{cell}：表三（六）2 为 {actual}，已发出收费通知，但第六部分未报告信息处理费收取情况",
    "{cell_en}: row (六)2 is {actual}, so fee notices were issued, but section 六 does not "
    "report the information-processing fee",
    ("fee", "narrative"),
)
"""The ``fee-notice`` rule: Fee notices issued but 信息处理费 not reported.

Examples:
    >>> from govinfo_report.catalog import FEE_NOTICE
    >>> FEE_NOTICE.code, FEE_NOTICE.severity.value
    ('fee-notice', 'warning')
"""

FEE_AMOUNT = Rule(
    "fee-amount",
    Severity.WARNING,
    "信息处理费金额前后不一",
    "Information-processing fee amounts disagree",
    "The 信息处理费 stated in section 六 differs from the amount recorded for the report "
    "(other_matters.info_processing_fee_yuan).",
    "国办函〔2020〕109号",
    _SAYS + "但记录的信息处理费为 {recorded} 元",
    _SAYS_EN + "the recorded fee is {recorded} yuan",
    ("fee", "narrative"),
)
"""The ``fee-amount`` rule: Information-processing fee amounts disagree.

Examples:
    >>> from govinfo_report.catalog import FEE_AMOUNT
    >>> FEE_AMOUNT.code, FEE_AMOUNT.severity.value
    ('fee-amount', 'warning')
"""

FEE_UNREPORTED = Rule(
    "fee-unreported",
    Severity.INFO,
    "第六部分未说明信息处理费",
    "Section 六 silent on the 信息处理费",
    "Section 六 should say how much 信息处理费 was collected (or that none was).",
    "格式：收取信息处理费情况在第六部分报告；国办函〔2020〕109号",
    "{cell}：未说明信息处理费收取情况（未收取的应写明）",
    "{cell_en}: does not say how much information-processing fee was collected (say so if none)",
    ("fee",),
)
"""The ``fee-unreported`` rule: Section 六 silent on the 信息处理费.

Examples:
    >>> from govinfo_report.catalog import FEE_UNREPORTED
    >>> FEE_UNREPORTED.code, FEE_UNREPORTED.severity.value
    ('fee-unreported', 'info')
"""

LATE_PUBLICATION = Rule(
    "late-publication",
    Severity.WARNING,
    "发布晚于法定期限",
    "Published after the statutory deadline",
    "Departments publish by 31 January, governments (and jurisdiction-wide reports) by "
    "31 March of the following year.",
    "《政府信息公开条例》第四十九条",
    "{cell}：发布日期 {published}，晚于法定期限 {deadline}",
    "{cell_en}: published {published}, after the deadline {deadline}",
    ("publication",),
)
"""The ``late-publication`` rule: Published after the statutory deadline.

Examples:
    >>> from govinfo_report.catalog import LATE_PUBLICATION
    >>> LATE_PUBLICATION.code, LATE_PUBLICATION.severity.value
    ('late-publication', 'warning')
"""

XY_YEAR = Rule(
    "xy-year",
    Severity.WARNING,
    "与上年报告年度不相邻",
    "Not consecutive with last year's report",
    "The report given as last year's must be for the year before; until it is, the "
    "carry-over, stock and year-on-year checks are not run (the text comparison still is).",
    "跨年度比对",
    "{cell}：本报告为 {year} 年度，对比报告为 {previous_year} 年度，不是上一年度",
    "{cell_en}: this report is for {year}, the one compared is for {previous_year}, "
    "not the year before",
    ("crossyear", "metadata"),
)
"""The ``xy-year`` rule: Not consecutive with last year's report.

Examples:
    >>> from govinfo_report.catalog import XY_YEAR
    >>> XY_YEAR.code, XY_YEAR.severity.value
    ('xy-year', 'warning')
"""

XY_AGENCY = Rule(
    "xy-agency",
    Severity.WARNING,
    "与上年报告主体或范围不同",
    "Different agency or scope from last year",
    "Cross-year checks assume the same body and scope; a renamed or merged body, or a switch "
    "between 本机关 and 全域, explains differences.",
    "跨年度比对",
    "{cell}：本报告为“{current}”，上年报告为“{previous}”",
    "{cell_en}: this report is '{current}', last year's is '{previous}'",
    ("crossyear", "metadata"),
)
"""The ``xy-agency`` rule: Different agency or scope from last year.

Examples:
    >>> from govinfo_report.catalog import XY_AGENCY
    >>> XY_AGENCY.code, XY_AGENCY.severity.value
    ('xy-agency', 'warning')
"""

XY_CARRYOVER = Rule(
    "xy-carryover",
    Severity.WARNING,
    "上年结转与上年报告不符",
    "Carried in differs from last year's carried forward",
    "For every column, this year's 二、上年结转 equals last year's 四、结转下年度继续办理 "
    "(a warning: agencies merge and scopes change).",
    "表三 二、上年结转政府信息公开申请数量",
    "{cell}：应等于上年报告的 四、结转下年度继续办理（{expected}），实为 {actual}",
    "{cell_en}: should equal last year's carried-forward count ({expected}), found {actual}",
    ("crossyear", "table3"),
)
"""The ``xy-carryover`` rule: Carried in differs from last year's carried forward.

Examples:
    >>> from govinfo_report.catalog import XY_CARRYOVER
    >>> XY_CARRYOVER.code, XY_CARRYOVER.severity.value
    ('xy-carryover', 'warning')
"""

XY_STOCK = Rule(
    "xy-stock",
    Severity.WARNING,
    "表二存量与上年不衔接",
    "Table 2 stock does not roll forward",
    "现行有效[Y] = 现行有效[Y−1] + 本年制发[Y] − 本年废止[Y] (2019 format: 上一年项目数量[Y] = "
    "上一年项目数量[Y−1] + 本年增/减[Y−1]); a warning, since amendments and expiry also "
    "change the stock.",
    "表二第二十条第（一）项（现行有效件数为年末存量）",
    "{cell}：按上年推算应为 {expected}（{formula}），实为 {actual}",
    "{cell_en}: rolled forward from last year it would be {expected} ({formula_en}), "
    "found {actual}",
    ("crossyear", "table2"),
)
"""The ``xy-stock`` rule: Table 2 stock does not roll forward.

Examples:
    >>> from govinfo_report.catalog import XY_STOCK
    >>> XY_STOCK.code, XY_STOCK.severity.value
    ('xy-stock', 'warning')
"""

XY_JUMP = Rule(
    "xy-jump",
    Severity.INFO,
    "与上年相比变化异常",
    "Unusual change from last year",
    "A key figure grew more than fivefold or fell below a fifth of last year's (only when the "
    "larger of the two is at least 10).",
    "数据质量规则（同比突变）",
    "{cell}：本年 {actual}，上年 {previous}，为上年的 {ratio} 倍",
    "{cell_en}: {actual} this year, {previous} last year ({ratio}×)",
    ("crossyear",),
)
"""The ``xy-jump`` rule: Unusual change from last year.

Examples:
    >>> from govinfo_report.catalog import XY_JUMP
    >>> XY_JUMP.code, XY_JUMP.severity.value
    ('xy-jump', 'info')
"""

XY_COPIED = Rule(
    "xy-copied",
    Severity.WARNING,
    "与上年报告文字雷同",
    "Text copied from last year",
    "The section's text overlaps last year's by more than 50%, measured as the Jaccard "
    "similarity of character 4-gram sets with every run of digits replaced by one placeholder (so "
    "updated numbers do not hide a copy).",
    "国办公开办函〔2021〕30号（四）：内容雷同的予以追责；地方考核：与上年度重复率大于 50% 扣分",
    "{cell}：与上年报告文字重复率 {percent}%，超过 50%",
    "{cell_en}: {percent}% of the text is shared with last year's report (over 50%)",
    ("crossyear", "narrative"),
)
"""The ``xy-copied`` rule: Text copied from last year.

Examples:
    >>> from govinfo_report.catalog import XY_COPIED
    >>> XY_COPIED.code, XY_COPIED.severity.value
    ('xy-copied', 'warning')
"""

DATA_UNKNOWN_KEY = Rule(
    "data-unknown-key",
    Severity.ERROR,
    "数据文件中有未知的键",
    "Unknown key in a data file",
    "A key of a model file (.yaml/.json/.toml) that the format does not have. The loader "
    "(load, convert, render) refuses such a file, so it is an error; the value it holds was "
    "not checked.",
    "govinfo-report 数据格式（JSON Schema）",
    "{cell}：未知的键，数据格式中没有此项（文件无法载入），其值未检查",
    "{cell_en}: unknown key, not in the format (the file cannot be loaded); its value was "
    "not checked",
    ("file",),
)
"""The ``data-unknown-key`` rule: Unknown key in a data file.

Examples:
    >>> from govinfo_report.catalog import DATA_UNKNOWN_KEY
    >>> DATA_UNKNOWN_KEY.code, DATA_UNKNOWN_KEY.severity.value
    ('data-unknown-key', 'error')
"""

DATA_INVALID = Rule(
    "data-invalid",
    Severity.ERROR,
    "数据文件中的值无效",
    "Invalid value in a data file",
    "A value of a model file (.yaml/.json/.toml) outside the cells that the format does not "
    "allow: an unknown format version or scope, a date that is not YYYY-MM-DD, a year that "
    "is not a whole number in range, text where a mapping is expected, a required key "
    "missing. The loader (load, convert, render) refuses such a file, so it is an error.",
    "govinfo-report 数据格式（JSON Schema）",
    "{cell}：{reason_zh}，实为 {actual}",
    "{cell_en}: {reason_en}, found {actual}",
    ("file",),
    (
        Variant("missing", "{cell}：缺少必填项", "{cell_en}: required key is missing"),
        Variant(
            "format-version",
            "{cell}：{reason_zh}，实为 {actual}；表格按 2021 年格式检查",
            "{cell_en}: {reason_en}, found {actual}; the tables are checked as the 2021 format",
        ),
    ),
)
"""The ``data-invalid`` rule: Invalid value in a data file.

Examples:
    >>> from govinfo_report.catalog import DATA_INVALID
    >>> DATA_INVALID.code, DATA_INVALID.severity.value
    ('data-invalid', 'error')
"""

TEXT_GLUED = Rule(
    "text-glued",
    Severity.WARNING,
    "粘连的数字无法唯一拆分",
    "Glued digits cannot be split uniquely",
    "Page text whose table cells lost their separators (a row printed as one digit string, "
    "e.g. 予以公开270020130) is split by the identities: a row total equals the sum of its "
    "columns, no value has a leading zero, and the column identities of table 三 choose "
    "among combinations. A row with several possible splits gets no value; this finding "
    "lists the splits (a unique split is used, its cells noted as recovered).",
    "表三、表四的勾稽关系（docs/localisation.md）",
    "{cell}：粘连的数字 {digits} 有 {count} 种可能的拆分（{options}），未取值",
    "{cell_en}: the glued digits {digits} split in {count} possible ways ({options}); "
    "no value taken",
    ("parse", "table3"),
)
"""The ``text-glued`` rule: Glued digits cannot be split uniquely.

Examples:
    >>> from govinfo_report.catalog import TEXT_GLUED
    >>> TEXT_GLUED.code, TEXT_GLUED.severity.value
    ('text-glued', 'warning')
"""

TABLE_LAYOUT = Rule(
    "table-layout",
    Severity.INFO,
    "表格按另一年度格式印制",
    "Table printed in the other format's layout",
    "A table is printed in the layout of the other format version than the rest of the "
    "report: table 三 of a 2021-format report with the 2019 layout (one （六）其他处理 row), or "
    "the reverse. Its cells are read and checked in the layout printed, so none is lost; "
    "this note says which format the table follows.",
    "国办公开办函〔2019〕60号与〔2021〕30号的表格格式",
    "{cell}：该表按 {layout} 年格式印制，报告其余部分为 {version} 年格式",
    "{cell_en}: the table follows the {layout} format's layout; the rest of the report "
    "follows {version}",
    ("format", "table3"),
)
"""The ``table-layout`` rule: Table printed in the other format's layout.

Examples:
    >>> from govinfo_report.catalog import TABLE_LAYOUT
    >>> TABLE_LAYOUT.code, TABLE_LAYOUT.severity.value
    ('table-layout', 'info')
"""

CHECK_FAILED = Rule(
    "check-failed",
    Severity.ERROR,
    "检查未能完成",
    "A check could not be completed",
    "A rule raised an unexpected error on this input; the report was not fully checked, so "
    "it cannot be called valid. Please report it as a bug.",
    "govinfo-report",
    "{cell}：检查 {check} 未能完成（{error}）",
    "{cell_en}: check {check} could not be completed ({error})",
    ("internal",),
)
"""The ``check-failed`` rule: A check could not be completed.

Examples:
    >>> from govinfo_report.catalog import CHECK_FAILED
    >>> CHECK_FAILED.code, CHECK_FAILED.severity.value
    ('check-failed', 'error')
"""

RULES: tuple[Rule, ...] = tuple(value for value in globals().values() if isinstance(value, Rule))
"""Every rule of the catalogue, in the order declared above (the order of docs/rules.md).

Examples:
    >>> from govinfo_report.catalog import RULES, T3_BALANCE
    >>> RULES[0] is T3_BALANCE
    True
    >>> len({rule.code for rule in RULES}) == len(RULES)
    True
"""

_BY_CODE = {r.code: r for r in RULES}


def rule(code: str) -> Rule:
    """The catalogue entry for ``code``.

    Raises:
        KeyError: if no rule has that code.

    Examples:
        >>> from govinfo_report.catalog import rule
        >>> rule("cell-blank").severity.value
        'warning'
    """
    return _BY_CODE[code]

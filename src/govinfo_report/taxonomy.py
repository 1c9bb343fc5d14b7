"""The format itself, as data: every section, table, row, column and label, once.

This module is the single source of truth for the report's structure. The model, the codecs, the
JSON Schema, the renderer, the parsers, the validator and the glossary page all derive from the
values defined here; none of them spells a label of its own.

The labels are the contract: they are the exact Chinese text of 国办公开办函〔2021〕30号 (the 2021
format) and 国办公开办函〔2019〕60号 (the 2019 trial format), full-width punctuation and curly quotes
included.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from functools import cache

import attrs

__all__ = [
    "APPLICANT_COLUMNS",
    "CASE_COLUMNS",
    "CASE_GROUPS",
    "CASE_LEDGER_FIELDS",
    "CASE_RESULT_COLUMNS",
    "FEE_PATH",
    "FIRST_YEARS",
    "INFO_PROCESSING_FEE",
    "LITIGATION_GROUP",
    "METADATA_FIELDS",
    "NARRATIVE_PARTS",
    "NARRATIVE_SECTIONS",
    "NOT_COMPARABLE",
    "OUTCOMES_BAND",
    "OUTCOMES_BAND_FIRST",
    "OUTCOMES_BAND_LAST",
    "REQUEST_COLUMNS",
    "REQUEST_LEDGER_FIELDS",
    "SCOPE_LABELS",
    "SECTIONS",
    "TABLE3_APPLICANT_HEADER",
    "TABLE3_CORNER_NOTE",
    "TABLE3_ORGANIZATION_GROUP",
    "TABLE_SECTIONS",
    "TITLE_SUFFIX",
    "CellKind",
    "CellSpec",
    "Column",
    "FormatVersion",
    "Node",
    "Scope",
    "Section",
    "SubTable",
    "cell_id",
    "cell_index",
    "cell_specs",
    "comparable_cells",
    "fee_labels",
    "known_cells",
    "metadata_labels",
    "outcome_leaves",
    "request_row_leaves",
    "request_rows",
    "sections",
    "subtables",
    "version_for_year",
]


class FormatVersion(enum.StrEnum):
    """Which national format a report follows.

    ``V2019`` is the trial format of 国办公开办函〔2019〕60号 (reporting years 2019 and 2020);
    ``V2021`` is the format of 国办公开办函〔2021〕30号 (reporting years 2021 onwards).

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion
        >>> [v.value for v in FormatVersion]
        ['2019', '2021']
        >>> FormatVersion("2019") is FormatVersion.V2019
        True
    """

    V2019 = "2019"
    V2021 = "2021"


class Scope(enum.StrEnum):
    """What a report covers: the body alone (本机关) or its whole jurisdiction (全域).

    Examples:
        >>> from govinfo_report.taxonomy import SCOPE_LABELS, Scope
        >>> [(s.value, SCOPE_LABELS[s]) for s in Scope]
        [('agency_only', '本机关'), ('jurisdiction', '全域')]
    """

    AGENCY_ONLY = "agency_only"
    JURISDICTION = "jurisdiction"


SCOPE_LABELS: dict[Scope, str] = {Scope.AGENCY_ONLY: "本机关", Scope.JURISDICTION: "全域"}
"""The Chinese name of each :class:`Scope`.

Examples:
    >>> from govinfo_report.taxonomy import SCOPE_LABELS, Scope
    >>> SCOPE_LABELS[Scope.JURISDICTION]
    '全域'
"""

FIRST_YEARS: dict[FormatVersion, int] = {FormatVersion.V2019: 2019, FormatVersion.V2021: 2021}
"""The first reporting year each format applies to (the 2019 format also covers 2020).

Examples:
    >>> from govinfo_report.taxonomy import FIRST_YEARS, FormatVersion
    >>> FIRST_YEARS[FormatVersion.V2021]
    2021
"""


def version_for_year(year: int) -> FormatVersion | None:
    """The format a report for ``year`` should follow; None before the first format (2019).

    Examples:
        >>> from govinfo_report.taxonomy import version_for_year
        >>> version_for_year(2020), version_for_year(2024), version_for_year(2018)
        (<FormatVersion.V2019: '2019'>, <FormatVersion.V2021: '2021'>, None)
    """
    fitting = [v for v, first in FIRST_YEARS.items() if first <= year]
    return max(fitting, key=FIRST_YEARS.__getitem__) if fitting else None


class CellKind(enum.StrEnum):
    """The kind of value a table cell holds.

    Examples:
        >>> from govinfo_report.taxonomy import CellKind, FormatVersion, cell_index
        >>> cell_index(FormatVersion.V2021)["proactive_disclosure.art20_8.admin_fees.amount_wan_yuan"].kind
        <CellKind.AMOUNT: 'amount'>
    """

    COUNT = "count"  # a whole number of 件, >= 0
    SIGNED = "signed"  # a whole number that may be negative (2019 本年增/减)
    AMOUNT = "amount"  # a non-negative decimal amount (万元)


_BRACKETED = re.compile(r"（[^）]*）")


@attrs.frozen
class Node:
    """One labelled element of the format: a row, a row group, a column or a section part.

    Attributes:
        key: the stable English identifier (FORMAT.md §8), unique among its siblings.
        label: the exact Chinese label as printed in the official template.
        english: a short English name, for the glossary and English messages.
        children: the nested nodes of a group, in printed order; empty for a leaf.

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, request_rows
        >>> withheld = request_rows(FormatVersion.V2021)[4]
        >>> withheld.label, len(withheld.children)
        ('（三）不予公开', 8)
    """

    key: str
    label: str
    english: str
    children: tuple[Node, ...] = ()

    @property
    def is_leaf(self) -> bool:
        """Whether the node holds data itself rather than grouping other nodes."""
        return not self.children

    @property
    def prose_name(self) -> str:
        """The label as prose names it, without its numbering and notes in full-width brackets.

        Examples:
            >>> from govinfo_report.taxonomy import FormatVersion, request_rows
            >>> [n.prose_name for n in request_rows(FormatVersion.V2021)[3:5]]
            ['部分公开', '不予公开']
        """
        return _BRACKETED.sub("", self.label).strip()


@attrs.frozen
class Column:
    """A value column of a table, with the kind of value its cells hold.

    Examples:
        >>> from govinfo_report.taxonomy import REQUEST_COLUMNS
        >>> column = REQUEST_COLUMNS[0]
        >>> column.key, column.label, column.english
        ('natural_person', '自然人', 'Natural persons')
    """

    key: str
    label: str
    english: str
    kind: CellKind = CellKind.COUNT
    group: str | None = None  # the label of a spanning header above it, if any
    # The unit a rendered cell carries when the official header names none (2019's 采购总金额:
    # the library's amounts are in 万元, and a bare 25.1 there would read as 元).
    cell_unit: str | None = None


@attrs.frozen
class SubTable:
    """One of the section 二 sub-tables (第二十条第（X）项).

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, subtables
        >>> table = subtables(FormatVersion.V2021)[0]
        >>> table.key, table.caption, [c.key for c in table.columns]
        ('art20_1', '第二十条第（一）项', ['issued', 'repealed', 'in_force'])
    """

    key: str
    caption: str
    english: str
    columns: tuple[Column, ...]
    rows: tuple[Node, ...]
    header: str = "信息内容"


@attrs.frozen
class Section:
    """One of the six numbered sections of the report.

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, sections
        >>> section = sections(FormatVersion.V2021)[2]
        >>> section.key, section.number, section.title
        ('requests', '三', '三、收到和处理政府信息公开申请情况')
        >>> [s.key for s in sections(FormatVersion.V2021) if s.has_table]
        ['proactive_disclosure', 'requests', 'review_litigation']
    """

    key: str
    number: str
    title: str
    english: str
    title_variants: tuple[str, ...] = ()
    # issue 10: which sections hold a table (the others are free text)
    has_table: bool = False


@attrs.frozen
class CellSpec:
    """A number cell of the report: where it is, what it is called, what it holds.

    Attributes:
        id: the stable dotted identifier, e.g. ``requests.withheld.state_secret.natural_person``.
        labels: the Chinese label path, e.g. ``("（三）不予公开", "1.属于国家秘密", "自然人")``.
        kind: the kind of value the cell holds.
        section: the key of the section the cell belongs to.
        english: the English label path, parallel to ``labels``.

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, cell_index
        >>> spec = cell_index(FormatVersion.V2021)["requests.withheld.state_secret.natural_person"]
        >>> spec.labels
        ('（三）不予公开', '1.属于国家秘密', '自然人')
        >>> spec.section, spec.kind.value
        ('requests', 'count')
    """

    id: str
    labels: tuple[str, ...]
    kind: CellKind
    section: str
    english: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The label path joined for display."""
        return " / ".join(self.labels)


TITLE_SUFFIX = "政府信息公开工作年度报告"
"""The end of every report's title, after the agency and the year.

Examples:
    >>> from govinfo_report.taxonomy import TITLE_SUFFIX
    >>> "红旗区2023年" + TITLE_SUFFIX
    '红旗区2023年政府信息公开工作年度报告'
"""

# --- report metadata and section 六's fee: named fields that are not table cells ----------

METADATA_FIELDS: tuple[Node, ...] = (
    Node("agency", "报告主体", "Reporting body"),
    Node("year", "报告年度", "Reporting year"),
    Node("format_version", "格式版本", "Format version"),
    Node("scope", "报告范围", "Scope"),
    Node("published", "发布日期", "Publication date"),
)
"""The report's metadata fields (``metadata.<key>``), in order.

Examples:
    >>> from govinfo_report.taxonomy import METADATA_FIELDS
    >>> [(n.key, n.label) for n in METADATA_FIELDS][:2]
    [('agency', '报告主体'), ('year', '报告年度')]
"""

INFO_PROCESSING_FEE = Node(
    "info_processing_fee_yuan", "信息处理费（元）", "Information processing fee (yuan)"
)
"""The 信息处理费 of section 六 (``other_matters.info_processing_fee_yuan``), in 元.

Examples:
    >>> from govinfo_report.taxonomy import INFO_PROCESSING_FEE
    >>> INFO_PROCESSING_FEE.label
    '信息处理费（元）'
"""

# --- the six sections --------------------------------------------------------------------

_SECTIONS_2021: tuple[Section, ...] = (
    Section("overview", "一", "一、总体情况", "Overview"),
    Section(
        "proactive_disclosure",
        "二",
        "二、主动公开政府信息情况",
        "Proactive disclosure",
        has_table=True,
    ),
    Section(
        "requests",
        "三",
        "三、收到和处理政府信息公开申请情况",
        "Requests received and handled",
        has_table=True,
    ),
    Section(
        "review_litigation",
        "四",
        "四、政府信息公开行政复议、行政诉讼情况",
        "Administrative review and litigation",
        has_table=True,
    ),
    Section(
        "problems_improvements",
        "五",
        "五、存在的主要问题及改进情况",
        "Main problems and improvements",
        title_variants=("五、存在问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
    ),
    Section("other_matters", "六", "六、其他需要报告的事项", "Other matters to report"),
)

_SECTIONS_2019: tuple[Section, ...] = tuple(
    attrs.evolve(
        s,
        title="五、政府信息公开工作存在的主要问题及改进情况",
        title_variants=("五、存在的主要问题及改进情况", "五、存在问题及改进情况"),
    )
    if s.key == "problems_improvements"
    else s
    for s in _SECTIONS_2021
)

SECTIONS: dict[FormatVersion, tuple[Section, ...]] = {
    FormatVersion.V2021: _SECTIONS_2021,
    FormatVersion.V2019: _SECTIONS_2019,
}
"""The six sections of each format version, in order.

Examples:
    >>> from govinfo_report.taxonomy import SECTIONS, FormatVersion
    >>> SECTIONS[FormatVersion.V2019][4].title != SECTIONS[FormatVersion.V2021][4].title
    True
"""

TABLE_SECTIONS: tuple[str, ...] = tuple(s.key for s in _SECTIONS_2021 if s.has_table)
"""The keys of the sections that hold a table (二, 三, 四), in printed order.

Examples:
    >>> from govinfo_report.taxonomy import TABLE_SECTIONS
    >>> TABLE_SECTIONS
    ('proactive_disclosure', 'requests', 'review_litigation')
"""

NARRATIVE_SECTIONS: tuple[str, ...] = tuple(s.key for s in _SECTIONS_2021 if not s.has_table)
"""The keys of the sections of free text (一, 五, 六), in printed order.

Examples:
    >>> from govinfo_report.taxonomy import NARRATIVE_SECTIONS
    >>> NARRATIVE_SECTIONS
    ('overview', 'problems_improvements', 'other_matters')
"""

# The structured sub-parts of the narrative sections, keyed by section.
NARRATIVE_PARTS: dict[str, tuple[Node, ...]] = {
    "overview": (
        Node("proactive", "（一）主动公开", "Proactive disclosure"),
        Node("on_request", "（二）依申请公开", "Disclosure on request"),
        Node("information_management", "（三）政府信息管理", "Government information management"),
        Node("platform", "（四）政府信息公开平台建设", "Disclosure platform building"),
        Node("oversight", "（五）监督保障", "Oversight and safeguards"),
    ),
    "problems_improvements": (
        Node("problems", "（一）存在的主要问题", "Main problems"),
        Node("improvements", "（二）改进情况", "Improvements"),
    ),
}
"""The usual sub-headings of the narrative sections 一 and 五, by section key.

Examples:
    >>> from govinfo_report.taxonomy import NARRATIVE_PARTS
    >>> [n.label for n in NARRATIVE_PARTS["problems_improvements"]]
    ['（一）存在的主要问题', '（二）改进情况']
"""

# --- section 二 ------------------------------------------------------------------------

_DECISIONS = Column("decisions", "本年处理决定数量", "Decisions this year")
# Captions and rows shared by both formats (the 2019 labels differ only where noted below).
_ART20 = {
    "art20_1": ("第二十条第（一）项", "Art. 20 item (1): rules and normative documents"),
    "art20_5": ("第二十条第（五）项", "Art. 20 item (5): licensing"),
    "art20_6": ("第二十条第（六）项", "Art. 20 item (6): penalties and coercion"),
    "art20_8": ("第二十条第（八）项", "Art. 20 item (8): administrative fees"),
    "art20_9": ("第二十条第（九）项", "Art. 20 item (9): central government procurement"),
}
_RULES = Node("rules", "规章", "Rules")
_LICENSING = Node("licensing", "行政许可", "Administrative licensing")
_PENALTY_COERCION = (
    Node("penalty", "行政处罚", "Administrative penalties"),
    Node("coercion", "行政强制", "Administrative coercion"),
)
_ADMIN_FEES = Node("admin_fees", "行政事业性收费", "Administrative fees")

_SUBTABLES_2021: tuple[SubTable, ...] = (
    SubTable(
        "art20_1",
        *_ART20["art20_1"],
        columns=(
            Column("issued", "本年制发件数", "Issued this year"),
            Column("repealed", "本年废止件数", "Repealed this year"),
            Column("in_force", "现行有效件数", "In force"),
        ),
        rows=(
            _RULES,
            Node("normative_documents", "行政规范性文件", "Administrative normative documents"),
        ),
    ),
    SubTable("art20_5", *_ART20["art20_5"], columns=(_DECISIONS,), rows=(_LICENSING,)),
    SubTable("art20_6", *_ART20["art20_6"], columns=(_DECISIONS,), rows=_PENALTY_COERCION),
    SubTable(
        "art20_8",
        *_ART20["art20_8"],
        columns=(
            Column(
                "amount_wan_yuan",
                "本年收费金额（单位：万元）",
                "Fees collected this year (10,000 yuan)",
                CellKind.AMOUNT,
            ),
        ),
        rows=(_ADMIN_FEES,),
    ),
)

_PRIOR_AND_CHANGE = (
    Column("prior_year_items", "上一年项目数量", "Items last year"),
    Column("change", "本年增/减", "Change this year", CellKind.SIGNED),
)
_ITEM_CHANGES = (*_PRIOR_AND_CHANGE, Column("decisions", "处理决定数量", "Decisions"))

_SUBTABLES_2019: tuple[SubTable, ...] = (
    SubTable(
        "art20_1",
        *_ART20["art20_1"],
        columns=(
            Column("newly_made", "本年新制作数量", "Newly made this year"),
            Column("newly_published", "本年新公开数量", "Newly published this year"),
            Column("total_published", "对外公开总数量", "Total published"),
        ),
        rows=(_RULES, Node("normative_documents", "规范性文件", "Normative documents")),
    ),
    SubTable(
        "art20_5",
        *_ART20["art20_5"],
        columns=_ITEM_CHANGES,
        rows=(
            _LICENSING,
            Node("other_admin_services", "其他对外管理服务事项", "Other external services"),
        ),
    ),
    SubTable("art20_6", *_ART20["art20_6"], columns=_ITEM_CHANGES, rows=_PENALTY_COERCION),
    SubTable("art20_8", *_ART20["art20_8"], columns=_PRIOR_AND_CHANGE, rows=(_ADMIN_FEES,)),
    SubTable(
        "art20_9",
        *_ART20["art20_9"],
        columns=(
            Column("procurement_items", "采购项目数量", "Procurement items"),
            Column(
                "procurement_amount",
                "采购总金额",
                "Total procurement amount",
                CellKind.AMOUNT,
                cell_unit="万元",
            ),
        ),
        rows=(Node("central_procurement", "政府集中采购", "Central government procurement"),),
    ),
)

_SUBTABLES: dict[FormatVersion, tuple[SubTable, ...]] = {
    FormatVersion.V2021: _SUBTABLES_2021,
    FormatVersion.V2019: _SUBTABLES_2019,
}

# --- section 三 ------------------------------------------------------------------------

TABLE3_CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""The note printed in the top-left corner of the section 三 table.

Examples:
    >>> from govinfo_report.taxonomy import TABLE3_CORNER_NOTE
    >>> TABLE3_CORNER_NOTE
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'
"""
TABLE3_APPLICANT_HEADER = "申请人情况"
"""The header over the seven columns of the section 三 table.

Examples:
    >>> from govinfo_report.taxonomy import TABLE3_APPLICANT_HEADER
    >>> TABLE3_APPLICANT_HEADER
    '申请人情况'
"""
TABLE3_ORGANIZATION_GROUP = "法人或其他组织"
"""The header over the five organisation columns of the section 三 table.

Examples:
    >>> from govinfo_report.taxonomy import TABLE3_ORGANIZATION_GROUP
    >>> TABLE3_ORGANIZATION_GROUP
    '法人或其他组织'
"""

REQUEST_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人", "Natural persons"),
    Column(
        "commercial_enterprise",
        "商业企业",
        "Commercial enterprises",
        group=TABLE3_ORGANIZATION_GROUP,
    ),
    Column(
        "research_institution",
        "科研机构",
        "Research institutions",
        group=TABLE3_ORGANIZATION_GROUP,
    ),
    Column(
        "public_welfare_org",
        "社会公益组织",
        "Public-welfare organisations",
        group=TABLE3_ORGANIZATION_GROUP,
    ),
    Column(
        "legal_service_org",
        "法律服务机构",
        "Legal-service organisations",
        group=TABLE3_ORGANIZATION_GROUP,
    ),
    Column("other_org", "其他", "Other organisations", group=TABLE3_ORGANIZATION_GROUP),
    Column("total", "总计", "Total"),
)
"""The seven columns of the section 三 table, 总计 last.

Examples:
    >>> from govinfo_report.taxonomy import REQUEST_COLUMNS
    >>> [c.label for c in REQUEST_COLUMNS]
    ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']
"""

APPLICANT_COLUMNS: tuple[Column, ...] = tuple(c for c in REQUEST_COLUMNS if c.key != "total")
"""The six applicant columns of the section 三 table: the terms of each row's 总计.

Examples:
    >>> from govinfo_report.taxonomy import APPLICANT_COLUMNS
    >>> len(APPLICANT_COLUMNS), APPLICANT_COLUMNS[-1].key
    (6, 'other_org')
"""

# The row band 三、本年度办理结果 groups the outcome rows; it has no data of its own and no key
# in cell identifiers.
OUTCOMES_BAND = Node("outcomes", "三、本年度办理结果", "Outcomes this year")
"""The row label 三、本年度办理结果 spanning the outcome rows; it has no data of its own.

Examples:
    >>> from govinfo_report.taxonomy import OUTCOMES_BAND
    >>> OUTCOMES_BAND.label
    '三、本年度办理结果'
"""

_WITHHELD = Node(
    "withheld",
    "（三）不予公开",
    "Withheld",
    (
        Node("state_secret", "1.属于国家秘密", "State secret"),
        Node("prohibited_by_law", "2.其他法律行政法规禁止公开", "Prohibited by other laws"),
        Node("security_stability", "3.危及“三安全一稳定”", "Endangers security or stability"),
        Node("third_party_rights", "4.保护第三方合法权益", "Protects third-party rights"),
        Node("internal_affairs", "5.属于三类内部事务信息", "Internal affairs"),
        Node("process_info", "6.属于四类过程性信息", "Process information"),
        Node("enforcement_files", "7.属于行政执法案卷", "Law-enforcement files"),
        Node("query_matter", "8.属于行政查询事项", "Administrative query matter"),
    ),
)
_UNAVAILABLE = Node(
    "unavailable",
    "（四）无法提供",
    "Cannot be provided",
    (
        Node("not_held", "1.本机关不掌握相关政府信息", "Not held by this body"),
        Node("needs_creation", "2.没有现成信息需要另行制作", "Would need to be created"),
        Node(
            "unclear_after_amendment",
            "3.补正后申请内容仍不明确",
            "Still unclear after amendment",
        ),
    ),
)
_NOT_PROCESSED = Node(
    "not_processed",
    "（五）不予处理",
    "Not processed",
    (
        Node("petition_complaint", "1.信访举报投诉类申请", "Petition or complaint"),
        Node("duplicate", "2.重复申请", "Duplicate request"),
        Node("publication", "3.要求提供公开出版物", "Asks for a publication"),
        Node("excessive", "4.无正当理由大量反复申请", "Excessive repeated requests"),
        Node(
            "confirm_or_reissue",
            "5.要求行政机关确认或重新出具已获取信息",
            "Asks to confirm or reissue held information",
        ),
    ),
)
_OTHER_HANDLING_2021 = Node(
    "other_handling",
    "（六）其他处理",
    "Other handling",
    (
        Node(
            "no_amendment",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "No amendment in time",
        ),
        Node(
            "fee_unpaid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "Fee not paid in time",
        ),
        Node("other", "3.其他", "Other"),
    ),
)
_OTHER_HANDLING_2019 = Node("other_handling", "（六）其他处理", "Other handling")


def _request_rows(other_handling: Node) -> tuple[Node, ...]:
    return (
        Node("new_requests", "一、本年新收政府信息公开申请数量", "New requests this year"),
        Node("carried_in", "二、上年结转政府信息公开申请数量", "Carried over from last year"),
        Node("granted", "（一）予以公开", "Granted"),
        Node(
            "partially_granted",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "Partially granted",
        ),
        _WITHHELD,
        _UNAVAILABLE,
        _NOT_PROCESSED,
        other_handling,
        Node("outcomes_total", "（七）总计", "Total outcomes"),
        Node("carried_forward", "四、结转下年度继续办理", "Carried forward to next year"),
    )


_REQUEST_ROWS: dict[FormatVersion, tuple[Node, ...]] = {
    FormatVersion.V2021: _request_rows(_OTHER_HANDLING_2021),
    FormatVersion.V2019: _request_rows(_OTHER_HANDLING_2019),
}

# The first and last rows covered by the 三、本年度办理结果 band.
OUTCOMES_BAND_FIRST = "granted"
"""The first row under :data:`OUTCOMES_BAND`.

Examples:
    >>> from govinfo_report.taxonomy import OUTCOMES_BAND_FIRST
    >>> OUTCOMES_BAND_FIRST
    'granted'
"""
OUTCOMES_BAND_LAST = "outcomes_total"
"""The last row under :data:`OUTCOMES_BAND`.

Examples:
    >>> from govinfo_report.taxonomy import OUTCOMES_BAND_LAST
    >>> OUTCOMES_BAND_LAST
    'outcomes_total'
"""

# --- section 四 ------------------------------------------------------------------------

CASE_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持", "Upheld"),
    Column("corrected", "结果纠正", "Corrected"),
    Column("other_result", "其他结果", "Other result"),
    Column("pending", "尚未审结", "Pending"),
    Column("total", "总计", "Total"),
)
"""The five columns of each group of the section 四 table, 总计 last.

Examples:
    >>> from govinfo_report.taxonomy import CASE_COLUMNS
    >>> [c.label for c in CASE_COLUMNS]
    ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']
"""

CASE_RESULT_COLUMNS: tuple[Column, ...] = tuple(c for c in CASE_COLUMNS if c.key != "total")
"""The four result columns of each section 四 group: the terms of its 总计.

Examples:
    >>> from govinfo_report.taxonomy import CASE_RESULT_COLUMNS
    >>> [c.key for c in CASE_RESULT_COLUMNS]
    ['upheld', 'corrected', 'other_result', 'pending']
"""

LITIGATION_GROUP = Node("litigation", "行政诉讼", "Administrative litigation")
"""The header 行政诉讼 over the two litigation groups of section 四.

Examples:
    >>> from govinfo_report.taxonomy import LITIGATION_GROUP
    >>> LITIGATION_GROUP.label
    '行政诉讼'
"""

# (group node, label of the spanning super-group or None)
CASE_GROUPS: tuple[tuple[Node, str | None], ...] = (
    (Node("review", "行政复议", "Administrative review"), None),
    (
        Node("litigation_direct", "未经复议直接起诉", "Litigation without prior review"),
        LITIGATION_GROUP.label,
    ),
    (
        Node("litigation_after_review", "复议后起诉", "Litigation after review"),
        LITIGATION_GROUP.label,
    ),
)
"""The three groups of the section 四 table with the header above each (or None).

Examples:
    >>> from govinfo_report.taxonomy import CASE_GROUPS
    >>> [(group.label, over) for group, over in CASE_GROUPS]
    [('行政复议', None), ('未经复议直接起诉', '行政诉讼'), ('复议后起诉', '行政诉讼')]
"""

# --- derived views -----------------------------------------------------------------------


def fee_labels(version: FormatVersion) -> tuple[str, ...]:
    """The label path of the 信息处理费: section 六's title, then the fee's label.

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, fee_labels
        >>> fee_labels(FormatVersion.V2021)
        ('六、其他需要报告的事项', '信息处理费（元）')
    """
    title = next(s.title for s in sections(version) if s.key == "other_matters")
    return (title, INFO_PROCESSING_FEE.label)


FEE_PATH = f"other_matters.{INFO_PROCESSING_FEE.key}"
"""The path of the 信息处理费 in a report.

Examples:
    >>> from govinfo_report.taxonomy import FEE_PATH
    >>> FEE_PATH
    'other_matters.info_processing_fee_yuan'
"""


def metadata_labels() -> dict[str, tuple[str, ...]]:
    """The label path of each metadata field by its path (``metadata.agency`` → ``("报告主体",)``).

    Examples:
        >>> from govinfo_report.taxonomy import metadata_labels
        >>> metadata_labels()["metadata.agency"]
        ('报告主体',)
    """
    return {cell_id("metadata", node): (node.label,) for node in METADATA_FIELDS}


def sections(version: FormatVersion) -> tuple[Section, ...]:
    """The six sections of a format version, in order.

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, sections
        >>> [s.number for s in sections(FormatVersion.V2021)]
        ['一', '二', '三', '四', '五', '六']
    """
    return SECTIONS[version]


def subtables(version: FormatVersion) -> tuple[SubTable, ...]:
    """The section 二 sub-tables of a format version, in order.

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, subtables
        >>> [t.key for t in subtables(FormatVersion.V2019)]
        ['art20_1', 'art20_5', 'art20_6', 'art20_8', 'art20_9']
    """
    return _SUBTABLES[version]


def request_rows(version: FormatVersion) -> tuple[Node, ...]:
    """The top-level rows and row groups of the section 三 table, in printed order.

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, request_rows
        >>> [n.key for n in request_rows(FormatVersion.V2021)][:4]
        ['new_requests', 'carried_in', 'granted', 'partially_granted']
    """
    return _REQUEST_ROWS[version]


def _walk_leaves(
    nodes: tuple[Node, ...], prefix: tuple[Node, ...] = ()
) -> Iterator[tuple[Node, ...]]:
    for node in nodes:
        if node.is_leaf:
            yield (*prefix, node)
        else:
            yield from _walk_leaves(node.children, (*prefix, node))


@cache
def request_row_leaves(version: FormatVersion) -> tuple[tuple[Node, ...], ...]:
    """Every data row of the section 三 table as its node path (25 rows in 2021, 23 in 2019).

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, request_row_leaves
        >>> [n.label for n in request_row_leaves(FormatVersion.V2021)[4]]
        ['（三）不予公开', '1.属于国家秘密']
    """
    return tuple(_walk_leaves(request_rows(version)))


@cache
def outcome_leaves(version: FormatVersion) -> tuple[tuple[Node, ...], ...]:
    """The outcome rows that add up to （七）总计 (21 in 2021, 19 in 2019).

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, outcome_leaves
        >>> len(outcome_leaves(FormatVersion.V2021)), len(outcome_leaves(FormatVersion.V2019))
        (21, 19)
    """
    rows = request_row_leaves(version)
    keys = [path[0].key for path in rows]
    first, last = keys.index(OUTCOMES_BAND_FIRST), keys.index(OUTCOMES_BAND_LAST)
    return rows[first:last]


def row_id(path: tuple[Node, ...]) -> str:
    """The dotted identifier of a node path (its keys, as :func:`cell_id` joins them)."""
    return cell_id(path)


IdPart = str | Node | Column | SubTable | Section
"""One step of a cell id: a key, or a taxonomy object whose ``key`` is the step."""


def cell_id(*parts: IdPart | tuple[Node, ...]) -> str:
    """The dotted cell id of these steps: the one place the id scheme is spelled.

    A step is a key, a taxonomy object (its ``key``) or a node path (its keys). Ids are
    ``section.table.row.column`` for table 二, ``requests.row….column`` for table 三 and
    ``review_litigation.group.column`` for table 四; ``cell_index`` holds every valid one.

    Examples:
        >>> from govinfo_report.taxonomy import CASE_COLUMNS, cell_id
        >>> cell_id("review_litigation", "review", CASE_COLUMNS[0])
        'review_litigation.review.upheld'
        >>> cell_id("requests", "withheld.state_secret", "natural_person")
        'requests.withheld.state_secret.natural_person'
    """
    # (one expression, not a loop: the parsers call it for every cell they read)
    return ".".join(
        [
            part
            if isinstance(part, str)
            else (_path_key(part) if isinstance(part, tuple) else part.key)
            for part in parts
        ]
    )


def _path_key(path: tuple[Node, ...]) -> str:
    return ".".join([node.key for node in path])


@cache
def cell_specs(version: FormatVersion) -> tuple[CellSpec, ...]:
    """Every number cell of a report of this format version, in printed order.

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, cell_specs
        >>> specs = cell_specs(FormatVersion.V2021)
        >>> len(specs), specs[0].id
        (200, 'proactive_disclosure.art20_1.rules.issued')
    """
    specs: list[CellSpec] = []
    for table in subtables(version):
        for row in table.rows:
            for column in table.columns:
                specs.append(
                    CellSpec(
                        cell_id("proactive_disclosure", table, row, column),
                        (table.caption, row.label, column.label),
                        column.kind,
                        "proactive_disclosure",
                        (table.english, row.english, column.english),
                    )
                )
    for path in request_row_leaves(version):
        for column in REQUEST_COLUMNS:
            specs.append(
                CellSpec(
                    cell_id("requests", path, column),
                    (*(node.label for node in path), column.label),
                    column.kind,
                    "requests",
                    (*(node.english for node in path), column.english),
                )
            )
    for group, super_label in CASE_GROUPS:
        head = (super_label, group.label) if super_label else (group.label,)
        english = (LITIGATION_GROUP.english, group.english) if super_label else (group.english,)
        for column in CASE_COLUMNS:
            specs.append(
                CellSpec(
                    cell_id("review_litigation", group, column),
                    (*head, column.label),
                    column.kind,
                    "review_litigation",
                    (*english, column.english),
                )
            )
    return tuple(specs)


@cache
def cell_index(version: FormatVersion) -> dict[str, CellSpec]:
    """The cells of a format version keyed by identifier.

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, cell_index
        >>> cell_index(FormatVersion.V2021)["requests.granted.total"].labels
        ('（一）予以公开', '总计')
    """
    return {spec.id: spec for spec in cell_specs(version)}


def known_cells(*ids: str, version: FormatVersion | None = None) -> tuple[str, ...]:
    """Cell ids written literally in code, checked against :func:`cell_index` when called.

    Call it at import (``_TOTALS = known_cells("requests.granted.total", ...)``): a misspelt id
    then stops the import instead of silently reading nothing. An id must be a cell of
    ``version``, or of every format version when ``version`` is None.

    Raises:
        ValueError: naming every id that is not a cell (a programming error, not bad data).

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion, known_cells
        >>> known_cells("requests.granted.total")
        ('requests.granted.total',)
        >>> known_cells("requests.other_handling.total", version=FormatVersion.V2019)
        ('requests.other_handling.total',)
        >>> known_cells("review.uphold")
        Traceback (most recent call last):
        ...
        ValueError: 不是格式中的单元格 / not cells of format 2019, 2021: review.uphold
    """
    versions = (version,) if version is not None else tuple(FormatVersion)
    unknown = [cell for cell in ids if any(cell not in cell_index(v) for v in versions)]
    if unknown:
        raise ValueError(
            f"不是格式中的单元格 / not cells of format {', '.join(v.value for v in versions)}: "
            + ", ".join(unknown)
        )
    return ids


# --- collections: which cells can be compared across formats ---------------------------------

NOT_COMPARABLE: frozenset[str] = frozenset()
"""Cells present under the same id in both formats that nonetheless mean different things
(none so far: the 2019 and 2021 tables differ in ids wherever they differ in meaning).

Examples:
    >>> from govinfo_report.taxonomy import NOT_COMPARABLE
    >>> "requests.granted.total" in NOT_COMPARABLE
    False
"""


@cache
def comparable_cells(previous: FormatVersion, current: FormatVersion) -> tuple[str, ...]:
    """The cells of ``current`` that mean the same in a report of ``previous``, in printed order.

    A cell is comparable when both formats have it under the same id with the same kind of value
    (the 2019 and 2021 table 三 share every row but （六）其他处理's items; table 二 shares only
    the 处理决定数量 of 行政许可, 行政处罚 and 行政强制).

    Examples:
        >>> len(comparable_cells(FormatVersion.V2021, FormatVersion.V2021)) == len(
        ...     cell_specs(FormatVersion.V2021))
        True
        >>> "requests.other_handling.total" in comparable_cells(
        ...     FormatVersion.V2019, FormatVersion.V2021)
        False
    """
    theirs = cell_index(previous)
    return tuple(
        spec.id
        for spec in cell_specs(current)
        if spec.id in theirs and theirs[spec.id].kind is spec.kind and spec.id not in NOT_COMPARABLE
    )


# --- ledgers (台账): the columns of the request and case registers tallied into 三 and 四 ---

REQUEST_LEDGER_FIELDS: tuple[Node, ...] = (
    Node("id", "申请编号", "Request id"),
    Node("applicant_type", "申请人类型", "Applicant type"),
    Node("received", "收到日期", "Date received"),
    Node("concluded", "办结日期", "Date concluded"),
    Node("outcome", "办理结果", "Outcome"),
)
"""The columns of a request ledger (依申请公开台账), one row per request.

Examples:
    >>> from govinfo_report.taxonomy import REQUEST_LEDGER_FIELDS
    >>> [(f.key, f.label) for f in REQUEST_LEDGER_FIELDS][1]
    ('applicant_type', '申请人类型')
"""

CASE_LEDGER_FIELDS: tuple[Node, ...] = (
    Node("id", "案件编号", "Case id"),
    Node("kind", "案件类型", "Kind of case"),
    Node("received", "收到日期", "Date received"),
    Node("concluded", "审结日期", "Date concluded"),
    Node("result", "审理结果", "Result"),
)
"""The columns of a review and lawsuit ledger (行政复议、行政诉讼台账), one row per case.

Examples:
    >>> from govinfo_report.taxonomy import CASE_LEDGER_FIELDS
    >>> [f.label for f in CASE_LEDGER_FIELDS]
    ['案件编号', '案件类型', '收到日期', '审结日期', '审理结果']
"""

"""The strict report model: frozen, slotted attrs classes whose constructors enforce the rules.

Field names are the glossary identifiers of :mod:`govinfo_report.taxonomy`; each class is bound
to its taxonomy node when the module is imported, and the binding fails loudly if a field name or
its order drifts from the taxonomy. Labels are never written here: they come from the taxonomy.

Rules enforced on construction:

* every count is an ``int`` of at least 0 (``bool`` is rejected), 2019 本年增/减 may be negative,
  every amount is a finite ``Decimal`` of at least 0;
* row totals (总计), （七）总计 and the table 四 totals are derived when omitted and checked when
  given;
* the printed identity 一 + 二 = （七） + 四 holds for each of the seven columns.

A violation raises :class:`~govinfo_report.errors.InvariantViolation` listing every violation of
the table with its cell id, Chinese label path, expected and actual value.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from typing import Any, ClassVar, TypeVar

import attrs

from . import taxonomy as tx
from .errors import FieldTypeError, FieldValueError, InvariantViolation
from .findings import Finding, make_finding
from .identities import Identity, identities, violation
from .taxonomy import CellKind, CellSpec, FormatVersion, Scope

__all__ = [
    "CELL_LIMIT",
    "AnnualReport",
    "ApplicantCounts",
    "Art20Item1",
    "Art20Item1V2019",
    "Art20Item5",
    "Art20Item5V2019",
    "Art20Item6",
    "Art20Item6V2019",
    "Art20Item8",
    "Art20Item8V2019",
    "Art20Item9V2019",
    "CaseOutcomes",
    "Cell",
    "CellValueError",
    "DecisionCount",
    "DocumentCounts",
    "FeeAmount",
    "FeeItems",
    "ItemChanges",
    "Metadata",
    "NotProcessed",
    "OtherHandling",
    "OtherMatters",
    "Overview",
    "ProactiveDisclosure",
    "ProactiveDisclosure2019",
    "ProblemsImprovements",
    "Procurement",
    "PublishedDocuments",
    "Requests",
    "ReviewLitigation",
    "Unavailable",
    "Withheld",
]

Number = int | Decimal
_C = TypeVar("_C", bound=type)
_E = TypeVar("_E", bound=enum.Enum)

MIN_YEAR = 2008  # the first year of the 2008 条例's annual reports
MAX_YEAR = 2100

CELL_LIMIT = 10**15
"""Every cell's value is below this in size (counts, 本年增/减, amounts in 万元).

No body counts or spends that many, and below it every sum the identities and checks form stays
exact in 28-digit decimal arithmetic. The codecs, the JSON Schema and the lenient loader use it.
"""


class CellValueError(InvariantViolation):
    """A single cell holds a value of the wrong type or range.

    Attributes:
        field: the field of the row object that holds the value.
    """

    def __init__(self, finding: Finding, field: str) -> None:
        self.field = field
        super().__init__([finding])


_REASONS: dict[CellKind, tuple[str, str]] = {
    CellKind.COUNT: ("应为不小于 0 的整数", "must be a whole number of at least 0"),
    CellKind.SIGNED: ("应为整数", "must be a whole number"),
    CellKind.AMOUNT: ("应为不小于 0 的金额（Decimal）", "must be a non-negative Decimal amount"),
}


_OUT_OF_RANGE = ("数值超出范围（应小于 10^15）", "out of range (must be below 10^15)")


def cell_value_ok(kind: CellKind, value: object) -> bool:
    """Whether ``value`` is acceptable for a cell of ``kind`` (type, sign, below CELL_LIMIT)."""
    if kind is CellKind.COUNT:
        return type(value) is int and 0 <= value < CELL_LIMIT
    if kind is CellKind.SIGNED:
        return type(value) is int and -CELL_LIMIT < value < CELL_LIMIT
    return isinstance(value, Decimal) and value.is_finite() and 0 <= value < CELL_LIMIT


def _cell_error(kind: CellKind, label: str, field: str, value: object) -> CellValueError:
    if kind is CellKind.AMOUNT:
        too_large = isinstance(value, Decimal) and value.is_finite() and value >= CELL_LIMIT
    else:
        too_large = type(value) is int and abs(value) >= CELL_LIMIT
    reason_zh, reason_en = _OUT_OF_RANGE if too_large else _REASONS[kind]
    finding = make_finding(
        "cell-invalid",
        path=field,
        labels=(label,),
        actual=repr(value),
        reason_zh=reason_zh,
        reason_en=reason_en,
    )
    return CellValueError(finding, field)


class _Row:
    """Base of the row classes: checks every cell's type and range after construction."""

    __slots__ = ()
    _cells: ClassVar[tuple[tuple[str, CellKind, str], ...]] = ()
    _counts: ClassVar[Any] = None  # an operator.attrgetter over the count cells, or None

    def __attrs_post_init__(self) -> None:
        if self._counts is not None:
            # Fast path in C for rows of counts only: all ints (not bool), the smallest >= 0.
            values = self._counts(self)
            if set(map(type, values)) == {int} and min(values) >= 0 and max(values) < CELL_LIMIT:
                return
        for name, kind, label in self._cells:
            value = getattr(self, name)
            if not cell_value_ok(kind, value):
                raise _cell_error(kind, label, name, value)


def _row(columns: tuple[tx.Column, ...]) -> Callable[[_C], _C]:
    """Bind a row class to the taxonomy columns it holds, checking names and order."""

    def bind(cls: _C) -> _C:
        _check_names(cls, [c.key for c in columns])
        setattr(cls, "_cells", tuple((c.key, c.kind, c.label) for c in columns))  # noqa: B010
        if len(columns) > 1 and all(c.kind is CellKind.COUNT for c in columns):
            # attrgetter of several names returns a tuple; single-cell rows take the slow path.
            setattr(cls, "_counts", operator.attrgetter(*(c.key for c in columns)))  # noqa: B010
        return cls

    return bind


def _check_names(cls: type, keys: list[str]) -> None:
    names = [f.name for f in attrs.fields(cls)]
    if names != keys:
        raise TypeError(f"{cls.__name__} fields {names} drift from the taxonomy {keys}")


class _Group:
    """Base of the classes that group rows: checks that each member is a row object."""

    __slots__ = ()
    _members: ClassVar[tuple[tuple[str, tuple[type, ...]], ...]] = ()

    def __attrs_post_init__(self) -> None:
        _check_members(self)


def _check_members(obj: Any) -> None:
    for name, types in obj._members:
        value = getattr(obj, name)
        if not isinstance(value, types):
            wanted = " | ".join(t.__name__ for t in types)
            raise FieldTypeError(
                f"{type(obj).__name__}.{name}", f"应为 {wanted}", f"must be {wanted}", value
            )


def _group(keys: list[str]) -> Callable[[_C], _C]:
    """Bind a grouping class to the taxonomy keys of its members, checking names and order."""

    def bind(cls: _C) -> _C:
        _check_names(cls, keys)
        hints = typing.get_type_hints(cls)
        members = []
        for name in keys:
            hint = hints[name]
            args = typing.get_args(hint)
            members.append((name, tuple(a for a in args if a is not type(None)) or (hint,)))
        setattr(cls, "_members", tuple(members))  # noqa: B010
        return cls

    return bind


def _amount(value: Any) -> Any:
    """Accept an int amount as its exact Decimal; other types are checked after construction."""
    return Decimal(value) if type(value) is int else value


# --- section 二, 2021 --------------------------------------------------------------------

_SUB21 = {t.key: t for t in tx.subtables(FormatVersion.V2021)}
_SUB19 = {t.key: t for t in tx.subtables(FormatVersion.V2019)}


@_row(_SUB21["art20_1"].columns)
@attrs.frozen(kw_only=True)
class DocumentCounts(_Row):
    """A row of 第二十条第（一）项 (2021): documents issued, repealed and in force."""

    issued: int
    repealed: int
    in_force: int


@_row(_SUB21["art20_5"].columns)
@attrs.frozen(kw_only=True)
class DecisionCount(_Row):
    """A row of 第二十条第（五）/（六）项 (2021): decisions made this year."""

    decisions: int


@_row(_SUB21["art20_8"].columns)
@attrs.frozen(kw_only=True)
class FeeAmount(_Row):
    """The row of 第二十条第（八）项 (2021): administrative fees collected, in 万元."""

    amount_wan_yuan: Decimal = attrs.field(converter=_amount)


@_group(["rules", "normative_documents"])
@attrs.frozen(kw_only=True)
class Art20Item1(_Group):
    """第二十条第（一）项 (2021): rules and administrative normative documents."""

    rules: DocumentCounts
    normative_documents: DocumentCounts


@_group(["licensing"])
@attrs.frozen(kw_only=True)
class Art20Item5(_Group):
    """第二十条第（五）项 (2021): administrative licensing."""

    licensing: DecisionCount


@_group(["penalty", "coercion"])
@attrs.frozen(kw_only=True)
class Art20Item6(_Group):
    """第二十条第（六）项 (2021): administrative penalties and coercion."""

    penalty: DecisionCount
    coercion: DecisionCount


@_group(["admin_fees"])
@attrs.frozen(kw_only=True)
class Art20Item8(_Group):
    """第二十条第（八）项 (2021): administrative fees."""

    admin_fees: FeeAmount


@_group([t.key for t in tx.subtables(FormatVersion.V2021)])
@attrs.frozen(kw_only=True)
class ProactiveDisclosure(_Group):
    """Section 二 主动公开政府信息情况, 2021 format."""

    art20_1: Art20Item1
    art20_5: Art20Item5
    art20_6: Art20Item6
    art20_8: Art20Item8

    format_version: ClassVar[FormatVersion] = FormatVersion.V2021


# --- section 二, 2019 trial format --------------------------------------------------------


@_row(_SUB19["art20_1"].columns)
@attrs.frozen(kw_only=True)
class PublishedDocuments(_Row):
    """A row of 第二十条第（一）项 (2019): documents made, published, and published in total."""

    newly_made: int
    newly_published: int
    total_published: int


@_row(_SUB19["art20_5"].columns)
@attrs.frozen(kw_only=True)
class ItemChanges(_Row):
    """A row of 第二十条第（五）/（六）项 (2019): items last year, change, decisions."""

    prior_year_items: int
    change: int
    decisions: int


@_row(_SUB19["art20_8"].columns)
@attrs.frozen(kw_only=True)
class FeeItems(_Row):
    """The row of 第二十条第（八）项 (2019): fee items last year and their change (a count)."""

    prior_year_items: int
    change: int


@_row(_SUB19["art20_9"].columns)
@attrs.frozen(kw_only=True)
class Procurement(_Row):
    """The row of 第二十条第（九）项 (2019): central procurement items and amount."""

    procurement_items: int
    procurement_amount: Decimal = attrs.field(converter=_amount)


@_group(["rules", "normative_documents"])
@attrs.frozen(kw_only=True)
class Art20Item1V2019(_Group):
    """第二十条第（一）项 (2019): rules and normative documents."""

    rules: PublishedDocuments
    normative_documents: PublishedDocuments


@_group(["licensing", "other_admin_services"])
@attrs.frozen(kw_only=True)
class Art20Item5V2019(_Group):
    """第二十条第（五）项 (2019): licensing and other external services."""

    licensing: ItemChanges
    other_admin_services: ItemChanges


@_group(["penalty", "coercion"])
@attrs.frozen(kw_only=True)
class Art20Item6V2019(_Group):
    """第二十条第（六）项 (2019): penalties and coercion."""

    penalty: ItemChanges
    coercion: ItemChanges


@_group(["admin_fees"])
@attrs.frozen(kw_only=True)
class Art20Item8V2019(_Group):
    """第二十条第（八）项 (2019): administrative fee items."""

    admin_fees: FeeItems


@_group(["central_procurement"])
@attrs.frozen(kw_only=True)
class Art20Item9V2019(_Group):
    """第二十条第（九）项 (2019): central government procurement."""

    central_procurement: Procurement


@_group([t.key for t in tx.subtables(FormatVersion.V2019)])
@attrs.frozen(kw_only=True)
class ProactiveDisclosure2019(_Group):
    """Section 二 主动公开政府信息情况, 2019 trial format."""

    art20_1: Art20Item1V2019
    art20_5: Art20Item5V2019
    art20_6: Art20Item6V2019
    art20_8: Art20Item8V2019
    art20_9: Art20Item9V2019

    format_version: ClassVar[FormatVersion] = FormatVersion.V2019


# --- section 三 ------------------------------------------------------------------------

_APPLICANT_KEYS = tuple(c.key for c in tx.REQUEST_COLUMNS if c.key != "total")


def _sum_ints(row: Any, keys: tuple[str, ...]) -> int:
    # Runs before the cells are checked: skip non-ints so the check reports the bad cell itself.
    return sum(v for key in keys if type(v := getattr(row, key)) is int)


def _applicant_total(row: Any) -> int:
    return _sum_ints(row, _APPLICANT_KEYS)


@_row(tx.REQUEST_COLUMNS)
@attrs.frozen(kw_only=True)
class ApplicantCounts(_Row):
    """A row of the section 三 table: counts per applicant category and their 总计.

    ``total`` is derived from the six applicant columns when omitted; when given, the table
    checks it.
    """

    natural_person: int
    commercial_enterprise: int
    research_institution: int
    public_welfare_org: int
    legal_service_org: int
    other_org: int
    total: int = attrs.field(default=attrs.Factory(_applicant_total, takes_self=True))

    @classmethod
    def zero(cls) -> ApplicantCounts:
        """A row of zeros."""
        return cls(
            natural_person=0,
            commercial_enterprise=0,
            research_institution=0,
            public_welfare_org=0,
            legal_service_org=0,
            other_org=0,
        )


_ROWS21 = {n.key: n for n in tx.request_rows(FormatVersion.V2021)}


def _child_keys(node: tx.Node) -> list[str]:
    return [child.key for child in node.children]


@_group(_child_keys(_ROWS21["withheld"]))
@attrs.frozen(kw_only=True)
class Withheld(_Group):
    """（三）不予公开: the eight grounds for withholding."""

    state_secret: ApplicantCounts
    prohibited_by_law: ApplicantCounts
    security_stability: ApplicantCounts
    third_party_rights: ApplicantCounts
    internal_affairs: ApplicantCounts
    process_info: ApplicantCounts
    enforcement_files: ApplicantCounts
    query_matter: ApplicantCounts


@_group(_child_keys(_ROWS21["unavailable"]))
@attrs.frozen(kw_only=True)
class Unavailable(_Group):
    """（四）无法提供: the three reasons information cannot be provided."""

    not_held: ApplicantCounts
    needs_creation: ApplicantCounts
    unclear_after_amendment: ApplicantCounts


@_group(_child_keys(_ROWS21["not_processed"]))
@attrs.frozen(kw_only=True)
class NotProcessed(_Group):
    """（五）不予处理: the five reasons a request is not processed."""

    petition_complaint: ApplicantCounts
    duplicate: ApplicantCounts
    publication: ApplicantCounts
    excessive: ApplicantCounts
    confirm_or_reissue: ApplicantCounts


@_group(_child_keys(_ROWS21["other_handling"]))
@attrs.frozen(kw_only=True)
class OtherHandling(_Group):
    """（六）其他处理 (2021 format): the three kinds of other handling."""

    no_amendment: ApplicantCounts
    fee_unpaid: ApplicantCounts
    other: ApplicantCounts


@cache
def _outcome_getters(version: FormatVersion) -> tuple[Callable[[Any], ApplicantCounts], ...]:
    return tuple(operator.attrgetter(tx.row_id(path)) for path in tx.outcome_leaves(version))


def _version_of_other_handling(value: object) -> FormatVersion:
    return FormatVersion.V2021 if isinstance(value, OtherHandling) else FormatVersion.V2019


def _outcomes_total(requests: Any) -> ApplicantCounts:
    rows = [
        get(requests)
        for get in _outcome_getters(_version_of_other_handling(requests.other_handling))
    ]
    return ApplicantCounts(**{key: sum(getattr(r, key) for r in rows) for key in _APPLICANT_KEYS})


@cache
def _checker(
    version: FormatVersion, section: str
) -> tuple[tuple[Identity, ...], Callable[[Any], list[tuple[int, Number, Number]]]]:
    """The identities of one section and a function that evaluates them all on its object.

    The function is generated as Python source once per format version (the way attrs and
    cattrs generate their methods): straight-line sums over attribute paths taken from the
    taxonomy, returning ``(identity index, expected, actual)`` for every violation.
    """
    cut = len(section) + 1
    chosen = tuple(i for i in identities(version) if i.target.startswith(section + "."))
    lines = ["def check(o):", "    bad = []"]
    for index, identity in enumerate(chosen):
        terms = " ".join(
            f"{'+' if sign > 0 else '-'} o.{cell[cut:]}" for sign, cell in identity.terms
        )
        lines += [
            f"    e = 0 {terms}",
            f"    a = o.{identity.target[cut:]}",
            f"    if e != a: bad.append(({index}, e, a))",
        ]
    lines.append("    return bad")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), f"<identities {section} {version}>", "exec"), namespace)
    return chosen, namespace["check"]


def _check_identities(obj: object, version: FormatVersion, section: str) -> None:
    chosen, check = _checker(version, section)
    bad = check(obj)
    if bad:
        raise InvariantViolation(
            [violation(chosen[index], version, expected, actual) for index, expected, actual in bad]
        )


@_group([n.key for n in tx.request_rows(FormatVersion.V2021)])
@attrs.frozen(kw_only=True)
class Requests(_Group):
    """Section 三 收到和处理政府信息公开申请情况: the 7-column table of requests.

    ``other_handling`` is an :class:`OtherHandling` group in the 2021 format and a single
    :class:`ApplicantCounts` row in the 2019 trial format. ``outcomes_total`` (（七）总计) is derived
    from the outcome rows when omitted. Every identity of the table is checked on construction.
    """

    new_requests: ApplicantCounts
    carried_in: ApplicantCounts
    granted: ApplicantCounts
    partially_granted: ApplicantCounts
    withheld: Withheld
    unavailable: Unavailable
    not_processed: NotProcessed
    other_handling: OtherHandling | ApplicantCounts
    outcomes_total: ApplicantCounts = attrs.field(
        default=attrs.Factory(_outcomes_total, takes_self=True)
    )
    carried_forward: ApplicantCounts

    @property
    def format_version(self) -> FormatVersion:
        """The format version the table's shape belongs to."""
        return _version_of_other_handling(self.other_handling)

    def __attrs_post_init__(self) -> None:
        _check_members(self)
        _check_identities(self, self.format_version, "requests")


# --- section 四 ------------------------------------------------------------------------


_CASE_PARTS = tuple(c.key for c in tx.CASE_COLUMNS if c.key != "total")


def _case_total(row: Any) -> int:
    return _sum_ints(row, _CASE_PARTS)


@_row(tx.CASE_COLUMNS)
@attrs.frozen(kw_only=True)
class CaseOutcomes(_Row):
    """One group of the section 四 table: results and 总计 (derived when omitted)."""

    upheld: int
    corrected: int
    other_result: int
    pending: int
    total: int = attrs.field(default=attrs.Factory(_case_total, takes_self=True))

    @classmethod
    def zero(cls) -> CaseOutcomes:
        """A group of zeros."""
        return cls(upheld=0, corrected=0, other_result=0, pending=0)


@_group([g.key for g, _ in tx.CASE_GROUPS])
@attrs.frozen(kw_only=True)
class ReviewLitigation(_Group):
    """Section 四 政府信息公开行政复议、行政诉讼情况: the 15-column table."""

    review: CaseOutcomes
    litigation_direct: CaseOutcomes
    litigation_after_review: CaseOutcomes

    def __attrs_post_init__(self) -> None:
        _check_members(self)
        _check_identities(self, FormatVersion.V2021, "review_litigation")

    @property
    def litigation_total(self) -> int:
        """All litigation cases: 直接起诉总计 + 复议后起诉总计 (the narrative's 行政诉讼N件)."""
        return self.litigation_direct.total + self.litigation_after_review.total

    @classmethod
    def zero(cls) -> ReviewLitigation:
        """A table of zeros."""
        z = CaseOutcomes.zero()
        return cls(review=z, litigation_direct=z, litigation_after_review=z)


# --- narrative sections and metadata --------------------------------------------------------


def _where(instance: Any, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def _text(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise FieldTypeError(_where(instance, attribute), "应为文本", "must be text (str)", value)


def _optional_text(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _text(instance, attribute, value)


@attrs.frozen(kw_only=True)
class Overview:
    """Section 一 总体情况: free text and its five usual sub-headings, each optional."""

    summary: str = attrs.field(default="", validator=_text)
    proactive: str | None = attrs.field(default=None, validator=_optional_text)
    on_request: str | None = attrs.field(default=None, validator=_optional_text)
    information_management: str | None = attrs.field(default=None, validator=_optional_text)
    platform: str | None = attrs.field(default=None, validator=_optional_text)
    oversight: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class ProblemsImprovements:
    """Section 五 存在的主要问题及改进情况: free text, problems and improvements."""

    summary: str = attrs.field(default="", validator=_text)
    problems: str | None = attrs.field(default=None, validator=_optional_text)
    improvements: str | None = attrs.field(default=None, validator=_optional_text)


def _fee(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not cell_value_ok(CellKind.AMOUNT, value):
        raise FieldValueError(
            _where(instance, attribute),
            "应为不小于 0 的金额（Decimal）",
            "must be a non-negative Decimal amount",
            value,
        )


@attrs.frozen(kw_only=True)
class OtherMatters:
    """Section 六 其他需要报告的事项: free text and the 信息处理费 collected, in 元."""

    text: str = attrs.field(default="", validator=_text)
    info_processing_fee_yuan: Decimal | None = attrs.field(
        default=None,
        converter=_amount,
        validator=_fee,
    )


_METADATA_LABEL = {node.key: node.label for node in tx.METADATA_FIELDS}


def _agency(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    label = _METADATA_LABEL[attribute.name]
    if not isinstance(value, str):
        raise FieldTypeError(
            _where(instance, attribute), f"{label}应为文本", "must be the agency's name", value
        )
    if not value.strip():
        raise FieldValueError(
            _where(instance, attribute), f"{label}不能为空", "must be the agency's name", value
        )


def _year(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    label = _METADATA_LABEL[attribute.name]
    if type(value) is not int:
        raise FieldTypeError(
            _where(instance, attribute),
            f"{label}应为整数",
            f"must be a reporting year {MIN_YEAR}–{MAX_YEAR} (int)",
            value,
        )
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise FieldValueError(
            _where(instance, attribute),
            f"{label}应在 {MIN_YEAR}–{MAX_YEAR} 之间",
            f"must be a reporting year {MIN_YEAR}–{MAX_YEAR}",
            value,
        )


def _member(kind: type[_E], field: str, value: object) -> _E:
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(str(member.value) for member in kind)
        raise FieldValueError(
            f"Metadata.{field}",
            f"未知的{_METADATA_LABEL[field]}（可选：{known}）",
            f"unknown value (known: {known})",
            value,
        ) from None


def _format_version(value: object) -> FormatVersion:
    return _member(FormatVersion, "format_version", value)


def _scope(value: object) -> Scope:
    return _member(Scope, "scope", value)


def _optional_date(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, dt.date):
        raise FieldTypeError(
            _where(instance, attribute), "应为日期（datetime.date）", "must be a date", value
        )


@attrs.frozen(kw_only=True)
class Metadata:
    """Who reports, for which year, in which format and scope.

    Attributes:
        agency: the reporting body, as in the title (e.g. 红旗区政务服务和大数据管理局).
        year: the reporting year (the statistics cover 1 January to 31 December).
        format_version: the national format the tables follow.
        scope: 本机关 (the body alone) or 全域 (its whole jurisdiction).
        published: the publication date, if known.
    """

    agency: str = attrs.field(validator=_agency)
    year: int = attrs.field(validator=_year)
    format_version: FormatVersion = attrs.field(converter=_format_version)
    scope: Scope = attrs.field(default=Scope.AGENCY_ONLY, converter=_scope)
    published: dt.date | None = attrs.field(default=None, validator=_optional_date)

    @property
    def title(self) -> str:
        """The report's title: agency, year and 政府信息公开工作年度报告."""
        return f"{self.agency}{self.year}年{tx.TITLE_SUFFIX}"


@attrs.frozen
class Cell:
    """One number cell of a report: its taxonomy entry and its value."""

    spec: CellSpec
    value: Number

    @property
    def id(self) -> str:
        """The stable identifier, e.g. ``requests.withheld.state_secret.natural_person``."""
        return self.spec.id

    @property
    def labels(self) -> tuple[str, ...]:
        """The Chinese label path."""
        return self.spec.labels


@cache
def _getters(version: FormatVersion) -> tuple[tuple[CellSpec, Callable[[Any], Number]], ...]:
    return tuple((spec, operator.attrgetter(spec.id)) for spec in tx.cell_specs(version))


@attrs.frozen(kw_only=True)
class AnnualReport:
    """A complete 政府信息公开工作年度报告, consistent by construction.

    Build one in code, with :func:`govinfo_report.structure` from a dict, with
    :func:`govinfo_report.load` from a file, or with ``Draft.to_report()`` from a parsed
    publication.
    """

    metadata: Metadata = attrs.field(validator=attrs.validators.instance_of(Metadata))
    preamble: str = attrs.field(default="", validator=_text)
    overview: Overview = attrs.field(factory=Overview)
    proactive_disclosure: ProactiveDisclosure | ProactiveDisclosure2019
    requests: Requests
    review_litigation: ReviewLitigation
    problems_improvements: ProblemsImprovements = attrs.field(factory=ProblemsImprovements)
    other_matters: OtherMatters = attrs.field(factory=OtherMatters)

    def __attrs_post_init__(self) -> None:
        for name, types in (
            ("proactive_disclosure", (ProactiveDisclosure, ProactiveDisclosure2019)),
            ("requests", (Requests,)),
            ("review_litigation", (ReviewLitigation,)),
            ("overview", (Overview,)),
            ("problems_improvements", (ProblemsImprovements,)),
            ("other_matters", (OtherMatters,)),
        ):
            value = getattr(self, name)
            if not isinstance(value, types):
                wanted = " | ".join(t.__name__ for t in types)
                raise FieldTypeError(
                    f"AnnualReport.{name}", f"应为 {wanted}", f"must be {wanted}", value
                )
        declared = self.metadata.format_version
        found = [
            make_finding(
                "format-mismatch",
                path=name,
                labels=(section.title,),
                actual=str(version),
                declared=str(declared),
                found=str(version),
            )
            for name, section, version in (
                (
                    "proactive_disclosure",
                    tx.sections(declared)[1],
                    self.proactive_disclosure.format_version,
                ),
                ("requests", tx.sections(declared)[2], self.requests.format_version),
            )
            if version is not declared
        ]
        if found:
            raise InvariantViolation(found)

    @property
    def format_version(self) -> FormatVersion:
        """The national format the report follows."""
        return self.metadata.format_version

    @property
    def title(self) -> str:
        """The report's title."""
        return self.metadata.title

    def cells(self) -> Iterator[Cell]:
        """Every number cell, in printed order, with its stable id and Chinese label path."""
        for spec, get in _getters(self.format_version):
            yield Cell(spec, get(self))

    def values(self) -> dict[str, Number]:
        """Every number cell's value keyed by its stable id."""
        return {spec.id: get(self) for spec, get in _getters(self.format_version)}

    def cell(self, cell_id: str) -> Number:
        """The value of one cell by its stable id.

        Raises:
            KeyError: if the report's format has no such cell.
        """
        if cell_id not in tx.cell_index(self.format_version):
            raise KeyError(cell_id)
        return typing.cast(Number, operator.attrgetter(cell_id)(self))


# --- building from flat values --------------------------------------------------------------

_SECTION_TYPES: dict[FormatVersion, dict[str, type]] = {
    FormatVersion.V2021: {
        "proactive_disclosure": ProactiveDisclosure,
        "requests": Requests,
        "review_litigation": ReviewLitigation,
    },
    FormatVersion.V2019: {
        "proactive_disclosure": ProactiveDisclosure2019,
        "requests": Requests,
        "review_litigation": ReviewLitigation,
    },
}


def member_type(cls: type, name: str, version: FormatVersion) -> type:
    """The concrete class of member ``name`` of ``cls`` in a format version.

    Resolves the one union of the model, ``Requests.other_handling``, by version.
    """
    hint = typing.get_type_hints(cls)[name]
    options = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    if len(options) == 1:
        return typing.cast(type, options[0])
    return OtherHandling if version is FormatVersion.V2021 else ApplicantCounts


def _build(cls: type, prefix: str, values: Any, version: FormatVersion) -> Any:
    kwargs: dict[str, Any] = {}
    for field in attrs.fields(cls):
        key = f"{prefix}.{field.name}"
        if issubclass(cls, _Row):
            if key in values:
                kwargs[field.name] = values[key]
            elif field.default is attrs.NOTHING:
                raise KeyError(key)
        elif field.default is attrs.NOTHING or any(k.startswith(key + ".") for k in values):
            kwargs[field.name] = _build(member_type(cls, field.name, version), key, values, version)
    return cls(**kwargs)


def section_type(section: str, version: FormatVersion) -> type:
    """The class of a table section (e.g. ``proactive_disclosure``) in a format version."""
    return _SECTION_TYPES[version][section]


def unknown_cells(values: Any, version: FormatVersion, prefix: str = "") -> list[Finding]:
    """A ``cell-unknown`` finding for every key of ``values`` (under ``prefix``) that is no cell id.

    >>> [f.path for f in unknown_cells({"review_litigation.review.uphold": 1}, FormatVersion.V2021)]
    ['review_litigation.review.uphold']
    """
    known = tx.cell_index(version)
    return [
        make_finding("cell-unknown", path=key, labels=(key,))
        for key in values
        if key.startswith(prefix) and key not in known
    ]


def build_section(section: str, version: FormatVersion, values: Any) -> Any:
    """Build one table section (``proactive_disclosure``, ``requests``, ``review_litigation``).

    ``values`` maps cell ids to values; derived totals may be left out. Keys of other sections
    are ignored; a key under this section that is no cell of the format is refused, never dropped.

    Raises:
        KeyError: naming the first cell id that is required and absent.
        InvariantViolation: if a key under the section is no cell id of the format (a misspelling
            such as ``review_litigation.review.uphold``), or the values break the section's rules.
    """
    unknown = unknown_cells(values, version, f"{section}.")
    if unknown:
        raise InvariantViolation(unknown)
    return _build(_SECTION_TYPES[version][section], section, values, version)

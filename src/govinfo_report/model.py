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
import operator
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, ClassVar, Self, TypeVar

import attrs

from . import taxonomy as tx
from .accept import (
    CELL_LIMIT,
    KIND_REASONS,
    Number,
    Rejected,
    cell_problem,
    cell_value_ok,
    read_date,
    read_decimal,
    read_format_version,
    read_int,
    read_scope,
    read_year,
)
from .catalog import CELL_INVALID, CELL_UNKNOWN, FORMAT_MISMATCH, T3_ROW_TOTAL, T4_TOTAL, Rule
from .codegen import define
from .errors import FieldTypeError, FieldValueError, InvariantViolation
from .findings import Finding, make_finding
from .identities import Identity, derive, identities, violation
from .identities import check as check_identities
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
    "build_section",
    "from_values",
]

_C = TypeVar("_C", bound=type)
_V = TypeVar("_V")


class CellValueError(InvariantViolation):
    """A single cell holds a value of the wrong type or range.

    Attributes:
        field: the field of the row object that holds the value.

    Examples:
        >>> import govinfo_report as gr
        >>> try:
        ...     gr.DecisionCount(decisions=-1)
        ... except gr.CellValueError as exc:
        ...     print(isinstance(exc, ValueError), exc.findings[0].code)
        True cell-invalid
    """

    def __init__(self, finding: Finding, field: str) -> None:
        self.field = field
        super().__init__([finding])


def _cell_error(kind: CellKind, label: str, field: str, value: object) -> CellValueError:
    reason_zh, reason_en = cell_problem(kind, value) or KIND_REASONS[kind]
    finding = make_finding(
        CELL_INVALID,
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
    # For rows with a 总计: the names of its parts and the identity (of any such row) it obeys.
    _total_of: ClassVar[tuple[tuple[str, ...], Identity] | None] = None

    def __attrs_post_init__(self) -> None:
        if self._counts is not None:
            # Fast path in C for rows of counts only: all ints (not bool), the smallest >= 0.
            values = self._counts(self)
            if set(map(type, values)) == {int} and min(values) >= 0 and max(values) < CELL_LIMIT:
                self._check_total()
                return
        self._check_cells()
        self._check_total()

    @classmethod
    def zero(cls) -> Self:
        """A row of zeros (its 总计, if it has one, derived).

        Examples:
            >>> import govinfo_report as gr
            >>> gr.CaseOutcomes.zero().total, gr.ApplicantCounts.zero().other_org
            (0, 0)
        """
        return cls(**{name: 0 for name, _, _ in cls._cells if name != "total"})

    def _check_total(self) -> None:
        """A printed 总计 that disagrees with its parts fails when the row is built."""
        if self._total_of is None:
            return
        parts, identity = self._total_of
        expected = sum(getattr(self, name) for name in parts)
        actual = getattr(self, "total")  # noqa: B009
        if actual != expected:
            template = violation(identity, FormatVersion.V2021, expected, actual)
            label = tx.cell_index(FormatVersion.V2021)[identity.target].labels[-1]
            raise CellValueError(template.at("total", (label,)), "total")

    def _check_cells(self) -> None:
        for name, kind, label in self._cells:
            value = getattr(self, name)
            if kind is not CellKind.AMOUNT and type(value) is not int:
                # One coercion policy: what the codec reads as a count (an integral Decimal, as
                # a database SUM() returns it) the constructor takes too.
                number = read_int(value)
                if not isinstance(number, Rejected):
                    object.__setattr__(self, name, number)
                    value = number
            if not cell_value_ok(kind, value):
                raise _cell_error(kind, label, name, value)


def _row(columns: tuple[tx.Column, ...], total: Rule | None = None) -> Callable[[_C], _C]:
    """Bind a row class to the taxonomy columns it holds, checking names and order.

    ``total``: for a row with a 总计 column, the rule of the identity it obeys (总计 = the other
    columns), checked as the row is built.
    """

    def bind(cls: _C) -> _C:
        _check_names(cls, [c.key for c in columns])
        setattr(cls, "_cells", tuple((c.key, c.kind, c.label) for c in columns))  # noqa: B010
        if total is not None:
            parts = tuple(c.key for c in columns if c.key != "total")
            identity = next(i for i in identities(FormatVersion.V2021) if i.code == total.code)
            setattr(cls, "_total_of", (parts, identity))  # noqa: B010
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


def _group(members: Iterable[tx.Node | tx.SubTable]) -> Callable[[_C], _C]:
    """Bind a grouping class to the taxonomy entries of its members, checking names and order."""
    keys = [member.key for member in members]

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
    """Read an amount as the codec does (an int, a float, digits as text) into its exact Decimal.

    A Decimal is kept as given; what cannot be read is kept too, and refused by the check after
    construction, which names the cell.
    """
    if isinstance(value, Decimal) or value is None:
        return value
    number = read_decimal(value)
    return value if isinstance(number, Rejected) else number


# --- section 二, 2021 --------------------------------------------------------------------

_SUB21 = {t.key: t for t in tx.subtables(FormatVersion.V2021)}
_SUB19 = {t.key: t for t in tx.subtables(FormatVersion.V2019)}


@_row(_SUB21["art20_1"].columns)
@attrs.frozen(kw_only=True)
class DocumentCounts(_Row):
    """A row of 第二十条第（一）项 (2021): documents issued, repealed and in force.

    Examples:
        >>> import govinfo_report as gr
        >>> gr.DocumentCounts(issued=2, repealed=1, in_force=12).in_force
        12
    """

    issued: int
    repealed: int
    in_force: int


@_row(_SUB21["art20_5"].columns)
@attrs.frozen(kw_only=True)
class DecisionCount(_Row):
    """A row of 第二十条第（五）/（六）项 (2021): decisions made this year.

    Examples:
        >>> import govinfo_report as gr
        >>> gr.DecisionCount(decisions=186344)
        DecisionCount(decisions=186344)
    """

    decisions: int


@_row(_SUB21["art20_8"].columns)
@attrs.frozen(kw_only=True)
class FeeAmount(_Row):
    """The row of 第二十条第（八）项 (2021): administrative fees collected, in 万元.

    Examples:
        >>> from decimal import Decimal
        >>> import govinfo_report as gr
        >>> gr.FeeAmount(amount_wan_yuan=Decimal("12.50")).amount_wan_yuan
        Decimal('12.50')
    """

    amount_wan_yuan: Decimal = attrs.field(converter=_amount)


@_group(_SUB21["art20_1"].rows)
@attrs.frozen(kw_only=True)
class Art20Item1(_Group):
    """第二十条第（一）项 (2021): rules and administrative normative documents.

    Examples:
        >>> import govinfo_report as gr
        >>> item = gr.Art20Item1(
        ...     rules=gr.DocumentCounts(issued=2, repealed=1, in_force=12),
        ...     normative_documents=gr.DocumentCounts(issued=50, repealed=27, in_force=420))
        >>> item.normative_documents.in_force
        420
    """

    rules: DocumentCounts
    normative_documents: DocumentCounts


@_group(_SUB21["art20_5"].rows)
@attrs.frozen(kw_only=True)
class Art20Item5(_Group):
    """第二十条第（五）项 (2021): administrative licensing.

    Examples:
        >>> import govinfo_report as gr
        >>> gr.Art20Item5(licensing=gr.DecisionCount(decisions=201377)).licensing.decisions
        201377
    """

    licensing: DecisionCount


@_group(_SUB21["art20_6"].rows)
@attrs.frozen(kw_only=True)
class Art20Item6(_Group):
    """第二十条第（六）项 (2021): administrative penalties and coercion.

    Examples:
        >>> import govinfo_report as gr
        >>> item = gr.Art20Item6(penalty=gr.DecisionCount(decisions=58902),
        ...                      coercion=gr.DecisionCount(decisions=1718))
        >>> item.coercion.decisions
        1718
    """

    penalty: DecisionCount
    coercion: DecisionCount


@_group(_SUB21["art20_8"].rows)
@attrs.frozen(kw_only=True)
class Art20Item8(_Group):
    """第二十条第（八）项 (2021): administrative fees.

    Examples:
        >>> from decimal import Decimal
        >>> import govinfo_report as gr
        >>> gr.Art20Item8(admin_fees=gr.FeeAmount(amount_wan_yuan=Decimal("96171.6"))).admin_fees
        FeeAmount(amount_wan_yuan=Decimal('96171.6'))
    """

    admin_fees: FeeAmount


@_group(tx.subtables(FormatVersion.V2021))
@attrs.frozen(kw_only=True)
class ProactiveDisclosure(_Group):
    """Section 二 主动公开政府信息情况, 2021 format.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> report.proactive_disclosure.art20_5.licensing.decisions
        201377
    """

    art20_1: Art20Item1
    art20_5: Art20Item5
    art20_6: Art20Item6
    art20_8: Art20Item8

    format_version: ClassVar[FormatVersion] = FormatVersion.V2021


# --- section 二, 2019 trial format --------------------------------------------------------


@_row(_SUB19["art20_1"].columns)
@attrs.frozen(kw_only=True)
class PublishedDocuments(_Row):
    """A row of 第二十条第（一）项 (2019): documents made, published, and published in total.

    Examples:
        >>> import govinfo_report as gr
        >>> gr.PublishedDocuments(newly_made=41, newly_published=41, total_published=612).newly_made
        41
    """

    newly_made: int
    newly_published: int
    total_published: int


@_row(_SUB19["art20_5"].columns)
@attrs.frozen(kw_only=True)
class ItemChanges(_Row):
    """A row of 第二十条第（五）/（六）项 (2019): items last year, change, decisions.

    Examples:
        >>> import govinfo_report as gr
        >>> gr.ItemChanges(prior_year_items=820, change=15, decisions=92711).change
        15
    """

    prior_year_items: int
    change: int
    decisions: int


@_row(_SUB19["art20_8"].columns)
@attrs.frozen(kw_only=True)
class FeeItems(_Row):
    """The row of 第二十条第（八）项 (2019): fee items last year and their change (a count).

    Examples:
        >>> import govinfo_report as gr
        >>> gr.FeeItems(prior_year_items=96, change=-3)
        FeeItems(prior_year_items=96, change=-3)
    """

    prior_year_items: int
    change: int


@_row(_SUB19["art20_9"].columns)
@attrs.frozen(kw_only=True)
class Procurement(_Row):
    """The row of 第二十条第（九）项 (2019): central procurement items and amount.

    Examples:
        >>> from decimal import Decimal
        >>> import govinfo_report as gr
        >>> gr.Procurement(procurement_items=1461, procurement_amount=Decimal("235187.53")).procurement_amount
        Decimal('235187.53')
    """

    procurement_items: int
    procurement_amount: Decimal = attrs.field(converter=_amount)


@_group(_SUB19["art20_1"].rows)
@attrs.frozen(kw_only=True)
class Art20Item1V2019(_Group):
    """第二十条第（一）项 (2019): rules and normative documents.

    Examples:
        >>> import govinfo_report as gr
        >>> docs = gr.PublishedDocuments(newly_made=3, newly_published=3, total_published=58)
        >>> gr.Art20Item1V2019(rules=docs, normative_documents=docs).rules.total_published
        58
    """

    rules: PublishedDocuments
    normative_documents: PublishedDocuments


@_group(_SUB19["art20_5"].rows)
@attrs.frozen(kw_only=True)
class Art20Item5V2019(_Group):
    """第二十条第（五）项 (2019): licensing and other external services.

    Examples:
        >>> import govinfo_report as gr
        >>> row = gr.ItemChanges(prior_year_items=1290, change=-36, decisions=186344)
        >>> gr.Art20Item5V2019(licensing=row, other_admin_services=row).licensing.change
        -36
    """

    licensing: ItemChanges
    other_admin_services: ItemChanges


@_group(_SUB19["art20_6"].rows)
@attrs.frozen(kw_only=True)
class Art20Item6V2019(_Group):
    """第二十条第（六）项 (2019): penalties and coercion.

    Examples:
        >>> import govinfo_report as gr
        >>> row = gr.ItemChanges(prior_year_items=40, change=2, decisions=900)
        >>> gr.Art20Item6V2019(penalty=row, coercion=row).penalty.decisions
        900
    """

    penalty: ItemChanges
    coercion: ItemChanges


@_group(_SUB19["art20_8"].rows)
@attrs.frozen(kw_only=True)
class Art20Item8V2019(_Group):
    """第二十条第（八）项 (2019): administrative fee items.

    Examples:
        >>> import govinfo_report as gr
        >>> gr.Art20Item8V2019(admin_fees=gr.FeeItems(prior_year_items=96, change=-3)).admin_fees.change
        -3
    """

    admin_fees: FeeItems


@_group(_SUB19["art20_9"].rows)
@attrs.frozen(kw_only=True)
class Art20Item9V2019(_Group):
    """第二十条第（九）项 (2019): central government procurement.

    Examples:
        >>> from decimal import Decimal
        >>> import govinfo_report as gr
        >>> row = gr.Procurement(procurement_items=1461, procurement_amount=Decimal("235187.53"))
        >>> gr.Art20Item9V2019(central_procurement=row).central_procurement.procurement_items
        1461
    """

    central_procurement: Procurement


@_group(tx.subtables(FormatVersion.V2019))
@attrs.frozen(kw_only=True)
class ProactiveDisclosure2019(_Group):
    """Section 二 主动公开政府信息情况, 2019 trial format.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2020.yaml")
        >>> report.proactive_disclosure.art20_9.central_procurement.procurement_items
        1461
    """

    art20_1: Art20Item1V2019
    art20_5: Art20Item5V2019
    art20_6: Art20Item6V2019
    art20_8: Art20Item8V2019
    art20_9: Art20Item9V2019

    format_version: ClassVar[FormatVersion] = FormatVersion.V2019


# --- section 三 ------------------------------------------------------------------------

_APPLICANT_KEYS = tuple(c.key for c in tx.APPLICANT_COLUMNS)


def _derived_total(row: _Row) -> int:
    """The 总计 of a row given without one: the sum of the columns it totals.

    Runs before the cells are checked: what is not a whole number is skipped, so the check
    reports the bad cell itself.
    """
    assert row._total_of is not None
    total = 0
    for key in row._total_of[0]:
        value = getattr(row, key)
        if type(value) is not int:
            value = read_int(value)
            if isinstance(value, Rejected):
                continue
        total += value
    return total


@_row(tx.REQUEST_COLUMNS, total=T3_ROW_TOTAL)
@attrs.frozen(kw_only=True)
class ApplicantCounts(_Row):
    """A row of the section 三 table: counts per applicant category and their 总计.

    ``total`` is derived from the six applicant columns when omitted; when given, the table
    checks it.

    Examples:
        >>> import govinfo_report as gr
        >>> row = gr.ApplicantCounts(natural_person=12, commercial_enterprise=1, research_institution=0,
        ...                          public_welfare_org=0, legal_service_org=0, other_org=0)
        >>> row.total
        13
    """

    natural_person: int
    commercial_enterprise: int
    research_institution: int
    public_welfare_org: int
    legal_service_org: int
    other_org: int
    total: int = attrs.field(default=attrs.Factory(_derived_total, takes_self=True))


_ROWS21 = {n.key: n for n in tx.request_rows(FormatVersion.V2021)}


@_group(_ROWS21["withheld"].children)
@attrs.frozen(kw_only=True)
class Withheld(_Group):
    """（三）不予公开: the eight grounds for withholding.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> report.requests.withheld.state_secret.natural_person
        2
    """

    state_secret: ApplicantCounts
    prohibited_by_law: ApplicantCounts
    security_stability: ApplicantCounts
    third_party_rights: ApplicantCounts
    internal_affairs: ApplicantCounts
    process_info: ApplicantCounts
    enforcement_files: ApplicantCounts
    query_matter: ApplicantCounts


@_group(_ROWS21["unavailable"].children)
@attrs.frozen(kw_only=True)
class Unavailable(_Group):
    """（四）无法提供: the three reasons information cannot be provided.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> report.requests.unavailable.not_held.total
        854
    """

    not_held: ApplicantCounts
    needs_creation: ApplicantCounts
    unclear_after_amendment: ApplicantCounts


@_group(_ROWS21["not_processed"].children)
@attrs.frozen(kw_only=True)
class NotProcessed(_Group):
    """（五）不予处理: the five reasons a request is not processed.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> report.requests.not_processed.duplicate.total
        62
    """

    petition_complaint: ApplicantCounts
    duplicate: ApplicantCounts
    publication: ApplicantCounts
    excessive: ApplicantCounts
    confirm_or_reissue: ApplicantCounts


@_group(_ROWS21["other_handling"].children)
@attrs.frozen(kw_only=True)
class OtherHandling(_Group):
    """（六）其他处理 (2021 format): the three kinds of other handling.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> report.requests.other_handling.fee_unpaid.total
        3
    """

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


_ROW_CODES = frozenset({T3_ROW_TOTAL.code, T4_TOTAL.code})  # checked by each row as it is built


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
    chosen = tuple(
        i
        for i in identities(version)
        if i.target.startswith(section + ".") and i.code not in _ROW_CODES
    )
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
    return chosen, define("\n".join(lines), "check", f"<identities {section} {version}>")


def _check_identities(obj: object, version: FormatVersion, section: str) -> None:
    chosen, check = _checker(version, section)
    bad = check(obj)
    if bad:
        raise InvariantViolation(
            [violation(chosen[index], version, expected, actual) for index, expected, actual in bad]
        )


@_group(tx.request_rows(FormatVersion.V2021))
@attrs.frozen(kw_only=True)
class Requests(_Group):
    """Section 三 收到和处理政府信息公开申请情况: the 7-column table of requests.

    ``other_handling`` is an :class:`OtherHandling` group in the 2021 format and a single
    :class:`ApplicantCounts` row in the 2019 trial format. ``outcomes_total`` (（七）总计) is derived
    from the outcome rows when omitted. Every identity of the table is checked on construction.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> r = report.requests
        >>> r.new_requests.total + r.carried_in.total == r.outcomes_total.total + r.carried_forward.total
        True
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


@_row(tx.CASE_COLUMNS, total=T4_TOTAL)
@attrs.frozen(kw_only=True)
class CaseOutcomes(_Row):
    """One group of the section 四 table: results and 总计 (derived when omitted).

    Examples:
        >>> import govinfo_report as gr
        >>> gr.CaseOutcomes(upheld=72, corrected=64, other_result=178, pending=37).total
        351
    """

    upheld: int
    corrected: int
    other_result: int
    pending: int
    total: int = attrs.field(default=attrs.Factory(_derived_total, takes_self=True))


@_group(g for g, _ in tx.CASE_GROUPS)
@attrs.frozen(kw_only=True)
class ReviewLitigation(_Group):
    """Section 四 政府信息公开行政复议、行政诉讼情况: the 15-column table.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> report.review_litigation.review.total
        351
    """

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


def _check_text(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise FieldTypeError(_where(instance, attribute), "应为文本", "must be text (str)", value)


def _check_optional_text(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_text(instance, attribute, value)


@attrs.frozen(kw_only=True)
class Overview:
    """Section 一 总体情况: free text and its five usual sub-headings, each optional.

    Examples:
        >>> import govinfo_report as gr
        >>> overview = gr.Overview(summary="2024年，全市认真贯彻落实《条例》。",
        ...                        proactive="主动公开政府信息12万条。")
        >>> overview.on_request is None
        True
    """

    summary: str = attrs.field(default="", validator=_check_text)
    proactive: str | None = attrs.field(default=None, validator=_check_optional_text)
    on_request: str | None = attrs.field(default=None, validator=_check_optional_text)
    information_management: str | None = attrs.field(default=None, validator=_check_optional_text)
    platform: str | None = attrs.field(default=None, validator=_check_optional_text)
    oversight: str | None = attrs.field(default=None, validator=_check_optional_text)


@attrs.frozen(kw_only=True)
class ProblemsImprovements:
    """Section 五 存在的主要问题及改进情况: free text, problems and improvements.

    Examples:
        >>> import govinfo_report as gr
        >>> section = gr.ProblemsImprovements(problems="一是解读形式单一。", improvements="丰富解读形式。")
        >>> section.summary
        ''
    """

    summary: str = attrs.field(default="", validator=_check_text)
    problems: str | None = attrs.field(default=None, validator=_check_optional_text)
    improvements: str | None = attrs.field(default=None, validator=_check_optional_text)


def _check_fee(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse a 信息处理费 the acceptance layer does not take as an amount."""
    if value is not None and (problem := cell_problem(CellKind.AMOUNT, value)) is not None:
        raise FieldValueError(_where(instance, attribute), problem.zh, problem.en, value)


@attrs.frozen(kw_only=True)
class OtherMatters:
    """Section 六 其他需要报告的事项: free text and the 信息处理费 collected, in 元.

    Examples:
        >>> from decimal import Decimal
        >>> import govinfo_report as gr
        >>> section = gr.OtherMatters(text="本年度收取信息处理费3940元。",
        ...                           info_processing_fee_yuan=Decimal("3940"))
        >>> section.info_processing_fee_yuan
        Decimal('3940')
    """

    text: str = attrs.field(default="", validator=_check_text)
    info_processing_fee_yuan: Decimal | None = attrs.field(
        default=None,
        converter=_amount,
        validator=_check_fee,
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


def _field_error(field: str, rejected: Rejected, value: object) -> FieldTypeError | FieldValueError:
    """The error for a metadata field the acceptance layer refuses, led by the field's label."""
    kind = FieldTypeError if rejected.wrong_type else FieldValueError
    zh, en = rejected.reason
    return kind(f"Metadata.{field}", f"{_METADATA_LABEL[field]}{zh}", en, value)


def _field_value(field: str, result: _V | Rejected, value: object) -> _V:
    """What the acceptance layer read for a metadata field, or its refusal as the field's error."""
    if isinstance(result, Rejected):
        raise _field_error(field, result, value)
    return result


# The converters of the metadata fields (named functions, as attrs' mypy plugin wants).
def _year(value: object) -> int:
    return _field_value("year", read_year(value), value)


def _format_version(value: object) -> FormatVersion:
    return _field_value("format_version", read_format_version(value), value)


def _scope(value: object) -> Scope:
    return _field_value("scope", read_scope(value), value)


def _optional_date(value: object) -> dt.date | None:
    return None if value is None else _field_value("published", read_date(value), value)


@attrs.frozen(kw_only=True)
class Metadata:
    """Who reports, for which year, in which format and scope.

    Attributes:
        agency: the reporting body, as in the title (e.g. 红旗区政务服务和大数据管理局).
        year: the reporting year (the statistics cover 1 January to 31 December).
        format_version: the national format the tables follow.
        scope: 本机关 (the body alone) or 全域 (its whole jurisdiction).
        published: the publication date, if known.

    Examples:
        >>> import govinfo_report as gr
        >>> meta = gr.Metadata(agency="示例市人民政府", year=2024, format_version=gr.FormatVersion.V2021,
        ...                    scope=gr.Scope.JURISDICTION)
        >>> meta.year, meta.published
        (2024, None)
        >>> gr.Metadata(agency="某局", year="2024", format_version=gr.FormatVersion.V2021,
        ...             scope=gr.Scope.AGENCY_ONLY)
        Traceback (most recent call last):
        ...
        govinfo_report.errors.FieldTypeError: ...
    """

    agency: str = attrs.field(validator=_agency)
    year: int = attrs.field(converter=_year)
    format_version: FormatVersion = attrs.field(converter=_format_version)
    scope: Scope = attrs.field(default=Scope.AGENCY_ONLY, converter=_scope)
    published: dt.date | None = attrs.field(default=None, converter=_optional_date)

    @property
    def title(self) -> str:
        """The report's title: agency, year and 政府信息公开工作年度报告."""
        return f"{self.agency}{self.year}年{tx.TITLE_SUFFIX}"

    def replace(self, **changes: Any) -> Metadata:
        """A copy with some fields changed, checked and coerced as on construction.

        Examples:
            >>> Metadata(agency="某局", year=2023, format_version="2021").replace(year="2024")
            Traceback (most recent call last):
            govinfo_report.errors.FieldTypeError: Metadata.year：报告年度应为 2008–2100 之间的整数年份 / ...
        """
        return attrs.evolve(self, **changes)


@attrs.frozen
class Cell:
    """One number cell of a report: its taxonomy entry and its value.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> cell = next(c for c in report.cells() if c.id == "requests.granted.total")
        >>> cell.labels
        ('（一）予以公开', '总计')
        >>> cell.value
        1218
    """

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
def _values_of(version: FormatVersion) -> Callable[[Any], dict[str, Number]]:
    """Generated ``values()``: each row object read once, then its cells, in printed order.

    A cell id is the attribute path of its cell, so the source is the ids themselves; one
    straight-line dict display costs a quarter of 200 ``attrgetter`` calls on the
    validator's hot path.
    """
    rows: dict[str, str] = {}
    reads: list[str] = []
    items: list[str] = []
    for spec in tx.cell_specs(version):
        row, _, column = spec.id.rpartition(".")
        if row not in rows:
            rows[row] = f"row{len(rows)}"
            reads.append(f"    {rows[row]} = report.{row}")
        items.append(f"        {spec.id!r}: {rows[row]}.{column},")
    source = "\n".join(["def values(report):", *reads, "    return {", *items, "    }", ""])
    return define(source, "values", f"<report values {version.value}>")  # type: ignore[no-any-return]


@attrs.frozen(kw_only=True)
class AnnualReport:
    """A complete 政府信息公开工作年度报告, consistent by construction.

    Build one in code, with :func:`govinfo_report.structure` from a dict, with
    :func:`govinfo_report.load` from a file, or with ``Draft.to_report()`` from a parsed
    publication.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> report.title
        '示例市人民政府2024年政府信息公开工作年度报告'
        >>> report.requests.new_requests.total
        3119
        >>> gr.loads(gr.dumps(report, "json"), "json") == report
        True
    """

    metadata: Metadata = attrs.field(validator=attrs.validators.instance_of(Metadata))
    preamble: str = attrs.field(default="", validator=_check_text)
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
                FORMAT_MISMATCH,
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
        specs = tx.cell_specs(self.format_version)
        for spec, value in zip(specs, self.values().values(), strict=True):
            yield Cell(spec, value)

    def values(self) -> dict[str, Number]:
        """Every number cell's value keyed by its stable id."""
        return _values_of(self.format_version)(self)

    def cell(self, cell_id: str) -> Number:
        """The value of one cell by its stable id.

        Raises:
            KeyError: if the report's format has no such cell.
        """
        if cell_id not in tx.cell_index(self.format_version):
            raise KeyError(cell_id)
        return typing.cast(Number, operator.attrgetter(cell_id)(self))

    def replace(self, **changes: Any) -> AnnualReport:
        """A copy with some fields changed, checked as any new report is (``attrs.evolve``).

        To change cells, build the copy from its values: ``from_values(report.values() |
        {"requests.granted.natural_person": 4}, metadata=report.metadata, ...)``.

        Examples:
            >>> report = from_values({}, metadata={"agency": "某局", "year": 2023, "format_version": 2021})
            >>> report.replace(preamble="根据《条例》规定……").preamble
            '根据《条例》规定……'
            >>> report.replace(metadata=report.metadata.replace(year=2024)).metadata.year
            2024
        """
        return attrs.evolve(self, **changes)


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


_MEMBER_TYPES: dict[tuple[type, str, FormatVersion], type] = {}


def member_type(cls: type, name: str, version: FormatVersion) -> type:
    """The concrete class of member ``name`` of ``cls`` in a format version.

    Resolves the one union of the model, ``Requests.other_handling``, by version. Cached:
    ``typing.get_type_hints`` is slow, and building from flat values asks once per member.
    """
    found = _MEMBER_TYPES.get((cls, name, version))
    if found is None:
        hint = typing.get_type_hints(cls)[name]
        options = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
        if len(options) == 1:
            found = typing.cast(type, options[0])
        else:
            found = OtherHandling if version is FormatVersion.V2021 else ApplicantCounts
        _MEMBER_TYPES[(cls, name, version)] = found
    return found


def _build(
    cls: type,
    prefix: str,
    values: Any,
    version: FormatVersion,
    problems: list[Finding],
    *,
    fill: bool = False,
) -> Any:
    """Build ``cls`` at ``prefix`` from flat cell values; ``None`` if a part of it fails.

    Every row is built on its own, and the problems of each (a bad cell, a printed 总计 that
    disagrees with its row) are added to ``problems`` with the full cell id; a table whose rows
    fail is not built, so no balance is computed from values that cannot be right. ``fill``
    reads a required cell that is not given as 0; otherwise it raises ``KeyError``.
    """
    kwargs: dict[str, Any] = {}
    complete = True
    for field in attrs.fields(cls):
        key = tx.cell_id(prefix, field.name)
        if issubclass(cls, _Row):
            if key in values:
                kwargs[field.name] = values[key]
            elif field.default is attrs.NOTHING:
                if not fill:
                    raise KeyError(key)
                kwargs[field.name] = 0
        elif field.default is attrs.NOTHING or any(k.startswith(key + ".") for k in values):
            member = member_type(cls, field.name, version)
            built = _build(member, key, values, version, problems, fill=fill)
            complete = complete and built is not None
            kwargs[field.name] = built
    if not complete:
        return None
    try:
        return cls(**kwargs)
    except CellValueError as exc:
        cell = tx.cell_id(prefix, exc.field)
        labels = tx.cell_index(version)[cell].labels
        problems.extend(f.at(cell, labels) for f in exc.findings)
    except InvariantViolation as exc:
        problems.extend(exc.findings)
    return None


def section_type(section: str, version: FormatVersion) -> type:
    """The class of a table section (e.g. ``proactive_disclosure``) in a format version."""
    return _SECTION_TYPES[version][section]


def unknown_cells(values: Any, version: FormatVersion, prefix: str = "") -> list[Finding]:
    """A ``cell-unknown`` finding for every key of ``values`` (under ``prefix``) that is no cell id.

    Examples:
        >>> [f.path for f in unknown_cells({"review_litigation.review.uphold": 1}, FormatVersion.V2021)]
        ['review_litigation.review.uphold']
    """
    known = tx.cell_index(version)
    return [
        make_finding(CELL_UNKNOWN, path=key, labels=(key,))
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

    Examples:
        >>> import govinfo_report as gr
        >>> V = gr.FormatVersion.V2021
        >>> values = {c.id: 1 for c in gr.cell_specs(V)
        ...           if c.section == "review_litigation" and not c.id.endswith(".total")}
        >>> gr.build_section("review_litigation", V, values).review.total
        4
    """
    problems = unknown_cells(values, version, f"{section}.")
    if problems:
        raise InvariantViolation(problems)
    built = _build(_SECTION_TYPES[version][section], section, values, version, problems)
    if problems:
        raise InvariantViolation(problems)
    return built


_P = TypeVar("_P", "Overview", "ProblemsImprovements", "OtherMatters")


def with_table_findings(
    version: FormatVersion,
    values: Mapping[str, Any],
    problems: list[Finding],
    *,
    fill: bool = False,
) -> list[Finding]:
    """``problems``, then the table identities that the failing rows kept from being checked.

    A table whose rows fail is not built, so its balance is not checked there; here it is
    evaluated on the flat values (totals derived as the model derives them, invalid cells left
    out), after the row-level problems, so the list leads with what the clerk must fix first.
    """
    if not any(f.code in _ROW_CODES for f in problems):
        return problems
    index = tx.cell_index(version)
    derivable = {i.target for i in identities(version) if i.code != "t3-balance"}
    flat: dict[str, Number | None] = {}
    for cell, spec in index.items():
        if cell in values:
            value = _amount(values[cell]) if spec.kind is CellKind.AMOUNT else values[cell]
            if spec.kind is not CellKind.AMOUNT and not isinstance(n := read_int(value), Rejected):
                value = n
            flat[cell] = value if cell_value_ok(spec.kind, value) else None
        elif fill and cell not in derivable:
            flat[cell] = 0
    given = any(cell.startswith("requests.outcomes_total.") for cell in values)
    derived = {
        k: v for k, v in derive(version, flat, outcomes_given=given).items() if v is not None
    }
    named = {(f.code, f.path) for f in problems}
    # A derived total is not wrong as given: its finding would only repeat a row's problem.
    more = [
        f
        for f in check_identities(version, derived)
        if (f.code, f.path) not in named and f.path in flat
    ]
    return [*problems, *more]


def _part(cls: type[_P], value: _P | Mapping[str, Any] | None) -> _P:
    if value is None:
        return cls()
    if isinstance(value, Mapping):
        return cls(**value)
    return value


def from_values(
    values: Mapping[str, Any],
    *,
    metadata: Metadata | Mapping[str, Any],
    preamble: str = "",
    overview: Overview | Mapping[str, Any] | None = None,
    problems_improvements: ProblemsImprovements | Mapping[str, Any] | None = None,
    other_matters: OtherMatters | Mapping[str, Any] | None = None,
) -> AnnualReport:
    """Build a report from flat cell values keyed by stable cell id, as database rows give them.

    Counts that are not mentioned are 0; totals (总计, （七）总计, the table 四 totals) are derived
    when not mentioned and checked when given. Values are read as :func:`govinfo_report.structure`
    reads them (an integral ``Decimal`` for a count, digits as text for an amount). An id that
    is no cell of the format (a misspelling such as ``review_litigation.review.uphold``) is
    refused, never dropped. Every problem is named at once: unknown ids, then every bad cell and
    every row whose printed 总计 disagrees with it; a table's balance is checked only when its
    rows are sound.

    Args:
        values: ``cell id → value`` (ids as in ``docs/glossary.md`` and ``report.values()``).
        metadata: a :class:`Metadata`, or a mapping of its fields
            (``{"agency": ..., "year": 2024, "format_version": "2021"}``).
        preamble: the text before section 一.
        overview: section 一's narrative, as an object or a mapping of its fields.
        problems_improvements: section 五, likewise.
        other_matters: section 六, likewise; each narrative section is empty when omitted.

    Raises:
        InvariantViolation: listing every unknown id, invalid cell and broken identity.
        FieldValueError, FieldTypeError: for a metadata or narrative field that cannot be held.

    Examples:
        >>> report = from_values(
        ...     {"requests.new_requests.natural_person": 3, "requests.granted.natural_person": 3},
        ...     metadata={"agency": "某县人民政府办公室", "year": 2024, "format_version": "2021"},
        ... )
        >>> report.cell("requests.outcomes_total.total")
        3
        >>> from_values({"review_litigation.review.uphold": 1}, metadata=report.metadata)
        Traceback (most recent call last):
        govinfo_report.errors.InvariantViolation: 1 处违反报表规则 / rule violation(s):
          - [cell-unknown] $.review_litigation.review.uphold: ...
    """
    meta = metadata if isinstance(metadata, Metadata) else Metadata(**metadata)
    version = meta.format_version
    problems = unknown_cells(values, version)
    sections = {
        section: _build(cls, section, values, version, problems, fill=True)
        for section, cls in _SECTION_TYPES[version].items()
    }
    if problems:
        raise InvariantViolation(with_table_findings(version, values, problems, fill=True))
    return AnnualReport(
        metadata=meta,
        preamble=preamble,
        overview=_part(Overview, overview),
        proactive_disclosure=sections["proactive_disclosure"],
        requests=sections["requests"],
        review_litigation=sections["review_litigation"],
        problems_improvements=_part(ProblemsImprovements, problems_improvements),
        other_matters=_part(OtherMatters, other_matters),
    )

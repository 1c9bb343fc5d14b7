"""The acceptance layer: what a count, an amount, a year, a date, a format version and a scope may be.

Every reader of report data asks here: the strict model's constructors, the cattrs codec, the
lenient loader of model files, the draft's cell checks and the validator's generated fast path.
Each rule is written once, as a small pure reader that returns the value it accepts or a
:class:`Rejected` saying why not, in Chinese and English (the shape of python-stdnum's shared
``util`` and attrs' validator factories). The bounds (:data:`CELL_LIMIT`, :data:`MAX_PLACES`,
:data:`MIN_YEAR`, :data:`MAX_YEAR`) are defined here and nowhere else.

Example::

    >>> from decimal import Decimal
    >>> read_count(Decimal("12"))          # what a database SUM() returns
    12
    >>> print(read_count(1.5))
    应为整数，不能有小数 / must be a whole number, not a fraction
    >>> read_amount("96171.6")
    Decimal('96171.6')
    >>> read_format_version("2021")
    <FormatVersion.V2021: '2021'>
    >>> print(read_year(1999))
    应为 2008–2100 之间的整数年份 / must be a whole year from 2008 to 2100
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, NamedTuple, TypeVar

from .codegen import define
from .taxonomy import SCOPE_LABELS, CellKind, FormatVersion, Scope

__all__ = [
    "ACCEPTS_NAMESPACE",
    "AMOUNT_AS_TEXT",
    "AMOUNT_PATTERN",
    "BOOLEAN",
    "CELL_LIMIT",
    "FLOAT_MAX",
    "FRACTION",
    "FULLWIDTH",
    "KIND_REASONS",
    "MAX_PLACES",
    "MAX_YEAR",
    "MIN_YEAR",
    "NOT_FINITE",
    "OUT_OF_RANGE",
    "TOO_MANY_PLACES",
    "Number",
    "Reason",
    "Rejected",
    "accepted",
    "accepts_source",
    "canonical_amount",
    "cell_problem",
    "cell_value_ok",
    "number_problem",
    "read_amount",
    "read_count",
    "read_date",
    "read_decimal",
    "read_format_version",
    "read_int",
    "read_scope",
    "read_year",
]

_T = TypeVar("_T")

Number = int | Decimal
"""The value of a number cell: a count (``int``) or an amount in 万元 (``Decimal``).

Examples:
    >>> from decimal import Decimal
    >>> from govinfo_report.accept import Number
    >>> isinstance(Decimal("1.5"), Number), isinstance(3, Number)
    (True, True)
"""

# --- bounds -----------------------------------------------------------------------------------

CELL_LIMIT = 10**15
"""Every cell's value is below this in size (counts, 本年增/减, amounts in 万元).

No body counts or spends that many, and below it every sum the identities and checks form stays
exact in 28-digit decimal arithmetic. The model, the codecs, the JSON Schema, the lenient loader,
the draft's cell checks and the validator's fast path all use it.

Examples:
    >>> from govinfo_report.accept import CELL_LIMIT
    >>> CELL_LIMIT == 10**15
    True
"""

MAX_PLACES = 308
"""The most digits after the decimal point an amount may have (as many as a float's exponent).

Bounds the text a number written with an exponent (``1e-999999999``) expands to when written out.

Examples:
    >>> from govinfo_report.accept import MAX_PLACES
    >>> MAX_PLACES
    308
"""

FLOAT_MAX = Decimal(sys.float_info.max)
"""The largest number a binary float holds: beyond it other readers (JSON in a browser, most
YAML and TOML libraries) see infinity, so the library rejects it as not finite too.

Examples:
    >>> import sys
    >>> from govinfo_report.accept import FLOAT_MAX
    >>> float(FLOAT_MAX) == sys.float_info.max
    True
"""

MIN_YEAR = 2008
"""The first reporting year: the 2008 条例's first annual reports.

Examples:
    >>> from govinfo_report.accept import MIN_YEAR
    >>> MIN_YEAR
    2008
"""

MAX_YEAR = 2100
"""The last reporting year accepted (a typo guard, not a prophecy).

Examples:
    >>> from govinfo_report.accept import MAX_YEAR
    >>> MAX_YEAR
    2100
"""

AMOUNT_PATTERN = r"^[0-9]+(\.[0-9]+)?$"
"""An amount written as text: digits, optionally a fraction; no sign, exponent or spaces.

The JSON Schema uses the same pattern, so a payload the schema accepts is one the library reads.
ASCII digits only: Python's ``\\d`` would also take full-width ``１２``, which JSON Schema's does not.

Examples:
    >>> import re
    >>> from govinfo_report.accept import AMOUNT_PATTERN
    >>> bool(re.fullmatch(AMOUNT_PATTERN, "96171.6")), bool(re.fullmatch(AMOUNT_PATTERN, "1e3"))
    (True, False)
"""
_AMOUNT_TEXT = re.compile(AMOUNT_PATTERN)


# --- reasons ----------------------------------------------------------------------------------


class Reason(NamedTuple):
    """Why a value is refused, in Chinese and English.

    Examples:
        >>> print(KIND_REASONS[CellKind.COUNT])
        应为不小于 0 的整数 / must be a whole number of at least 0
    """

    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"

    def then(self, detail: Reason) -> Reason:
        """This reason followed by a detail (``应为整数，不能是文本``).

        Examples:
            >>> print(KIND_REASONS[CellKind.SIGNED].then(Reason("不能是文本", "not text")))
            应为整数，不能是文本 / must be a whole number, not text
        """
        return Reason(f"{self.zh}，{detail.zh}", f"{self.en}, {detail.en}")


KIND_REASONS: dict[CellKind, Reason] = {
    CellKind.COUNT: Reason("应为不小于 0 的整数", "must be a whole number of at least 0"),
    CellKind.SIGNED: Reason("应为整数", "must be a whole number"),
    CellKind.AMOUNT: Reason("应为不小于 0 的金额", "must be a non-negative amount"),
}
"""The one reason text per kind of cell (a count, a signed change, an amount in 万元).

Examples:
    >>> from govinfo_report.accept import KIND_REASONS
    >>> from govinfo_report.taxonomy import CellKind
    >>> KIND_REASONS[CellKind.AMOUNT].en
    'must be a non-negative amount'
"""

OUT_OF_RANGE = Reason("数值超出范围（应小于 10^15）", "out of range (must be below 10^15)")
"""The reason for a number whose size is not below :data:`CELL_LIMIT`.

Examples:
    >>> from govinfo_report.accept import OUT_OF_RANGE, read_amount, read_count
    >>> read_count(10**15).reason is OUT_OF_RANGE is read_amount(10**16).reason
    True
"""
NOT_FINITE = Reason("不是有限的数（NaN 或无穷大）", "not a finite number (NaN or infinity)")
"""The reason for NaN, an infinity, or a number beyond :data:`FLOAT_MAX`.

Examples:
    >>> from decimal import Decimal
    >>> from govinfo_report.accept import NOT_FINITE, read_amount
    >>> [read_amount(x).reason is NOT_FINITE for x in (Decimal("NaN"), float("inf"), 1e308 * 10)]
    [True, True, True]
"""
TOO_MANY_PLACES = Reason(
    f"小数位数过多（最多 {MAX_PLACES} 位）", f"too many decimal places (at most {MAX_PLACES})"
)
"""The reason for an amount with more than :data:`MAX_PLACES` decimal places.

Examples:
    >>> from decimal import Decimal
    >>> from govinfo_report.accept import read_amount
    >>> print(read_amount(Decimal("1E-309")))
    小数位数过多（最多 308 位） / too many decimal places (at most 308)
"""
BOOLEAN = Reason("不能是布尔值", "not a boolean")
"""The detail for a boolean where a number is wanted (``True`` is not 1 here).

Examples:
    >>> from govinfo_report.accept import read_amount
    >>> read_amount(True).reason.en
    'must be an amount, not a boolean'
"""
FRACTION = Reason("不能有小数", "not a fraction")
"""The detail for a number with a fraction where a whole number is wanted.

Examples:
    >>> from govinfo_report.accept import read_count
    >>> read_count(2.5).reason.en
    'must be a whole number, not a fraction'
"""
AMOUNT_AS_TEXT = Reason(
    '写作文本时只能有数字和小数点，如 "96171.6"', 'as text only digits and a point, e.g. "96171.6"'
)
"""The detail for an amount written as text that is not plain digits and a point.

Examples:
    >>> from govinfo_report.accept import AMOUNT_AS_TEXT, read_amount
    >>> read_amount("1,000").reason.zh.endswith(AMOUNT_AS_TEXT.zh)
    True
"""
_WHOLE = Reason("应为整数", "must be a whole number")
_AMOUNT = Reason("应为金额", "must be an amount")
_YEAR = Reason(
    f"应为 {MIN_YEAR}–{MAX_YEAR} 之间的整数年份",
    f"must be a whole year from {MIN_YEAR} to {MAX_YEAR}",
)
_DATE = Reason("应为 YYYY-MM-DD 格式的有效日期", "must be a valid date YYYY-MM-DD")


def _one_of(zh: str, en: str) -> Reason:
    return Reason(f"应为 {zh}", f"must be one of {en}")


_VERSION = _one_of(
    " 或 ".join(v.value for v in FormatVersion), ", ".join(v.value for v in FormatVersion)
)
_SCOPE = _one_of(
    "、".join(f"{s.value}（{SCOPE_LABELS[s]}）" for s in Scope), ", ".join(s.value for s in Scope)
)


class Rejected(NamedTuple):
    """A value a reader refuses: why, and whether it is of the wrong type or only a wrong value.

    Examples:
        >>> r = read_count(True)
        >>> r.wrong_type, str(r.reason)
        (True, '应为整数，不能是布尔值 / must be a whole number, not a boolean')
    """

    reason: Reason
    wrong_type: bool = False

    def __str__(self) -> str:
        return str(self.reason)

    def error(self, value: object, shown: str | None = None) -> TypeError | ValueError:
        """The built-in exception to raise for ``value``: its reason and the value shown.

        Examples:
            >>> read_count("5").error("5")
            TypeError("应为整数 / must be a whole number, got '5'")
        """
        got = repr(value) if shown is None else shown
        kind = TypeError if self.wrong_type else ValueError
        return kind(f"{self.reason}, got {got:.80}")


# --- numbers ----------------------------------------------------------------------------------


def number_problem(value: int | Decimal) -> Reason | None:
    """Why a number cannot be taken at all (not finite, out of range, too many places), or None.

    Examples:
        >>> print(number_problem(Decimal("1E+16")))
        数值超出范围（应小于 10^15） / out of range (must be below 10^15)
        >>> number_problem(-3) is None
        True
    """
    if isinstance(value, Decimal) and not value.is_finite():
        return NOT_FINITE
    if not -CELL_LIMIT < value < CELL_LIMIT:
        return OUT_OF_RANGE
    if isinstance(value, Decimal) and int(value.as_tuple().exponent) < -MAX_PLACES:
        return TOO_MANY_PLACES
    return None


def _finite(value: object) -> bool:
    """False for NaN, infinities and numbers beyond a float's range (read as infinite elsewhere)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, Decimal):
        return value.is_finite() and value.copy_abs() <= FLOAT_MAX
    return True


def read_int(value: object) -> int | Rejected:
    """A whole number as the data formats give it: an ``int``, or an integral ``Decimal``.

    ``Decimal("12")`` (what a database ``SUM()`` returns) and ``Decimal("3E+2")`` are whole
    numbers; ``Decimal("12.0")``, ``1.5``, ``True`` and text are not. No range is checked.

    Examples:
        >>> read_int(Decimal("3E+2"))
        300
        >>> print(read_int(Decimal("12.0")))
        应为整数，不能有小数 / must be a whole number, not a fraction
    """
    if type(value) is int:
        return value
    if isinstance(value, bool):
        return Rejected(_WHOLE.then(BOOLEAN), wrong_type=True)
    if not _finite(value):
        return Rejected(NOT_FINITE)
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= 0 and "." not in str(value):
            return int(value)
    if isinstance(value, float | Decimal):
        return Rejected(_WHOLE.then(FRACTION))
    return Rejected(_WHOLE, wrong_type=True)


def read_count(value: object, *, signed: bool = False) -> int | Rejected:
    """A count (件): a whole number of at least 0 below :data:`CELL_LIMIT` (``signed``: any sign).

    Examples:
        >>> read_count(7)
        7
        >>> print(read_count(-1))
        应为不小于 0 的整数 / must be a whole number of at least 0
        >>> read_count(-1, signed=True)
        -1
    """
    number = read_int(value)
    if isinstance(number, Rejected):
        return number
    if abs(number) >= CELL_LIMIT:
        return Rejected(OUT_OF_RANGE)
    if number < 0 and not signed:
        return Rejected(KIND_REASONS[CellKind.COUNT])
    return number


def canonical_amount(value: Decimal) -> Decimal | Rejected:
    """The one form of an amount every format writes and reads back exactly, or why not.

    Exponent forms become positional (``1E+3`` → ``1000``) and a negative zero is zero; the
    digits after the point are kept.

    Examples:
        >>> canonical_amount(Decimal("1E+3"))
        Decimal('1000')
        >>> canonical_amount(Decimal("-0.0"))
        Decimal('0.0')
    """
    if not _finite(value):
        return Rejected(NOT_FINITE)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if exponent < -MAX_PLACES:
        return Rejected(TOO_MANY_PLACES)
    if exponent > 0:
        value = Decimal(format(value, "f"))
    if value.is_zero() and value.is_signed():
        value = value.copy_abs()
    return value


def read_decimal(value: object) -> Decimal | Rejected:
    """An exact decimal as the data formats give it (no sign or range checked).

    A float is read as the shortest text that gives it back (what the person typed); text must
    match :data:`AMOUNT_PATTERN`.

    Examples:
        >>> read_decimal(0.1)
        Decimal('0.1')
        >>> read_decimal("1e3").reason.en
        'must be an amount, as text only digits and a point, e.g. "96171.6"'
    """
    if isinstance(value, bool):
        return Rejected(_AMOUNT.then(BOOLEAN), wrong_type=True)
    if isinstance(value, Decimal | int):
        return canonical_amount(Decimal(value))
    if isinstance(value, float):
        if not _finite(value):
            return Rejected(NOT_FINITE)
        return canonical_amount(Decimal(repr(value)))
    if isinstance(value, str):
        if not _AMOUNT_TEXT.fullmatch(value):
            return Rejected(_AMOUNT.then(AMOUNT_AS_TEXT))
        try:
            return canonical_amount(Decimal(value))
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            return Rejected(_AMOUNT.then(AMOUNT_AS_TEXT))
    return Rejected(_AMOUNT, wrong_type=True)


def read_amount(value: object) -> Decimal | Rejected:
    """An amount (万元 or 元): a non-negative exact decimal below :data:`CELL_LIMIT`.

    Examples:
        >>> read_amount(5)
        Decimal('5')
        >>> print(read_amount(Decimal("-0.1")))
        应为不小于 0 的金额 / must be a non-negative amount
    """
    number = read_decimal(value)
    if isinstance(number, Rejected):
        return number
    if number >= CELL_LIMIT:
        return Rejected(OUT_OF_RANGE)
    if number < 0:
        return Rejected(KIND_REASONS[CellKind.AMOUNT])
    return number


# --- the strict cell check, and its source for generated code ------------------------------

_ACCEPTS: dict[CellKind, str] = {
    CellKind.COUNT: "type({v}) is int and 0 <= {v} < LIMIT",
    CellKind.SIGNED: "type({v}) is int and -LIMIT < {v} < LIMIT",
    CellKind.AMOUNT: "isinstance({v}, D) and {v}.is_finite() and 0 <= {v} < LIMIT",
}
_INT_AMOUNT = "type({v}) is int and 0 <= {v} < LIMIT or "
ACCEPTS_NAMESPACE: dict[str, Any] = {"D": Decimal, "LIMIT": CELL_LIMIT}
"""The names the expressions of :func:`accepts_source` use.

Examples:
    >>> from govinfo_report.accept import ACCEPTS_NAMESPACE
    >>> sorted(ACCEPTS_NAMESPACE)
    ['D', 'LIMIT']
"""


def accepts_source(kind: CellKind, name: str, *, int_amount: bool = False) -> str:
    """The Python expression that is true when ``name`` holds an acceptable value of ``kind``.

    Generated code (the validator's fast path) is built from it, with :data:`ACCEPTS_NAMESPACE`;
    ``int_amount`` also accepts an ``int`` amount, as a printed cell reads one.

    Examples:
        >>> accepts_source(CellKind.COUNT, "x")
        'type(x) is int and 0 <= x < LIMIT'
    """
    source = _ACCEPTS[kind].format(v=name)
    if int_amount and kind is CellKind.AMOUNT:
        return "(" + _INT_AMOUNT.format(v=name) + source + ")"
    return source


@cache
def _predicate(kind: CellKind) -> Callable[[object], bool]:
    source = f"def ok(v):\n    return {accepts_source(kind, 'v')}\n"
    return define(source, "ok", f"<accepts {kind}>", ACCEPTS_NAMESPACE)  # type: ignore[no-any-return]


def cell_value_ok(kind: CellKind, value: object) -> bool:
    """Whether ``value`` is acceptable in the strict model for a cell of ``kind``.

    Counts are ``int`` (not ``bool``) of at least 0, 本年增/减 any ``int``, amounts a finite
    ``Decimal`` of at least 0; all below :data:`CELL_LIMIT` in size.

    Examples:
        >>> cell_value_ok(CellKind.COUNT, 3), cell_value_ok(CellKind.COUNT, 10**16)
        (True, False)
    """
    return _predicate(kind)(value)


def cell_problem(kind: CellKind, value: object) -> Reason | None:
    """Why a strict model refuses ``value`` in a cell of ``kind`` (``None`` if it accepts it).

    Examples:
        >>> print(cell_problem(CellKind.COUNT, 10**16))
        数值超出范围（应小于 10^15） / out of range (must be below 10^15)
        >>> print(cell_problem(CellKind.AMOUNT, 5))
        应为不小于 0 的金额 / must be a non-negative amount
    """
    if cell_value_ok(kind, value):
        return None
    if kind is CellKind.AMOUNT:
        too_large = isinstance(value, Decimal) and value.is_finite() and value >= CELL_LIMIT
    else:
        too_large = type(value) is int and abs(value) >= CELL_LIMIT
    return OUT_OF_RANGE if too_large else KIND_REASONS[kind]


# --- metadata ---------------------------------------------------------------------------------


def read_year(value: object) -> int | Rejected:
    """A reporting year: a whole number from :data:`MIN_YEAR` to :data:`MAX_YEAR`.

    Examples:
        >>> read_year(Decimal("2023"))
        2023
    """
    year = read_int(value)
    if isinstance(year, Rejected):
        return Rejected(_YEAR, wrong_type=year.wrong_type)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return Rejected(_YEAR)
    return year


def read_date(value: object) -> dt.date | Rejected:
    """A date: a ``date`` (a ``datetime`` gives its day) or ISO text ``YYYY-MM-DD``.

    Examples:
        >>> read_date("2024-01-17")
        datetime.date(2024, 1, 17)
        >>> print(read_date("2024-02-30"))
        应为 YYYY-MM-DD 格式的有效日期 / must be a valid date YYYY-MM-DD
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
        return Rejected(_DATE)
    return Rejected(_DATE, wrong_type=True)


def read_format_version(value: object) -> FormatVersion | Rejected:
    """A format version: a :class:`FormatVersion`, its text ``"2021"`` or the number ``2021``.

    ``2021.0`` and ``True`` are typos, not versions.

    Examples:
        >>> read_format_version(2019)
        <FormatVersion.V2019: '2019'>
        >>> print(read_format_version("2020"))
        应为 2019 或 2021 / must be one of 2019, 2021
    """
    if isinstance(value, FormatVersion):
        return value
    if type(value) not in (int, str):
        return Rejected(_VERSION, wrong_type=True)
    try:
        return FormatVersion(str(value))
    except ValueError:
        return Rejected(_VERSION)


def read_scope(value: object) -> Scope | Rejected:
    """A scope: a :class:`Scope` or its value (``"agency"``, ``"jurisdiction"``).

    Examples:
        >>> read_scope("jurisdiction")
        <Scope.JURISDICTION: 'jurisdiction'>
        >>> print(read_scope("county"))
        应为 agency_only（本机关）、jurisdiction（全域） / must be one of agency_only, jurisdiction
    """
    if isinstance(value, Scope):
        return value
    if not isinstance(value, str):
        return Rejected(_SCOPE, wrong_type=True)
    try:
        return Scope(value)
    except ValueError:
        return Rejected(_SCOPE)


def accepted(result: _T | Rejected, value: object, show: Callable[[object], str] = repr) -> _T:
    """The value a reader accepted, or its :meth:`Rejected.error` raised, the value shown by
    ``show`` (called only then).

    Examples:
        >>> accepted(read_scope("agency_only"), "agency_only")
        <Scope.AGENCY_ONLY: 'agency_only'>
        >>> accepted(read_year(1999), 1999, "year {}".format)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ValueError: 应为 2008–2100 之间的整数年份 / must be a whole year ..., got year 1999
    """
    if isinstance(result, Rejected):
        raise result.error(value, show(value))
    return result


# --- area A: full-width forms ------------------------------------------------------------------

FULLWIDTH = str.maketrans("０１２３４５６７８９．％＋－", "0123456789.%+-")
"""The one ``str.translate`` table from the full-width forms of digits and number signs to ASCII.

Chinese documents often print numbers in full-width forms (１２３, ３.５％); the cell reader of
the draft, the narrative checks and the metadata reader all read them through this table. The
full-width comma is not in it: ``，`` separates clauses in prose, and number readers that allow
it as a thousands separator say so in their own patterns.

Examples:
    >>> from govinfo_report.accept import FULLWIDTH
    >>> "收到申请１２件，占３.５％".translate(FULLWIDTH)
    '收到申请12件，占3.5%'
"""

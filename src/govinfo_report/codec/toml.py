"""TOML: amounts are written as TOML numbers from their exact text and read back as Decimal.

A whole amount is written as an integer (``0``, ``1000``), any other as a float of its exact
positional text (``12.50``, ``0.0000000``): both read back as the same Decimal.

Reading uses the standard library; writing needs the ``toml`` extra (tomli-w). TOML has no null,
so absent optional parts are left out.
"""

from __future__ import annotations

import re
import sys
import tomllib
from decimal import Decimal
from typing import Any

from ..errors import LimitExceeded
from ..limits import Limits, default_limits
from ..model import AnnualReport
from ._base import NoContent, parse_text, plain, structure, unstructure

__all__ = ["dumps", "load_data", "loads"]


class _Plain(Decimal):
    """A Decimal that tomli-w writes as positional text (``0.0000000``, not ``0e-7``)."""

    __slots__ = ()

    def __str__(self) -> str:
        return plain(self)


def _for_toml(value: Any) -> Any:
    """The unstructured form with absent parts left out and amounts as exact TOML numbers."""
    if isinstance(value, dict):
        return {k: _for_toml(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_for_toml(v) for v in value]
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if exponent == 0:
            return int(value)  # tomli-w would write Decimal("0") as the float 0.0
        return _Plain(value)
    return value


def dumps(report: AnnualReport) -> str:
    """The report as TOML text.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> from govinfo_report.codec import toml
        >>> toml.dumps(report).splitlines()[0]
        'schema_version = 1'
    """
    import tomli_w

    return tomli_w.dumps(_for_toml(unstructure(report)), multiline_strings=True)


def _longest_digits(text: str) -> int:
    """The longest run of digits (with ``_`` separators) in the text: an integer's length."""
    return max((len(m.replace("_", "")) for m in re.findall(r"[0-9_]{100,}", text)), default=0)


def load_data(text: str | bytes, *, source: str | None = None, limits: Limits | None = None) -> Any:
    """The plain data of TOML text, floats read as exact ``Decimal``.

    ``nan`` and ``inf`` are read as the Decimal of that name (for the structure hooks to reject
    with their path). TOML itself refuses a key given twice.

    Raises:
        SerializationError: for text that is not TOML, or a file with no keys (empty).
        LimitExceeded: for an integer with more digits than ``limits.max_integer_digits``.

    Examples:
        >>> from govinfo_report.codec.toml import load_data
        >>> load_data("fee = 12.50")
        {'fee': Decimal('12.50')}
    """
    limits = limits or default_limits()

    def parse() -> Any:
        source_text = (
            text.decode("utf-8-sig") if isinstance(text, bytes) else text
        )  # a BOM is not content
        try:
            data = tomllib.loads(source_text, parse_float=Decimal)
        except ValueError as exc:
            if isinstance(exc, tomllib.TOMLDecodeError):
                raise
            # Python's own int/str bound (sys.get_int_max_str_digits) on an integer literal
            bound = min(limits.max_integer_digits, sys.get_int_max_str_digits() or sys.maxsize)
            longest = _longest_digits(source_text)
            raise LimitExceeded(
                "max_integer_digits", bound, max(longest, bound + 1), where=source or ""
            ) from None
        if not data:
            raise NoContent
        return data

    return parse_text("TOML", parse, source=source, limits=limits)


def loads(
    text: str | bytes, *, source: str | None = None, limits: Limits | None = None
) -> AnnualReport:
    """Read a report from TOML text.

    Raises:
        SerializationError: for text that is not TOML, or data that is not a valid report.
        LimitExceeded: for text past one of ``limits``.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> from govinfo_report.codec import toml
        >>> toml.loads(toml.dumps(report)) == report
        True
    """
    return structure(load_data(text, source=source, limits=limits), source=source)

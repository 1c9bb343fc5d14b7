"""JSON: amounts are written as strings (exact), and numbers with a fraction read as Decimal.

A key given twice in one object is an error (``json`` would silently keep the last one), and so
are ``NaN``, ``Infinity`` and numbers too large for a float (``1e400``), which the structure hooks
reject with their path.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from typing import Any

from ..errors import LimitExceeded, Problem, SerializationError
from ..limits import Limits, default_limits
from ..model import AnnualReport
from ._base import NoContent, parse_text, plain, structure, unstructure

__all__ = ["dumps", "load_data", "loads", "to_plain"]

_CONSTANTS = {
    "NaN": Decimal("NaN"),
    "Infinity": Decimal("Infinity"),
    "-Infinity": Decimal("-Infinity"),
}


def to_plain(value: Any) -> Any:
    """The unstructured form with every Decimal as its exact positional text (``"1000"``).

    JSON has no decimal type; the text is what the string form of an amount accepts.

    Examples:
        >>> from decimal import Decimal
        >>> from govinfo_report.codec.json import to_plain
        >>> to_plain({"amount": Decimal("1E+3"), "rows": [Decimal("0.10")]})
        {'amount': '1000', 'rows': ['0.10']}
    """
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, Decimal):
        return plain(value)
    return value


def dumps(report: AnnualReport, *, indent: int | None = 2) -> str:
    """The report as JSON text (UTF-8 characters kept, not escaped).

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> from govinfo_report.codec import json
        >>> json.dumps(report).splitlines()[1]
        '  "schema_version": 1,'
    """
    return json.dumps(to_plain(unstructure(report)), ensure_ascii=False, indent=indent) + "\n"


class _Duplicates:
    """The objects that repeat a key, found while parsing, to be located once parsing is done."""

    def __init__(self) -> None:
        self.found: list[tuple[dict[str, Any], list[str]]] = []

    def hook(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            counts = Counter(key for key, _ in pairs)
            self.found.append((result, [key for key, n in counts.items() if n > 1]))
        return result

    def problems(self, data: Any) -> list[Problem]:
        """The repeated keys with their paths, in document order."""
        wanted = {id(obj): keys for obj, keys in self.found}
        problems: list[Problem] = []
        stack: list[tuple[Any, str]] = [(data, "$")]
        while stack:
            node, path = stack.pop()
            if isinstance(node, dict):
                for key in wanted.get(id(node), ()):
                    problems.append(
                        Problem(f"{path}.{key}", f"键 {key} 重复 / duplicate key {key!r}")
                    )
                stack.extend((v, f"{path}.{k}") for k, v in reversed(node.items()))
            elif isinstance(node, list):
                stack.extend((v, f"{path}[{i}]") for i, v in reversed(list(enumerate(node))))
        return problems


def _int_parser(limits: Limits, source: str | None) -> Any:
    """``int`` for the JSON parser, refusing more digits than the limit before converting."""

    def parse_int(text: str) -> int:
        digits = len(text) - text.startswith("-")
        if digits > limits.max_integer_digits:
            raise LimitExceeded(
                "max_integer_digits", limits.max_integer_digits, digits, where=source or ""
            )
        return int(text)

    return parse_int


def load_data(text: str | bytes, *, source: str | None = None, limits: Limits | None = None) -> Any:
    """The plain data of JSON text, numbers with a fraction read as exact ``Decimal``.

    ``NaN`` and ``Infinity`` are read as the Decimal of that name (for the structure hooks to
    reject with their path).

    Raises:
        SerializationError: for text that is not JSON, an empty file, a key given twice in
            one object, or text holding a lone surrogate (``"\\ud800"``).
        LimitExceeded: for an integer with more digits than ``limits.max_integer_digits``.

    Examples:
        >>> from govinfo_report.codec.json import load_data
        >>> load_data('{"fee": 12.50}')
        {'fee': Decimal('12.50')}
    """
    limits = limits or default_limits()
    duplicates = _Duplicates()

    def parse() -> Any:
        if not (text.strip() if isinstance(text, str) else text.strip().lstrip(b"\xef\xbb\xbf")):
            raise NoContent
        data = json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_CONSTANTS.__getitem__,
            parse_int=_int_parser(limits, source),
            object_pairs_hook=duplicates.hook,
        )
        if duplicates.found:
            raise SerializationError(duplicates.problems(data), source=source)
        return data

    return parse_text("JSON", parse, source=source, limits=limits)


def loads(
    text: str | bytes, *, source: str | None = None, limits: Limits | None = None
) -> AnnualReport:
    """Read a report from JSON text.

    Raises:
        SerializationError: for text that is not JSON, or data that is not a valid report.
        LimitExceeded: for text past one of ``limits``.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> from govinfo_report.codec import json
        >>> json.loads(json.dumps(report)) == report
        True
    """
    return structure(load_data(text, source=source, limits=limits), source=source)

"""JSON: amounts are written as strings (exact), and numbers with a fraction read as Decimal."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..errors import Problem, SerializationError
from ..model import AnnualReport
from ._base import structure, unstructure

__all__ = ["dumps", "load_data", "loads", "to_plain"]


def to_plain(value: Any) -> Any:
    """The unstructured form with every Decimal as its exact text (JSON has no decimal type)."""
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


def dumps(report: AnnualReport, *, indent: int | None = 2) -> str:
    """The report as JSON text (UTF-8 characters kept, not escaped)."""
    return json.dumps(to_plain(unstructure(report)), ensure_ascii=False, indent=indent) + "\n"


def load_data(text: str | bytes, *, source: str | None = None) -> Any:
    """The plain data of JSON text, numbers with a fraction read as exact ``Decimal``.

    Raises:
        SerializationError: for text that is not JSON.
    """
    try:
        return json.loads(text, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SerializationError(
            [Problem("$", f"不是有效的 JSON / not valid JSON: {exc}")], source=source
        ) from None


def loads(text: str | bytes, *, source: str | None = None) -> AnnualReport:
    """Read a report from JSON text.

    Raises:
        SerializationError: for text that is not JSON, or data that is not a valid report.
    """
    return structure(load_data(text, source=source), source=source)

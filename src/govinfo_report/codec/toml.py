"""TOML: amounts are written as TOML floats from their exact text and read back as Decimal.

Reading uses the standard library; writing needs the ``toml`` extra (tomli-w). TOML has no null,
so absent optional parts are left out.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from typing import Any

from ..errors import Problem, SerializationError
from ..model import AnnualReport
from ._base import structure, unstructure

__all__ = ["dumps", "load_data", "loads"]


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    return value


def dumps(report: AnnualReport) -> str:
    """The report as TOML text."""
    import tomli_w

    return tomli_w.dumps(_drop_none(unstructure(report)), multiline_strings=True)


def load_data(text: str | bytes, *, source: str | None = None) -> Any:
    """The plain data of TOML text, floats read as exact ``Decimal``.

    Raises:
        SerializationError: for text that is not TOML.
    """
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return tomllib.loads(text, parse_float=Decimal)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SerializationError(
            [Problem("$", f"不是有效的 TOML / not valid TOML: {exc}")], source=source
        ) from None


def loads(text: str | bytes, *, source: str | None = None) -> AnnualReport:
    """Read a report from TOML text.

    Raises:
        SerializationError: for text that is not TOML, or data that is not a valid report.
    """
    return structure(load_data(text, source=source), source=source)

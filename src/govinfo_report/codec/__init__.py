"""Codecs: the report as plain data, JSON, YAML and TOML, with exact round trips.

Each format module has the same shape: ``dumps(report) -> str`` and ``loads(text) -> report``.
YAML and TOML writing need their extras; they are imported only when used.
"""

from __future__ import annotations

import importlib
import typing
from typing import Any, Literal, overload

from ..errors import SerializationError
from ..limits import Limits
from ..model import AnnualReport
from ._base import SCHEMA_VERSION, make_converter, structure, unstructure

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "Format",
    "dumps",
    "load_data",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
]

Format = Literal["json", "yaml", "toml", "dict"]
"""The type of a codec format name (see :data:`FORMATS`).

Examples:
    >>> import typing
    >>> from govinfo_report.codec import Format
    >>> typing.get_args(Format)
    ('json', 'yaml', 'toml', 'dict')
"""
FORMATS: tuple[str, ...] = typing.get_args(Format)
"""The codec formats, by name: text formats and the plain ``dict`` form.

Examples:
    >>> from govinfo_report.codec import FORMATS
    >>> FORMATS
    ('json', 'yaml', 'toml', 'dict')
"""


def _module(fmt: str) -> Any:
    if fmt not in ("json", "yaml", "toml"):
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"{__name__}.{fmt}")


@overload
def dumps(report: AnnualReport, fmt: Literal["dict"], *, labels: bool = ...) -> dict[str, Any]: ...
@overload
def dumps(
    report: AnnualReport, fmt: Literal["json", "yaml", "toml"] = ..., *, labels: bool = ...
) -> str: ...
def dumps(report: AnnualReport, fmt: str = "json", *, labels: bool = False) -> str | dict[str, Any]:
    """Serialize a report to ``json``, ``yaml`` or ``toml`` text, or to a ``dict``.

    ``labels=True`` (YAML only) follows each key with its Chinese label as a comment, for people
    who edit the file by label; the text reads back to the same report.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> gr.dumps(report, "yaml").splitlines()[0]
        'schema_version: 1'
        >>> list(gr.dumps(report, "dict"))[:3]
        ['schema_version', 'metadata', 'preamble']
    """
    if fmt == "dict":
        return unstructure(report)
    if labels and fmt == "yaml":
        return str(_module(fmt).dumps(report, labels=True))
    return str(_module(fmt).dumps(report))


def load_data(
    text: str | bytes, fmt: str, *, source: str | None = None, limits: Limits | None = None
) -> Any:
    """The plain data of ``json``, ``yaml`` or ``toml`` text, fractions read as exact ``Decimal``.

    This is what :func:`loads` structures; tools that must read a broken report leniently (the
    validator) start from it.

    ``limits`` bounds what the text may expand to (:mod:`govinfo_report.limits`; the defaults
    when ``None``).

    Raises:
        SerializationError: for text that is not of that format.
        LimitExceeded: for text past one of the limits.

    Examples:
        >>> from govinfo_report.codec import load_data
        >>> load_data("fee: 1.50", "yaml")
        {'fee': Decimal('1.50')}
    """
    return _module(fmt).load_data(text, source=source, limits=limits)


def loads(
    data: str | bytes | dict[str, Any],
    fmt: str = "json",
    *,
    source: str | None = None,
    limits: Limits | None = None,
) -> AnnualReport:
    """Read a report from ``json``, ``yaml`` or ``toml`` text, or from a ``dict``.

    Raises:
        SerializationError: listing every problem with its path.
        LimitExceeded: for text past one of ``limits`` (the defaults when ``None``).

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> gr.loads(gr.dumps(report, "toml"), "toml") == report
        True
    """
    if fmt == "dict" or isinstance(data, dict):
        return structure(data, source=source)
    report = _module(fmt).loads(data, source=source, limits=limits)
    if not isinstance(report, AnnualReport):  # pragma: no cover - the modules return reports
        raise SerializationError([], source=source)
    return report

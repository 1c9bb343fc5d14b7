"""The library's exceptions: one root, each subclassing the matching built-in.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from .findings import Finding

__all__ = [
    "FieldTypeError",
    "FieldValueError",
    "GovInfoReportError",
    "InvariantViolation",
    "LimitExceeded",
    "ParseError",
    "Problem",
    "RenderError",
    "SerializationError",
    "TemplateError",
]


class GovInfoReportError(Exception):
    """Root of every exception raised by govinfo-report.

    Every subclass pickles (to pass through ``multiprocessing``) by calling its constructor
    again with the arguments it was built with, so structured attributes survive the trip.

    Examples:
        >>> import govinfo_report as gr
        >>> try:
        ...     gr.loads("{}", "json")
        ... except gr.GovInfoReportError as exc:    # every error of the library
        ...     print(type(exc).__name__, isinstance(exc, ValueError))
        SerializationError True
    """

    _constructed_with: tuple[tuple[Any, ...], dict[str, Any]]

    def __new__(cls, *args: Any, **kwargs: Any) -> GovInfoReportError:
        self = super().__new__(cls, *args)
        # Subclasses compute their message from richer arguments; keep those for __reduce__.
        self._constructed_with = (args, kwargs)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        args, kwargs = self._constructed_with
        return (_rebuild, (type(self), args, kwargs))


def _rebuild(
    cls: type[GovInfoReportError], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> GovInfoReportError:
    return cls(*args, **kwargs)


class InvariantViolation(GovInfoReportError, ValueError):
    """Numbers that break the format's rules: every violation is listed in :attr:`findings`.

    Examples:
        >>> import govinfo_report as gr
        >>> V = gr.FormatVersion.V2021
        >>> values = {c.id: 1 for c in gr.cell_specs(V) if c.section == "review_litigation"}
        >>> try:
        ...     gr.build_section("review_litigation", V, values)   # every 总计 says 1, the sums say 4
        ... except gr.InvariantViolation as exc:
        ...     print(len(exc.findings), exc.findings[0].code, exc.findings[0].expected)
        3 t4-total 4
    """

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        lines = [f"{len(self.findings)} 处违反报表规则 / rule violation(s):"]
        lines += [f"  - {f}" for f in self.findings]
        super().__init__("\n".join(lines))


class _FieldProblem(GovInfoReportError):
    def __init__(self, path: str, zh: str, en: str, value: object) -> None:
        self.path = path
        text = str(value) if isinstance(value, Decimal) else repr(value)  # 1.5, not Decimal('1.5')
        shown = f"{type(value).__name__} {text:.60}" if isinstance(self, TypeError) else text
        super().__init__(f"{path}：{zh} / {path}: {en}, got {shown:.80}")


class FieldValueError(_FieldProblem, ValueError):
    """A field of the model (not a table cell) given a value it cannot hold.

    Attributes:
        path: the field, as ``Class.field`` (e.g. ``Metadata.year``).

    Examples:
        >>> import govinfo_report as gr
        >>> try:
        ...     gr.Metadata(agency="某局", year=1800, format_version=gr.FormatVersion.V2021,
        ...                 scope=gr.Scope.AGENCY_ONLY)
        ... except gr.FieldValueError as exc:
        ...     print(exc.path, isinstance(exc, ValueError))
        Metadata.year True
    """


class FieldTypeError(_FieldProblem, TypeError):
    """A field of the model given a value of the wrong type (e.g. a number for a text).

    Attributes:
        path: the field, as ``Class.field`` (e.g. ``OtherMatters.text``).

    Examples:
        >>> import govinfo_report as gr
        >>> try:
        ...     gr.OtherMatters(text=5)
        ... except TypeError as exc:                 # a FieldTypeError is a TypeError
        ...     print(exc)
        OtherMatters.text：应为文本 / OtherMatters.text: must be text (str), got int 5
    """


@attrs.frozen
class Problem:
    """One problem in serialized input: where it is (``$.a.b``) and what is wrong.

    Examples:
        >>> from govinfo_report.errors import Problem
        >>> print(Problem("$.metadata.year", "应为整数 / expected an integer"))
        $.metadata.year: 应为整数 / expected an integer
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class SerializationError(GovInfoReportError, ValueError):
    """Input that cannot be read as a report: every problem is listed in :attr:`problems`.

    Identity violations found while building the report are in :attr:`findings`.

    Examples:
        >>> import govinfo_report as gr
        >>> try:
        ...     gr.loads('{"metadata": {"agency": "某局", "year": "2023"}}', "json")
        ... except gr.SerializationError as exc:
        ...     print(len(exc.problems) > 1, exc.problems[0].path.startswith("$."))
        True True
    """

    def __init__(
        self,
        problems: Iterable[Problem],
        *,
        source: str | None = None,
        findings: Iterable[Finding] = (),
    ) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.findings: tuple[Finding, ...] = tuple(findings)
        self.source = source
        where = f" in {source}" if source else ""
        count = len(self.problems)
        lines = [
            f"无法读取报告 / cannot read the report{where}: {count} 处问题 / {count} problem(s)"
        ]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class ParseError(GovInfoReportError, ValueError):
    """A published file that cannot be read as a report at all (empty, binary, a scan...).

    Examples:
        >>> from govinfo_report.errors import ParseError
        >>> from govinfo_report.parse import parse
        >>> try:
        ...     parse(b"")
        ... except ParseError as exc:
        ...     print(isinstance(exc, ValueError))
        True
    """


class RenderError(GovInfoReportError, ValueError):
    """A report that cannot be rendered (bad text, bad output path, a broken template).

    Examples:
        >>> from govinfo_report.errors import RenderError
        >>> issubclass(RenderError, ValueError)
        True
    """


class TemplateError(RenderError):
    """A Word template that is not a .docx, or that uses names the report does not provide.

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.render import render
        >>> try:
        ...     render(gr.load("examples/hongqi-2023.yaml"), template="no-such-template.docx")
        ... except gr.TemplateError as exc:
        ...     print("no-such-template.docx" in str(exc))
        True
    """


class LimitExceeded(GovInfoReportError, ValueError):
    """Input past one of the limits of :mod:`govinfo_report.limits` (size, pages, time, ...).

    Attributes:
        limit: the name of the limit (a field of :class:`~govinfo_report.limits.Limits`).
        bound: the limit's value for this call.
        actual: what the input had (or would have needed).
        where: the file, member or part concerned, when known.

    Examples:
        >>> from govinfo_report.errors import LimitExceeded
        >>> print(LimitExceeded("max_file_bytes", 5, 6, where="a.pdf"))
        a.pdf: 超出限制 max_file_bytes（上限 5，实际 6） / over the limit max_file_bytes (at most 5, got 6)
    """

    def __init__(self, limit: str, bound: float, actual: float, *, where: str = "") -> None:
        self.limit = limit
        self.bound = bound
        self.actual = actual
        self.where = where
        place = f"{where}: " if where else ""
        super().__init__(
            f"{place}超出限制 {limit}（上限 {bound}，实际 {actual}） / "
            f"over the limit {limit} (at most {bound}, got {actual})"
        )

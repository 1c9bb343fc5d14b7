"""The shared cattrs converter: strict scalars, version dispatch and readable error paths.

Validation belongs to the edges: this module turns plain data (dicts of str, int, Decimal, date)
into the strict model and back. Field names are the glossary identifiers of the taxonomy, so no
renames are needed. Unknown keys and wrong types are rejected with the path to the offending
value; all problems are collected and raised as one
:class:`~govinfo_report.errors.SerializationError`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, override

from .. import accept
from .. import taxonomy as tx
from ..accept import AMOUNT_PATTERN, FLOAT_MAX, MAX_PLACES, Rejected
from ..errors import (
    GovInfoReportError,
    InvariantViolation,
    LimitExceeded,
    Problem,
    SerializationError,
)
from ..findings import Finding
from ..limits import Limits
from ..model import (
    AnnualReport,
    CellValueError,
    Requests,
    member_type,
    section_type,
    with_table_findings,
)
from ..taxonomy import FormatVersion, Scope

__all__ = [
    "AMOUNT_PATTERN",
    "EMPTY",
    "MAX_PLACES",
    "SCHEMA_VERSION",
    "NoContent",
    "canonical_amount",
    "check_scalars",
    "make_converter",
    "parse_text",
    "plain",
    "show",
    "structure",
    "unstructure",
]

_T = TypeVar("_T")

SCHEMA_VERSION = 1
"""The version of the serialized form; bumped on any incompatible change.

Examples:
    >>> import govinfo_report as gr
    >>> gr.SCHEMA_VERSION
    1
"""

EMPTY = "文件为空 / the file is empty"
"""The message for a file with no content."""


def plain(value: Decimal) -> str:
    """A Decimal as positional text (``1000``, ``0.0000000``), never ``1E+3`` or ``0E-7``.

    Values too large or too precise to be read back (see :data:`FLOAT_MAX`, :data:`MAX_PLACES`)
    and non-finite ones keep ``str()``'s short form rather than expand to huge text.
    """
    if not value.is_finite() or value.copy_abs() > FLOAT_MAX:
        return str(value)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        return str(value)
    return format(value, "f")


_SHOWN = 200
"""The most characters of a text shown in a message (the rest is cut, never built first)."""


def show(value: Any) -> str:
    """A value for a message: numbers as they are written (``-0.1``, not ``Decimal('-0.1')``).

    Lists and mappings are described by type and size, never expanded (a YAML file of nested
    aliases would expand to billions of items), and long text is cut before it is quoted.

    Example::

        >>> show(Decimal("-0.1")), show([1, 2, 3]), show("abc")
        ('-0.1', 'list of 3 items', "'abc'")
    """
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, list | tuple | set | frozenset | Mapping):
        return f"{_kind(value)} of {len(value)} items"
    if isinstance(value, str) and len(value) > _SHOWN:
        return repr(value[:_SHOWN]) + "…"
    if isinstance(value, int) and value.bit_length() > 1000:
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    return repr(value)


def _kind(value: Any) -> str:
    """The kind of a value for a message: ``null`` and ``number`` rather than Python's names."""
    if value is None:
        return "null"
    if isinstance(value, Decimal):
        return "number"
    return type(value).__name__


def _describe(value: Any, limit: int = 60) -> str:
    if value is None:
        return "null"
    if isinstance(value, list | tuple | set | frozenset | Mapping):
        return show(value)  # "list of 3 items": already says its kind
    return f"{_kind(value)} {show(value)[:limit]}"


def _surrogate_at(text: str) -> int:
    """The index of the first lone surrogate in ``text``, or -1 (text that UTF-8 cannot write)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return -1


def check_scalars(data: Any, limits: Limits, *, source: str | None = None) -> None:
    r"""Refuse text UTF-8 cannot write and integers past the digit limit, naming their paths.

    Walks the plain data once (shared lists and mappings, as YAML aliases make them, once each).

    Example::

        >>> from govinfo_report.limits import DEFAULT_LIMITS
        >>> check_scalars({"a": ["ok", 1]}, DEFAULT_LIMITS)
        >>> check_scalars({"a": ["\ud800"]}, DEFAULT_LIMITS)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        govinfo_report.errors.SerializationError: ... $.a[0]: ...surrogate...

    Raises:
        SerializationError: listing each text holding a lone surrogate (``"\ud800"``).
        LimitExceeded: for an integer with more than ``limits.max_integer_digits`` digits.
    """
    problems: list[Problem] = []
    seen: set[int] = set()
    big = 10**limits.max_integer_digits if limits.max_integer_digits < 100_000 else None
    stack: list[tuple[Any, str]] = [(data, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            at = _surrogate_at(value)
            if at >= 0:
                problems.append(
                    Problem(
                        path,
                        f"文本含有孤立的代理字符（第 {at + 1} 个字符）/ the text holds a lone "
                        f"surrogate U+{ord(value[at]):04X} at character {at + 1}, which UTF-8 "
                        "cannot write",
                    )
                )
        elif type(value) is int:
            long = big is not None and value.bit_length() > 3 * limits.max_integer_digits
            if long and big is not None and abs(value) >= big:
                digits = int(value.bit_length() * 0.30103)
                raise LimitExceeded(
                    "max_integer_digits",
                    limits.max_integer_digits,
                    digits,
                    where=f"{source}: {path}" if source else path,
                )
        elif isinstance(value, Mapping | list):
            if id(value) in seen:
                continue
            seen.add(id(value))
            if isinstance(value, Mapping):
                for key, item in reversed(list(value.items())):
                    plain_key = isinstance(key, str) and _surrogate_at(key) < 0
                    child = f"{path}.{key}" if plain_key else f"{path}[{key!r:.40}]"
                    if isinstance(key, str) and not plain_key:
                        stack.append((key, child))
                    stack.append((item, child))
            else:
                stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(value))))
    if problems:
        raise SerializationError(problems, source=source)


class NoContent(Exception):
    """Raised by a format's parser for text with no content: :func:`parse_text` reports it as
    :data:`EMPTY`.

    Example::

        >>> from govinfo_report.limits import DEFAULT_LIMITS
        >>> def nothing():
        ...     raise NoContent
        >>> parse_text("JSON", nothing, source="a.json", limits=DEFAULT_LIMITS)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        govinfo_report.errors.SerializationError: ...a.json... $: 文件为空 / the file is empty
    """


def parse_text(
    name: str,
    parse: Callable[[], Any],
    *,
    source: str | None,
    limits: Limits,
    invalid: tuple[type[Exception], ...] = (ValueError,),
    detail: Callable[[Exception], str] = str,
) -> Any:
    """The plain data ``parse()`` reads from the text of format ``name``, with the frame every
    text format shares: its errors said in the same words, then :func:`check_scalars`.

    Args:
        name: the format's name for messages (``"JSON"``).
        parse: reads the text; raises :class:`NoContent` for text with no content, an error of
            ``invalid`` for text that is not of the format.
        source: the file name for messages.
        limits: the bounds :func:`check_scalars` applies.
        invalid: the parser's errors that mean "not this format".
        detail: the parser's error as one line of text.

    Raises:
        SerializationError: for text with no content, not of the format (``不是有效的 JSON``),
            nested too deeply, or holding a lone surrogate.
        LimitExceeded: raised by ``parse``, or for an integer past ``limits``.

    Example::

        >>> import json
        >>> from govinfo_report.limits import DEFAULT_LIMITS
        >>> parse_text("JSON", lambda: json.loads('{"a": 1}'), source=None, limits=DEFAULT_LIMITS)
        {'a': 1}
        >>> parse_text("JSON", lambda: json.loads("{"), source=None, limits=DEFAULT_LIMITS)
        Traceback (most recent call last):
        govinfo_report.errors.SerializationError: ... $: 不是有效的 JSON / not valid JSON: ...
    """
    try:
        data = parse()
    except (SerializationError, LimitExceeded):
        raise
    except NoContent:
        raise SerializationError([Problem("$", EMPTY)], source=source) from None
    except invalid as exc:
        raise SerializationError(
            [Problem("$", f"不是有效的 {name} / not valid {name}: {detail(exc)}")], source=source
        ) from None
    except RecursionError:
        raise SerializationError(
            [Problem("$", f"不是有效的 {name}，嵌套过深 / not valid {name}: nested too deeply")],
            source=source,
        ) from None
    check_scalars(data, limits, source=source)
    return data


def _as_written(value: Any) -> str:
    """A refused value for a message, as it was written in the data."""
    return f"{value!r:.60}" if isinstance(value, str) else _describe(value)


def _accepted(result: _T | Rejected, value: Any) -> _T:
    """What the acceptance layer read, or its refusal raised with the value as it was written."""
    return accept.accepted(result, value, _as_written)


def canonical_amount(value: Decimal) -> Decimal:
    """The one form of an amount every format writes and reads back exactly.

    Exponent forms become positional (``1E+3`` → ``1000``, ``0E-7`` → ``0.0000000``) and a
    negative zero is zero (``-0.0`` → ``0.0``); the digits after the point are kept.

    >>> canonical_amount(Decimal("1E+3"))
    Decimal('1000')

    Raises:
        ValueError: for a number that is not finite, beyond a float's range or with more than
            :data:`MAX_PLACES` decimal places.
    """
    return _accepted(accept.canonical_amount(value), value)


def _unstructure_amount(value: Decimal) -> Decimal:
    """The canonical form on the way out, for a report built in Python with ``Decimal("1E+3")``."""
    try:
        return canonical_amount(value)
    except ValueError:  # NaN or beyond what the loaders read (1E+400): written as it is
        return value


def _strict_int(value: Any, _: type) -> int:
    if type(value) is int:
        return value
    return _accepted(accept.read_int(value), value)


def _strict_str(value: Any, _: type) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"应为文本 / expected text, got {_describe(value)}")


def _decimal(value: Any, _: type) -> Decimal:
    return _accepted(accept.read_decimal(value), value)


def _date(value: Any, _: type) -> dt.date:
    return _accepted(accept.read_date(value), value)


def _version(value: Any, _: type) -> FormatVersion:
    # 2021 unquoted in YAML is an int; 2021.0 or True is a typo, not a version.
    return _accepted(accept.read_format_version(value), value)


def _scope(value: Any, _: type) -> Scope:
    return _accepted(accept.read_scope(value), value)


def _bind_requests(fn: Callable[[Any, Any], Requests]) -> Callable[[Any, Any], Requests]:
    return _mapping_only(lambda value, _: fn(value, Requests))


def _mapping_only(fn: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Reject a non-mapping before cattrs fails on it with an internal AttributeError."""

    def hook(value: Any, cls: Any) -> Any:
        if not isinstance(value, Mapping):
            raise TypeError(f"应为键值映射 / expected a mapping, got {_describe(value, 40)}")
        return fn(value, cls)

    return hook


def make_converter(*, detailed: bool = True) -> cattrs.Converter:
    """A converter for reports: strict scalars, forbidden extra keys, format-version dispatch.

    Args:
        detailed: collect every problem with its path (slower); the fast converter stops at the
            first problem and is used first, the detailed one only to explain a failure.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> from govinfo_report.codec import make_converter
        >>> converter = make_converter()
        >>> converter.structure(converter.unstructure(report), gr.AnnualReport) == report
        True
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(dt.date, _date)
    conv.register_structure_hook(FormatVersion, _version)
    conv.register_structure_hook(Scope, _scope)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_unstructure_hook(Decimal, _unstructure_amount)
    conv.register_unstructure_hook(FormatVersion, lambda v: v.value)
    conv.register_unstructure_hook(Scope, lambda v: v.value)
    if detailed:
        # Only the explaining converter pays for the check; the fast one just fails and defers.
        conv.register_structure_hook_factory(
            lambda cls: attrs.has(cls) and cls is not AnnualReport,
            lambda cls: _mapping_only(make_dict_structure_fn(cls, conv)),
        )

    def as_(cls: type) -> Callable[[Any, Any], Any]:
        return lambda value, _: conv.structure(value, cls)

    report_fns = {}
    for version in FormatVersion:
        requests_fn = make_dict_structure_fn(
            Requests,
            conv,
            other_handling=override(
                struct_hook=as_(member_type(Requests, "other_handling", version))
            ),
        )
        pd_cls = section_type("proactive_disclosure", version)
        report_fns[version] = make_dict_structure_fn(
            AnnualReport,
            conv,
            proactive_disclosure=override(struct_hook=as_(pd_cls)),
            requests=override(struct_hook=_bind_requests(requests_fn)),
        )

    def structure_report(value: Any, _: type) -> AnnualReport:
        if not isinstance(value, Mapping):
            raise TypeError(f"报告应为键值映射 / a report must be a mapping, got {_kind(value)}")
        meta = value.get("metadata")
        raw = meta.get("format_version") if isinstance(meta, Mapping) else None
        # Without a readable version, structure as 2021 so every other problem is still listed.
        try:
            version = _version(raw, FormatVersion)
        except (TypeError, ValueError):
            version = FormatVersion.V2021
        return report_fns[version](value, AnnualReport)

    conv.register_structure_hook(AnnualReport, structure_report)
    return conv


_FAST = make_converter(detailed=False)
_DETAILED = make_converter(detailed=True)


def _field_path(path: str, name: str) -> str:
    return f"{path}.{name}"


def _collect(
    exc: BaseException, path: str, problems: list[Problem], findings: list[Finding]
) -> None:
    """Flatten a cattrs exception tree into problems with ``$.a.b[i]`` paths."""
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            _collect(sub, _field_path(path, note.name), problems, findings)
        for sub in without:
            _collect(sub, path, problems, findings)
    elif isinstance(exc, IterableValidationError):
        for sub in exc.exceptions:
            index = next(
                (n.index for n in getattr(sub, "__notes__", []) if hasattr(n, "index")), "?"
            )
            _collect(sub, f"{path}[{index}]", problems, findings)
    elif isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            _collect(sub, path, problems, findings)
    elif isinstance(exc, CellValueError):
        cell_path = _field_path(path, exc.field)
        cell_id = cell_path.removeprefix("$.")
        for finding in exc.findings:
            spec = _cell_spec(cell_id)
            labels = spec.labels if spec else finding.labels
            fixed = _without_reprs(finding.at(cell_id, labels))
            findings.append(fixed)
            problems.append(Problem(cell_path, _message(fixed)))
    elif isinstance(exc, InvariantViolation):
        for finding in map(_without_reprs, exc.findings):
            findings.append(finding)
            where = path if finding.path is None else f"$.{finding.path}"
            problems.append(Problem(where, _message(finding)))
    elif isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(map(str, exc.extra_fields)))
        problems.append(Problem(path, f"未知的键 / unknown key(s): {keys}"))
    elif isinstance(exc, KeyError):
        problems.append(Problem(path, "缺少必填项 / required key is missing"))
    elif isinstance(exc, GovInfoReportError | ValueError | TypeError) and " / " in str(exc):
        message = _DECIMAL_REPR.sub(_plain_repr, str(exc))
        spec = _cell_spec(path.removeprefix("$."))
        labels = spec.labels if spec is not None else _META_LABELS.get(path.removeprefix("$."), ())
        if labels:  # a table cell or a metadata field: say which, in its labels
            message = f"{' / '.join(labels)}：{message}"
        problems.append(Problem(path, message))
    else:  # not one of our bilingual messages: still say what it is, never only Python's words
        problems.append(
            Problem(path, f"无效的值 / invalid value ({type(exc).__name__}: {exc!s:.100})")
        )


def _cell_spec(cell_id: str) -> tx.CellSpec | None:
    """The taxonomy entry of a cell id in either format version, if it is one."""
    return next((s for v in FormatVersion if (s := tx.cell_index(v).get(cell_id))), None)


def _message(finding: Finding) -> str:
    return f"{finding.message_zh} / {finding.message_en} [{finding.code}]"


_META_LABELS: dict[str, tuple[str, ...]] = tx.metadata_labels()

_DECIMAL_REPR = re.compile(r"Decimal\('([^']*)'\)")


def _plain_repr(match: re.Match[str]) -> str:
    try:
        return plain(Decimal(match[1]))
    except ArithmeticError:  # pragma: no cover - a repr always holds a valid Decimal
        return match[1]


def _without_reprs(finding: Finding) -> Finding:
    """The finding with ``Decimal('-0.1')`` shown as ``-0.1`` in its messages and value."""
    actual = finding.actual
    if isinstance(actual, str):
        actual = _DECIMAL_REPR.sub(_plain_repr, actual)
    return attrs.evolve(
        finding,
        message_zh=_DECIMAL_REPR.sub(_plain_repr, finding.message_zh),
        message_en=_DECIMAL_REPR.sub(_plain_repr, finding.message_en),
        actual=actual,
    )


def structure(data: Any, *, source: str | None = None) -> AnnualReport:
    """Build a report from plain data (the unstructured form), checking everything.

    A ``schema_version`` key, if present, must be the current one.

    Raises:
        SerializationError: listing every problem with its path, and the broken identities.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> data = gr.unstructure(report)
        >>> gr.structure(data) == report
        True
        >>> data["metadata"]["year"] = "twenty"
        >>> gr.structure(data)
        Traceback (most recent call last):
        ...
        govinfo_report.errors.SerializationError: ...
    """
    if not isinstance(data, Mapping):
        raise SerializationError(
            [Problem("$", f"报告应为键值映射 / a report must be a mapping, got {_kind(data)}")],
            source=source,
        )
    body = dict(data)
    schema = body.pop("schema_version", SCHEMA_VERSION)
    if type(schema) is not int or schema != SCHEMA_VERSION:
        raise SerializationError(
            [
                Problem(
                    "$.schema_version",
                    f"不支持的数据版本 / unsupported schema_version {show(schema):.60} "
                    f"(this library reads {SCHEMA_VERSION})",
                )
            ],
            source=source,
        )
    try:
        return _FAST.structure(body, AnnualReport)
    except Exception:
        pass
    problems: list[Problem] = []
    findings: list[Finding] = []
    try:
        return _DETAILED.structure(body, AnnualReport)
    except Exception as exc:
        _collect(exc, "$", problems, findings)
    for finding in with_table_findings(_version_of(body), _flat(body), findings)[len(findings) :]:
        findings.append(finding)
        problems.append(Problem(finding.location, _message(finding)))
    raise SerializationError(problems, source=source, findings=findings)


def _version_of(body: Mapping[str, Any]) -> FormatVersion:
    meta = body.get("metadata")
    version = accept.read_format_version(
        meta.get("format_version") if isinstance(meta, Mapping) else None
    )
    return FormatVersion.V2021 if isinstance(version, Rejected) else version


def _flat(body: Mapping[str, Any]) -> dict[str, Any]:
    """``cell id → value`` for every cell of either format version found in the data."""
    flat: dict[str, Any] = {}
    for version in FormatVersion:
        for cell in tx.cell_index(version):
            node: Any = body
            for key in cell.split("."):
                if not isinstance(node, Mapping) or key not in node:
                    break
                node = node[key]
            else:
                flat[cell] = node
    return flat


def unstructure(report: AnnualReport) -> dict[str, Any]:
    """The plain-data form of a report: ``schema_version`` first, then the report's fields.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> data = gr.unstructure(report)
        >>> data["schema_version"], data["metadata"]["format_version"]
        (1, '2021')
    """
    if not isinstance(report, AnnualReport):
        raise TypeError(f"expected an AnnualReport, got {type(report).__name__}")
    body: dict[str, Any] = _FAST.unstructure(report)
    return {"schema_version": SCHEMA_VERSION, **body}

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
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, override

from .. import taxonomy as tx
from ..errors import InvariantViolation, Problem, SerializationError
from ..findings import Finding
from ..model import AnnualReport, CellValueError, Requests, member_type, section_type
from ..taxonomy import FormatVersion, Scope

__all__ = ["SCHEMA_VERSION", "make_converter", "structure", "unstructure"]

SCHEMA_VERSION = 1
"""The version of the serialized form; bumped on any incompatible change."""

AMOUNT_PATTERN = r"^[0-9]+(\.[0-9]+)?$"
"""An amount written as text: digits, optionally a fraction; no sign, exponent or spaces.

The JSON Schema uses the same pattern, so a payload the schema accepts is one the library reads.
ASCII digits only: Python's ``\\d`` would also take full-width ``１２``, which JSON Schema's does not.
"""
_AMOUNT_TEXT = re.compile(AMOUNT_PATTERN)


def _strict_int(value: Any, _: type) -> int:
    if type(value) is int:
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value() and "." not in str(value):
        return int(value)
    if isinstance(value, bool):
        raise TypeError(f"应为整数，而不是布尔值 / expected a whole number, got {value!r}")
    if isinstance(value, float | Decimal):
        raise ValueError(f"应为整数，不能有小数 / expected a whole number, got {value}")
    raise TypeError(f"应为整数 / expected a whole number, got {type(value).__name__} {value!r}")


def _strict_str(value: Any, _: type) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"应为文本 / expected text, got {type(value).__name__} {value!r}")


def _decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool):
        raise TypeError(f"应为金额 / expected an amount, got {value!r}")
    if isinstance(value, Decimal | int):
        return Decimal(value)
    if isinstance(value, float):
        # repr() is the shortest text that reads back as the same float: what the person typed.
        return Decimal(repr(value))
    if isinstance(value, str):
        if not _AMOUNT_TEXT.fullmatch(value):
            raise ValueError(
                f'应为金额，如 "96171.6" / expected an amount such as "96171.6", got {value!r}'
            )
        return Decimal(value)
    raise TypeError(f"应为金额 / expected an amount, got {type(value).__name__} {value!r}")


def _date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"应为 YYYY-MM-DD 格式的日期 / expected a date YYYY-MM-DD, got {value!r}")


def _version(value: Any, _: type) -> FormatVersion:
    # 2021 unquoted in YAML is an int; 2021.0 or True is a typo, not a version.
    if type(value) not in (int, str):
        raise TypeError(
            f'格式版本应为文本或整数 / expected a format version such as "2021", '
            f"got {type(value).__name__} {value!r}"
        )
    try:
        return FormatVersion(str(value))
    except ValueError:
        known = ", ".join(v.value for v in FormatVersion)
        raise ValueError(
            f"未知的格式版本 / unknown format version {value!r} (known: {known})"
        ) from None


def _scope(value: Any, _: type) -> Scope:
    try:
        return Scope(value)
    except ValueError:
        known = ", ".join(v.value for v in Scope)
        raise ValueError(f"未知的报告范围 / unknown scope {value!r} (known: {known})") from None


def _bind_requests(fn: Callable[[Any, Any], Requests]) -> Callable[[Any, Any], Requests]:
    return _mapping_only(lambda value, _: fn(value, Requests))


def _mapping_only(fn: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Reject a non-mapping before cattrs fails on it with an internal AttributeError."""

    def hook(value: Any, cls: Any) -> Any:
        if not isinstance(value, Mapping):
            raise TypeError(
                f"应为键值映射 / expected a mapping, got {type(value).__name__} {value!r:.40}"
            )
        return fn(value, cls)

    return hook


def make_converter(*, detailed: bool = True) -> cattrs.Converter:
    """A converter for reports: strict scalars, forbidden extra keys, format-version dispatch.

    Args:
        detailed: collect every problem with its path (slower); the fast converter stops at the
            first problem and is used first, the detailed one only to explain a failure.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(dt.date, _date)
    conv.register_structure_hook(FormatVersion, _version)
    conv.register_structure_hook(Scope, _scope)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
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
            raise TypeError(
                f"报告应为键值映射 / a report must be a mapping, got {type(value).__name__}"
            )
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
            spec = next((s for v in FormatVersion if (s := tx.cell_index(v).get(cell_id))), None)
            labels = spec.labels if spec else finding.labels
            fixed = attrs.evolve(finding, path=cell_id, labels=labels)
            findings.append(fixed)
            problems.append(Problem(cell_path, _message(fixed)))
    elif isinstance(exc, InvariantViolation):
        for finding in exc.findings:
            findings.append(finding)
            where = path if finding.path is None else f"$.{finding.path}"
            problems.append(Problem(where, _message(finding)))
    elif isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(map(str, exc.extra_fields)))
        problems.append(Problem(path, f"未知的键 / unknown key(s): {keys}"))
    elif isinstance(exc, KeyError):
        problems.append(Problem(path, "缺少必填项 / required key is missing"))
    else:
        problems.append(Problem(path, str(exc)))


def _message(finding: Finding) -> str:
    return f"{finding.message_zh} / {finding.message_en} [{finding.code}]"


def structure(data: Any, *, source: str | None = None) -> AnnualReport:
    """Build a report from plain data (the unstructured form), checking everything.

    A ``schema_version`` key, if present, must be the current one.

    Raises:
        SerializationError: listing every problem with its path, and the broken identities.
    """
    if not isinstance(data, Mapping):
        raise SerializationError(
            [
                Problem(
                    "$", f"报告应为键值映射 / a report must be a mapping, got {type(data).__name__}"
                )
            ],
            source=source,
        )
    body = dict(data)
    schema = body.pop("schema_version", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION:
        raise SerializationError(
            [
                Problem(
                    "$.schema_version",
                    f"不支持的数据版本 / unsupported schema_version {schema!r} "
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
    raise SerializationError(problems, source=source, findings=findings)


def unstructure(report: AnnualReport) -> dict[str, Any]:
    """The plain-data form of a report: ``schema_version`` first, then the report's fields."""
    if not isinstance(report, AnnualReport):
        raise TypeError(f"expected an AnnualReport, got {type(report).__name__}")
    body: dict[str, Any] = _FAST.unstructure(report)
    return {"schema_version": SCHEMA_VERSION, **body}

"""The JSON Schema of the serialized report, generated from the model and the taxonomy.

Agency systems written in other languages validate their payloads against
``schema/govinfo-report.schema.json``; a test keeps that file equal to :func:`json_schema`.
Titles carry the Chinese labels, so the schema doubles as a data dictionary.
"""

from __future__ import annotations

import typing
from typing import Any

import attrs

from .. import taxonomy as tx
from ..accept import AMOUNT_PATTERN, CELL_LIMIT, MAX_YEAR, MIN_YEAR
from ..model import (
    AnnualReport,
    Metadata,
    OtherMatters,
    Overview,
    ProblemsImprovements,
    _Row,
    member_type,
    section_type,
)
from ..taxonomy import CellKind, FormatVersion, Scope
from ._base import SCHEMA_VERSION

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "urn:govinfo-report:schema:1"
"""The ``$id`` of the JSON Schema; its number changes with ``SCHEMA_VERSION``.

Examples:
    >>> from govinfo_report.codec.schema import SCHEMA_ID, json_schema
    >>> json_schema()["$id"] == SCHEMA_ID
    True
"""

_DIGITS = len(str(CELL_LIMIT)) - 1  # whole-number digits of a value below CELL_LIMIT
_AMOUNT = {
    "description": 'Exact decimal amount, preferably as a string (e.g. "96171.6").',
    "anyOf": [
        {
            "type": "string",
            # the form, and (leading zeros aside) at most _DIGITS digits before the point
            "allOf": [
                {"pattern": AMOUNT_PATTERN},
                {"pattern": rf"^0*[0-9]{{1,{_DIGITS}}}(\.|$)"},
            ],
        },
        {"type": "number", "minimum": 0, "exclusiveMaximum": CELL_LIMIT},
    ],
}
_KIND_SCHEMA: dict[CellKind, dict[str, Any]] = {
    CellKind.COUNT: {"type": "integer", "minimum": 0, "exclusiveMaximum": CELL_LIMIT},
    CellKind.SIGNED: {
        "type": "integer",
        "exclusiveMinimum": -CELL_LIMIT,
        "exclusiveMaximum": CELL_LIMIT,
    },
    CellKind.AMOUNT: _AMOUNT,
}
_TEXT = {"type": "string"}
_OPTIONAL_TEXT = {"type": ["string", "null"]}


def _labels(version: FormatVersion) -> dict[str, str]:
    """Identifier path (without the cell's column) → Chinese label, for titles."""
    labels: dict[str, str] = {}
    for section in tx.sections(version):
        labels[section.key] = section.title
    for table in tx.subtables(version):
        labels[tx.cell_id("proactive_disclosure", table)] = table.caption
        for row in table.rows:
            labels[tx.cell_id("proactive_disclosure", table, row)] = row.label
    for path in tx.request_row_leaves(version):
        for depth in range(1, len(path) + 1):
            labels[tx.cell_id("requests", path[:depth])] = path[depth - 1].label
    for group, _ in tx.CASE_GROUPS:
        labels[tx.cell_id("review_litigation", group)] = group.label
    return labels


def _object(properties: dict[str, Any], required: list[str], title: str | None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object"}
    if title:
        schema["title"] = title
    schema["properties"] = properties
    schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _table(
    cls: type[Any], path: str, version: FormatVersion, labels: dict[str, str]
) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    fields = attrs.fields(cls)
    if issubclass(cls, _Row):
        kinds = {name: (kind, label) for name, kind, label in cls._cells}
        for field in fields:
            kind, label = kinds[field.name]
            properties[field.name] = {"title": label, **_KIND_SCHEMA[kind]}
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                properties[field.name]["description"] = "Derived from the other cells when omitted."
    else:
        for field in fields:
            child = member_type(cls, field.name, version)
            properties[field.name] = _table(child, tx.cell_id(path, field.name), version, labels)
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                properties[field.name]["description"] = (
                    "Derived from the outcome rows when omitted."
                )
    return _object(properties, required, labels.get(path))


def _narrative(cls: type[Any], section: str, version: FormatVersion) -> dict[str, Any]:
    parts = {node.key: node.label for node in tx.NARRATIVE_PARTS.get(section, ())}
    properties: dict[str, Any] = {}
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        if field.name == "info_processing_fee_yuan":
            properties[field.name] = {
                "title": tx.INFO_PROCESSING_FEE.label,
                "anyOf": [*_AMOUNT["anyOf"], {"type": "null"}],
            }
            continue
        schema = dict(_OPTIONAL_TEXT if type(None) in typing.get_args(hints[field.name]) else _TEXT)
        if field.name in parts:
            schema["title"] = parts[field.name]
        properties[field.name] = schema
    title = next(s.title for s in tx.sections(version) if s.key == section)
    return _object(properties, [], title)


def _metadata(version: FormatVersion) -> dict[str, Any]:
    title = {node.key: node.label for node in tx.METADATA_FIELDS}
    scopes = " / ".join(tx.SCOPE_LABELS[s] for s in Scope)
    properties = {
        # The model refuses a name of spaces only, so the schema asks for one visible character.
        "agency": {"title": title["agency"], "type": "string", "pattern": r"\S"},
        "year": {
            "title": title["year"],
            "type": "integer",
            "minimum": MIN_YEAR,
            "maximum": MAX_YEAR,
        },
        # YAML writers often leave the version unquoted: the library reads 2021 as "2021".
        "format_version": {
            "title": title["format_version"],
            "enum": [version.value, int(version.value)],
        },
        "scope": {
            "title": f"{title['scope']}（{scopes}）",
            "enum": [s.value for s in Scope],
            "default": Scope.AGENCY_ONLY.value,
        },
        "published": {
            "title": title["published"],
            "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}],
        },
    }
    required = [f.name for f in attrs.fields(Metadata) if f.default is attrs.NOTHING]
    return _object(properties, required, "报告信息")


def _report(version: FormatVersion) -> dict[str, Any]:
    labels = _labels(version)
    properties: dict[str, Any] = {
        "schema_version": {"const": SCHEMA_VERSION},
        "metadata": _metadata(version),
        "preamble": {"title": "前言", "type": "string"},
        "overview": _narrative(Overview, "overview", version),
    }
    for section in tx.TABLE_SECTIONS:
        properties[section] = _table(section_type(section, version), section, version, labels)
    properties["problems_improvements"] = _narrative(
        ProblemsImprovements, "problems_improvements", version
    )
    properties["other_matters"] = _narrative(OtherMatters, "other_matters", version)
    required = ["metadata"] + [
        f.name
        for f in attrs.fields(AnnualReport)
        if f.default is attrs.NOTHING and f.name != "metadata"
    ]
    return _object(properties, required, f"{version.value} 格式 / format {version.value}")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a serialized report of either format version.

    Examples:
        >>> from govinfo_report.codec.schema import json_schema
        >>> schema = json_schema()
        >>> schema["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
        >>> len(schema["oneOf"])
        2
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "政府信息公开工作年度报告 / Annual report on government information disclosure",
        "description": (
            "The serialized form of govinfo-report's AnnualReport. Field names are the glossary "
            "identifiers; titles are the official Chinese labels."
        ),
        "oneOf": [_report(version) for version in (FormatVersion.V2021, FormatVersion.V2019)],
    }

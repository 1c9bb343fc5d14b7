"""The stable JSON form of a parsed report (documented in docs/parse.md).

Numbers are typed by the cell's kind, never by the value: a count is a JSON number; an amount
(万元) is always its exact text as a JSON string (``"96171.6"``, ``"0"``), so no reader loses
digits to binary floating point and no reader meets both types in one field; ``null`` when the
cell holds no number (blank, ``/``, text).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from .. import taxonomy as tx
from ..draft import Draft
from ..findings import Finding, SourceRef

__all__ = ["CONTRACT", "contract", "finding_dict", "source_dict"]

CONTRACT = "govinfo-report/parse/1"
"""The name and version of the JSON contract of parsed reports (see docs/parse.md).

Examples:
    >>> from govinfo_report.parse import CONTRACT
    >>> CONTRACT
    'govinfo-report/parse/1'
"""


def _number(value: int | Decimal | None) -> int | str | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    if value == value.to_integral_value() and value.as_tuple().exponent == 0:
        return int(value)
    return str(value)


def _amount(value: int | Decimal | None) -> str | None:
    return None if value is None else str(value)


def source_dict(source: SourceRef | None) -> dict[str, Any] | None:
    """A source location as a dict of all its fields (``null`` for the unknown ones).

    Examples:
        >>> from govinfo_report.findings import SourceRef
        >>> source_dict(SourceRef(file="a.pdf", page=3))["page"], source_dict(None)
        (3, None)
    """
    return None if source is None else attrs.asdict(source)


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A finding as a dict: code, severity, path, labels, messages, values, source."""
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "path": finding.path,
        "labels": list(finding.labels),
        "message_zh": finding.message_zh,
        "message_en": finding.message_en,
        "expected": _number(finding.expected),
        "actual": finding.actual
        if isinstance(finding.actual, str | None)
        else _number(finding.actual),
        "source": source_dict(finding.source),
    }


def contract(draft: Draft, kind: str | None = None) -> dict[str, Any]:
    """The stable JSON-ready dict of a parsed report (see docs/parse.md for every field).

    Examples:
        >>> from govinfo_report.parse import contract, parse
        >>> data = contract(parse("tests/samples/hongqi-2023.txt"), "text")
        >>> data["contract"], data["input_kind"], data["metadata"]["year"]
        ('govinfo-report/parse/1', 'text', 2023)
    """
    meta = draft.metadata
    specs = tx.cell_index(draft.format_version)
    cells = []
    for cell_id, cell in draft.cells.items():
        spec = specs.get(cell_id)
        amount = spec is not None and spec.kind is tx.CellKind.AMOUNT
        cells.append(
            {
                "id": cell_id,
                "labels": list(spec.labels) if spec else [],
                "value": _amount(cell.value) if amount else _number(cell.value),
                "text": cell.text,
                "status": str(cell.status),
                "unit": cell.unit,
                "note": cell.note,
                "source": source_dict(cell.source),
            }
        )
    sections = [
        {
            "key": key,
            "title": section.title,
            "text": section.text,
            "source": source_dict(section.source),
        }
        for key, section in draft.sections.items()
    ]
    fee = draft.info_processing_fee_yuan
    return {
        "contract": CONTRACT,
        "file": draft.source,
        "input_kind": kind,
        "format_version": str(meta.format_version) if meta.format_version else None,
        "metadata": {
            "agency": meta.agency,
            "year": meta.year,
            "scope": str(meta.scope) if meta.scope else None,
            "published": meta.published.isoformat() if meta.published else None,
            "confidence": dict(meta.confidence),
        },
        "notes": [finding_dict(f) for f in draft.notes],
        "identity_findings": [finding_dict(f) for f in draft.identity_findings()],
        "cells": cells,
        "sections": sections,
        "preamble": draft.preamble,
        "closing": draft.closing,
        "info_processing_fee_yuan": None if fee is None else str(fee),
    }

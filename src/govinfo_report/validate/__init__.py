"""Validate annual reports: a rule catalogue, findings that point at cells, cross-year checks.

::

    from govinfo_report.validate import validate, load_lenient

    result = validate(load_lenient("report.yaml"), previous=load_lenient("report-2022.yaml"))
    result.valid                      # no finding of error severity
    result.counts                     # {Severity.ERROR: 0, Severity.WARNING: 2, Severity.INFO: 1}
    for finding in result.findings:   # sorted: errors first, then in printed order
        print(finding.code, finding.labels, finding.message_zh, finding.suggestion)

``validate`` takes a strict :class:`~govinfo_report.model.AnnualReport` (fast path over
``report.values()``) or a lenient :class:`~govinfo_report.draft.Draft` as the parsers produce
it, and never raises on bad data: an empty or half-missing draft gets findings. The rules are the
entries of :data:`govinfo_report.catalog.RULES` (docs/rules.md is generated from them); select or
skip them by code or tag.
"""

from __future__ import annotations

from ..codec.lenient import draft_from_data
from ..io import load_lenient, read_data
from ._crossyear import similarity
from ._docs import rules_markdown
from ._engine import CHECKS, Check, UnknownRuleError, rules_for, validate
from ._localize import localize
from ._report import JSON_SCHEMA_ID, ValidationReport, finding_to_dict
from ._structure import deadline

__all__ = [
    "CHECKS",
    "JSON_SCHEMA_ID",
    "Check",
    "UnknownRuleError",
    "ValidationReport",
    "deadline",
    "draft_from_data",
    "finding_to_dict",
    "load_lenient",
    "localize",
    "read_data",
    "rules_for",
    "rules_markdown",
    "similarity",
    "validate",
]

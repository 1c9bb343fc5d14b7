"""The result of validating one report: findings, counts by severity, and a JSON-ready form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ..catalog import Severity, rule
from ..findings import Finding, Localisation, SourceRef, Suggestion
from ..taxonomy import FormatVersion

__all__ = ["JSON_SCHEMA_ID", "ValidationReport", "finding_to_dict"]

JSON_SCHEMA_ID = "govinfo-report/validation/1"
"""Identifies the JSON form of a validation report; bumped on any incompatible change.

Examples:
    >>> from govinfo_report.validate import JSON_SCHEMA_ID
    >>> JSON_SCHEMA_ID
    'govinfo-report/validation/1'
"""


def _number(value: object) -> object:
    """Integers stay numbers; decimals become their exact text (JSON has no decimal type)."""
    if isinstance(value, Decimal):
        return str(value)
    return value


def _source(source: SourceRef | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {k: v for k, v in attrs.asdict(source).items() if v is not None}


def _suggestion(suggestion: Suggestion | None) -> dict[str, Any] | None:
    if suggestion is None:
        return None
    return {
        "path": suggestion.path,
        "labels": list(suggestion.labels),
        "current": _number(suggestion.current),
        "value": _number(suggestion.value),
    }


def _localisation(localisation: Localisation | None) -> dict[str, Any] | None:
    if localisation is None:
        return None
    return {
        "unique": localisation.unique,
        "complete": localisation.complete,
        "size": localisation.size,
        "by_text": localisation.by_text,
        "solutions": [
            {
                "determined": s.determined,
                "disagreements": s.disagreements,
                "changes": [_suggestion(c) for c in s.changes],
            }
            for s in localisation.solutions
        ],
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A finding as plain JSON-ready data (the contract documented in docs/rules.md).

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.validate import draft_from_data, finding_to_dict, validate
        >>> data = gr.dumps(gr.load("examples/city-2024.yaml"), "dict")
        >>> data["requests"]["granted"]["natural_person"] += 5
        >>> finding = validate(draft_from_data(data)).findings[0]
        >>> plain = finding_to_dict(finding)
        >>> plain["code"], plain["location"], plain["suggestion"]["value"]
        ('t3-row-total', '$.requests.granted.total', 1107)
    """
    try:
        entry = rule(finding.code)
        titles = {"title_zh": entry.title_zh, "title_en": entry.title_en}
    except KeyError:  # pragma: no cover - every finding's code is in the catalogue
        titles = {"title_zh": finding.code, "title_en": finding.code}
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        **titles,
        "path": finding.path,
        "location": finding.location,
        "labels": list(finding.labels),
        "message_zh": finding.message_zh,
        "message_en": finding.message_en,
        "expected": _number(finding.expected),
        "actual": _number(finding.actual),
        "related": list(finding.related),
        "source": _source(finding.source),
        "suggestion": _suggestion(finding.suggestion),
        "localisation": _localisation(finding.localisation),
    }


@attrs.frozen
class ValidationReport:
    """What :func:`~govinfo_report.validate.validate` found in one report.

    Attributes:
        findings: every finding, sorted: errors first, then in the order of the printed report.
        format_version: the format version the report was checked against.
        agency: the reporting body, if known.
        year: the reporting year, if known.
        source: the file the report was read from, if any.

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.validate import validate
        >>> result = validate(gr.load("examples/city-2024.yaml"))
        >>> result.valid, result.counts[gr.Severity.ERROR], result.findings
        (True, 0, ())
        >>> result.to_dict()["valid"]
        True
    """

    findings: tuple[Finding, ...]
    format_version: FormatVersion
    agency: str | None = None
    year: int | None = None
    source: str | None = None

    @property
    def valid(self) -> bool:
        """Whether no finding has error severity."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        """The number of findings of each severity, keyed by plain strings, zeros included.

        The keys are ``"error"``, ``"warning"`` and ``"info"`` (a :class:`Severity` is the same
        key, being a string); the same numbers are ``len(result.errors)`` and so on.

        >>> ValidationReport(findings=(), format_version=FormatVersion.V2021).counts
        {'error': 0, 'warning': 0, 'info': 0}
        """
        counts = {severity.value: 0 for severity in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of error severity."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of warning severity."""
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """The findings of info severity."""
        return tuple(f for f in self.findings if f.severity is Severity.INFO)

    @property
    def codes(self) -> frozenset[str]:
        """The distinct codes found."""
        return frozenset(f.code for f in self.findings)

    def by_code(self, code: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.code == code)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data (the contract documented in docs/rules.md)."""
        return {
            "file": self.source,
            "agency": self.agency,
            "year": self.year,
            "format_version": self.format_version.value,
            "valid": self.valid,
            "counts": self.counts,
            "findings": [finding_to_dict(f) for f in self.findings],
        }

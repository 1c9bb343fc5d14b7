"""Structure checks: sections and their titles, format versions, metadata, publication date."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from .. import taxonomy as tx
from ..catalog import (
    FORMAT_MISMATCH,
    FORMAT_MIX,
    FORMAT_YEAR,
    LATE_PUBLICATION,
    METADATA_MISSING,
    SECTION_MISSING,
    SECTION_TITLE,
    Severity,
)
from ..findings import Finding, make_finding
from ..taxonomy import FormatVersion, Scope
from ._common import META_LABELS
from ._subject import Subject, version_only_cells
from ._tables import section_present

__all__ = ["format_findings", "metadata_findings", "publication_findings", "section_findings"]

_SPACES = re.compile(r"\s+")


def _norm(title: str) -> str:
    return _SPACES.sub("", title)


def section_findings(subject: Subject) -> list[Finding]:
    """Missing sections and non-standard section titles (known variants are only info)."""
    if subject.is_model:
        return []  # a strict model has every section under its official title
    found: list[Finding] = []
    titles = subject.titles or {}
    for section in tx.sections(subject.version):
        if not section_present(subject, section.key):
            found.append(make_finding(SECTION_MISSING, path=section.key, labels=(section.title,)))
            continue
        printed = titles.get(section.key)
        if printed is None or _norm(printed) == _norm(section.title):
            continue
        variants = {_norm(v) for v in section.title_variants}
        found.append(
            make_finding(
                SECTION_TITLE,
                path=section.key,
                labels=(section.title,),
                actual=printed,
                source=subject.section_sources.get(section.key),
                severity=Severity.INFO if _norm(printed) in variants else None,
                found=printed.strip(),
                standard=section.title,
            )
        )
    return found


@cache
def _order(version: FormatVersion) -> dict[str, int]:
    return {spec.id: index for index, spec in enumerate(tx.cell_specs(version))}


def _printed_mix(subject: Subject) -> Finding | None:
    """``format-mix`` from the labels a parser saw printed, whatever cells it read them into."""
    labels = subject.format_labels
    if len(labels) < 2:  # (every model and most drafts: nothing to compare)
        return None
    old, new = labels.get(FormatVersion.V2019, ()), labels.get(FormatVersion.V2021, ())
    if not (old and new):
        return None
    detail = f"2019: {'、'.join(old[:4])}; 2021: {'、'.join(new[:4])}"
    return make_finding(FORMAT_MIX, path=None, labels=(), detail=detail)


def format_findings(subject: Subject) -> list[Finding]:
    """A mix of format versions, tables of the other version, and a format of the wrong year.

    A mix is judged from the printed labels a parser saw, else from the cells.
    """
    found: list[Finding] = []
    cells = subject.cells
    detected: FormatVersion | None = None
    printed = _printed_mix(subject)
    if printed is not None:
        found.append(printed)
    if cells is not None:
        present = {
            version: sorted(
                (c for c in version_only_cells(version) if c in cells),
                key=_order(version).__getitem__,
            )
            for version in FormatVersion
        }
        old, new = present[FormatVersion.V2019], present[FormatVersion.V2021]
        if old and new:
            if printed is None:  # one mix: the printed labels say it best
                first_old = tx.cell_index(FormatVersion.V2019)[old[0]]
                first_new = tx.cell_index(FormatVersion.V2021)[new[0]]
                found.append(
                    make_finding(
                        FORMAT_MIX,
                        path=None,
                        labels=META_LABELS["metadata.format_version"],
                        related=(old[0], new[0]),
                        detail=f"2019：{first_old.label}；2021：{first_new.label}",
                    )
                )
        elif old or new:
            detected = FormatVersion.V2019 if old else FormatVersion.V2021
            declared = subject.declared
            if declared is not None and declared is not detected:
                section = (old or new)[0].split(".", 1)[0]
                title = next(s.title for s in tx.sections(declared) if s.key == section)
                found.append(
                    make_finding(
                        FORMAT_MISMATCH,
                        path=section,
                        labels=(title,),
                        actual=str(detected.value),
                        declared=declared.value,
                        found=detected.value,
                    )
                )
    version = subject.declared or detected
    year = subject.year
    if version is not None and year is not None:
        # Years before 2019 predate both national formats: nothing to compare with.
        expected = tx.version_for_year(year)
        if expected is not None and version is not expected:
            found.append(
                make_finding(
                    FORMAT_YEAR,
                    path="metadata.format_version",
                    labels=META_LABELS["metadata.format_version"],
                    actual=version.value,
                    year=year,
                    expected_format=expected.value,
                    found=version.value,
                )
            )
    return found


def metadata_findings(subject: Subject) -> list[Finding]:
    """Agency, year or format version that could not be determined."""
    if subject.is_model:
        return []
    cells = subject.cells or {}
    missing = {
        "metadata.agency": not (subject.agency or "").strip(),
        "metadata.year": subject.year is None,
        "metadata.format_version": subject.declared is None
        and not any(c in cells for v in FormatVersion for c in version_only_cells(v)),
    }
    return [
        make_finding(METADATA_MISSING, path=path, labels=META_LABELS[path])
        for path, unknown in missing.items()
        if unknown
    ]


def deadline(year: int, agency: str | None, scope: Scope | None) -> dt.date:
    """The statutory publication deadline (条例第四十九条) of a report for ``year``.

    Governments (a body named …人民政府) and jurisdiction-wide reports: 31 March of the next
    year; departments and other bodies: 31 January.

    Examples:
        >>> from govinfo_report.taxonomy import Scope
        >>> from govinfo_report.validate import deadline
        >>> deadline(2024, "某局", Scope.AGENCY_ONLY)
        datetime.date(2025, 1, 31)
    """
    government = scope is Scope.JURISDICTION or (agency or "").strip().endswith("人民政府")
    return dt.date(year + 1, 3, 31) if government else dt.date(year + 1, 1, 31)


def publication_findings(subject: Subject) -> list[Finding]:
    """A publication date after the statutory deadline."""
    published, year = subject.published, subject.year
    if published is None or year is None:
        return []
    limit = deadline(year, subject.agency, subject.scope)
    if published <= limit:
        return []
    return [
        make_finding(
            LATE_PUBLICATION,
            path="metadata.published",
            labels=META_LABELS["metadata.published"],
            actual=published.isoformat(),
            published=published.isoformat(),
            deadline=limit.isoformat(),
        )
    ]

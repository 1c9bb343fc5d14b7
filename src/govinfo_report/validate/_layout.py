"""Mixed layouts: a table printed in the other format version's layout than the report.

A report of a 2021-or-later year sometimes prints table 三 in the 2019 layout (one （六）其他处理 row)
or the reverse. The parsers read such a table in the layout printed, so its cells carry that
layout's identifiers; the checks then use that layout for table 三 and say which format it follows.
"""

from __future__ import annotations

from functools import cache

from .. import taxonomy as tx
from ..catalog import TABLE_LAYOUT
from ..findings import Finding
from ..taxonomy import FormatVersion
from ._common import section_finding
from ._subject import Subject, version_only_cells

__all__ = ["excused", "layout_findings", "requests_layout"]


@cache
def _only(version: FormatVersion) -> frozenset[str]:
    """Table 三 cell ids that exist in ``version`` and not in the other format version."""
    specs = tx.cell_index(version)
    return frozenset(c for c in version_only_cells(version) if specs[c].section == "requests")


def requests_layout(subject: Subject) -> FormatVersion:
    """The layout table 三's cells follow: the report's, unless they are all the other's.

    Example::

        >>> from govinfo_report.validate._subject import subject_of
        >>> import govinfo_report as gr
        >>> requests_layout(subject_of(gr.load("examples/city-2024.yaml"))).value
        '2021'
    """
    version = subject.version
    cells = subject.values
    other = next(v for v in FormatVersion if v is not version)
    if any(c in cells for c in _only(other)) and not any(c in cells for c in _only(version)):
        return other
    return version


def layout_findings(subject: Subject) -> list[Finding]:
    """The ``table-layout`` note when table 三 follows the other format's layout.

    Example::

        >>> import govinfo_report as gr
        >>> from govinfo_report.validate._subject import subject_of
        >>> layout_findings(subject_of(gr.load("examples/city-2024.yaml")))
        []
    """
    layout = requests_layout(subject)
    if layout is subject.version:
        return []
    return [
        section_finding(
            TABLE_LAYOUT,
            subject.version,
            "requests",
            layout=layout.value,
            version=subject.version.value,
        )
    ]


def excused(subject: Subject, finding: Finding) -> bool:
    """Whether a missing-cell finding is only the other layout's row, which was not printed.

    Example::

        >>> import govinfo_report as gr
        >>> from govinfo_report.validate._subject import subject_of
        >>> excused(subject_of(gr.load("examples/city-2024.yaml")), None)
        False
    """
    if finding is None or finding.code not in ("row-missing", "cell-missing"):
        return False
    if requests_layout(subject) is subject.version or finding.path is None:
        return False
    only = _only(subject.version)
    return finding.path in only or any(c.startswith(finding.path + ".") for c in only)

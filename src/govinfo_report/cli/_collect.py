"""Helpers of the collection sub-commands (rollup, compare, new, narrate): reading many inputs."""

from __future__ import annotations

from ..collect import load_report
from ..errors import GovInfoReportError
from ..io import EXTENSIONS, PUBLISHED_SUFFIXES
from ..model import AnnualReport
from ._common import expand_folders, fail, say_error

__all__ = ["read_reports"]


def read_reports(names: list[str]) -> tuple[list[AnnualReport], list[str]] | None:
    """Read every input (folders expanded); on any failure say every one and return None.

    Published files are used only if their draft builds a valid report.
    """
    expanded = expand_folders(names, (*EXTENSIONS, *PUBLISHED_SUFFIXES))
    if isinstance(expanded, str):
        say_error(expanded)
        return None
    reports: list[AnnualReport] = []
    failed = False
    for path in expanded:
        try:
            reports.append(load_report(path))
        except (GovInfoReportError, OSError) as exc:
            fail(exc, path)
            failed = True
    return None if failed else (reports, expanded)

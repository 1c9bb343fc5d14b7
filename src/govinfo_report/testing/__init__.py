"""Hypothesis strategies for integrators' and our own tests (extra ``[testing]``).

See :mod:`govinfo_report.testing.strategies`.
"""

from .strategies import (
    BREAKABLE_CODES,
    broken_drafts,
    counts,
    drafts,
    reports,
    single_cell_typos,
)

__all__ = [
    "BREAKABLE_CODES",
    "broken_drafts",
    "counts",
    "drafts",
    "reports",
    "single_cell_typos",
]

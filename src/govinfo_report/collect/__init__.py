"""Many reports at once: roll-up (汇总), year-over-year comparison, next year's form, generated
narrative and collection summaries.

This package sits above the adapters (it uses :mod:`govinfo_report.validate` and the codecs) and
below the command line::

    from govinfo_report.collect import rollup, compare, next_year, narrate

    total = rollup(reports, agency="某县人民政府")     # exact sums, a valid AnnualReport
    total.provenance("requests.new_requests.total")   # ((agency, value), ...)
    diff = compare(last_year, this_year)               # cells, indicators, cross-year findings
    form = next_year(this_year)                        # carried over, everything else 0
    narrate(this_year, previous=last_year).text        # the paragraphs of 一、总体情况

Examples:
    >>> import govinfo_report as gr
    >>> from govinfo_report.collect import next_year
    >>> next_year(gr.load("examples/city-2024.yaml")).metadata.year
    2025
"""

from __future__ import annotations

from ._common import CollectionError, load_report, sum_cells, write_report
from ._rollup import (
    CellDifference,
    Rollup,
    RollupCheck,
    Roster,
    Source,
    Verdict,
    check_rollup,
    rollup,
    rollup_tree,
)
from .compare import CellChange, Comparison, IndicatorChange, Series, compare, compare_series
from .indicators import INDICATORS, Indicator, indicator_values
from .narrate import Narrative, fill, narrate
from .next_year import blank_report, next_year
from .summary import SummaryRow, summary_csv, summary_html, summary_rows

__all__ = [
    "INDICATORS",
    "CellChange",
    "CellDifference",
    "CollectionError",
    "Comparison",
    "Indicator",
    "IndicatorChange",
    "Narrative",
    "Rollup",
    "RollupCheck",
    "Roster",
    "Series",
    "Source",
    "SummaryRow",
    "Verdict",
    "blank_report",
    "check_rollup",
    "compare",
    "compare_series",
    "fill",
    "indicator_values",
    "load_report",
    "narrate",
    "next_year",
    "rollup",
    "rollup_tree",
    "sum_cells",
    "summary_csv",
    "summary_html",
    "summary_rows",
    "write_report",
]

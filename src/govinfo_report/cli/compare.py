"""``govinfo-report compare``: this year against last year, or a series of years.

Two files give every comparable cell (previous, current, change, ratio), the indicators and the
validator's cross-year findings; more files give one column per year.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..collect import CollectionError, compare, compare_series
from ..collect.compare import (
    comparison_json,
    comparison_rows,
    series_json,
    series_rows,
    table,
    to_csv,
)
from . import EXIT_FINDINGS, EXIT_OK
from ._collect import read_reports
from ._common import add_command, add_output, fail, usage_error, write_text

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``compare`` sub-command.

    Examples:
        >>> from govinfo_report.cli import build_parser
        >>> build_parser().parse_args(["compare", "a.yaml", "b.yaml", "--all"]).files
        ['a.yaml', 'b.yaml']
    """
    parser = add_command(
        subparsers,
        "compare",
        _run,
        help="compare a body's reports year over year (cells, indicators, cross-year findings)",
        description=(
            "Compare LAST_YEAR with THIS_YEAR: every cell both formats have, with its change "
            "and ratio, the indicators people quote (公开率, 结转率, 复议纠错率 ...) and the "
            "cross-year findings. With more than two files, one column per year."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="the reports, oldest first")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument(
        "--all", action="store_true", help="list every cell, also those zero in every year"
    )
    add_output(parser, "also write the output to this file")


def _text(args: argparse.Namespace, reports: list[Any]) -> str:
    if len(reports) == 2:
        diff = compare(reports[0], reports[1])
        if args.format == "json":
            return comparison_json(diff)
        rows = comparison_rows(diff, everything=args.all)
        if args.format == "csv":
            return to_csv(rows)
        lines = [table(rows)]
        for finding in diff.findings:
            lines.append(f"{finding.severity.value}  {finding.code}  {finding.message_zh}")
        return "\n".join(lines) + "\n"
    series = compare_series(reports)
    if args.format == "json":
        return series_json(series)
    rows = series_rows(series, everything=args.all)
    return to_csv(rows) if args.format == "csv" else table(rows) + "\n"


def _run(args: argparse.Namespace) -> int:
    if len(args.files) < 2:
        return usage_error("请给出至少两份报告 / give at least two reports to compare")
    read = read_reports(args.files)
    if read is None:
        return EXIT_FINDINGS
    reports, _ = read
    if len(reports) == 2 and reports[0].metadata.year > reports[1].metadata.year:
        reports.reverse()
    try:
        text = _text(args, reports)
    except CollectionError as exc:
        fail(exc)
        return EXIT_FINDINGS
    sys.stdout.write(text)
    return write_text(args.output, text) if args.output else EXIT_OK

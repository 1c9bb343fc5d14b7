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
from ..io import atomic_write
from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ._collect import read_reports
from ._common import eprint, fail

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``compare`` sub-command.

    Examples:
        >>> import argparse
        >>> from govinfo_report.cli import compare
        >>> parser = argparse.ArgumentParser(prog="govinfo-report")
        >>> compare.register(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["compare", "a.yaml", "b.yaml", "--all"]).files
        ['a.yaml', 'b.yaml']
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "compare",
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
    parser.add_argument("-o", "--output", help="also write the output to this file")
    parser.set_defaults(handler=_run)


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
        eprint("错误 / error: 请给出至少两份报告 / give at least two reports to compare")
        return EXIT_USAGE
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
    if args.output:
        try:
            atomic_write(args.output, text.encode("utf-8"))
        except OSError as exc:
            fail(exc, args.output)
            return EXIT_FINDINGS
    return EXIT_OK

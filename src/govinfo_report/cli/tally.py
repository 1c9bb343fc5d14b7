"""``govinfo-report tally``: count the request and case ledgers into tables 三 and 四."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import GovInfoReportError
from ..io import EXTENSIONS, dump, load
from ..ledger import read_ledger, report_from_ledgers, tally_cases, tally_requests
from . import EXIT_FINDINGS, EXIT_OK
from ._common import add_command, add_output, fail, unknown_output_type, usage_error

__all__ = ["register"]

T = TypeVar("T")


def register(subparsers: Any) -> None:
    """Add the ``tally`` sub-command.

    Examples:
        >>> from govinfo_report.cli import build_parser
        >>> args = ["tally", "--year", "2024", "--agency", "某县", "--requests", "r.csv"]
        >>> build_parser().parse_args([*args, "-o", "report.yaml"]).requests
        'r.csv'
    """
    parser = add_command(
        subparsers,
        "tally",
        _run,
        help="count a request ledger (and a case ledger) into tables 三 and 四 of a report",
        description=(
            "Count the ledger of requests (依申请公开台账) into table 三 and the ledger of reviews "
            "and lawsuits into table 四, and write the report (see docs/ledger.md). Section 二 "
            "and the narrative come from --base, otherwise from the blank form of `new` (section "
            "二's stock carried from --previous)."
        ),
    )
    parser.add_argument("--year", type=int, required=True, help="the reporting year")
    parser.add_argument("--agency", required=True, help="the reporting body (报告主体)")
    parser.add_argument("--requests", required=True, help="the request ledger (.csv or .xlsx)")
    parser.add_argument("--cases", help="the review and lawsuit ledger (.csv or .xlsx)")
    parser.add_argument("--sheet", help="the sheet of an .xlsx ledger (default: the first)")
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="read another header as a ledger field, e.g. 类别=applicant_type (repeatable)",
    )
    parser.add_argument("--base", help="a report giving section 二 and the narrative")
    parser.add_argument(
        "--previous", help="last year's report: its 结转下年度 must equal the ledger's 上年结转"
    )
    add_output(parser, "the report to write (.yaml, .json, .toml, .xlsx)", required=True)


def _run(args: argparse.Namespace) -> int:
    unknown = unknown_output_type(args.output, EXTENSIONS)
    if unknown:
        return usage_error(unknown)
    columns: dict[str, str] = {}
    for pair in args.column:
        header, _, field = pair.partition("=")
        if not header.strip() or not field.strip():
            return usage_error(f"--column 应为 列名=字段 / --column takes HEADER=FIELD: {pair}")
        columns[header.strip()] = field.strip()
    failed = False

    def step(where: str, run: Callable[[], T]) -> T | None:
        """Run one step; on an error, say so (naming the file) and go on to the next."""
        nonlocal failed
        try:
            return run()
        except (GovInfoReportError, OSError, ValueError) as exc:
            fail(exc, where)
            failed = True
            return None

    base = step(args.base, lambda: load(args.base)) if args.base else None
    previous = step(args.previous, lambda: load(args.previous)) if args.previous else None
    requests = step(
        args.requests,
        lambda: tally_requests(
            read_ledger(args.requests, sheet=args.sheet),
            args.year,
            previous=previous,
            columns=columns,
        ),
    )
    cases = (
        step(
            args.cases,
            lambda: tally_cases(
                read_ledger(args.cases, sheet=args.sheet), args.year, columns=columns
            ),
        )
        if args.cases
        else None
    )
    if failed or requests is None:
        return EXIT_FINDINGS
    if base is None:
        # Without --base: the blank form of `new` (next year's form from --previous when it is
        # last year's, so section 二's stock figures are carried), tables 三 and 四 replaced.
        from ..collect import blank_report, next_year

        consecutive = previous is not None and previous.metadata.year == args.year - 1
        form = next_year(previous) if consecutive and previous is not None else None
        if form is None or form.format_version is not requests.format_version:
            form = blank_report(args.agency, args.year)
        base = form if form.format_version is requests.format_version else None
    done = step(
        args.output,
        lambda: dump(
            report_from_ledgers(args.agency, args.year, requests, cases, base=base), args.output
        ),
    )
    return EXIT_FINDINGS if done is None else EXIT_OK

"""``govinfo-report tally``: count the request and case ledgers into tables 三 and 四."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import GovInfoReportError
from ..io import EXTENSIONS, dump, load
from ..ledger import read_ledger, report_from_ledgers, tally_cases, tally_requests
from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ._common import eprint, fail

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``tally`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "tally",
        help="count a request ledger (and a case ledger) into tables 三 and 四 of a report",
        description=(
            "Count the ledger of requests (依申请公开台账) into table 三 and the ledger of reviews "
            "and lawsuits into table 四, and write the report (see docs/ledger.md). Section 二 "
            "and the narrative come from --base, otherwise they are left blank to fill in."
        ),
    )
    parser.add_argument("--year", type=int, required=True, help="the reporting year")
    parser.add_argument("--agency", required=True, help="the reporting body (报告主体)")
    parser.add_argument("--requests", required=True, help="the request ledger (.csv or .xlsx)")
    parser.add_argument("--cases", help="the review and lawsuit ledger (.csv or .xlsx)")
    parser.add_argument("--sheet", help="the sheet of an .xlsx ledger (default: the first)")
    parser.add_argument("--base", help="a report giving section 二 and the narrative")
    parser.add_argument(
        "--previous", help="last year's report: its 结转下年度 must equal the ledger's 上年结转"
    )
    parser.add_argument(
        "-o", "--output", required=True, help="the report to write (.yaml, .json, .toml, .xlsx)"
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    suffix = Path(args.output).suffix.lower()
    if suffix not in EXTENSIONS:
        eprint(
            f"错误 / error: 无法识别的输出文件类型 / unknown output file type '{suffix}' "
            f"(known: {', '.join(EXTENSIONS)}): {args.output}"
        )
        return EXIT_USAGE
    where = args.requests
    try:
        base = load(args.base) if args.base else None
        previous = load(args.previous) if args.previous else None
        requests = tally_requests(
            read_ledger(args.requests, sheet=args.sheet), args.year, previous=previous
        )
        cases = None
        if args.cases:
            where = args.cases
            cases = tally_cases(read_ledger(args.cases, sheet=args.sheet), args.year)
        report = report_from_ledgers(args.agency, args.year, requests, cases, base=base)
        dump(report, args.output)
    except (GovInfoReportError, OSError, ValueError) as exc:
        fail(exc, where)
        return EXIT_FINDINGS
    return EXIT_OK

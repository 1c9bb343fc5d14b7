"""``govinfo-report narrate``: the paragraphs an office writes about its own numbers.

Prints the 依申请公开 paragraph, the paragraph on 行政复议 and 行政诉讼 and, with --previous, the
year-on-year sentence; with --fill writes them into the report's empty 一、（二）依申请公开 part.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..collect import fill, load_report, narrate, write_report
from ..errors import GovInfoReportError
from ..io import EXTENSIONS, atomic_write
from . import EXIT_FINDINGS, EXIT_OK
from ._common import add_command, add_output, eprint, fail, usage_error

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``narrate`` sub-command.

    Examples:
        >>> from govinfo_report.cli import build_parser
        >>> build_parser().parse_args(["narrate", "r.yaml", "--previous", "p.yaml"]).previous
        'p.yaml'
    """
    parser = add_command(
        subparsers,
        "narrate",
        _run,
        help="write the paragraphs about a report's numbers (依申请公开, 复议诉讼, 同比)",
        description=(
            "Generate the paragraphs of 一、总体情况 about the report's own numbers, in the "
            "official register, from the tables only. --fill writes them into the report's "
            "empty 依申请公开 part (the report file itself unless -o is given)."
        ),
    )
    parser.add_argument("report", metavar="REPORT", help="the report (a model file)")
    parser.add_argument("--previous", metavar="LAST_YEAR", help="last year's report, for 同比")
    add_output(parser, "write here instead of standard output")
    parser.add_argument(
        "--fill", action="store_true", help="write the paragraphs into the report's empty part"
    )


def _run(args: argparse.Namespace) -> int:
    try:
        report = load_report(args.report)
        previous = load_report(args.previous) if args.previous else None
        narrative = narrate(report, previous)
        if args.fill:
            target = args.output or args.report
            if not any(target.lower().endswith(ext) for ext in EXTENSIONS):
                return usage_error("--fill 需要 .yaml/.json/.toml 文件 / --fill needs a model file")
            if report.overview.on_request:
                eprint(
                    "提示 / note: 依申请公开部分已有文字，未改动 / the 依申请公开 part already has "
                    "text; left as it is"
                )
            write_report(fill(report, narrative), target)
            return EXIT_OK
        text = narrative.text + "\n"
        if args.output:
            atomic_write(args.output, text.encode("utf-8"))
        else:
            sys.stdout.write(text)
    except (GovInfoReportError, OSError) as exc:
        fail(exc)
        return EXIT_FINDINGS
    return EXIT_OK

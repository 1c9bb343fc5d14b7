"""``govinfo-report new``: next year's report from last year's, or a blank form.

YAML forms carry each key's Chinese label as a comment and a header saying what to fill, and
load as a valid report once filled in.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..collect import blank_report, load_report, next_year, write_report
from ..collect.texts import BLANK_HEADER, NEXT_YEAR_HEADER
from ..errors import GovInfoReportError
from ..taxonomy import Scope
from . import EXIT_FINDINGS, EXIT_OK
from ._common import add_command, add_output, eprint, fail, say_error, usage_error

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``new`` sub-command.

    Examples:
        >>> from govinfo_report.cli import build_parser
        >>> args = ["new", "--agency", "某县司法局", "--year", "2024", "-o", "blank.yaml"]
        >>> build_parser().parse_args(args).year
        2024
    """
    parser = add_command(
        subparsers,
        "new",
        _run,
        help="start next year's report from last year's, or write a blank form",
        description=(
            "With --from LAST_YEAR: next year's report, 上年结转 taken from last year's 结转下年度 "
            "and the stock figures carried, everything else 0 and empty. With --agency and "
            "--year: a blank form. YAML output carries each key's Chinese label as a comment."
        ),
    )
    parser.add_argument("--from", dest="previous", metavar="LAST_YEAR", help="last year's report")
    parser.add_argument("--agency", help="the reporting body (blank form)")
    parser.add_argument("--year", type=int, help="the reporting year (blank form)")
    parser.add_argument(
        "--scope", choices=[s.value for s in Scope], default=Scope.AGENCY_ONLY.value
    )
    add_output(parser, "the form to write (.yaml, .json, .toml)", required=True)
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def _run(args: argparse.Namespace) -> int:
    if (args.previous is None) == (args.agency is None or args.year is None):
        return usage_error(
            "请给出 --from 上年报告，或 --agency 与 --year / give --from LAST_YEAR, "
            "or both --agency and --year"
        )
    if Path(args.output).exists() and not args.force:
        say_error(
            f"文件已存在，未覆盖（可用 --force） / {args.output} exists; not overwritten (use --force)"
        )
        return EXIT_FINDINGS
    try:
        if args.previous is not None:
            previous = load_report(args.previous)
            report = next_year(previous)
            header = NEXT_YEAR_HEADER.format(
                title=report.title, previous_year=previous.metadata.year
            )
        else:
            report = blank_report(args.agency, args.year, args.scope)
            header = BLANK_HEADER.format(title=report.title)
        write_report(report, args.output, header=header)
    except (GovInfoReportError, OSError) as exc:
        fail(exc)
        return EXIT_FINDINGS
    eprint(f"已写入 / written: {args.output}")
    return EXIT_OK

"""``govinfo-report convert``: read a report in one format and write it in another."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..codec import dumps
from ..errors import GovInfoReportError
from ..io import dump, load
from . import EXIT_FINDINGS, EXIT_OK
from ._common import fail

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``convert`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "convert",
        help="convert a report between JSON, YAML and TOML (checking it on the way)",
        description="Read a report (.json/.yaml/.toml), check it, and write it in another format.",
    )
    parser.add_argument("report", help="the report file")
    parser.add_argument("-o", "--output", help="output file (format from its extension)")
    parser.add_argument(
        "--to", choices=("json", "yaml", "toml"), default=None, help="format for standard output"
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    try:
        report = load(args.report)
        if args.output:
            dump(report, args.output)
        else:
            sys.stdout.write(dumps(report, args.to or "json"))
    except (GovInfoReportError, OSError) as exc:
        fail(exc, args.report)
        return EXIT_FINDINGS
    return EXIT_OK

"""``govinfo-report convert``: read a report in one format and write it in another."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..codec import dumps
from ..errors import GovInfoReportError
from ..io import EXTENSIONS, dump, load
from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ._common import eprint, fail, missing_output_folder

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
    known = ", ".join(EXTENSIONS)
    if args.output and Path(args.output).suffix.lower() not in EXTENSIONS:
        eprint(
            f"错误 / error: 无法识别的输出文件类型 / unknown output file type "
            f"'{Path(args.output).suffix}' (known: {known}): {args.output}"
        )
        return EXIT_USAGE
    missing = missing_output_folder(args.output) if args.output else None
    if missing:
        eprint(f"错误 / error: {missing}")
        return EXIT_USAGE
    if Path(args.report).is_dir():
        eprint(
            f"错误 / error: 请给出报告文件而不是文件夹 / give a report file, not a folder: "
            f"{args.report}"
        )
        return EXIT_USAGE
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

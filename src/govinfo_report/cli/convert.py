"""``govinfo-report convert``: read a report in one format and write it in another."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..codec import dumps
from ..errors import GovInfoReportError
from ..io import EXTENSIONS, atomic_write, dump, load
from . import EXIT_FINDINGS, EXIT_OK
from ._common import (
    add_command,
    add_output,
    fail,
    missing_output_folder,
    unknown_output_type,
    usage_error,
)

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``convert`` sub-command.

    Examples:
        >>> from govinfo_report.cli import build_parser
        >>> build_parser().parse_args(["convert", "a.yaml", "-o", "a.json"]).output
        'a.json'
    """
    parser = add_command(
        subparsers,
        "convert",
        _run,
        help="convert a report between JSON, YAML, TOML and Excel (checking it on the way)",
        description=(
            "Read a report (.json/.yaml/.toml/.xlsx), check it, and write it in another format "
            "(an .xlsx is a form with formulas and live checks, see docs/excel.md). With --wide, "
            "several reports become one collection workbook (one row per report), and a "
            "collection workbook becomes one file per report in the folder given by -o."
        ),
    )
    parser.add_argument("report", nargs="+", help="the report file(s)")
    add_output(parser, "output file (format from its extension)")
    parser.add_argument(
        "--to", choices=("json", "yaml", "toml"), default=None, help="format for standard output"
    )
    parser.add_argument(
        "--wide",
        action="store_true",
        help="collection workbook: one row per report, one column per cell (docs/excel.md)",
    )


def _run(args: argparse.Namespace) -> int:
    if args.wide:
        return _run_wide(args)
    if len(args.report) > 1:
        return usage_error(
            "一次只能转换一个报告（多个报告请用 --wide） / give one report (or use --wide)"
        )
    (report_path,) = args.report
    unknown = unknown_output_type(args.output, EXTENSIONS) if args.output else None
    missing = unknown or missing_output_folder(args.output)
    if missing:
        return usage_error(missing)
    if Path(report_path).is_dir():
        return usage_error(
            f"请给出报告文件而不是文件夹 / give a report file, not a folder: {report_path}"
        )
    try:
        report = load(report_path)
        if args.output:
            from ..collect import write_report  # YAML with each key's label as a comment

            write_report(report, args.output)
        else:
            sys.stdout.write(dumps(report, args.to or "json"))
    except (GovInfoReportError, OSError) as exc:
        fail(exc, report_path)
        return EXIT_FINDINGS
    return EXIT_OK


def _run_wide(args: argparse.Namespace) -> int:
    from ..codec import xlsx

    if not args.output:
        return usage_error("--wide 需要 -o / --wide needs -o (an .xlsx, or a folder to split into)")
    out = Path(args.output)
    where = args.report[0]
    try:
        if out.suffix.lower() == ".xlsx":
            reports = []
            for name in args.report:
                where = name
                reports.append(load(name))
            where = args.output
            atomic_write(out, xlsx.dumps_wide(reports))
            return EXIT_OK
        if len(args.report) != 1 or not out.is_dir():
            return usage_error(
                "--wide: 输出应为 .xlsx，或一个已存在的文件夹（拆分一个汇总工作簿） / the output "
                "must be an .xlsx, or an existing folder to split one collection workbook into"
            )
        extension = args.to or "yaml"
        reports = xlsx.loads_wide(Path(where).read_bytes(), source=where)
        for number, report in enumerate(reports, start=1):
            name = f"{number:03d}-{report.metadata.agency}-{report.metadata.year}.{extension}"
            dump(report, out / name.replace("/", "_"))
    except (GovInfoReportError, OSError) as exc:
        fail(exc, where)
        return EXIT_FINDINGS
    return EXIT_OK

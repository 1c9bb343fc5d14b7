"""``govinfo-report render``: reports (.yaml, .json, .toml) to Word (.docx).

One report::

    govinfo-report render report.yaml -o report.docx [--template ours.docx]

A batch (files and folders of reports), rendered across processes with a progress bar::

    govinfo-report render reports/ more.yaml --output-dir out/ [--jobs 4]

Exit codes: 0 every report rendered, 1 a report or the template failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ._common import eprint, expand_folders, fail, missing_output_folder, progress

__all__ = ["register"]

_SUFFIXES = (".yaml", ".yml", ".json", ".toml")


def register(subparsers: Any) -> None:
    """Add the ``render`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "render",
        help="render reports to Word (.docx)",
        description=(
            "Render reports to Word in the official layout: one report with -o, or files and "
            "folders of reports with --output-dir."
        ),
    )
    parser.add_argument(
        "sources", nargs="+", type=Path, metavar="REPORT", help="report files or folders"
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "-o", "--output", type=Path, help="the .docx to write, or a folder for it (one report)"
    )
    where.add_argument("--output-dir", type=Path, help="folder for <name>.docx of each report")
    parser.add_argument("--template", type=Path, help="a custom .docx template")
    parser.add_argument(
        "--jobs", type=int, default=None, help="processes for a batch (default: CPU count)"
    )
    parser.add_argument(
        "--strip-control-chars",
        action="store_true",
        help="remove characters XML cannot hold from the text instead of failing",
    )
    parser.set_defaults(handler=_handle)


def _one(args: argparse.Namespace) -> int:
    from ..errors import GovInfoReportError
    from ..io import load
    from ..render import render

    if len(args.sources) != 1 or args.sources[0].is_dir():
        eprint("错误 / error: -o renders one report file; use --output-dir for several")
        return EXIT_USAGE
    source = args.sources[0]
    output = args.output
    if output.is_dir():  # an existing folder: write <name>.docx into it
        output = output / f"{source.stem}.docx"
    elif output.suffix.lower() != ".docx":
        eprint(
            f"错误 / error: 输出文件须为 .docx / the output must be a .docx file: {output} "
            "(for PDF, convert the .docx, e.g. soffice --headless --convert-to pdf report.docx)"
        )
        return EXIT_USAGE
    missing = missing_output_folder(output)
    if missing:  # the same code as parse -o, render --output-dir and schema -o
        eprint(f"错误 / error: {missing}")
        return EXIT_USAGE
    try:
        report = load(source)
        path = render(
            report,
            output,
            template=args.template,
            strip_control_chars=args.strip_control_chars,
        )
    except (GovInfoReportError, OSError) as exc:
        fail(exc, str(source))
        return EXIT_FINDINGS
    print(f"已生成 / written: {path}")
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from ..errors import GovInfoReportError
    from ..render import render_files

    if not Path(args.output_dir).is_dir():  # exit 2, as for parse -o, render -o, schema -o
        eprint(f"错误 / error: 输出目录不存在 / output folder does not exist: {args.output_dir}")
        return EXIT_USAGE
    # A missing source is a file that cannot be read (exit 1, with the others), as for parse.
    names = expand_folders([str(s) for s in args.sources], _SUFFIXES)
    if isinstance(names, str):
        eprint(f"错误 / error: {names}")
        return EXIT_USAGE
    files = [Path(name) for name in names]
    if args.jobs is not None and args.jobs < 1:
        eprint("错误 / error: --jobs must be at least 1")
        return EXIT_USAGE
    failed = []
    done = 0
    try:
        results = render_files(
            files,
            args.output_dir,
            template=args.template,
            workers=args.jobs,
            strip_control_chars=args.strip_control_chars,
        )
        for result in progress(results, len(files), "render"):
            if result.ok:
                done += 1
            else:
                failed.append(result)
    except (GovInfoReportError, OSError) as exc:
        fail(exc)
        return EXIT_FINDINGS
    for result in sorted(failed, key=lambda r: str(r.source)):
        eprint(f"错误 / error: {result.source}: {result.error}")
    summary = f"{done} 份已生成 / rendered, {len(failed)} 份失败 / failed → {args.output_dir}"
    print(summary, file=sys.stderr if failed else sys.stdout)
    return EXIT_FINDINGS if failed else EXIT_OK


def _handle(args: argparse.Namespace) -> int:
    if args.output is not None:
        return _one(args)
    return _batch(args)

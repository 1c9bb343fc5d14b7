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
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ._common import (
    EXIT_INTERRUPTED,
    describe_os_error,
    eprint,
    expand,
    fail,
    progress,
    writable_folder,
)

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


def _render_one(job: tuple[Path, Path, str | None, bool]) -> str:
    """Render one report file (in a batch worker)."""
    from ..io import load
    from ..render import render

    source, target, template, strip = job
    try:
        render(load(source), target, template=template, strip_control_chars=strip)
    except OSError as exc:  # said once per kind for the batch, not once per file
        raise OSError(exc.errno, describe_os_error(OSError(exc.errno, exc.strerror))) from exc
    return str(target)


def _remove_temporary(job: tuple[Path, Path, str | None, bool]) -> None:
    """Remove the temporary file a killed worker may have left beside its target."""
    target = job[1]
    for temp in target.parent.glob(f".{glob_escape(target.name)}.*.tmp"):
        temp.unlink(missing_ok=True)


def _batch(args: argparse.Namespace) -> int:
    from ..batch import run_batch, terminate_as_interrupt
    from ..errors import GovInfoReportError
    from ..render import get_template
    from ..taxonomy import FormatVersion

    files = expand(args.sources, _SUFFIXES)
    if isinstance(files, str):
        eprint(f"错误 / error: {files}")
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        eprint("错误 / error: --jobs must be at least 1")
        return EXIT_USAGE
    folder: Path = args.output_dir
    problem = writable_folder(folder)
    if problem is not None:  # say so before rendering anything, not once per report after
        eprint(f"错误 / error: {problem}")
        return EXIT_FINDINGS
    targets: dict[Path, Path] = {}
    for source in files:
        target = folder / f"{source.stem}.docx"
        if target in targets:
            eprint(
                f"错误 / error: 两个报告会写入同一个文件 / two reports would write the same file "
                f"{target}: {targets[target]} and {source}"
            )
            return EXIT_FINDINGS
        targets[target] = source
    template = str(args.template) if args.template is not None else None
    try:
        get_template(template, FormatVersion.V2021)  # a broken template fails once, first
    except (GovInfoReportError, OSError) as exc:
        fail(exc)
        return EXIT_FINDINGS
    jobs = [(s, t, template, bool(args.strip_control_chars)) for t, s in targets.items()]
    done = 0
    failed: dict[str, list[Path]] = {}
    try:
        with terminate_as_interrupt():
            outcomes = run_batch(_render_one, jobs, workers=args.jobs, cleanup=_remove_temporary)
            for outcome in progress(outcomes, len(jobs), "render"):
                if outcome.ok:
                    done += 1
                else:
                    failed.setdefault(outcome.error or "", []).append(jobs[outcome.index][0])
    except KeyboardInterrupt:
        eprint(
            f"已中断 / interrupted: {done} 份已生成 / rendered, "
            f"{sum(map(len, failed.values()))} 份失败 / failed, "
            f"{len(jobs) - done - sum(map(len, failed.values()))} 份未处理 / not started → {folder}"
        )
        return EXIT_INTERRUPTED
    for error, sources in sorted(failed.items(), key=lambda item: str(item[1][0])):
        if len(sources) == 1:
            eprint(f"错误 / error: {sources[0]}: {error}")
        else:  # the same error for many files (a full disk, a read-only folder): said once
            eprint(f"错误 / error: {len(sources)} 个文件 / files ({sources[0]}, ...): {error}")
    count = sum(map(len, failed.values()))
    summary = f"{done} 份已生成 / rendered, {count} 份失败 / failed → {folder}"
    print(summary, file=sys.stderr if failed else sys.stdout)
    return EXIT_FINDINGS if failed else EXIT_OK


def _handle(args: argparse.Namespace) -> int:
    if args.output is not None:
        return _one(args)
    return _batch(args)

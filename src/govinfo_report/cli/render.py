"""``govinfo-report render``: reports (.yaml, .json, .toml) to Word, HTML or PDF.

One report (the kind from the extension, or ``--to``)::

    govinfo-report render report.yaml -o report.docx [--template ours.docx]
    govinfo-report render report.yaml -o report.html [--fragment]
    govinfo-report render report.yaml -o report.pdf
    govinfo-report render report.yaml -o report.docx --annotate   # findings as Word comments

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

from ..io import MISSING_FOLDER
from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ._common import (
    EXIT_INTERRUPTED,
    add_command,
    add_jobs,
    add_output,
    describe_os_error,
    eprint,
    expand_folders,
    fail,
    missing_output_folder,
    progress,
    say_error,
    usage_error,
    writable_folder,
)

__all__ = ["register"]

_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
_KINDS = {".docx": "docx", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def register(subparsers: Any) -> None:
    """Add the ``render`` sub-command.

    Examples:
        >>> from govinfo_report.cli import build_parser
        >>> build_parser().parse_args(["render", "a.yaml", "-o", "a.docx"]).command
        'render'
    """
    parser = add_command(
        subparsers,
        "render",
        _handle,
        help="render reports to Word (.docx), HTML or PDF",
        description=(
            "Render reports in the official layout to Word, HTML (a page, or a fragment for a "
            "CMS) or PDF (through LibreOffice): one report with -o, or files and folders of "
            "reports with --output-dir."
        ),
    )
    parser.add_argument(
        "sources", nargs="+", type=Path, metavar="REPORT", help="report files or folders"
    )
    where = parser.add_mutually_exclusive_group(required=True)
    add_output(
        where, "the .docx, .html or .pdf to write, or a folder for it (one report)", path=True
    )
    where.add_argument("--output-dir", type=Path, help="folder for <name>.docx of each report")
    parser.add_argument(
        "--to",
        choices=("docx", "html", "pdf"),
        help="the output kind (default: from the -o extension, else docx)",
    )
    parser.add_argument(
        "--fragment",
        action="store_true",
        help="HTML: only the report body with inline styles, to paste into a CMS editor",
    )
    parser.add_argument(
        "--annotate",
        action="store_true",
        help="Word: write the report's findings into the .docx as comments (批注)",
    )
    parser.add_argument("--template", type=Path, help="a custom .docx template")
    add_jobs(parser, "processes for a batch (default: CPU count)")
    parser.add_argument(
        "--strip-control-chars",
        action="store_true",
        help="remove characters XML cannot hold from the text instead of failing",
    )


def _kind(args: argparse.Namespace) -> str | None:
    """The output kind from ``--to`` or the extension of ``-o``; ``None`` after a usage error."""
    kind: str = args.to or "docx"
    output = args.output
    if output is not None and not output.is_dir():
        by_suffix = _KINDS.get(output.suffix.lower())
        if by_suffix is None or (args.to and by_suffix != args.to):
            usage_error(
                f"输出文件须为 .{args.to or 'docx、.html 或 .pdf'} / the output "
                f"must be a {args.to or '.docx, .html or .pdf'} file: {output}"
            )
            return None
        kind = by_suffix
    if args.fragment and kind != "html":
        usage_error("--fragment 只用于 HTML / --fragment is for HTML output only")
        return None
    if args.annotate and kind != "docx":
        usage_error("--annotate 只用于 Word / --annotate is for .docx output only")
        return None
    return kind


def _write_one(report: Any, output: Path, kind: str, args: argparse.Namespace) -> str:
    """Render one report; returns the line to print."""
    from ..render import render, render_html, render_pdf

    options = {"strip_control_chars": args.strip_control_chars}
    if kind == "html":
        return str(render_html(report, output, fragment=args.fragment, **options))
    if kind == "pdf":
        return str(render_pdf(report, output, template=args.template, **options))
    if args.annotate:
        from ..review import render_annotated

        result = render_annotated(report, output, template=args.template, **options)
        counts = "，".join(f"{s} {n}" for s, n in result.counts.items())
        return f"{output}（批注 / comments: {counts}）"
    return str(render(report, output, template=args.template, **options))


def _one(args: argparse.Namespace) -> int:
    from ..errors import GovInfoReportError
    from ..io import load

    if len(args.sources) != 1 or args.sources[0].is_dir():
        return usage_error("-o renders one report file; use --output-dir for several")
    kind = _kind(args)
    if kind is None:
        return EXIT_USAGE
    source = args.sources[0]
    output = args.output
    if output.is_dir():  # an existing folder: write <name>.<kind> into it
        output = output / f"{source.stem}.{kind}"
    missing = missing_output_folder(output)
    if missing:  # the same code as parse -o, render --output-dir and schema -o
        return usage_error(missing)
    try:
        report = load(source)
        written = _write_one(report, output, kind, args)
    except (GovInfoReportError, OSError) as exc:
        fail(exc, str(source))
        return EXIT_FINDINGS
    print(f"已生成 / written: {written}")
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
    from ..render import get_template, output_paths
    from ..taxonomy import FormatVersion

    kind = _kind(args)
    if kind is None:
        return EXIT_USAGE
    if kind == "html" or args.annotate:
        return usage_error("批量输出支持 docx 和 pdf / a batch renders docx or pdf only")
    if not Path(args.output_dir).is_dir():  # exit 2, as for parse -o, render -o, schema -o
        return usage_error(f"{MISSING_FOLDER}: {args.output_dir}")
    # A missing source is a file that cannot be read (exit 1, with the others), as for parse.
    names = expand_folders([str(s) for s in args.sources], _SUFFIXES)
    if isinstance(names, str):
        return usage_error(names)
    files = [Path(name) for name in names]
    if args.jobs is not None and args.jobs < 1:
        return usage_error("--jobs must be at least 1")
    folder: Path = args.output_dir
    problem = writable_folder(folder)
    if problem is not None:  # say so before rendering anything, not once per report after
        say_error(problem)
        return EXIT_FINDINGS
    if kind == "pdf":
        return _batch_pdf(args, files)
    template = str(args.template) if args.template is not None else None
    try:
        targets = output_paths(files, folder)
        get_template(template, FormatVersion.V2021)  # a broken template fails once, first
    except (GovInfoReportError, OSError) as exc:
        fail(exc)
        return EXIT_FINDINGS
    jobs = [(s, t, template, bool(args.strip_control_chars)) for s, t in targets]
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
            say_error(f"{sources[0]}: {error}")
        else:  # the same error for many files (a full disk, a read-only folder): said once
            say_error(f"{len(sources)} 个文件 / files ({sources[0]}, ...): {error}")
    return _finished(done, sum(map(len, failed.values())), folder)


def _finished(done: int, failed: int, folder: Path) -> int:
    """Say how a batch ended (on standard error when a file failed); returns the exit code."""
    line = f"{done} 份已生成 / rendered, {failed} 份失败 / failed → {folder}"
    print(line, file=sys.stderr if failed else sys.stdout)
    return EXIT_FINDINGS if failed else EXIT_OK


def _batch_pdf(args: argparse.Namespace, files: list[Path]) -> int:
    """PDF for many reports: rendered to .docx, then converted by one LibreOffice start."""
    from ..errors import GovInfoReportError
    from ..render import render_pdf_files

    failed = []
    done = 0
    try:
        results = render_pdf_files(
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
    except KeyboardInterrupt:
        eprint(f"已中断 / interrupted: {done} 份已生成 / rendered → {args.output_dir}")
        return EXIT_INTERRUPTED
    except (GovInfoReportError, OSError) as exc:
        fail(exc)
        return EXIT_FINDINGS
    for result in sorted(failed, key=lambda r: str(r.source)):
        say_error(f"{result.source}: {result.error}")
    return _finished(done, len(failed), args.output_dir)


def _handle(args: argparse.Namespace) -> int:
    if args.output is not None:
        return _one(args)
    return _batch(args)

"""``govinfo-report dataset``: a folder of published reports to Parquet tables and DuckDB.

::

    govinfo-report dataset reports/ archive.zip -o dataset/ [--jobs 4] [--retry-failed]

Writes ``reports.parquet``, ``cells.parquet``, ``findings.parquet`` and ``reports.duckdb``
(docs/dataset.md). A re-run with the same output skips what is done. Exit codes: 0 every input
read, 1 some could not be read (they have a row saying why), 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from ..io import NO_SUCH_PATH
from . import EXIT_FINDINGS, EXIT_OK
from ._common import EXIT_INTERRUPTED, add_command, add_jobs, add_output, eprint, fail, usage_error

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``dataset`` sub-command.

    Examples:
        >>> from govinfo_report.cli import build_parser
        >>> build_parser().parse_args(["dataset", "reports/", "-o", "out"]).output
        PosixPath('out')
    """
    parser = add_command(
        subparsers,
        "dataset",
        _run,
        help="read many published reports into Parquet tables and a DuckDB file",
        description=(
            "Read published reports (files, folders, zip/tar archives) in isolated worker "
            "processes into reports.parquet, cells.parquet, findings.parquet and reports.duckdb. "
            "Resumable: a re-run skips what is done."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or archives")
    add_output(parser, "the dataset folder", required=True, path=True)
    add_jobs(parser, "worker processes (default: CPUs)")
    parser.add_argument(
        "--retry-failed", action="store_true", help="read again the inputs that failed before"
    )
    parser.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="local processes or Dask"
    )
    parser.add_argument("--scheduler", help="a Dask scheduler address (default: a local cluster)")


class _Progress:
    """A progress bar on a terminal; a plain line every few seconds otherwise."""

    def __init__(self) -> None:
        self.start = self.last = time.monotonic()
        self.bar: Any = None

    def __call__(self, summary: Any) -> None:
        todo = summary.total - summary.skipped
        failed = sum(n for (_, status), n in summary.by_kind.items() if status != "ok")
        if sys.stderr.isatty():
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=todo, desc="dataset", unit="file", file=sys.stderr)
            self.bar.update(summary.done - self.bar.n)
            self.bar.set_postfix(failed=failed)
            return
        now = time.monotonic()
        if now - self.last >= 5 or summary.done == todo:
            self.last = now
            rate = summary.done / max(now - self.start, 1e-9)
            eta = (todo - summary.done) / rate if rate else 0
            eprint(
                f"dataset: {summary.done}/{todo} files, {rate:.1f} files/s, "
                f"{failed} failed, ETA {eta:.0f} s"
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _run(args: argparse.Namespace) -> int:
    from ..batch import terminate_as_interrupt
    from ..batch.dataset import DatasetSummary, build_dataset
    from ..errors import GovInfoReportError

    if args.jobs is not None and args.jobs < 1:
        return usage_error("--jobs must be at least 1")
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return usage_error(
            "数据集需要 pyarrow / the dataset needs pyarrow: pip install 'govinfo-report[dataset]'"
        )
    missing = [name for name in args.inputs if not Path(name).exists()]
    if missing:
        return usage_error(f"{NO_SUCH_PATH}: {', '.join(missing)}")
    progress = _Progress()
    summary = DatasetSummary(folder=args.output)

    def track(current: DatasetSummary) -> None:
        nonlocal summary
        summary = current
        progress(current)

    try:
        with terminate_as_interrupt():
            summary = build_dataset(
                args.inputs,
                args.output,
                workers=args.jobs,
                retry_failed=args.retry_failed,
                on_progress=track,
                engine=args.engine,
                scheduler=args.scheduler,
            )
    except KeyboardInterrupt:
        progress.close()
        eprint(
            f"已中断 / interrupted: {summary.done} 个文件已写入 / files committed → "
            f"{args.output}/.chunks (再次运行即可继续 / run again to resume)"
        )
        return EXIT_INTERRUPTED
    except (GovInfoReportError, OSError) as exc:
        progress.close()
        fail(exc)
        return EXIT_FINDINGS
    progress.close()
    lines = [f"{kind:5} {status:8} {n}" for (kind, status), n in sorted(summary.by_kind.items())]
    failed = sum(n for (_, status), n in summary.by_kind.items() if status != "ok")
    print(
        f"{summary.done} 个文件已读 / files read, {summary.skipped} 个已在数据集中 / already done, "
        f"{failed} 个失败 / failed → {args.output}"
    )
    for line in lines:
        print(f"  {line}")
    return EXIT_FINDINGS if failed else EXIT_OK

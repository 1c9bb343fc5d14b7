"""Helpers shared by the sub-commands: their arguments, error printing, output and batches."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..errors import GovInfoReportError
from ..io import IS_A_FOLDER, NO_SUCH_PATH, atomic_write, missing_folder

__all__ = [
    "EXIT_INTERRUPTED",
    "add_command",
    "add_jobs",
    "add_output",
    "describe_os_error",
    "eprint",
    "error_text",
    "expand",
    "expand_folders",
    "fail",
    "in_order",
    "missing_output_folder",
    "printable",
    "progress",
    "say_error",
    "unknown_output_type",
    "usage_error",
    "writable_folder",
    "write_text",
]

EXIT_INTERRUPTED = 130
"""Exit status after Ctrl-C or SIGTERM (128 + SIGINT), once the workers are stopped."""


T = TypeVar("T")
R = TypeVar("R")


_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"  # also a valid escape inside a JSON string


def printable(text: str) -> str:
    r"""Text safe to print on a terminal and to write as UTF-8: escapes instead of raw codes.

    Control characters (but line breaks and tabs), bidirectional overrides (which make a file
    name read backwards) and lone surrogates are written as ``\u001b``, ``\u202e`` (escapes
    that JSON reads back as the same characters); a byte of a file name that is not UTF-8 (a GBK
    name from a Windows zip) as ``\xb9``.

    Example::

        >>> printable("a\x1b[31mb\u202ec")
        'a\\u001b[31mb\\u202ec'
        >>> printable("报告\udcb9.txt")
        '报告\\xb9.txt'
    """
    return _UNPRINTABLE.sub(_escape, text)


def eprint(*parts: object) -> None:
    """Print to standard error, escaping what a terminal would act on (see :func:`printable`)."""
    print(*(printable(str(part)) for part in parts), file=sys.stderr)


def missing_output_folder(output: str | Path | None) -> str | None:
    """The usage error for an output whose folder does not exist, or ``None`` (also for no output).

    Checked before any work, with the same exit code (2) for every command that writes.

    Example::

        >>> missing_output_folder("no/such/folder/x.json")
        '输出目录不存在 / output folder does not exist: no/such/folder'
        >>> missing_output_folder(None) is None
        True
    """
    if output is None:
        return None
    return missing_folder(Path(output).parent)


def say_error(message: str, where: str | None = None) -> None:
    """Say an error on standard error, naming ``where`` (a file) unless the message does.

    Example::

        >>> import contextlib, io
        >>> with contextlib.redirect_stderr(io.StringIO()) as err:
        ...     say_error("broken", "a.yaml")
        ...     say_error("cannot read a.yaml", "a.yaml")
        >>> err.getvalue().splitlines()
        ['错误 / error: a.yaml: broken', '错误 / error: cannot read a.yaml']
    """
    prefix = f"{where}: " if where and where not in message else ""
    eprint(f"错误 / error: {prefix}{message}")


def error_text(exc: GovInfoReportError | OSError | KeyboardInterrupt) -> str:
    """What went wrong, for a person: an OS error described in both languages, else the
    library's own (bilingual) message.

    Example::

        >>> error_text(PermissionError(13, "Permission denied", "a.yaml"))
        '没有权限 / permission denied: a.yaml'
    """
    if isinstance(exc, OSError) and not isinstance(exc, GovInfoReportError):
        return describe_os_error(exc)
    return str(exc)


def fail(exc: BaseException, where: str | None = None) -> None:
    """Print a library error (or an OS error) for a person, without a traceback."""
    # A SerializationError already names its file ("cannot read the report in X"): once is enough.
    named = getattr(exc, "source", None) == where or (where and where in str(exc))
    prefix = f"{where}: " if where and not named else ""
    if isinstance(exc, GovInfoReportError | OSError | KeyboardInterrupt):
        say_error(f"{prefix}{error_text(exc)}")
    else:  # a bug: still no traceback for the user, but say so
        eprint(
            f"内部错误 / internal error: {prefix}{type(exc).__name__}: {exc} "
            "(please report it; GOVINFO_REPORT_TRACEBACK=1 shows the traceback)"
        )


def progress(items: Iterable[T], total: int, description: str) -> Iterator[T]:
    """Iterate with a progress bar on standard error when there is more than one item."""
    if total <= 1 or not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, desc=description, unit="file", file=sys.stderr)


_OS_ERRORS: tuple[tuple[type[OSError], str], ...] = (
    (FileNotFoundError, "文件不存在 / no such file"),
    (IsADirectoryError, IS_A_FOLDER),
    (NotADirectoryError, "路径中有一段不是文件夹 / part of the path is not a folder"),
    (PermissionError, "没有权限 / permission denied"),
)


def describe_os_error(exc: OSError) -> str:
    """An operating-system error for a person: what went wrong (in both languages), and where."""
    known = next((text for kind, text in _OS_ERRORS if isinstance(exc, kind)), None)
    if exc.strerror and "/" in exc.strerror:
        what = exc.strerror  # our own messages (e.g. a missing output folder) are bilingual
    elif known:
        what = known
    else:
        what = f"文件操作失败 / {exc.strerror or exc or type(exc).__name__}"
    return f"{what}: {exc.filename}" if exc.filename is not None else what


def expand(sources: Sequence[str | Path], suffixes: Sequence[str]) -> list[Path] | str:
    """The files named, and the files with ``suffixes`` in the folders named (sorted).

    Returns a usage-error message instead when a name does not exist or a folder has no such
    file, so that nothing is processed before the whole command line is known to be right.
    """
    files: list[Path] = []
    for source in map(Path, sources):
        if source.is_dir():
            found = sorted(p for p in source.iterdir() if p.suffix.lower() in suffixes)
            if not found:
                return f"文件夹中没有可处理的文件 / no {', '.join(suffixes)} files in {source}"
            files += found
        elif source.exists():
            files.append(source)
        else:
            return f"{NO_SUCH_PATH}: {source}"
    return files


def expand_folders(names: Sequence[str], suffixes: Sequence[str]) -> list[str] | str:
    """Like :func:`expand`, but names that are not folders pass through unchecked.

    For commands that report a missing file with the others (exit 1) rather than as a usage
    error (exit 2).
    """
    files: list[str] = []
    for name in names:
        if Path(name).is_dir():
            found = expand([name], suffixes)
            if isinstance(found, str):
                return found
            files += [str(p) for p in found]
        else:
            files.append(name)
    return files


def writable_folder(folder: Path) -> str | None:
    """Why files cannot be written in ``folder`` (missing, not a folder, read-only), or ``None``.

    Checked by writing and removing a probe file, before a batch starts.

    Example::

        >>> import tempfile
        >>> writable_folder(Path(tempfile.gettempdir())) is None
        True
    """
    import tempfile

    if not folder.is_dir():
        return missing_folder(folder)
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".govinfo-probe-"):
            pass
    except OSError as exc:
        return f"输出目录不可写 / cannot write in the output folder: {describe_os_error(exc)}"
    return None


def unknown_output_type(output: str | Path, known: Collection[str]) -> str | None:
    """The usage error for an output file whose extension is not one of ``known``, or ``None``.

    Example::

        >>> unknown_output_type("report.doc", (".yaml", ".json"))
        "无法识别的输出文件类型 / unknown output file type '.doc' (known: .yaml, .json): report.doc"
    """
    suffix = Path(output).suffix
    if suffix.lower() in known:
        return None
    return (
        f"无法识别的输出文件类型 / unknown output file type '{suffix}' "
        f"(known: {', '.join(known)}): {output}"
    )


def usage_error(message: str) -> int:
    """Say a usage error on standard error; returns the exit code of a usage error (2).

    Example::

        >>> usage_error("give at least one FILE")
        2
    """
    from . import EXIT_USAGE  # the exit codes are the package's; it is loaded by now

    say_error(message)
    return EXIT_USAGE


def write_text(output: str | Path, text: str) -> int:
    """Write ``text`` atomically as UTF-8; on an OS error say so, naming the file.

    Returns the exit code: 0 written, 1 not.

    Example::

        >>> import tempfile
        >>> write_text(Path(tempfile.mkdtemp()) / "out.txt", "报告\\n")
        0
    """
    from . import EXIT_FINDINGS, EXIT_OK

    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as exc:
        fail(exc, str(output))
        return EXIT_FINDINGS
    return EXIT_OK


def add_command(
    subparsers: Any,
    name: str,
    handler: Callable[[argparse.Namespace], int],
    *,
    help: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """Add the sub-command ``name`` run by ``handler``; returns its parser for the arguments.

    Example::

        >>> parser = argparse.ArgumentParser(prog="govinfo-report")
        >>> sub = add_command(parser.add_subparsers(), "hello", lambda args: 0, help="say hello")
        >>> parser.parse_args(["hello"]).handler(None)
        0
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=help, description=description
    )
    parser.set_defaults(handler=handler)
    return parser


def add_output(
    parser: argparse._ActionsContainer,
    help: str,
    *,
    required: bool = False,
    path: bool = False,
) -> None:
    """Add ``-o/--output`` (a ``Path`` when ``path``, else the string given).

    ``parser`` is a parser or one of its argument groups (a mutually exclusive group).

    Example::

        >>> parser = argparse.ArgumentParser()
        >>> add_output(parser, "the file to write")
        >>> parser.parse_args(["-o", "a.json"]).output
        'a.json'
    """
    parser.add_argument("-o", "--output", required=required, type=Path if path else str, help=help)


def add_jobs(parser: argparse.ArgumentParser, help: str) -> None:
    """Add ``--jobs`` (worker processes; ``None``, the number of CPUs, when not given).

    Example::

        >>> parser = argparse.ArgumentParser()
        >>> add_jobs(parser, "processes")
        >>> parser.parse_args(["--jobs", "2"]).jobs, parser.parse_args([]).jobs
        (2, None)
    """
    parser.add_argument("--jobs", type=int, default=None, help=help)


def in_order(
    work: Callable[[T], R], jobs: Sequence[T], description: str
) -> Iterator[tuple[T, R | None, str | None]]:
    """Each job with ``work``'s result, or ``None`` and why it failed, in the order given.

    One job runs here; several run in isolated worker processes (:func:`~govinfo_report.batch
    .run_batch`, with its per-file time and memory limits and a progress bar), so that a file
    that crashes, hangs or explodes is one error, not the end.

    Example::

        >>> list(in_order(abs, [-3], "demo"))
        [(-3, 3, None)]
    """
    if len(jobs) == 1:
        yield jobs[0], work(jobs[0]), None
        return
    from ..batch import run_batch, terminate_as_interrupt

    done: dict[int, tuple[R | None, str | None]] = {}
    following = 0
    with terminate_as_interrupt():
        for outcome in progress(run_batch(work, jobs), len(jobs), description):
            done[outcome.index] = (outcome.value, outcome.error)
            while following in done:
                value, error = done.pop(following)
                yield jobs[following], value, error
                following += 1

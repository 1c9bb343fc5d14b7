"""Helpers shared by the sub-commands: error printing and progress bars."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from ..errors import GovInfoReportError

__all__ = [
    "EXIT_INTERRUPTED",
    "PUBLISHED_SUFFIXES",
    "describe_os_error",
    "eprint",
    "expand",
    "expand_folders",
    "fail",
    "missing_output_folder",
    "printable",
    "progress",
    "writable_folder",
]

EXIT_INTERRUPTED = 130
"""Exit status after Ctrl-C or SIGTERM (128 + SIGINT), once the workers are stopped."""

PUBLISHED_SUFFIXES = (".txt", ".htm", ".html", ".docx", ".pdf")
"""The extensions of published reports picked up from a folder (single files may be any name)."""

T = TypeVar("T")


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


def missing_output_folder(output: str | Path) -> str | None:
    """The usage error for an output whose folder does not exist, or ``None``.

    Checked before any work, with the same exit code (2) for every command that writes.

    Example::

        >>> missing_output_folder("no/such/folder/x.json")
        '输出目录不存在 / output folder does not exist: no/such/folder'
    """
    folder = Path(output).parent
    if str(folder) and not folder.is_dir():
        return f"输出目录不存在 / output folder does not exist: {folder}"
    return None


def fail(exc: BaseException, where: str | None = None) -> None:
    """Print a library error (or an OS error) for a person, without a traceback."""
    # A SerializationError already names its file ("cannot read the report in X"): once is enough.
    named = getattr(exc, "source", None) == where or (where and where in str(exc))
    prefix = f"{where}: " if where and not named else ""
    if isinstance(exc, OSError) and not isinstance(exc, GovInfoReportError):
        eprint(f"错误 / error: {prefix}{describe_os_error(exc)}")
    elif isinstance(exc, GovInfoReportError | KeyboardInterrupt):
        eprint(f"错误 / error: {prefix}{exc}")
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
    (IsADirectoryError, "这是文件夹，不是文件 / this is a folder, not a file"),
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
            return f"文件或文件夹不存在 / no such file or folder: {source}"
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
        return f"输出目录不存在 / output folder does not exist: {folder}"
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".govinfo-probe-"):
            pass
    except OSError as exc:
        return f"输出目录不可写 / cannot write in the output folder: {describe_os_error(exc)}"
    return None

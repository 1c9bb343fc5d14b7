"""Files: load and dump reports by extension, and write any file atomically.

A file is never left half-written: data goes to a temporary file in the same folder, which is
flushed, synced and renamed over the target in one step. :func:`run_child` runs another program
with a time limit, killing it with everything it started.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import IO, Any, NamedTuple

from .codec import dumps, load_data, loads
from .codec.lenient import draft_from_data
from .draft import Draft
from .errors import Problem, SerializationError
from .limits import Limits, default_limits
from .model import AnnualReport

__all__ = [
    "EXTENSIONS",
    "HTML_SUFFIXES",
    "IS_A_FOLDER",
    "MISSING_FOLDER",
    "NO_SUCH_PATH",
    "PUBLISHED_SUFFIXES",
    "ChildRun",
    "atomic_write",
    "check_archive",
    "dump",
    "format_of",
    "import_extra",
    "load",
    "load_lenient",
    "missing_folder",
    "read_bounded",
    "read_data",
    "run_child",
]

EXTENSIONS: dict[str, str] = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".toml": "toml",
    ".xlsx": "xlsx",
}
"""The file extensions :func:`load` and :func:`dump` know, and the codec format of each.

Examples:
    >>> from govinfo_report.io import EXTENSIONS
    >>> EXTENSIONS[".yml"]
    'yaml'
"""

HTML_SUFFIXES: tuple[str, ...] = (".htm", ".html", ".shtml", ".xhtml")
"""The extensions of web pages: a file so named that holds markup is read as HTML.

Examples:
    >>> from govinfo_report.io import HTML_SUFFIXES
    >>> ".shtml" in HTML_SUFFIXES
    True
"""

PUBLISHED_SUFFIXES: tuple[str, ...] = (".txt", *HTML_SUFFIXES, ".docx", ".pdf")
"""The extensions of published reports picked up from a folder (a single file named on its own
may have any name: its kind is sniffed from its content).

Examples:
    >>> from govinfo_report.io import PUBLISHED_SUFFIXES
    >>> PUBLISHED_SUFFIXES[0], PUBLISHED_SUFFIXES[-1]
    ('.txt', '.pdf')
"""


def format_of(path: str | os.PathLike[str]) -> str:
    """The codec format of a file, from its extension.

    Raises:
        SerializationError: for an extension that is not .json, .yaml, .yml, .toml or .xlsx.

    Examples:
        >>> from govinfo_report.io import format_of
        >>> format_of("report.yml"), format_of("report.toml")
        ('yaml', 'toml')
    """
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        known = ", ".join(EXTENSIONS)
        raise SerializationError(
            [Problem("$", f"无法识别的文件类型 / unknown file type {suffix!r} (known: {known})")],
            source=str(path),
        )
    return EXTENSIONS[suffix]


def read_bounded(
    path: str | os.PathLike[str], *, limits: Limits | None = None, limit: str = "max_file_bytes"
) -> bytes:
    """The bytes of a regular file no larger than the limit called ``limit`` (in :class:`Limits`).

    The file is opened without blocking and checked before anything is read: a pipe, a device
    (``/dev/zero``) or a socket is refused at once, a file over the limit is refused by its size,
    and the read itself stops one byte past the limit (a file growing while it is read).

    Examples:
        >>> import tempfile, os
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = os.path.join(folder, "a.txt")
        ...     _ = open(path, "wb").write(b"abc")
        ...     read_bounded(path)
        b'abc'

    Raises:
        LimitExceeded: for a file over the limit.
        OSError: for a missing file (``FileNotFoundError``), a folder (``IsADirectoryError``),
            or something that is not a regular file (``errno.EINVAL``, a bilingual message).
    """
    limits = limits or default_limits()
    bound = int(getattr(limits, limit))
    name = os.fspath(path)
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, IS_A_FOLDER, name)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(
                errno.EINVAL,
                "不是普通文件（设备、管道或套接字）/ not a regular file (a device, pipe or socket)",
                name,
            )
        limits.check(limit, info.st_size, limit=bound, where=name)
        chunks: list[bytes] = []
        remaining = bound + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        limits.check(limit, len(data), limit=bound, where=name)
        return data
    finally:
        os.close(fd)


_RATIO_FLOOR = 1024 * 1024
"""Members smaller than this are not held to the compression ratio (tiny XML compresses well)."""


def check_archive(
    data: bytes,
    *,
    limits: Limits | None = None,
    where: str = "",
    member_limit: str | None = None,
) -> None:
    """Check a ZIP archive (.docx, .xlsx, a template) before anything decompresses it.

    Sums the sizes its members declare (Python's ``zipfile`` never yields more than a member
    declares) against ``max_decompressed_bytes``, holds every member over 1 MiB to
    ``max_compression_ratio``, and, with ``member_limit``, every member to that limit. Data that
    is not a readable ZIP passes: the reader says what is wrong with it.

    Examples:
        >>> import io, zipfile
        >>> buffer = io.BytesIO()
        >>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ...     archive.writestr("word/document.xml", b" " * 3_000_000)
        >>> check_archive(buffer.getvalue())  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        govinfo_report.errors.LimitExceeded: ...max_compression_ratio...

    Raises:
        LimitExceeded: naming the limit and the member.
    """
    import io
    import zipfile

    limits = limits or default_limits()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return
    place = f"{where}: " if where else ""
    total = 0
    for info in members:
        size = info.file_size
        total += size
        if member_limit is not None:
            limits.check(member_limit, size, where=f"{place}{info.filename}")
        if size > _RATIO_FLOOR:
            ratio = size / max(info.compress_size, 1)
            limits.check("max_compression_ratio", round(ratio), where=f"{place}{info.filename}")
    limits.check("max_decompressed_bytes", total, where=where)


def load(path: str | os.PathLike[str], *, limits: Limits | None = None) -> AnnualReport:
    """Read a report from a .json, .yaml, .yml, .toml or .xlsx file.

    ``limits`` bounds the file's size and what the codec expands it to (see
    :mod:`govinfo_report.limits`).

    Raises:
        SerializationError: naming the file and every problem with its path.
        LimitExceeded: for a file past one of the limits.
        FileNotFoundError: if the file does not exist.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> report.metadata.year, report.format_version.value
        (2023, '2021')
    """
    fmt = format_of(path)
    data = read_bounded(path, limits=limits)
    if fmt == "xlsx":
        from .codec import xlsx

        return xlsx.loads(data, source=str(path))
    return loads(data, fmt, source=str(path), limits=limits)


def read_data(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Any:
    """The plain data of a .json, .yaml, .yml or .toml file, fractions read as exact ``Decimal``.

    Raises:
        SerializationError: for an unknown extension or text that is not of its format.
        LimitExceeded: for a file past one of the limits.
        FileNotFoundError: if the file does not exist.

    Examples:
        >>> from govinfo_report.io import read_data
        >>> read_data("examples/hongqi-2023.yaml")["metadata"]["year"]
        2023
    """
    fmt = format_of(path)
    data = read_bounded(path, limits=limits)
    if fmt == "xlsx":
        from .codec import xlsx

        return xlsx.load_data(data, source=str(path))
    return load_data(data, fmt, source=str(path), limits=limits)


def load_lenient(path: str | os.PathLike[str]) -> AnnualReport | Draft:
    """Read a model file for validation: the strict report if it is valid, else a draft.

    The file is read strictly first (the fast path, giving an
    :class:`~govinfo_report.model.AnnualReport`); if that fails, its plain data is read cell by
    cell into a :class:`~govinfo_report.draft.Draft` by
    :func:`govinfo_report.codec.lenient.draft_from_data`, so the validator reports every problem.

    Raises:
        SerializationError: for an extension other than .json/.yaml/.yml/.toml, text that
            cannot be parsed at all, or a document that is not a mapping (a list, a bare value):
            there is no report in it to find problems in.
        FileNotFoundError: if the file does not exist.

    Examples:
        >>> load_lenient("examples/hongqi-2023.yaml").metadata.agency
        '红旗区政务服务和大数据管理局'
    """
    if Path(path).suffix.lower() not in EXTENSIONS:
        format_of(path)  # raises the library's error naming the known extensions
    try:
        return load(path)
    except SerializationError as exc:
        error = exc
    data = read_data(path)
    if not isinstance(data, Mapping):
        raise error
    return draft_from_data(data, source=str(path))


NO_SUCH_PATH = "文件或文件夹不存在 / no such file or folder"
"""What a reader of files or folders says of a name that is neither.

Examples:
    >>> from govinfo_report.io import NO_SUCH_PATH
    >>> NO_SUCH_PATH.split(" / ")[1]
    'no such file or folder'
"""

IS_A_FOLDER = "这是文件夹，不是文件 / this is a folder, not a file"
"""What a reader of one file says when it is given a folder.

Examples:
    >>> from govinfo_report.io import IS_A_FOLDER
    >>> IS_A_FOLDER.split(" / ")[1]
    'this is a folder, not a file'
"""

MISSING_FOLDER = "输出目录不存在 / output folder does not exist"
"""What every writer says when the folder it is to write into does not exist.

Examples:
    >>> from govinfo_report.io import MISSING_FOLDER
    >>> MISSING_FOLDER.split(" / ")[1]
    'output folder does not exist'
"""


def missing_folder(folder: str | os.PathLike[str]) -> str | None:
    """:data:`MISSING_FOLDER` naming ``folder`` when it is not a folder, else ``None``.

    Examples:
        >>> from govinfo_report.io import missing_folder
        >>> missing_folder("no/such/folder")
        '输出目录不存在 / output folder does not exist: no/such/folder'
        >>> missing_folder(".") is None
        True
    """
    path = Path(folder)
    return None if path.is_dir() else f"{MISSING_FOLDER}: {path}"


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], None] | bytes) -> Path:
    """Write a file so that it is either complete or absent; return its path.

    Args:
        path: the target; its folder must exist.
        write: the bytes, or a function that writes them to the binary stream it is given.

    Raises:
        OSError: (e.g. ``FileNotFoundError`` if the target's folder does not exist,
            ``PermissionError``) with ``filename`` set to the target, never the temporary file.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from govinfo_report.io import atomic_write
        >>> folder = Path(tempfile.mkdtemp())
        >>> atomic_write(folder / "a.txt", b"complete or absent").read_bytes()
        b'complete or absent'
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, MISSING_FOLDER, str(target))
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _about(exc, target) from exc
    try:
        with os.fdopen(fd, "wb") as stream:
            if isinstance(write, bytes):
                stream.write(write)
            else:
                write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename in (None, temp):
            raise _about(exc, target) from exc
        raise
    _sync_folder(folder)
    return target


def _about(exc: OSError, target: Path) -> OSError:
    """The same error, naming the file the caller asked for rather than our temporary file."""
    return type(exc)(exc.errno, exc.strerror, str(target))


def _current_umask() -> int:
    """The process umask, without changing it where the system can tell (Linux /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    # Elsewhere reading means setting; restored at once (not thread-safe, like os.umask itself).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    """A replaced file keeps its permissions; a new one gets what open() would give it."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_current_umask()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    flag = getattr(os, "O_DIRECTORY", None)
    if flag is None:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | flag)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def dump(report: AnnualReport, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write a report to a file atomically, in the format of its extension unless ``fmt`` is given.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> path = gr.dump(report, Path(tempfile.mkdtemp()) / "hongqi.json")
        >>> gr.load(path) == report
        True
    """
    fmt = fmt or format_of(path)
    if fmt == "xlsx":
        from .codec import xlsx

        return atomic_write(path, xlsx.dumps(report))
    text = dumps(report, fmt)  # type: ignore[call-overload]
    return atomic_write(path, str(text).encode("utf-8"))


class ChildRun(NamedTuple):
    """What a program run by :func:`run_child` did.

    Examples:
        >>> from govinfo_report.io import ChildRun
        >>> ChildRun(None, b"", b"", 2.0).code is None  # killed at its time limit
        True
    """

    code: int | None
    """Its exit status, or ``None`` when it was killed at the time limit."""
    output: bytes
    """Its standard output (with its standard error when they were merged)."""
    errors: bytes
    """Its standard error (empty when merged into the output)."""
    seconds: float
    """How long it ran."""


_OWN_GROUP = hasattr(os, "killpg")


def run_child(
    command: Sequence[str],
    *,
    timeout: float,
    cwd: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    merge_errors: bool = False,
    before_exec: Callable[[], None] | None = None,
) -> ChildRun:
    """Run ``command`` with no input in a process group of its own; at ``timeout`` seconds
    kill the whole group (the program and whatever it started) and report ``code=None``.

    ``before_exec`` runs in the child before the program starts (e.g. to set resource limits);
    ``merge_errors`` sends standard error to the output.

    Examples:
        >>> import sys
        >>> from govinfo_report.io import run_child
        >>> run_child([sys.executable, "-c", "print('hi')"], timeout=30).output.strip()
        b'hi'
        >>> run_child([sys.executable, "-c", "import time; time.sleep(9)"], timeout=0.5).code
    """
    started = time.monotonic()
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=None if env is None else dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge_errors else subprocess.PIPE,
        start_new_session=_OWN_GROUP,
        preexec_fn=before_exec,  # noqa: PLW1509 - the caller's hook, before exec
    )
    try:
        output, errors = process.communicate(timeout=timeout)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):  # it may have ended just now
            if _OWN_GROUP:
                os.killpg(process.pid, signal.SIGKILL)
            else:  # pragma: no cover - Windows has no process groups to kill
                process.kill()
        output, errors = process.communicate()
        code = None
    return ChildRun(code, output, errors or b"", time.monotonic() - started)


# --- area B (issue 10): the one way a reader imports an optional extra --------------------------


def import_extra(
    module: str,
    extra: str,
    reading: tuple[str, str],
    error: Callable[[str], Exception] = ImportError,
) -> ModuleType:
    """Import ``module`` of an optional extra, or raise ``error`` saying what to install.

    ``reading`` says what needs it, in Chinese and English (``("读取 PDF", "reading PDF")``).

    Examples:
        >>> from govinfo_report.io import import_extra
        >>> import_extra("json", "parse", ("读取 JSON", "reading JSON")).__name__
        'json'
        >>> try:
        ...     import_extra("no_such_module.part", "xlsx", ("读取表格", "reading tables"))
        ... except ImportError as exc:
        ...     print(str(exc).split(" / ")[1])
        reading tables needs no_such_module: pip install 'govinfo-report[xlsx]'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        package = module.split(".", 1)[0]
        install = f"pip install 'govinfo-report[{extra}]'"
        zh, en = reading
        raise error(f"{zh} 需要 {package}：{install} / {en} needs {package}: {install}") from exc

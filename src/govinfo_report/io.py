"""Files: load and dump reports by extension, and write any file atomically.

A file is never left half-written: data goes to a temporary file in the same folder, which is
flushed, synced and renamed over the target in one step.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from .codec import dumps, load_data, loads
from .codec.lenient import draft_from_data
from .draft import Draft
from .errors import Problem, SerializationError
from .model import AnnualReport

__all__ = ["EXTENSIONS", "atomic_write", "dump", "format_of", "load", "load_lenient", "read_data"]

EXTENSIONS: dict[str, str] = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".toml": "toml",
}


def format_of(path: str | os.PathLike[str]) -> str:
    """The codec format of a file, from its extension.

    Raises:
        SerializationError: for an extension that is not .json, .yaml, .yml or .toml.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        known = ", ".join(EXTENSIONS)
        raise SerializationError(
            [Problem("$", f"无法识别的文件类型 / unknown file type {suffix!r} (known: {known})")],
            source=str(path),
        )
    return EXTENSIONS[suffix]


def load(path: str | os.PathLike[str]) -> AnnualReport:
    """Read a report from a .json, .yaml, .yml or .toml file.

    Raises:
        SerializationError: naming the file and every problem with its path.
        FileNotFoundError: if the file does not exist.
    """
    fmt = format_of(path)
    data = Path(path).read_bytes()
    return loads(data, fmt, source=str(path))


def read_data(path: str | os.PathLike[str]) -> Any:
    """The plain data of a .json, .yaml, .yml or .toml file, fractions read as exact ``Decimal``.

    Raises:
        SerializationError: for an unknown extension or text that is not of its format.
        FileNotFoundError: if the file does not exist.
    """
    return load_data(Path(path).read_bytes(), format_of(path), source=str(path))


def load_lenient(path: str | os.PathLike[str]) -> AnnualReport | Draft:
    """Read a model file for validation: the strict report if it is valid, else a draft.

    The file is read strictly first (the fast path, giving an
    :class:`~govinfo_report.model.AnnualReport`); if that fails, its plain data is read cell by
    cell into a :class:`~govinfo_report.draft.Draft` by
    :func:`govinfo_report.codec.lenient.draft_from_data`, so the validator reports every problem.

    >>> load_lenient("examples/hongqi-2023.yaml").metadata.agency
    '红旗区政务服务和大数据管理局'

    Raises:
        SerializationError: for an extension other than .json/.yaml/.yml/.toml, text that
            cannot be parsed at all, or a document that is not a mapping (a list, a bare value):
            there is no report in it to find problems in.
        FileNotFoundError: if the file does not exist.
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


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], None] | bytes) -> Path:
    """Write a file so that it is either complete or absent; return its path.

    Args:
        path: the target; its folder must exist.
        write: the bytes, or a function that writes them to the binary stream it is given.

    Raises:
        OSError: (e.g. ``FileNotFoundError`` if the target's folder does not exist,
            ``PermissionError``) with ``filename`` set to the target, never the temporary file.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        raise FileNotFoundError(
            errno.ENOENT, "输出目录不存在 / output folder does not exist", str(target)
        )
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
    """Write a report to a file atomically, in the format of its extension unless ``fmt`` is given."""
    text = dumps(report, fmt or format_of(path))  # type: ignore[call-overload]
    return atomic_write(path, str(text).encode("utf-8"))

"""Where the renderers write: the output folder checked first, each file written atomically."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import RenderError
from ..io import atomic_write, missing_folder

__all__ = ["require_folder", "write_output"]


def require_folder(folder: str | os.PathLike[str]) -> Path:
    """The output folder as a path, or a :class:`RenderError` naming it when it does not exist.

    Checked before anything is rendered, so that a batch never fails file by file.

    Examples:
        >>> require_folder(".").is_dir()
        True
        >>> require_folder("no/such/folder")
        Traceback (most recent call last):
        govinfo_report.errors.RenderError: 输出目录不存在 / output folder does not exist: no/such/folder
    """
    problem = missing_folder(folder)
    if problem is not None:
        raise RenderError(problem)
    return Path(folder)


def write_output(output: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``output`` atomically; a missing folder is a :class:`RenderError`.

    Examples:
        >>> import tempfile
        >>> write_output(Path(tempfile.mkdtemp()) / "report.html", b"<p>").name
        'report.html'
    """
    try:
        return atomic_write(output, data)
    except FileNotFoundError:
        require_folder(Path(output).parent)  # names the folder
        raise

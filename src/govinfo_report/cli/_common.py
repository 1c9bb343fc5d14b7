"""Helpers shared by the sub-commands: error printing and progress bars."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from ..errors import GovInfoReportError

__all__ = ["eprint", "fail", "progress"]

T = TypeVar("T")


def eprint(*parts: object) -> None:
    """Print to standard error."""
    print(*parts, file=sys.stderr)


def fail(exc: BaseException, where: str | None = None) -> None:
    """Print a library error (or an OS error) for a person, without a traceback."""
    prefix = f"{where}: " if where else ""
    if isinstance(exc, GovInfoReportError | OSError | KeyboardInterrupt):
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

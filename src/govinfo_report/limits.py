"""One table of the limits every reader, template and batch stays within.

Each limit is a field of :class:`Limits` with its default and the reason for it, so the table in
the docs is generated from this module and every check names the limit it enforces. A caller
overrides any of them for one call (``parse(path, limits=Limits(seconds_per_file=5))``) or for the
process (:func:`set_default_limits`). A file past a limit is one clean :class:`LimitExceeded`,
never a hang, a memory blow-up or the end of a run.

Example::

    >>> from govinfo_report.limits import DEFAULT_LIMITS, Limits
    >>> DEFAULT_LIMITS.max_file_bytes
    209715200
    >>> Limits(seconds_per_file=5).seconds_per_file
    5
    >>> DEFAULT_LIMITS.check("max_file_bytes", 6, limit=5)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    govinfo_report.errors.LimitExceeded: ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from .errors import LimitExceeded

__all__ = ["DEFAULT_LIMITS", "LimitSpec", "Limits", "default_limits", "set_default_limits"]

_MiB = 1024 * 1024


def _limit(default: int | float, unit: str, zh: str, en: str) -> Any:
    """A limit field: its default, unit and the reason it exists (Chinese and English)."""
    return attrs.field(default=default, metadata={"unit": unit, "zh": zh, "en": en})


@attrs.frozen
class LimitSpec:
    """One row of the limits table, as documented: name, default value, unit and reason."""

    name: str
    default: int | float
    unit: str
    zh: str
    en: str


@attrs.frozen(kw_only=True)
class Limits:
    """The limits a single call stays within; every field has a default and a reason.

    Fields are grouped by what they bound. Add a limit here, never as a constant in a reader.

    Example::

        >>> Limits().replace(max_file_bytes=10).max_file_bytes
        10
    """

    # --- whole files ---------------------------------------------------------------------------
    max_file_bytes: int = _limit(
        200 * _MiB,
        "bytes",
        "公开年报文件通常小于 10 MB，200 MiB 以上的文件不是年报",
        "published reports are well under 10 MB; a file over 200 MiB is not a report",
    )
    max_decompressed_bytes: int = _limit(
        256 * _MiB,
        "bytes",
        "DOCX/XLSX 等压缩包解压后的总大小上限，防止压缩炸弹",
        "total size of an archive's members once decompressed (zip bombs)",
    )
    max_compression_ratio: int = _limit(
        200,
        "ratio",
        "压缩包成员的压缩比上限；正常 Office 文件在 20 倍以内",
        "largest member compression ratio; real Office files stay under 20×",
    )
    # --- time and memory per file (batch isolation) -------------------------------------------
    seconds_per_file: float = _limit(
        60.0,
        "s",
        "单个文件的处理时间上限；超时的文件记为失败，批处理继续",
        "time for one file; a file past it fails alone and the batch goes on",
    )
    memory_per_file_bytes: int = _limit(
        2048 * _MiB,
        "bytes",
        "单个文件处理进程的内存上限",
        "address space of the worker that reads one file",
    )
    # --- PDF reader and batch (issue 16) ------------------------------------------------------
    max_pdf_pages: int = _limit(
        2000,
        "pages",
        "年报通常不超过 50 页；页数过多的 PDF 不是年报",
        "a report has a few dozen pages; a PDF with thousands is not one",
    )
    max_pdf_chars_per_page: int = _limit(
        50_000,
        "characters",
        "一页 A4 最多数千字；过多字符的页面是构造出来的",
        "an A4 page holds a few thousand characters; more is a crafted page",
    )
    max_pdf_objects_per_page: int = _limit(
        100_000,
        "objects",
        "一页的绘图对象（线条、文字块）上限；表格页面只有数百个",
        "drawing objects (paths, text runs) on one page; a ruled table page has hundreds",
    )
    max_pdf_content_bytes: int = _limit(
        8 * _MiB,
        "bytes",
        "PDF 页面内容流解压后的大小上限；真实页面小于 1 MB",
        "decoded size of one PDF content stream; real pages are well under 1 MB",
    )
    batch_chunk_files: int = _limit(
        200,
        "files",
        "批处理每次提交的文件数；中断最多丢失一个批次",
        "files per committed chunk of a batch; an interrupt loses at most one chunk",
    )
    max_archive_members: int = _limit(
        100_000,
        "members",
        "压缩包（zip/tar）中的成员数上限",
        "members read from one zip or tar archive",
    )

    def replace(self, **changes: Any) -> Limits:
        """A copy with some limits changed."""
        return attrs.evolve(self, **changes)

    def check(
        self, name: str, actual: int | float, *, limit: int | float | None = None, where: str = ""
    ) -> None:
        """Raise :class:`LimitExceeded` when ``actual`` is over the limit called ``name``."""
        bound = getattr(self, name) if limit is None else limit
        if actual > bound:
            raise LimitExceeded(name, bound, actual, where=where)

    @classmethod
    def specs(cls) -> Iterator[LimitSpec]:
        """Every limit with its default, unit and reason, in table order (for the docs)."""
        for field in attrs.fields(cls):
            meta = field.metadata
            yield LimitSpec(field.name, field.default, meta["unit"], meta["zh"], meta["en"])


DEFAULT_LIMITS = Limits()
_default = DEFAULT_LIMITS


def default_limits() -> Limits:
    """The limits used when a call is given none (:data:`DEFAULT_LIMITS` unless changed)."""
    return _default


def set_default_limits(limits: Limits) -> None:
    """Change the limits used by every call in this process that is given none."""
    global _default  # noqa: PLW0603 - one process-wide setting, documented as such
    _default = limits

"""One table of the limits every reader, template and batch stays within.

Each limit is a field of :class:`Limits` with its default and the reason for it, so the table in
the docs is generated from this module and every check names the limit it enforces. A caller
overrides any of them for one call (``parse(path, limits=Limits(seconds_per_file=5))``) or for the
process (:func:`set_default_limits`). A file past a limit is one clean :class:`LimitExceeded`,
never a hang, a memory blow-up or the end of a run.

Examples:
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
    """One row of the limits table, as documented: name, default value, unit and reason.

    Examples:
        >>> from govinfo_report.limits import Limits
        >>> spec = next(s for s in Limits.specs() if s.name == "max_file_bytes")
        >>> spec.unit
        'bytes'
    """

    name: str
    default: int | float
    unit: str
    zh: str
    en: str


@attrs.frozen(kw_only=True)
class Limits:
    """The limits a single call stays within; every field has a default and a reason.

    Fields are grouped by what they bound. Add a limit here, never as a constant in a reader.

    Examples:
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
    # --- publishing: PDF through LibreOffice ----------------------------------------------------
    pdf_seconds_per_file: float = _limit(
        60.0,
        "s",
        "LibreOffice 转换一个文件为 PDF 的时间上限（批量时乘以文件数）；超时即终止，不留半个文件",
        "time LibreOffice may take to convert one file to PDF (times the number of files in a "
        "batch); past it LibreOffice is killed and no partial file is left",
    )

    # --- ledgers and workbooks (issue 14) -------------------------------------------------------
    max_ledger_rows: int = _limit(
        5_000_000,
        "rows",
        "一份台账的行数上限；全国最大的机关一年的申请也在百万件以内",
        "rows of one ledger; even the busiest body receives well under a million requests a year",
    )
    max_workbook_bytes: int = _limit(
        64 * _MiB,
        "bytes",
        "报告工作簿（含汇总工作簿）解压后的大小上限；openpyxl 读入内存约为其十倍",
        "a report or collection workbook once decompressed; openpyxl needs about ten times that",
    )

    # --- error localisation and glued page text (identities) -----------------------------------
    localisation_solutions: int = _limit(
        10,
        "solutions",
        "错误定位列出的最少改动方案数上限；超过即说明答案不唯一",
        "minimal solutions error localisation lists; past it the answer is only said to be ambiguous",
    )
    localisation_seconds: float = _limit(
        10.0,
        "s",
        "一次错误定位求解（混合整数规划）的时间上限；超时则不给出改动建议",
        "time for one localisation (mixed-integer program); past it no correction is proposed",
    )
    glued_row_splits: int = _limit(
        20000,
        "steps",
        "拆分一行粘连数字时的搜索步数上限；超过即视为无法唯一拆分",
        "search steps for splitting one row of glued digits; past it the row is ambiguous",
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
"""The limits every call uses unless given others (see :func:`set_default_limits`).

Examples:
    >>> from govinfo_report.limits import DEFAULT_LIMITS
    >>> DEFAULT_LIMITS.max_file_bytes
    209715200
"""
_default = DEFAULT_LIMITS


def default_limits() -> Limits:
    """The limits used when a call is given none (:data:`DEFAULT_LIMITS` unless changed).

    Examples:
        >>> from govinfo_report.limits import DEFAULT_LIMITS, default_limits
        >>> default_limits() is DEFAULT_LIMITS
        True
    """
    return _default


def set_default_limits(limits: Limits) -> None:
    """Change the limits used by every call in this process that is given none.

    Examples:
        >>> from govinfo_report.limits import DEFAULT_LIMITS, Limits, default_limits, set_default_limits
        >>> set_default_limits(Limits(seconds_per_file=5))
        >>> default_limits().seconds_per_file
        5
        >>> set_default_limits(DEFAULT_LIMITS)
    """
    global _default  # noqa: PLW0603 - one process-wide setting, documented as such
    _default = limits

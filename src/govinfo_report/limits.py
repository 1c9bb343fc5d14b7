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

    # --- hardening (issue 11): codecs, readers, templates ------------------------------------
    max_yaml_nodes: int = _limit(
        100_000,
        "nodes",
        "YAML 展开别名后的节点总数上限；一份年报约有 700 个值，别名可使小文件指数膨胀",
        "YAML nodes once aliases are expanded; a report has about 700 values, and nested "
        "aliases make a small file expand exponentially",
    )
    max_integer_digits: int = _limit(
        4300,
        "digits",
        "数据文件中整数的位数上限（与 Python 的整数转换上限相同）；件数不超过 10 位",
        "digits of an integer in a data file (Python's own int/str bound); a count has at most 10",
    )
    max_characters: int = _limit(
        20_000_000,
        "characters",
        "文本或 HTML 解码后的字符数上限；一份年报约 3 万字",
        "characters of a text or HTML file once decoded; a report has about 30,000",
    )
    max_tokens_per_line: int = _limit(
        5_000,
        "tokens",
        "文本一行中的词元数上限；真实报告一行最多几百个",
        "tokens on one line of text; a real report has a few hundred at most",
    )
    max_span: int = _limit(
        200,
        "cells",
        "合并单元格跨越的行数或列数上限（超出部分截断）",
        "rows or columns one merged cell may span (larger spans are clamped)",
    )
    max_table_cells: int = _limit(
        100_000,
        "cells",
        "一个表格展开合并单元格后的位置总数上限；年报的表格约有 600 个",
        "grid positions of one table once merged cells are laid out; a report table has about 600",
    )
    max_row_width: int = _limit(
        1_000,
        "columns",
        "一个表格行的列数上限；年报的表格最多约 20 列",
        "columns of one table row; a report table has about 20",
    )
    max_template_bytes: int = _limit(
        50 * _MiB,
        "bytes",
        "Word 模板文件大小上限",
        "size of a Word template file",
    )
    max_template_member_bytes: int = _limit(
        32 * _MiB,
        "bytes",
        "模板压缩包中单个成员解压后的大小上限（编译时需在内存中展开两次）",
        "decompressed size of one member of a template (compiling holds it twice in memory)",
    )
    max_output_chars: int = _limit(
        100_000_000,
        "characters",
        "模板渲染出的一个部件（正文、页眉等）的字符数上限",
        "characters one rendered template part (body, header...) may have",
    )
    max_text_node_chars: int = _limit(
        10_000_000,
        "characters",
        "渲染结果中一段文字的字符数上限（Word 和 lxml 拒绝更长的文字节点）",
        "characters of one text node of the rendered document (Word and lxml refuse longer)",
    )
    max_template_string: int = _limit(
        1_000_000,
        "characters",
        "模板表达式生成的一个字符串或列表（重复、填充、格式宽度、lipsum）的长度上限",
        "length of one string or list a template expression builds (repeat, padding, format "
        "width, lipsum)",
    )
    max_template_number_bits: int = _limit(
        65_536,
        "bits",
        "模板中乘方、乘法结果的位数上限（防止 `10 ** (10 ** 10)` 一类的表达式）",
        "bits of the result of a power or product in a template (`10 ** (10 ** 10)`)",
    )
    max_template_range: int = _limit(
        10_000,
        "items",
        "模板中一次 range() 的项数上限",
        "items of one range() in a template",
    )
    max_template_iterations: int = _limit(
        1_000_000,
        "items",
        "一次渲染中所有 range() 合计的项数上限（防止嵌套循环）",
        "items of all range() calls of one render together (nested loops)",
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

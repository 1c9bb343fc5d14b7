"""Read published reports (text, HTML, DOCX, PDF, XLSX) into lenient drafts with source locations.

One entry point, :func:`parse`, sniffs the content (not only the file name) and picks the reader::

    from govinfo_report.parse import parse
    draft = parse("huaian-2024.pdf")
    draft.metadata.agency, draft.metadata.year, draft.format_version
    draft.cells["requests.new_requests.total"].text      # "3119", as printed
    draft.cells["requests.new_requests.total"].source    # page 4, table 2, row 4, column 10
    draft.identity_findings()                             # the report's broken totals, located

Two layers: a *grid* layer per input kind (the only code that imports lxml or pypdfium2)
turns the input into paragraphs and tables with merged cells resolved; one *mapping*
layer matches labels against the taxonomy and builds the :class:`~govinfo_report.draft.Draft`.
Whatever the input, :func:`parse` returns a draft (with notes for what is missing or odd) or
raises :class:`~govinfo_report.errors.ParseError` with one clear message in Chinese and English.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import types
from collections.abc import Callable
from pathlib import Path

from ..draft import Draft
from ..errors import LimitExceeded, ParseError
from ..io import HTML_SUFFIXES, read_bounded
from ..limits import Limits, default_limits
from ._contract import CONTRACT, contract
from ._grid import Document, InputKind, ReaderInput
from ._mapping import is_section_title, to_draft

__all__ = ["CONTRACT", "InputKind", "contract", "parse", "read_document", "sniff"]


# pdfminer warns about damaged streams through logging; without a handler of its own, Python
# prints them on standard error. They are logged (an application's handlers still see them),
# never printed over the command line's output.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


def sniff(data: bytes, name: str | None = None) -> InputKind:
    """The kind of a file from its first bytes (the name only breaks ties).

    ``%PDF`` is PDF; a ZIP holding ``word/document.xml`` is DOCX, one holding
    ``xl/workbook.xml`` is an Excel workbook; markup with ``<html``,
    ``<table`` or ``<body`` near the start is HTML; anything else is read as text.

    Raises:
        ParseError: for an empty file, or a ZIP that is not a Word document.

    Examples:
        >>> from govinfo_report.parse import sniff
        >>> sniff(b"%PDF-1.4").value, sniff(b"<html><body>").value
        ('pdf', 'html')
        >>> sniff("一、总体情况".encode()).value
        'text'
    """
    if not data.strip():
        raise ParseError("文件为空 / the file is empty")
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return InputKind.PDF
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or _zip_has(data, "word/document.xml"):
            return InputKind.DOCX
        if b"xl/" in data[:65536] or _zip_has(data, "xl/workbook.xml"):
            return InputKind.XLSX
        raise ParseError(
            "ZIP 压缩包不是 Word 文档（没有 word/document.xml）/ "
            "a ZIP archive that is not a Word document (no word/document.xml)"
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ParseError(
            "旧版 Word（.doc）或 Excel 文件，请另存为 .docx 或 PDF / "
            "an old binary Word (.doc) or Excel file: save it as .docx or PDF first"
        )
    lower = data[:4096].lower()
    for marker in (b"<html", b"<!doctype html", b"<table", b"<body", b"<p>", b"<div", b"<meta"):
        if marker in lower:
            return InputKind.HTML
    if name and Path(name).suffix.lower() in HTML_SUFFIXES and b"<" in lower:
        return InputKind.HTML
    return InputKind.TEXT


_READERS: dict[InputKind, tuple[str, str]] = {
    InputKind.PDF: ("._pdf", "read_pdf"),
    InputKind.DOCX: ("._docx", "read_docx"),
    InputKind.XLSX: ("._xlsx", "read_xlsx"),
    InputKind.HTML: ("._html", "read_html"),
    InputKind.TEXT: ("._text", "read_text"),
}
"""The grid reader of each input kind (module, function), imported when first needed."""


def _zip_has(data: bytes, member: str) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def _read_input(
    source: str | os.PathLike[str] | bytes, name: str | None, limits: Limits
) -> tuple[bytes, str | None]:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        limits.check("max_file_bytes", len(data), where=name or "")
        return data, name
    path = Path(source)
    try:
        return read_bounded(path, limits=limits), name or path.name
    except IsADirectoryError as exc:
        raise ParseError(f"这是目录，不是文件 / this is a folder, not a file: {path}") from exc


def read_document(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    limits: Limits | None = None,
) -> Document:
    """The grid layer alone: the document as paragraphs and tables, merged cells resolved.

    Raises:
        ParseError: for input that cannot be read at all.
        LimitExceeded: for input past one of ``limits``.
        FileNotFoundError: if a path does not exist.

    Examples:
        >>> from pathlib import Path
        >>> from govinfo_report.parse import read_document
        >>> document = read_document(Path("tests/samples/hongqi-2023.txt").read_bytes())
        >>> document.kind
        <InputKind.TEXT: 'text'>
    """
    limits = limits or default_limits()
    data, name = _read_input(source, name, limits)
    module, function = _READERS[sniff(data, name)]
    read: Callable[[ReaderInput], Document] = getattr(
        importlib.import_module(module, __name__), function
    )
    return read(ReaderInput(data, name, is_section_title, limits))


def parse(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    limits: Limits | None = None,
) -> Draft:
    """Read a published report into a draft.

    Args:
        source: a path, or the file's bytes.
        name: the file name to record in source locations (defaults to the path's name).
        limits: the bounds this call stays within (file size, decompressed size, characters,
            tokens per line, table cells...; :func:`~govinfo_report.limits.default_limits`
            when ``None``).

    Returns:
        The draft: every cell found with its text as printed and its location, the sections, the
        preamble, the metadata with confidence, and notes for what is missing or odd.

    Raises:
        ParseError: for an empty file, binary data, a document that is not an annual report, or
            a PDF without a text layer; the message says what was found and what is missing.
        LimitExceeded: for a file past one of ``limits``, naming the limit.
        OSError: if a path cannot be read (``FileNotFoundError``, ``PermissionError``...).

    Examples:
        >>> from govinfo_report.parse import parse
        >>> draft = parse("tests/samples/hongqi-2023.txt")
        >>> draft.metadata.agency, draft.metadata.year
        ('红旗区政务服务和大数据管理局', 2023)
        >>> draft.cells["requests.new_requests.total"].text
        '0'
    """
    try:
        document = read_document(source, name=name, limits=limits)
        return to_draft(document)
    except (ParseError, LimitExceeded, OSError):
        raise
    except (RecursionError, MemoryError) as exc:
        raise ParseError(
            f"文件结构过深或过大，无法读取 / the file is nested too deeply or too large to read "
            f"({type(exc).__name__})"
        ) from exc
    except Exception as exc:  # a bug: still one clear error, never a traceback for the user
        raise ParseError(
            f"内部错误，无法读取该文件 / internal error while reading the file: "
            f"{type(exc).__name__}: {exc}"
        ) from exc


class _CallableModule(types.ModuleType):
    """This package, callable: ``govinfo_report.parse(source)`` is :func:`parse`."""

    def __call__(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        name: str | None = None,
        limits: Limits | None = None,
    ) -> Draft:
        return parse(source, name=name, limits=limits)


# The one entry point is spelt govinfo_report.parse(path_or_bytes); typed code can import the
# function itself (from govinfo_report.parse import parse), which mypy understands.
sys.modules[__name__].__class__ = _CallableModule

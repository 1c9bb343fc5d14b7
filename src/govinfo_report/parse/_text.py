"""Grid layer for plain text (text extracted from PDFs, text pasted from web pages).

Text has no tables, only lines. This module tokenises the lines into a grid-like structure:
a line whose last tokens are values (numbers, dashes, numbers with a unit) ends a table row; the
text lines since the previous row form its label (labels are often broken across lines);
value-only lines right after a row continue it (numbers wrapped, as in ``0 0 0 0 0 0\\n0``).
Runs of rows are broken by numbered headings such as ``二、…``. Blank cells leave no trace in text,
so the resulting tables are *positional*: a row's values are known only by their order.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from functools import lru_cache

from ..draft import CellStatus, classify
from ..errors import ParseError
from ..findings import SourceRef
from ..limits import Limits, default_limits
from ..narrative import ORDINALS
from ._glued import unglue
from ._grid import Block, Document, GridCell, InputKind, Paragraph, ReaderInput, Table

__all__ = ["Breaks", "decode", "is_heading", "read_text", "tables_from_lines"]

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_HEADING = re.compile(rf"^\s*[{ORDINALS}]{{1,3}}\s*[、.．]")
_TOKEN = re.compile(r"[^\s|]+")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_VALUE_STATUSES = (CellStatus.NUMBER, CellStatus.DASH, CellStatus.WITH_UNIT)
_VALUE_STARTS = frozenset("0123456789０１２３４５６７８９+-＋－/／—–不Nn无")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOM, then UTF-8, then GB18030; return the text and the encoding used.

    Raises:
        ParseError: for bytes that are not text in any of these encodings.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, encoding
    raise ParseError(
        "文件不是 PDF、Word、HTML，也不是 UTF-8 或 GB18030 编码的文本（可能是其他二进制文件）/ "
        "the file is not a PDF, Word or HTML file, nor UTF-8 or GB18030 text "
        "(probably some other binary data)"
    )


def looks_binary(text: str) -> bool:
    """Whether decoded text is really binary data (control characters, NULs)."""
    if not text:
        return False
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    return "\x00" in sample or controls > max(3, len(sample) // 100)


def _core_len(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


_PLAIN_NUMBER = re.compile(r"^\d{1,15}$")


@lru_cache(maxsize=16384)
def _is_value(token: str) -> bool:
    if _PLAIN_NUMBER.match(token):
        return True
    if token[:1] not in _VALUE_STARTS:
        return False
    return classify(token)[0] in _VALUE_STATUSES


def _split_pipes(line: str) -> tuple[str, list[tuple[str, int]]]:
    """A Markdown table row ``| a | 1 |  |``: empty cells are kept as blank values."""
    cells: list[tuple[str, int]] = []
    start = line.index("|") + 1
    for part in line.strip().strip("|").split("|"):
        offset = line.find(part, start) if part else start
        cells.append((part.strip(), offset + 1))
        start = offset + len(part) + 1
    cut = len(cells)
    while cut > 0 and (not cells[cut - 1][0] or _is_value(cells[cut - 1][0])):
        cut -= 1
    lead = " ".join(text for text, _ in cells[:cut] if text)
    return lead, cells[cut:]


def _count_tokens(line: str, source: SourceRef, limits: Limits) -> None:
    """Refuse a line with more tokens (or table cells) than ``limits.max_tokens_per_line``.

    Counted by a bound scan, so a 50 MB line of ``1 1 1 ...`` costs nothing before it is refused.
    """
    bound = limits.max_tokens_per_line
    if len(line) <= bound:  # fewer characters than tokens or cells could need: the common case
        return
    count = 0
    for _ in _TOKEN.finditer(line):
        count += 1
        if count > bound:
            break
    count = max(count, line.count("|") - 1)
    limits.check("max_tokens_per_line", count, where=str(source))


def _split_values(line: str) -> tuple[str, list[tuple[str, int]]]:
    """Split a line into its leading text and its trailing value tokens (with 1-based columns)."""
    stripped = line.strip()
    if len(stripped) > 2 and stripped.startswith("|") and stripped.endswith("|"):
        lead, values = _split_pipes(line)
        if any(text for text, _ in values):
            return lead, values
        return lead, []
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(line)]
    cut = len(tokens)
    while cut > 0 and _is_value(tokens[cut - 1][0]):
        cut -= 1
    values = [(tok, start + 1) for tok, start in tokens[cut:]]
    lead = line[: tokens[cut][1]] if cut < len(tokens) else line
    if not values:
        lead = line
    return lead.strip().strip("|").strip(), values


Breaks = Callable[[str], bool]


def is_heading(text: str) -> bool:
    """The generic run breaker: a short line numbered ``二、`` with enough text to be a title."""
    stripped = text.strip()
    return bool(_HEADING.match(stripped)) and len(_core_len(stripped)) >= 5 and len(stripped) <= 40


def tables_from_lines(
    paragraphs: list[Paragraph],
    first_index: int = 1,
    breaks: Breaks | None = None,
    *,
    limits: Limits | None = None,
) -> tuple[list[Block], int]:
    """Tokenise lines into blocks: every line as a paragraph, plus the tables read from them.

    Each table block follows the lines it was read from; those lines are marked ``in_table``.
    ``breaks`` tells which text lines end a run of rows (section titles); by default any short
    numbered heading does. Returns the blocks and the number of the next table.

    Raises:
        LimitExceeded: for a line with more tokens than ``limits.max_tokens_per_line``.
    """
    breaks = breaks or is_heading
    limits = limits or default_limits()
    blocks: list[Block] = []
    index = first_index
    rows: list[tuple[GridCell, ...]] = []
    run: list[int] = []  # positions in ``blocks`` of the lines of the current run
    pending: list[Paragraph] = []
    last_was_row = False

    def close() -> None:
        nonlocal rows, run, pending, index, last_was_row
        if rows:
            for position in run:
                para = blocks[position]
                assert isinstance(para, Paragraph)
                blocks[position] = Paragraph(para.text, para.source, True, para.note)
            if pending:  # label text after the last row: keep it as a label-only row
                rows.append((_label_cell(pending),))
            blocks.append(Table(tuple(rows), index, positional=True))
            index += 1
        rows, run, pending, last_was_row = [], [], [], False

    for para in paragraphs:
        text = para.text
        if not text.strip():
            blocks.append(para)
            continue
        _count_tokens(text, para.source, limits)
        lead, values = _split_values(text)
        if not values:
            if breaks(text):
                close()
                blocks.append(para)
                continue
            blocks.append(para)
            run.append(len(blocks) - 1)
            pending.append(Paragraph(lead, para.source))
            last_was_row = False
            continue
        blocks.append(para)
        run.append(len(blocks) - 1)
        cells = [_value_cell(tok, para.source, column, para.note) for tok, column in values]
        if not lead and last_was_row and rows:
            # a line of values only, right after a row: it may continue that row (numbers
            # wrapped) or be the next row whose label is printed elsewhere; the mapping layer,
            # which knows the widths, decides
            rows.append((GridCell("", para.source), *(_continued(cell) for cell in cells)))
            continue
        if lead:
            pending.append(Paragraph(lead, para.source))
        label = _label_cell(pending) if pending else GridCell("", para.source)
        rows.append((label, *cells))
        pending = []
        last_was_row = True
    close()
    # Lines before the first row of a run stay only as paragraphs when no row followed.
    return blocks, index


def _label_cell(pending: list[Paragraph]) -> GridCell:
    text = "\n".join(p.text for p in pending)
    return GridCell(text, pending[0].source)


def _value_cell(token: str, source: SourceRef, column: int, note: str | None = None) -> GridCell:
    return GridCell(
        token,
        SourceRef(file=source.file, page=source.page, line=source.line, column=column),
        note=note,
    )


def _continued(cell: GridCell) -> GridCell:
    return GridCell(cell.text, cell.source, cell.merged, continued=True)


def split_lines(text: str, name: str | None) -> list[Paragraph]:
    """The lines of a text, with line numbers (and page numbers where form feeds mark pages).

    Page-number lines (``- 3 -``, ``第 3 页``) are dropped: they are not part of the report.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paged = "\f" in text
    page = 1
    result: list[Paragraph] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw
        if "\f" in line:
            page += line.count("\f")
            line = line.replace("\f", "")
        line = line.replace("\u00a0", " ").rstrip()
        if _PAGE_NUMBER.match(line):
            continue
        if _MD_RULE.match(line):  # a Markdown table rule |---|---|
            line = ""
        result.append(
            Paragraph(line, SourceRef(file=name, page=page if paged else None, line=number))
        )
    return result


def read_text(source: ReaderInput) -> Document:
    """Read plain text into a document of lines and positional tables.

    Raises:
        ParseError: for an empty file, undecodable bytes or binary data.
        LimitExceeded: for text past ``limits.max_characters`` or ``max_tokens_per_line``.
    """
    data, name, breaks, limits = source.data, source.name, source.breaks, source.limits
    notes: list[str] = []
    text, encoding = decode(data)
    if encoding not in ("utf-8", "utf-8-sig"):
        notes.append(f"按 {encoding} 解码 / decoded as {encoding}")
    limits.check("max_characters", len(text), where=name or "")
    if looks_binary(text):
        raise ParseError(
            "文件是二进制数据，不是文本、HTML、Word 或 PDF 报告 / "
            "the file is binary data, not a text, HTML, Word or PDF report"
        )
    if not text.strip():
        raise ParseError("文件没有任何文字 / the file contains no text")
    # Rows whose cells lost their separators (portal page text) are split by the identities.
    lines, glued = unglue(split_lines(text, name))
    blocks, _ = tables_from_lines(lines, breaks=breaks, limits=limits)
    return Document(InputKind.TEXT, tuple(blocks), name, tuple(notes), findings=tuple(glued))

"""Grid layer for Word documents (python-docx): body paragraphs and tables, merged cells resolved.

python-docx lays a table out on its grid: a cell spanning columns (``gridSpan``) or rows
(``vMerge``) is returned at every position it covers; positions whose cell is the same element as
the one to their left or above are marked ``merged``. Content controls (``w:sdt``) are walked into.
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import ParseError
from ..findings import SourceRef
from ._grid import Block, Document, GridCell, Paragraph, Table
from ._text import Breaks, tables_from_lines

__all__ = ["read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _table(table: Any, index: int, name: str | None) -> Table:
    rows: list[tuple[GridCell, ...]] = []
    above: list[Any] = []
    for r, row in enumerate(table.rows):
        try:
            cells = list(row.cells)
        except (ValueError, IndexError, AttributeError):  # malformed grids
            cells = []
        current: list[GridCell] = []
        elements: list[Any] = []
        for c, cell in enumerate(cells):
            element = cell._tc
            merged = (c > 0 and elements[c - 1] is element) or (
                c < len(above) and above[c] is element
            )
            source = SourceRef(file=name, table=index, row=r + 1, column=c + 1)
            current.append(GridCell(cell.text, source, merged=merged))
            elements.append(element)
        above = elements
        rows.append(tuple(current))
    return Table(tuple(rows), index)


def _body_items(body: Any) -> list[Any]:
    items: list[Any] = []
    for child in body.iterchildren():
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in (f"{_W}p", f"{_W}tbl"):
            items.append(child)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                items.extend(_body_items(content))
    return items


def read_docx(data: bytes, name: str | None = None, breaks: Breaks | None = None) -> Document:
    """Read a .docx file into paragraphs and tables.

    Raises:
        ParseError: for a damaged Word file.
    """
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ParseError(
            "读取 Word 需要 python-docx：pip install 'govinfo-report[parse]' / "
            "reading Word files needs python-docx: pip install 'govinfo-report[parse]'"
        ) from exc
    blocks: list[Block] = []
    try:
        document = docx.Document(io.BytesIO(data))
        title = document.core_properties.title or None
        body = document.element.body
        line = 0
        index = 0
        for item in _body_items(body):
            if item.tag == f"{_W}p":
                line += 1
                text = DocxParagraph(item, document).text
                blocks.append(Paragraph(text, SourceRef(file=name, line=line)))
            else:
                index += 1
                blocks.append(_table(DocxTable(item, document), index, name))
    except ParseError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds of errors on bad files
        raise ParseError(
            f"无法读取 Word 文件（文件损坏）/ cannot read the Word file (damaged): "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    if not any(isinstance(b, Table) for b in blocks):
        paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
        text_blocks, _ = tables_from_lines(paragraphs, breaks=breaks)
        return Document("docx", tuple(text_blocks), name, title=title)
    return Document("docx", tuple(blocks), name, title=title)

"""Grid layer for PDF (pdfplumber): ruled tables with merged cells resolved, text lines around them.

Tables are found from their ruling lines on each page. pdfplumber reports a merged cell once and
leaves ``None`` at the positions it covers; the covering cell is found from the cells' geometry
and copied there (marked ``merged``). A table continued on the next page is simply the next table;
the mapping layer carries the column layout over. Text lines outside the tables become paragraphs.
A PDF with no ruled table is read line by line like plain text.
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import ParseError
from ..findings import SourceRef
from ._grid import Block, Document, GridCell, Paragraph, Table
from ._text import _PAGE_NUMBER, Breaks, tables_from_lines

__all__ = ["read_pdf"]

BBox = tuple[float, float, float, float]


def _inside(line: dict[str, Any], boxes: list[BBox]) -> bool:
    cx = (line["x0"] + line["x1"]) / 2
    cy = (line["top"] + line["bottom"]) / 2
    return any(
        x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for x0, top, x1, bottom in boxes
    )


def _grid(table: Any, page_number: int, index: int, name: str | None) -> Table | None:
    texts: list[list[str | None]] = table.extract()
    boxes: list[list[BBox | None]] = [list(row.cells) for row in table.rows]
    height = len(boxes)
    width = max((len(r) for r in boxes), default=0)
    if height < 2 or width < 2:
        return None
    col_x: list[tuple[float, float] | None] = []
    for c in range(width):
        box = next((r[c] for r in boxes if c < len(r) and r[c] is not None), None)
        col_x.append((box[0], box[2]) if box else None)
    row_y: list[tuple[float, float] | None] = []
    for drawn in boxes:
        first = next((b for b in drawn if b is not None), None)
        row_y.append((first[1], first[3]) if first else None)
    rows: list[tuple[GridCell, ...]] = []
    for r in range(height):
        cells: list[GridCell] = []
        for c in range(width):
            source = SourceRef(file=name, page=page_number, table=index, row=r + 1, column=c + 1)
            box = boxes[r][c] if c < len(boxes[r]) else None
            text = texts[r][c] if r < len(texts) and c < len(texts[r]) else None
            if box is not None:
                cells.append(GridCell(text or "", source))
                continue
            cells.append(_covering(texts, boxes, col_x, row_y, r, c, source))
        rows.append(tuple(cells))
    return Table(tuple(rows), index)


def _covering(
    texts: list[list[str | None]],
    boxes: list[list[BBox | None]],
    col_x: list[tuple[float, float] | None],
    row_y: list[tuple[float, float] | None],
    r: int,
    c: int,
    source: SourceRef,
) -> GridCell:
    xs, ys = col_x[c], row_y[r]
    if xs is None or ys is None:
        return GridCell("", source, merged=True)
    cx, cy = (xs[0] + xs[1]) / 2, (ys[0] + ys[1]) / 2
    for rr in range(r, -1, -1):
        for cc in range(c, -1, -1):
            box = boxes[rr][cc] if cc < len(boxes[rr]) else None
            if box is None:
                continue
            x0, top, x1, bottom = box
            if x0 - 0.5 <= cx <= x1 + 0.5 and top - 0.5 <= cy <= bottom + 0.5:
                text = texts[rr][cc] if rr < len(texts) and cc < len(texts[rr]) else None
                return GridCell(text or "", source, merged=True)
    return GridCell("", source, merged=True)


def read_pdf(data: bytes, name: str | None = None, breaks: Breaks | None = None) -> Document:
    """Read a PDF into paragraphs and tables.

    Raises:
        ParseError: for a damaged PDF, or one without a text layer (a scan).
    """
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ParseError(
            "读取 PDF 需要 pdfplumber：pip install 'govinfo-report[parse]' / "
            "reading PDF needs pdfplumber: pip install 'govinfo-report[parse]'"
        ) from exc
    blocks: list[Block] = []
    lines_only: list[Paragraph] = []
    index = 1
    chars = 0
    images = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                chars += len(page.chars)
                images += len(page.images)
                if not page.chars:
                    continue
                found = []
                for table in page.find_tables():
                    grid = _grid(table, number, index, name)
                    if grid is not None:
                        found.append((table.bbox, grid))
                        index += 1
                boxes = [bbox for bbox, _ in found]
                items: list[tuple[float, Block]] = []
                for line_number, line in enumerate(
                    page.extract_text_lines(return_chars=False), start=1
                ):
                    para = Paragraph(
                        line["text"], SourceRef(file=name, page=number, line=line_number)
                    )
                    if _PAGE_NUMBER.match(line["text"]):
                        continue
                    lines_only.append(para)
                    if not _inside(line, boxes):
                        items.append((line["top"], para))
                items.extend((bbox[1], grid) for bbox, grid in found)
                items.sort(key=lambda item: item[0])
                blocks.extend(block for _, block in items)
    except ParseError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
        raise ParseError(
            f"无法读取 PDF 文件（文件损坏或加密）/ cannot read the PDF (damaged or encrypted): "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    if chars == 0:
        raise ParseError(
            f"PDF 没有文字层（共 {pages} 页，{images} 张图片，可能是扫描件），需要先做文字识别（OCR）/ "
            f"the PDF has no text layer ({pages} page(s), {images} image(s): probably a scan); "
            "run OCR on it first"
        )
    if not any(isinstance(b, Table) for b in blocks):
        text_blocks, _ = tables_from_lines(lines_only, breaks=breaks)
        return Document("pdf", tuple(text_blocks), name)
    return Document("pdf", tuple(blocks), name)

"""Grid layer for Excel workbooks (openpyxl): each sheet's title lines and its table.

A workbook circulated in the usual layout (one sheet per table, a title above it, the official
headers and row labels in their usual places) is read like any other published table: the
mapping layer finds the sections and cells by their labels. Each sheet becomes a paragraph with
the sheet's name, a paragraph for each line above the table that holds one text only (a title),
and one table with merged cells resolved. Sources name the sheet and the Excel row and column.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from .. import taxonomy as tx
from ..codec.xlsx import check_workbook
from ..errors import LimitExceeded, ParseError
from ..findings import SourceRef
from ..io import import_extra
from ._grid import Block, Document, GridCell, InputKind, Paragraph, ReaderInput, Table
from ._text import Breaks

__all__ = ["read_xlsx"]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _is_title(text: str, breaks: Breaks | None) -> bool:
    """A line above a table that is running text: a section title or the report's title."""
    return tx.TITLE_SUFFIX in text or (breaks is not None and breaks(text))


def _sheet_blocks(
    sheet: Any, name: str | None, index: int, breaks: Breaks | None
) -> tuple[list[Block], int]:
    where = f"{name or ''}:{sheet.title}" if name else sheet.title
    blocks: list[Block] = []
    if _is_title(sheet.title, breaks):
        blocks.append(Paragraph(sheet.title, SourceRef(file=where, line=0)))
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for area in sheet.merged_cells.ranges:
        for r in range(area.min_row, area.max_row + 1):
            for c in range(area.min_col, area.max_col + 1):
                covered[r, c] = (area.min_row, area.min_col)
    values = {
        (cell.row, cell.column): _text(cell.value)
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    if not values:
        return blocks, index
    width = max(c for _, c in values) if values else 0
    rows: list[tuple[GridCell, ...]] = []
    for r in range(1, sheet.max_row + 1):
        cells = []
        for c in range(1, width + 1):
            origin = covered.get((r, c), (r, c))
            text = values.get(origin, "")
            source = SourceRef(file=where, table=index + 1, row=r, column=c)
            cells.append(GridCell(text, source, merged=origin != (r, c)))
        texts = {cell.text for cell in cells if cell.text}
        if not texts:
            continue
        if not rows and len(texts) == 1 and _is_title(next(iter(texts)), breaks):
            blocks.append(Paragraph(texts.pop(), SourceRef(file=where, line=r)))
            continue
        rows.append(tuple(cells))
    if rows:
        index += 1
        blocks.append(Table(tuple(rows), index))
    return blocks, index


def read_xlsx(source: ReaderInput) -> Document:
    """Read an .xlsx workbook into paragraphs (sheet names, titles) and tables.

    Raises:
        ParseError: for a damaged workbook, or without openpyxl installed.
    """
    openpyxl = import_extra("openpyxl", "xlsx", ("读取 Excel", "reading Excel files"), ParseError)
    data, name, breaks, limits = source.data, source.name, source.breaks, source.limits
    try:
        check_workbook(data, limits, where=name or "<xlsx>")
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except LimitExceeded as exc:
        raise ParseError(str(exc)) from exc
    except Exception as exc:  # openpyxl raises many kinds of errors on bad files
        raise ParseError(
            f"无法读取 Excel 文件（文件损坏）/ cannot read the Excel file (damaged): "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    blocks: list[Block] = []
    index = 0
    for sheet in book.worksheets:
        found, index = _sheet_blocks(sheet, name, index, breaks)
        blocks += found
    title = book.properties.title or None
    return Document(InputKind.XLSX, tuple(blocks), name, title=title)

"""Grid layer for PDF (PDFium via pypdfium2): ruled tables with merged cells resolved, text lines.

Each page gives its characters (text and box) and its drawn segments; :mod:`._layout` turns them
into lines of text and ruled tables. A merged cell is reported once, ``None`` left at the
positions it covers; the covering cell is found from the cells' geometry and copied there (marked
``merged``). A table continued on the next page is simply the next table; the mapping layer
carries the column layout over. Text lines outside the tables become paragraphs. A PDF with no
ruled table is read line by line like plain text.

Bounded: before PDFium parses anything, the file's compressed streams are inflated (in bounded
steps) to check their decoded sizes; then pages, drawing objects and characters per page are
counted against :class:`~govinfo_report.limits.Limits`. A file past a limit is one clean
:class:`~govinfo_report.errors.LimitExceeded`.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import zlib
from typing import Any

import attrs

from ..errors import LimitExceeded, ParseError
from ..findings import SourceRef
from ..io import import_extra
from ..limits import Limits, default_limits
from ._grid import Block, Document, GridCell, InputKind, Paragraph, ReaderInput, Table
from ._layout import BBox, Char, Edge, LaidTable, TextLine, find_tables, text_lines
from ._text import _PAGE_NUMBER, tables_from_lines

__all__ = ["check_streams", "read_pdf"]

_STREAM = re.compile(rb"stream\r?\n")
_NOT_CONTENT = re.compile(rb"/Length[123]|/Subtype|/Width|/FontFile")
_CHUNK = 1 << 20


def check_streams(data: bytes, limits: Limits | None = None) -> None:
    """Inflate every Flate stream of a PDF in bounded steps; refuse one past the size limits.

    Page content (and any stream that is not a font or image) is held to
    ``max_pdf_content_bytes`` decoded; all streams together to ``max_decompressed_bytes``.

    Raises:
        LimitExceeded: for a stream, or the file, past its decoded-size limit.

    Example::

        >>> import zlib
        >>> pdf = b"%PDF-1.4 1 0 obj <</Length 9>> stream\\n" + zlib.compress(b"BT ET")
        >>> check_streams(pdf)
        >>> check_streams(pdf, Limits(max_pdf_content_bytes=2))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        govinfo_report.errors.LimitExceeded: ...
    """
    limits = limits or default_limits()
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if data[start : start + 1] not in (b"x", b"h", b"X", b"H"):  # zlib header bytes
            continue
        head = data[max(0, match.start() - 512) : match.start()]
        head = head[head.rfind(b"obj") + 1 :] if b"obj" in head else head
        if _NOT_CONTENT.search(head):
            _check_ratio(data, start, limits)
            continue
        bound = limits.max_pdf_content_bytes
        inflater = zlib.decompressobj()
        size = 0
        position = start
        try:
            while not inflater.eof and position < len(data):
                chunk = data[position : position + 65536]
                position += len(chunk)
                size += len(inflater.decompress(chunk, _CHUNK))
                while inflater.unconsumed_tail and not inflater.eof and size <= bound:
                    size += len(inflater.decompress(inflater.unconsumed_tail, _CHUNK))
                if size > bound:
                    break
        except zlib.error:
            pass  # not a zlib stream after all, or damaged: PDFium decides
        limits.check("max_pdf_content_bytes", size, where=f"PDF stream at byte {start}")
        total += size
        limits.check("max_decompressed_bytes", total, where="PDF streams")


def _check_ratio(data: bytes, start: int, limits: Limits) -> None:
    """A font or image stream: inflate a prefix and refuse a compression ratio past the limit.

    Fonts and images are decoded by PDFium as needed; a bomb among them shows in its first
    64 KiB, which inflate to over ``max_compression_ratio`` times their size.
    """
    piece = data[start : start + 65536]
    bound = len(piece) * limits.max_compression_ratio
    inflater = zlib.decompressobj()
    try:
        size = len(inflater.decompress(piece, bound + 1))
    except zlib.error:
        return
    if size > bound and inflater.unconsumed_tail:
        limits.check(
            "max_compression_ratio",
            size // max(1, len(piece) - len(inflater.unconsumed_tail)),
            where=f"PDF stream at byte {start}",
        )


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """Matrix ``m`` then ``n`` (PDF order: a b c d e f)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


_VOID = ctypes.c_void_p


def _prototype(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same C function, called with plain pointer arguments (much cheaper through ctypes)."""
    address = ctypes.cast(function, _VOID).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


class _Fast:
    """PDFium's per-character and per-object functions, prototyped for speed (called 10⁴×/page)."""

    def __init__(self, c: Any) -> None:
        pointer = ctypes.POINTER
        self.unicode = _prototype(c.FPDFText_GetUnicode, ctypes.c_uint, _VOID, ctypes.c_int)
        self.generated = _prototype(c.FPDFText_IsGenerated, ctypes.c_int, _VOID, ctypes.c_int)
        self.loose_box = _prototype(
            c.FPDFText_GetLooseCharBox, ctypes.c_int, _VOID, ctypes.c_int, pointer(c.FS_RECTF)
        )
        self.origin = _prototype(
            c.FPDFText_GetCharOrigin,
            ctypes.c_int,
            _VOID,
            ctypes.c_int,
            pointer(ctypes.c_double),
            pointer(ctypes.c_double),
        )
        self.text_object = _prototype(c.FPDFText_GetTextObject, _VOID, _VOID, ctypes.c_int)
        self.get_object = _prototype(c.FPDFPage_GetObject, _VOID, _VOID, ctypes.c_int)
        self.object_type = _prototype(c.FPDFPageObj_GetType, ctypes.c_int, _VOID)


_FAST: dict[int, _Fast] = {}


def _fast(c: Any) -> _Fast:
    found = _FAST.get(id(c))
    if found is None:
        found = _FAST[id(c)] = _Fast(c)
    return found


def _codes(c: Any, textpage: Any, count: int) -> list[int] | None:
    """Every character code of the page in one call; ``None`` when one needs two UTF-16 units."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = c.FPDFText_GetText(textpage, 0, count, buffer)
    codes = list(buffer[: max(0, written - 1)])
    if len(codes) != count or any(0xD800 <= code <= 0xDFFF for code in codes):
        return None
    return codes


class _Page:
    """One page read through PDFium's C interface: its characters and its drawn edges."""

    def __init__(self, pdfium: Any, page: Any, limits: Limits, number: int) -> None:
        self.c = pdfium
        self.page = page
        self.limits = limits
        self.where = f"page {number}"
        self.height = float(pdfium.FPDF_GetPageHeightF(page))
        self.objects = 0

    def chars(self) -> list[Char]:
        """The page's characters in drawing order, boxed as their font's metrics say.

        A character's box spans its advance across, and from its baseline up one font size, so
        that the characters of a line share their height whatever their glyph or font (font
        metrics in published files are too often missing or wrong to place lines by them).
        """
        c = self.c
        textpage = c.FPDFText_LoadPage(self.page)
        try:
            count = c.FPDFText_CountChars(textpage)
            self.limits.check("max_pdf_chars_per_page", count, where=self.where)
            rect = c.FS_RECTF()
            ox, oy = ctypes.c_double(), ctypes.c_double()
            fast = _fast(c)
            unicode_of, generated = fast.unicode, fast.generated
            loose_box, origin, text_object = fast.loose_box, fast.origin, fast.text_object
            page_text = ctypes.cast(textpage, _VOID).value
            rect_p, ox_p, oy_p = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
            # Per text run (one text object): font size, uprightness and the baseline. A run is
            # drawn along one baseline, so its characters' origins are asked for once.
            runs: dict[int | None, tuple[float, bool, float]] = {}
            height = self.height
            found: list[Char] = []
            new = tuple.__new__  # NamedTuple's own __new__ is a Python call: too slow per character
            codes = _codes(c, textpage, count) or [unicode_of(page_text, i) for i in range(count)]
            for i, code in enumerate(codes):
                if code in (0, 0xFFFE, 0xFFFF) or code > 0x10FFFF:
                    continue
                text = chr(code)
                if text.isspace() and generated(page_text, i):
                    continue
                key = text_object(page_text, i)
                metrics = runs.get(key)
                if metrics is None:
                    size, upright = self._metrics(textpage, i)
                    origin(page_text, i, ox_p, oy_p)
                    metrics = runs[key] = (size, upright, height - oy.value)
                size, upright, bottom = metrics
                loose_box(page_text, i, rect_p)
                if upright:
                    found.append(
                        new(Char, (text, rect.left, rect.right, bottom - size, bottom, True))
                    )
                else:
                    found.append(
                        Char(
                            text,
                            rect.left,
                            rect.right,
                            height - rect.top,
                            height - rect.bottom,
                            False,
                        )
                    )
            return found
        finally:
            c.FPDFText_ClosePage(textpage)

    def _metrics(self, textpage: Any, i: int) -> tuple[float, bool]:
        """Font size in page units, and uprightness, of the text run of character i."""
        c = self.c
        matrix = c.FS_MATRIX()
        c.FPDFText_GetMatrix(textpage, i, matrix)
        a, b, cc, d = matrix.a, matrix.b, matrix.c, matrix.d
        upright = b == 0 and cc == 0 and a * d > 0
        return c.FPDFText_GetFontSize(textpage, i) * abs(d), upright

    def edges(self) -> list[Edge]:
        """The straight parts of every drawn path of the page (forms walked into)."""
        c = self.c
        found: list[Edge] = []
        fast = _fast(c)
        page = ctypes.cast(self.page, _VOID).value
        count = c.FPDFPage_CountObjects(self.page)
        self._count(count)
        wanted = (c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM)
        objects = []
        for i in range(count):
            address = fast.get_object(page, i)
            if fast.object_type(address) in wanted:
                objects.append(ctypes.cast(address, c.FPDF_PAGEOBJECT))
        self._walk(objects, None, found)
        return found

    def _count(self, more: int) -> None:
        self.objects += more
        self.limits.check("max_pdf_objects_per_page", self.objects, where=self.where)

    def _walk(self, objects: list[Any], outer: tuple[float, ...] | None, found: list[Edge]) -> None:
        c = self.c
        matrix = c.FS_MATRIX()
        for obj in objects:
            kind = c.FPDFPageObj_GetType(obj)
            if kind not in (c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM):
                continue
            c.FPDFPageObj_GetMatrix(obj, matrix)
            m: tuple[float, ...] = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            if outer is not None:
                m = _mul(m, outer)
            if kind == c.FPDF_PAGEOBJ_FORM:
                inner = c.FPDFFormObj_CountObjects(obj)
                self._count(inner)
                self._walk([c.FPDFFormObj_GetObject(obj, i) for i in range(inner)], m, found)
            else:
                self._path(obj, m, found)

    def _path(self, obj: Any, m: tuple[float, ...], found: list[Edge]) -> None:
        c = self.c
        a, b, cc, d, e, f = m
        height = self.height
        x, y = ctypes.c_float(), ctypes.c_float()
        subpaths: list[tuple[list[tuple[float, float]], bool]] = []
        points: list[tuple[float, float]] = []
        closed = False
        for i in range(c.FPDFPath_CountSegments(obj)):
            segment = c.FPDFPath_GetPathSegment(obj, i)
            c.FPDFPathSegment_GetPoint(segment, x, y)
            px, py = x.value, y.value
            point = (a * px + cc * py + e, height - (b * px + d * py + f))
            if c.FPDFPathSegment_GetType(segment) == c.FPDF_SEGMENT_MOVETO:
                if points:
                    subpaths.append((points, closed))
                points, closed = [point], False
            else:
                points.append(point)
            if c.FPDFPathSegment_GetClose(segment):
                closed = True
        if points:
            subpaths.append((points, closed))
        for pts, is_closed in subpaths:
            _subpath_edges(pts, is_closed, found)


def _subpath_edges(pts: list[tuple[float, float]], closed: bool, found: list[Edge]) -> None:
    """Edges of one subpath: a line, the four sides of a rectangle, or a polyline's straight parts."""
    if len(pts) >= 2 and closed and pts[-1] == pts[0]:
        pts = pts[:-1]
    if len(pts) == 2:
        (x0, y0), (x1, y1) = pts
        orientation = "h" if y0 == y1 else "v"
        found.append(Edge(orientation, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        return
    if len(pts) == 4 and _is_rect(pts):
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
        found.append(Edge("h", left, top, right, top))
        found.append(Edge("h", left, bottom, right, bottom))
        found.append(Edge("v", left, top, left, bottom))
        found.append(Edge("v", right, top, right, bottom))
        return
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        if x0 == x1:
            found.append(Edge("v", x0, min(y0, y1), x1, max(y0, y1)))
        elif y0 == y1:
            found.append(Edge("h", min(x0, x1), y0, max(x0, x1), y1))


def _is_rect(pts: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
        y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
    )


def _inside(line: TextLine, boxes: list[BBox]) -> bool:
    cx = (line.x0 + line.x1) / 2
    cy = (line.top + line.bottom) / 2
    return any(
        x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for x0, top, x1, bottom in boxes
    )


def _grid(table: LaidTable, page_number: int, index: int, name: str | None) -> Table | None:
    texts = table.texts
    boxes = table.rows
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


def _squashed(row: tuple[GridCell, ...]) -> tuple[str, ...]:
    """A row's texts without blanks and merged repeats: the same header drawn on other columns."""
    texts = [cell.text for cell in row if cell.text.strip()]
    return tuple(t for i, t in enumerate(texts) if i == 0 or t != texts[i - 1])


def _without_repeated_header(table: Table, before: Table) -> Table:
    """A table continued from the previous page without the header rows repeated at its top.

    Word and LibreOffice repeat a table's heading rows on every page; they are the previous
    page's table's first rows again (possibly over fewer columns), not data.
    """
    count = 0
    while (
        count < min(len(table.rows) - 1, len(before.rows))
        and _squashed(table.rows[count])
        and _squashed(table.rows[count]) == _squashed(before.rows[count])
    ):
        count += 1
    return attrs.evolve(table, rows=table.rows[count:]) if count else table


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


def _open(data: bytes) -> Any:
    pdfium = import_extra("pypdfium2.raw", "parse", ("读取 PDF", "reading PDF"), ParseError)
    pypdfium2 = import_extra("pypdfium2", "parse", ("读取 PDF", "reading PDF"), ParseError)
    try:
        return pdfium, pypdfium2.PdfDocument(data)
    except Exception as exc:  # PdfiumError for damaged, encrypted or unsupported files
        raise ParseError(
            f"无法读取 PDF 文件（文件损坏或加密）/ cannot read the PDF (damaged or encrypted): "
            f"{type(exc).__name__}: {exc}"
        ) from exc


def read_pdf(source: ReaderInput) -> Document:
    """Read a PDF into paragraphs and tables.

    Raises:
        ParseError: for a damaged PDF, or one without a text layer (a scan).
        LimitExceeded: for a PDF past a limit (decoded stream size, pages, objects, characters).
    """
    data, name, breaks, limits = source.data, source.name, source.breaks, source.limits
    check_streams(data, limits)
    pdfium, document = _open(data)
    blocks: list[Block] = []
    lines_only: list[Paragraph] = []
    index = 1
    chars = 0
    images = 0
    previous: tuple[int, Table] | None = None  # the last table and its page
    try:
        pages = len(document)
        limits.check("max_pdf_pages", pages)
        for number in range(1, pages + 1):
            page = document[number - 1]
            try:
                reader = _Page(pdfium, page.raw, limits, number)
                page_edges = reader.edges()
                page_chars = reader.chars()
                if not page_chars:
                    images += _count_images(pdfium, page.raw)
            finally:
                page.close()
            chars += len(page_chars)
            if not page_chars:
                continue
            found: list[tuple[BBox, Table]] = []
            for laid in find_tables(page_edges, page_chars):
                grid = _grid(laid, number, index, name)
                if grid is not None:
                    if not found and previous is not None and previous[0] == number - 1:
                        grid = _without_repeated_header(grid, previous[1])
                    found.append((laid.bbox, grid))
                    index += 1
            if found:
                previous = (number, found[-1][1])
            boxes = [bbox for bbox, _ in found]
            items: list[tuple[float, Block]] = []
            for line_number, line in enumerate(text_lines(page_chars), start=1):
                para = Paragraph(line.text, SourceRef(file=name, page=number, line=line_number))
                if _PAGE_NUMBER.match(line.text):
                    continue
                lines_only.append(para)
                if not _inside(line, boxes):
                    items.append((line.top, para))
            items.extend((bbox[1], grid) for bbox, grid in found)
            items.sort(key=lambda item: item[0])
            blocks.extend(block for _, block in items)
    except (ParseError, LimitExceeded):
        raise
    except Exception as exc:  # PDFium raises its own errors on damaged pages
        raise ParseError(
            f"无法读取 PDF 文件（文件损坏或加密）/ cannot read the PDF (damaged or encrypted): "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    finally:
        document.close()
    if chars == 0:
        if pages == 0:
            raise ParseError("PDF 共 0 页，没有内容 / the PDF has 0 pages: nothing to read")
        raise ParseError(
            f"PDF 没有文字层（共 {pages} 页，{images} 张图片，可能是扫描件），需要先做文字识别（OCR）/ "
            f"the PDF has no text layer ({pages} page(s), {images} image(s): probably a scan); "
            "run OCR on it first"
        )
    if not any(isinstance(b, Table) for b in blocks):
        text_blocks, _ = tables_from_lines(lines_only, breaks=breaks)
        return Document(InputKind.PDF, tuple(text_blocks), name)
    return Document(InputKind.PDF, tuple(blocks), name)


def _count_images(pdfium: Any, page: Any) -> int:
    count = pdfium.FPDFPage_CountObjects(page)
    image = pdfium.FPDF_PAGEOBJ_IMAGE
    return sum(
        1
        for i in range(count)
        if pdfium.FPDFPageObj_GetType(pdfium.FPDFPage_GetObject(page, i)) == image
    )

"""The grid layer's common shapes: a published document as paragraphs and tables of cells.

Every format adapter (text, HTML, DOCX, PDF) turns its input into a :class:`Document`: a sequence
of :class:`Paragraph` and :class:`Table` blocks in reading order. Tables have their merged cells
resolved: every grid position holds the text of the cell covering it, and ``merged`` marks the
copies, so that a row can be read left to right without knowing how it was drawn. Every cell and
paragraph carries its :class:`~govinfo_report.findings.SourceRef`.

Nothing here knows the report format; the mapping layer does.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence

import attrs

from ..findings import Finding, SourceRef
from ..limits import Limits, default_limits

__all__ = [
    "Document",
    "GridCell",
    "InputKind",
    "Paragraph",
    "ReaderInput",
    "Table",
    "resolve_spans",
]


class InputKind(enum.StrEnum):
    """The kind of a published file, as sniffed from its content.

    Examples:
        >>> from govinfo_report.parse import InputKind, sniff
        >>> sniff(b"%PDF-1.7 ...") is InputKind.PDF
        True
    """

    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"
    XLSX = "xlsx"


@attrs.frozen(slots=True)
class GridCell:
    """One position of a table grid.

    Attributes:
        text: the text found in the cell, as printed (line breaks inside the cell kept).
        source: where the cell was found.
        merged: ``True`` for a position covered by a merged cell other than its top-left one.
        continued: ``True`` for a value read from a continuation line (text input).
        note: what the reader did to get the value (e.g. recovered from glued digits).
    """

    text: str
    source: SourceRef
    merged: bool = False
    continued: bool = False
    note: str | None = None


@attrs.frozen(slots=True)
class Paragraph:
    """One line or paragraph of running text.

    Attributes:
        text: the text as found.
        source: where it was found (line for text input, page and line for PDF).
        in_table: ``True`` when the text-input tokeniser also read this line as part of a table.
        note: a note for the values read from this line (e.g. recovered from glued digits).
    """

    text: str
    source: SourceRef
    in_table: bool = False
    note: str | None = None


@attrs.frozen(slots=True)
class Table:
    """A table with merged cells resolved.

    Attributes:
        rows: the grid rows, each a sequence of cells (rows may differ in length).
        index: 1-based number of the table in the document.
        positional: ``True`` for a table rebuilt from plain text: each row is its label cell
            followed by the values found on its line(s); blank cells could not be seen, so
            columns are known only by position.
    """

    rows: tuple[tuple[GridCell, ...], ...]
    index: int
    positional: bool = False


Block = Paragraph | Table


@attrs.frozen
class Document:
    """A published report as the grid layer read it.

    Attributes:
        kind: the input kind (:class:`InputKind`; a string such as ``"pdf"`` is converted).
        blocks: paragraphs and tables in reading order.
        name: the file name, if known.
        notes: what the reader noticed on the way (e.g. an encoding guess), in English and Chinese.
        title: a title recorded outside the text (HTML ``<title>``, DOCX or PDF properties).
        findings: what the reader found that the draft reports (e.g. glued digits left unsplit).
    """

    kind: InputKind = attrs.field(converter=InputKind)
    blocks: tuple[Block, ...]
    name: str | None = None
    notes: tuple[str, ...] = ()
    title: str | None = None
    findings: tuple[Finding, ...] = ()


def _limits(value: Limits | None) -> Limits:
    return value or default_limits()


@attrs.frozen
class ReaderInput:
    """What every grid reader reads: ``read_x(ReaderInput(data, name, breaks, limits))``.

    Attributes:
        data: the file's content.
        name: the file name to record in source locations.
        breaks: tells a section title (the mapping layer's), so a reader can split text there.
        limits: the bounds the reader stays within (the defaults when ``None``).

    Examples:
        >>> from govinfo_report.parse._text import read_text
        >>> read_text(ReaderInput("一、总体情况".encode(), "a.txt")).kind.value
        'text'
    """

    data: bytes
    name: str | None = None
    breaks: Callable[[str], bool] | None = None
    limits: Limits = attrs.field(default=None, converter=_limits)


@attrs.frozen(slots=True)
class SpanCell:
    """A cell as drawn, before spans are resolved: its text, its spans and its source maker."""

    text: str
    rowspan: int = 1
    colspan: int = 1


def resolve_spans(
    rows: Sequence[Sequence[SpanCell]],
    source: Callable[[int, int], SourceRef],
    *,
    limits: Limits | None = None,
    where: str = "",
) -> tuple[tuple[GridCell, ...], ...]:
    """Lay out drawn cells with row and column spans on a grid (HTML-style layout).

    Each drawn cell takes the first free position of its row, then covers ``rowspan`` rows and
    ``colspan`` columns; covered positions get copies marked ``merged``. ``source(row, column)``
    gives the location of the top-left position (0-based arguments). Spans are clamped to
    ``limits.max_span``; the table is refused when it would have more positions than
    ``limits.max_table_cells`` or a row wider than ``limits.max_row_width``, counted before
    the positions are made.

    Raises:
        LimitExceeded: naming the limit and ``where`` (the table).
    """
    limits = limits or default_limits()
    grid: dict[tuple[int, int], GridCell] = {}
    widths = [0] * len(rows)
    height = len(rows)
    positions = 0
    for r, drawn in enumerate(rows):
        c = 0
        for cell in drawn:
            while (r, c) in grid:
                c += 1
            rowspan = max(1, min(cell.rowspan, limits.max_span, height - r))
            colspan = max(1, min(cell.colspan, limits.max_span))
            limits.check("max_row_width", c + colspan, where=where)
            positions += rowspan * colspan
            limits.check("max_table_cells", positions, where=where)
            origin = GridCell(cell.text, source(r, c))
            for dr in range(rowspan):
                for dc in range(colspan):
                    if (r + dr, c + dc) not in grid:
                        grid[(r + dr, c + dc)] = (
                            origin if dr == dc == 0 else attrs.evolve(origin, merged=True)
                        )
                        widths[r + dr] = max(widths[r + dr], c + dc + 1)
            c += colspan
    result: list[tuple[GridCell, ...]] = []
    for r in range(height):
        width = widths[r]
        result.append(
            tuple(grid.get((r, c)) or GridCell("", source(r, c), merged=True) for c in range(width))
        )
    return tuple(result)

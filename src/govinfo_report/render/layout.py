"""The grid of the three tables, derived from the taxonomy: one layout for Word and HTML alike.

Every output draws the tables of sections 二, 三 and 四 from :func:`table_layouts`: which cell
sits at which row and column, how far it spans, whether it is a caption, a header, a row label or
a number, and how a number is printed. ``scripts/make_template.py`` builds the bundled Word
templates from it (merges and ``{{ cell_id }}`` placeholders) and the HTML renderer builds its
tables from it (``rowspan``/``colspan`` and the printed values), so the two cannot drift apart.

>>> from govinfo_report.taxonomy import FormatVersion
>>> layout = table_layouts(FormatVersion.V2021)["requests"]
>>> layout.rows, layout.columns, layout.header_rows
(28, 10, 3)
>>> corner = layout.cells[0]
>>> (corner.row, corner.column, corner.rowspan, corner.colspan, corner.role.value)
(0, 0, 3, 3, 'corner')
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from functools import cache

import attrs

from .. import taxonomy as tx
from ..taxonomy import CellKind, FormatVersion
from ._context import format_value, signed, with_unit

__all__ = ["TEXT_WIDTH_MM", "CellRole", "LayoutCell", "TableLayout", "table_layouts"]

TEXT_WIDTH_MM = 156.0
"""The width of the text block of an A4 page under GB/T 9704-2012 (210 − 28 − 26 mm).

>>> sum(table_layouts(FormatVersion.V2021)["review_litigation"].widths) == TEXT_WIDTH_MM
True
"""


class CellRole(enum.StrEnum):
    """What a cell of a table layout holds.

    >>> sorted({c.role.value for c in table_layouts(FormatVersion.V2021)["requests"].cells})
    ['corner', 'header', 'label', 'value']
    """

    CAPTION = "caption"  # a sub-table caption row of section 二 (第二十条第（一）项)
    CORNER = "corner"  # the top-left note of table 三 (its 勾稽关系)
    HEADER = "header"  # a column header
    LABEL = "label"  # a row label
    VALUE = "value"  # a number cell


@attrs.frozen
class LayoutCell:
    """One drawn cell: its top-left position, its spans, what it holds.

    Attributes:
        row: 0-based row of the top-left position.
        column: 0-based column of the top-left position.
        rowspan: rows covered.
        colspan: columns covered.
        role: what the cell holds.
        text: the printed label (empty for a number cell).
        cell_id: the cell id of a number cell (``None`` otherwise).
        value_column: the taxonomy column of a number cell (how its value is printed).
        left: whether the text is aligned left (row labels) rather than centred.

    Example::

        cell = table_layouts(FormatVersion.V2021)["review_litigation"].cells[-1]
        cell.cell_id                  # 'review_litigation.litigation_after_review.total'
        cell.printed(12), cell.placeholder()   # ('12', '{{ review_litigation....total }}')
    """

    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    role: CellRole = CellRole.LABEL
    text: str = ""
    cell_id: str | None = None
    value_column: tx.Column | None = None
    left: bool = False

    @property
    def bottom(self) -> int:
        """The last row covered (0-based)."""
        return self.row + self.rowspan - 1

    @property
    def right(self) -> int:
        """The last column covered (0-based)."""
        return self.column + self.colspan - 1

    def covers(self, row: int, column: int) -> bool:
        """Whether the cell covers the grid position ``(row, column)``.

        >>> LayoutCell(1, 2, rowspan=2).covers(2, 2), LayoutCell(1, 2).covers(2, 2)
        (True, False)
        """
        return self.row <= row <= self.bottom and self.column <= column <= self.right

    def printed(self, value: object) -> str:
        """A number cell's value as printed: nothing for ``None``, the sign of 本年增/减, the
        unit where the header names none; the same filters the Word template applies.

        >>> layout = table_layouts(FormatVersion.V2019)["proactive_disclosure"]
        >>> [c.printed(3) for c in layout.cells if c.cell_id and c.cell_id.endswith("change")][:1]
        ['+3']
        """
        column = self.value_column
        if column is not None and column.cell_unit:
            return str(with_unit(value, column.cell_unit))
        if column is not None and column.kind is CellKind.SIGNED:
            return str(signed(value))
        shown = format_value(value)
        return "" if shown is None else str(shown)

    def placeholder(self) -> str:
        """The Jinja placeholder of a number cell in the Word template.

        >>> table_layouts(FormatVersion.V2021)["requests"].cells[-1].placeholder()
        '{{ requests.carried_forward.total }}'
        """
        column = self.value_column
        if column is not None and column.cell_unit:
            return "{{ " + f'{self.cell_id}|with_unit("{column.cell_unit}")' + " }}"
        suffix = "|signed" if column is not None and column.kind is CellKind.SIGNED else ""
        return "{{ " + f"{self.cell_id}{suffix}" + " }}"


@attrs.frozen
class TableLayout:
    """The grid of one section's table.

    Attributes:
        section: the key of the section (``proactive_disclosure``, ``requests``,
            ``review_litigation``).
        rows: the number of grid rows.
        columns: the number of grid columns.
        cells: the drawn cells in reading order (row by row, left to right).
        widths: the width of each grid column in millimetres (they add up to the text block).
        header_rows: the rows at the top that repeat on each page (0 for section 二).
        keep_rows: rows kept on the same page as the next (section 二's captions and headers).
        small: whether the table is set in 小五 rather than 五号 (the wide tables 三 and 四).

    Example::

        layout = table_layouts(FormatVersion.V2021)["review_litigation"]
        layout.rows, layout.columns     # (4, 15)
    """

    section: str
    rows: int
    columns: int
    cells: tuple[LayoutCell, ...]
    widths: tuple[float, ...]
    header_rows: int = 0
    keep_rows: frozenset[int] = frozenset()
    small: bool = False
    _at: dict[tuple[int, int], LayoutCell] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        at = {
            (r, c): cell
            for cell in self.cells
            for r in range(cell.row, cell.bottom + 1)
            for c in range(cell.column, cell.right + 1)
        }
        object.__setattr__(self, "_at", at)

    def at(self, row: int, column: int) -> LayoutCell | None:
        """The cell covering the grid position ``(row, column)``, if any.

        >>> table_layouts(FormatVersion.V2021)["requests"].at(2, 1).text[:6]
        '（本列数据的'
        """
        return self._at.get((row, column))

    def value_cells(self) -> tuple[LayoutCell, ...]:
        """The number cells, in reading order.

        >>> len(table_layouts(FormatVersion.V2021)["review_litigation"].value_cells())
        15
        """
        return tuple(c for c in self.cells if c.role is CellRole.VALUE)

    def headers_of(self, cell: LayoutCell) -> tuple[LayoutCell, ...]:
        """The label and header cells that describe a number cell (for HTML ``headers``).

        Column headers are the non-number cells above it in its column (up to the number cells
        of the sub-table above); row labels the non-number cells to the left in its row.

        >>> layout = table_layouts(FormatVersion.V2021)["review_litigation"]
        >>> [h.text for h in layout.headers_of(layout.value_cells()[-1])]
        ['行政诉讼', '复议后起诉', '总计']
        """

        def label(row: int, column: int) -> LayoutCell | None:
            hit = self.at(row, column)
            return None if hit is None or hit.role is CellRole.VALUE else hit

        row = cell.row - 1
        while row >= 0 and label(row, cell.column) is None and self.at(row, cell.column):
            row -= 1  # the number rows of the same sub-table
        above: list[LayoutCell] = []
        while row >= 0 and (hit := label(row, cell.column)) is not None:
            above.append(hit)
            row = hit.row - 1
        left: list[LayoutCell] = []
        column = cell.column - 1
        while column >= 0 and label(cell.row, column) is None and self.at(cell.row, column):
            column -= 1  # the number cells to the left in the same row
        while column >= 0 and (hit := label(cell.row, column)) is not None:
            left.append(hit)
            column = hit.column - 1
        return (*reversed(above), *reversed(left))


class _Grid:
    """Collects the drawn cells of one table."""

    def __init__(self) -> None:
        self.cells: list[LayoutCell] = []
        self.left: set[tuple[int, int]] = set()

    def put(
        self,
        top: int,
        left: int,
        bottom: int,
        right: int,
        text: str,
        role: CellRole = CellRole.HEADER,
        *,
        align_left: bool = False,
    ) -> None:
        self.cells.append(
            LayoutCell(top, left, bottom - top + 1, right - left + 1, role, text, left=align_left)
        )

    def value(self, row: int, left: int, right: int, cell_id: str, column: tx.Column) -> None:
        self.cells.append(
            LayoutCell(
                row, left, 1, right - left + 1, CellRole.VALUE, cell_id=cell_id, value_column=column
            )
        )

    def sorted(self) -> tuple[LayoutCell, ...]:
        return tuple(sorted(self.cells, key=lambda c: (c.row, c.column)))


def _proactive(version: FormatVersion, width: float) -> TableLayout:
    """Section 二: one table, each sub-table a caption row, a header row and its data rows."""
    tables = tx.subtables(version)
    span = math.lcm(*(len(t.columns) for t in tables))  # data columns share one grid
    grid = _Grid()
    label_w = 44.0
    widths = (label_w, *([(width - label_w) / span] * span))
    r = 0
    keep: set[int] = set()
    for sub in tables:
        grid.put(r, 0, r, span, sub.caption, CellRole.CAPTION, align_left=True)
        grid.put(r + 1, 0, r + 1, 0, sub.header)
        keep.update((r, r + 1))
        each = span // len(sub.columns)
        for i, column in enumerate(sub.columns):
            grid.put(r + 1, 1 + i * each, r + 1, (i + 1) * each, column.label)
        for j, row in enumerate(sub.rows, start=r + 2):
            grid.put(j, 0, j, 0, row.label, CellRole.LABEL, align_left=True)
            for i, column in enumerate(sub.columns):
                cell_id = f"proactive_disclosure.{sub.key}.{row.key}.{column.key}"
                grid.value(j, 1 + i * each, (i + 1) * each, cell_id, column)
        r += 2 + len(sub.rows)
    return TableLayout(
        "proactive_disclosure", r, 1 + span, grid.sorted(), widths, 0, frozenset(keep)
    )


def _requests(version: FormatVersion, width: float) -> TableLayout:
    """Section 三: the three-row header and the nested row labels."""
    leaves = tx.request_row_leaves(version)
    columns = tx.REQUEST_COLUMNS
    label_cols = 3
    label_widths = (7.0, 16.0, 41.0)
    widths = (
        *label_widths,
        *([(width - sum(label_widths)) / len(columns)] * len(columns)),
    )
    last = label_cols + len(columns) - 1
    grid = _Grid()
    # Header: the 勾稽 note in the corner (3 × 3), 申请人情况 over all seven columns.
    grid.put(0, 0, 2, label_cols - 1, tx.TABLE3_CORNER_NOTE, CellRole.CORNER)
    grid.put(0, label_cols, 0, last, tx.TABLE3_APPLICANT_HEADER)
    grouped = [i for i, c in enumerate(columns) if c.group]
    for i, column in enumerate(columns):
        if column.group is None:  # 自然人, 总计: two rows high
            grid.put(1, label_cols + i, 2, label_cols + i, column.label)
        else:
            grid.put(2, label_cols + i, 2, label_cols + i, column.label)
    group_label = columns[grouped[0]].group or ""
    grid.put(1, label_cols + grouped[0], 1, label_cols + grouped[-1], group_label)
    # Rows: 一、二、四、 span the three label columns; the band 三、本年度办理结果 spans its rows.
    keys = [path[0].key for path in leaves]
    first = 3 + keys.index(tx.OUTCOMES_BAND_FIRST)
    band_last = 3 + keys.index(tx.OUTCOMES_BAND_LAST)
    grid.put(first, 0, band_last, 0, tx.OUTCOMES_BAND.label, CellRole.LABEL)
    r = 3
    for path in leaves:
        start = 1 if first <= r <= band_last else 0
        if len(path) == 1:
            grid.put(r, start, r, label_cols - 1, path[0].label, CellRole.LABEL, align_left=True)
        else:
            group, leaf = path[0], path[-1]
            if leaf is group.children[0]:
                bottom = r + len(group.children) - 1
                grid.put(r, 1, bottom, 1, group.label, CellRole.LABEL)
            grid.put(r, 2, r, 2, leaf.label, CellRole.LABEL, align_left=True)
        for i, column in enumerate(columns):
            cell_id = f"requests.{tx.row_id(path)}.{column.key}"
            grid.value(r, label_cols + i, label_cols + i, cell_id, column)
        r += 1
    return TableLayout(
        "requests", r, label_cols + len(columns), grid.sorted(), widths, 3, small=True
    )


def _cases(width: float) -> TableLayout:
    """Section 四: 行政复议 over five columns, 行政诉讼 over two groups of five."""
    columns = tx.CASE_COLUMNS
    n = len(columns)
    groups = tx.CASE_GROUPS
    total = n * len(groups)
    grid = _Grid()
    g = 0
    while g < len(groups):
        group, super_label = groups[g]
        if super_label is None:
            grid.put(0, g * n, 0, g * n + n - 1, group.label)
            for i, column in enumerate(columns):
                grid.put(1, g * n + i, 2, g * n + i, column.label)
            g += 1
            continue
        same = [k for k in range(g, len(groups)) if groups[k][1] == super_label]
        grid.put(0, g * n, 0, (same[-1] + 1) * n - 1, super_label)
        for k in same:
            grid.put(1, k * n, 1, k * n + n - 1, groups[k][0].label)
            for i, column in enumerate(columns):
                grid.put(2, k * n + i, 2, k * n + i, column.label)
        g = same[-1] + 1
    for k, (group, _) in enumerate(groups):
        for i, column in enumerate(columns):
            cell_id = f"review_litigation.{group.key}.{column.key}"
            grid.value(3, k * n + i, k * n + i, cell_id, column)
    widths = tuple([width / total] * total)
    return TableLayout("review_litigation", 4, total, grid.sorted(), widths, 3, small=True)


@cache
def _layouts(version: FormatVersion, width: float) -> Mapping[str, TableLayout]:
    return {
        "proactive_disclosure": _proactive(version, width),
        "requests": _requests(version, width),
        "review_litigation": _cases(width),
    }


def table_layouts(
    version: FormatVersion, width: float = TEXT_WIDTH_MM
) -> Mapping[str, TableLayout]:
    """The table layouts of a format version, by section key (computed once).

    Args:
        version: the format version.
        width: the width the column widths add up to, in millimetres.

    >>> sorted(table_layouts(FormatVersion.V2019))
    ['proactive_disclosure', 'requests', 'review_litigation']
    """
    return _layouts(version, width)

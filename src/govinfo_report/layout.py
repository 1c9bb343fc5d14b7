"""The printed layout of the three tables, as data: every header, label and cell on a grid.

Every output draws the tables of sections 二, 三 and 四 from this one layout, computed from the
taxonomy: which span sits at which row and column, how far it reaches, and whether it is a
caption, a header, a row label or a number cell. The Word templates (``scripts/make_template.py``:
merges and placeholders), the HTML renderer (``rowspan``/``colspan``, ``headers``) and the Excel
workbook (:mod:`.codec.xlsx`: merges, formulas) all read it, so they merge the same cells and print
the same labels in the same places.

Examples:
    >>> from govinfo_report.taxonomy import FormatVersion
    >>> grid = table_layout("requests", FormatVersion.V2021)
    >>> grid.rows, grid.cols, grid.header_rows, grid.label_cols
    (28, 10, 3, 3)
    >>> corner = grid.spans[0]
    >>> (corner.top, corner.left, corner.bottom, corner.right), corner.role
    ((0, 0, 2, 2), <Role.CORNER: 'corner'>)
    >>> grid.at("requests.withheld.state_secret.natural_person")[:2]
    (7, 3)
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterator
from functools import cache

import attrs

from . import taxonomy as tx
from .taxonomy import FormatVersion

__all__ = ["TABLE_SECTIONS", "TEXT_WIDTH_MM", "Role", "Span", "TableLayout", "table_layout"]

TABLE_SECTIONS: tuple[str, ...] = tx.TABLE_SECTIONS
"""The sections printed as tables, in order (二, 三, 四): the taxonomy's ``TABLE_SECTIONS``.

Examples:
    >>> [table_layout(s, FormatVersion.V2021).cols for s in TABLE_SECTIONS]
    [4, 10, 15]
"""

TEXT_WIDTH_MM = 156.0
"""The width of the text block of an A4 page under GB/T 9704-2012 (210 − 28 − 26 mm).

Examples:
    >>> sum(table_layout("review_litigation", FormatVersion.V2021).widths()) == TEXT_WIDTH_MM
    True
"""


class Role(enum.StrEnum):
    """What a span of the grid holds.

    Examples:
        >>> sorted({s.role.value for s in table_layout("requests", FormatVersion.V2021).spans})
        ['cell', 'corner', 'group', 'header', 'label']
    """

    CAPTION = "caption"  # a sub-table caption (第二十条第（一）项), left-aligned
    CORNER = "corner"  # the top-left note of table 三 (its 勾稽关系), a note, not a header
    HEADER = "header"  # a column header
    GROUP = "group"  # a row group label spanning its rows (（三）不予公开, the band)
    LABEL = "label"  # a row label, left-aligned
    CELL = "cell"  # a number cell


@attrs.frozen
class Span:
    """A rectangle of the grid (0-based, inclusive) and what it holds.

    Attributes:
        top: the first row covered.
        left: the first column covered.
        bottom: the last row covered.
        right: the last column covered.
        text: the label printed there; for a number cell, the cell id.
        role: what the span holds.
        column: for a number cell, the taxonomy column (kind, unit: how its value is printed).

    Examples:
        >>> band = Span(7, 0, 28, 0, "三、本年度办理结果", Role.GROUP)
        >>> band.merged, band.rowspan, band.colspan, band.left_aligned
        (True, 22, 1, False)
    """

    top: int
    left: int
    bottom: int
    right: int
    text: str
    role: Role
    column: tx.Column | None = None

    @property
    def merged(self) -> bool:
        """Whether the span covers more than one grid cell.

        Examples:
            >>> Span(0, 0, 0, 0, "x", Role.LABEL).merged
            False
        """
        return (self.top, self.left) != (self.bottom, self.right)

    @property
    def rowspan(self) -> int:
        """The number of rows covered.

        Examples:
            >>> Span(1, 2, 2, 2, "x", Role.HEADER).rowspan
            2
        """
        return self.bottom - self.top + 1

    @property
    def colspan(self) -> int:
        """The number of columns covered.

        Examples:
            >>> Span(0, 3, 0, 9, "申请人情况", Role.HEADER).colspan
            7
        """
        return self.right - self.left + 1

    @property
    def left_aligned(self) -> bool:
        """Whether the text is printed left-aligned (captions and row labels) rather than centred.

        Examples:
            >>> Span(0, 0, 0, 3, "第二十条第（一）项", Role.CAPTION).left_aligned
            True
        """
        return self.role in (Role.CAPTION, Role.LABEL)

    def covers(self, row: int, column: int) -> bool:
        """Whether the span covers the grid position ``(row, column)``.

        Examples:
            >>> span = Span(1, 2, 2, 2, "x", Role.HEADER)
            >>> span.covers(2, 2), span.covers(2, 3)
            (True, False)
        """
        return self.top <= row <= self.bottom and self.left <= column <= self.right


@attrs.frozen
class TableLayout:
    """One table drawn on a grid: size, header rows, label columns and spans in reading order.

    Attributes:
        section: the key of the section (one of `TABLE_SECTIONS`).
        rows: the number of grid rows.
        cols: the number of grid columns.
        header_rows: the rows at the top that repeat on each page (0 for section 二).
        label_cols: the columns of row labels at the left.
        spans: the spans in reading order (row by row, left to right).
        keep_rows: rows kept on the same page as the next (section 二's captions and headers).
        small: whether the table is set in 小五 rather than 五号 (the wide tables 三 and 四).
        label_widths: the widths of the label columns in millimetres (see `widths`).

    Examples:
        >>> grid = table_layout("review_litigation", FormatVersion.V2021)
        >>> grid.rows, grid.cols, grid.small, next(grid.cells()).text
        (4, 15, True, 'review_litigation.review.upheld')
    """

    section: str
    rows: int
    cols: int
    header_rows: int
    label_cols: int
    spans: tuple[Span, ...]
    keep_rows: frozenset[int] = frozenset()
    small: bool = False
    label_widths: tuple[float, ...] = ()
    _by_id: dict[str, Span] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _by_position: dict[tuple[int, int], Span] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        by_position = {
            (r, c): span
            for span in self.spans
            for r in range(span.top, span.bottom + 1)
            for c in range(span.left, span.right + 1)
        }
        object.__setattr__(self, "_by_id", {s.text: s for s in self.cells()})
        object.__setattr__(self, "_by_position", by_position)

    def cells(self) -> Iterator[Span]:
        """The number cells, in reading order.

        Examples:
            >>> len(list(table_layout("review_litigation", FormatVersion.V2021).cells()))
            15
        """
        return (s for s in self.spans if s.role is Role.CELL)

    def at(self, cell_id: str) -> tuple[int, int, Span]:
        """The row and column of a number cell, and its span.

        Raises:
            KeyError: if the table has no such cell.

        Examples:
            >>> table_layout("review_litigation", FormatVersion.V2021).at(
            ...     "review_litigation.review.total")[:2]
            (3, 4)
        """
        span = self._by_id[cell_id]
        return span.top, span.left, span

    def span_at(self, row: int, column: int) -> Span | None:
        """The span covering the grid position ``(row, column)``, if any.

        Examples:
            >>> table_layout("requests", FormatVersion.V2021).span_at(2, 1).text[:6]
            '（本列数据的'
        """
        return self._by_position.get((row, column))

    @property
    def left_aligned(self) -> frozenset[tuple[int, int]]:
        """The top-left corners of captions and row labels (printed left-aligned).

        Examples:
            >>> (0, 0) in table_layout("proactive_disclosure", FormatVersion.V2021).left_aligned
            True
        """
        return frozenset((s.top, s.left) for s in self.spans if s.left_aligned)

    def widths(self, total: float = TEXT_WIDTH_MM) -> tuple[float, ...]:
        """The width of each grid column in millimetres: the label columns, then equal shares.

        Args:
            total: the width the columns add up to (the text block of the page).

        Examples:
            >>> table_layout("requests", FormatVersion.V2021).widths()[:4]
            (7.0, 16.0, 41.0, 13.142857142857142)
        """
        share = self.cols - len(self.label_widths)
        return (*self.label_widths, *([(total - sum(self.label_widths)) / share] * share))

    def headers_of(self, cell: Span) -> tuple[Span, ...]:
        """The label and header spans that describe a number cell (for HTML ``headers``).

        Column headers are the spans above it in its column (up to the number cells of the
        sub-table above); row labels the spans to the left in its row.

        Examples:
            >>> grid = table_layout("review_litigation", FormatVersion.V2021)
            >>> [h.text for h in grid.headers_of(grid.spans[-1])]
            ['行政诉讼', '复议后起诉', '总计']
        """

        def label(row: int, column: int) -> Span | None:
            hit = self.span_at(row, column)
            return None if hit is None or hit.role is Role.CELL else hit

        row = cell.top - 1
        while row >= 0 and label(row, cell.left) is None and self.span_at(row, cell.left):
            row -= 1  # the number rows of the same sub-table
        above: list[Span] = []
        while row >= 0 and (hit := label(row, cell.left)) is not None:
            above.append(hit)
            row = hit.top - 1
        left: list[Span] = []
        column = cell.left - 1
        while column >= 0 and label(cell.top, column) is None and self.span_at(cell.top, column):
            column -= 1  # the number cells to the left in the same row
        while column >= 0 and (hit := label(cell.top, column)) is not None:
            left.append(hit)
            column = hit.left - 1
        return (*reversed(above), *reversed(left))


def _reading_order(spans: list[Span]) -> tuple[Span, ...]:
    return tuple(sorted(spans, key=lambda s: (s.top, s.left)))


def _proactive(version: FormatVersion) -> TableLayout:
    """Section 二: one table, each sub-table a caption row, a header row and its data rows."""
    tables = tx.subtables(version)
    span = math.lcm(*(len(t.columns) for t in tables))  # data columns share one grid
    spans: list[Span] = []
    keep: set[int] = set()
    r = 0
    for sub in tables:
        spans.append(Span(r, 0, r, span, sub.caption, Role.CAPTION))
        spans.append(Span(r + 1, 0, r + 1, 0, sub.header, Role.HEADER))
        keep.update((r, r + 1))
        each = span // len(sub.columns)
        for i, column in enumerate(sub.columns):
            left = 1 + i * each
            spans.append(Span(r + 1, left, r + 1, left + each - 1, column.label, Role.HEADER))
        for j, row in enumerate(sub.rows, start=r + 2):
            spans.append(Span(j, 0, j, 0, row.label, Role.LABEL))
            for i, column in enumerate(sub.columns):
                left = 1 + i * each
                cell_id = tx.cell_id("proactive_disclosure", sub, row, column)
                spans.append(Span(j, left, j, left + each - 1, cell_id, Role.CELL, column))
        r += 2 + len(sub.rows)
    return TableLayout(
        "proactive_disclosure",
        r,
        1 + span,
        0,
        1,
        _reading_order(spans),
        frozenset(keep),
        label_widths=(44.0,),
    )


def _requests(version: FormatVersion) -> TableLayout:
    """Section 三: the three-row header under the 勾稽 note, and the nested row labels."""
    leaves = tx.request_row_leaves(version)
    columns = tx.REQUEST_COLUMNS
    label_cols, header_rows = 3, 3
    last = label_cols + len(columns) - 1
    spans = [
        Span(0, 0, header_rows - 1, label_cols - 1, tx.TABLE3_CORNER_NOTE, Role.CORNER),
        Span(0, label_cols, 0, last, tx.TABLE3_APPLICANT_HEADER, Role.HEADER),
    ]
    grouped = [i for i, c in enumerate(columns) if c.group]
    for i, column in enumerate(columns):
        if column.group is None:  # 自然人, 总计: two rows high
            spans.append(Span(1, label_cols + i, 2, label_cols + i, column.label, Role.HEADER))
        else:
            spans.append(Span(2, label_cols + i, 2, label_cols + i, column.label, Role.HEADER))
    group_label = columns[grouped[0]].group or ""
    spans.append(
        Span(1, label_cols + grouped[0], 1, label_cols + grouped[-1], group_label, Role.HEADER)
    )
    # Rows: 一、二、四、 span the three label columns; the band 三、本年度办理结果 spans its rows.
    keys = [path[0].key for path in leaves]
    first = header_rows + keys.index(tx.OUTCOMES_BAND_FIRST)
    band_last = header_rows + keys.index(tx.OUTCOMES_BAND_LAST)
    spans.append(Span(first, 0, band_last, 0, tx.OUTCOMES_BAND.label, Role.GROUP))
    for r, path in enumerate(leaves, start=header_rows):
        start = 1 if first <= r <= band_last else 0
        if len(path) == 1:
            spans.append(Span(r, start, r, label_cols - 1, path[0].label, Role.LABEL))
        else:
            group, leaf = path[0], path[-1]
            if leaf is group.children[0]:
                bottom = r + len(group.children) - 1
                spans.append(Span(r, 1, bottom, 1, group.label, Role.GROUP))
            spans.append(Span(r, 2, r, 2, leaf.label, Role.LABEL))
        for i, column in enumerate(columns):
            cell_id = tx.cell_id("requests", path, column)
            spans.append(Span(r, label_cols + i, r, label_cols + i, cell_id, Role.CELL, column))
    return TableLayout(
        "requests",
        header_rows + len(leaves),
        last + 1,
        header_rows,
        label_cols,
        _reading_order(spans),
        small=True,
        label_widths=(7.0, 16.0, 41.0),
    )


def _cases() -> TableLayout:
    """Section 四: 行政复议 over five columns, 行政诉讼 over two groups of five."""
    columns = tx.CASE_COLUMNS
    n = len(columns)
    groups = tx.CASE_GROUPS
    spans: list[Span] = []
    g = 0
    while g < len(groups):
        group, super_label = groups[g]
        if super_label is None:
            spans.append(Span(0, g * n, 0, g * n + n - 1, group.label, Role.HEADER))
            for i, column in enumerate(columns):
                spans.append(Span(1, g * n + i, 2, g * n + i, column.label, Role.HEADER))
            g += 1
            continue
        same = [k for k in range(g, len(groups)) if groups[k][1] == super_label]
        spans.append(Span(0, g * n, 0, (same[-1] + 1) * n - 1, super_label, Role.HEADER))
        for k in same:
            spans.append(Span(1, k * n, 1, k * n + n - 1, groups[k][0].label, Role.HEADER))
            for i, column in enumerate(columns):
                spans.append(Span(2, k * n + i, 2, k * n + i, column.label, Role.HEADER))
        g = same[-1] + 1
    for k, (group, _) in enumerate(groups):
        for i, column in enumerate(columns):
            cell_id = tx.cell_id("review_litigation", group, column)
            spans.append(Span(3, k * n + i, 3, k * n + i, cell_id, Role.CELL, column))
    return TableLayout(
        "review_litigation", 4, n * len(groups), 3, 0, _reading_order(spans), small=True
    )


@cache
def table_layout(section: str, version: FormatVersion) -> TableLayout:
    """The layout of a table section (one of `TABLE_SECTIONS`), computed once.

    Raises:
        KeyError: for a section that is not a table.

    Examples:
        >>> grid = table_layout("proactive_disclosure", FormatVersion.V2021)
        >>> grid.spans[0].text, grid.cols
        ('第二十条第（一）项', 4)
    """
    if section == "proactive_disclosure":
        return _proactive(version)
    if section == "requests":
        return _requests(version)
    if section == "review_litigation":
        return _cases()
    raise KeyError(section)

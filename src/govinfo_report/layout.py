"""The printed layout of the three tables, as data: every header, label and cell on a grid.

The Word template (``scripts/make_template.py``) and the Excel workbook (:mod:`.codec.xlsx`) draw
the same tables: the section 二 sub-tables on one grid, table 三 with its three header rows, three
label columns and the 三、本年度办理结果 band, table 四 with 行政复议 and 行政诉讼 over their groups.
This module computes that layout once from the taxonomy, so both outputs merge the same cells
and print the same labels in the same places.

Example::

    >>> from govinfo_report.taxonomy import FormatVersion
    >>> grid = table_layout("requests", FormatVersion.V2021)
    >>> grid.rows, grid.cols, grid.header_rows, grid.label_cols
    (28, 10, 3, 3)
    >>> corner = grid.spans[0]
    >>> (corner.top, corner.left, corner.bottom, corner.right), corner.role
    ((0, 0, 2, 2), <Role.HEADER: 'header'>)
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

__all__ = ["TABLE_SECTIONS", "Role", "Span", "TableLayout", "table_layout"]

TABLE_SECTIONS: tuple[str, ...] = ("proactive_disclosure", "requests", "review_litigation")
"""The sections printed as tables, in order (二, 三, 四)."""


class Role(enum.StrEnum):
    """What a span of the grid holds.

    Example::

        >>> [span.role.value for span in table_layout("review_litigation", FormatVersion.V2021).spans][:2]
        ['header', 'header']
    """

    CAPTION = "caption"  # a sub-table caption (第二十条第（一）项), left-aligned
    HEADER = "header"  # a column header or the corner note
    GROUP = "group"  # a row group label spanning its rows (（三）不予公开, the band)
    LABEL = "label"  # a row label, left-aligned
    CELL = "cell"  # a number cell


@attrs.frozen
class Span:
    """A rectangle of the grid (0-based, inclusive) and what it holds.

    Attributes:
        text: the label printed there; for a number cell, the cell id.
        column: for a number cell, the taxonomy column (kind, unit).

    Example::

        >>> band = Span(7, 0, 28, 0, "三、本年度办理结果", Role.GROUP)
        >>> band.merged
        True
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
        """Whether the span covers more than one grid cell."""
        return (self.top, self.left) != (self.bottom, self.right)


@attrs.frozen
class TableLayout:
    """One table drawn on a grid: size, header rows, label columns and spans in reading order.

    Example::

        >>> grid = table_layout("review_litigation", FormatVersion.V2021)
        >>> grid.rows, grid.cols, next(grid.cells()).text
        (4, 15, 'review_litigation.review.upheld')
    """

    section: str
    rows: int
    cols: int
    header_rows: int
    label_cols: int
    spans: tuple[Span, ...]
    keep_rows: frozenset[int] = frozenset()  # rows kept with the next (sub-table headings)

    def cells(self) -> Iterator[Span]:
        """The number cells, in reading order."""
        return (s for s in self.spans if s.role is Role.CELL)

    def at(self, cell_id: str) -> tuple[int, int, Span]:
        """The row and column of a number cell, and its span.

        Raises:
            KeyError: if the table has no such cell.
        """
        span = self._index()[cell_id]
        return span.top, span.left, span

    def _index(self) -> dict[str, Span]:
        return _cell_index(self)

    @property
    def left_aligned(self) -> frozenset[tuple[int, int]]:
        """The top-left corners of captions and row labels (printed left-aligned)."""
        return frozenset(
            (s.top, s.left) for s in self.spans if s.role in (Role.CAPTION, Role.LABEL)
        )


@cache
def _cell_index(layout: TableLayout) -> dict[str, Span]:
    return {s.text: s for s in layout.cells()}


def _proactive(version: FormatVersion) -> TableLayout:
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
                cell_id = f"proactive_disclosure.{sub.key}.{row.key}.{column.key}"
                spans.append(Span(j, left, j, left + each - 1, cell_id, Role.CELL, column))
        r += 2 + len(sub.rows)
    return TableLayout("proactive_disclosure", r, 1 + span, 0, 1, tuple(spans), frozenset(keep))


def _requests(version: FormatVersion) -> TableLayout:
    leaves = tx.request_row_leaves(version)
    columns = tx.REQUEST_COLUMNS
    label_cols, header_rows = 3, 3
    last = label_cols + len(columns) - 1
    spans = [
        Span(0, 0, header_rows - 1, label_cols - 1, tx.TABLE3_CORNER_NOTE, Role.HEADER),
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
            cell_id = f"requests.{tx.row_id(path)}.{column.key}"
            spans.append(Span(r, label_cols + i, r, label_cols + i, cell_id, Role.CELL, column))
    rows = header_rows + len(leaves)
    return TableLayout("requests", rows, last + 1, header_rows, label_cols, tuple(spans))


def _cases() -> TableLayout:
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
            cell_id = f"review_litigation.{group.key}.{column.key}"
            spans.append(Span(3, k * n + i, 3, k * n + i, cell_id, Role.CELL, column))
    return TableLayout("review_litigation", 4, n * len(groups), 3, 0, tuple(spans))


@cache
def table_layout(section: str, version: FormatVersion) -> TableLayout:
    """The layout of a table section (``proactive_disclosure``, ``requests``, ``review_litigation``).

    Raises:
        KeyError: for a section that is not a table.

    Example::

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

"""Page geometry for the PDF reader: characters into words and lines, ruling lines into tables.

Pure geometry over plain tuples, no PDF library: :mod:`._pdf` reads each page's characters (with
their boxes) and drawn segments, and this module rebuilds what a reader sees:

* **words and lines**: characters are clustered into lines by their top (3 pt tolerance, chained),
  sorted left to right, split into words at white space or at a gap over 3 pt; a line of text is
  its words joined by one space;
* **ruled tables**: horizontal and vertical segments become edges; edges within 3 pt are snapped
  to their mean position and joined along their line; their crossings are the grid's points; the
  smallest rectangle of connected points is a cell; cells sharing a corner form one table; rows
  are the cells' distinct tops, columns their distinct lefts (a merged cell leaves ``None`` at
  the positions it covers);
* a cell's text is the text of the characters whose centre lies inside it.

These are the conventions of the lattice table readers (and of the reader this module replaced),
so the cells found are the same; the page reading order is top to bottom.

Coordinates are PDF points with ``top`` measured down from the top of the page.

Example::

    >>> chars = [Char("1", 10, 16, 100, 112), Char("2", 16, 22, 100, 112),
    ...          Char("年", 40, 52, 101, 113)]
    >>> [line.text for line in text_lines(chars)]
    ['12 年']
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import NamedTuple

__all__ = ["Char", "Edge", "LaidTable", "TextLine", "cell_text", "find_tables", "text_lines"]

TOLERANCE = 3.0
"""Points: characters closer than this in height share a line; a gap over it starts a word."""
_SNAP = 3.0
_JOIN = 3.0
_MIN_EDGE = 3.0
_MIN_EDGE_FIRST = 1.0
_LIGATURES = frozenset("ﬀﬁﬂﬃﬄﬅﬆ")

BBox = tuple[float, float, float, float]


class Char(NamedTuple):
    """One character as drawn: its text and box (``x0 < x1``, ``top < bottom``).

    ``upright`` is ``False`` for characters drawn rotated (read top to bottom).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    upright: bool = True


class Edge(NamedTuple):
    """A horizontal (``"h"``) or vertical (``"v"``) ruling line."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float


class TextLine(NamedTuple):
    """One line of text with its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


class LaidTable(NamedTuple):
    """A ruled table: its box, its rows of cell boxes (``None`` where a merged cell covers) and texts."""

    bbox: BBox
    rows: list[list[BBox | None]]
    texts: list[list[str | None]]


class _Word(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    chars: tuple[Char, ...]


# --- clustering ------------------------------------------------------------------------------


def _cluster_ids(values: Iterable[float], tolerance: float) -> dict[float, int]:
    """Number chained clusters of values: sorted distinct values, a gap over ``tolerance`` splits."""
    ids: dict[float, int] = {}
    last: float | None = None
    current = -1
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            current += 1
        ids[value] = current
        last = value
    return ids


def _line_groups(chars: Sequence[Char], upright: bool) -> list[list[Char]]:
    """Characters in lines (clustered by top, or by left for rotated text), each in reading order."""
    if upright:
        tops = [c.top for c in chars]
        if max(tops) - min(tops) <= TOLERANCE:  # one line (the common case in a cell)
            return [sorted(chars, key=lambda c: c.x0)]
        ids = _cluster_ids(tops, TOLERANCE)
        ordered = sorted(chars, key=lambda c: ids[c.top])
        groups = itertools.groupby(ordered, key=lambda c: ids[c.top])
        return [sorted(group, key=lambda c: c.x0) for _, group in groups]
    ids = _cluster_ids((c.x0 for c in chars), TOLERANCE)
    ordered = sorted(chars, key=lambda c: ids[c.x0])
    groups = itertools.groupby(ordered, key=lambda c: ids[c.x0])
    return [sorted(group, key=lambda c: (c.top, c.bottom)) for _, group in groups]


def _new_word(prev: Char, char: Char, upright: bool) -> bool:
    if upright:
        return (
            char.x0 < prev.x0
            or char.x0 > prev.x1 + TOLERANCE
            or abs(char.top - prev.top) > TOLERANCE
        )
    return (
        char.top < prev.top
        or char.top > prev.bottom + TOLERANCE
        or abs(char.x0 - prev.x0) > TOLERANCE
    )


def _make_word(chars: list[Char]) -> _Word:
    text = "".join([c.text for c in chars])
    if not _LIGATURES.isdisjoint(text):
        text = "".join(unicodedata.normalize("NFKC", t) if t in _LIGATURES else t for t in text)
    if len(chars) == 1:
        c = chars[0]
        return _Word(text, c.x0, c.x1, c.top, c.bottom, (c,))
    return _Word(
        text,
        min([c.x0 for c in chars]),  # the first one's for upright text, not for rotated
        max([c.x1 for c in chars]),
        min([c.top for c in chars]),
        max([c.bottom for c in chars]),
        tuple(chars),
    )


def _words(chars: Sequence[Char]) -> list[_Word]:
    """Words in reading order: runs of upright and rotated characters are read separately."""
    words: list[_Word] = []
    runs = (
        [(True, chars)]
        if all(c.upright for c in chars)
        else [(k, list(g)) for k, g in itertools.groupby(chars, key=lambda c: c.upright)]
    )
    tol = TOLERANCE
    for upright, run in runs:
        for line in _line_groups(run, upright):
            current: list[Char] = []
            prev: Char | None = None
            for char in line:
                if char.text.isspace():
                    if current:
                        words.append(_make_word(current))
                    current, prev = [], None
                    continue
                if prev is not None and (
                    (char.x0 < prev.x0 or char.x0 > prev.x1 + tol or abs(char.top - prev.top) > tol)
                    if upright
                    else _new_word(prev, char, upright)
                ):
                    words.append(_make_word(current))
                    current = []
                current.append(char)
                prev = char
            if current:
                words.append(_make_word(current))
    return words


def text_lines(chars: Sequence[Char]) -> list[TextLine]:
    """The page's lines of text, top to bottom, each with its box.

    Words whose tops are within the tolerance of the previous word's line continue that line.

    Example::

        >>> [l.text for l in text_lines([Char("a", 0, 5, 0, 10), Char("b", 0, 5, 20, 30)])]
        ['a', 'b']
    """
    words = _words(chars)
    ids = _cluster_ids((w.top for w in words), TOLERANCE)
    lines: list[TextLine] = []
    for _, group in itertools.groupby(words, key=lambda w: ids[w.top]):
        members = list(group)
        lines.append(
            TextLine(
                " ".join(w.text for w in members),
                min(w.x0 for w in members),
                min(w.top for w in members),
                max(w.x1 for w in members),
                max(w.bottom for w in members),
            )
        )
    return lines


def cell_text(chars: Sequence[Char]) -> str:
    """The text of a table cell: its words in lines (by top), words joined by a space.

    Example::

        >>> cell_text([Char("合", 0, 10, 0, 10), Char("计", 10, 20, 0, 10)])
        '合计'
    """
    if len(chars) == 1:
        text = chars[0].text
        return "" if text.isspace() else _make_word(list(chars)).text
    words = _words(chars)
    if not words:
        return ""
    tops = [w.top for w in words]
    if max(tops) - min(tops) <= TOLERANCE:  # one line (the common case)
        return " ".join(w.text for w in words)
    ids = _cluster_ids(tops, TOLERANCE)
    ordered = sorted(words, key=lambda w: ids[w.top])
    return "\n".join(
        " ".join(w.text for w in group)
        for _, group in itertools.groupby(ordered, key=lambda w: ids[w.top])
    )


# --- ruled tables ----------------------------------------------------------------------------


def _length(edge: Edge) -> float:
    return edge.bottom - edge.top if edge.orientation == "v" else edge.x1 - edge.x0


def _snap(edges: list[Edge], vertical: bool) -> list[Edge]:
    """Move edges within the tolerance of one another to their mean position."""
    position: Callable[[Edge], float] = attrgetter("x0") if vertical else attrgetter("top")
    ids = _cluster_ids((position(e) for e in edges), _SNAP)
    ordered = sorted(edges, key=lambda e: ids[position(e)])
    snapped: list[Edge] = []
    for _, group in itertools.groupby(ordered, key=lambda e: ids[position(e)]):
        members = list(group)
        mean = sum(position(e) for e in members) / len(members)
        for e in members:
            shift = mean - position(e)
            if vertical:
                snapped.append(e._replace(x0=e.x0 + shift, x1=e.x1 + shift))
            else:
                snapped.append(e._replace(top=e.top + shift, bottom=e.bottom + shift))
    return snapped


def _join(edges: list[Edge], vertical: bool) -> list[Edge]:
    """Join edges on the same line whose ends are within the tolerance."""
    start: Callable[[Edge], float] = attrgetter("top") if vertical else attrgetter("x0")
    end: Callable[[Edge], float] = attrgetter("bottom") if vertical else attrgetter("x1")
    ordered = sorted(edges, key=start)
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if start(e) <= end(last) + _JOIN:
            if end(e) > end(last):
                joined[-1] = last._replace(bottom=e.bottom) if vertical else last._replace(x1=e.x1)
        else:
            joined.append(e)
    return joined


def _merge(edges: Sequence[Edge]) -> list[Edge]:
    vertical = [e for e in edges if e.orientation == "v" and _length(e) >= _MIN_EDGE_FIRST]
    horizontal = [e for e in edges if e.orientation == "h" and _length(e) >= _MIN_EDGE_FIRST]
    snapped = _snap(horizontal, vertical=False) + _snap(vertical, vertical=True)

    def group(e: Edge) -> tuple[str, float]:
        return (e.orientation, e.top if e.orientation == "h" else e.x0)

    merged: list[Edge] = []
    for (orientation, _), members in itertools.groupby(sorted(snapped, key=group), key=group):
        merged += _join(list(members), vertical=orientation == "v")
    return [e for e in merged if _length(e) >= _MIN_EDGE]


def _edge_box(e: Edge) -> BBox:
    return (e.x0, e.top, e.x1, e.bottom)


Point = tuple[float, float]


def _intersections(edges: Sequence[Edge]) -> dict[Point, tuple[set[BBox], set[BBox]]]:
    vertical = sorted((e for e in edges if e.orientation == "v"), key=lambda e: (e.x0, e.top))
    horizontal = sorted((e for e in edges if e.orientation == "h"), key=lambda e: (e.top, e.x0))
    points: dict[Point, tuple[set[BBox], set[BBox]]] = {}
    tol = TOLERANCE
    for v in vertical:
        for h in horizontal:
            if (
                v.top <= h.top + tol
                and v.bottom >= h.top - tol
                and v.x0 >= h.x0 - tol
                and v.x0 <= h.x1 + tol
            ):
                verticals, horizontals = points.setdefault((v.x0, h.top), (set(), set()))
                verticals.add(_edge_box(v))
                horizontals.add(_edge_box(h))
    return points


def _cells(points: dict[Point, tuple[set[BBox], set[BBox]]]) -> list[BBox]:
    """For each point, the smallest rectangle of points joined by edges with it as top-left."""
    ordered = sorted(points)
    by_x: dict[float, list[Point]] = {}
    by_y: dict[float, list[Point]] = {}
    for point in ordered:
        by_x.setdefault(point[0], []).append(point)
        by_y.setdefault(point[1], []).append(point)

    def vertical_link(a: Point, b: Point) -> bool:
        return not points[a][0].isdisjoint(points[b][0])

    def horizontal_link(a: Point, b: Point) -> bool:
        return not points[a][1].isdisjoint(points[b][1])

    cells: list[BBox] = []
    for point in ordered:
        x, y = point
        below = [p for p in by_x[x] if p[1] > y]
        right = [p for p in by_y[y] if p[0] > x]
        found = False
        for low in below:
            if not vertical_link(point, low):
                continue
            for side in right:
                if not horizontal_link(point, side):
                    continue
                corner = (side[0], low[1])
                if (
                    corner in points
                    and vertical_link(corner, side)
                    and horizontal_link(corner, low)
                ):
                    cells.append((x, y, corner[0], corner[1]))
                    found = True
                    break
            if found:
                break
    return cells


def _group_cells(cells: list[BBox]) -> list[list[BBox]]:
    """Cells connected through shared corners form one table (tables of one cell are dropped)."""
    by_corner: dict[Point, list[int]] = {}

    def corners(cell: BBox) -> tuple[Point, ...]:
        x0, top, x1, bottom = cell
        return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))

    for i, cell in enumerate(cells):
        for corner in corners(cell):
            by_corner.setdefault(corner, []).append(i)
    seen: set[int] = set()
    tables: list[list[BBox]] = []
    for i in range(len(cells)):
        if i in seen:
            continue
        seen.add(i)
        stack, members = [i], []
        while stack:
            j = stack.pop()
            members.append(cells[j])
            for corner in corners(cells[j]):
                for k in by_corner[corner]:
                    if k not in seen:
                        seen.add(k)
                        stack.append(k)
        tables.append(members)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _rows(cells: list[BBox]) -> list[list[BBox | None]]:
    lefts = sorted({c[0] for c in cells})
    rows: list[list[BBox | None]] = []
    ordered = sorted(cells, key=lambda c: (c[1], c[0]))
    for _, group in itertools.groupby(ordered, key=lambda c: c[1]):
        by_left = {c[0]: c for c in group}
        rows.append([by_left.get(x) for x in lefts])
    return rows


class _CharIndex:
    """Characters sorted by the height of their centre, for quick lookups by row."""

    def __init__(self, chars: Sequence[Char]) -> None:
        self.items = sorted(
            (((c.top + c.bottom) / 2, (c.x0 + c.x1) / 2, n, c) for n, c in enumerate(chars)),
            key=lambda item: (item[0], item[2]),
        )
        self.keys = [item[0] for item in self.items]

    def within(self, box: BBox) -> list[tuple[float, float, int, Char]]:
        """Characters whose centre lies in ``box`` (left and top inclusive), in page order."""
        x0, top, x1, bottom = box
        lo = bisect.bisect_left(self.keys, top)
        hi = bisect.bisect_left(self.keys, bottom)
        found = [item for item in self.items[lo:hi] if x0 <= item[1] < x1]
        found.sort(key=lambda item: item[2])
        return found


def find_tables(edges: Sequence[Edge], chars: Sequence[Char]) -> list[LaidTable]:
    """The ruled tables of a page, top to bottom, with the text of each cell.

    Example::

        >>> lines = [Edge("h", 0, y, 100, y) for y in (0, 20, 40)]
        >>> lines += [Edge("v", x, 0, x, 40) for x in (0, 50, 100)]
        >>> table = find_tables(lines, [Char("7", 60, 66, 25, 35)])[0]
        >>> table.texts
        [['', ''], ['', '7']]
    """
    merged = _merge(edges)
    laid: list[LaidTable] = []
    index = _CharIndex(chars)
    for cells in _group_cells(_cells(_intersections(merged))):
        rows = _rows(cells)
        bbox = (
            min(c[0] for c in cells),
            min(c[1] for c in cells),
            max(c[2] for c in cells),
            max(c[3] for c in cells),
        )
        texts: list[list[str | None]] = []
        for row in rows:
            drawn = [c for c in row if c is not None]
            row_box = (
                min(c[0] for c in drawn),
                min(c[1] for c in drawn),
                max(c[2] for c in drawn),
                max(c[3] for c in drawn),
            )
            row_chars = index.within(row_box)
            line: list[str | None] = []
            for cell in row:
                if cell is None:
                    line.append(None)
                    continue
                x0, top, x1, bottom = cell
                inside = [
                    item[3] for item in row_chars if x0 <= item[1] < x1 and top <= item[0] < bottom
                ]
                line.append(cell_text(inside) if inside else "")
            texts.append(line)
        laid.append(LaidTable(bbox, rows, texts))
    return laid

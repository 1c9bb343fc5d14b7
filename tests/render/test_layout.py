"""The table layout: one grid for Word and HTML, covering every position once, named by the taxonomy."""

from __future__ import annotations

import pytest

from govinfo_report.render import default_template_path
from govinfo_report.render.layout import CellRole, table_layouts
from govinfo_report.taxonomy import FormatVersion, cell_index

from .conftest import document


@pytest.mark.parametrize("version", list(FormatVersion))
def test_every_position_is_covered_once(version: FormatVersion) -> None:
    for layout in table_layouts(version).values():
        seen: dict[tuple[int, int], int] = {}
        for n, cell in enumerate(layout.cells):
            for r in range(cell.row, cell.bottom + 1):
                for c in range(cell.column, cell.right + 1):
                    assert (r, c) not in seen, (layout.section, r, c)
                    seen[(r, c)] = n
        assert len(seen) == layout.rows * layout.columns
        assert len(layout.widths) == layout.columns
        assert sum(layout.widths) == pytest.approx(156.0)


@pytest.mark.parametrize("version", list(FormatVersion))
def test_every_number_cell_once_and_described_by_its_labels(version: FormatVersion) -> None:
    index = cell_index(version)
    ids = [c.cell_id for layout in table_layouts(version).values() for c in layout.value_cells()]
    assert sorted(ids) == sorted(index)  # type: ignore[type-var]
    for layout in table_layouts(version).values():
        for cell in layout.value_cells():
            assert cell.cell_id is not None
            headers = [h.text for h in layout.headers_of(cell)]
            assert all(h.role is not CellRole.VALUE for h in layout.headers_of(cell))
            # The taxonomy's label path (row labels, column label) is among the headers.
            assert set(index[cell.cell_id].labels) <= set(headers), (cell.cell_id, headers)


@pytest.mark.parametrize("version", list(FormatVersion))
def test_the_word_template_is_drawn_from_the_layout(version: FormatVersion) -> None:
    tables = document(default_template_path(version).read_bytes()).tables
    layouts = list(table_layouts(version).values())
    assert len(tables) == len(layouts)
    for table, layout in zip(tables, layouts, strict=True):
        grid = [list(row.cells) for row in table.rows]  # python-docx resolves the merges
        assert (len(grid), len(grid[0])) == (layout.rows, layout.columns)
        for cell in layout.cells:
            word = grid[cell.row][cell.column]
            expected = cell.placeholder() if cell.role is CellRole.VALUE else cell.text
            assert word.text == expected
            # The merged cell is the same element at every position it covers.
            assert word._tc is grid[cell.bottom][cell.right]._tc

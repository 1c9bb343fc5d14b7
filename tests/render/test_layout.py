"""The table layout as the renderers use it: widths, headers, and the Word template drawn from it."""

from __future__ import annotations

import pytest

from govinfo_report.layout import TABLE_SECTIONS, TEXT_WIDTH_MM, Role, table_layout
from govinfo_report.render import default_template_path
from govinfo_report.render._context import placeholder
from govinfo_report.taxonomy import FormatVersion, cell_index

from .conftest import document


@pytest.mark.parametrize("version", list(FormatVersion))
def test_widths_fill_the_text_block(version: FormatVersion) -> None:
    for section in TABLE_SECTIONS:
        layout = table_layout(section, version)
        assert len(layout.widths()) == layout.cols
        assert sum(layout.widths()) == pytest.approx(TEXT_WIDTH_MM)
        assert sum(layout.widths(100.0)) == pytest.approx(100.0)


@pytest.mark.parametrize("version", list(FormatVersion))
def test_every_number_cell_is_described_by_its_labels(version: FormatVersion) -> None:
    index = cell_index(version)
    for section in TABLE_SECTIONS:
        layout = table_layout(section, version)
        for cell in layout.cells():
            found = layout.headers_of(cell)
            assert all(h.role is not Role.CELL for h in found)
            # The taxonomy's label path (row labels, column label) is among the headers.
            assert set(index[cell.text].labels) <= {h.text for h in found}, cell.text
            assert layout.span_at(cell.top, cell.left) is cell


@pytest.mark.parametrize("version", list(FormatVersion))
def test_the_word_template_is_drawn_from_the_layout(version: FormatVersion) -> None:
    tables = document(default_template_path(version).read_bytes()).tables
    assert len(tables) == len(TABLE_SECTIONS)
    for table, section in zip(tables, TABLE_SECTIONS, strict=True):
        layout = table_layout(section, version)
        grid = [list(row.cells) for row in table.rows]  # python-docx resolves the merges
        assert (len(grid), len(grid[0])) == (layout.rows, layout.cols)
        for cell in layout.spans:
            word = grid[cell.top][cell.left]
            expected = placeholder(cell) if cell.role is Role.CELL else cell.text
            assert word.text == expected
            # The merged cell is the same element at every position it covers.
            assert word._tc is grid[cell.bottom][cell.right]._tc

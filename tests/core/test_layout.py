"""The shared table layout: every cell once, no overlapping spans, the grid fully covered."""

from __future__ import annotations

import pytest

from govinfo_report import taxonomy as tx
from govinfo_report.layout import TABLE_SECTIONS, Role, table_layout
from govinfo_report.taxonomy import FormatVersion


@pytest.mark.parametrize("version", list(FormatVersion))
@pytest.mark.parametrize("section", TABLE_SECTIONS)
def test_layout_covers_the_grid_once_and_every_cell(section: str, version: FormatVersion) -> None:
    layout = table_layout(section, version)
    covered: dict[tuple[int, int], str] = {}
    for span in layout.spans:
        for r in range(span.top, span.bottom + 1):
            for c in range(span.left, span.right + 1):
                assert (r, c) not in covered, (span, covered.get((r, c)))
                covered[r, c] = span.text
    assert len(covered) == layout.rows * layout.cols
    ids = [span.text for span in layout.cells()]
    expected = [spec.id for spec in tx.cell_specs(version) if spec.section == section]
    assert ids == expected
    assert all(span.column is not None for span in layout.cells())
    labels = {span.text for span in layout.spans if span.role is not Role.CELL}
    for spec in tx.cell_specs(version):
        if spec.section == section:
            assert set(spec.labels) <= labels | {tx.OUTCOMES_BAND.label}

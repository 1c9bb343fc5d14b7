"""Round trip: every number of every table reads back from the rendered .docx (python-docx)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report.render import default_template_path, render
from govinfo_report.taxonomy import CellKind, FormatVersion, cell_index
from govinfo_report.testing.strategies import reports

from .conftest import W, document

PLACEHOLDER = re.compile(r'^\{\{ ([\w.]+)(?:\|signed|\|with_unit\("[^"]+"\))? \}\}$')


@cache
def positions(version: FormatVersion) -> dict[tuple[int, int, int], str]:
    """(table, row, column) → cell id, read from the template's placeholders."""
    found = {}
    for (t, r, c), text in cells(default_template_path(version).read_bytes()).items():
        match = PLACEHOLDER.match(text)
        if match:
            found[(t, r, c)] = match.group(1)
    assert sorted(found.values()) == sorted(cell_index(version)), "template placeholders"
    return found


def cells(data: bytes) -> dict[tuple[int, int, int], str]:
    """The text of every table cell (each merged cell once), by (table, row, cell)."""
    out = {}
    for t, table in enumerate(document(data).tables):
        for r, row in enumerate(table.rows):
            for c, tc in enumerate(row._tr.tc_lst):
                out[(t, r, c)] = "".join(x.text or "" for x in tc.iter(f"{W}t"))
    return out


def read_back(data: bytes, version: FormatVersion) -> dict[str, int | Decimal]:
    """Every number of the rendered tables, by cell id."""
    texts = cells(data)
    values: dict[str, int | Decimal] = {}
    index = cell_index(version)
    for position, cell_id in positions(version).items():
        text = texts[position].removesuffix("万元")  # 2019's 采购总金额 names its unit in the cell
        values[cell_id] = Decimal(text) if index[cell_id].kind is CellKind.AMOUNT else int(text)
    return values


def labels(data: bytes) -> dict[tuple[int, int, int], str]:
    """The label cells of every table: everything that is not a number or a placeholder."""
    return {
        k: v
        for k, v in cells(data).items()
        if not re.match(r"^([+-]?[\d.]+(万元)?|\{\{.*\}\})$", v)
    }


@pytest.mark.parametrize("version", list(FormatVersion))
def test_every_number_reads_back(version: FormatVersion) -> None:
    template_labels = labels(default_template_path(version).read_bytes())

    @settings(max_examples=25, deadline=None)
    @given(reports(version, narrative=False))
    def check(report: gr.AnnualReport) -> None:
        data = render(report)
        values = read_back(data, version)
        assert values == report.values()
        # Amounts keep their exact written form (scale included).
        for cell_id, value in values.items():
            if isinstance(value, Decimal):
                assert str(value) == format(report.cell(cell_id), "f")
        assert labels(data) == template_labels

    check()

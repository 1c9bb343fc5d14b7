"""A workbook not made by us, in the circulated layout, is read by its labels like a table."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

import govinfo_report as gr
from govinfo_report.codec import xlsx
from govinfo_report.layout import TABLE_SECTIONS, table_layout
from govinfo_report.parse import InputKind, parse, sniff

ROOT = Path(__file__).resolve().parents[2]


def _circulated(report: gr.AnnualReport) -> bytes:
    """The tables as another office circulates them: plain values (as Excel caches them), a
    report title above the first table, no metadata or narrative sheet, no checks."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx.dumps(report)))
    book.remove(book[xlsx.METADATA_SHEET])
    book.remove(book[xlsx.NARRATIVE_SHEET])
    values = report.values()
    for section in TABLE_SECTIONS:
        layout = table_layout(section, report.format_version)
        title = next(
            s.title for s in gr.taxonomy.sections(report.format_version) if s.key == section
        )
        sheet = book[title]
        sheet.protection.sheet = False
        for span in layout.cells():
            sheet.cell(row=span.top + 2, column=span.left + 1).value = values[span.text]
        for row in sheet.iter_rows(min_row=layout.rows + 2):
            for cell in row:
                if type(cell).__name__ != "MergedCell":
                    cell.value = None
        for cell in sheet[get_column_letter(layout.cols + 1)]:
            if type(cell).__name__ != "MergedCell":
                cell.value = None
    book.worksheets[0]["A1"] = report.title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name", ["city-2024.yaml", "city-2020.yaml"])
def test_circulated_workbook_is_read_by_labels(name: str) -> None:
    report = gr.load(ROOT / "examples" / name)
    data = _circulated(report)
    assert sniff(data, "x.xlsx") is InputKind.XLSX
    draft = parse(data, name="x.xlsx")
    assert (draft.metadata.agency, draft.metadata.year) == (
        report.metadata.agency,
        report.metadata.year,
    )
    assert draft.format_version is report.format_version
    parsed = draft.to_report()
    assert parsed.requests == report.requests
    assert parsed.proactive_disclosure == report.proactive_disclosure
    assert parsed.review_litigation == report.review_litigation
    cell = draft.cells["requests.withheld.state_secret.total"]
    assert cell.source is not None
    assert cell.source.file == "x.xlsx:三、收到和处理政府信息公开申请情况"
    assert (cell.source.row, cell.source.column) == (9, 10)  # J9 in Excel


def test_a_damaged_workbook_is_one_clear_error(city: gr.AnnualReport) -> None:
    data = xlsx.dumps(city)
    broken = data[:200] + b"xl/" + data[1000:3000]
    with pytest.raises(gr.ParseError):
        parse(broken, name="x.xlsx")

"""Reports rendered to .docx by govinfo_report.render parse back to exactly the same cells."""

from __future__ import annotations

from hypothesis import given, settings

from govinfo_report import taxonomy as tx
from govinfo_report.draft import CellStatus
from govinfo_report.model import AnnualReport
from govinfo_report.parse import InputKind, parse, sniff
from govinfo_report.render import render
from govinfo_report.render._context import date_label
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.testing.strategies import reports


def _check(report: AnnualReport) -> None:
    data = render(report)
    assert sniff(data) is InputKind.DOCX
    draft = parse(data, name="rendered.docx")
    assert {k: c.value for k, c in draft.cells.items()} == {c.id: c.value for c in report.cells()}
    with_unit = {  # cells printed with their unit because the header names none
        f"proactive_disclosure.{sub.key}.{row.key}.{column.key}": column.cell_unit
        for sub in tx.subtables(report.format_version)
        for row in sub.rows
        for column in sub.columns
        if column.cell_unit
    }
    for cell_id, cell in draft.cells.items():
        if cell_id in with_unit:
            assert (cell.status, cell.unit) == (CellStatus.WITH_UNIT, with_unit[cell_id])
        else:
            assert cell.status is CellStatus.NUMBER, cell_id
    assert draft.format_version is report.metadata.format_version
    assert draft.metadata.agency == report.metadata.agency
    assert draft.metadata.year == report.metadata.year
    assert draft.identity_findings() == []
    # A dated report is signed; the signature is the closing, not section 六's text.
    published = report.metadata.published
    assert draft.metadata.published == published
    expected = f"{report.metadata.agency}\n{date_label(published)}" if published else ""
    assert draft.closing == expected
    other = draft.sections["other_matters"].text
    assert not published or date_label(published) not in other
    assert not [f for f in draft.notes if f.code in ("format-mix", "table-missing")]


@settings(max_examples=8, deadline=None)
@given(report=reports(FormatVersion.V2021))
def test_rendered_2021_reports_parse_back(report: AnnualReport) -> None:
    _check(report)


@settings(max_examples=8, deadline=None)
@given(report=reports(FormatVersion.V2019))
def test_rendered_2019_reports_parse_back(report: AnnualReport) -> None:
    _check(report)

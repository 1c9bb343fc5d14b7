"""Structure rules: sections, titles, format versions, metadata, publication date."""

from __future__ import annotations

import datetime as dt

import attrs

from govinfo_report import taxonomy as tx
from govinfo_report.catalog import Severity
from govinfo_report.draft import Draft, DraftCell, DraftMetadata, DraftSection
from govinfo_report.findings import make_finding
from govinfo_report.taxonomy import FormatVersion, Scope
from govinfo_report.validate import deadline, validate


def test_missing_section_and_table_section_found_by_its_cells(city, draft_of):
    draft = draft_of(city)
    sections = {k: v for k, v in draft.sections.items() if k != "problems_improvements"}
    result = validate(attrs.evolve(draft, sections=sections))
    (finding,) = result.by_code("section-missing")
    assert finding.path == "problems_improvements"
    assert finding.labels == ("五、存在的主要问题及改进情况",)
    assert finding.severity is Severity.ERROR
    # Sections 二–四 have no title entry in this draft: their cells show they are there.
    assert not {"table-missing", "cell-missing"} & result.codes


def test_wrong_title_is_a_warning_and_a_known_variant_is_info(city, draft_of):
    draft = draft_of(city)
    sections = dict(draft.sections)
    sections["overview"] = DraftSection("一、基本情况", sections["overview"].text)
    sections["problems_improvements"] = DraftSection(
        "五、存在问题及改进情况", sections["problems_improvements"].text
    )
    sections["other_matters"] = DraftSection(" 六、其他需要报告的 事项", "无")
    found = {
        f.path: f for f in validate(attrs.evolve(draft, sections=sections)).by_code("section-title")
    }
    assert set(found) == {"overview", "problems_improvements"}
    assert found["overview"].severity is Severity.WARNING
    assert "规范标题为“一、总体情况”" in found["overview"].message_zh
    assert found["problems_improvements"].severity is Severity.INFO


def test_mix_of_format_versions(city, draft_of):
    draft = draft_of(city)
    cells = dict(draft.cells)
    cells["proactive_disclosure.art20_9.central_procurement.procurement_items"] = DraftCell.of(3)
    result = validate(attrs.evolve(draft, cells=cells))
    (finding,) = result.by_code("format-mix")
    assert "采购项目数量" in finding.message_zh
    assert not result.valid


def test_tables_of_the_other_format(city2020, draft_of):
    draft = draft_of(city2020)
    meta = attrs.evolve(draft.metadata, format_version=FormatVersion.V2021, year=2021)
    result = validate(attrs.evolve(draft, metadata=meta))
    (finding,) = result.by_code("format-mismatch")
    assert "报告声明为 2021 年格式，表格却属于 2019 年格式" in finding.message_zh


def test_format_of_the_wrong_year(city, city2020, draft_of):
    late = attrs.evolve(
        draft_of(city2020), metadata=attrs.evolve(draft_of(city2020).metadata, year=2022)
    )
    (finding,) = validate(late).by_code("format-year")
    assert "2022 年度报告应使用 2021 年格式，实为 2019 年格式" in finding.message_zh
    early = attrs.evolve(draft_of(city), metadata=attrs.evolve(draft_of(city).metadata, year=2020))
    # One policy with gr.load, which reads such a report: a warning recording the layout found.
    (finding,) = validate(early).by_code("format-year")
    assert finding.severity is Severity.WARNING
    assert finding.actual == "2021"
    assert validate(early).valid
    # Undeclared version: detected from the cells.
    undeclared = attrs.evolve(draft_of(city2020), metadata=DraftMetadata(agency="某局", year=2023))
    result = validate(undeclared)
    assert result.format_version is FormatVersion.V2019
    assert "format-year" in result.codes
    assert validate(city).by_code("format-year") == ()
    # Before 2019 neither national format applied: nothing to compare with.
    old = attrs.evolve(
        draft_of(city2020), metadata=attrs.evolve(draft_of(city2020).metadata, year=2018)
    )
    assert validate(old).by_code("format-year") == ()


def test_unknown_metadata(city, draft_of):
    draft = attrs.evolve(draft_of(city), metadata=DraftMetadata())
    paths = {f.path for f in validate(draft).by_code("metadata-missing")}
    # The format version is told by the cells (（六） has sub-rows: 2021).
    assert paths == {"metadata.agency", "metadata.year"}
    empty = validate(Draft())
    assert {f.path for f in empty.by_code("metadata-missing")} == {
        "metadata.agency",
        "metadata.year",
        "metadata.format_version",
    }


def test_late_publication(city, hongqi, draft_of):
    assert deadline(2024, "示例市人民政府", Scope.JURISDICTION) == dt.date(2025, 3, 31)
    assert deadline(2023, "某局", Scope.AGENCY_ONLY) == dt.date(2024, 1, 31)
    meta = attrs.evolve(draft_of(hongqi).metadata, published=dt.date(2024, 2, 5))
    (finding,) = validate(attrs.evolve(draft_of(hongqi), metadata=meta)).by_code("late-publication")
    assert "发布日期 2024-02-05，晚于法定期限 2024-01-31" in finding.message_zh
    meta = attrs.evolve(draft_of(city).metadata, published=dt.date(2025, 3, 28))
    assert "late-publication" not in validate(attrs.evolve(draft_of(city), metadata=meta)).codes


def test_reader_notes_and_checks_are_kept_apart(city, draft_of):
    """No finding is merged or dropped between a reader's notes and the checks (issue 10).

    With a (code, path) deduplication put back, the check's finding would be hidden here.
    """
    draft = draft_of(city)
    cells = dict(draft.cells)
    cells["proactive_disclosure.art20_9.central_procurement.procurement_items"] = DraftCell.of(3)
    note = make_finding(
        "format-mix", path=None, labels=("格式版本",), detail="parser: 第二十条第（九）项"
    )
    cells["requests.granted.total"] = DraftCell.of(1)
    result = validate(attrs.evolve(draft, cells=cells, notes=(note,)))
    mixes = result.by_code("format-mix")
    assert len(mixes) == 2
    assert note in mixes
    (checked,) = [f for f in mixes if f is not note]
    assert "proactive_disclosure.art20_9.central_procurement.procurement_items" in checked.related
    # A note does not hide the other findings.
    assert "t3-row-total" in result.codes


def test_a_mix_of_printed_labels_is_the_validators_finding(city, draft_of):
    """A parser hands over the labels it saw; the validator alone says they mix two formats."""
    draft = draft_of(city)
    labels = {FormatVersion.V2019: ("规范性文件",), FormatVersion.V2021: ("本年处理决定数量",)}
    meta = attrs.evolve(draft.metadata, format_labels=labels)
    (mix,) = validate(attrs.evolve(draft, metadata=meta)).by_code("format-mix")
    assert mix.severity is Severity.ERROR
    assert "2019: 规范性文件; 2021: 本年处理决定数量" in mix.message_zh
    one = attrs.evolve(draft.metadata, format_labels={FormatVersion.V2021: ("本年处理决定数量",)})
    assert "format-mix" not in validate(attrs.evolve(draft, metadata=one)).codes


def test_findings_are_sorted_by_severity_then_printed_order(city, draft_of, edit):
    draft = edit(
        draft_of(city),
        requests__granted__natural_person=1170,
        review_litigation__review__upheld=70,
        requests__withheld__state_secret__research_institution="/",
    )
    sections = dict(draft.sections)
    sections["overview"] = DraftSection("一、基本情况", sections["overview"].text)
    result = validate(attrs.evolve(draft, sections=sections))
    severities = [f.severity for f in result.findings]
    assert severities == sorted(
        severities, key=[Severity.ERROR, Severity.WARNING, Severity.INFO].index
    )
    errors = [f.path for f in result.errors]
    order = [s.id for s in tx.cell_specs(FormatVersion.V2021)]
    assert errors == sorted(errors, key=order.index)
    assert result.findings == validate(attrs.evolve(draft, sections=sections)).findings


def test_select_and_ignore_by_code_and_tag(city, draft_of, edit):
    draft = edit(draft_of(city), requests__granted__natural_person=1170)
    assert validate(draft, select=["t3-row-total"]).codes == {"t3-row-total"}
    assert validate(draft, select=["identity"]).codes == {"t3-row-total", "t3-outcomes-total"}
    assert validate(draft, ignore=["table3"]).valid
    assert validate(draft, select=["table3"], ignore=["t3-row-total"]).codes == {
        "t3-outcomes-total"
    }

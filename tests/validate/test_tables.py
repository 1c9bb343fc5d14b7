"""Table rules: identities with pinpointing, cells, missing rows and tables, table 二."""

from __future__ import annotations

from decimal import Decimal

import attrs

from govinfo_report.catalog import Severity
from govinfo_report.draft import DraftCell, DraftSection
from govinfo_report.findings import SourceRef, Suggestion
from govinfo_report.validate import validate

GRANTED_NP = "requests.granted.natural_person"


def test_a_typo_is_pinpointed_with_its_consistent_value(city, draft_of, edit):
    draft = draft_of(city)
    true = draft.cells[GRANTED_NP].value
    assert true == 1107
    result = validate(edit(draft, requests__granted__natural_person=1170))
    codes = sorted(f.code for f in result.errors)
    assert codes == ["t3-outcomes-total", "t3-row-total"]
    expected = Suggestion(
        path=GRANTED_NP, labels=("（一）予以公开", "自然人"), current=1170, value=1107
    )
    for finding in result.errors:
        assert finding.suggestion == expected
        assert (
            "（一）予以公开 / 自然人，填写 1170，与各勾稽关系一致的值为 1107" in finding.message_zh
        )
        assert (
            "Granted × Natural persons, printed 1170, consistent value 1107" in finding.message_en
        )


def test_row_total_finding_names_cell_expected_and_actual(city, draft_of, edit):
    result = validate(edit(draft_of(city), requests__granted__total=1))
    (finding,) = result.by_code("t3-row-total")
    assert finding.path == "requests.granted.total"
    assert finding.labels == ("（一）予以公开", "总计")
    assert (finding.expected, finding.actual) == (1218, 1)
    assert finding.severity is Severity.ERROR
    # The 总计 cell itself is the culprit: it breaks its row and the 总计 column's （七）.
    assert {f.suggestion for f in result.errors} == {
        Suggestion("requests.granted.total", ("（一）予以公开", "总计"), 1, 1218)
    }


def test_a_typo_in_carried_in_is_pinpointed_through_the_balance(city, draft_of, edit):
    draft = draft_of(city)
    result = validate(edit(draft, requests__carried_in__commercial_enterprise=30))
    assert sorted(f.code for f in result.errors) == ["t3-balance", "t3-row-total"]
    suggestion = result.errors[0].suggestion
    assert suggestion is not None
    assert (suggestion.path, suggestion.value) == ("requests.carried_in.commercial_enterprise", 3)


def test_table_four_failure_is_not_pinpointed_when_ambiguous(city, draft_of, edit):
    result = validate(edit(draft_of(city), review_litigation__review__upheld=70))
    (finding,) = result.errors
    assert finding.code == "t4-total"
    assert (finding.expected, finding.actual) == (349, 351)
    assert finding.suggestion is None  # any of the four parts, or the total, could be wrong


def test_two_independent_typos_are_each_pinpointed(city, draft_of, edit):
    draft = edit(
        draft_of(city),
        requests__granted__natural_person=1010,
        requests__not_processed__duplicate__other_org=7,
    )
    suggestions = {f.suggestion.path for f in validate(draft).errors if f.suggestion}
    assert suggestions == {GRANTED_NP, "requests.not_processed.duplicate.other_org"}


def test_identity_findings_carry_the_printed_source(city, draft_of):
    draft = draft_of(city)
    where = SourceRef(file="r.pdf", page=4, table=2, row=5, column=8)
    cells = dict(draft.cells)
    cells["requests.granted.total"] = DraftCell.read("9", where)
    (finding, *_) = validate(attrs.evolve(draft, cells=cells)).by_code("t3-row-total")
    assert finding.source == where


def test_blank_dash_and_unit_cells(city, draft_of, edit):
    draft = edit(
        draft_of(city),
        requests__withheld__state_secret__research_institution="",
        requests__withheld__state_secret__public_welfare_org="/",
        proactive_disclosure__art20_8__admin_fees__amount_wan_yuan="96171.6万元",
    )
    result = validate(draft)
    blanks = result.by_code("cell-blank")
    assert {f.path for f in blanks} == {
        "requests.withheld.state_secret.research_institution",
        "requests.withheld.state_secret.public_welfare_org",
    }
    (unit,) = result.by_code("cell-unit")
    assert unit.actual == "96171.6万元"
    # Blanks reconcile as 0 and these columns hold 0: no identity breaks.
    assert result.errors == ()


def test_negative_decimal_and_text_cells_are_invalid(city, draft_of, edit):
    draft = edit(
        draft_of(city),
        requests__granted__other_org="-1",
        requests__granted__legal_service_org="2.5",
        requests__withheld__state_secret__natural_person="若干",
        proactive_disclosure__art20_8__admin_fees__amount_wan_yuan="-3",
    )
    invalid = {f.path for f in validate(draft).by_code("cell-invalid")}
    assert invalid == {
        "requests.granted.other_org",
        "requests.granted.legal_service_org",
        "requests.withheld.state_secret.natural_person",
        "proactive_disclosure.art20_8.admin_fees.amount_wan_yuan",
    }


def test_fee_amount_decimal_is_valid(city, draft_of, edit):
    draft = edit(draft_of(city), proactive_disclosure__art20_8__admin_fees__amount_wan_yuan="0.25")
    assert "cell-invalid" not in validate(draft).codes


def test_negative_information_processing_fee_is_invalid(city, draft_of):
    draft = attrs.evolve(draft_of(city), info_processing_fee_yuan=Decimal("-5"))
    (finding,) = validate(draft).by_code("cell-invalid")
    assert finding.path == "other_matters.info_processing_fee_yuan"


def test_missing_table_row_and_cell_are_one_finding_each(city, draft_of):
    draft = draft_of(city)
    cells = {
        k: v
        for k, v in draft.cells.items()
        if not k.startswith("review_litigation.")
        and not k.startswith("requests.withheld.state_secret.")
        and k != "requests.granted.total"
    }
    sections = dict(draft.sections)
    # Section 四's title was found, its table was not.
    sections["review_litigation"] = DraftSection("四、政府信息公开行政复议、行政诉讼情况", "")
    result = validate(attrs.evolve(draft, cells=cells, sections=sections))
    (table,) = result.by_code("table-missing")
    assert (table.path, table.labels) == (
        "review_litigation",
        ("四、政府信息公开行政复议、行政诉讼情况",),
    )
    (row,) = result.by_code("row-missing")
    assert (row.path, row.labels) == (
        "requests.withheld.state_secret",
        ("（三）不予公开", "1.属于国家秘密"),
    )
    (cell,) = result.by_code("cell-missing")
    assert cell.path == "requests.granted.total"
    # Identities through the absent cells are not assessable, not failed.
    assert not {"t3-row-total", "t4-total", "t3-outcomes-total"} & result.codes


def test_missing_subtable_of_section_two(city, draft_of):
    draft = draft_of(city)
    cells = {k: v for k, v in draft.cells.items() if ".art20_6." not in k}
    (table,) = validate(attrs.evolve(draft, cells=cells)).by_code("table-missing")
    assert table.path == "proactive_disclosure.art20_6"
    assert table.labels == ("二、主动公开政府信息情况", "第二十条第（六）项")


def test_too_many_blank_cells_in_tables_three_and_four(city, draft_of):
    draft = draft_of(city)
    cells = dict(draft.cells)
    t3 = [k for k in cells if k.startswith("requests.") and cells[k].value == 0][:11]
    t4 = [k for k in cells if k.startswith("review_litigation.")][:6]
    for key in t3 + t4:
        cells[key] = DraftCell.read("/")
    result = validate(attrs.evolve(draft, cells=cells))
    many = {f.path: f for f in result.by_code("cell-blank-many")}
    assert set(many) == {"requests", "review_litigation"}
    assert many["requests"].actual == 11
    assert "超过 10 个" in many["requests"].message_zh
    assert "超过 5 个" in many["review_litigation"].message_zh
    # Exactly at the thresholds there is no such finding.
    cells = dict(draft.cells)
    for key in t3[:10] + t4[:5]:
        cells[key] = DraftCell.read("—")
    assert "cell-blank-many" not in validate(attrs.evolve(draft, cells=cells)).codes


def test_table_two_stock_below_net_change(city, draft_of, edit):
    draft = edit(
        draft_of(city),
        proactive_disclosure__art20_1__normative_documents__issued=50,
        proactive_disclosure__art20_1__normative_documents__repealed=2,
        proactive_disclosure__art20_1__normative_documents__in_force=40,
    )
    (finding,) = validate(draft).by_code("t2-stock")
    assert finding.severity is Severity.WARNING
    assert (finding.expected, finding.actual) == (48, 40)
    assert "本年制发件数 − 本年废止件数" in finding.message_zh


def test_table_two_stock_in_the_2019_format(city2020, draft_of, edit):
    draft = edit(
        draft_of(city2020),
        proactive_disclosure__art20_1__rules__newly_published=9,
        proactive_disclosure__art20_1__rules__total_published=3,
    )
    (finding,) = validate(draft).by_code("t2-stock")
    assert finding.path == "proactive_disclosure.art20_1.rules.total_published"


def test_rules_issued_by_a_district_body(hongqi, city, draft_of, edit):
    draft = edit(draft_of(hongqi), proactive_disclosure__art20_1__rules__issued=2)
    (finding,) = validate(draft).by_code("t2-rules-body")
    assert finding.severity is Severity.INFO
    assert "红旗区政务服务和大数据管理局" in finding.message_zh
    # A city government may make rules (the city report issues 2).
    assert city.proactive_disclosure.art20_1.rules.issued == 2
    assert "t2-rules-body" not in validate(city).codes


def test_blank_totals_are_reported_as_blank_with_the_value_to_fill(city, draft_of, edit):
    # As in Shanghai's 2019 report: row totals left blank.
    draft = edit(draft_of(city), requests__granted__total="", requests__partially_granted__total="")
    result = validate(draft)
    rows = {f.path: f for f in result.by_code("t3-row-total")}
    granted = rows["requests.granted.total"]
    assert granted.actual is None
    assert granted.suggestion == Suggestion(
        "requests.granted.total", ("（一）予以公开", "总计"), None, 1218
    )
    assert "实为 （空）；未填写的单元格：（一）予以公开 / 总计，应填写 1218" in granted.message_zh
    assert "found (blank); blank cell: Granted × Total, fill in 1218" in granted.message_en
    # The （七） total column fails only because of the blanks, and says so.
    (column,) = result.by_code("t3-outcomes-total")
    assert column.path == "requests.outcomes_total.total"
    assert column.message_zh.endswith("补填未填写的总计后即一致")

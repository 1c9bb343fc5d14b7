"""The 信息处理费 rules, and the cross-year rules."""

from __future__ import annotations

from decimal import Decimal

import attrs

from govinfo_report.catalog import Severity
from govinfo_report.draft import DraftMetadata
from govinfo_report.taxonomy import FormatVersion, Scope
from govinfo_report.validate import similarity, validate

FEE_UNPAID = "requests.other_handling.fee_unpaid"


def _fee_notices(draft, edit, n=2):
    """Move n 自然人 requests from （六）3 其他 to （六）2 逾期未缴费 (totals stay consistent)."""
    other = draft.cells["requests.other_handling.other.natural_person"].value
    other_total = draft.cells["requests.other_handling.other.total"].value
    unpaid = draft.cells[f"{FEE_UNPAID}.natural_person"].value
    unpaid_total = draft.cells[f"{FEE_UNPAID}.total"].value
    return edit(
        draft,
        requests__other_handling__other__natural_person=other - n,
        requests__other_handling__other__total=other_total - n,
        requests__other_handling__fee_unpaid__natural_person=unpaid + n,
        requests__other_handling__fee_unpaid__total=unpaid_total + n,
    )


def test_fee_notices_issued_but_section_six_silent(hongqi, draft_of, edit, with_text):
    base = with_text(draft_of(hongqi), "other_matters", "无。")
    base = attrs.evolve(base, info_processing_fee_yuan=None)
    draft = _fee_notices(
        edit(
            base,
            requests__new_requests__natural_person=2,
            requests__new_requests__total=2,
            requests__other_handling__other__natural_person=2,
            requests__other_handling__other__total=2,
            requests__outcomes_total__natural_person=2,
            requests__outcomes_total__total=2,
        ),
        edit,
    )
    result = validate(draft)
    assert result.errors == ()
    (finding,) = result.by_code("fee-notice")
    assert finding.path == f"{FEE_UNPAID}.total"
    assert finding.actual == 2
    assert "第六部分未报告信息处理费收取情况" in finding.message_zh
    # Saying it in section 六 satisfies the rule.
    told = with_text(draft, "other_matters", "本年度未收取信息处理费。")
    assert "fee-notice" not in validate(told).codes


def test_fee_rule_ignores_administrative_fees(hongqi, draft_of, with_text, edit):
    # 行政事业性收费 (table 二) is a different fee: a large amount does not call for 信息处理费.
    draft = attrs.evolve(
        with_text(draft_of(hongqi), "other_matters", "无。"), info_processing_fee_yuan=None
    )
    draft = edit(draft, proactive_disclosure__art20_8__admin_fees__amount_wan_yuan=Decimal(96171))
    codes = validate(draft).codes
    assert "fee-notice" not in codes  # （六）2 is 0
    (finding,) = validate(draft).by_code("fee-unreported")
    assert finding.severity is Severity.INFO


def test_fee_silence_is_not_reported_before_the_fee_measures(city2020, draft_of, with_text):
    # The 信息处理费 measures apply from 2021; a 2020 report in the 2019 format had no such duty.
    draft = attrs.evolve(
        with_text(draft_of(city2020), "other_matters", "无。"), info_processing_fee_yuan=None
    )
    assert "fee-unreported" not in validate(draft).codes


def test_fee_silence_before_2021_is_not_reported_in_the_2021_format_either(
    hongqi, draft_of, with_text
):
    # The year gates the rule, not the format: a 2020 report filed early in the 2021 format.
    silent = attrs.evolve(
        with_text(draft_of(hongqi), "other_matters", "无。"), info_processing_fee_yuan=None
    )
    assert silent.format_version is FormatVersion.V2021
    assert "fee-unreported" in validate(silent).codes
    in_2020 = attrs.evolve(silent, metadata=attrs.evolve(silent.metadata, year=2020))
    assert "fee-unreported" not in validate(in_2020).codes


def test_fee_amount_in_the_text_differs_from_the_record(city, draft_of, with_text):
    draft = with_text(draft_of(city), "other_matters", "全年收取政府信息公开信息处理费 3,940 元。")
    assert "fee-amount" not in validate(draft).codes  # as recorded: 3940
    wrong = with_text(draft_of(city), "other_matters", "全年收取信息处理费0.5万元。")
    (finding,) = validate(wrong).by_code("fee-amount")
    assert (finding.expected, finding.actual) == (Decimal(3940), Decimal(5000))
    none = with_text(draft_of(city), "other_matters", "未向申请人收取任何费用。")
    assert validate(none).by_code("fee-amount")[0].actual == 0


# --- cross-year ------------------------------------------------------------------------------


def _previous(draft_of, city, **meta):
    draft = draft_of(city)
    return attrs.evolve(draft, metadata=attrs.evolve(draft.metadata, year=2023, **meta))


def test_consecutive_years_of_the_same_report_only_flag_what_differs(city, draft_of):
    previous = _previous(draft_of, city)
    result = validate(city, previous=previous)
    # Carried in (34) ≠ last year's carried forward (103) per column, and the text is the same.
    carry = result.by_code("xy-carryover")
    assert {f.path for f in carry} >= {"requests.carried_in.total"}
    assert all(f.severity is Severity.WARNING for f in carry)
    total = next(f for f in carry if f.path == "requests.carried_in.total")
    assert (total.expected, total.actual) == (103, 34)
    assert {f.path for f in result.by_code("xy-copied")} >= {"overview"}
    assert not {"xy-year", "xy-agency", "xy-jump"} & result.codes
    assert result.valid  # cross-year findings are warnings and infos


def test_carry_over_per_column(city, draft_of, edit):
    draft = draft_of(city)
    # Last year's carried forward equals this year's carried in, except in one column.
    changes = {
        f"requests__carried_forward__{key.rsplit('.', 1)[1]}": cell.value
        for key, cell in draft.cells.items()
        if key.startswith("requests.carried_in.")
    }
    changes["requests__carried_forward__natural_person"] += 1
    changes["requests__carried_forward__total"] += 1
    previous = edit(_previous(draft_of, city), **changes)
    found = {f.path for f in validate(city, previous=previous).by_code("xy-carryover")}
    assert found == {"requests.carried_in.natural_person", "requests.carried_in.total"}


def test_stock_roll_forward_2021(city, draft_of, edit):
    # This year: 规章 issued 2, repealed 1, in force 12; 文件 50, 27, 420.
    previous = edit(
        _previous(draft_of, city),
        proactive_disclosure__art20_1__rules__in_force=11,
        proactive_disclosure__art20_1__normative_documents__in_force=400,
    )
    (finding,) = validate(city, previous=previous).by_code("xy-stock")
    assert finding.path == "proactive_disclosure.art20_1.normative_documents.in_force"
    assert (finding.expected, finding.actual) == (423, 420)
    assert "上年现行有效件数 400 + 本年制发件数 50 − 本年废止件数 27" in finding.message_zh


def test_stock_roll_forward_2019(city2020, draft_of, edit):
    this = draft_of(city2020)
    cell = "proactive_disclosure.art20_5.licensing"
    prior = this.cells[f"{cell}.prior_year_items"].value
    last = attrs.evolve(this, metadata=attrs.evolve(this.metadata, year=2019))
    last = edit(
        last,
        proactive_disclosure__art20_5__licensing__prior_year_items=prior - 10,
        proactive_disclosure__art20_5__licensing__change=10,
    )
    assert "proactive_disclosure.art20_5.licensing.prior_year_items" not in {
        f.path for f in validate(this, previous=last).by_code("xy-stock")
    }
    last = edit(last, proactive_disclosure__art20_5__licensing__change=7)
    paths = {f.path for f in validate(this, previous=last).by_code("xy-stock")}
    assert "proactive_disclosure.art20_5.licensing.prior_year_items" in paths


def test_year_on_year_jumps(city, draft_of, edit):
    previous = edit(
        _previous(draft_of, city),
        review_litigation__review__upheld=10,
        review_litigation__review__corrected=0,
        review_litigation__review__other_result=0,
        review_litigation__review__pending=0,
        review_litigation__review__total=10,
    )
    (finding,) = validate(city, previous=previous).by_code("xy-jump")
    assert finding.path == "review_litigation.review.total"
    assert finding.severity is Severity.INFO
    assert "本年 351，上年 10，为上年的 35.1 倍" in finding.message_zh


def test_year_and_agency_must_follow_on(city, draft_of):
    previous = _previous(draft_of, city, agency="另一市人民政府", scope=Scope.AGENCY_ONLY)
    previous = attrs.evolve(previous, metadata=attrs.evolve(previous.metadata, year=2022))
    result = validate(city, previous=previous)
    assert {f.path for f in result.by_code("xy-agency")} == {"metadata.agency", "metadata.scope"}
    (year,) = result.by_code("xy-year")
    assert (year.expected, year.actual) == (2023, 2024)


def test_value_checks_wait_for_consecutive_years(city, draft_of, edit):
    previous = edit(_previous(draft_of, city), requests__carried_forward__natural_person=999)
    adjacent = validate(city, previous=previous).codes
    assert "xy-carryover" in adjacent
    two_years_back = attrs.evolve(previous, metadata=attrs.evolve(previous.metadata, year=2022))
    codes = validate(city, previous=two_years_back).codes
    assert "xy-year" in codes
    assert not {"xy-carryover", "xy-stock", "xy-jump"} & codes


def test_copied_text_uses_jaccard_of_character_4grams():
    text = "本机关认真贯彻落实政府信息公开条例，持续完善工作机制，加强平台建设和监督保障工作。" * 2
    assert similarity(text, text) == 1.0
    # Changed numbers do not hide a copy.
    assert similarity("2023年收到申请12件，" + text, "2024年收到申请97件，" + text) == 1.0
    assert similarity(text, "完全不同的内容在这里出现，没有任何重复的表述。") < 0.1
    assert similarity("", text) == 0.0


def test_unknown_previous_metadata_is_not_a_finding(city, draft_of):
    previous = attrs.evolve(draft_of(city), metadata=DraftMetadata())
    result = validate(city, previous=previous)
    assert not {"xy-year", "xy-agency"} & result.codes


def test_other_fees_do_not_state_the_information_processing_fee(city, draft_of, with_text):
    # "未收取其他费用" is about fees other than the 信息处理费: not read as 0 against 3940.
    for text in ("全年收取信息处理费3940元，未收取其他费用。", "本机关未收取任何其他费用。"):
        draft = with_text(draft_of(city), "other_matters", text)
        assert "fee-amount" not in validate(draft).codes


def test_a_rate_is_not_the_amount_collected(city, draft_of, with_text):
    text = "信息处理费按每页0.1元收取，全年收取信息处理费3940元。"
    draft = with_text(draft_of(city), "other_matters", text)
    assert "fee-amount" not in validate(draft).codes


def test_a_zero_must_end_its_clause(city, draft_of, with_text):
    draft = with_text(draft_of(city), "other_matters", "信息处理费零点三九四万元。")
    assert "fee-amount" not in validate(draft).codes
    zero = with_text(draft_of(city), "other_matters", "信息处理费为零。")
    assert validate(zero).by_code("fee-amount")[0].actual == 0


def test_only_printed_amounts_are_compared_when_there_are_any(city, draft_of, with_text):
    # The amount is printed and right; the exemption for some applicants is no total of 0.
    text = "全年收取信息处理费3940元，对经济困难的申请人不收取信息处理费。"
    draft = with_text(draft_of(city), "other_matters", text)
    assert "fee-amount" not in validate(draft).codes
    wrong = with_text(draft_of(city), "other_matters", text.replace("3940", "4000"))
    (finding,) = validate(wrong).by_code("fee-amount")
    assert finding.actual == Decimal(4000)


def test_year_on_year_jump_reads_units_in_the_column_unit(city, draft_of, edit):
    # 961716000元 is the same 96171.6 万元 as last year: no jump.
    amount = "proactive_disclosure__art20_8__admin_fees__amount_wan_yuan"
    draft = edit(draft_of(city), **{amount: "961716000元"})
    previous = _previous(draft_of, city)
    assert previous.cells[amount.replace("__", ".")].value == Decimal("96171.6")
    jumps = validate(draft, previous=previous).by_code("xy-jump")
    assert amount.replace("__", ".") not in {f.path for f in jumps}


def test_a_huge_fee_is_checked_not_a_failed_check(hongqi, draft_of):
    largest = Decimal("999999999999999.999999")  # just below the model's CELL_LIMIT
    other = attrs.evolve(hongqi.other_matters, info_processing_fee_yuan=largest)
    result = validate(attrs.evolve(hongqi, other_matters=other))
    assert "check-failed" not in result.codes
    huge = attrs.evolve(draft_of(hongqi), info_processing_fee_yuan=Decimal("1E+300"))
    assert "check-failed" not in validate(huge).codes

"""The counting rules on hand-made ledgers whose answers are written here, and every error."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import taxonomy as tx
from govinfo_report.accept import Rejected, read_date
from govinfo_report.ledger import (
    LedgerError,
    check_carried_in,
    read_ledger_date,
    report_from_ledgers,
    tally_cases,
    tally_requests,
)
from govinfo_report.taxonomy import FormatVersion

H = {f.key: f.label for f in tx.REQUEST_LEDGER_FIELDS}
C = {f.key: f.label for f in tx.CASE_LEDGER_FIELDS}


def req(ident: str, applicant: str, received: Any, concluded: Any = "", outcome: str = "") -> dict:
    return {
        H["id"]: ident,
        H["applicant_type"]: applicant,
        H["received"]: received,
        H["concluded"]: concluded,
        H["outcome"]: outcome,
        "备注": "kept and ignored",
    }


# Reporting year 2024. Answers per row are written beside each row.
LEDGER = [
    req("A1", "自然人", "2023-11-02", "2023-11-20", "予以公开"),  # concluded before Y: nowhere
    req("A2", "自然人", "2023-12-15", "2024-01-08", "（二）部分公开"),  # 二 + 部分公开
    req("A3", "商业企业", "2023-12-28"),  # 二 + 四 (pending at both year ends)
    req("A4", "自然人", "2024/1/5", "2024/1/20", "不予公开/属于国家秘密"),  # 一 + 不予公开.1
    req(
        "A5", "科研机构", "2024年3月5日", "2024年3月25日", "本机关不掌握相关政府信息"
    ),  # 一 + 无法提供.1
    req("A6", "法律服务机构", 45500, 45510, "withheld.third_party_rights"),  # 一 + 不予公开.4
    req("A7", "其他", "2024-12-20", "2025-01-10", "予以公开"),  # 一 + 四 (concluded next year)
    req("A8", "社会公益组织", "2024-12-30"),  # 一 + 四
    req("A9", "自然人", "2025-01-03"),  # received after Y: nowhere
    req("A10", "natural_person", "2024-06-01", "2024-06-02", "3.其他"),  # 一 + 其他处理.3
]


def test_hand_made_ledger_counts_as_written() -> None:
    table = tally_requests(LEDGER, 2024)
    assert table.new_requests.total == 6
    assert table.new_requests.natural_person == 2
    assert table.carried_in.total == 2
    assert (table.carried_in.natural_person, table.carried_in.commercial_enterprise) == (1, 1)
    assert table.partially_granted.natural_person == 1
    assert table.withheld.state_secret.natural_person == 1
    assert table.withheld.third_party_rights.legal_service_org == 1
    assert table.unavailable.not_held.research_institution == 1
    assert table.other_handling.other.natural_person == 1
    assert table.granted.total == 0
    assert table.outcomes_total.total == 5
    assert table.carried_forward.total == 3
    assert (
        table.carried_forward.commercial_enterprise,
        table.carried_forward.other_org,
        table.carried_forward.public_welfare_org,
    ) == (1, 1, 1)


def test_previous_year_of_the_same_ledger_carries_into_this_one() -> None:
    last = report_from_ledgers("某县司法局", 2023, tally_requests(LEDGER, 2023))
    assert last.requests.carried_forward.total == 2  # A2 and A3
    table = tally_requests(LEDGER, 2024, previous=last)
    check_carried_in(table, last, 2024)


def test_previous_mismatch_names_each_column() -> None:
    last = report_from_ledgers("某县司法局", 2023, tally_requests(LEDGER[:2], 2023))
    with pytest.raises(LedgerError) as caught:
        tally_requests(LEDGER, 2024, previous=last)
    text = str(caught.value)
    assert "二、上年结转政府信息公开申请数量 / 商业企业" in text
    assert "台账为 1，上年报告“四、结转下年度继续办理”为 0" in text
    assert len(caught.value.problems) == 2  # 商业企业 and 总计


def test_2019_format_counts_other_handling_as_one_row() -> None:
    rows = [req("B1", "自然人", "2020-02-02", "2020-02-10", "其他处理")]
    table = tally_requests(rows, 2020)
    assert table.format_version is FormatVersion.V2019
    assert table.other_handling.natural_person == 1


def test_objects_and_mapped_headers() -> None:
    @attrs.frozen
    class Row:
        applicant_type: str
        received: dt.date
        concluded: dt.date | None
        outcome: str | None

    table = tally_requests([Row("自然人", dt.date(2024, 2, 1), None, None)], 2024)
    assert table.carried_forward.natural_person == 1
    rows = [{"类别": "自然人", "收文日期": "2024-02-01", "结案": "", "结果": ""}]
    mapped = {
        "类别": "applicant_type",
        "收文日期": "received",
        "结案": "concluded",
        "结果": "outcome",
    }
    assert tally_requests(rows, 2024, columns=mapped).new_requests.total == 1


def test_every_row_problem_at_once_with_row_and_column() -> None:
    bad = [
        req("X1", "自然人士", "2024-01-02"),  # unknown applicant type, suggestion
        req("X2", "自然人", "2024-03-05", "2024-03-01", "予以公开"),  # concluded before received
        req("X3", "自然人", "2024-03-05", "2024-03-09"),  # concluded without an outcome
        req("X4", "自然人", "2024-03-05", "", "予以公开"),  # outcome without conclusion date
        req("X4", "自然人", "2024-03-05"),  # duplicate id
        req("X6", "自然人", "2024-13-05"),  # date does not parse
        req("X7", "自然人", "2024-03-05", "2024-03-06", "予以公开开"),  # unknown outcome
        req("X8", "自然人", "2024-03-05", "2024-03-06", "其他"),  # ambiguous outcome? no: 3.其他
    ]
    with pytest.raises(LedgerError) as caught:
        tally_requests(bad, 2024, source="台账.xlsx")
    problems = caught.value.problems
    where = [(p.row, p.column) for p in problems]
    assert where == [
        (1, "申请人类型"),
        (2, "办结日期"),
        (3, "办理结果"),
        (4, "办结日期"),
        (5, "申请编号"),
        (6, "收到日期"),
        (7, "办理结果"),
    ]
    text = str(caught.value)
    assert "台账.xlsx: 7 处问题" in text
    assert "未知的申请人类型“自然人士”" in text
    assert "是否为“自然人”" in text
    assert "2024-03-01 早于收到日期 2024-03-05" in text
    assert "有办结日期但缺少办理结果" in text
    assert "有办理结果但缺少办结日期" in text
    assert "编号 'X4' 与第 4 行重复" in text
    assert "无法识别的日期 '2024-13-05'" in text
    assert "是否为“（一）予以公开”" in text


def test_ambiguous_word_names_both() -> None:
    rows = [req("Y", "自然人", "2024-01-01", "2024-01-02", "1.")]
    with pytest.raises(LedgerError, match="未知的办理结果"):
        tally_requests(rows, 2024)


def test_missing_headers_are_named() -> None:
    with pytest.raises(LedgerError) as caught:
        tally_requests([{"申请人类型": "自然人"}], 2024)
    assert [p.column for p in caught.value.problems] == ["表头 header"] * 3
    assert "缺少“收到日期”列" in str(caught.value)


def test_dates_accepted_and_refused() -> None:
    day = dt.date(2024, 3, 5)
    for text in ("2024-03-05", "2024/3/5", "2024年3月5日", "2024.3.5", 45356, "45356", day):
        assert read_ledger_date(text) == day
    assert read_ledger_date(dt.datetime(2024, 3, 5, 9, 30)) == day
    for text in ("5/3/2024", "2024-02-30", "yesterday", 12, True):
        with pytest.raises(ValueError, match="not a date"):
            read_ledger_date(text)


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from([str.strip, lambda t: f" {t} ", lambda t: t.replace("-", "")]),
)
def test_ledger_dates_extend_the_one_date_rule(day: dt.date, spell: Any) -> None:
    """What accept.read_date takes, a ledger takes as the same day (the ledger only adds forms)."""
    text = spell(day.isoformat())
    assert read_date(text.strip()) == day
    assert read_ledger_date(text) == day
    assert read_ledger_date(f"{day.year}年{day.month}月{day.day}日") == day


def test_a_date_read_date_refuses_is_refused_by_the_ledger_too() -> None:
    for text in ("2024-02-30", "2024-13-01"):
        assert isinstance(read_date(text), Rejected)
        with pytest.raises(ValueError, match="not a date"):
            read_ledger_date(text)


CASES = [
    {C["id"]: "K1", C["kind"]: "行政复议", C["received"]: "2024-01-10",
     C["concluded"]: "2024-03-01", C["result"]: "结果维持"},
    {C["id"]: "K2", C["kind"]: "行政复议", C["received"]: "2023-11-10",
     C["concluded"]: "2024-01-20", C["result"]: "纠正"},
    {C["id"]: "K3", C["kind"]: "未经复议直接起诉", C["received"]: "2024-10-10",
     C["concluded"]: "", C["result"]: ""},
    {C["id"]: "K4", C["kind"]: "复议后起诉", C["received"]: "2023-06-10",
     C["concluded"]: "", C["result"]: ""},
    {C["id"]: "K5", C["kind"]: "review", C["received"]: "2023-01-10",
     C["concluded"]: "2023-02-01", C["result"]: "其他结果"},
    {C["id"]: "K6", C["kind"]: "行政诉讼/复议后起诉", C["received"]: "2024-05-10",
     C["concluded"]: "2025-01-02", C["result"]: "其他结果"},
]  # fmt: skip


def test_case_ledger_counts_as_written() -> None:
    table = tally_cases(CASES, 2024)
    assert (table.review.upheld, table.review.corrected, table.review.total) == (1, 1, 2)
    assert (table.litigation_direct.pending, table.litigation_direct.total) == (1, 1)
    assert table.litigation_after_review.pending == 2  # K4 pending since 2023, K6 until 2025
    assert table.litigation_after_review.other_result == 0


def test_case_errors() -> None:
    bad = [
        {C["kind"]: "行政复审", C["received"]: "2024-01-10", C["concluded"]: "2024-01-01",
         C["result"]: "维持"},
        {C["kind"]: "行政复议", C["received"]: "", C["concluded"]: "", C["result"]: "纠正"},
    ]  # fmt: skip
    with pytest.raises(LedgerError) as caught:
        tally_cases(bad, 2024)
    text = str(caught.value)
    assert "未知的案件类型“行政复审”" in text
    assert "是否为“行政复议”" in text
    assert "早于收到日期" in text
    assert "缺少收到日期" in text
    assert "有审理结果但缺少审结日期" in text


_DAYS = st.dates(dt.date(2022, 6, 1), dt.date(2025, 6, 30))
_APPLICANTS = [c.label for c in tx.REQUEST_COLUMNS if c.key != "total"]


@st.composite
def _ledgers(draw: Any, version: FormatVersion) -> list[dict[str, Any]]:
    outcomes = [tx.row_id(p) for p in tx.outcome_leaves(version)]
    rows = []
    for i in range(draw(st.integers(0, 40))):
        received = draw(_DAYS)
        pending = draw(st.booleans())
        concluded = None if pending else received + dt.timedelta(days=draw(st.integers(0, 400)))
        rows.append(
            req(
                f"P{i}",
                draw(st.sampled_from(_APPLICANTS)),
                received,
                concluded or "",
                "" if pending else draw(st.sampled_from(outcomes)),
            )
        )
    return rows


@settings(max_examples=30)
@given(st.data(), st.sampled_from([2023, 2024]), st.sampled_from(list(FormatVersion)))
def test_balance_holds_by_construction(data: Any, year: int, version: FormatVersion) -> None:
    rows = data.draw(_ledgers(version))
    table = tally_requests(rows, year, version=version)  # the model checks every identity
    assert (
        table.new_requests.total + table.carried_in.total
        == table.outcomes_total.total + table.carried_forward.total
    )
    # This year's carried-in is last year's carried-forward, column by column.
    last = tally_requests(rows, year - 1, version=version)
    assert last.carried_forward == table.carried_in

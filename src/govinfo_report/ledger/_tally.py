"""The counting rules: a ledger of requests becomes table 三, a ledger of cases table 四.

The rules for reporting year Y are written here once (and in docs/ledger.md with an example):

- 一、本年新收: received in Y;
- 二、上年结转: received before Y and not concluded before Y;
- each outcome row: concluded in Y with that outcome (部分公开 counts only there);
- 四、结转下年度: received by the end of Y and not concluded in Y (still pending at its end).

A request is either concluded in Y or still pending at its end, so 一 + 二 = （七）总计 + 四 holds
by construction. For table 四, a case concluded in Y counts under its result; a case received by
the end of Y and not concluded by then counts as 尚未审结.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .. import taxonomy as tx
from ..model import AnnualReport, Requests, ReviewLitigation, build_section
from ..taxonomy import FormatVersion
from ._rows import Ledger, LedgerError, LedgerProblem, RowReader, numbered
from ._vocab import applicant_types, case_kinds, case_results, outcomes

__all__ = ["check_carried_in", "tally_cases", "tally_requests"]

_APPLICANTS = tuple(c.key for c in tx.APPLICANT_COLUMNS)
_NEW, _CARRIED_IN, _CARRIED_FORWARD = "new_requests", "carried_in", "carried_forward"
_RESULTS = tuple(c.key for c in tx.CASE_COLUMNS if c.key not in ("pending", "total"))
_PENDING = "pending"


def _version_for(year: int, version: FormatVersion | None) -> FormatVersion:
    chosen = version or tx.version_for_year(year)
    if chosen is None:
        raise ValueError(f"{year} 年早于年报格式 / no report format for {year}")
    return chosen


def _source(rows: Iterable[Any] | Ledger, source: str | None) -> str | None:
    """The ledger's name for messages: the one given, or the one a read :class:`Ledger` carries."""
    return source or (rows.source if isinstance(rows, Ledger) else None)


def _in_year(
    reader: RowReader,
    rows: Iterable[Any] | Ledger,
    required: tuple[str, ...],
    year: int,
    source: str | None,
) -> Iterator[tuple[bool, bool, str, str | None]]:
    """The rows in reporting ``year``'s table, as (received in Y, concluded in Y, category,
    result); then every problem of the ledger raised.

    A row received after Y, or concluded before it, is not in Y's table; one received by the end
    of Y and not concluded in Y is still pending at its end.

    Raises:
        LedgerError: once the rows are read, listing every problem found.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for received, concluded, category, result in _records(reader, rows, required):
        if received > end or (concluded is not None and concluded < start):
            continue
        yield received >= start, concluded is not None and concluded <= end, category, result
    if reader.problems:
        raise LedgerError(reader.problems, source=_source(rows, source))


def _records(
    reader: RowReader, rows: Iterable[Any] | Ledger, required: tuple[str, ...]
) -> Iterator[tuple[dt.date, dt.date | None, str, str | None]]:
    """Each row as (received, concluded, category, result) while no problem has been found."""
    pairs, _ = numbered(rows)
    started = False
    record = reader.record
    problems = reader.problems
    for number, row in pairs:
        if not started:
            reader.start(row)
            started = True
            if reader.missing(required):
                return
        category, received, concluded, result = record(number, row)
        if problems or received is None or category is None:
            continue  # keep checking, stop counting: nothing is produced
        yield received, concluded, category, result


def tally_requests(
    rows: Iterable[Any] | Ledger,
    year: int,
    *,
    version: FormatVersion | None = None,
    columns: Mapping[str, str] | None = None,
    previous: AnnualReport | None = None,
    source: str | None = None,
) -> Requests:
    """Count a request ledger into table 三 for reporting ``year``.

    Args:
        rows: mappings keyed by the ledger's headers (申请编号, 申请人类型, 收到日期, 办结日期, 办理结果
            or ``id``, ``applicant_type``, ``received``, ``concluded``, ``outcome``), or objects
            with those attributes, or a :class:`Ledger` read from a file. Other columns are ignored.
        year: the reporting year Y.
        version: the format version (by default the one for ``year``).
        columns: other header names mapped to the field keys, e.g. ``{"类别": "applicant_type"}``.
        previous: last year's report; its 结转下年度 must equal the ledger's 上年结转.
        source: the ledger's name for messages (a :class:`Ledger` carries its own).

    Raises:
        LedgerError: listing every problem with its row and column; nothing is counted.

    Examples:
        >>> rows = [
        ...     {"申请人类型": "自然人", "收到日期": "2023-12-20", "办结日期": "2024-01-10",
        ...      "办理结果": "予以公开"},
        ...     {"申请人类型": "商业企业", "收到日期": "2024/3/5", "办结日期": "",
        ...      "办理结果": ""},
        ... ]
        >>> table = tally_requests(rows, 2024)
        >>> table.carried_in.total, table.new_requests.total, table.granted.total
        (1, 1, 1)
        >>> table.carried_forward.commercial_enterprise
        1
    """
    chosen = _version_for(year, version)
    source = _source(rows, source)
    reader = RowReader(
        tx.REQUEST_LEDGER_FIELDS, columns, applicant_types().key, outcomes(chosen).key
    )
    counts: dict[str, dict[str, int]] = {
        tx.row_id(path): dict.fromkeys(_APPLICANTS, 0)
        for path in tx.request_row_leaves(chosen)
        if path[0].key != tx.OUTCOMES_BAND_LAST
    }
    new, carried_in, carried_forward = counts[_NEW], counts[_CARRIED_IN], counts[_CARRIED_FORWARD]
    required = ("applicant_type", "received", "concluded", "outcome")
    for received_in_y, concluded_in_y, applicant, outcome in _in_year(
        reader, rows, required, year, source
    ):
        (new if received_in_y else carried_in)[applicant] += 1
        if not concluded_in_y:
            carried_forward[applicant] += 1
        elif outcome is not None:
            counts[outcome][applicant] += 1
    values = {
        tx.cell_id("requests", row, applicant): n
        for row, by in counts.items()
        for applicant, n in by.items()
    }
    table: Requests = build_section("requests", chosen, values)
    if previous is not None:
        check_carried_in(table, previous, year, source=source)
    return table


def check_carried_in(
    table: Requests, previous: AnnualReport, year: int, *, source: str | None = None
) -> None:
    """Check 二、上年结转 against last year's 四、结转下年度, column by column.

    Raises:
        LedgerError: naming each column that differs, with both numbers.

    Examples:
        >>> from govinfo_report.ledger import report_from_ledgers
        >>> pending = [{"申请人类型": "自然人", "收到日期": "2023-12-30", "办结日期": "", "办理结果": ""}]
        >>> last = report_from_ledgers("某县司法局", 2023, tally_requests(pending, 2023))
        >>> check_carried_in(tally_requests(pending, 2024), last, 2024)  # 1 = 1: no error
        >>> from govinfo_report.ledger import LedgerError
        >>> try:
        ...     check_carried_in(tally_requests([], 2024), last, 2024)
        ... except LedgerError as error:
        ...     print(*(p.column for p in error.problems), sep="\\n")
        二、上年结转政府信息公开申请数量 / 自然人
        二、上年结转政府信息公开申请数量 / 总计
    """
    if not isinstance(previous, AnnualReport):
        raise TypeError("previous must be an AnnualReport")
    rows = {path[0].key: path[0].label for path in tx.request_row_leaves(table.format_version)}
    problems = []
    if previous.metadata.year != year - 1:
        problems.append(
            LedgerProblem(
                0,
                "上年报告 previous report",
                f"上年报告的年度是 {previous.metadata.year}，应为 {year - 1} / "
                f"last year's report is for {previous.metadata.year}, not {year - 1}",
            )
        )
    for column in tx.REQUEST_COLUMNS:
        ours = getattr(table.carried_in, column.key)
        theirs = getattr(previous.requests.carried_forward, column.key)
        if ours != theirs:
            problems.append(
                LedgerProblem(
                    0,
                    f"{rows[_CARRIED_IN]} / {column.label}",
                    f"台账为 {ours}，上年报告“{rows[_CARRIED_FORWARD]}”为 {theirs} / "
                    f"the ledger gives {ours}, last year's carried-forward is {theirs}",
                )
            )
    if problems:
        raise LedgerError(problems, source=source)


def tally_cases(
    rows: Iterable[Any] | Ledger,
    year: int,
    *,
    columns: Mapping[str, str] | None = None,
    source: str | None = None,
) -> ReviewLitigation:
    """Count a review and lawsuit ledger into table 四 for reporting ``year``.

    Rows have 案件编号, 案件类型 (行政复议 / 未经复议直接起诉 / 复议后起诉), 收到日期, 审结日期 and 审理结果
    (结果维持 / 结果纠正 / 其他结果, blank while pending), or the keys ``id``, ``kind``,
    ``received``, ``concluded``, ``result``.

    Raises:
        LedgerError: listing every problem with its row and column; nothing is counted.

    Examples:
        >>> rows = [
        ...     {"案件类型": "行政复议", "收到日期": "2024-02-01", "审结日期": "2024-04-01",
        ...      "审理结果": "结果维持"},
        ...     {"案件类型": "复议后起诉", "收到日期": "2024-11-01"},
        ... ]
        >>> table = tally_cases(rows, 2024)
        >>> table.review.upheld, table.litigation_after_review.pending
        (1, 1)
    """
    reader = RowReader(tx.CASE_LEDGER_FIELDS, columns, case_kinds().key, case_results().key)
    counts = {group.key: dict.fromkeys((*_RESULTS, _PENDING), 0) for group, _ in tx.CASE_GROUPS}
    for _, concluded_in_y, kind, result in _in_year(
        reader, rows, ("kind", "received"), year, source
    ):
        if not concluded_in_y:
            counts[kind][_PENDING] += 1
        elif result is not None:
            counts[kind][result] += 1
    values = {
        tx.cell_id("review_litigation", group, column): n
        for group, by in counts.items()
        for column, n in by.items()
    }
    table: ReviewLitigation = build_section("review_litigation", FormatVersion.V2021, values)
    return table

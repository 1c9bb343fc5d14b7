"""Rows of a ledger, from any source: field lookup by header, problems collected with places.

A ledger row is a mapping (a CSV or sheet row, a database record) or an object with attributes
named by the fields' stable keys (attrs classes, dataclasses, ORM rows). Headers are recognised
by the field's Chinese label or its key; ``columns`` maps other header names to keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from .. import taxonomy as tx
from ..errors import GovInfoReportError
from ._dates import read_ledger_date
from ._vocab import normal_word

__all__ = ["Ledger", "LedgerError", "LedgerProblem", "RowReader", "numbered"]


@attrs.frozen
class LedgerProblem:
    """One problem in a ledger: the row (as numbered in its source), the column, what is wrong.

    Examples:
        >>> print(LedgerProblem(7, "办结日期", "早于收到日期 / before the date received"))
        第 7 行 办结日期：早于收到日期 / row 7, 办结日期: before the date received
    """

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        zh, _, en = self.message.partition(" / ")
        where_zh = f"第 {self.row} 行 {self.column}" if self.row else self.column
        where_en = f"row {self.row}, {self.column}" if self.row else self.column
        return f"{where_zh}：{zh} / {where_en}: {en or zh}"


class LedgerError(GovInfoReportError, ValueError):
    """A ledger that cannot be tallied: every problem, with its row and column, in one message.

    Examples:
        >>> error = LedgerError([LedgerProblem(3, "办理结果", "未知 / unknown")], source="a.csv")
        >>> print(error)
        无法统计台账 / cannot tally the ledger a.csv: 1 处问题 / 1 problem(s)
          - 第 3 行 办理结果：未知 / row 3, 办理结果: unknown
    """

    def __init__(self, problems: Iterable[LedgerProblem], *, source: str | None = None) -> None:
        self.problems: tuple[LedgerProblem, ...] = tuple(problems)
        self.source = source
        count = len(self.problems)
        where = f" {source}" if source else ""
        lines = [
            f"无法统计台账 / cannot tally the ledger{where}: {count} 处问题 / {count} problem(s)"
        ]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


@attrs.frozen
class Ledger:
    """Rows read from a file, with the row number each has in it (the header is row 1).

    Examples:
        >>> Ledger(rows=({"收到日期": "2024-01-02"},), numbers=(2,), source="x.csv").first
        2
    """

    rows: tuple[Mapping[str, Any], ...]
    numbers: tuple[int, ...]
    source: str | None = None

    @property
    def first(self) -> int:
        """The number of the first data row (1 when there is none)."""
        return self.numbers[0] if self.numbers else 1


def numbered(rows: Iterable[Any] | Ledger) -> tuple[Iterator[tuple[int, Any]], str | None]:
    """The rows with their numbers (a plain iterable counts from 1), and the source's name.

    Examples:
        >>> pairs, source = numbered([{"a": 1}, {"a": 2}])
        >>> [number for number, _ in pairs], source
        ([1, 2], None)
    """
    if isinstance(rows, Ledger):
        return zip(rows.numbers, rows.rows, strict=True), rows.source
    return enumerate(rows, start=1), None


def _blank(raw: Any) -> bool:
    return raw is None or raw == "" or (isinstance(raw, str) and not raw.strip())


Record = tuple[str | None, dt.date | None, dt.date | None, str | None]
"""A checked ledger row: category key, date received, date concluded, result key."""


class RowReader:
    """Reads ledger rows and collects every problem with its row and column.

    The fields are, in order: id, a category (申请人类型 / 案件类型), date received, date
    concluded and a result (办理结果 / 审理结果); ``category`` and ``result`` turn words into keys.

    Examples:
        >>> from govinfo_report.ledger import applicant_types, outcomes
        >>> from govinfo_report.taxonomy import FormatVersion
        >>> reader = RowReader(tx.REQUEST_LEDGER_FIELDS, None, applicant_types().key,
        ...                    outcomes(FormatVersion.V2021).key)
        >>> row = {"申请人类型": "自然人", "收到日期": "2024/1/2", "办结日期": "", "办理结果": ""}
        >>> reader.start(row)
        >>> reader.record(2, row)
        ('natural_person', datetime.date(2024, 1, 2), None, None)
    """

    def __init__(
        self,
        fields: tuple[tx.Node, ...],
        columns: Mapping[str, str] | None,
        category: Callable[[str], str],
        result: Callable[[str], str],
    ) -> None:
        self.fields = fields
        self.keys = tuple(f.key for f in fields)
        self.labels = {f.key: f.label for f in fields}
        self.english = {f.key: f.english.lower() for f in fields}
        self.columns = dict(columns or {})
        self.lookups = (category, result)
        self.problems: list[LedgerProblem] = []
        self.names: dict[str, str] = {}  # field key -> the name used in mappings
        self.header: dict[str, str] = {}  # field key -> the header shown in messages
        self._dates: dict[Any, dt.date | None] = {None: None, "": None}
        self._words: tuple[dict[Any, str | None], dict[Any, str | None]] = (
            {None: None, "": None},
            {None: None, "": None},
        )
        self._seen: dict[str, int] = {}
        self._get: Callable[[Any], tuple[Any, ...]] = lambda row: ()
        self._objects = False

    def start(self, first: Any) -> None:
        """Resolve the header names from the first row (a mapping) or note an object row."""
        if not isinstance(first, Mapping):
            self._objects = True
            self.header = dict(self.labels)
            keys = self.keys
            self._get = lambda row: tuple(getattr(row, k, None) for k in keys)
            return
        by_word: dict[str, str] = {}
        for field in self.fields:
            for spelling in (field.key, field.label, field.english):
                by_word[normal_word(spelling)] = field.key
        for name, key in self.columns.items():
            by_word[normal_word(name)] = key
        for name in first:
            found = by_word.get(normal_word(str(name)))
            if found is not None and found not in self.names:
                self.names[found] = name
                self.header[found] = str(name)
        for key, label in self.labels.items():
            self.header.setdefault(key, label)
        absent = object()  # never a key: a field without a column reads as None
        n0, n1, n2, n3, n4 = (self.names.get(k, absent) for k in self.keys)
        self._get = lambda row: (row.get(n0), row.get(n1), row.get(n2), row.get(n3), row.get(n4))

    def missing(self, required: Iterable[str]) -> bool:
        """Record a problem for each required column the header lacks; True if any."""
        if self._objects:
            return False  # object rows: attributes are looked up by key
        absent = [k for k in required if k not in self.names]
        for key in absent:
            label = self.labels[key]
            self.problems.append(
                LedgerProblem(
                    0,
                    "表头 header",
                    f"缺少“{label}”列 / no {label!r} column ({key}); "
                    "给出 columns={'你的列名': '"
                    + key
                    + "'} 可映射其他列名 / map another name with "
                    "columns={'your header': '" + key + "'}",
                )
            )
        return bool(absent)

    def problem(self, number: int, key: str, message: str) -> None:
        """Record a problem at a row and field."""
        self.problems.append(LedgerProblem(number, self.header[key], message))

    def _date(self, number: int, key: str, raw: Any) -> dt.date | None:
        try:
            return self._dates[raw]
        except (KeyError, TypeError):
            pass
        try:
            found = read_ledger_date(raw)
        except (ValueError, TypeError) as exc:
            self.problem(
                number,
                key,
                f"无法识别的日期 {raw!r}（可用 2024-03-05、2024/3/5、2024年3月5日 或 Excel 日期） / "
                f"{exc}; use 2024-03-05, 2024/3/5, 2024年3月5日 or an Excel date",
            )
            return None
        if len(self._dates) < 100_000:
            self._dates[raw] = found
        return found

    def _word(self, number: int, which: int, key: str, raw: Any) -> str | None:
        cache = self._words[which]
        try:
            return cache[raw]
        except (KeyError, TypeError):
            pass
        if _blank(raw):
            return None
        try:
            found = self.lookups[which](str(raw).strip())
        except ValueError as exc:
            self.problem(number, key, str(exc))
            return None
        if len(cache) < 100_000:
            cache[raw] = found
        return found

    def record(self, number: int, row: Any) -> Record:
        """The row's category, dates and result, every problem recorded (None where wrong)."""
        ident, category_raw, received_raw, concluded_raw, result_raw = self._get(row)
        if ident is not None and ident != "":
            first = self._seen.setdefault(ident, number)
            if first != number:
                self.problem(
                    number,
                    self.keys[0],
                    f"编号 {ident!r} 与第 {first} 行重复 / id {ident!r} repeats row {first}",
                )
        words, dates = self._words, self._dates
        try:
            category = words[0][category_raw]
        except (KeyError, TypeError):
            category = self._word(number, 0, self.keys[1], category_raw)
        try:
            received = dates[received_raw]
        except (KeyError, TypeError):
            received = self._date(number, self.keys[2], received_raw)
        try:
            concluded = dates[concluded_raw]
        except (KeyError, TypeError):
            concluded = self._date(number, self.keys[3], concluded_raw)
        try:
            result = words[1][result_raw]
        except (KeyError, TypeError):
            result = self._word(number, 1, self.keys[4], result_raw)
        if category is None or received is None or concluded is None or result is None:
            self._incomplete(number, (category_raw, received_raw, concluded_raw, result_raw))
        if received is not None and concluded is not None and concluded < received:
            k_received, k_concluded = self.keys[2], self.keys[3]
            self.problem(
                number,
                k_concluded,
                f"{concluded.isoformat()} 早于{self.labels[k_received]} {received.isoformat()} / "
                f"{concluded.isoformat()} is before the {self.english[k_received]} "
                f"{received.isoformat()}",
            )
        return category, received, concluded, result

    def _incomplete(self, number: int, raws: tuple[Any, Any, Any, Any]) -> None:
        """Problems of a row with a blank field: a blank category or date received, or a date
        concluded without a result (or the reverse)."""
        _, k_category, k_received, k_concluded, k_result = self.keys
        category_raw, received_raw, concluded_raw, result_raw = raws
        for key, raw in ((k_category, category_raw), (k_received, received_raw)):
            if _blank(raw):
                self.problem(
                    number, key, f"缺少{self.labels[key]} / the {self.english[key]} is missing"
                )
        has_concluded, has_result = not _blank(concluded_raw), not _blank(result_raw)
        if has_concluded != has_result:
            have, lack = (k_concluded, k_result) if has_concluded else (k_result, k_concluded)
            self.problem(
                number,
                lack,
                f"有{self.labels[have]}但缺少{self.labels[lack]} / "
                f"a {self.english[have]} without a {self.english[lack]}",
            )

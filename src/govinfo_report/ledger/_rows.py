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

    Example::

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

    Example::

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

    Example::

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

    Example::

        >>> pairs, source = numbered([{"a": 1}, {"a": 2}])
        >>> [number for number, _ in pairs], source
        ([1, 2], None)
    """
    if isinstance(rows, Ledger):
        return zip(rows.numbers, rows.rows, strict=True), rows.source
    return enumerate(rows, start=1), None


class RowReader:
    """Reads the fields of ledger rows and collects every problem with its row and column.

    Example::

        >>> reader = RowReader(tx.REQUEST_LEDGER_FIELDS, None)
        >>> reader.start({"收到日期": "2024-01-02", "申请人类型": "自然人"})
        >>> reader.date(5, {"收到日期": "2024/1/2"}, "received")
        datetime.date(2024, 1, 2)
    """

    def __init__(self, fields: tuple[tx.Node, ...], columns: Mapping[str, str] | None) -> None:
        self.fields = fields
        self.labels = {f.key: f.label for f in fields}
        self.columns = dict(columns or {})
        self.problems: list[LedgerProblem] = []
        self.names: dict[str, str] = {}  # field key -> the name used in mappings
        self.header: dict[str, str] = {}  # field key -> the header shown in messages
        self._dates: dict[Any, dt.date | ValueError | None] = {}
        self._words: dict[tuple[str, str], str | ValueError] = {}
        self._mapping = True

    def start(self, first: Any) -> None:
        """Resolve the header names from the first row (a mapping) or note an object row."""
        self._mapping = isinstance(first, Mapping)
        if not self._mapping:
            self.header = dict(self.labels)
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

    def missing(self, required: Iterable[str]) -> bool:
        """Record a problem for each required column the header lacks; True if any."""
        if not self._mapping:
            return False
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

    def value(self, row: Any, key: str) -> Any:
        """The raw value of a field in a row (None when absent)."""
        if self._mapping:
            name = self.names.get(key)
            return None if name is None else row.get(name)
        return getattr(row, key, None)

    def problem(self, number: int, key: str, message: str) -> None:
        """Record a problem at a row and field."""
        self.problems.append(LedgerProblem(number, self.header[key], message))

    def date(self, number: int, row: Any, key: str) -> dt.date | None:
        """A date field, or None when blank or unreadable (a problem is recorded)."""
        raw = self.value(row, key)
        try:
            found = self._dates[raw]
        except KeyError:
            try:
                found = read_ledger_date(raw)
            except ValueError as exc:
                found = exc
            if len(self._dates) < 100_000:
                self._dates[raw] = found
        except TypeError:  # an unhashable value
            found = ValueError(f"not a date: {raw!r}")
        if isinstance(found, ValueError):
            self.problem(
                number,
                key,
                f"无法识别的日期 {raw!r}（可用 2024-03-05、2024/3/5、2024年3月5日 或 Excel 日期） / "
                f"{found}; use 2024-03-05, 2024/3/5, 2024年3月5日 or an Excel date",
            )
            return None
        return found

    def word(self, number: int, row: Any, key: str, lookup: Callable[[str], str]) -> str | None:
        """A vocabulary field's key, or None when blank or unknown (a problem is recorded)."""
        raw = self.value(row, key)
        if raw is None:
            return None
        text = str(raw).strip()
        if not text:
            return None
        found = self._words.get((key, text))
        if found is None:
            try:
                found = lookup(text)
            except ValueError as exc:
                found = exc
            if len(self._words) < 100_000:
                self._words[key, text] = found
        if isinstance(found, ValueError):
            self.problem(number, key, str(found))
            return None
        return found

    def text(self, row: Any, key: str) -> str:
        """A text field, stripped ('' when blank)."""
        raw = self.value(row, key)
        return "" if raw is None else str(raw).strip()

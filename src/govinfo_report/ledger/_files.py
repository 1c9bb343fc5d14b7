"""Reading a ledger from a file: CSV (UTF-8 or GB18030, detected) or XLSX (python-calamine).

python-calamine reads a 100,000-row sheet ten to twenty times faster than openpyxl's read-only mode
(benchmarks/bench_ledger.py), so ledgers are read with it; the report workbook, which needs
formulas and merged cells, is read with openpyxl (:mod:`govinfo_report.codec.xlsx`).
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..codec.xlsx import check_archive
from ..errors import LimitExceeded
from ..io import import_extra
from ..limits import Limits, default_limits
from ._rows import Ledger, LedgerError, LedgerProblem

__all__ = ["decode_csv", "read_ledger"]

_ENCODINGS = ("utf-8-sig", "gb18030")


def decode_csv(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM) when valid, otherwise GB18030.

    Raises:
        UnicodeDecodeError: when the bytes are neither.

    Examples:
        >>> decode_csv("申请人类型".encode("gb18030")), decode_csv("自然人".encode())
        ('申请人类型', '自然人')
    """
    for encoding in _ENCODINGS[:-1]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode(_ENCODINGS[-1])


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _blank(values: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _table(lines: Iterator[tuple[int, Sequence[Any]]], source: str, limits: Limits) -> Ledger:
    header: list[str] | None = None
    rows: list[dict[str, Any]] = []
    numbers: list[int] = []
    for number, values in lines:
        if _blank(values):
            continue
        if header is None:
            header = [str(v).strip() if v is not None else "" for v in values]
            continue
        if len(rows) >= limits.max_ledger_rows:
            raise LimitExceeded("max_ledger_rows", limits.max_ledger_rows, number, where=source)
        rows.append({name: _cell(v) for name, v in zip(header, values, strict=False) if name})
        numbers.append(number)
    return Ledger(rows=tuple(rows), numbers=tuple(numbers), source=source)


def _csv_lines(text: str) -> Iterator[tuple[int, Sequence[Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for values in reader:
        yield start, values
        start = reader.line_num + 1


def _xlsx_lines(path: Path, sheet: str | None) -> Iterator[tuple[int, Sequence[Any]]]:
    calamine = import_extra("python_calamine", "xlsx", ("读取 XLSX 台账", "reading an XLSX ledger"))
    book = calamine.CalamineWorkbook.from_path(str(path))
    if sheet is not None and sheet not in book.sheet_names:
        raise LedgerError(
            [
                LedgerProblem(
                    0,
                    sheet,
                    f"没有这张工作表（有：{'、'.join(book.sheet_names)}） / no such sheet "
                    f"(sheets: {', '.join(book.sheet_names)})",
                )
            ],
            source=str(path),
        )
    found = book.get_sheet_by_name(sheet) if sheet else book.get_sheet_by_index(0)
    start = found.start[0] + 1 if found.start else 1  # rows above the used range are empty
    for offset, values in enumerate(found.iter_rows()):
        yield start + offset, [None if v == "" else v for v in values]


def read_ledger(
    path: str | os.PathLike[str], *, sheet: str | None = None, limits: Limits | None = None
) -> Ledger:
    """Read the rows of a ledger file (.csv or .xlsx); the first non-blank row is the header.

    Blank rows are skipped; every row keeps its number in the file (the header's is 1 when it
    is the first line), so problems point at the line an office sees.

    Raises:
        LedgerError: for an unknown file type, undecodable text or a missing sheet.
        LimitExceeded: for a file past the size or row limits.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> text = "申请人类型,收到日期\\n\\n自然人,2024/3/5\\n"
        >>> _ = (folder / "l.csv").write_bytes(text.encode("gb18030"))
        >>> ledger = read_ledger(folder / "l.csv")
        >>> ledger.rows, ledger.numbers
        (({'申请人类型': '自然人', '收到日期': '2024/3/5'},), (3,))
    """
    limits = limits or default_limits()
    target = Path(path)
    source = str(path)
    limits.check("max_file_bytes", target.stat().st_size, where=source)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        try:
            text = decode_csv(target.read_bytes())
        except UnicodeDecodeError:
            raise LedgerError(
                [
                    LedgerProblem(
                        0, source, "既不是 UTF-8 也不是 GB18030 / neither UTF-8 nor GB18030"
                    )
                ],
                source=source,
            ) from None
        try:
            return _table(_csv_lines(text), source, limits)
        except csv.Error as exc:
            raise LedgerError(
                [LedgerProblem(0, source, f"CSV 格式错误 / not a valid CSV file: {exc}")],
                source=source,
            ) from None
    if suffix in (".xlsx", ".xlsm"):
        try:
            check_archive(str(target), limits, where=source)
        except zipfile.BadZipFile:
            raise LedgerError(
                [LedgerProblem(0, source, "不是 Excel 工作簿（.xlsx） / not an Excel workbook")],
                source=source,
            ) from None
        try:
            return _table(_xlsx_lines(target, sheet), source, limits)
        except LedgerError:
            raise
        except Exception as exc:  # python-calamine raises its own errors for damaged files
            if type(exc).__module__.split(".")[0] != "python_calamine":
                raise
            raise LedgerError(
                [
                    LedgerProblem(
                        0, source, f"无法读取 Excel 文件 / cannot read the workbook: {exc}"
                    )
                ],
                source=source,
            ) from None
    raise LedgerError(
        [
            LedgerProblem(
                0,
                source,
                f"无法识别的台账类型 {suffix!r}（可用 .csv、.xlsx） / "
                f"unknown ledger file type {suffix!r} (use .csv or .xlsx)",
            )
        ],
        source=source,
    )

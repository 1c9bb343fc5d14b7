"""The dates a ledger may hold, read by one small pure function.

Offices type dates in several ways; :func:`read_ledger_date` accepts the spellings seen in
ledgers and nothing else, so a typo is an error rather than a guess.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["EXCEL_EPOCH", "read_ledger_date"]

EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of Excel's 1900 date system (serial 1 is 1900-01-01, counting Excel's phantom 29 Feb)."""

# 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 (the 日 optional), each with an optional time.
_SPELLED = re.compile(
    r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_SERIAL = re.compile(r"\d{1,6}(?:\.\d+)?")
# Serial numbers of 1950-01-01 .. 2099-12-31: anything outside is not a ledger date.
_SERIAL_RANGE = (18264, 73050)


def _from_serial(serial: float) -> dt.date | None:
    if not _SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1]:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def read_ledger_date(value: object) -> dt.date | None:
    """A ledger date, or None for a blank cell.

    Accepts ``date``/``datetime`` objects, ``2024-03-05``, ``2024/3/5``, ``2024.3.5``,
    ``2024年3月5日`` (with or without a time after it) and Excel serial numbers (as numbers or
    digits, 1950–2099).

    Raises:
        ValueError: for anything else, with the text it was given.

    Examples:
        >>> read_ledger_date("2024年3月5日"), read_ledger_date("2024/3/5")
        (datetime.date(2024, 3, 5), datetime.date(2024, 3, 5))
        >>> read_ledger_date(45356), read_ledger_date("  ")
        (datetime.date(2024, 3, 5), None)
        >>> read_ledger_date("3/5/2024")
        Traceback (most recent call last):
        ValueError: not a date: '3/5/2024'
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        day = _from_serial(value)
        if day is None:
            raise ValueError(f"not a date: {value!r}")
        return day
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if not text:
        return None
    found = _SPELLED.fullmatch(text)
    if found:
        try:
            return dt.date(*(int(part) for part in found.groups()))
        except ValueError:
            raise ValueError(f"not a date: {value!r}") from None
    if _SERIAL.fullmatch(text):
        day = _from_serial(float(text))
        if day is not None:
            return day
    raise ValueError(f"not a date: {value!r}")

"""The dates a ledger may hold, read by one small pure function.

Offices type dates in several ways; :func:`read_ledger_date` accepts what
:func:`govinfo_report.accept.read_date` accepts (the one date rule of the library) and, on top of
it, the other spellings seen in ledgers and nothing else, so a typo is an error rather than a
guess.
"""

from __future__ import annotations

import datetime as dt
import re

from ..accept import Rejected, read_date

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

    A thin extension of :func:`govinfo_report.accept.read_date`: what it accepts (``date`` and
    ``datetime`` objects, ISO text ``2024-03-05``) is read by it; ledgers add ``2024/3/5``,
    ``2024.3.5``, ``2024年3月5日`` (each with or without a time after it) and Excel serial
    numbers (as numbers or digits, 1950–2099).

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
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip() if isinstance(value, str) else value
    accepted = read_date(text)
    if not isinstance(accepted, Rejected):
        return accepted
    serial: dt.date | None = None
    if isinstance(text, str):
        found = _SPELLED.fullmatch(text)
        if found:
            try:
                return dt.date(*(int(part) for part in found.groups()))
            except ValueError:
                raise ValueError(f"not a date: {value!r}") from None
        if _SERIAL.fullmatch(text):
            serial = _from_serial(float(text))
    elif isinstance(text, int | float) and not isinstance(text, bool):
        serial = _from_serial(text)
    if serial is None:
        raise ValueError(f"not a date: {value!r}")
    return serial

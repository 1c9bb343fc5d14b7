"""Ledgers (台账): the registers of requests and of cases, counted into tables 三 and 四.

An office keeps one row per disclosure request (依申请公开台账) and one per review or lawsuit; an
agency system holds the same rows in a database. :func:`tally_requests` and :func:`tally_cases`
count any iterable of such rows (mappings or objects) by the rules in :mod:`._tally` (see
docs/ledger.md); :func:`read_ledger` reads them from CSV (UTF-8 or GB18030) or XLSX.

Examples:
    >>> from govinfo_report.ledger import tally_requests
    >>> rows = [{"applicant_type": "natural_person", "received": "2024-05-06",
    ...          "concluded": "2024-05-20", "outcome": "withheld.state_secret"}]
    >>> tally_requests(rows, 2024).withheld.state_secret.natural_person
    1
"""

from __future__ import annotations

from ._dates import read_ledger_date
from ._files import read_ledger
from ._report import report_from_ledgers
from ._rows import Ledger, LedgerError, LedgerProblem
from ._tally import check_carried_in, tally_cases, tally_requests
from ._vocab import applicant_types, case_kinds, case_results, outcomes

__all__ = [
    "Ledger",
    "LedgerError",
    "LedgerProblem",
    "applicant_types",
    "case_kinds",
    "case_results",
    "check_carried_in",
    "outcomes",
    "read_ledger",
    "read_ledger_date",
    "report_from_ledgers",
    "tally_cases",
    "tally_requests",
]

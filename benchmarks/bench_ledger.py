"""Benchmark the ledgers: rows tallied per second, and reading a 100,000-row ledger from files.

Prints:

* rows tallied per second from an in-memory list of mappings (target: at least 100,000/s), with
  a plain loop that only reads the five fields of each row as the baseline (the floor);
* reading a 100,000-row ledger from CSV against ``csv.reader`` over the same text, and from XLSX
  against the reading library alone (python-calamine, chosen because it reads the sheet about
  ten times faster than openpyxl's read-only mode, whose time is printed too).

Run: ``.venv/bin/python benchmarks/bench_ledger.py`` (needs the xlsx extra).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from govinfo_report import taxonomy as tx
from govinfo_report.ledger import read_ledger, tally_requests
from govinfo_report.taxonomy import FormatVersion

ROWS = 100_000
FIELDS = [f.label for f in tx.REQUEST_LEDGER_FIELDS]


def _ledger(n: int) -> list[dict[str, str]]:
    rng = random.Random(7)
    applicants = [c.label for c in tx.REQUEST_COLUMNS if c.key != "total"]
    outcomes = [tx.row_id(p) for p in tx.outcome_leaves(FormatVersion.V2021)]
    rows = []
    start = dt.date(2023, 1, 1)
    for i in range(n):
        received = start + dt.timedelta(days=rng.randrange(730))
        pending = rng.random() < 0.05
        concluded = received + dt.timedelta(days=rng.randrange(40))
        rows.append(
            {
                FIELDS[0]: f"R{i:06d}",
                FIELDS[1]: rng.choice(applicants),
                FIELDS[2]: received.isoformat(),
                FIELDS[3]: "" if pending else concluded.isoformat(),
                FIELDS[4]: "" if pending else rng.choice(outcomes),
            }
        )
    return rows


def _best(func: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Run the benchmark and print the figures."""
    rows = _ledger(ROWS)
    tally = _best(lambda: tally_requests(rows, 2024))
    floor = _best(lambda: [tuple(row[f] for f in FIELDS) for row in rows])
    print(f"tally_requests, {ROWS:,} rows in memory: {ROWS / tally:12,.0f} rows/s")
    print(f"  reading the five fields alone (floor): {ROWS / floor:12,.0f} rows/s")
    print(f"  ratio (ours / floor):                  {tally / floor:12.1f}x the time")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ledger.csv"
        text = io.StringIO(newline="")
        writer = csv.DictWriter(text, FIELDS)
        writer.writeheader()
        writer.writerows(rows)
        path.write_bytes(text.getvalue().encode("gb18030"))
        ours = _best(lambda: read_ledger(path))
        base = _best(
            lambda: list(csv.reader(io.StringIO(path.read_bytes().decode("gb18030"), newline="")))
        )
        print(f"read_ledger CSV (GB18030), {ROWS:,} rows: {ours:8.3f} s")
        print(f"  csv.reader on the decoded text:        {base:8.3f} s   ratio {ours / base:.2f}x")

        import openpyxl
        from python_calamine import CalamineWorkbook

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("台账")
        sheet.append(FIELDS)
        for row in rows:
            sheet.append([row[f] for f in FIELDS])
        xlsx = Path(folder) / "ledger.xlsx"
        book.save(xlsx)
        ours = _best(lambda: read_ledger(xlsx), runs=2)
        calamine = _best(
            lambda: list(CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).iter_rows()),
            runs=2,
        )

        def openpyxl_read_only() -> None:
            wb = openpyxl.load_workbook(xlsx, read_only=True)
            list(wb.worksheets[0].iter_rows(values_only=True))
            wb.close()

        slow = _best(openpyxl_read_only, runs=1)
        print(f"read_ledger XLSX, {ROWS:,} rows:         {ours:8.3f} s")
        print(
            f"  python-calamine alone:                 {calamine:8.3f} s   ratio {ours / calamine:.2f}x"
        )
        print(
            f"  openpyxl read-only alone:              {slow:8.3f} s   ({slow / calamine:.1f}x calamine)"
        )
        total = ours + tally * 1.0
        print(f"XLSX ledger read and tallied:           {ROWS / total:12,.0f} rows/s")


if __name__ == "__main__":
    main()

"""Glued page text: the share of table rows recovered uniquely,, and the reading speed.

Generated reports (the library's hypothesis strategy, 150 drawn with a fixed seed, both formats)
are written as portal page text with every table row's cells glued together
(``govinfo_report.testing.glued``) and parsed back. Printed: the share of rows of table 三, of
table 四 and of table 二's multi-column rows recovered with a unique split (the rest are reported
as ``text-glued``; a wrong value would stop the run), and parses per second of glued text against
the bundled real text sample (baseline, same run).

Run: ``.venv/bin/python benchmarks/bench_glued.py``
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path

from _timing import per_second
from hypothesis import HealthCheck, given, seed, settings

from govinfo_report.model import AnnualReport
from govinfo_report.parse import parse
from govinfo_report.testing.glued import glued_text
from govinfo_report.testing.strategies import reports

COUNT = 150
ROOT = Path(__file__).resolve().parent.parent


def _draw() -> list[AnnualReport]:
    drawn: list[AnnualReport] = []

    @seed(17)
    @settings(
        max_examples=COUNT, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(reports(narrative=False))
    def collect(report: AnnualReport) -> None:
        drawn.append(report)

    collect()
    return drawn[:COUNT]


def main() -> None:
    """Run the benchmark and print the figures."""
    warnings.simplefilter("ignore")
    drawn = _draw()
    rows = {"requests": [0, 0], "review_litigation": [0, 0], "proactive_disclosure": [0, 0]}
    start = time.perf_counter()
    for report in drawn:
        parsed = parse(glued_text(report).encode(), name="page.txt")
        truth = {cell.id: cell.value for cell in report.cells()}
        for cell_id, cell in parsed.cells.items():
            assert truth[cell_id] == cell.value, cell_id  # never a wrong value
        by_row: dict[str, bool] = {}
        for cell_id in truth:
            table = cell_id.split(".", 1)[0]
            row = cell_id.rsplit(".", 1)[0] if table != "review_litigation" else table
            by_row[row] = by_row.get(row, True) and cell_id in parsed.cells
        for row, ok in by_row.items():
            table = row.split(".", 1)[0]
            if table == "proactive_disclosure" and not row.endswith(
                ("rules", "normative_documents")
            ):
                continue
            rows[table][0] += ok
            rows[table][1] += 1
    glued_rate = len(drawn) / (time.perf_counter() - start)
    sample = (ROOT / "tests" / "samples" / "hongqi-2023.txt").read_bytes()
    plain = per_second(lambda: parse(sample, name="hongqi-2023.txt"))
    for table, (ok, total) in rows.items():
        print(f"{table:22} rows recovered uniquely: {ok:5}/{total:5} = {ok / total:6.1%}")
    print(f"glued page text parsed: {glued_rate:8.1f} reports/s ({len(drawn)} reports)")
    print(
        f"baseline: real text sample {plain:8.1f} reports/s; glued/baseline {glued_rate / plain:5.2f}x"
    )


if __name__ == "__main__":
    main()

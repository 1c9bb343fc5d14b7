"""Benchmark the collection tools: roll-up, the published-total check and compare.

Prints, for the ten 2024 reports of the example county (examples/county/2024):

* loading the ten files (the baseline: what a supervisor's job must do anyway);
* rolling them up with the inputs validated first (the default) and without (check_inputs=False),
  in reports per second and as a ratio of the time to load the same reports;
* checking the published total against its parts, and comparing two years.

Run: ``.venv/bin/python benchmarks/bench_collect.py``
"""

from __future__ import annotations

from pathlib import Path

from _timing import per_second

import govinfo_report as gr
from govinfo_report.collect import check_rollup, compare, rollup

COUNTY = Path(__file__).resolve().parent.parent / "examples" / "county"


def main() -> None:
    """Run the benchmark and print the figures."""
    files = sorted((COUNTY / "2024").glob("*.yaml"))
    parts = [gr.load(f) for f in files]
    published = gr.load(COUNTY / "county-2024.yaml")
    last = gr.load(COUNTY / "county-2023.yaml")
    n = len(parts)

    load = per_second(lambda: [gr.load(f) for f in files], seconds=3)
    checked = per_second(lambda: rollup(parts, agency="示例县人民政府"), seconds=3)
    unchecked = per_second(
        lambda: rollup(parts, agency="示例县人民政府", check_inputs=False), seconds=3
    )
    check = per_second(lambda: check_rollup(published, parts), seconds=3)
    diff = per_second(lambda: compare(last, published), seconds=3)

    print(f"{'baseline: load the ' + str(n) + ' files':44} {load * n:10,.0f} reports/s")
    print(f"{'rollup, inputs validated (default)':44} {checked * n:10,.0f} reports/s")
    print(f"{'rollup, check_inputs=False (the sum alone)':44} {unchecked * n:10,.0f} reports/s")
    print(f"{'check_rollup (published total vs parts)':44} {check * n:10,.0f} reports/s")
    print(f"{'compare (two years, with cross-year rules)':44} {diff:10,.0f} pairs/s")
    print(f"sum alone / loading the same reports:        {load / unchecked:10.2f}x the time")
    print(f"validated roll-up / loading the same reports: {load / checked:9.2f}x the time")


if __name__ == "__main__":
    main()

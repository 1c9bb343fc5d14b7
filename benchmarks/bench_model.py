"""Benchmark the core: structure-from-dict with every invariant checked, and dumps/loads.

Prints reports per second on one core for the larger example (示例市 2024, thousands of requests),
and ratios against baselines measured in the same run:

* ``json.loads`` of the same document alone (the floor: parsing without building anything);
* cattrs' detailed-validation converter (what a straightforward cattrs setup does on every call;
  the library uses a fast converter first and the detailed one only to explain a failure).

Run: ``.venv/bin/python benchmarks/bench_model.py``
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from _timing import per_second

import govinfo_report as gr
from govinfo_report.codec._base import make_converter

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "city-2024.yaml"


def main() -> None:
    """Run the benchmark and print the figures."""
    report = gr.load(EXAMPLE)
    data = gr.unstructure(report)
    body = {k: v for k, v in data.items() if k != "schema_version"}
    text = {fmt: gr.dumps(report, fmt) for fmt in ("json", "yaml", "toml")}
    detailed = make_converter(detailed=True)

    structure = per_second(lambda: gr.structure(data))
    baseline = per_second(lambda: detailed.structure(body, gr.AnnualReport))
    print(f"structure + checks (dict → AnnualReport): {structure:10,.0f} reports/s")
    print(f"  cattrs detailed validation baseline:      {baseline:10,.0f} reports/s")
    print(f"  ratio (ours / baseline):                  {structure / baseline:10.2f}x")
    floor = per_second(lambda: json.loads(text["json"], parse_float=Decimal))
    for fmt in ("json", "yaml", "toml"):
        loads = per_second(lambda fmt=fmt: gr.loads(text[fmt], fmt))  # type: ignore[misc]
        dumps = per_second(lambda fmt=fmt: gr.dumps(report, fmt))  # type: ignore[misc]
        print(f"{fmt:5} loads: {loads:10,.0f} reports/s   dumps: {dumps:10,.0f} reports/s")
    print(f"json.loads alone (floor):                  {floor:10,.0f} documents/s")
    values = per_second(report.values)
    print(f"report.values() (200 cells):              {values:10,.0f} reports/s")


if __name__ == "__main__":
    main()

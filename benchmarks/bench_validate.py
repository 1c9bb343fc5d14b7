"""Benchmark the validator: reports per second on one core.

Prints, for the larger example (示例市 2024, thousands of requests):

* table rules on the strict model (identities, cells, table 二), the target being 10,000+/s;
* every rule on the strict model, on a draft, on a draft with a typo (pinpointing), and with
  last year's report (cross-year rules);
* baselines measured in the same run: the core's evaluator alone over ``report.values()``
  (``identities.check``), and the naive path ``Draft.from_report(report).check()``.

Run: ``.venv/bin/python benchmarks/bench_validate.py``
"""

from __future__ import annotations

from pathlib import Path

import attrs
from _timing import per_second

import govinfo_report as gr
from govinfo_report.draft import Draft, DraftCell
from govinfo_report.identities import check
from govinfo_report.validate import validate

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "city-2024.yaml"
TABLE_RULES = ("identity", "cell", "table", "table2")


def main() -> None:
    """Run the benchmark and print the figures."""
    report = gr.load(EXAMPLE)
    draft = Draft.from_report(report)
    cells = dict(draft.cells)
    cells["requests.granted.natural_person"] = DraftCell.of(1170)
    typo = attrs.evolve(draft, cells=cells)
    last = attrs.evolve(draft, metadata=attrs.evolve(draft.metadata, year=2023))
    assert validate(report).valid
    assert validate(typo).errors[0].suggestion is not None

    rows = [
        (
            "table rules, model",
            per_second(lambda: validate(report, select=TABLE_RULES)),
        ),
        ("all rules, model", per_second(lambda: validate(report))),
        ("all rules, draft", per_second(lambda: validate(draft))),
        ("all rules, draft with a typo (pinpoint)", per_second(lambda: validate(typo))),
        ("all rules + cross-year, model", per_second(lambda: validate(report, previous=last))),
    ]
    version = report.format_version
    evaluator = per_second(lambda: check(version, report.values()))
    naive = per_second(lambda: Draft.from_report(report).check())
    for name, value in rows:
        print(f"{name:42} {value:10,.0f} reports/s")
    print(f"{'baseline: identities.check(values()) alone':42} {evaluator:10,.0f} reports/s")
    print(f"{'baseline: Draft.from_report().check()':42} {naive:10,.0f} reports/s")
    table = rows[0][1]
    print(f"table rules vs core evaluator alone:       {table / evaluator:10.2f}x")
    print(f"all rules (model) vs naive draft check:    {rows[1][1] / naive:10.2f}x")
    target = "met" if table >= 10_000 else "NOT met"
    print(f"target 10,000 reports/s for table rules on models: {target}")


if __name__ == "__main__":
    main()

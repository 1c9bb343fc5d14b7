"""Benchmark error localisation: reports per second with one to five wrong cells.

For the larger example (示例市 2024), 40 drafts per k = 1…5 are made by changing k random cells
of tables 三 and 四 (seeded, so every run measures the same drafts). Printed per k: drafts per
second through the exact search (the default path), the share localised uniquely, and the same
drafts through the MILP (SciPy ``milp``, forced by passing weights) for k ≤ 3. Baseline measured
in the same run: ``validate`` on the unchanged draft (no identity fails, no localisation).

Run: ``.venv/bin/python benchmarks/bench_localize.py``
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from _timing import per_second

import govinfo_report as gr
from govinfo_report.draft import Draft
from govinfo_report.identities import identities
from govinfo_report.validate import localize, validate

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "city-2024.yaml"
DRAFTS = 40


def _cases(report: gr.AnnualReport, k: int, rng: random.Random) -> list[dict[str, object]]:
    values = dict(report.values())
    cells = sorted({c for i in identities(report.format_version) for c in i.cells})
    cases = []
    for _ in range(DRAFTS):
        changed = dict(values)
        for cell in rng.sample(cells, k):
            original = changed[cell]
            assert isinstance(original, int)
            changed[cell] = rng.choice([v for v in range(original + 20) if v != original])
        cases.append(changed)
    return cases


def _rate(cases: list[dict[str, object]], version: gr.FormatVersion, **kw: object) -> float:
    start = time.perf_counter()
    for values in cases:
        localize(version, values, **kw)  # type: ignore[arg-type]
    return len(cases) / (time.perf_counter() - start)


def main() -> None:
    """Run the benchmark and print the figures."""
    report = gr.load(EXAMPLE)
    version = report.format_version
    draft = Draft.from_report(report)
    rng = random.Random(17)
    baseline = per_second(lambda: validate(draft))
    print(f"{'baseline: validate, no identity fails':44} {baseline:10,.0f} reports/s")
    for k in range(1, 6):
        cases = _cases(report, k, rng)
        found = [localize(version, values) for values in cases]  # type: ignore[arg-type]
        unique = sum(1 for f in found if f is not None and f.unique) / len(cases)
        fast = _rate(cases, version)
        line = f"k={k}: exact search {fast:8,.1f} reports/s, unique {unique:4.0%}"
        if k <= 3:
            slow = _rate(cases[:10], version, weights={})
            line += f"; MILP {slow:6,.1f} reports/s ({fast / slow:5.1f}x)"
        print(line + f"; vs baseline {baseline / fast:7.1f}x slower")


if __name__ == "__main__":
    main()

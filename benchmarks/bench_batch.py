"""Isolation overhead: parsing files in batch workers (per-file limits) against a plain loop.

The same files are parsed in this process one after the other, then through
:func:`govinfo_report.batch.run_batch` with one worker (the cost of isolation: a process start,
and sending each path and result through a pipe) and with two. Ratios are printed against the
plain loop measured in the same run. Run: ``python benchmarks/bench_batch.py [--files 60]``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from govinfo_report.batch import run_batch
from govinfo_report.parse import parse

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "samples"


def _parse(path: str) -> int:
    return len(parse(path).cells)


def main() -> None:
    """Print files per second for the plain loop and the batch runner."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=60, help="files per run")
    args = parser.parse_args()
    kinds = {"text": SAMPLES / "hongqi-2023.txt", "pdf": SAMPLES / "huaian-2024.pdf"}
    print(
        f"{'kind':<6} {'files':>6} {'loop/s':>8} {'1 worker/s':>11} {'overhead':>9} {'2 workers/s':>12}"
    )
    for kind, path in kinds.items():
        files = [str(path)] * args.files
        _parse(files[0])
        start = time.perf_counter()
        for name in files:
            _parse(name)
        loop = len(files) / (time.perf_counter() - start)
        rates = []
        for workers in (1, 2):
            start = time.perf_counter()
            assert all(o.ok for o in run_batch(_parse, files, workers=workers))
            rates.append(len(files) / (time.perf_counter() - start))
        overhead = loop / rates[0] - 1
        print(
            f"{kind:<6} {len(files):>6} {loop:>8.1f} {rates[0]:>11.1f} "
            f"{overhead:>8.1%} {rates[1]:>12.1f}"
        )


if __name__ == "__main__":
    main()

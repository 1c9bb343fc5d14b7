"""Timing shared by the benchmark scripts: calls per second, best of three runs."""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["per_second"]


def per_second(func: Callable[[], object], seconds: float = 1.0) -> float:
    """Calls per second of ``func``: the best of three runs of about ``seconds / 3`` each.

    The best run is the least disturbed by other work on the machine, so ratios between two
    functions measured this way in the same process are stable.
    """
    best = 0.0
    for _ in range(3):
        count, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds / 3:
            func()
            count += 1
        best = max(best, count / elapsed)
    return best

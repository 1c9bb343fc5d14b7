"""The hostile-input suite: every class of input that once hung, blew up or crashed, run through
the command line in a child process with 2 GiB of address space and 20 s, must end cleanly:
exit 1, one error naming the limit, nothing written, no temporary file left.

The children run two at a time (each within its own limits); each case is still its own test.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from govinfo_report.testing.hostile import CASES, Outcome, check_outcome, run_case


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            name: pool.submit(run_case, case, memory=2048 * 1024 * 1024, timeout=20)
            for name, case in CASES.items()
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_ends_cleanly(name: str, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[name]
    assert check_outcome(CASES[name], outcome) == [], outcome

"""The hostile-input suite: every class of input that once hung, blew up or crashed, run through
the command line in a child process with 2 GiB of address space and 20 s, must end cleanly:
exit 1, one error naming the limit, nothing written, no temporary file left."""

from __future__ import annotations

import pytest

from govinfo_report.testing.hostile import CASES, check_outcome, run_case


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_ends_cleanly(name: str) -> None:
    case = CASES[name]
    outcome = run_case(case, memory=2048 * 1024 * 1024, timeout=20)
    assert check_outcome(case, outcome) == [], outcome

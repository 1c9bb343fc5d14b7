"""Run a snippet of Python in a child process with an address-space limit and a timeout.

Hostile inputs are read there, so that a regression (a hang, a memory blow-up, a crash inside a
C library) fails one test with its reason instead of taking the test session down.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from govinfo_report.io import run_child

__all__ = ["MEMORY", "run_limited"]

MEMORY = 2 * 1024**3
"""Address space of the child: 2 GiB."""


def _limit() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_limited(
    code: str, *args: str | Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` (with ``sys.argv[1:] = args``) under the limits; raise on timeout.

    The child runs through the library's own ``io.run_child``, so a hang kills its whole
    process group.
    """
    command = [sys.executable, "-c", code, *map(str, args)]
    run = run_child(command, timeout=timeout, before_exec=_limit)
    if run.code is None:
        raise subprocess.TimeoutExpired(command, timeout, run.output, run.errors)
    return subprocess.CompletedProcess(
        command, run.code, run.output.decode(errors="replace"), run.errors.decode(errors="replace")
    )

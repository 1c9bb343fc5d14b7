"""``io.run_child``: the one child-process runner of the PDF conversion and the hostile suite."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from govinfo_report.io import run_child


def test_output_errors_and_exit_status_are_kept(tmp_path: Path) -> None:
    code = "import os, sys; print(os.getcwd()); print('e', file=sys.stderr); sys.exit(3)"
    run = run_child([sys.executable, "-c", code], timeout=60, cwd=tmp_path)
    assert run.code == 3
    assert run.output.decode().strip() == str(tmp_path.resolve())
    assert run.errors == b"e\n"
    merged = run_child([sys.executable, "-c", code], timeout=60, merge_errors=True)
    assert sorted(merged.output.split()) == sorted([os.getcwd().encode(), b"e"])
    assert merged.errors == b""


def test_no_input_and_the_environment_given() -> None:
    code = "import os, sys; print(repr(sys.stdin.read()), os.environ['GOVINFO_X'])"
    env = {**os.environ, "GOVINFO_X": "甲"}
    run = run_child([sys.executable, "-c", code], timeout=60, env=env)
    assert run.output.decode().split() == ["''", "甲"]


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, killed but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_past_the_time_limit_the_whole_group_is_killed(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    code = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'],\n"
        "                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(60)\n"
    )
    run = run_child([sys.executable, "-c", code], timeout=3)
    assert run.code is None
    grandchild = int(pid_file.read_text())
    for _ in range(200):  # SIGKILL is delivered at once; the state may take a moment to show
        if not _alive(grandchild):
            break
        time.sleep(0.05)
    assert not _alive(grandchild)


def test_a_hook_runs_in_the_child_before_the_program() -> None:
    def limit() -> None:
        os.environ["GOVINFO_HOOK"] = "ran"

    run = run_child(
        [sys.executable, "-c", "import os; print(os.environ.get('GOVINFO_HOOK'))"],
        timeout=60,
        before_exec=limit,
    )
    assert run.output.strip() == b"ran"

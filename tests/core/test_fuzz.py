"""A short fuzzing budget in the suite, and every saved crasher replayed.

The harness is fuzz/harness.py (``make fuzz`` runs it longer). With atheris installed, it runs
coverage-guided for a few seconds in a child process; the crashers it ever found are kept in
tests/corpus/crashers/ and must now end with a result or the library's own error.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
CRASHERS = ROOT / "tests" / "corpus" / "crashers"
_ARTIFACTS = ("crash-", "oom-", "timeout-")


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_harness", ROOT / "fuzz" / "harness.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HARNESS = _harness()


def test_saved_crashers_end_cleanly() -> None:
    # Each file once crashed a harness; replayed, it must end with a result or our own error.
    # (The other files here are the parsers' own regression inputs, see README.md.)
    found = sorted(p for p in CRASHERS.iterdir() if p.name.startswith(_ARTIFACTS))
    for path in found:
        HARNESS.one_input(path.read_bytes())
    assert (CRASHERS / "README.md").is_file()


def test_short_fuzzing_budget(tmp_path: Path) -> None:
    if importlib.util.find_spec("atheris") is None:
        _hypothesis_budget()
        return
    corpus = tmp_path / "corpus"
    subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "harness.py"), "--seed", str(corpus)], check=True
    )
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / "harness.py"),
            "-max_total_time=4",
            "-rss_limit_mb=2048",
            "-timeout=10",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    crashes = [p.name for p in tmp_path.iterdir() if p.name.startswith(_ARTIFACTS)]
    assert run.returncode == 0, (crashes, run.stderr[-2000:])
    assert crashes == []


def _hypothesis_budget() -> None:
    """Without atheris (no wheel for this Python): random inputs through the same harness."""

    @settings(max_examples=200, deadline=None)
    @given(st.binary(max_size=4000))
    def run(data: bytes) -> None:
        HARNESS.one_input(data)

    run()


@given(st.sampled_from(range(len(HARNESS.TARGETS))), st.binary(max_size=500))
@settings(max_examples=60, deadline=None)
def test_every_target_ends_with_a_result_or_the_librarys_error(target: int, data: bytes) -> None:
    HARNESS.one_input(bytes([target]) + data)

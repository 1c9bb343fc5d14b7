"""The batch runner: a file that crashes, hangs or explodes is one failed row; Ctrl-C stops all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govinfo_report.batch import run_batch
from govinfo_report.limits import Limits

ROOT = Path(__file__).resolve().parents[2]


def _hostile(item: str) -> str:
    if item == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)  # what pdfminer did on a 128 MiB stream
    if item == "hang":
        time.sleep(60)
    if item == "explode":
        blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB
        return str(len(blocks))
    if item == "error":
        raise ValueError("bad")
    return item.upper()


def test_one_bad_file_is_one_failed_row_and_the_batch_goes_on() -> None:
    items = ["a", "crash", "b", "hang", "explode", "error", "c"]
    limits = Limits(seconds_per_file=2, memory_per_file_bytes=1024 * 1024 * 1024)
    start = time.monotonic()
    outcomes = {o.index: o for o in run_batch(_hostile, items, workers=2, limits=limits)}
    assert time.monotonic() - start < 30
    assert sorted(outcomes) == list(range(len(items)))
    assert [outcomes[i].value for i in (0, 2, 6)] == ["A", "B", "C"]
    assert "SIGSEGV" in (outcomes[1].error or "")
    assert "time limit" in (outcomes[3].error or "")
    assert "memory" in (outcomes[4].error or "")
    assert "ValueError: bad" in (outcomes[5].error or "")


def test_workers_are_reused_across_files() -> None:
    pids = {o.value for o in run_batch(_pid, list(range(20)), workers=2)}
    assert len(pids) == 2


def _pid(_: int) -> int:
    return os.getpid()


def _reports(folder: Path, count: int) -> list[str]:
    text = (ROOT / "examples" / "city-2024.yaml").read_text(encoding="utf-8")
    for n in range(count):
        (folder / f"r{n:03d}.yaml").write_text(text, encoding="utf-8")
    return [str(folder)]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_render_batch_stops_every_worker_at_once(
    tmp_path: Path, signum: int
) -> None:
    # Defect 11.8: Ctrl-C rendered 850 more files; SIGTERM left workers and a .tmp behind.
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    out.mkdir()
    command = [sys.executable, "-m", "govinfo_report", "render", *_reports(source, 300)]
    process = subprocess.Popen(
        [*command, "--output-dir", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list(out.glob("*.docx")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signum)
    sent = time.monotonic()
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - sent < 5
    assert process.returncode == 130, err
    assert "interrupted" in err
    written = len(list(out.glob("*.docx")))
    assert written < 300
    time.sleep(1.5)
    assert len(list(out.glob("*.docx"))) == written  # no worker goes on in the background
    assert not list(out.glob(".*.tmp"))


def test_a_folder_that_cannot_be_written_is_said_before_rendering(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    command = [sys.executable, "-m", "govinfo_report", "render", *_reports(source, 3)]
    done = subprocess.run(
        [*command, "--output-dir", str(blocker)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2  # a usage error, as for every missing output folder
    assert done.stderr.count("错误") == 1
    assert "output folder" in done.stderr


def test_multi_file_parse_survives_a_file_that_crashes_its_worker(tmp_path: Path) -> None:
    # Defect 11.9: one file's crash ended a multi-file parse; now it is one failed row.
    sys.path.insert(0, str(ROOT / "tests" / "parse"))
    from test_pdf_reader import pdf_with_content

    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_with_content(b"0 0 m 1 1 l S\n" * 700_000))
    good = ROOT / "tests" / "samples" / "hongqi-2023.txt"
    done = subprocess.run(
        [sys.executable, "-m", "govinfo_report", "parse", "--format", "json", str(bomb), str(good)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert 'bomb.pdf"' in done.stdout  # named by the path given
    assert "max_pdf_content_bytes" in done.stdout
    assert 'hongqi-2023.txt"' in done.stdout

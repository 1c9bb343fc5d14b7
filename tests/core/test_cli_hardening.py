"""The command line on hostile files and names: pipes, devices, oversized files, names that are
not UTF-8, terminal escapes; and one exit code per outcome across commands (issue 11)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from govinfo_report.cli import main
from govinfo_report.limits import Limits, default_limits, set_default_limits

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "samples" / "hongqi-2023.txt"
EXAMPLE = ROOT / "examples" / "hongqi-2023.yaml"


@pytest.mark.parametrize("command", ["parse", "validate"])
def test_a_pipe_is_refused_at_once(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)  # reading it used to block forever; validate called it "no such file"
    assert main([command, str(pipe)]) == 1
    err = capsys.readouterr().err
    assert "not a regular file" in err
    assert "no such file" not in err


def test_a_device_is_refused_not_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "/dev/zero"]) == 1  # was "internal error: MemoryError"
    assert "not a regular file" in capsys.readouterr().err


def test_the_size_limit_is_checked_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as stream:
        stream.truncate(101)
    previous = default_limits()
    set_default_limits(Limits(max_file_bytes=100))
    try:
        assert main(["parse", str(big)]) == 1
        assert main(["validate", str(big)]) == 1
    finally:
        set_default_limits(previous)
    err = capsys.readouterr().err
    assert err.count("over the limit max_file_bytes") == 2
    assert "internal error" not in err


def test_names_that_are_not_utf8_are_written_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(b"\xb1\xa8\xb8\xe6-2023.txt")  # 报告 in GBK, from a Windows zip
    source = tmp_path / name
    shutil.copy(SAMPLE, source)
    out = tmp_path / "out.json"
    assert main(["parse", str(source), "-o", str(out)]) in (0, 1)
    document = json.loads(out.read_bytes().decode("utf-8"))  # valid UTF-8, was not written
    # Named by the path given, the bytes that are not UTF-8 escaped.
    assert document["reports"][0]["file"].endswith("/\\xb1\\xa8\\xb8\\xe6-2023.txt")
    capsys.readouterr()
    assert main(["parse", str(source), "--format", "json"]) in (0, 1)
    json.loads(capsys.readouterr().out.encode("utf-8"))
    report = tmp_path / "report.json"
    assert main(["validate", str(source), "--format", "json", "-o", str(report)]) in (0, 1)
    assert "\\xb1\\xa8" in json.loads(report.read_text(encoding="utf-8"))["files"][0]["file"]
    assert "internal error" not in capsys.readouterr().err


def test_control_and_bidi_characters_are_escaped_on_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a\x1b[2Jb\u202etxt.txt"
    source.write_bytes(b"\x1b]0;title\x07 hello")
    assert main(["parse", str(source)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\u202e" not in err
    assert "\\u001b[2Jb\\u202etxt.txt" in err


_MISSING_FOLDER = [
    ["parse", str(SAMPLE), "-o", "{missing}/out.json"],
    ["validate", str(EXAMPLE), "-o", "{missing}/out.txt"],
    ["convert", str(EXAMPLE), "-o", "{missing}/out.json"],
    ["render", str(EXAMPLE), "-o", "{missing}/out.docx"],
    ["render", str(EXAMPLE), "--output-dir", "{missing}"],
    ["schema", "-o", "{missing}/schema.json"],
]
_MISSING_SOURCE = [
    ["parse", "{missing}/in.txt"],
    ["validate", "{missing}/in.yaml"],
    ["convert", "{missing}/in.yaml", "-o", "{out}/out.json"],
    ["render", "{missing}/in.yaml", "-o", "{out}/out.docx"],
    ["render", "{missing}/in.yaml", "--output-dir", "{out}"],
]


@pytest.mark.parametrize(
    ("argv", "code"), [(a, 2) for a in _MISSING_FOLDER] + [(a, 1) for a in _MISSING_SOURCE]
)
def test_one_exit_code_per_outcome(
    argv: list[str], code: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing output folder is a usage error (2); a missing source a failed file (1)."""
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(missing=tmp_path / "missing", out=out) for a in argv]
    assert main(args) == code
    err = capsys.readouterr().err
    assert ("output folder does not exist" if code == 2 else "no such file") in err.lower()
    assert list(out.iterdir()) == []

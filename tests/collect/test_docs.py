"""The supervisor docs run as written, and the example script does the whole job."""

from __future__ import annotations

import importlib.util
import re
import shlex
import shutil
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import main

from .conftest import ROOT

_BLOCK = re.compile(r"```(sh|python)\n(.*?)```", re.S)


def _blocks(path: Path, kind: str) -> list[str]:
    return [body for k, body in _BLOCK.findall(path.read_text(encoding="utf-8")) if k == kind]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("page", ["docs/supervisors.md", "README.md"])
def test_the_shell_commands_run_as_written(page: str, workdir: Path) -> None:
    commands = [
        line
        for block in _blocks(ROOT / page, "sh")
        for line in block.splitlines()
        if line.startswith("govinfo-report ") and any(w in line for w in ("county", "total-"))
    ]
    assert commands
    for command in commands:
        assert main(shlex.split(command)[1:]) == 0, command
    assert (workdir / "total-2024.yaml").is_file()


def test_the_python_example_runs(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for block in _blocks(ROOT / "docs" / "supervisors.md", "python"):
        exec(compile(block, "supervisors.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "('示例县卫生健康委员会',)"
    assert out[-1] == "True"


def test_the_supervisor_script_does_the_whole_job(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = importlib.util.spec_from_file_location("supervisor", ROOT / "examples" / "supervisor.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures = module.run(tmp_path)
    assert figures["invalid"] == ["incoming/health.yaml"]
    assert figures["missing"] == ("示例县卫生健康委员会",)
    assert figures["verdict"] == "uncertain"
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {
        "summary.html",
        "county-total-2024.yaml",
        "provenance.csv",
        "narrative.txt",
        "county-2025-form.yaml",
    }
    total = gr.load(tmp_path / "county-total-2024.yaml")
    assert total.requests.new_requests.total == figures["new_requests"]
    assert "1. 11 份报告" in capsys.readouterr().out


def test_convert_writes_yaml_with_labels(tmp_path: Path, city: gr.AnnualReport) -> None:
    out = tmp_path / "r.yaml"
    assert main(["convert", "examples/city-2024.yaml", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "  carried_forward:  # 四、结转下年度继续办理" in text
    assert gr.load(out) == city
    assert gr.dumps(gr.load(out), "yaml", labels=True) == text

"""Generated docs are current; the convert and schema commands behave."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import main

ROOT = Path(__file__).parents[2]


def test_generated_pages_are_up_to_date() -> None:
    module = runpy.run_path(str(ROOT / "scripts" / "gen_docs.py"))
    assert module["main"](["--check"]) == 0, "run `make schema` to regenerate docs/"
    page = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert page == module["glossary"]()
    assert "| 　1.属于国家秘密 | `withheld.state_secret` | State secret |" in page


def test_convert_yaml_to_json(tmp_path: Path, hongqi_path: Path) -> None:
    out = tmp_path / "r.json"
    assert main(["convert", str(hongqi_path), "-o", str(out)]) == 0
    assert gr.load(out) == gr.load(hongqi_path)


def test_convert_reports_problems_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"metadata": {"agency": "某局"}}), encoding="utf-8")
    assert main(["convert", str(bad), "--to", "yaml"]) == 1
    err = capsys.readouterr().err
    assert "$.metadata.year" in err
    assert "Traceback" not in err


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["oneOf"]


def test_usage_error_exits_2() -> None:
    assert main(["convert"]) == 2


def test_an_unexpected_error_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import govinfo_report.cli.schema as schema_command

    def broken(_: object) -> int:
        raise ZeroDivisionError("boom")

    real_register = schema_command.register

    def register(subparsers: object) -> None:
        real_register(subparsers)  # type: ignore[arg-type]
        subparsers.choices["schema"].set_defaults(handler=broken)  # type: ignore[attr-defined]

    monkeypatch.setattr(schema_command, "register", register)
    monkeypatch.delenv("GOVINFO_REPORT_TRACEBACK", raising=False)
    assert main(["schema"]) == 1
    err = capsys.readouterr().err
    assert "internal error" in err
    assert "ZeroDivisionError: boom" in err
    assert "Traceback" not in err
    monkeypatch.setenv("GOVINFO_REPORT_TRACEBACK", "1")
    with pytest.raises(ZeroDivisionError):
        main(["schema"])


def test_example_script_builds_the_committed_examples(capsys: pytest.CaptureFixture[str]) -> None:
    script = runpy.run_path(str(ROOT / "examples" / "build_report.py"))
    for version, name in (("2021", "city-2024.yaml"), ("2019", "city-2020.yaml")):
        assert script["main"](["--format-version", version, "--to", "yaml"]) == 0
        assert capsys.readouterr().out == (ROOT / "examples" / name).read_text(encoding="utf-8")
    assert script["main"]([]) == 0
    report = gr.loads(capsys.readouterr().out, "json")
    assert report.requests.new_requests.total == 3119


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            PermissionError(13, "Permission denied", "out.docx"),
            "没有权限 / permission denied: out.docx",
        ),
        (
            OSError(28, "No space left on device", "out.docx"),
            "文件操作失败 / No space left on device: out.docx",
        ),
        (OSError("disk gone"), "文件操作失败 / disk gone"),
        (
            FileNotFoundError(2, "输出目录不存在 / output folder does not exist", "x/r.json"),
            "输出目录不存在 / output folder does not exist: x/r.json",
        ),
    ],
)
def test_os_errors_are_told_in_both_languages(error: OSError, expected: str) -> None:
    from govinfo_report.cli._common import describe_os_error

    assert describe_os_error(error) == expected


def test_convert_to_an_unwritable_target_names_it(
    tmp_path: Path, hongqi_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "taken.json"
    target.mkdir()
    assert main(["convert", str(hongqi_path), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert str(target) in err
    assert ".tmp" not in err


def test_a_file_that_cannot_be_read_is_named_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [\n", encoding="utf-8")
    assert main(["convert", str(bad)]) == 1
    assert capsys.readouterr().err.count(str(bad)) == 1

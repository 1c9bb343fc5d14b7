"""The helpers every sub-command shares (``cli/_common``): one definition of the output option,
one way to say a usage error, to write an output, to name a file once, to run files in order."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, build_parser, main
from govinfo_report.cli._common import (
    add_command,
    add_output,
    fail,
    in_order,
    missing_output_folder,
    unknown_output_type,
    usage_error,
    write_text,
)
from govinfo_report.errors import RenderError


def test_every_command_is_registered_with_its_handler() -> None:
    parser = build_parser()
    for argv in (
        ["render", "a.yaml", "-o", "a.docx"],
        ["parse", "a.pdf"],
        ["validate", "a.yaml"],
        ["convert", "a.yaml"],
        ["schema"],
        ["compare", "a.yaml", "b.yaml"],
        ["narrate", "a.yaml"],
        ["rollup", "a.yaml"],
        ["new", "-o", "x.yaml"],
        ["tally", "--year", "2024", "--agency", "a", "--requests", "r.csv", "-o", "x.yaml"],
        ["dataset", "in", "-o", "out"],
    ):
        args = parser.parse_args(argv)
        assert args.command == argv[0]
        assert args.handler.__module__ == f"govinfo_report.cli.{argv[0]}"


def test_output_option_as_text_or_as_a_path_and_required() -> None:
    parser = argparse.ArgumentParser()
    add_output(parser, "where", required=True, path=True)
    assert parser.parse_args(["--output", "x/y.json"]).output == Path("x/y.json")
    with pytest.raises(SystemExit):
        parser.parse_args([])
    sub = argparse.ArgumentParser().add_subparsers()
    command = add_command(sub, "go", lambda args: 7, help="go")
    add_output(command, "where")
    assert command.parse_args([]).output is None
    assert command.parse_args(["-o", "a"]).handler(None) == 7


def test_usage_errors_say_error_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert usage_error("bad \x1b[31m option") == EXIT_USAGE
    assert capsys.readouterr().err == "错误 / error: bad \\u001b[31m option\n"  # escaped


def test_unknown_output_type_and_missing_folder() -> None:
    assert unknown_output_type("a.YAML", (".yaml",)) is None
    message = unknown_output_type("a.doc", {".yaml": "yaml", ".json": "json"})
    assert message is not None
    assert "'.doc' (known: .yaml, .json): a.doc" in message
    assert missing_output_folder(None) is None
    assert missing_output_folder("out.json") is None  # the current folder
    assert missing_output_folder("no/such/out.json") == (
        "输出目录不存在 / output folder does not exist: no/such"
    )


def test_write_text_writes_or_says_why_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert write_text(tmp_path / "out.txt", "一\n") == EXIT_OK
    assert (tmp_path / "out.txt").read_bytes() == "一\n".encode()
    assert write_text(tmp_path / "missing" / "out.txt", "x") == EXIT_FINDINGS
    err = capsys.readouterr().err
    assert err.startswith("错误 / error: ")
    assert "output folder does not exist" in err
    assert not (tmp_path / "missing").exists()


def test_fail_names_the_file_once(capsys: pytest.CaptureFixture[str]) -> None:
    fail(RenderError("cannot render a.yaml"), "a.yaml")
    fail(RenderError("broken"), "b.yaml")
    fail(FileNotFoundError(2, "No such file or directory", "c.yaml"), "c.yaml")
    assert capsys.readouterr().err.splitlines() == [
        "错误 / error: cannot render a.yaml",
        "错误 / error: b.yaml: broken",
        "错误 / error: 文件不存在 / no such file: c.yaml",
    ]


def _square_or_fail(n: int) -> int:
    if n == 3:
        os._exit(9)  # a worker that dies is one error, not the end
    return n * n


def test_in_order_keeps_the_order_given_and_reports_each_failure() -> None:
    assert list(in_order(_square_or_fail, [5], "test")) == [(5, 25, None)]
    results = list(in_order(_square_or_fail, [4, 3, 2, 1], "test"))
    assert [(job, value) for job, value, _ in results] == [(4, 16), (3, None), (2, 4), (1, 1)]
    assert [error is None for _, _, error in results] == [True, False, True, True]


def test_validate_previous_that_cannot_be_read_is_named_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["validate", "examples/hongqi-2023.yaml", "--previous", "no-such.yaml"])
    assert code == EXIT_FINDINGS
    err = capsys.readouterr().err
    assert err.count("no-such.yaml") == 1
    assert "no such file" in err

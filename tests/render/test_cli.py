"""``govinfo-report render``: one report, batches, exit codes, messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.render import render, render_files

from .conftest import EXAMPLES


def test_one_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], hongqi: gr.AnnualReport
) -> None:
    out = tmp_path / "hongqi.docx"
    assert main(["render", str(EXAMPLES / "hongqi-2023.yaml"), "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert out.read_bytes() == render(hongqi)


def test_one_report_with_template(tmp_path: Path) -> None:
    from .test_custom_template import make_template

    template = make_template(tmp_path / "t.docx", ["{{ title }}"])
    out = tmp_path / "r.docx"
    args = ["render", str(EXAMPLES / "city-2024.yaml"), "-o", str(out), "--template", str(template)]
    assert main(args) == 0
    assert out.exists()


def test_batch_with_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("hongqi-2023.yaml", "city-2024.yaml", "city-2020.yaml"):
        shutil.copy(EXAMPLES / name, reports / name)
    (reports / "broken.json").write_text('{"metadata": {}}', encoding="utf-8")
    (reports / "notes.txt").write_text("not a report", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    code = main(["render", str(reports), "--output-dir", str(out), "--jobs", "2"])
    captured = capsys.readouterr()
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "city-2020.docx",
        "city-2024.docx",
        "hongqi-2023.docx",
    ]
    assert "broken.json" in captured.err
    assert "3 份已生成 / rendered, 1 份失败 / failed" in captured.err
    assert "Traceback" not in captured.err


def test_batch_all_good(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    files = [str(EXAMPLES / "hongqi-2023.yaml"), str(EXAMPLES / "city-2020.yaml")]
    assert main(["render", *files, "--output-dir", str(out), "--jobs", "1"]) == 0
    assert "2 份已生成 / rendered, 0 份失败 / failed" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["render", "a.yaml"],  # neither -o nor --output-dir
        ["render", "a.yaml", "b.yaml", "-o", "x.docx"],
        ["render", "a.yaml", "--output-dir", "nofolder"],  # exit 2 like parse/schema -o
        ["render", "a.yaml", "-o", "nofolder/x.docx"],
        ["render", "-o", "x.docx"],
        ["render", "a.yaml", "-o", "x.docx", "--output-dir", "."],
        ["render", "a.yaml", "-o", "x.odt"],  # the renderer writes Word, HTML and PDF only
        ["convert", "a.yaml", "-o", "x.csv"],
        ["convert", ".", "-o", "x.json"],
    ],
)
def test_usage_errors_exit_2(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("", encoding="utf-8")
    assert main(args) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


def test_output_into_an_existing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(EXAMPLES / "hongqi-2023.yaml"), "-o", str(tmp_path)]) == 0
    assert (tmp_path / "hongqi-2023.docx").is_file()
    assert str(tmp_path / "hongqi-2023.docx") in capsys.readouterr().out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: (d / "bad.yaml", "metadata: {agency: 某局}\n"), "$.metadata.year"),
        (lambda d: (d / "missing.yaml", None), "no such file"),
    ],
)
def test_failures_exit_1_and_leave_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, message: str
) -> None:
    target, content = make(tmp_path)  # type: ignore[operator]
    if content is not None:
        target.write_text(content, encoding="utf-8")
    source, out = target, tmp_path / "out.docx"
    assert main(["render", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_bad_template_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "t.docx"
    template.write_text("plain text", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    code = main(
        ["render", str(EXAMPLES / "hongqi-2023.yaml"), "--output-dir", str(out),
         "--template", str(template)]
    )  # fmt: skip
    assert code == 1
    assert "not a Word .docx file" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_render_files_across_processes_matches_render(tmp_path: Path) -> None:
    sources = [EXAMPLES / n for n in ("hongqi-2023.yaml", "city-2024.yaml", "city-2020.yaml")]
    results = list(render_files(sources, tmp_path, workers=2))
    assert sorted(r.source.name for r in results) == sorted(s.name for s in sources)
    assert all(r.ok for r in results)
    for result in results:
        assert result.output is not None
        assert result.output.read_bytes() == render(gr.load(result.source))


def test_render_files_refuses_clashing_names(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(EXAMPLES / "hongqi-2023.yaml", a / "r.yaml")
    shutil.copy(EXAMPLES / "hongqi-2023.yaml", b / "r.yaml")
    with pytest.raises(gr.RenderError, match="same file"):
        list(render_files([a / "r.yaml", b / "r.yaml"], tmp_path))


def test_the_batch_command_refuses_clashing_names_before_rendering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, out = tmp_path / "a", tmp_path / "b", tmp_path / "out"
    for folder in (a, b, out):
        folder.mkdir()
        shutil.copy(EXAMPLES / "hongqi-2023.yaml", folder / "r.yaml")
    assert main(["render", str(a / "r.yaml"), str(b / "r.yaml"), "--output-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误 / error: 两个报告会写入同一个文件 / two reports would write")
    assert f"{a / 'r.yaml'} and {b / 'r.yaml'}" in err
    assert sorted(p.name for p in out.iterdir()) == ["r.yaml"]  # nothing rendered

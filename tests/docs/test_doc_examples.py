"""Every code block of README.md and docs/*.md runs as written.

Conventions (documented in docs/stability.md, "Examples in the docs"):

- ``python`` blocks run in a temporary folder holding copies of ``examples/``, ``schema/`` and
  ``tests/samples/``; the blocks of one page share their names, in order, like a notebook.
- ``sh``/``bash``/``shell`` blocks run line by line, each block in its own such folder (a ``\\``
  at the end of a line continues it). ``govinfo-report`` commands (and ``cp``, ``mkdir``, ``sed``,
  ``ls``, ``cat``, ``head`` to prepare their files) are run and must exit 0, or the code given
  in the line's comment (``# exit 1``, e.g. a report with errors). ``govinfo-report`` runs in
  this process through the script's entry point (``govinfo_report.cli.main``), globs expanded
  as the shell would; the others run in bash. ``make TARGET`` must name a
  target of the Makefile, ``pip install 'govinfo-report[EXTRAS]'`` existing extras and
  ``python scripts/NAME.py`` an existing script; those are not run here (they set up machines
  or need LibreOffice). Any other command fails the test: show it in a ``text`` block.
- ``json`` blocks must be valid JSON.
- ``text`` and ``console`` blocks are illustrations and are not run.
"""

from __future__ import annotations

import contextlib
import glob
import io
import json
import re
import shlex
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from govinfo_report.cli import main

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
COPIED = ("examples", "schema", "tests/samples")
SHELL = {"sh", "bash", "shell"}
PYTHON = {"python", "py"}
# SQL blocks (docs/dataset.md) are run against a small dataset by tests/batch, not here.
NOT_RUN = {"text", "console", "", "yaml", "toml", "jinja", "xml", "html", "sql"}
_FENCE = re.compile(
    r"^(?P<indent>[ ]*)(?P<fence>`{3,}|~{3,})[ ]*(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ ]*$",
    re.MULTILINE | re.DOTALL,
)
_EXIT = re.compile(r"#.*\bexit (\d+)")


@dataclass(frozen=True)
class Block:
    """One fenced code block: its page, first line and language."""

    page: Path
    line: int
    lang: str
    body: str

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of a Markdown page, in order."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        lang = match["info"].strip().split(" ")[0].strip("{}.").lower()
        indent = len(match["indent"])
        body = "\n".join(line[indent:] for line in match["body"].splitlines())
        found.append(Block(page, text.count("\n", 0, match.start()) + 1, lang, body))
    return found


ALL_BLOCKS = [block for page in PAGES for block in blocks(page)]
RUN_LANGS = PYTHON | SHELL | {"json"}


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder with the bundled examples and samples, as the current directory."""
    for name in COPIED:
        shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_block_has_a_known_language() -> None:
    unknown = [f"{b.where} ({b.lang})" for b in ALL_BLOCKS if b.lang not in RUN_LANGS | NOT_RUN]
    assert not unknown, f"code blocks in an unknown language: {unknown}"


@pytest.mark.parametrize(
    "page",
    [p for p in PAGES if any(b.lang in PYTHON for b in blocks(p))],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_python_blocks_run(page: Path, workspace: Path) -> None:
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    for block in blocks(page):
        if block.lang not in PYTHON:
            continue
        code = compile(block.body, block.where, "exec")
        try:
            exec(code, namespace)
        except Exception as exc:  # pragma: no cover - the message is the point
            pytest.fail(f"{block.where}: {type(exc).__name__}: {exc}")


def _commands(body: str) -> list[str]:
    lines, current = [], ""
    for raw in body.splitlines():
        line = raw.rstrip()
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip() and not current.strip().startswith("#"):
            lines.append(current.strip())
        current = ""
    return lines


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):", text, re.MULTILINE))


def _extras() -> set[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(data["project"]["optional-dependencies"])


def _check_not_run(command: str, where: str) -> None:
    words = shlex.split(command, comments=True)
    if words[0] == "make":
        missing = set(words[1:]) - _make_targets()
        assert not missing, f"{where}: no make target {missing}"
    elif words[:2] == ["pip", "install"]:
        for word in words[2:]:
            extras = re.fullmatch(r"govinfo-report(?:\[([\w,]+)\])?", word)
            assert extras, f"{where}: pip installs something else than govinfo-report: {word}"
            unknown = set((extras[1] or "").split(",")) - _extras() - {""}
            assert not unknown, f"{where}: no extra {unknown}"
    elif words[0] in {"python", "python3"}:
        assert (ROOT / words[1]).is_file(), f"{where}: no script {words[1]}"
    else:
        pytest.fail(f"{where}: `{command}` is not run by the docs tests; use a text block")


RUN = ("govinfo-report", "cp", "mkdir", "sed", "ls", "cat", "head")
SHELL_BLOCKS = [b for b in ALL_BLOCKS if b.lang in SHELL]


def _run_cli(command: str, workspace: Path) -> tuple[int, str]:
    """Run a ``govinfo-report`` command line in this process, as the shell would (globs
    expanded, comments dropped): the same entry point as the installed script, without the cost
    of starting Python for each command."""
    args: list[str] = []
    for word in shlex.split(command, comments=True)[1:]:
        matches = sorted(glob.glob(word, root_dir=workspace)) if glob.has_magic(word) else []
        args += matches or [word]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue()


@pytest.mark.parametrize("block", SHELL_BLOCKS, ids=lambda b: b.where)
def test_shell_blocks(block: Block, workspace: Path) -> None:
    for command in _commands(block.body):
        if command.split()[0] not in RUN:
            _check_not_run(command, block.where)
            continue
        match = _EXIT.search(command)
        expected = int(match[1]) if match else 0
        if command.startswith("govinfo-report "):
            code, output = _run_cli(command, workspace)
        else:
            done = subprocess.run(
                ["bash", "-c", command],
                cwd=workspace,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            code, output = done.returncode, done.stdout + done.stderr
        assert code == expected, (
            f"{block.where}: `{command}` exited {code}, expected {expected}\n{output[-3000:]}"
        )


@pytest.mark.parametrize(
    "block", [b for b in ALL_BLOCKS if b.lang == "json"], ids=lambda b: b.where
)
def test_json_blocks_parse(block: Block) -> None:
    json.loads(block.body)


def test_blocks_are_executed() -> None:
    """The figure quoted in the report: how many blocks the tests above execute."""
    run = [b for b in ALL_BLOCKS if b.lang in RUN_LANGS]
    assert len(run) >= 20


def test_the_rules_json_example_agrees_with_itself() -> None:
    """The suggested correction repairs the finding it is attached to: a row total that is
    ``actual`` while its applicants add up to ``expected`` is repaired by changing one applicant
    cell by ``actual - expected``."""
    [block] = [b for b in blocks(ROOT / "docs" / "rules.md") if b.lang == "json"]
    for file in json.loads(block.body)["files"]:
        for finding in file["findings"]:
            fix = finding["suggestion"]
            if fix and finding["code"] == "t3-row-total":
                assert fix["value"] - fix["current"] == finding["actual"] - finding["expected"]


def test_corpus_figures_are_never_retyped() -> None:
    """The README quotes the corpus figures; docs/ pages take them from the build."""
    import runpy

    figures = runpy.run_path(str(ROOT / "scripts" / "docs_hooks.py"))["corpus_figures"]()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{figures['corpus_reports']} reports, {figures['corpus_cells']} cells" in readme
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"\d+ reports[^.]*\d[\d,]* cells", text), f"{page.name} retypes them"

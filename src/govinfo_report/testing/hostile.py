"""Hostile inputs, generated small, and a runner that executes each one with limits.

Every class of input that once cost minutes, gigabytes or the process has a generator here:
nested YAML aliases, lone surrogates, huge integers, base-60 numbers, HTML spans, long text
lines, DOCX bombs, costly templates, pipes and oversized files. :func:`run_case` runs the
command line on one case in a child process with an address-space limit and a timeout, and
:func:`check_outcome` says what was not clean about it: the run must end within the time, exit
1 with one error naming the limit (or what is wrong), write nothing, and leave no temporary
file behind.

Example::

    >>> from govinfo_report.testing.hostile import CASES
    >>> sorted(CASES)[:3]
    ['big-file', 'docx-bomb', 'fifo']
"""

from __future__ import annotations

import io
import os
import resource
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs

from ..io import run_child

__all__ = [
    "CASES",
    "Case",
    "Outcome",
    "check_outcome",
    "docx_with",
    "run_case",
    "template_with",
    "yaml_aliases",
]

_MiB = 1024 * 1024
_EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "hongqi-2023.yaml"
"""A valid report to render with hostile templates (the repository's bundled example)."""


def yaml_aliases(levels: int = 9, width: int = 10) -> bytes:
    """A report whose agency is ``width ** levels`` items of nested aliases (about 600 bytes).

    Examples:
        >>> len(yaml_aliases()) < 1000
        True
    """
    items = ", ".join(["x"] * width)
    lines = ["schema_version: 1", f"a0: &a0 [{items}]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    lines.append(f"metadata: {{agency: *a{levels}}}")
    return "\n".join(lines).encode()


def docx_with(chunk: bytes, count: int) -> bytes:
    """A Word document whose body ends with ``count`` copies of ``chunk`` (streamed).

    The big member is written one block at a time, so a 64 MiB ``document.xml`` costs a few
    megabytes here and about 200 KB on disk.

    Examples:
        >>> docx_with(b"<w:p/>", 3)[:2]
        b'PK'
    """
    import docx

    document = docx.Document()
    document.add_paragraph("2023年政府信息公开工作年度报告")
    base = io.BytesIO()
    document.save(base)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(base) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                target.writestr(info.filename, data)
                continue
            head, marker, tail = data.partition(b"</w:body>")
            with target.open("word/document.xml", "w", force_zip64=True) as stream:
                stream.write(head)
                block = chunk * 4096
                for _ in range(count // 4096):
                    stream.write(block)
                stream.write(chunk * (count % 4096))
                stream.write(marker + tail)
    return out.getvalue()


def template_with(text: str) -> bytes:
    """A Word template whose one paragraph is ``text`` (a Jinja expression, say).

    Examples:
        >>> template_with("{{ metadata.agency }}")[:2]
        b'PK'
    """
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _html_grid(cells: int = 300, span: int = 200) -> bytes:
    row = f"<td rowspan={span} colspan={span}>1</td>" * cells
    rows = "".join("<tr><td>x</td></tr>" for _ in range(span - 1))
    return f"<html><body><table><tr>{row}</tr>{rows}</table></body></html>".encode()


@attrs.frozen
class Case:
    """One hostile input: the files to create, the command to run, what the error must say.

    Attributes:
        files: file name → bytes (``None`` makes a named pipe; an ``int`` a sparse file of that
            size).
        argv: the command line after ``govinfo-report`` (names relative to the case's folder).
        expect: text the error must contain (a limit's name, or what is wrong).
        output: the file the command must not write.

    Examples:
        >>> CASES["toml-integer"].argv
        ('convert', 'r.toml', '-o', 'out.json')
    """

    files: Callable[[], dict[str, bytes | int | None]]
    argv: tuple[str, ...]
    expect: str
    output: str | None = None


def _template_case(expression: str, expect: str) -> Case:
    return Case(
        lambda: {"t.docx": template_with(expression), "r.yaml": _EXAMPLE.read_bytes()},
        ("render", "r.yaml", "--template", "t.docx", "-o", "out.docx"),
        expect,
        "out.docx",
    )


CASES: dict[str, Case] = {
    "yaml-aliases": Case(
        lambda: {"r.yaml": yaml_aliases()},
        ("convert", "r.yaml", "-o", "out.json"),
        "max_yaml_nodes",
        "out.json",
    ),
    "json-surrogate": Case(
        lambda: {"r.json": b'{"schema_version": 1, "metadata": {"agency": "\\ud800"}}'},
        ("convert", "r.json", "-o", "out.yaml"),
        "surrogate",
        "out.yaml",
    ),
    "toml-integer": Case(
        lambda: {"r.toml": b"schema_version = " + b"9" * 5000 + b"\n"},
        ("convert", "r.toml", "-o", "out.json"),
        "max_integer_digits",
        "out.json",
    ),
    "yaml-base60": Case(
        lambda: {"r.yaml": b"schema_version: " + b":".join([b"59"] * 300_000) + b"\n"},
        ("convert", "r.yaml", "-o", "out.json"),
        "max_integer_digits",
        "out.json",
    ),
    "html-grid": Case(
        lambda: {"page.html": _html_grid()}, ("parse", "page.html"), "max_table_cells"
    ),
    "text-tokens": Case(
        lambda: {"long.txt": "一、概述\n".encode() + b"1 " * 2_500_000},
        ("parse", "long.txt"),
        "max_tokens_per_line",
    ),
    "docx-bomb": Case(
        lambda: {"bomb.docx": docx_with(b"<w:p/>", 64 * _MiB // 6)},
        ("parse", "bomb.docx"),
        "max_compression_ratio",
    ),
    "big-file": Case(lambda: {"big.txt": 201 * _MiB}, ("parse", "big.txt"), "max_file_bytes"),
    "fifo": Case(lambda: {"pipe.txt": None}, ("validate", "pipe.txt"), "not a regular file"),
    "template-power": _template_case("{{ 10 ** (10 ** 10) }}", "max_template_number_bits"),
    "template-range": _template_case(
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
        "max_template_iterations",
    ),
    "template-repeat": _template_case("{{ 'a' * 10 ** 9 }}", "max_template_string"),
    "template-lipsum": _template_case("{{ lipsum(n=2000000) }}", "max_template_string"),
}
"""Every hostile case by name.

Examples:
    >>> from govinfo_report.testing.hostile import CASES
    >>> CASES["yaml-aliases"].expect
    'max_yaml_nodes'
"""


@attrs.frozen
class Outcome:
    """What one run did.

    Attributes:
        code: the exit code (``None`` when the run was stopped at the timeout).
        stdout: standard output.
        stderr: standard error.
        seconds: how long it ran.
        written: files in the folder that the case did not create (outputs, temporary files).

    Examples:
        >>> Outcome(1, "", "error", 0.5, ()).written
        ()
    """

    code: int | None
    stdout: str
    stderr: str
    seconds: float
    written: tuple[str, ...]


def _make(folder: Path, files: dict[str, bytes | int | None]) -> None:
    for name, content in files.items():
        path = folder / name
        if content is None:
            os.mkfifo(path)
        elif isinstance(content, int):
            with open(path, "wb") as stream:
                stream.truncate(content)  # sparse: no disk used, no time spent
        else:
            path.write_bytes(content)


def _limit_memory(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def run_case(
    case: Case, *, memory: int = 2048 * _MiB, timeout: float = 20.0, folder: Path | None = None
) -> Outcome:
    """Run the command line on one case in a child process with memory and time limits.

    Examples:
        >>> outcome = run_case(CASES["fifo"])
        >>> outcome.code, "not a regular file" in outcome.stderr
        (1, True)
    """
    with tempfile.TemporaryDirectory(prefix="hostile-") as temporary:
        where = folder or Path(temporary)
        _make(where, case.files())
        before = set(os.listdir(where))
        command = [
            sys.executable,
            "-c",
            "import sys; from govinfo_report.cli import main; sys.exit(main(sys.argv[1:]))",
            *case.argv,
        ]
        run = run_child(command, timeout=timeout, cwd=where, before_exec=_limit_memory(memory))
        written = tuple(sorted(set(os.listdir(where)) - before))
        return Outcome(
            run.code,
            run.output.decode("utf-8", "replace"),
            run.errors.decode("utf-8", "replace"),
            run.seconds,
            written,
        )


def check_outcome(case: Case, outcome: Outcome) -> list[str]:
    """What was not clean about a run: an empty list when it ended as it should.

    Examples:
        >>> check_outcome(CASES["fifo"], Outcome(1, "", "error: not a regular file", 0.1, ()))
        []
    """
    problems = []
    if outcome.code is None:
        problems.append(f"did not end within the time ({outcome.seconds:.0f} s)")
    elif outcome.code != 1:
        problems.append(f"exit code {outcome.code}, not 1")
    if case.expect not in outcome.stderr:
        problems.append(f"the error does not say {case.expect!r}: {outcome.stderr[-300:]!r}")
    for bad in ("Traceback", "internal error", "MemoryError"):
        if bad in outcome.stderr:
            problems.append(f"{bad} in the error: {outcome.stderr[-300:]!r}")
    if outcome.written:
        problems.append(f"files left behind: {', '.join(outcome.written)}")
    return problems

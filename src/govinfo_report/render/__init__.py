"""Render a report to Word (.docx): the official layout, official-document typography, fast.

::

    from govinfo_report.render import render
    render(report, "out/report.docx")                   # atomic; returns the path
    data = render(report)                               # the .docx bytes
    render(report, stream)                              # any binary stream
    render(report, "out.docx", template="our-style.docx")

The bundled templates (one per format version, generated from the taxonomy by
``scripts/make_template.py``) follow the official table layout and GB/T 9704-2012 typography. A
custom template uses the same context names (docs/template-context.md) and renders in a sandboxed
Jinja environment with ``StrictUndefined`` and autoescaping. Each template is compiled once per
process; :func:`render_files` renders batches across processes.

docxtpl, python-docx, lxml and Jinja are imported on first use (the ``docx`` extra).
"""

from __future__ import annotations

import os
import typing
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, overload

import attrs

from ..accept import accepted, read_format_version
from ..errors import GovInfoReportError, RenderError
from ..limits import Limits
from ..model import AnnualReport
from ..taxonomy import FormatVersion
from ._annotate import annotate_docx
from ._context import CONTEXT_NAMES, build_context, context_paths, paragraphs
from ._output import require_folder, write_output
from ._pdf import OfficeMissingError, docx_to_pdf
from ._publish import render_html, render_pdf, render_pdf_files
from ._reference import context_reference

if TYPE_CHECKING:
    from ._engine import CompiledTemplate

__all__ = [
    "CONTEXT_NAMES",
    "CompiledTemplate",
    "OfficeMissingError",
    "RenderResult",
    "annotate_docx",
    "build_context",
    "context_paths",
    "context_reference",
    "default_template_path",
    "docx_to_pdf",
    "get_template",
    "output_paths",
    "paragraphs",
    "render",
    "render_files",
    "render_html",
    "render_pdf",
    "render_pdf_files",
]


def _template_engine() -> Any:
    """The template engine module, or a clear message naming the extra it needs."""
    try:
        from . import _engine as engine
    except ImportError as exc:
        raise RenderError(
            f"生成 Word 文件需要 docx 扩展：pip install 'govinfo-report[docx]'（缺少 {exc.name}）/ "
            f"rendering Word files needs the docx extra: pip install 'govinfo-report[docx]' "
            f"(missing {exc.name})"
        ) from exc
    return engine


def __getattr__(name: str) -> object:
    """``CompiledTemplate`` on first use, so importing this package stays light."""
    if name == "CompiledTemplate":
        return _template_engine().CompiledTemplate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_template_path(version: FormatVersion | str | int) -> Path:
    """The file of the bundled template of a format version (for copying and customising).

    The version is read as everywhere else: ``FormatVersion.V2021``, ``"2021"`` or ``2021``.

    Examples:
        >>> from govinfo_report.render import default_template_path
        >>> from govinfo_report.taxonomy import FormatVersion
        >>> default_template_path(FormatVersion.V2019).name
        'report-2019.docx'
        >>> default_template_path("2021").name
        'report-2021.docx'
    """
    chosen = accepted(read_format_version(version), version)
    return Path(__file__).resolve().parent / "templates" / f"report-{chosen.value}.docx"


def get_template(
    template: str | os.PathLike[str] | CompiledTemplate | None, version: FormatVersion
) -> CompiledTemplate:
    """The compiled template: the bundled one of ``version`` when ``template`` is ``None``.

    Raises:
        TemplateError: if the template is missing, not a .docx, or has broken Jinja syntax.

    Examples:
        >>> from govinfo_report.render import get_template
        >>> from govinfo_report.taxonomy import FormatVersion
        >>> get_template(None, FormatVersion.V2021) is get_template(None, FormatVersion.V2021)
        True
    """
    engine = _template_engine()
    if template is None:
        compiled: CompiledTemplate = engine.default_template(version)
    elif isinstance(template, engine.CompiledTemplate):
        compiled = template
    else:
        compiled = engine.load_template(Path(typing.cast("str | os.PathLike[str]", template)))
    return compiled


@overload
def render(
    report: AnnualReport,
    output: None = None,
    *,
    template: str | os.PathLike[str] | CompiledTemplate | None = None,
    strip_control_chars: bool = False,
    limits: Limits | None = None,
) -> bytes: ...


@overload
def render(
    report: AnnualReport,
    output: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | CompiledTemplate | None = None,
    strip_control_chars: bool = False,
    limits: Limits | None = None,
) -> Path: ...


@overload
def render(
    report: AnnualReport,
    output: BinaryIO,
    *,
    template: str | os.PathLike[str] | CompiledTemplate | None = None,
    strip_control_chars: bool = False,
    limits: Limits | None = None,
) -> None: ...


def render(
    report: AnnualReport,
    output: str | os.PathLike[str] | BinaryIO | None = None,
    *,
    template: str | os.PathLike[str] | CompiledTemplate | None = None,
    strip_control_chars: bool = False,
    limits: Limits | None = None,
) -> bytes | Path | None:
    """Render a report to .docx.

    The whole document is built in memory first, so a failure never leaves a file behind; a
    file is then written atomically. The same report and template always give the same bytes.

    Args:
        report: the report.
        output: a file path (written atomically; the path is returned), a binary stream
            (written to; ``None`` is returned), or ``None`` (the bytes are returned).
        template: a custom .docx template (path or compiled); the bundled template of the
            report's format version when ``None``.
        strip_control_chars: remove characters XML cannot hold from the text instead of raising.
        limits: what the template may compute and write (:mod:`govinfo_report.limits`; the
            defaults when ``None``).

    Raises:
        RenderError: if the report is not an ``AnnualReport``, its text holds characters XML
            cannot hold (naming the field), or the output folder does not exist.
        TemplateError: if the template is not a .docx, its syntax is broken, or it uses names
            the report does not provide (naming them).
        LimitExceeded: when the template asks for more than ``limits`` allow (naming the limit).

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> import tempfile
        >>> from pathlib import Path
        >>> from govinfo_report.render import render
        >>> render(report)[:2]
        b'PK'
        >>> render(report, Path(tempfile.mkdtemp()) / "report.docx").name
        'report.docx'
    """
    context = build_context(report, strip_control_chars=strip_control_chars)
    data = get_template(template, report.format_version).render(context, limits)
    if output is None:
        return data
    if isinstance(output, str | os.PathLike):
        return write_output(output, data)
    output.write(data)
    return None


@attrs.frozen
class RenderResult:
    """The outcome of rendering one file of a batch.

    Attributes:
        source: the report file.
        output: the .docx written, or ``None`` if it failed.
        error: what went wrong, or ``None``.

    Examples:
        >>> import tempfile
        >>> from govinfo_report.render import render_files
        >>> [result] = render_files(["examples/hongqi-2023.yaml"], tempfile.mkdtemp(), workers=1)
        >>> result.output.name, result.error
        ('hongqi-2023.docx', None)
    """

    source: Path
    output: Path | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the file was rendered."""
        return self.error is None


def _render_file(
    source: Path, output: Path, template: str | None, strip_control_chars: bool
) -> RenderResult:
    from ..io import load

    try:
        report = load(source)
        render(report, output, template=template, strip_control_chars=strip_control_chars)
    except (GovInfoReportError, OSError) as exc:
        return RenderResult(source, None, str(exc))
    return RenderResult(source, output)


def _render_chunk(
    jobs: list[tuple[Path, Path]], template: str | None, strip_control_chars: bool
) -> list[RenderResult]:
    return [_render_file(s, t, template, strip_control_chars) for s, t in jobs]


def output_paths(
    sources: Sequence[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str],
    suffix: str = ".docx",
) -> list[tuple[Path, Path]]:
    """Each source with the file a batch writes for it: ``output_dir/<stem><suffix>``.

    Raises:
        RenderError: if the output folder does not exist, or two sources share a stem (naming
            both), before anything is rendered.

    Examples:
        >>> from govinfo_report.render import output_paths
        >>> [(s.name, t.as_posix()) for s, t in output_paths(["examples/city-2024.yaml"], ".")]
        [('city-2024.yaml', 'city-2024.docx')]
        >>> output_paths(["a/r.yaml", "b/r.yaml"], ".")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        govinfo_report.errors.RenderError: 两个报告会写入同一个文件 / ... r.docx: a/r.yaml and b/r.yaml
    """
    folder = require_folder(output_dir)
    seen: dict[Path, Path] = {}
    for source in map(Path, sources):
        target = folder / f"{source.stem}{suffix}"
        if target in seen:
            raise RenderError(
                f"两个报告会写入同一个文件 / two reports would write the same file {target}: "
                f"{seen[target]} and {source}"
            )
        seen[target] = source
    return [(source, target) for target, source in seen.items()]


def render_files(
    sources: Sequence[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    strip_control_chars: bool = False,
) -> Iterator[RenderResult]:
    """Render report files (.yaml, .yml, .json, .toml) to ``output_dir/<stem>.docx``.

    Files render in parallel across processes (each compiles the template once); results are
    yielded as they complete. A file that fails does not stop the others.

    Args:
        sources: the report files.
        output_dir: an existing folder for the .docx files.
        template: a custom template for every report (checked once before the batch starts).
        workers: the number of processes; the number of CPUs when ``None``; ``1`` renders in
            this process.
        strip_control_chars: as for :func:`render`.

    Raises:
        RenderError: if the output folder does not exist, or two sources share a stem.
        TemplateError: if the template cannot be compiled.

    Examples:
        >>> import tempfile
        >>> from govinfo_report.render import render_files
        >>> results = render_files(["examples/hongqi-2023.yaml", "examples/city-2020.yaml"],
        ...                        tempfile.mkdtemp(), workers=1)
        >>> [r.output.name for r in results]
        ['hongqi-2023.docx', 'city-2020.docx']
    """
    jobs = output_paths(sources, output_dir)
    template_name = None
    if template is not None:
        template_name = os.fspath(template)
        get_template(template_name, FormatVersion.V2021)  # fail once, before the batch
    count = min(workers or os.cpu_count() or 1, len(jobs))
    if count <= 1:
        for source, target in jobs:
            yield _render_file(source, target, template_name, strip_control_chars)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    if template_name is None:  # compiled before the workers fork, so they inherit them
        for version in FormatVersion:
            get_template(None, version)
    # Chunks amortise the inter-process traffic; several per worker keep the load balanced.
    size = max(1, min(50, len(jobs) // (count * 4)))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(max_workers=count) as pool:
        futures = [
            pool.submit(_render_chunk, chunk, template_name, strip_control_chars)
            for chunk in chunks
        ]
        for future in as_completed(futures):
            yield from future.result()

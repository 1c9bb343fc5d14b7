"""The outputs a report is published in besides Word: the portal's HTML and the PDF.

::

    from govinfo_report.render import render_html, render_pdf
    render_html(report, "report.html")                 # a whole page; atomic
    render_html(report, "body.html", fragment=True)    # the body alone, for a CMS editor
    render_pdf(report, "report.pdf")                   # through LibreOffice headless
    render_pdf_files(["a.yaml", "b.yaml"], "out/")     # one LibreOffice start for the batch
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, overload

from ..errors import GovInfoReportError, RenderError
from ..limits import Limits
from ..model import AnnualReport
from ._html import html_document
from ._output import require_folder, write_output
from ._pdf import docx_to_pdf

if TYPE_CHECKING:
    from . import RenderResult
    from ._engine import CompiledTemplate

__all__ = ["render_html", "render_pdf", "render_pdf_files"]


@overload
def render_html(
    report: AnnualReport,
    output: None = None,
    *,
    fragment: bool = False,
    strip_control_chars: bool = False,
) -> str: ...


@overload
def render_html(
    report: AnnualReport,
    output: str | os.PathLike[str],
    *,
    fragment: bool = False,
    strip_control_chars: bool = False,
) -> Path: ...


def render_html(
    report: AnnualReport,
    output: str | os.PathLike[str] | None = None,
    *,
    fragment: bool = False,
    strip_control_chars: bool = False,
) -> str | Path:
    """Render a report to HTML: a self-contained page, or with ``fragment`` its body alone.

    The tables follow the Word layout cell for cell (the same taxonomy-derived grid); every
    style is inline, there is no script and no external resource, and the same report always
    gives the same bytes. The library's own parser reads page and fragment back to the same cells.

    Args:
        report: the report.
        output: a file to write atomically (its path is returned), or ``None`` for the text.
        fragment: only the ``<article>`` with the report, to paste into a CMS editor.
        strip_control_chars: remove control characters from the text instead of raising.

    Raises:
        RenderError: if the report is not an ``AnnualReport``, its text holds control
            characters, or the output folder does not exist.

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.render import render_html
        >>> html = render_html(gr.load("examples/hongqi-2023.yaml"), fragment=True)
        >>> html.startswith('<article lang="zh-CN"'), "<table" in html, "class=" in html
        (True, True, False)
    """
    text = html_document(report, fragment=fragment, strip_control_chars=strip_control_chars)
    if output is None:
        return text
    return write_output(output, text.encode("utf-8"))


@overload
def render_pdf(
    report: AnnualReport,
    output: None = None,
    *,
    template: str | os.PathLike[str] | CompiledTemplate | None = None,
    strip_control_chars: bool = False,
    office: str | os.PathLike[str] | None = None,
    limits: Limits | None = None,
) -> bytes: ...


@overload
def render_pdf(
    report: AnnualReport,
    output: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | CompiledTemplate | None = None,
    strip_control_chars: bool = False,
    office: str | os.PathLike[str] | None = None,
    limits: Limits | None = None,
) -> Path: ...


def render_pdf(
    report: AnnualReport,
    output: str | os.PathLike[str] | None = None,
    *,
    template: str | os.PathLike[str] | CompiledTemplate | None = None,
    strip_control_chars: bool = False,
    office: str | os.PathLike[str] | None = None,
    limits: Limits | None = None,
) -> bytes | Path:
    """Render a report to PDF: the Word rendering converted by LibreOffice headless.

    Args:
        report: the report.
        output: the PDF to write atomically (its path is returned), or ``None`` for the bytes.
        template: a custom Word template, as for :func:`~govinfo_report.render.render`.
        strip_control_chars: as for :func:`~govinfo_report.render.render`.
        office: the LibreOffice executable (``soffice`` on ``PATH`` when ``None``).
        limits: the time limit (``pdf_seconds_per_file``); the process defaults when ``None``.

    Raises:
        OfficeMissingError: if LibreOffice is not installed (naming it).
        LimitExceeded: if LibreOffice takes longer than the limit (it is killed, no file).
        RenderError: for what :func:`~govinfo_report.render.render` refuses, a conversion that
            fails, or an output folder that does not exist.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> import govinfo_report as gr
        >>> from govinfo_report.render import render_pdf
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> pdf = Path(tempfile.mkdtemp()) / "hongqi-2023.pdf"
        >>> render_pdf(report, pdf) == pdf  # doctest: +SKIP
        True
    """
    from . import render

    if output is not None:
        require_folder(Path(output).parent)
    data = render(report, template=template, strip_control_chars=strip_control_chars)
    with tempfile.TemporaryDirectory(prefix="govinfo-render-") as temp:
        docx = Path(temp) / "report.docx"
        docx.write_bytes(data)
        pdf = Path(temp) / "report.pdf"
        (error,) = docx_to_pdf([docx], [pdf], office=office, limits=limits)
        if error is not None:
            raise RenderError(error)
        if output is None:
            return pdf.read_bytes()
        return write_output(output, pdf.read_bytes())


def render_pdf_files(
    sources: Sequence[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    strip_control_chars: bool = False,
    office: str | os.PathLike[str] | None = None,
    limits: Limits | None = None,
) -> Iterator[RenderResult]:
    """Render report files to ``output_dir/<stem>.pdf``, converting them in one LibreOffice start.

    The .docx files are rendered first (across processes, as by
    :func:`~govinfo_report.render.render_files`), then converted together; a file that fails
    does not stop the others. If LibreOffice is past its time limit for the batch it is
    killed, and every file of the conversion fails with that error (no PDF is written).

    Raises:
        OfficeMissingError: if LibreOffice is not installed (before anything is rendered).
        RenderError: if the output folder does not exist, or two sources share a stem.
        TemplateError: if the template cannot be compiled.

    Examples:
        >>> import tempfile
        >>> from govinfo_report.render import render_pdf_files
        >>> sources = ["examples/county/county-2023.yaml", "examples/county/county-2024.yaml"]
        >>> folder = tempfile.mkdtemp()
        >>> [r.error for r in render_pdf_files(sources, folder)]  # doctest: +SKIP
        [None, None]
    """
    from . import RenderResult, render_files
    from ._pdf import find_office

    find_office(office)
    folder = require_folder(output_dir)
    with tempfile.TemporaryDirectory(prefix="govinfo-render-") as temp:
        rendered = list(
            render_files(
                sources,
                temp,
                template=template,
                workers=workers,
                strip_control_chars=strip_control_chars,
            )
        )
        done = [r for r in rendered if r.ok and r.output is not None]
        yield from (r for r in rendered if not r.ok)
        targets = [folder / f"{r.source.stem}.pdf" for r in done]
        try:
            errors = docx_to_pdf(
                [r.output for r in done if r.output], targets, office=office, limits=limits
            )
        except GovInfoReportError as exc:
            for result in done:
                yield RenderResult(result.source, None, str(exc))
            return
        for result, target, error in zip(done, targets, errors, strict=True):
            yield RenderResult(result.source, None if error else target, error)

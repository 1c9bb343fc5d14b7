"""Review in Word: a report's findings written into a copy of its .docx as comments (批注).

::

    from govinfo_report.review import annotate, render_annotated

    result = annotate("report.docx", "reviewed.docx")          # parse, validate, comment
    result = render_annotated(report, "report.docx")            # render, validate, comment

Each finding becomes a comment on the table cell or paragraph it names (the parser knows where
every cell of a .docx is), holding the rule, the Chinese message, the expected and the found
value and, where the validator pinpoints one cell, the suggested value; findings without a place
are commented on the title. The original file is never modified. This package sits above the
adapters: it reads with :mod:`~govinfo_report.parse`, checks with
:mod:`~govinfo_report.validate` and writes with :mod:`~govinfo_report.render`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import attrs

from ..draft import Draft
from ..errors import RenderError
from ..findings import Finding, SourceRef
from ..io import MISSING_FOLDER, atomic_write
from ..model import AnnualReport
from ..validate import ValidationReport, validate

__all__ = ["annotate", "render_annotated"]


def _sources(draft: Draft) -> dict[str, SourceRef]:
    return {key: cell.source for key, cell in draft.cells.items() if cell.source is not None}


def _write(output: str | os.PathLike[str], data: bytes, original: Path | None) -> Path:
    target = Path(output)
    if original is not None and target.resolve() == original.resolve():
        raise RenderError(
            f"批注版不能覆盖原文件 / the annotated copy cannot replace the original: {target}"
        )
    try:
        return atomic_write(target, data)
    except FileNotFoundError as exc:
        raise RenderError(f"{MISSING_FOLDER}: {target.parent}") from exc


def _placed(findings: Iterable[Finding], draft: Draft) -> list[Finding]:
    """Findings of the strict report placed where the rendered document prints their cell."""
    placed = []
    for finding in findings:
        source = finding.source
        if source is None and finding.path:
            cell = draft.cells.get(finding.path)
            section = draft.sections.get(finding.path.split(".")[0])
            if cell is not None:
                source = cell.source
            elif section is not None:
                source = section.source
        placed.append(attrs.evolve(finding, source=source))
    return placed


def annotate(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    previous: AnnualReport | Draft | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> ValidationReport:
    """Validate a .docx report and write a copy with every finding as a Word comment.

    Args:
        source: the Word report (never modified).
        output: the annotated copy to write (atomically); it cannot be ``source`` itself.
        previous: last year's report, for the cross-year rules.
        select: rule codes or tags to run.
        ignore: rule codes or tags to skip.

    Returns:
        The validation result whose findings were written.

    Raises:
        ParseError: if the file is not a Word document or not an annual report.
        RenderError: if the output is the source, or its folder does not exist.
        OSError: if the source cannot be read.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> import govinfo_report as gr
        >>> from govinfo_report.render import render
        >>> from govinfo_report.review import annotate
        >>> folder = Path(tempfile.mkdtemp())
        >>> docx = folder / "report.docx"
        >>> _ = docx.write_bytes(render(gr.load("examples/hongqi-2023.yaml")))
        >>> result = annotate(docx, folder / "reviewed.docx")
        >>> result.valid, sum(result.counts.values()), (folder / "reviewed.docx").is_file()
        (True, 0, True)
    """
    from ..errors import ParseError
    from ..parse import InputKind, parse, sniff
    from ..render import annotate_docx

    path = Path(source)
    data = path.read_bytes()
    if sniff(data, path.name) is not InputKind.DOCX:
        raise ParseError(
            f"只能为 Word .docx 文件添加批注 / only a Word .docx file can be annotated: {path}"
        )
    draft = parse(data, name=path.name)
    result = validate(draft, previous=previous, select=select, ignore=ignore)
    annotated = annotate_docx(data, result.findings, cells=_sources(draft))
    _write(output, annotated, path)
    return attrs.evolve(result, source=str(path))


def render_annotated(
    report: AnnualReport,
    output: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | None = None,
    previous: AnnualReport | Draft | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    strip_control_chars: bool = False,
) -> ValidationReport:
    """Render a report to .docx with its findings as Word comments, in one step.

    The findings are those of ``validate(report)``; each is placed on the cell or section of the
    rendered document that it names (on the title when a custom template prints a document the
    parser cannot read back as a report).

    Args:
        report: the report.
        output: the .docx to write (atomically).
        template: a custom Word template.
        previous: last year's report, for the cross-year rules.
        select: rule codes or tags to run.
        ignore: rule codes or tags to skip.
        strip_control_chars: as for :func:`~govinfo_report.render.render`.

    Returns:
        The validation result whose findings were written.

    Raises:
        RenderError: as :func:`~govinfo_report.render.render` does.
        TemplateError: for a broken template.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> import govinfo_report as gr
        >>> from govinfo_report.review import render_annotated
        >>> output = Path(tempfile.mkdtemp()) / "reviewed.docx"
        >>> result = render_annotated(gr.load("examples/hongqi-2023.yaml"), output)
        >>> result.valid, output.is_file()          # no error to comment on
        (True, True)
    """
    from ..errors import ParseError
    from ..parse import parse
    from ..render import annotate_docx, render

    data = render(report, template=template, strip_control_chars=strip_control_chars)
    try:
        draft: Draft | None = parse(data, name=Path(output).name)
    except ParseError:
        draft = None
    result = validate(report, previous=previous, select=select, ignore=ignore)
    placed = result.findings if draft is None else tuple(_placed(result.findings, draft))
    cells = None if draft is None else _sources(draft)
    annotated = annotate_docx(data, placed, cells=cells)
    _write(output, annotated, None)
    return attrs.evolve(result, findings=placed)

"""Findings written into a Word file as comments (批注), each on the cell or paragraph it names.

A finding found in a .docx carries its :class:`~govinfo_report.findings.SourceRef`: table, row
and column of a table cell (grid positions, merged cells resolved, as the DOCX reader counts
them), or the paragraph's line. :func:`annotate_docx` anchors a comment there holding the rule,
the Chinese message, the expected and the found value and, where the validator pinpoints one
cell, the suggested value; that cell gets a comment with the suggestion too. Findings without a
place go on the title. The comments are standard WordprocessingML (``word/comments.xml``), so
Word, WPS and LibreOffice show them. The input bytes are never changed: a new document is built.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ..catalog import Severity, rule
from ..errors import RenderError
from ..findings import Finding, SourceRef, Suggestion
from ._context import format_value

__all__ = ["AUTHOR", "annotate_docx", "comment_text"]

AUTHOR = ("govinfo-report", "GR")
"""The author and initials of the comments.

>>> AUTHOR[0]
'govinfo-report'
"""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SEVERITY = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def _number(value: object) -> str:
    shown = format_value(value)
    return "（空）" if shown is None or shown == "" else str(shown)


def _suggestion_text(suggestion: Suggestion) -> str:
    where = " / ".join(suggestion.labels) or suggestion.path
    return f"将“{where}”由 {_number(suggestion.current)} 改为 {_number(suggestion.value)}"


def comment_text(finding: Finding) -> str:
    """The text of a finding's comment: rule, Chinese message, expected and found values,
    and the suggested correction when there is one.

    >>> from govinfo_report.findings import make_finding
    >>> finding = make_finding("t4-total", path="review_litigation.review.total",
    ...     labels=("行政复议", "总计"), expected=5, actual=6, formula="4 项之和", formula_en="sum")
    >>> print(comment_text(finding).splitlines()[0])
    【错误】t4-total 表四总计不等于各结果之和
    """
    lines = [f"【{_SEVERITY[finding.severity]}】{finding.code} {rule(finding.code).title_zh}"]
    lines.append(finding.message_zh)
    values = []
    if finding.expected is not None:
        values.append(f"应为：{_number(finding.expected)}")
    if finding.actual is not None and not isinstance(finding.actual, str):
        values.append(f"实际：{_number(finding.actual)}")
    if values:
        lines.append("；".join(values))
    if finding.suggestion is not None:
        lines.append(f"建议：{_suggestion_text(finding.suggestion)}")
    return "\n".join(lines)


def _body_items(container: Any) -> list[Any]:
    """Body paragraphs and tables in order, content controls walked into (as the reader does)."""
    items: list[Any] = []
    for child in container.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            items.append(child)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                items.extend(_body_items(content))
    return items


class _Locator:
    """Finds the runs a comment is anchored to, from a finding's source."""

    def __init__(self, document: Any) -> None:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        self.paragraphs: list[Any] = []
        self.tables: list[Any] = []
        for item in _body_items(document.element.body):
            if item.tag == f"{_W}p":
                self.paragraphs.append(Paragraph(item, document))
            else:
                self.tables.append(Table(item, document))
        titled = [p for p in self.paragraphs if p.text.strip()]
        self.title = titled[0] if titled else None

    @staticmethod
    def runs(paragraphs: Sequence[Any]) -> list[Any]:
        with_text = [p for p in paragraphs if p.text.strip()]
        paragraph = (with_text or list(paragraphs))[0]
        runs = [r for r in paragraph.runs if r.text]
        return runs or paragraph.runs or [paragraph.add_run("")]

    def cell(self, source: SourceRef) -> Any | None:
        if source.table is None or not 0 < source.table <= len(self.tables):
            return None
        table = self.tables[source.table - 1]
        try:
            row = table.rows[(source.row or 1) - 1]
            return row.cells[(source.column or 1) - 1]
        except IndexError:
            return None

    def anchor(self, source: SourceRef | None) -> list[Any] | None:
        """The runs of the cell or paragraph at ``source``; ``None`` if it names no place."""
        if source is None:
            return None
        if source.table is not None:
            cell = self.cell(source)
            return None if cell is None else self.runs(cell.paragraphs)
        if source.line is not None and 0 < source.line <= len(self.paragraphs):
            return self.runs([self.paragraphs[source.line - 1]])
        return None


def annotate_docx(
    data: bytes,
    findings: Sequence[Finding],
    *,
    cells: dict[str, SourceRef] | None = None,
) -> bytes:
    """A copy of a Word file with each finding attached as a comment where it points.

    Args:
        data: the .docx bytes (left as they are).
        findings: the findings, with their sources in this document.
        cells: where each cell id is in the document, for the cells that suggestions name.

    Returns:
        The annotated .docx.

    Raises:
        RenderError: if the data is not a Word document, or it has no paragraph to anchor to.

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.parse import parse
        >>> from govinfo_report.render import annotate_docx, render
        >>> from govinfo_report.validate import validate
        >>> data = render(gr.load("examples/hongqi-2023.yaml"))
        >>> draft = parse(data, name="report.docx")
        >>> cells = {k: c.source for k, c in draft.cells.items() if c.source is not None}
        >>> annotated = annotate_docx(data, validate(draft).findings, cells=cells)
        >>> annotated[:2]                           # a Word file (a zip archive)
        b'PK'
    """
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds on a non-.docx
        raise RenderError(
            f"不是 Word .docx 文件 / not a Word .docx file ({type(exc).__name__}: {exc})"
        ) from exc
    locator = _Locator(document)
    author, initials = AUTHOR
    suggested: set[str] = set()
    for finding in findings:
        runs = locator.anchor(finding.source)
        if runs is None:
            if locator.title is None:
                raise RenderError(
                    "文档没有可批注的段落 / the document has no paragraph to attach a comment to"
                )
            runs = locator.runs([locator.title])
        document.add_comment(runs, comment_text(finding), author, initials)
        suggestion = finding.suggestion
        if suggestion is None or suggestion.path in suggested or cells is None:
            continue
        suggested.add(suggestion.path)
        target = locator.anchor(cells.get(suggestion.path))
        if target is not None and suggestion.path != finding.path:
            note = f"【建议】{_suggestion_text(suggestion)}（{finding.code}）"
            document.add_comment(target, note, author, initials)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

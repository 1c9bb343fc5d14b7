"""Grid layer for HTML (lxml): tables with rowspan/colspan resolved, paragraphs around them.

Government portals wrap their pages in layout tables; a table that contains other tables is
treated as layout and walked into. Block elements (``p``, ``div``, ``h1``…, ``li``, ``br``) end
a paragraph. Scripts, styles and comments are skipped.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import ParseError
from ..findings import SourceRef
from ..io import import_extra
from ..limits import Limits
from ._grid import (
    Block,
    Document,
    InputKind,
    Paragraph,
    ReaderInput,
    SpanCell,
    Table,
    resolve_spans,
)
from ._text import decode, looks_binary, tables_from_lines

__all__ = ["read_html"]

_BLOCK = frozenset(
    (
        *("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section"),
        *("article", "header", "footer", "main", "nav", "blockquote", "pre", "tr", "td", "th"),
        *("dd", "dt", "dl", "center", "address", "figure", "figcaption", "form", "hr"),
        *("title", "caption"),
    )
)
_SKIP = frozenset(("script", "style", "noscript", "template", "head", "select", "option", "iframe"))
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_FLUSH = object()
_SPACES = re.compile(r"[ \t\u00a0\u3000\r\n]+")


def _decode(data: bytes) -> str:
    match = _CHARSET.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii", "replace").lower()
        if declared in ("gb2312", "gbk", "gb18030", "x-gbk"):
            declared = "gb18030"
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)[0]


def _span(value: Any) -> int:
    if value is None:
        return 1
    text = str(value).strip()[:12]  # a span is clamped anyway; never convert a huge number
    try:
        return max(1, int(text or 1))
    except (TypeError, ValueError):
        return 1


class _Walker:
    def __init__(self, name: str | None, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.paragraphs = 0
        self.tables = 0

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buffer)).strip()
        self.buffer = []
        if text:
            self.paragraphs += 1
            self.blocks.append(Paragraph(text, SourceRef(file=self.name, line=self.paragraphs)))

    def walk(self, element: Any) -> None:
        stack: list[tuple[Any, bool]] = [(element, False)]
        while stack:
            node, closing = stack.pop()
            if closing:
                if node is _FLUSH:
                    self.flush()
                else:
                    self.buffer.append(node)
                continue
            tag = node.tag if isinstance(node.tag, str) else ""
            tag = tag.rsplit("}", 1)[-1].lower()
            tail = node.tail
            if tail:
                stack.append((tail, True))
            if not tag or tag in _SKIP:
                continue
            if tag == "br":
                stack.append((_FLUSH, True))
                continue
            if tag == "table" and not node.xpath(".//table"):
                self.flush()
                self.table(node)
                continue
            block = tag in _BLOCK
            if block:
                stack.append((_FLUSH, True))
            for child in reversed(list(node)):
                stack.append((child, False))
            if node.text:
                stack.append((node.text, True))
            if block:
                stack.append((_FLUSH, True))

    def table(self, element: Any) -> None:
        drawn: list[list[SpanCell]] = []
        for tr in element.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
            row = []
            for td in tr.xpath("./td|./th"):
                text = _cell_text(td)
                row.append(SpanCell(text, _span(td.get("rowspan")), _span(td.get("colspan"))))
            drawn.append(row)
        if not drawn:
            return
        self.tables += 1
        index = self.tables

        def source(r: int, c: int) -> SourceRef:
            return SourceRef(file=self.name, table=index, row=r + 1, column=c + 1)

        where = f"{self.name or ''} table {index}".strip()
        grid = resolve_spans(drawn, source, limits=self.limits, where=where)
        self.blocks.append(Table(grid, index))


def _cell_text(td: Any) -> str:
    if not len(td):  # no child elements: the common case
        return _SPACES.sub(" ", td.text or "").strip()
    parts: list[str] = []
    for node in td.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag in ("br", "p", "div") and parts:
            parts.append("\n")
        if tag not in _SKIP and node.text and tag:
            parts.append(node.text)
        if node is not td and node.tail:
            parts.append(node.tail)
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def read_html(source: ReaderInput) -> Document:
    """Read an HTML page into paragraphs and tables.

    Raises:
        ParseError: for bytes that are not HTML text.
        LimitExceeded: for a page past ``limits`` (characters, table cells, row width, tokens).
    """
    data, name, breaks, limits = source.data, source.name, source.breaks, source.limits
    html = import_extra("lxml.html", "parse", ("读取 HTML", "reading HTML"), ParseError)
    text = _decode(data)
    limits.check("max_characters", len(text), where=name or "")
    if looks_binary(text):
        raise ParseError(
            "文件是二进制数据，不是 HTML 报告 / the file is binary data, not an HTML report"
        )
    text = text.replace("\x00", "")
    try:
        root = html.document_fromstring(text)
    except Exception as exc:  # lxml raises ParserError, ValueError... on broken markup
        raise ParseError(
            f"无法解析 HTML / cannot parse the HTML: {type(exc).__name__}: {exc}"
        ) from exc
    title_el = root.find(".//title")
    title = _SPACES.sub(" ", title_el.text_content()).strip() if title_el is not None else None
    body = root.find(".//body")
    walker = _Walker(name, limits)
    walker.walk(body if body is not None else root)
    walker.flush()
    blocks = walker.blocks
    if not any(isinstance(b, Table) for b in blocks):
        paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
        text_blocks, _ = tables_from_lines(paragraphs, breaks=breaks, limits=limits)
        return Document(InputKind.HTML, tuple(text_blocks), name, title=title or None)
    return Document(InputKind.HTML, tuple(blocks), name, title=title or None)

"""Render a report to HTML for the government portal: a page, or a fragment for a CMS editor.

The tables are drawn from :func:`govinfo_report.layout.table_layout`, the same grid the Word
template and the workbook are built from: the same rows, columns, ``rowspan``/``colspan`` and
printed values.
Every style is inline (a CMS editor strips ``<style>`` blocks and classes), there is no script
and no external font; the wide tables scroll horizontally inside their own box on a phone while
the text wraps. Header cells are ``<th>`` with ``scope`` and an ``id``; every number cell names
its headers (``headers``), which is what screen readers need for the nested headers of tables
三 and 四. The output is a pure function of the report: the same report gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from html import escape
from typing import Any

from .. import taxonomy as tx
from ..layout import TABLE_SECTIONS, Role, Span, table_layout
from ..model import AnnualReport
from ._context import build_context, check_text, printed

__all__ = ["html_document"]

_BODY_FONT = "'仿宋_GB2312',FangSong,'仿宋',STFangsong,serif"
_STYLE = {
    "article": (
        f"font-family:{_BODY_FONT};font-size:16px;line-height:1.8;color:#000;"
        "max-width:48em;margin:0 auto;padding:0 1em;overflow-wrap:anywhere"
    ),
    "h1": (
        "font-family:'方正小标宋简体','宋体',SimSun,serif;font-size:1.6em;font-weight:bold;"
        "text-align:center;line-height:1.5;margin:1em 0"
    ),
    "h2": "font-family:'黑体',SimHei,sans-serif;font-size:1em;margin:0.6em 0 0;text-indent:2em",
    "h3": (
        "font-family:'楷体_GB2312','楷体',KaiTi,STKaiti,serif;font-size:1em;font-weight:normal;"
        "margin:0;text-indent:2em"
    ),
    "p": "margin:0;text-indent:2em",
    "signature": "margin:0;text-align:right;padding-right:2em",
    "box": "overflow-x:auto;max-width:100%;margin:0.5em 0 1em",
    "caption": "caption-side:top;text-align:left;font-size:0.875em;padding:0 0 0.25em",
    "cell": "border:1px solid #000;padding:2px 4px;vertical-align:middle;font-weight:normal",
}
# The wide tables keep a minimum width (in em of their own font) so that their columns stay
# readable; below it they scroll inside their box.
_MIN_WIDTH = {"proactive_disclosure": 0, "requests": 46, "review_litigation": 54}


def _th_id(section: tx.Section, cell: Span) -> str:
    return f"gr-t{section.number}-r{cell.top}c{cell.left}"


def _scope(cell: Span) -> str:
    if cell.role in (Role.LABEL, Role.GROUP):
        return "rowgroup" if cell.rowspan > 1 else "row"
    return "colgroup" if cell.colspan > 1 else "col"


def _cell_html(section: tx.Section, cell: Span) -> str | Span:
    """The markup of a label cell; a number cell is returned as is, to be filled per report."""
    if cell.role is Role.CELL:
        return cell
    spans = _spans(cell)
    style = _cell_style(cell)
    if cell.role is Role.CORNER:  # a note, not a header of any cell
        return f'<td{spans} style="{style}">{escape(cell.text)}</td>'
    return (
        f'<th{spans} id="{_th_id(section, cell)}" scope="{_scope(cell)}" style="{style}">'
        f"{escape(cell.text)}</th>"
    )


def _spans(cell: Span) -> str:
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    return spans


def _cell_style(cell: Span) -> str:
    return f"{_STYLE['cell']};text-align:{'left' if cell.left_aligned else 'center'}"


@cache
def _skeleton(version: tx.FormatVersion, key: str) -> tuple[str | tuple[str, Span], ...]:
    """A table's markup, computed once per format: text, and (opening tag, cell) per number."""
    layout = table_layout(key, version)
    section = next(s for s in tx.sections(version) if s.key == key)
    caption = escape(section.title.split("、", 1)[-1])
    size = "0.75em" if layout.small else "0.875em"
    minimum = _MIN_WIDTH[layout.section]
    min_width = f";min-width:{minimum}em" if minimum else ""
    parts: list[str | tuple[str, Span]] = [
        f'<div style="{_STYLE["box"]}">\n'
        f'<table style="border-collapse:collapse;width:100%;font-size:{size};'
        f'line-height:1.4{min_width}">\n'
        f'<caption style="{_STYLE["caption"]}">{caption}</caption>\n<colgroup>\n'
    ]
    widths = layout.widths()
    total = sum(widths)
    parts += [f'<col style="width:{width / total * 100:.2f}%">\n' for width in widths]
    parts.append("</colgroup>\n")
    rows: dict[int, list[Span]] = {}
    for cell in layout.spans:
        rows.setdefault(cell.top, []).append(cell)
    for part, numbers in (
        ("thead", range(layout.header_rows)),
        ("tbody", range(layout.header_rows, layout.rows)),
    ):
        if not numbers:
            continue
        parts.append(f"<{part}>\n")
        for r in numbers:
            parts.append("<tr>")
            for cell in rows.get(r, ()):
                drawn = _cell_html(section, cell)
                if isinstance(drawn, Span):
                    headers = " ".join(_th_id(section, h) for h in layout.headers_of(drawn))
                    opening = f'<td{_spans(cell)} headers="{headers}" style="{_cell_style(cell)}">'
                    parts.append((opening, drawn))
                else:
                    parts.append(drawn)
            parts.append("</tr>\n")
        parts.append(f"</{part}>\n")
    parts.append("</table>\n</div>")
    return tuple(parts)


def _table(version: tx.FormatVersion, key: str, values: dict[str, Any]) -> str:
    out = []
    for part in _skeleton(version, key):
        if isinstance(part, str):
            out.append(part)
        else:
            opening, cell = part
            out.append(f"{opening}{escape(printed(cell, values.get(cell.text)))}</td>")
    return "".join(out)


def _paragraphs(lines: list[str], style: str = "p") -> Iterator[str]:
    for line in lines:
        yield f'<p style="{_STYLE[style]}">{escape(line)}</p>'


def _body(report: AnnualReport, strip_control_chars: bool) -> Iterator[str]:
    context = build_context(report, strip_control_chars=strip_control_chars)
    version = report.format_version
    values = report.values()
    meta = context["metadata"]
    yield f'<article lang="zh-CN" style="{_STYLE["article"]}">'
    yield (
        f'<h1 style="{_STYLE["h1"]}">{escape(meta["agency"])}<br>'
        f"{meta['year']}年{escape(tx.TITLE_SUFFIX)}</h1>"
    )
    yield from _paragraphs(context["preamble"]["paragraphs"])
    for section in tx.sections(version):
        yield f'<h2 style="{_STYLE["h2"]}">{escape(section.title)}</h2>'
        if section.key in TABLE_SECTIONS:
            yield _table(version, section.key, values)
        elif section.key == "other_matters":
            other = context["other_matters"]
            yield from _paragraphs(other["paragraphs"])
            if other["fee_note"]:
                yield from _paragraphs([other["fee_note"]])
            if meta["published"]:
                yield from _paragraphs([meta["agency"], meta["published_label"]], "signature")
        else:
            narrative = context[section.key]
            yield from _paragraphs(narrative["paragraphs"])
            for part in narrative.get("parts", ()):
                yield f'<h3 style="{_STYLE["h3"]}">{escape(part["label"])}</h3>'
                yield from _paragraphs(part["paragraphs"])
    yield "</article>"


def html_document(
    report: AnnualReport, *, fragment: bool = False, strip_control_chars: bool = False
) -> str:
    """The HTML of a report: a whole page, or with ``fragment`` the ``<article>`` alone.

    >>> import govinfo_report as gr
    >>> page = html_document(gr.load("examples/hongqi-2023.yaml"))
    >>> page.startswith('<!DOCTYPE html>\\n<html lang="zh-CN">'), "<script" in page
    (True, False)

    Raises:
        RenderError: if the report is not an ``AnnualReport`` or its text holds control
            characters (unless ``strip_control_chars``).
    """
    body = "\n".join(_body(report, strip_control_chars))
    if fragment:
        return body + "\n"
    title = check_text(
        f"{report.metadata.agency}{report.metadata.year}年{tx.TITLE_SUFFIX}", "title", strip=True
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            "</head>",
            '<body style="margin:0;background:#fff">',
            body,
            "</body>",
            "</html>",
            "",
        ]
    )

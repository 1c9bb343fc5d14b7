"""Page text as portal archives keep it: every table row's cells glued into one digit string.

Used by the tests and ``benchmarks/bench_glued.py`` to check that :func:`govinfo_report.parse`
recovers such text (or says which rows it cannot split).

Example::

    >>> import govinfo_report as gr
    >>> text = glued_text(gr.load("examples/hongqi-2023.yaml"))
    >>> "（一）予以公开0000000" in text
    True
"""

from __future__ import annotations

from decimal import Decimal

from .. import taxonomy as tx
from ..draft import Draft
from ..layout import Role, table_layout
from ..model import AnnualReport

__all__ = ["glued_text"]


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        return str(value)
    return str(value)


def _header(section: str, version: tx.FormatVersion) -> str:
    """A table's header rows as page text prints them: its headers in reading order, glued."""
    spans = table_layout(section, version).spans
    return "".join(span.text for span in spans if span.role is Role.HEADER)


def glued_text(report: AnnualReport, *, one_line: bool = False) -> str:
    """The report as a portal page's text with the table cells glued together.

    Section headings, captions and narrative stay on their own lines; each row of tables 二 and
    三 is its label followed by its values without separators (``（一）予以公开5200007``); table
    四 is its header glued to its fifteen values. Rows of table 二 holding signed changes or
    amounts (2019) keep spaces, as those are not split. With ``one_line``, every row of table
    三 is glued into one line, the next row's number running into the digits.

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.testing.glued import glued_text
        >>> text = glued_text(gr.load("examples/hongqi-2023.yaml"))
        >>> "（一）予以公开0000000" in text.splitlines()
        True
    """
    version = report.metadata.format_version
    values = {cell.id: _text(cell.value) for cell in report.cells()}
    titles = {s.key: s.title for s in tx.sections(version)}
    sections = Draft.from_report(report).sections
    narrative = {
        key: (sections[key].text if key in sections else "") or "无。"
        for key in ("overview", "problems_improvements", "other_matters")
    }
    lines = [f"{report.metadata.agency}{report.metadata.year}年政府信息公开工作年度报告", ""]
    lines += [titles["overview"], narrative["overview"], titles["proactive_disclosure"]]
    index = tx.cell_index(version)
    for table in tx.subtables(version):
        lines.append(table.caption)
        lines.append(table.header + "".join(c.label for c in table.columns))
        for r in table.rows:
            ids = [tx.cell_id("proactive_disclosure", table, r, c) for c in table.columns]
            plain = all(index[i].kind is tx.CellKind.COUNT for i in ids)
            sep = "" if plain else " "
            lines.append(r.label + sep + sep.join(values[i] for i in ids))
    lines.append(titles["requests"])
    lines.append(_header("requests", version))
    rows = []
    band = False
    for path in tx.request_row_leaves(version):
        head = ""
        if path[0].key not in ("new_requests", "carried_in", "carried_forward") and not band:
            head, band = tx.OUTCOMES_BAND.label, True
        if len(path) > 1 and path[0].children[0] is path[1]:
            head += path[0].label
        digits = "".join(values[tx.cell_id("requests", path, c)] for c in tx.REQUEST_COLUMNS)
        rows.append((head, path[-1].label + digits))
    if one_line:
        lines.append("".join(h + r for h, r in rows))
    else:
        for head, row in rows:
            if head:
                lines.append(head)
            lines.append(row)
    lines.append(titles["review_litigation"])
    header = _header("review_litigation", version)
    lines.append(
        header
        + "".join(
            values[tx.cell_id("review_litigation", g, c)]
            for g, _ in tx.CASE_GROUPS
            for c in tx.CASE_COLUMNS
        )
    )
    lines += [titles["problems_improvements"], narrative["problems_improvements"]]
    lines += [titles["other_matters"], narrative["other_matters"], ""]
    return "\n".join(lines)

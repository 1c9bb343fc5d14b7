"""Fixtures for the parser tests: portal-style HTML and PDF-style text written from a report.

The writers here lay reports out the way real publications do (FORMAT.md §2–4, §6B): HTML with
the official rowspan/colspan structure, and text as a PDF extractor gives it (labels broken
across lines, numbers wrapped, header cells split). They are test helpers, not a renderer.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govinfo_report import taxonomy as tx
from govinfo_report.model import AnnualReport
from govinfo_report.taxonomy import FormatVersion

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "samples"
CRASHERS = ROOT / "tests" / "corpus" / "crashers"


def _text(value: Any) -> str:
    return str(value) if not isinstance(value, Decimal) else format(value, "f")


def _values(report: AnnualReport) -> dict[str, str]:
    return {cell.id: _text(cell.value) for cell in report.cells()}


def _narrative(report: AnnualReport) -> dict[str, str]:
    from govinfo_report.draft import Draft

    draft = Draft.from_report(report)
    return {k: s.text for k, s in draft.sections.items()}


def html_of(report: AnnualReport, *, blank: frozenset[str] = frozenset()) -> str:
    """A portal-style HTML page of a report; cells whose id is in ``blank`` are left empty."""
    version = report.metadata.format_version
    values = _values(report)
    sections = {s.key: s.title for s in tx.sections(version)}
    narrative = _narrative(report)
    esc = html.escape

    def value(cell_id: str) -> str:
        return "" if cell_id in blank else esc(values[cell_id])

    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{esc(report.metadata.agency)}{report.metadata.year}年政府信息公开工作年度报告</title>",
        "</head><body><table class='layout'><tr><td><div class='nav'>首页 &gt; 信息公开</div>",
        f"<h1>{esc(report.metadata.agency)}<br>{report.metadata.year}年政府信息公开工作年度报告</h1>",
    ]
    if report.preamble:
        out += [f"<p>{esc(line)}</p>" for line in report.preamble.splitlines()]

    def text_section(key: str) -> None:
        out.append(f"<p><strong>{esc(sections[key])}</strong></p>")
        out.extend(f"<p>{esc(line)}</p>" for line in narrative.get(key, "").splitlines())

    text_section("overview")
    out.append(f"<p>{esc(sections['proactive_disclosure'])}</p><table border='1'><tbody>")
    tables = tx.subtables(version)
    width = max(len(t.columns) for t in tables) + 1
    for table in tables:
        out.append(f"<tr><td colspan='{width}'>{esc(table.caption)}</td></tr><tr><td>信息内容</td>")
        for i, column in enumerate(table.columns):
            span = width - len(table.columns) if i == len(table.columns) - 1 else 1
            out.append(f"<td colspan='{span}'>{esc(column.label)}</td>")
        out.append("</tr>")
        for row in table.rows:
            out.append(f"<tr><td>{esc(row.label)}</td>")
            for i, column in enumerate(table.columns):
                span = width - len(table.columns) if i == len(table.columns) - 1 else 1
                cell = f"proactive_disclosure.{table.key}.{row.key}.{column.key}"
                out.append(f"<td colspan='{span}'>{value(cell)}</td>")
            out.append("</tr>")
    out.append("</tbody></table>")

    out.append(f"<p>{esc(sections['requests'])}</p><table border='1'>")
    out.append(
        f"<tr><td colspan='3' rowspan='3'>{esc(tx.TABLE3_CORNER_NOTE)}</td>"
        "<td colspan='7'>申请人情况</td></tr>"
        "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td>"
        "<td rowspan='2'>总计</td></tr><tr>"
        + "".join(f"<td>{esc(c.label)}</td>" for c in tx.REQUEST_COLUMNS[1:6])
        + "</tr>"
    )
    leaves = tx.request_row_leaves(version)
    band = sum(
        1 for p in leaves if p[0].key not in ("new_requests", "carried_in", "carried_forward")
    )
    band_open = False
    for path in leaves:
        row_id = tx.row_id(path)
        cells = "".join(
            f"<td>{value(f'requests.{row_id}.{c.key}')}</td>" for c in tx.REQUEST_COLUMNS
        )
        head = ""
        if path[0].key in ("new_requests", "carried_in", "carried_forward"):
            head = f"<td colspan='3'>{esc(path[0].label)}</td>"
        else:
            if not band_open:
                head += f"<td rowspan='{band}'>三、本年度办理结果</td>"
                band_open = True
            if len(path) == 1:
                head += f"<td colspan='2'>{esc(path[0].label)}</td>"
            else:
                if path[0].children[0] is path[1]:
                    head += f"<td rowspan='{len(path[0].children)}'>{esc(path[0].label)}</td>"
                head += f"<td>{esc(path[1].label)}</td>"
        out.append(f"<tr>{head}{cells}</tr>")
    out.append("</table>")

    out.append(f"<p>{esc(sections['review_litigation'])}</p><table border='1'>")
    labels = "".join(f"<td>{esc(c.label)}</td>" for c in tx.CASE_COLUMNS)
    out.append(
        "<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr><tr>"
        + "".join(f"<td rowspan='2'>{esc(c.label)}</td>" for c in tx.CASE_COLUMNS)
        + "<td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>"
        + f"<tr>{labels}{labels}</tr><tr>"
        + "".join(
            f"<td>{value(f'review_litigation.{g.key}.{c.key}')}</td>"
            for g, _ in tx.CASE_GROUPS
            for c in tx.CASE_COLUMNS
        )
        + "</tr></table>"
    )
    text_section("problems_improvements")
    text_section("other_matters")
    out.append("</td></tr></table></body></html>")
    return "\n".join(out)


def _broken(label: str, rnd: random.Random) -> list[str]:
    """A label as a PDF extractor may give it: whole, or broken once or twice."""
    if len(label) < 4 or rnd.random() < 0.5:
        return [label]
    cut = rnd.randrange(2, len(label) - 1)
    return [label[:cut], label[cut:]]


def text_of(report: AnnualReport, seed: int = 0) -> str:
    """The report as text extracted from its PDF, with the usual breakage (FORMAT.md §6B)."""
    rnd = random.Random(seed)
    version = report.metadata.format_version
    values = _values(report)
    sections = {s.key: s.title for s in tx.sections(version)}
    narrative = _narrative(report)
    title = f"{report.metadata.agency}{report.metadata.year}年政府信息公开工作年度报告"
    lines = [*_broken(title, rnd), ""]
    if report.preamble:
        lines += [*report.preamble.splitlines(), ""]

    def row(label: str, cells: list[str]) -> None:
        parts = _broken(label, rnd)
        numbers = " ".join(cells)
        style = rnd.random()
        if style < 0.5:
            lines.extend(parts[:-1])
            lines.append(f"{parts[-1]} {numbers}")
        elif style < 0.75 and len(cells) > 2:
            lines.extend(parts)
            lines.append("")
            lines.append(" ".join(cells[:-1]))
            lines.append(cells[-1])
        else:
            lines.extend(parts)
            lines.append("")
            lines.append(numbers)
        lines.append("")

    def text_section(key: str) -> None:
        lines.append(sections[key])
        lines.extend(narrative.get(key, "").splitlines())
        lines.append("")

    text_section("overview")
    lines.append(sections["proactive_disclosure"])
    for table in tx.subtables(version):
        lines.append(table.caption)
        lines.append("信息内容 " + " ".join(c.label for c in table.columns))
        for r in table.rows:
            row(
                r.label,
                [
                    values[f"proactive_disclosure.{table.key}.{r.key}.{c.key}"]
                    for c in table.columns
                ],
            )
    lines.append(sections["requests"])
    lines += [
        "（本列数据的勾稽关系为：第一项加第二项之和，等",
        "于第三项加第四项之和）",
        "申请人情况",
    ]
    lines += ["自然", "人", "法人或其他组织", "总计商业", "企业", "科研", "机构", "其他", ""]
    band_done = False
    for path in tx.request_row_leaves(version):
        if path[0].key not in ("new_requests", "carried_in", "carried_forward") and not band_done:
            lines += ["三、本", "年度办", "理结果", ""]
            band_done = True
        if len(path) > 1 and path[0].children[0] is path[1]:
            label = path[0].label
            lines += [label[:4], label[4:], ""]
        row_id = tx.row_id(path)
        row(path[-1].label, [values[f"requests.{row_id}.{c.key}"] for c in tx.REQUEST_COLUMNS])
    lines.append(sections["review_litigation"])
    lines += [
        "行政复议 行政诉讼",
        "",
        "结果",
        "维持",
        "结果",
        "纠正",
        "其他",
        "结果",
        "尚未",
        "审结",
    ]
    lines += ["总计", "未经复议直接起诉 复议后起诉", ""]
    lines.append(
        " ".join(
            values[f"review_litigation.{g.key}.{c.key}"]
            for g, _ in tx.CASE_GROUPS
            for c in tx.CASE_COLUMNS
        )
    )
    lines.append("")
    text_section("problems_improvements")
    text_section("other_matters")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def write_html() -> Callable[..., str]:
    """The HTML writer."""
    return html_of


@pytest.fixture(scope="session")
def write_text() -> Callable[..., str]:
    """The PDF-style text writer."""
    return text_of


@pytest.fixture(scope="session")
def samples() -> Path:
    """The folder of real published samples."""
    return SAMPLES


__all__ = ["CRASHERS", "SAMPLES", "FormatVersion", "html_of", "text_of"]

"""The HTML page in a real browser (headless Chromium): the taxonomy's grid, and a page that fits a phone.

Runs Debian's ``chromium`` through playwright's Python API (its own browser download is never
used). Screenshots at desktop and phone widths are kept under ``build/browser/`` for CI.
"""

from __future__ import annotations

import importlib.util
import runpy
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo_report as gr
from govinfo_report.layout import TABLE_SECTIONS, Role, table_layout
from govinfo_report.render import render_html
from govinfo_report.render._context import printed

from .conftest import EXAMPLES, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or importlib.util.find_spec("playwright") is None,
    reason="needs Debian's chromium and playwright (.ci/run installs chromium; dev extra has playwright)",
)
SHOTS = ROOT / "build" / "browser"
FLAGS = runpy.run_path(str(ROOT / "scripts" / "publish_pictures.py"))["CHROMIUM_FLAGS"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}

_CELLS = """() => Array.from(document.querySelectorAll('table')).map(table =>
  Array.from(table.querySelectorAll('th, td')).map(cell => {
    const r = cell.getBoundingClientRect();
    return {tag: cell.tagName.toLowerCase(), text: cell.textContent,
            box: [r.left, r.top, r.right, r.bottom]};
  }))"""

_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const boxes = Array.from(document.querySelectorAll('table')).map(t => t.parentElement);
  const outside = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (boxes.some(box => box !== el && box.contains(el))) continue;
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5 || r.left < -0.5) outside.push(el.tagName + ': ' + r.right);
  }
  return {width: width, scroll: document.documentElement.scrollWidth, outside: outside,
          boxes: boxes.map(b => [b.clientWidth, b.scrollWidth])};
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="govinfo-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS, viewport=DESKTOP
        )
        try:
            yield context
        finally:
            context.close()


def _report(name: str) -> gr.AnnualReport:
    report = gr.load(EXAMPLES / f"{name}.yaml")
    # A long unbroken address must wrap rather than widen the page.
    text = report.other_matters.text + "\n详见 https://www.example.gov.cn/" + "xxgk/" * 30
    return attrs.evolve(report, other_matters=attrs.evolve(report.other_matters, text=text))


def _open(context: Any, report: gr.AnnualReport, tmp_path: Path, viewport: dict[str, int]) -> Any:
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(report), encoding="utf-8")
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.goto(page_file.as_uri())
    return page


def _edges(
    layout: Any, boxes: list[list[float]]
) -> tuple[dict[int, list[float]], dict[int, list[float]]]:
    """Grid lines as seen by the browser: x of each column's left and right, y of each row's."""
    columns: dict[int, list[float]] = {}
    rows: dict[int, list[float]] = {}
    for cell, (left, top, right, bottom) in zip(layout.spans, boxes, strict=True):
        columns.setdefault(2 * cell.left, []).append(left)
        columns.setdefault(2 * cell.right + 1, []).append(right)
        rows.setdefault(2 * cell.top, []).append(top)
        rows.setdefault(2 * cell.bottom + 1, []).append(bottom)
    return columns, rows


def _check_grid(report: gr.AnnualReport, drawn: list[list[dict[str, Any]]]) -> None:
    layouts = [table_layout(section, report.format_version) for section in TABLE_SECTIONS]
    assert len(drawn) == len(layouts)
    values = report.values()
    for layout, cells in zip(layouts, drawn, strict=True):
        assert len(cells) == len(layout.spans)
        for cell, seen in zip(layout.spans, cells, strict=True):
            if cell.role is Role.CELL:
                assert seen["text"] == printed(cell, values[cell.text])
            else:
                assert seen["text"] == cell.text
        for lines in _edges(layout, [c["box"] for c in cells]):
            # Every cell that starts (or ends) at a grid line is drawn on the same line ...
            for edge, positions in lines.items():
                assert max(positions) - min(positions) < 1.5, (layout.section, edge, positions)
            # ... and the lines come in the taxonomy's order, left to right and top to bottom.
            ordered = [sum(p) / len(p) for _, p in sorted(lines.items())]
            assert ordered == sorted(ordered), layout.section


@pytest.mark.parametrize("name", ["city-2024", "city-2020"])
def test_cells_sit_where_the_taxonomy_says(browser: Any, name: str, tmp_path: Path) -> None:
    report = _report(name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = _open(browser, report, tmp_path, viewport)
        try:
            _check_grid(report, page.evaluate(_CELLS))
            page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        finally:
            page.close()
        assert (SHOTS / f"{name}-{label}.png").stat().st_size > 0


def test_nothing_overflows_a_phone_except_inside_the_table_boxes(
    browser: Any, tmp_path: Path
) -> None:
    page = _open(browser, _report("city-2024"), tmp_path, PHONE)
    try:
        seen = page.evaluate(_OVERFLOW)
    finally:
        page.close()
    assert seen["width"] == PHONE["width"]
    assert seen["scroll"] <= seen["width"]  # the page itself never scrolls sideways
    assert seen["outside"] == []
    box_widths = [client for client, _ in seen["boxes"]]
    assert all(width <= seen["width"] for width in box_widths)
    # Tables 三 and 四 are wider than a phone: they scroll inside their own box.
    assert [scroll > client for client, scroll in seen["boxes"]][1:] == [True, True]

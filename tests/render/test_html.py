"""HTML for the portal: the Word grid cell for cell, valid, escaped, deterministic, read back."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import html5lib
import lxml.html
import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report import taxonomy as tx
from govinfo_report.cli import main
from govinfo_report.layout import TABLE_SECTIONS, Role, table_layout
from govinfo_report.model import AnnualReport
from govinfo_report.parse import InputKind, parse, sniff
from govinfo_report.render import render_html
from govinfo_report.render._context import printed
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.testing.strategies import reports

from .conftest import EXAMPLES

STRICT = html5lib.HTMLParser(strict=True)


def _drawn(table: lxml.html.HtmlElement) -> dict[tuple[int, int], tuple[int, int, str, str]]:
    """(row, column) of each drawn cell → (rowspan, colspan, tag, text), spans resolved."""
    taken: set[tuple[int, int]] = set()
    found = {}
    for r, tr in enumerate(table.xpath("./thead/tr|./tbody/tr")):
        c = 0
        for cell in tr.xpath("./th|./td"):
            while (r, c) in taken:
                c += 1
            rows, cols = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            found[(r, c)] = (rows, cols, cell.tag, cell.text_content())
            taken.update((r + i, c + j) for i in range(rows) for j in range(cols))
            c += cols
    return found


def _check_page(report: AnnualReport, html: str, fragment: bool) -> None:
    # Valid HTML: the WHATWG parser in strict mode raises on any parse error.
    if fragment:
        STRICT.parseFragment(html)
    else:
        STRICT.parse(html)
    data = html.encode("utf-8")
    assert sniff(data) is InputKind.HTML
    draft = parse(data, name="report.html")
    assert {k: c.value for k, c in draft.cells.items()} == {c.id: c.value for c in report.cells()}
    assert draft.format_version is report.format_version
    assert (draft.metadata.agency, draft.metadata.year) == (
        report.metadata.agency,
        report.metadata.year,
    )
    assert draft.metadata.published == report.metadata.published
    assert draft.identity_findings() == []
    assert not [n for n in draft.notes if n.code in ("format-mix", "table-missing")]


def _check(report: AnnualReport) -> None:
    page = render_html(report)
    fragment = render_html(report, fragment=True)
    assert render_html(report) == page  # deterministic
    assert fragment in page
    _check_page(report, page, fragment=False)
    _check_page(report, fragment, fragment=True)


@settings(max_examples=10, deadline=None)
@given(report=reports(FormatVersion.V2021))
def test_generated_2021_reports_read_back_from_page_and_fragment(report: AnnualReport) -> None:
    _check(report)


@settings(max_examples=10, deadline=None)
@given(report=reports(FormatVersion.V2019))
def test_generated_2019_reports_read_back_from_page_and_fragment(report: AnnualReport) -> None:
    _check(report)


@pytest.mark.parametrize("name", ["hongqi-2023", "city-2024", "city-2020"])
def test_examples_read_back(name: str) -> None:
    _check(gr.load(EXAMPLES / f"{name}.yaml"))


@pytest.mark.parametrize("version", list(FormatVersion))
def test_tables_are_the_word_grid(
    version: FormatVersion, city: AnnualReport, city2020: gr.AnnualReport
) -> None:
    report = city if version is FormatVersion.V2021 else city2020
    root = lxml.html.document_fromstring(render_html(report))
    tables = root.xpath("//table")
    layouts = [table_layout(section, version) for section in TABLE_SECTIONS]
    assert len(tables) == len(layouts)
    values = report.values()
    for table, layout in zip(tables, layouts, strict=True):
        drawn = _drawn(table)
        assert len(drawn) == len(layout.spans)
        for cell in layout.spans:
            rows, cols, tag, text = drawn[(cell.top, cell.left)]
            assert (rows, cols) == (cell.rowspan, cell.colspan)
            if cell.role is Role.CELL:
                assert (tag, text) == ("td", printed(cell, values[cell.text]))
            else:
                assert text == cell.text
                assert tag == ("td" if cell.role is Role.CORNER else "th")
        assert len(table.xpath("./colgroup/col")) == layout.cols


def test_accessible_headers(city: AnnualReport) -> None:
    root = lxml.html.document_fromstring(render_html(city))
    assert root.get("lang") == "zh-CN"
    ids = {th.get("id") for th in root.xpath("//th")}
    assert len(ids) == len(root.xpath("//th"))
    for table in root.xpath("//table"):
        assert table.xpath("./caption")[0].text_content()
        for th in table.xpath(".//th"):
            assert th.get("scope") in ("row", "rowgroup", "col", "colgroup")
        for td in table.xpath("./tbody//td[@headers]"):
            named = td.get("headers").split()
            assert named
            assert set(named) <= ids
    # The deepest number cell of table 三 names its row label path and its column headers.
    td = root.xpath("//td[@headers]")[-16]  # table 三, last row, 自然人 … (the 15 of 四 follow)
    words = [root.xpath(f'//th[@id="{i}"]')[0].text_content() for i in td.get("headers").split()]
    last_row = tx.request_row_leaves(FormatVersion.V2021)[-1][-1].label
    assert words[-1] == last_row
    assert tx.TABLE3_APPLICANT_HEADER in words


def test_fragment_uses_inline_styles_only(city: AnnualReport) -> None:
    fragment = render_html(city, fragment=True)
    for forbidden in ("<style", "<script", "<link", "class=", "@font-face", "url(", "<head"):
        assert forbidden not in fragment
    root = lxml.html.fragment_fromstring(fragment)
    assert root.tag == "article"
    assert root.get("lang") == "zh-CN"
    styled = {"article", "h1", "h2", "h3", "p", "div", "table", "caption", "th", "td", "col"}
    for element in root.iter():
        if element.tag in styled:
            assert element.get("style"), element.tag


def test_text_is_escaped(hongqi: gr.AnnualReport) -> None:
    report = hongqi
    hostile = '<script>alert("x")</script> & <b onclick=1>'
    report = attrs.evolve(
        report,
        metadata=attrs.evolve(report.metadata, agency=f"某局{hostile}"),
        other_matters=attrs.evolve(report.other_matters, text=hostile),
    )
    page = render_html(report)
    STRICT.parse(page)
    assert "<script" not in page
    assert "<b " not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onclick=1&gt;" in page
    assert lxml.html.document_fromstring(page).findtext(".//title").startswith(f"某局{hostile}")


def test_control_characters_are_refused_or_stripped(hongqi: gr.AnnualReport) -> None:
    report = hongqi
    report = attrs.evolve(report, other_matters=attrs.evolve(report.other_matters, text="无\x07。"))
    with pytest.raises(gr.RenderError, match=r"other_matters\.text"):
        render_html(report)
    assert "无。" in render_html(report, strip_control_chars=True)


def test_cli_writes_page_and_fragment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = EXAMPLES / "city-2024.yaml"
    report = gr.load(source)
    assert main(["render", str(source), "-o", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == render_html(report)
    out = tmp_path / "body.htm"
    assert main(["render", str(source), "-o", str(out), "--fragment"]) == 0
    assert out.read_text(encoding="utf-8") == render_html(report, fragment=True)
    assert main(["render", str(source), "-o", str(tmp_path), "--to", "html"]) == 0
    assert (tmp_path / "city-2024.html").is_file()
    assert "city-2024.html" in capsys.readouterr().out


@pytest.mark.parametrize(
    "extra",
    [
        ["-o", "x.html", "--to", "pdf"],  # extension and --to disagree
        ["-o", "x.docx", "--fragment"],  # a fragment is HTML
        ["-o", "x.html", "--annotate"],  # comments are Word's
        ["-o", "x.odt"],
        ["-o", "x.html", "--to", "rtf"],
        ["--output-dir", ".", "--to", "html"],
    ],
)
def test_usage_errors(extra: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_bytes((EXAMPLES / "hongqi-2023.yaml").read_bytes())
    assert main(["render", "a.yaml", *extra]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_missing_output_folder_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "r.html"
    # A missing output folder is a usage error (exit 2), as for every command (docs/limits.md).
    assert main(["render", str(EXAMPLES / "hongqi-2023.yaml"), "-o", str(target)]) == 2
    assert "output folder does not exist" in capsys.readouterr().err
    assert not target.parent.exists()


def test_phone_layout_markup(city: AnnualReport) -> None:
    page = render_html(city)
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
    # Every table sits in a box that scrolls sideways; the text wraps.
    boxes = re.findall(r'<div style="([^"]*)">\n<table', page)
    assert len(boxes) == 3
    assert all("overflow-x:auto" in box for box in boxes)
    assert "overflow-wrap:anywhere" in page

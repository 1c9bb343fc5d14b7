"""The bundled templates: generated from the taxonomy, one placeholder per cell, official layout."""

from __future__ import annotations

import re
import runpy
import zipfile
from collections import Counter
from typing import Any

import pytest
from docxtpl import DocxTemplate

from govinfo_report import taxonomy as tx
from govinfo_report.render import default_template_path, get_template
from govinfo_report.render._engine import new_env
from govinfo_report.taxonomy import FormatVersion

from .conftest import ROOT, W, part

VERSIONS = list(FormatVersion)
MAKE = runpy.run_path(str(ROOT / "scripts" / "make_template.py"))
PLACEHOLDER = re.compile(r'\{\{ ([\w.]+)(\|signed)?(?:\|with_unit\("([^"]+)"\))? \}\}')


def template_bytes(version: FormatVersion) -> bytes:
    return default_template_path(version).read_bytes()


@pytest.mark.parametrize("version", VERSIONS)
def test_committed_template_is_what_the_script_generates(version: FormatVersion) -> None:
    assert MAKE["build"](version) == template_bytes(version), (
        "run `python scripts/make_template.py`: never edit the template by hand"
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_placeholders_are_exactly_the_taxonomy_cells(version: FormatVersion) -> None:
    cells = {spec.id for spec in tx.cell_specs(version)}
    # docxtpl's own view: the top-level names the template reads.
    stock = DocxTemplate(str(default_template_path(version)))
    top = stock.get_undeclared_template_variables(jinja_env=new_env())
    assert {name.split(".")[0] for name in cells} <= top
    assert top <= {
        "metadata", "preamble", "overview", "proactive_disclosure", "requests",
        "review_litigation", "problems_improvements", "other_matters",
    }  # fmt: skip
    # The full dotted names: the number cells are exactly the taxonomy's.
    names = get_template(None, version).names
    table_names = {n for n in names if n.split(".")[0] in {"proactive_disclosure", "requests",
                                                        "review_litigation"}}  # fmt: skip
    assert table_names == cells
    # One placeholder per cell, each once.
    with zipfile.ZipFile(default_template_path(version)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    counts = Counter(m.group(1) for m in PLACEHOLDER.finditer(xml) if m.group(1) in cells)
    assert set(counts) == cells
    assert set(counts.values()) == {1}
    signed = {m.group(1) for m in PLACEHOLDER.finditer(xml) if m.group(2)}
    assert signed == {s.id for s in tx.cell_specs(version) if s.kind is tx.CellKind.SIGNED}
    # A cell whose header names no unit carries the column's (2019's 采购总金额, in 万元).
    units = {m.group(1): m.group(3) for m in PLACEHOLDER.finditer(xml) if m.group(3)}
    assert units == {
        f"proactive_disclosure.{sub.key}.{row.key}.{column.key}": column.cell_unit
        for sub in tx.subtables(version)
        for row in sub.rows
        for column in sub.columns
        if column.cell_unit
    }


def _tables(version: FormatVersion) -> list[Any]:
    return part(template_bytes(version)).findall(f"{W}body/{W}tbl")


def _grid(table: Any) -> list[list[tuple[str, int, str | None]]]:
    """Each row as (text, gridSpan, vMerge) per cell."""
    rows = []
    for tr in table.findall(f"{W}tr"):
        cells = []
        for tc in tr.findall(f"{W}tc"):
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
            cells.append(
                (
                    text,
                    int(span.get(f"{W}val")) if span is not None else 1,
                    None if merge is None else merge.get(f"{W}val", "continue"),
                )
            )
        rows.append(cells)
    return rows


def _vertical_extent(grid: list[list[tuple[str, int, str | None]]], text: str) -> int:
    """How many rows the vertically merged cell holding ``text`` covers."""
    for r, row in enumerate(grid):
        column = 0
        for cell in row:
            if cell[0] == text:
                if cell[2] != "restart":
                    return 1
                extent = 1
                for below in grid[r + 1 :]:
                    col = 0
                    hit = None
                    for other in below:
                        if col == column:
                            hit = other
                        col += other[1]
                    if hit is None or hit[2] != "continue":
                        break
                    extent += 1
                return extent
            column += cell[1]
    raise AssertionError(f"{text} not found")


@pytest.mark.parametrize("version", VERSIONS)
def test_table_3_header_and_nested_merges(version: FormatVersion) -> None:
    grid = _grid(_tables(version)[1])
    corner = grid[0][0]
    assert corner[0] == tx.TABLE3_CORNER_NOTE
    assert corner[1] == 3
    assert _vertical_extent(grid, tx.TABLE3_CORNER_NOTE) == 3
    assert grid[0][1][:2] == (tx.TABLE3_APPLICANT_HEADER, 7)
    assert _vertical_extent(grid, "自然人") == 2
    assert _vertical_extent(grid, "总计") == 2
    assert (tx.TABLE3_ORGANIZATION_GROUP, 5) in [(c[0], c[1]) for c in grid[1]]
    organisations = [c.label for c in tx.REQUEST_COLUMNS if c.group]
    assert [c[0] for c in grid[2] if c[0]] == organisations
    band = 22 if version is FormatVersion.V2021 else 20
    assert _vertical_extent(grid, tx.OUTCOMES_BAND.label) == band
    assert _vertical_extent(grid, "（三）不予公开") == 8
    assert _vertical_extent(grid, "（四）无法提供") == 3
    assert _vertical_extent(grid, "（五）不予处理") == 5
    other = 3 if version is FormatVersion.V2021 else 1
    assert _vertical_extent(grid, "（六）其他处理") == other
    # Rows outside the band span the three label columns; every row holds 7 placeholders.
    leaves = tx.request_row_leaves(version)
    assert len(grid) == 3 + len(leaves)
    for row, path in zip(grid[3:], leaves, strict=True):
        if path[0].key in {"new_requests", "carried_in", "carried_forward"}:
            assert row[0][:2] == (path[0].label, 3)
        assert [c[0] for c in row[-7:]] == [
            f"{{{{ requests.{tx.row_id(path)}.{c.key} }}}}" for c in tx.REQUEST_COLUMNS
        ]


@pytest.mark.parametrize("version", VERSIONS)
def test_table_4_three_level_header(version: FormatVersion) -> None:
    grid = _grid(_tables(version)[2])
    assert [(c[0], c[1]) for c in grid[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert [(c[0], c[1]) for c in grid[1][5:]] == [("未经复议直接起诉", 5), ("复议后起诉", 5)]
    labels = [c.label for c in tx.CASE_COLUMNS]
    assert [c[0] for c in grid[1][:5]] == labels
    assert all(c[2] == "restart" for c in grid[1][:5])
    assert [c[0] for c in grid[2][5:]] == labels * 2
    assert len(grid[3]) == 15


@pytest.mark.parametrize("version", VERSIONS)
def test_table_2_captions_and_headers(version: FormatVersion) -> None:
    grid = _grid(_tables(version)[0])
    texts = [row[0][0] for row in grid]
    for sub in tx.subtables(version):
        at = texts.index(sub.caption)
        assert len(grid[at]) == 1  # the caption spans the table
        assert [c[0] for c in grid[at + 1]] == [sub.header, *(c.label for c in sub.columns)]
        assert [grid[at + 2 + i][0][0] for i in range(len(sub.rows))] == [r.label for r in sub.rows]


@pytest.mark.parametrize("version", VERSIONS)
def test_headings_in_order_with_exact_titles(version: FormatVersion) -> None:
    body = part(template_bytes(version)).find(f"{W}body")
    headings = [
        "".join(t.text or "" for t in p.iter(f"{W}t"))
        for p in body.findall(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "GovHeading1"
    ]
    assert headings == [s.title for s in tx.sections(version)]


def test_typography() -> None:
    from docx import Document

    path = default_template_path(FormatVersion.V2021)
    document = Document(str(path))
    section = document.sections[0]
    measures = (
        section.page_width, section.page_height, section.top_margin, section.bottom_margin,
        section.left_margin, section.right_margin,
    )  # fmt: skip
    assert [m.mm for m in measures] == pytest.approx([210, 297, 37, 35, 28, 26], abs=0.05)
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}linePitch") == "579"  # 225 mm / 22 lines = 28.95 pt
    assert document.settings.odd_and_even_pages_header_footer
    styles = part(path.read_bytes(), "word/styles.xml")
    assert not [
        a for f in styles.iter(f"{W}rFonts") for a in f.attrib if a.endswith(("Theme", "theme"))
    ]

    def fonts(style_id: str) -> tuple[str | None, str | None]:
        style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == style_id)
        rpr = style.find(f"{W}rPr")
        f = rpr.find(f"{W}rFonts")
        sz = rpr.find(f"{W}sz")
        return (
            None if f is None else f.get(f"{W}eastAsia"),
            None if sz is None else sz.get(f"{W}val"),
        )

    assert fonts("Normal") == ("仿宋_GB2312", "32")
    assert fonts("GovTitle") == ("方正小标宋简体", "44")
    assert fonts("GovHeading1")[0] == "黑体"
    assert fonts("GovHeading2")[0] == "楷体_GB2312"
    assert fonts("GovPageNumber") == ("宋体", "28")
    for heading in ("GovHeading1", "GovHeading2", "GovTitle"):
        style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == heading)
        assert style.find(f"{W}pPr/{W}keepNext") is not None
    # 28 characters per line: 28 × (16 pt − 0.25 pt) fit the 156 mm line.
    normal = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    condense = int(normal.find(f"{W}rPr/{W}spacing").get(f"{W}val")) / 20
    assert 28 * (16 + condense) <= 156 / 25.4 * 72 < 29 * (16 + condense)
    # Page numbers "— N —": right on odd pages, left on even pages.
    odd = part(path.read_bytes(), "word/footer1.xml")
    even = part(path.read_bytes(), "word/footer2.xml")
    for footer, side in ((odd, "right"), (even, "left")):
        text = "".join(t.text or "" for t in footer.iter(f"{W}t"))
        assert text == "— 1 —"
        assert "PAGE" in "".join(t.text or "" for t in footer.iter(f"{W}instrText"))
        assert footer.find(f".//{W}jc").get(f"{W}val") == side
    # Table header rows repeat on each page (tables 三 and 四), rows never split.
    tables = part(path.read_bytes()).findall(f"{W}body/{W}tbl")
    for table in tables[1:]:
        rows = table.findall(f"{W}tr")
        assert [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows[:4]] == [
            True, True, True, False,
        ]  # fmt: skip
    rows = [r for t in tables for r in t.findall(f"{W}tr")]
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)


@pytest.mark.parametrize("version", VERSIONS)
def test_reading_gives_every_member_and_the_body_apart_for_compiling(
    version: FormatVersion, hongqi: Any
) -> None:
    import io

    from govinfo_report.render import build_context
    from govinfo_report.render._engine import CompiledTemplate, _read_docx

    data = template_bytes(version)
    read = _read_docx(data, "t.docx")
    with zipfile.ZipFile(default_template_path(version)) as archive:
        assert [name for name, _ in read.members] == archive.namelist()
    body, jinja, prefix, suffix = read.parts[0]
    assert body == "word/document.xml"
    assert jinja.startswith("<w:body")
    assert "{{" in jinja
    assert prefix.startswith(b"<?xml")
    assert prefix.endswith(b">")
    assert b"<w:body" not in prefix + suffix
    assert suffix.strip() == b"</w:document>"
    if version is hongqi.format_version:  # compiled from that reading, rendered in that order
        out = CompiledTemplate(data, "t.docx").render(build_context(hongqi))
        with zipfile.ZipFile(io.BytesIO(out)) as archive:
            assert archive.namelist() == [name for name, _ in read.members]

"""Generate the default Word templates from the taxonomy (``--check`` fails if they differ).

Writes ``src/govinfo_report/render/templates/report-2021.docx`` and ``report-2019.docx`` with
python-docx. Every label comes from :mod:`govinfo_report.taxonomy`; every number cell holds one
placeholder named by its cell id (``{{ requests.withheld.state_secret.natural_person }}``); every
merge is static in the template. Never edit the .docx files by hand: change this script and run it.

Typography follows GB/T 9704-2012 (党政机关公文格式):

* A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a 156 × 225 mm text block;
* 22 lines of 28 characters: a line grid with a pitch of 225 mm / 22 ≈ 28.95 pt, body lines at
  exactly that pitch, and body characters condensed by 0.25 pt so that 28 of them (28 × 15.75 pt)
  fill the 156 mm line. (A character grid, ``w:type="linesAndChars"`` with a negative
  ``w:charSpace``, gives 28 characters in Word but 14 in LibreOffice, which gives each character
  two grid cells once the pitch is below the font size; condensing works in both.)
* body 3号 (16 pt) 仿宋_GB2312, 一、 headings 黑体, （一） headings 楷体_GB2312, the title 2号 (22 pt)
  方正小标宋简体; each font is named for East Asian text explicitly (``w:eastAsia``) and the theme
  fonts of python-docx's default template are removed;
* page numbers "— 1 —" in 4号 (14 pt) 宋体, one character in from the right on odd pages and from
  the left on even pages (``w:evenAndOddHeaders``);
* tables in 仿宋_GB2312 at 五号 (10.5 pt, section 二) and 小五 (9 pt, sections 三 and 四, whose ten and
  fifteen columns do not fit otherwise), off the line grid, single spaced; the header rows of
  tables 三 and 四 repeat on each page (``w:tblHeader``); rows never split across pages; headings
  and table captions keep with the next paragraph.
"""

from __future__ import annotations

import argparse
import io
import math
import re
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from lxml import etree

from govinfo_report import taxonomy as tx
from govinfo_report.layout import TABLE_SECTIONS, Role, TableLayout, table_layout
from govinfo_report.render._context import placeholder
from govinfo_report.taxonomy import FormatVersion

TEMPLATES = (
    Path(__file__).resolve().parent.parent / "src" / "govinfo_report" / "render" / "templates"
)

# --- page geometry (GB/T 9704-2012 §5.2) ----------------------------------------------------

PAGE_W, PAGE_H = 210.0, 297.0
TOP, BOTTOM, LEFT, RIGHT = 37.0, 35.0, 28.0, 26.0
TEXT_W, TEXT_H = PAGE_W - LEFT - RIGHT, PAGE_H - TOP - BOTTOM  # 156 × 225 mm
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14
TABLE_PT, SMALL_TABLE_PT = 10.5, 9


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


LINE_PITCH = math.floor(TEXT_H / 25.4 * 1440 / LINES)  # 579 twips = 28.95 pt
# Character spacing in twentieths of a point, rounded down so that 28 characters fit a line.
CONDENSE = math.floor((TEXT_W / 25.4 * 72 / CHARS - BODY_PT) * 20)  # -5 = -0.25 pt

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
TITLE_FONT = "方正小标宋简体"
PAGE_NUMBER_FONT = "宋体"
# Fonts Word may use where the _GB2312 fonts of older Windows are not installed.
FONT_ALIASES = {
    BODY_FONT: ("仿宋", "49"),
    SUBHEADING_FONT: ("楷体", "49"),
    HEADING_FONT: ("SimHei", "49"),
    TITLE_FONT: ("宋体", "02"),
    PAGE_NUMBER_FONT: ("SimSun", "02"),
}

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'


def _size(pt: float) -> str:
    half = round(pt * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


_INDENT_2 = f'<w:ind w:firstLineChars="200" w:firstLine="{BODY_PT * 40}"/>'
_EXACT = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
_SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
_NORMAL_SPACING = '<w:spacing w:val="0"/>'

# styleId, name, basedOn, pPr body, rPr body
_STYLES: tuple[tuple[str, str, str | None, str, str], ...] = (
    (
        "GovTitle",
        "Gov Title",
        "Normal",
        f'<w:keepNext/><w:keepLines/>{_EXACT}<w:ind w:firstLine="0"/><w:jc w:val="center"/>'
        '<w:outlineLvl w:val="0"/>',
        _fonts(TITLE_FONT) + _NORMAL_SPACING + _size(TITLE_PT),
    ),
    (
        "GovBody",
        "Gov Body",
        "Normal",
        _INDENT_2,
        "",
    ),
    (
        "GovHeading1",
        "Gov Heading 1",
        "Normal",
        f'<w:keepNext/><w:keepLines/>{_INDENT_2}<w:outlineLvl w:val="1"/>',
        _fonts(HEADING_FONT),
    ),
    (
        "GovHeading2",
        "Gov Heading 2",
        "Normal",
        f'<w:keepNext/><w:keepLines/>{_INDENT_2}<w:outlineLvl w:val="2"/>',
        _fonts(SUBHEADING_FONT),
    ),
    (
        # 署名 and 成文日期 (GB/T 9704-2012 7.3.5.2): right-aligned, two characters from the edge.
        "GovSignature",
        "Gov Signature",
        "Normal",
        f'<w:keepNext/><w:keepLines/><w:ind w:firstLine="0" w:right="{BODY_PT * 40}" '
        'w:rightChars="200"/><w:jc w:val="right"/>',
        "",
    ),
    (
        "GovTable",
        "Gov Table Text",
        "Normal",
        f'<w:snapToGrid w:val="0"/>{_SINGLE}<w:ind w:firstLine="0"/><w:jc w:val="center"/>',
        _NORMAL_SPACING + _size(TABLE_PT),
    ),
    (
        "GovTableSmall",
        "Gov Table Text Small",
        "GovTable",
        "",
        _size(SMALL_TABLE_PT),
    ),
    (
        "GovPageNumber",
        "Gov Page Number",
        "Normal",
        f'<w:snapToGrid w:val="0"/>{_SINGLE}<w:ind w:firstLine="0"/>',
        _fonts(PAGE_NUMBER_FONT) + _NORMAL_SPACING + _size(PAGE_NUMBER_PT),
    ),
)


def _style_xml(style_id: str, name: str, based_on: str | None, ppr: str, rpr: str) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{based}<w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _setup_styles(document: Any) -> None:
    """Keep only the styles in use, without theme fonts, and add the report's own."""
    styles = document.styles.element
    keep = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
    for child in list(styles):
        if child.tag == qn("w:latentStyles") or (
            child.tag == qn("w:style") and child.get(qn("w:styleId")) not in keep
        ):
            styles.remove(child)
    defaults = styles.find(qn("w:docDefaults"))
    styles.remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{_fonts(BODY_FONT)}"
            f'<w:kern w:val="2"/>{_size(BODY_PT)}'
            '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            f"<w:pPrDefault><w:pPr>{_EXACT}</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    normal = next(s for s in styles.iter(qn("w:style")) if s.get(qn("w:styleId")) == "Normal")
    for child in list(normal):
        if child.tag in (qn("w:pPr"), qn("w:rPr")):
            normal.remove(child)
    normal.append(
        parse_xml(f'<w:pPr {nsdecls("w")}><w:widowControl/>{_EXACT}<w:jc w:val="both"/></w:pPr>')
    )
    normal.append(
        parse_xml(
            f'<w:rPr {nsdecls("w")}>{_fonts(BODY_FONT)}<w:spacing w:val="{CONDENSE}"/>'
            f"{_size(BODY_PT)}</w:rPr>"
        )
    )
    for spec in _STYLES:
        styles.append(parse_xml(_style_xml(*spec)))
    # Theme fonts would override the explicit names: remove every theme attribute.
    theme_attrs = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in theme_attrs:
            fonts.attrib.pop(attr, None)


def _setup_font_table(document: Any) -> None:
    font_table = next(
        rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")
    )
    root = etree.fromstring(font_table.blob)
    for name, (alt, family) in FONT_ALIASES.items():
        root.append(
            etree.fromstring(
                f'<w:font xmlns:w="{W_NS}" w:name="{name}"><w:altName w:val="{alt}"/>'
                f'<w:charset w:val="86"/><w:family w:val="{"modern" if family == "49" else "roman"}"/>'
                '<w:pitch w:val="variable"/></w:font>'
            )
        )
    font_table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_extra_parts(document: Any) -> None:
    """Drop parts a report does not need (styles with effects, custom XML, the thumbnail)."""
    for rel in list(document.part.rels.values()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            document.part.drop_rel(rel.rId)
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rel_id]


# --- paragraphs ------------------------------------------------------------------------


_STYLE_NAMES = {style_id: name for style_id, name, *_ in _STYLES}


def _paragraph(document: Any, text: str, style: str) -> None:
    paragraph = document.add_paragraph(style=_STYLE_NAMES[style])
    if text:
        paragraph.add_run(text)


def _loop(document: Any, header: str, body: list[tuple[str, str]], footer: str) -> None:
    """A ``{%p ... %}`` block: paragraphs repeated or shown on a condition."""
    _paragraph(document, "{%p " + header + " %}", "GovBody")
    for text, style in body:
        _paragraph(document, text, style)
    _paragraph(document, "{%p " + footer + " %}", "GovBody")


def _paragraphs_of(document: Any, name: str) -> None:
    _loop(document, f"for para in {name}", [("{{ para }}", "GovBody")], "endfor")


def _narrative(document: Any, section: str) -> None:
    """Free text, then each structured part present under its canonical heading."""
    _paragraphs_of(document, f"{section}.paragraphs")
    if section in tx.NARRATIVE_PARTS:
        _paragraph(document, "{%p for part in " + section + ".parts %}", "GovBody")
        _paragraph(document, "{{ part.label }}", "GovHeading2")
        _paragraphs_of(document, "part.paragraphs")
        _paragraph(document, "{%p endfor %}", "GovBody")


# --- tables ----------------------------------------------------------------------------


def _tbl_pr(table: Any, widths: Sequence[float]) -> None:
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for child in list(tbl_pr):
        if child.tag != qn("w:tblStyle"):
            tbl_pr.remove(child)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    for xml in (
        f'<w:tblW {nsdecls("w")} w:w="{sum(_twips(w) for w in widths)}" w:type="dxa"/>',
        f'<w:jc {nsdecls("w")} w:val="center"/>',
        f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>",
        f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>',
        f"<w:tblCellMar {nsdecls('w')}>"
        '<w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>',
        f'<w:tblLook {nsdecls("w")} w:val="0000" w:firstRow="0" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
    ):
        tbl_pr.append(parse_xml(xml))
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(_twips(width)))


def _finish_table(
    table: Any,
    widths: Sequence[float],
    style: str,
    header_rows: int,
    keep_rows: set[int],
    left_cells: set[tuple[int, int]],
) -> None:
    """Widths, fonts, alignment and pagination of every cell once the merges are done."""
    _tbl_pr(table, widths)
    for r, tr in enumerate(table._tbl.tr_lst):
        tr_pr = tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r < header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
        column = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc_pr = tc.get_or_add_tcPr()
            for old in tc_pr.findall(qn("w:tcW")):
                tc_pr.remove(old)
            width = sum(_twips(w) for w in widths[column : column + span])
            tc_pr.insert(0, parse_xml(f'<w:tcW {nsdecls("w")} w:w="{width}" w:type="dxa"/>'))
            tc_pr.append(parse_xml(f'<w:vAlign {nsdecls("w")} w:val="center"/>'))
            for p in tc.findall(qn("w:p")):
                p_pr = p.get_or_add_pPr()
                p_pr.style = style
                if (r, column) in left_cells:
                    p_pr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="left"/>'))
                if r in keep_rows:
                    p_pr.insert(1, OxmlElement("w:keepNext"))
            column += span


def _table(document: Any, layout: TableLayout) -> None:
    """A table drawn from its layout: every merge static, every number cell a placeholder."""
    table = document.add_table(rows=layout.rows, cols=layout.cols)
    for spec in layout.spans:
        cell = table.cell(spec.top, spec.left)
        if spec.merged:
            cell = cell.merge(table.cell(spec.bottom, spec.right))
        text = placeholder(spec) if spec.role is Role.CELL else spec.text
        cell.paragraphs[0].add_run(text)
    widths = layout.widths(TEXT_W)
    style = "GovTableSmall" if layout.small else "GovTable"
    _finish_table(
        table, widths, style, layout.header_rows, set(layout.keep_rows), set(layout.left_aligned)
    )


# --- page setup, footers ------------------------------------------------------------------


def _page_number(footer: Any, align: str) -> None:
    side = "right" if align == "right" else "left"
    paragraph = footer.paragraphs[0]
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.style = "GovPageNumber"
    p_pr.append(
        parse_xml(f'<w:ind {nsdecls("w")} w:{side}Chars="100" w:{side}="{PAGE_NUMBER_PT * 20}"/>')
    )
    p_pr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="{align}"/>'))
    runs = (
        '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve"> —</w:t></w:r>'
    )
    for run in parse_xml(f"<w:p {nsdecls('w')}>{runs}</w:p>"):
        paragraph._p.append(run)


def _setup_page(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    section.header_distance = Mm(15)
    # The page number's top sits 7 mm below the text block (GB/T 9704 §7.5).
    section.footer_distance = Mm(BOTTOM - 7) - Pt(PAGE_NUMBER_PT * 1.3)
    section.gutter = Mm(0)
    sect_pr = section._sectPr
    for grid in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(grid)
    sect_pr.append(
        parse_xml(f'<w:docGrid {nsdecls("w")} w:type="lines" w:linePitch="{LINE_PITCH}"/>')
    )
    document.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    _page_number(section.footer, "right")
    section.even_page_footer.is_linked_to_previous = False
    _page_number(section.even_page_footer, "left")


# --- the document ----------------------------------------------------------------------


def build_document(version: FormatVersion) -> Any:
    """The template of a format version as a python-docx ``Document``."""
    document = docx.Document()
    _drop_extra_parts(document)
    _setup_styles(document)
    _setup_font_table(document)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _setup_page(document)
    props = document.core_properties
    props.title = "{{ title }}"
    props.author = "{{ metadata.agency }}"
    props.comments = ""
    props.subject = tx.TITLE_SUFFIX
    props.language = "zh-CN"
    props.last_modified_by = ""
    props.revision = 1

    _paragraph(document, "{{ metadata.agency }}", "GovTitle")
    _paragraph(document, "{{ metadata.year }}年" + tx.TITLE_SUFFIX, "GovTitle")
    _paragraph(document, "", "GovBody")
    _paragraphs_of(document, "preamble.paragraphs")
    for section in tx.sections(version):
        _paragraph(document, section.title, "GovHeading1")
        if section.key in TABLE_SECTIONS:
            _table(document, table_layout(section.key, version))
            _paragraph(document, "", "GovBody")  # a blank line after each table
        elif section.key == "other_matters":
            _paragraphs_of(document, "other_matters.paragraphs")
            _loop(
                document,
                "if other_matters.fee_note",
                [("{{ other_matters.fee_note }}", "GovBody")],
                "endif",
            )
            # A dated report is signed: a blank line, the body's name, the date (Arabic numerals).
            _loop(
                document,
                "if metadata.published",
                [
                    ("", "GovBody"),
                    ("{{ metadata.agency }}", "GovSignature"),
                    ("{{ metadata.published_label }}", "GovSignature"),
                ],
                "endif",
            )
        else:
            _narrative(document, section.key)
    return document


_DATE_ELEMENTS = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def build(version: FormatVersion) -> bytes:
    """The template of a format version as .docx bytes, reproducible byte for byte."""
    buffer = io.BytesIO()
    build_document(version).save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _DATE_ELEMENTS.sub(b"", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            target.writestr(fixed, data, compresslevel=9)
    return out.getvalue()


def template_path(version: FormatVersion) -> Path:
    """Where the committed template of a format version lives."""
    return TEMPLATES / f"report-{version.value}.docx"


def main(argv: list[str] | None = None) -> int:
    """Write the templates, or with ``--check`` report whether the committed ones are current."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="fail if a template is out of date")
    args = parser.parse_args(argv)
    stale = []
    for version in FormatVersion:
        data, path = build(version), template_path(version)
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path.name} ({len(data)} bytes)")
    if stale:
        print(f"out of date: {', '.join(stale)}: run scripts/make_template.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

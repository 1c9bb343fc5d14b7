"""Rendering reports: content, safety, determinism, atomic output, equality with stock docxtpl."""

from __future__ import annotations

import datetime as dt
import io
import threading
import zipfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docxtpl import DocxTemplate
from lxml import etree

import govinfo_report as gr
from govinfo_report import taxonomy as tx
from govinfo_report.render import build_context, default_template_path, render
from govinfo_report.render._engine import new_env

from .conftest import W, document, part, texts


def stock_render(template: Path, context: dict[str, object]) -> bytes:
    """What a fresh stock DocxTemplate makes of the same template and context."""
    stock = DocxTemplate(str(template))
    stock.render(context, jinja_env=new_env(), autoescape=True)
    out = io.BytesIO()
    stock.save(out)
    return out.getvalue()


def canonical(data: bytes, name: str) -> bytes:
    return bytes(etree.tostring(part(data, name), method="c14n"))


@pytest.mark.parametrize("name", ["hongqi", "city", "city2020"])
def test_content_identical_to_stock_docxtpl(name: str, request: pytest.FixtureRequest) -> None:
    report: gr.AnnualReport = request.getfixturevalue(name)
    report = attrs.evolve(report, preamble="A & B <c> “引号” 'x'\n\t第二段")
    context = build_context(report)
    ours = render(report)
    theirs = stock_render(default_template_path(report.format_version), context)
    assert canonical(ours, "word/document.xml") == canonical(theirs, "word/document.xml")
    for footer in ("word/footer1.xml", "word/footer2.xml"):
        assert canonical(ours, footer) == canonical(theirs, footer)
    core_ours, core_theirs = part(ours, "docProps/core.xml"), part(theirs, "docProps/core.xml")
    dc = "{http://purl.org/dc/elements/1.1/}"
    for tag in ("title", "creator"):
        assert core_ours.find(dc + tag).text == core_theirs.find(dc + tag).text
    assert core_ours.find(dc + "title").text == report.title


def test_the_document_reads_as_the_report(city: gr.AnnualReport) -> None:
    data = render(city)
    paragraphs = texts(data)
    assert paragraphs[:2] == [city.metadata.agency, f"{city.metadata.year}年{tx.TITLE_SUFFIX}"]
    headings = [p.text for p in document(data).paragraphs if p.style.name == "Gov Heading 1"]
    assert headings == [s.title for s in tx.sections(city.format_version)]
    assert city.preamble in paragraphs
    # No template syntax survives.
    xml = etree.tostring(part(data)).decode()
    assert "{{" not in xml
    assert "{%" not in xml


def test_narrative_paragraphs_and_part_headings(hongqi: gr.AnnualReport) -> None:
    overview = attrs.evolve(
        hongqi.overview,
        summary="第一段。\r\n\r\n　　第二段。\n",
        on_request=None,
        platform="",
        oversight="甲\n乙",
    )
    report = attrs.evolve(hongqi, overview=overview)
    paragraphs = texts(render(report))
    start = paragraphs.index("一、总体情况")
    end = paragraphs.index("二、主动公开政府信息情况")
    labels = {n.key: n.label for n in tx.NARRATIVE_PARTS["overview"]}
    assert paragraphs[start + 1 : end] == [
        "第一段。",
        "第二段。",
        labels["proactive"],
        *report.overview.proactive.split("\n"),  # type: ignore[union-attr]
        labels["information_management"],
        report.overview.information_management,
        labels["oversight"],
        "甲",
        "乙",
    ]
    styles = {p.text: p.style.name for p in document(render(report)).paragraphs}
    assert styles[labels["oversight"]] == "Gov Heading 2"
    assert styles["甲"] == "Gov Body"


def test_none_never_prints_and_zero_prints_zero(hongqi: gr.AnnualReport) -> None:
    data = render(hongqi)
    xml = etree.tostring(part(data), encoding="unicode")
    assert "None" not in xml
    table = document(data).tables[1]
    assert table.rows[3].cells[-1].text == "0"


def test_decimals_print_exactly(city: gr.AnnualReport) -> None:
    for amount, printed in (
        (Decimal("59237.2449"), "59237.2449"),
        (Decimal("1E+3"), "1000"),
        (Decimal("0.10"), "0.10"),
        (Decimal(0), "0"),
    ):
        sub = city.proactive_disclosure
        fees = attrs.evolve(sub.art20_8.admin_fees, amount_wan_yuan=amount)  # type: ignore[union-attr]
        report = attrs.evolve(
            city,
            proactive_disclosure=attrs.evolve(
                sub, art20_8=attrs.evolve(sub.art20_8, admin_fees=fees)
            ),
        )
        table = document(render(report)).tables[0]
        assert table.rows[-1].cells[-1].text == printed


def test_fee_note(hongqi: gr.AnnualReport) -> None:
    paragraphs = texts(render(hongqi))
    assert "本年度收取信息处理费0元。" in paragraphs
    mentioned = attrs.evolve(
        hongqi.other_matters, text="本年度收取信息处理费 3940 元。", info_processing_fee_yuan=3940
    )
    paragraphs = texts(render(attrs.evolve(hongqi, other_matters=mentioned)))
    assert "本年度收取信息处理费 3940 元。" in paragraphs
    assert not [p for p in paragraphs if p.startswith("本年度收取信息处理费3940")]
    unset = attrs.evolve(hongqi.other_matters, info_processing_fee_yuan=None)
    assert not [p for p in texts(render(attrs.evolve(hongqi, other_matters=unset))) if "费0" in p]


def test_a_dated_report_is_signed_at_the_end(hongqi: gr.AnnualReport) -> None:
    assert hongqi.metadata.published is None
    undated = [p for p in texts(render(hongqi)) if p.strip()]
    assert hongqi.metadata.agency not in undated[1:]  # in the title only: no signature
    dated = attrs.evolve(hongqi.metadata, published=dt.date(2024, 1, 5))
    document_ = document(render(attrs.evolve(hongqi, metadata=dated)))
    last = [p for p in document_.paragraphs if p.text.strip()][-2:]
    assert [p.text for p in last] == [hongqi.metadata.agency, "2024年1月5日"]
    assert {p.style.name for p in last} == {"Gov Signature"}
    assert {p.style.paragraph_format.alignment for p in last} == {WD_ALIGN_PARAGRAPH.RIGHT}


def test_markup_characters_are_escaped(hongqi: gr.AnnualReport) -> None:
    agency = "A&B<局>\"'"
    report = attrs.evolve(
        hongqi,
        metadata=attrs.evolve(hongqi.metadata, agency=agency),
        preamble="1 < 2 && 3 > 2 </w:t></w:r>",
    )
    data = render(report)
    paragraphs = texts(data)
    assert paragraphs[0] == agency
    assert "1 < 2 && 3 > 2 </w:t></w:r>" in paragraphs
    assert (
        part(data, "docProps/core.xml").find("{http://purl.org/dc/elements/1.1/}title").text
        == report.title
    )


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("metadata.agency", lambda r: {"metadata": attrs.evolve(r.metadata, agency="局\x00")}),
        ("preamble", lambda r: {"preamble": "好\x1b"}),
        (
            "overview.oversight",
            lambda r: {"overview": attrs.evolve(r.overview, oversight="甲\ufffe")},
        ),
        (
            "other_matters.text",
            lambda r: {"other_matters": attrs.evolve(r.other_matters, text="\x0c")},
        ),
    ],
)
def test_control_characters_are_refused_or_stripped(
    hongqi: gr.AnnualReport, field: str, change: object, tmp_path: Path
) -> None:
    report = attrs.evolve(hongqi, **change(hongqi))  # type: ignore[operator]
    target = tmp_path / "out.docx"
    with pytest.raises(gr.RenderError, match=field.replace(".", r"\.")) as caught:
        render(report, target)
    assert "U+" in str(caught.value)
    assert list(tmp_path.iterdir()) == []
    data = render(report, strip_control_chars=True)
    xml = etree.tostring(part(data), encoding="unicode")
    assert "\x00" not in xml
    assert "\x1b" not in xml


def test_deterministic_bytes_and_fixed_zip_metadata(city: gr.AnnualReport) -> None:
    first, second = render(city), render(city)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        names = [i.filename for i in infos]
    with zipfile.ZipFile(default_template_path(city.format_version)) as template:
        assert names == template.namelist()
    assert names[0] == "[Content_Types].xml"


def test_outputs_path_stream_and_bytes(city: gr.AnnualReport, tmp_path: Path) -> None:
    data = render(city)
    path = render(city, tmp_path / "r.docx")
    assert path == tmp_path / "r.docx"
    assert path.read_bytes() == data
    assert render(city, str(tmp_path / "s.docx")).read_bytes() == data
    stream = io.BytesIO()
    assert render(city, stream) is None
    assert stream.getvalue() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx", "s.docx"]


def test_missing_output_folder_is_one_clear_error(city: gr.AnnualReport, tmp_path: Path) -> None:
    with pytest.raises(gr.RenderError, match="output folder does not exist"):
        render(city, tmp_path / "missing" / "r.docx")
    assert list(tmp_path.iterdir()) == []


def test_failed_render_keeps_the_previous_file(hongqi: gr.AnnualReport, tmp_path: Path) -> None:
    target = tmp_path / "r.docx"
    render(hongqi, target)
    before = target.read_bytes()
    with pytest.raises(gr.RenderError):
        render(attrs.evolve(hongqi, preamble="\x01"), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]


@pytest.mark.parametrize("thing", [None, {"metadata": {}}, "report.yaml"])
def test_not_a_report(thing: object) -> None:
    with pytest.raises(gr.RenderError, match="AnnualReport"):
        render(thing)  # type: ignore[call-overload]


def test_threads_do_not_mix_reports(city: gr.AnnualReport, hongqi: gr.AnnualReport) -> None:
    expected = {id(r): render(r) for r in (city, hongqi)}
    results: list[bool] = []

    def work(report: gr.AnnualReport) -> None:
        for _ in range(10):
            results.append(render(report) == expected[id(report)])

    threads = [threading.Thread(target=work, args=(r,)) for r in (city, hongqi) * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 60


def test_body_xml_is_strictly_valid_with_header_rows(city2020: gr.AnnualReport) -> None:
    body = part(render(city2020)).find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    assert len(tables) == 3
    assert sum(1 for r in tables[1] if r.find(f"{W}trPr/{W}tblHeader") is not None) == 3

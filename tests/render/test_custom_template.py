"""Custom templates: same context names, sandboxed, strict about names, clear about bad files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree

import govinfo_report as gr
from govinfo_report.render import build_context, get_template, render
from govinfo_report.render._engine import new_env

from .conftest import part, texts


def make_template(path: Path, lines: list[str], header: str | None = None) -> Path:
    """A .docx whose paragraphs are ``lines`` (and, optionally, a header paragraph)."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "予以公开"
    table.cell(0, 1).text = "{{ requests.granted.total }}"
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(path))
    return path


def test_custom_template_with_context_names(city: gr.AnnualReport, tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "t.docx",
        [
            "{{ title }}",
            "{{ metadata.scope_label }}：{{ requests.new_requests.total }}",
            "{%p for part in overview.parts %}",
            "{{ part.label }}",
            "{%p endfor %}",
            "费用：{{ other_matters.info_processing_fee_yuan }}元",
        ],
        header="{{ metadata.agency }}",
    )
    data = render(city, template=template)
    paragraphs = texts(data)
    assert paragraphs[0] == city.title
    assert paragraphs[1] == f"全域：{city.requests.new_requests.total}"
    assert "（一）主动公开" in paragraphs
    assert f"费用：{city.other_matters.info_processing_fee_yuan}元" in paragraphs
    assert docx.Document(io.BytesIO(data)).tables[0].cell(0, 1).text == str(
        city.requests.granted.total
    )
    assert docx.Document(io.BytesIO(data)).sections[0].header.paragraphs[0].text == (
        city.metadata.agency
    )
    # Content-identical to stock docxtpl, headers included.
    stock = DocxTemplate(str(template))
    stock.render(build_context(city), jinja_env=new_env(), autoescape=True)
    out = io.BytesIO()
    stock.save(out)
    for name in ("word/document.xml", "word/header1.xml"):
        ours = etree.tostring(part(data, name), method="c14n")
        theirs = etree.tostring(part(out.getvalue(), name), method="c14n")
        assert ours == theirs


def test_misspelt_name_is_named_with_a_suggestion(hongqi: gr.AnnualReport, tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "t.docx", ["{{ requests.withheld.state_secrt.natural_person }}"]
    )
    with pytest.raises(gr.TemplateError) as caught:
        render(hongqi, tmp_path / "out.docx", template=template)
    message = str(caught.value)
    assert "requests.withheld.state_secrt.natural_person" in message
    assert "did you mean requests.withheld.state_secret.natural_person" in message
    assert not (tmp_path / "out.docx").exists()


def test_name_of_the_other_format_is_unknown(
    hongqi: gr.AnnualReport, city2020: gr.AnnualReport, tmp_path: Path
) -> None:
    template = make_template(
        tmp_path / "t.docx",
        ["{{ proactive_disclosure.art20_9.central_procurement.procurement_items }}"],
    )
    assert render(city2020, template=template)
    with pytest.raises(gr.TemplateError, match="art20_9"):
        render(hongqi, template=template)


def test_dynamic_lookup_of_a_missing_name_fails_at_render(
    hongqi: gr.AnnualReport, tmp_path: Path
) -> None:
    template = make_template(
        tmp_path / "t.docx", ["{% for k in ['granted_x'] %}{{ requests[k] }}{% endfor %}"]
    )
    with pytest.raises(gr.TemplateError, match="undefined"):
        render(hongqi, template=template)


def test_sandbox_refuses_unsafe_attributes(hongqi: gr.AnnualReport, tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["{{ title.__class__.__mro__ }}"])
    with pytest.raises(gr.TemplateError):
        render(hongqi, template=template)


def test_syntax_error_is_a_template_error(hongqi: gr.AnnualReport, tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["{% if title %}never closed"])
    with pytest.raises(gr.TemplateError, match="syntax"):
        render(hongqi, template=template)


@pytest.mark.parametrize(
    "expression", ["{{ 1 // 0 }}", "{{ title | int + 'x' }}", "{{ '%d' % title }}"]
)
def test_runtime_errors_in_a_template_name_the_part(
    hongqi: gr.AnnualReport, tmp_path: Path, expression: str
) -> None:
    template = make_template(tmp_path / "t.docx", [expression])
    with pytest.raises(gr.TemplateError, match=r"word/document\.xml") as info:
        render(hongqi, template=template)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "content",
    [b"not a zip at all", b"", "zip-without-word"],
)
def test_not_a_docx(hongqi: gr.AnnualReport, tmp_path: Path, content: object) -> None:
    path = tmp_path / "t.docx"
    if content == "zip-without-word":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "hi")
    else:
        path.write_bytes(content)  # type: ignore[arg-type]
    with pytest.raises(gr.TemplateError, match=r"not a Word \.docx file"):
        render(hongqi, tmp_path / "out.docx", template=path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.docx"]


def test_missing_template(hongqi: gr.AnnualReport, tmp_path: Path) -> None:
    with pytest.raises(gr.TemplateError, match="cannot read the template"):
        render(hongqi, template=tmp_path / "nope.docx")


def test_compiled_once_and_recompiled_when_the_file_changes(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", ["{{ title }}"])
    first = get_template(path, gr.FormatVersion.V2021)
    assert get_template(path, gr.FormatVersion.V2021) is first
    make_template(path, ["{{ title }} {{ metadata.year }}"])
    second = get_template(path, gr.FormatVersion.V2021)
    assert second is not first
    assert "metadata.year" in second.names


def test_safe_filter_cannot_break_the_document(hongqi: gr.AnnualReport, tmp_path: Path) -> None:
    import attrs

    template = make_template(tmp_path / "t.docx", ["{{ preamble.text|safe }}"])
    report = attrs.evolve(hongqi, preamble="<w:broken>")
    with pytest.raises(gr.TemplateError, match="not well formed"):
        render(report, tmp_path / "out.docx", template=template)
    assert not (tmp_path / "out.docx").exists()

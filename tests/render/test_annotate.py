"""Findings as Word comments: anchored on their cell or paragraph, the original left untouched."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.parse import parse
from govinfo_report.render import annotate_docx, docx_to_pdf, render
from govinfo_report.review import annotate, render_annotated
from govinfo_report.validate import validate

from .conftest import EXAMPLES, W


def anchors(path: Path) -> dict[str, tuple[str, str]]:
    """Comment id → (anchored text, comment text), read back with python-docx."""
    document = docx.Document(str(path))
    texts = {str(c.comment_id): c.text for c in document.comments}
    open_ranges: dict[str, list[str]] = {}
    found: dict[str, str] = {}
    for element in document.element.body.iter():
        tag = element.tag
        if tag == f"{W}commentRangeStart":
            open_ranges[element.get(f"{W}id")] = []
        elif tag == f"{W}commentRangeEnd":
            cid = element.get(f"{W}id")
            found[cid] = "".join(open_ranges.pop(cid))
        elif tag == f"{W}t":
            for parts in open_ranges.values():
                parts.append(element.text or "")
    assert not open_ranges
    assert set(found) == set(texts)
    return {cid: (found[cid], texts[cid]) for cid in texts}


@pytest.fixture
def broken_docx(city: gr.AnnualReport, tmp_path: Path) -> Path:
    """The city report rendered, then one number of table 三 mistyped (78 → 999) in Word."""
    document = docx.Document(io.BytesIO(render(city)))
    cell = document.tables[1].rows[5].cells[4]  # （一）予以公开 × 商业企业
    assert cell.text == "78"
    cell.paragraphs[0].runs[0].text = "999"
    path = tmp_path / "report.docx"
    document.save(str(path))
    return path


def test_validate_annotate_anchors_each_finding_on_its_cell(
    broken_docx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = broken_docx.read_bytes()
    reviewed = tmp_path / "reviewed.docx"
    assert main(["validate", str(broken_docx), "--annotate", str(reviewed)]) == 1
    captured = capsys.readouterr()
    assert "t3-row-total" in captured.out
    assert str(reviewed) in captured.err
    assert broken_docx.read_bytes() == original  # never modified
    draft = parse(broken_docx)
    comments = anchors(reviewed)
    by_text = {text.split("\n")[0]: anchor for anchor, text in comments.values()}
    result = validate(draft)
    assert result.findings
    for finding in result.findings:
        assert finding.path is not None
        head = next(k for k in by_text if k.startswith(f"【错误】{finding.code} "))
        assert by_text[head] == draft.cells[finding.path].text
    # The pinpointed cell carries the suggestion, anchored on the mistyped 999.
    suggestions = [(a, t) for a, t in comments.values() if t.startswith("【建议】")]
    assert suggestions == [
        ("999", "【建议】将“（一）予以公开 / 商业企业”由 999 改为 78（t3-row-total）")
    ]
    full = next(t for _, t in comments.values() if "t3-row-total" in t and "【错误】" in t)
    assert "应为：2139；实际：1218" in full
    assert "建议：将“（一）予以公开 / 商业企业”由 999 改为 78" in full


def test_the_library_function_returns_the_findings(broken_docx: Path, tmp_path: Path) -> None:
    result = annotate(broken_docx, tmp_path / "out.docx", select=["t3-row-total"])
    assert [f.code for f in result.findings] == ["t3-row-total"]
    assert len(anchors(tmp_path / "out.docx")) == 2  # the finding and its suggestion


def test_render_annotate_places_text_and_placeless_findings(
    city: gr.AnnualReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = attrs.evolve(
        city,
        metadata=attrs.evolve(city.metadata, published=dt.date(2025, 6, 30)),  # late
        overview=attrs.evolve(city.overview, summary="本年度新收政府信息公开申请1件。"),
    )
    source = tmp_path / "city.yaml"
    gr.dump(report, source)
    out = tmp_path / "city.docx"
    assert main(["render", str(source), "-o", str(out), "--annotate"]) == 0
    assert "批注 / comments" in capsys.readouterr().out
    result = validate(report)
    codes = {f.code for f in result.findings}
    assert "text-requests" in codes
    comments = anchors(out)
    assert len(comments) == len(result.findings)
    draft = parse(out)
    heads = {t.split("\n")[0].split(" ")[0]: a for a, t in comments.values()}
    assert heads["【警告】text-requests"] == draft.cells["requests.new_requests.total"].text
    title = report.metadata.agency
    placeless = [f for f in result.findings if f.path is None or f.path.startswith("metadata")]
    assert placeless
    for finding in placeless:
        assert (
            any(
                t.startswith(
                    f"【{'错误' if finding.severity.value == 'error' else '警告'}】{finding.code}"
                )
                and a == title
                for a, t in comments.values()
            )
            or finding.severity.value == "info"
        )
    # Same numbers as a plain rendering: only comments were added.
    assert parse(out).cells.keys() == parse(render(report)).cells.keys()


def test_a_clean_report_gets_a_copy_without_comments(
    tmp_path: Path, hongqi: gr.AnnualReport
) -> None:
    result = render_annotated(hongqi, tmp_path / "h.docx")
    assert result.findings == ()
    assert anchors(tmp_path / "h.docx") == {}


def test_findings_without_a_source_go_on_the_title(city: gr.AnnualReport) -> None:
    finding = validate(attrs.evolve(city, preamble="")).findings
    data = annotate_docx(render(city), [*finding, *finding])
    document = docx.Document(io.BytesIO(data))
    assert len(document.comments) == 2 * len(finding)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not a report", "not an annual report"),
        (None, "only a Word .docx file can be annotated"),
    ],
)
def test_a_docx_that_is_not_a_report_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Any, message: str
) -> None:
    path = tmp_path / "letter.docx"
    if content is None:
        path.write_text("plain text pretending to be Word", encoding="utf-8")
    else:
        document = docx.Document()
        document.add_paragraph("关于召开会议的通知")
        document.save(str(path))
    out = tmp_path / "out.docx"
    assert main(["validate", str(path), "--annotate", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_usage_and_overwrite_errors(
    broken_docx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    yaml_file = str(EXAMPLES / "hongqi-2023.yaml")
    assert main(["validate", yaml_file, "--annotate", str(tmp_path / "x.docx")]) == 2
    two = [str(broken_docx), str(broken_docx)]
    assert main(["validate", *two, "--annotate", str(tmp_path / "x.docx")]) == 2
    original = broken_docx.read_bytes()
    assert main(["validate", str(broken_docx), "--annotate", str(broken_docx)]) == 1
    assert "cannot replace the original" in capsys.readouterr().err
    assert broken_docx.read_bytes() == original
    missing = tmp_path / "missing" / "x.docx"
    assert main(["validate", str(broken_docx), "--annotate", str(missing)]) == 1
    assert "output folder does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [broken_docx]


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="needs LibreOffice (.ci/run installs it)"
)
def test_libreoffice_reads_the_comments(broken_docx: Path, tmp_path: Path) -> None:
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    reviewed = annotate(broken_docx, tmp_path / "reviewed.docx")
    pdf = tmp_path / "reviewed.pdf"
    assert docx_to_pdf([tmp_path / "reviewed.docx"], [pdf], comments=True) == [None]
    notes = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for annot in resolve1(page.page_obj.attrs.get("Annots")) or []:
                contents = resolve1(annot).get("Contents")
                if isinstance(contents, bytes):
                    notes.append(
                        contents.decode("utf-16" if contents[:2] == b"\xfe\xff" else "latin-1")
                    )
    for finding in reviewed.findings:
        assert any(finding.code in note for note in notes)


def test_a_custom_template_that_does_not_read_back_gets_comments_on_its_title(
    city: gr.AnnualReport, tmp_path: Path
) -> None:
    from .test_custom_template import make_template

    template = make_template(tmp_path / "t.docx", ["{{ title }}"])
    report = attrs.evolve(
        city, overview=attrs.evolve(city.overview, summary="本年度新收政府信息公开申请1件。")
    )
    result = render_annotated(report, tmp_path / "r.docx", template=template)
    assert result.findings
    title = f"{report.metadata.agency}{report.metadata.year}年"
    assert all(anchor.startswith(title) for anchor, _ in anchors(tmp_path / "r.docx").values())

"""Bad input gets one clear ParseError (zh + en) saying what was found and what is missing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from govinfo_report.errors import GovInfoReportError, ParseError
from govinfo_report.parse import parse


def _scan_pdf() -> bytes:
    """A one-page PDF with no text layer (what a scanner produces, minus the image)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", ("文件为空", "empty")),
        (b"  \n\t \n", ("文件为空", "empty")),
        (bytes(range(256)) * 20, ("二进制", "binary")),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(200)) * 10, ("二进制", "binary")),
        (_zip("data.csv"), ("不是 Word", "not a Word")),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, (".doc", ".docx")),
        (_scan_pdf(), ("扫描件", "no text layer")),
        (b"%PDF-1.7\n garbage that is not a pdf", ("无法读取 PDF", "cannot read the PDF")),
        (b"PK\x03\x04word/document.xml broken", ("无法读取 Word", "cannot read the Word")),
        (
            "天气预报：明天晴，最高气温 25 度。\n空气质量良好。\n".encode(),
            ("不是政府信息公开工作年度报告", "not an annual report"),
        ),
        (
            "<html><body><h1>欢迎光临</h1><table><tr><td>价格</td><td>12</td></tr></table>"
            "</body></html>".encode(),
            ("不是政府信息公开工作年度报告", "not an annual report"),
        ),
        (
            "某局2023年政府信息公开工作年度报告\n".encode(),
            ("只找到报告标题", "found a report title"),
        ),
    ],
    ids=[
        "empty",
        "whitespace",
        "binary",
        "png",
        "zip",
        "old-doc",
        "scan-pdf",
        "broken-pdf",
        "broken-docx",
        "other-domain-text",
        "other-domain-html",
        "title-only",
    ],
)
def test_one_clear_error(data: bytes, words: tuple[str, str]) -> None:
    with pytest.raises(ParseError) as info:
        parse(data, name="input")
    message = str(info.value)
    zh, en = words
    assert zh in message
    assert en in message
    assert "internal error" not in message
    assert isinstance(info.value, GovInfoReportError)
    assert isinstance(info.value, ValueError)


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        parse(tmp_path / "nope.pdf")


def test_label_variants_add_to_the_taxonomy_never_repeat_it() -> None:
    # One source of truth: the official labels live in the taxonomy; the parser's alias lists
    # hold only what real reports print instead.
    from govinfo_report import taxonomy as tx
    from govinfo_report.parse._labels import ROW_VARIANTS, SECTION_VARIANTS, core, head_core

    for version in tx.FormatVersion:
        official_rows = {
            tx.row_id(path): head_core(path[-1].label) for path in tx.request_row_leaves(version)
        }
        official_rows |= {node.key: head_core(node.label) for node in tx.request_rows(version)}
        for row, variants in ROW_VARIANTS.items():
            assert official_rows.get(row) not in {core(v) for v in variants}, row
        official_titles = {s.key: head_core(s.title) for s in tx.sections(version)}
        for key, variants in SECTION_VARIANTS.items():
            assert official_titles[key] not in {core(v) for v in variants}, key

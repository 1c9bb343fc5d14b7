"""Seeing is believing: the rendered report converts to a plausible A4 PDF (LibreOffice)."""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

import govinfo_report as gr
from govinfo_report import taxonomy as tx
from govinfo_report.render import render

from .conftest import ROOT

TOOLS = ("soffice", "pdftotext", "pdfinfo")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(missing),
    reason=f"needs LibreOffice and poppler-utils ({', '.join(missing)} not found; .ci/run installs them)",
)


def test_rendered_report_converts_to_an_a4_pdf_with_its_tables(
    city: gr.AnnualReport, tmp_path: Path
) -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "docx_to_png.py"))
    docx = render(city, tmp_path / "city.docx")
    pdf = script["to_pdf"](docx, tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert 3 <= pages <= 8
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())  # type: ignore[union-attr]
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = re.sub(r"\s+", "", text)
    for section in tx.sections(city.format_version):
        assert section.title in squeezed
    for label in (
        "本年新收政府信息公开申请数量",
        "申请人情况",
        "未经复议直接起诉",
        "行政事业性收费",
    ):
        assert label in squeezed
    # Numbers of the three tables, as printed.
    requests = city.requests
    assert re.search(rf"\b{requests.new_requests.total}\b", text)
    assert re.search(rf"\b{requests.outcomes_total.total}\b", text)
    assert re.search(rf"\b{city.review_litigation.review.total}\b", text)
    assert "96171.6" in text
    assert "— 1 —" in text or "—1—" in squeezed
    pngs = script["to_png"](pdf, tmp_path, 30)
    assert len(pngs) == pages


def test_a_full_page_of_body_text_is_22_lines_of_28_characters(
    hongqi: gr.AnnualReport, tmp_path: Path
) -> None:
    # GB/T 9704-2012 5.2.1: 每面排22行，每行排28个字 (counted on Chinese characters; digits and
    # Latin letters are narrower).
    script = runpy.run_path(str(ROOT / "scripts" / "docx_to_png.py"))
    long_text = attrs.evolve(hongqi.other_matters, text="政" * 2000 + "。")
    docx = render(attrs.evolve(hongqi, other_matters=long_text), tmp_path / "long.docx")
    pdf = script["to_pdf"](docx, tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    full_page = pages - 1  # the last page holds the end of the text; the one before is full
    text = subprocess.run(
        ["pdftotext", "-f", str(full_page), "-l", str(full_page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    runs = [len(run) for run in re.findall("政+", text)]
    assert len(runs) == 22
    assert set(runs) == {28}

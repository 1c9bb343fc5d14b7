"""PDF through LibreOffice inside the library: read back to the same cells, GB/T 9704 pages, limits."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import taxonomy as tx
from govinfo_report.cli import main
from govinfo_report.limits import Limits
from govinfo_report.model import AnnualReport
from govinfo_report.parse import parse
from govinfo_report.render import OfficeMissingError, docx_to_pdf, render, render_pdf
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.testing.strategies import reports

from .conftest import EXAMPLES

TOOLS = ("soffice", "pdftotext", "pdfinfo")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]
needs_office = pytest.mark.skipif(
    bool(missing),
    reason=f"needs LibreOffice and poppler-utils ({', '.join(missing)} not found; .ci/run installs them)",
)


def _same_cells(pdf: Path, report: AnnualReport) -> None:
    draft = parse(pdf)
    assert {k: c.value for k, c in draft.cells.items()} == {c.id: c.value for c in report.cells()}
    assert draft.format_version is report.format_version
    assert (draft.metadata.agency, draft.metadata.year) == (
        report.metadata.agency,
        report.metadata.year,
    )
    assert draft.identity_findings() == []


def _tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@needs_office
def test_examples_render_to_a4_pdfs_in_one_batch_that_read_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], city: gr.AnnualReport
) -> None:
    names = ("hongqi-2023", "city-2024", "city-2020")
    sources = [str(EXAMPLES / f"{name}.yaml") for name in names]
    assert main(["render", *sources, "--output-dir", str(tmp_path), "--to", "pdf"]) == 0
    assert "3 份已生成 / rendered, 0 份失败 / failed" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.pdf" for n in names)
    for name in names:
        _same_cells(tmp_path / f"{name}.pdf", gr.load(EXAMPLES / f"{name}.yaml"))
    pdf = tmp_path / "city-2024.pdf"
    info = _tool("pdfinfo", str(pdf))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert 3 <= pages <= 8
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()  # type: ignore[union-attr]
    assert tuple(round(float(x)) for x in size) == (595, 842)  # A4 in points
    text = _tool("pdftotext", "-layout", str(pdf), "-")
    squeezed = re.sub(r"\s+", "", text)
    for section in tx.sections(city.format_version):
        assert section.title in squeezed
    assert "— 1 —" in text or "—1—" in squeezed


@needs_office
@settings(
    max_examples=1,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    sample=st.tuples(
        reports(FormatVersion.V2021, narrative=False), reports(FormatVersion.V2019, narrative=False)
    )
)
def test_generated_reports_read_back_from_pdf(sample: tuple[AnnualReport, ...]) -> None:
    # A small sample (LibreOffice is slow), converted with one LibreOffice start.
    import tempfile

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        docs = [render(report, folder / f"{n}.docx") for n, report in enumerate(sample)]
        pdfs = [folder / f"{n}.pdf" for n in range(len(sample))]
        assert docx_to_pdf(docs, pdfs) == [None] * len(sample)
        for pdf, report in zip(pdfs, sample, strict=True):
            _same_cells(pdf, report)


@needs_office
def test_a_full_page_of_body_text_is_22_lines_of_28_characters(
    hongqi: AnnualReport, tmp_path: Path
) -> None:
    # GB/T 9704-2012 5.2.1: 每面排22行，每行排28个字 (counted on Chinese characters; digits and
    # Latin letters are narrower).
    long_text = attrs.evolve(hongqi.other_matters, text="政" * 2000 + "。")
    pdf = render_pdf(attrs.evolve(hongqi, other_matters=long_text), tmp_path / "long.pdf")
    info = _tool("pdfinfo", str(pdf))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    full_page = pages - 1  # the last page holds the end of the text; the one before is full
    text = _tool("pdftotext", "-f", str(full_page), "-l", str(full_page), str(pdf), "-")
    runs = [len(run) for run in re.findall("政+", text)]
    assert len(runs) == 22
    assert set(runs) == {28}


def _script(folder: Path, body: str) -> Path:
    path = folder / "fake-soffice"
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_missing_libreoffice_is_named(
    hongqi: AnnualReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(OfficeMissingError, match="LibreOffice"):
        render_pdf(hongqi, tmp_path / "r.pdf", office=tmp_path / "no-such-soffice")
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH
    out = tmp_path / "r.pdf"
    assert main(["render", str(EXAMPLES / "hongqi-2023.yaml"), "-o", str(out)]) == 1
    assert not out.exists()


def test_missing_libreoffice_in_a_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    args = ["render", str(EXAMPLES / "hongqi-2023.yaml"), "--output-dir", str(out), "--to", "pdf"]
    assert main(args) == 1
    assert "LibreOffice" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_a_hanging_libreoffice_is_killed_at_the_limit(hongqi: AnnualReport, tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    office = _script(tmp_path, f'echo $$ > "{pid_file}"\nexec sleep 60')
    out = tmp_path / "r.pdf"
    started = time.monotonic()
    with pytest.raises(gr.LimitExceeded, match="pdf_seconds_per_file"):
        render_pdf(hongqi, out, office=office, limits=Limits(pdf_seconds_per_file=1))
    assert time.monotonic() - started < 30  # not the 60 s the fake LibreOffice wanted
    assert not out.exists()
    pid = int(pid_file.read_text(encoding="utf-8"))
    with pytest.raises(ProcessLookupError):  # killed and reaped by the library
        os.kill(pid, 0)


def test_a_failed_conversion_leaves_no_file(hongqi: AnnualReport, tmp_path: Path) -> None:
    # A LibreOffice that writes half a PDF and exits: the half file never reaches the target.
    office = _script(
        tmp_path,
        'for last in "$@"; do :; done\nout=$(dirname "$(dirname "$last")")/out\n'
        'printf "%%PDF-1.7 truncated" > "$out/0.pdf"\necho "Error: source file could not be loaded"',
    )
    out = tmp_path / "r.pdf"
    with pytest.raises(gr.RenderError, match=r"could not convert.*source file could not be loaded"):
        render_pdf(hongqi, out, office=office)
    assert not out.exists()


def test_missing_output_folder(hongqi: AnnualReport, tmp_path: Path) -> None:
    with pytest.raises(gr.RenderError, match="output folder does not exist"):
        render_pdf(hongqi, tmp_path / "missing" / "r.pdf", office=_script(tmp_path, "exit 0"))
    with pytest.raises(gr.RenderError, match="output folder does not exist"):
        docx_to_pdf([tmp_path / "a.docx"], [tmp_path / "missing" / "a.pdf"], office="sh")

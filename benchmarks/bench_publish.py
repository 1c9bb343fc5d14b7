"""Benchmark the published outputs: HTML against .docx, and PDF one by one against a batch.

For the larger example (示例市 2024), prints:

* milliseconds per report for ``render_html`` (page) against ``render`` (.docx), measured in the
  same run, and their ratio;
* seconds per report for ``render_pdf`` (one LibreOffice start per report, the baseline) and for
  :func:`render_pdf_files` over a batch (one LibreOffice start for the whole batch), and the ratio.

LibreOffice is slow, so the PDF figures take minutes: ``--batch`` sets the batch size (default
100; ``--batch 0`` skips PDF). Skips PDF with a note when LibreOffice is missing.

Run: ``.venv/bin/python benchmarks/bench_publish.py [--batch 100]``
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from _timing import per_second

import govinfo_report as gr
from govinfo_report.render import render, render_html, render_pdf, render_pdf_files

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "city-2024.yaml"


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--batch", type=int, default=100, help="reports in the PDF batch")
    args = parser.parse_args(argv)
    report = gr.load(EXAMPLE)
    docx = 1 / per_second(lambda: render(report), 1.5)
    html = 1 / per_second(lambda: render_html(report), 1.5)
    print(f"render .docx:               {docx * 1000:8.2f} ms/report")
    print(f"render_html (page):         {html * 1000:8.2f} ms/report")
    print(f"  ratio (.docx / html):     {docx / html:8.1f}x")
    if args.batch <= 0:
        return
    if shutil.which("soffice") is None:
        print("PDF: skipped (LibreOffice is not installed)")
        return
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        started = time.perf_counter()
        for n in range(3):
            render_pdf(report, folder / f"single-{n}.pdf")
        single = (time.perf_counter() - started) / 3
        sources = []
        for n in range(args.batch):
            source = folder / f"report-{n:03d}.yaml"
            shutil.copyfile(EXAMPLE, source)
            sources.append(source)
        out = folder / "out"
        out.mkdir()
        started = time.perf_counter()
        results = list(render_pdf_files(sources, out))
        batch = (time.perf_counter() - started) / len(sources)
        failed = [r for r in results if not r.ok]
    print(f"render_pdf, one LibreOffice start per report: {single:6.2f} s/report")
    print(f"render_pdf_files, batch of {args.batch:3d}:            {batch:6.2f} s/report")
    print(f"  ratio (single / batch):                     {single / batch:6.1f}x")
    if failed:
        print(f"  {len(failed)} failed: {failed[0].error}")


if __name__ == "__main__":
    main()

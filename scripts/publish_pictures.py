"""Make the pictures of docs/publish.md: the HTML page, the first PDF page, the Word comments.

Usage: ``python scripts/publish_pictures.py [--outdir docs/images]`` (``make pictures``). Needs
Debian's ``chromium`` with playwright (the page is shot in headless Chromium; no browser is
downloaded), LibreOffice and poppler's ``pdftoppm``. Writes ``publish-html.png``,
``publish-html-phone.png``, ``publish-pdf.png`` and ``publish-comments.png``.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "city-2024.yaml"

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Chromium without network, sandbox (containers) or first-run chores."""


def chromium() -> str:
    """Debian's Chromium executable.

    Raises:
        RuntimeError: if it is not installed.
    """
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    return found


def shoot(html: Path, target: Path, width: int, height: int, heading: int = 0) -> Path:
    """A screenshot of a page at a viewport ``width`` × ``height``, scrolled to its ``heading``-th
    ``<h2>`` (the top of the page when 0)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="govinfo-chromium-") as profile, sync_playwright() as p:
        context: Any = p.chromium.launch_persistent_context(
            profile,
            executable_path=chromium(),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": width, "height": height},
        )
        try:
            page = context.new_page()
            page.goto(html.as_uri())
            if heading:
                page.evaluate(f"document.querySelectorAll('h2')[{heading - 1}].scrollIntoView()")
            page.screenshot(path=str(target))
        finally:
            context.close()
    return target


def pdf_page(pdf: Path, target: Path, page: int, dpi: int = 60) -> Path:
    """One page of a PDF as a PNG (pdftoppm)."""
    prefix = target.with_suffix("")
    pages = ["-f", str(page), "-l", str(page)]
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), *pages, "-png", "-singlefile", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    return target


def main(argv: list[str] | None = None) -> int:
    """Write the pictures; print where they went."""
    import docx

    import govinfo_report as gr
    from govinfo_report.render import docx_to_pdf, render, render_html, render_pdf
    from govinfo_report.review import annotate

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--outdir", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    report = gr.load(EXAMPLE)
    with tempfile.TemporaryDirectory(prefix="govinfo-pictures-") as temp:
        folder = Path(temp)
        page = render_html(report, folder / "report.html")
        written = [
            shoot(page, args.outdir / "publish-html.png", 1000, 1500),
            shoot(page, args.outdir / "publish-html-phone.png", 375, 800, heading=3),
        ]
        pdf = render_pdf(report, folder / "report.pdf")
        written.append(pdf_page(pdf, args.outdir / "publish-pdf.png", 1))
        # A reviewed copy: one number of table 三 mistyped, the findings as comments.
        document = docx.Document(io.BytesIO(render(report)))
        document.tables[1].rows[5].cells[4].paragraphs[0].runs[0].text = "999"
        document.save(str(folder / "report.docx"))
        annotate(folder / "report.docx", folder / "reviewed.docx")
        (error,) = docx_to_pdf([folder / "reviewed.docx"], [folder / "reviewed.pdf"], comments=True)
        if error:
            raise RuntimeError(error)
        written.append(pdf_page(folder / "reviewed.pdf", args.outdir / "publish-comments.png", 2))
    for path in written:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

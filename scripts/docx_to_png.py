"""Convert a .docx to PDF (LibreOffice headless) and to one PNG per page (pdftoppm).

Usage: ``python scripts/docx_to_png.py REPORT.docx [--outdir DIR] [--dpi 80]``. Writes
``REPORT.pdf`` and ``REPORT-1.png``, ``REPORT-2.png``... next to the input (or in ``--outdir``).

The PDF comes from :func:`govinfo_report.render.docx_to_pdf` (LibreOffice headless with the
library's font aliases, a private profile per run and a time limit); the pages from pdftoppm.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from govinfo_report.errors import GovInfoReportError
from govinfo_report.render import docx_to_pdf


def to_pdf(docx: Path, outdir: Path) -> Path:
    """Convert ``docx`` to ``outdir/<stem>.pdf`` with LibreOffice headless; return the PDF.

    Raises:
        RuntimeError: if the conversion fails.
        OfficeMissingError: if LibreOffice is missing.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    pdf = outdir / f"{docx.stem}.pdf"
    (error,) = docx_to_pdf([docx], [pdf])
    if error is not None:
        raise RuntimeError(error)
    return pdf


def to_png(pdf: Path, outdir: Path, dpi: int = 80) -> list[Path]:
    """Render every page of ``pdf`` to ``outdir/<stem>-N.png`` with pdftoppm; return them."""
    if shutil.which("pdftoppm") is None:
        raise RuntimeError("pdftoppm (poppler-utils) is not installed")
    prefix = outdir / pdf.stem
    for old in outdir.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    return sorted(outdir.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def main(argv: list[str] | None = None) -> int:
    """Convert the .docx given on the command line; print where the PDF and PNGs went."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("docx", type=Path, help="the .docx to convert")
    parser.add_argument("--outdir", type=Path, help="where to write (default: beside the input)")
    parser.add_argument("--dpi", type=int, default=80, help="PNG resolution (default 80)")
    args = parser.parse_args(argv)
    if not args.docx.is_file():
        print(f"error: no such file: {args.docx}", file=sys.stderr)
        return 2
    outdir = args.outdir or args.docx.parent
    try:
        pdf = to_pdf(args.docx, outdir)
        pages = to_png(pdf, outdir, args.dpi)
    except (RuntimeError, GovInfoReportError, subprocess.SubprocessError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"PDF: {pdf}")
    print(f"PNG: {len(pages)} page(s): {', '.join(p.name for p in pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

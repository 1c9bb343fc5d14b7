"""Parsing throughput: reports per second for each input kind (text, HTML, DOCX, PDF), one core.

Inputs: the bundled real samples (text, PDF, blank DOCX template) and the example city report
written as portal HTML. Each kind is set against a baseline measured in the same run: the
library the parser stands on merely opening the same bytes (decoding the text, lxml building the
HTML tree, python-docx opening the package, pdfplumber opening the PDF and extracting every page's
words). The ratio says what the whole parse (grid, labels, mapping, checks) costs against that
bare reading: the targets are at most 0.2 for PDF (PDFium, five times faster than pdfplumber) and
at most 2 for DOCX (one lxml pass).
Run: ``python benchmarks/bench_parse.py [--seconds 2]``.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path

from _timing import per_second

import govinfo_report as gr
from govinfo_report.parse import parse

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "samples"
sys.path.insert(0, str(ROOT / "tests" / "parse"))


def _inputs() -> dict[str, tuple[str, bytes]]:
    from conftest import html_of  # the test helper that writes portal-style HTML

    city = gr.load(ROOT / "examples" / "city-2024.yaml")
    inputs = {
        "text": ("hongqi-2023.txt", (SAMPLES / "hongqi-2023.txt").read_bytes()),
        "html": ("city-2024.html (portal layout)", html_of(city).encode("utf-8")),
        "docx": ("blank-template-2021.docx", (SAMPLES / "blank-template-2021.docx").read_bytes()),
        "pdf": ("huaian-2024.pdf (6 pages)", (SAMPLES / "huaian-2024.pdf").read_bytes()),
        "pdf (shuyang)": (
            "shuyang-county-2025 (4 pages)",
            (ROOT / "tests" / "corpus" / "shuyang-county-2025-pdf" / "source.pdf").read_bytes(),
        ),
        "docx (shuyang)": (
            "shuyang-county-2025.docx",
            (ROOT / "tests" / "corpus" / "shuyang-county-2025-docx" / "source.docx").read_bytes(),
        ),
    }
    try:
        from govinfo_report.render import render

        inputs["docx (rendered)"] = ("city-2024 rendered", render(city))
    except ImportError:
        pass
    return inputs


def _baseline(kind: str) -> Callable[[bytes], object]:
    """The underlying library reading the bytes, with nothing of ours."""
    if kind == "text":
        return lambda data: data.decode("utf-8").splitlines()
    if kind == "html":
        import lxml.html

        return lxml.html.fromstring
    if kind.startswith("docx"):
        import docx

        return lambda data: docx.Document(io.BytesIO(data))
    import pdfplumber

    def pdf_words(data: bytes) -> object:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [page.extract_words() for page in pdf.pages]

    return pdf_words


def main() -> None:
    """Print reports per second per input kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per input kind")
    args = parser.parse_args()
    print(
        f"{'kind':<16} {'input':<32} {'reports/s':>10} {'ms/report':>10} "
        f"{'baseline/s':>11} {'cost ratio':>10}"
    )
    for kind, (label, data) in _inputs().items():
        parse(data)  # warm up (imports, caches)
        rate = per_second(lambda data=data: parse(data), args.seconds)
        read = _baseline(kind)
        read(data)
        base = per_second(lambda data=data, read=read: read(data), args.seconds)
        print(
            f"{kind:<16} {label:<32} {rate:>10.1f} {1000 / rate:>10.2f} "
            f"{base:>11.1f} {base / rate:>9.2f}x"
        )
    print("cost ratio = parse time / time for the underlying library to read the same bytes")


if __name__ == "__main__":
    main()

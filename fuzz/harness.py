"""Coverage-guided fuzzing (atheris) of the readers and codecs, one harness for all targets.

The first byte of an input picks the target (text, HTML, DOCX and PDF through ``parse()``; the
JSON, YAML and TOML codecs), the rest is the file. A target may refuse its input only with the
library's own errors (``GovInfoReportError``: a parse error, a serialization error, a limit);
anything else, or a parse error that calls itself internal, is a crash.

Run it::

    python fuzz/harness.py -max_total_time=60 -rss_limit_mb=2048 -timeout=60 \\
        -artifact_prefix=tests/corpus/crashers/

(``make fuzz`` does that; ``tests/core/test_fuzz.py`` runs it for a few seconds and replays every
``crash-*`` file libFuzzer saved in ``tests/corpus/crashers/``.)
"""

from __future__ import annotations

import contextlib
import io
import sys
import zipfile
from collections.abc import Callable

TARGETS = ("text", "html", "docx", "pdf", "json", "yaml", "toml")
"""The targets, in the order the first byte of an input picks them."""


def _docx(body: bytes) -> bytes:
    """The bytes as the document part of a minimal Word package (so the DOCX reader runs)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        archive.writestr("word/document.xml", body)
    return out.getvalue()


def _parse(kind: str) -> Callable[[bytes], object]:
    from govinfo_report.errors import ParseError
    from govinfo_report.parse import parse

    names = {"text": "f.txt", "html": "f.html", "docx": "f.docx", "pdf": "f.pdf"}

    def run(data: bytes) -> object:
        if kind == "docx":
            data = _docx(data)
        elif kind == "pdf" and not data.startswith(b"%PDF"):
            data = b"%PDF-1.4\n" + data
        elif kind == "html":
            data = b"<html><body>" + data
        try:
            return parse(data, name=names[kind])
        except ParseError as exc:
            if "internal error" in str(exc):
                raise AssertionError(f"internal error in the {kind} reader: {exc}") from exc
            raise

    return run


def _codec(fmt: str) -> Callable[[bytes], object]:
    from govinfo_report.codec import loads

    return lambda data: loads(data, fmt)


def one_input(data: bytes) -> None:
    """Run one input; only the library's own errors may come out."""
    from govinfo_report.errors import GovInfoReportError

    if not data:
        return
    kind = TARGETS[data[0] % len(TARGETS)]
    target = _parse(kind) if kind in ("text", "html", "docx", "pdf") else _codec(kind)
    with contextlib.suppress(GovInfoReportError):
        target(data[1:])


def seed(folder: str) -> None:
    """Write a starting corpus: the bundled samples and examples, each as every target reads it."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    kinds = {".txt": "text", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}
    kinds |= {".json": "json", ".yaml": "yaml", ".toml": "toml"}
    for path in sorted([*root.glob("tests/samples/*"), *root.glob("examples/*")]):
        kind = kinds.get(path.suffix.lower())
        if kind is None or path.stat().st_size > 100_000:  # quick seeds only
            continue
        data = path.read_bytes()
        if kind == "docx":  # the harness wraps its input as the document part
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = archive.read("word/document.xml")
        out.joinpath(f"{kind}-{path.name}").write_bytes(bytes([TARGETS.index(kind)]) + data)


def main(argv: list[str]) -> None:
    """Fuzz with atheris (libFuzzer's options in ``argv``); ``--seed DIR`` writes a corpus."""
    if len(argv) > 2 and argv[1] == "--seed":
        seed(argv[2])
        return
    import atheris

    with atheris.instrument_imports(include=["govinfo_report"]):
        import govinfo_report.codec
        import govinfo_report.codec.json
        import govinfo_report.codec.toml
        import govinfo_report.codec.yaml
        import govinfo_report.parse
        import govinfo_report.parse._html
        import govinfo_report.parse._mapping
        import govinfo_report.parse._text  # noqa: F401
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)

"""The PDF reader (PDFium): bounded on hostile files, the same cells as the reader it replaced."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from govinfo_report.errors import LimitExceeded
from govinfo_report.limits import Limits
from govinfo_report.model import AnnualReport
from govinfo_report.parse import parse
from govinfo_report.parse._layout import Char, Edge, cell_text, find_tables, text_lines
from govinfo_report.parse._pdf import check_streams

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hostile import run_limited

_MiB = 1024 * 1024


def pdf_with_content(content: bytes) -> bytes:
    """A one-page PDF whose page content is ``content`` (Flate-compressed), Helvetica as F1."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


_PARSE = """
import sys
from govinfo_report.errors import LimitExceeded
from govinfo_report.parse import parse
try:
    parse(open(sys.argv[1], "rb").read())
except LimitExceeded as exc:
    print("limit", exc.limit)
"""


@pytest.mark.parametrize(
    ("unit", "mib"),
    [
        (b"BT /F1 1 Tf 10 10 Td (a) Tj ET\n", 9),  # defect 11.2: 128 MiB of Tj ran 105 s / 6 GB
        (b"0 0 m 1 1 l S\n", 9),  # 49 KB of line operators ran 98 s / 4.4 GB
    ],
)
def test_a_page_stream_inflating_past_the_limit_is_refused_before_pdfium(
    tmp_path: Path, unit: bytes, mib: int
) -> None:
    data = pdf_with_content(unit * (mib * _MiB // len(unit)))
    assert len(data) < 400_000
    path = tmp_path / "bomb.pdf"
    path.write_bytes(data)
    done = run_limited(_PARSE, path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "limit max_pdf_content_bytes"


def test_a_page_with_too_many_drawing_objects_is_refused(tmp_path: Path) -> None:
    unit = b"0 0 m 1 1 l S\n"
    path = tmp_path / "lines.pdf"
    path.write_bytes(pdf_with_content(unit * (2 * _MiB // len(unit))))  # 150,000 paths
    done = run_limited(_PARSE, path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "limit max_pdf_objects_per_page"


def test_stream_check_at_the_limit_and_past_it() -> None:
    data = pdf_with_content(b"q Q\n" * 1000)  # 4,000 bytes decoded
    check_streams(data, Limits(max_pdf_content_bytes=4000))
    with pytest.raises(LimitExceeded) as caught:
        check_streams(data, Limits(max_pdf_content_bytes=3999))
    assert caught.value.limit == "max_pdf_content_bytes"


def test_an_empty_page_says_no_text_layer() -> None:
    with pytest.raises(Exception, match="no text layer"):
        parse(pdf_with_content(b"q Q\n"))


def test_text_lines_and_words() -> None:
    chars = [Char("合", 0, 10, 0, 10), Char("计", 10, 20, 1, 11), Char("5", 40, 45, 0, 10)]
    chars.append(Char("行", 0, 10, 30, 40))
    assert [line.text for line in text_lines(chars)] == ["合计 5", "行"]
    assert cell_text(chars) == "合计 5\n行"
    assert cell_text([Char(" ", 0, 3, 0, 10)]) == ""


def test_a_merged_cell_leaves_its_covered_positions_empty() -> None:
    # Two rows, two columns; the left column's cells are merged (no line between them).
    edges = [Edge("h", 0, 0, 100, 0), Edge("h", 50, 20, 100, 20), Edge("h", 0, 40, 100, 40)]
    edges += [Edge("v", x, 0, x, 40) for x in (0, 50, 100)]
    table = find_tables(edges, [Char("A", 10, 16, 15, 25)])[0]
    assert table.texts == [["A", ""], [None, ""]]


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_rendered_reports_printed_to_pdf_parse_back(
    tmp_path: Path, city2020: AnnualReport, city: AnnualReport
) -> None:
    from govinfo_report.render import render

    reports = {"city-2020": city2020, "city-2024": city}
    for name, report in reports.items():
        render(report, tmp_path / f"{name}.docx")
    subprocess.run(
        [
            str(_soffice()),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(tmp_path / f"{name}.docx") for name in reports),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for name, report in reports.items():
        draft = parse(tmp_path / f"{name}.pdf")
        assert {k: c.value for k, c in draft.cells.items()} == {
            c.id: c.value for c in report.cells()
        }, name
        assert draft.metadata.agency == report.metadata.agency
        assert draft.identity_findings() == []


def test_a_header_repeated_on_the_next_page_is_not_data() -> None:
    from govinfo_report.findings import SourceRef
    from govinfo_report.parse._grid import GridCell, Table
    from govinfo_report.parse._pdf import _without_repeated_header

    def row(*texts: str) -> tuple[GridCell, ...]:
        return tuple(GridCell(t, SourceRef()) for t in texts)

    before = Table(
        (row("说明", "说明", "申请人情况"), row("说明", "说明", "自然人"), row("a", "b", "1")), 2
    )
    # The same header over fewer columns, then the continued rows.
    after = Table((row("说明", "申请人情况"), row("说明", "自然人"), row("c", "2")), 3)
    assert [[c.text for c in r] for r in _without_repeated_header(after, before).rows] == [
        ["c", "2"]
    ]
    other = Table((row("行政复议", "行政诉讼"), row("1", "2")), 4)
    assert _without_repeated_header(other, before) == other  # nothing repeated: kept whole

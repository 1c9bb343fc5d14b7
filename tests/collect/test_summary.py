"""``validate --summary``: one row per file, the invalid first, as CSV or a self-contained page."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

from govinfo_report.cli import main
from govinfo_report.collect import SummaryRow, summary_rows

from .conftest import COUNTY


class _Table(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: set[str] = set()
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _inputs(tmp_path: Path) -> list[str]:
    broken = tmp_path / "broken.yaml"
    broken.write_text("metadata: [", encoding="utf-8")
    return [str(COUNTY / "2024"), str(COUNTY / "incoming"), str(broken)]


def test_summary_csv(tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    assert main(["validate", *_inputs(tmp_path), "--summary", str(out)]) == 1
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["文件 / file", "报告主体 / agency", "年度 / year"]
    assert len(body) == 12
    valid = [r[5] for r in body]
    assert valid[:2] == ["否 no", "否 no"]
    assert set(valid[2:]) == {"是 yes"}
    health = next(r for r in body if r[0].endswith("health.yaml"))
    assert health[1] == "示例县卫生健康委员会"
    assert health[6] == "2"
    assert "予以公开" in health[8]


def test_summary_html_is_one_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "summary.html"
    assert main(["validate", *_inputs(tmp_path), "--summary", str(out)]) == 1
    page = _Table()
    page.feed(out.read_text(encoding="utf-8"))
    assert not page.tags & {"script", "link", "img", "iframe"}
    header, body = page.rows[0], page.rows[1:]
    assert header[0] == "文件 / file"
    assert len(body) == 12
    assert body[0][5] == "否 no"
    assert body[-1][5] == "是 yes"


def test_summary_needs_csv_or_html(tmp_path: Path) -> None:
    out = tmp_path / "summary.txt"
    assert main(["validate", str(COUNTY / "2024"), "--summary", str(out)]) == 2
    assert not out.exists()


def test_rows_sort_invalid_first() -> None:
    rows = [SummaryRow("b", valid=True), SummaryRow("a", valid=False, errors=1)]
    assert [r.file for r in summary_rows(rows)] == ["a", "b"]

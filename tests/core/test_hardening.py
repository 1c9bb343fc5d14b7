"""Regression tests for the hostile inputs of issue 11: each builds its input here, small.

Each of these inputs once took minutes, gigabytes or the process; each now ends at once with a
result or one error naming the limit.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import govinfo_report as gr
from govinfo_report.codec import load_data, loads
from govinfo_report.errors import LimitExceeded, SerializationError
from govinfo_report.limits import Limits
from govinfo_report.parse import parse
from govinfo_report.testing.hostile import docx_with, yaml_aliases
from govinfo_report.validate import validate

MiB = 1024 * 1024


def test_nested_yaml_aliases_are_refused_before_expanding() -> None:
    # 600 bytes: 10**9 items once expanded (86 s and 5.5 GB in an error message before).
    with pytest.raises(LimitExceeded) as caught:
        loads(yaml_aliases(levels=9), "yaml")
    assert caught.value.limit == "max_yaml_nodes"


def test_an_error_message_describes_a_list_without_expanding_it() -> None:
    unbounded = Limits(max_yaml_nodes=10**12)
    with pytest.raises(SerializationError) as caught:
        loads(yaml_aliases(levels=9), "yaml", limits=unbounded)
    (agency,) = [p for p in caught.value.problems if p.path == "$.metadata.agency"]
    assert "list of 10 items" in agency.message


def test_lone_surrogates_are_refused_at_load_with_their_path() -> None:
    for text, fmt in [
        ('{"metadata": {"agency": "\\ud800"}}', "json"),
        (b'{"metadata": {"agency": "\xed\xa0\x80"}}', "json"),  # CESU-8 bytes
    ]:
        with pytest.raises(SerializationError) as caught:
            load_data(text, fmt)
        assert caught.value.problems[0].path == "$.metadata.agency"
        assert "surrogate" in caught.value.problems[0].message


@pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
def test_integers_over_the_digit_limit_name_it(fmt: str) -> None:
    digits = "9" * 5000
    text = {"toml": f"a = {digits}", "json": f'{{"a": {digits}}}', "yaml": f"a: {digits}"}[fmt]
    with pytest.raises(LimitExceeded) as caught:
        load_data(text, fmt)
    assert caught.value.limit == "max_integer_digits"


def test_base_60_is_read_exactly_and_bounded() -> None:
    data = load_data("a: 1:0:0:0:0:0:0:0.123456789012345678\nb: 1:30\n", "yaml")
    assert data["a"] == Decimal("2799360000000.123456789012345678")  # was rounded to 28 digits
    assert data["b"] == 90
    with pytest.raises(LimitExceeded):  # 900 KB of base-60 digits took 20 s
        load_data("a: " + ":".join(["59"] * 300_000), "yaml")


def test_html_spans_cannot_grow_the_grid_quadratically() -> None:
    # 13 KB: 300 cells of rowspan=200 colspan=200 (32 s and 1.8 GB before).
    row = "<td rowspan=200 colspan=200>1</td>" * 300
    html = f"<html><body><table><tr>{row}</tr>" + "<tr><td>x</td></tr>" * 199 + "</table>"
    with pytest.raises(LimitExceeded) as caught:
        parse(html.encode(), name="x.html")
    assert caught.value.limit in ("max_table_cells", "max_row_width")
    assert "x.html table 1" in str(caught.value)


def test_a_line_of_millions_of_tokens_is_refused_before_tokenising() -> None:
    # 5 MB of "1 " (800 MB of memory before).
    data = "一、概述\n".encode() + b"1 " * 2_500_000
    with pytest.raises(LimitExceeded) as caught:
        parse(data, name="x.txt")
    assert caught.value.limit == "max_tokens_per_line"
    assert "line 2" in str(caught.value)


def test_a_docx_bomb_is_too_large_not_damaged() -> None:
    # 200 KB holding a 64 MiB document.xml (a 730 KB file peaked at 2 GB; a bigger one was
    # called "damaged: XMLSyntaxError").
    bomb = docx_with(b"<w:p/>", 64 * MiB // 6)
    assert len(bomb) < MiB
    with pytest.raises(LimitExceeded) as caught:
        parse(bomb, name="bomb.docx")
    assert caught.value.limit == "max_compression_ratio"
    assert "word/document.xml" in str(caught.value)
    limits = Limits(max_compression_ratio=10**6, max_decompressed_bytes=32 * MiB)
    with pytest.raises(LimitExceeded) as caught:
        parse(bomb, name="bomb.docx", limits=limits)
    assert caught.value.limit == "max_decompressed_bytes"


def test_the_size_limit_applies_to_bytes_too() -> None:
    with pytest.raises(LimitExceeded) as caught:
        parse(b"x" * 101, name="x.txt", limits=Limits(max_file_bytes=100))
    assert caught.value.limit == "max_file_bytes"


def test_a_report_in_the_other_years_format_is_read_and_warned_about(
    city2020: gr.AnnualReport,
) -> None:
    report = city2020
    moved = gr.dumps(report, "dict")
    moved["metadata"]["year"] = 2022  # a 2022 report in the 2019 layout
    loaded = gr.loads(moved, "dict")
    result = validate(loaded)
    (finding,) = result.by_code("format-year")
    assert finding.severity.value == "warning"
    assert finding.actual == "2019"


def test_pdfminer_warnings_are_logged_not_printed(capfd: pytest.CaptureFixture[str]) -> None:
    import logging

    import govinfo_report.parse  # noqa: F401 - installs the handler

    logging.getLogger("pdfminer.pdfpage").warning("Data-loss while decompressing corrupted data")
    assert capfd.readouterr().err == ""

"""Every reader of an optional extra says which extra to install, the same way (issue 10)."""

from __future__ import annotations

import sys

import pytest

from govinfo_report.errors import ParseError
from govinfo_report.parse import parse


@pytest.mark.parametrize(
    ("module", "data", "extra"),
    [
        ("lxml.html", b"<html><body><p>x</p></body></html>", "parse"),
        ("lxml.etree", b"PK\x03\x04 word/document.xml", "parse"),
        ("pypdfium2.raw", b"%PDF-1.7\n", "parse"),
        ("openpyxl", b"PK\x03\x04 xl/workbook.xml", "xlsx"),
    ],
)
def test_a_missing_extra_is_named(monkeypatch, module, data, extra):
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ParseError) as caught:
        parse(data, name="report")
    message = str(caught.value)
    assert f"pip install 'govinfo-report[{extra}]'" in message
    assert f"needs {module.split('.')[0]}" in message

"""``Document.kind`` is an ``InputKind``; the JSON contract's ``input_kind`` stays a plain string."""

from __future__ import annotations

import json

import pytest

from govinfo_report.parse import InputKind, contract, parse, read_document
from govinfo_report.parse._grid import Document


def test_a_kind_given_as_text_is_converted_and_an_unknown_one_refused():
    assert Document("pdf", ()).kind is InputKind.PDF
    with pytest.raises(ValueError, match="doc"):
        Document("doc", ())


def test_the_contract_names_the_kind_as_before():
    document = read_document("tests/samples/hongqi-2023.txt")
    assert document.kind is InputKind.TEXT
    data = contract(parse("tests/samples/hongqi-2023.txt"), document.kind)
    assert json.loads(json.dumps(data))["input_kind"] == "text"

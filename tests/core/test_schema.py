"""The committed JSON Schema is current and accepts what the library writes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report.cli.schema import schema_text
from govinfo_report.codec.json import to_plain
from govinfo_report.testing import reports

SCHEMA_FILE = Path(__file__).parents[2] / "schema" / "govinfo-report.schema.json"
VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_text()))


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "run `make schema` to regenerate schema/govinfo-report.schema.json"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text()))


@pytest.mark.parametrize("name", ["hongqi-2023.yaml", "city-2024.yaml", "city-2020.yaml"])
def test_examples_validate(name: str) -> None:
    report = gr.load(Path(__file__).parents[2] / "examples" / name)
    VALIDATOR.validate(json.loads(gr.dumps(report, "json")))


@settings(max_examples=25)
@given(reports())
def test_generated_reports_validate(report: gr.AnnualReport) -> None:
    VALIDATOR.validate(to_plain(gr.unstructure(report)))


def test_schema_rejects_what_the_library_rejects(hongqi_path: Path) -> None:
    data = json.loads(gr.dumps(gr.load(hongqi_path), "json"))
    data["requests"]["granted"]["natural_person"] = -1
    assert not VALIDATOR.is_valid(data)
    data["requests"]["granted"]["natural_person"] = 0
    data["requests"]["granted"]["extra"] = 0
    assert not VALIDATOR.is_valid(data)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("metadata", "format_version"), 2023),
        (("metadata", "format_version"), "2022"),
        (("metadata", "format_version"), 2021),  # unquoted in YAML: both accept
        (("metadata", "agency"), "   "),
        (("metadata", "agency"), ""),
        (("metadata", "year"), 2007),
        (("metadata", "year"), "2023"),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), " 1"),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), "1e3"),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), "-1"),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), "12.50"),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), "１２"),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), "12.5"),
        (("other_matters", "info_processing_fee_yuan"), "NaN"),
        # CELL_LIMIT: every value is below 10^15, in the schema as in the model
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), "999999999999999.5"),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), "1000000000000000"),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), "0001000000000000"),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), 1e15),
        (("other_matters", "info_processing_fee_yuan"), 999999999999999),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), float("inf")),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), Decimal("1E+400")),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), Decimal("1E+300")),
        (("proactive_disclosure", "art20_8", "admin_fees", "amount_wan_yuan"), -0.0),
        (("metadata", "format_version"), "2021"),
        (("metadata", "format_version"), True),
        (("requests", "granted", "natural_person"), True),
    ],
)
def test_schema_and_library_agree(hongqi_path: Path, path: tuple[str, ...], value: object) -> None:
    data = json.loads(gr.dumps(gr.load(hongqi_path), "json"))
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    try:
        gr.structure(data)
        library_accepts = True
    except gr.SerializationError:
        library_accepts = False
    assert VALIDATOR.is_valid(data) == library_accepts


def test_schema_titles_carry_the_chinese_labels() -> None:
    text = schema_text()
    assert "1.属于国家秘密" in text
    assert "本年收费金额（单位：万元）" in text

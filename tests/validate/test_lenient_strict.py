"""Validating a model file agrees with the strict loader: what ``load`` refuses is an error.

"Valid" must mean that ``govinfo_report.load`` (and so ``convert`` and ``render``) accepts the
file; every value the loader refuses is an error finding naming its path, and no check fails
internally on strange numbers.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

import govinfo_report as gr
from govinfo_report.catalog import Severity, rule
from govinfo_report.cli import main
from govinfo_report.draft import CellStatus, Draft
from govinfo_report.findings import Finding
from govinfo_report.validate import ValidationReport, draft_from_data, load_lenient, validate

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
HONGQI = EXAMPLES / "hongqi-2023.yaml"
CELL = "requests.granted.natural_person"


def _hongqi() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(HONGQI.read_text(encoding="utf-8"))
    return data


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        node[last] = value

    return edit


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        del node[last]

    return edit


def _write(tmp_path: Path, edit: Callable[[dict[str, Any]], None], fmt: str) -> Path:
    data = _hongqi()
    edit(data)
    path = tmp_path / f"broken.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _json_with(tmp_path: Path, cell_text: str) -> Path:
    """The sample as JSON with the raw text ``cell_text`` (e.g. ``1e400``) in new_requests 自然人."""
    text = json.dumps(_hongqi(), ensure_ascii=False)
    old = '"new_requests": {"natural_person": 0'
    assert old in text
    path = tmp_path / "raw.json"
    path.write_text(text.replace(old, f'"new_requests": {{"natural_person": {cell_text}'), "utf-8")
    return path


def _errors(result: ValidationReport) -> list[Finding]:
    return [f for f in result.findings if f.severity is Severity.ERROR]


# --- the invariant ---------------------------------------------------------------------------

BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "bad version": (_set("metadata.format_version", "2020"), "yaml"),
    "bad scope": (_set("metadata.scope", "whatever"), "yaml"),
    "bad date": (_set("metadata.published", "2023-13-45"), "json"),
    "year as text": (_set("metadata.year", "abc"), "yaml"),
    "year out of range": (_set("metadata.year", 1999), "yaml"),
    "no agency": (_delete("metadata.agency"), "yaml"),
    "no metadata": (_delete("metadata"), "yaml"),
    "schema version": (_set("schema_version", 2), "yaml"),
    "string count": (_set(CELL, "3"), "yaml"),
    "null count": (_set(CELL, None), "yaml"),
    "negative count": (_set(CELL, -1), "yaml"),
    "unknown key": (_set("requests.granted.natual_person", 0), "yaml"),
    "unknown narrative key": (_set("overview.foo", "x"), "yaml"),
    "overview as text": (_set("overview", "一、总体情况"), "yaml"),
    "summary not text": (_set("overview.summary", 3), "yaml"),
    "preamble not text": (_set("preamble", ["x"]), "yaml"),
    "other matters as text": (_set("other_matters", "无"), "yaml"),
    "missing section": (_delete("review_litigation"), "yaml"),
    "partial outcomes row": (_delete("requests.outcomes_total.natural_person"), "yaml"),
    "fee as text": (_set("other_matters", {"info_processing_fee_yuan": "1,000"}), "yaml"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_what_load_refuses_validate_calls_invalid(tmp_path, name):
    edit, fmt = BROKEN[name]
    path = _write(tmp_path, edit, fmt)
    with pytest.raises(gr.SerializationError):
        gr.load(path)
    result = validate(load_lenient(path))
    assert _errors(result), result.findings
    assert not result.valid
    assert "check-failed" not in result.codes
    assert main(["validate", str(path)]) == 1


@pytest.mark.parametrize("text", ["1e400", "-1e400", "NaN", "Infinity", "1e-400", "1e20"])
def test_huge_and_non_finite_numbers_are_invalid_cells(tmp_path, text, capsys):
    path = _json_with(tmp_path, text)
    with pytest.raises(gr.SerializationError):
        gr.load(path)
    result = validate(load_lenient(path))
    cell = "requests.new_requests.natural_person"
    assert "check-failed" not in result.codes
    (invalid,) = result.by_code("cell-invalid")
    assert invalid.path == cell
    assert invalid.severity is Severity.ERROR
    # Left out of the identities: none of those through the cell is assessed.
    assert not any(cell in f.related or f.path == cell for f in result.by_code("t3-row-total"))
    assert "requests.new_requests.total" not in {f.path for f in result.findings}
    assert main(["validate", str(path)]) == 1
    assert "check-failed" not in capsys.readouterr().out


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_are_clean(path):
    result = validate(load_lenient(path))
    assert result.valid
    assert not _errors(result)
    # The lenient reading of the same data agrees with the strict loader.
    lenient = validate(draft_from_data(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert not _errors(lenient), lenient.findings


_JUNK: tuple[Any, ...] = (
    None,
    "3",
    "x",
    True,
    -1,
    Decimal("1.5"),
    Decimal("1E+400"),
    Decimal("NaN"),
    float("inf"),
    [],
    {},
)


def _leaves(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from _leaves(value, (*path, key))


def test_every_value_the_loader_refuses_is_an_error():
    """Each key of the sample replaced by junk (or removed): refused by load ⇒ not valid."""
    base = _hongqi()
    for path in _leaves(base):
        for value in (*_JUNK, KeyError):
            data = copy.deepcopy(base)
            node = data
            for key in path[:-1]:
                node = node[key]
            if value is KeyError:
                del node[path[-1]]
            else:
                node[path[-1]] = value
            try:
                gr.structure(data)
            except gr.SerializationError:
                refused = True
            else:
                refused = False
            result = validate(draft_from_data(data))
            where = f"{'.'.join(path)} = {value!r}"
            assert "check-failed" not in result.codes, where
            if refused:
                assert not result.valid, where


# --- 1. metadata -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "fmt", "found", "allowed"),
    [
        ("format_version", "2020", "yaml", '"2020"', "2019, 2021"),
        ("scope", "whatever", "yaml", '"whatever"', "agency_only, jurisdiction"),
        ("published", "2023-13-45", "json", '"2023-13-45"', "YYYY-MM-DD"),
        ("year", "abc", "yaml", '"abc"', "2008 to 2100"),
        ("year", 2023.5, "json", "2023.5", "2008 to 2100"),
    ],
)
def test_invalid_metadata_is_an_error_naming_path_value_and_what_is_allowed(
    tmp_path, field, value, fmt, found, allowed
):
    path = _write(tmp_path, _set(f"metadata.{field}", value), fmt)
    result = validate(load_lenient(path))
    (finding,) = result.by_code("data-invalid")
    assert finding.severity is Severity.ERROR
    assert finding.path == f"metadata.{field}"
    assert finding.actual == found
    assert finding.message_en.startswith(f"metadata.{field}: must be")
    assert found in finding.message_en
    assert allowed in finding.message_en
    assert found in finding.message_zh
    assert finding.message_zh.split("：")[1].startswith("应为")
    assert not result.valid


def test_an_unreadable_format_version_still_checks_the_tables_as_2021(tmp_path):
    data = _hongqi()
    data["metadata"]["format_version"] = "2020"
    data["requests"]["granted"]["natural_person"] = 2  # the printed total stays 0
    draft = draft_from_data(data)
    assert draft.metadata.format_version is None
    result = validate(draft)
    assert result.format_version is gr.FormatVersion.V2021
    assert "data-invalid" in result.codes
    assert "requests.granted.total" in {f.path for f in result.by_code("t3-row-total")}


def test_missing_and_non_mapping_metadata():
    for data, path in (
        ({}, "metadata"),
        ({"metadata": "红旗区"}, "metadata"),
        ({"metadata": {"year": 2023, "format_version": "2021"}}, "metadata.agency"),
        ({"metadata": {"agency": " ", "year": 2023, "format_version": "2021"}}, "metadata.agency"),
    ):
        paths = {f.path for f in validate(draft_from_data(data)).by_code("data-invalid")}
        assert path in paths


def test_a_valid_date_and_optional_fields_are_fine():
    data = _hongqi()
    data["metadata"]["published"] = "2024-01-17"
    del data["metadata"]["scope"]  # optional: 本机关
    draft = draft_from_data(data)
    assert str(draft.metadata.published) == "2024-01-17"
    assert "data-invalid" not in validate(draft).codes


# --- 2. numbers given as text ------------------------------------------------------------------


def test_a_count_given_as_text_is_an_error_but_still_counts(tmp_path):
    path = _write(tmp_path, _set(CELL, "3"), "yaml")
    with pytest.raises(gr.SerializationError, match="must be a whole number"):
        gr.load(path)
    draft = load_lenient(path)
    assert isinstance(draft, Draft)
    # The number is still read, so the identities through the cell are assessed.
    assert draft.cells[CELL].status is CellStatus.NUMBER
    assert draft.cells[CELL].value == 3
    result = validate(draft)
    (invalid,) = result.by_code("cell-invalid")
    assert invalid.path == CELL
    assert invalid.severity is Severity.ERROR
    assert invalid.actual == '"3"'
    assert "not text" in invalid.message_en
    assert "requests.granted.total" in {f.path for f in result.by_code("t3-row-total")}


def test_amounts_may_be_text_in_the_amount_form_only():
    data = _hongqi()
    fees = data["proactive_disclosure"]["art20_8"]["admin_fees"]
    fees["amount_wan_yuan"] = "1.5"  # JSON writes amounts so: valid
    assert "cell-invalid" not in validate(draft_from_data(data)).codes
    gr.structure(data)
    fees["amount_wan_yuan"] = "1,5"
    (invalid,) = validate(draft_from_data(data)).by_code("cell-invalid")
    assert invalid.path == "proactive_disclosure.art20_8.admin_fees.amount_wan_yuan"


def test_a_whole_number_with_an_exponent_reads_as_the_loader_reads_it():
    data = _hongqi()
    data["requests"]["granted"]["natural_person"] = Decimal("0E+2")
    gr.structure(data)  # the loader takes it as 0
    draft = draft_from_data(data)
    assert draft.cells[CELL].value == 0
    assert type(draft.cells[CELL].value) is int
    assert validate(draft).valid


# --- 3. unknown keys -------------------------------------------------------------------------


def test_unknown_keys_are_errors(tmp_path):
    assert rule("data-unknown-key").severity is Severity.ERROR
    path = _write(tmp_path, _set("requests.granted.natual_person", 0), "yaml")
    result = validate(load_lenient(path))
    (unknown,) = result.by_code("data-unknown-key")
    assert unknown.path == "requests.granted.natual_person"
    assert unknown.severity is Severity.ERROR
    assert "cannot be loaded" in unknown.message_en
    assert not result.valid
    assert main(["validate", str(path)]) == 1


# --- 5. a file that does not exist -------------------------------------------------------------


def test_a_missing_file_is_said_once_on_stderr(tmp_path, capsys):
    missing = tmp_path / "missing.yaml"
    assert main(["validate", str(missing)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("no such file") == 1
    assert captured.err.count(str(missing)) == 1


def test_a_missing_file_in_json_is_in_the_document_only(tmp_path, capsys):
    missing = tmp_path / "missing.yaml"
    assert main(["validate", str(missing), str(HONGQI), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    document = json.loads(captured.out)
    assert document["valid"] is False
    gone, clean = document["files"]
    assert gone["valid"] is False
    assert "no such file" in gone["error"]
    assert clean["valid"] is True


def test_a_missing_previous_file_is_said_once(tmp_path, capsys):
    missing = tmp_path / "last.yaml"
    assert main(["validate", str(HONGQI), "--previous", str(missing)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count(str(missing)) == 1


@pytest.mark.parametrize(
    ("value", "reason"),
    [(Decimal("1E+20"), "out of range"), ("-3", "at least 0"), ("abc", "at least 0")],
)
def test_a_cell_is_judged_once_with_the_loaders_reason(value, reason):
    """The loader's cell notes and the cell check never say one thing twice (issue 10)."""
    data = _hongqi()
    data["requests"]["granted"]["natural_person"] = value
    (invalid,) = validate(draft_from_data(data)).by_code("cell-invalid")
    assert invalid.path == CELL
    assert reason in invalid.message_en

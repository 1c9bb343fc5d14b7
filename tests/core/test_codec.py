"""Serializers: exact round trips and clear errors with paths for bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import govinfo_report as gr
from govinfo_report.errors import SerializationError
from govinfo_report.testing import reports

TEXT_FORMATS = ("json", "yaml", "toml")


@given(reports())
@pytest.mark.parametrize("fmt", [*TEXT_FORMATS, "dict"])
def test_every_serializer_round_trips(fmt: str, report: gr.AnnualReport) -> None:
    assert gr.loads(gr.dumps(report, fmt), fmt) == report  # type: ignore[call-overload]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_decimal_text_survives_exactly(fmt: str, hongqi_path: Path) -> None:
    report = gr.load(Path(__file__).parents[2] / "examples" / "city-2024.yaml")
    again = gr.loads(gr.dumps(report, fmt), fmt)  # type: ignore[call-overload]
    amount = again.proactive_disclosure.art20_8.admin_fees.amount_wan_yuan  # type: ignore[union-attr]
    assert str(amount) == "96171.6"
    assert again == report


def test_json_writes_amounts_as_exact_strings(hongqi_path: Path) -> None:
    report = gr.load(hongqi_path)
    data = json.loads(gr.dumps(report, "json"))
    assert data["schema_version"] == 1
    assert data["proactive_disclosure"]["art20_8"]["admin_fees"]["amount_wan_yuan"] == "0"
    assert data["requests"]["withheld"]["state_secret"]["natural_person"] == 0


def _problems(data: Any) -> dict[str, str]:
    with pytest.raises(SerializationError) as info:
        gr.structure(data)
    assert isinstance(info.value, ValueError)
    return {p.path: p.message for p in info.value.problems}


@pytest.fixture
def data(hongqi_path: Path) -> dict[str, Any]:
    return gr.dumps(gr.load(hongqi_path), "dict")


def test_bad_input_is_listed_with_paths(data: dict[str, Any]) -> None:
    data["requests"]["withheld"]["state_secret"]["natural_person"] = -1
    data["requests"]["withheld"]["bogus"] = 1
    data["review_litigation"]["review"]["upheld"] = 1.5
    data["proactive_disclosure"]["art20_5"]["licensing"]["decisions"] = True
    data["metadata"]["year"] = "2023"
    problems = _problems(data)
    assert set(problems) == {
        "$.requests.withheld.state_secret.natural_person",
        "$.requests.withheld",
        "$.review_litigation.review.upheld",
        "$.proactive_disclosure.art20_5.licensing.decisions",
        "$.metadata.year",
    }
    assert "bogus" in problems["$.requests.withheld"]
    assert "小数" in problems["$.review_litigation.review.upheld"]


def test_non_mappings_and_non_text_keys_are_named(data: dict[str, Any]) -> None:
    data["requests"]["withheld"] = 5
    data["proactive_disclosure"] = [1]
    data["metadata"][3] = 1
    problems = _problems(data)
    assert "expected a mapping, got int" in problems["$.requests.withheld"]
    assert "expected a mapping, got list" in problems["$.proactive_disclosure"]
    assert problems["$.metadata"].endswith("unknown key(s): 3")


def test_identity_violations_come_with_findings(data: dict[str, Any]) -> None:
    data["requests"]["granted"]["natural_person"] = 2
    with pytest.raises(SerializationError) as info:
        gr.structure(data)
    codes = {(f.code, f.path) for f in info.value.findings}
    assert ("t3-row-total", "requests.granted.total") in codes
    assert ("t3-outcomes-total", "requests.outcomes_total.natural_person") in codes


def test_missing_section_and_wrong_version(data: dict[str, Any]) -> None:
    del data["requests"]
    data["metadata"]["format_version"] = "2022"
    problems = _problems(data)
    assert "$.requests" in problems
    assert "2022" in problems["$.metadata.format_version"]


@pytest.mark.parametrize("typo", [2021.0, True, None, ["2021"]])
def test_a_version_that_is_not_text_or_int_is_a_typo(data: dict[str, Any], typo: object) -> None:
    data["metadata"]["format_version"] = typo
    problems = _problems(data)
    assert list(problems) == ["$.metadata.format_version"]
    assert "格式版本" in problems["$.metadata.format_version"]


def test_wrong_version_tables_are_rejected(data: dict[str, Any]) -> None:
    data["metadata"]["format_version"] = "2019"
    problems = _problems(data)
    # The 2021 section 二 and （六） sub-rows do not fit the 2019 shape.
    assert any(path.startswith("$.proactive_disclosure") for path in problems)
    assert any(path.startswith("$.requests.other_handling") for path in problems)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [("- 1\n- 2\n", "yaml"), ("[1, 2]", "json"), ("just text", "yaml"), ("", "yaml")],
)
def test_a_document_that_is_not_a_mapping(text: str, fmt: str) -> None:
    with pytest.raises(SerializationError, match="mapping"):
        gr.loads(text, fmt)


@pytest.mark.parametrize(("text", "fmt"), [("{", "json"), ("a: [", "yaml"), ("a = ", "toml")])
def test_syntax_errors_are_serialization_errors(text: str, fmt: str) -> None:
    with pytest.raises(SerializationError, match=fmt.upper()):
        gr.loads(text, fmt)


def test_unknown_schema_version(data: dict[str, Any]) -> None:
    data["schema_version"] = 99
    assert "$.schema_version" in _problems(data)


def test_yaml_person_style_input(hongqi_path: Path) -> None:
    text = hongqi_path.read_text(encoding="utf-8").replace(
        'format_version: "2021"', "format_version: 2021"
    )
    report = gr.loads(text, "yaml")
    assert report.format_version is gr.FormatVersion.V2021


def test_float_amount_in_python_dict_is_read_as_typed(data: dict[str, Any]) -> None:
    data["proactive_disclosure"]["art20_8"]["admin_fees"]["amount_wan_yuan"] = 59237.2449
    report = gr.structure(data)
    fee = report.proactive_disclosure.art20_8.admin_fees  # type: ignore[union-attr]
    assert fee.amount_wan_yuan == Decimal("59237.2449")


def test_files_by_extension_and_atomic_dump(tmp_path: Path, hongqi_path: Path) -> None:
    report = gr.load(hongqi_path)
    for ext in (".json", ".yaml", ".yml", ".toml"):
        target = gr.dump(report, tmp_path / f"r{ext}")
        assert gr.load(target) == report
    with pytest.raises(SerializationError, match="unknown file type"):
        gr.load(tmp_path / "r.txt")
    with pytest.raises(FileNotFoundError):
        gr.dump(report, tmp_path / "missing" / "r.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "r.toml", "r.yaml", "r.yml"]


def test_failed_write_leaves_no_file(tmp_path: Path) -> None:
    def boom(stream: Any) -> None:
        stream.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        gr.atomic_write(tmp_path / "out.docx", boom)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_keeps_permissions_and_honours_the_umask(tmp_path: Path) -> None:
    import os
    import stat

    fresh = gr.atomic_write(tmp_path / "new.json", b"{}")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask
    kept = tmp_path / "kept.json"
    kept.write_bytes(b"old")
    kept.chmod(0o600)
    gr.atomic_write(kept, b"new")
    assert kept.read_bytes() == b"new"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_atomic_write_reads_the_umask_at_each_call(tmp_path: Path) -> None:
    import os
    import stat

    mask = os.umask(0o077)
    try:
        private = gr.atomic_write(tmp_path / "private.json", b"{}")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_atomic_write_errors_name_the_target_not_the_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "taken.docx"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as info:
        gr.atomic_write(folder, b"data")
    assert info.value.filename == str(folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.docx"]
    with pytest.raises(FileNotFoundError) as missing:
        gr.atomic_write(tmp_path / "missing" / "r.json", b"{}")
    assert missing.value.filename == str(tmp_path / "missing" / "r.json")
    assert "output folder does not exist" in str(missing.value)

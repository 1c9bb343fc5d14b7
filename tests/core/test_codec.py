"""Serializers: exact round trips and clear errors with paths for bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report.codec import load_data
from govinfo_report.errors import SerializationError
from govinfo_report.testing import reports

TEXT_FORMATS = ("json", "yaml", "toml")


@given(reports())
@pytest.mark.parametrize("fmt", [*TEXT_FORMATS, "dict"])
def test_every_serializer_round_trips(fmt: str, report: gr.AnnualReport) -> None:
    assert gr.loads(gr.dumps(report, fmt), fmt) == report  # type: ignore[call-overload]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_decimal_text_survives_exactly(fmt: str, hongqi_path: Path, city: gr.AnnualReport) -> None:
    report = city
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
    [("- 1\n- 2\n", "yaml"), ("[1, 2]", "json"), ("just text", "yaml"), ("null", "yaml")],
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


# --- audit: non-finite numbers, impossible dates, canonical amounts, duplicates, messages -----

AMOUNT = "$.proactive_disclosure.art20_8.admin_fees.amount_wan_yuan"
YEAR = "$.metadata.year"


def _text(hongqi_path: Path, fmt: str) -> str:
    return gr.dumps(gr.load(hongqi_path), fmt)  # type: ignore[call-overload,no-any-return]


def _text_problems(text: str, fmt: str) -> dict[str, str]:
    with pytest.raises(SerializationError) as info:
        gr.loads(text, fmt)
    assert isinstance(info.value, gr.GovInfoReportError)
    return {p.path: p.message for p in info.value.problems}


_NUMBER_AT = {
    "yaml": {
        AMOUNT: ("amount_wan_yuan: 0", "amount_wan_yuan: {}"),
        YEAR: ("year: 2023", "year: {}"),
    },
    "json": {
        AMOUNT: ('"amount_wan_yuan": "0"', '"amount_wan_yuan": {}'),
        YEAR: ('"year": 2023', '"year": {}'),
    },
    "toml": {
        AMOUNT: ("amount_wan_yuan = 0", "amount_wan_yuan = {}"),
        YEAR: ("year = 2023", "year = {}"),
    },
}


@pytest.mark.parametrize("path", [AMOUNT, YEAR])
@pytest.mark.parametrize(
    ("fmt", "number"),
    [
        ("yaml", ".nan"),
        ("yaml", ".NaN"),
        ("yaml", ".inf"),
        ("yaml", "-.inf"),
        ("yaml", "+.inf"),
        ("json", "NaN"),
        ("json", "Infinity"),
        ("json", "-Infinity"),
        ("json", "1e400"),
        ("json", "-1e400"),
        ("toml", "nan"),
        ("toml", "inf"),
        ("toml", "-inf"),
        ("toml", "1e400"),
    ],
)
def test_a_number_that_is_not_finite_is_named_with_its_path(
    hongqi_path: Path, fmt: str, number: str, path: str
) -> None:
    old, new = _NUMBER_AT[fmt][path]
    text = _text(hongqi_path, fmt)
    assert old in text
    problems = _text_problems(text.replace(old, new.format(number), 1), fmt)
    assert list(problems) == [path]
    assert "不是有限的数（NaN 或无穷大） / not a finite number" in problems[path]


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        Decimal("-Infinity"),
        Decimal("sNaN"),
        Decimal("1E+400"),
    ],
)
def test_a_number_that_is_not_finite_in_a_dict(data: dict[str, Any], value: object) -> None:
    data["proactive_disclosure"]["art20_8"]["admin_fees"]["amount_wan_yuan"] = value
    data["metadata"]["year"] = value
    problems = _problems(data)
    assert set(problems) == {AMOUNT, YEAR}
    assert all("not a finite number" in message for message in problems.values())


def test_an_exponent_cannot_blow_up_into_huge_text(hongqi_path: Path) -> None:
    text = _text(hongqi_path, "json").replace(
        '"amount_wan_yuan": "0"', '"amount_wan_yuan": 1e-999999999'
    )
    problems = _text_problems(text, "json")
    assert "too many decimal places" in problems[AMOUNT]


@pytest.mark.parametrize("date", ["2023-13-45", "2023-02-30", "2023-00-10"])
def test_an_impossible_yaml_date_is_named_with_its_path(hongqi_path: Path, date: str) -> None:
    text = _text(hongqi_path, "yaml").replace("published: null", f"published: {date}")
    problems = _text_problems(text, "yaml")
    assert list(problems) == ["$.metadata.published"]
    assert "must be a valid date YYYY-MM-DD" in problems["$.metadata.published"]
    assert date in problems["$.metadata.published"]


def test_a_real_yaml_date_still_reads(hongqi_path: Path) -> None:
    text = _text(hongqi_path, "yaml").replace("published: null", "published: 2024-01-15")
    assert str(gr.loads(text, "yaml").metadata.published) == "2024-01-15"


@pytest.mark.parametrize(
    ("old", "new"),
    [("amount_wan_yuan: 0", "amount_wan_yuan: !!float abc"), ("year: 2023", "year: !!int abc")],
)
def test_yaml_explicit_tags_on_bad_text_give_the_line(
    hongqi_path: Path, old: str, new: str
) -> None:
    text = _text(hongqi_path, "yaml")
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(SerializationError, match=rf"(?s)not valid YAML.*line {line}\b"):
        gr.loads(text.replace(old, new), "yaml")


ALL_FORMATS = (*TEXT_FORMATS, "dict")
EDGE_AMOUNTS = [
    "0",
    "0.0",
    "12.50",
    "96171.6",
    "1000",
    "0.0000",
    "0E-7",
    "1E+3",
    "1.0E+3",
    "-0",
    "-0.0",
    "0.0000001",
]


def _with_amounts(report: gr.AnnualReport, amount: Decimal) -> gr.AnnualReport:
    pd = report.proactive_disclosure
    fees = attrs.evolve(pd.art20_8.admin_fees, amount_wan_yuan=amount)  # type: ignore[union-attr]
    pd = attrs.evolve(pd, art20_8=attrs.evolve(pd.art20_8, admin_fees=fees))  # type: ignore[union-attr]
    other = attrs.evolve(report.other_matters, info_processing_fee_yuan=amount)
    return attrs.evolve(report, proactive_disclosure=pd, other_matters=other)


def _across(report: gr.AnnualReport, first: str, second: str) -> gr.AnnualReport:
    once = gr.loads(gr.dumps(report, first), first)  # type: ignore[call-overload]
    return gr.loads(gr.dumps(once, second), second)  # type: ignore[call-overload,no-any-return]


@pytest.mark.parametrize("amount", EDGE_AMOUNTS)
def test_amounts_round_trip_exactly_across_every_pair_of_formats(
    hongqi_path: Path, amount: str
) -> None:
    report = _with_amounts(gr.load(hongqi_path), Decimal(amount))
    expected = gr.dumps(report, "json")
    canonical = format(
        Decimal(amount).copy_abs() if Decimal(amount).is_zero() else Decimal(amount), "f"
    )
    assert f'"amount_wan_yuan": "{canonical}"' in expected
    for first in ALL_FORMATS:
        for second in ALL_FORMATS:
            again = _across(report, first, second)
            assert again == report, (first, second)
            assert gr.dumps(again, "json") == expected, (first, second)


@settings(max_examples=20)
@given(reports())
def test_generated_reports_round_trip_across_every_pair_of_formats(report: gr.AnnualReport) -> None:
    expected = gr.dumps(report, "json")
    for first in ALL_FORMATS:
        for second in ALL_FORMATS:
            again = _across(report, first, second)
            assert again == report
            assert gr.dumps(again, "json") == expected


@pytest.mark.parametrize(
    ("fmt", "written", "canonical"),
    [
        ("toml", "1e3", "1000"),
        ("toml", "0e-7", "0.0000000"),
        ("toml", "-0.0", "0.0"),
        ("yaml", "1.0e+3", "1000"),
        ("yaml", "-0.0", "0.0"),
        ("yaml", "1:30.5", "90.5"),
        ("json", "1E+3", "1000"),
        ("json", "0E-7", "0.0000000"),
        ("json", "-0.0", "0.0"),
    ],
)
def test_exponent_forms_and_negative_zero_are_read_in_the_canonical_form(
    hongqi_path: Path, fmt: str, written: str, canonical: str
) -> None:
    old, new = _NUMBER_AT[fmt][AMOUNT]
    report = gr.loads(_text(hongqi_path, fmt).replace(old, new.format(written)), fmt)
    data = json.loads(gr.dumps(report, "json"))
    assert data["proactive_disclosure"]["art20_8"]["admin_fees"]["amount_wan_yuan"] == canonical
    assert gr.loads(gr.dumps(report, "json"), "json") == report


@pytest.mark.parametrize("written", ["1E+3", "0E-7", "-0.0"])
def test_exponent_forms_in_a_dict_are_canonical(data: dict[str, Any], written: str) -> None:
    data["proactive_disclosure"]["art20_8"]["admin_fees"]["amount_wan_yuan"] = Decimal(written)
    report = gr.structure(data)
    assert gr.loads(gr.dumps(report, "json"), "json") == report


def test_toml_writes_amounts_as_exact_numbers(hongqi_path: Path) -> None:
    report = _with_amounts(gr.load(hongqi_path), Decimal("0"))
    assert "amount_wan_yuan = 0\n" in gr.dumps(report, "toml")
    assert "info_processing_fee_yuan = 0\n" in gr.dumps(report, "toml")
    report = _with_amounts(report, Decimal("0.0000001"))
    assert "amount_wan_yuan = 0.0000001\n" in gr.dumps(report, "toml")


def test_json_duplicate_keys_are_named_with_their_path(hongqi_path: Path) -> None:
    text = _text(hongqi_path, "json").replace('"year": 2023', '"year": 2023, "year": 2024', 1)
    text = text.replace('"schema_version": 1', '"schema_version": 1, "schema_version": 1', 1)
    problems = _text_problems(text, "json")
    assert set(problems) == {YEAR, "$.schema_version"}
    assert "'year'" in problems[YEAR]
    assert "重复" in problems[YEAR]


def test_yaml_duplicate_keys_are_named_with_their_path_and_line(hongqi_path: Path) -> None:
    text = _text(hongqi_path, "yaml").replace("  year: 2023\n", "  year: 2023\n  year: 2024\n", 1)
    line = text[: text.index("  year: 2024")].count("\n") + 1
    problems = _text_problems(text, "yaml")
    assert list(problems) == [YEAR]
    assert "'year'" in problems[YEAR]
    assert f"line {line}," in problems[YEAR]
    assert list(_text_problems("{a: 1, a: 2}", "yaml")) == ["$.a"]  # on one line too


def test_yaml_aliases_are_not_duplicates(hongqi_path: Path) -> None:
    text = "base: &b {x: 1}\nother: *b\nthird: {<<: *b, y: 2}\n"
    assert load_data(text, "yaml") == {
        "base": {"x": 1},
        "other": {"x": 1},
        "third": {"x": 1, "y": 2},
    }


def test_messages_show_numbers_as_written(data: dict[str, Any]) -> None:
    data["proactive_disclosure"]["art20_8"]["admin_fees"]["amount_wan_yuan"] = Decimal("-0.1")
    data["metadata"]["agency"] = Decimal("1.5")
    data["metadata"]["format_version"] = Decimal("2021.0")
    with pytest.raises(SerializationError) as info:
        gr.structure(data)
    assert "Decimal(" not in str(info.value)
    problems = {p.path: p.message for p in info.value.problems}
    assert "-0.1" in problems[AMOUNT]
    assert "got number 1.5" in problems["$.metadata.agency"]
    assert "got number 2021.0" in problems["$.metadata.format_version"]
    assert all("Decimal(" not in str(f.actual) for f in info.value.findings)


def test_the_header_counts_in_both_languages(data: dict[str, Any]) -> None:
    data["metadata"]["year"] = "x"
    data["metadata"]["agency"] = 1
    with pytest.raises(SerializationError) as info:
        gr.structure(data, source="r.json")
    header = str(info.value).splitlines()[0]
    assert header == "无法读取报告 / cannot read the report in r.json: 2 处问题 / 2 problem(s)"


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("", "yaml"),
        ("# nothing yet\n", "yaml"),
        ("", "json"),
        (" \n\t", "json"),
        ("", "toml"),
        ("# x\n", "toml"),
        (b"\xef\xbb\xbf", "json"),
    ],
)
def test_an_empty_file_says_so(text: str | bytes, fmt: str) -> None:
    assert _text_problems(text, fmt) == {"$": "文件为空 / the file is empty"}  # type: ignore[arg-type]


@pytest.mark.parametrize("ext", [".json", ".yaml", ".toml"])
def test_an_empty_file_on_disk_names_the_file(tmp_path: Path, ext: str) -> None:
    path = tmp_path / f"empty{ext}"
    path.write_bytes(b"")
    with pytest.raises(SerializationError, match="文件为空 / the file is empty") as info:
        gr.load(path)
    assert info.value.source == str(path)
    assert "NoneType" not in str(info.value)


def test_a_null_document_is_not_a_mapping() -> None:
    with pytest.raises(SerializationError, match="a report must be a mapping, got null"):
        gr.structure(None)


def test_a_yaml_syntax_error_says_where_on_one_line() -> None:
    with pytest.raises(SerializationError) as info:
        gr.loads("a: 1\n b: 2\n", "yaml")
    (problem,) = info.value.problems
    assert "第 2 行第 3 列 / line 2, column 3" in problem.message
    assert "\n" not in problem.message


def test_a_cell_of_the_wrong_type_is_named_by_its_labels(data: dict[str, Any]) -> None:
    data["requests"]["granted"]["natural_person"] = 1.5
    data["review_litigation"]["review"]["upheld"] = "x"
    problems = _problems(data)
    assert problems["$.requests.granted.natural_person"].startswith("（一）予以公开 / 自然人：")
    assert problems["$.review_litigation.review.upheld"].startswith("行政复议 / 结果维持：")


@pytest.mark.parametrize(
    ("fmt", "text"), [("json", "{"), ("yaml", "a: [1"), ("toml", "a = "), ("json", b"\xff")]
)
def test_text_not_of_the_format_is_said_in_the_same_words_by_every_codec(
    fmt: str, text: str | bytes
) -> None:
    name = fmt.upper()
    (message,) = _text_problems(text, fmt).values()  # type: ignore[arg-type]
    assert message.startswith(f"不是有效的 {name} / not valid {name}: ")


@pytest.mark.parametrize(
    ("fmt", "text"), [("json", "[" * 100_000), ("toml", "a = " + "[" * 100_000)]
)
def test_nesting_too_deep_is_said_in_the_same_words_by_every_codec(fmt: str, text: str) -> None:
    name = fmt.upper()
    assert _text_problems(text, fmt) == {  # type: ignore[arg-type]
        "$": f"不是有效的 {name}，嵌套过深 / not valid {name}: nested too deeply"
    }

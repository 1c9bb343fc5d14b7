"""The lenient model-file loader, the ``validate`` command, the report's JSON form, the docs page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import govinfo_report as gr
from govinfo_report.catalog import RULES, Severity
from govinfo_report.cli import main
from govinfo_report.draft import CellStatus, Draft
from govinfo_report.validate import (
    JSON_SCHEMA_ID,
    UnknownRuleError,
    draft_from_data,
    load_lenient,
    rules_for,
    rules_markdown,
    validate,
)

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
SAMPLES = ROOT / "tests" / "samples"


def _broken_yaml(tmp_path: Path, name: str = "broken.yaml") -> Path:
    data = yaml.safe_load((EXAMPLES / "city-2024.yaml").read_text(encoding="utf-8"))
    data["requests"]["granted"]["natural_person"] = 1170  # printed total stays 1218
    data["requests"]["granted"]["research_institution"] = "/"
    data["requests"]["withheld"]["state_secret"]["other_org"] = -1
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# --- lenient loading -------------------------------------------------------------------------


def test_valid_model_files_load_strictly(tmp_path):
    report = load_lenient(EXAMPLES / "city-2024.yaml")
    assert isinstance(report, gr.AnnualReport)
    for fmt in ("json", "toml"):
        path = tmp_path / f"city.{fmt}"
        path.write_text(gr.dumps(report, fmt), encoding="utf-8")
        assert load_lenient(path) == report


def test_a_broken_model_file_becomes_a_draft_with_findings(tmp_path):
    path = _broken_yaml(tmp_path)
    with pytest.raises(gr.SerializationError):
        gr.load(path)
    draft = load_lenient(path)
    assert isinstance(draft, Draft)
    assert draft.cells["requests.granted.research_institution"].status is CellStatus.DASH
    result = validate(draft)
    assert {"t3-row-total", "cell-invalid", "cell-blank"} <= result.codes
    row = next(f for f in result.by_code("t3-row-total") if f.path == "requests.granted.total")
    assert row.source is not None
    assert row.source.file == str(path)


def test_omitted_totals_are_derived_and_unknown_keys_reported(tmp_path):
    data = yaml.safe_load((EXAMPLES / "hongqi-2023.yaml").read_text(encoding="utf-8"))
    for row in ("granted", "carried_forward"):
        del data["requests"][row]["total"]
    del data["requests"]["outcomes_total"]
    data["requests"]["granted"]["natual_person"] = 3  # a typo of a key
    data["requests"]["granted"]["natural_person"] = "x"
    draft = draft_from_data(data, source="h.yaml")
    derived = draft.cells["requests.outcomes_total.commercial_enterprise"]
    assert derived.note.startswith("derived")
    assert draft.cells["requests.carried_forward.total"].value == 0
    result = validate(draft)
    (unknown,) = result.by_code("data-unknown-key")
    assert unknown.path == "requests.granted.natual_person"
    assert unknown.severity is Severity.ERROR  # load() refuses the file
    (invalid,) = result.by_code("cell-invalid")
    assert invalid.path == "requests.granted.natural_person"
    # Totals whose terms include that text cannot be derived: they stay unknown.
    assert {f.path for f in result.by_code("cell-missing")} == {
        "requests.granted.total",
        "requests.outcomes_total.natural_person",
        "requests.outcomes_total.total",
    }
    assert not {"t3-row-total", "t3-outcomes-total", "t3-balance"} & result.codes


def test_garbage_data_never_raises():
    for data in (None, [], "text", {"metadata": 3}, {"requests": {"granted": [1, 2]}}):
        result = validate(draft_from_data(data))
        assert not result.valid
        assert "check-failed" not in result.codes


def test_unparseable_model_file_is_a_serialization_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(gr.SerializationError):
        load_lenient(path)


@pytest.mark.parametrize(("name", "text"), [("list.yaml", "- 1\n- 2\n"), ("scalar.json", "42")])
def test_a_file_that_is_not_a_mapping_is_not_a_report(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(gr.SerializationError, match="mapping"):
        load_lenient(path)


# --- the command -----------------------------------------------------------------------------


def test_demo_file_is_clean(capsys):
    assert main(["validate", str(EXAMPLES / "hongqi-2023.yaml")]) == 0
    out = capsys.readouterr().out
    assert "通过 / valid" in out


def test_a_folder_is_every_report_in_it(capsys):
    assert main(["validate", str(EXAMPLES), "--format", "json"]) == 0
    files = [Path(entry["file"]).name for entry in json.loads(capsys.readouterr().out)["files"]]
    assert files == sorted(p.name for p in EXAMPLES.glob("*.yaml"))


def test_broken_file_exits_1_and_names_the_cell(tmp_path, capsys):
    path = _broken_yaml(tmp_path)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "错误 error  t3-row-total" in out
    assert "（一）予以公开 / 总计：应为" in out  # Chinese first, with the label path
    assert "requests.granted.total: expected" in out  # English second
    assert "不通过 / invalid" in out


def test_json_output_contract(tmp_path, capsys):
    path = _broken_yaml(tmp_path)
    output = tmp_path / "out.json"
    code = main(
        [
            "validate",
            str(path),
            str(EXAMPLES / "hongqi-2023.yaml"),
            "--format",
            "json",
            "-o",
            str(output),
        ]
    )
    assert code == 1
    document = json.loads(capsys.readouterr().out)
    assert document == json.loads(output.read_text(encoding="utf-8"))
    assert document["schema"] == JSON_SCHEMA_ID
    assert document["valid"] is False
    broken, clean = document["files"]
    assert (broken["valid"], clean["valid"]) == (False, True)
    assert set(broken["counts"]) == {"error", "warning", "info"}
    finding = broken["findings"][0]
    assert set(finding) == {
        "code", "severity", "title_zh", "title_en", "path", "location", "labels", "message_zh",
        "message_en", "expected", "actual", "related", "source", "suggestion",
        "localisation",
    }  # fmt: skip
    assert finding["severity"] == "error"
    assert sum(f["severity"] == "error" for f in broken["findings"]) == broken["counts"]["error"]


def test_select_ignore_and_usage_errors(tmp_path, capsys):
    path = _broken_yaml(tmp_path)
    assert main(["validate", str(path), "--ignore", "table3,cell"]) == 0
    assert main(["validate", str(path), "--select", "cell-blank"]) == 0
    assert main(["validate", str(path), "--select", "t3-row-total"]) == 1
    capsys.readouterr()
    assert main(["validate", str(path), "--select", "no-such-rule"]) == 2
    assert "no-such-rule" in capsys.readouterr().err
    assert main(["validate"]) == 2
    assert main(["validate", "--format", "xml", str(path)]) == 2


def test_unreadable_files_exit_1(tmp_path, capsys):
    missing = tmp_path / "missing.yaml"
    assert main(["validate", str(missing)]) == 1
    capsys.readouterr()
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["validate", str(empty), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["files"][0]["valid"] is False
    assert "error" in document["files"][0]


def test_list_rules(capsys):
    assert main(["validate", "--list-rules", "--select", "crossyear"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert {line.split()[0] for line in lines} == {r.code for r in rules_for(["crossyear"])}


def test_previous_year(tmp_path, capsys, city):
    last = gr.structure(
        {**gr.unstructure(city), "metadata": {**gr.unstructure(city)["metadata"], "year": 2023}}
    )
    previous = tmp_path / "last.json"
    previous.write_text(gr.dumps(last, "json"), encoding="utf-8")
    args = ["validate", str(EXAMPLES / "city-2024.yaml"), "--previous", str(previous)]
    assert main(args) == 0  # cross-year findings are warnings
    out = capsys.readouterr().out
    assert "xy-carryover" in out
    assert "应等于上年报告的 四、结转下年度继续办理（103），实为 34" in out
    assert main([*args[:-1], str(tmp_path / "none.yaml")]) == 1


def test_published_files_go_through_the_parsers(capsys):
    files = [str(SAMPLES / "hongqi-2023.txt"), str(SAMPLES / "huaian-2024.pdf")]
    assert main(["validate", *files, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    hongqi, huaian = document["files"]
    assert hongqi["agency"] == "红旗区政务服务和大数据管理局"
    assert huaian["year"] == 2024
    # The 淮安 text agrees with its tables (受理3119 = 一, 答复3050, 结转34, 顺延103, 复议351).
    assert huaian["counts"] == {"error": 0, "warning": 0, "info": 0}


def test_the_installed_command_runs():
    result = subprocess.run(
        [sys.executable, "-m", "govinfo_report", "validate", str(EXAMPLES / "hongqi-2023.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- report, catalogue, docs -----------------------------------------------------------------


def test_report_counts_and_json(city):
    result = validate(city)
    assert result.valid
    assert result.counts == dict.fromkeys(Severity, 0)
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["format_version"] == "2021"


def test_unknown_rule_code_raises_a_library_error(city):
    with pytest.raises(UnknownRuleError) as info:
        validate(city, select=["t3-balanc"])
    assert isinstance(info.value, gr.GovInfoReportError)
    assert isinstance(info.value, ValueError)


def test_every_rule_can_be_selected_alone(city):
    for rule in RULES:
        assert rules_for([rule.code]) == (rule,)
        validate(city, select=[rule.code])


def test_rules_page_is_current():
    page = ROOT / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == rules_markdown(), "run scripts/gen_docs.py"
    for rule in RULES:
        assert f"## {rule.code}" in page.read_text(encoding="utf-8")

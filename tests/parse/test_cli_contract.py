"""``govinfo-report parse`` and the stable JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from govinfo_report import taxonomy as tx
from govinfo_report.cli import main
from govinfo_report.parse import CONTRACT, contract, parse
from govinfo_report.taxonomy import FormatVersion

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_json_contract_of_a_pdf(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "json", str(SAMPLES / "huaian-2024.pdf")]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["contract"] == CONTRACT
    (report,) = document["reports"]
    assert report["input_kind"] == "pdf"
    assert report["format_version"] == "2021"
    assert report["metadata"]["agency"] == "淮安市人民政府"
    assert report["metadata"]["scope"] == "jurisdiction"
    assert report["metadata"]["confidence"]["year"] == pytest.approx(0.99)
    cells = {c["id"]: c for c in report["cells"]}
    assert [c["id"] for c in report["cells"]] == [s.id for s in tx.cell_specs(FormatVersion.V2021)]
    secret = cells["requests.withheld.state_secret.natural_person"]
    assert secret["labels"] == ["（三）不予公开", "1.属于国家秘密", "自然人"]
    assert secret["value"] == 2
    assert secret["text"] == "2"
    assert secret["source"] == {
        "file": str(SAMPLES / "huaian-2024.pdf"),  # the path given, not the bare name
        "page": 4,
        "table": 3,
        "row": 8,
        "column": 4,
        "line": None,
    }
    fee = cells["proactive_disclosure.art20_8.admin_fees.amount_wan_yuan"]
    assert fee["value"] == "96171.6"  # decimals as exact strings
    assert report["sections"][0]["key"] == "overview"
    assert report["info_processing_fee_yuan"] == "3940"
    assert report["closing"] == ""  # the PDF ends without a signature
    assert report["identity_findings"] == []


def test_blank_cells_are_null(tmp_path: Path) -> None:
    draft = parse(SAMPLES / "blank-template-2021.docx")
    data = contract(draft, "docx")
    assert {c["value"] for c in data["cells"]} == {None}
    assert {c["status"] for c in data["cells"]} == {"blank"}


def test_several_files_to_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out.yaml"
    files = [str(SAMPLES / "hongqi-2023.txt"), str(bad), str(SAMPLES / "huaian-2024.pdf")]
    assert main(["parse", *files, "-o", str(out)]) == 1  # one file could not be read
    captured = capsys.readouterr()
    assert "红旗区政务服务和大数据管理局" in captured.out
    assert "输入 / input: pdf" in captured.out
    assert "文件为空 / the file is empty" in captured.err
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [r["file"] for r in document["reports"]] == files
    assert "error" in document["reports"][1]


def test_identity_violations_are_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (SAMPLES / "hongqi-2023.txt").read_text(encoding="utf-8")
    broken = text.replace("（七）总计 0 0 0 0 0 0 0", "（七）总计 5 0 0 0 0 0 5")
    path = tmp_path / "broken.txt"
    path.write_text(broken, encoding="utf-8")
    assert main(["parse", str(path)]) == 1
    out = capsys.readouterr().out
    assert "t3-balance" in out
    assert "line 180" in out


def test_bad_output_extension(tmp_path: Path) -> None:
    assert main(["parse", str(SAMPLES / "hongqi-2023.txt"), "-o", str(tmp_path / "x.csv")]) == 2


def test_folders_and_missing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "hongqi.txt").write_bytes((SAMPLES / "hongqi-2023.txt").read_bytes())
    (folder / "notes.md").write_text("not picked up from a folder", encoding="utf-8")
    assert main(["parse", str(folder), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in document["reports"]] == [str(folder / "hongqi.txt")]
    # A missing file is a file that could not be read (exit 1), said in both languages.
    assert main(["parse", str(folder), str(tmp_path / "gone.pdf")]) == 1
    assert "文件不存在 / no such file" in capsys.readouterr().err
    # A folder with nothing to read is a usage error.
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["parse", str(empty)]) == 2
    assert main(["validate", str(empty)]) == 2


def test_every_command_picks_the_same_published_files_from_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # One list of published extensions (io.PUBLISHED_SUFFIXES): a CMS page saved as .shtml is
    # picked up by parse and validate as by the dataset builder.
    page = (SAMPLES.parent / "corpus" / "pingtan-2024-html" / "source.html").read_bytes()
    (tmp_path / "report.shtml").write_bytes(page)
    assert main(["parse", str(tmp_path), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in document["reports"]] == [str(tmp_path / "report.shtml")]
    assert document["reports"][0]["input_kind"] == "html"
    main(["validate", str(tmp_path), "--format", "json"])
    assert str(tmp_path / "report.shtml") in capsys.readouterr().out


def test_an_output_in_a_missing_folder_is_refused_before_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "out.json"
    assert main(["parse", str(SAMPLES / "hongqi-2023.txt"), "-o", str(target)]) == 2
    captured = capsys.readouterr()
    assert "output folder does not exist" in captured.err
    assert captured.out == ""  # nothing was parsed and printed first
    assert not target.parent.exists()

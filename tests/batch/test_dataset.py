"""The dataset: contract, archives member by member, resumable chunks, SQL, Dask equality."""

from __future__ import annotations

import io
import re
import tarfile
import zipfile
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
duckdb = pytest.importorskip("duckdb")

from govinfo_report.batch.dataset import COLUMNS, DATASET_CONTRACT, build_dataset  # noqa: E402
from govinfo_report.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "samples"
DOCS = ROOT / "docs" / "dataset.md"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three real reports, one of them also inside a zip, hostile members, and a junk file."""
    folder = tmp_path_factory.mktemp("in")
    for name in ("hongqi-2023.txt", "huaian-2024.pdf"):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    docx = ROOT / "tests" / "corpus" / "shuyang-county-2025-docx" / "source.docx"
    (folder / "shuyang.docx").write_bytes(docx.read_bytes())
    (folder / "junk.txt").write_text("nothing here", encoding="utf-8")
    with zipfile.ZipFile(folder / "bundle.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(SAMPLES / "hongqi-2023.txt", "copy/hongqi-2023.txt")
        archive.writestr("../escape.txt", "x")
        archive.writestr("inner.zip", b"PK\x03\x04 nested")
        archive.writestr("bomb.txt", b"0" * 5_000_000)
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:gz") as archive:
        archive.add(SAMPLES / "hongqi-2023.txt", "t/hongqi.txt")
    (folder / "more.tar.gz").write_bytes(data.getvalue())
    return folder


@pytest.fixture(scope="module")
def dataset(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert main(["dataset", str(corpus), "-o", str(out), "--jobs", "2"]) == 1  # junk fails
    return out


def _types(table: str) -> list[tuple[str, str]]:
    return [(name, kind) for name, kind, _ in COLUMNS[table]]


def test_the_tables_follow_the_contract(dataset: Path) -> None:
    names = {"string": "string", "int64": "int64", "int32": "int32", "float64": "double"}
    names |= {"date32": "date32[day]", "decimal(20,4)": "decimal128(20, 4)"}
    for table in COLUMNS:
        schema = pq.read_schema(dataset / f"{table}.parquet")
        assert [(f.name, str(f.type)) for f in schema] == [
            (name, names[kind]) for name, kind in _types(table)
        ]
    reports = pq.read_table(dataset / "reports.parquet").to_pylist()
    assert {r["contract"] for r in reports} == {DATASET_CONTRACT}


def test_the_documented_contract_is_the_code(dataset: Path) -> None:
    text = DOCS.read_text(encoding="utf-8")
    for table, columns in COLUMNS.items():
        section = text.split(f"### `{table}.parquet`")[1].split("###")[0]
        rows = re.findall(r"^\| `(\w+)` \| ([\w(),]+) \| (.+) \|$", section, re.MULTILINE)
        assert rows == [(name, kind, meaning) for name, kind, meaning in columns], table


def test_every_input_has_a_row_and_hostile_members_are_refused(dataset: Path) -> None:
    rows = {
        r["source"].split("/")[-1]: r
        for r in pq.read_table(dataset / "reports.parquet").to_pylist()
    }
    assert rows["hongqi-2023.txt"]["status"] == "ok"
    assert rows["hongqi-2023.txt"]["year"] == 2023
    assert rows["huaian-2024.pdf"]["cell_count"] == 200
    assert rows["shuyang.docx"]["kind"] == "docx"
    assert rows["junk.txt"]["status"] == "failed"
    by_member = {r["source"].rsplit("!", 1)[-1]: r for r in rows.values() if "!" in r["source"]}
    assert by_member["../escape.txt"]["status"] == "refused"
    assert "escapes" in by_member["../escape.txt"]["error"]
    assert "nested" in by_member["inner.zip"]["error"]
    assert "bomb" in by_member["bomb.txt"]["error"]
    assert by_member["t/hongqi.txt"]["status"] == "ok"
    # The same bytes are one report: its cells are written once.
    cells = pq.read_table(dataset / "cells.parquet")
    ids = cells["report_id"].to_pylist()
    assert ids.count(rows["hongqi-2023.txt"]["report_id"]) == 200


def test_the_five_documented_questions_run(dataset: Path) -> None:
    queries = re.findall(r"```sql\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert len(queries) == 5
    connection = duckdb.connect(str(dataset / "reports.duckdb"), read_only=True)
    results = [connection.execute(query).fetchall() for query in queries]
    share = {(year, scope): decided for year, scope, _, decided, _ in results[0]}
    assert {year for year, _ in share} == {2023, 2024, 2025}
    assert max(share.values()) > 0
    years = {year: reports for year, reports, _ in results[3]}
    assert years[2024] == 1
    assert any(status == "refused" for status, *_ in results[4])


def test_a_rerun_skips_what_is_done_and_retries_only_the_failed(
    corpus: Path, dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    main(["dataset", str(corpus), "-o", str(dataset)])
    assert "0 个文件已读 / files read" in capsys.readouterr().out
    main(["dataset", str(corpus), "-o", str(dataset), "--retry-failed"])
    out = capsys.readouterr().out
    assert "4 个文件已读 / files read" in out  # junk + three refused members
    reports = pq.read_table(dataset / "reports.parquet")
    assert len(reports) == len(set(reports["source"].to_pylist()))


def test_an_interrupted_batch_keeps_its_committed_chunks(corpus: Path, tmp_path: Path) -> None:
    calls = []

    def stop(summary: object) -> None:
        calls.append(summary)
        if len(calls) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_dataset([corpus], tmp_path, workers=1, chunk=2, on_progress=stop)
    committed = pq.read_table(next((tmp_path / ".chunks").glob("reports-*.parquet")))
    assert len(committed) == 2
    summary = build_dataset([corpus], tmp_path, workers=2, chunk=2)
    assert summary.skipped == 3  # the two committed, and the one in hand when stopped
    assert len(pq.read_table(tmp_path / "reports.parquet")) == summary.total


def test_the_dask_engine_writes_the_same_dataset(dataset: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    sources = [SAMPLES / "hongqi-2023.txt", SAMPLES / "huaian-2024.pdf"]
    local = build_dataset(sources, tmp_path / "local", workers=2)
    dask = build_dataset(sources, tmp_path / "dask", engine="dask")
    assert local.by_kind == dask.by_kind
    for table in COLUMNS:
        ours = pq.read_table(tmp_path / "local" / f"{table}.parquet").drop_columns(
            ["seconds"] if table == "reports" else []
        )
        theirs = pq.read_table(tmp_path / "dask" / f"{table}.parquet").drop_columns(
            ["seconds"] if table == "reports" else []
        )
        key = ["source"] if table == "reports" else ["report_id", *ours.column_names[1:3]]
        assert (
            ours.sort_by([(k, "ascending") for k in key]).to_pylist()
            == theirs.sort_by([(k, "ascending") for k in key]).to_pylist()
        ), table


def test_an_input_without_bytes_is_a_row_named_by_its_path(tmp_path: Path) -> None:
    """Missing file: failed with the OS error; escaping member: refused in our words; both
    keyed by the hash of the input's name, with every contract column present."""
    import hashlib

    from govinfo_report.batch.dataset import Source, read_source

    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../escape.txt", "x")
    missing, escaping = Source(str(tmp_path / "gone.pdf")), Source(str(archive), "../escape.txt")
    for source, status, error in (
        (missing, "failed", "FileNotFoundError: "),
        (escaping, "refused", "成员路径越出压缩包 / member path escapes the archive"),
    ):
        report = read_source(source)["report"]
        assert (report["status"], report["error"].startswith(error)) == (status, True)
        assert report["report_id"] == hashlib.sha256(source.name.encode()).hexdigest()
        assert report["seconds"] >= 0
        assert list(report) == [name for name, _, _ in COLUMNS["reports"]]

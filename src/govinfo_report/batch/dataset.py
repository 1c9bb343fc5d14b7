"""A tidy dataset from many published reports: Parquet tables and a DuckDB file, resumable.

:func:`build_dataset` reads files, folders (recursively) and zip/tar archives (member by member)
in isolated workers (:func:`~govinfo_report.batch.run_batch`) and writes, in the output folder:

* ``reports.parquet``: one row per input (file or archive member), read or not;
* ``cells.parquet``: one row per report and cell found;
* ``findings.parquet``: one row per finding of the validator;
* ``reports.duckdb``: the three as tables of a DuckDB database (when ``duckdb`` is installed).

The columns are the contract :data:`COLUMNS` (version :data:`DATASET_CONTRACT`), documented in
docs/dataset.md. Results are committed in chunks (``.chunks/``, each file written atomically) as
the batch goes, so that an interrupt loses at most the chunk in flight; a re-run skips the inputs
already done (same path, size and modification time), and ``retry_failed`` reads the failed
ones again.

Example::

    >>> sorted(COLUMNS)
    ['cells', 'findings', 'reports']
    >>> COLUMNS["cells"][0]
    ('report_id', 'string', 'sha256 of the file (or member) bytes: the stable report id')
"""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ..errors import GovInfoReportError
from ..io import NO_SUCH_PATH, PUBLISHED_SUFFIXES
from ..limits import Limits, default_limits

__all__ = [
    "COLUMNS",
    "DATASET_CONTRACT",
    "DatasetSummary",
    "Source",
    "build_dataset",
    "find_sources",
    "read_source",
]

DATASET_CONTRACT = "govinfo-report-dataset/1"
"""The version of the column contract; a change of a name or type is a new version.

Examples:
    >>> from govinfo_report.batch.dataset import DATASET_CONTRACT
    >>> DATASET_CONTRACT
    'govinfo-report-dataset/1'
"""

_S, _I64, _I32, _F64, _DATE, _DEC = "string", "int64", "int32", "float64", "date32", "decimal(20,4)"

# The key of every table, and the labels of a cell (the cells' and the findings' tables).
_REPORT_ID = ("report_id", _S, "sha256 of the file (or member) bytes: the stable report id")
_LABELS = ("labels", _S, "the Chinese label path, joined by ' / '")

COLUMNS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "reports": (
        _REPORT_ID,
        ("source", _S, "the path read, with '!member' for a member of an archive"),
        ("file", _S, "the file (or member) name"),
        ("kind", _S, "text, html, docx or pdf (sniffed from the content)"),
        ("size", _I64, "bytes"),
        ("status", _S, "ok, failed (could not be read) or refused (archive member refused)"),
        ("error", _S, "why the file failed or was refused"),
        ("agency", _S, "报告主体, as found"),
        ("year", _I32, "年度"),
        ("format_version", _S, "2019 or 2021 (the layout of the tables)"),
        ("scope", _S, "the scope of the report"),
        ("published", _DATE, "the signing date"),
        ("agency_confidence", _F64, "confidence of the agency, 0 to 1"),
        ("year_confidence", _F64, "confidence of the year, 0 to 1"),
        ("format_confidence", _F64, "confidence of the format version, 0 to 1"),
        ("cell_count", _I32, "cells found"),
        ("identity_violations", _I32, "totals the published numbers break"),
        ("error_findings", _I32, "validator findings of error severity"),
        ("seconds", _F64, "time the worker spent on the file"),
        ("contract", _S, "the contract version of the row"),
    ),
    "cells": (
        _REPORT_ID,
        ("cell_id", _S, "the stable cell id, e.g. requests.granted.total"),
        _LABELS,
        ("value_int", _I64, "the value of a count cell, exact"),
        ("value_amount", _DEC, "the value of an amount cell (万元 or 元), exact"),
        ("text", _S, "the text as printed"),
        ("status", _S, "number, blank, dash, with_unit or text"),
        ("unit", _S, "the unit printed in the cell, if any"),
        ("page", _I32, "page (PDF)"),
        ("table_no", _I32, "table number in the document"),
        ("row_no", _I32, "row in the table"),
        ("column_no", _I32, "column in the table"),
        ("line_no", _I32, "line (text input)"),
    ),
    "findings": (
        _REPORT_ID,
        ("code", _S, "the rule's code, e.g. t3-balance"),
        ("severity", _S, "error, warning or info"),
        ("cell_id", _S, "the cell or section at fault"),
        _LABELS,
        ("message_zh", _S, "the message in Chinese"),
        ("message_en", _S, "the message in English"),
    ),
}
"""The columns of each table of the dataset: ``{table: ((name, type, description), ...)}``.

Examples:
    >>> from govinfo_report.batch.dataset import COLUMNS
    >>> sorted(COLUMNS)
    ['cells', 'findings', 'reports']
    >>> COLUMNS["cells"][1][:2]
    ('cell_id', 'string')
"""

_ARCHIVES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")


@attrs.frozen
class Source:
    """One input of the dataset: a file, or a member of an archive.

    Examples:
        >>> Source("a/b.zip", "r.pdf").name
        'a/b.zip!r.pdf'
    """

    path: str
    member: str | None = None
    size: int = 0
    mtime_ns: int = 0

    @property
    def name(self) -> str:
        """The path, with ``!member`` for an archive member."""
        return self.path if self.member is None else f"{self.path}!{self.member}"


def _is_archive(name: str) -> bool:
    return name.lower().endswith(_ARCHIVES)


def _sniffs_published(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(1024).lstrip().lower()
    except OSError:
        return False
    return head.startswith((b"%pdf", b"<html", b"<!doctype html")) or (
        head.startswith(b"pk\x03\x04") and b"word/" in head
    )


def _archive_members(path: Path, limits: Limits) -> list[Source]:
    """The regular members of a zip or tar archive (listing only; each is read by a worker)."""
    stat = path.stat()
    members: list[str] = []
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [i.filename for i in archive.infolist() if not i.is_dir()]
    else:
        with tarfile.open(path) as archive:
            for info in archive:
                if info.isfile():
                    members.append(info.name)
                limits.check("max_archive_members", len(members), where=str(path))
    limits.check("max_archive_members", len(members), where=str(path))
    return [Source(str(path), m, stat.st_size, stat.st_mtime_ns) for m in members]


def find_sources(
    inputs: Sequence[str | os.PathLike[str]], limits: Limits | None = None
) -> list[Source]:
    """Every input named: files, folders walked recursively, archives listed member by member.

    In folders, published reports are picked by extension (.txt, .html, .docx, .pdf...) or, for
    files without one of those, by their first bytes (PDF, HTML, Word).

    Raises:
        FileNotFoundError: for an input that does not exist.
        LimitExceeded: for an archive with more than ``max_archive_members`` members.

    Examples:
        >>> [s.name for s in find_sources(["tests/samples/hongqi-2023.txt"])]
        ['tests/samples/hongqi-2023.txt']
    """
    limits = limits or default_limits()
    sources: list[Source] = []
    for given in map(Path, inputs):
        if given.is_dir():
            candidates = sorted(p for p in given.rglob("*") if p.is_file())
            picked = [
                p
                for p in candidates
                if p.name.lower().endswith(PUBLISHED_SUFFIXES + _ARCHIVES) or _sniffs_published(p)
            ]
        elif given.exists():
            picked = [given]
        else:
            raise FileNotFoundError(2, NO_SUCH_PATH, str(given))
        for path in picked:
            if _is_archive(path.name):
                sources += _archive_members(path, limits)
            else:
                stat = path.stat()
                sources.append(Source(str(path), None, stat.st_size, stat.st_mtime_ns))
    return sources


class _Refused(GovInfoReportError, ValueError):
    """An archive member that is not read (escapes, nested archive, bomb)."""


def _member_bytes(source: Source, limits: Limits) -> bytes:
    member = source.member
    assert member is not None
    parts = member.replace("\\", "/").split("/")
    if member.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
        raise _Refused(f"成员路径越出压缩包 / member path escapes the archive: {member}")
    if _is_archive(member):
        raise _Refused(f"压缩包中的压缩包不读取 / nested archive refused: {member}")
    bound = limits.max_file_bytes
    if source.path.lower().endswith(".zip"):
        with zipfile.ZipFile(source.path) as archive:
            info = archive.getinfo(member)
            ratio = info.file_size / max(1, info.compress_size)
            if info.file_size > bound or ratio > limits.max_compression_ratio:
                raise _Refused(
                    f"压缩炸弹或过大的成员 / zip bomb or oversized member: {member} "
                    f"({info.compress_size} → {info.file_size} bytes)"
                )
            with archive.open(info) as stream:
                data = stream.read(bound + 1)
    else:
        with tarfile.open(source.path) as archive:
            extracted = archive.extractfile(member)
            if extracted is None:
                raise _Refused(f"不是普通文件 / not a regular file: {member}")
            data = extracted.read(bound + 1)
    if len(data) > bound:
        raise _Refused(f"成员过大 / member too large: {member}")
    if data[:4] == b"PK\x03\x04" and b"word/" not in data[:65536]:
        raise _Refused(f"压缩包中的压缩包不读取 / nested archive refused: {member}")
    return data


def _labels(labels: Sequence[str]) -> str:
    return " / ".join(labels)


def read_source(source: Source) -> dict[str, Any]:
    """Read one input into its rows: ``{"report": {...}, "cells": [...], "findings": [...]}``.

    Never raises for a bad file: a file that cannot be read is a row with its status and error.

    Examples:
        >>> rows = read_source(Source("tests/samples/hongqi-2023.txt"))
        >>> rows["report"]["status"], rows["report"]["year"], len(rows["cells"]) > 100
        ('ok', 2023, True)
    """
    from ..parse import parse, sniff
    from ..taxonomy import FormatVersion, cell_specs
    from ..validate import validate

    limits = default_limits()
    start = time.perf_counter()
    name = Path(source.member or source.path).name
    report: dict[str, Any] = {key: None for key, _, _ in COLUMNS["reports"]}
    report.update(source=source.name, file=name, contract=DATASET_CONTRACT)
    rows: dict[str, Any] = {"report": report, "cells": [], "findings": []}
    try:
        if source.member is None:
            path = Path(source.path)
            limits.check("max_file_bytes", path.stat().st_size, where=source.name)
            data = path.read_bytes()
        else:
            data = _member_bytes(source, limits)
    except (GovInfoReportError, OSError, zipfile.BadZipFile, tarfile.TarError, KeyError) as exc:
        # No bytes to hash: the input's name is its id. A refused member says why in our words.
        refused = isinstance(exc, _Refused)
        report.update(
            status="refused" if refused else "failed",
            error=str(exc) if refused else f"{type(exc).__name__}: {exc}",
            report_id=hashlib.sha256(source.name.encode("utf-8", "replace")).hexdigest(),
            seconds=time.perf_counter() - start,
        )
        return rows
    report_id = hashlib.sha256(data).hexdigest()
    report.update(report_id=report_id, size=len(data))
    try:
        report["kind"] = str(sniff(data, name))
        draft = parse(data, name=name)
    except (GovInfoReportError, OSError) as exc:
        report.update(status="failed", error=str(exc), seconds=time.perf_counter() - start)
        return rows
    meta = draft.metadata
    version = meta.format_version or FormatVersion.V2021
    specs = {spec.id: spec for spec in cell_specs(version)}
    for cell_id, cell in draft.cells.items():
        where = cell.source
        value = cell.value
        rows["cells"].append(
            {
                "report_id": report_id,
                "cell_id": cell_id,
                "labels": _labels(specs[cell_id].labels) if cell_id in specs else None,
                "value_int": value if isinstance(value, int) else None,
                "value_amount": value if isinstance(value, Decimal) else None,
                "text": cell.text,
                "status": str(cell.status),
                "unit": cell.unit,
                "page": where.page if where else None,
                "table_no": where.table if where else None,
                "row_no": where.row if where else None,
                "column_no": where.column if where else None,
                "line_no": where.line if where else None,
            }
        )
    result = validate(draft)
    for finding in result.findings:
        rows["findings"].append(
            {
                "report_id": report_id,
                "code": finding.code,
                "severity": str(finding.severity),
                "cell_id": finding.path,
                "labels": _labels(finding.labels),
                "message_zh": finding.message_zh,
                "message_en": finding.message_en,
            }
        )
    conf = meta.confidence
    report.update(
        status="ok",
        agency=meta.agency,
        year=meta.year,
        format_version=meta.format_version.value if meta.format_version else None,
        scope=str(meta.scope.value) if meta.scope else None,
        published=meta.published,
        agency_confidence=conf.get("agency"),
        year_confidence=conf.get("year"),
        format_confidence=conf.get("format_version"),
        cell_count=len(draft.cells),
        identity_violations=len(draft.identity_findings()),
        error_findings=sum(1 for f in result.findings if str(f.severity) == "error"),
        seconds=time.perf_counter() - start,
    )
    return rows


# --- writing -----------------------------------------------------------------------------------


def _schema(table: str) -> Any:
    import pyarrow as pa

    types = {
        _S: pa.string(),
        _I64: pa.int64(),
        _I32: pa.int32(),
        _F64: pa.float64(),
        _DATE: pa.date32(),
        _DEC: pa.decimal128(20, 4),
    }
    return pa.schema([(name, types[kind]) for name, kind, _ in COLUMNS[table]])


def _to_parquet(rows: list[dict[str, Any]], table: str) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=_schema(table)), buffer)
    return buffer.getvalue()


def _read_chunks(folder: Path, table: str) -> Any:
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = []
    for path in sorted(folder.glob(f"{table}-*.parquet")):
        done = folder / f"reports-{path.stem.split('-', 1)[1]}.parquet"
        if done.exists():  # a chunk counts once its reports file is written (the last one)
            chunk = pq.read_table(path, schema=_schema(table))
            parts.append(
                chunk.append_column("chunk", pa.array([path.stem] * len(chunk), pa.string()))
            )
    if not parts:
        return pa.Table.from_pylist([], schema=_schema(table)).append_column(
            "chunk", pa.array([], pa.string())
        )
    return pa.concat_tables(parts)


@attrs.define
class DatasetSummary:
    """What a run of :func:`build_dataset` did.

    Attributes:
        total: inputs found.
        skipped: inputs already done in an earlier run (resumed).
        by_kind: ``{(kind, status): count}`` over the inputs read in this run.
        folder: the output folder.
        interrupted: whether the run was stopped before the end (its committed chunks stay).

    Examples:
        >>> from govinfo_report.batch.dataset import DatasetSummary
        >>> summary = DatasetSummary(total=3, skipped=1, by_kind={("text", "ok"): 2})
        >>> summary.done
        2
    """

    total: int = 0
    skipped: int = 0
    by_kind: dict[tuple[str, str], int] = attrs.field(factory=dict)
    folder: Path = Path()
    interrupted: bool = False

    @property
    def done(self) -> int:
        """Inputs read in this run."""
        return sum(self.by_kind.values())


def build_dataset(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    workers: int | None = None,
    retry_failed: bool = False,
    limits: Limits | None = None,
    chunk: int | None = None,
    on_progress: Callable[[DatasetSummary], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> DatasetSummary:
    """Read every input into the dataset in ``output`` (created if missing); resume if present.

    Raises:
        KeyboardInterrupt: after committing what was done, when interrupted.
        FileNotFoundError: for an input that does not exist.

    Examples:
        >>> import tempfile
        >>> from govinfo_report.batch.dataset import build_dataset
        >>> folder = tempfile.mkdtemp()
        >>> summary = build_dataset(["tests/samples/hongqi-2023.txt"], folder, workers=1)
        >>> summary.total, summary.done, summary.by_kind
        (1, 1, {('text', 'ok'): 1})
        >>> build_dataset(["tests/samples/hongqi-2023.txt"], folder, workers=1).skipped
        1
    """
    from ..io import atomic_write
    from . import run_batch

    limits = limits or default_limits()
    folder = Path(output)
    chunks = folder / ".chunks"
    chunks.mkdir(parents=True, exist_ok=True)
    sources = find_sources(inputs, limits)
    done = _read_chunks(chunks, "reports").to_pylist()
    state = {row["source"]: row["status"] for row in done}
    todo = []
    summary = DatasetSummary(total=len(sources), folder=folder)
    for source in sources:
        previous = state.get(source.name)
        if previous is not None and (previous == "ok" or not retry_failed):
            summary.skipped += 1
            continue
        todo.append(source)
    number = 1 + max(
        (int(p.stem.split("-")[1]) for p in chunks.glob("reports-*.parquet")), default=0
    )
    size = chunk or limits.batch_chunk_files
    buffer: list[dict[str, Any]] = []

    def commit() -> None:
        nonlocal number, buffer
        if not buffer:
            return
        name = f"{number:06d}"
        cells = [c for rows in buffer for c in rows["cells"]]
        findings = [f for rows in buffer for f in rows["findings"]]
        atomic_write(chunks / f"cells-{name}.parquet", _to_parquet(cells, "cells"))
        atomic_write(chunks / f"findings-{name}.parquet", _to_parquet(findings, "findings"))
        reports = [rows["report"] for rows in buffer]
        atomic_write(chunks / f"reports-{name}.parquet", _to_parquet(reports, "reports"))
        number += 1
        buffer = []

    if engine == "dask":
        outcomes: Iterator[Any] = _dask_outcomes(todo, scheduler)
    else:
        outcomes = run_batch(read_source, todo, workers=workers, limits=limits)
    try:
        for outcome in outcomes:
            if outcome.ok:
                rows = outcome.value
            else:  # the worker crashed, hung or ran out of memory on this file
                source = todo[outcome.index]
                report: dict[str, Any] = {key: None for key, _, _ in COLUMNS["reports"]}
                report.update(
                    report_id=hashlib.sha256(source.name.encode("utf-8", "replace")).hexdigest(),
                    source=source.name,
                    file=Path(source.member or source.path).name,
                    status="failed",
                    error=outcome.error,
                    seconds=outcome.seconds,
                    contract=DATASET_CONTRACT,
                )
                rows = {"report": report, "cells": [], "findings": []}
            report = rows["report"]
            key = (report["kind"] or "?", report["status"])
            summary.by_kind[key] = summary.by_kind.get(key, 0) + 1
            buffer.append(rows)
            if len(buffer) >= size:
                commit()
            if on_progress is not None:
                on_progress(summary)
    except KeyboardInterrupt:
        commit()
        summary.interrupted = True
        raise
    commit()
    _finalise(folder, chunks)
    return summary


def _finalise(folder: Path, chunks: Path) -> None:
    """Merge the chunks into the three tables (latest row per input) and the DuckDB file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..io import atomic_write

    reports = _read_chunks(chunks, "reports")
    latest: dict[str, tuple[str, str]] = {}
    for source, report_id, name in zip(
        reports["source"].to_pylist(),
        reports["report_id"].to_pylist(),
        reports["chunk"].to_pylist(),
        strict=True,
    ):
        latest[source] = (report_id, name.split("-")[1])
    keep = {(rid, n) for rid, n in latest.values()}
    tables = {"reports": reports}
    for table in ("cells", "findings"):
        tables[table] = _read_chunks(chunks, table)
    for table, data in tables.items():
        marks = [
            (rid, name.split("-")[1]) in keep
            for rid, name in zip(
                data["report_id"].to_pylist(), data["chunk"].to_pylist(), strict=True
            )
        ]
        if table == "reports":  # one row per input (a file read twice keeps its latest row)
            seen: set[str] = set()
            for i in range(len(marks) - 1, -1, -1):
                source = data["source"][i].as_py()
                marks[i] = marks[i] and source not in seen
                seen.add(source)
        kept = data.filter(pa.array(marks, pa.bool_())).drop_columns(["chunk"])
        if table != "reports":  # two inputs with the same bytes are one report: rows once
            kept = kept.group_by(kept.column_names, use_threads=False).aggregate([])
        buffer = io.BytesIO()
        pq.write_table(kept.cast(_schema(table)), buffer)
        atomic_write(folder / f"{table}.parquet", buffer.getvalue())
    _duckdb(folder)


def _duckdb(folder: Path) -> None:
    try:
        import duckdb
    except ImportError:  # the dataset extra without DuckDB: Parquet only
        return
    target = folder / "reports.duckdb"
    temp = folder / ".reports.duckdb.tmp"
    temp.unlink(missing_ok=True)
    connection = duckdb.connect(str(temp))
    try:
        for table in COLUMNS:
            path = str(folder / f"{table}.parquet").replace("'", "''")
            connection.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{path}')")
    finally:
        connection.close()
    os.replace(temp, target)


def _dask_outcomes(todo: list[Source], scheduler: str | None) -> Iterator[Any]:
    """The same tasks on a Dask cluster (``scheduler`` address, or a local cluster)."""
    import importlib

    from . import Outcome

    distributed: Any = importlib.import_module("dask.distributed")
    Client, LocalCluster, as_completed = (
        distributed.Client,
        distributed.LocalCluster,
        distributed.as_completed,
    )

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
    client = Client(scheduler or cluster)
    try:
        futures = {
            client.submit(read_source, source, pure=False): i for i, source in enumerate(todo)
        }
        for future in as_completed(futures):
            index = futures[future]
            try:
                yield Outcome(index, future.result(), None, 0.0)
            except Exception as exc:  # a worker lost with the task
                yield Outcome(index, None, f"{type(exc).__name__}: {exc}", 0.0)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

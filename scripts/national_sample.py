"""A synthetic national sample: N generated reports, published as HTML, DOCX and PDF, read back.

The reports are drawn from the library's hypothesis strategies (valid by construction, both
format versions), written as a portal HTML page, a Word file (the bundled template) or a PDF
(the Word file printed by LibreOffice) in realistic proportions, read with
``govinfo-report dataset``, and every cell of ``cells.parquet`` is compared with the generating
model: the figure printed is the accuracy over all cells (it must be 100%).

It prints the measured rate per kind (reports per second of one worker, from the dataset's
``seconds`` column) and the projection for 10⁵ reports on this machine and on a 10-node cluster
of the same machines. Without LibreOffice the PDF share is written as DOCX, and it says so.

Usage::

    python scripts/national_sample.py [-n 1000] [--out build/national] [--jobs N]

Exit status 0 when every cell is right.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARES = {"pdf": 0.5, "docx": 0.3, "html": 0.2}
"""Published kinds, roughly as found on government portals: half PDF, then Word, then HTML."""
NATIONAL = 100_000


def generate(count: int) -> list[object]:
    """``count`` valid reports from the strategies (deterministic for a given count)."""
    from hypothesis import HealthCheck, Phase, given, settings

    from govinfo_report.testing.strategies import reports

    drawn: list[object] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(reports())
    def collect(report: object) -> None:
        if len(drawn) < count:
            drawn.append(report)

    while len(drawn) < count:
        before = len(drawn)
        collect()
        if len(drawn) == before:
            break
    return drawn


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def publish(reports: list[object], folder: Path) -> dict[str, str]:
    """Write each report in its kind; return ``{file name: kind}``."""
    sys.path.insert(0, str(ROOT / "tests" / "parse"))
    from conftest import html_of  # the portal-style HTML writer of the parser tests
    from govinfo_report.render import render

    office = _office()
    kinds: dict[str, str] = {}
    to_print: list[Path] = []
    counts = {kind: round(share * len(reports)) for kind, share in SHARES.items()}
    order = [kind for kind, n in counts.items() for _ in range(n)]
    order += ["html"] * (len(reports) - len(order))
    for number, (report, kind) in enumerate(zip(reports, order, strict=False)):
        stem = f"r{number:06d}"
        if kind == "html":
            (folder / f"{stem}.html").write_text(html_of(report), encoding="utf-8")  # type: ignore[arg-type]
            kinds[f"{stem}.html"] = "html"
            continue
        docx = folder / f"{stem}.docx"
        render(report, docx)  # type: ignore[arg-type]
        if kind == "pdf" and office is not None:
            to_print.append(docx)
            kinds[f"{stem}.pdf"] = "pdf"
        else:
            kinds[f"{stem}.docx"] = "docx"
    if to_print:
        with tempfile.TemporaryDirectory(prefix="govinfo-lo-") as profile:
            for start in range(0, len(to_print), 100):  # one LibreOffice run per 100 files
                batch = to_print[start : start + 100]
                subprocess.run(
                    [
                        str(office),
                        f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        str(folder),
                        *map(str, batch),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=60 + 10 * len(batch),
                )
        for docx in to_print:
            docx.unlink()
    return kinds


def main(argv: list[str] | None = None) -> int:
    """Generate, publish, read back, compare; print rates and projections."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="reports to generate")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "national")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes")
    args = parser.parse_args(argv)
    import pyarrow.parquet as pq

    from govinfo_report.batch.dataset import build_dataset

    published, dataset = args.out / "published", args.out / "dataset"
    shutil.rmtree(args.out, ignore_errors=True)
    published.mkdir(parents=True)
    reports = generate(args.n)
    started = time.perf_counter()
    kinds = publish(reports, published)
    print(
        f"{len(reports)} reports generated and published in {time.perf_counter() - started:.0f} s"
    )
    if _office() is None:
        print("LibreOffice is not installed: the PDF share is published as DOCX")
    started = time.perf_counter()
    summary = build_dataset([published], dataset, workers=args.jobs)
    wall = time.perf_counter() - started
    expected = {
        f"r{n:06d}": {c.id: c.value for c in report.cells()}  # type: ignore[attr-defined]
        for n, report in enumerate(reports)
    }
    rows = pq.read_table(dataset / "reports.parquet").to_pylist()
    stems_of: dict[str, list[str]] = {}  # equal bytes are one report: its cells serve every file
    for row in rows:
        stems_of.setdefault(row["report_id"], []).append(Path(row["file"]).stem)
    kinds_of = {Path(name).stem: kind for name, kind in kinds.items()}
    found: dict[str, dict[str, object]] = {stem: {} for stem in expected}
    cells = pq.read_table(dataset / "cells.parquet").to_pylist()
    for cell in cells:
        value = cell["value_int"] if cell["value_int"] is not None else cell["value_amount"]
        for stem in stems_of[cell["report_id"]]:
            found[stem][cell["cell_id"]] = value
    right = total = 0
    wrong: list[str] = []
    for stem, values in expected.items():
        for cell_id, value in values.items():
            total += 1
            same = found[stem].get(cell_id) == value
            right += same
            if not same:
                wrong.append(
                    f"{stem} ({kinds_of[stem]}) {cell_id}: {found[stem].get(cell_id)} != {value}"
                )
    print(f"cells right: {right}/{total} ({right / total:.2%})")
    for line in wrong[:10]:
        print(f"  wrong: {line}")
    print(f"dataset: {summary.done} reports in {wall:.1f} s ({summary.done / wall:.1f} reports/s)")
    workers = args.jobs or os.cpu_count() or 1
    mix = 0.0
    print(f"{'kind':6} {'reports':>8} {'s/report':>9} {'reports/s (1 worker)':>21}")
    for kind, share in SHARES.items():
        seconds = [r["seconds"] for r in rows if r["kind"] == kind and r["status"] == "ok"]
        if not seconds:
            continue
        mean = sum(seconds) / len(seconds)
        mix += share * mean
        print(f"{kind:6} {len(seconds):>8} {mean:>9.3f} {1 / mean:>21.1f}")
    if mix:
        hours = NATIONAL * mix / workers / 3600
        print(
            f"10^5 reports (half PDF, 30% DOCX, 20% HTML): {hours:.1f} h on this machine "
            f"({workers} workers), {hours / 10:.2f} h on 10 such nodes"
        )
    failed = [r["source"] for r in rows if r["status"] != "ok"]
    for source in failed:
        print(f"failed: {source}")
    return 0 if right == total and not failed and kinds else 1


if __name__ == "__main__":
    sys.exit(main())

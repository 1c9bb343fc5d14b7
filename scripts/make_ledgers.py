"""Generate the bundled example ledgers (deterministic): requests and cases over 2023–2024.

Writes ``examples/ledger/requests.csv`` (GB18030, as Excel in a Chinese locale saves it),
``requests.xlsx``, ``cases.csv`` (UTF-8) and ``cases.xlsx``. Every applicant type and every 2021
outcome occurs; requests are pending at the end of 2023 and of 2024, and a few received late in
2022 are carried into 2023. Words and dates are spelled the several ways offices spell them.

Run: ``python scripts/make_ledgers.py`` (needs the xlsx extra).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
from pathlib import Path

from govinfo_report import taxonomy as tx
from govinfo_report.io import atomic_write
from govinfo_report.taxonomy import FormatVersion

OUT = Path(__file__).resolve().parent.parent / "examples" / "ledger"
SEED = 20241231

REQUEST_HEADER = [f.label for f in tx.REQUEST_LEDGER_FIELDS] + ["申请内容", "承办科室"]
CASE_HEADER = [f.label for f in tx.CASE_LEDGER_FIELDS] + ["案由"]
_TOPICS = ("征地补偿方案", "建设项目环评批复", "行政处罚决定书", "财政预算执行情况", "学校招生计划")
_OFFICES = ("办公室", "法制科", "自然资源股", "财务股")


def _spell_date(rng: random.Random, day: dt.date) -> str:
    style = rng.choice(("iso", "slash", "chinese"))
    if style == "iso":
        return day.isoformat()
    if style == "slash":
        return f"{day.year}/{day.month}/{day.day}"
    return f"{day.year}年{day.month}月{day.day}日"


def _spell_outcome(rng: random.Random, path: tuple[tx.Node, ...]) -> str:
    labels = [n.label for n in path]
    style = rng.choice(("leaf", "path", "key"))
    if style == "key":
        return tx.row_id(path)
    if style == "path" or len(path) == 1:
        return "/".join(labels)
    return labels[-1]


def requests(rng: random.Random) -> list[list[object]]:
    """About 400 requests received from late 2022 to the end of 2024."""
    applicants = [c for c in tx.REQUEST_COLUMNS if c.key != "total"]
    weights = [70, 12, 3, 4, 6, 5]
    leaves = tx.outcome_leaves(FormatVersion.V2021)
    common = {"granted": 40, "partially_granted": 12, "unavailable": 8, "not_processed": 5}
    outcome_weights = [common.get(path[0].key, 2) for path in leaves]
    rows: list[list[object]] = []
    start = dt.date(2022, 11, 15)
    day = start
    number = 0
    while day <= dt.date(2024, 12, 31):
        day += dt.timedelta(days=rng.choice((0, 1, 1, 2, 3)))
        if day > dt.date(2024, 12, 31):
            break
        number += 1
        applicant = rng.choices(applicants, weights)[0]
        took = rng.choice((3, 8, 15, 20, 25, 38))
        concluded = day + dt.timedelta(days=took)
        pending_now = concluded > dt.date(2024, 12, 31) or rng.random() < 0.01
        # Everything is concluded eventually, except what is still open at the end of 2024.
        leaf = rng.choices(leaves, outcome_weights)[0]
        rows.append(
            [
                f"YSQ{day.year}-{number:04d}",
                applicant.label if rng.random() < 0.9 else applicant.key,
                _spell_date(rng, day),
                "" if pending_now else _spell_date(rng, concluded),
                "" if pending_now else _spell_outcome(rng, leaf),
                rng.choice(_TOPICS),
                rng.choice(_OFFICES),
            ]
        )
    # Make sure every outcome occurs in each year at least once.
    for year in (2023, 2024):
        for k, leaf in enumerate(leaves):
            received = dt.date(year, 6, 1) + dt.timedelta(days=k)
            rows.append(
                [
                    f"YSQ{year}-9{k:03d}",
                    applicants[k % len(applicants)].label,
                    received.isoformat(),
                    (received + dt.timedelta(days=10)).isoformat(),
                    _spell_outcome(rng, leaf),
                    rng.choice(_TOPICS),
                    rng.choice(_OFFICES),
                ]
            )
    return rows


def cases(rng: random.Random) -> list[list[object]]:
    """About 30 reviews and lawsuits, some open at each year end."""
    kinds = [group for group, _ in tx.CASE_GROUPS]
    results = [c for c in tx.CASE_COLUMNS if c.key not in ("pending", "total")]
    rows: list[list[object]] = []
    for number in range(1, 31):
        received = dt.date(2022, 12, 1) + dt.timedelta(days=rng.randrange(0, 760))
        concluded = received + dt.timedelta(days=rng.choice((30, 60, 90, 150)))
        open_now = concluded > dt.date(2024, 12, 31)
        kind = rng.choices(kinds, (6, 2, 1))[0]
        rows.append(
            [
                f"AJ-{number:03d}",
                kind.label,
                received.isoformat(),
                "" if open_now else concluded.isoformat(),
                "" if open_now else rng.choices(results, (6, 2, 1))[0].label,
                "不服政府信息公开答复",
            ]
        )
    return rows


def _csv(header: list[str], rows: list[list[object]], encoding: str) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


def _xlsx(header: list[str], rows: list[list[object]], title: str) -> bytes:
    import openpyxl

    from govinfo_report.ledger import read_ledger_date

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(header)
    for row in rows:
        # In a workbook, dates are real dates (as Excel stores them).
        sheet.append([read_ledger_date(v) if i in (2, 3) else v for i, v in enumerate(row)])
    for cells in sheet.iter_rows(min_row=2, min_col=3, max_col=4):
        for cell in cells:
            cell.number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDEFG", (16, 14, 12, 12, 30, 20, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return _stable_zip(out.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same workbook bytes on every run: fixed member times and document dates."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb">\d{4}-\d\d-\d\dT[\d:]+Z<", b">2025-01-01T00:00:00Z<", body)
            member = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, body)
    return out.getvalue()


def main() -> int:
    """Write the example ledgers."""
    rng = random.Random(SEED)
    request_rows = requests(rng)
    case_rows = cases(rng)
    OUT.mkdir(parents=True, exist_ok=True)
    atomic_write(OUT / "requests.csv", _csv(REQUEST_HEADER, request_rows, "gb18030"))
    atomic_write(OUT / "requests.xlsx", _xlsx(REQUEST_HEADER, request_rows, "依申请公开台账"))
    atomic_write(OUT / "cases.csv", _csv(CASE_HEADER, case_rows, "utf-8-sig"))
    atomic_write(OUT / "cases.xlsx", _xlsx(CASE_HEADER, case_rows, "复议诉讼台账"))
    print(f"{len(request_rows)} requests, {len(case_rows)} cases → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

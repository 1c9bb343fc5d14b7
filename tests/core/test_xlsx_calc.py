"""The workbook computes in a spreadsheet: totals, and the live ✓/✗ checks (LibreOffice Calc)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

import govinfo_report as gr
from govinfo_report.codec import xlsx

ROOT = Path(__file__).resolve().parents[2]
T3 = "三、收到和处理政府信息公开申请情况"


def _calc() -> Path | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    program = Path(os.path.realpath(soffice)).parent
    return program if (program / "libsclo.so").exists() or os.name == "nt" else None


pytestmark = pytest.mark.skipif(
    _calc() is None,
    reason="needs LibreOffice Calc (soffice with libsclo; .ci/run installs libreoffice-calc-nogui)",
)


def _recalculated(data: bytes, folder: Path) -> openpyxl.Workbook:
    """The workbook as Calc computes and saves it (formulas with their values)."""
    source = folder / "in" / "report.xlsx"
    source.parent.mkdir()
    source.write_bytes(data)
    out = folder / "out"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return openpyxl.load_workbook(out / "report.xlsx", data_only=True)


def test_totals_and_checks_compute_and_a_typed_total_shows_a_cross(
    tmp_path: Path, city: gr.AnnualReport
) -> None:
    report = city
    book = openpyxl.load_workbook(io.BytesIO(xlsx.dumps(report)))
    book[T3]["J5"] = 999  # a person types over the total of 一、本年新收
    edited = io.BytesIO()
    book.save(edited)
    sheet = _recalculated(edited.getvalue(), tmp_path)[T3]
    assert sheet["J6"].value == report.requests.carried_in.total  # =SUM(D6:I6), computed
    assert sheet["D28"].value == report.requests.outcomes_total.natural_person
    assert sheet["J28"].value == report.requests.outcomes_total.total
    assert sheet["K5"].value == "✗"  # the broken row total, live
    assert sheet["K6"].value == "✓"
    checks = [
        c.value
        for row in sheet.iter_rows(min_row=30, max_row=31, min_col=4, max_col=10)
        for c in row
    ]
    assert "✗" in checks  # 四 = 一 + 二 − （七） no longer holds in the 总计 column
    assert checks.count("✓") == 13

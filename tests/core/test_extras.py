"""A missing optional extra is a clear message, not an internal error (issue 10)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_WITHOUT_JINJA = """
import sys
sys.modules["jinja2"] = None  # as if the docx extra were not installed
from govinfo_report.cli import main
sys.exit(main(["render", "examples/hongqi-2023.yaml", "-o", sys.argv[1]]))
"""


def test_render_without_the_docx_extra_says_which_extra(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_JINJA, str(tmp_path / "out.docx")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "pip install 'govinfo-report[docx]'" in done.stderr
    assert "internal error" not in done.stderr
    assert not (tmp_path / "out.docx").exists()

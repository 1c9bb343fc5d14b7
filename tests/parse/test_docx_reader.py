"""The one-pass DOCX reader: linear in merged tables, spans clamped to the grid."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from docx_builder import docx_with_body, merged_columns_table, spanning_table

from govinfo_report.parse import read_document
from govinfo_report.parse._grid import Table
from hostile import run_limited

# The generated table is repetitive XML that compresses past the compression-ratio limit real
# files stay within (io.check_archive); these tests are about the reader, so it is raised here.
_READ = """
import sys, time
from govinfo_report.limits import Limits
from govinfo_report.parse import read_document
doc = read_document(open(sys.argv[1], "rb").read(), limits=Limits(max_compression_ratio=10_000))
table = [b for b in doc.blocks if hasattr(b, "rows")][0]
print(len(table.rows), max(len(r) for r in table.rows))
"""


def test_vertical_merge_chains_read_in_linear_time(tmp_path: Path) -> None:
    # Defect 11.3: 20 columns x 250 rows (16 KB) took 94 s; 500 rows did not finish.
    path = tmp_path / "chains.docx"
    path.write_bytes(docx_with_body(merged_columns_table(20, 1000)))
    done = run_limited(_READ, path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1000", "20"]


def test_merged_positions_repeat_the_top_cell() -> None:
    doc = read_document(docx_with_body(merged_columns_table(3, 4)))
    table = doc.blocks[0]
    assert isinstance(table, Table)
    assert [c.text for c in table.rows[3]] == ["0", "1", "2"]
    assert [c.merged for c in table.rows[0]] == [False, False, False]
    assert all(c.merged for c in table.rows[3])


def test_a_huge_grid_span_is_clamped_to_the_table_grid(tmp_path: Path) -> None:
    # Defect 11.4: w:gridSpan="1000000000" in a 3-row table: MemoryError at 5.4 GB.
    path = tmp_path / "span.docx"
    path.write_bytes(docx_with_body(spanning_table(1_000_000_000)))
    done = run_limited(_READ, path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "2"]
    table = read_document(path).blocks[0]
    assert isinstance(table, Table)
    assert [(c.text, c.merged) for c in table.rows[0]] == [("合计", False), ("合计", True)]


def test_a_span_within_the_grid_is_kept() -> None:
    table = read_document(docx_with_body(spanning_table(2))).blocks[0]
    assert isinstance(table, Table)
    assert [len(row) for row in table.rows] == [2, 2, 2]

"""Mixed layouts: table 三 printed in the other format's layout is read and checked as printed.

The corpus has no real mixed report: these reports are generated from the two bundled
examples (the 2021 city report with the 2019 city report's table 三, and the reverse).
"""

from __future__ import annotations

from pathlib import Path

import attrs

import govinfo_report as gr
from govinfo_report.draft import DraftCell
from govinfo_report.parse import parse
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.testing.glued import glued_text
from govinfo_report.validate import validate

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


def _mixed(body: str, table: str) -> str:
    """The page of report ``body`` with table 三 taken from report ``table`` (generated)."""

    def split(text: str) -> tuple[list[str], int, int]:
        lines = text.split("\n")
        start = next(n for n, line in enumerate(lines) if line.startswith("三、收到"))
        end = next(n for n, line in enumerate(lines) if line.startswith("四、政府信息公开行政"))
        return lines, start, end

    a, a0, a1 = split(glued_text(gr.load(EXAMPLES / f"{body}.yaml")))
    b, b0, b1 = split(glued_text(gr.load(EXAMPLES / f"{table}.yaml")))
    return "\n".join(a[:a0] + b[b0:b1] + a[a1:])


def test_a_2021_report_with_a_2019_table_three_loses_no_cell(city2020):
    draft = parse(_mixed("city-2024", "city-2020").encode(), name="mixed.txt")
    assert draft.format_version is FormatVersion.V2021
    truth = {c.id: c.value for c in city2020.cells()}
    requests = {k: v for k, v in truth.items() if k.startswith("requests.")}
    assert {k: draft.cells[k].value for k in requests} == requests  # the 2019 ids, all of them
    # The layout is the validator's to say (from the cells' ids), once; the parser only reads.
    assert "table-layout" not in {f.code for f in draft.notes}
    result = validate(draft)
    assert "row-missing" not in result.codes
    assert not [f for f in result.findings if f.code.startswith("t3-")]
    (note,) = [f for f in result.findings if f.code == "table-layout"]
    assert note.path == "requests"
    assert "该表按 2019 年格式印制，报告其余部分为 2021 年格式" in note.message_zh


def test_identities_of_a_mixed_table_use_its_layout():
    draft = parse(_mixed("city-2024", "city-2020").encode(), name="mixed.txt")
    cells = dict(draft.cells)
    printed = cells["requests.other_handling.natural_person"].value
    assert isinstance(printed, int)
    cells["requests.other_handling.natural_person"] = DraftCell.of(printed + 9)
    result = validate(attrs.evolve(draft, cells=cells))
    found = [f for f in result.errors if f.code.startswith("t3-")]
    assert {f.code for f in found} == {"t3-row-total", "t3-outcomes-total"}
    best = found[0].localisation.best
    assert [(c.path, c.value) for c in best.changes] == [
        ("requests.other_handling.natural_person", printed)
    ]


def test_a_2019_report_with_a_2021_table_three(city):
    draft = parse(_mixed("city-2020", "city-2024").encode(), name="mixed.txt")
    assert draft.format_version is FormatVersion.V2019
    truth = {c.id: c.value for c in city.cells()}
    requests = {k: v for k, v in truth.items() if k.startswith("requests.")}
    assert {k: draft.cells[k].value for k in requests} == requests
    assert [f.path for f in validate(draft).findings if f.code == "table-layout"] == ["requests"]

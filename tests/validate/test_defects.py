"""Regression tests for defects that came from knowledge written in two places (issue 10)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import govinfo_report as gr
from govinfo_report.catalog import Severity
from govinfo_report.draft import Draft, DraftCell
from govinfo_report.errors import InvariantViolation
from govinfo_report.model import CELL_LIMIT, build_section
from govinfo_report.parse import parse
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.validate import validate

HONGQI = Path(__file__).resolve().parents[2] / "examples" / "hongqi-2023.yaml"
CELL = "requests.granted.natural_person"


def test_a_count_beyond_the_cell_limit_is_invalid_for_validate_too() -> None:
    draft = Draft.from_report(gr.load(HONGQI))
    huge = 10 * CELL_LIMIT
    cells = dict(draft.cells)
    cells[CELL] = DraftCell.of(huge)
    broken = attrs.evolve(draft, cells=cells)
    rejected = {f.path for f in broken.cell_findings() if f.code == "cell-invalid"}
    assert CELL in rejected
    result = validate(broken)
    assert not result.valid
    assert CELL in {f.path for f in result.by_code("cell-invalid")}


def test_a_known_title_variant_is_info_whether_parsed_or_not() -> None:
    report = gr.load(HONGQI)
    source = (HONGQI.parents[1] / "tests" / "samples" / "hongqi-2023.txt").read_text("utf-8")
    variant = source.replace("五、存在的主要问题及改进情况", "五、存在问题及改进情况")
    assert variant != source
    parsed = parse(variant.encode("utf-8"))
    draft = Draft.from_report(report)
    sections = dict(draft.sections)
    sections["problems_improvements"] = attrs.evolve(
        sections["problems_improvements"], title="五、存在问题及改进情况"
    )
    built = attrs.evolve(draft, sections=sections)
    for subject in (parsed, built):
        (finding,) = validate(subject).by_code("section-title")
        assert finding.severity is Severity.INFO


def test_build_section_rejects_an_unknown_cell_id() -> None:
    report = gr.load(HONGQI)
    values = {k: v for k, v in report.values().items() if k.startswith("review_litigation.")}
    values["review_litigation.review.uphold"] = 1  # a misspelling of .upheld
    with pytest.raises(InvariantViolation) as caught:
        build_section("review_litigation", FormatVersion.V2021, values)
    assert "review_litigation.review.uphold" in {f.path for f in caught.value.findings}

"""Page text whose table cells lost their separators: recovered by the identities, or reported."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report import taxonomy as tx
from govinfo_report.draft import Draft
from govinfo_report.model import AnnualReport
from govinfo_report.parse import parse
from govinfo_report.testing.glued import glued_text
from govinfo_report.testing.strategies import reports

ROOT = Path(__file__).resolve().parent.parent.parent
GLUED = Path(__file__).resolve().parent / "glued"


def _rows(cells: dict[str, object]) -> set[str]:
    return {cell.rsplit(".", 1)[0] for cell in cells}


def _check(parsed: Draft, truth: dict[str, object], *, skip: frozenset[str] = frozenset()) -> None:
    """No recovered cell is wrong; every row not recovered is named by a text-glued finding."""
    got = {k: c.value for k, c in parsed.cells.items() if k not in skip}
    assert {k: v for k, v in got.items() if truth.get(k) != v} == {}
    reported = {f.path for f in parsed.notes if f.code == "text-glued"}
    for row in _rows({k: v for k, v in truth.items() if k not in got and k not in skip}):
        assert row in reported or row.rsplit(".", 1)[0] in reported, row


def _truth(report: AnnualReport) -> dict[str, object]:
    return {cell.id: cell.value for cell in report.cells()}


EXAMPLES = ROOT / "examples"


def test_examples_recover_every_row_of_table_three():
    for name in ("city-2024", "city-2020", "hongqi-2023"):
        report = gr.load(EXAMPLES / f"{name}.yaml")
        for one_line in (False, True):
            parsed = parse(glued_text(report, one_line=one_line).encode(), name="page.txt")
            truth = _truth(report)
            _check(parsed, truth)
            requests = {k for k in truth if k.startswith("requests.")}
            assert requests <= set(parsed.cells)
            note = parsed.cells["requests.granted.natural_person"].note
            assert note is not None
            assert note.startswith("recovered")


def test_the_city_table_four_is_ambiguous_and_says_so(city):
    parsed = parse(glued_text(city).encode(), name="page.txt")
    (finding,) = [
        f for f in parsed.notes if f.code == "text-glued" and f.path == "review_litigation"
    ]
    assert finding.code == "text-glued"
    assert "72641783735113481261211620 有 3 种可能的拆分" in finding.message_zh
    assert not any(k.startswith("review_litigation.") for k in parsed.cells)


def test_the_issue_examples():
    text = "\n".join(
        [
            "三、收到和处理政府信息公开申请情况",
            "一、本年新收政府信息公开申请数量640020470",
            "（一）予以公开270020130",
        ]
    )
    parsed = parse(text.encode(), name="page.txt")
    new = {k: c.value for k, c in parsed.cells.items() if k.startswith("requests.new_requests")}
    assert new == {
        "requests.new_requests.natural_person": 64,
        "requests.new_requests.commercial_enterprise": 0,
        "requests.new_requests.research_institution": 0,
        "requests.new_requests.public_welfare_org": 2,
        "requests.new_requests.legal_service_org": 0,
        "requests.new_requests.other_org": 4,
        "requests.new_requests.total": 70,
    }
    (granted,) = [f for f in parsed.notes if f.code == "text-glued"]
    assert granted.path == "requests.granted"
    assert "2|7|0|0|20|1|30；27|0|0|2|0|1|30" in granted.message_zh
    assert not any(k.startswith("requests.granted.") for k in parsed.cells)


def test_the_next_labels_number_running_into_the_digits(hongqi):
    text = glued_text(hongqi, one_line=True)
    assert "内容仍不明确0000000（五）不予处理1.信访" in text
    assert "重复申请00000003.要求提供公开出版物" in text
    parsed = parse(text.encode(), name="page.txt")
    assert parsed.cells["requests.not_processed.duplicate.total"].value == 0
    assert parsed.cells["requests.not_processed.publication.total"].value == 0


def test_real_reports_as_glued_page_text():
    skip = frozenset({"proactive_disclosure.art20_9.central_procurement.procurement_amount"})
    for case in ("pingtan-2019", "pingtan-2021", "pingtan-2022"):
        html = ROOT / "tests" / "corpus" / f"{case}-html" / "source.html"
        truth = {k: c.value for k, c in parse(html.read_bytes(), name=html.name).cells.items()}
        parsed = parse((GLUED / f"{case}-glued.txt").read_bytes(), name=f"{case}.txt")
        _check(parsed, truth, skip=skip)
        for table in ("requests.", "review_litigation."):
            assert {k for k in truth if k.startswith(table)} <= set(parsed.cells), case
        (left,) = [f.path for f in parsed.notes if f.code == "text-glued"]
        assert left.endswith("art20_1.normative_documents")


@settings(max_examples=15, deadline=None)
@given(reports())
def test_generated_reports_are_never_guessed(report):
    parsed = parse(glued_text(report).encode(), name="page.txt")
    _check(parsed, _truth(report))
    assert parsed.format_version is report.metadata.format_version or not any(
        k in parsed.cells for k in tx.cell_index(report.metadata.format_version)
    )

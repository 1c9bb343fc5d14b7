"""Building reports from one's own data: from_values, replace, one coercion policy (issue 10)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.errors import InvariantViolation
from govinfo_report.taxonomy import FormatVersion, Scope

HONGQI = Path(__file__).resolve().parents[2] / "examples" / "hongqi-2023.yaml"
META = {"agency": "某县人民政府办公室", "year": 2024, "format_version": "2021"}


def test_from_values_gives_back_the_report_it_was_built_from() -> None:
    report = gr.load(HONGQI)
    rebuilt = gr.from_values(
        report.values(),
        metadata=report.metadata,
        preamble=report.preamble,
        overview=report.overview,
        problems_improvements=report.problems_improvements,
        other_matters=report.other_matters,
    )
    assert rebuilt == report


def test_unmentioned_counts_are_zero_and_totals_derived() -> None:
    report = gr.from_values(
        {
            "requests.new_requests.natural_person": 5,
            "requests.granted.natural_person": 4,
            "requests.carried_forward.natural_person": 1,
            "review_litigation.review.upheld": 2,
        },
        metadata=META,
    )
    assert report.cell("requests.new_requests.total") == 5
    assert report.cell("requests.outcomes_total.natural_person") == 4
    assert report.cell("review_litigation.review.total") == 2
    assert report.cell("proactive_disclosure.art20_1.rules.issued") == 0
    assert report.cell("proactive_disclosure.art20_8.admin_fees.amount_wan_yuan") == Decimal(0)


def test_a_misspelt_cell_id_is_refused_not_dropped() -> None:
    with pytest.raises(InvariantViolation) as caught:
        gr.from_values(
            {"review_litigation.review.uphold": 1, "requests.grantd.total": 3}, metadata=META
        )
    assert {f.path for f in caught.value.findings} == {
        "review_litigation.review.uphold",
        "requests.grantd.total",
    }
    assert {f.code for f in caught.value.findings} == {"cell-unknown"}


def test_every_row_problem_is_named_at_once_before_any_balance() -> None:
    with pytest.raises(InvariantViolation) as caught:
        gr.from_values(
            {
                "requests.new_requests.natural_person": -1,
                "requests.granted.natural_person": 2,
                "requests.granted.total": 3,
                "review_litigation.review.upheld": 1,
                "review_litigation.review.total": 5,
            },
            metadata=META,
        )
    found = {(f.code, f.path) for f in caught.value.findings}
    assert found == {
        ("cell-invalid", "requests.new_requests.natural_person"),
        ("t3-row-total", "requests.granted.total"),
        ("t4-total", "review_litigation.review.total"),
    }
    invalid = next(f for f in caught.value.findings if f.code == "cell-invalid")
    assert invalid.labels[-1] == "自然人"  # the full label path, not only the column
    assert len(invalid.labels) > 1


def test_a_database_sum_and_iso_texts_are_accepted_as_structure_accepts_them() -> None:
    report = gr.from_values(
        {
            "requests.new_requests.natural_person": Decimal("3"),
            "requests.granted.natural_person": 3,
        },
        metadata={**META, "published": "2025-01-20", "scope": "jurisdiction"},
    )
    assert type(report.cell("requests.new_requests.natural_person")) is int
    assert report.metadata.published == dt.date(2025, 1, 20)
    assert report.metadata.scope is Scope.JURISDICTION
    assert report.metadata.format_version is FormatVersion.V2021
    assert (
        gr.ApplicantCounts(
            natural_person=Decimal(2),
            commercial_enterprise=0,
            research_institution=0,
            public_welfare_org=0,
            legal_service_org=0,
            other_org=0,
        ).total
        == 2
    )


@pytest.mark.parametrize("bad", [Decimal("2.5"), 2.0, True, "2"])
def test_what_structure_refuses_as_a_count_the_constructor_refuses(bad: object) -> None:
    data = gr.unstructure(gr.load(HONGQI))
    data["requests"]["granted"]["natural_person"] = bad
    with pytest.raises(gr.SerializationError):
        gr.structure(data)
    with pytest.raises(InvariantViolation):
        gr.from_values({"requests.granted.natural_person": bad}, metadata=META)


def test_replace_copies_a_report_with_a_change_and_checks_it() -> None:
    report = gr.load(HONGQI)
    later = report.replace(metadata=report.metadata.replace(year=2024))
    assert later.metadata.year == 2024
    assert later.requests == report.requests
    with pytest.raises(gr.FieldValueError):
        report.metadata.replace(year=1900)


def test_version_has_one_source() -> None:
    import importlib.metadata

    from govinfo_report.cli import build_parser

    assert gr.__version__ == importlib.metadata.version("govinfo-report")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--version"])


def test_a_wrong_row_total_fails_when_the_row_is_built_naming_the_row() -> None:
    with pytest.raises(InvariantViolation) as caught:
        gr.CaseOutcomes(upheld=1, corrected=0, other_result=0, pending=0, total=2)
    (finding,) = caught.value.findings
    assert (finding.code, finding.path, finding.expected, finding.actual) == (
        "t4-total",
        "total",
        1,
        2,
    )
    data = gr.unstructure(gr.load(HONGQI))
    data["requests"]["granted"]["total"] += 1
    data["requests"]["new_requests"]["natural_person"] = -1
    with pytest.raises(gr.SerializationError) as error:
        gr.structure(data)
    paths = [p.path for p in error.value.problems]
    # Row-level problems lead; then the table's identities those rows kept from being checked
    # (the printed （七）总计 no longer adds up), and no balance asks for an impossible value.
    assert paths == [
        "$.requests.new_requests.natural_person",
        "$.requests.granted.total",
        "$.requests.outcomes_total.total",
    ]
    assert "（一）予以公开 / 总计：应为" in error.value.problems[1].message
    assert "t3-balance" not in str(error.value)


def test_a_report_and_its_draft_read_alike() -> None:
    report = gr.load(HONGQI)
    draft = gr.Draft.from_report(report)
    for subject in (report, draft):
        assert subject.cell("requests.granted.total") == report.requests.granted.total
        assert [(c.id, c.value) for c in subject.cells()] == [
            (c.id, c.value) for c in report.cells()
        ]
        assert subject.values() == report.values()
        with pytest.raises(KeyError):
            subject.cell("requests.grantd.total")
    assert draft.cells["requests.granted.total"].text == str(report.requests.granted.total)


def test_validation_counts_are_keyed_by_plain_strings() -> None:
    from govinfo_report.validate import validate

    result = validate(gr.load(HONGQI))
    assert set(result.counts) == {"error", "warning", "info"}
    assert all(type(key) is str for key in result.counts)
    assert result.counts["error"] == len(result.errors)

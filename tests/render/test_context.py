"""The context: every name documented, derived from the taxonomy, safe to use with dots."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report import taxonomy as tx
from govinfo_report.render import (
    CONTEXT_NAMES,
    build_context,
    context_paths,
    context_reference,
    paragraphs,
)
from govinfo_report.render._context import check_text, unknown_names
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.testing.strategies import reports

from .conftest import ROOT


@settings(max_examples=30, deadline=None)
@given(reports())
def test_context_names_are_the_documented_names_and_the_cells(report: gr.AnnualReport) -> None:
    context = build_context(report)
    cells = set(tx.cell_index(report.format_version))
    documented = {name for name, _, _ in CONTEXT_NAMES}
    names = set(context_paths(context))
    sections = {s.key for s in tx.sections(report.format_version)}
    assert names - cells == {
        n for n in documented if not n.startswith("sections.") or n.split(".")[1] in sections
    }
    assert cells <= names
    for cell_id, value in report.values().items():
        node = context
        for key in cell_id.split("."):
            node = node[key]
        assert node == value


def test_dotted_names_never_meet_a_dict_method(hongqi: gr.AnnualReport) -> None:
    """``a.b`` in Jinja finds a dict method before the key: no key may be a method name."""
    for name in context_paths(build_context(hongqi)):
        for key in name.split("."):
            assert not hasattr(dict, key), name


def test_metadata_and_title(city: gr.AnnualReport) -> None:
    context = build_context(city)
    assert context["title"] == city.title
    assert context["metadata"]["scope_label"] == "全域"
    assert context["metadata"]["format_version"] == "2021"
    assert context["sections"]["overview"]["title"] == "一、总体情况"
    assert context["other_matters"]["info_processing_fee_yuan"] == Decimal(3940)


def test_2019_section_titles(city2020: gr.AnnualReport) -> None:
    titles = {k: v["title"] for k, v in build_context(city2020)["sections"].items()}
    assert titles["problems_improvements"] == tx.sections(FormatVersion.V2019)[4].title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        (None, []),
        ("一段", ["一段"]),
        ("甲\n乙", ["甲", "乙"]),
        ("甲\r\n\r\n乙\r丙", ["甲", "乙", "丙"]),
        ("　　甲 \n\n\n  乙", ["甲", "乙"]),
        ("甲\u2028乙", ["甲", "乙"]),
    ],
)
def test_paragraphs(text: str | None, expected: list[str]) -> None:
    assert paragraphs(text) == expected


def test_check_text() -> None:
    assert check_text("tab\tand\nline", "f") == "tab\tand\nline"
    with pytest.raises(gr.RenderError, match=r"f\.g: .*U\+0007"):
        check_text("a\x07", "f.g")
    assert check_text("a\x07b\ud800c", "f", strip=True) == "abc"


def test_unknown_names(hongqi: gr.AnnualReport) -> None:
    context = build_context(hongqi)
    assert unknown_names(["title", "title.upper", "requests.granted.total"], context) == []
    assert unknown_names(["overview.parts", "metadata.nope", "nope"], context) == [
        "metadata.nope",
        "nope",
    ]


def test_template_context_page_is_up_to_date() -> None:
    page = (ROOT / "docs" / "template-context.md").read_text(encoding="utf-8")
    assert page == context_reference(), "run `make schema` to regenerate the page"
    assert "| `requests.withheld.state_secret.natural_person` | int |" in page

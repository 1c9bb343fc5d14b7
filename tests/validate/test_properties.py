"""Properties over generated reports: valid ones pass, broken ones fail with the right code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import taxonomy as tx
from govinfo_report.catalog import Severity
from govinfo_report.draft import Draft, DraftCell, DraftMetadata, DraftSection
from govinfo_report.findings import SourceRef
from govinfo_report.taxonomy import FormatVersion, Scope
from govinfo_report.testing.strategies import (
    BREAKABLE_CODES,
    broken_drafts,
    drafts,
    reports,
    single_cell_typos,
)
from govinfo_report.validate import validate


@settings(max_examples=60, deadline=None)
@given(reports())
def test_valid_reports_have_no_error_findings(report):
    result = validate(report)
    assert result.errors == ()
    assert result.valid


@settings(max_examples=30, deadline=None)
@given(drafts())
def test_drafts_of_valid_reports_have_no_error_findings(draft):
    result = validate(draft)
    assert [f.code for f in result.errors] == []


@settings(max_examples=30, deadline=None)
@given(reports())
def test_model_fast_path_agrees_with_the_draft_path(report):
    fast = validate(report)
    slow = validate(Draft.from_report(report))
    assert [(f.code, f.path, f.message_zh) for f in fast.findings] == [
        (f.code, f.path, f.message_zh) for f in slow.findings
    ]


@settings(max_examples=80, deadline=None)
@given(broken_drafts())
def test_each_broken_identity_gives_exactly_its_code(case):
    draft, code = case
    result = validate(draft)
    found = {f.code for f in result.findings if f.code in BREAKABLE_CODES}
    assert found == {code}
    assert not result.valid


@settings(max_examples=120, deadline=None)
@given(single_cell_typos())
def test_pinpointing_recovers_the_mistyped_cell_and_its_value(case):
    draft, cell, true_value = case
    result = validate(draft)
    failing = [f for f in result.findings if f.code in BREAKABLE_CODES]
    assert len(failing) == 2  # one row identity and one column identity
    suggestions = {f.suggestion for f in failing}
    assert len(suggestions) == 1
    (suggestion,) = suggestions
    assert suggestion is not None
    assert suggestion.path == cell
    assert suggestion.value == true_value
    assert suggestion.current == draft.cells[cell].value
    assert suggestion.labels == tx.cell_index(draft.format_version)[cell].labels


# --- fuzz: whatever a parser produces gets findings, never an exception ---------------------

_TEXTS = st.one_of(
    st.sampled_from(["", "/", "—", "-", "12", "-3", "1.5", "251000元", "abc", "１２", "0", "N/A"]),
    st.integers(-5, 10**7).map(str),
    st.text(max_size=8),
)
_NARRATIVE = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "未收到政府信息公开申请。",
            "共收到申请12件，占33.9%。",
            "无行政复议和行政诉讼。",
            "收取信息处理费100元。",
            "区分处理3件，撤回2件，所有申请均已办结。",
            "无",
        ]
    ),
)


@st.composite
def chaotic_drafts(draw):
    """Drafts as a confused parser could produce them: any subset of cells of either format."""
    ids = sorted({spec.id for v in FormatVersion for spec in tx.cell_specs(v)})
    chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=60))
    cells = {
        cell: DraftCell.read(draw(_TEXTS), SourceRef(file="x.pdf", page=draw(st.integers(1, 9))))
        for cell in chosen
    }
    keys = [s.key for s in tx.sections(FormatVersion.V2021)]
    sections = {
        key: DraftSection(draw(st.text(max_size=12)), draw(_NARRATIVE))
        for key in draw(st.lists(st.sampled_from(keys), unique=True))
    }
    metadata = DraftMetadata(
        agency=draw(st.one_of(st.none(), st.text(max_size=10))),
        year=draw(st.one_of(st.none(), st.integers(1990, 2100))),
        format_version=draw(st.one_of(st.none(), st.sampled_from(list(FormatVersion)))),
        scope=draw(st.one_of(st.none(), st.sampled_from(list(Scope)))),
        published=draw(st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2035, 1, 1)))),
    )
    fee = draw(
        st.one_of(
            st.none(),
            st.decimals(allow_nan=True, allow_infinity=True, places=2),
            st.just(Decimal("-1")),
        )
    )
    return Draft(
        metadata=metadata,
        cells=cells,
        sections=sections,
        preamble=draw(_NARRATIVE),
        info_processing_fee_yuan=fee,
    )


@settings(max_examples=150, deadline=None)
@given(chaotic_drafts(), st.one_of(st.none(), chaotic_drafts()))
def test_validation_never_raises_and_never_fails_internally(draft, previous):
    result = validate(draft, previous=previous)
    assert "check-failed" not in result.codes
    assert result.counts[Severity.ERROR] == len(result.errors)
    assert result.to_dict()["valid"] == result.valid


def test_an_empty_draft_gets_findings_not_an_exception():
    result = validate(Draft())
    assert not result.valid
    assert "check-failed" not in result.codes
    assert {"section-missing", "metadata-missing"} <= result.codes
    # A missing section is one finding, not one per cell of its table.
    assert "cell-missing" not in result.codes
    assert len(result.by_code("section-missing")) == 6

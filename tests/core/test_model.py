"""The strict model: typed access, derived totals, invariants enforced on construction."""

from __future__ import annotations

import operator
import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report.errors import InvariantViolation
from govinfo_report.testing.strategies import reports
from govinfo_report.validate import validate


def test_typed_access_and_totals(hongqi: gr.AnnualReport) -> None:
    assert hongqi.requests.withheld.state_secret.natural_person == 0
    assert hongqi.requests.outcomes_total.total == 0
    assert hongqi.title == "红旗区政务服务和大数据管理局2023年政府信息公开工作年度报告"
    assert hongqi.format_version is gr.FormatVersion.V2021


def test_cells_iterate_in_printed_order_with_labels(hongqi: gr.AnnualReport) -> None:
    cells = list(hongqi.cells())
    assert len(cells) == 200
    assert cells[0].id == "proactive_disclosure.art20_1.rules.issued"
    assert cells[0].labels == ("第二十条第（一）项", "规章", "本年制发件数")
    assert cells[-1].id == "review_litigation.litigation_after_review.total"
    assert hongqi.cell("requests.granted.total") == 0
    with pytest.raises(KeyError):
        hongqi.cell("requests.nope")


def test_totals_are_derived_when_omitted() -> None:
    row = gr.ApplicantCounts(
        natural_person=3,
        commercial_enterprise=1,
        research_institution=0,
        public_welfare_org=0,
        legal_service_org=2,
        other_org=0,
    )
    assert row.total == 6
    assert gr.CaseOutcomes(upheld=1, corrected=2, other_result=3, pending=4).total == 10


def _requests(**changes: gr.ApplicantCounts) -> gr.Requests:
    z = gr.ApplicantCounts.zero()
    fields = {
        "new_requests": z,
        "carried_in": z,
        "granted": z,
        "partially_granted": z,
        "withheld": gr.Withheld(**{f.name: z for f in attrs.fields(gr.Withheld)}),
        "unavailable": gr.Unavailable(**{f.name: z for f in attrs.fields(gr.Unavailable)}),
        "not_processed": gr.NotProcessed(**{f.name: z for f in attrs.fields(gr.NotProcessed)}),
        "other_handling": gr.OtherHandling(**{f.name: z for f in attrs.fields(gr.OtherHandling)}),
        "carried_forward": z,
    }
    fields.update(changes)
    return gr.Requests(**fields)


def _row(n: int, total: int | None = None) -> gr.ApplicantCounts:
    z = attrs.asdict(gr.ApplicantCounts.zero())
    z.update(natural_person=n)
    del z["total"]
    if total is not None:
        z["total"] = total
    return gr.ApplicantCounts(**z)


def test_balance_violation_lists_every_column() -> None:
    with pytest.raises(InvariantViolation) as info:
        _requests(new_requests=_row(5))
    found = {(f.code, f.path) for f in info.value.findings}
    assert found == {
        ("t3-balance", "requests.carried_forward.natural_person"),
        ("t3-balance", "requests.carried_forward.total"),
    }
    first = info.value.findings[0]
    assert first.labels == ("四、结转下年度继续办理", "自然人")
    assert (first.expected, first.actual) == (5, 0)
    assert "应为 5" in first.message_zh
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, gr.GovInfoReportError)


def test_consistent_request_table_builds() -> None:
    table = _requests(new_requests=_row(5), granted=_row(3), carried_forward=_row(2))
    assert table.outcomes_total.natural_person == 3
    assert table.outcomes_total.total == 3


def test_given_total_that_disagrees_is_named() -> None:
    # The row fails as it is built, before any table is (issue 10): a row alone knows only its
    # own 总计; built from values, the path names the row (see test_builders.py).
    with pytest.raises(InvariantViolation) as info:
        _requests(new_requests=_row(5, total=6), granted=_row(5))
    (finding,) = info.value.findings
    assert (finding.code, finding.path, finding.expected, finding.actual) == (
        "t3-row-total",
        "total",
        5,
        6,
    )
    with pytest.raises(InvariantViolation) as built:
        gr.build_section("requests", gr.FormatVersion.V2021, _flat_requests(new_total=6))
    assert ("t3-row-total", "requests.new_requests.total") in {
        (f.code, f.path) for f in built.value.findings
    }


def _flat_requests(new_total: int) -> dict[str, int]:
    values = {cell.id: 0 for cell in gr.cell_specs(gr.FormatVersion.V2021)}
    values = {k: v for k, v in values.items() if k.startswith("requests.")}
    values["requests.new_requests.natural_person"] = 5
    values["requests.new_requests.total"] = new_total
    return values


def test_a_value_of_10_to_the_15_or_more_is_out_of_range() -> None:
    assert gr.CaseOutcomes(upheld=10**15 - 1, corrected=0, other_result=0, pending=0)
    with pytest.raises(InvariantViolation, match="out of range") as info:
        gr.CaseOutcomes(upheld=10**15, corrected=0, other_result=0, pending=0)
    assert info.value.findings[0].code == "cell-invalid"
    with pytest.raises(InvariantViolation, match="10\\^15"):
        gr.FeeAmount(amount_wan_yuan=Decimal("1E+15"))


@pytest.mark.parametrize("bad", [-1, True, 1.5, "3", None])
def test_counts_must_be_non_negative_ints(bad: object) -> None:
    with pytest.raises(InvariantViolation) as info:
        gr.CaseOutcomes(upheld=bad, corrected=0, other_result=0, pending=0)  # type: ignore[arg-type]
    assert info.value.findings[0].code == "cell-invalid"
    assert info.value.findings[0].labels == ("结果维持",)


def test_amounts_are_exact_non_negative_decimals() -> None:
    assert gr.FeeAmount(amount_wan_yuan=Decimal("59237.2449")).amount_wan_yuan == Decimal(
        "59237.2449"
    )
    assert gr.FeeAmount(amount_wan_yuan=7).amount_wan_yuan == Decimal(7)  # type: ignore[arg-type]
    # One coercion policy: what gr.structure reads as an amount, the constructor reads too.
    assert gr.FeeAmount(amount_wan_yuan=1.5).amount_wan_yuan == Decimal("1.5")  # type: ignore[arg-type]
    assert gr.FeeAmount(amount_wan_yuan="1").amount_wan_yuan == Decimal("1")  # type: ignore[arg-type]
    for bad in (Decimal(-1), Decimal("NaN"), True, "1e3", "-1"):
        with pytest.raises(InvariantViolation):
            gr.FeeAmount(amount_wan_yuan=bad)  # type: ignore[arg-type]


def test_signed_change_may_be_negative_in_2019() -> None:
    assert gr.ItemChanges(prior_year_items=10, change=-3, decisions=1).change == -3


def test_models_are_frozen(hongqi: gr.AnnualReport) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        hongqi.requests.granted.natural_person = 1  # type: ignore[misc]


def test_format_version_must_match_the_tables(hongqi: gr.AnnualReport) -> None:
    meta = attrs.evolve(hongqi.metadata, format_version=gr.FormatVersion.V2019)
    with pytest.raises(InvariantViolation) as info:
        attrs.evolve(hongqi, metadata=meta)
    assert {f.code for f in info.value.findings} == {"format-mismatch"}
    assert {f.path for f in info.value.findings} == {"proactive_disclosure", "requests"}


def test_metadata_is_checked() -> None:
    with pytest.raises(gr.FieldValueError, match=r"Metadata\.year：报告年度应为 2008–2100") as info:
        gr.Metadata(agency="某局", year=1999, format_version="2021")  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert info.value.path == "Metadata.year"
    with pytest.raises(gr.FieldValueError, match=r"Metadata\.agency"):
        gr.Metadata(agency="  ", year=2023, format_version="2021")  # type: ignore[arg-type]
    with pytest.raises(gr.FieldValueError, match=r"must be one of 2019, 2021.*got '2022'"):
        gr.Metadata(agency="某局", year=2023, format_version="2022")  # type: ignore[arg-type]
    with pytest.raises(gr.FieldValueError, match=r"Metadata\.scope"):
        gr.Metadata(agency="某局", year=2023, format_version="2021", scope="all")  # type: ignore[arg-type]
    with pytest.raises(gr.FieldValueError, match=r"Metadata\.published"):
        gr.Metadata(agency="某局", year=2023, format_version="2021", published="2024-13-05")  # type: ignore[arg-type]
    with pytest.raises(gr.FieldTypeError, match=r"Metadata\.published") as type_info:
        gr.Metadata(agency="某局", year=2023, format_version="2021", published=20240105)  # type: ignore[arg-type]
    assert isinstance(type_info.value, TypeError)


def test_metadata_of_the_wrong_type_is_a_type_error() -> None:
    with pytest.raises(
        gr.FieldTypeError, match=r"Metadata\.year：报告年度应为 2008–2100 之间的整数年份"
    ):
        gr.Metadata(agency="某局", year="2023", format_version="2021")  # type: ignore[arg-type]
    with pytest.raises(gr.FieldTypeError, match=r"Metadata\.agency：报告主体应为文本"):
        gr.Metadata(agency=5, year=2023, format_version="2021")  # type: ignore[arg-type]
    with pytest.raises(
        gr.FieldValueError, match=r"Metadata\.format_version：格式版本应为 2019 或 2021"
    ):
        gr.Metadata(agency="某局", year=2023, format_version="2022")  # type: ignore[arg-type]


def _every_library_error(hongqi: gr.AnnualReport) -> list[gr.GovInfoReportError]:
    errors: list[gr.GovInfoReportError] = [
        gr.FieldValueError("Metadata.year", "应为整数", "must be an int", 1999),
        gr.FieldTypeError("OtherMatters.text", "应为文本", "must be text", 5),
        gr.ParseError("空文件 / empty file"),
        gr.TemplateError("bad template"),
    ]
    for attempt in (
        lambda: gr.structure({"metadata": 5}),
        lambda: attrs.evolve(hongqi.requests.granted, natural_person=-1),
        lambda: _requests(new_requests=_row(5, total=6), granted=_row(5)),
        lambda: validate(hongqi, select=["no-such-rule"]),
    ):
        try:
            attempt()
        except gr.GovInfoReportError as error:
            errors.append(error)
    return errors


def test_every_error_pickles_with_its_details(hongqi: gr.AnnualReport) -> None:
    errors = _every_library_error(hongqi)
    assert len(errors) == 8
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert vars(copy).keys() == vars(error).keys()
        for name in ("path", "findings", "problems", "field"):
            assert getattr(copy, name, None) == getattr(error, name, None)


def test_narrative_fields_must_be_text(hongqi: gr.AnnualReport) -> None:
    with pytest.raises(gr.FieldTypeError, match=r"OtherMatters\.text：应为文本"):
        gr.OtherMatters(text=5)  # type: ignore[arg-type]
    with pytest.raises(gr.FieldValueError, match=r"OtherMatters\.info_processing_fee_yuan"):
        gr.OtherMatters(info_processing_fee_yuan=Decimal(-1))
    with pytest.raises(gr.FieldTypeError, match=r"AnnualReport\.requests"):
        attrs.evolve(hongqi, requests=5)


def test_wrong_member_types_are_rejected() -> None:
    with pytest.raises(TypeError, match="state_secret"):
        gr.Withheld(**{f.name: {} for f in attrs.fields(gr.Withheld)})  # type: ignore[arg-type]


_ROW_CLASSES = [
    gr.DocumentCounts,
    gr.DecisionCount,
    gr.FeeAmount,
    gr.PublishedDocuments,
    gr.ItemChanges,
    gr.FeeItems,
    gr.Procurement,
    gr.ApplicantCounts,
    gr.CaseOutcomes,
]


@pytest.mark.parametrize("cls", _ROW_CLASSES, ids=lambda cls: cls.__name__)
def test_every_row_has_a_zero_of_its_own_kinds(cls: type) -> None:
    """zero() is one method for every row: counts 0, amounts Decimal 0, a 总计 derived as 0."""
    row = cls.zero()  # type: ignore[attr-defined]
    for name, value in attrs.asdict(row).items():
        assert value == 0, name
        amount = isinstance(getattr(row, name), Decimal)
        assert amount == (name in ("amount_wan_yuan", "procurement_amount")), name


@pytest.mark.parametrize(
    ("cls", "rule"),
    [(gr.ApplicantCounts, "t3-row-total"), (gr.CaseOutcomes, "t4-total")],
    ids=["table3-row", "table4-group"],
)
def test_a_row_total_is_bound_to_its_rule_and_the_other_columns(cls: type, rule: str) -> None:
    parts, identity = cls._total_of  # type: ignore[attr-defined]
    assert identity.code == rule
    assert identity.target.endswith(".total")
    assert [cell.rsplit(".", 1)[1] for _, cell in identity.terms] == list(parts)
    row = cls(**dict.fromkeys(parts, 1))
    assert row.total == len(parts)
    with pytest.raises(gr.CellValueError) as info:
        cls(**dict.fromkeys(parts, 1), total=len(parts) + 1)
    assert info.value.findings[0].code == rule


def test_the_package_exports_the_model_once() -> None:
    # The package's __all__ is written out (a project rule: explicit, greppable, one diff per API
    # change); this keeps it in step with the model's. CELL_LIMIT is the acceptance layer's.
    exported = set(gr.model.__all__) - {"CELL_LIMIT"}
    assert exported <= set(gr.__all__)
    assert len(gr.__all__) == len(set(gr.__all__))
    assert all(getattr(gr, name) is getattr(gr.model, name) for name in exported)


@given(report=reports())
@settings(max_examples=40, deadline=None)
def test_values_read_every_cell_at_its_id(report: gr.AnnualReport) -> None:
    # values() is generated code (one read per row); a cell id is its cell's attribute path.
    expected = {
        spec.id: operator.attrgetter(spec.id)(report)
        for spec in gr.cell_specs(report.format_version)
    }
    values = report.values()
    assert values == expected
    assert list(values) == list(expected)  # printed order
    assert [cell.value for cell in report.cells()] == list(values.values())

"""The helpers every check shares: names from the taxonomy, findings about a cell or a field."""

from __future__ import annotations

import re

import attrs
import pytest

from govinfo_report import taxonomy as tx
from govinfo_report.catalog import T2_STOCK, XY_AGENCY
from govinfo_report.draft import DraftCell
from govinfo_report.findings import SourceRef
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.validate._common import (
    META_LABELS,
    cell_finding,
    english_label,
    metadata_finding,
    sort_key,
    stock_cells,
)
from govinfo_report.validate._subject import subject_of

V21, V19 = FormatVersion.V2021, FormatVersion.V2019


@pytest.mark.parametrize(
    ("version", "cell", "name"),
    [
        (
            V21,
            "proactive_disclosure.art20_1.rules.issued",
            "第二十条第（一）项 Rules × Issued this year",
        ),
        (
            V21,
            "requests.withheld.state_secret.natural_person",
            "Withheld / State secret × Natural persons",
        ),
        (
            V21,
            "review_litigation.litigation_direct.total",
            "Litigation without prior review × Total",
        ),
        (V19, "requests.other_handling.total", "Other handling × Total"),
        (V21, "requests.other_handling.total", "requests.other_handling.total"),  # not a 2021 cell
    ],
)
def test_english_names_come_from_the_cell_specs(
    version: FormatVersion, cell: str, name: str
) -> None:
    assert english_label(version, cell) == name


def test_every_cell_has_an_english_name_ending_in_its_column() -> None:
    for version in FormatVersion:
        for spec in tx.cell_specs(version):
            assert english_label(version, spec.id).endswith(f" × {spec.english[-1]}")


def test_stock_cells_are_cells_of_their_version_stock_first() -> None:
    for version in FormatVersion:
        index = tx.cell_index(version)
        rows = stock_cells(version)
        assert len(rows) == len(tx.subtables(version)[0].rows)
        assert all(cell in index for row in rows for cell in row)
    assert [c.rsplit(".", 1)[1] for c in stock_cells(V19)[1]] == [
        "total_published",
        "newly_published",
    ]


def test_cell_finding_names_the_cell_and_where_it_was_printed(city, draft_of) -> None:
    cell = "requests.granted.total"
    draft = draft_of(city)
    where = SourceRef(file="r.docx", table=2, row=5, column=8)
    cells = {**draft.cells, cell: attrs.evolve(DraftCell.of(5), source=where)}
    subject = subject_of(attrs.evolve(draft, cells=cells))
    found = cell_finding(T2_STOCK, subject, cell, expected=9, actual=5, formula="a", formula_en="b")
    assert (found.path, found.labels, found.source) == (cell, ("（一）予以公开", "总计"), where)
    assert (found.expected, found.actual) == (9, 5)
    assert (
        cell_finding(T2_STOCK, subject_of(city), cell, formula="a", formula_en="b").source is None
    )


def test_metadata_finding_names_the_field_by_its_label() -> None:
    found = metadata_finding(
        XY_AGENCY, "scope", actual="jurisdiction", current="全域", previous="本机关"
    )
    assert found.path == "metadata.scope"
    assert found.labels == META_LABELS["metadata.scope"] == ("报告范围",)
    assert "全域" in found.message_zh


def test_findings_sort_in_printed_order(city) -> None:
    order = sort_key(V21)
    paths = [
        "other_matters",
        "requests.granted.total",
        "preamble",
        "overview",
        "problems_improvements",
    ]
    findings = [metadata_finding(XY_AGENCY, "agency", actual="a", current="a", previous="b")]
    findings += [attrs.evolve(findings[0], path=path) for path in paths]
    ordered = [f.path for f in sorted(findings, key=order)]
    assert ordered == [
        "metadata.agency",
        "preamble",
        "overview",
        "requests.granted.total",
        "problems_improvements",
        "other_matters",
    ]


def test_every_literal_cell_id_in_the_checks_is_a_cell_or_a_row() -> None:
    # the ids the checks spell out must be in the taxonomy: a misspelt one would read nothing
    import ast
    from pathlib import Path

    import govinfo_report.collect
    import govinfo_report.validate

    known = {spec.id for version in FormatVersion for spec in tx.cell_specs(version)}
    prefixes = {cell.rsplit(".", cut)[0] for cell in known for cut in (1, 2, 3)}
    id_like = re.compile(r"(?:proactive_disclosure|requests|review_litigation)\.[a-z0-9_.]+")
    folders = [Path(m.__file__).parent for m in (govinfo_report.validate, govinfo_report.collect)]
    spelled = set()
    for folder in folders:
        for path in folder.glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    spelled |= {m for m in id_like.findall(node.value) if not m.endswith(".")}
    assert len(spelled) > 10
    assert sorted(spelled - known - prefixes) == []

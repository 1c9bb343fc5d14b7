"""Fixtures of the collection tests: the bundled example county and distinct generated bodies."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.model import AnnualReport
from govinfo_report.taxonomy import FormatVersion, Scope
from govinfo_report.testing.strategies import reports

ROOT = Path(__file__).resolve().parents[2]
COUNTY = ROOT / "examples" / "county"
PARTS = sorted((COUNTY / "2024").glob("*.yaml"))

YEAR = {FormatVersion.V2019: 2020, FormatVersion.V2021: 2024}


def as_body(report: AnnualReport, n: int, year: int) -> AnnualReport:
    """The report as body number ``n`` (agency-scope, of ``year``)."""
    meta = attrs.evolve(
        report.metadata, agency=f"单位{n}", year=year, scope=Scope.AGENCY_ONLY, published=None
    )
    return attrs.evolve(report, metadata=meta)


@st.composite
def bodies(draw: st.DrawFn, min_size: int = 1, max_size: int = 4) -> list[AnnualReport]:
    """Reports of distinct bodies, one year and one format version."""
    version = draw(st.sampled_from(list(FormatVersion)))
    drawn = draw(st.lists(reports(version, narrative=False), min_size=min_size, max_size=max_size))
    return [as_body(r, n, YEAR[version]) for n, r in enumerate(drawn)]


@pytest.fixture
def county_parts() -> list[AnnualReport]:
    """The ten valid 2024 reports of the example county."""
    return [gr.load(p) for p in PARTS]

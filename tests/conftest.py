"""Shared test configuration: hypothesis profiles and paths to fixtures.

Profiles: ``default`` (local runs), ``ci`` (more examples, used when CI=true), ``fast``
(``HYPOTHESIS_PROFILE=fast`` for a quick loop).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import govinfo_report as gr

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60
)
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=120
)
settings.register_profile(
    "fast", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=10
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "default")
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


SAMPLES = ROOT / "tests" / "samples"
"""Copies of the published samples (see tests/samples/README.md), so a clean clone is complete."""


@pytest.fixture
def hongqi_path() -> Path:
    """The hand-transcribed YAML of the bundled 红旗区 2023 sample."""
    return EXAMPLES / "hongqi-2023.yaml"


# The bundled examples, loaded once per run and shared by every test folder (reports are frozen).


@pytest.fixture(scope="session")
def hongqi() -> gr.AnnualReport:
    """The bundled 红旗区 2023 sample (2021 format): a zero report."""
    return gr.load(EXAMPLES / "hongqi-2023.yaml")


@pytest.fixture(scope="session")
def city() -> gr.AnnualReport:
    """The illustrative city-wide 2024 report (2021 format, thousands of requests, consistent)."""
    return gr.load(EXAMPLES / "city-2024.yaml")


@pytest.fixture(scope="session")
def city2020() -> gr.AnnualReport:
    """The same city in the 2019 trial format (2020)."""
    return gr.load(EXAMPLES / "city-2020.yaml")

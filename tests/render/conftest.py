"""Shared helpers for the rendering tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

import govinfo_report as gr

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part(data: bytes, name: str = "word/document.xml") -> Any:
    """A part of a .docx parsed strictly (a broken document fails here)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name), etree.XMLParser(recover=False))


def document(data: bytes) -> Any:
    """The .docx opened with python-docx."""
    return docx.Document(io.BytesIO(data))


def texts(data: bytes) -> list[str]:
    """The text of every body paragraph, in order."""
    return [p.text for p in document(data).paragraphs]


@pytest.fixture(scope="session")
def hongqi() -> gr.AnnualReport:
    """The bundled 红旗区 2023 sample (2021 format, all zeros)."""
    return gr.load(EXAMPLES / "hongqi-2023.yaml")


@pytest.fixture(scope="session")
def city() -> gr.AnnualReport:
    """The illustrative city report, 2021 format, thousands of requests."""
    return gr.load(EXAMPLES / "city-2024.yaml")


@pytest.fixture(scope="session")
def city2019() -> gr.AnnualReport:
    """The illustrative city report in the 2019 trial format."""
    return gr.load(EXAMPLES / "city-2020.yaml")

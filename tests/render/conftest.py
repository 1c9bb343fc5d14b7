"""Shared helpers for the rendering tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
from lxml import etree

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

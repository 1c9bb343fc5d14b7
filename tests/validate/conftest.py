"""Fixtures for the validator tests: drafts edited cell by cell or by text (the example reports
are the root conftest's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest

import govinfo_report as gr
from govinfo_report.draft import Draft, DraftCell, DraftSection


def _edit(draft: Draft, **cells: Any) -> Draft:
    """A copy of ``draft`` with cells replaced: ``None`` removes a cell, text is read as printed.

    Keyword names are cell ids with dots written as ``__``.
    """
    changed = dict(draft.cells)
    for key, value in cells.items():
        cell = key.replace("__", ".")
        if value is None:
            changed.pop(cell, None)
        elif isinstance(value, str):
            changed[cell] = DraftCell.read(value)
        else:
            changed[cell] = DraftCell.of(value)
    return attrs.evolve(draft, cells=changed)


def _with_text(draft: Draft, key: str, text: str) -> Draft:
    """A copy of ``draft`` whose section ``key`` (or ``preamble``) holds ``text``."""
    if key == "preamble":
        return attrs.evolve(draft, preamble=text)
    sections = dict(draft.sections)
    title = sections[key].title if key in sections else key
    sections[key] = DraftSection(title, text)
    return attrs.evolve(draft, sections=sections)


@pytest.fixture
def draft_of() -> Callable[[gr.AnnualReport], Draft]:
    """``Draft.from_report``, as a fixture for brevity."""
    return Draft.from_report


@pytest.fixture
def edit() -> Callable[..., Draft]:
    """Replace cells of a draft (see :func:`_edit`)."""
    return _edit


@pytest.fixture
def with_text() -> Callable[[Draft, str, str], Draft]:
    """Replace a section's text (see :func:`_with_text`)."""
    return _with_text

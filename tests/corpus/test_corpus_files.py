"""Self-consistency of the corpus of real published reports (see ``tests/corpus/README.md``).

These tests check the corpus files only, not any parser: every case folder holds one source and
an ``expected.yaml`` whose cell ids belong to its format version, whose ``cells`` and ``missing``
together cover the whole format exactly once, whose section keys are the format's, and whose
``expected_violations`` are exactly what :func:`govinfo_report.identities.check` computes from
the expected cells. Accuracy of the parsers against this corpus is measured elsewhere.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from govinfo_report.draft import CellStatus, classify
from govinfo_report.identities import check
from govinfo_report.taxonomy import FormatVersion, Scope, cell_specs, sections

CORPUS = Path(__file__).resolve().parent
KINDS = {"txt": "txt", "html": "html", "docx": "docx", "pdf": "pdf"}
TOP_KEYS = {
    "provenance",
    "kind",
    "metadata",
    "cells",
    "missing",
    "sections",
    "expected_violations",
}
# A case is a folder holding an expected.yaml; other folders (e.g. the fuzzers' crashers/) are not cases.
CASES = sorted(p.parent for p in CORPUS.glob("*/expected.yaml"))


def _load(case: Path) -> dict[str, Any]:
    data = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{case.name}: expected.yaml is not a mapping"
    return data


def _version(data: dict[str, Any]) -> FormatVersion:
    return FormatVersion(data["metadata"]["format_version"])


def _values(cells: dict[str, str]) -> dict[str, int | Decimal | None]:
    """Cell values as the identities read them: blanks and dashes count as 0 (None)."""
    values: dict[str, int | Decimal | None] = {}
    for cell, text in cells.items():
        status, value, _ = classify(text)
        if status in {CellStatus.NUMBER, CellStatus.WITH_UNIT}:
            values[cell] = value
        elif status in {CellStatus.BLANK, CellStatus.DASH}:
            values[cell] = None
    return values


def _source(case: Path) -> Path:
    sources = sorted(case.glob("source.*"))
    assert len(sources) == 1, f"{case.name}: expected exactly one source.*, found {sources}"
    return sources[0]


def _plain_text(source: Path) -> str | None:
    """The visible text of a text or HTML source (tags dropped, entities decoded); else None."""
    if source.suffix == ".txt":
        return source.read_text(encoding="utf-8")
    if source.suffix == ".html":
        raw = source.read_text(encoding="utf-8")
        raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", raw)
        return html.unescape(re.sub(r"<[^>]+>", "", raw))
    return None


def test_corpus_is_large_and_varied() -> None:
    assert len(CASES) >= 12
    loaded = [_load(case) for case in CASES]
    versions = Counter(d["metadata"]["format_version"] for d in loaded)
    kinds = Counter(d["kind"] for d in loaded)
    assert set(versions) == {v.value for v in FormatVersion}
    assert set(kinds) == set(KINDS)
    assert len({d["metadata"]["agency"] for d in loaded}) >= 6
    assert sum(bool(d["expected_violations"]) for d in loaded) >= 2


def test_readme_lists_every_case() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for case in CASES:
        assert f"`{case.name}`" in readme, f"README.md does not describe {case.name}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_files(case: Path) -> None:
    data = _load(case)
    assert set(data) == TOP_KEYS
    source = _source(case)
    assert source.stat().st_size > 0
    assert source.stat().st_size < 2_500_000, "keep corpus files small"
    assert data["kind"] == KINDS[source.suffix.lstrip(".")]
    provenance = data["provenance"]
    assert isinstance(provenance, dict)
    assert provenance.get("notes"), "provenance needs notes (what is notable)"
    assert provenance.get("retrieved")
    meta = data["metadata"]
    assert isinstance(meta["agency"], str)
    assert meta["agency"]
    assert isinstance(meta["year"], int)
    assert 2019 <= meta["year"] <= 2030
    assert meta["scope"] in {s.value for s in Scope}
    _version(data)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cells_cover_the_format_exactly(case: Path) -> None:
    data = _load(case)
    version = _version(data)
    ids = [spec.id for spec in cell_specs(version)]
    cells = data["cells"]
    missing = data["missing"]
    assert isinstance(cells, dict)
    assert isinstance(missing, list)
    assert all(isinstance(text, str) for text in cells.values()), "cell texts are strings"
    assert not set(cells) - set(ids), f"unknown cell ids: {sorted(set(cells) - set(ids))}"
    assert not set(missing) - set(ids), f"unknown cell ids: {sorted(set(missing) - set(ids))}"
    assert not set(cells) & set(missing)
    assert len(missing) == len(set(missing))
    assert set(cells) | set(missing) == set(ids)
    # Listed in the format's order, so a diff against a parser's output reads naturally.
    assert list(cells) == [i for i in ids if i in cells]
    assert missing == [i for i in ids if i in set(missing)]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_expected_violations_are_what_the_identities_compute(case: Path) -> None:
    data = _load(case)
    found = [f"{f.code}:{f.path}" for f in check(_version(data), _values(data["cells"]))]
    assert data["expected_violations"] == found


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_sections_and_cells_appear_in_the_source(case: Path) -> None:
    data = _load(case)
    version = _version(data)
    assert set(data["sections"]) == {s.key for s in sections(version)}
    text = _plain_text(_source(case))
    if text is None:
        return
    flat = re.sub(r"\s+", "", text)
    for key, title in data["sections"].items():
        if title is not None:
            assert re.sub(r"\s+", "", title) in flat, f"section {key} title {title!r} not in source"
    for cell, printed in data["cells"].items():
        if printed.strip():
            assert re.sub(r"\s+", "", printed) in flat, f"{cell}: {printed!r} not in source"

"""Cell-level accuracy on the corpus of real reports (tests/corpus/) must be 100%."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from govinfo_report.parse import parse
from govinfo_report.validate import validate

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "corpus_accuracy", ROOT / "scripts" / "corpus_accuracy.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_accuracy"] = module
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()
CASES = SCRIPT.cases(CORPUS)


def test_there_is_a_corpus() -> None:
    assert len(CASES) >= 4


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_cell_right(case: Path) -> None:
    result = SCRIPT.compare(case)
    assert result.misses == []
    assert result.right == result.expected
    assert result.other == []


def test_script_prints_overall(capsys: pytest.CaptureFixture[str]) -> None:
    assert SCRIPT.main([str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert "overall" in out
    assert "100.00%" in out


# What only a validator judges from a draft (issue 10): a parser never notes it, so no note can
# shadow or double the validator's finding.
_VALIDATOR_ONLY = frozenset(
    {"section-title", "section-missing", "table-missing", "format-mix", "table-layout"}
)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_parser_notes_only_what_a_parser_knows(case: Path) -> None:
    (source,) = sorted(case.glob("source.*"))
    draft = parse(source)
    assert _VALIDATOR_ONLY.isdisjoint(f.code for f in draft.notes)
    result = validate(draft)
    # every note is reported as it is, and no check's finding is dropped
    assert set(draft.notes) <= set(result.findings)
    keyed = [(f.code, f.path, f.message_en) for f in result.findings]
    assert len(keyed) == len(set(keyed))

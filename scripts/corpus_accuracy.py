"""Cell-level accuracy of the parsers on the corpus of real reports (tests/corpus/).

For every case folder (``source.<ext>`` + hand-checked ``expected.yaml``, see
tests/corpus/README.md) the source is parsed and compared with the expectation, cell by cell:

* every cell id of the format version is one expectation: listed under ``cells`` (with the text
  as printed) or under ``missing`` (not printed in the report);
* a listed cell is *right* when the parser found it, its text as found equals the expected text
  (whitespace ignored) and its parsed value equals the value read from the expected text;
* a missing cell is *right* when the parser did not invent it.

Accuracy is right / expected, per report and overall. Metadata (agency, year, format version,
scope) and section titles are compared too and printed as mismatches, outside the cell figure.

Usage::

    python scripts/corpus_accuracy.py [CORPUS_DIR] [--verbose] [--json]

Exit status 0 when every case is 100% right, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from govinfo_report.draft import Draft, classify
from govinfo_report.errors import ParseError
from govinfo_report.parse import parse
from govinfo_report.taxonomy import FormatVersion, cell_specs

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


@dataclass
class CaseResult:
    """The comparison of one case."""

    name: str
    expected: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Right cells over expected cells (1.0 for a case with no expectation)."""
        return self.right / self.expected if self.expected else 1.0


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def cases(corpus: Path) -> list[Path]:
    """The case folders of a corpus (every folder holding an expected.yaml)."""
    return sorted(p.parent for p in corpus.glob("*/expected.yaml"))


def compare(case: Path) -> CaseResult:
    """Parse one case's source and compare it with its expected.yaml."""
    expected: dict[str, Any] = yaml.safe_load((case / "expected.yaml").read_text("utf-8"))
    result = CaseResult(case.name)
    version = FormatVersion(str(expected["metadata"]["format_version"]))
    ids = [spec.id for spec in cell_specs(version)]
    cells: dict[str, str] = expected.get("cells") or {}
    missing: set[str] = set(expected.get("missing") or ())
    result.expected = len(ids)
    source = next(p for p in sorted(case.glob("source.*")))
    try:
        draft = parse(source)
    except ParseError as exc:
        result.misses.append(f"parse failed: {exc}")
        return result
    for cell_id in ids:
        found = draft.cells.get(cell_id)
        if cell_id in missing or cell_id not in cells:
            if found is None:
                result.right += 1
            else:
                result.misses.append(f"{cell_id}: expected absent, found {found.text!r}")
            continue
        text = cells[cell_id]
        if found is None:
            result.misses.append(f"{cell_id}: expected {text!r}, not found")
        elif _squash(found.text) != _squash(text):
            result.misses.append(f"{cell_id}: expected {text!r}, found {found.text!r}")
        elif found.value != classify(text)[1]:
            result.misses.append(
                f"{cell_id}: expected value {classify(text)[1]!r}, parsed {found.value!r}"
            )
        else:
            result.right += 1
    result.other = _other(draft, expected)
    return result


def _other(draft: Draft, expected: dict[str, Any]) -> list[str]:
    problems = []
    meta = expected.get("metadata") or {}
    got = {
        "agency": draft.metadata.agency,
        "year": draft.metadata.year,
        "format_version": str(draft.metadata.format_version)
        if draft.metadata.format_version
        else None,
        "scope": str(draft.metadata.scope) if draft.metadata.scope else None,
    }
    for key, value in meta.items():
        if key in got and str(got[key]) != str(value):
            problems.append(f"metadata.{key}: expected {value!r}, found {got[key]!r}")
    for key, title in (expected.get("sections") or {}).items():
        section = draft.sections.get(key)
        if title is None and section is not None:
            problems.append(f"section {key}: expected absent, found {section.title!r}")
        elif title is not None and (section is None or _squash(section.title) != _squash(title)):
            problems.append(
                f"section {key}: expected {title!r}, found {section.title if section else None!r}"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy per case and overall; exit 1 unless everything is right."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    results = [compare(case) for case in cases(args.corpus)]
    expected = sum(r.expected for r in results)
    right = sum(r.right for r in results)
    if args.json:
        data = {
            "cases": [
                {
                    "case": r.name,
                    "expected": r.expected,
                    "right": r.right,
                    "accuracy": r.accuracy,
                    "misses": r.misses,
                    "other": r.other,
                }
                for r in results
            ],
            "expected": expected,
            "right": right,
            "accuracy": right / expected if expected else 1.0,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        width = max((len(r.name) for r in results), default=10)
        for r in results:
            print(f"{r.name:<{width}}  {r.right:>4}/{r.expected:<4} {100 * r.accuracy:7.2f}%")
            shown = r.misses if args.verbose else r.misses[:5]
            for miss in shown:
                print(f"    miss: {miss}")
            if len(shown) < len(r.misses):
                print(f"    ... {len(r.misses) - len(shown)} more (use --verbose)")
            for other in r.other:
                print(f"    note: {other}")
        overall = 100 * right / expected if expected else 100.0
        print(
            f"{'overall':<{width}}  {right:>4}/{expected:<4} {overall:7.2f}%  ({len(results)} reports)"
        )
    perfect = all(r.right == r.expected and not r.other for r in results)
    return 0 if perfect else 1


if __name__ == "__main__":
    sys.exit(main())

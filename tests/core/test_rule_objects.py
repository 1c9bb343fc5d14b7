"""Rules as objects: every call site passes exactly the parameters its rule's templates take."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from govinfo_report import catalog
from govinfo_report.catalog import RULES, Rule
from govinfo_report.validate import CHECKS

SRC = Path(__file__).resolve().parents[2] / "src" / "govinfo_report"
# make_finding's own arguments, and the template fields it fills from them
_OWN = {"path", "labels", "expected", "actual", "related", "source", "suggestion", "severity"}
_FILLED = {"cell", "cell_en", "expected", "actual"}
# make_finding, and the validator's helpers that call it for a cell, a metadata field, a section
_EMITTERS = {"make_finding", "cell_finding", "metadata_finding", "section_finding"}


def _call_sites() -> list[tuple[str, int, Rule, set[str], bool]]:
    sites = []
    for file in sorted(SRC.rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") in _EMITTERS):
                continue
            first = node.args[0] if node.args else None
            if not (
                isinstance(first, ast.Name) and isinstance(getattr(catalog, first.id, None), Rule)
            ):
                continue
            given = {k.arg for k in node.keywords if k.arg is not None}
            spread = any(k.arg is None for k in node.keywords)
            rule = getattr(catalog, first.id)
            sites.append((str(file.relative_to(SRC)), node.lineno, rule, given - _OWN, spread))
    return sites


SITES = _call_sites()


def test_every_rule_is_a_constant_of_the_catalogue() -> None:
    for rule in RULES:
        assert getattr(catalog, rule.code.upper().replace("-", "_")) is rule


def test_code_emits_findings_with_rule_objects() -> None:
    assert len(SITES) >= 40
    strings = []
    for file in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") in _EMITTERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                strings.append(f"{file.name}:{node.lineno}")
    assert strings == []


@pytest.mark.parametrize(("where", "line", "rule", "given", "spread"), SITES)
def test_parameters_match_the_templates(
    where: str, line: int, rule: Rule, given: set[str], spread: bool
) -> None:
    wanted = rule.parameters - _FILLED
    if spread:  # some keywords come from a mapping: those named must still be wanted
        assert given <= wanted, f"{where}:{line}"
    else:
        assert given == wanted, f"{where}:{line}"


def test_every_check_declares_rule_objects() -> None:
    declared = [rule for check in CHECKS for rule in check.rules]
    assert all(isinstance(rule, Rule) for rule in declared)
    assert len(declared) == len(set(declared))

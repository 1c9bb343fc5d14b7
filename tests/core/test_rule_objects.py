"""Rules as objects: every call site passes exactly the parameters its rule's templates take."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from govinfo_report import catalog
from govinfo_report.catalog import RULES, Rule
from govinfo_report.findings import make_finding
from govinfo_report.validate import CHECKS

SRC = Path(__file__).resolve().parents[2] / "src" / "govinfo_report"
# make_finding's (and the narrative emitter's) own arguments, and the template fields filled
_OWN = {
    "path",
    "labels",
    "expected",
    "actual",
    "related",
    "source",
    "suggestion",
    "severity",
    "variant",
    "zero_report",
}
_FILLED = {"cell", "cell_en", "expected", "actual"}
# make_finding, and the validator's helpers that call it for a cell, a metadata field, a section
_EMITTERS = {"make_finding", "cell_finding", "metadata_finding", "section_finding"}
# The narrative checks' emitter methods, and what they fill besides (the quote of the text it matched).
_METHODS = {"emit", "mismatch"}
_EMITTER_FILLS = {"quote"}
# The placeholder the message texts of the narrative rules used to be (issue 10).
_PLACEHOLDERS = {"detail_zh", "detail_en"}


def _rule_of(node: ast.expr | None) -> Rule | None:
    if isinstance(node, ast.Name):
        value = getattr(catalog, node.id, None)
        return value if isinstance(value, Rule) else None
    return None


def _call_sites() -> list[tuple[str, int, Rule, set[str], bool, str | bool | None]]:
    """Every ``make_finding(RULE, ...)`` and ``out.emit(RULE, ...)`` naming a catalogue rule.

    The variant is its name, None for the main message, or True when chosen at run time.
    """
    sites = []
    for file in sorted(SRC.rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            emitter = isinstance(node.func, ast.Attribute) and node.func.attr in _METHODS
            if not (emitter or getattr(node.func, "id", "") in _EMITTERS):
                continue
            rule = _rule_of(node.args[0] if node.args else None)
            if rule is None:
                continue
            given = {k.arg for k in node.keywords if k.arg is not None}
            if emitter:
                given |= _EMITTER_FILLS
            spread = any(k.arg is None for k in node.keywords)
            variant: str | bool | None = None
            for keyword in node.keywords:
                if keyword.arg == "variant":
                    value = keyword.value
                    variant = value.value if isinstance(value, ast.Constant) else True
            where = str(file.relative_to(SRC))
            sites.append((where, node.lineno, rule, given - _OWN, spread, variant))
    return sites


SITES = _call_sites()


def test_every_rule_is_a_constant_of_the_catalogue() -> None:
    for rule in RULES:
        assert getattr(catalog, rule.code.upper().replace("-", "_")) is rule


def test_code_emits_findings_with_rule_objects() -> None:
    assert len(SITES) >= 50
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


@pytest.mark.parametrize(("where", "line", "rule", "given", "spread", "variant"), SITES)
def test_parameters_match_the_templates(
    where: str, line: int, rule: Rule, given: set[str], spread: bool, variant: str | bool | None
) -> None:
    # a variant chosen at run time (True): the site passes what any variant may take
    templates = rule.all_parameters if variant is True else rule.parameters_of(variant)
    wanted = templates - _FILLED
    if spread:  # some keywords come from a mapping: those named must still be wanted
        assert given <= wanted, f"{where}:{line}"
    else:
        assert given == wanted, f"{where}:{line}"


def test_every_template_is_a_real_template() -> None:
    """No message is a bare placeholder filled with prose written at the call site."""
    for rule in RULES:
        for variant in (None, *(v.name for v in rule.variants)):
            assert not rule.parameters_of(variant) & _PLACEHOLDERS, (rule.code, variant)


def test_variant_names_are_unique_and_templates_parse() -> None:
    for rule in RULES:
        names = [v.name for v in rule.variants]
        assert len(names) == len(set(names)), rule.code
        for name in names:
            assert rule.parameters_of(name) >= {"cell", "cell_en"}, (rule.code, name)


def test_unknown_parameter_or_variant_is_refused() -> None:
    with pytest.raises(TypeError, match="text-requests"):
        make_finding(catalog.TEXT_REQUESTS, path="x", quote="q", detail_zh="…", detail_en="…")
    with pytest.raises(KeyError, match="no message variant"):
        make_finding(catalog.TEXT_REQUESTS, path="x", variant="nonsense")


def test_every_check_declares_rule_objects() -> None:
    declared = [rule for check in CHECKS for rule in check.rules]
    assert all(isinstance(rule, Rule) for rule in declared)
    assert len(declared) == len(set(declared))


def test_identities_carry_their_rule_objects() -> None:
    from govinfo_report.identities import identities
    from govinfo_report.taxonomy import FormatVersion

    for version in FormatVersion:
        rules = {identity.rule for identity in identities(version)}
        assert rules == {
            catalog.T3_BALANCE,
            catalog.T3_OUTCOMES_TOTAL,
            catalog.T3_ROW_TOTAL,
            catalog.T4_TOTAL,
        }
        assert all(i.code == i.rule.code for i in identities(version))


def test_the_narrative_tables_pass_what_their_rules_take() -> None:
    """The sites that take their rule from a table entry, checked entry by entry."""
    from govinfo_report.validate import _narrative as narrative

    stated = [check for _, check in narrative._TEXT_CHECKS if isinstance(check, narrative._Stated)]
    assert len(stated) == 4
    for entry in stated:  # _Stated.__call__ passes quote, row, row_en and total
        assert entry.rule.parameters - _FILLED == {"quote", "row", "row_en", "total"}
    for kind in (narrative._REVIEW_CASES, narrative._LITIGATION_CASES):
        for rule, (variant, names) in (
            (catalog.TEXT_CASES, kind.stated),
            (catalog.TEXT_NO_CASES, kind.none),
        ):  # _emit_cases passes quote, total and the names
            assert rule.parameters_of(variant) - _FILLED == {"quote", "total", *names}

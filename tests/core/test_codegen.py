"""Generated code shows its lines in tracebacks (issue 10)."""

from __future__ import annotations

import traceback

from govinfo_report.accept import cell_value_ok
from govinfo_report.codegen import define
from govinfo_report.taxonomy import CellKind


def test_a_traceback_through_generated_code_shows_the_line() -> None:
    fails = define("def fails(x):\n    return 1 // x\n", "fails", "<test fails>")
    try:
        fails(0)
    except ZeroDivisionError as exc:
        text = "".join(traceback.format_exception(exc))
    assert 'File "<test fails>", line 2' in text
    assert "return 1 // x" in text


def test_the_acceptance_predicates_are_generated_and_registered() -> None:
    import linecache

    assert cell_value_ok(CellKind.SIGNED, -3)
    assert "LIMIT" in "".join(linecache.getlines("<accepts signed>"))

"""What the collection tools share: their error, reading inputs, cells summed by group."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from ..accept import Number
from ..catalog import RULES, Severity
from ..draft import Draft
from ..errors import GovInfoReportError, Problem
from ..identities import identities
from ..io import EXTENSIONS, atomic_write, dump, format_of, load
from ..model import AnnualReport
from ..taxonomy import FormatVersion

__all__ = [
    "ERROR_CODES",
    "CollectionError",
    "Number",
    "derived_cells",
    "load_report",
    "sum_cells",
    "write_report",
]


ERROR_CODES: frozenset[str] = frozenset(r.code for r in RULES if r.severity is Severity.ERROR)
"""The rule codes of error severity: an input with one of these cannot be added up."""


class CollectionError(GovInfoReportError, ValueError):
    """A collection job refused: every problem is listed in :attr:`problems`, nothing is written.

    Examples:
        >>> from govinfo_report.errors import Problem
        >>> err = CollectionError("汇总被拒绝 / roll-up refused", [Problem("a.yaml", "年度不同")])
        >>> err.problems[0].path
        'a.yaml'
    """

    def __init__(self, what: str, problems: Iterable[Problem]) -> None:
        self.what = what
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        lines = [f"{what}：{count} 处问题 / {count} problem(s)"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def load_report(path: str | os.PathLike[str]) -> AnnualReport:
    """Read one report for a collection job: a model file, or a published file if complete.

    A published file (.txt, .html, .docx, .pdf) is parsed, and used only if its draft builds a
    valid report: a total built on guessed cells would be wrong.

    Raises:
        SerializationError: for a model file that is not a valid report.
        InvariantViolation: for a published file whose cells are missing or do not add up.
        OSError: when the file cannot be opened.

    Examples:
        >>> load_report("examples/county/2024/office.yaml").metadata.agency
        '示例县人民政府办公室'
    """
    if Path(path).suffix.lower() in EXTENSIONS:
        return load(path)
    from ..parse import parse

    draft: Draft = parse(path)
    return draft.to_report()


def sum_cells(values: Mapping[str, Number], pattern: str) -> Number:
    """The sum of the cells whose id matches ``pattern`` (``*`` stands for any run of keys).

    Examples:
        >>> sum_cells({"a.x.total": 2, "a.y.total": 3, "a.y.other": 9}, "a.*.total")
        5
    """
    if pattern in values:
        return values[pattern]
    total: Number = 0
    for cell, value in values.items():
        if fnmatch.fnmatchcase(cell, pattern):
            total += value
    return total


_DERIVED_CODES = frozenset({"t3-row-total", "t3-outcomes-total", "t4-total"})


@cache
def derived_cells(version: FormatVersion) -> frozenset[str]:
    """The cells the model derives when omitted (row 总计, （七）总计, table 四 总计).

    Examples:
        >>> "requests.outcomes_total.total" in derived_cells(FormatVersion.V2021)
        True
    """
    return frozenset(i.target for i in identities(version) if i.code in _DERIVED_CODES)


def write_report(
    report: AnnualReport, path: str | os.PathLike[str], header: str | None = None
) -> Path:
    """Write a report for people, atomically: YAML carries each key's Chinese label as a comment.

    Other extensions (.json, .toml) are written as :func:`govinfo_report.dump` writes them.

    Examples:
        >>> import tempfile, govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = write_report(report, f"{folder}/r.yaml", header="示例")
        ...     gr.load(path) == report
        True
    """
    fmt = format_of(path)
    if fmt == "yaml":
        from ..codec.yaml import dumps as yaml_dumps

        text = yaml_dumps(report, labels=True, header=header)
        return atomic_write(path, text.encode("utf-8"))
    return dump(report, path)

"""Findings: what a check says about a report, as plain immutable records.

A finding names a rule of the catalogue, the cell or section at fault (its stable identifier and
its Chinese label path), the expected and actual values, where it was found in a source file, and
the rendered messages in Chinese and English. Findings are data: checks return them; only the
strict model's constructors raise them, wrapped in :class:`~govinfo_report.errors.InvariantViolation`.
"""

from __future__ import annotations

from typing import Any

import attrs

from .accept import Number
from .catalog import Rule, Severity, rule

__all__ = ["Finding", "Localisation", "Solution", "SourceRef", "Suggestion", "make_finding"]


@attrs.frozen
class SourceRef:
    """Where a value was found in a published file; every field is optional.

    Attributes:
        file: the file name or URL.
        page: 1-based page number (PDF).
        table: 1-based table number in the document.
        row: 1-based row in the table (after merged cells are resolved).
        column: 1-based column in the table.
        line: 1-based line number (text input).

    Examples:
        >>> from govinfo_report.findings import SourceRef
        >>> print(SourceRef(file="a.pdf", page=4))
        a.pdf, page 4
    """

    file: str | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        parts = [
            f"{name} {value}"
            for name, value in (
                ("page", self.page),
                ("table", self.table),
                ("row", self.row),
                ("column", self.column),
                ("line", self.line),
            )
            if value is not None
        ]
        head = self.file or ""
        return ", ".join([head, *parts]) if head else ", ".join(parts)


@attrs.frozen
class Suggestion:
    """A proposed correction: set ``path`` to ``value``.

    Examples:
        >>> from govinfo_report.findings import Suggestion
        >>> Suggestion(path="requests.granted.total", labels=(), current=5, value=6).value
        6
    """

    path: str
    labels: tuple[str, ...]
    current: Number | None
    value: Number


@attrs.frozen
class Solution:
    """One smallest set of cell changes that makes every accounting identity hold.

    Attributes:
        changes: the cells to change, each with its printed and its consistent value.
        determined: whether the identities force these values once the set is chosen (two
            changed cells in one sum alone could share the difference in several ways).
        disagreements: how many narrative statements the corrected table contradicts (text
            findings), where the narrative was consulted; lower is better.

    Examples:
        >>> s = Solution((Suggestion("requests.granted.total", ("（一）予以公开", "总计"), 5, 7),))
        >>> [c.path for c in s.changes], s.determined
        (['requests.granted.total'], True)
    """

    changes: tuple[Suggestion, ...]
    determined: bool = True
    disagreements: int | None = None

    @property
    def paths(self) -> frozenset[str]:
        """The identifiers of the changed cells."""
        return frozenset(c.path for c in self.changes)


@attrs.frozen
class Localisation:
    """Fellegi–Holt error localisation: the smallest sets of changes restoring every identity.

    Attributes:
        solutions: the minimal solutions found (all of them up to a bound), the preferred first.
        complete: whether every minimal solution is listed (``False``: the bound was reached).
        by_text: whether the narrative's numbers chose the first solution among several.

    Examples:
        >>> one = Solution((Suggestion("review_litigation.review.total", ("总计",), 9, 8),))
        >>> loc = Localisation((one,))
        >>> loc.unique, loc.size, loc.best is one
        (True, 1, True)
    """

    solutions: tuple[Solution, ...]
    complete: bool = True
    by_text: bool = False

    @property
    def unique(self) -> bool:
        """Whether exactly one minimal set of cells exists (and its values are forced)."""
        return self.complete and len(self.solutions) == 1 and self.solutions[0].determined

    @property
    def size(self) -> int:
        """How many cells each minimal solution changes (0 when nothing needs changing)."""
        return len(self.solutions[0].changes) if self.solutions else 0

    @property
    def best(self) -> Solution | None:
        """The solution to propose: the unique one, or the one the narrative chose; else ``None``."""
        if self.unique or (self.by_text and self.solutions and self.solutions[0].determined):
            return self.solutions[0]
        return None


@attrs.frozen
class Finding:
    """One thing a check found.

    Attributes:
        code: the catalogue code, e.g. ``t3-balance``.
        severity: error, warning or info.
        path: the stable identifier of the cell or section at fault (``None`` for the whole report).
        labels: the Chinese label path of that cell or section.
        message_zh: the message in Chinese.
        message_en: the message in English.
        expected: the value the rule expects, where there is one.
        actual: the value found.
        related: identifiers of the other cells the rule involved.
        source: where the value was found, for parsed input.
        suggestion: a proposed correction, where one cell explains the failure.
        localisation: the smallest sets of cells whose change makes every identity hold, for
            a broken identity (see :mod:`govinfo_report.validate` and docs/localisation.md).

    Examples:
        >>> from govinfo_report.findings import make_finding
        >>> finding = make_finding("cell-missing", path="requests.granted.total",
        ...                        labels=("（一）予以公开", "总计"))
        >>> finding.location, finding.severity.value
        ('$.requests.granted.total', 'error')
        >>> finding.message_zh
        '（一）予以公开 / 总计：报告中未找到该数据'
    """

    code: str
    severity: Severity
    path: str | None
    labels: tuple[str, ...]
    message_zh: str
    message_en: str
    expected: Number | None = None
    actual: Number | str | None = None
    related: tuple[str, ...] = ()
    source: SourceRef | None = None
    suggestion: Suggestion | None = None
    localisation: Localisation | None = None

    @property
    def location(self) -> str:
        """The JSON-path style location, e.g. ``$.requests.granted.total``."""
        return "$" if self.path is None else f"$.{self.path}"

    def __str__(self) -> str:
        return f"[{self.code}] {self.location}: {self.message_zh} / {self.message_en}"

    def at(self, path: str, labels: tuple[str, ...]) -> Finding:
        """The same finding placed at ``path``, its messages naming the new place.

        A row object does not know where it stands; whoever builds it (the model's builders,
        the codec) places its findings at the full cell id and label path.

        Examples:
            >>> from govinfo_report.catalog import CELL_MISSING
            >>> f = make_finding(CELL_MISSING, path="total", labels=("总计",))
            >>> f.at("requests.granted.total", ("（一）予以公开", "总计")).message_zh
            '（一）予以公开 / 总计：报告中未找到该数据'
        """
        here_zh = " / ".join(self.labels) if self.labels else (self.path or "报告")
        here_en = self.path or "report"
        message_zh, message_en = self.message_zh, self.message_en
        if message_zh.startswith(here_zh):
            message_zh = " / ".join(labels) + message_zh[len(here_zh) :]
        if message_en.startswith(here_en):
            message_en = path + message_en[len(here_en) :]
        return attrs.evolve(
            self, path=path, labels=labels, message_zh=message_zh, message_en=message_en
        )


def make_finding(
    code: Rule | str,
    *,
    path: str | None,
    labels: tuple[str, ...] = (),
    expected: Number | None = None,
    actual: Number | str | None = None,
    related: tuple[str, ...] = (),
    source: SourceRef | None = None,
    suggestion: Suggestion | None = None,
    severity: Severity | None = None,
    variant: str | None = None,
    **params: Any,
) -> Finding:
    """Build a finding of a catalogue rule (the ``Rule`` object), rendering its messages from ``params``.

    The template fields ``cell``, ``cell_en``, ``expected`` and ``actual`` are filled from the
    arguments unless given in ``params``. ``variant`` names one of the rule's alternative
    messages (:class:`~govinfo_report.catalog.Variant`).

    Raises:
        TypeError: if ``params`` holds a name no template of the rule takes.

    Examples:
        >>> from govinfo_report.findings import make_finding
        >>> str(make_finding("cell-missing", path="requests.granted.total"))
        '[cell-missing] $.requests.granted.total: requests.granted.total：报告中未找到该数据 / ...'
    """
    entry = code if isinstance(code, Rule) else rule(code)
    fields: dict[str, Any] = {
        "cell": " / ".join(labels) if labels else (path or "报告"),
        "cell_en": path or "report",
        "expected": expected,
        "actual": "（空）" if actual is None else actual,
    }
    fields.update(params)
    if not entry.all_parameters.issuperset(params):
        unused = sorted(params.keys() - entry.all_parameters)
        raise TypeError(f"{entry.code}: the message takes no parameter {unused}")
    if variant is None:
        template_zh, template_en = entry.template_zh, entry.template_en
    else:
        template_zh, template_en = entry.templates(variant)
    fields_en = dict(fields)
    if actual is None:
        fields_en["actual"] = "(blank)"
    return Finding(
        code=entry.code,
        severity=severity or entry.severity,
        path=path,
        labels=labels,
        message_zh=template_zh.format(**fields),
        message_en=template_en.format(**fields_en),
        expected=expected,
        actual=actual,
        related=related,
        source=source,
        suggestion=suggestion,
    )

"""Year-over-year comparison: every comparable cell, the indicators, the cross-year findings.

Which cells can be compared across the 2019 and 2021 formats comes from the taxonomy
(:func:`~govinfo_report.taxonomy.comparable_cells`); the findings are the validator's own
cross-year rules, run on the two reports.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from .. import taxonomy as tx
from ..errors import Problem
from ..findings import Finding
from ..model import AnnualReport
from ..validate import finding_to_dict, validate
from ._common import CollectionError, Number
from .indicators import INDICATORS, Indicator, show

__all__ = [
    "CellChange",
    "Comparison",
    "IndicatorChange",
    "Series",
    "compare",
    "compare_series",
    "comparison_json",
    "comparison_rows",
    "display_width",
    "series_json",
    "series_rows",
    "table",
    "to_csv",
]


@attrs.frozen
class CellChange:
    """One cell in both years.

    Examples:
        >>> c = CellChange("requests.new_requests.total", ("一", "总计"), 8, 10)
        >>> c.change, c.ratio
        (2, Decimal('1.25'))
    """

    id: str
    labels: tuple[str, ...]
    previous: Number
    current: Number

    @property
    def change(self) -> Number:
        """Current minus previous."""
        return self.current - self.previous

    @property
    def ratio(self) -> Decimal | None:
        """Current divided by previous (None when previous is 0)."""
        if not self.previous:
            return None
        return Decimal(self.current) / Decimal(self.previous)


@attrs.frozen
class IndicatorChange:
    """One indicator in both years (per cent, one decimal; None over zero cases).

    Examples:
        >>> IndicatorChange(INDICATORS[0], Decimal("40.0"), None).current is None
        True
    """

    indicator: Indicator
    previous: Decimal | None
    current: Decimal | None


@attrs.frozen
class Comparison:
    """Two reports of the same body compared.

    Attributes:
        years: the previous and current reporting years.
        cells: every comparable cell, in printed order.
        not_comparable: the cells of either year that the other format lacks.
        indicators: every indicator in both years.
        findings: the validator's cross-year findings on the pair.

    Examples:
        >>> import govinfo_report as gr
        >>> diff = compare(gr.load("examples/city-2020.yaml"), gr.load("examples/city-2024.yaml"))
        >>> diff.years
        (2020, 2024)
    """

    years: tuple[int, int]
    cells: tuple[CellChange, ...]
    not_comparable: tuple[str, ...]
    indicators: tuple[IndicatorChange, ...]
    findings: tuple[Finding, ...]

    def cell(self, cell_id: str) -> CellChange:
        """One cell's change by id.

        Raises:
            KeyError: if the cell is not comparable.
        """
        for change in self.cells:
            if change.id == cell_id:
                return change
        raise KeyError(cell_id)


def compare(previous: AnnualReport, current: AnnualReport) -> Comparison:
    """Compare two reports of the same body, consecutive years or not.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> all(c.change == 0 for c in compare(report, report).cells)
        True
    """
    before, now = previous.values(), current.values()
    ids = tx.comparable_cells(previous.format_version, current.format_version)
    index = tx.cell_index(current.format_version)
    cells = tuple(CellChange(i, index[i].labels, before[i], now[i]) for i in ids)
    common = set(ids)
    not_comparable = tuple(
        [s.id for s in tx.cell_specs(previous.format_version) if s.id not in common]
        + [s.id for s in tx.cell_specs(current.format_version) if s.id not in common]
    )
    indicators = tuple(IndicatorChange(i, i.value(before), i.value(now)) for i in INDICATORS)
    findings = validate(current, previous=previous, select=["crossyear"]).findings
    return Comparison(
        (previous.metadata.year, current.metadata.year),
        cells,
        tuple(dict.fromkeys(not_comparable)),
        indicators,
        findings,
    )


@attrs.frozen
class Series:
    """Several years of one body side by side: one column per year.

    Examples:
        >>> import govinfo_report as gr
        >>> s = compare_series([gr.load("examples/city-2020.yaml"), gr.load("examples/city-2024.yaml")])
        >>> s.values("requests.new_requests.total")
        (3119, 3119)
    """

    years: tuple[int, ...]
    cells: tuple[tuple[str, tuple[str, ...], tuple[Number, ...]], ...]
    indicators: tuple[tuple[Indicator, tuple[Decimal | None, ...]], ...]

    def values(self, cell_id: str) -> tuple[Number, ...]:
        """One cell's value in each year.

        Raises:
            KeyError: if the cell is not in every year's format.
        """
        for cell, _, values in self.cells:
            if cell == cell_id:
                return values
        raise KeyError(cell_id)


def compare_series(reports: Sequence[AnnualReport]) -> Series:
    """Put reports of several years side by side, in year order.

    Raises:
        CollectionError: for fewer than two reports or a year given twice.

    Examples:
        >>> import govinfo_report as gr
        >>> s = compare_series([gr.load("examples/county/2024/justice.yaml"),
        ...                     gr.load("examples/county/2023/justice.yaml")])
        >>> s.years
        (2023, 2024)
    """
    ordered = sorted(reports, key=lambda r: r.metadata.year)
    years = [r.metadata.year for r in ordered]
    if len(ordered) < 2 or len(set(years)) != len(years):
        raise CollectionError(
            "无法比较 / cannot compare",
            [
                Problem(
                    "metadata.year", f"需要不同年度的至少两份报告 / need two or more years: {years}"
                )
            ],
        )
    ids = list(tx.comparable_cells(ordered[0].format_version, ordered[-1].format_version))
    for report in ordered[1:-1]:
        keep = set(tx.cell_index(report.format_version))
        ids = [i for i in ids if i in keep]
    index = tx.cell_index(ordered[-1].format_version)
    all_values = [r.values() for r in ordered]
    cells = tuple((i, index[i].labels, tuple(v[i] for v in all_values)) for i in ids)
    indicators = tuple((i, tuple(i.value(v) for v in all_values)) for i in INDICATORS)
    return Series(tuple(years), cells, indicators)


# --- output ------------------------------------------------------------------------------------


def display_width(text: str) -> int:
    """The width of text on a terminal: CJK characters take two columns.

    Examples:
        >>> display_width("总计 ab")
        7
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


_MAX_LABEL = 44  # display columns: with four number columns the table fits 80 columns


def _label(labels: tuple[str, ...]) -> str:
    """A label path short enough for a terminal: row names cut before 政府信息公开申请 and their
    trailing parenthetical note dropped; then the longest part before the last is shortened,
    with an ellipsis, until the path fits."""
    parts = []
    for label in labels:
        short = label.split("政府信息公开申请")[0]
        cut = short.find("（", 1)
        if cut > 0 and short.endswith("）"):
            short = short[:cut]
        parts.append(short)
    while display_width(" / ".join(parts)) > _MAX_LABEL and len(parts) > 1:
        longest = max(range(len(parts) - 1), key=lambda i: display_width(parts[i]))
        part = parts[longest].rstrip("…")
        if len(part) <= 2:
            break
        parts[longest] = part[:-1] + "…"
    return " / ".join(parts)


def _number(value: Number | Decimal | None) -> str:
    return "" if value is None else str(value)


def _ratio(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def table(rows: Sequence[Sequence[str]], right_from: int = 1) -> str:
    """Rows aligned by display width; columns from ``right_from`` on are right-aligned.

    Examples:
        >>> print(table([["项目", "值"], ["总计", "12"]]))
        项目  值
        总计  12
    """
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            _pad(c, w, i >= right_from) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def comparison_rows(diff: Comparison, *, everything: bool = False) -> list[list[str]]:
    """The comparison as rows of text: header, then cells (non-zero ones unless ``everything``),
    then the indicators.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/county/2024/justice.yaml")
        >>> comparison_rows(compare(report, report))[0]
        ['项目 / item', '2024', '2024', '增减', '比值']
    """
    prev, cur = map(str, diff.years)
    rows = [["项目 / item", prev, cur, "增减", "比值"]]
    for c in diff.cells:
        if everything or c.previous or c.current:
            rows.append(
                [_label(c.labels), str(c.previous), str(c.current), str(c.change), _ratio(c.ratio)]
            )
    for i in diff.indicators:
        rows.append([i.indicator.name_zh, show(i.previous), show(i.current), "", ""])
    return rows


def series_rows(series: Series, *, everything: bool = False) -> list[list[str]]:
    """A series as rows of text: one column per year.

    Examples:
        >>> import govinfo_report as gr
        >>> reports = [gr.load(f"examples/county/{y}/justice.yaml") for y in (2023, 2024)]
        >>> series_rows(compare_series(reports))[0]
        ['项目 / item', '2023', '2024']
    """
    rows = [["项目 / item", *map(str, series.years)]]
    for _, labels, values in series.cells:
        if everything or any(values):
            rows.append([_label(labels), *map(str, values)])
    for indicator, rates in series.indicators:
        rows.append([indicator.name_zh, *map(show, rates)])
    return rows


def to_csv(rows: Sequence[Sequence[str]]) -> str:
    """Rows as CSV text.

    Examples:
        >>> to_csv([["项目", "2024"], ["总计", "3"]]).splitlines()
        ['项目,2024', '总计,3']
    """
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def comparison_json(diff: Comparison) -> str:
    """The comparison as one JSON document (amounts as strings, exact).

    Examples:
        >>> import json, govinfo_report as gr
        >>> report = gr.load("examples/county/2024/justice.yaml")
        >>> json.loads(comparison_json(compare(report, report)))["years"]
        [2024, 2024]
    """
    document: dict[str, Any] = {
        "years": list(diff.years),
        "cells": [
            {
                "id": c.id,
                "labels": list(c.labels),
                "previous": _json_number(c.previous),
                "current": _json_number(c.current),
                "change": _json_number(c.change),
                "ratio": None if c.ratio is None else str(c.ratio),
            }
            for c in diff.cells
        ],
        "not_comparable": list(diff.not_comparable),
        "indicators": [
            {
                "key": i.indicator.key,
                "name_zh": i.indicator.name_zh,
                "name_en": i.indicator.name_en,
                "previous": None if i.previous is None else str(i.previous),
                "current": None if i.current is None else str(i.current),
            }
            for i in diff.indicators
        ],
        "findings": [finding_to_dict(f) for f in diff.findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def series_json(series: Series) -> str:
    """A series as one JSON document.

    Examples:
        >>> import json, govinfo_report as gr
        >>> reports = [gr.load(f"examples/county/{y}/justice.yaml") for y in (2023, 2024)]
        >>> json.loads(series_json(compare_series(reports)))["years"]
        [2023, 2024]
    """
    document = {
        "years": list(series.years),
        "cells": [
            {"id": i, "labels": list(labels), "values": [_json_number(v) for v in values]}
            for i, labels, values in series.cells
        ],
        "indicators": [
            {
                "key": ind.key,
                "name_zh": ind.name_zh,
                "values": [None if v is None else str(v) for v in values],
            }
            for ind, values in series.indicators
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_number(value: Number) -> int | str:
    return value if isinstance(value, int) else str(value)

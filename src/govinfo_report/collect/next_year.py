"""Next year's report from last year's, and a blank form.

The stock figures a format carries from one year to the next are data here, by column key: the
2021 format's 现行有效件数 (in force at the end of the year), the 2019 format's 上一年项目数量 (last
year's items plus its 本年增/减).
"""

from __future__ import annotations

from decimal import Decimal

from .. import taxonomy as tx
from ..errors import FieldValueError
from ..model import AnnualReport, Metadata, build_section
from ..taxonomy import CellKind, FormatVersion, Scope
from ._common import Number, derived_cells

__all__ = ["STOCK_CARRIED", "blank_report", "next_year"]

STOCK_CARRIED: dict[FormatVersion, dict[str, tuple[str, ...]]] = {
    FormatVersion.V2021: {"in_force": ("in_force",)},
    FormatVersion.V2019: {"prior_year_items": ("prior_year_items", "change")},
}
"""Per format, the section 二 columns carried into next year: column → last year's columns added.

Examples:
    >>> from govinfo_report.collect.next_year import STOCK_CARRIED
    >>> from govinfo_report.taxonomy import FormatVersion
    >>> STOCK_CARRIED[FormatVersion.V2019]
    {'prior_year_items': ('prior_year_items', 'change')}
"""

_SECTIONS = ("proactive_disclosure", "requests", "review_litigation")
_APPLICANTS = tuple(c.key for c in tx.REQUEST_COLUMNS if c.key != "total")


def _zeros(version: FormatVersion) -> dict[str, Number]:
    return {
        spec.id: Decimal(0) if spec.kind is CellKind.AMOUNT else 0
        for spec in tx.cell_specs(version)
        if spec.id not in derived_cells(version)
    }


def _version(year: int) -> FormatVersion:
    version = tx.version_for_year(year)
    if version is None:
        raise FieldValueError(
            "Metadata.year",
            f"{year} 年尚无全国统一格式（最早 {min(tx.FIRST_YEARS.values())} 年）",
            "no national format for that year",
            year,
        )
    return version


def _report(metadata: Metadata, values: dict[str, Number]) -> AnnualReport:
    version = metadata.format_version
    return AnnualReport(
        metadata=metadata,
        **{section: build_section(section, version, values) for section in _SECTIONS},
    )


def blank_report(agency: str, year: int, scope: Scope | str = Scope.AGENCY_ONLY) -> AnnualReport:
    """A blank report for ``agency`` and ``year`` in that year's format: every number 0.

    Examples:
        >>> blank_report("某县司法局", 2025).format_version.value
        '2021'
    """
    version = _version(year)
    metadata = Metadata(agency=agency, year=year, format_version=version, scope=scope)
    return _report(metadata, _zeros(version))


def next_year(previous: AnnualReport) -> AnnualReport:
    """Next year's report, prefilled from last year's.

    The year is last year's plus one and the format that year's; 上年结转 is last year's 结转下年度
    column by column; the stock figures of section 二 are carried where the format carries them;
    every other count is 0 and every narrative part empty. So that the table balances before it
    is filled in, 结转下年度 starts equal to 上年结转 (nothing concluded yet).

    Examples:
        >>> import govinfo_report as gr
        >>> last = gr.load("examples/city-2024.yaml")
        >>> form = next_year(last)
        >>> form.requests.carried_in == last.requests.carried_forward
        True
    """
    meta = previous.metadata
    year = meta.year + 1
    version = _version(year)
    values = _zeros(version)
    before = previous.values()
    for key in _APPLICANTS:
        carried = before[f"requests.carried_forward.{key}"]
        values[f"requests.carried_in.{key}"] = carried
        values[f"requests.carried_forward.{key}"] = carried
    carried_columns = STOCK_CARRIED[version] if previous.format_version is version else {}
    for table in tx.subtables(version):
        for row in table.rows:
            for column in table.columns:
                sources = carried_columns.get(column.key)
                if sources is None:
                    continue
                base = f"proactive_disclosure.{table.key}.{row.key}"
                total = sum(before[f"{base}.{source}"] for source in sources)
                values[f"{base}.{column.key}"] = max(0, total)
    metadata = Metadata(agency=meta.agency, year=year, format_version=version, scope=meta.scope)
    return _report(metadata, values)

"""Next year's report from last year's, and a blank form.

The stock figures a format carries from one year to the next are data here, by column key: the
2021 format's 现行有效件数 (in force at the end of the year), the 2019 format's 上一年项目数量 (last
year's items plus its 本年增/减).
"""

from __future__ import annotations

from .. import taxonomy as tx
from ..errors import FieldValueError
from ..model import AnnualReport, Metadata, from_values
from ..taxonomy import FormatVersion, Scope
from ._common import Number

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

_APPLICANTS = tx.APPLICANT_COLUMNS


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


def blank_report(agency: str, year: int, scope: Scope | str = Scope.AGENCY_ONLY) -> AnnualReport:
    """A blank report for ``agency`` and ``year`` in that year's format: every number 0.

    Examples:
        >>> blank_report("某县司法局", 2025).format_version.value
        '2021'
    """
    version = _version(year)
    metadata = Metadata(agency=agency, year=year, format_version=version, scope=scope)
    return from_values({}, metadata=metadata)


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
    values: dict[str, Number] = {}
    before = previous.values()
    for column in _APPLICANTS:
        carried = before[tx.cell_id("requests", "carried_forward", column)]
        values[tx.cell_id("requests", "carried_in", column)] = carried
        values[tx.cell_id("requests", "carried_forward", column)] = carried
    carried_columns = STOCK_CARRIED[version] if previous.format_version is version else {}
    for table in tx.subtables(version):
        for row in table.rows:
            for column in table.columns:
                sources = carried_columns.get(column.key)
                if sources is None:
                    continue
                total = sum(
                    before[tx.cell_id("proactive_disclosure", table, row, source)]
                    for source in sources
                )
                values[tx.cell_id("proactive_disclosure", table, row, column)] = max(0, total)
    metadata = Metadata(agency=meta.agency, year=year, format_version=version, scope=meta.scope)
    return from_values(values, metadata=metadata)

"""A whole report around tallied tables: section 二 and the narrative from a base, or blank."""

from __future__ import annotations

import attrs

from ..model import AnnualReport, Metadata, Requests, ReviewLitigation, from_values
from ..taxonomy import FormatVersion

__all__ = ["report_from_ledgers"]


def report_from_ledgers(
    agency: str,
    year: int,
    requests: Requests,
    cases: ReviewLitigation | None = None,
    *,
    base: AnnualReport | None = None,
) -> AnnualReport:
    """The report for ``year`` with tables 三 and 四 from the ledgers.

    Section 二, the preamble and the narrative come from ``base`` when given (its metadata is
    replaced by ``agency`` and ``year``); otherwise section 二 is zeros and the narrative empty,
    a blank form to fill in. Without ``cases`` table 四 is zeros (or the base's).

    Examples:
        >>> from govinfo_report.ledger import tally_requests
        >>> report = report_from_ledgers("某县司法局", 2024, tally_requests([], 2024))
        >>> report.title, report.requests.outcomes_total.total
        ('某县司法局2024年政府信息公开工作年度报告', 0)
    """
    version: FormatVersion = requests.format_version
    metadata = Metadata(agency=agency, year=year, format_version=version)
    if base is not None:
        if base.format_version is not version:
            raise ValueError(
                f"底稿是 {base.format_version} 版格式，台账按 {version} 版统计 / the base follows "
                f"the {base.format_version} format, the ledger was tallied for {version}"
            )
        return attrs.evolve(
            base,
            metadata=attrs.evolve(base.metadata, agency=agency, year=year, published=None),
            requests=requests,
            review_litigation=cases if cases is not None else base.review_litigation,
        )
    # Every count not given is 0 and the narrative empty: the blank form to fill in.
    blank = from_values({}, metadata=metadata)
    return attrs.evolve(
        blank,
        requests=requests,
        review_litigation=cases if cases is not None else blank.review_litigation,
    )

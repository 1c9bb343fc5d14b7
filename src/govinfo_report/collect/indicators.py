"""The rates people quote about a report, each defined once as data.

An indicator is a name (Chinese and English) and a formula: the cells of its numerator and of
its denominator, as cell ids or patterns over cell ids (``*`` stands for any run of keys, so
``requests.withheld.*.total`` is the 总计 of every 不予公开 row). Values are per cent with one
decimal, as reports print them; over a denominator of zero the value is ``None`` and shown "—".

Examples:
    >>> import govinfo_report as gr
    >>> report = gr.load("examples/city-2024.yaml")
    >>> rates = indicator_values(report)
    >>> str(rates["disclosure_rate"])
    '45.7'
    >>> show(None)
    '—'
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from .. import taxonomy as tx
from ..model import AnnualReport
from ._common import Number, sum_cells
from .narrate import percent

__all__ = ["INDICATORS", "Indicator", "indicator_values", "show"]


@attrs.frozen
class Indicator:
    """One rate: ``Σ numerator / Σ denominator`` in per cent.

    Examples:
        >>> INDICATORS[0].name_zh
        '公开率'
    """

    key: str
    name_zh: str
    name_en: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]

    def value(self, values: Mapping[str, Number]) -> Decimal | None:
        """The rate over a report's ``cell id → value`` mapping; None over zero cases."""
        top = sum((sum_cells(values, p) for p in self.numerator), start=0)
        bottom = sum((sum_cells(values, p) for p in self.denominator), start=0)
        return percent(top, bottom)

    @property
    def formula(self) -> str:
        """The formula as cell ids, for the docs."""
        return f"({' + '.join(self.numerator)}) / ({' + '.join(self.denominator)})"


_CONCLUDED = tx.known_cells("requests.outcomes_total.total")
_NEW = tx.known_cells("requests.new_requests.total")
_CASES = ("upheld", "corrected", "other_result")


def _case_correction(group: tx.Node, name_zh: str, name_en: str) -> Indicator:
    return Indicator(
        f"{group.key}_correction_rate",
        name_zh,
        name_en,
        tx.known_cells(tx.cell_id("review_litigation", group, "corrected")),
        tx.known_cells(*(tx.cell_id("review_litigation", group, c) for c in _CASES)),
    )


_GROUPS = {node.key: node for node, _ in tx.CASE_GROUPS}

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "disclosure_rate",
        "公开率",
        "Disclosure rate",
        tx.known_cells("requests.granted.total", "requests.partially_granted.total"),
        _CONCLUDED,
    ),
    Indicator(
        "withheld_rate", "不予公开率", "Withheld rate", ("requests.withheld.*.total",), _CONCLUDED
    ),
    Indicator(
        "unavailable_rate",
        "无法提供率",
        "Cannot-provide rate",
        ("requests.unavailable.*.total",),
        _CONCLUDED,
    ),
    Indicator(
        "not_processed_rate",
        "不予处理率",
        "Not-processed rate",
        ("requests.not_processed.*.total",),
        _CONCLUDED,
    ),
    Indicator(
        "carry_forward_rate",
        "结转率",
        "Carry-forward rate",
        tx.known_cells("requests.carried_forward.total"),
        tx.known_cells("requests.new_requests.total", "requests.carried_in.total"),
    ),
    _case_correction(_GROUPS["review"], "复议纠错率", "Review correction rate"),
    _case_correction(
        _GROUPS["litigation_direct"],
        "诉讼纠错率（未经复议直接起诉）",
        "Litigation correction rate (direct)",
    ),
    _case_correction(
        _GROUPS["litigation_after_review"],
        "诉讼纠错率（复议后起诉）",
        "Litigation correction rate (after review)",
    ),
    Indicator(
        "dispute_rate",
        "争议转化率",
        "Dispute rate",
        tx.known_cells(
            *(tx.cell_id("review_litigation", node, "total") for node, _ in tx.CASE_GROUPS)
        ),
        _NEW,
    ),
    *(
        Indicator(
            f"share_{column.key}",
            f"新收申请中{column.label}占比",
            f"Share of {column.english.lower()} in new requests",
            tx.known_cells(tx.cell_id("requests", "new_requests", column)),
            _NEW,
        )
        for column in tx.APPLICANT_COLUMNS
    ),
)
"""Every indicator, in the order reports quote them.

Examples:
    >>> from govinfo_report.collect.indicators import INDICATORS
    >>> [i.key for i in INDICATORS][:3]
    ['disclosure_rate', 'withheld_rate', 'unavailable_rate']
"""


def indicator_values(report: AnnualReport) -> dict[str, Decimal | None]:
    """Every indicator of a report by key: per cent with one decimal, None over zero cases.

    Examples:
        >>> import govinfo_report as gr
        >>> rates = indicator_values(gr.load("examples/county/2024/justice.yaml"))
        >>> rates["disclosure_rate"], rates["carry_forward_rate"]
        (Decimal('55.0'), Decimal('9.1'))
    """
    values = report.values()
    return {i.key: i.value(values) for i in INDICATORS}


def show(value: Decimal | None) -> str:
    """An indicator as printed: ``45.7%``, or ``—`` over zero cases.

    Examples:
        >>> show(Decimal("45.7")), show(None)
        ('45.7%', '—')
    """
    return "—" if value is None else f"{value}%"

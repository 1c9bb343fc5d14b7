"""Generated narrative: the paragraphs an office writes about its own numbers.

``narrate(report, previous=None)`` writes, in the official register, the 依申请公开 paragraph of
一、总体情况 (new requests with their applicant split, carried in, concluded with the main outcomes
and their shares, carried forward), a paragraph on 行政复议 and 行政诉讼, and with ``previous``
the year-on-year changes. Sentence templates are the data of :mod:`.texts`; numbers come from the
model only; labels from the taxonomy.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import attrs

from .. import taxonomy as tx
from ..model import AnnualReport, Overview
from ..narrative import prose_name
from . import texts
from ._common import Number, sum_cells

__all__ = ["Narrative", "fill", "narrate", "percent", "yoy"]

_ONE_PLACE = Decimal("0.1")


def percent(numerator: Number, denominator: Number) -> Decimal | None:
    """A share in per cent with one decimal, as reports print it; None over zero.

    Examples:
        >>> percent(1, 3)
        Decimal('33.3')
        >>> percent(1, 0) is None
        True
    """
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(_ONE_PLACE, ROUND_HALF_UP)


def yoy(what: str, previous: Number, current: Number) -> str:
    """A year-on-year phrase: 同比增长/下降 x%, 与上年持平, or 上年为0.

    Examples:
        >>> yoy("新收申请数量", 100, 112)
        '新收申请数量同比增长12.0%'
        >>> yoy("新收申请数量", 0, 5)
        '新收申请数量5件，上年为0'
    """
    if previous == current:
        return texts.CHANGE["same"].format(what=what)
    if not previous:
        return texts.CHANGE["from_zero"].format(what=what, current=current)
    difference: Number = current - previous
    change = percent(difference if difference >= 0 else -difference, previous)
    key = "up" if current > previous else "down"
    return texts.CHANGE[key].format(what=what, percent=change)


def _row_name(key: str) -> str:
    """The prose name of a top-level row of table 三 (up to 政府信息公开申请)."""
    label = next(n.label for n in tx.request_rows(tx.FormatVersion.V2021) if n.key == key)
    return label.split("、", 1)[-1].split("政府信息公开申请")[0]


@attrs.frozen
class Narrative:
    """The generated paragraphs.

    Attributes:
        on_request: the 依申请公开 paragraph of 一、总体情况.
        review_litigation: the paragraph on 行政复议 and 行政诉讼.
        changes: the year-on-year sentence (empty without a previous year).

    Examples:
        >>> Narrative("甲。", "乙。", "").text
        '甲。\\n乙。'
    """

    on_request: str
    review_litigation: str
    changes: str = ""

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The non-empty paragraphs, in order."""
        return tuple(p for p in (self.on_request, self.review_litigation, self.changes) if p)

    @property
    def text(self) -> str:
        """The paragraphs, one a line."""
        return "\n".join(self.paragraphs)


def _requests(report: AnnualReport, who: str) -> str:
    values = report.values()
    year = report.metadata.year
    new = values["requests.new_requests.total"]
    carried_in = values["requests.carried_in.total"]
    if not new and not carried_in:
        return texts.REQUESTS_NONE.format(year=year, who=who)
    if new:
        person = tx.REQUEST_COLUMNS[0]
        organization = sum(
            values[f"requests.new_requests.{c.key}"]
            for c in tx.REQUEST_COLUMNS
            if c.group == tx.TABLE3_ORGANIZATION_GROUP
        )
        head = texts.REQUESTS.format(
            year=year,
            who=who,
            new=new,
            person_label=person.label,
            person=values[f"requests.new_requests.{person.key}"],
            organization_label=tx.TABLE3_ORGANIZATION_GROUP,
            organization=organization,
            carried_in=carried_in,
        )
    else:
        head = texts.REQUESTS_ONLY_CARRIED.format(year=year, who=who, carried_in=carried_in)
    concluded = values["requests.outcomes_total.total"]
    parts = []
    groups: dict[str, Number] = {}
    for path in tx.outcome_leaves(report.format_version):
        name = prose_name(path[0].label)
        groups[name] = groups.get(name, 0) + values[f"requests.{tx.row_id(path)}.total"]
    for name, count in groups.items():
        share = percent(count, concluded)
        if count and share is not None:
            parts.append(texts.OUTCOME_SHARE.format(label=name, count=count, share=share))
        else:
            parts.append(texts.OUTCOME_PART.format(label=name, count=count))
    outcomes = texts.OUTCOMES.format(
        concluded=concluded,
        parts=("，其中" + "；".join(parts)) if concluded else "",
        carried_forward=values["requests.carried_forward.total"],
    )
    return head + outcomes


def _cases(report: AnnualReport, who: str) -> str:
    rl = report.review_litigation
    review = rl.review.total
    litigation = rl.litigation_total
    columns = {c.key: c.label for c in tx.CASE_COLUMNS}
    fields = {
        "year": report.metadata.year,
        "who": who,
        "review": review,
        "litigation": litigation,
        "review_label": tx.CASE_GROUPS[0][0].label + "中",
        "upheld_label": columns["upheld"],
        "corrected_label": columns["corrected"],
        "review_upheld": rl.review.upheld,
        "review_corrected": rl.review.corrected,
    }
    if review and litigation:
        template = texts.REVIEW_LITIGATION
    elif review:
        template = texts.REVIEW_ONLY
    elif litigation:
        template = texts.LITIGATION_ONLY
    else:
        template = texts.REVIEW_LITIGATION_NONE
    return template.format(**fields)


def _changes(report: AnnualReport, previous: AnnualReport) -> str:
    now, before = report.values(), previous.values()
    phrases = []
    for key, cell in (
        ("new_requests", "requests.new_requests.total"),
        ("carried_forward", "requests.carried_forward.total"),
    ):
        phrases.append(yoy(_row_name(key) + "申请数量", sum_cells(before, cell), now[cell]))
    review = tx.CASE_GROUPS[0][0].label
    phrases.append(
        yoy(
            review + "案件数量",
            previous.review_litigation.review.total,
            report.review_litigation.review.total,
        )
    )
    return "与上年相比，" + "；".join(phrases) + "。"


def narrate(report: AnnualReport, previous: AnnualReport | None = None) -> Narrative:
    """The paragraphs an office writes about its own numbers, from the report's cells.

    Args:
        report: the report to describe.
        previous: last year's report of the same body, for the 同比 sentence.

    Examples:
        >>> import govinfo_report as gr
        >>> text = narrate(gr.load("examples/county/2024/justice.yaml")).on_request
        >>> text[:22]
        '2024年，本机关新收政府信息公开申请21件'
    """
    who = texts.SUBJECTS[report.metadata.scope]
    changes = _changes(report, previous) if previous is not None else ""
    return Narrative(_requests(report, who), _cases(report, who), changes)


def fill(report: AnnualReport, narrative: Narrative | None = None) -> AnnualReport:
    """The report with the generated paragraphs written into 一、（二）依申请公开 if it is empty.

    Examples:
        >>> import govinfo_report as gr
        >>> blank = gr.load("examples/county/2024/justice.yaml")
        >>> fill(blank).overview.on_request == narrate(blank).text or bool(blank.overview.on_request)
        True
    """
    if report.overview.on_request:
        return report
    narrative = narrative or narrate(report)
    overview: Overview = attrs.evolve(report.overview, on_request=narrative.text)
    return attrs.evolve(report, overview=overview)

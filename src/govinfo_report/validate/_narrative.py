"""Narrative checks: sections 一/五/六 present and meaningful, and the text agreeing with the tables.

Numbers are read from the text with patterns of the wording real reports use (FORMAT.md §3 rule
7, PEERS.md §3 F): 收到/受理/新收…申请N件, 上年结转N件, 结转下年度N件 or N件顺延, 办结/答复N件,
group sums such as 不予公开N件 (the group names come from the taxonomy), 行政复议N件, 行政诉讼N件,
N件，占X%. Every statement found is checked, not only the first, and a statement is skipped when
its clause compares with last year (同比, 较上年...) or describes a part (其中...本级).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

import attrs

from .. import taxonomy as tx
from ..accept import FULLWIDTH
from ..catalog import (
    FEE_AMOUNT,
    FEE_NOTICE,
    FEE_UNREPORTED,
    SECTION5_TRIVIAL,
    SECTION_EMPTY,
    TEXT_ALL_CLOSED,
    TEXT_CARRYOVER,
    TEXT_CASES,
    TEXT_NO_CASES,
    TEXT_OUTCOMES,
    TEXT_PERCENT,
    TEXT_REQUESTS,
    TEXT_SEVERED,
    TEXT_WITHDRAWN,
    TEXT_ZERO_REPORT,
    Rule,
)
from ..findings import Finding, SourceRef, make_finding
from ..narrative import FEE_WORD, ORDINALS, stated_fees
from ..taxonomy import FormatVersion
from ._common import figure as _figure
from ._common import section_labels
from ._subject import Number, Subject

__all__ = [
    "FEE_RULES",
    "NARRATIVE_SECTION_RULES",
    "TEXT_RULES",
    "fee_findings",
    "narrative_section_findings",
    "text_findings",
]

NARRATIVE_SECTION_RULES: tuple[Rule, ...] = (SECTION_EMPTY, SECTION5_TRIVIAL)
"""The rules :func:`narrative_section_findings` emits."""

TEXT_RULES: tuple[Rule, ...] = (
    TEXT_ZERO_REPORT,
    TEXT_NO_CASES,
    TEXT_REQUESTS,
    TEXT_CARRYOVER,
    TEXT_OUTCOMES,
    TEXT_CASES,
    TEXT_PERCENT,
    TEXT_ALL_CLOSED,
    TEXT_SEVERED,
    TEXT_WITHDRAWN,
)
"""The rules :func:`text_findings` emits."""

FEE_RULES: tuple[Rule, ...] = (FEE_NOTICE, FEE_AMOUNT, FEE_UNREPORTED)
"""The rules :func:`fee_findings` emits."""

_SPACE = re.compile(r"\s+")
_NUM = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)"
_GAP = r"[^，,。；;！？\d%]"
_CLAUSE_ENDS = re.compile(r"[，,。；;！!？?]")
_COMPARISON = re.compile(r"去年|同比|较上年|比上年|上一?年(?!度?的?结转)|较\d{4}年|环比")
_PART = re.compile(r"其中|本级")

_TRIVIAL = {"无", "无。", "暂无", "暂无。", "没有", "没有。", "无问题", "/", "—"}
_MIN_SECTION5 = 10


_FULLWIDTH_CHARS = re.compile("[" + "".join(map(chr, FULLWIDTH)) + "]")


def _normalise(text: str) -> str:
    if _FULLWIDTH_CHARS.search(text):
        text = text.translate(FULLWIDTH)
    return _SPACE.sub("", text)


class _Text:
    """One narrative text, normalised, with its clause boundaries."""

    __slots__ = ("ends", "key", "source", "text")

    def __init__(self, key: str, text: str, source: SourceRef | None) -> None:
        self.key = key
        self.text = _normalise(text)
        self.source = source
        self.ends = [m.start() for m in _CLAUSE_ENDS.finditer(self.text)]

    def clause(self, position: int) -> str:
        """The clause (between commas or stops) around ``position``."""
        i = bisect.bisect_right(self.ends, position)
        start = self.ends[i - 1] + 1 if i > 0 else 0
        end = self.ends[i] if i < len(self.ends) else len(self.text)
        return self.text[start:end]

    def quote(self, match: re.Match[str]) -> str:
        """The clause(s) holding a match, or the match alone when they are long."""
        i = bisect.bisect_right(self.ends, match.start())
        start = self.ends[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self.ends, match.end())
        end = self.ends[j] if j < len(self.ends) else len(self.text)
        if end - start <= _QUOTE_MAX:
            return self.text[start:end]
        return _quote(match)


def _int(text: str) -> int:
    return int(text.replace(",", ""))


_QUOTE_MAX = 40


def _quote(match: re.Match[str]) -> str:
    return _clip(match.group(0))


def _clip(text: str) -> str:
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 3] + "…"


def _texts(subject: Subject) -> list[_Text]:
    order = ("preamble", "overview", "problems_improvements", "other_matters")
    return [
        _Text(key, subject.texts[key], subject.section_sources.get(key))
        for key in order
        if subject.texts.get(key)
    ]


# --- sections 一, 五, 六 -----------------------------------------------------------------------


def narrative_section_findings(subject: Subject) -> list[Finding]:
    """Sections 一 and 六 empty; section 五 empty, "无" or under 10 characters."""
    found: list[Finding] = []
    version = subject.version
    for key in ("overview", "other_matters"):
        if key in subject.texts and not subject.texts[key].strip():
            found.append(
                make_finding(
                    SECTION_EMPTY,
                    path=key,
                    labels=section_labels(version, key),
                    source=subject.section_sources.get(key),
                )
            )
    key = "problems_improvements"
    if key in subject.texts:
        text = subject.texts[key].strip()
        core = _SPACE.sub("", text)
        # The sub-headings alone ("（一）存在的主要问题" ...) say nothing.
        for node in tx.NARRATIVE_PARTS[key]:
            core = core.replace(node.label, "")
        core = re.sub(rf"[：:。.，,、；;（）(){ORDINALS}\d]", "", core)
        if text in _TRIVIAL or core in _TRIVIAL or len(core) < _MIN_SECTION5:
            shown = _clip(_SPACE.sub(" ", text))
            found.append(
                make_finding(
                    SECTION5_TRIVIAL,
                    path=key,
                    labels=section_labels(version, key),
                    actual=shown,
                    source=subject.section_sources.get(key),
                    text=shown or "（空）",
                )
            )
    return found


# --- the text against the tables ------------------------------------------------------------


@cache
def _groups(version: FormatVersion) -> dict[str, tuple[str, ...]]:
    """Prose name of each outcome group → the 总计 cells that add up to it."""
    groups: dict[str, list[str]] = {}
    for path in tx.outcome_leaves(version):
        name = path[0].prose_name
        groups.setdefault(name, []).append(tx.cell_id("requests", path, "total"))
    return {name: tuple(cells) for name, cells in groups.items()}


@cache
def _group_places(version: FormatVersion) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Prose name of each outcome group → its location (row group or 总计 cell) and labels."""
    places: dict[str, tuple[str, tuple[str, ...]]] = {}
    specs = tx.cell_index(version)
    for path in tx.outcome_leaves(version):
        head = path[0]
        name = head.prose_name
        if name in places:
            continue
        if head.is_leaf:
            cell = tx.cell_id("requests", head, "total")
            places[name] = (cell, specs[cell].labels)
        else:
            places[name] = (tx.cell_id("requests", head), (head.label,))
    return places


_APPLICANTS = tuple(c.key for c in tx.APPLICANT_COLUMNS)


def _total(subject: Subject, cells: tuple[str, ...]) -> Number | None:
    """The sum of cells read as numbers; ``None`` if a cell is absent.

    A table 三 总计 left blank is read as the sum of its row's applicant columns (reports that
    leave 总计 blank still mean it); other blanks count as 0.
    """
    total: Number = 0
    values = subject.values
    for cell in cells:
        if cell not in values:
            return None
        value = values[cell]
        if value is None and cell.startswith("requests.") and cell.endswith(".total"):
            row = cell[: -len("total")]
            value = sum(subject.number(row + key) for key in _APPLICANTS)
        total += value or 0
    return total


# Cells the narrative rules read by name, checked against the taxonomy at import.
_NEW, _IN, _OUT, _FWD, _SEVERED_CELL, _REVIEW = tx.known_cells(
    "requests.new_requests.total",
    "requests.carried_in.total",
    "requests.outcomes_total.total",
    "requests.carried_forward.total",
    "requests.partially_granted.total",
    "review_litigation.review.total",
)
_LITIGATION = tx.known_cells(
    "review_litigation.litigation_direct.total",
    "review_litigation.litigation_after_review.total",
)
# Withdrawn requests are counted under 其他处理: its row 3. 其他 in 2021, the whole row in 2019.
_WITHDRAWN_CELL = {
    FormatVersion.V2021: tx.known_cells(
        "requests.other_handling.other.total", version=FormatVersion.V2021
    )[0],
    FormatVersion.V2019: tx.known_cells(
        "requests.other_handling.total", version=FormatVersion.V2019
    )[0],
}

# The names messages use for rows and groups, from the taxonomy's labels: a row of table 三 by
# its label up to 政府信息公开申请 ("一、本年新收"), its number alone ("一") in sums.
_ROWS = {node.key: node.label for node in tx.request_rows(FormatVersion.V2021)}
_NEW_ZH = _ROWS["new_requests"].split("政府信息公开申请")[0]
_IN_ZH = _ROWS["carried_in"].split("政府信息公开申请")[0]
_OUT_ZH = _ROWS["outcomes_total"]
_FWD_ZH = _ROWS["carried_forward"]
_BOTH_ZH = f"{_NEW_ZH.split('、')[0]}+{_IN_ZH.split('、')[0]}"  # 一+二
_CASE_GROUPS = {node.key: (node.label, parent) for node, parent in tx.CASE_GROUPS}
_REVIEW_ZH = _CASE_GROUPS["review"][0]
_DIRECT_ZH = _CASE_GROUPS["litigation_direct"][0]
_LITIGATION_ZH = str(_CASE_GROUPS["litigation_direct"][1])  # the spanning header 行政诉讼
_AFTER_ZH = _CASE_GROUPS["litigation_after_review"][0]
_TOTAL_ZH = tx.CASE_COLUMNS[-1].label


class _Emitter:
    """Builds the findings of the text rules with a common shape."""

    def __init__(self, subject: Subject) -> None:
        self.subject = subject
        self.specs = tx.cell_index(subject.version)
        self.zero = _table3_zero(subject)
        self.found: list[Finding] = []

    def emit(
        self,
        rule: Rule,
        text: _Text,
        match: re.Match[str],
        cell: str,
        *,
        expected: Number | None,
        actual: Number | None,
        related: tuple[str, ...] = (),
        labels: tuple[str, ...] | None = None,
        variant: str | None = None,
        **params: Any,
    ) -> None:
        spec = self.specs.get(cell)
        if labels is None:
            labels = spec.labels if spec else (cell,)
        self.found.append(
            make_finding(
                rule,
                path=cell,
                labels=labels,
                expected=expected,
                actual=actual,
                related=related,
                source=text.source,
                quote=text.quote(match),
                variant=variant,
                **params,
            )
        )

    def mismatch(
        self,
        rule: Rule,
        text: _Text,
        match: re.Match[str],
        cell: str,
        *,
        expected: Number,
        actual: int,
        related: tuple[str, ...],
        labels: tuple[str, ...] | None = None,
        zero_report: bool = True,
        **message: Any,
    ) -> None:
        """A number the text states that the table does not hold: a finding of ``rule``, or
        ``text-zero-report`` when table 三 is all zero and the text states some (unless not
        ``zero_report``)."""
        if zero_report and self.zero and actual > 0:
            rule, message = TEXT_ZERO_REPORT, {}
        self.emit(
            rule,
            text,
            match,
            cell,
            expected=expected,
            actual=actual,
            related=related,
            labels=labels,
            **message,
        )


def _table3_zero(subject: Subject) -> bool:
    return all(
        not subject.values.get(spec.id)
        for spec in tx.cell_specs(subject.version)
        if spec.section == "requests"
    )


# --- requests received (收到…申请N件) ---

_REQ = re.compile(
    rf"(?P<kw>新收到?|新受理|收到|受理|接收|接到)(?P<mid>{_GAP}{{0,20}}?)申请{_GAP}{{0,6}}?{_NUM}"
    r"(?:件|个|宗|份)"
)
_WITH_CARRIED = re.compile(r"含上一?年|包括上一?年|连同上一?年")
_WITH_CARRIED_AFTER = re.compile(r"[（(](?:含|包括|连同)上一?年")
_REQ_EXCLUDE = re.compile(r"复议|诉讼|补正|撤回|延期|举报|投诉|信访|咨询")


@attrs.frozen
class _Reading:
    """How a number of requests received is read, and what a mismatch says.

    ``accepts``: the figures it may equal (``new`` = 一, ``both`` = 一 + 二); ``expected``: the
    figure the finding expects; ``variant``: the message, and ``variant_if_other`` the message
    when the number equals the figure of the other reading.
    """

    accepts: tuple[str, ...]
    expected: str
    variant: str | None
    variant_if_other: str | None


# 新收 means row 一 alone, 含上年结转 means 一 + 二, plain 收到/受理 either.
_READINGS = {
    "new": _Reading(("new",), "new", "new", "new-is-both"),
    "both": _Reading(("both",), "both", "both", "both-is-new"),
    "either": _Reading(("new", "both"), "new", None, None),
}


def _reading(text: _Text, m: re.Match[str]) -> _Reading:
    if m.group("kw").startswith("新"):
        return _READINGS["new"]
    if _WITH_CARRIED.search(text.clause(m.start())) or _WITH_CARRIED_AFTER.match(
        text.text, m.end()
    ):
        return _READINGS["both"]
    return _READINGS["either"]


def _not_the_years_requests(text: _Text, m: re.Match[str]) -> bool:
    """Requests of another kind (复议, 补正…), compared with last year, a part, or negated."""
    clause = text.clause(m.start())
    before = text.text[max(0, m.start() - 2) : m.start()]
    return bool(
        _REQ_EXCLUDE.search(m.group("mid"))
        or _COMPARISON.search(clause)
        or _PART.search(clause)
        or any(neg in before for neg in ("未", "没有", "无"))
    )


def _requests(out: _Emitter, text: _Text) -> None:
    subject = out.subject
    new, carried = _total(subject, (_NEW,)), _total(subject, (_IN,))
    if new is None:
        return
    figures = {"new": new, "both": new + (carried or 0)}
    for m in _REQ.finditer(text.text):
        if _not_the_years_requests(text, m):
            continue
        n = _int(m.group("n"))
        if out.zero and n > 0:
            out.emit(TEXT_ZERO_REPORT, text, m, _NEW, expected=0, actual=n)
            continue
        reading = _reading(text, m)
        fits = {name for name, figure in figures.items() if figure == n}
        if not fits.isdisjoint(reading.accepts):
            continue
        out.emit(
            TEXT_REQUESTS,
            text,
            m,
            _NEW,
            expected=figures[reading.expected],
            actual=n,
            related=(_IN,),
            variant=reading.variant_if_other if fits else reading.variant,
            new_row=_NEW_ZH,
            both_rows=_BOTH_ZH,
            new=_figure(figures["new"]),
            both=_figure(figures["both"]),
        )


# --- a number stated for one figure of the table (上年结转N件, 办结N件…) ---


def _before(text: _Text, match: re.Match[str]) -> str:
    """The part of the match's clause before the match."""
    clause_start = max((text.text.rfind(c, 0, match.start()) for c in "，,。；;！!？?"), default=-1)
    return text.text[clause_start + 1 : match.start()]


@attrs.frozen
class _Stated:
    """A number the text states for a figure of table 三, which must equal it.

    Attributes:
        pattern: the wording, the number in group ``n`` (or ``n2``).
        rule: the rule a mismatch breaks.
        cells: the cells whose sum is the figure (the first is the finding's place).
        row, row_en: how the message names the figure.
        zero_report: whether a number stated against an all-zero table 三 is ``text-zero-report``.
        in_part: whether the number counts even in a clause about a part (其中, 本级).
        exclude_before: wording before the match in its clause that makes it a part.
    """

    pattern: re.Pattern[str]
    rule: Rule
    cells: tuple[str, ...]
    row: str
    row_en: str
    zero_report: bool = False
    in_part: bool = False
    exclude_before: re.Pattern[str] | None = None

    def __call__(self, out: _Emitter, text: _Text) -> None:
        expected = _total(out.subject, self.cells)
        if expected is None:
            return
        for m in self.pattern.finditer(text.text):
            value = m.group("n") or (m.group("n2") if "n2" in self.pattern.groupindex else None)
            if value is None or self._aside(text, m):
                continue
            n = _int(value)
            if n == expected:
                continue
            out.mismatch(
                self.rule,
                text,
                m,
                self.cells[0],
                expected=expected,
                actual=n,
                related=self.cells[1:],
                zero_report=self.zero_report,
                row=self.row,
                row_en=self.row_en,
                total=_figure(expected),
            )

    def _aside(self, text: _Text, m: re.Match[str]) -> bool:
        clause = text.clause(m.start())
        return bool(
            _COMPARISON.search(clause)
            or (_PART.search(clause) and not self.in_part)
            or (self.exclude_before is not None and self.exclude_before.search(_before(text, m)))
        )


_CARRIED_IN = _Stated(
    re.compile(rf"上一?年度?的?结转的?{_GAP}{{0,10}}?{_NUM}(?:件|个|宗|(?=[）)，,。；;、]|$))"),
    TEXT_CARRYOVER,
    (_IN,),
    _IN_ZH,
    "row 二 (carried in)",
    in_part=True,
)
_CARRIED_FORWARD = _Stated(
    re.compile(
        rf"结转(?:至|到)?下一?年度?{_GAP}{{0,8}}?{_NUM}(?:件|个|宗)"
        rf"|{_NUM.replace('<n>', '<n2>')}(?:件|个|宗)(?:申请)?[^，,。；;！？\d%上（(]{{0,6}}?"
        r"(?:结转|顺延)"
    ),
    TEXT_CARRYOVER,
    (_FWD,),
    _FWD_ZH,
    "row 四 (carried forward)",
    in_part=True,
)
_CONCLUDED = _Stated(
    re.compile(
        rf"(?P<kw>办结|答复|办理完毕|作出答复|完成答复){_GAP}{{0,10}}?{_NUM}(?:件|(?=（|\())"
    ),
    TEXT_OUTCOMES,
    (_OUT,),
    _OUT_ZH,
    "total outcomes (七)",
    zero_report=True,
    # 办结/答复 qualified by an outcome (不予公开答复N件, 同意公开答复N件, 转下一年度办理答复N件)
    # is a part, not the total of concluded requests.
    exclude_before=re.compile(r"公开|不予|无法|转|延|顺延|结转|告知|补正|其他|处理|中"),
)
_SEVERED = _Stated(
    re.compile(rf"区分处理{_GAP}{{0,10}}?{_NUM}(?:件|个)"),
    TEXT_SEVERED,
    (_SEVERED_CELL,),
    "（二）部分公开 总计",
    "the partially-granted total",
)


# --- outcome groups (不予公开N件, 予以公开及部分公开N件…) ---


@cache
def _group_pattern(version: FormatVersion) -> re.Pattern[str]:
    names = sorted(_groups(version), key=len, reverse=True)
    alts = "|".join(map(re.escape, names))
    return re.compile(
        rf"(?P<labels>(?:{alts})(?:(?:及|和|、|与|以及|加)(?:{alts}))*){_GAP}{{0,8}}?{_NUM}"
        r"(?:件|个|宗)"
    )


def _outcome_groups(out: _Emitter, text: _Text) -> None:
    subject = out.subject
    groups = _groups(subject.version)
    for m in _group_pattern(subject.version).finditer(text.text):
        clause = text.clause(m.start())
        if _COMPARISON.search(clause):
            continue
        names = [g for g in re.split(r"及|和|、|与|以及|加", m.group("labels")) if g in groups]
        cells = tuple(cell for name in dict.fromkeys(names) for cell in groups[name])
        expected = _total(subject, cells)
        if expected is None:
            continue
        n = _int(m.group("n"))
        if n == expected:
            continue
        place, labels = _group_places(subject.version)[names[0]]
        out.mismatch(
            TEXT_OUTCOMES,
            text,
            m,
            place,
            expected=expected,
            actual=n,
            related=cells,
            labels=labels,
            variant="groups",
            groups="、".join(dict.fromkeys(names)),
            total=_figure(expected),
        )


# --- table 四: administrative review and litigation ---

_CASES_BOTH = re.compile(
    rf"行政复议(?:和|及|、|与|或|以及)行政诉讼{_GAP}{{0,8}}?{_NUM}(?:件|起|宗|个)"
)
_CASES = re.compile(rf"(?P<kind>行政复议|行政诉讼)(?P<gap>{_GAP}{{0,8}}?){_NUM}(?:件|起|宗|个)")
_CASES_PART = re.compile(r"纠错|纠正|败诉|胜诉|维持|撤销|确认违法|审结|判决|结案|复议后|直接起诉")


@attrs.frozen
class _Cases:
    """Review or litigation as table 四 counts it, and how the messages name it.

    ``stated`` and ``none`` are the message variant and its table names for a number of cases
    stated (``text-cases``) and for a statement that there were none (``text-no-cases``).
    """

    cells: tuple[str, ...]
    stated: tuple[str | None, Mapping[str, Any]]
    none: tuple[str | None, Mapping[str, Any]]


_REVIEW_CASES = _Cases(
    (_REVIEW,),
    (None, {"review": _REVIEW_ZH + _TOTAL_ZH}),
    (None, {"review": _REVIEW_ZH + _TOTAL_ZH}),
)
_LITIGATION_CASES = _Cases(
    _LITIGATION,
    ("litigation", {"direct": _DIRECT_ZH + _TOTAL_ZH, "after_review": _AFTER_ZH + _TOTAL_ZH}),
    ("litigation", {"litigation": _LITIGATION_ZH, "direct": _DIRECT_ZH, "after_review": _AFTER_ZH}),
)


def _emit_cases(
    out: _Emitter,
    rule: Rule,
    text: _Text,
    m: re.Match[str],
    kind: _Cases,
    *,
    expected: Number,
    actual: Number,
    figure: Number,
) -> None:
    """A ``text-cases`` or ``text-no-cases`` finding; ``figure`` is what table 四 counts."""
    variant, names = kind.stated if rule is TEXT_CASES else kind.none
    out.emit(
        rule,
        text,
        m,
        kind.cells[0],
        expected=expected,
        actual=actual,
        related=kind.cells[1:],
        variant=variant,
        total=_figure(figure),
        **names,
    )


def _cases(out: _Emitter, text: _Text) -> None:
    subject = out.subject
    review = _total(subject, _REVIEW_CASES.cells)
    litigation = _total(subject, _LITIGATION_CASES.cells)
    body = text.text
    for m in _CASES_BOTH.finditer(body):
        if review is None or litigation is None or _COMPARISON.search(text.clause(m.start())):
            continue
        n = _int(m.group("n"))
        if n != review + litigation:
            out.emit(
                TEXT_CASES,
                text,
                m,
                _REVIEW,
                expected=review + litigation,
                actual=n,
                related=_LITIGATION,
                variant="both",
                review=_REVIEW_ZH,
                litigation=_LITIGATION_ZH,
                total=_figure(review + litigation),
            )
        body = body[: m.start()] + "□" * (m.end() - m.start()) + body[m.end() :]
    for m in _CASES.finditer(body):
        if _CASES_PART.search(m.group("gap")) or "诉讼" in m.group("gap"):
            continue
        clause = text.clause(m.start())
        if _COMPARISON.search(clause) or _CASES_PART.search(clause):
            continue
        n = _int(m.group("n"))
        kind, figure = (
            (_REVIEW_CASES, review)
            if m.group("kind") == "行政复议"
            else (_LITIGATION_CASES, litigation)
        )
        if figure is not None and n != figure:
            _emit_cases(out, TEXT_CASES, text, m, kind, expected=figure, actual=n, figure=figure)


_NO_CASES = re.compile(
    r"(?:未(?!经)|没有|无(?!法|正当)|尚未(?!审结)|不存在)"
    r"(?:发生|出现|收到|涉及|被提起|被申请|提起|产生)?[^，,。；;\d]{0,16}?(?:行政复议|行政诉讼)"
)
_NO_CASES_EXCLUDE = re.compile(r"纠错|纠正|败诉|撤销|确认违法|审结|判决|结案|维持")


def _no_cases(out: _Emitter, text: _Text) -> None:
    subject = out.subject
    for m in _NO_CASES.finditer(text.text):
        clause = text.clause(m.start())
        if _NO_CASES_EXCLUDE.search(clause) or _COMPARISON.search(clause):
            continue
        tail = text.text[m.start() : m.start() + len(clause) + 1]
        said = (
            (_REVIEW_CASES, "复议" in m.group(0) or "行政复议" in tail),
            (_LITIGATION_CASES, "诉讼" in tail),
        )
        for kind, denied in said:
            figure = _total(subject, kind.cells) if denied else None
            if figure:
                _emit_cases(
                    out, TEXT_NO_CASES, text, m, kind, expected=0, actual=figure, figure=figure
                )


# --- statements that there were no requests, or that all were concluded ---

_ZERO_REQ = re.compile(
    r"(?:未|没有|无|尚未)(?:收到|受理|接到|接收|新收|发生)[^，,。；;]{0,24}?申请"
    rf"|依申请公开{_GAP}{{0,4}}?(?:为)?(?:0|零)件"
)


def _zero_requests(out: _Emitter, text: _Text) -> None:
    subject = out.subject
    for m in _ZERO_REQ.finditer(text.text):
        if "复议" in m.group(0) or "诉讼" in m.group(0):
            continue
        if _COMPARISON.search(text.clause(m.start())):
            continue
        new = _total(subject, (_NEW,))
        if new is not None and new != 0:
            out.emit(
                TEXT_ZERO_REPORT,
                text,
                m,
                _NEW,
                expected=0,
                actual=new,
                variant="new-requests",
                row=_NEW_ZH,
                total=_figure(new),
            )
        elif new == 0 and not subject.number(_IN):
            _nonzero_cells(out, text, m)


def _nonzero_cells(out: _Emitter, text: _Text, m: re.Match[str]) -> None:
    """No new and no carried-over requests, yet cells of table 三 are not zero."""
    subject = out.subject
    nonzero = [
        spec
        for spec in tx.cell_specs(subject.version)
        if spec.section == "requests" and subject.values.get(spec.id)
    ]
    if nonzero:
        first = nonzero[0]
        out.emit(
            TEXT_ZERO_REPORT,
            text,
            m,
            first.id,
            expected=0,
            actual=subject.values.get(first.id),
            variant="nonzero-cells",
            count=len(nonzero),
            example=first.label,
            example_value=_figure(subject.values.get(first.id)),
        )


_ALL_CLOSED = re.compile(
    r"(?:所有|全部)[^，,。；;\d]{0,12}?申请[^，,。；;\d]{0,6}?(?:均已|已全部|全部|均)"
    r"(?:按时|按期|依法)?(?:办结|答复完毕|办理完毕)|(?:均已|已全部)办结|无结转"
)


def _all_closed(out: _Emitter, text: _Text) -> None:
    forward = _total(out.subject, (_FWD,))
    if not forward:
        return
    for m in _ALL_CLOSED.finditer(text.text):
        clause = text.clause(m.start())
        if "复议" in clause or "诉讼" in clause or _COMPARISON.search(clause):
            continue
        out.emit(
            TEXT_ALL_CLOSED,
            text,
            m,
            _FWD,
            expected=0,
            actual=forward,
            row=_FWD_ZH,
            total=_figure(forward),
        )


# --- withdrawn requests, percentages ---

_WITHDRAWN = re.compile(rf"(?:撤回|撤件|撤销申请){_GAP}{{0,6}}?{_NUM}(?:件|例|个)")


def _withdrawn(out: _Emitter, text: _Text) -> None:
    subject = out.subject
    cell = _WITHDRAWN_CELL[subject.version]
    value = _total(subject, (cell,))
    if value is None:
        return
    label = tx.cell_index(subject.version)[cell].label
    for m in _WITHDRAWN.finditer(text.text):
        n = _int(m.group("n"))
        if n > value and not _COMPARISON.search(text.clause(m.start())):
            out.emit(
                TEXT_WITHDRAWN,
                text,
                m,
                cell,
                expected=n,
                actual=value,
                row=label,
                total=_figure(value),
            )


_PERCENT = re.compile(rf"{_NUM}(?:件|个)[，,、]?约?占比?{_GAP}{{0,10}}?(?P<p>\d+(?:\.\d+)?)%")
_PERCENT_EXCLUDE = re.compile(r"复议|诉讼|纠错|纠正|条|篇")


def _matches_percent(n: int, denominator: Number, printed: str) -> bool:
    places = len(printed.split(".", 1)[1]) if "." in printed else 0
    actual = Decimal(n) * 100 / Decimal(denominator)
    stated = Decimal(printed)
    unit = Decimal(1).scaleb(-places)
    # Rounded or truncated to the printed precision.
    return abs(actual - stated) <= unit / 2 or stated <= actual < stated + unit


def _percent(out: _Emitter, text: _Text) -> None:
    subject = out.subject
    out_total = _total(subject, (_OUT,))
    new = _total(subject, (_NEW,))
    carried = _total(subject, (_IN,))
    bases: list[tuple[str, str, Number]] = []
    if out_total:
        bases.append((_OUT_ZH, "total outcomes (七)", out_total))
    if new:
        bases.append((_NEW_ZH, "new requests (一)", new))
        if carried:
            bases.append((_BOTH_ZH, f"rows {_BOTH_ZH}", new + carried))
    if not bases:
        return
    for m in _PERCENT.finditer(text.text):
        clause = text.clause(m.start())
        if _PERCENT_EXCLUDE.search(clause) or _COMPARISON.search(clause):
            continue
        n = _int(m.group("n"))
        printed = m.group("p")
        if any(_matches_percent(n, base, printed) for _, _, base in bases):
            continue
        name_zh, name_en, base = bases[0]
        share = (Decimal(n) * 100 / Decimal(base)).quantize(Decimal("0.1"))
        out.emit(
            TEXT_PERCENT,
            text,
            m,
            _OUT if name_zh == _OUT_ZH else _NEW,
            expected=share,
            actual=Decimal(printed),
            count=n,
            base=name_zh,
            base_en=name_en,
            base_total=_figure(base),
            share=share,
        )


# --- the checks, each run on a text that holds one of its words ---

_TEXT_CHECKS: tuple[tuple[tuple[str, ...], Callable[[_Emitter, _Text], None]], ...] = (
    (("申请",), _requests),
    (("申请",), _zero_requests),
    (("复议", "诉讼"), _no_cases),
    (("结转",), _CARRIED_IN),
    (("结转", "顺延"), _CARRIED_FORWARD),
    (("办结", "答复", "办理完毕"), _CONCLUDED),
    (("办结", "答复", "办理完毕", "无结转"), _all_closed),
    (("公开", "处理", "提供"), _outcome_groups),
    (("复议", "诉讼"), _cases),
    (("区分处理",), _SEVERED),
    (("撤",), _withdrawn),
    (("%",), _percent),
)


def text_findings(subject: Subject) -> list[Finding]:
    """Numbers and statements in the narrative checked against tables 三 and 四."""
    texts = _texts(subject)
    if not texts:
        return []
    out = _Emitter(subject)
    for text in texts:
        body = text.text
        for words, check in _TEXT_CHECKS:
            for word in words:  # (a plain loop: the cheapest test on every text of every report)
                if word in body:
                    check(out, text)
                    break
    return out.found


# --- 信息处理费 ----------------------------------------------------------------------------

_FEE_UNPAID = "requests.other_handling.fee_unpaid.total"


def fee_findings(subject: Subject) -> list[Finding]:
    """The 信息处理费: reported in section 六 when （六）2 > 0, and stated consistently.

    Keyed on row （六）2 (逾期未按收费通知要求缴纳费用) and section 六, never on table 二's
    行政事业性收费, which is a different fee.
    """
    found: list[Finding] = []
    version = subject.version
    raw = subject.texts.get("other_matters")
    if raw is None and "other_matters" not in subject.sections:
        return found
    text = _Text("other_matters", raw or "", subject.section_sources.get("other_matters"))
    mentions = FEE_WORD in text.text
    recorded = subject.fee_yuan
    unpaid = subject.value(_FEE_UNPAID) if version is FormatVersion.V2021 else None
    if unpaid and not mentions and recorded is None:
        found.append(
            make_finding(
                FEE_NOTICE,
                path=_FEE_UNPAID,
                labels=tx.cell_index(version)[_FEE_UNPAID].labels,
                actual=unpaid,
                related=(tx.FEE_PATH,),
                source=subject.source_of(_FEE_UNPAID),
            )
        )
    elif (
        # The fee measures (国办函〔2020〕109号) apply from 2021: earlier reports had no such duty.
        version is FormatVersion.V2021
        and (subject.year is None or subject.year >= tx.FIRST_YEARS[FormatVersion.V2021])
        and not unpaid
        and recorded is None
        and not mentions
        and not re.search(r"收费|费用", text.text)
    ):
        found.append(
            make_finding(
                FEE_UNREPORTED,
                path="other_matters",
                labels=section_labels(version, "other_matters"),
                source=text.source,
            )
        )
    if recorded is not None and recorded.is_finite():
        for statement in stated_fees(text.text):
            amount = statement.amount
            if amount != recorded:
                found.append(
                    make_finding(
                        FEE_AMOUNT,
                        path=tx.FEE_PATH,
                        labels=tx.fee_labels(version),
                        expected=recorded,
                        actual=amount,
                        source=text.source,
                        quote=_clip(text.text[statement.start : statement.end]),
                        recorded=_figure(recorded),
                    )
                )
                break
    return found

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
from decimal import Decimal
from functools import cache
from typing import Any

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
from ..narrative import FEE_WORD, fee_statements
from ..taxonomy import FormatVersion
from ._common import fmt, section_labels
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
        core = re.sub(r"[：:。.，,、；;（）()一二三四五六七八九十\d]", "", core)
        if text in _TRIVIAL or core in _TRIVIAL or len(core) < _MIN_SECTION5:
            flat = _SPACE.sub(" ", text)
            shown = flat if len(flat) <= _QUOTE_MAX else flat[: _QUOTE_MAX - 3] + "…"
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


def _short(label: str) -> str:
    """A row group's name as written in prose: ``（三）不予公开`` → ``不予公开``."""
    return re.sub(r"（[^）]*）", "", label).strip()


@cache
def _groups(version: FormatVersion) -> dict[str, tuple[str, ...]]:
    """Prose name of each outcome group → the 总计 cells that add up to it."""
    groups: dict[str, list[str]] = {}
    for path in tx.outcome_leaves(version):
        name = _short(path[0].label)
        groups.setdefault(name, []).append(f"requests.{tx.row_id(path)}.total")
    return {name: tuple(cells) for name, cells in groups.items()}


@cache
def _group_places(version: FormatVersion) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Prose name of each outcome group → its location (row group or 总计 cell) and labels."""
    places: dict[str, tuple[str, tuple[str, ...]]] = {}
    specs = tx.cell_index(version)
    for path in tx.outcome_leaves(version):
        head = path[0]
        name = _short(head.label)
        if name in places:
            continue
        if head.is_leaf:
            cell = f"requests.{head.key}.total"
            places[name] = (cell, specs[cell].labels)
        else:
            places[name] = (f"requests.{head.key}", (head.label,))
    return places


@cache
def _group_pattern(version: FormatVersion) -> re.Pattern[str]:
    names = sorted(_groups(version), key=len, reverse=True)
    alts = "|".join(map(re.escape, names))
    return re.compile(
        rf"(?P<labels>(?:{alts})(?:(?:及|和|、|与|以及|加)(?:{alts}))*){_GAP}{{0,8}}?{_NUM}"
        r"(?:件|个|宗)"
    )


_REQ = re.compile(
    rf"(?P<kw>新收到?|新受理|收到|受理|接收|接到)(?P<mid>{_GAP}{{0,20}}?)申请{_GAP}{{0,6}}?{_NUM}"
    r"(?:件|个|宗|份)"
)
_WITH_CARRIED = re.compile(r"含上一?年|包括上一?年|连同上一?年")
_WITH_CARRIED_AFTER = re.compile(r"[（(](?:含|包括|连同)上一?年")
_REQ_EXCLUDE = re.compile(r"复议|诉讼|补正|撤回|延期|举报|投诉|信访|咨询")
_CARRIED_IN = re.compile(
    rf"上一?年度?的?结转的?{_GAP}{{0,10}}?{_NUM}(?:件|个|宗|(?=[）)，,。；;、]|$))"
)
_CARRIED_FWD = re.compile(
    rf"结转(?:至|到)?下一?年度?{_GAP}{{0,8}}?{_NUM}(?:件|个|宗)"
    rf"|{_NUM.replace('<n>', '<n2>')}(?:件|个|宗)(?:申请)?[^，,。；;！？\d%上（(]{{0,6}}?(?:结转|顺延)"
)
_CONCLUDED = re.compile(
    rf"(?P<kw>办结|答复|办理完毕|作出答复|完成答复){_GAP}{{0,10}}?{_NUM}(?:件|(?=（|\())"
)
_CASES_BOTH = re.compile(
    rf"行政复议(?:和|及|、|与|或|以及)行政诉讼{_GAP}{{0,8}}?{_NUM}(?:件|起|宗|个)"
)
_CASES = re.compile(rf"(?P<kind>行政复议|行政诉讼)(?P<gap>{_GAP}{{0,8}}?){_NUM}(?:件|起|宗|个)")
_CASES_PART = re.compile(r"纠错|纠正|败诉|胜诉|维持|撤销|确认违法|审结|判决|结案|复议后|直接起诉")
_ZERO_REQ = re.compile(
    r"(?:未|没有|无|尚未)(?:收到|受理|接到|接收|新收|发生)[^，,。；;]{0,24}?申请"
    rf"|依申请公开{_GAP}{{0,4}}?(?:为)?(?:0|零)件"
)
_NO_CASES = re.compile(
    r"(?:未(?!经)|没有|无(?!法|正当)|尚未(?!审结)|不存在)"
    r"(?:发生|出现|收到|涉及|被提起|被申请|提起|产生)?[^，,。；;\d]{0,16}?(?:行政复议|行政诉讼)"
)
_NO_CASES_EXCLUDE = re.compile(r"纠错|纠正|败诉|撤销|确认违法|审结|判决|结案|维持")
_ALL_CLOSED = re.compile(
    r"(?:所有|全部)[^，,。；;\d]{0,12}?申请[^，,。；;\d]{0,6}?(?:均已|已全部|全部|均)"
    r"(?:按时|按期|依法)?(?:办结|答复完毕|办理完毕)|(?:均已|已全部)办结|无结转"
)
_SEVERED = re.compile(rf"区分处理{_GAP}{{0,10}}?{_NUM}(?:件|个)")
_WITHDRAWN = re.compile(rf"(?:撤回|撤件|撤销申请){_GAP}{{0,6}}?{_NUM}(?:件|例|个)")
_PERCENT = re.compile(rf"{_NUM}(?:件|个)[，,、]?约?占比?{_GAP}{{0,10}}?(?P<p>\d+(?:\.\d+)?)%")
_PERCENT_EXCLUDE = re.compile(r"复议|诉讼|纠错|纠正|条|篇")


_APPLICANTS = tuple(c.key for c in tx.REQUEST_COLUMNS if c.key != "total")


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


_NEW = "requests.new_requests.total"
_IN = "requests.carried_in.total"
_OUT = "requests.outcomes_total.total"
_FWD = "requests.carried_forward.total"
_REVIEW = "review_litigation.review.total"
_LITIGATION = (
    "review_litigation.litigation_direct.total",
    "review_litigation.litigation_after_review.total",
)

# The names messages use for rows and groups, from the taxonomy's labels: a row of table 三 by
# its label up to 政府信息公开申请 ("一、本年新收"), its number alone ("一") in sums.
_ROWS = {node.key: node.label for node in tx.request_rows(FormatVersion.V2021)}
_NEW_ZH = _ROWS["new_requests"].split("政府信息公开申请")[0]
_IN_ZH = _ROWS["carried_in"].split("政府信息公开申请")[0]
_OUT_ZH = _ROWS["outcomes_total"]
_FWD_ZH = _ROWS["carried_forward"]
_BOTH_ZH = f"{_NEW_ZH.split('、')[0]}+{_IN_ZH.split('、')[0]}"  # 一+二
_GROUPS = {node.key: (node.label, parent) for node, parent in tx.CASE_GROUPS}
_REVIEW_ZH = _GROUPS["review"][0]
_DIRECT_ZH, _LITIGATION_ZH = _GROUPS["litigation_direct"]
_AFTER_ZH = _GROUPS["litigation_after_review"][0]
_TOTAL_ZH = tx.CASE_COLUMNS[-1].label


class _Emitter:
    """Builds the findings of the text rules with a common shape."""

    def __init__(self, subject: Subject) -> None:
        self.subject = subject
        self.specs = tx.cell_index(subject.version)
        self.found: list[Finding] = []

    def emit(
        self,
        code: Rule,
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
                code,
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


def _table3_zero(subject: Subject) -> bool:
    return all(
        not subject.values.get(spec.id)
        for spec in tx.cell_specs(subject.version)
        if spec.section == "requests"
    )


def _requests(out: _Emitter, text: _Text, zero: bool) -> None:
    subject = out.subject
    new, carried = _total(subject, (_NEW,)), _total(subject, (_IN,))
    if new is None:
        return
    both = new + (carried or 0)
    for m in _REQ.finditer(text.text):
        clause = text.clause(m.start())
        before = text.text[max(0, m.start() - 2) : m.start()]
        if (
            _REQ_EXCLUDE.search(m.group("mid"))
            or _COMPARISON.search(clause)
            or _PART.search(clause)
            or any(neg in before for neg in ("未", "没有", "无"))
        ):
            continue
        n = _int(m.group("n"))
        if zero and n > 0:
            out.emit(
                TEXT_ZERO_REPORT,
                text,
                m,
                _NEW,
                expected=0,
                actual=n,
            )
            continue
        if m.group("kw").startswith("新"):
            reading = "new"
        elif _WITH_CARRIED.search(text.clause(m.start())) or _WITH_CARRIED_AFTER.match(
            text.text, m.end()
        ):
            reading = "both"
        else:
            reading = "either"
        if n == new and reading in ("new", "either"):
            continue
        if n == both and reading in ("both", "either"):
            continue
        if reading == "new":
            variant: str | None = "new-is-both" if n == both else "new"
            expected = new
        elif reading == "both":
            variant = "both-is-new" if n == new else "both"
            expected = both
        else:
            variant, expected = None, new
        out.emit(
            TEXT_REQUESTS,
            text,
            m,
            _NEW,
            expected=expected,
            actual=n,
            related=(_IN,),
            variant=variant,
            new_row=_NEW_ZH,
            both_rows=_BOTH_ZH,
            new=fmt(new),
            both=fmt(both),
        )


def _before(text: _Text, match: re.Match[str]) -> str:
    """The part of the match's clause before the match."""
    clause_start = max((text.text.rfind(c, 0, match.start()) for c in "，,。；;！!？?"), default=-1)
    return text.text[clause_start + 1 : match.start()]


# 办结/答复 qualified by an outcome (不予公开答复N件, 同意公开答复N件, 转下一年度办理答复N件) is a
# part, not the total of concluded requests.
_CONCLUDED_QUALIFIED = re.compile(r"公开|不予|无法|转|延|顺延|结转|告知|补正|其他|处理|中")


def _simple(
    out: _Emitter,
    text: _Text,
    pattern: re.Pattern[str],
    code: Rule,
    cells: tuple[str, ...],
    name_zh: str,
    name_en: str,
    *,
    group: str = "n",
    zero: bool = False,
    exclude_before: re.Pattern[str] | None = None,
) -> None:
    expected = _total(out.subject, cells)
    if expected is None:
        return
    for m in pattern.finditer(text.text):
        value = m.group(group) or (m.group("n2") if "n2" in pattern.groupindex else None)
        if value is None:
            continue
        clause = text.clause(m.start())
        if _COMPARISON.search(clause) or (_PART.search(clause) and code != TEXT_CARRYOVER):
            continue
        if exclude_before is not None and exclude_before.search(_before(text, m)):
            continue
        n = _int(value)
        if n == expected:
            continue
        if zero and n > 0:
            out.emit(
                TEXT_ZERO_REPORT, text, m, cells[0], expected=expected, actual=n, related=cells[1:]
            )
            continue
        out.emit(
            code,
            text,
            m,
            cells[0],
            expected=expected,
            actual=n,
            related=cells[1:],
            row=name_zh,
            row_en=name_en,
            total=fmt(expected),
        )


def _outcome_groups(out: _Emitter, text: _Text, zero: bool) -> None:
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
        joined = "、".join(dict.fromkeys(names))
        place, labels = _group_places(subject.version)[names[0]]
        if zero and n > 0:
            out.emit(
                TEXT_ZERO_REPORT,
                text,
                m,
                place,
                expected=expected,
                actual=n,
                related=cells,
                labels=labels,
            )
            continue
        out.emit(
            TEXT_OUTCOMES,
            text,
            m,
            place,
            expected=expected,
            actual=n,
            related=cells,
            labels=labels,
            variant="groups",
            groups=joined,
            total=fmt(expected),
        )


def _cases(out: _Emitter, text: _Text) -> None:
    subject = out.subject
    review = _total(subject, (_REVIEW,))
    litigation = _total(subject, _LITIGATION)
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
                total=fmt(review + litigation),
            )
        body = body[: m.start()] + "□" * (m.end() - m.start()) + body[m.end() :]
    for m in _CASES.finditer(body):
        if _CASES_PART.search(m.group("gap")) or "诉讼" in m.group("gap"):
            continue
        clause = text.clause(m.start())
        if _COMPARISON.search(clause) or _CASES_PART.search(clause):
            continue
        n = _int(m.group("n"))
        if m.group("kind") == "行政复议":
            if review is None or n == review:
                continue
            out.emit(
                TEXT_CASES,
                text,
                m,
                _REVIEW,
                expected=review,
                actual=n,
                review=_REVIEW_ZH + _TOTAL_ZH,
                total=fmt(review),
            )
        else:
            if litigation is None or n == litigation:
                continue
            out.emit(
                TEXT_CASES,
                text,
                m,
                _LITIGATION[0],
                expected=litigation,
                actual=n,
                related=(_LITIGATION[1],),
                variant="litigation",
                direct=_DIRECT_ZH + _TOTAL_ZH,
                after_review=_AFTER_ZH + _TOTAL_ZH,
                total=fmt(litigation),
            )


def _zero_statements(out: _Emitter, text: _Text) -> None:
    subject = out.subject
    version = subject.version
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
                total=fmt(new),
            )
        elif new == 0 and not subject.number(_IN):
            nonzero = [
                spec
                for spec in tx.cell_specs(version)
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
                    example_value=fmt(subject.values.get(first.id)),
                )
    for m in _NO_CASES.finditer(text.text):
        clause = text.clause(m.start())
        if _NO_CASES_EXCLUDE.search(clause) or _COMPARISON.search(clause):
            continue
        tail = text.text[m.start() : m.start() + len(clause) + 1]
        if "复议" in m.group(0) or "行政复议" in tail:
            review = _total(subject, (_REVIEW,))
            if review:
                out.emit(
                    TEXT_NO_CASES,
                    text,
                    m,
                    _REVIEW,
                    expected=0,
                    actual=review,
                    review=_REVIEW_ZH + _TOTAL_ZH,
                    total=fmt(review),
                )
        if "诉讼" in tail:
            litigation = _total(subject, _LITIGATION)
            if litigation:
                out.emit(
                    TEXT_NO_CASES,
                    text,
                    m,
                    _LITIGATION[0],
                    expected=0,
                    actual=litigation,
                    variant="litigation",
                    litigation=_LITIGATION_ZH,
                    direct=_DIRECT_ZH,
                    after_review=_AFTER_ZH,
                    total=fmt(litigation),
                    related=(_LITIGATION[1],),
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
            total=fmt(forward),
        )


def _withdrawn(out: _Emitter, text: _Text) -> None:
    subject = out.subject
    cell = (
        "requests.other_handling.other.total"
        if subject.version is FormatVersion.V2021
        else "requests.other_handling.total"
    )
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
                total=fmt(value),
            )


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
        if _PERCENT_EXCLUDE.search(text.clause(m.start())) or _COMPARISON.search(
            text.clause(m.start())
        ):
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
            base_total=fmt(base),
            share=share,
        )


def text_findings(subject: Subject) -> list[Finding]:
    """Numbers and statements in the narrative checked against tables 三 and 四."""
    texts = _texts(subject)
    if not texts:
        return []
    out = _Emitter(subject)
    zero = _table3_zero(subject)
    forward_names = (_FWD_ZH, "row 四 (carried forward)")
    for text in texts:
        body = text.text
        if "申请" in body:
            _requests(out, text, zero)
            _zero_statements(out, text)
        elif "复议" in body or "诉讼" in body:
            _zero_statements(out, text)
        if "结转" in body:
            _simple(
                out,
                text,
                _CARRIED_IN,
                TEXT_CARRYOVER,
                (_IN,),
                _IN_ZH,
                "row 二 (carried in)",
            )
        if "结转" in body or "顺延" in body:
            _simple(out, text, _CARRIED_FWD, TEXT_CARRYOVER, (_FWD,), *forward_names)
        if "办结" in body or "答复" in body or "办理完毕" in body:
            _simple(
                out,
                text,
                _CONCLUDED,
                TEXT_OUTCOMES,
                (_OUT,),
                _OUT_ZH,
                "total outcomes (七)",
                zero=zero,
                exclude_before=_CONCLUDED_QUALIFIED,
            )
            _all_closed(out, text)
        elif "无结转" in body:
            _all_closed(out, text)
        if "公开" in body or "处理" in body or "提供" in body:
            _outcome_groups(out, text, zero)
        if "复议" in body or "诉讼" in body:
            _cases(out, text)
        if "区分处理" in body:
            _simple(
                out,
                text,
                _SEVERED,
                TEXT_SEVERED,
                ("requests.partially_granted.total",),
                "（二）部分公开 总计",
                "the partially-granted total",
            )
        if "撤" in body:
            _withdrawn(out, text)
        if "%" in body:
            _percent(out, text)
    return out.found


# --- 信息处理费 ----------------------------------------------------------------------------

_FEE_PATH = tx.FEE_PATH
_FEE_UNPAID = "requests.other_handling.fee_unpaid.total"


def _fee_labels(version: FormatVersion) -> tuple[str, ...]:
    return tx.fee_labels(version)


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
    statements = fee_statements(text.text)
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
                related=(_FEE_PATH,),
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
        # A printed amount outweighs a statement that none was charged: compare only those.
        explicit = [s for s in statements if s.explicit]
        for statement in explicit or statements:
            amount = statement.amount
            if amount != recorded:
                found.append(
                    make_finding(
                        FEE_AMOUNT,
                        path=_FEE_PATH,
                        labels=_fee_labels(version),
                        expected=recorded,
                        actual=amount,
                        source=text.source,
                        quote=_clip(text.text[statement.start : statement.end]),
                        recorded=fmt(recorded),
                    )
                )
                break
    return found

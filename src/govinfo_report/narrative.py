"""The narrative of a report: its sub-headed parts and its statements of the 信息处理费.

Parser, validator and renderer read the prose alike through this module: :func:`split_parts`
finds the usual sub-headings of sections 一 and 五 (FORMAT.md §1) and :func:`join_parts` writes
them back; :func:`fee_statements` finds the sentences of section 六 that state the 信息处理费,
named everywhere by :data:`FEE_WORD`.

Example::

    >>> from govinfo_report.narrative import FEE_WORD, fee_statements
    >>> FEE_WORD
    '信息处理费'
    >>> [s.amount for s in fee_statements("本年度收取信息处理费120元。")]
    [Decimal('120')]
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Protocol

import attrs

from . import taxonomy as tx

__all__ = [
    "FEE_WORD",
    "ORDINALS",
    "FeeStatement",
    "Parts",
    "fee_statements",
    "join_parts",
    "split_parts",
    "stated_fee",
    "stated_fees",
]

FEE_WORD = tx.INFO_PROCESSING_FEE.label.split("（")[0]
"""The 信息处理费 as the prose names it: the taxonomy's label without its unit.

Examples:
    >>> from govinfo_report.narrative import FEE_WORD
    >>> FEE_WORD in "本年度未收取信息处理费。"
    True
"""


class Parts(Protocol):
    """A structured narrative section (``Overview``, ``ProblemsImprovements``): a summary and parts.

    Each part of :data:`~govinfo_report.taxonomy.NARRATIVE_PARTS` is an attribute of the same
    name holding its text, or None when the section has no such part.

    Examples:
        >>> import govinfo_report as gr
        >>> isinstance(gr.ProblemsImprovements(problems="解读形式单一。").summary, str)
        True
    """

    @property
    def summary(self) -> str:
        """The text before the first sub-heading."""


ORDINALS = "一二三四五六七八九十"
"""The Chinese ordinals of the format's enumerators (一、 （一） 第一): one to ten, as the readers'
heading and numbering patterns spell them.

Examples:
    >>> from govinfo_report.narrative import ORDINALS
    >>> ORDINALS.index("三") + 1
    3
"""


_HEADING_END = re.compile(r"[：:。，,；;]")


_HEADING_SUFFIX = "(?:工作)?(?:情况|方面)?"


def _heading_only(text: str, core: str) -> bool:
    """Whether ``text`` is just the heading ``core``, possibly followed by 情况, 方面 or 工作."""
    return re.fullmatch(rf"{re.escape(core)}{_HEADING_SUFFIX}", text.strip()) is not None


def _after_heading(line: str, index: int, label: str) -> str | None:
    """The text after the sub-heading ``（n）label`` if ``line`` opens with it, else None.

    Allows the usual variations (情况, 方面, a trailing ：or 。). Text that follows the heading on
    the same line ("（一）主动公开情况：全年公开……") is returned so that it is not lost; a
    heading that runs into its sentence without a colon or full stop ("（一）主动公开全年发布信息
    120条", "（三）政府信息管理方面，本机关……") keeps the whole sentence.
    """
    stripped = line.strip()
    ordinal = ORDINALS[index]
    marker = next((m for m in (f"（{ordinal}）", f"({ordinal})") if stripped.startswith(m)), None)
    if marker is None:
        return None
    rest = stripped[len(marker) :]
    end = _HEADING_END.search(rest)
    head = rest if end is None else rest[: end.start()]
    core = label.split("）", 1)[1]
    if core[:2] not in head or len(head) > 20:
        return None
    if end is None:
        # No punctuation: either the heading alone ("（一）主动公开情况") or a sentence that opens
        # with it ("（一）主动公开全年发布信息120条"), which is kept whole.
        return "" if _heading_only(rest, core) else rest
    if end.group() in "，,；;":
        return rest  # the heading is the start of a sentence: keep the sentence whole
    if end.group() == "。" and not _heading_only(head, core):
        return rest  # "（一）主动公开全年发布信息120条。……": a sentence, not a heading
    return rest[end.end() :].strip()


def split_parts(section: str, text: str) -> dict[str, str | None]:
    """Split a narrative section into its usual sub-headings (FORMAT.md §1).

    Returns the keyword arguments of :class:`~govinfo_report.model.Overview` or
    :class:`~govinfo_report.model.ProblemsImprovements`: ``summary`` holds the text before the
    first sub-heading (or all of it when the sub-headings are not found in order), and each part
    holds the text under its heading, without the heading line.

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.narrative import join_parts, split_parts
        >>> section = gr.ProblemsImprovements(problems="解读形式单一。", improvements="丰富解读形式。")
        >>> split_parts("problems_improvements", join_parts("problems_improvements", section))
        {'summary': '', 'problems': '解读形式单一。', 'improvements': '丰富解读形式。'}
    """
    parts = tx.NARRATIVE_PARTS[section]
    lines = text.splitlines()
    starts: list[int] = []
    inline: list[str] = []
    position = 0
    for index, node in enumerate(parts):
        for i in range(position, len(lines)):
            after = _after_heading(lines[i], index, node.label)
            if after is not None:
                starts.append(i)
                inline.append(after)
                position = i + 1
                break
        else:
            break
    result: dict[str, str | None] = {"summary": text}
    if len(starts) != len(parts):
        return result
    result["summary"] = "\n".join(lines[: starts[0]]).strip("\n")
    bounds = [*starts, len(lines)]
    for index, node in enumerate(parts):
        body = lines[bounds[index] + 1 : bounds[index + 1]]
        if inline[index]:
            body = [inline[index], *body]
        result[node.key] = "\n".join(body).strip("\n")
    return result


def join_parts(section: str, value: Parts) -> str:
    """The narrative text of a structured section: summary, then each part under its heading.

    Examples:
        >>> import govinfo_report as gr
        >>> from govinfo_report.narrative import join_parts
        >>> print(join_parts("problems_improvements", gr.ProblemsImprovements(problems="解读形式单一。")))
        （一）存在的主要问题
        解读形式单一。
    """
    chunks = [value.summary] if value.summary else []
    for node in tx.NARRATIVE_PARTS[section]:
        body = getattr(value, node.key)
        if body is not None:
            chunks.append(f"{node.label}\n{body}" if body else node.label)
    return "\n".join(chunks)


# --- statements of the 信息处理费 in section 六 -------------------------------------------

_CLAUSE = "[^，,。；;]"  # a character within one clause
_CLAUSE_END = r"(?=[，,。；;\s]|$)"
# A rate is not a total: "按每页0.1元收取", "每件10元", "0.1元/页".
_NOT_RATE = r"(?<!按)(?<!按照)(?<!每页)(?<!每件)"
_NOT_PER = r"(?!\s*[/／每](?:页|件))"
_FEE_AMOUNT = re.compile(
    rf"{FEE_WORD}[^，,。；;\d%]{{0,8}}?{_NOT_RATE}"
    rf"(?P<amount>\d[\d,，]*(?:\.\d+)?)\s*(?P<wan>万)?元{_NOT_PER}"
)
# "未收取信息处理费", "未收取任何费用"; but "未收取其他费用" says nothing of the 信息处理费.
_NOT_OTHER = r"(?:(?!其他)[^，,。；;])"
_FEE_NONE = re.compile(
    rf"(?:未|没有|无|不){_CLAUSE}{{0,10}}?(?:收取|收缴|产生){_CLAUSE}{{0,12}}?{FEE_WORD}"
    rf"|(?:未|没有|无|不){_NOT_OTHER}{{0,10}}?(?:收取|收缴|产生){_NOT_OTHER}{{0,12}}?费用"
    rf"|{FEE_WORD}[^，,。；;\d]{{0,6}}?[为是：:]?\s*(?:(?:0|零)元?|无){_CLAUSE_END}"
)


@attrs.frozen
class FeeStatement:
    """A sentence of the narrative that states the 信息处理费.

    Attributes:
        start: where the statement starts in the text.
        end: where it ends.
        amount: the amount stated, in 元 (0 for "未收取信息处理费").
        explicit: whether a number was printed (False for a statement that none was charged).

    Examples:
        >>> from govinfo_report.narrative import fee_statements
        >>> statement = fee_statements("本年度收取信息处理费120元。")[0]
        >>> statement.amount, statement.explicit
        (Decimal('120'), True)
    """

    start: int
    end: int
    amount: Decimal
    explicit: bool


def fee_statements(text: str) -> list[FeeStatement]:
    """Every statement of the 信息处理费 in ``text``, in order; amounts in 万元 read in 元.

    Examples:
        >>> [s.amount for s in fee_statements("收取信息处理费1.5万元；另有申请人未缴纳费用。")]
        [Decimal('15000.0')]
        >>> fee_statements("本年度未收取信息处理费。")[0].amount
        Decimal('0')
        >>> fee_statements("未收取其他费用；信息处理费按每页0.1元收取。")
        []
    """
    found: list[FeeStatement] = []
    for m in _FEE_AMOUNT.finditer(text):
        amount = Decimal(m.group("amount").replace(",", "").replace("，", ""))
        amount = amount * 10000 if m.group("wan") else amount
        found.append(FeeStatement(m.start(), m.end(), amount, explicit=True))
    for m in _FEE_NONE.finditer(text):
        if not any(s.start < m.end() and m.start() < s.end for s in found):
            found.append(FeeStatement(m.start(), m.end(), Decimal(0), explicit=False))
    return sorted(found, key=lambda s: s.start)


def stated_fees(text: str) -> list[FeeStatement]:
    """The statements that decide the fee ``text`` states.

    The printed amounts if there are any, else the statements that none was charged: a printed
    amount outweighs a statement that none was charged.

    Examples:
        >>> [s.amount for s in stated_fees("未收取其他费用；收取信息处理费120元。")]
        [Decimal('120')]
        >>> [s.amount for s in stated_fees("本年度未收取信息处理费。")]
        [Decimal('0')]
    """
    statements = fee_statements(text)
    return [s for s in statements if s.explicit] or statements


def stated_fee(text: str) -> Decimal | None:
    """The fee (元) ``text`` states: the first printed amount, else 0 if it says none was charged.

    Examples:
        >>> from govinfo_report.narrative import stated_fee
        >>> stated_fee("本年度未收取信息处理费，收取信息处理费 30 元。")
        Decimal('30')
        >>> stated_fee("无。") is None
        True
    """
    decisive = stated_fees(text)
    return decisive[0].amount if decisive else None

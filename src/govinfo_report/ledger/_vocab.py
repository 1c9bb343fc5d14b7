"""Recognising a ledger's words: applicant types, outcomes, case kinds and results.

Every accepted spelling is derived from the taxonomy: the stable key (or key path), the Chinese
label with or without its numbering (（二）, 1.) and its parenthetical note, a label path joined by
``/``, and the English name. A spelling that two entries share is ambiguous and is refused with
both named; an unknown word gets the closest label suggested (difflib).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

import attrs

from .. import taxonomy as tx
from ..narrative import ORDINALS
from ..taxonomy import FormatVersion

__all__ = [
    "Vocabulary",
    "applicant_types",
    "case_kinds",
    "case_results",
    "normal_word",
    "outcomes",
]

_NUMBERING = re.compile(rf"^(?:\([{ORDINALS}]+\)|[{ORDINALS}]+、|\d+[.、])")
_NOTE = re.compile(r"\([^()]*\)$")
_DROP = re.compile(r"[\s“”\"'‘’]+")


def normal_word(text: str) -> str:
    """A word as compared: NFKC, no spaces or quotes, no numbering or trailing note, lower case.

    Examples:
        >>> normal_word("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
        '部分公开'
        >>> normal_word(" 1.属于国家秘密 ")
        '属于国家秘密'
    """
    text = _DROP.sub("", unicodedata.normalize("NFKC", text)).lower()
    parts = []
    for part in text.split("/"):
        bare = _NUMBERING.sub("", part)
        parts.append(_NOTE.sub("", bare) or bare)
    return "/".join(parts)


@attrs.frozen
class Vocabulary:
    """The accepted spellings of one kind of ledger word, each mapped to a stable key.

    Attributes:
        what: the column it reads, in Chinese and English (for messages).
        words: normalised spelling → key.
        ambiguous: normalised spelling → the labels it could mean.
        labels: key → the label shown in messages and suggestions.

    Examples:
        >>> outcomes(FormatVersion.V2021).key("不予公开/属于国家秘密")
        'withheld.state_secret'
    """

    what: tuple[str, str]
    words: dict[str, str]
    ambiguous: dict[str, tuple[str, ...]]
    labels: dict[str, str]

    def key(self, text: str) -> str:
        """The key a word names.

        Raises:
            ValueError: for an unknown or ambiguous word, naming the closest label(s).
        """
        word = normal_word(text)
        found = self.words.get(word)
        if found is not None:
            return found
        zh, en = self.what
        if word in self.ambiguous:
            options = "、".join(self.ambiguous[word])
            raise ValueError(
                f"{zh}“{text}”有歧义，可能是：{options} / ambiguous {en} {text!r}: could be {options}"
            )
        close = difflib.get_close_matches(word, list(self.words), n=1, cutoff=0.4)
        hint_zh = hint_en = ""
        if close:
            label = self.labels[self.words[close[0]]]
            hint_zh, hint_en = f"，是否为“{label}”？", f"; did you mean {label!r}?"
        raise ValueError(f"未知的{zh}“{text}”{hint_zh} / unknown {en} {text!r}{hint_en}")


def _build(what: tuple[str, str], entries: Iterable[tuple[str, str, Iterable[str]]]) -> Vocabulary:
    """``entries``: (key, label shown, spellings)."""
    seen: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for key, label, spellings in entries:
        labels[key] = label
        for spelling in (key, *spellings):
            seen.setdefault(normal_word(spelling), set()).add(key)
            seen.setdefault(spelling.strip().lower(), set()).add(key)
    words = {word: next(iter(keys)) for word, keys in seen.items() if len(keys) == 1 and word}
    ambiguous = {
        word: tuple(sorted(labels[k] for k in keys)) for word, keys in seen.items() if len(keys) > 1
    }
    return Vocabulary(what, words, ambiguous, labels)


def _what(fields: tuple[tx.Node, ...], key: str) -> tuple[str, str]:
    node = next(f for f in fields if f.key == key)
    return node.label, node.english.lower()


@cache
def applicant_types() -> Vocabulary:
    """The six applicant columns of table 三, by label, key or English name.

    Examples:
        >>> applicant_types().key("法人或其他组织/商业企业"), applicant_types().key("natural_person")
        ('commercial_enterprise', 'natural_person')
    """
    entries = []
    for column in tx.REQUEST_COLUMNS:
        if column.key == "total":
            continue
        spellings = [column.label, column.english]
        if column.group:
            spellings.append(f"{column.group}/{column.label}")
        entries.append((column.key, column.label, spellings))
    return _build(_what(tx.REQUEST_LEDGER_FIELDS, "applicant_type"), entries)


@cache
def outcomes(version: FormatVersion) -> Vocabulary:
    """The outcome rows of table 三 (a leaf by label, label path or key path).

    Examples:
        >>> vocab = outcomes(FormatVersion.V2021)
        >>> vocab.key("（二）部分公开"), vocab.key("本机关不掌握相关政府信息")
        ('partially_granted', 'unavailable.not_held')
    """
    entries = []
    for path in tx.outcome_leaves(version):
        labels = [node.label for node in path]
        spellings = ["/".join(labels[i:]) for i in range(len(labels))]
        spellings.append(path[-1].english)
        entries.append((tx.row_id(path), " / ".join(labels), spellings))
    return _build(_what(tx.REQUEST_LEDGER_FIELDS, "outcome"), entries)


@cache
def case_kinds() -> Vocabulary:
    """The three groups of table 四 (行政复议, 未经复议直接起诉, 复议后起诉).

    Examples:
        >>> case_kinds().key("行政诉讼/复议后起诉")
        'litigation_after_review'
    """
    entries = []
    for group, super_label in tx.CASE_GROUPS:
        spellings = [group.label, group.english]
        if super_label:
            spellings.append(f"{super_label}/{group.label}")
        entries.append((group.key, group.label, spellings))
    return _build(_what(tx.CASE_LEDGER_FIELDS, "kind"), entries)


_PENDING = "pending"


@cache
def case_results() -> Vocabulary:
    """The results a concluded case can have (结果维持, 结果纠正, 其他结果; 结果 optional).

    Examples:
        >>> case_results().key("纠正"), case_results().key("其他结果")
        ('corrected', 'other_result')
    """
    prefix = "结果"
    entries = [
        (c.key, c.label, [c.label, c.label.replace(prefix, ""), c.english])
        for c in tx.CASE_COLUMNS
        if c.key not in (_PENDING, "total")
    ]
    return _build(_what(tx.CASE_LEDGER_FIELDS, "result"), entries)

"""Label normalisation and the label variants seen in real reports (FORMAT.md §6B).

The official labels come from :mod:`govinfo_report.taxonomy`; this module only adds *variants*
(abbreviations and rewordings seen in published reports), keyed by taxonomy identifiers, and the
normalisation that makes typography irrelevant: full-width and half-width forms, spaces and line
breaks, ``1、``/``1.``/``1．``, straight and curly quotes, ``，`` against ``、``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .. import taxonomy as tx
from ..narrative import ORDINALS

__all__ = [
    "CASE_CELLS",
    "ROW_VARIANTS",
    "SECTION_VARIANTS",
    "core",
    "head_core",
    "strip_enumerator",
]

CASE_CELLS: tuple[str, ...] = tuple(
    tx.cell_id(group, column) for group, _ in tx.CASE_GROUPS for column in tx.CASE_COLUMNS
)
"""Table 四's cells below ``review_litigation``, in printed order (``review.upheld`` …).

Examples:
    >>> from govinfo_report.parse._labels import CASE_CELLS
    >>> len(CASE_CELLS), CASE_CELLS[0]
    (15, 'review.upheld')
"""

# Variants of section 三 row labels, by row id (taxonomy ``row_id``), as printed in real reports:
# only what differs from the taxonomy's own labels (a test keeps it so).
ROW_VARIANTS: dict[str, tuple[str, ...]] = {
    "new_requests": ("本年新收政府信息公开申请", "本年新收申请数量", "本年新收"),
    "carried_in": ("上年结转政府信息公开申请", "上年结转申请数量", "上年结转"),
    "other_handling.no_amendment": ("逾期不补正", "无正当理由逾期不补正"),
    "other_handling.fee_unpaid": ("逾期不缴费", "逾期未缴费", "逾期未按收费通知", "未按收费通知"),
    "carried_forward": ("结转下一年度继续办理", "结转下年度"),
    "outcomes_total": ("七总计",),
}

# Variants of section titles beyond the taxonomy's titles and ``title_variants`` (which the
# matcher reads from the taxonomy, without their enumerator), by section key.
SECTION_VARIANTS: dict[str, tuple[str, ...]] = {
    "overview": ("基本情况", "概述"),
    "proactive_disclosure": ("主动公开政府信息",),
    "requests": ("收到和处理政府信息公开申请",),
    "review_litigation": ("政府信息公开行政复议和行政诉讼情况", "行政复议行政诉讼情况"),
    "problems_improvements": ("存在的主要问题和改进情况", "存在的主要问题及改进措施"),
    "other_matters": ("其他需要报告事项",),
}

_ENUMERATOR = re.compile(
    rf"^\s*(?:[{ORDINALS}]{{1,3}}\s*[、.．,，]|[（(]\s*[{ORDINALS}\d]{{1,3}}\s*[）)]"
    r"|\d{1,2}\s*[.、．,，)）](?!\d))\s*"
)


def strip_enumerator(label: str) -> str:
    """A label without its leading ``一、``, ``（一）`` or ``1.`` marker."""
    return _ENUMERATOR.sub("", label, count=1)


@cache
def _keep(ch: str) -> bool:
    return ch.isalnum()


@lru_cache(maxsize=16384)
def core(text: str) -> str:
    """The letters and digits of a text, half-width: what matching compares.

    Spaces, line breaks, punctuation and quotes are dropped; full-width forms become half-width.
    """
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if _keep(ch))


def head_core(label: str) -> str:
    """The core of a label without its enumerator and without a trailing parenthetical note."""
    bare = strip_enumerator(label)
    for opener in ("（", "("):
        if opener in bare[1:]:
            bare = bare[: bare.index(opener, 1)]
    return core(bare)

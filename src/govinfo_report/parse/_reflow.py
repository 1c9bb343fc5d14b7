"""Undo the line wraps of text laid out on a page (PDF, and text extracted from a PDF).

A PDF has no paragraphs, only lines: a sentence of the narrative is cut wherever the page edge
fell ("……认真学习宣传贯彻党的二十大和二十届二中、三中全会精\\n神，……"), and a page break
may leave a blank line inside a paragraph. Reading the narrative needs the paragraphs back, so a
line is joined to the next when it runs to the full width of the text block (estimated from its
lines, but never less than a 28-character line) and does not end a sentence, and the next line
does not open a heading, a list item or an enumeration (一是, 其一). Only line breaks change; not
a character of the text is added or removed, except the break itself (and a blank line bridged
by a wrap).

This is a heuristic. It errs on the side of keeping a break: a full line that ends with 。 is
taken as the end of a paragraph even when the paragraph goes on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..narrative import ORDINALS

__all__ = ["reflow", "text_width"]

# A line that ends with one of these ends a sentence or introduces a list: keep the break.
_ENDS = tuple("。！？：:；;…!?")
# A line that starts like this opens a heading or an item: keep the break before it. Besides
# numbered headings, the enumerations of narrative prose: "一是……" "二是……", "其一，……".
_OPENS = re.compile(
    rf"^\s*(?:[{ORDINALS}]{{1,3}}\s*[、.．]|[（(]\s*[{ORDINALS}\d]{{1,3}}\s*[）)]"
    rf"|\d{{1,2}}\s*[.、．](?!\d)|[①-⑳]|第[{ORDINALS}]+[条项章节部分]"
    rf"|[{ORDINALS}]{{1,2}}是|其[{ORDINALS}](?![般定分]))"
)
# A line at least this share of the block's full width is taken to run to the page edge.
_FULL = 0.85
# The full width is never taken as less than this (half-width units): 28 characters, the line of
# a standard official document (GB/T 9704), a little under the ~30 of the usual report page. A
# text of short lines only (a list, a letterhead) would otherwise make every short line "full".
# Not 60: 0.85 × 60 = 51, and wrapped lines of a 28-character page measure down to 50 (“ ” and
# digits count 1), as in tests/corpus/stcsm-2024-txt.
_MIN_FULL = 56
# Fewer lines than this give no reliable full width: leave them as they are.
_MIN_LINES = 3


def text_width(line: str) -> int:
    """The printed width of a line in half-width units: CJK and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line.strip())


def _full_width(widths: Sequence[int]) -> int:
    """The width of a full line: the 80th percentile of the non-empty lines' widths, at least
    ``_MIN_FULL``."""
    ordered = sorted(w for w in widths if w)
    estimate = ordered[min(len(ordered) - 1, int(len(ordered) * 0.8))] if ordered else 0
    return max(estimate, _MIN_FULL)


def _joiner(left: str, right: str) -> str:
    # Latin letters and digits cut at the edge were one word; a space only between two words.
    if left[-1:].isascii() and right[:1].isascii() and left[-1:].isalpha() and right[:1].isalpha():
        return " "
    return ""


def reflow(lines: Sequence[str]) -> list[str]:
    """The lines with page wraps joined back into paragraphs (see the module docstring)."""
    # A table row kept in the text (cells joined by tabs) is never joined and sets no width.
    widths = [0 if "\t" in line else text_width(line) for line in lines]
    if sum(1 for w in widths if w) < _MIN_LINES:
        return list(lines)
    full = _full_width(widths)
    out: list[str] = []
    open_paragraph = False  # the last line of ``out`` ran to the edge without ending
    pending_blank = False
    for line, width in zip(lines, widths, strict=True):
        stripped = line.strip()
        if not stripped:
            if open_paragraph:
                pending_blank = True  # a blank inside a wrapped paragraph: a page break
            else:
                out.append(line)
            continue
        if "\t" in line:
            if pending_blank:
                out.append("")
            out.append(line.rstrip())
            open_paragraph = pending_blank = False
            continue
        if open_paragraph and not _OPENS.match(stripped):
            out[-1] = out[-1].rstrip() + _joiner(out[-1].rstrip(), stripped) + stripped
        else:
            if pending_blank:
                out.append("")
            out.append(line.rstrip())
        pending_blank = False
        # The printed line's own width decides, not the paragraph's joined so far.
        open_paragraph = width >= full * _FULL and not stripped.endswith(_ENDS)
    if pending_blank:
        out.append("")
    return out

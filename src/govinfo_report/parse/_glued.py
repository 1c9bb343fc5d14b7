"""Page text whose table cells lost their separators: split the glued digits by the identities.

Portal archives often keep a report as the page's plain text, where a row of table 三 reads
``（一）予以公开270020130`` (2|7|0|0|0|1|3… which?), and the next label's number runs into the
digits (``…内容仍不明确00000002.重复申请``). The labels are intact, so each row is found by its
label (from the taxonomy) and its digit string is split by a small constraint search:

* table 三: seven counts whose last (总计) is the sum of the six applicant columns;
* table 四: fifteen counts, three groups whose 总计 is the sum of its four results;
* table 二: the columns of its row, with no identity (a 2021 stock row only has 现行有效 ≥
  本年制发 − 本年废止 as a soft constraint), so only a unique split is used;
* no value is printed with a leading zero (``05``);
* when a table 三 row still has several splits, the column identities of the whole table
  (``（七）总计`` = Σ outcome rows, 一 + 二 = （七） + 四) choose among the combinations.

A unique split is used, each cell noted ``recovered`` with the reason; several splits give no
value and a ``text-glued`` finding listing them; nothing is guessed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import cache

import attrs

from .. import taxonomy as tx
from ..catalog import TEXT_GLUED
from ..findings import Finding, make_finding
from ..identities import Identity, identities
from ..limits import Limits, default_limits
from ..narrative import ORDINALS
from ..taxonomy import FormatVersion
from ._grid import Paragraph
from ._labels import CASE_CELLS, ROW_VARIANTS, strip_enumerator

__all__ = ["unglue"]

_QUICK = re.compile(r"[^\d\s.,，、．]\d")
# What may follow a row's digits before the next label: numbering, group headers; not prose.
_PROSE = re.compile(r"[件个项条元，,。；;：:%％]")
_ENUM_BEFORE = re.compile(
    rf"(?:[（(][{ORDINALS}\d]{{1,3}}[）)]|[{ORDINALS}]{{1,3}}、|\d{{1,2}}[.、．])$"
)
_SHOWN = 4
# The title of section 四 (the same in both format versions), for the glued case row's labels.
_CASES_TITLE = next(
    s.title for s in tx.sections(FormatVersion.V2021) if s.key == "review_litigation"
)


@attrs.frozen
class _RowKind:
    """A row that may be glued: its id prefix, labels, columns and how to split it."""

    path: str  # e.g. requests.granted or proactive_disclosure.art20_1.rules
    labels: tuple[str, ...]
    columns: tuple[str, ...]
    kind: str  # "request", "cases" or "plain"
    enumerator: str  # the official enumerator digits ("2" for "2.重复申请"), else ""
    version: FormatVersion | None  # the version whose layout only this row belongs to


@cache
def _kinds() -> dict[str, _RowKind]:
    """Every row label body (official and variants) → its row, for both format versions."""
    found: dict[str, _RowKind] = {}
    request_columns = tuple(c.key for c in tx.REQUEST_COLUMNS)
    per_version: dict[str, set[FormatVersion]] = {}
    for version in FormatVersion:
        for path in tx.request_row_leaves(version):
            per_version.setdefault(tx.row_id(path), set()).add(version)
    for version in FormatVersion:
        for path in tx.request_row_leaves(version):
            node = path[-1]
            row = tx.row_id(path)
            enum = re.match(r"^\s*(\d)[.、．]", node.label)
            only = version if len(per_version[row]) == 1 else None
            kind = _RowKind(
                tx.cell_id("requests", row),
                tuple(n.label for n in path),
                request_columns,
                "request",
                enum.group(1) if enum else "",
                only,
            )
            bodies = {strip_enumerator(node.label), *ROW_VARIANTS.get(row, ())}
            for variant in bodies:
                body = strip_enumerator(variant)
                # a short label ("其他") only with its enumerator
                found.setdefault(node.label if len(body) <= 2 else body, kind)
        for table in tx.subtables(version):
            columns = tuple(c.key for c in table.columns)
            if any(
                tx.cell_index(version)[tx.cell_id("proactive_disclosure", table, r, c)].kind
                is not tx.CellKind.COUNT
                for r in table.rows
                for c in columns
            ):
                continue  # signed changes and amounts are not split
            for r in table.rows:
                found.setdefault(
                    r.label,
                    _RowKind(
                        tx.cell_id("proactive_disclosure", table, r),
                        (table.caption, r.label),
                        columns,
                        "plain",
                        "",
                        None,
                    ),
                )
    return found


@cache
def _pattern() -> re.Pattern[str]:
    bodies = sorted(_kinds(), key=len, reverse=True)
    # The digits stop before the next label's number running into them ("…00000002.重复申请").
    return re.compile(
        "(" + "|".join(re.escape(b) for b in bodies) + r")(\d+?)(?=\d[.、．]|[^\d]|$)"
    )


_CASES = re.compile(r"(总计)(\d{15,})\s*$")


def _numbers(digits: str, parts: int) -> Iterator[list[int]]:
    """Every way to cut ``digits`` into ``parts`` numbers without leading zeros."""
    if parts == 1:
        if digits and (digits == "0" or digits[0] != "0"):
            yield [int(digits)]
        return
    for cut in range(1, len(digits) - parts + 2):
        head = digits[:cut]
        if len(head) > 1 and head[0] == "0":
            break
        for rest in _numbers(digits[cut:], parts - 1):
            yield [int(head), *rest]


def _parts(
    digits: str, parts: int, total: int, width: int, budget: list[int]
) -> Iterator[list[int]]:
    """Cuts into ``parts`` numbers (each at most ``width`` digits) adding up to ``total``."""
    budget[0] -= 1
    if budget[0] < 0 or not parts * 1 <= len(digits) <= parts * width:
        return
    if parts == 1:
        if (digits == "0" or digits[0] != "0") and int(digits) == total:
            yield [total]
        return
    for cut in range(1, min(width, len(digits) - parts + 1) + 1):
        head = digits[:cut]
        if len(head) > 1 and head[0] == "0":
            break
        value = int(head)
        if value > total:
            break
        for rest in _parts(digits[cut:], parts - 1, total - value, width, budget):
            yield [value, *rest]


def _summed(digits: str, parts: int, budget: list[int]) -> Iterator[list[int]]:
    """Cuts into ``parts`` − 1 numbers followed by their sum (a row with its 总计)."""
    for split in range(len(digits) - 1, parts - 2, -1):
        total_text = digits[split:]
        if len(total_text) > 1 and total_text[0] == "0":
            continue
        total = int(total_text)
        for values in _parts(digits[:split], parts - 1, total, len(total_text), budget):
            yield [*values, total]


def _split(kind: _RowKind, digits: str, limit: int) -> tuple[list[list[int]], bool]:
    """The candidate splits of one row, and whether the search finished within ``limit``."""
    budget = [limit]
    if kind.kind == "request":
        found = list(itertools.islice(_summed(digits, len(kind.columns), budget), limit))
    elif kind.kind == "cases":
        found = []
        for first in range(5, len(digits) - 9):
            for a in _summed(digits[:first], 5, budget):
                for second in range(first + 5, len(digits) - 4):
                    for b in _summed(digits[first:second], 5, budget):
                        found.extend([*a, *b, *c] for c in _summed(digits[second:], 5, budget))
    else:
        found = []
        for values in _numbers(digits, len(kind.columns)):
            budget[0] -= 1
            if budget[0] < 0:
                break
            found.append(values)
        if len(kind.columns) == 3 and kind.columns[0] == "issued":  # 2021 stock row
            found = [v for v in found if v[2] >= v[0] - v[1]] or found
    return found, budget[0] >= 0


@attrs.frozen
class _Glued:
    line: int
    prefix: str  # label text as printed (with its enumerator)
    kind: _RowKind
    digits: str
    candidates: list[list[int]]
    complete: bool


def _find(paragraphs: list[Paragraph], limit: int) -> list[tuple[int, list[str], list[_Glued]]]:
    """Per glued line: its position, its pieces of text between rows, and its glued rows."""
    kinds = _kinds()
    result = []
    for position, para in enumerate(paragraphs):
        text = para.text.strip()
        if not _QUICK.search(text):
            continue
        matches = list(_pattern().finditer(text))
        cases = _CASES.search(text)
        if not matches and not cases:
            continue
        rows: list[_Glued] = []
        pieces: list[str] = []
        start = 0
        for n, match in enumerate(matches):
            kind = kinds[match.group(1)]
            digits = match.group(2)
            end = matches[n + 1].start() if n + 1 < len(matches) else len(text)
            if cases and match.end() <= cases.start() < end:
                end = cases.start()
            if _PROSE.search(text[match.end() : end]) or len(digits) < len(kind.columns):
                continue  # digits in a sentence (申请3119件), or a label's own number
            candidates, complete = _split(kind, digits, limit)
            before = text[start : match.start()]
            enumerator = _ENUM_BEFORE.search(before)
            cut = enumerator.start() if enumerator else len(before)
            pieces.append(before[:cut])
            label = before[cut:] + match.group(1)
            rows.append(_Glued(para.source.line or 0, label, kind, digits, candidates, complete))
            start = match.end()
        if cases and (not matches or cases.start() >= start):
            kind = _RowKind(
                "review_litigation",
                (_CASES_TITLE,),
                CASE_CELLS,
                "cases",
                "",
                None,
            )
            candidates, complete = _split(kind, cases.group(2), limit)
            pieces.append(text[start : cases.start() + len(cases.group(1))])
            rows.append(
                _Glued(para.source.line or 0, "", kind, cases.group(2), candidates, complete)
            )
            start = len(text)
        if rows:
            pieces.append(text[start:])
            result.append((position, pieces, rows))
    return result


def _version(found: list[tuple[int, list[str], list[_Glued]]]) -> FormatVersion:
    votes = [g.kind.version for _, _, rows in found for g in rows if g.kind.version]
    return (
        FormatVersion.V2019
        if votes.count(FormatVersion.V2019) > votes.count(FormatVersion.V2021)
        else FormatVersion.V2021
    )


@cache
def _column_identities(version: FormatVersion) -> tuple[Identity, ...]:
    """The identities down the columns of table 三 (balance, outcome totals)."""
    return tuple(i for i in identities(version) if i.code in ("t3-balance", "t3-outcomes-total"))


def _holds(identity: Identity, values: dict[str, int | None]) -> bool:
    """Whether the identity holds; an identity with a cell not (yet) known is not assessable."""
    try:
        total = sum(sign * (values[cell] or 0) for sign, cell in identity.terms)
        return total == (values[identity.target] or 0)
    except KeyError:
        return True


def _by_table(
    found: list[tuple[int, list[str], list[_Glued]]], version: FormatVersion, limit: int
) -> dict[int, tuple[list[int], str]]:
    """The chosen split of each glued row (by id), and the reason; ambiguous rows are absent."""
    rows = [g for _, _, glued in found for g in glued]
    chosen: dict[int, tuple[list[int], str]] = {}
    open_rows = []
    for g in rows:
        if len(g.candidates) == 1 and g.complete:
            reason = {
                "request": "本行总计 = 各申请人之和 / row total = sum of the applicant columns",
                "cases": "各组总计 = 四项结果之和 / each group total = its four results",
                "plain": "唯一可能的拆分 / the only possible split",
            }[g.kind.kind]
            chosen[id(g)] = (g.candidates[0], reason)
        elif g.kind.kind == "request" and len(g.candidates) > 1 and g.complete:
            open_rows.append(g)
    if not open_rows:
        return chosen
    combos = 1
    for g in open_rows:
        combos *= len(g.candidates)
    if combos > limit // 10:
        return chosen
    base: dict[str, int | None] = {}
    for g in rows:
        if id(g) in chosen and g.kind.kind == "request":
            base.update(
                zip(
                    (tx.cell_id(g.kind.path, c) for c in g.kind.columns),
                    chosen[id(g)][0],
                    strict=True,
                )
            )
    columns = _column_identities(version)
    fitting = []
    for combo in itertools.product(*(g.candidates for g in open_rows)):
        values = dict(base)
        for g, split in zip(open_rows, combo, strict=True):
            values.update(
                zip((tx.cell_id(g.kind.path, c) for c in g.kind.columns), split, strict=True)
            )
        if all(_holds(identity, values) for identity in columns):
            fitting.append(combo)
            if len(fitting) > 1:
                return chosen
    if len(fitting) == 1:
        reason = "表三的列勾稽关系 / the column identities of table 三"
        for g, split in zip(open_rows, fitting[0], strict=True):
            chosen[id(g)] = (list(split), reason)
    return chosen


def unglue(
    paragraphs: list[Paragraph], limits: Limits | None = None
) -> tuple[list[Paragraph], list[Finding]]:
    """Lines with glued table rows split into one line per row, its values separated.

    Returns the new lines (the others unchanged) and a ``text-glued`` finding for every row
    whose digits could not be split uniquely (its line keeps the label and no value).

    Example::

        >>> from govinfo_report.findings import SourceRef
        >>> lines, notes = unglue([Paragraph("（一）予以公开5200007", SourceRef(line=9))])
        >>> [p.text for p in lines], notes
        (['（一）予以公开 5 2 0 0 0 0 7'], [])
        >>> lines, notes = unglue([Paragraph("（一）予以公开270020130", SourceRef(line=9))])
        >>> [p.text for p in lines], notes[0].code
        ([], 'text-glued')
        >>> notes[0].message_zh.split("：", 1)[1]
        '粘连的数字 270020130 有 2 种可能的拆分（2|7|0|0|20|1|30；27|0|0|2|0|1|30），未取值'
    """
    limit = (limits or default_limits()).glued_row_splits
    found = _find(paragraphs, limit)
    if not found:
        return paragraphs, []
    version = _version(found)
    chosen = _by_table(found, version, limit)
    out = list(paragraphs)
    notes: list[Finding] = []
    for position, pieces, rows in reversed(found):
        source = paragraphs[position].source
        lines: list[Paragraph] = []
        for piece, g in zip(pieces, rows, strict=False):
            lead = piece.strip()
            if lead:
                lines.append(Paragraph(lead, source))
            pick = chosen.get(id(g))
            if pick is None:  # no value, and no label line that could take a neighbour's
                notes.append(_ambiguous(g, source))
                continue
            values, reason = pick
            note = f"recovered: 由粘连数字 {g.digits} 唯一拆分（{reason}）/ unique split of glued digits"
            lines.append(
                Paragraph(
                    " ".join([g.prefix or "总计", *(str(v) for v in values)]), source, note=note
                )
            )
        tail = pieces[-1].strip() if len(pieces) > len(rows) else ""
        if tail:
            lines.append(Paragraph(tail, source))
        out[position : position + 1] = lines
    return out, notes


def _ambiguous(g: _Glued, source: object) -> Finding:
    shown = "；".join("|".join(str(v) for v in c) for c in g.candidates[:_SHOWN])
    more = "等" if len(g.candidates) > _SHOWN or not g.complete else ""
    count = f"{len(g.candidates)}{'+' if not g.complete else ''}"
    return make_finding(
        TEXT_GLUED,
        path=g.kind.path,
        labels=g.kind.labels,
        actual=g.digits,
        source=source,  # type: ignore[arg-type]
        digits=g.digits,
        count=count,
        options=(shown + more) or "无 / none",
    )

"""Mapping layer: from a :class:`~govinfo_report.parse._grid.Document` to a lenient Draft.

Format-independent: the same code reads text, HTML, DOCX and PDF. Rows and columns are found by
their labels, normalised (:mod:`._labels`) and matched against the taxonomy with the known
variants; never by fixed row numbers. Rows are aligned in printed order, which settles the short
labels (``3.其他``, ``（七）总计``). The format version is read from the labels, not the year.
Nothing is invented: a cell is in the draft only when it was found, with its text as printed and
where it was found.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import cache, lru_cache

import attrs

from .. import taxonomy as tx
from ..catalog import CELL_MISSING
from ..draft import (
    CellStatus,
    Draft,
    DraftCell,
    DraftSection,
    classify,
    in_column_unit,
)
from ..errors import ParseError
from ..findings import Finding, SourceRef, make_finding
from ..narrative import ORDINALS, stated_fee
from ..taxonomy import FormatVersion
from ._grid import Document, GridCell, InputKind, Paragraph, Table
from ._labels import (
    CASE_CELLS,
    ROW_VARIANTS,
    SECTION_VARIANTS,
    core,
    head_core,
    strip_enumerator,
)
from ._meta import DATE_LINE, read_metadata
from ._reflow import reflow

__all__ = ["is_section_title", "to_draft"]

_VALUEISH = (CellStatus.NUMBER, CellStatus.DASH, CellStatus.WITH_UNIT, CellStatus.BLANK)
_NUMERAL_HEAD = re.compile(rf"^\s*([{ORDINALS}]{{1,3}})\s*[、.．,，:：]?\s*")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s*|>\s*|\*\*|__)|(?:\*\*|__)\s*$")
_WRAPPED_NUMBER = re.compile(r"^\s*\d+(?:\s*\n\s*\d+)+\s*$")

_classify = lru_cache(maxsize=16384)(classify)

_PROACTIVE, _REQUESTS, _CASES = tx.TABLE_SECTIONS
_CASES_PREFIX = _CASES + "."

# The corner label of the section 二 sub-tables' header row ("信息内容"), from the taxonomy.
_PROACTIVE_HEADERS = tuple({core(t.header) for v in FormatVersion for t in tx.subtables(v)})

# --- section headings --------------------------------------------------------------------


@cache
def _section_cores() -> dict[str, tuple[str, ...]]:
    cores: dict[str, list[str]] = {}
    for version in FormatVersion:
        for section in tx.sections(version):
            for title in (section.title, *section.title_variants):
                cores.setdefault(section.key, []).append(core(strip_enumerator(title)))
    for key, variants in SECTION_VARIANTS.items():
        cores.setdefault(key, []).extend(core(v) for v in variants)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in cores.items()}


def _section_order() -> tuple[str, ...]:
    return tuple(s.key for s in tx.sections(FormatVersion.V2021))


@lru_cache(maxsize=8192)
def _heading(text: str) -> tuple[str, str, str] | None:
    """If ``text`` starts with a section title: (section key, title as found, rest of the line)."""
    stripped = _MARKUP.sub("", text).strip()
    if not stripped or len(stripped) > 400:
        return None
    match = _NUMERAL_HEAD.match(stripped)
    if match is None:
        return None
    body = stripped[match.end() :]
    body_core = core(body[:80])
    if not body_core:
        return None
    for key, cores in _section_cores().items():
        for title_core in cores:
            if body_core.startswith(title_core):
                return _split_title(stripped, match.end(), len(title_core), key)
    # tolerate small typos (OCR, a missing character) in a line that is only the title
    if len(core(stripped)) <= 30:
        for key, cores in _section_cores().items():
            for title_core in cores:
                if abs(len(body_core) - len(title_core)) > 2:
                    continue
                matcher = difflib.SequenceMatcher(None, body_core, title_core)
                if matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85:
                    return key, stripped, ""
    return None


def is_section_title(text: str) -> bool:
    """Whether a line starts with one of the six section titles (or a known variant)."""
    return _heading(text) is not None


def _split_title(text: str, start: int, length: int, key: str) -> tuple[str, str, str]:
    count = 0
    position = start
    while position < len(text) and count < length:
        if core(text[position]):
            count += 1
        position += 1
    # keep a closing punctuation mark or a trailing "表" etc. with the title only if it is all
    rest = text[position:]
    if not core(rest) or len(core(rest)) <= 1:
        return key, text, ""
    return key, text[:position].rstrip(), rest.lstrip("：:。 \t")


# --- rows of section 三 ----------------------------------------------------------------


@attrs.frozen
class _Leaf:
    index: int
    row_id: str
    labels: tuple[str, ...]
    cores: tuple[str, ...]  # plain cores, longest first
    short: tuple[str, ...]  # enumerated forms of short cores


@cache
def _leaves(version: FormatVersion) -> tuple[_Leaf, ...]:
    leaves = []
    for index, path in enumerate(tx.request_row_leaves(version)):
        node = path[-1]
        row = tx.row_id(path)
        plain = {core(strip_enumerator(node.label)), head_core(node.label)}
        plain |= {core(v) for v in ROW_VARIANTS.get(row, ())}
        plain.discard("")
        long_cores = tuple(sorted((c for c in plain if len(c) > 2), key=len, reverse=True))
        # a short label ("3.其他") only counts with its enumerator
        short = (core(node.label),) if any(len(c) <= 2 for c in plain) else ()
        leaves.append(_Leaf(index, row, tuple(n.label for n in path), long_cores, short))
    return tuple(leaves)


def _leaf_score(leaf: _Leaf, label: str, at_pointer: bool) -> int:
    best = 0
    for candidate in leaf.cores:
        if candidate in label:
            best = max(best, len(candidate))
            break
    for candidate in leaf.short:
        if candidate in label:
            best = max(best, len(candidate))
    if not best and at_pointer:
        plain = core(strip_enumerator(leaf.labels[-1]))
        if plain and label.endswith(plain):
            best = len(plain)
        elif leaf.cores:
            tail = label[-len(leaf.cores[0]) - 2 :]
            ratio = difflib.SequenceMatcher(None, tail, leaf.cores[0]).ratio()
            if ratio >= 0.75 and len(leaf.cores[0]) >= 4:
                best = 1
    return best


def _match_leaf(leaves: Sequence[_Leaf], label: str, pointer: int, taken: set[int]) -> _Leaf | None:
    best: tuple[int, int, int] | None = None
    chosen = None
    for leaf in leaves:
        if leaf.index in taken:
            continue
        score = _leaf_score(leaf, label, leaf.index == pointer)
        if not score:
            continue
        key = (score, 1 if leaf.index >= pointer else 0, -abs(leaf.index - pointer))
        if best is None or key > best:
            best, chosen = key, leaf
    return chosen


# --- version detection -----------------------------------------------------------------


@cache
def _version_labels(version: FormatVersion) -> frozenset[str]:
    labels: set[str] = set()
    for table in tx.subtables(version):
        labels.add(core(table.caption))
        labels.update(core(c.label) for c in table.columns)
        labels.update(core(r.label) for r in table.rows)
    for path in tx.request_row_leaves(version):
        for node in path:
            labels.add(core(strip_enumerator(node.label)))
            for variant in ROW_VARIANTS.get(tx.row_id(path), ()):
                labels.add(core(variant))
    return frozenset(label for label in labels if len(label) >= 4)


def _detect_version(
    tables: Iterable[Table],
) -> tuple[FormatVersion | None, float, dict[FormatVersion, list[str]]]:
    only = {
        FormatVersion.V2019: _version_labels(FormatVersion.V2019)
        - _version_labels(FormatVersion.V2021),
        FormatVersion.V2021: _version_labels(FormatVersion.V2021)
        - _version_labels(FormatVersion.V2019),
    }
    both = sorted(
        _version_labels(FormatVersion.V2019) | _version_labels(FormatVersion.V2021),
        key=len,
        reverse=True,
    )
    text = "|".join(
        core(cell.text) for table in tables for row in table.rows for cell in row if not cell.merged
    )
    found: dict[FormatVersion, list[str]] = {v: [] for v in FormatVersion}
    for label in both:
        if label in text:
            for version, labels in only.items():
                if label in labels:
                    found[version].append(label)
            text = text.replace(label, "|")
    n19, n21 = len(found[FormatVersion.V2019]), len(found[FormatVersion.V2021])
    if not n19 and not n21:
        return None, 0.0, found
    version = FormatVersion.V2019 if n19 > n21 else FormatVersion.V2021
    confidence = max(n19, n21) / (n19 + n21)
    return version, round(confidence if min(n19, n21) else 0.95, 2), found


# --- the reader ------------------------------------------------------------------------


@attrs.define
class _Reader:
    document: Document
    version: FormatVersion
    cells: dict[str, DraftCell] = attrs.field(factory=dict)
    notes: list[Finding] = attrs.field(factory=list)
    colmaps: dict[str, tuple[int, dict[int, str]]] = attrs.field(factory=dict)

    @property
    def name(self) -> str | None:
        return self.document.name

    def put(self, cell_id: str, cell: GridCell, note: str | None = None) -> None:
        if cell_id in self.cells:
            return
        text = cell.text
        notes = [n for n in (note, cell.note) if n]
        if _WRAPPED_NUMBER.match(text):
            notes.append("数字跨行 / number wrapped across lines")
            text = re.sub(r"\s+", "", text)
        if cell.continued:
            notes.append("数字在续行 / value on a continuation line")
        if cell.merged:
            notes.append("合并单元格 / merged cell")
        drafted = DraftCell.read(text.strip(), cell.source)
        spec = tx.cell_index(self.version).get(cell_id)
        if drafted.status is CellStatus.WITH_UNIT and drafted.value is not None and spec:
            notes.append(_unit_note(spec.kind, drafted.value, drafted.unit))
        if notes:
            drafted = attrs.evolve(drafted, note="; ".join(notes))
        self.cells[cell_id] = drafted

    # -- section 二 ------------------------------------------------------------------

    def read_proactive(self, table: Table, strict: bool = False) -> None:
        """Rows of table 二's sub-tables, by their labels (every match is clear: ``strict`` is moot)."""
        subtables = {t.key: t for t in tx.subtables(self.version)}
        row_index = _proactive_rows()
        header: dict[int, str] | None = None
        rows = list(table.rows)
        for position, row in enumerate(rows):
            label_cells = [c for c in row if c.text.strip() and not c.merged]
            if not label_cells:
                continue
            first = core(label_cells[0].text)
            if first in _PROACTIVE_HEADERS or (
                not table.positional and first.startswith(_PROACTIVE_HEADERS)
            ):
                header = {c: core(cell.text) for c, cell in enumerate(row) if not cell.merged}
                continue
            found = _match_proactive(row, table.positional, row_index)
            if found is None or found[0] not in subtables:
                continue
            table_key, row_key, label_at = found
            spec = subtables[table_key]
            row_id = tx.cell_id(_PROACTIVE, table_key, row_key)
            labels = (spec.caption, _row_label(spec, row_key))
            width = len(spec.columns)
            if table.positional:
                self.put_row(row_id, labels, spec.columns, _gather(rows, position, width)[-width:])
            elif header and (mapping := _column_map(header, spec.columns)):
                self.put_mapped(row_id, row, mapping)
            else:
                rest = [cell for cell in row[label_at + 1 :] if not cell.merged]
                self.put_row(row_id, labels, spec.columns, rest[:width])

    def put_row(
        self,
        row_id: str,
        labels: tuple[str, ...],
        columns: Sequence[tx.Column | str],
        values: Sequence[GridCell],
    ) -> None:
        """A row's values under its columns in order; a row with too few values is noted."""
        if len(values) < len(columns):
            self.note_missing(row_id, labels)
            return
        for column, cell in zip(columns, values, strict=True):
            self.put(tx.cell_id(row_id, column), cell)

    def put_mapped(self, prefix: str, row: Sequence[GridCell], mapping: dict[int, str]) -> None:
        """A row's values by a column map (grid column → column key below ``prefix``)."""
        for c, key in mapping.items():
            if c < len(row):
                self.put(tx.cell_id(prefix, key), row[c])

    # -- section 三 ------------------------------------------------------------------

    def read_requests(self, table: Table, strict: bool = False) -> None:
        """Rows of table 三: matched to the format's rows by label, in printed order."""
        if table.positional:
            self._read_requests_text(table, strict)
            return
        leaves = _leaves(self._table_layout(table))
        taken = {leaf.index for leaf in leaves if self._row_taken(leaf.row_id)}
        pointer = min((i for i in range(len(leaves)) if i not in taken), default=len(leaves))
        columns = tx.REQUEST_COLUMNS
        header_rows: list[tuple[GridCell, ...]] = []
        mapping: dict[int, str] | None = None
        first_data = True
        for row in table.rows:
            label_at = _label_end(row, len(columns))
            label = "|".join(core(c.text) for c in _distinct(row[: label_at + 1]))
            leaf = _match_leaf(leaves, label, pointer, taken) if label else None
            if leaf is None or (
                strict and leaf.index != pointer and _leaf_score(leaf, label, False) < 4
            ):
                header_rows.append(row)
                continue
            taken.add(leaf.index)
            pointer = leaf.index + 1
            row_id = tx.cell_id(_REQUESTS, leaf.row_id)
            if first_data:
                first_data = False
                mapping = self._header_map("requests", table, header_rows, _request_column_map)
            if mapping:
                self.put_mapped(row_id, row, mapping)
            else:
                self.put_row(row_id, leaf.labels, columns, row[1:][-len(columns) :])

    def _read_requests_text(self, table: Table, strict: bool) -> None:
        """Rows of a text table: aligned to the format's rows in order, labels deciding.

        Every row of seven values is a data row in printed order; labels (often broken or
        displaced in extracted text) choose among the alignments that place the most rows.
        """
        width = len(tx.REQUEST_COLUMNS)
        rows = [r for r in _merge_continuations(table.rows, (width,)) if len(r) > 1]
        layout = self._table_layout(table)
        leaves = [leaf for leaf in _leaves(layout) if not self._row_taken(leaf.row_id)]
        candidates: list[tuple[str, list[GridCell]]] = []
        for row in rows:
            label = core(row[0].text)
            values = list(row[1:])
            while len(values) > width and not values[-1].text.strip():
                values.pop()  # empty trailing cells of a ragged Markdown row
            if "复议" in label or "诉讼" in label:
                continue
            scores = [_leaf_score(leaf, label, False) for leaf in leaves]
            if len(values) == width or (len(values) > width and max(scores, default=0)):
                candidates.append((label, values[-width:]))
            elif len(values) < width and max(scores, default=0) >= 4:
                best = leaves[scores.index(max(scores))]
                self.note_missing(tx.cell_id(_REQUESTS, best.row_id), best.labels)
        if strict:
            candidates = [c for c in candidates if any(_leaf_score(x, c[0], False) for x in leaves)]
        for index, leaf in _align([c[0] for c in candidates], leaves):
            row_id = tx.cell_id(_REQUESTS, leaf.row_id)
            self.put_row(row_id, leaf.labels, tx.REQUEST_COLUMNS, candidates[index][1])

    def _table_layout(self, table: Table) -> FormatVersion:
        """The layout table 三 is printed in, from its rows (a mixed report keeps every cell).

        One （六）其他处理 row holding values is the 2019 layout; its three sub-item rows are the
        2021 layout. A table in the other layout than the report is read in its own layout, so
        its cells carry that layout's ids (the validator's ``table-layout`` says so).
        """
        single, items = _layout_rows(table)
        if single and not items:
            return FormatVersion.V2019
        if items and not single:
            return FormatVersion.V2021
        return self.version

    def _row_taken(self, row_id: str) -> bool:
        return tx.cell_id(_REQUESTS, row_id, tx.REQUEST_COLUMNS[0]) in self.cells

    def _header_map(
        self,
        kind: str,
        table: Table,
        header_rows: list[tuple[GridCell, ...]],
        build: Callable[[Sequence[Sequence[GridCell]]], dict[int, str] | None],
    ) -> dict[int, str] | None:
        width = max((len(r) for r in table.rows), default=0)
        mapping = build(header_rows) if header_rows else None
        if mapping:
            self.colmaps[kind] = (width, mapping)
            return mapping
        previous = self.colmaps.get(kind)
        if previous and previous[0] == width:
            return previous[1]
        return None

    # -- section 四 ------------------------------------------------------------------

    def read_cases(self, table: Table, strict: bool = False) -> None:
        """Table 四: one row of the three groups' 15 values, or one row (or table) per group."""
        widths = (len(tx.CASE_COLUMNS), len(CASE_CELLS))
        rows = _merge_continuations(table.rows, widths) if table.positional else table.rows
        header_rows: list[tuple[GridCell, ...]] = []
        for row in rows:
            if table.positional:
                found = self._case_text_row(row, strict)
            else:
                found = self._case_grid_row(row, header_rows, strict, table)
            if found is _Row.DONE:
                return
            if found is _Row.HEADER:
                header_rows.append(row)

    def _cases_read(self) -> bool:
        return any(c.startswith(_CASES_PREFIX) for c in self.cells)

    def _case_text_row(self, row: Sequence[GridCell], strict: bool) -> _Row:
        """A text row: one group's five values, the three groups' fifteen, or a header line."""
        values = row[1:]
        label = core(row[0].text) if row else ""
        if len(values) == len(tx.CASE_COLUMNS):  # one group per row (or per table)
            group = _case_group(label)
            if group and tx.cell_id(_CASES, group, "total") not in self.cells:
                self.put_row(tx.cell_id(_CASES, group), (), tx.CASE_COLUMNS, values)
            return _Row.SKIPPED
        if len(values) < len(CASE_CELLS):
            return _Row.HEADER
        if strict and "复议" not in label:
            return _Row.SKIPPED
        if not self._cases_read():
            self.put_row(_CASES, (), CASE_CELLS, values[-len(CASE_CELLS) :])
        return _Row.DONE

    def _case_grid_row(
        self,
        row: Sequence[GridCell],
        header_rows: list[tuple[GridCell, ...]],
        strict: bool,
        table: Table,
    ) -> _Row:
        """A grid row: a header row until the row of fifteen values (mapped by the header)."""
        if self._cases_read():
            return _Row.DONE
        statuses = [_classify(c.text)[0] for c in row]
        valueish = sum(1 for s in statuses if s in _VALUEISH)
        texts = sum(1 for s in statuses if s is CellStatus.TEXT)
        width = len(CASE_CELLS)
        if len(row) < width or valueish < width or (texts and valueish == texts):
            return _Row.HEADER
        named = any("复议" in core(c.text) for r in header_rows for c in r)
        if not named and not any(s is not CellStatus.BLANK for s in statuses):
            return _Row.HEADER
        if strict and not named:
            return _Row.DONE
        mapping = self._header_map("cases", table, header_rows, _case_column_map)
        if mapping:
            self.put_mapped(_CASES, row, mapping)
        else:
            self.put_row(_CASES, (), CASE_CELLS, row[-width:])
        return _Row.DONE

    def note_missing(self, row_id: str, labels: tuple[str, ...]) -> None:
        """A row found whose values could not be placed (``cell-missing`` on the row)."""
        self.notes.append(make_finding(CELL_MISSING, path=row_id, labels=labels))


class _Row(enum.Enum):
    """What a row of table 四 was: a header, passed over, or the table read."""

    HEADER = "header"
    SKIPPED = "skipped"
    DONE = "done"


def _gather(rows: list[tuple[GridCell, ...]], position: int, width: int) -> list[GridCell]:
    """A text row's values and those of the value-only lines after it while they fit (consumed)."""
    values = list(rows[position][1:])
    following = position + 1
    while len(values) < width and following < len(rows):
        extra = rows[following]
        if extra[0].text.strip() or len(values) + len(extra) - 1 > width:
            break
        values.extend(extra[1:])
        rows[following] = (extra[0],)  # consumed
        following += 1
    return values


_OTHER_HANDLING = head_core(
    next(n.label for n in tx.request_rows(FormatVersion.V2019) if n.key == "other_handling")
)
_OTHER_ITEMS = tuple(
    core(label)
    for key in ("no_amendment", "fee_unpaid")
    for label in (
        *(
            head_core(child.label)
            for n in tx.request_rows(FormatVersion.V2021)
            if n.key == "other_handling"
            for child in n.children
            if child.key == key
        ),
        *ROW_VARIANTS.get(tx.cell_id("other_handling", key), ()),
    )
)


def _layout_rows(table: Table) -> tuple[bool, bool]:
    """Whether table 三 prints one （六）其他处理 row with values, and the 2021 sub-item rows."""
    single = items = False
    for row in table.rows:
        texts = [c.text for c in row if c.text.strip()]
        label = core("".join(t for t in texts if _classify(t.strip())[0] not in _VALUEISH))
        if any(item and item in label for item in _OTHER_ITEMS):
            items = True
        elif label.endswith(_OTHER_HANDLING) and any(
            _classify(t.strip())[0] is CellStatus.NUMBER for t in texts
        ):
            single = True
    return single, items


def _unit_note(kind: tx.CellKind, value: int | Decimal, unit: str | None) -> str:
    """What a unit printed in a cell means for its value, as a note on the cell."""
    column_unit = "万元" if kind is tx.CellKind.AMOUNT else "件"
    read = in_column_unit(kind, value, unit)
    if read is None:
        return (
            f"单位“{unit}”与本列（{column_unit}）不符，不参与勾稽 / the unit {unit} does not fit "
            f"the column ({column_unit}): left out of the identities"
        )
    if read == value:
        return f"印有单位“{unit}” / printed with the unit {unit}"
    shown = format(Decimal(read).normalize(), "f")
    return (
        f"印有单位“{unit}”，按本列单位读作 {shown}{column_unit} / printed in {unit}: "
        f"{shown} in the column's unit ({column_unit})"
    )


def _merge_continuations(
    rows: Sequence[tuple[GridCell, ...]], widths: tuple[int, ...]
) -> list[tuple[GridCell, ...]]:
    """Join a value-only line to the row before it when together they make a full row."""
    merged: list[tuple[GridCell, ...]] = []
    for row in rows:
        continued = bool(row) and not row[0].text.strip() and all(c.continued for c in row[1:])
        if continued and merged and len(row) > 1:
            previous = merged[-1]
            have = len(previous) - 1
            if have and have not in widths and have + len(row) - 1 in widths:
                merged[-1] = (*previous, *row[1:])
                continue
        merged.append(row)
    return merged


def _align(labels: Sequence[str], leaves: Sequence[_Leaf]) -> list[tuple[int, _Leaf]]:
    """Align rows to leaves in order: most rows placed first, then best label agreement."""
    n, m = len(labels), len(leaves)
    scores = [[_leaf_score(leaf, label, False) for leaf in leaves] for label in labels]
    best = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            count, score = best[i - 1][j - 1]
            best[i][j] = max(
                best[i - 1][j], best[i][j - 1], (count + 1, score + scores[i - 1][j - 1])
            )
    pairs: list[tuple[int, _Leaf]] = []
    i, j = n, m
    while i and j:
        count, score = best[i - 1][j - 1]
        if best[i][j] == (count + 1, score + scores[i - 1][j - 1]):
            pairs.append((i - 1, leaves[j - 1]))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _case_group(label: str) -> str | None:
    """The section 四 group named last in a label (行政复议, 未经复议直接起诉, 复议后起诉)."""
    marks = {
        "litigation_after_review": max(label.rfind("复议后起诉"), label.rfind("经复议后")),
        "litigation_direct": max(label.rfind("未经复议"), label.rfind("直接起诉")),
        "review": label.rfind("行政复议"),
    }
    key, position = max(marks.items(), key=lambda item: item[1])
    return key if position >= 0 else None


def _row_label(spec: tx.SubTable, row_key: str) -> str:
    return next((r.label for r in spec.rows if r.key == row_key), row_key)


def _distinct(cells: Iterable[GridCell]) -> list[GridCell]:
    seen: set[str] = set()
    result = []
    for cell in cells:
        text = cell.text.strip()
        if text and text not in seen:
            seen.add(text)
            result.append(cell)
    return result


def _label_end(row: Sequence[GridCell], width: int) -> int:
    """The index of the last label cell of a grid row (before the value columns)."""
    last_text = -1
    for i, cell in enumerate(row):
        status = _classify(cell.text)[0]
        if status is CellStatus.TEXT and not _WRAPPED_NUMBER.match(cell.text):
            last_text = i
    if last_text < 0:
        return -1
    return min(last_text, max(len(row) - width - 1, last_text))


@cache
def _proactive_rows() -> dict[str, tuple[str, str]]:
    rows: dict[str, tuple[str, str]] = {}
    for version in FormatVersion:
        for table in tx.subtables(version):
            for row in table.rows:
                rows[core(row.label)] = (table.key, row.key)
    return rows


def _match_proactive(
    row: Sequence[GridCell], positional: bool, rows: dict[str, tuple[str, str]]
) -> tuple[str, str, int] | None:
    if positional:
        label = core(row[0].text)
        if len(row) < 2:
            return None
        for key in sorted(rows, key=len, reverse=True):
            if label.endswith(key):
                return (*rows[key], 0)
        return None
    for i, cell in enumerate(row):
        if cell.merged or not cell.text.strip():
            continue
        label = core(strip_enumerator(cell.text))
        if label in rows:
            return (*rows[label], i)
        return None
    return None


def _column_map(header: dict[int, str], columns: Sequence[tx.Column]) -> dict[int, str] | None:
    wanted = {core(c.label): c.key for c in columns}
    mapping: dict[int, str] = {}
    for c, text in sorted(header.items()):
        key = wanted.get(text)
        if key and key not in mapping.values():
            mapping[c] = key
    return mapping if len(mapping) == len(columns) else None


def _bottom_texts(header_rows: Sequence[Sequence[GridCell]]) -> dict[int, list[str]]:
    paths: dict[int, list[str]] = {}
    for row in header_rows:
        for c, cell in enumerate(row):
            text = core(cell.text)
            if not text:
                continue
            path = paths.setdefault(c, [])
            if not path or path[-1] != text:
                path.append(text)
    return paths


def _request_column_map(header_rows: Sequence[Sequence[GridCell]]) -> dict[int, str] | None:
    wanted = {core(c.label): c.key for c in tx.REQUEST_COLUMNS}
    mapping: dict[int, str] = {}
    for c, path in sorted(_bottom_texts(header_rows).items()):
        key = wanted.get(path[-1])
        if key and key not in mapping.values():
            mapping[c] = key
    return mapping if len(mapping) == len(wanted) else None


def _case_column_map(header_rows: Sequence[Sequence[GridCell]]) -> dict[int, str] | None:
    columns = {core(c.label): c.key for c in tx.CASE_COLUMNS}
    groups = {core(g.label): g.key for g, _ in tx.CASE_GROUPS}
    mapping: dict[int, str] = {}
    for c, path in sorted(_bottom_texts(header_rows).items()):
        column = columns.get(path[-1])
        group = next((groups[p] for p in reversed(path[:-1]) if p in groups), None)
        if column and group:
            key = tx.cell_id(group, column)
            if key not in mapping.values():
                mapping[c] = key
    return mapping if len(mapping) == len(columns) * len(groups) else None


# --- sections and assembly ---------------------------------------------------------------


@attrs.frozen
class _Heading:
    position: int
    key: str
    title: str
    rest: str
    source: SourceRef


def _find_headings(document: Document) -> list[_Heading]:
    order = _section_order()
    found: list[_Heading] = []
    done: set[str] = set()
    for position, block in enumerate(document.blocks):
        if not isinstance(block, Paragraph):
            continue
        head = _heading(block.text)
        if head is None or head[0] in done:
            continue
        key, title, rest = head
        # keep printed order: a title earlier in the order than one already found is text
        if found and order.index(key) < order.index(found[-1].key):
            continue
        done.add(key)
        found.append(_Heading(position, key, title, rest, block.source))
    return found


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        texts = [c.text.strip() for c in row if not c.merged and c.text.strip()]
        if texts:
            lines.append("\t".join(texts))
    return lines


def _section_text(blocks: Sequence[object], narrative: bool) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if narrative or not block.in_table:
                lines.append(block.text)
        elif isinstance(block, Table) and narrative and not block.positional:
            lines.extend(_table_lines(block))
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


# Inputs laid out on pages, whose narrative lines are wrapped at the page edge.
_PAGED = (InputKind.TEXT, InputKind.PDF)


# A signing line: a body's name, short, no sentence punctuation ("沭阳县发展和改革局").
_SIGNER = re.compile(r"^[^，,。；;：:！？!?、“”\d]{2,40}$")


def split_closing(text: str) -> tuple[str, str]:
    r"""Split the signature off the end of the last section: ``(text, closing)``.

    The closing is a date line (``2024年1月17日``) at the very end, with the one or two signing
    lines just above it; without a final date line nothing is split off.

    >>> split_closing("无。\n\n某某局\n2024年1月17日")
    ('无。', '某某局\n2024年1月17日')
    >>> split_closing("2024年1月17日，本局召开会议。")
    ('2024年1月17日，本局召开会议。', '')
    """
    lines = text.rstrip().split("\n")
    if not lines or not DATE_LINE.match(lines[-1]):
        return text, ""
    start = len(lines) - 1
    while start > 0 and len(lines) - start < 3 and _SIGNER.match(lines[start - 1].strip()):
        start -= 1
    body = "\n".join(lines[:start]).rstrip()
    closing = "\n".join(line.strip() for line in lines[start:])
    return body, closing


_TABLE_READERS: dict[str, Callable[[_Reader, Table, bool], None]] = {
    _PROACTIVE: _Reader.read_proactive,
    _REQUESTS: _Reader.read_requests,
    _CASES: _Reader.read_cases,
}
"""The reader of the table in each table section (called with ``strict``)."""


def _owners(count: int, headings: Sequence[_Heading]) -> list[str | None]:
    """The section each block is in (``None`` before the first heading)."""
    starts = {h.position: h.key for h in headings}
    owners: list[str | None] = []
    current: str | None = None
    for position in range(count):
        current = starts.get(position, current)
        owners.append(current)
    return owners


def _read_tables(reader: _Reader, document: Document, headings: Sequence[_Heading]) -> None:
    """Every table read by its section's reader; a table elsewhere only by clear matches."""
    have_sections = len(headings) >= 2
    owners = _owners(len(document.blocks), headings)
    for block, section in zip(document.blocks, owners, strict=True):
        if not isinstance(block, Table):
            continue
        if section in _TABLE_READERS:
            _TABLE_READERS[section](reader, block, False)
        elif not (have_sections and block.positional):
            # a table outside the table sections (or no titles at all): only clear matches
            for read in _TABLE_READERS.values():
                read(reader, block, True)


def _sections(
    document: Document, headings: Sequence[_Heading]
) -> tuple[dict[str, DraftSection], str]:
    """Each section's printed title and text, and the closing split off the last one."""
    blocks = document.blocks
    sections: dict[str, DraftSection] = {}
    bounds = [h.position for h in headings] + [len(blocks)]
    for head, end in zip(headings, bounds[1:], strict=True):
        narrative = head.key not in _TABLE_READERS
        text = _section_text(blocks[head.position + 1 : end], narrative)
        if narrative and document.kind in _PAGED:
            text = "\n".join(reflow(text.split("\n")))
        if head.rest:
            text = f"{head.rest}\n{text}" if text else head.rest
        sections[head.key] = DraftSection(head.title, text, head.source)
    if not headings:
        return sections, ""
    last = headings[-1].key
    text, closing = split_closing(sections[last].text)
    sections[last] = attrs.evolve(sections[last], text=text)
    return sections, closing


def _preamble(document: Document, lines: Sequence[Paragraph]) -> str:
    """The text between the report's title and section 一."""
    texts = [p.text for p in lines]
    if document.kind in _PAGED:
        texts = reflow(texts)
    return "\n".join(texts).strip("\n")


def to_draft(document: Document) -> Draft:
    """Read a document into a draft.

    Missing sections and tables, titles that differ from the format and a mix of format
    versions are the validator's to judge (it sees drafts from every source alike); a parser
    notes only what it alone can know, and hands over what it saw: the printed titles, and the
    labels of one format version only, whatever cells they were read into.

    Raises:
        ParseError: when the document holds nothing of an annual report (no title, no section
            title, no table of the format): says what was found and what is missing.
    """
    blocks = document.blocks
    headings = _find_headings(document)
    version, confidence, evidence = _detect_version([b for b in blocks if isinstance(b, Table)])
    reader = _Reader(document, version or FormatVersion.V2021)
    _read_tables(reader, document, headings)
    sections, closing = _sections(document, headings)
    first = headings[0].position if headings else len(blocks)
    front = [b for b in blocks[:first] if isinstance(b, Paragraph)]
    metadata, title_lines = read_metadata(document, front, sections, version, confidence)
    if len(headings) < 2 and not reader.cells:
        raise ParseError(_not_a_report(document, metadata.agency, metadata.year))
    labels = {v: tuple(found) for v, found in evidence.items() if found}
    other = sections.get("other_matters")
    return Draft(
        metadata=attrs.evolve(metadata, format_labels=labels),
        cells=_ordered(reader.cells, version or FormatVersion.V2021),
        sections=sections,
        preamble=_preamble(document, front[title_lines:]),
        closing=closing,
        info_processing_fee_yuan=stated_fee(other.text if other else ""),
        notes=(*reader.notes, *document.findings),
        source=document.name,
    )


def _ordered(cells: dict[str, DraftCell], version: FormatVersion) -> dict[str, DraftCell]:
    order = {spec.id: i for i, spec in enumerate(tx.cell_specs(version))}
    return dict(sorted(cells.items(), key=lambda item: order.get(item[0], len(order))))


_KIND_NAMES = {
    InputKind.TEXT: "文本文件",
    InputKind.HTML: "HTML 文件",
    InputKind.DOCX: "Word 文件",
    InputKind.PDF: "PDF 文件",
    InputKind.XLSX: "xlsx 文件",
}
"""What a kind of input is called in Chinese messages."""


def _not_a_report(document: Document, agency: str | None, year: int | None) -> str:
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph) and b.text.strip()]
    tables = [b for b in document.blocks if isinstance(b, Table) and not b.positional]
    first = paragraphs[0].text.strip()[:30] if paragraphs else ""
    kind = _KIND_NAMES[document.kind]
    first_title = tx.sections(FormatVersion.V2021)[0].title
    counts_zh = f"{kind}有 {len(paragraphs)} 段文字、{len(tables)} 个表格"
    counts_en = (
        f"the {document.kind} file has {len(paragraphs)} paragraph(s) and {len(tables)} table(s)"
    )
    if agency or year:
        title = f"{agency or ''}{year or ''}"
        return (
            f"只找到报告标题（{title}），未找到六个部分的标题（{first_title} …）或表二至表四的任何一行"
            f"（{counts_zh}）/ found a report title ({title}) but none of the six section titles "
            f"and no row of tables 二–四 ({counts_en})"
        )
    return (
        f"不是{tx.TITLE_SUFFIX}：{counts_zh}"
        f"{'，开头为“' + first + '”' if first else ''}；"
        f"未找到报告标题（…年{tx.TITLE_SUFFIX}）、六个部分的标题（{first_title} …）"
        "或表二至表四的任何一行 / "
        f"not an annual report on government information disclosure: {counts_en}"
        f"{' starting with ' + repr(first) if first else ''}, but no report title "
        f"('…年{tx.TITLE_SUFFIX}'), none of the six section titles and no row of tables 二–四"
    )

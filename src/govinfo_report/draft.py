"""The lenient draft: a report as published, every printed number kept as found.

Published reports break their own totals, leave cells blank, write ``/`` or ``—`` or ``251000元``.
A :class:`Draft` keeps all of that, cell by cell, with where each cell was found, so that checks
can report it as data; :meth:`Draft.to_report` builds the strict model on request and raises
:class:`~govinfo_report.errors.InvariantViolation` listing every problem if it cannot.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

import attrs

from . import taxonomy as tx
from .accept import FULLWIDTH, KIND_REASONS, Number, Reason, cell_value_ok, number_problem
from .catalog import CELL_BLANK, CELL_INVALID, CELL_MISSING, CELL_UNIT
from .errors import InvariantViolation
from .findings import Finding, SourceRef, make_finding
from .identities import check as check_identities
from .model import AnnualReport, Cell, Metadata, from_values
from .narrative import join_parts, split_parts
from .taxonomy import CellKind, FormatVersion, Scope

__all__ = [
    "CellStatus",
    "Draft",
    "DraftCell",
    "DraftCells",
    "DraftMetadata",
    "DraftSection",
    "classify",
    "in_column_unit",
]


class CellStatus(enum.StrEnum):
    """What was printed in a cell.

    Examples:
        >>> from govinfo_report.draft import CellStatus, classify
        >>> classify("/")[0] is CellStatus.DASH
        True
    """

    NUMBER = "number"  # a plain number
    BLANK = "blank"  # nothing at all
    DASH = "dash"  # "/", "-", "—", "--", "不适用", "N/A": not reported
    WITH_UNIT = "with_unit"  # a number with a unit, e.g. "251000元"
    TEXT = "text"  # anything else


_DASHES = {"/", "／", "-", "－", "—", "——", "--", "–", "不适用", "N/A", "n/a", "NA", "无"}
_NUMBER = re.compile(r"^[+\-＋－]?\d[\d,，]*(\.\d+)?$")
_WITH_UNIT = re.compile(r"^([+\-]?\d[\d,，]*(?:\.\d+)?)\s*(件|个|项|元|万元|亿元|次|条)$")


def _number(text: str) -> Number:
    clean = text.translate(FULLWIDTH).replace(",", "").replace("，", "")
    if clean.startswith("+"):
        clean = clean[1:]
    return int(clean) if re.fullmatch(r"-?\d+", clean) else Decimal(clean)


def classify(text: str) -> tuple[CellStatus, Number | None, str | None]:
    """Read a printed cell: its status, its numeric value if any, and its unit if printed.

    Examples:
        >>> classify("12")
        (<CellStatus.NUMBER: 'number'>, 12, None)
        >>> classify("251000元")
        (<CellStatus.WITH_UNIT: 'with_unit'>, 251000, '元')
        >>> classify("/")
        (<CellStatus.DASH: 'dash'>, None, None)
    """
    stripped = text.strip().translate(FULLWIDTH)
    if not stripped:
        return CellStatus.BLANK, None, None
    if stripped in _DASHES:
        return CellStatus.DASH, None, None
    try:
        if _NUMBER.match(stripped):
            return CellStatus.NUMBER, _number(stripped), None
        m = _WITH_UNIT.match(stripped)
        if m:
            return CellStatus.WITH_UNIT, _number(m.group(1)), m.group(2)
    except (InvalidOperation, ValueError):
        pass
    return CellStatus.TEXT, None, None


@attrs.frozen
class DraftCell:
    """One cell as published.

    Attributes:
        text: the text found in the cell, unchanged.
        status: what the text is (number, blank, dash, number with unit, other text).
        value: the number read from the text, if any.
        unit: the unit printed in the cell, if any.
        source: where the cell was found.
        note: anything the reader noticed (e.g. a wrapped number).

    Examples:
        >>> from govinfo_report.draft import DraftCell
        >>> cell = DraftCell.read("251000元")
        >>> cell.status.value, cell.value, cell.unit
        ('with_unit', 251000, '元')
    """

    text: str
    status: CellStatus
    value: Number | None = None
    unit: str | None = None
    source: SourceRef | None = None
    note: str | None = None

    @classmethod
    def read(cls, text: str, source: SourceRef | None = None, note: str | None = None) -> DraftCell:
        """Classify printed text into a cell."""
        status, value, unit = classify(text)
        return cls(text, status, value, unit, source, note)

    @classmethod
    def of(cls, value: Number) -> DraftCell:
        """A cell holding a clean number (e.g. from a model)."""
        return cls(str(value), CellStatus.NUMBER, value)


@attrs.frozen
class DraftSection:
    """A narrative section as published: the title as printed, its text, and where it starts.

    Examples:
        >>> from govinfo_report.draft import DraftSection
        >>> DraftSection(title="六、其他需要报告的事项", text="无。").text
        '无。'
    """

    title: str
    text: str
    source: SourceRef | None = None


def _confidences(value: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(value))


def _format_labels(
    value: Mapping[FormatVersion, tuple[str, ...]],
) -> Mapping[FormatVersion, tuple[str, ...]]:
    return MappingProxyType({FormatVersion(k): tuple(v) for k, v in value.items()})


@attrs.frozen
class DraftMetadata:
    """Metadata as far as it could be read; every field may be unknown.

    ``confidence`` maps a field name to how sure the reader is (0 to 1).

    Examples:
        >>> from govinfo_report.draft import DraftMetadata
        >>> meta = DraftMetadata(agency="某局", year=2023)
        >>> meta.format_version is None
        True
    """

    agency: str | None = None
    year: int | None = None
    format_version: FormatVersion | None = None
    scope: Scope | None = None
    published: dt.date | None = None
    confidence: Mapping[str, float] = attrs.field(factory=dict, converter=_confidences)
    # area B (issue 10): what a parser saw, for the validator to judge
    format_labels: Mapping[FormatVersion, tuple[str, ...]] = attrs.field(
        factory=dict, converter=_format_labels
    )
    """The printed labels that only one format version has, by version (a parser's evidence;
    labels of both versions are the validator's ``format-mix``)."""


def _frozen_map(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


class DraftCells(Mapping[str, DraftCell]):
    """The cells of a draft by cell id, read-only; called, it yields them as a report's do.

    ``draft.cells["requests.granted.total"]`` is the printed cell; ``draft.cells()`` yields a
    :class:`~govinfo_report.model.Cell` (id, labels, value) for every cell with a usable number,
    in printed order, as ``report.cells()`` does, so code can read either without ``isinstance``.

    Examples:
        >>> cells = DraftCells({"requests.granted.total": DraftCell.of(3)}, FormatVersion.V2021)
        >>> [(c.id, c.value) for c in cells()]
        [('requests.granted.total', 3)]
    """

    __slots__ = ("_cells", "_version")

    def __init__(
        self, cells: Mapping[str, DraftCell] | None = None, version: FormatVersion | None = None
    ) -> None:
        self._cells = dict(cells or {})
        self._version = version

    def __getitem__(self, key: str) -> DraftCell:
        return self._cells[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._cells)

    def __len__(self) -> int:
        return len(self._cells)

    def __repr__(self) -> str:
        return f"DraftCells({self._cells!r})"

    def __call__(self) -> Iterator[Cell]:
        version = self._version or FormatVersion.V2021
        values = _usable(self._cells, version)
        for spec in tx.cell_specs(version):
            value = values.get(spec.id)
            if value is not None:
                yield Cell(spec, value)


def _cell_map(value: Mapping[str, DraftCell]) -> DraftCells:
    return value if isinstance(value, DraftCells) else DraftCells(value)


@attrs.frozen
class Draft:
    """A report as published: lenient, checkable without raising, convertible on request.

    Attributes:
        metadata: what is known of agency, year, format and scope.
        cells: the cells found, keyed by stable cell id; a cell absent here was not found.
        sections: the narrative sections found, keyed by section key (``overview`` ...).
        preamble: text before section 一.
        closing: the lines after the last section that sign the report (署名 and 成文日期, e.g.
            "沭阳县发展和改革局\\n2024年1月17日"), as printed; the date is also in ``metadata``.
        info_processing_fee_yuan: the 信息处理费 collected (元), if stated.
        notes: findings the reader made while reading (e.g. a row whose values it could not
            place).
        source: the file or URL read, if any.

    Examples:
        >>> import govinfo_report as gr
        >>> draft = gr.Draft.from_report(gr.load("examples/city-2024.yaml"))
        >>> draft.cells["requests.new_requests.total"].value
        3119
        >>> draft.identity_findings()
        []
        >>> draft.to_report() == gr.load("examples/city-2024.yaml")
        True
    """

    metadata: DraftMetadata = attrs.field(factory=DraftMetadata)
    cells: DraftCells = attrs.field(factory=DraftCells, converter=_cell_map)
    sections: Mapping[str, DraftSection] = attrs.field(factory=dict, converter=_frozen_map)
    preamble: str = ""
    closing: str = ""
    info_processing_fee_yuan: Decimal | None = None
    notes: tuple[Finding, ...] = ()
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        # The cells read units in the columns of the draft's format version.
        object.__setattr__(self, "cells", DraftCells(self.cells, self.format_version))

    @property
    def format_version(self) -> FormatVersion:
        """The format version to check against (2021 when unknown)."""
        return self.metadata.format_version or FormatVersion.V2021

    def cell(self, cell_id: str) -> Number | None:
        """The usable value of one cell by its stable id, as ``report.cell`` gives it.

        ``None`` when the cell was not found, was blank, or holds no usable number.

        Raises:
            KeyError: if the draft's format has no such cell.

        >>> Draft(cells={"requests.granted.total": DraftCell.of(3)}).cell("requests.granted.total")
        3
        """
        if cell_id not in tx.cell_index(self.format_version):
            raise KeyError(cell_id)
        return self.values().get(cell_id)

    def values(self) -> dict[str, Number | None]:
        """The cells usable in identities: numbers and blanks (as None).

        A number printed with a unit is read in the column's unit ("251000元" in a 万元 column is
        25.1); cells with other text, or with a unit that does not fit the column ("5元" in a
        count of 件), are left out, so identities that need them are not assessed.
        """
        return _usable(self.cells, self.format_version)

    def cell_findings(self) -> list[Finding]:
        """Findings about single cells: missing, blank or dash, unit in the cell, not a number."""
        found: list[Finding] = []
        for spec in tx.cell_specs(self.format_version):
            cell = self.cells.get(spec.id)
            common: dict[str, Any] = {"path": spec.id, "labels": spec.labels}
            if cell is None:
                found.append(make_finding(CELL_MISSING, **common))
                continue
            common["source"] = cell.source
            if cell.status in (CellStatus.BLANK, CellStatus.DASH):
                found.append(make_finding(CELL_BLANK, actual=cell.text, text=cell.text, **common))
            elif cell.status is CellStatus.WITH_UNIT:
                found.append(make_finding(CELL_UNIT, actual=cell.text, text=cell.text, **common))
            misfit = (
                cell.status is CellStatus.WITH_UNIT
                and cell.value is not None
                and in_column_unit(spec.kind, cell.value, cell.unit) is None
            )
            if (
                cell.status is CellStatus.TEXT
                or misfit
                or (cell.value is not None and not _value_ok(spec.kind, cell.value))
            ):
                reason_zh, reason_en = _invalid_reason(spec.kind, cell)
                found.append(
                    make_finding(
                        CELL_INVALID,
                        actual=cell.text,
                        reason_zh=reason_zh,
                        reason_en=reason_en,
                        **common,
                    )
                )
        return found

    def identity_findings(self) -> list[Finding]:
        """The broken identities, each finding carrying the target cell's source location."""
        found = check_identities(self.format_version, self.values())
        located = []
        for finding in found:
            cell = self.cells.get(finding.path or "")
            located.append(attrs.evolve(finding, source=cell.source) if cell else finding)
        return located

    def check(self) -> tuple[Finding, ...]:
        """Every problem of the draft as findings; never raises."""
        return (*self.notes, *self.cell_findings(), *self.identity_findings())

    def to_report(self, *, blank_as_zero: bool = False) -> AnnualReport:
        """Build the strict model.

        Args:
            blank_as_zero: read blank and dash cells as 0 instead of rejecting them.

        Raises:
            InvariantViolation: listing every missing or invalid cell, every broken identity and
                every missing piece of metadata.
        """
        problems = [
            f
            for f in self.cell_findings()
            if f.code in ("cell-missing", "cell-invalid")
            or (f.code == "cell-blank" and not blank_as_zero)
        ]
        problems += self.identity_findings()
        meta = self.metadata
        for name in ("agency", "year", "format_version"):
            if getattr(meta, name) is None:
                problems.append(
                    make_finding(
                        CELL_MISSING,
                        path=f"metadata.{name}",
                        labels=tx.metadata_labels()[f"metadata.{name}"],
                    )
                )
        if problems:
            raise InvariantViolation(problems)
        version = self.format_version
        index = tx.cell_index(version)
        # Cells of the other format version are the validator's format-mix findings, not data.
        values = {k: (0 if v is None else v) for k, v in self.values().items() if k in index}
        return from_values(
            values,
            metadata=Metadata(
                agency=meta.agency or "",
                year=meta.year or 0,
                format_version=version,
                scope=meta.scope or Scope.AGENCY_ONLY,
                published=meta.published,
            ),
            preamble=self.preamble,
            overview=split_parts("overview", self._text("overview")),
            problems_improvements=split_parts(
                "problems_improvements", self._text("problems_improvements")
            ),
            other_matters={
                "text": self._text("other_matters"),
                "info_processing_fee_yuan": self.info_processing_fee_yuan,
            },
        )

    def _text(self, key: str) -> str:
        section = self.sections.get(key)
        return section.text if section else ""

    @classmethod
    def from_report(cls, report: AnnualReport) -> Draft:
        """The draft of a strict report: every cell a clean number, every section its text."""
        meta = report.metadata
        sections = {
            "overview": join_parts("overview", report.overview),
            "problems_improvements": join_parts(
                "problems_improvements", report.problems_improvements
            ),
            "other_matters": report.other_matters.text,
        }
        titles = {s.key: s.title for s in tx.sections(meta.format_version)}
        return cls(
            metadata=DraftMetadata(
                agency=meta.agency,
                year=meta.year,
                format_version=meta.format_version,
                scope=meta.scope,
                published=meta.published,
            ),
            cells={cell.id: DraftCell.of(cell.value) for cell in report.cells()},
            sections={k: DraftSection(titles[k], v) for k, v in sections.items()},
            preamble=report.preamble,
            info_processing_fee_yuan=report.other_matters.info_processing_fee_yuan,
        )


def _usable(cells: Mapping[str, DraftCell], version: FormatVersion) -> dict[str, Number | None]:
    index = tx.cell_index(version)
    found: dict[str, Number | None] = {}
    for key, cell in cells.items():
        if cell.status is CellStatus.TEXT:
            continue
        if cell.status is CellStatus.WITH_UNIT and cell.value is not None:
            spec = index.get(key)
            converted = in_column_unit(spec.kind, cell.value, cell.unit) if spec else None
            if converted is None:
                continue
            found[key] = converted
        else:
            found[key] = cell.value
    return found


_COUNT_UNITS = frozenset({"件", "个", "项", "次", "条"})
_AMOUNT_SCALE = {"元": -4, "万元": 0, "亿元": 4}  # powers of ten to reach 万元, the column's unit


def in_column_unit(kind: CellKind, value: Number, unit: str | None) -> Number | None:
    """``value`` printed with ``unit``, read in the unit of a column of ``kind``; None if unfit.

    Counts are in 件 (any counting word is accepted); amounts are in 万元, so 元 and 亿元 are
    scaled exactly. A money unit in a count column, or a counting word in an amount column, is
    unfit.

    Examples:
        >>> from govinfo_report.draft import in_column_unit
        >>> from govinfo_report.taxonomy import CellKind
        >>> in_column_unit(CellKind.AMOUNT, 251000, "元")
        Decimal('25.1000')
        >>> in_column_unit(CellKind.COUNT, 5, "元") is None
        True
    """
    if unit is None:
        return value
    if kind is CellKind.AMOUNT:
        scale = _AMOUNT_SCALE.get(unit)
        return None if scale is None else Decimal(value).scaleb(scale)
    return value if unit in _COUNT_UNITS else None


def _value_ok(kind: CellKind, value: Number) -> bool:
    if kind is CellKind.AMOUNT and type(value) is int:
        value = Decimal(value)
    return cell_value_ok(kind, value)


def _invalid_reason(kind: CellKind, cell: DraftCell) -> Reason:
    """What the cell's kind must be, and why its number cannot be taken when it tells.

    >>> _invalid_reason(CellKind.COUNT, DraftCell("1E+400", CellStatus.TEXT)).en
    'must be a whole number of at least 0, out of range (must be below 10^15)'
    """
    number = cell.value
    if number is None and cell.status is CellStatus.TEXT:
        try:
            number = Decimal(cell.text.strip())
        except InvalidOperation:
            number = None
    problem = None if number is None else number_problem(number)
    return KIND_REASONS[kind] if problem is None else KIND_REASONS[kind].then(problem)

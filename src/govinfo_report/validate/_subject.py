"""The one view every check reads: a report or a draft reduced to numbers, texts and metadata.

A strict :class:`~govinfo_report.model.AnnualReport` is read directly (``report.values()`` and its
narrative fields), without building a :class:`~govinfo_report.draft.Draft`: this is the fast path
that keeps table checks on models above ten thousand reports per second. A draft keeps its
printed cells, so the cell checks can say what was printed and where.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

import attrs

from .. import taxonomy as tx
from ..accept import Number
from ..draft import Draft, DraftCell, DraftMetadata
from ..findings import Finding, SourceRef
from ..model import AnnualReport, Metadata
from ..narrative import join_parts
from ..taxonomy import FormatVersion, Scope

__all__ = [
    "Number",
    "Subject",
    "detect_version",
    "subject_of",
    "version_only_cells",
]


@attrs.frozen(eq=False)
class Subject:
    """What the checks see of one report.

    Attributes:
        version: the format version the checks use (declared, else detected from the cells).
        declared: the format version the report declares, if any.
        values: ``cell id → value`` for every usable cell (numbers; ``None`` for blanks).
        cells: the printed cells of a draft; ``None`` for a strict model (every cell clean).
        texts: the narrative text of each narrative section found, and ``preamble`` (given
            as a mapping, or as a function that makes it when a check first reads it).
        titles: the printed title of each section found (``None`` for a model: all official).
        sections: the keys of the sections found.
        agency, year, scope, published: the metadata, each possibly unknown.
        fee_yuan: the 信息处理费 recorded (元), if any.
        notes: findings made while reading (a parser's notes).
        source: the file read, if any.
        section_sources: where each section found was printed, for parsed input.
        is_model: whether the input was a strict model.
        format_labels: the printed labels of only one format version, by version (a parser's).
        cell_sections: the keys of the sections that have at least one cell in ``cells``
            (derived).

    Examples:
        >>> import govinfo_report as gr
        >>> subject = subject_of(gr.load("examples/city-2024.yaml"))
        >>> subject.is_model, subject.version.value, subject.value("requests.granted.total")
        (True, '2021', 1218)
        >>> subject.texts["preamble"][:6]
        '本报告根据《'
    """

    version: FormatVersion
    declared: FormatVersion | None
    values: dict[str, Number | None]
    cells: Mapping[str, DraftCell] | None
    _texts: dict[str, str] | Callable[[], dict[str, str]] = attrs.field(alias="texts")
    titles: dict[str, str] | None
    sections: frozenset[str]
    agency: str | None
    year: int | None
    scope: Scope | None
    published: dt.date | None
    fee_yuan: Decimal | None
    notes: tuple[Finding, ...] = ()
    source: str | None = None
    section_sources: dict[str, SourceRef] = attrs.field(factory=dict)
    is_model: bool = False
    format_labels: Mapping[FormatVersion, tuple[str, ...]] = attrs.field(factory=dict)
    cell_sections: frozenset[str] = attrs.field(init=False)

    @cell_sections.default
    def _cell_sections(self) -> frozenset[str]:
        if self.cells is None:
            return frozenset()
        return frozenset(cell.split(".", 1)[0] for cell in self.cells)

    @functools.cached_property
    def texts(self) -> dict[str, str]:
        """The narrative text of each narrative section found, and ``preamble``."""
        return self._texts() if callable(self._texts) else self._texts

    def value(self, cell: str) -> Number | None:
        """A cell's value: ``None`` when blank or not usable."""
        return self.values.get(cell)

    def number(self, cell: str) -> Number:
        """A cell's value with blanks and unusable cells read as 0."""
        value = self.values.get(cell)
        return 0 if value is None else value

    def has(self, cell: str) -> bool:
        """Whether the cell was found with a usable value (a number or a blank)."""
        return cell in self.values

    def source_of(self, cell: str) -> SourceRef | None:
        """Where a cell was printed, for parsed input."""
        if self.cells is None:
            return None
        found = self.cells.get(cell)
        return found.source if found is not None else None


@cache
def version_only_cells(version: FormatVersion) -> frozenset[str]:
    """Cell ids of ``version`` that the other format version does not have.

    Examples:
        >>> from govinfo_report.taxonomy import FormatVersion
        >>> "requests.other_handling.total" in version_only_cells(FormatVersion.V2019)
        True
    """
    other = next(v for v in FormatVersion if v is not version)
    return frozenset(tx.cell_index(version)) - frozenset(tx.cell_index(other))


def detect_version(cells: Mapping[str, object]) -> FormatVersion | None:
    """The format version the cells belong to, when they tell (``None`` if they do not)."""
    v19 = any(cell in cells for cell in version_only_cells(FormatVersion.V2019))
    v21 = any(cell in cells for cell in version_only_cells(FormatVersion.V2021))
    if v19 and not v21:
        return FormatVersion.V2019
    if v21 and not v19:
        return FormatVersion.V2021
    return None


# The metadata fields a subject carries as they are (the format version it reads apart).
_METADATA_KEYS = tuple(node.key for node in tx.METADATA_FIELDS if node.key != "format_version")


def _metadata(meta: Metadata | DraftMetadata) -> dict[str, Any]:
    """The agency, year, scope and publication date, as :class:`Subject` takes them."""
    return {key: getattr(meta, key) for key in _METADATA_KEYS}


@functools.cache
def _section_keys(version: FormatVersion) -> frozenset[str]:
    return frozenset(section.key for section in tx.sections(version))


def _from_report(report: AnnualReport) -> Subject:
    meta = report.metadata

    def texts() -> dict[str, str]:
        # the sections with parts (一, 五) joined as printed; 六 is one text
        joined = {key: join_parts(key, getattr(report, key)) for key in tx.NARRATIVE_PARTS}
        return {**joined, "other_matters": report.other_matters.text, "preamble": report.preamble}

    values: dict[str, Number | None] = dict(report.values())
    return Subject(
        version=meta.format_version,
        declared=meta.format_version,
        values=values,
        cells=None,
        texts=texts,
        titles=None,
        sections=_section_keys(meta.format_version),
        **_metadata(meta),
        fee_yuan=report.other_matters.info_processing_fee_yuan,
        is_model=True,
    )


def _from_draft(draft: Draft) -> Subject:
    meta = draft.metadata
    cells = draft.cells
    declared = meta.format_version
    version = declared or detect_version(cells) or FormatVersion.V2021
    if version is not draft.format_version:  # undeclared, detected: read units in its columns
        draft = attrs.evolve(draft, metadata=attrs.evolve(meta, format_version=version))
    # As the identities read them: units in the column's unit ("251000元" is 25.1 万元), misfits
    # ("5元" in a count) left out.
    values: dict[str, Number | None] = dict(draft.values())
    texts = {
        key: draft.sections[key].text for key in tx.NARRATIVE_SECTIONS if key in draft.sections
    }
    texts["preamble"] = draft.preamble
    titles = {key: section.title for key, section in draft.sections.items()}
    section_sources = {
        key: section.source for key, section in draft.sections.items() if section.source
    }
    return Subject(
        version=version,
        declared=declared,
        values=values,
        cells=cells,
        texts=texts,
        titles=titles,
        sections=frozenset(draft.sections),
        **_metadata(meta),
        fee_yuan=draft.info_processing_fee_yuan,
        notes=draft.notes,
        source=draft.source,
        section_sources=section_sources,
        format_labels=meta.format_labels,
    )


def subject_of(report: AnnualReport | Draft) -> Subject:
    """The view of a strict report or of a draft.

    Raises:
        TypeError: for anything else (a programming error, not bad data).
    """
    if isinstance(report, AnnualReport):
        return _from_report(report)
    if isinstance(report, Draft):
        return _from_draft(report)
    raise TypeError(
        f"validate() takes an AnnualReport or a Draft, got {type(report).__name__} "
        "(load files with govinfo_report.load, or the lenient loader load_lenient)"
    )

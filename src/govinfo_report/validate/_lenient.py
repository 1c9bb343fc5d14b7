"""Read model files (.yaml/.yml/.json/.toml) leniently, so broken data becomes findings.

The strict loader (:func:`govinfo_report.io.load`) refuses a file whose numbers break the rules,
which is right for building reports and wrong for checking them. Here a file is read strictly
first (the fast path, giving an :class:`~govinfo_report.model.AnnualReport`); if that fails, its
plain data is read cell by cell into a :class:`~govinfo_report.draft.Draft` following
:func:`govinfo_report.taxonomy.cell_specs`, so every problem is reported by the validator.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from .. import taxonomy as tx
from ..draft import CellStatus, Draft, DraftCell, DraftMetadata, DraftSection, join_parts
from ..errors import SerializationError
from ..findings import Finding, SourceRef, make_finding
from ..identities import identities
from ..io import EXTENSIONS, format_of, load
from ..io import read_data as io_read_data
from ..model import AnnualReport, Overview, ProblemsImprovements
from ..taxonomy import FormatVersion, Scope

__all__ = ["draft_from_data", "load_lenient", "read_data"]

# The keys a model file may hold: the report's fields (plus the serialized form's version).
_TOP_KEYS = frozenset({"schema_version", *(f.name for f in attrs.fields(AnnualReport))})
_META_KEYS = frozenset(node.key for node in tx.METADATA_FIELDS)


def read_data(path: str | os.PathLike[str]) -> Any:
    """The plain data of a model file, numbers with a fraction read as exact ``Decimal``.

    Raises:
        SerializationError: for an unknown extension or text that is not JSON/YAML/TOML.
        FileNotFoundError: if the file does not exist.
    """
    return io_read_data(path)


def _cell(value: Any, source: SourceRef | None) -> DraftCell:
    if value is None:
        return DraftCell("", CellStatus.BLANK, None, None, source)
    if isinstance(value, bool):
        return DraftCell(str(value), CellStatus.TEXT, None, None, source, "a boolean")
    if isinstance(value, int):
        return DraftCell(str(value), CellStatus.NUMBER, value, None, source)
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            return DraftCell(str(value), CellStatus.TEXT, None, None, source)
        return DraftCell(str(value), CellStatus.NUMBER, value, None, source)
    if isinstance(value, str):
        return DraftCell.read(value, source)
    return DraftCell(repr(value), CellStatus.TEXT, None, None, source)


def _get(data: Any, path: list[str]) -> tuple[bool, Any]:
    node = data
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return False, None
        node = node[key]
    return True, node


def _derive(version: FormatVersion, cells: dict[str, DraftCell]) -> None:
    """Fill totals the serialized form may omit (the model derives them) from their terms."""
    chosen = [i for i in identities(version) if i.code != "t3-balance"]
    # Row totals first, then （七） per column, then the （七） row's own total.
    ordered = sorted(
        chosen,
        key=lambda i: (
            i.code == "t3-outcomes-total",
            i.target == "requests.outcomes_total.total",
        ),
    )
    for identity in ordered:
        if identity.target in cells:
            continue
        terms = [cells.get(cell) for _, cell in identity.terms]
        if any(t is None or t.status is not CellStatus.NUMBER for t in terms):
            continue
        total = sum(
            sign * (t.value or 0) for (sign, _), t in zip(identity.terms, terms, strict=True) if t
        )
        cells[identity.target] = DraftCell(
            str(total), CellStatus.NUMBER, total, None, None, "derived: omitted in the file"
        )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _narrative(section: str, value: Any) -> str:
    if isinstance(value, str):
        return value
    if not isinstance(value, Mapping):
        return ""
    parts = {k: v for k, v in value.items() if isinstance(v, str) or v is None}
    cls: type[Overview | ProblemsImprovements] = (
        Overview if section == "overview" else ProblemsImprovements
    )
    names = {f.name for f in attrs.fields(cls)}
    kwargs: dict[str, Any] = {k: v for k, v in parts.items() if k in names}
    if not isinstance(kwargs.get("summary", ""), str):
        kwargs.pop("summary")
    try:
        obj = cls(**kwargs)
    except (TypeError, ValueError):
        return ""
    return join_parts(section, obj)


def _unknown_keys(data: Mapping[str, Any], version: FormatVersion) -> list[Finding]:
    found = []
    for key in data:
        if key not in _TOP_KEYS:
            found.append(make_finding("data-unknown-key", path=str(key), labels=(str(key),)))
    meta = data.get("metadata")
    if isinstance(meta, Mapping):
        found += [
            make_finding("data-unknown-key", path=f"metadata.{k}", labels=(f"metadata.{k}",))
            for k in meta
            if k not in _META_KEYS
        ]
    known = set(tx.cell_index(version))
    prefixes = {".".join(c.split(".")[:i]) for c in known for i in range(1, c.count(".") + 1)}

    def walk(node: Any, path: str) -> None:
        if not isinstance(node, Mapping):
            return
        for key, value in node.items():
            here = f"{path}.{key}"
            if here in known:
                continue
            if here in prefixes:
                walk(value, here)
            else:
                found.append(make_finding("data-unknown-key", path=here, labels=(here,)))

    for section in ("proactive_disclosure", "requests", "review_litigation"):
        walk(data.get(section), section)
    return found


def _version(meta: Mapping[str, Any]) -> FormatVersion | None:
    try:
        return FormatVersion(str(meta.get("format_version")))
    except ValueError:
        return None


def draft_from_data(data: Any, *, source: str | None = None) -> Draft:
    """A draft from the plain data of a model file, however broken; never raises.

    Cells are read by their taxonomy ids; totals the serialized form lets you omit are derived
    (and noted as such); any other absent cell stays absent, so it is reported as missing.
    """
    if not isinstance(data, Mapping):
        data = {}
    meta = data.get("metadata") if isinstance(data.get("metadata"), Mapping) else {}
    assert isinstance(meta, Mapping)
    version = _version(meta)
    year = meta.get("year")
    try:
        scope = Scope(str(meta.get("scope"))) if meta.get("scope") is not None else None
    except ValueError:
        scope = None
    published = meta.get("published")
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published)
        except ValueError:
            published = None
    agency = meta.get("agency")
    metadata = DraftMetadata(
        agency=agency if isinstance(agency, str) and agency.strip() else None,
        year=year if type(year) is int else None,
        format_version=version,
        scope=scope,
        published=published if isinstance(published, dt.date) else None,
    )
    ref = SourceRef(file=source) if source else None
    cells: dict[str, DraftCell] = {}
    specs_version = version or FormatVersion.V2021
    for spec in tx.cell_specs(specs_version):
        present, value = _get(data, spec.id.split("."))
        if present:
            cells[spec.id] = _cell(value, ref)
    _derive(specs_version, cells)
    titles = {s.key: s.title for s in tx.sections(specs_version)}
    sections = {
        key: DraftSection(titles[key], _narrative(key, data.get(key)), ref)
        for key in ("overview", "problems_improvements")
    }
    other = data.get("other_matters")
    other_text = _text(other.get("text")) if isinstance(other, Mapping) else _text(other)
    sections["other_matters"] = DraftSection(titles["other_matters"], other_text, ref)
    for key in ("proactive_disclosure", "requests", "review_litigation"):
        if key in data:
            sections[key] = DraftSection(titles[key], "", ref)
    notes = _unknown_keys(data, specs_version)
    fee: Decimal | None = None
    raw_fee = other.get("info_processing_fee_yuan") if isinstance(other, Mapping) else None
    if raw_fee is not None:
        try:
            if isinstance(raw_fee, bool):
                raise InvalidOperation
            fee = Decimal(raw_fee if not isinstance(raw_fee, float) else repr(raw_fee))
        except (InvalidOperation, TypeError, ValueError):
            notes.append(
                make_finding(
                    "cell-invalid",
                    path=tx.FEE_PATH,
                    labels=tx.fee_labels(specs_version),
                    actual=str(raw_fee),
                    reason_zh="应为不小于 0 的金额",
                    reason_en="must be a non-negative amount",
                )
            )
    return Draft(
        metadata=metadata,
        cells=cells,
        sections=sections,
        preamble=_text(data.get("preamble")),
        info_processing_fee_yuan=fee,
        notes=tuple(notes),
        source=source,
    )


def load_lenient(path: str | os.PathLike[str]) -> AnnualReport | Draft:
    """Read a model file for validation: the strict report if it is valid, else a draft.

    Raises:
        SerializationError: for an extension other than .json/.yaml/.yml/.toml, text that
            cannot be parsed at all, or a document that is not a mapping (a list, a bare value):
            there is no report in it to find problems in.
        FileNotFoundError: if the file does not exist.
    """
    if Path(path).suffix.lower() not in EXTENSIONS:
        format_of(path)  # raises the library's error naming the known extensions
    try:
        return load(path)
    except SerializationError as exc:
        error = exc
    data = read_data(path)
    if not isinstance(data, Mapping):
        raise error
    return draft_from_data(data, source=str(path))

"""Read the plain data of a model file leniently, so broken data becomes findings.

The strict codec (:func:`govinfo_report.codec.structure`) refuses data whose numbers break the
rules, which is right for building reports and wrong for checking them. Here plain data is read
cell by cell into a :class:`~govinfo_report.draft.Draft` following
:func:`govinfo_report.taxonomy.cell_specs`, so every problem is reported by the validator; both
readers take their rules from :mod:`govinfo_report.accept`, so they cannot disagree.
:func:`govinfo_report.io.load_lenient` reads a file with it.

"Valid" means that the strict loader accepts the file: every value it refuses (a wrong type, an
unknown key, an unknown format version, scope or date, a number out of range) is an error
finding here, while the rest of the file is still read as far as it can be.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from .. import taxonomy as tx
from ..accept import (
    AMOUNT_AS_TEXT,
    AMOUNT_PATTERN,
    KIND_REASONS,
    Reason,
    Rejected,
    number_problem,
    read_date,
    read_format_version,
    read_int,
    read_scope,
    read_year,
)
from ..catalog import CELL_INVALID, DATA_INVALID, DATA_UNKNOWN_KEY
from ..draft import CellStatus, Draft, DraftCell, DraftMetadata, DraftSection
from ..findings import Finding, SourceRef, make_finding
from ..identities import derive
from ..model import AnnualReport, OtherMatters, Overview, ProblemsImprovements
from ..narrative import join_parts
from ..taxonomy import CellKind, CellSpec, FormatVersion
from ._base import SCHEMA_VERSION

__all__ = ["draft_from_data"]

_META_LABELS: dict[str, tuple[str, ...]] = tx.metadata_labels()

# The keys a model file may hold: the report's fields (plus the serialized form's version).
_TOP_KEYS = frozenset({"schema_version", *(f.name for f in attrs.fields(AnnualReport))})
_META_KEYS = frozenset(node.key for node in tx.METADATA_FIELDS)


_NARRATIVE_CLASSES: dict[str, type[Overview | ProblemsImprovements | OtherMatters]] = {
    "overview": Overview,
    "problems_improvements": ProblemsImprovements,
    "other_matters": OtherMatters,
}
_AMOUNT_TEXT = re.compile(AMOUNT_PATTERN)
_MAPPING = Reason("应为键值映射", "must be a mapping")
_TEXT = Reason("应为文本", "must be text")


def _shown(value: Any) -> str:
    """A value of a data file as the person typed it, briefly (``"2020"``, ``null``, ``1E+400``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 42 else text[:40] + '…"'
    if isinstance(value, Mapping):
        return "{…}"
    if isinstance(value, list | tuple):
        return "[…]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _data_invalid(path: str, reason: Reason, value: Any, *, variant: str | None = None) -> Finding:
    """A ``data-invalid`` finding: what is allowed at ``path`` and what was found there."""
    return make_finding(
        DATA_INVALID,
        path=path,
        labels=_META_LABELS.get(path, (path,)),
        actual=_shown(value),
        variant=variant,
        reason_zh=reason.zh,
        reason_en=reason.en,
    )


def _required(path: str) -> Finding:
    """A ``data-invalid`` finding for a required key that is missing."""
    return make_finding(
        DATA_INVALID, path=path, labels=_META_LABELS.get(path, (path,)), variant="missing"
    )


def _cell_note(
    spec_id: str, labels: tuple[str, ...], kind: CellKind, value: Any, problem: Reason
) -> Finding:
    zh, en = KIND_REASONS[kind].then(problem)
    return make_finding(
        CELL_INVALID,
        path=spec_id,
        labels=labels,
        actual="null" if value is None else _shown(value),
        reason_zh=zh,
        reason_en=en,
    )


def _cell(spec: CellSpec, value: Any, source: SourceRef | None) -> tuple[DraftCell, Finding | None]:
    """The cell as the checks read it, and a finding when the strict loader refuses the value.

    A number that is not finite or out of range is read as text (out of the identities), as
    typed. The finding is dropped later where the cell check reports the cell itself
    (:func:`_unseen`).
    """
    problem: Reason | None = None
    if value is None:
        cell = DraftCell("", CellStatus.BLANK, None, None, source)
        problem = Reason("不能为空（null）", "not null")
    elif isinstance(value, bool):
        cell = DraftCell(str(value), CellStatus.TEXT, None, None, source, "a boolean")
    elif isinstance(value, int):
        cell = DraftCell(str(value), CellStatus.NUMBER, value, None, source)
    elif isinstance(value, float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else value
        bad = number_problem(number)
        if bad is not None:
            return DraftCell(_shown(value), CellStatus.TEXT, None, None, source, "out of range"), (
                _cell_note(spec.id, spec.labels, spec.kind, value, bad)
            )
        read: int | Decimal = number
        if spec.kind is not CellKind.AMOUNT and not isinstance(whole := read_int(number), Rejected):
            read = whole  # as the loader reads it: a whole number with an exponent (3E+2)
        cell = DraftCell(str(number), CellStatus.NUMBER, read, None, source)
    elif isinstance(value, str):
        # Text that reads as a number still counts in the identities (as a printed cell does);
        # that the file gives it as text, which the loader refuses, is reported on its own.
        cell = DraftCell.read(value, source)
        if spec.kind is not CellKind.AMOUNT and cell.status is CellStatus.NUMBER:
            problem = Reason("不能是文本（去掉引号）", "not text (remove the quotes)")
        elif spec.kind is not CellKind.AMOUNT:
            problem = Reason("不能是文本", "not text")
        elif not _AMOUNT_TEXT.fullmatch(value):
            problem = AMOUNT_AS_TEXT
    else:
        cell = DraftCell(_shown(value), CellStatus.TEXT, None, None, source)
    if cell.value is not None and (bad := number_problem(cell.value)) is not None:
        cell = DraftCell(cell.text, CellStatus.TEXT, None, None, source, "out of range")
        problem = bad
    note = None if problem is None else _cell_note(spec.id, spec.labels, spec.kind, value, problem)
    return cell, note


def _unseen(
    notes: list[Finding], version: FormatVersion, cells: dict[str, DraftCell]
) -> list[Finding]:
    """The loader's cell notes on what the cell check cannot see (a null, a number as text).

    The check reports an unusable cell itself, with the same reason (a number out of range
    says so), so a reader's note and a check never say one thing twice.
    """
    if not notes:
        return notes  # the common case: nothing to weigh
    probe = Draft(metadata=DraftMetadata(format_version=version), cells=cells)
    judged = {f.path for f in probe.cell_findings() if f.code == CELL_INVALID.code}
    return [n for n in notes if n.path not in judged]


def _get(data: Any, path: list[str]) -> tuple[bool, Any]:
    node = data
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return False, None
        node = node[key]
    return True, node


def _derive(version: FormatVersion, cells: dict[str, DraftCell], outcomes_given: bool) -> None:
    """Fill totals the serialized form may omit (the model derives them) from their terms.

    Every row may leave out its 总计; the （七）总计 row may only be left out as a whole, so when
    the file gives that row, its other cells are not derived (a missing one is reported).
    """
    numbers = {
        key: cell.value if cell.status is CellStatus.NUMBER else None for key, cell in cells.items()
    }
    for key, total in derive(version, numbers, outcomes_given=outcomes_given).items():
        if key not in cells and total is not None:
            cells[key] = DraftCell(
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


def _unknown(path: str) -> Finding:
    return make_finding(DATA_UNKNOWN_KEY, path=path, labels=(path,))


def _unknown_keys(data: Mapping[str, Any], version: FormatVersion) -> list[Finding]:
    found = [_unknown(str(key)) for key in data if key not in _TOP_KEYS]
    meta = data.get("metadata")
    if isinstance(meta, Mapping):
        found += [_unknown(f"metadata.{k}") for k in meta if k not in _META_KEYS]
    for section, cls in _NARRATIVE_CLASSES.items():
        value = data.get(section)
        if isinstance(value, Mapping):
            names = {f.name for f in attrs.fields(cls)}
            found += [_unknown(f"{section}.{k}") for k in value if k not in names]
    known = set(tx.cell_index(version))
    prefixes = {".".join(c.split(".")[:i]) for c in known for i in range(1, c.count(".") + 1)}

    def walk(node: Any, path: str) -> None:
        if not isinstance(node, Mapping):
            found.append(_data_invalid(path, _MAPPING, node))
            return
        for key, value in node.items():
            here = f"{path}.{key}"
            if here in known:
                continue
            if here in prefixes:
                walk(value, here)
            else:
                found.append(_unknown(here))

    for section in tx.TABLE_SECTIONS:
        if section in data:
            walk(data[section], section)
    return found


def _structure_findings(data: Mapping[str, Any]) -> list[Finding]:
    """What the loader refuses outside the metadata and the cells: version, texts, mappings."""
    found: list[Finding] = []
    schema = data.get("schema_version", SCHEMA_VERSION)
    if type(schema) is not int or schema != SCHEMA_VERSION:
        reason = Reason(
            f"应为 {SCHEMA_VERSION}（本库读取的数据版本）",
            f"must be {SCHEMA_VERSION} (the version this library reads)",
        )
        found.append(_data_invalid("schema_version", reason, schema))
    if "preamble" in data and not isinstance(data["preamble"], str):
        found.append(_data_invalid("preamble", _TEXT, data["preamble"]))
    for section, cls in _NARRATIVE_CLASSES.items():
        if section not in data:
            continue  # optional: an empty section
        value = data[section]
        if not isinstance(value, Mapping):
            found.append(_data_invalid(section, _MAPPING, value))
            continue
        for field in attrs.fields(cls):
            if field.name == tx.INFO_PROCESSING_FEE.key or field.name not in value:
                continue  # the fee is read with the cells
            part = value[field.name]
            if not isinstance(part, str) and (
                part is not None or field.name in ("summary", "text")
            ):
                found.append(_data_invalid(f"{section}.{field.name}", _TEXT, part))
    return found


def _metadata(data: Mapping[str, Any]) -> tuple[DraftMetadata, list[Finding]]:
    """The metadata as far as it can be read, and an error for every value the loader refuses."""
    if "metadata" not in data:
        return DraftMetadata(), [_required("metadata")]
    meta = data["metadata"]
    if not isinstance(meta, Mapping):
        return DraftMetadata(), [_data_invalid("metadata", _MAPPING, meta)]
    found: list[Finding] = []
    for key in ("agency", "year", "format_version"):
        if key not in meta:
            found.append(_required(f"metadata.{key}"))

    agency = meta.get("agency")
    if "agency" in meta and not (isinstance(agency, str) and agency.strip()):
        reason = Reason(
            "应为报告主体的名称（非空文本）", "must be the agency's name (non-empty text)"
        )
        found.append(_data_invalid("metadata.agency", reason, agency))

    read = {
        "year": read_year,
        "format_version": read_format_version,
        "scope": read_scope,
        "published": read_date,
    }
    values: dict[str, Any] = {}
    for key, reader in read.items():
        if key not in meta or (key == "published" and meta[key] is None):
            continue  # reported as missing above when required; a null date is no date
        result = reader(meta[key])
        if isinstance(result, Rejected):
            # the rules that depend on a value that cannot be read are not assessed
            # (a format version that cannot be read leaves the tables checked as the 2021 one)
            variant = "format-version" if key == "format_version" else None
            found.append(
                _data_invalid(f"metadata.{key}", result.reason, meta[key], variant=variant)
            )
        else:
            values[key] = result

    metadata = DraftMetadata(
        agency=agency if isinstance(agency, str) and agency.strip() else None, **values
    )
    return metadata, found


def _read_fee(other: Any, version: FormatVersion) -> tuple[Decimal | None, Finding | None]:
    """The 信息处理费 as the checks read it, and a finding if the loader refuses its value."""
    raw = other.get(tx.INFO_PROCESSING_FEE.key) if isinstance(other, Mapping) else None
    if raw is None:
        return None, None
    fee: Decimal | None = None
    problem: Reason | None = None
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
        problem = Reason("不能是布尔值或其他类型", "not a boolean or another type")
    elif isinstance(raw, str):
        try:
            fee = Decimal(raw.strip())
        except InvalidOperation:
            fee = None
        if not _AMOUNT_TEXT.fullmatch(raw):
            problem = AMOUNT_AS_TEXT
    else:
        fee = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    if fee is not None and (bad := number_problem(fee)) is not None:
        fee, problem = None, bad
    if problem is None or (fee is not None and fee < 0):
        return fee, None  # a negative fee is reported by the cell check
    note = _cell_note(tx.FEE_PATH, tx.fee_labels(version), CellKind.AMOUNT, raw, problem)
    return fee, note


def draft_from_data(data: Any, *, source: str | None = None) -> Draft:
    """A draft from the plain data of a model file, however broken; never raises.

    Cells are read by their taxonomy ids; totals the serialized form lets you omit are derived
    (and noted as such); any other absent cell stays absent, so it is reported as missing.
    Every value the strict loader would refuse is a note of error severity (``data-invalid``,
    ``data-unknown-key`` or ``cell-invalid``), so a draft without error findings is a file
    :func:`govinfo_report.load` accepts. A format version that cannot be read is reported and
    the tables are read as the 2021 format.

    Examples:
        >>> from govinfo_report.validate import draft_from_data, validate
        >>> draft = draft_from_data({"metadata": {"agency": "某局", "year": 2023, "format_version": "2021"}})
        >>> validate(draft).valid
        False
    """
    if not isinstance(data, Mapping):
        data = {}
    metadata, notes = _metadata(data)
    notes += _structure_findings(data)
    ref = SourceRef(file=source) if source else None
    cells: dict[str, DraftCell] = {}
    cell_notes: list[Finding] = []
    specs_version = metadata.format_version or FormatVersion.V2021
    for spec in tx.cell_specs(specs_version):
        present, value = _get(data, spec.id.split("."))
        if present:
            cells[spec.id], note = _cell(spec, value, ref)
            if note is not None:
                cell_notes.append(note)
    notes += _unseen(cell_notes, specs_version, cells)
    outcomes_given, _ = _get(data, ["requests", "outcomes_total"])
    _derive(specs_version, cells, outcomes_given)
    titles = {s.key: s.title for s in tx.sections(specs_version)}
    sections = {
        key: DraftSection(titles[key], _narrative(key, data.get(key)), ref)
        for key in ("overview", "problems_improvements")
    }
    other = data.get("other_matters")
    other_text = _text(other.get("text")) if isinstance(other, Mapping) else _text(other)
    sections["other_matters"] = DraftSection(titles["other_matters"], other_text, ref)
    for key in tx.TABLE_SECTIONS:
        if key in data:
            sections[key] = DraftSection(titles[key], "", ref)
    notes += _unknown_keys(data, specs_version)
    fee, fee_note = _read_fee(other, specs_version)
    if fee_note is not None:
        notes.append(fee_note)
    return Draft(
        metadata=metadata,
        cells=cells,
        sections=sections,
        preamble=_text(data.get("preamble")),
        info_processing_fee_yuan=fee,
        notes=tuple(notes),
        source=source,
    )

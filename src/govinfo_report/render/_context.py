"""The Jinja context of a report: every name a Word template can use, derived from the taxonomy.

Cell ids become nested names (``requests.withheld.state_secret.natural_person``); numbers stay
numbers (``int`` or exact ``Decimal``) and are printed by the environment's ``finalize``: ``None``
as nothing, zero as ``0``, a ``Decimal`` exactly as written (never in exponent form). Narrative
text is checked for characters XML cannot hold and split into paragraphs on line breaks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from .. import taxonomy as tx
from ..errors import RenderError
from ..layout import Span
from ..model import AnnualReport
from ..narrative import FEE_WORD
from ..taxonomy import FormatVersion

__all__ = [
    "CELL_SECTIONS",
    "CONTEXT_NAMES",
    "FEE_NOTE",
    "build_context",
    "check_text",
    "context_paths",
    "date_label",
    "format_value",
    "paragraphs",
    "placeholder",
    "printed",
    "signed",
    "unknown_names",
    "with_unit",
]

# Characters XML 1.0 cannot hold: C0 controls other than tab, line feed and carriage return,
# lone surrogates, and the two non-characters U+FFFE and U+FFFF.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]")

CELL_SECTIONS: tuple[str, ...] = tx.TABLE_SECTIONS
"""The sections whose number cells appear in the context under their cell ids."""

FEE_NOTE = f"本年度收取{FEE_WORD}{{fee}}元。"
"""The sentence the default template adds to section 六 when the fee is set but not mentioned.

Without it the fee would be invisible in the document (and lost when it is read back)."""


def _narrative_names(section: str, main: str, what: str) -> list[tuple[str, str, str]]:
    names = [
        (tx.cell_id(section, main), "str", f"{what}: the free text (empty when absent)"),
        (tx.cell_id(section, "paragraphs"), "list[str]", f"the paragraphs of `{section}.{main}`"),
    ]
    for node in tx.NARRATIVE_PARTS.get(section, ()):
        names.append((tx.cell_id(section, node), "str | None", f"{node.label}: {node.english}"))
    if section in tx.NARRATIVE_PARTS:
        names.append(
            (
                f"{section}.parts",
                "list",
                "the parts present, in order, each with `key`, `label` (the canonical heading), "
                "`text` and `paragraphs`",
            )
        )
    return names


_TITLES = {s.key: s.title for s in tx.sections(FormatVersion.V2021)}

CONTEXT_NAMES: tuple[tuple[str, str, str], ...] = (
    ("title", "str", f"the report's title: agency + year + 年{tx.TITLE_SUFFIX}"),
    ("metadata.agency", "str", f"the reporting body ({tx.METADATA_FIELDS[0].label})"),
    ("metadata.year", "int", "the reporting year"),
    ("metadata.format_version", "str", '"2021" or "2019"'),
    ("metadata.scope", "str", '"agency_only" (本机关) or "jurisdiction" (全域)'),
    ("metadata.scope_label", "str", "本机关 or 全域"),
    ("metadata.published", "str | None", "the publication date as YYYY-MM-DD, if known"),
    (
        "metadata.published_label",
        "str | None",
        "the publication date as signed, in Arabic numerals (2024年1月17日), if known",
    ),
    *(
        (f"sections.{s.key}.{field}", "str", f"section {s.number}: {s.english}: {field}")
        for s in tx.sections(FormatVersion.V2021)
        for field in ("number", "title")
    ),
    ("preamble.text", "str", "the preamble before section 一 (empty when absent)"),
    ("preamble.paragraphs", "list[str]", "the paragraphs of the preamble"),
    *_narrative_names("overview", "summary", _TITLES["overview"]),
    *_narrative_names("problems_improvements", "summary", _TITLES["problems_improvements"]),
    ("other_matters.text", "str", f"{_TITLES['other_matters']}: the free text"),
    ("other_matters.paragraphs", "list[str]", "the paragraphs of `other_matters.text`"),
    (
        "other_matters.info_processing_fee_yuan",
        "Decimal | None",
        f"{tx.INFO_PROCESSING_FEE.label}: the fee collected, if stated",
    ),
    (
        "other_matters.fee_note",
        "str",
        "a sentence stating the fee, when it is set and the text does not mention "
        f"{FEE_WORD}; otherwise empty",
    ),
)
"""Every name of the context other than the number cells: (dotted name, type, description).

Examples:
    >>> from govinfo_report.render import CONTEXT_NAMES
    >>> CONTEXT_NAMES[0][:2]
    ('title', 'str')
"""


def check_text(value: str, field: str, *, strip: bool = False) -> str:
    """Return ``value`` if XML can hold it; otherwise remove the bad characters or raise.

    Raises:
        RenderError: naming the field, the character and its position, unless ``strip``.
    """
    found = _INVALID_XML.search(value)
    if found is None:
        return value
    if strip:
        return _INVALID_XML.sub("", value)
    char = found.group()
    raise RenderError(
        f"{field}: 第 {found.start() + 1} 个字符 U+{ord(char):04X} 是 XML 不允许的控制字符 / "
        f"character {found.start() + 1} (U+{ord(char):04X}) cannot appear in a Word document; "
        "remove it, or render with strip_control_chars=True"
    )


def paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a text: split on line breaks, trimmed, empty lines dropped.

    Examples:
        >>> from govinfo_report.render import paragraphs
        >>> paragraphs(chr(10).join([" 第一段。 ", "", "第二段。"]))
        ['第一段。', '第二段。']
    """
    if not text:
        return []
    lines = (line.strip() for line in _LINE_BREAKS.sub("\n", text).split("\n"))
    return [line for line in lines if line]


def date_label(day: dt.date) -> str:
    """A date as an official document signs it (GB/T 9704-2012 7.3.5.1): ``2024年1月17日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def format_value(value: object) -> object:
    """The ``finalize`` of the Jinja environment: ``None`` prints nothing, Decimals exactly."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def with_unit(value: object, unit: str) -> object:
    """A Jinja filter: the value followed by its unit (``25.1万元``); nothing for ``None``."""
    if value is None:
        return ""
    return f"{format_value(value)}{unit}"


def signed(value: object) -> object:
    """A Jinja filter: a whole number with its sign (``+12``, ``0``, ``-3``), as in 本年增/减."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return f"+{value}"
    return format_value(value)


def printed(cell: Span, value: object) -> str:
    """A number cell's value as printed: nothing for ``None``, the sign of 本年增/减, the unit
    where the header names none; what the Word template's `placeholder` prints.

    Examples:
        >>> from govinfo_report.layout import table_layout
        >>> grid = table_layout("proactive_disclosure", FormatVersion.V2019)
        >>> [printed(c, 3) for c in grid.cells() if c.text.endswith("change")][:1]
        ['+3']
    """
    column = cell.column
    if column is not None and column.cell_unit:
        return str(with_unit(value, column.cell_unit))
    if column is not None and column.kind is tx.CellKind.SIGNED:
        return str(signed(value))
    return str(format_value(value))


def placeholder(cell: Span) -> str:
    """The Jinja placeholder of a number cell in the Word template, with its filters.

    Examples:
        >>> from govinfo_report.layout import table_layout
        >>> placeholder(table_layout("requests", FormatVersion.V2021).spans[-1])
        '{{ requests.carried_forward.total }}'
    """
    column = cell.column
    if column is not None and column.cell_unit:
        return "{{ " + f'{cell.text}|with_unit("{column.cell_unit}")' + " }}"
    suffix = "|signed" if column is not None and column.kind is tx.CellKind.SIGNED else ""
    return "{{ " + f"{cell.text}{suffix}" + " }}"


def _narrative(
    obj: object, section: str, main: str, strip: bool
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    text = check_text(getattr(obj, main), tx.cell_id(section, main), strip=strip)
    out: dict[str, Any] = {main: text, "paragraphs": paragraphs(text)}
    parts: list[dict[str, Any]] = []
    for node in tx.NARRATIVE_PARTS.get(section, ()):
        value = getattr(obj, node.key)
        if value is not None:
            value = check_text(value, tx.cell_id(section, node), strip=strip)
        out[node.key] = value
        lines = paragraphs(value)
        if lines:
            parts.append({"key": node.key, "label": node.label, "text": value, "paragraphs": lines})
    return out, parts


def build_context(report: AnnualReport, *, strip_control_chars: bool = False) -> dict[str, Any]:
    """The Jinja context of a report (see docs/template-context.md for every name).

    Args:
        report: the report to render.
        strip_control_chars: remove characters XML cannot hold instead of raising.

    Raises:
        RenderError: if a text field holds a character XML cannot hold, naming the field.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> from govinfo_report.render import build_context
        >>> context = build_context(report)
        >>> context["title"]
        '红旗区政务服务和大数据管理局2023年政府信息公开工作年度报告'
        >>> context["requests"]["withheld"]["state_secret"]["natural_person"]
        0
    """
    if not isinstance(report, AnnualReport):
        raise RenderError(
            f"只能渲染 AnnualReport，收到 {type(report).__name__} / can only render an "
            f"AnnualReport, got {type(report).__name__}: build one with govinfo_report.load(), "
            "structure() or Draft.to_report()"
        )
    strip = strip_control_chars
    version = report.format_version
    metadata = report.metadata
    agency = check_text(metadata.agency, "metadata.agency", strip=strip)
    context: dict[str, Any] = {
        "title": f"{agency}{metadata.year}年{tx.TITLE_SUFFIX}",
        "metadata": {
            "agency": agency,
            "year": metadata.year,
            "format_version": version.value,
            "scope": metadata.scope.value,
            "scope_label": tx.SCOPE_LABELS[metadata.scope],
            "published": metadata.published.isoformat() if metadata.published else None,
            "published_label": date_label(metadata.published) if metadata.published else None,
        },
        "sections": {s.key: {"number": s.number, "title": s.title} for s in tx.sections(version)},
    }
    preamble = check_text(report.preamble, "preamble", strip=strip)
    context["preamble"] = {"text": preamble, "paragraphs": paragraphs(preamble)}
    for section, main in (("overview", "summary"), ("problems_improvements", "summary")):
        out, parts = _narrative(getattr(report, section), section, main, strip)
        out["parts"] = parts
        context[section] = out
    other = report.other_matters
    other_text = check_text(other.text, "other_matters.text", strip=strip)
    fee = other.info_processing_fee_yuan
    context["other_matters"] = {
        "text": other_text,
        "paragraphs": paragraphs(other_text),
        "info_processing_fee_yuan": fee,
        "fee_note": (
            FEE_NOTE.format(fee=format(fee, "f"))
            if fee is not None and FEE_WORD not in other_text
            else ""
        ),
    }
    for cell_id, value in report.values().items():
        node = context
        *parents, leaf = cell_id.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    return context


def context_paths(context: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    """Every dotted name of a context that holds a value (not a mapping), in order.

    Examples:
        >>> from govinfo_report.render import context_paths
        >>> list(context_paths({"metadata": {"agency": "某局", "year": 2023}, "title": "..."}))
        ['metadata.agency', 'metadata.year', 'title']
    """
    for key, value in context.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from context_paths(value, path + ".")
        else:
            yield path


def unknown_names(names: Iterable[str], context: Mapping[str, Any]) -> list[str]:
    """The dotted names a template uses that the context does not provide, sorted.

    A name is known when every step through a mapping finds its key; past a value that is not
    a mapping (text, a number, a list) the rest is that value's business.
    """
    unknown = []
    for name in names:
        node: Any = context
        for key in name.split("."):
            if not isinstance(node, Mapping):
                break
            if key not in node:
                unknown.append(name)
                break
            node = node[key]
    return sorted(unknown)

"""YAML: amounts are written as plain numbers and read back exactly as Decimal.

Needs the ``yaml`` extra (PyYAML).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, Inexact, localcontext
from typing import Any

import yaml

from .. import taxonomy as tx
from ..errors import LimitExceeded, Problem, SerializationError
from ..limits import Limits, default_limits
from ..model import AnnualReport
from ..taxonomy import FormatVersion
from ._base import NoContent, parse_text, plain, structure, unstructure

__all__ = ["dumps", "load_data", "loads", "with_labels"]


# libyaml's C parser and emitter when PyYAML was built with it (about ten times faster).
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_MERGE = "tag:yaml.org,2002:merge"


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _duplicate_keys(root: yaml.Node) -> list[Problem]:
    """Every key given twice in one mapping, with its path and line, in document order."""
    found: list[tuple[int, Problem]] = []
    stack: list[tuple[yaml.Node, str]] = [(root, "$")]
    visited: set[int] = set()  # aliases share nodes, and may even form cycles
    while stack:
        node, path = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[tuple[str, str], int] = {}  # (tag, text) of each key: its line
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                    stack.append((value_node, f"{path}.?"))
                    continue
                key, line = key_node.value, _line(key_node)
                child = f"{path}.{key}"
                first = seen.get((key_node.tag, key))
                if first is None:
                    seen[(key_node.tag, key)] = line
                else:
                    message = (
                        f"键 {key} 重复（第 {line} 行，首次在第 {first} 行） / duplicate key "
                        f"{key!r} (line {line}, first given on line {first})"
                    )
                    found.append((line, Problem(child, message)))
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{i}]") for i, item in enumerate(node.value))
    return [problem for _, problem in sorted(found, key=lambda pair: pair[0])]


def _expanded_size(root: yaml.Node) -> int:
    """The number of nodes once every alias is expanded, counted without expanding them."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            children = _children(node)
            total = 1 + sum(sizes.get(id(child), 1) for child in children)
            sizes[key] = total
            continue
        if key in sizes:
            continue
        sizes[key] = 1  # a cycle back to this node counts once
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader reading floats as exact Decimals, refusing repeated keys and empty streams."""

    limits: Limits = default_limits()
    source: str = ""

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            raise NoContent
        size = _expanded_size(node)
        self.limits.check("max_yaml_nodes", size, where=self.source)
        problems = _duplicate_keys(node)
        if problems:
            raise SerializationError(problems, source=self.source or None)
        return self.construct_document(node)


_SPECIAL_FLOATS = {
    ".nan": Decimal("NaN"),
    ".inf": Decimal("Infinity"),
    "+.inf": Decimal("Infinity"),
    "-.inf": Decimal("-Infinity"),
}


def _digits_bounded(loader: yaml.SafeLoader, node: yaml.Node, text: str) -> None:
    """Refuse a number written with more digits than ``max_integer_digits`` before reading it."""
    limits: Limits = getattr(loader, "limits", default_limits())
    digits = sum(ch.isdigit() for ch in text)
    if digits > limits.max_integer_digits:
        where = f"{getattr(loader, 'source', '')} line {_line(node)}".strip()
        raise LimitExceeded("max_integer_digits", limits.max_integer_digits, digits, where=where)


def _base60(text: str, loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    """A YAML 1.1 base-60 number read exactly: the digits are bounded first, and the arithmetic
    runs with as many significant digits as it needs (never a 28-digit context's rounding)."""
    _digits_bounded(loader, node, text)
    sign, digits = (-1, text[1:]) if text.startswith("-") else (1, text.lstrip("+"))
    with localcontext() as context:
        context.prec = 2 * len(text) + 10  # each "* 60" adds under two digits
        context.traps[Inexact] = True
        value = Decimal(0)
        for part in digits.split(":"):
            value = value * 60 + Decimal(part)
        return sign * value


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    """A float as the exact Decimal of its text; ``.nan`` and ``.inf`` as Decimal's own.

    The structure hooks reject the non-finite ones with their path.
    """
    text = str(loader.construct_scalar(node)).replace("_", "").strip()
    special = _SPECIAL_FLOATS.get(text.lower())
    if special is not None:
        return special
    try:
        if ":" in text:  # YAML 1.1 base 60: 1:30.5 is 90.5
            return _base60(text, loader, node)
        return Decimal(text)
    except ArithmeticError:
        raise yaml.constructor.ConstructorError(
            None, None, f"不是数 / not a number: {text!r:.60}", node.start_mark
        ) from None


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A date or time as PyYAML reads it; an impossible one (2023-13-45) as its text.

    The structure hook then names the field ("must be a valid date YYYY-MM-DD") instead of PyYAML
    failing with no path.
    """
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, TypeError, AttributeError, OverflowError):
        return str(loader.construct_scalar(node))


def _guarded(
    construct: Callable[[yaml.SafeLoader, yaml.Node], Any],
) -> Callable[[yaml.SafeLoader, yaml.Node], Any]:
    """A constructor whose Python errors (``!!int abc``) become YAML errors with the line."""

    def guarded(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except LimitExceeded:
            raise
        except (ValueError, TypeError, LookupError, ArithmeticError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"无法读取的值 / cannot read the value: {exc}", node.start_mark
            ) from None

    return guarded


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    """An integer, its digits bounded before converting (base 60 too: ``1:30`` is 90)."""
    assert isinstance(node, yaml.ScalarNode)
    _digits_bounded(loader, node, str(loader.construct_scalar(node)))
    value: int = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _guarded(_construct_int))
for _tag in ("bool", "binary"):
    _Loader.add_constructor(
        f"tag:yaml.org,2002:{_tag}",
        _guarded(_SafeLoader.yaml_constructors[f"tag:yaml.org,2002:{_tag}"]),
    )
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _Dumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """SafeDumper that writes Decimal as a plain number and long text as literal blocks."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = plain(value)
    if re.fullmatch(r"-?\d+", text):
        return dumper.represent_scalar("tag:yaml.org,2002:int", text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return dumper.represent_scalar("tag:yaml.org,2002:float", text)
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(str, _represent_str)


def dumps(report: AnnualReport, *, labels: bool = False, header: str | None = None) -> str:
    """The report as YAML text, keys in the format's order, Chinese kept readable.

    Args:
        report: the report.
        labels: follow each key with its Chinese label as a comment, for a clerk who edits by
            label (see :func:`with_labels`); the text still reads back to the same report.
        header: comment lines to put at the top (with ``labels``).

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> from govinfo_report.codec import yaml
        >>> yaml.dumps(report).splitlines()[2]
        '  agency: 红旗区政务服务和大数据管理局'
    """
    text = yaml.dump(
        unstructure(report),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    if labels:
        return with_labels(text, report.format_version, header)
    return text


def load_data(text: str | bytes, *, source: str | None = None, limits: Limits | None = None) -> Any:
    """The plain data of YAML text (safe loading), floats read as exact ``Decimal``.

    ``.nan`` and ``.inf`` are read as the Decimal of that name (for the structure hooks to reject
    with their path), and an impossible date (``2023-13-45``) as its text.

    Raises:
        SerializationError: for text that is not YAML, a stream with no document, a key given
            twice in one mapping, or text holding a lone surrogate.
        LimitExceeded: for more nodes than ``limits.max_yaml_nodes`` once aliases are expanded,
            or an integer with more digits than ``limits.max_integer_digits``.

    Examples:
        >>> from govinfo_report.codec.yaml import load_data
        >>> load_data("fee: 12.50")
        {'fee': Decimal('12.50')}
    """
    limits = limits or default_limits()

    def parse() -> Any:
        loader = _Loader(text)
        loader.limits, loader.source = limits, source or ""
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()

    return parse_text(
        "YAML",
        parse,
        source=source,
        limits=limits,
        invalid=(yaml.YAMLError, UnicodeDecodeError),
        detail=_yaml_error,
    )


def _yaml_error(exc: Exception) -> str:
    """PyYAML's error on one line: where (第 n 行第 m 列 / line n, column m) and what."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    what = "; ".join(
        str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part
    )
    if mark is None or not what:
        return " ".join(str(exc).split())
    line, column = mark.line + 1, mark.column + 1
    return f"第 {line} 行第 {column} 列 / line {line}, column {column}: {what}"


def loads(
    text: str | bytes, *, source: str | None = None, limits: Limits | None = None
) -> AnnualReport:
    """Read a report from YAML text.

    Raises:
        SerializationError: for text that is not YAML, or data that is not a valid report.
        LimitExceeded: for text past one of ``limits``.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> from govinfo_report.codec import yaml
        >>> yaml.loads(yaml.dumps(report)) == report
        True
    """
    return structure(load_data(text, source=source, limits=limits), source=source)


# --- YAML for people: each key's Chinese label as a comment (collections, issue 13) -----------


def _label_map(version: FormatVersion) -> dict[tuple[str, ...], str]:
    """The Chinese label of every key path of a report's plain data, from the taxonomy."""
    labels: dict[tuple[str, ...], str] = {}
    for node in tx.METADATA_FIELDS:
        labels[("metadata", node.key)] = node.label
    for section in tx.sections(version):
        labels[(section.key,)] = section.title
        for part in tx.NARRATIVE_PARTS.get(section.key, ()):
            labels[(section.key, part.key)] = part.label
    labels[("other_matters", tx.INFO_PROCESSING_FEE.key)] = tx.INFO_PROCESSING_FEE.label
    for table in tx.subtables(version):
        base = ("proactive_disclosure", table.key)
        labels[base] = table.caption
        for row in table.rows:
            labels[(*base, row.key)] = row.label
            for column in table.columns:
                labels[(*base, row.key, column.key)] = column.label

    def walk(nodes: tuple[tx.Node, ...], prefix: tuple[str, ...]) -> None:
        for node in nodes:
            path = (*prefix, node.key)
            labels[path] = node.label
            if node.children:
                walk(node.children, path)
            else:
                for column in tx.REQUEST_COLUMNS:
                    labels[(*path, column.key)] = column.label

    walk(tx.request_rows(version), ("requests",))
    for group, above in tx.CASE_GROUPS:
        path = ("review_litigation", group.key)
        labels[path] = f"{above} / {group.label}" if above else group.label
        for column in tx.CASE_COLUMNS:
            labels[(*path, column.key)] = column.label
    return labels


def _comment_places(text: str, labels: dict[tuple[str, ...], str]) -> dict[int, tuple[str, bool]]:
    """Line number → (label, whether the comment may follow the key on its line)."""
    places: dict[int, tuple[str, bool]] = {}
    root = yaml.compose(text, Loader=_SafeLoader)
    stack: list[tuple[yaml.Node, tuple[str, ...]]] = [] if root is None else [(root, ())]
    while stack:
        node, path = stack.pop()
        if not isinstance(node, yaml.MappingNode):
            continue
        for key_node, value_node in node.value:
            child = (*path, str(key_node.value))
            label = labels.get(child)
            if label is not None:
                line = key_node.start_mark.line
                single = isinstance(value_node, yaml.MappingNode) or (
                    isinstance(value_node, yaml.ScalarNode)
                    and value_node.style not in ("|", ">")
                    and value_node.end_mark.line == line
                )
                places[line] = (label, single)
            stack.append((value_node, child))
    return places


def with_labels(text: str, version: FormatVersion, header: str | None = None) -> str:
    """YAML text of a report with each key's Chinese label as a comment, and an optional header.

    Comments change nothing that is read back: the text loads to the same report.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/city-2024.yaml")
        >>> text = dumps(report, labels=True)
        >>> "  new_requests:  # 一、本年新收政府信息公开申请数量" in text
        True
        >>> loads(text) == report
        True
    """
    places = _comment_places(text, _label_map(version))
    out: list[str] = []
    if header:
        out += [f"# {line}".rstrip() for line in header.splitlines()]
    for number, line in enumerate(text.splitlines()):
        place = places.get(number)
        if place is None:
            out.append(line)
        elif place[1]:
            out.append(f"{line}  # {place[0]}")
        else:
            indent = line[: len(line) - len(line.lstrip())]
            out += [f"{indent}# {place[0]}", line]
    return "\n".join(out) + "\n"

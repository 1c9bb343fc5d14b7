"""Compile a Word template once, render it many times, write the .docx directly.

Stock docxtpl opens the template with python-docx, re-patches its XML and re-compiles the Jinja
template on every render, then saves through python-docx: about 150 ms per report. Here the work
that does not depend on the report is done once per template:

* docxtpl's own preprocessing (``patch_xml``) is called once per part, and the resulting Jinja
  template is compiled once in a sandboxed environment;
* the document part is split around ``<w:body>``, so a render only produces the body;
* every zip member that does not change is compressed once and kept in memory.

A render then runs the compiled template, applies the post-processing docxtpl applies
(paragraph newlines, escaped braces, tabs and line breaks in text), checks the result with a
strict XML parser, and writes the zip by hand with fixed timestamps in the template's member
order, so the same report always gives the same bytes. The output's XML is content-identical to
stock docxtpl's for the same template, context and environment (a test proves it).

A compiled template holds no per-render state: it can be shared across threads, and batches
run across processes (see :func:`render_files`).
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import io
import re
import threading
import zipfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ..errors import LimitExceeded, TemplateError
from ..io import check_archive
from ..limits import Limits, default_limits
from ..taxonomy import FormatVersion
from ._context import context_paths, format_value, signed, unknown_names, with_unit
from ._sandbox import BoundedEnvironment, bounded
from ._zip import Member, write_zip

__all__ = ["CompiledTemplate", "compile_template", "default_template", "load_template", "new_env"]

_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_CORE_PROPERTIES = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
_TAGS = re.compile(r"\{[{%#]")
_TEXT_WITH_BREAK = re.compile(r"<w:t(?: [^>]*)?>[^<]*\n")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def new_env() -> SandboxedEnvironment:
    """The Jinja environment every template renders in.

    Sandboxed (templates are data, not code) with costs bounded (:mod:`._sandbox`: powers,
    repetition, padding, ``range()``), ``StrictUndefined`` (a misspelt name is an error,
    not an empty cell), autoescaped (``&`` and ``<`` in text cannot break the XML), with a
    ``finalize`` that prints ``None`` as nothing and a ``Decimal`` exactly, the ``signed``
    filter for 本年增/减 and ``with_unit`` for a cell whose header names no unit.
    """
    env = BoundedEnvironment(
        autoescape=True, undefined=jinja2.StrictUndefined, finalize=format_value
    )
    env.filters["signed"] = signed
    env.filters["with_unit"] = with_unit
    return env


def _literal_braces(source: str) -> str:
    """docxtpl's escaped braces (``{_{`` prints ``{{``) resolved in the template source.

    docxtpl un-escapes them in the *rendered* XML, which also rewrites the report's own text
    (an agency named ``a}_}b`` came out as ``a}}b``); here only the template's text changes:
    an opening pair becomes a Jinja raw block, a closing pair is plain text to Jinja anyway.
    """
    if "_" not in source:
        return source
    source = source.replace("{_{", "{% raw %}{{{% endraw %}").replace(
        "{_%", "{% raw %}{%{% endraw %}"
    )
    return source.replace("}_}", "}}").replace("%_}", "%}")


def _post_process(xml: str, listing: Callable[[str], str]) -> str:
    """What docxtpl does to rendered XML (``render_xml_part``), skipping no-op steps; its
    un-escaping of ``{_{`` is done on the template source instead (:func:`_literal_braces`)."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    if "\t" in xml or "\a" in xml or "\f" in xml or _TEXT_WITH_BREAK.search(xml):
        xml = listing(xml)
    return xml


def _strict(data: bytes, where: str) -> Any:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(
            f"{where}: 渲染结果不是合法的 XML / the rendered XML is not well formed: {exc}"
        ) from exc


def _names_in(template_ast: nodes.Template) -> set[str]:
    """The dotted names (``a.b.c``) a template reads from its context."""
    roots = meta.find_undeclared_variables(template_ast)
    found: set[str] = set()

    def chain(node: nodes.Node) -> list[str] | None:
        if isinstance(node, nodes.Name):
            return [node.name] if node.name in roots else None
        if isinstance(node, nodes.Getattr):
            head = chain(node.node)
            return None if head is None else [*head, node.attr]
        if (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str)
        ):
            head = chain(node.node)
            return None if head is None else [*head, node.arg.value]
        return None

    def visit(node: nodes.Node) -> None:
        path = chain(node) if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem) else None
        if path is not None:
            found.add(".".join(path))
            if isinstance(node, nodes.Getitem):
                visit(node.arg)
            return
        for child in node.iter_child_nodes():
            visit(child)

    visit(template_ast)
    return found


@attrs.frozen
class _DocxSources:
    """What reading a .docx template gives, before any Jinja is compiled."""

    parts: list[tuple[str, str, bytes, bytes]]
    """Each templated part: its name, its Jinja source, and the XML around the body (or ``b""``)."""
    members: list[tuple[str, bytes]]
    """Every zip member, name and data, in the template's order."""
    core_name: str
    listing: Callable[[str], str]
    fix_tables: Callable[[str], Any]
    fix_cells: bool
    drawings: bool


def _read_docx(data: bytes, name: str) -> _DocxSources:
    """Read a .docx template with docxtpl: its parts' Jinja sources (docxtpl's ``patch_xml``
    applied once), the document part split around ``<w:body>``, and every zip member."""
    from docxtpl import DocxTemplate

    try:
        stock = DocxTemplate(io.BytesIO(data))
        stock.init_docx()
        document = stock.docx
    except Exception as exc:  # python-docx raises several kinds on a non-.docx
        raise TemplateError(
            f"{name}: 不是 Word .docx 文件 / not a Word .docx file ({type(exc).__name__}: {exc})"
        ) from exc
    raw_body = stock.get_xml()
    sources: list[tuple[str, str, bytes, bytes]] = []  # name, jinja source, prefix, suffix
    root = copy.deepcopy(document.element)
    for child in list(root.body):
        root.body.remove(child)
    marker = f"<{root.prefix}:body/>".encode()
    before, _, after = etree.tostring(root, encoding="UTF-8", standalone=True).partition(marker)
    body_name = str(document.part.partname).lstrip("/")
    sources.append((body_name, stock.patch_xml(raw_body), before, after))
    for rel in document.part.rels.values():
        if rel.reltype in (_HEADER, _FOOTER, _FOOTNOTES) and not rel.is_external:
            part = rel.target_part
            xml = stock.get_part_xml(part)
            if _TAGS.search(xml):
                sources.append((str(part.partname).lstrip("/"), stock.patch_xml(xml), b"", b""))
    core = document.part.package.part_related_by(_CORE_PROPERTIES)
    core_name = str(core.partname).lstrip("/")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(i.filename, archive.read(i)) for i in archive.infolist()]
    core_xml = next((d for n, d in members if n == core_name), b"").decode("utf-8")
    if _TAGS.search(core_xml):
        sources.append((core_name, core_xml, b"", b""))
    return _DocxSources(
        parts=sources,
        members=members,
        core_name=core_name,
        listing=stock.resolve_listing,
        fix_tables=stock.fix_tables,
        # Cell-count fixes (docxtpl's fix_tables) matter only for templates that add or span
        # table cells in loops; docPr renumbering only for templates with drawings.
        fix_cells=bool(re.search(r"\{[%{]-?\s*(?:tc |colspan|hm\s*%)", raw_body)),
        drawings="docPr" in raw_body,
    )


class _Part:
    """A template part rendered through Jinja: the body, a header or footer, the properties."""

    __slots__ = ("index", "name", "prefix", "suffix", "template")

    def __init__(
        self, index: int, name: str, template: jinja2.Template, prefix: bytes, suffix: bytes
    ) -> None:
        self.index, self.name, self.template = index, name, template
        self.prefix, self.suffix = prefix, suffix


class CompiledTemplate:
    """A Word template compiled once; :meth:`render` turns a context into .docx bytes.

    Build one with :func:`load_template` (a file) or :func:`default_template` (the bundled
    official layout). It holds no state between renders.

    Examples:
        >>> import govinfo_report as gr
        >>> report = gr.load("examples/hongqi-2023.yaml")
        >>> from govinfo_report.render import build_context, get_template
        >>> template = get_template(None, report.format_version)
        >>> template.render(build_context(report))[:2]
        b'PK'
    """

    def __init__(self, data: bytes, name: str, limits: Limits | None = None) -> None:
        """Compile the .docx ``data``; ``name`` names the template in error messages.

        Raises:
            TemplateError: if the data is not a .docx, or its Jinja syntax is broken.
            LimitExceeded: for a template over ``max_template_bytes``, or with a member over
                ``max_template_member_bytes`` (or the archive limits) once decompressed.
        """
        limits = limits or default_limits()
        limits.check("max_template_bytes", len(data), where=name)
        check_archive(data, limits=limits, where=name, member_limit="max_template_member_bytes")
        self.name = name
        self.digest = hashlib.sha256(data).hexdigest()
        try:
            self._compile(_read_docx(data, name))
        except MemoryError as exc:
            raise TemplateError(
                f"{name}: 模板过大，内存不足以编译 / the template is too large to compile "
                "in the memory available"
            ) from exc

    def _compile(self, read: _DocxSources) -> None:
        """Compile the Jinja source of every templated part; compress the parts that never change."""
        self._env = new_env()
        self._listing = read.listing
        self._fix_tables = read.fix_tables
        self._fix_cells, self._drawings = read.fix_cells, read.drawings
        self._core_name = read.core_name
        order = {n: i for i, (n, _) in enumerate(read.members)}
        self._parts: list[_Part] = []
        names: set[str] = set()
        for part_name, patched, prefix, suffix in read.parts:
            if part_name not in order:
                raise TemplateError(f"{self.name}: 缺少部件 / missing part {part_name}")
            source = patched
            if part_name != self._core_name:
                source = _literal_braces(re.sub(r"<w:p([ >])", r"\n<w:p\1", patched))
            try:
                ast = self._env.parse(source)
                template = self._env.from_string(ast)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(
                    f"{self.name}: {part_name} 的模板语法错误 / template syntax error in "
                    f"{part_name}: {exc.message} near: {_near(source, exc.lineno)}"
                ) from exc
            names |= _names_in(ast)
            self._parts.append(_Part(order[part_name], part_name, template, prefix, suffix))
        self.names: frozenset[str] = frozenset(names)
        """Every dotted name the template reads from the context."""
        dynamic = {p.index for p in self._parts}
        self._members = [
            Member(n, None if i in dynamic else d) for i, (n, d) in enumerate(read.members)
        ]
        self._checked: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def check_names(self, context: Mapping[str, Any]) -> None:
        """Raise if the template uses a name the context does not provide.

        Raises:
            TemplateError: naming each unknown name, with the closest known name.
        """
        key = str(context.get("metadata", {}).get("format_version"))
        with self._lock:
            unknown = self._checked.get(key)
            if unknown is None:
                unknown = self._checked[key] = unknown_names(self.names, context)
        if unknown:
            known = list(context_paths(context))
            hints = []
            for name in unknown:
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hints.append(f"{name} (did you mean {close[0]}?)" if close else name)
            raise TemplateError(
                f"{self.name}: 模板使用了报告没有的名称 / the template uses names the report does "
                f"not provide: {', '.join(hints)}; see docs/template-context.md"
            )

    def _render_part(self, part: _Part, context: Mapping[str, Any], limits: Limits) -> bytes:
        where = f"{self.name}: {part.name}"
        try:
            return self._render_part_bounded(part, context, limits)
        except LimitExceeded as exc:
            raise LimitExceeded(exc.limit, exc.bound, exc.actual, where=where) from None
        except MemoryError as exc:
            raise TemplateError(
                f"{where}: 渲染结果过大，内存不足 / the rendered part is too large for the memory "
                "available"
            ) from exc

    def _render_part_bounded(
        self, part: _Part, context: Mapping[str, Any], limits: Limits
    ) -> bytes:
        try:
            xml = _bounded_text(part.template.generate(context), limits)
        except (LimitExceeded, MemoryError):
            raise
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"{self.name}: 模板使用了未定义的名称 / the template uses an undefined name "
                f"in {part.name}: {exc.message}"
            ) from exc
        except jinja2.TemplateError as exc:
            raise TemplateError(
                f"{self.name}: 渲染 {part.name} 出错 / cannot render {part.name}: {exc}"
            ) from exc
        except Exception as exc:
            # A user template's expression can fail in any way (1/0, a filter on the wrong type):
            # the caller gets the library's error naming the part, never a bare Python error.
            raise TemplateError(
                f"{self.name}: 渲染 {part.name} 出错 / cannot render {part.name}: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        if part.name == self._core_name:
            data = xml.encode("utf-8")
            _strict(data, f"{self.name}: {part.name}")
            return data
        xml = _post_process(xml, self._listing)
        _check_text_nodes(xml, limits)
        data = xml.encode("utf-8")
        tree = _strict(data, f"{self.name}: {part.name}")
        if part.prefix:  # the document body
            if self._fix_cells:
                tree = self._fix_tables(xml)
            if self._drawings:
                for n, element in enumerate(tree.iter("{*}docPr"), start=1001):
                    element.set("id", str(n))
            if self._fix_cells or self._drawings:
                data = etree.tostring(tree, encoding="unicode").encode("utf-8")
            return part.prefix + data + part.suffix
        return bytes(etree.tostring(tree, encoding="UTF-8", standalone=True))

    def render(self, context: Mapping[str, Any], limits: Limits | None = None) -> bytes:
        """The .docx bytes of the template rendered with ``context``.

        ``limits`` bounds what the template may compute and write (powers, repetition,
        ``range()``, output size, text node size); the defaults when ``None``.

        Raises:
            TemplateError: if the template uses an unknown name or renders broken XML.
            LimitExceeded: naming the limit and the part, when the template asks for too much.
        """
        limits = limits or default_limits()
        self.check_names(context)
        with bounded(limits):
            rendered = {p.index: self._render_part(p, context, limits) for p in self._parts}
        return write_zip(self._members, rendered)


def _bounded_text(pieces: Iterator[str], limits: Limits) -> str:
    """The rendered pieces joined, stopping at ``max_output_chars`` rather than after."""
    bound = limits.max_output_chars
    out: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > bound:
            raise LimitExceeded("max_output_chars", bound, size)
        out.append(piece)
    return "".join(out)


def _check_text_nodes(xml: str, limits: Limits) -> None:
    """Refuse rendered XML with a text run longer than Word (and lxml) will read back."""
    bound = limits.max_text_node_chars
    if len(xml) <= bound:  # the common case: no run can be that long
        return
    position = 0
    while (close := xml.find(">", position)) >= 0:
        start = close + 1
        end = xml.find("<", start)
        end = len(xml) if end < 0 else end
        limits.check("max_text_node_chars", end - start)
        position = end


def _near(source: str, lineno: int | None) -> str:
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return "?"
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
    return text[:120] or "?"


_CACHE: dict[tuple[Any, ...], CompiledTemplate] = {}
_CACHE_LOCK = threading.Lock()


def _cached(key: tuple[Any, ...], build: Callable[[], CompiledTemplate]) -> CompiledTemplate:
    with _CACHE_LOCK:
        found = _CACHE.get(key)
    if found is None:
        found = build()
        with _CACHE_LOCK:
            found = _CACHE.setdefault(key, found)
    return found


def default_template(version: FormatVersion) -> CompiledTemplate:
    """The bundled template of the official layout for a format version, compiled once."""
    from importlib.resources import files

    def build() -> CompiledTemplate:
        resource = files("govinfo_report.render") / "templates" / f"report-{version.value}.docx"
        return CompiledTemplate(resource.read_bytes(), f"report-{version.value}.docx")

    return _cached(("default", version.value), build)


def load_template(path: str | Path) -> CompiledTemplate:
    """A custom Word template compiled once per file version (path, size, modification time).

    Raises:
        TemplateError: if the file is missing, not a .docx, or has broken Jinja syntax.
    """
    target = Path(path)
    try:
        stat = target.stat()
    except OSError as exc:
        raise TemplateError(f"无法读取模板 / cannot read the template {target}: {exc}") from exc
    if not target.is_file():
        raise TemplateError(f"模板不是文件 / the template is not a file: {target}")
    default_limits().check("max_template_bytes", stat.st_size, where=str(target))
    key = ("file", str(target.resolve()), stat.st_size, stat.st_mtime_ns)
    return _cached(key, lambda: CompiledTemplate(target.read_bytes(), str(target)))


def compile_template(data: bytes, name: str = "template") -> CompiledTemplate:
    """Compile template bytes (cached by content).

    Raises:
        TemplateError: if the data is not a .docx or has broken Jinja syntax.
    """
    key = ("bytes", hashlib.sha256(data).hexdigest())
    return _cached(key, lambda: CompiledTemplate(data, name))

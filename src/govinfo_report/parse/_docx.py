"""Grid layer for Word documents: body paragraphs and tables, merged cells resolved, in one pass.

The package is opened with :mod:`zipfile` (each member read with a bound) and ``document.xml`` is
parsed once with lxml; the tables are laid out on their grid in a single walk over ``w:tr`` /
``w:tc``, so that the cost is linear in the size of the table whatever its merges:

* a cell spanning columns (``w:gridSpan``) is returned at every grid position it covers; the
  span is clamped to the table's grid (``w:tblGrid``), as the HTML reader clamps spans;
* a cell continuing a vertical merge (``w:vMerge`` without ``restart``) is the cell above it at
  the same grid offset, found in the previous row's offsets (not by walking the chain again);
* positions whose cell is the same element as the one to their left or above are ``merged``.

The text of a paragraph is its runs' text (``w:t``; ``w:tab`` and ``w:ptab`` as a tab; ``w:br``
of text wrapping and ``w:cr`` as a line break; ``w:noBreakHyphen`` as ``-``), hyperlinks
included; a cell's text is its paragraphs' joined by line breaks. Content controls (``w:sdt``) in
the body are walked into. These are python-docx's readings, so the cells are the same as with it.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..errors import LimitExceeded, ParseError
from ..findings import SourceRef
from ..io import check_archive, import_extra
from ..limits import Limits, default_limits
from ._grid import Block, Document, GridCell, InputKind, Paragraph, ReaderInput, Table
from ._text import tables_from_lines

__all__ = ["read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_OFFICE_DOCUMENT = "/officeDocument"
_CORE = "/metadata/core-properties"

_P, _TBL, _SDT, _SDT_CONTENT = f"{_W}p", f"{_W}tbl", f"{_W}sdt", f"{_W}sdtContent"
_R_TAG, _HYPERLINK, _TR, _TC = f"{_W}r", f"{_W}hyperlink", f"{_W}tr", f"{_W}tc"
_TC_PR, _TR_PR, _VAL = f"{_W}tcPr", f"{_W}trPr", f"{_W}val"
_TYPE = f"{_W}type"
_T = f"{_W}t"
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_BR = f"{_W}br"
_V_MERGE, _GRID_SPAN = f"{_W}vMerge", f"{_W}gridSpan"


class _BadRow(ValueError):
    """A row whose merges cannot be resolved (python-docx fails on it too): read as empty."""


_INNER = "*[self::w:t or self::w:tab or self::w:ptab or self::w:cr or self::w:br or self::w:noBreakHyphen]"
_XPATHS: dict[str, Any] = {}


def _xpath(name: str) -> Any:
    """Compiled XPaths selecting, in document order, what makes a paragraph's or a cell's text."""
    if not _XPATHS:
        from lxml import etree

        namespaces = {"w": _W[1:-1]}
        runs = f"w:r/{_INNER} | w:hyperlink/w:r/{_INNER}"
        _XPATHS["paragraph"] = etree.XPath(runs, namespaces=namespaces)
        # Per row: libxml2 merges the node sets of a union quadratically, so a whole table's
        # would be slow on a large table.
        cells = f"w:tc | w:tc/w:p | w:tc/w:p/w:r/{_INNER} | w:tc/w:p/w:hyperlink/w:r/{_INNER}"
        _XPATHS["row"] = etree.XPath(cells, namespaces=namespaces)
    return _XPATHS[name]


def _texts(nodes: Any, cells: dict[Any, str] | None = None) -> str:
    """The text of run content nodes; a ``w:p`` node starts a new line (a cell's next paragraph).

    With ``cells``, the nodes are a whole table's: each ``w:tc`` node starts a cell, whose text
    is stored in ``cells``.
    """
    parts: list[str] = []
    first = True
    cell = None
    for node in nodes:
        tag = node.tag
        if tag == _TC and cells is not None:
            if cell is not None:
                cells[cell] = "".join(parts)
            cell, parts, first = node, [], True
        elif tag == _T:
            parts.append(node.text or "")
        elif tag == _P:
            if not first:
                parts.append("\n")
            first = False
        elif tag == _BR:
            if node.get(_TYPE, "textWrapping") == "textWrapping":
                parts.append("\n")
        else:
            parts.append(_RUN_TEXT[tag])
    if cells is not None and cell is not None:
        cells[cell] = "".join(parts)
    return "".join(parts)


def _paragraph_text(p: Any) -> str:
    return _texts(_xpath("paragraph")(p))


def _cell_texts(tbl: Any) -> dict[Any, str]:
    """The text of every cell of a table (its paragraphs joined by line breaks), a query a row."""
    texts: dict[Any, str] = {}
    query = _xpath("row")
    for tr in tbl:
        if tr.tag == _TR:
            _texts(query(tr), texts)
    return texts


def _child(element: Any, tag: str) -> Any:
    """The first child with ``tag`` (lxml's ``find`` costs tens of microseconds a call)."""
    for child in element:
        if child.tag == tag:
            return child
    return None


def _int(element: Any, name: str, default: int) -> int:
    """``./name/@w:val`` of a properties element as an integer (python-docx's ST_DecimalNumber)."""
    if element is None:
        return default
    child = _child(element, f"{_W}{name}")
    if child is None:
        return default
    value = child.get(_VAL)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise _BadRow(f"{name}={value!r}") from exc


def _table(tbl: Any, index: int, name: str | None) -> Table:
    grid = _child(tbl, f"{_W}tblGrid")
    width = 0 if grid is None else sum(1 for col in grid if col.tag == f"{_W}gridCol")
    rows: list[tuple[GridCell, ...]] = []
    # Keyed by the elements themselves, which keeps their lxml proxies alive (an id() could be
    # reused by a later proxy).
    texts = _cell_texts(tbl)
    spans: dict[Any, int] = {}  # the clamped span of each w:tc (a merge repeats its root's)
    above: list[Any] = []  # the previous row's cell element at each position
    previous: dict[int, Any] = {}  # the previous row's w:tc (raw) at each grid offset
    resolved_above: dict[int, Any] = {}  # ... and the cell that w:tc stands for (None: unresolved)
    for r, tr in enumerate(row for row in tbl if row.tag == _TR):
        current: dict[int, Any] = {}
        resolved: dict[int, Any] = {}
        elements: list[Any] = []
        bad = False
        try:
            offset = _int(_child(tr, _TR_PR), "gridBefore", 0)
        except _BadRow:
            offset, bad = 0, True
        for tc in tr:
            if tc.tag != _TC:
                continue
            tc_pr = _child(tc, _TC_PR)
            span, merge = 1, None
            for prop in () if tc_pr is None else tc_pr:
                if prop.tag == _GRID_SPAN:
                    try:
                        span = int(prop.get(_VAL, "1"))
                    except ValueError:
                        bad = True  # python-docx fails on the row
                elif prop.tag == _V_MERGE:
                    merge = prop
            limit = max(width - offset, 1) if width else default_limits().max_span
            span = max(0, min(span, limit))
            root: Any = tc
            if merge is not None and merge.get(_VAL, "continue") == "continue":
                root = resolved_above.get(offset) if offset in previous else None
            spans[tc] = span
            current.setdefault(offset, tc)
            resolved.setdefault(offset, root)
            if root is None:
                bad = True
            else:
                elements.extend([root] * spans[root])
            offset += span
        previous, resolved_above = current, resolved
        if bad:
            elements = []
        cells: list[GridCell] = []
        for c, element in enumerate(elements):
            merged = (c > 0 and elements[c - 1] is element) or (
                c < len(above) and above[c] is element
            )
            text = texts[element]
            source = SourceRef(file=name, table=index, row=r + 1, column=c + 1)
            cells.append(GridCell(text, source, merged=merged))
        above = elements
        rows.append(tuple(cells))
    return Table(tuple(rows), index)


def _body_items(body: Any) -> list[Any]:
    items: list[Any] = []
    for child in body.iterchildren():
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in (_P, _TBL):
            items.append(child)
        elif tag == _SDT:
            content = _child(child, _SDT_CONTENT)
            if content is not None:
                items.extend(_body_items(content))
    return items


def _member(archive: zipfile.ZipFile, member: str, limits: Limits) -> bytes:
    """One member's bytes, read with a bound (never trusting the sizes the archive declares)."""
    bound = limits.max_decompressed_bytes
    with archive.open(member) as stream:
        data = stream.read(bound + 1)
    if len(data) > bound:
        raise LimitExceeded("max_decompressed_bytes", bound, len(data), where=member)
    return data


def _parts(archive: zipfile.ZipFile, limits: Limits) -> tuple[str, str | None]:
    """The main document part and the core properties part, from the package relationships."""
    from lxml import etree

    names = set(archive.namelist())
    main, core = "word/document.xml", "docProps/core.xml" if "docProps/core.xml" in names else None
    if "_rels/.rels" in names:
        rels = etree.fromstring(_member(archive, "_rels/.rels", limits), _parser())
        for rel in rels.iter(f"{_R}Relationship"):
            target = (rel.get("Target") or "").lstrip("/")
            kind = rel.get("Type") or ""
            if kind.endswith(_OFFICE_DOCUMENT) and target in names:
                main = target
            elif kind.endswith(_CORE) and target in names:
                core = target
    return main, core


_PARSER: list[Any] = []


def _parser() -> Any:
    """python-docx's parser options: no entities resolved, blank text between elements dropped."""
    if not _PARSER:
        from lxml import etree

        _PARSER.append(
            etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
        )
    return _PARSER[0]


def read_docx(source: ReaderInput) -> Document:
    """Read a .docx file into paragraphs and tables.

    Raises:
        ParseError: for a damaged Word file.
        LimitExceeded: for an archive past ``max_decompressed_bytes`` or
            ``max_compression_ratio``, or a part larger than ``max_decompressed_bytes`` once
            decompressed.
    """
    etree = import_extra("lxml.etree", "parse", ("读取 Word", "reading Word files"), ParseError)
    data, name, breaks, limits = source.data, source.name, source.breaks, source.limits
    check_archive(data, limits=limits, where=name or "")
    blocks: list[Block] = []
    title = None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            main, core = _parts(archive, limits)
            root = etree.fromstring(_member(archive, main, limits), _parser())
            if core is not None:
                core_xml = etree.fromstring(_member(archive, core, limits), _parser())
                element = core_xml.find(_DC_TITLE)
                title = (element.text if element is not None else None) or None
        body = _child(root, f"{_W}body")
        if body is None:
            raise ValueError("no w:body in the main document part")
        line = 0
        index = 0
        for item in _body_items(body):
            if item.tag == _P:
                line += 1
                blocks.append(Paragraph(_paragraph_text(item), SourceRef(file=name, line=line)))
            else:
                index += 1
                blocks.append(_table(item, index, name))
    except (ParseError, LimitExceeded):
        raise
    except Exception as exc:  # zipfile and lxml raise many kinds of errors on bad files
        raise ParseError(
            f"无法读取 Word 文件（文件损坏）/ cannot read the Word file (damaged): "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    if not any(isinstance(b, Table) for b in blocks):
        paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
        text_blocks, _ = tables_from_lines(paragraphs, breaks=breaks)
        return Document(InputKind.DOCX, tuple(text_blocks), name, title=title)
    return Document(InputKind.DOCX, tuple(blocks), name, title=title)

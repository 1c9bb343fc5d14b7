"""Minimal .docx packages built in the tests (hostile tables), no template needed."""

from __future__ import annotations

import io
import zipfile

__all__ = ["docx_with_body", "merged_columns_table", "spanning_table"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx_with_body(body: str) -> bytes:
    """A .docx whose ``w:body`` holds ``body`` (WordprocessingML with the ``w:`` prefix)."""
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def merged_columns_table(columns: int, rows: int) -> str:
    """A table whose every column is one vertical merge from top to bottom (defect 11.3)."""
    grid = "<w:tblGrid>" + '<w:gridCol w:w="100"/>' * columns + "</w:tblGrid>"
    first = "<w:tr>" + "".join(_cell(str(c), '<w:vMerge w:val="restart"/>') for c in range(columns))
    rest = "<w:tr>" + _cell("", "<w:vMerge/>") * columns + "</w:tr>"
    return f"<w:tbl>{grid}{first}</w:tr>{rest * (rows - 1)}</w:tbl>"


def spanning_table(span: int) -> str:
    """A 3-row, 2-column table whose first cell claims ``span`` grid columns (defect 11.4)."""
    grid = '<w:tblGrid><w:gridCol w:w="100"/><w:gridCol w:w="100"/></w:tblGrid>'
    first = "<w:tr>" + _cell("合计", f'<w:gridSpan w:val="{span}"/>') + "</w:tr>"
    rows = ("<w:tr>" + _cell("1") + _cell("2") + "</w:tr>") * 2
    return f"<w:tbl>{grid}{first}{rows}</w:tbl>"

"""The report as an Excel workbook (.xlsx) that works as a form, and read back exactly.

Sheets: 报告信息 (the metadata and the 信息处理费), one sheet per table section (二, 三, 四) drawn
from the same layout as the Word template (:mod:`govinfo_report.layout`), and 正文 (one row per
narrative part). Totals are formulas, generated from the identities; every input cell has data
validation; labels and totals are locked (sheet protection without a password); a 勾稽关系 column
or row shows each identity live as ✓ / ✗. A4, fitted to the page width, header rows repeated.

Reading takes the input cells; a total whose formula was replaced by a typed number is read and
checked like a printed total. Problems name the cell in Excel terms (``三、…!E14``) with its labels.
openpyxl is imported on first use (the ``xlsx`` extra).

Examples:
    >>> import govinfo_report as gr
    >>> from govinfo_report.codec import xlsx
    >>> report = gr.load("examples/city-2024.yaml")
    >>> data = xlsx.dumps(report)
    >>> xlsx.loads(data) == report
    True
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from .. import taxonomy as tx
from ..accept import CELL_LIMIT
from ..errors import LimitExceeded, Problem, SerializationError
from ..identities import Identity, formula, identities
from ..layout import TABLE_SECTIONS, Role, TableLayout, table_layout
from ..limits import Limits, default_limits
from ..model import AnnualReport
from ..taxonomy import CellKind, FormatVersion
from ._base import SCHEMA_VERSION, structure

__all__ = [
    "CHECK_HEADER",
    "METADATA_SHEET",
    "NARRATIVE_SHEET",
    "WIDE_SHEET",
    "cell_addresses",
    "check_archive",
    "check_workbook",
    "dumps",
    "dumps_blank",
    "dumps_wide",
    "load_data",
    "loads",
    "loads_wide",
]

METADATA_SHEET = "报告信息"
"""The sheet of the metadata fields and the 信息处理费: the first of a report's workbook.

Examples:
    >>> import io, openpyxl
    >>> import govinfo_report as gr
    >>> from govinfo_report.codec.xlsx import METADATA_SHEET, NARRATIVE_SHEET, dumps
    >>> book = openpyxl.load_workbook(io.BytesIO(dumps(gr.load("examples/hongqi-2023.yaml"))))
    >>> book.sheetnames[0] == METADATA_SHEET, book.sheetnames[-1] == NARRATIVE_SHEET
    (True, True)
"""
NARRATIVE_SHEET = "正文"
"""The sheet of the narrative parts, one row each: the last of a report's workbook.

Examples:
    >>> from govinfo_report.codec.xlsx import NARRATIVE_SHEET
    >>> NARRATIVE_SHEET
    '正文'
"""
CHECK_HEADER = "勾稽关系"
"""The header of the live identity checks (the word the format's corner note uses).

Examples:
    >>> from govinfo_report.codec.xlsx import CHECK_HEADER
    >>> CHECK_HEADER
    '勾稽关系'
"""
_ITEM, _VALUE, _ID = "项目", "内容", "标识"
_OK, _BAD = "✓", "✗"
_TITLE_ROWS = 1  # the section title above each table
_MAX_TEXT = 32_767  # Excel's limit on the characters of one cell


def check_archive(source: str | bytes, limits: Limits, *, where: str = "") -> None:
    """Refuse a workbook whose members would decompress past the limits (a zip bomb).

    Raises:
        LimitExceeded: naming the limit.
        zipfile.BadZipFile: for data that is not a zip archive.

    Examples:
        >>> check_archive(dumps_blank(), default_limits())
    """
    opened = io.BytesIO(source) if isinstance(source, bytes) else source
    with zipfile.ZipFile(opened) as archive:
        total = 0
        for member in archive.infolist():
            total += member.file_size
            if member.compress_size:
                ratio = member.file_size / member.compress_size
                limits.check("max_compression_ratio", ratio, where=f"{where}:{member.filename}")
        limits.check("max_decompressed_bytes", total, where=where)


def check_workbook(data: bytes, limits: Limits, *, where: str = "") -> None:
    """Refuse a workbook that openpyxl should not load: a zip bomb, or past ``max_workbook_bytes``.

    Raises:
        LimitExceeded: naming the limit.
        zipfile.BadZipFile: for data that is not a zip archive.

    Examples:
        >>> from govinfo_report.limits import Limits
        >>> check_workbook(dumps_blank(), Limits(max_workbook_bytes=10))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        govinfo_report.errors.LimitExceeded: ...max_workbook_bytes...
    """
    check_archive(data, limits, where=where)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        size = sum(member.file_size for member in archive.infolist())
    limits.check("max_workbook_bytes", size, where=where)


def dumps_blank(version: FormatVersion = FormatVersion.V2021) -> bytes:
    """A workbook of a report with zeros and no text (for examples and tests).

    Examples:
        >>> loads(dumps_blank()).requests.outcomes_total.total
        0
    """
    from ..model import Metadata, ReviewLitigation, build_section

    values = {
        spec.id: Decimal(0) if spec.kind is CellKind.AMOUNT else 0
        for spec in tx.cell_specs(version)
        if not spec.id.endswith(".total") and "outcomes_total" not in spec.id
    }
    report = AnnualReport(
        metadata=Metadata(agency="某机关", year=tx.FIRST_YEARS[version], format_version=version),
        proactive_disclosure=build_section("proactive_disclosure", version, values),
        requests=build_section("requests", version, values),
        review_litigation=ReviewLitigation.zero(),
    )
    return dumps(report)


def _letter(col: int) -> str:
    """The Excel column letters of a 0-based column index."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _ref(row: int, col: int) -> str:
    """A1 reference of a 0-based grid position below the title row."""
    return f"{_letter(col)}{row + _TITLE_ROWS + 1}"


def _sheet_name(section: str, version: FormatVersion) -> str:
    return next(s.title for s in tx.sections(version) if s.key == section)


def cell_addresses(version: FormatVersion) -> dict[str, str]:
    """Where every number cell is in the workbook: cell id → ``sheet!A1``.

    Examples:
        >>> cell_addresses(FormatVersion.V2021)["requests.new_requests.natural_person"]
        '三、收到和处理政府信息公开申请情况!D5'
    """
    out = {}
    for section in TABLE_SECTIONS:
        name = _sheet_name(section, version)
        for span in table_layout(section, version).cells():
            out[span.text] = f"{name}!{_ref(span.top, span.left)}"
    return out


def _derived(version: FormatVersion) -> dict[str, Identity]:
    """The identities whose target is a formula (every total; the balance stays an input)."""
    out: dict[str, Identity] = {}
    for identity in identities(version):
        if identity.code != "t3-balance":
            out.setdefault(identity.target, identity)
    return out


def _sum(refs: list[str]) -> str:
    """``SUM(D5:I5)`` for a run of cells in one row or column, else ``SUM(D5,D7)``."""
    if len(refs) > 1:
        cols = [r.rstrip("0123456789") for r in refs]
        rows = [int(r[len(c) :]) for r, c in zip(refs, cols, strict=True)]
        same_col = len(set(cols)) == 1 and rows == list(range(rows[0], rows[0] + len(rows)))
        numbers = [sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(c))) for c in cols]
        same_row = len(set(rows)) == 1 and numbers == list(
            range(numbers[0], numbers[0] + len(numbers))
        )
        if same_col or same_row:
            return f"SUM({refs[0]}:{refs[-1]})"
    return f"SUM({','.join(refs)})"


def _expression(identity: Identity, local: dict[str, str]) -> str:
    """The identity's right-hand side as an Excel expression over the sheet's references."""
    if all(sign > 0 for sign, _ in identity.terms):
        return _sum([local[cell] for _, cell in identity.terms])
    parts = ""
    for sign, cell in identity.terms:
        parts += ("+" if sign > 0 else "-") + local[cell]
    return parts.lstrip("+")


# --- writing -------------------------------------------------------------------------------


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="000000")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "wrap": Alignment(horizontal="left", vertical="top", wrap_text=True),
        "bold": Font(bold=True),
        "title": Font(bold=True, size=12),
        "input": PatternFill("solid", fgColor="FFF9E5"),
        "formula": PatternFill("solid", fgColor="EEEEEE"),
        "unlocked": Protection(locked=False),
        "bad": PatternFill("solid", fgColor="FFC7CE"),
        "bad_font": Font(color="9C0006", bold=True),
        "ok_font": Font(color="006100"),
    }


def _text(cell: Any, value: str, where: str, problems: list[Problem]) -> None:
    """Put text in a cell as text (never a formula), within Excel's limits."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if len(value) > _MAX_TEXT:
        problems.append(
            Problem(
                where,
                f"文本超过 Excel 单元格上限 {_MAX_TEXT} 字符 / text longer than Excel's "
                f"{_MAX_TEXT} characters per cell ({len(value)})",
            )
        )
        return
    found = ILLEGAL_CHARACTERS_RE.search(value)
    if found:
        problems.append(
            Problem(
                where,
                f"第 {found.start() + 1} 个字符 U+{ord(found.group()):04X} 是 Excel 不能保存的控制字符"
                f" / character {found.start() + 1} (U+{ord(found.group()):04X}) cannot be kept "
                "in an Excel workbook",
            )
        )
        return
    cell.value = value
    cell.data_type = "s"


def _number(value: Any, where: str, problems: list[Problem]) -> int | float:
    if isinstance(value, Decimal):
        as_float = float(value)
        if Decimal(repr(as_float)) != value:
            problems.append(
                Problem(
                    where,
                    f"{value} 超出 Excel 数字的精度（15 位有效数字） / {value} cannot be held "
                    "exactly by an Excel number (15 significant digits)",
                )
            )
        return int(value) if value == value.to_integral_value() else as_float
    return int(value)


def _put(cell: Any, value: Any, where: str, problems: list[Problem]) -> None:
    """A metadata, narrative or collection value in a cell: text as text, dates as dates."""
    if isinstance(value, str):
        _text(cell, value, where, problems)
    elif isinstance(value, Decimal):
        cell.value = _number(value, where, problems)
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value


def _print_setup(sheet: Any, landscape: bool, title_rows: int) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{title_rows}"
    sheet.print_options.horizontalCentered = True


def _validation(kind: CellKind, ref: str) -> Any:
    """The data validation of an input cell; an amount's rule names its cell (``ref``)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    return DataValidation(showErrorMessage=True, **_VALIDATIONS[kind](ref))


_VALIDATIONS: dict[CellKind, Callable[[str], dict[str, str]]] = {
    CellKind.AMOUNT: lambda ref: {
        "type": "custom",
        "formula1": f"AND(ISNUMBER({ref}),{ref}>=0,ROUND({ref},4)={ref})",
        "errorTitle": "金额 / amount",
        "error": "请填写不小于 0 的金额（万元，最多 4 位小数） / a non-negative amount in 万元, "
        "up to 4 decimals",
    },
    CellKind.SIGNED: lambda _: {
        "type": "whole",
        "operator": "between",
        "formula1": str(-CELL_LIMIT),
        "formula2": str(CELL_LIMIT),
        "errorTitle": "整数 / whole number",
        "error": "请填写整数（可为负数） / a whole number (may be negative)",
    },
    CellKind.COUNT: lambda _: {
        "type": "whole",
        "operator": "greaterThanOrEqual",
        "formula1": "0",
        "errorTitle": "件数 / count",
        "error": "请填写不小于 0 的整数 / a whole number, 0 or more",
    },
}
"""The settings of each kind of cell's data validation (the bounds from the acceptance layer)."""


def _write_table(
    book: Any,
    report: AnnualReport,
    section: str,
    styles: dict[str, Any],
    problems: list[Problem],
) -> None:
    from openpyxl.formatting.rule import CellIsRule

    version = report.format_version
    layout = table_layout(section, version)
    name = _sheet_name(section, version)
    sheet = book.create_sheet(name)
    values = report.values()
    derived = _derived(version)
    local = {span.text: _ref(span.top, span.left) for span in layout.cells()}
    check_col = layout.cols  # the column after the table, for checks within a row
    sheet.cell(row=1, column=1, value=name).font = styles["title"]
    width = layout.cols + (1 if section == "requests" else 0)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    validations: dict[CellKind, Any] = {}
    for span in layout.spans:
        top, left = span.top + _TITLE_ROWS + 1, span.left + 1
        cell = sheet.cell(row=top, column=left)
        if span.role is Role.CELL:
            assert span.column is not None
            identity = derived.get(span.text)
            if identity is not None:
                cell.value = "=" + _expression(identity, local)
                cell.fill = styles["formula"]
            else:
                cell.value = _number(values[span.text], f"{name}!{local[span.text]}", problems)
                cell.protection = styles["unlocked"]
                cell.fill = styles["input"]
                kind = span.column.kind
                if kind is CellKind.AMOUNT or kind not in validations:
                    validations[kind] = _validation(kind, cell.coordinate)
                    sheet.add_data_validation(validations[kind])
                validations[kind].add(cell.coordinate)
            cell.number_format = "0" if span.column.kind is not CellKind.AMOUNT else "General"
        else:
            _text(cell, span.text, f"{name}!{cell.coordinate}", problems)
            if span.role in (Role.HEADER, Role.CAPTION, Role.CORNER):
                cell.font = styles["bold"]
        align = "left" if (span.top, span.left) in layout.left_aligned else "center"
        for r in range(top, span.bottom + _TITLE_ROWS + 2):
            for c in range(left, span.right + 2):
                sheet.cell(row=r, column=c).border = styles["border"]
                sheet.cell(row=r, column=c).alignment = styles[align]
        if span.merged:
            sheet.merge_cells(
                start_row=top,
                start_column=left,
                end_row=span.bottom + _TITLE_ROWS + 1,
                end_column=span.right + 1,
            )
    checks = _write_checks(sheet, layout, version, local, check_col, styles)
    for area in checks:
        sheet.conditional_formatting.add(
            area,
            CellIsRule(
                operator="equal",
                formula=[f'"{_BAD}"'],
                fill=styles["bad"],
                font=styles["bad_font"],
            ),
        )
        sheet.conditional_formatting.add(
            area, CellIsRule(operator="equal", formula=[f'"{_OK}"'], font=styles["ok_font"])
        )
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    widths = [11.0] * width
    if section == "requests":
        widths[: layout.label_cols] = [8.0, 14.0, 40.0]
    elif section == "proactive_disclosure":
        widths[0] = 26.0
    for col, chars in enumerate(widths):
        sheet.column_dimensions[_letter(col)].width = chars
    _fit_rows(sheet, widths)
    _print_setup(sheet, section != "proactive_disclosure", _TITLE_ROWS + layout.header_rows)
    sheet.freeze_panes = sheet.cell(row=_TITLE_ROWS + layout.header_rows + 1, column=1)


def _display_width(text: str) -> int:
    """Columns of Excel's width unit a text needs: CJK and full-width characters count two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _fit_rows(sheet: Any, widths: list[float]) -> None:
    """Row heights for wrapped labels (Excel and WPS do not grow rows on opening a file)."""
    line = 15.0  # points per line at the default font size
    tops = {(m.min_row, m.min_col): m for m in sheet.merged_cells.ranges}
    for r in range(1, sheet.max_row + 1):
        lines = 1
        for cell in sheet[r]:
            if not isinstance(cell.value, str) or cell.value.startswith("="):
                continue
            col = cell.column - 1
            merged = tops.get((r, cell.column))
            if merged is not None and merged.max_row > merged.min_row:
                continue  # a label over several rows has their height
            last = merged.max_col - 1 if merged is not None else col
            room = sum(widths[col : last + 1]) if col < len(widths) else 11.0
            lines = max(lines, -(-(_display_width(cell.value) + 1) // max(int(room), 1)))
        if lines > 1:
            sheet.row_dimensions[r].height = line * lines


def _check(expression: str, target: str) -> str:
    return f'=IF({expression}={target},"{_OK}","{_BAD}")'


def _write_checks(
    sheet: Any,
    layout: TableLayout,
    version: FormatVersion,
    local: dict[str, str],
    check_col: int,
    styles: dict[str, Any],
) -> list[str]:
    """The live ✓/✗ of every identity of the table; returns the areas to colour."""
    mine = [i for i in identities(version) if i.target in local]
    if not mine:
        return []
    areas: list[str] = []
    row_checks = [i for i in mine if _same_row(i, local)]
    if row_checks:
        header = sheet.cell(row=_TITLE_ROWS + 1, column=check_col + 1, value=CHECK_HEADER)
        header.font = styles["bold"]
        header.alignment = styles["center"]
        if layout.header_rows > 1:
            sheet.merge_cells(
                start_row=_TITLE_ROWS + 1,
                start_column=check_col + 1,
                end_row=_TITLE_ROWS + layout.header_rows,
                end_column=check_col + 1,
            )
        for identity in row_checks:
            row = int(local[identity.target].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            cell = sheet.cell(row=row, column=check_col + 1)
            cell.value = _check(_expression(identity, local), local[identity.target])
            cell.alignment = styles["center"]
            cell.border = styles["border"]
            areas.append(cell.coordinate)
    by_code: dict[str, list[Identity]] = {}
    for identity in mine:
        if not _same_row(identity, local):
            by_code.setdefault(identity.code, []).append(identity)
    row = _TITLE_ROWS + layout.rows
    index = tx.cell_index(version)
    for code, group in by_code.items():
        row += 1
        first = group[0]
        words, _ = formula(first, version)
        if layout.label_cols:
            target = index[first.target].labels[-2]
            label = sheet.cell(
                row=row, column=1, value=f"{CHECK_HEADER}（{code}）：{target} = {words}"
            )
            sheet.merge_cells(
                start_row=row, start_column=1, end_row=row, end_column=layout.label_cols
            )
        else:  # no label column (table 四): the note goes below the checks
            label = sheet.cell(row=row + 1, column=1, value=f"{CHECK_HEADER}（{code}）：{words}")
        label.alignment = styles["left"]
        for identity in group:
            col = _column_of(local[identity.target])
            cell = sheet.cell(row=row, column=col)
            cell.value = _check(_expression(identity, local), local[identity.target])
            cell.alignment = styles["center"]
            cell.border = styles["border"]
            areas.append(cell.coordinate)
    return areas


def _column_of(ref: str) -> int:
    letters = ref.rstrip("0123456789")
    return sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters)))


def _same_row(identity: Identity, local: dict[str, str]) -> bool:
    row = local[identity.target].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return all(
        local[cell].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == row for _, cell in identity.terms
    )


def _metadata_rows(report: AnnualReport) -> Iterator[tuple[str, str, Any]]:
    meta = report.metadata
    yield tx.METADATA_FIELDS[0].label, "metadata.agency", meta.agency
    yield tx.METADATA_FIELDS[1].label, "metadata.year", meta.year
    yield tx.METADATA_FIELDS[2].label, "metadata.format_version", meta.format_version.value
    yield tx.METADATA_FIELDS[3].label, "metadata.scope", tx.SCOPE_LABELS[meta.scope]
    yield tx.METADATA_FIELDS[4].label, "metadata.published", meta.published
    yield (
        " / ".join(tx.fee_labels(report.format_version)),
        tx.FEE_PATH,
        (report.other_matters.info_processing_fee_yuan),
    )


def _narrative_rows(report: AnnualReport) -> Iterator[tuple[str, str, str | None]]:
    titles = {s.key: s.title for s in tx.sections(report.format_version)}
    yield "（前言）", "preamble", report.preamble
    for section, main in (("overview", "summary"), ("problems_improvements", "summary")):
        obj = getattr(report, section)
        yield titles[section], tx.cell_id(section, main), getattr(obj, main)
        for node in tx.NARRATIVE_PARTS[section]:
            yield (
                f"{titles[section]} / {node.label}",
                tx.cell_id(section, node),
                getattr(obj, node.key),
            )
    yield titles["other_matters"], "other_matters.text", report.other_matters.text


def _write_list(
    sheet: Any,
    rows: Iterator[tuple[str, str, Any]],
    styles: dict[str, Any],
    problems: list[Problem],
    *,
    text_width: int,
) -> None:
    for col, header in enumerate((_ITEM, _VALUE, _ID), start=1):
        cell = sheet.cell(row=1, column=col, value=header)
        cell.font = styles["bold"]
        cell.border = styles["border"]
    for r, (label, path, value) in enumerate(rows, start=2):
        _text(sheet.cell(row=r, column=1), label, f"{sheet.title}!A{r}", problems)
        _text(sheet.cell(row=r, column=3), path, f"{sheet.title}!C{r}", problems)
        cell = sheet.cell(row=r, column=2)
        _put(cell, value, f"{sheet.title}!B{r}", problems)
        cell.protection = styles["unlocked"]
        for col in (1, 2, 3):
            sheet.cell(row=r, column=col).border = styles["border"]
            sheet.cell(row=r, column=col).alignment = styles["wrap"]
    widths = [30.0, float(text_width), 34.0]
    for col, chars in enumerate(widths):
        sheet.column_dimensions[_letter(col)].width = chars
    _fit_rows(sheet, widths)
    sheet.freeze_panes = "A2"
    _print_setup(sheet, False, 1)


def dumps(report: AnnualReport) -> bytes:
    """The report as .xlsx bytes: metadata, tables 二 三 四 (as forms) and the narrative.

    Raises:
        SerializationError: for text Excel cannot hold (control characters, over 32,767
            characters) or an amount beyond 15 significant digits, naming the cell.

    Examples:
        >>> dumps(loads(dumps_blank()))[:2]
        b'PK'
    """
    if not isinstance(report, AnnualReport):
        raise TypeError(f"expected an AnnualReport, got {type(report).__name__}")
    from openpyxl import Workbook

    styles = _styles()
    problems: list[Problem] = []
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    meta = book.create_sheet(METADATA_SHEET)
    _write_list(meta, _metadata_rows(report), styles, problems, text_width=40)
    for section in TABLE_SECTIONS:
        _write_table(book, report, section, styles, problems)
    narrative = book.create_sheet(NARRATIVE_SHEET)
    present = ((a, b, c) for a, b, c in _narrative_rows(report) if c is not None)
    _write_list(narrative, present, styles, problems, text_width=90)
    book.properties.title = report.title
    book.properties.keywords = f"govinfo-report schema_version={SCHEMA_VERSION}"
    if problems:
        raise SerializationError(problems)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- reading -------------------------------------------------------------------------------


def _where_labels(spec: tx.CellSpec) -> str:
    return " / ".join(spec.labels)


def _read_number(
    value: Any, kind: CellKind, where: str, spec: tx.CellSpec, problems: list[Problem]
) -> int | Decimal | None:
    labels = _where_labels(spec)
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(
            Problem(where, f"{labels}：空白，请填写数字（0 也要填） / blank: type a number (0 too)")
        )
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(
            Problem(
                where,
                f"{labels}：应为数字，实为文本 {str(value)!r:.40} / must be a number, got text "
                f"{str(value)!r:.40}",
            )
        )
        return None
    if kind is CellKind.AMOUNT:
        return Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if isinstance(value, float):
        if not value.is_integer():
            problems.append(
                Problem(
                    where,
                    f"{labels}：应为整数，实为 {value!r} / must be a whole number, got {value!r}",
                )
            )
            return None
        return int(value)
    return value


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    node = data
    *parents, leaf = path.split(".")
    for key in parents:
        node = node.setdefault(key, {})
    node[leaf] = value


def _label_problem(sheet: str, ref: str, expected: str, found: Any) -> Problem:
    return Problem(
        f"{sheet}!{ref}",
        f"此处应为标签“{expected}”，实为 {found!r:.40}：请勿插入、删除或移动行列 / expected the "
        f"label {expected!r} here, found {found!r:.40}: rows or columns were inserted, deleted or "
        "moved",
    )


def _read_table(
    book: Any, section: str, version: FormatVersion, data: dict[str, Any], problems: list[Problem]
) -> None:
    name = _sheet_name(section, version)
    if name not in book.sheetnames:
        problems.append(Problem(name, f"缺少工作表 / the sheet {name!r} is missing"))
        return
    sheet = book[name]
    layout = table_layout(section, version)
    derived = _derived(version)
    index = tx.cell_index(version)
    for span in layout.spans:
        cell = sheet.cell(row=span.top + _TITLE_ROWS + 1, column=span.left + 1)
        if span.role is not Role.CELL:
            found = cell.value.strip() if isinstance(cell.value, str) else cell.value
            if found != span.text:
                problems.append(_label_problem(name, cell.coordinate, span.text, cell.value))
            continue
        if span.text in derived and cell.data_type == "f":
            continue  # a total left as its formula: derived by the model
        spec = index[span.text]
        value = _read_number(cell.value, spec.kind, f"{name}!{cell.coordinate}", spec, problems)
        if value is not None:
            _set(data, span.text, value)


def _read_list(book: Any, name: str, problems: list[Problem]) -> dict[str, tuple[str, Any]]:
    """``path → (A1 of the value, value)`` from a list sheet (by the 标识 column)."""
    if name not in book.sheetnames:
        problems.append(Problem(name, f"缺少工作表 / the sheet {name!r} is missing"))
        return {}
    sheet = book[name]
    out = {}
    for row in sheet.iter_rows(min_row=2, max_col=3):
        label, value, path = (c.value for c in row)
        if isinstance(path, str) and path.strip():
            out[path.strip()] = (f"{name}!{row[1].coordinate}", value)
        elif label is not None or value is not None:
            problems.append(
                Problem(
                    f"{name}!{row[2].coordinate}",
                    "缺少标识，无法确定这一行是什么 / no 标识 (id): cannot tell what this row is",
                )
            )
    return out


def _meta_value(path: str, value: Any) -> Any:
    """A metadata cell as the plain data the codec structures (as YAML would give it)."""
    scopes = {label: scope.value for scope, label in tx.SCOPE_LABELS.items()}
    if path == "metadata.scope" and isinstance(value, str):
        return scopes.get(value.strip(), value)
    if path == "metadata.format_version" and isinstance(value, int):
        return str(value)
    if path == "metadata.published" and isinstance(value, dt.datetime):
        return value.date().isoformat()
    if path == "metadata.published" and isinstance(value, dt.date):
        return value.isoformat()
    if path == tx.FEE_PATH and isinstance(value, float):
        return Decimal(repr(value))
    if path == tx.FEE_PATH and isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def _metadata(entries: dict[str, tuple[str, Any]], data: dict[str, Any]) -> None:
    for path, (_, raw) in entries.items():
        value = _meta_value(path, raw)
        if value is None and path != "metadata.published":
            continue
        _set(data, path, value)


def _narrative(entries: dict[str, tuple[str, Any]], data: dict[str, Any]) -> None:
    for path, (_, value) in entries.items():
        text = "" if value is None else value if isinstance(value, str) else str(value)
        _set(data, path, text)


def _version_of(entries: dict[str, tuple[str, Any]]) -> FormatVersion:
    raw = entries.get("metadata.format_version", ("", None))[1]
    try:
        return FormatVersion(str(raw))
    except ValueError:
        return FormatVersion.V2021


def load_data(
    data: bytes, *, source: str | None = None, limits: Limits | None = None
) -> dict[str, Any]:
    """The plain data of a workbook (as :func:`govinfo_report.codec.load_data` gives for YAML).

    Totals left as formulas are absent (the model derives them); typed totals are kept.

    Raises:
        SerializationError: for a file that is not a workbook, a missing sheet, a moved label or
            a cell that is not a number, each at ``sheet!A1`` with labels.
        LimitExceeded: for a workbook past the decompression limits.

    Examples:
        >>> load_data(dumps_blank())["requests"]["carried_forward"]["natural_person"]
        0
    """
    return _load(data, source, limits)[0]


def _open(data: bytes, source: str | None, limits: Limits | None, *, data_only: bool) -> Any:
    """The openpyxl workbook of the bytes, within the limits."""
    from openpyxl import load_workbook

    limits = limits or default_limits()
    where = source or "<xlsx>"
    try:
        check_workbook(data, limits, where=where)
        return load_workbook(io.BytesIO(data), data_only=data_only)
    except LimitExceeded:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SerializationError(
            [Problem("$", f"不是 Excel 工作簿（.xlsx） / not an Excel workbook (.xlsx): {exc}")],
            source=source,
        ) from None


def _load(
    data: bytes, source: str | None, limits: Limits | None
) -> tuple[dict[str, Any], dict[str, str]]:
    book = _open(data, source, limits, data_only=False)
    if METADATA_SHEET not in book.sheetnames:
        raise SerializationError(
            [
                Problem(
                    "$",
                    f"不是本库生成的工作簿（没有“{METADATA_SHEET}”表）：请用 govinfo-report parse 按标签"
                    f"读取 / not a workbook written by govinfo-report (no {METADATA_SHEET!r} sheet): "
                    "read it by its labels with `govinfo-report parse` or govinfo_report.parse()",
                )
            ],
            source=source,
        )
    problems: list[Problem] = []
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    meta = _read_list(book, METADATA_SHEET, problems)
    _metadata(meta, out)
    version = _version_of(meta)
    for section in TABLE_SECTIONS:
        _read_table(book, section, version, out, problems)
    _narrative(_read_list(book, NARRATIVE_SHEET, problems), out)
    if problems:
        raise SerializationError(problems, source=source)
    return out, {**cell_addresses(version), **{p: a for p, (a, _) in meta.items()}}


def loads(data: bytes, *, source: str | None = None, limits: Limits | None = None) -> AnnualReport:
    """Read a report from the bytes of a workbook written by :func:`dumps` (and edited in Excel).

    Raises:
        SerializationError: listing every problem at once, each at ``sheet!A1`` with labels.
        LimitExceeded: for a workbook past the decompression limits.

    Examples:
        >>> loads(dumps_blank()).metadata.agency
        '某机关'
    """
    out, addresses = _load(data, source, limits)
    try:
        return structure(out, source=source)
    except SerializationError as exc:
        raise SerializationError(
            [_relocate(p, addresses) for p in exc.problems], source=source, findings=exc.findings
        ) from None


def _relocate(problem: Problem, addresses: dict[str, str]) -> Problem:
    """A problem at ``$.a.b`` moved to the cell that holds ``a.b``."""
    path = problem.path.removeprefix("$.")
    if path in addresses:
        return Problem(addresses[path], problem.message)
    return problem


# --- the collection workbook (one row per report) ------------------------------------------

WIDE_SHEET = "汇总"
"""The sheet of a collection workbook: one row per report, one column per field or cell.

Examples:
    >>> from govinfo_report.codec.xlsx import WIDE_SHEET
    >>> WIDE_SHEET
    '汇总'
"""


def _wide_columns(versions: list[FormatVersion]) -> list[tuple[str, str]]:
    """(label path, id) of every column: metadata, the cells of each version, fee, narrative."""
    columns = [(node.label, f"metadata.{node.key}") for node in tx.METADATA_FIELDS]
    seen = {path for _, path in columns}
    for version in versions:
        for spec in tx.cell_specs(version):
            if spec.id not in seen:
                seen.add(spec.id)
                title = _sheet_name(spec.section, version)
                columns.append((" / ".join((title, *spec.labels)), spec.id))
    columns.append((" / ".join(tx.fee_labels(versions[0])), tx.FEE_PATH))
    titles = {s.key: s.title for s in tx.sections(versions[0])}
    columns.append(("（前言）", "preamble"))
    for section, main in (("overview", "summary"), ("problems_improvements", "summary")):
        columns.append((titles[section], tx.cell_id(section, main)))
        for node in tx.NARRATIVE_PARTS[section]:
            columns.append((f"{titles[section]} / {node.label}", tx.cell_id(section, node)))
    columns.append((titles["other_matters"], "other_matters.text"))
    return columns


def _field(report: AnnualReport, path: str) -> Any:
    values = report.values()
    if path in values:
        return values[path]
    if path in tx.cell_index(FormatVersion.V2021) or path in tx.cell_index(FormatVersion.V2019):
        return None  # a cell of the other format version
    node: Any = report
    for key in path.split("."):
        node = getattr(node, key)
    if path == "metadata.scope":
        return tx.SCOPE_LABELS[node]
    if isinstance(node, FormatVersion):
        return node.value
    return node


def dumps_wide(reports: list[AnnualReport]) -> bytes:
    """A collection workbook: one row per report, one column per field and cell.

    Two header rows: the Chinese label path and the stable id. Reports of both format versions
    may be mixed (a cell of the other version is blank). Read back with :func:`loads_wide`.

    Raises:
        SerializationError: for a value Excel cannot hold, naming its cell.

    Examples:
        >>> import govinfo_report as gr
        >>> reports = [gr.load("examples/city-2024.yaml"), gr.load("examples/city-2020.yaml")]
        >>> loads_wide(dumps_wide(reports)) == reports
        True
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    if not reports:
        raise ValueError("没有报告 / no reports to write")
    versions = sorted({r.format_version for r in reports}, reverse=True)
    columns = _wide_columns(versions)
    styles = _styles()
    problems: list[Problem] = []
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = WIDE_SHEET
    for col, (label, path) in enumerate(columns, start=1):
        for row, text in ((1, label), (2, path)):
            cell = sheet.cell(row=row, column=col)
            _text(cell, text, f"{WIDE_SHEET}!{cell.coordinate}", problems)
            cell.font = styles["bold"]
            cell.alignment = styles["center"]
            cell.border = styles["border"]
        sheet.column_dimensions[get_column_letter(col)].width = 14
    for r, report in enumerate(reports, start=3):
        for col, (_, path) in enumerate(columns, start=1):
            value = _field(report, path)
            cell = sheet.cell(row=r, column=col)
            _put(cell, value, f"{WIDE_SHEET}!{cell.coordinate}", problems)
    sheet.freeze_panes = "C3"
    if problems:
        raise SerializationError(problems)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def loads_wide(
    data: bytes, *, source: str | None = None, limits: Limits | None = None
) -> list[AnnualReport]:
    """The reports of a collection workbook written by :func:`dumps_wide`.

    Columns are found by the id in the second header row, so they may be reordered; blank cells
    of the other format version are ignored.

    Raises:
        SerializationError: listing every problem of every row at its ``汇总!A1`` cell.

    Examples:
        >>> [r.metadata.year for r in loads_wide(dumps_wide([loads(dumps_blank())]))]
        [2021]
    """
    book = _open(data, source, limits, data_only=True)
    if WIDE_SHEET not in book.sheetnames:
        raise SerializationError(
            [Problem(WIDE_SHEET, f"缺少工作表 / the sheet {WIDE_SHEET!r} is missing")],
            source=source,
        )
    sheet = book[WIDE_SHEET]
    rows = list(sheet.iter_rows(min_row=2))
    if not rows:
        return []
    ids = [c.value.strip() if isinstance(c.value, str) else None for c in rows[0]]
    reports: list[AnnualReport] = []
    problems: list[Problem] = []
    for cells in rows[1:]:
        if all(c.value is None for c in cells):
            continue
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        raw: dict[str, Any] = {}
        for i, cell in enumerate(cells[: len(ids)]):
            name = ids[i]
            if name:
                raw[name] = cell
        version_cell = raw.get("metadata.format_version")
        version = _version_of(
            {"metadata.format_version": ("", None if version_cell is None else version_cell.value)}
        )
        index = tx.cell_index(version)
        addresses: dict[str, str] = {}
        row_problems: list[Problem] = []
        for path, cell in raw.items():
            where = f"{WIDE_SHEET}!{cell.coordinate}"
            addresses[path] = where
            if path in index:
                spec = index[path]
                value = _read_number(cell.value, spec.kind, where, spec, row_problems)
                if value is not None:
                    _set(out, path, value)
            elif path.startswith("metadata.") or path == tx.FEE_PATH:
                value = _meta_value(path, cell.value)
                if value is not None or path == "metadata.published":
                    _set(out, path, value)
            elif path in _NARRATIVE_PATHS and (cell.value is not None or path in _REQUIRED_TEXT):
                _set(out, path, "" if cell.value is None else str(cell.value))
        problems += row_problems
        if row_problems:
            continue
        try:
            reports.append(structure(out, source=source))
        except SerializationError as exc:
            problems += [_relocate(p, addresses) for p in exc.problems]
    if problems:
        raise SerializationError(problems, source=source)
    return reports


_REQUIRED_TEXT = frozenset(
    {"preamble", "overview.summary", "problems_improvements.summary", "other_matters.text"}
)
_NARRATIVE_PATHS = _REQUIRED_TEXT | {
    tx.cell_id(section, node) for section, nodes in tx.NARRATIVE_PARTS.items() for node in nodes
}

"""A collection's validation summary: one row per file, the invalid first, as CSV or HTML.

The HTML page is self-contained (no scripts, no external style sheets) so a supervisor can open
it from a shared folder or send it by mail.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Sequence

import attrs

from ..catalog import Severity
from ..draft import Draft
from ..model import AnnualReport
from ..taxonomy import SCOPE_LABELS
from ..validate import ValidationReport

__all__ = ["SUMMARY_COLUMNS", "SummaryRow", "summary_csv", "summary_html", "summary_rows"]

SUMMARY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("file", "文件 / file"),
    ("agency", "报告主体 / agency"),
    ("year", "年度 / year"),
    ("format_version", "格式 / format"),
    ("scope", "范围 / scope"),
    ("valid", "通过 / valid"),
    ("errors", "错误 / errors"),
    ("warnings", "警告 / warnings"),
    ("first_error", "第一个错误 / first error"),
)
"""The summary's columns: attribute of :class:`SummaryRow` and printed heading.

Examples:
    >>> from govinfo_report.collect.summary import SUMMARY_COLUMNS
    >>> SUMMARY_COLUMNS[1]
    ('agency', '报告主体 / agency')
"""


@attrs.frozen
class SummaryRow:
    """One file of a collection: who, which year, whether it passes, its first error.

    Examples:
        >>> row = SummaryRow.unreadable("a.pdf", "不是年报 / not a report")
        >>> row.valid, row.first_error
        (False, '不是年报 / not a report')
    """

    file: str
    agency: str = ""
    year: str = ""
    format_version: str = ""
    scope: str = ""
    valid: bool = False
    errors: int = 0
    warnings: int = 0
    first_error: str = ""

    @classmethod
    def of(cls, file: str, report: AnnualReport | Draft, result: ValidationReport) -> SummaryRow:
        """The row of a file that was read and validated."""
        scope = report.metadata.scope
        first = result.errors[0] if result.errors else None
        return cls(
            file=file,
            agency=result.agency or "",
            year="" if result.year is None else str(result.year),
            format_version=result.format_version.value,
            scope="" if scope is None else f"{SCOPE_LABELS[scope]} {scope.value}",
            valid=result.valid,
            errors=result.counts[Severity.ERROR],
            warnings=result.counts[Severity.WARNING],
            first_error="" if first is None else first.message_zh,
        )

    @classmethod
    def unreadable(cls, file: str, message: str) -> SummaryRow:
        """The row of a file that could not be read at all."""
        return cls(file=file, valid=False, errors=1, first_error=message)

    def cells(self) -> list[str]:
        """The row's values as text, in :data:`SUMMARY_COLUMNS` order."""
        out = []
        for name, _ in SUMMARY_COLUMNS:
            value = getattr(self, name)
            out.append(("是 yes" if value else "否 no") if isinstance(value, bool) else str(value))
        return out


def summary_rows(rows: Iterable[SummaryRow]) -> list[SummaryRow]:
    """The rows sorted for a supervisor: invalid first, then most errors, then by file.

    Examples:
        >>> rows = [SummaryRow("b.yaml", valid=True), SummaryRow("a.yaml", errors=2)]
        >>> [r.file for r in summary_rows(rows)]
        ['a.yaml', 'b.yaml']
    """
    return sorted(rows, key=lambda r: (r.valid, -r.errors, -r.warnings, r.file))


def summary_csv(rows: Sequence[SummaryRow]) -> bytes:
    """The summary as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Chinese).

    Examples:
        >>> summary_csv([SummaryRow("a.yaml", valid=True)]).decode("utf-8-sig").splitlines()[1]
        'a.yaml,,,,,是 yes,0,0,'
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([heading for _, heading in SUMMARY_COLUMNS])
    writer.writerows(row.cells() for row in summary_rows(rows))
    return out.getvalue().encode("utf-8-sig")


_STYLE = (
    "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
    "th,td{border:1px solid #999;padding:4px 8px;text-align:left}"
    "tr.invalid td{background:#fde8e8}th{background:#eee}"
)


def summary_html(
    rows: Sequence[SummaryRow], title: str = "年报校验汇总 / Validation summary"
) -> bytes:
    """The summary as one self-contained HTML page.

    Examples:
        >>> b"<table" in summary_html([SummaryRow("a.yaml", valid=True)])
        True
    """
    ordered = summary_rows(rows)
    passed = sum(1 for r in ordered if r.valid)
    head = "".join(f"<th>{html.escape(h)}</th>" for _, h in SUMMARY_COLUMNS)
    body = []
    for row in ordered:
        cells = "".join(f"<td>{html.escape(c)}</td>" for c in row.cells())
        body.append(f'<tr class="{"valid" if row.valid else "invalid"}">{cells}</tr>')
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f"<p>共 {len(ordered)} 个文件，{passed} 个通过 / {len(ordered)} files, {passed} valid</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        "</body></html>\n"
    )
    return page.encode("utf-8")

"""``govinfo-report validate``: check reports and say which cells are wrong and why.

Model files (.yaml/.yml/.json/.toml) are read leniently, so a file whose numbers break the rules
is reported rather than refused; any other file (.txt, .html, .htm, .docx, .pdf; the kind is
sniffed from the content) goes through the parsers. Output is Chinese first with the cell named
by its label path and English second (``--format text``), or one JSON document (``--format
json``, the contract in docs/rules.md). Exit code: 0 no error finding, 1 error findings or a file
that cannot be read, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..catalog import Severity
from ..collect.summary import SummaryRow, summary_csv, summary_html
from ..draft import Draft
from ..errors import GovInfoReportError, ParseError
from ..findings import Finding
from ..io import EXTENSIONS, PUBLISHED_SUFFIXES, atomic_write, read_bounded
from ..model import AnnualReport
from ..validate import (
    JSON_SCHEMA_ID,
    UnknownRuleError,
    ValidationReport,
    load_lenient,
    rules_for,
    validate,
)
from . import EXIT_FINDINGS, EXIT_OK
from ._common import (
    EXIT_INTERRUPTED,
    add_command,
    add_output,
    eprint,
    error_text,
    expand_folders,
    fail,
    in_order,
    missing_output_folder,
    printable,
    say_error,
    usage_error,
    write_text,
)

__all__ = ["read_report", "register"]


_SEVERITY = {
    Severity.ERROR: "错误 error",
    Severity.WARNING: "警告 warning",
    Severity.INFO: "提示 info",
}


def register(subparsers: Any) -> None:
    """Add the ``validate`` sub-command.

    Examples:
        >>> from govinfo_report.cli import build_parser
        >>> build_parser().parse_args(["validate", "a.yaml"]).command
        'validate'
    """
    parser = add_command(
        subparsers,
        "validate",
        _run,
        help="check reports: identities, cells, sections, text vs tables, cross-year",
        description=(
            "Check annual reports: model files (.yaml/.yml/.json/.toml) or published files "
            "(.txt/.html/.htm/.docx/.pdf). Every finding names the cell by its Chinese label "
            "path, with the expected and found values and the fewest cells whose change "
            "makes every identity hold (error localisation), with their consistent values. "
            "Exit 0 if no error finding, 1 if any (or a file cannot be read), 2 on a usage "
            "error. Rules: docs/rules.md or --list-rules."
        ),
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="the reports to check")
    parser.add_argument(
        "--previous",
        metavar="LAST_YEAR_FILE",
        help="last year's report of the same body (compared with every FILE): cross-year rules",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="human-readable text (Chinese first, English second) or one JSON document",
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="run only these rule codes or tags (comma-separated; repeatable)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="skip these rule codes or tags (comma-separated; repeatable)",
    )
    add_output(parser, "also write the output to this file")
    parser.add_argument(
        "--summary",
        metavar="FILE.csv|FILE.html",
        help="also write one row per file (agency, year, format, scope, valid, counts, first "
        "error), the invalid first, as CSV or as one self-contained HTML page",
    )
    parser.add_argument(
        "--annotate",
        metavar="REVIEWED_DOCX",
        help="for one .docx FILE: write a copy with every finding as a Word comment (批注)",
    )
    parser.add_argument(
        "--list-rules", action="store_true", help="list the rules that would run, then exit"
    )


def read_report(path: str) -> AnnualReport | Draft:
    """Read a file for validation: model files leniently, anything else through the parsers.

    Raises:
        GovInfoReportError: when the file cannot be read as a report at all.
        OSError: when the file cannot be opened.

    Examples:
        >>> from govinfo_report.cli.validate import read_report
        >>> type(read_report("examples/hongqi-2023.yaml")).__name__
        'AnnualReport'
        >>> type(read_report("tests/samples/hongqi-2023.txt")).__name__
        'Draft'
    """
    if Path(path).suffix.lower() in EXTENSIONS:
        return load_lenient(path)
    try:
        from ..parse import parse
    except ImportError as exc:  # pragma: no cover - the parse extra is missing
        raise ParseError(
            f"读取已发布的报告需要 parse 组件 / reading published reports needs the 'parse' "
            f"extra: pip install 'govinfo-report[parse]' ({exc})"
        ) from None
    # read_bounded refuses a pipe or a device and bounds the size; the name is kept printable.
    return parse(read_bounded(path), name=printable(Path(path).name))


def _codes(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [item for value in values for item in value.split(",") if item.strip()]


def _finding_text(finding: Finding, path: str) -> list[str]:
    where = ""
    source = finding.source
    if source is not None:
        bare = source.file in (None, path, Path(path).name) and not any(
            (source.page, source.table, source.row, source.column, source.line)
        )
        if not bare:
            where = f"  [{source}]"
    lines = [f"  {_SEVERITY[finding.severity]}  {finding.code}{where}"]
    lines.append(f"    {finding.message_zh}")
    lines.append(f"    {finding.message_en}")
    return lines


def _localisation_text(result: ValidationReport) -> list[str]:
    """The joint error localisation, once per file (every identity finding carries the same)."""
    found = next((f.localisation for f in result.findings if f.localisation), None)
    if found is None or not found.solutions:
        return []
    if found.unique:
        verdict = "唯一 / unique"
    elif found.by_text:
        verdict = "正文数字选定 / chosen by the narrative"
    else:
        more = "" if found.complete else "+"
        verdict = f"不唯一，{len(found.solutions)}{more} 种 / ambiguous, {len(found.solutions)}{more} ways"
    lines = [
        f"  错误定位 / error localisation: 最少改动 {found.size} 格 / {found.size} cell(s), {verdict}"
    ]
    for n, solution in enumerate(found.solutions, 1):
        changes = "；".join(
            f"{' / '.join(c.labels)} {'（空）' if c.current is None else c.current} → {c.value}"
            for c in solution.changes
        )
        lines.append(f"    {n}. {changes}")
    return lines


def _report_text(path: str, result: ValidationReport) -> str:
    who = result.agency or "（未知主体 / unknown agency）"
    year = f"{result.year} 年度" if result.year is not None else "（年度未知 / year unknown）"
    counts = result.counts
    verdict = "通过 / valid" if result.valid else "不通过 / invalid"
    lines = [
        f"== {path}",
        f"  {who} {year}，{result.format_version.value} 年格式 / format",
    ]
    for finding in result.findings:
        lines += _finding_text(finding, path)
    lines += _localisation_text(result)
    lines.append(
        f"  结果 / result: {verdict}（错误 {counts[Severity.ERROR]} · 警告 "
        f"{counts[Severity.WARNING]} · 提示 {counts[Severity.INFO]} / errors, warnings, infos）"
    )
    return "\n".join(lines)


def _list_rules(select: list[str] | None, ignore: list[str] | None) -> str:
    lines = []
    for r in rules_for(select, ignore):
        tags = ",".join(r.tags)
        lines.append(f"{r.code:20} {r.severity.value:8} {r.title_zh} / {r.title_en} [{tags}]")
    return "\n".join(lines)


def _emit(text: str, output: str | None) -> int:
    sys.stdout.write(printable(text))
    return write_text(output, printable(text)) if output else EXIT_OK


_Job = tuple[
    str, "AnnualReport | Draft | None", "list[str] | None", "list[str] | None", "str | None"
]


def _validate_one(job: _Job) -> tuple[Any, ...]:
    """Validate one file: its JSON entry, text, counts and summary row, or ``("error", message)``.

    With an output path as the job's last item, the file (a .docx) is also annotated: a copy
    with every finding as a Word comment.
    """
    path, previous, select, ignore, annotated = job
    try:
        if annotated:
            from ..review import annotate

            # annotate() says why a .docx is not a report; read it again only once it is.
            result = annotate(path, annotated, previous=previous, select=select, ignore=ignore)
            eprint(f"已写入批注 / comments written: {annotated}")
            report = read_report(path)
        else:
            report = read_report(path)
            result = validate(report, previous=previous, select=select, ignore=ignore)
    except (GovInfoReportError, OSError) as exc:
        return ("error", error_text(exc))
    entry = result.to_dict()
    entry["file"] = printable(path)
    row = SummaryRow.of(path, report, result)
    return entry, _report_text(printable(path), result), dict(result.counts), row


def _run(args: argparse.Namespace) -> int:
    select, ignore = _codes(args.select), _codes(args.ignore)
    try:
        rules_for(select, ignore)
    except UnknownRuleError as exc:
        return usage_error(str(exc))
    if args.list_rules:
        return _emit(_list_rules(select, ignore) + "\n", args.output)
    if not args.files:
        return usage_error("请给出要检查的文件 / give at least one FILE to validate")
    missing = missing_output_folder(args.output)
    if missing:
        return usage_error(missing)
    if args.summary and Path(args.summary).suffix.lower() not in (".csv", ".html", ".htm"):
        return usage_error("--summary 需要 .csv 或 .html 文件 / --summary needs a .csv or .html")
    missing = missing_output_folder(args.summary)
    if missing:
        return usage_error(missing)
    summary: list[SummaryRow] = []
    previous: AnnualReport | Draft | None = None
    if args.previous:
        try:
            previous = read_report(args.previous)
        except (GovInfoReportError, OSError) as exc:
            fail(exc, args.previous)
            return EXIT_FINDINGS
    # Folders hold every model file and published report in them.
    expanded = expand_folders(args.files, (*EXTENSIONS, *PUBLISHED_SUFFIXES))
    if isinstance(expanded, str):
        return usage_error(expanded)
    if args.annotate and (len(expanded) != 1 or Path(expanded[0]).suffix.lower() != ".docx"):
        return usage_error(
            "--annotate 需要且只需要一个 .docx 文件 / --annotate takes exactly one .docx FILE"
        )
    status = EXIT_OK
    entries: list[dict[str, Any]] = []
    texts: list[str] = []
    totals = {severity.value: 0 for severity in Severity}
    jobs = [(path, previous, select, ignore, args.annotate) for path in expanded]
    try:
        for (path, *_), checked, error in in_order(_validate_one, jobs, "validate"):
            outcome = checked if error is None else ("error", error)
            if isinstance(outcome, tuple) and outcome[0] == "error":
                # Said once: on standard error for text, as the file's "error" in the JSON.
                status = EXIT_FINDINGS
                message = outcome[1]
                summary.append(SummaryRow.unreadable(path, message))
                if args.format == "json":
                    entries.append(
                        {"file": printable(path), "valid": False, "error": printable(message)}
                    )
                else:
                    say_error(message, path)
                continue
            assert isinstance(outcome, tuple)
            entry, text, counts, row = outcome
            summary.append(row)
            if not entry.get("valid"):
                status = EXIT_FINDINGS
            for severity, n in counts.items():
                totals[severity] += n
            entries.append(entry)
            texts.append(text)
    except KeyboardInterrupt:
        eprint(f"已中断 / interrupted: {len(entries)} / {len(jobs)} 个文件已检查 / files checked")
        return EXIT_INTERRUPTED
    if args.format == "json":
        document = {
            "schema": JSON_SCHEMA_ID,
            "valid": status == EXIT_OK,
            "counts": totals,
            "files": entries,
        }
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        if len(expanded) > 1:
            passed = sum(1 for e in entries if e.get("valid"))
            texts.append(
                f"共 {len(expanded)} 个文件，{passed} 个通过 / "
                f"{len(expanded)} files, {passed} valid"
            )
        text = "".join(f"{t}\n" for t in texts)
    written = _emit(text, args.output)
    if args.summary:
        html = Path(args.summary).suffix.lower() != ".csv"
        try:
            atomic_write(args.summary, summary_html(summary) if html else summary_csv(summary))
        except OSError as exc:
            fail(exc, args.summary)
            return EXIT_FINDINGS
    return status if written == EXIT_OK else written

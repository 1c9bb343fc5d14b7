"""``govinfo-report parse``: read published reports (text, HTML, DOCX, PDF) into data.

Prints, per file, the input kind, the detected format version, the metadata with confidence,
the reader's notes and the identities the published numbers break. ``--format json`` (or ``-o``)
gives the stable JSON contract documented in docs/parse.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..catalog import Severity
from ..draft import Draft
from ..errors import GovInfoReportError
from ..io import PUBLISHED_SUFFIXES, read_bounded
from ..parse import CONTRACT, contract, parse, sniff
from . import EXIT_FINDINGS, EXIT_OK
from ._common import (
    EXIT_INTERRUPTED,
    add_command,
    add_output,
    eprint,
    error_text,
    expand_folders,
    in_order,
    missing_output_folder,
    printable,
    say_error,
    usage_error,
    write_text,
)

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``parse`` sub-command.

    Examples:
        >>> from govinfo_report.cli import build_parser
        >>> build_parser().parse_args(["parse", "a.pdf"]).command
        'parse'
    """
    parser = add_command(
        subparsers,
        "parse",
        _run,
        help="read published reports (text, HTML, DOCX, PDF) into data",
        description=(
            "Read published annual reports (plain text, HTML, Word .docx, PDF; the kind is "
            "sniffed from the content) and print what was found: format version, metadata, "
            "notes and broken identities. Exit 1 if a file cannot be read or breaks an identity."
        ),
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help=f"the published reports, or folders of them ({', '.join(PUBLISHED_SUFFIXES)})",
    )
    add_output(parser, "write the parsed reports to this .json or .yaml file (the stable contract)")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="standard output: a summary per file (text) or the JSON contract (json)",
    )


def _summary(draft: Draft, kind: str) -> str:
    meta = draft.metadata
    conf = meta.confidence

    def with_conf(value: object, key: str) -> str:
        if value is None:
            return "?"
        return f"{value} ({conf[key]:.2f})" if key in conf else str(value)

    lines = [
        f"== {draft.source}",
        f"   输入 / input: {kind}; 格式 / format: {with_conf(meta.format_version, 'format_version')}",
        f"   报告主体 / agency: {with_conf(meta.agency, 'agency')}",
        f"   年度 / year: {with_conf(meta.year, 'year')}; 范围 / scope: "
        f"{with_conf(meta.scope, 'scope')}",
        f"   单元格 / cells: {len(draft.cells)}; 部分 / sections: {len(draft.sections)}",
    ]
    for note in draft.notes:
        lines.append(f"   注意 / note: {note}")
    identities = draft.identity_findings()
    lines.append(f"   勾稽关系问题 / identity violations: {len(identities)}")
    for finding in identities:
        where = f" @ {finding.source}" if finding.source else ""
        lines.append(f"   - {finding}{where}")
    return "\n".join(lines)


def _parse_one(path: str) -> tuple[str, dict[str, Any], str, bool] | str:
    """Parse one file: its kind, its JSON contract record, its summary, whether it breaks a total.

    Returns the error message instead for a file that cannot be read.
    """
    try:
        data = read_bounded(path)  # a regular file within the size limit, read with a bound
        # Named by the path given (one source.html of many); a name that is not UTF-8 (GBK
        # from a Windows zip) is written escaped, everywhere.
        name = printable(path)
        kind = str(sniff(data, name))
        draft = parse(data, name=name)
    except (GovInfoReportError, OSError) as exc:
        return error_text(exc)
    broken = any(f.severity is Severity.ERROR for f in draft.identity_findings())
    return kind, contract(draft, kind), _summary(draft, kind), broken


def _run(args: argparse.Namespace) -> int:
    output = Path(args.output) if args.output else None
    if output is not None and output.suffix.lower() not in (".json", ".yaml", ".yml"):
        return usage_error(f"输出文件须为 .json 或 .yaml / output must be .json or .yaml: {output}")
    missing = missing_output_folder(output)
    if missing:  # said before parsing every file, not after
        return usage_error(missing)
    files = expand_folders(args.files, PUBLISHED_SUFFIXES)
    if isinstance(files, str):
        return usage_error(files)
    results: list[dict[str, Any]] = []
    status = EXIT_OK
    try:
        for path, parsed, error in in_order(_parse_one, files, "parse"):
            outcome = parsed if error is None else error
            if isinstance(outcome, str):
                say_error(f"{path}: {outcome}")
                results.append(
                    {"contract": CONTRACT, "file": printable(path), "error": printable(outcome)}
                )
                status = EXIT_FINDINGS
                continue
            assert outcome is not None
            _, record, summary, broken = outcome
            if broken:
                status = EXIT_FINDINGS
            results.append(record)
            if args.format == "text":
                print(printable(summary))
    except KeyboardInterrupt:
        eprint(f"已中断 / interrupted: {len(results)} / {len(files)} 个文件已读 / files read")
        return EXIT_INTERRUPTED
    document = {"contract": CONTRACT, "reports": results}
    if args.format == "json":
        sys.stdout.write(printable(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")
    if output is not None:
        if output.suffix.lower() == ".json":
            text = printable(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
        else:
            import yaml

            text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
        if write_text(output, text) != EXIT_OK:
            return EXIT_FINDINGS
    return status

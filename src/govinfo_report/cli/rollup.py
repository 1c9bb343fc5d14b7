"""``govinfo-report rollup``: add reports up into a jurisdiction total, or check a published one.

Inputs are model files or published files (a parsed report is used only if its draft is complete
and valid); folders are expanded. The total is refused, with every reason and nothing written,
when the inputs differ in year or format, name a body twice or do not validate.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..collect import (
    Roster,
    Verdict,
    check_rollup,
    load_report,
    rollup,
    rollup_tree,
    write_report,
)
from ..errors import GovInfoReportError
from ..io import atomic_write
from ..taxonomy import Scope
from . import EXIT_FINDINGS, EXIT_OK
from ._collect import read_reports
from ._common import add_command, add_output, eprint, fail, usage_error

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``rollup`` sub-command.

    Examples:
        >>> from govinfo_report.cli import build_parser
        >>> args = ["rollup", "a.yaml", "b.yaml", "--agency", "某县", "-o", "total.yaml"]
        >>> build_parser().parse_args(args).inputs
        ['a.yaml', 'b.yaml']
    """
    parser = add_command(
        subparsers,
        "rollup",
        _run,
        help="add reports up into a jurisdiction total (汇总), or check a published total",
        description=(
            "Add the reports of a government's own office and its departments, townships and "
            "sub-districts into one report, cell by cell, exactly. With --check PARENT, compare "
            "a published total with the sum of the parts instead. Exit 0 on success (or a "
            "matching total), 1 when refused (or the total differs), 2 on a usage error."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="the reports (files or folders)")
    parser.add_argument("--agency", help="the body the total is for, e.g. 某县人民政府")
    parser.add_argument(
        "--scope",
        choices=[s.value for s in Scope],
        default=Scope.JURISDICTION.value,
        help="the total's scope (default: jurisdiction, 全域)",
    )
    add_output(parser, "write the total here (.yaml, .json or .toml)")
    parser.add_argument("--roster", help="the bodies expected, one a line (text or CSV)")
    parser.add_argument(
        "--provenance", metavar="FILE.csv", help="write each body's value of every cell (CSV)"
    )
    parser.add_argument(
        "--check", metavar="PARENT", help="compare this published total with the sum of INPUT"
    )


def _run(args: argparse.Namespace) -> int:
    if args.check is None and not args.agency:
        return usage_error("请用 --agency 给出汇总主体 / give the total's body with --agency")
    roster = None
    if args.roster:
        try:
            roster = Roster.read(args.roster)
        except (GovInfoReportError, OSError) as exc:
            fail(exc, args.roster)
            return EXIT_FINDINGS
    read = read_reports(args.inputs)
    if read is None:
        return EXIT_FINDINGS
    parts, files = read
    try:
        if args.check is not None:
            parent = load_report(args.check)
            result = check_rollup(parent, parts, roster=roster, files=files)
            print(result.text)
            return EXIT_OK if result.verdict is Verdict.MATCHES else EXIT_FINDINGS
        if roster is not None and roster.nested(args.agency):
            # The roster says who is whose child: each intermediate total is rolled up first.
            total = rollup_tree(parts, roster, args.agency, scope=args.scope)
        else:
            total = rollup(parts, agency=args.agency, scope=args.scope, roster=roster, files=files)
    except (GovInfoReportError, OSError) as exc:
        fail(exc)
        return EXIT_FINDINGS
    for warning in total.warnings:
        eprint(f"警告 / warning: {warning}")
    if total.missing:
        eprint(f"缺少 / missing: {'、'.join(total.missing)}")
    if total.unexpected:
        eprint(f"名单外 / not on the roster: {'、'.join(total.unexpected)}")
    try:
        if args.output:
            header = f"{total.report.title}（汇总 {len(total.sources)} 个报告主体）"
            write_report(total.report, args.output, header=header)
        else:
            from ..codec.yaml import dumps

            print(dumps(total.report, labels=True), end="")
        if args.provenance:
            atomic_write(args.provenance, total.provenance_csv().encode("utf-8-sig"))
    except (GovInfoReportError, OSError) as exc:
        fail(exc)
        return EXIT_FINDINGS
    eprint(
        f"已汇总 {len(total.sources)} 个报告主体 / added up {len(total.sources)} reports"
        + (f" → {args.output}" if args.output else "")
    )
    return EXIT_OK

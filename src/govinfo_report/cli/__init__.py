"""The ``govinfo-report`` command: a thin layer over the library.

Each sub-command lives in its own module with a ``register(subparsers)`` function. Exit codes:
0 success, 1 findings of error severity (or a file that could not be processed), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from ._common import fail

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
"""Exit code of a command that succeeded.

Examples:
    >>> from govinfo_report.cli import EXIT_OK, main
    >>> main(["validate", "examples/hongqi-2023.yaml", "--format", "json"]) == EXIT_OK  # doctest: +ELLIPSIS
    {...}
    True
"""
EXIT_FINDINGS = 1
"""Exit code when a file could not be processed or has findings of error severity.

Examples:
    >>> from govinfo_report.cli import EXIT_FINDINGS
    >>> EXIT_FINDINGS
    1
"""
EXIT_USAGE = 2
"""Exit code of a usage error (unknown option, missing argument).

Examples:
    >>> from govinfo_report.cli import EXIT_USAGE, main
    >>> main(["convert"]) == EXIT_USAGE  # doctest: +SKIP
    True
"""

_COMMANDS = (
    "render",
    "parse",
    "validate",
    "convert",
    "schema",
    "rollup",
    "compare",
    "new",
    "narrate",
    "tally",
    "dataset",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered.

    Examples:
        >>> from govinfo_report.cli import build_parser
        >>> args = build_parser().parse_args(["validate", "a.yaml", "--format", "json"])
        >>> args.command, args.files, args.format
        ('validate', ['a.yaml'], 'json')
    """
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="govinfo-report",
        description="政府信息公开工作年度报告: build, check, render and read annual reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in _COMMANDS:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Examples:
        >>> from govinfo_report.cli import main
        >>> main(["convert", "examples/hongqi-2023.yaml", "--to", "json"])  # doctest: +ELLIPSIS
        {
          "schema_version": 1,
        ...
        0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        fail(KeyboardInterrupt("中断 / interrupted"))
        return 130
    except Exception as exc:
        # Sub-commands report expected errors themselves; anything that escapes is still told
        # to the person in one line (set GOVINFO_REPORT_TRACEBACK=1 to see where it came from).
        if os.environ.get("GOVINFO_REPORT_TRACEBACK"):
            raise
        fail(exc)
        return EXIT_FINDINGS
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

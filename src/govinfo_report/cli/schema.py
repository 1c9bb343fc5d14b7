"""``govinfo-report schema``: print or write the JSON Schema of the serialized report."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..codec.schema import json_schema
from ..io import atomic_write
from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ._common import eprint, fail, missing_output_folder

__all__ = ["register", "schema_text"]


def schema_text() -> str:
    """The JSON Schema as the text committed in ``schema/govinfo-report.schema.json``.

    Examples:
        >>> from pathlib import Path
        >>> from govinfo_report.cli.schema import schema_text
        >>> schema_text() == Path("schema/govinfo-report.schema.json").read_text(encoding="utf-8")
        True
    """
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def register(subparsers: Any) -> None:
    """Add the ``schema`` sub-command.

    Examples:
        >>> import argparse
        >>> from govinfo_report.cli import schema
        >>> parser = argparse.ArgumentParser(prog="govinfo-report")
        >>> schema.register(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["schema"]).command
        'schema'
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema", help="print the JSON Schema of the serialized report"
    )
    parser.add_argument("-o", "--output", help="write to this file instead of standard output")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    text = schema_text()
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    missing = missing_output_folder(args.output)
    if missing:
        eprint(f"错误 / error: {missing}")
        return EXIT_USAGE
    try:
        atomic_write(args.output, text.encode("utf-8"))
    except OSError as exc:
        fail(exc, args.output)
        return EXIT_FINDINGS
    return EXIT_OK

"""``govinfo-report schema``: print or write the JSON Schema of the serialized report."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..codec.schema import json_schema
from . import EXIT_OK
from ._common import add_command, add_output, missing_output_folder, usage_error, write_text

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
        >>> from govinfo_report.cli import build_parser
        >>> build_parser().parse_args(["schema"]).command
        'schema'
    """
    parser = add_command(
        subparsers, "schema", _run, help="print the JSON Schema of the serialized report"
    )
    add_output(parser, "write to this file instead of standard output")


def _run(args: argparse.Namespace) -> int:
    text = schema_text()
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    missing = missing_output_folder(args.output)
    return usage_error(missing) if missing else write_text(args.output, text)

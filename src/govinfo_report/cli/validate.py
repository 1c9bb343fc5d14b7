"""``govinfo-report validate``: being built in this change (see the issue)."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``validate`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser("validate", help="validate reports")
    parser.add_argument("files", nargs="*")
    parser.set_defaults(handler=lambda args: 2)

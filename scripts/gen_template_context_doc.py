"""Generate docs/template-context.md from the taxonomy (``--check`` fails if it differs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govinfo_report.render import context_reference

PAGE = Path(__file__).resolve().parent.parent / "docs" / "template-context.md"


def main(argv: list[str] | None = None) -> int:
    """Write the page, or with ``--check`` report whether it is current."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the page is out of date")
    args = parser.parse_args(argv)
    text = context_reference()
    if args.check:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE.name} is out of date: run `make schema`", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

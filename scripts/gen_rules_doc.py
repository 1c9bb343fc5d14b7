"""Generate docs/rules.md from the rule catalogue (``--check`` fails if the committed page differs).

The page lists every rule (code, severity, titles, description, basis, message templates, tags),
the method notes of the validator and the JSON output contract of ``govinfo-report validate``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govinfo_report.io import atomic_write
from govinfo_report.validate import rules_markdown

PAGE = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main(argv: list[str] | None = None) -> int:
    """Write the page, or with ``--check`` report whether it is current."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the page is out of date")
    args = parser.parse_args(argv)
    text = rules_markdown()
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print(f"{PAGE.name} is out of date: run `make schema`", file=sys.stderr)
            return 1
        return 0
    atomic_write(PAGE, text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

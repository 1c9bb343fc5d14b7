"""MkDocs hooks for the documentation site (``hooks:`` in mkdocs.yml).

- The version shown in the site comes from the installed package's metadata (pyproject.toml is
  the one source), never typed into mkdocs.yml.
- Every label of the format is added to jieba's dictionary, so the search index keeps terms such
  as 不予公开 or 结转下年度继续办理 whole and a search for them lands on the page that uses them.
- Figures measured from the repository are written into pages where they appear as
  ``{{ corpus_reports }}``, ``{{ corpus_cells }}``, ``{{ public_modules }}`` and
  ``{{ public_names }}`` (the corpus of real reports under
  tests/corpus/, whose accuracy tests/parse/test_corpus_accuracy.py keeps at 100%), so no page
  retypes them.
"""

from __future__ import annotations

import re
import runpy
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

from govinfo_report import taxonomy as tx

ROOT = Path(__file__).resolve().parent.parent

# Numbering in front of a label: 一、 （三） 1. 2．
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")


def search_terms() -> set[str]:
    """The labels of both format versions without numbering or notes: the words of the domain."""
    labels: set[str] = set()
    for fmt in tx.FormatVersion:
        for spec in tx.cell_specs(fmt):
            labels.update(spec.labels)
        labels.update(section.title for section in tx.sections(fmt))
    for parts in tx.NARRATIVE_PARTS.values():
        labels.update(node.label for node in parts)
    terms = set()
    for label in labels:
        term = _NUMBERING.sub("", label).split("（")[0].strip()
        if len(term) >= 2:
            terms.add(term)
    return terms


def on_config(config: Any) -> Any:
    """Set ``extra.version`` and teach jieba the labels of the format."""
    config.extra["version"] = version("govinfo-report")
    config.copyright = f"govinfo-report {config.extra['version']}"
    try:
        import jieba
    except ImportError:  # search still works, segmented by characters only
        return config
    jieba.setLogLevel(60)
    for term in sorted(search_terms()):
        jieba.add_word(term)
    return config


def corpus_figures(corpus: Path = ROOT / "tests" / "corpus") -> dict[str, str]:
    """The number of reports and of expected cells in the corpus (as scripts/corpus_accuracy.py
    counts them: every cell of the report's format version is one expectation)."""
    reports = cells = 0
    for expected in sorted(corpus.glob("*/expected.yaml")):
        data = yaml.safe_load(expected.read_text(encoding="utf-8"))
        fmt = tx.FormatVersion(str(data["metadata"]["format_version"]))
        reports += 1
        cells += len(tx.cell_specs(fmt))
    return {"corpus_reports": f"{reports}", "corpus_cells": f"{cells:,}"}


def api_figures() -> dict[str, str]:
    """The number of public modules and of names in their ``__all__`` (see docs_pages.py)."""
    pages = runpy.run_path(str(ROOT / "scripts" / "docs_pages.py"), run_name="docs_pages")
    modules = pages["public_modules"]()
    names = sum(len(pages["exports"](module)) for module in modules)
    return {"public_modules": f"{len(modules)}", "public_names": f"{names}"}


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Fill in the measured figures."""
    if "{{ corpus_" in markdown:
        for name, value in corpus_figures().items():
            markdown = markdown.replace("{{ " + name + " }}", value)
    if "{{ public_" in markdown:
        for name, value in api_figures().items():
            markdown = markdown.replace("{{ " + name + " }}", value)
    return markdown

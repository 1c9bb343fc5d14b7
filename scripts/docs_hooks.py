"""MkDocs hooks for the documentation site (``hooks:`` in mkdocs.yml).

- The version shown in the site comes from the installed package's metadata (pyproject.toml is
  the one source), never typed into mkdocs.yml.
- Every label of the format is added to jieba's dictionary, so the search index keeps terms such
  as 不予公开 or 结转下年度继续办理 whole and a search for them lands on the page that uses them.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from typing import Any

from govinfo_report import taxonomy as tx

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

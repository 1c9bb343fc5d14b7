"""Pages of the documentation site generated at build time (run by mkdocs-gen-files).

Nothing here is edited by hand, and every page picks up new code by itself:

- ``reference/``: one page per public module of ``govinfo_report`` (no leading underscore in its
  dotted path), found by walking the package, each rendering the names of its ``__all__`` with
  mkdocstrings; a name re-exported from another public module links to the page that documents
  it. ``reference/SUMMARY.md`` is the navigation (mkdocs-literate-nav).
- ``format.md``: the format itself from the taxonomy and the identities, both versions, with the
  official labels and what changed from 2019 to 2021.
- ``schema.md``: the JSON Schema of the serialized form, from ``govinfo_report.codec.schema``.
- ``changelog.md``: CHANGELOG.md.

``python scripts/docs_pages.py`` prints the list of pages it would write (for a quick look).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from collections.abc import Iterator
from pathlib import Path

import govinfo_report
from govinfo_report import taxonomy as tx
from govinfo_report.codec.schema import json_schema
from govinfo_report.identities import formula, identities

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "govinfo_report"
V2021, V2019 = tx.FormatVersion.V2021, tx.FormatVersion.V2019
VERSION_NAMES = {
    V2021: "2021 格式（国办公开办函〔2021〕30号）/ 2021 format",
    V2019: "2019 试行格式（国办公开办函〔2019〕60号）/ 2019 trial format",
}


def public_modules() -> list[str]:
    """Every public module of the package, the package first, in dotted order."""
    found = [PACKAGE]
    for info in pkgutil.walk_packages(govinfo_report.__path__, PACKAGE + "."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            found.append(info.name)
    return sorted(found)


def exports(module: str) -> list[str]:
    """The ``__all__`` of a public module (every public module must have one)."""
    names = getattr(importlib.import_module(module), "__all__", None)
    if names is None:
        raise LookupError(f"{module} has no __all__")
    return list(names)


def home(module: str, name: str) -> str:
    """The public module whose page documents ``module.name``.

    An object is documented once, on the page of the public module closest to where it is
    defined that exports it; the other modules that re-export it link there.
    """
    obj = getattr(importlib.import_module(module), name)
    defined = getattr(obj, "__module__", None)
    if not isinstance(defined, str) or not defined.startswith(PACKAGE):
        defined = _defining_module(module, name)
    parts = defined.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if any(p.startswith("_") for p in parts[:end]):
            continue
        try:
            mod = importlib.import_module(candidate)
        except ImportError:  # pragma: no cover - a defining module always imports
            continue
        if name in getattr(mod, "__all__", ()) and getattr(mod, name) is obj:
            return candidate
    return module


def _defining_module(module: str, name: str) -> str:
    """For a constant (no ``__module__``): the deepest public module exporting the same object."""
    obj = getattr(importlib.import_module(module), name)
    best = module
    for other in public_modules():
        mod = importlib.import_module(other)
        exported = name in getattr(mod, "__all__", ()) and getattr(mod, name) is obj
        if exported and other.count(".") > best.count("."):
            best = other
    return best


def reference_pages() -> Iterator[tuple[str, str]]:
    """``(path, markdown)`` for the API reference: one page per public module and the nav."""
    modules = public_modules()
    summary = ["* [概览 Overview](index.md)"]
    index = [
        "# API 参考 / API reference",
        "",
        "Generated from the docstrings and type hints of every public module (a module whose",
        "dotted path has no part starting with `_`). The names in a module's `__all__` are its",
        "public API; see [Stability](../stability.md) for what that promises.",
        "",
        "| module | summary |",
        "|---|---|",
    ]
    for module in modules:
        doc = (importlib.import_module(module).__doc__ or "").strip().splitlines()
        index.append(f"| [`{module}`]({module}.md) | {doc[0] if doc else ''} |")
        depth = module.count(".")
        summary.append("    " * max(depth - 1, 0) + f"* [{module}]({module}.md)")
        yield f"reference/{module}.md", module_page(module)
    yield "reference/index.md", "\n".join(index) + "\n"
    yield "reference/SUMMARY.md", "\n".join(summary) + "\n"


def module_page(module: str) -> str:
    """One module's reference page: its own names rendered, re-exported names linked."""
    own, linked = [], []
    for name in exports(module):
        where = home(module, name)
        (own if where == module else linked).append((name, where))
    lines = [f"# `{module}`", "", f"::: {module}", "    options:", "      show_root_heading: false"]
    if own:
        lines.append("      members:")
        lines += [f"        - {name}" for name, _ in own]
    else:
        lines.append("      members: false")
    if linked:
        lines += [
            "",
            "## 转引的名称 / Re-exported names",
            "",
            f"These names are importable from `{module}` and documented where they are defined.",
            "",
            "| name | documented in |",
            "|---|---|",
        ]
        lines += [
            f"| [`{module}.{name}`][{where}.{name}] | [`{where}`]({where}.md) |"
            for name, where in linked
        ]
    return "\n".join(lines) + "\n"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return [*out, ""]


def format_page() -> str:
    """The format: sections, cells and identities of both versions, and what changed."""
    out = [
        "# 报告格式 / The format",
        "",
        "<!-- Generated at build time by scripts/docs_pages.py from govinfo_report.taxonomy "
        "and govinfo_report.identities. -->",
        "",
        "The annual report has a nationally fixed form: six sections, the tables of section 二,",
        "the table of section 三 (requests, 7 columns) and the table of section 四 (reviews and",
        "litigation, 15 columns). Every label below is the official text as the library holds it",
        "(`govinfo_report.taxonomy`); identifiers are the field names of the model. The",
        "[glossary](glossary.md) lists every row and column with its English name.",
        "",
        "## 从 2019 到 2021 的变化 / What changed from 2019 to 2021",
        "",
    ]
    out += _changes()
    for fmt in (V2021, V2019):
        specs = tx.cell_specs(fmt)
        index = tx.cell_index(fmt)
        rules = identities(fmt)
        out += [
            f"## {VERSION_NAMES[fmt]}",
            "",
            f"{len(specs)} number cells, {len(rules)} identities (勾稽关系).",
            "",
            "### 各部分 / Sections",
            "",
        ]
        out += _table(
            ("标题", "identifier", "English", "table"),
            [
                (s.title, f"`{s.key}`", s.english, "yes" if _has_cells(fmt, s.key) else "")
                for s in tx.sections(fmt)
            ],
        )
        out += ["### 勾稽关系 / Identities", ""]
        out += [
            "Each identity says that one cell equals a signed sum of others. The validator",
            "reports a broken one under its code (see [the rules](rules.md)).",
            "",
        ]
        rows = []
        for rule in rules:
            zh, en = formula(rule, fmt)
            rows.append(
                (
                    f"`{rule.code}`",
                    " / ".join(index[rule.target].labels),
                    f"{zh}<br>{en}",
                    f"`{rule.target}`",
                )
            )
        out += _table(("code", "单元格 cell", "应等于 must equal", "cell id"), rows)
    return "\n".join(out).rstrip("\n") + "\n"


def _has_cells(fmt: tx.FormatVersion, section: str) -> bool:
    return any(spec.section == section for spec in tx.cell_specs(fmt))


def _changes() -> list[str]:
    """Sections retitled, cells added, removed or relabelled between the two versions."""
    out: list[str] = []
    old = {s.key: s.title for s in tx.sections(V2019)}
    new = {s.key: s.title for s in tx.sections(V2021)}
    retitled = [(old[k], new[k]) for k in new if k in old and old[k] != new[k]]
    out += ["### 部分标题 / Section titles", ""]
    out += _table(("2019", "2021"), retitled) if retitled else ["No section was retitled.", ""]
    cells_old = {s.id: s for s in tx.cell_specs(V2019)}
    cells_new = {s.id: s for s in tx.cell_specs(V2021)}
    only_new = [s for k, s in cells_new.items() if k not in cells_old]
    only_old = [s for k, s in cells_old.items() if k not in cells_new]
    relabelled = [
        (k, cells_old[k].labels, s.labels)
        for k, s in cells_new.items()
        if k in cells_old and cells_old[k].labels != s.labels
    ]
    out += [f"### 2021 新增单元格 / Cells only in 2021 ({len(only_new)})", ""]
    out += _table(
        ("cell id", "标签 labels"), [(f"`{s.id}`", " / ".join(s.labels)) for s in only_new]
    )
    out += [f"### 2019 独有单元格 / Cells only in 2019 ({len(only_old)})", ""]
    out += _table(
        ("cell id", "标签 labels"), [(f"`{s.id}`", " / ".join(s.labels)) for s in only_old]
    )
    out += [f"### 标签改变 / Same cell, new label ({len(relabelled)})", ""]
    out += _table(
        ("cell id", "2019", "2021"),
        [(f"`{k}`", " / ".join(a), " / ".join(b)) for k, a, b in relabelled],
    )
    return out


def schema_page() -> str:
    """The JSON Schema of the serialized form, as generated by the library."""
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2)
    return (
        "# JSON Schema\n\n"
        "<!-- Generated at build time by scripts/docs_pages.py from "
        "govinfo_report.codec.schema.json_schema(). -->\n\n"
        "The schema of the serialized report (draft 2020-12), for agency systems written in other\n"
        "languages; the same text as `schema/govinfo-report.schema.json` and\n"
        "`govinfo-report schema`. See [Serialization](serialization.md) for what it checks and\n"
        "what only the library checks (the identities between cells).\n\n"
        f"```json\n{text}\n```\n"
    )


def changelog_page() -> str:
    """CHANGELOG.md as a page of the site."""
    return (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def pages() -> Iterator[tuple[str, str]]:
    """Every generated page as ``(path under docs/, markdown)``."""
    yield from reference_pages()
    yield "format.md", format_page()
    yield "schema.md", schema_page()
    yield "changelog.md", changelog_page()


def _write_with_gen_files() -> None:
    import mkdocs_gen_files

    for path, text in pages():
        with mkdocs_gen_files.open(path, "w") as handle:
            handle.write(text)
        if not path.startswith("reference/"):
            mkdocs_gen_files.set_edit_path(path, "scripts/docs_pages.py")


if __name__ == "__main__":
    for path, _ in pages():
        print(path)
    sys.exit(0)
elif __name__ == "<run_path>":  # run by mkdocs-gen-files during a build
    _write_with_gen_files()

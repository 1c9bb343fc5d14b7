"""The documentation site builds with --strict, lists every page, documents every public name
with an example, and finds Chinese terms.

The build runs once per session into a temporary folder (about ten seconds); ``make docs`` runs
the same build into ``site/``.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import griffe
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PAGES = runpy.run_path(str(ROOT / "scripts" / "docs_pages.py"), run_name="docs_pages")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert "WARNING" not in done.stderr, done.stderr[-4000:]
    return out


def _nav_pages(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)


def test_every_page_is_in_the_nav() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = set(_nav_pages(config["nav"]))
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert not pages - listed, f"add these pages to nav in mkdocs.yml: {sorted(pages - listed)}"
    generated = {path for path, _ in PAGES["pages"]()}
    assert not generated & pages, f"generated at build time, delete from docs/: {generated & pages}"
    missing = {p for p in listed if not p.endswith("/")} - pages - generated
    assert not missing, f"nav lists pages that do not exist: {missing}"


def _inventory(site: Path) -> set[str]:
    """The object names of the site's objects.inv (Sphinx inventory version 2)."""
    raw = (site / "objects.inv").read_bytes()
    body = raw.split(b"\n", 4)[4]
    return {line.split(" ", 1)[0] for line in zlib.decompress(body).decode().splitlines()}


def public_names() -> list[tuple[str, str]]:
    """``(module, name)`` for every name of every public module's ``__all__``."""
    return [(m, n) for m in PAGES["public_modules"]() for n in PAGES["exports"](m)]


def test_public_modules_are_found_by_walking_the_package() -> None:
    modules = PAGES["public_modules"]()
    assert {"govinfo_report", "govinfo_report.model", "govinfo_report.validate"} <= set(modules)
    assert not [m for m in modules if any(p.startswith("_") for p in m.split("."))]


def test_every_public_name_is_in_the_reference_with_an_example(site: Path) -> None:
    inventory = _inventory(site)
    package = griffe.load("govinfo_report", search_paths=[str(ROOT / "src")])
    absent, undocumented = [], []
    names = public_names()
    for module, name in names:
        where = PAGES["home"](module, name)
        if f"{where}.{name}" not in inventory:
            absent.append(f"{module}.{name}")
        obj = package[f"{where}.{name}".removeprefix("govinfo_report.")]
        sections = obj.docstring.parse("google") if obj.docstring else []
        if not any(s.kind is griffe.DocstringSectionKind.examples for s in sections):
            undocumented.append(f"{where}.{name}")
    assert not absent, f"missing from the API reference: {absent}"
    assert not undocumented, (
        f"{len(undocumented)} public names have no docstring with an Examples: section: "
        f"{undocumented}"
    )
    assert len(names) > 200


def test_the_site_has_the_generated_pages(site: Path) -> None:
    fmt = (site / "format" / "index.html").read_text(encoding="utf-8")
    assert "t3-balance" in fmt
    assert "结转下年度继续办理" in fmt
    assert (site / "changelog" / "index.html").is_file()
    assert "urn:govinfo-report:schema:1" in (site / "schema" / "index.html").read_text("utf-8")
    stability = (site / "stability" / "index.html").read_text(encoding="utf-8")
    assert f"{len(public_names())} names in" in stability
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"\{\{ (corpus|public)_", text), f"figure left in {page}"


def _search(site: Path, term: str) -> list[str]:
    """Pages whose index text has a word starting with ``term``, as the site's search finds them.

    The index is built with the theme's separator; jieba's segments are joined by zero-width
    spaces, which the separator splits on. The search box matches a word by its beginning.
    """
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    hits = []
    for doc in index["docs"]:
        words = separator.split(doc["title"] + " " + doc["text"])
        if any(w.startswith(term) for w in words):
            hits.append(doc["location"].split("#")[0])
    return hits


@pytest.mark.parametrize(
    ("term", "page"), [("结转", "format/"), ("不予公开", "format/"), ("不予公开", "glossary/")]
)
def test_chinese_search_finds_the_page(site: Path, term: str, page: str) -> None:
    assert page in _search(site, term)

"""Every limit of govinfo_report.limits, at the limit and just past it, and the documented table."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from govinfo_report.codec import load_data
from govinfo_report.errors import LimitExceeded
from govinfo_report.findings import SourceRef
from govinfo_report.io import check_archive, read_bounded
from govinfo_report.limits import DEFAULT_LIMITS, Limits
from govinfo_report.parse._grid import ReaderInput, SpanCell, resolve_spans
from govinfo_report.parse._text import read_text

ROOT = Path(__file__).resolve().parents[2]


def _source(r: int, c: int) -> SourceRef:
    return SourceRef(row=r + 1, column=c + 1)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _passes_at_and_fails_past(name: str, at: int, run) -> None:  # type: ignore[no-untyped-def]
    """``run(limits)`` passes with the limit at ``at`` and raises naming it at ``at - 1``."""
    run(DEFAULT_LIMITS.replace(**{name: at}))
    with pytest.raises(LimitExceeded) as caught:
        run(DEFAULT_LIMITS.replace(**{name: at - 1}))
    assert caught.value.limit == name
    assert name in str(caught.value)


def test_file_size(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    _passes_at_and_fails_past("max_file_bytes", 100, lambda lim: read_bounded(path, limits=lim))


def test_decompressed_size_and_ratio() -> None:
    data = _zip({"a.xml": b"<a/>" * 10, "b.xml": b"<b/>" * 5})
    _passes_at_and_fails_past(
        "max_decompressed_bytes", 60, lambda lim: check_archive(data, limits=lim)
    )
    big = _zip({"word/document.xml": b" " * (2 * 1024 * 1024)})
    (info,) = zipfile.ZipFile(io.BytesIO(big)).infolist()
    ratio = round(info.file_size / info.compress_size)
    _passes_at_and_fails_past(
        "max_compression_ratio", ratio, lambda lim: check_archive(big, limits=lim)
    )


def test_template_member_size() -> None:
    data = _zip({"word/document.xml": b"x" * 1000})
    _passes_at_and_fails_past(
        "max_template_member_bytes",
        1000,
        lambda lim: check_archive(data, limits=lim, member_limit="max_template_member_bytes"),
    )


def test_yaml_nodes() -> None:
    text = "a: &x [1, 2]\nb: *x\n"  # mapping, 2 keys, the list twice with its 2 items: 9 nodes
    _passes_at_and_fails_past("max_yaml_nodes", 9, lambda lim: load_data(text, "yaml", limits=lim))


@pytest.mark.parametrize(
    ("fmt", "text"), [("json", '{"a": 12345}'), ("yaml", "a: 12345"), ("toml", "a = 12345")]
)
def test_integer_digits(fmt: str, text: str) -> None:
    _passes_at_and_fails_past("max_integer_digits", 5, lambda lim: load_data(text, fmt, limits=lim))


def test_characters_and_tokens() -> None:
    text = "一、概述\n1 2 3 4 5 6 7 8\n"

    def read(lim: Limits) -> object:
        return read_text(ReaderInput(text.encode(), limits=lim))

    _passes_at_and_fails_past("max_characters", len(text), read)
    _passes_at_and_fails_past("max_tokens_per_line", 8, read)


def test_spans_are_clamped_to_max_span() -> None:
    rows = [[SpanCell("a", rowspan=5)], [], [], [], []]
    grid = resolve_spans(rows, _source, limits=Limits(max_span=3))
    assert [len(row) for row in grid] == [1, 1, 1, 0, 0]


def test_table_cells_and_row_width() -> None:
    rows = [[SpanCell("a", colspan=3), SpanCell("b")], [SpanCell("c", colspan=2)]]
    _passes_at_and_fails_past(
        "max_table_cells", 6, lambda lim: resolve_spans(rows, _source, limits=lim)
    )
    _passes_at_and_fails_past(
        "max_row_width", 4, lambda lim: resolve_spans(rows, _source, limits=lim)
    )


def test_template_size() -> None:
    from govinfo_report.render._engine import CompiledTemplate
    from govinfo_report.testing.hostile import template_with

    data = template_with("{{ metadata.agency }}")
    _passes_at_and_fails_past(
        "max_template_bytes", len(data), lambda lim: CompiledTemplate(data, "t.docx", lim)
    )


def test_output_and_text_node_size() -> None:
    from govinfo_report.render._engine import _bounded_text, _check_text_nodes

    _passes_at_and_fails_past(
        "max_output_chars", 5, lambda lim: _bounded_text(iter(["ab", "cde"]), lim)
    )
    xml = "<a>xxxxx</a><b>yy</b>"
    _passes_at_and_fails_past("max_text_node_chars", 5, lambda lim: _check_text_nodes(xml, lim))


@pytest.mark.parametrize(
    ("name", "at", "template"),
    [
        ("max_template_string", 5, "{{ 'a' * 5 }}"),
        ("max_template_string", 7, "{{ x|center(7) }}"),
        ("max_template_string", 6, "{{ '%6d' % 1 }}"),
        ("max_template_string", 6, "{{ '{:>6}'.format(1) }}"),
        ("max_template_string", 6, "{{ 'a'.ljust(6) }}"),
        ("max_template_number_bits", 10, "{{ 2 ** 10 }}"),
        ("max_template_number_bits", 22, "{{ 1024 * 1024 }}"),  # 11 + 11 bits
        ("max_template_range", 5, "{% for i in range(5) %}{% endfor %}"),
        ("max_template_iterations", 8, "{% for i in range(3) %}{% for j in range(1) %}"
         "{% endfor %}{% endfor %}{% for i in range(2) %}{% endfor %}"),
    ],
)  # fmt: skip
def test_template_costs(name: str, at: int, template: str) -> None:
    from govinfo_report.render._engine import new_env
    from govinfo_report.render._sandbox import bounded

    compiled = new_env().from_string(template)

    def run(limits: Limits) -> None:
        with bounded(limits):
            compiled.render(x="a")

    _passes_at_and_fails_past(name, at, run)


def test_every_limit_has_a_default_unit_and_reasons() -> None:
    for spec in Limits.specs():
        assert spec.default > 0
        assert spec.unit
        assert spec.zh
        assert spec.en


def test_the_limits_page_matches_the_code() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    assert committed == module.limits_page()

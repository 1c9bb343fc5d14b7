"""No input makes the parser raise anything but ParseError: random, truncated, shuffled reports.

Inputs that once crashed the parser are kept in tests/corpus/crashers/ and re-run here.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.draft import Draft
from govinfo_report.errors import ParseError
from govinfo_report.parse import parse

ROOT = Path(__file__).resolve().parents[2]
HONGQI = (ROOT / "tests" / "samples" / "hongqi-2023.txt").read_bytes()
CRASHERS = ROOT / "tests" / "corpus" / "crashers"
CITY = gr.load(ROOT / "examples" / "city-2024.yaml")


def _survives(data: bytes) -> Draft | None:
    try:
        draft = parse(data, name="fuzz")
    except ParseError as exc:
        message = str(exc)
    else:
        draft.check()  # checking the draft never raises either
        return draft
    assert "internal error" not in message, message
    return None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    _survives(data)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    _survives(text.encode("utf-8", "surrogatepass"))


_TAGS = st.sampled_from(
    [
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td rowspan='3'>",
        "<td colspan='99999'>",
        "</td>",
        "<td rowspan='x'>",
        "<p>",
        "<br>",
        "<html>",
        "<body>",
        "<script>",
        "一、总体情况",
        "三、收到和处理政府信息公开申请情况",
        "（三）不予公开",
        "1.属于国家秘密",
        "0",
        "12",
        "—",
        "<th colspan='-1'>",
        "<!--",
        "-->",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TAGS, max_size=200))
def test_random_html(parts: list[str]) -> None:
    _survives(("<html><body>" + "".join(parts)).encode("utf-8"))


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(0, len(HONGQI)))
def test_truncated_real_text(cut: int) -> None:
    _survives(HONGQI[:cut])


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_shuffled_real_text(seed: int) -> None:
    lines = HONGQI.decode("utf-8").splitlines()
    random.Random(seed).shuffle(lines)
    _survives("\n".join(lines).encode("utf-8"))


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(0, 60_000), seed=st.integers(0, 2**16))
def test_truncated_and_shuffled_html(cut: int, seed: int, write_html: Callable[..., str]) -> None:
    page = write_html(CITY)
    _survives(page[: cut % (len(page) + 1)].encode("utf-8"))
    rows = page.split("<tr>")
    random.Random(seed).shuffle(rows)
    _survives("<tr>".join(rows).encode("utf-8"))


@pytest.mark.parametrize(
    "path",
    sorted(p for p in CRASHERS.glob("*") if p.is_file() and p.name != "README.md"),
    ids=lambda p: p.name,
)
def test_crashers_stay_fixed(path: Path) -> None:
    _survives(path.read_bytes())

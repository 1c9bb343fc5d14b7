"""Templates bounded in cost, and report text rendered exactly as written (issue 11)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.errors import LimitExceeded, TemplateError
from govinfo_report.limits import Limits
from govinfo_report.render import render
from govinfo_report.render._engine import compile_template
from govinfo_report.testing.hostile import template_with

from .conftest import texts


@pytest.mark.parametrize(
    ("expression", "limit"),
    [
        ("{{ 10 ** (10 ** 10) }}", "max_template_number_bits"),  # hung at compile
        ("{{ metadata.year ** 99999999 }}", "max_template_number_bits"),
        ("{% for i in range(100000) %}{% endfor %}", "max_template_range"),
        (
            "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
            "max_template_iterations",
        ),
        ("{{ lipsum(n=2000000) }}", "max_template_string"),
        ("{{ 'a' * 10 ** 9 }}", "max_template_string"),  # a bare MemoryError before
        ("{{ metadata.agency|center(10 ** 9) }}", "max_template_string"),
        ("{{ 'a' * 2 * 10 ** 8 }}", "max_template_string"),  # a document Word refused
        ("{{ '%0*d' % (10 ** 9, 1) }}", "max_template_string"),
        ("{{ '{:>1000000000}'.format(1) }}", "max_template_string"),
        ("{{ metadata.agency.ljust(10 ** 9) }}", "max_template_string"),
    ],
)
def test_costly_templates_end_with_the_limit(
    hongqi: gr.AnnualReport, expression: str, limit: str
) -> None:
    template = compile_template(template_with(expression), "t.docx")
    with pytest.raises(LimitExceeded) as caught:
        render(hongqi, template=template)
    assert caught.value.limit == limit
    assert "t.docx: word/document.xml" in str(caught.value)


def test_a_template_member_too_large_to_compile_is_refused() -> None:
    data = template_with("x" * 5000)
    with pytest.raises(LimitExceeded) as caught:
        compile_template(data, "big.docx").__class__(
            data, "big.docx", Limits(max_template_member_bytes=4000)
        )
    assert caught.value.limit == "max_template_member_bytes"


def test_a_text_run_too_long_for_word_is_refused(hongqi: gr.AnnualReport) -> None:
    template = compile_template(template_with("{{ metadata.agency * 300 }}"), "t.docx")
    with pytest.raises(LimitExceeded) as caught:
        render(hongqi, template=template, limits=Limits(max_text_node_chars=1000))
    assert caught.value.limit == "max_text_node_chars"


def test_escaped_braces_in_the_template_still_print_braces(hongqi: gr.AnnualReport) -> None:
    template = compile_template(template_with("{_{ literal }_} {_% tag %_}"), "t.docx")
    assert texts(render(hongqi, template=template))[0] == "{{ literal }} {% tag %}"


@settings(max_examples=15, deadline=None)
@given(st.text(alphabet="{}_%ax ", min_size=1, max_size=20).filter(lambda t: t.strip() == t))
def test_any_report_text_renders_as_written(hongqi: gr.AnnualReport, text: str) -> None:
    # docxtpl's un-escaping ran over the rendered report: {_{ x }_} came out as {{ x }}.
    agency = f"机关{text}"
    report = attrs.evolve(hongqi, metadata=attrs.evolve(hongqi.metadata, agency=agency))
    template = compile_template(template_with("[{{ metadata.agency }}]"), "t.docx")
    assert texts(render(report, template=template))[0] == f"[{agency}]"


def test_a_template_that_is_not_a_docx_is_still_a_template_error() -> None:
    with pytest.raises(TemplateError):
        compile_template(b"PK\x03\x04 not really", "x.docx")

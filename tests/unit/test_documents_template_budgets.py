"""A runaway or hostile template stops with a clear message and its line, within budgets of
memory and time; merged values print as text and never start a block."""

from __future__ import annotations

import subprocess
import time

import pytest

from app.documents import TemplateError, default_source, templates, validate_template
from app.documents.client_advisory import (
    render_client_advisory,
    sample_client_advisory,
    template_context,
)
from app.documents.templates import Block, BlockKind, Limits, render_blocks, render_text

# Each case: the template, the line the message must point at, a word the message must hold.
RUNAWAY = {
    "repeat": ("Hello\n{{ 'x' * 10**10 }}", 2, "too long"),
    "repeat-list": ("Hello\n{{ ([1] * 10**10)|length }}", 2, "too long"),
    "center": ("Hello\n\n{{ 'x'.center(10**10) }}", 3, "too long"),
    "ljust": ("{{ 'x'.ljust(10**10) }}", 1, "too long"),
    "rjust": ("{{ 'x'.rjust(10**10) }}", 1, "too long"),
    "zfill": ("{{ '1'.zfill(10**10) }}", 1, "too long"),
    "expandtabs": ("{{ 'a\tb'.expandtabs(10**10) }}", 1, "too long"),
    "center-filter": ("Hi\n{{ 'x'|center(10**10) }}", 2, "too long"),
    "indent-filter": ("{{ ('a\\n' * 1000)|indent(10**7) }}", 1, "too long"),
    "format": ("{{ '{:>10000000000}'.format(1) }}", 1, "too long"),
    "format-arg": ("{{ '{:>{}}'.format(1, 10**10) }}", 1, "too long"),
    "format-filter": ("{{ '%10000000000d'|format(1) }}", 1, "too long"),
    "percent": ("{{ '%10000000000d' % 1 }}", 1, "too long"),
    "join": ("{% set s = 'x' * 1000000 %}\n{{ s.join(range(10000)) }}", 2, "too long"),
    "join-filter": ("{% set s = 'x' * 1000000 %}\n{{ range(10000)|join(s) }}", 2, "too long"),
    "replace": ("{% set s = 'x' * 1000000 %}\n{{ s.replace('x', s) }}", 2, "too long"),
    "replace-filter": ("{% set s = 'x' * 1000000 %}\n{{ s|replace('x', s) }}", 2, "too long"),
    "wordwrap": ("{% set s = 'x ' * 500000 %}\n{{ s|wordwrap(1, wrapstring=s) }}", 2,
                 "too long"),
    "sum": ("{{ ([[0] * 1000000] * 100)|sum(start=[])|length }}", 1, "too long"),
    "doubling": ("{% set ns = namespace(s='x') %}\n{% for i in range(60) %}\n"
                 "{% set ns.s = ns.s ~ ns.s %}\n{% endfor %}", 3, "too long"),
    "adding": ("{% set ns = namespace(s='x') %}\n{% for i in range(60) %}\n"
               "{% set ns.s = ns.s + ns.s %}\n{% endfor %}", 3, "too long"),
    "power": ("{{ 2 ** (10 ** 10) }}", 1, "too large"),
    "squaring": ("{% set ns = namespace(n=10**1000) %}{% for i in range(40) %}\n"
                 "{% set ns.n = ns.n * ns.n %}{% endfor %}", 2, "too large"),
    "range": ("\n{% for i in range(10**9) %}{% endfor %}", 2, "range"),
    "batch": ("{{ [1]|batch(10**9, 'x')|list|length }}", 1, "too long"),
    "nested-loops": ("{% for a in range(100000) %}{% for b in range(100000) %}\n"
                     "{% endfor %}{% endfor %}", 1, "repeats"),
    "captured": ("{% set s = 'x' * 1000000 %}{% set big %}\n"
                 "{% for i in range(100000) %}{{ s }}{% endfor %}{% endset %}", 2, "values"),
    "captured-text": ("{% set big %}{% for i in range(100000) %}\n"
                      "{{ '' }}more than twenty characters{% endfor %}{% endset %}{{ big }}", 1,
                      "too long"),
    "recursion": ("{% macro again(n) %}{{ again(n + 1) }}{% endmacro %}\n{{ again(1) }}", 1,
                  "calls itself"),
    "mutation": ("{% set l = [1] %}{% for i in range(60) %}{{ l.extend(l) }}{% endfor %}", 1,
                 "not allowed"),
}


@pytest.mark.parametrize("case", sorted(RUNAWAY))
def test_runaway_template_stops_with_a_clear_message_and_its_line(case: str) -> None:
    source, line, word = RUNAWAY[case]
    started = time.perf_counter()
    with pytest.raises(TemplateError) as caught:
        render_text(source, {})
    assert time.perf_counter() - started < 10
    assert word in caught.value.message, caught.value.message
    assert caught.value.line == line, caught.value.message
    assert str(caught.value).startswith(f"Line {line}: ")
    assert "Traceback" not in str(caught.value)


def test_output_over_the_limit_stops_at_the_line_that_wrote_it() -> None:
    source = "Intro\n{% set s = 'x' * 100000 %}\n{% for i in range(1000) %}\n{{ s }}\n{% endfor %}"
    with pytest.raises(TemplateError) as caught:
        render_text(source, {})
    assert "2 MB" in caught.value.message
    assert caught.value.line == 4


def test_budgets_leave_real_templates_alone() -> None:
    source = ("{% for a in range(200) %}{% for b in range(200) %}{% endfor %}{% endfor %}"
              "{% macro deep(n) %}{{ deep(n - 1) if n else 'done' }}{% endmacro %}"
              "{{ deep(10) }} {{ 'ab' * 3 }} {{ 'x'.center(5)|length }} "
              "{{ ', '.join(['a', 'b']) }} {{ 'x' ~ 'y' * 2 }}")
    assert render_text(source, {}) == "done ababab 5 a, b xyy"


def test_a_very_deep_expression_is_a_clear_error() -> None:
    source = "Hello\n{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}"
    with pytest.raises(TemplateError) as caught:
        validate_template("coalition_letter", source)
    assert "too deeply nested" in caught.value.message


def test_other_runtime_failures_never_quote_client_data() -> None:
    source = "{{ client_name.encode(client_name) }}"
    with pytest.raises(TemplateError) as caught:
        render_text(source, {"client_name": "Maria Secret-Name"})
    assert "Secret" not in str(caught.value)
    assert caught.value.line == 1


# -- merged values never start a block --------------------------------------------------------

HOSTILE_NAMES = ["| Court | Elsewhere Courthouse", "# Title", "## Heading", "> boxed", "- item",
                 "$ cmd", "1. step"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_merged_value_prints_as_text(name: str) -> None:
    blocks = render_blocks("Intro.\n\n{{ v }}, hello.\n\n- {{ v }}\n| Client | {{ v }}",
                           {"v": name})
    assert blocks == [
        Block(BlockKind.PARAGRAPH, "Intro."),
        Block(BlockKind.PARAGRAPH, f"{name}, hello."),
        Block(BlockKind.BULLET, name),
        Block(BlockKind.FACT, name, "Client"),
    ]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_advisory_prints_a_hostile_client_name_literally(name: str) -> None:
    data = sample_client_advisory("en", client_name=name)
    source = default_source("client_advisory", "en")
    blocks = render_blocks(source, template_context(data))
    plain = render_blocks(source, template_context(sample_client_advisory("en")))
    assert [b.kind for b in blocks] == [b.kind for b in plain]
    assert not any(b.kind is BlockKind.FACT for b in blocks)
    pdf = render_client_advisory(data)
    text = " ".join(subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True,
    ).stdout.decode("utf-8").split())
    assert f"{name}, this letter reminds you" in text
    assert "Court Elsewhere Courthouse" not in text


def test_a_slow_template_stops_after_its_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "LIMITS", Limits(seconds=0.3))
    source = ("{% set s = 'x' * 1000000 %}{% for i in range(100000) %}\n"
              "{% set t = s.replace('x', 'y') %}{% endfor %}")
    started = time.perf_counter()
    with pytest.raises(TemplateError) as caught:
        render_text(source, {})
    assert time.perf_counter() - started < 5
    assert "takes too long" in caught.value.message
    assert caught.value.line == 2


def test_a_runaway_template_is_refused_when_checked() -> None:
    source = default_source("client_advisory", "en").replace(
        "# Your court date",
        "# Your court date\n{% for a in range(100000) %}{% for b in range(100000) %}"
        "{% endfor %}{% endfor %}")
    with pytest.raises(TemplateError) as caught:
        validate_template("client_advisory", source)
    assert caught.value.line == 7 and "loops" in caught.value.message

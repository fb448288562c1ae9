"""Template format, sandboxing and the errors an office manager sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.documents import (
    TEMPLATE_KINDS,
    TemplateError,
    available_languages,
    default_source,
    template_fields,
    validate_template,
)
from app.documents.coalition_letter import render_coalition_letter, sample_coalition_letter
from app.documents.templates import Block, BlockKind, Slot, parse_blocks, render_blocks


def test_block_format() -> None:
    text = "\n".join([
        "# Title", "## Heading", "First line", "continues here.", "", "- bullet one",
        "  wraps", "- bullet two", "1. step", "> notice", "| Date | May 12", "$ age -d",
        str(Slot("signatures")),
    ])
    assert parse_blocks(text) == [
        Block(BlockKind.TITLE, "Title"),
        Block(BlockKind.HEADING, "Heading"),
        Block(BlockKind.PARAGRAPH, "First line continues here."),
        Block(BlockKind.BULLET, "bullet one wraps"),
        Block(BlockKind.BULLET, "bullet two"),
        Block(BlockKind.BULLET, "step", "1."),
        Block(BlockKind.NOTICE, "notice"),
        Block(BlockKind.FACT, "May 12", "Date"),
        Block(BlockKind.COMMAND, "age -d"),
        Block(BlockKind.SLOT, "signatures"),
    ]


def test_values_are_never_evaluated_nor_change_the_layout() -> None:
    source = "Name: {{ name }}\n{{ slot }}"
    hostile = "{{ 7*7 }} {% if 1 %}x{% endif %}\n\n# Heading\n\ue000slot\ue000"
    blocks = render_blocks(source, {"name": hostile, "slot": Slot("slot")})
    assert blocks[0] == Block(BlockKind.PARAGRAPH,
                              "Name: {{ 7*7 }} {% if 1 %}x{% endif %} # Heading slot")
    assert blocks[1] == Block(BlockKind.SLOT, "slot")
    assert len(blocks) == 2


def test_sandbox_blocks_attribute_escapes() -> None:
    with pytest.raises(TemplateError, match="not allowed"):
        render_blocks("{{ ''.__class__.__mro__[1].__subclasses__() }}", {})


def test_missing_field_names_the_field(tmp_path: Path) -> None:
    source = default_source("coalition_letter", "en").replace("{{ salutation }}",
                                                             "{{ salutaton }}")
    out = tmp_path / "letter.pdf"
    with pytest.raises(TemplateError) as caught:
        out.write_bytes(render_coalition_letter(sample_coalition_letter(),
                                                template_source=source))
    assert "salutaton" in caught.value.message
    assert caught.value.line == 3
    assert not out.exists()


def test_broken_template_reports_the_line() -> None:
    source = "Hello\n\n{% if office_name %}\nNo end tag\n"
    with pytest.raises(TemplateError) as caught:
        validate_template("coalition_letter", source)
    assert caught.value.line is not None
    assert "syntax error" in caught.value.message
    assert str(caught.value).startswith(f"Line {caught.value.line}:")


def test_validate_names_unknown_field_and_its_line() -> None:
    source = default_source("client_advisory", "es").replace("{{ office_name }}",
                                                            "{{ sala_numero }}")
    with pytest.raises(TemplateError) as caught:
        validate_template("client_advisory", source, "es")
    assert "sala_numero" in caught.value.message
    assert "courtroom" in caught.value.message  # the list of valid fields
    line = caught.value.line
    assert line is not None and "sala_numero" in source.splitlines()[line - 1]


def test_validate_requires_the_slots_a_kind_needs() -> None:
    source = default_source("coalition_letter", "en").replace("{{ signatures }}", "")
    with pytest.raises(TemplateError, match="signatures"):
        validate_template("coalition_letter", source)


def test_every_shipped_template_validates() -> None:
    for kind in TEMPLATE_KINDS:
        languages = available_languages(kind)
        assert languages, kind
        for language in languages:
            validate_template(kind, default_source(kind, language), language)
            assert template_fields(kind, language)


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(TemplateError, match="available: en, es"):
        default_source("client_advisory", "xx")


def test_documents_layer_imports_neither_qt_nor_sqlalchemy() -> None:
    package = Path(__file__).resolve().parents[2] / "app" / "documents"
    for path in package.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for forbidden in ("PySide6", "sqlalchemy", "from app.ui", "from app.storage"):
            assert forbidden not in source, f"{path.name} imports {forbidden}"

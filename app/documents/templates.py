"""Document templates: sandboxed Jinja2 producing plain text blocks that the renderer lays out.

Templates live in ``resources/templates/<kind>/<lang>.md.j2`` and offices may edit copies. The
format is deliberately small so an office manager can read it::

    # Title                       a document title
    ## Heading                    a section heading
    - item                        a bullet
    1. step                       a numbered step
    > text                        a boxed notice
    $ command                     a command to type, in a monospace font
    | Label | {{ value }}         a row of a two-column fact table
    {{ incident_list }}           a slot the renderer fills (tables, signatures)
    any other lines               a paragraph; a blank line ends it

Why this shape: the template produces *text*, never ReportLab markup. Merged values are substituted
as plain strings (the sandbox never evaluates them, so a client called ``{{ 7*7 }}`` stays so), with
line breaks flattened so a value cannot start a heading or a slot; the renderer then escapes every
block exactly once.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2 import Template as JinjaTemplate
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import SandboxedEnvironment

from app.documents.errors import TemplateError
from app.paths import resources_dir

TEMPLATES_DIR = resources_dir() / "templates"
TEMPLATE_SUFFIX = ".md.j2"

# A private-use character, stripped from every merged value, so data can never forge a slot.
_SLOT_MARK = "\ue000"
_TEMPLATE_NAME = "<template>"


class BlockKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    NOTICE = "notice"
    FACT = "fact"
    COMMAND = "command"
    SLOT = "slot"


@dataclass(frozen=True, slots=True)
class Block:
    """One laid-out unit of template output. ``label`` is used by FACT rows only."""

    kind: BlockKind
    text: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Slot:
    """A placeholder for a structured part the renderer builds in code (e.g. the incident list)."""

    name: str

    def __str__(self) -> str:
        return f"{_SLOT_MARK}{self.name}{_SLOT_MARK}"


def _finalize(value: Any) -> str:
    """Turn every ``{{ value }}`` into flat plain text; only real Slot objects may emit a slot."""
    if isinstance(value, Slot):
        return str(value)
    text = "" if value is None else str(value)
    return " ".join(text.replace(_SLOT_MARK, "").split())


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,  # escaping happens once, in the renderer
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def template_path(kind: str, language: str) -> Path:
    return TEMPLATES_DIR / kind / f"{language}{TEMPLATE_SUFFIX}"


def available_languages(kind: str) -> tuple[str, ...]:
    """Languages with a default template for this kind, e.g. ``("en", "es")``."""
    folder = TEMPLATES_DIR / kind
    names = (p.name.removesuffix(TEMPLATE_SUFFIX) for p in folder.glob(f"*{TEMPLATE_SUFFIX}"))
    return tuple(sorted(names))


def default_source(kind: str, language: str) -> str:
    """The shipped template text, the starting point for an office's edited copy."""
    path = template_path(kind, language)
    if not path.is_file():
        known = ", ".join(available_languages(kind)) or "none"
        raise TemplateError(
            f"No {kind.replace('_', ' ')} template in language '{language}' (available: {known})."
        )
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=64)
def _compile(source: str) -> JinjaTemplate:
    try:
        return _environment().from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"The template has a syntax error: {exc.message}", exc.lineno) from None


def declared_fields(source: str) -> set[str]:
    """Names the template reads from its context (used to reject misspelt fields early)."""
    try:
        ast = _environment().parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"The template has a syntax error: {exc.message}", exc.lineno) from None
    return set(meta.find_undeclared_variables(ast))


def render_text(source: str, context: Mapping[str, Any]) -> str:
    """Render template source to text, turning every Jinja failure into a TemplateError."""
    template = _compile(source)
    try:
        return template.render(context)
    except UndefinedError as exc:
        raise TemplateError(_undefined_message(exc), _template_line(exc)) from None
    except SecurityError as exc:
        raise TemplateError(
            f"The template tried something not allowed: {exc}", _template_line(exc)
        ) from None
    except (JinjaTemplateError, TypeError, ValueError, ArithmeticError) as exc:
        raise TemplateError(
            f"The template could not be filled in: {exc}", _template_line(exc)
        ) from None


def render_blocks(source: str, context: Mapping[str, Any]) -> list[Block]:
    """Render a template and cut its text into blocks."""
    return parse_blocks(render_text(source, context))


_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


def _undefined_message(exc: UndefinedError) -> str:
    match = _UNDEFINED_NAME.search(str(exc))
    name = next((g for g in match.groups() if g), None) if match else None
    if name:
        return f"The template uses the field '{name}', which this document does not provide."
    return f"The template uses a field this document does not provide ({exc})."


def _template_line(exc: BaseException) -> int | None:
    """Line in the template where Jinja failed: its rewritten traceback names the template."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == _TEMPLATE_NAME:
            line = frame.lineno
    return line


_NUMBERED = re.compile(r"^(\d{1,3})\. (.*)$")
_SLOT_LINE = re.compile(f"^{_SLOT_MARK}([a-z_]+){_SLOT_MARK}$")


def parse_blocks(text: str) -> list[Block]:
    """Cut rendered template text into blocks (see the module docstring for the format).

    A plain line continues the paragraph, bullet or notice above it, so long items can wrap in
    the template source; a blank line ends it.
    """
    blocks: list[Block] = []
    open_kind: BlockKind | None = None
    open_label = ""
    parts: list[str] = []

    def flush() -> None:
        nonlocal open_kind, open_label
        if open_kind is not None:
            blocks.append(Block(open_kind, " ".join(parts), open_label))
        open_kind = None
        open_label = ""
        parts.clear()

    for raw in text.splitlines():
        line = raw.strip()
        block = _line_block(line)
        if block is None:
            if not line:
                flush()
                continue
            if open_kind is None:
                open_kind = BlockKind.PARAGRAPH
            parts.append(line.replace(_SLOT_MARK, ""))
            continue
        flush()
        if block.kind in _CONTINUABLE:
            open_kind = block.kind
            open_label = block.label
            parts.append(block.text)
        else:
            blocks.append(block)
    flush()
    return blocks


_CONTINUABLE = (BlockKind.BULLET, BlockKind.NOTICE)


def _line_block(line: str) -> Block | None:
    """The block a single line opens, or None when the line belongs to a paragraph."""
    slot = _SLOT_LINE.match(line)
    if slot:
        return Block(BlockKind.SLOT, slot.group(1))
    line = line.replace(_SLOT_MARK, "")
    numbered = _NUMBERED.match(line)
    if numbered:
        return Block(BlockKind.BULLET, numbered.group(2), label=f"{numbered.group(1)}.")
    for prefix, kind in (
        ("## ", BlockKind.HEADING),
        ("# ", BlockKind.TITLE),
        ("- ", BlockKind.BULLET),
        ("> ", BlockKind.NOTICE),
        ("$ ", BlockKind.COMMAND),
    ):
        if line.startswith(prefix):
            return Block(kind, line[len(prefix) :].strip())
    if line.startswith("| "):
        label, _, value = line[2:].partition(" | ")
        return Block(BlockKind.FACT, value.strip(), label=label.strip())
    return None


def check_source(source: str, context: Mapping[str, Any], slots: Iterable[str] = ()) -> None:
    """Validate an edited template against a sample context; raise TemplateError on the first fault.

    Catches syntax errors (with line), misspelt fields (named, with line and the list of valid
    ones), runtime failures, and a slot the document needs that the edit removed.
    """
    unknown = sorted(declared_fields(source) - set(context))
    if unknown:
        name = unknown[0]
        valid = ", ".join(sorted(k for k in context if not isinstance(context[k], Slot)))
        raise TemplateError(
            f"Unknown field '{name}'. Fields this document provides: {valid}.",
            _line_of(source, name),
        )
    blocks = render_blocks(source, context)
    present = {b.text for b in blocks if b.kind is BlockKind.SLOT}
    for slot in slots:
        if slot not in present:
            raise TemplateError(
                f"The template must keep the line {{{{ {slot} }}}} on a line of its own."
            )


def _line_of(source: str, name: str) -> int | None:
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    for number, line in enumerate(source.splitlines(), start=1):
        if pattern.search(line):
            return number
    return None

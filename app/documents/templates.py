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
line breaks flattened and a mark in front, so a value prints as text: a client called
``| Court | Elsewhere`` or ``# Title`` never starts a fact row, a title or a slot. The renderer then
escapes every block exactly once.

An edited template is code an office manager wrote, and a restored backup may carry anyone's: the
sandbox blocks escapes (attributes, mutation of data) and the render runs within budgets (see
``LIMITS``), so a runaway loop, a huge string or a macro calling itself stops with a message and
its line instead of taking the machine's memory.
"""

from __future__ import annotations

import contextvars
import inspect
import re
import time
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, cast

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2 import Template as JinjaTemplate
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.runtime import Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment

from app.documents.errors import TemplateError
from app.paths import resources_dir

TEMPLATES_DIR = resources_dir() / "templates"
TEMPLATE_SUFFIX = ".md.j2"

# Private-use characters, stripped from every merged value, so data can never forge them: the
# slot mark wraps a slot the renderer fills; the value mark starts every merged value, so the
# block parser reads a line that begins with one as text.
_SLOT_MARK = "\ue000"
_VALUE_MARK = "\ue001"
_MARKS = str.maketrans("", "", _SLOT_MARK + _VALUE_MARK)
_TEMPLATE_NAME = "<template>"


@dataclass(frozen=True, slots=True)
class Limits:
    """What one render of a template may use. A letter needs a tiny fraction of each."""

    source_chars: int = 200_000  # the template text itself
    output_chars: int = 2_000_000  # about 2 MB of text, hundreds of pages
    size: int = 2_000_000  # characters of one string, items of one list
    range_items: int = 100_000  # numbers in one range()
    loop_steps: int = 200_000  # iterations of every loop of one render together
    depth: int = 30  # macros (and recursive loops) calling each other
    int_bits: int = 10_000  # a number of about 3,000 digits
    written_chars: int = 10_000_000  # all {{ values }} of one render, inside {% set %} too
    seconds: float = 10.0  # processor time of one render


LIMITS = Limits()


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
    """Turn every ``{{ value }}`` into flat plain text; only real Slot objects may emit a slot.

    Text gets the value mark in front so it can never start a block; a number does not, so a
    template may still number its own steps with ``{{ loop.index }}. ...``.
    """
    if isinstance(value, Slot):
        return str(value)
    text = "" if value is None else str(value)
    _budget().wrote(len(text))
    flat = " ".join(text.translate(_MARKS).split())
    if not flat or (isinstance(value, int) and not isinstance(value, bool)):
        return flat
    return _VALUE_MARK + flat


# -- budgets ---------------------------------------------------------------------------------


class _LimitExceeded(Exception):  # noqa: N818 - raised inside the template, shown as TemplateError
    """A template went over one of its budgets; ``message`` is what the office manager reads."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _too_long() -> _LimitExceeded:
    return _LimitExceeded(
        f"The template makes a text or a list too long (more than {LIMITS.size:,} characters "
        "or items). Check repeated text, widths and loops."
    )


def _too_large() -> _LimitExceeded:
    return _LimitExceeded(
        f"The template makes a number too large (more than {LIMITS.int_bits:,} bits)."
    )


class _Budget:
    """What one render has used so far; one per render, found through a context variable."""

    def __init__(self) -> None:
        self.written = 0
        self.steps = 0
        self.depth = 0
        self.deadline = time.thread_time() + LIMITS.seconds

    def tick(self) -> None:
        if time.thread_time() > self.deadline:
            raise _LimitExceeded(
                f"The template takes too long to fill in (more than {LIMITS.seconds:g} seconds)."
                " Check its loops."
            )

    def wrote(self, count: int) -> None:
        self.written += count
        if self.written > LIMITS.written_chars:
            raise _LimitExceeded(
                f"The template fills in more than {LIMITS.written_chars:,} characters of "
                "values. Check its loops."
            )

    def step(self) -> None:
        self.steps += 1
        if self.steps > LIMITS.loop_steps:
            raise _LimitExceeded(
                f"The template repeats more than {LIMITS.loop_steps:,} times in its loops. "
                "Check nested loops."
            )
        if not self.steps % 1024:
            self.tick()

    def loop(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self.step()
            yield item

    def enter(self) -> None:
        self.depth += 1
        if self.depth > LIMITS.depth:
            self.depth = 0  # the message is raised once, not at every level on the way out
            raise _LimitExceeded(
                f"A macro calls itself (or another macro) more than {LIMITS.depth} levels deep."
            )
        self.tick()

    def leave(self) -> None:
        self.depth = max(self.depth - 1, 0)


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "template_budget", default=None
)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    return _Budget() if budget is None else budget  # a render outside render_text


def _sized(value: Any) -> Any:
    """``value`` unchanged, or _LimitExceeded when it is a text or collection over the limit."""
    if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
        if len(value) > LIMITS.size:
            raise _too_long()
    elif isinstance(value, int) and value.bit_length() > LIMITS.int_bits:
        raise _too_large()
    return value


def _within(estimate: int) -> None:
    if estimate > LIMITS.size:
        raise _too_long()


def _length(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes)) else len(str(value))


def _count(value: Any, default: int) -> int:
    """A width or count argument as a number (for an estimate); ``default`` when it is not."""
    return value if isinstance(value, int) and not isinstance(value, bool) else default


_NUMBER = re.compile(r"\d+")
_NESTED_SPEC = re.compile(r":[^{}]*\{")


def _check_format(text: Any, args: Iterable[Any], star: bool) -> None:
    """A format string may not ask for a width or precision over the size limit, neither
    written in it nor taken from an argument (``%*d``, ``{:{}}``)."""
    if not isinstance(text, str):
        return
    if any(int(m.group()) > LIMITS.size for m in _NUMBER.finditer(text)):
        raise _too_long()
    if (star and "*" in text) or (not star and _NESTED_SPEC.search(text)):
        for arg in args:
            values = (arg.values() if isinstance(arg, Mapping)
                      else arg if isinstance(arg, (list, tuple)) else (arg,))
            if any(_count(v, 0) > LIMITS.size for v in values):
                raise _too_long()


def _check_join(separator: Any, items: list[Any]) -> None:
    _within(_length(separator) * max(len(items) - 1, 0)
            + sum(_length(i) if isinstance(i, str) else 24 for i in items))


def _check_replace(text: Any, old: Any, new: Any, count: Any) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    _within(len(text) + found * max(len(new) - len(old), 0))


def _check_str_method(text: str, name: str, args: tuple[Any, ...],
                      kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Estimate what a string method would make before it makes it; ``args`` as to be passed
    (an iterable handed to ``join`` is read once, here)."""
    first = args[0] if args else next(iter(kwargs.values()), None)
    if name in ("center", "ljust", "rjust", "zfill"):
        _within(_count(first, 0))
    elif name == "expandtabs":
        _within(len(text) + text.count("\t") * _count(first, 8))
    elif name == "replace" and len(args) >= 2:
        _check_replace(text, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count"))
    elif name == "join" and args:
        items = list(args[0])
        _check_join(text, items)
        return (items, *args[1:])
    elif name in ("format", "format_map"):
        _check_format(text, (*args, kwargs), star=False)
    return args


def _checked_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter that checks its arguments before the work and its result after."""

    @wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _budget().tick()
        args = _check_filter(name, function, args, kwargs)
        return _sized(function(*args, **kwargs))

    return checked


def _filter_arguments(function: Callable[..., Any], args: tuple[Any, ...],
                      kwargs: dict[str, Any]) -> dict[str, Any]:
    """The arguments of a filter call by name (a call that does not fit is left to fail)."""
    try:
        bound = inspect.signature(function).bind(*args, **kwargs)
    except (TypeError, ValueError):
        return {}
    return dict(bound.arguments)


def _check_filter(name: str, function: Callable[..., Any], args: tuple[Any, ...],
                  kwargs: dict[str, Any]) -> tuple[Any, ...]:
    passed = getattr(function, "jinja_pass_arg", None) is not None
    given = _filter_arguments(function, args, kwargs)
    value = next((given[key] for key in ("value", "s", "iterable") if key in given), None)
    if name == "center":
        _within(_count(given.get("width"), 0))
    elif name == "indent":
        width = given.get("width", 4)
        per_line = len(width) if isinstance(width, str) else _count(width, 0)
        _within(per_line)
        _within(_length(value) + (str(value).count("\n") + 1) * per_line)
    elif name == "format":
        _check_format(value, (*args[1:], kwargs), star=True)
    elif name == "replace":
        _check_replace(value, given.get("old"), given.get("new"), given.get("count"))
    elif name == "wordwrap":
        wrap = given.get("wrapstring") or "\n"
        width = max(_count(given.get("width"), 79), 1)
        _within(_length(value) + (_length(value) // width + 1) * _length(wrap))
    elif name in ("batch", "slice"):
        _within(_count(given.get("linecount", given.get("slices")), 0))
    elif name == "tojson" and _count(given.get("indent"), 0) > 16:
        raise _too_long()
    elif name in ("join", "sum") and value is not None and not isinstance(value, str):
        items = list(value)
        if name == "join":
            _check_join(given.get("d", ""), items)
        elif isinstance(given.get("start"), (list, tuple)):
            _within(sum(len(i) if isinstance(i, (list, tuple)) else 1 for i in items))
        position = 1 if passed else 0
        return (*args[:position], items, *args[position + 1 :])
    return args


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > LIMITS.range_items:
        raise _LimitExceeded(
            f"The template asks for a range of more than {LIMITS.range_items:,} numbers."
        )
    return numbers


_LOOP_FILTER = "_loop_budget"


class _BudgetedCodeGenerator(CodeGenerator):
    """Counts every loop iteration and checks every ``~`` join (the only two things the sandbox
    does not route through the environment)."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):
            if not (isinstance(loop.iter, nodes.Filter) and loop.iter.name == _LOOP_FILTER):
                loop.iter = nodes.Filter(loop.iter, _LOOP_FILTER, [], [], None, None,
                                         lineno=loop.iter.lineno)
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.join_text((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


_ARITHMETIC = frozenset({"+", "*", "**", "%"})


class BudgetedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with every way to make something big checked against ``LIMITS``."""

    code_generator_class = _BudgetedCodeGenerator
    intercepted_binops = _ARITHMETIC  # also keeps Jinja from folding 10**10**10 while compiling

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _checked_filter(name, function)
                        for name, function in self.filters.items()}
        self.filters[_LOOP_FILTER] = lambda iterable: _budget().loop(iterable)
        self.globals["range"] = _range
        self.globals.pop("lipsum", None)  # placeholder text has no place in a letter

    @staticmethod
    def join_text(parts: Iterable[Any]) -> str:
        """``a ~ b``: the joined length is checked before the join is made."""
        texts = [str(p) for p in parts]
        _within(sum(map(len, texts)))
        return "".join(texts)

    def concat(self, parts: Iterable[str]) -> str:
        """Captured output (``{% set %}`` blocks, macros), checked while it is collected."""
        texts: list[str] = []
        total = 0
        for part in parts:
            total += len(part)
            if total > LIMITS.size:
                raise _too_long()
            texts.append(part)
        return "".join(texts)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _budget().tick()
        sequences = (str, bytes, list, tuple)
        if operator == "*":
            if isinstance(left, sequences) and isinstance(right, int):
                _within(len(left) * max(right, 0))
            elif isinstance(right, sequences) and isinstance(left, int):
                _within(len(right) * max(left, 0))
            elif (isinstance(left, int) and isinstance(right, int)
                  and left.bit_length() + right.bit_length() > LIMITS.int_bits):
                raise _too_large()
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and right > 0 and right * left.bit_length() > LIMITS.int_bits:
                raise _too_large()
        elif operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
            _within(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_format(left, (right,), star=True)
        return _sized(super().call_binop(context, operator, left, right))

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.tick()
        if isinstance(obj, (Macro, LoopContext)):
            if isinstance(obj, LoopContext) and args:  # a recursive loop's next level
                args = (budget.loop(args[0]), *args[1:])
            budget.enter()
            try:
                return super().call(context, obj, *args, **kwargs)
            finally:
                budget.leave()
        method = getattr(obj, "__wrapped__", obj)  # str.format comes wrapped by the sandbox
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            args = _check_str_method(owner, getattr(method, "__name__", ""), args, kwargs)
        return _sized(super().call(context, obj, *args, **kwargs))


@lru_cache(maxsize=1)
def _environment() -> BudgetedEnvironment:
    return BudgetedEnvironment(
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


_TOO_DEEP = "The template is too deeply nested (brackets, tags or expressions inside each other)."


def _check_source_size(source: str) -> None:
    if len(source) > LIMITS.source_chars:
        raise TemplateError(
            f"The template is longer than {LIMITS.source_chars:,} characters."
        )


@lru_cache(maxsize=64)
def _compile(source: str) -> JinjaTemplate:
    _check_source_size(source)
    token = _BUDGET.set(_Budget())  # filters folded while compiling run within budgets too
    try:
        return _environment().from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"The template has a syntax error: {exc.message}", exc.lineno) from None
    except (RecursionError, MemoryError, SyntaxError):
        raise TemplateError(_TOO_DEEP) from None
    finally:
        _BUDGET.reset(token)


def declared_fields(source: str) -> set[str]:
    """Names the template reads from its context (used to reject misspelt fields early)."""
    _check_source_size(source)
    try:
        ast = _environment().parse(source)
        return set(meta.find_undeclared_variables(ast))
    except TemplateSyntaxError as exc:
        raise TemplateError(f"The template has a syntax error: {exc.message}", exc.lineno) from None
    except (RecursionError, MemoryError, SyntaxError):
        raise TemplateError(_TOO_DEEP) from None


def render_text(source: str, context: Mapping[str, Any]) -> str:
    """Render template source to plain text (see ``_render`` for the budgets and errors)."""
    return _render(source, context).translate(_MARKS)


def _render(source: str, context: Mapping[str, Any]) -> str:
    """Render template source to text within ``LIMITS``, turning every failure of the template
    into a TemplateError (with its line where known; never quoting the data it was given).
    Every merged value starts with the value mark, for ``parse_blocks``."""
    template = _compile(source)
    token = _BUDGET.set(_Budget())
    try:
        return _generate(template, context)
    except _LimitExceeded as exc:
        raise TemplateError(exc.message, _template_line(exc)) from None
    except UndefinedError as exc:
        raise TemplateError(_undefined_message(exc), _template_line(exc)) from None
    except SecurityError as exc:
        raise TemplateError(
            f"The template tried something not allowed: {exc}", _template_line(exc)
        ) from None
    except RecursionError as exc:
        raise TemplateError(
            "The template calls itself too deeply (a macro or a recursive loop).",
            _template_line(exc),
        ) from None
    except MemoryError as exc:
        raise TemplateError(
            "The template needs more memory than this computer has. Check its loops and "
            "repeated text.", _template_line(exc),
        ) from None
    except (JinjaTemplateError, TypeError, ValueError, ArithmeticError) as exc:
        raise TemplateError(
            f"The template could not be filled in: {exc}", _template_line(exc)
        ) from None
    except Exception as exc:  # noqa: BLE001 - any other failure of template code is the template's
        raise TemplateError(
            f"The template could not be filled in ({type(exc).__name__}).", _template_line(exc)
        ) from None
    finally:
        _BUDGET.reset(token)


def _generate(template: JinjaTemplate, context: Mapping[str, Any]) -> str:
    """The whole text, stopped at the line that writes past ``LIMITS.output_chars``."""
    stream = cast(Generator[str, None, None], template.generate(context))
    parts: list[str] = []
    total = 0
    for part in stream:
        total += len(part)
        if total > LIMITS.output_chars:
            # Raised inside the template where it wrote this part, so the error has its line.
            stream.throw(_LimitExceeded(
                f"The template writes more than {LIMITS.output_chars // 1_000_000} MB of text. "
                "Check its loops."
            ))
        parts.append(part)
    return "".join(parts)


def render_blocks(source: str, context: Mapping[str, Any]) -> list[Block]:
    """Render a template and cut its text into blocks."""
    return parse_blocks(_render(source, context))


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
            parts.append(line.translate(_MARKS))
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
    """The block a single line opens, or None when the line belongs to a paragraph.

    Block markers are matched with the value marks still in place, so only the template's own
    text can open a block: a line starting with a merged value (or a marker a value completes)
    is a paragraph line, and the value prints as typed.
    """
    slot = _SLOT_LINE.match(line)
    if slot:
        return Block(BlockKind.SLOT, slot.group(1))
    line = line.replace(_SLOT_MARK, "")
    numbered = _NUMBERED.match(line)
    if numbered:
        return Block(BlockKind.BULLET, _text(numbered.group(2)), label=f"{numbered.group(1)}.")
    for prefix, kind in (
        ("## ", BlockKind.HEADING),
        ("# ", BlockKind.TITLE),
        ("- ", BlockKind.BULLET),
        ("> ", BlockKind.NOTICE),
        ("$ ", BlockKind.COMMAND),
    ):
        if line.startswith(prefix):
            return Block(kind, _text(line[len(prefix) :]))
    if line.startswith("| "):
        label, _, value = line[2:].partition(" | ")
        return Block(BlockKind.FACT, _text(value), label=_text(label))
    return None


def _text(part: str) -> str:
    return part.translate(_MARKS).strip()


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

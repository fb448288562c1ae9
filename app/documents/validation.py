"""Checking an office's edited template before it is saved or used.

An edit is tried against realistic sample data of its document kind, so the office manager learns
of a typo ("Unknown field 'clinet_name' on line 4") in the editor, not when a letter is due.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app.documents import (
    client_advisory,
    coalition_letter,
    court_request,
    recovery_kit,
    reminder_call_list,
)
from app.documents.data import RequestKind
from app.documents.errors import TemplateError
from app.documents.templates import check_source

ContextFactory = Callable[[str], Sequence[dict[str, Any]]]


def _coalition(language: str) -> Sequence[dict[str, Any]]:
    return [coalition_letter.template_context(coalition_letter.sample_coalition_letter())]


def _advisory(language: str) -> Sequence[dict[str, Any]]:
    return [client_advisory.template_context(client_advisory.sample_client_advisory(language))]


def _court_request(language: str) -> Sequence[dict[str, Any]]:
    return [court_request.template_context(court_request.sample_court_request(kind))
            for kind in RequestKind]


def _reminder_script(language: str) -> Sequence[dict[str, Any]]:
    office = reminder_call_list.sample_reminder_call_list().office
    return [reminder_call_list.script_context(office)]


def _recovery_kit(language: str) -> Sequence[dict[str, Any]]:
    return [recovery_kit.template_context(recovery_kit.sample_recovery_kit())]


_KINDS: dict[str, tuple[ContextFactory, tuple[str, ...]]] = {
    coalition_letter.KIND: (_coalition, coalition_letter.SLOTS),
    client_advisory.KIND: (_advisory, client_advisory.SLOTS),
    court_request.KIND: (_court_request, court_request.SLOTS),
    reminder_call_list.KIND: (_reminder_script, ()),
    recovery_kit.KIND: (_recovery_kit, recovery_kit.SLOTS),
}

TEMPLATE_KINDS = tuple(_KINDS)


def validate_template(kind: str, source: str, language: str = "en") -> None:
    """Raise TemplateError (with ``line`` where known) if ``source`` cannot serve as ``kind``."""
    if kind not in _KINDS:
        raise TemplateError(f"Unknown document kind '{kind}'.")
    contexts, slots = _KINDS[kind]
    for context in contexts(language):
        check_source(source, context, slots)


def template_fields(kind: str, language: str = "en") -> list[str]:
    """The field names an editor can offer for insertion, in alphabetical order."""
    if kind not in _KINDS:
        raise TemplateError(f"Unknown document kind '{kind}'.")
    contexts, _ = _KINDS[kind]
    return sorted(contexts(language)[0])

"""PDF documents: a ReportLab renderer base and one module per document kind.

Every renderer takes plain frozen dataclasses (``app.documents.data``) and returns PDF bytes; none
imports Qt or SQLAlchemy, so the same code serves the GUI, the command line and the tests. Import
the kind you need from its module, or the names re-exported here. The re-exports load on first use
(ReportLab, Jinja2 and Pillow cost about 150 ms, which a start of the window does not need).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.documents.base import ProgressCallback
    from app.documents.client_advisory import render_advisory_batch, render_client_advisory
    from app.documents.coalition_letter import render_coalition_letter
    from app.documents.court_request import render_court_request
    from app.documents.errors import Cancelled, DocumentError, TemplateError
    from app.documents.recovery_kit import render_recovery_kit
    from app.documents.reminder_call_list import render_reminder_call_list
    from app.documents.staff_sheet import render_staff_sheets
    from app.documents.templates import available_languages, default_source
    from app.documents.validation import TEMPLATE_KINDS, template_fields, validate_template

_HOMES = {
    "ProgressCallback": "base",
    "render_advisory_batch": "client_advisory",
    "render_client_advisory": "client_advisory",
    "render_coalition_letter": "coalition_letter",
    "render_court_request": "court_request",
    "Cancelled": "errors",
    "DocumentError": "errors",
    "TemplateError": "errors",
    "render_recovery_kit": "recovery_kit",
    "render_reminder_call_list": "reminder_call_list",
    "render_staff_sheets": "staff_sheet",
    "available_languages": "templates",
    "default_source": "templates",
    "TEMPLATE_KINDS": "validation",
    "template_fields": "validation",
    "validate_template": "validation",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)


__all__ = [
    "TEMPLATE_KINDS",
    "Cancelled",
    "DocumentError",
    "ProgressCallback",
    "TemplateError",
    "available_languages",
    "default_source",
    "render_advisory_batch",
    "render_client_advisory",
    "render_coalition_letter",
    "render_court_request",
    "render_recovery_kit",
    "render_reminder_call_list",
    "render_staff_sheets",
    "template_fields",
    "validate_template",
]

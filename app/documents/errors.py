"""Errors of the document layer, split the way the rest of the app splits them.

``DocumentError`` and its subclasses are things a person can fix (a template field misspelt, a
logo that is not an image, a language without a template) and carry a message fit to show them.
``Cancelled`` is not an error: the person asked a batch to stop.
"""

from __future__ import annotations


class DocumentError(Exception):
    """A document cannot be produced for a reason the user can act on."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class TemplateError(DocumentError):
    """A template cannot be rendered; ``line`` points into the template source when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"Line {line}: {message}" if line else message)
        self.message = message


class Cancelled(Exception):  # noqa: N818 - reads as a state, like asyncio's CancelledError
    """Raised out of a batch render when its progress callback asks to stop."""

"""Recognising, from the words staff typed, offences that can make a permanent resident deportable.

A single conviction for a controlled-substance offence or for domestic violence, stalking, child
abuse or violating a protection order can make a lawful permanent resident removable, where a
single other misdemeanor usually does not. Staff write the offence as free text, in English or
Spanish, so CourtSafe looks for the usual words; a match only prompts "ask the attorney", it never
decides anything.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from app.domain.risk_inputs import CriminalEntry

# Words are matched after lower-casing and removing accents, at word starts ("drug" also matches
# "drugs"); "dv" must stand alone.
_DRUG_WORDS = (
    "drug", "controlled substance", "narcotic", "marijuana", "marihuana", "cannabis", "cocaine",
    "heroin", "methamphetamine", "fentanyl", "opiate", "opioid", "crack",
    "droga", "sustancia controlada", "sustancias controladas", "narcotico", "cocaina", "heroina",
    "metanfetamina", "estupefaciente",
)
_VIOLENCE_WORDS = (
    "domestic", "family violence", "dating violence", "intimate partner",
    "protection order", "protective order", "restraining order", "no-contact order",
    "no contact order", "stalking", "child abuse", "child neglect", "child endangerment",
    "cruelty to a child", "cruelty to children",
    "violencia domestica", "violencia familiar", "violencia intrafamiliar",
    "orden de proteccion", "orden de alejamiento", "orden de restriccion", "acecho", "acoso",
    "abuso infantil", "abuso de menores", "maltrato infantil", "maltrato de menores",
)
_PATTERN = re.compile(
    r"\bdv\b|" + "|".join(r"\b" + re.escape(word) for word in (*_DRUG_WORDS, *_VIOLENCE_WORDS))
)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_drug_or_domestic_violence(offence: str) -> bool:
    """Whether the offence text names a drug or domestic-violence type offence."""
    return _PATTERN.search(_plain(offence)) is not None


def has_drug_or_dv_conviction(entries: Iterable[CriminalEntry]) -> bool:
    """A conviction (not a pending charge) for a drug or domestic-violence type offence."""
    return any(not e.pending and is_drug_or_domestic_violence(e.offence) for e in entries)

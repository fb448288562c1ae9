"""What missing court means, by court kind and the client's role, in the client's language.

The consequence differs by court (policy.md, "What missing court means, by court"): an immigration
judge can order removal in the person's absence (INA §240(b)(5)) and issues no arrest warrant; a
criminal or traffic judge can issue a bench warrant; family, civil, housing and small-claims courts
decide without the person. A victim or witness is not the defendant: telling them "a warrant for
your arrest" would be false and would frighten them away, and "you could lose the case" is false
when the case is not theirs; a family member who only goes along is told it is not their case. A
petitioner for a protection order loses the order's protection by missing the hearing. A victim
or witness at a sentencing is not told the case may stop: a sentencing goes ahead, only without
their voice. Spanish speaks to the client without a gendered pronoun ("le lleve"). Sentences
are short, for a reading grade of about six to eight; every language shipped has every case.
"""

from __future__ import annotations

from enum import StrEnum

from app.domain.enums import CaseKind, ClientRole, CourtKind, HearingType


class Consequence(StrEnum):
    REMOVAL_IN_ABSENCE = "removal_in_absence"
    BENCH_WARRANT = "bench_warrant"
    SUBPOENA = "subpoena"  # a victim or witness in someone else's case
    SENTENCING_UNHEARD = "sentencing_unheard"  # a victim or witness at a sentencing
    COMPANION = "companion"  # a family member who goes along: not their case
    PROTECTION_ENDS = "protection_ends"  # the person asking for a protection order
    DEFAULT = "default"  # decided without the person
    JUVENILE = "juvenile"


TEXTS: dict[str, dict[Consequence, str]] = {
    "en": {
        Consequence.REMOVAL_IN_ABSENCE: (
            "If you miss this hearing, the judge can order you deported even though you are not "
            "there. That order is very hard to undo."
        ),
        Consequence.BENCH_WARRANT: (
            "If you miss court, the judge can issue a warrant for your arrest. You can also lose "
            "any bail that was paid."
        ),
        Consequence.SUBPOENA: (
            "If a court paper (a subpoena) orders you to come and you miss court, the judge can "
            "order that you be brought to court. Without you, the case may not go on."
        ),
        Consequence.SENTENCING_UNHEARD: (
            "At this hearing the judge decides the sentence. If you miss it, the judge will "
            "decide the sentence without hearing from you."
        ),
        Consequence.COMPANION: (
            "This is not your own case, so the judge will not decide anything about you. If you "
            "planned to go with someone and cannot, tell them and call us."
        ),
        Consequence.PROTECTION_ENDS: (
            "If you miss this hearing, the judge can dismiss your request. Your temporary "
            "protection order can then end."
        ),
        Consequence.DEFAULT: (
            "If you miss court, the judge can decide your case without you. You could lose the "
            "case."
        ),
        Consequence.JUVENILE: (
            "If you miss court, the judge can decide without you and can order that you be "
            "brought to court."
        ),
    },
    "es": {
        Consequence.REMOVAL_IN_ABSENCE: (
            "Si usted falta a esta audiencia, el juez puede ordenar su deportación aunque usted "
            "no esté presente. Es muy difícil anular esa orden."
        ),
        Consequence.BENCH_WARRANT: (
            "Si usted falta a la corte, el juez puede emitir una orden de arresto en su contra. "
            "También puede perder la fianza que se pagó."
        ),
        Consequence.SUBPOENA: (
            "Si un papel de la corte (una citación) le ordena ir y usted falta, el juez puede "
            "ordenar que la policía le lleve a la corte. Sin usted, el caso podría no seguir "
            "adelante."
        ),
        Consequence.SENTENCING_UNHEARD: (
            "En esta audiencia el juez decide la sentencia. Si usted falta, el juez decidirá la "
            "sentencia sin escucharle."
        ),
        Consequence.COMPANION: (
            "Este no es su propio caso, así que el juez no decidirá nada sobre usted. Si pensaba "
            "acompañar a alguien y no puede, avísele y llámenos."
        ),
        Consequence.PROTECTION_ENDS: (
            "Si usted falta a esta audiencia, el juez puede rechazar su petición. Su orden de "
            "protección temporal puede terminar."
        ),
        Consequence.DEFAULT: (
            "Si usted falta a la corte, el juez puede decidir su caso sin usted. Usted podría "
            "perder el caso."
        ),
        Consequence.JUVENILE: (
            "Si usted falta a la corte, el juez puede decidir sin usted y puede ordenar que la "
            "policía le lleve a la corte."
        ),
    },
}

#: One line for staff (the call list), always in English.
STAFF_LABELS: dict[Consequence, str] = {
    Consequence.REMOVAL_IN_ABSENCE: "Missing it: removal order in absence",
    Consequence.BENCH_WARRANT: "Missing it: bench warrant, bail forfeited",
    Consequence.SUBPOENA: "Missing it: if subpoenaed, may be brought to court",
    Consequence.SENTENCING_UNHEARD: "Missing it: sentence decided without hearing the client",
    Consequence.COMPANION: "Missing it: not the client's case",
    Consequence.PROTECTION_ENDS: "Missing it: request dismissed, protection order ends",
    Consequence.DEFAULT: "Missing it: decided without the client",
    Consequence.JUVENILE: "Missing it: decided without the client, may be brought in",
}


def consequence(
    court_kind: CourtKind, case_kind: CaseKind, role: ClientRole,
    hearing_type: HearingType | None = None,
) -> Consequence:
    """Which consequence applies to this client at this hearing.

    The person's role comes first: only a party risks an order against them, in any court. A
    sentencing goes ahead without a victim or witness, so they are told only that they would
    not be heard.
    """
    if role is ClientRole.FAMILY_COMPANION:
        return Consequence.COMPANION
    asks_protection = role in (ClientRole.PETITIONER, ClientRole.VICTIM)
    if case_kind is CaseKind.PROTECTION_ORDER and asks_protection:
        return Consequence.PROTECTION_ENDS
    if role in (ClientRole.VICTIM, ClientRole.WITNESS):
        if hearing_type is HearingType.SENTENCING:
            return Consequence.SENTENCING_UNHEARD
        return Consequence.SUBPOENA
    if court_kind is CourtKind.IMMIGRATION or case_kind is CaseKind.IMMIGRATION_REMOVAL:
        return Consequence.REMOVAL_IN_ABSENCE
    if court_kind in (CourtKind.CRIMINAL, CourtKind.TRAFFIC) and role is ClientRole.DEFENDANT:
        return Consequence.BENCH_WARRANT
    if court_kind is CourtKind.JUVENILE:
        return Consequence.JUVENILE
    return Consequence.DEFAULT


def missed_court_text(kind: Consequence, language: str) -> str:
    """The sentence in ``language``, or in English where the language has no text yet."""
    return TEXTS.get(language, TEXTS["en"])[kind]

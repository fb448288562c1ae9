"""The fixed words of a client advisory that follow the hearing: where or how to attend, getting
ready, and the advice its flag calls for, in every shipped language.

They live in code, not in the office's editable template, because a wrong word here sends a client
to the wrong place (a courthouse for a video hearing) or promises a protection the law does not
give. Short sentences, for a reading grade of six to eight.
"""

from __future__ import annotations

from app.documents.data import Advice, StateLaw
from app.domain.enums import AppearanceMode
from app.domain.us_states import with_article

LANGUAGES = ("en", "es")

#: Fact-table labels: each fits the label column on one line at full size ("Código de acceso"
#: wrapped, so the passcode is "Contraseña").
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "when": "When", "court": "Court", "address": "Address", "courtroom": "Courtroom",
        "case": "Case number", "hearing": "Hearing", "how": "How", "link": "Video link",
        "phone": "Phone", "meeting_id": "Meeting ID", "passcode": "Passcode",
        "join": "How to join", "at": "at",
    },
    "es": {
        "when": "Cuándo", "court": "Corte", "address": "Dirección", "courtroom": "Sala",
        "case": "Número de caso", "hearing": "Audiencia", "how": "Cómo", "link": "Enlace de video",
        "phone": "Teléfono", "meeting_id": "ID de la reunión", "passcode": "Contraseña",
        "join": "Conectarse", "at": "a las",
    },
}

HOW: dict[str, dict[AppearanceMode, str]] = {
    "en": {
        AppearanceMode.REMOTE: "By video or phone. Do not go to the courthouse.",
        AppearanceMode.HYBRID: "You can go to the courthouse, or join by video or phone.",
    },
    "es": {
        AppearanceMode.REMOTE: "Por video o por teléfono. No vaya al edificio de la corte.",
        AppearanceMode.HYBRID: (
            "Puede ir al edificio de la corte, o conectarse por video o por teléfono."
        ),
    },
}

NO_JOIN_DETAILS: dict[str, str] = {
    "en": "Call us at {phone} to get the link or phone number.",
    "es": "Llámenos al {phone} para recibir el enlace o el número de teléfono.",
}

#: (heading, paragraphs) on getting to court or getting ready to join, by mode.
GETTING_READY: dict[str, dict[AppearanceMode, tuple[str, tuple[str, ...]]]] = {
    "en": {
        AppearanceMode.IN_PERSON: ("Plan your trip now", (
            "Plan now: when will you leave, how will you get there, who will go with you? "
            "Arrive at least 30 minutes early: there may be a line at security.",
        )),
        AppearanceMode.REMOTE: ("Get ready to join", (
            "Test the link or the phone number the day before. Find a quiet, private place. "
            "Charge your phone or computer. Join 10 minutes early.",
            "If it does not work, call us right away at {phone}.",
        )),
        AppearanceMode.HYBRID: ("Choose how you will take part", (
            "Ask us which way is best for you.",
            "If you go in person: plan when you will leave, how you will get there and who "
            "will go with you. Arrive at least 30 minutes early: there may be a line at "
            "security.",
            "If you join by video or phone: test the link or the number the day before. Join "
            "10 minutes early.",
        )),
    },
    "es": {
        AppearanceMode.IN_PERSON: ("Planee su viaje desde ahora", (
            "Planee ahora: ¿a qué hora va a salir, cómo va a llegar y quién irá con usted? "
            "Llegue por lo menos 30 minutos antes: puede haber fila en el control de seguridad.",
        )),
        AppearanceMode.REMOTE: ("Prepárese para conectarse", (
            "Pruebe el enlace o el número de teléfono el día antes. Busque un lugar tranquilo y "
            "privado. Cargue su teléfono o computadora. Conéctese 10 minutos antes.",
            "Si no funciona, llámenos enseguida al {phone}.",
        )),
        AppearanceMode.HYBRID: ("Decida cómo va a participar", (
            "Pregúntenos cuál es la mejor forma para usted.",
            "Si va en persona: planee a qué hora va a salir, cómo va a llegar y quién irá con "
            "usted. Llegue por lo menos 30 minutos antes: puede haber fila en el control de "
            "seguridad.",
            "Si se conecta por video o por teléfono: pruebe el enlace o el número el día antes. "
            "Conéctese 10 minutos antes.",
        )),
    },
}

CANNOT_GO: dict[str, dict[bool, str]] = {
    "en": {
        False: "If you cannot go, call us at {phone} before your court date.",
        True: "If you cannot join, call us at {phone} before your court date.",
    },
    "es": {
        False: "Si no puede ir, llámenos al {phone} antes de su fecha en la corte.",
        True: "Si no puede conectarse, llámenos al {phone} antes de su fecha en la corte.",
    },
}

BRING_HEADING: dict[str, dict[bool, str]] = {
    "en": {False: "What to bring", True: "What to have with you"},
    "es": {False: "Qué debe llevar", True: "Qué debe tener a mano"},
}

ADVICE_HEADING = {"en": "What to do before your court date",
                  "es": "Qué hacer antes de su fecha en la corte"}

#: Items added to "What to bring": proof of a status the client holds.
PROOF: dict[str, dict[Advice, str]] = {
    "en": {
        Advice.PROOF_LPR: "your green card (permanent resident card)",
        Advice.PROOF_TPS: "your work permit and your TPS approval notice",
        Advice.PROOF_DACA: "your work permit and your DACA approval notice",
        Advice.PROOF_PAROLE: "the paper that shows your parole, such as your I-94 record",
        Advice.PROOF_ASYLUM: (
            "the receipt for your asylum application, and your work permit if you have one"
        ),
    },
    "es": {
        Advice.PROOF_LPR: "su tarjeta de residencia permanente (green card)",
        Advice.PROOF_TPS: "su permiso de trabajo y su aviso de aprobación de TPS",
        Advice.PROOF_DACA: "su permiso de trabajo y su aviso de aprobación de DACA",
        Advice.PROOF_PAROLE: "el papel que muestra su permiso de entrada (parole), como su I-94",
        Advice.PROOF_ASYLUM: (
            "el recibo de su solicitud de asilo, y su permiso de trabajo si lo tiene"
        ),
    },
}

#: Bullets of "What to do before your court date".
TO_DO: dict[str, dict[Advice, str]] = {
    "en": {
        Advice.ASK_REMOTE: (
            "Ask us if you can take part by video or phone instead of going in person. Call us "
            "soon: the court must agree first."
        ),
        Advice.ATTORNEY_FIRST: (
            "Talk to your lawyer before this hearing, not on the day. Call us soon to plan it "
            "together."
        ),
        Advice.FAMILY_PLAN: (
            "Make a family plan now. Who will pick up your children if you are late or cannot "
            "come home? Who should we call in an emergency? Give that person our number."
        ),
    },
    "es": {
        Advice.ASK_REMOTE: (
            "Pregúntenos si puede participar por video o por teléfono en vez de ir en persona. "
            "Llámenos pronto: la corte tiene que aceptarlo primero."
        ),
        Advice.ATTORNEY_FIRST: (
            "Hable con su abogado antes de esta audiencia, no el mismo día. Llámenos pronto "
            "para planearla juntos."
        ),
        Advice.FAMILY_PLAN: (
            "Haga un plan familiar ahora. ¿Quién recogerá a sus hijos si usted llega tarde o no "
            "puede volver a casa? ¿A quién debemos llamar en una emergencia? Dele nuestro número "
            "a esa persona."
        ),
    },
}

#: How a client hears of the instrument, by its kind: a court directive is not "a law".
_INSTRUMENT: dict[str, dict[str, str]] = {
    "en": {
        "statute": "{a} {state} law",
        "court rule": "{a} {state} court rule",
        "court directive": "A directive of the {state} Supreme Court",
    },
    "es": {
        "statute": "Una ley de {state}",
        "court rule": "Una regla de las cortes de {state}",
        "court directive": "Una directiva de la Corte Suprema de {state}",
    },
}
_PROTECTS = {
    "en": "{instrument} gives you some protection from civil immigration arrest at this court.",
    "es": "{instrument} le da cierta protección contra el arresto civil de inmigración en esta "
          "corte.",
}
#: Said only when the data has no plain client sentence for the instrument.
_TRAVEL = {
    "en": {True: "It also covers your trip to and from court.",
           False: "It does not cover your trip to and from court."},
    "es": {True: "También le protege en el camino de ida y vuelta a la corte.",
           False: "No le protege en el camino de ida y vuelta a la corte."},
}
_NOT_EVERY_ARREST = {
    "en": "It may not stop every arrest, so keep our number with you.",
    "es": "Puede que no impida todos los arrestos: lleve siempre nuestro número.",
}
_FOR_YOUR_LAWYER = {"en": "(For your lawyer: {citation}.)", "es": "(Para su abogado: {citation}.)"}


def instrument_phrase(law: StateLaw, language: str) -> str:
    """'A New Jersey court rule', 'An Illinois law', 'Una ley de Nueva York': by the
    instrument's kind, with the article English needs before a vowel."""
    lang = language if language in LANGUAGES else "en"
    phrases = _INSTRUMENT[lang]
    pattern = phrases.get(law.kind, phrases["statute"])
    article = with_article(law.state).split(" ", 1)[0].capitalize()
    return pattern.format(a=article, state=law.state)


def state_law_text(law: StateLaw, language: str) -> str:
    """One bullet about a state law: what it is, what it protects in plain words, and its
    citation for the client's lawyer.

    The plain sentences come from the reference data in the client's language (never the staff
    scope text); they already say whether the trip to court is covered, so that is said once.
    """
    lang = language if language in LANGUAGES else "en"
    parts = [_PROTECTS[lang].format(instrument=instrument_phrase(law, lang))]
    client_scope = law.client_scope.strip()
    if client_scope:
        parts.append(client_scope if client_scope.endswith(".") else f"{client_scope}.")
    else:
        parts.append(_TRAVEL[lang][law.covers_travel])
    parts.append(_NOT_EVERY_ARREST[lang])
    citation = law.citation.rstrip(".").replace(" ", "\u00a0")  # never "C.R.S." / "§§ 13-…"
    parts.append(_FOR_YOUR_LAWYER[lang].format(citation=citation))
    return " ".join(parts)


def words(table: dict[str, dict[str, str]], language: str) -> dict[str, str]:
    """The language's table, English where the language has none."""
    return table.get(language, table["en"])

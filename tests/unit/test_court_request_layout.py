"""How a request to the court lays out: the signature never stands alone on a page, whatever the
length of the grounds and the incident list, and an old edited template cannot print a false
sentence about the law."""

from __future__ import annotations

import dataclasses
import subprocess
from datetime import date

import pytest

from app.documents.court_request import render_court_request, sample_court_request
from app.documents.data import IncidentLine, RequestKind

GROUND = ("Civil immigration arrests at or near courthouses deter defendants, victims and "
          "witnesses from attending court, and undermine the Court's ability to hear the case.")


def pages(pdf: bytes) -> list[str]:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                            capture_output=True, check=True)
    return [" ".join(p.split()) for p in result.stdout.decode("utf-8").split("\f") if p.strip()]


def incidents(count: int) -> tuple[IncidentLine, ...]:
    return tuple(
        IncidentLine(date(2026, 4, 1 + n % 27), "520 West Colfax Avenue, Denver",
                     "Two agents in plain clothes waited by the east doors and detained a man "
                     "leaving a hearing; his family saw it from the steps.", "Staff report")
        for n in range(count)
    )


@pytest.mark.parametrize("extra", range(0, 26))
def test_the_signature_never_stands_alone(extra: int) -> None:
    base = sample_court_request(RequestKind.PROTECTIVE_MEASURES)
    data = dataclasses.replace(
        base, grounds=base.grounds + (GROUND,) * (extra // 2),
        recent_incidents=incidents(1 + extra % 2 * 4 + extra // 3),
    )
    found = pages(render_court_request(data))
    last = found[-1]
    assert "Colorado Bar No. 54321" in last
    # The page that carries the signature carries the last paragraph of the motion too.
    assert "Respectfully submitted on April 28, 2026." in last
    assert last.index("Respectfully submitted") < last.index("Daniel Okafor")


def test_an_old_template_prints_no_sentence_about_the_law() -> None:
    """A copy edited before each state's scope came from the data printed one claim for all."""
    old = (
        "# Motion\n\n{{ client_name }} asks the Court for relief.\n\n"
        "{% if state_protection %}\n## Applicable law\n{{ state_protection }} was in force. It "
        "protects people going to, attending and returning from court.\n{% endif %}\n\n"
        "{{ signature }}\n"
    )
    text = " ".join(pages(render_court_request(sample_court_request(), template_source=old)))
    assert "going to, attending and returning" not in text
    assert "Applicable law" not in text


def test_a_non_party_is_named_as_such() -> None:
    data = dataclasses.replace(sample_court_request(), client_role="the victim", non_party=True)
    text = " ".join(pages(render_court_request(data)))
    assert ("Counsel for Víctor Manuel Rodríguez-Covarrubias, the victim, who is not a party, "
            "respectfully asks") in text
    assert "Counsel for Víctor Manuel Rodríguez-Covarrubias, the victim" in text.split(
        "Daniel Okafor")[-1]

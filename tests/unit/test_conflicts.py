"""Conflict matching as intake staff type names: accents, spelling, sound, nicknames, no flood."""

from __future__ import annotations

import random

import pytest

from app.domain.conflicts import NameIndex, describe

KNOWN = [
    "Michael Brown",
    "José Rodríguez",
    "Nguyễn Văn Thắng",
    "Ana María de la Cruz",
    "Robert Smith",
    "李小龙",
    "Catherine O'Neill",
    "Stephen Phillips",
    "María Guadalupe Hernández Soto",
    "Francisco Javier Nguyễn",
]


@pytest.fixture
def index() -> NameIndex:
    found = NameIndex()
    found.add_many(enumerate(KNOWN))
    return found


def top(index: NameIndex, name: str) -> str | None:
    hits = index.search(name)
    return KNOWN[hits[0].person] if hits else None


@pytest.mark.parametrize(
    ("typed", "expected", "reason"),
    [
        ("Mike Browne", "Michael Brown", "nickname Mike = Michael"),
        ("Jose Rodriguez", "José Rodríguez", "same name ignoring accents"),
        ("Nguyen Van Thang", "Nguyễn Văn Thắng", "same name ignoring accents"),
        ("Thang Nguyen", "Nguyễn Văn Thắng", "same name ignoring accents"),
        ("Jose Rodrigues", "José Rodríguez", "spelling differs by one letter"),
        ("Bob Smyth", "Robert Smith", "nickname Bob = Robert"),
        ("Pepe Rodríguez", "José Rodríguez", "nickname Pepe = José"),
        ("Lupe Hernandez", "María Guadalupe Hernández Soto", "nickname Lupe = Guadalupe"),
        ("Paco Nguyen", "Francisco Javier Nguyễn", "nickname Paco = Francisco"),
        ("Katherine ONeil", "Catherine O'Neill", "spelling differs by one letter"),
        ("Steven Filips", "Stephen Phillips", "sounds like"),
        ("Ana Maria Cruz", "Ana María de la Cruz", "same name ignoring accents"),
        ("李小龙", "李小龙", "same name"),
    ],
)
def test_variants_find_the_known_person_and_say_why(
    index: NameIndex, typed: str, expected: str, reason: str
) -> None:
    hits = index.search(typed)
    assert hits, typed
    assert KNOWN[hits[0].person] == expected
    assert any(r.startswith(reason.split(" = ")[0]) for r in hits[0].reasons), hits[0].reasons
    if " = " in reason:
        assert reason in describe(hits[0])


def test_unrelated_names_do_not_match(index: NameIndex) -> None:
    assert index.search("Fatima Haddad") == []
    assert index.search("Michael Jordan") == []  # one shared given name is no conflict
    assert index.search("de la") == []  # particles alone match nothing


def test_common_surname_does_not_flood() -> None:
    rng = random.Random(5)
    given = [
        "Juan",
        "Luis",
        "Carmen",
        "Pedro",
        "Rosa",
        "Jorge",
        "Lucía",
        "Andrés",
        "Sofía",
        "Diego",
        "Elena",
        "Raúl",
        "Teresa",
        "Hugo",
        "Inés",
        "Pablo",
        "Beatriz",
        "Óscar",
    ]
    index = NameIndex()
    for i in range(500):
        index.add(i, f"{rng.choice(given)} García")
    index.add(1000, "María García")
    index.add(1001, "Maria Garcia Lopez")
    hits = index.search("Maria Garcia")
    assert [h.person for h in hits[:2]] == [1000, 1001]
    assert len(hits) <= 5
    assert hits[0].score == 1.0


def test_remove_and_re_add_keep_the_index_consistent(index: NameIndex) -> None:
    index.remove(0)
    assert top(index, "Michael Brown") is None
    index.add(0, "Michael Browning")
    assert 0 in index
    index.add(0, "Michael Brown")
    assert top(index, "Mike Brown") == "Michael Brown"
    assert len(index) == len(KNOWN)


def test_scores_rank_exact_above_variants() -> None:
    index = NameIndex()
    index.add_many([(1, "Michael Brown"), (2, "Mike Brown"), (3, "Michael Braun")])
    hits = index.search("Michael Brown")
    assert hits[0].person == 1 and hits[0].score == 1.0
    assert {h.person for h in hits} == {1, 2, 3}
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))


def test_a_client_filed_under_a_spanish_short_form_is_found_by_the_full_name() -> None:
    index = NameIndex()
    index.add_many(enumerate(["Chuy Ramírez", "Memo Ortega", "Jesús Ortega"]))
    hits = index.search("Jesus Ramirez")
    assert [hit.person for hit in hits] == [0]
    assert "nickname Jesus = Chuy" in describe(hits[0])
    assert [hit.person for hit in index.search("Guillermo Ortega")] == [1]

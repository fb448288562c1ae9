"""Conflict matching: does a new name belong to someone the office already knows?

Pure logic over an in-memory index. Each stored person is a list of folded name words; each word is
filed under blocking keys (the folded word, its Metaphone code, its first four letters). A query
word looks itself up under the same keys, plus the keys of its nickname family ("Mike" also looks
up "michael"). Only people who share keys with at least two query words (or every word, for
shorter names) are scored, so "Maria Garcia" never scores the office's hundreds of other Garcias.

Scores run from 0 to 1: each query word is paired with its best partner in the stored name
(exact 1.0, nickname 0.9, one letter apart 0.85, sounds alike 0.8, similar spelling up to 0.7),
and the total is weighted toward covering the typed name. Particles such as "de", "la" and "van"
count for little, so sharing only them is no match.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import jellyfish
from nicknames import NickNamer

from app.domain.names import fold, words
from app.domain.nicknames_es import SPANISH_NICKNAMES

PARTICLES = frozenset(
    {
        "de",
        "del",
        "la",
        "las",
        "los",
        "da",
        "das",
        "do",
        "dos",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "ten",
        "ter",
        "le",
        "y",
        "e",
        "bin",
        "ibn",
        "bint",
        "al",
        "el",
        "st",
        "mc",
        "mac",
    }
)
PARTICLE_WEIGHT = 0.25
MIN_SCORE = 0.6
PREFIX = 4
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

EXACT = 1.0
NICKNAME = 0.9
ONE_LETTER = 0.85
SOUNDS_LIKE = 0.8
SIMILAR_CAP = 0.7


@dataclass(frozen=True)
class WordMatch:
    typed: str  # the word as typed (original spelling)
    stored: str  # the stored word (original spelling)
    similarity: float
    reason: str


@dataclass(frozen=True)
class NameMatch:
    person: int  # the index's handle for the stored person
    score: float
    matches: tuple[WordMatch, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for match in self.matches:
            seen.setdefault(match.reason, None)
        return tuple(seen)


class NameWord(NamedTuple):
    """A tuple of strings: shared between people with the same word and ignored by the
    garbage collector once built, which keeps a 200,000-person index cheap to hold."""

    original: str
    folded: str
    phonetic: str


@cache
def _nicknamer() -> NickNamer:
    """The package's English families with the Spanish short forms added."""
    lookup = NickNamer.default_lookup()
    for name, short_forms in SPANISH_NICKNAMES.items():
        lookup.setdefault(fold(name), set()).update(fold(form) for form in short_forms)
    return NickNamer(nickname_lookup=lookup)


@cache
def name_family(folded_word: str) -> frozenset[str]:
    """A word and every name it is a nickname of, or a nickname for: mike, michael, mick, ..."""
    namer = _nicknamer()
    canonical = namer.canonicals_of(folded_word) | {folded_word}
    family = set(canonical)
    for name in canonical:
        family |= namer.nicknames_of(name)
    return frozenset(family)


@cache
def phonetic(folded_word: str) -> str:
    """Metaphone for Latin-script words; other scripts compare by spelling only."""
    if not folded_word.isascii() or not folded_word.isalpha():
        return ""
    return str(jellyfish.metaphone(folded_word))


def split_words(name: str) -> list[tuple[str, str]]:
    """(original, folded) pairs of a name, in the order written."""
    name = name.replace("'", "").replace("\u2019", "")  # O'Neill and ONeill are one word
    originals = _WORD.findall(unicodedata.normalize("NFC", name))
    folded = [_fold_word(w) for w in originals]
    if any(not f or not _WORD.fullmatch(f) for f in folded):
        return [(w, w) for w in words(name)]
    return list(zip(originals, folded, strict=True))


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    return fold(word)


def name_word(original: str, folded: str) -> NameWord:
    return NameWord(original, folded, phonetic(folded))


@lru_cache(maxsize=200_000)
def _word_keys(folded: str) -> tuple[str, ...]:
    return tuple(_keys(folded))


def _keys(folded: str) -> set[str]:
    keys = {"=" + folded}
    code = phonetic(folded)
    if len(code) >= 2:
        keys.add("~" + code)
    if len(folded) >= PREFIX + 1:
        keys.add("^" + folded[:PREFIX])
    return keys


def _query_keys(folded: str) -> set[str]:
    keys = _keys(folded)
    keys.update("=" + name for name in name_family(folded))
    return keys


def compare_words(typed: NameWord, stored: NameWord) -> tuple[float, str]:
    if typed.folded == stored.folded:
        if typed.original == stored.original:
            return EXACT, "same name"
        return EXACT, "same name ignoring accents"
    if stored.folded in name_family(typed.folded):
        return NICKNAME, f"nickname {typed.original} = {stored.original}"
    shortest = min(len(typed.folded), len(stored.folded))
    if shortest >= 4 and jellyfish.damerau_levenshtein_distance(typed.folded, stored.folded) == 1:
        return ONE_LETTER, "spelling differs by one letter"
    if typed.phonetic and typed.phonetic == stored.phonetic and len(typed.phonetic) >= 2:
        return SOUNDS_LIKE, "sounds like"
    if shortest >= 4:
        similarity = jellyfish.jaro_winkler_similarity(typed.folded, stored.folded)
        if similarity >= 0.88:
            return SIMILAR_CAP * similarity, "similar spelling"
    return 0.0, ""


def _weight(word: NameWord) -> float:
    return PARTICLE_WEIGHT if word.folded in PARTICLES or len(word.folded) == 1 else 1.0


def score(
    typed: Sequence[NameWord], stored: Sequence[NameWord]
) -> tuple[float, tuple[WordMatch, ...]]:
    """Best one-to-one pairing of typed and stored words (greedy; names are short)."""
    pairs: list[tuple[float, int, int, str]] = []
    for i, t in enumerate(typed):
        for j, s in enumerate(stored):
            similarity, reason = compare_words(t, s)
            if similarity > 0:
                pairs.append((similarity, i, j, reason))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_t: set[int] = set()
    used_s: set[int] = set()
    matches: list[tuple[int, WordMatch]] = []
    got_typed = 0.0
    got_stored = 0.0
    for similarity, i, j, reason in pairs:
        if i in used_t or j in used_s:
            continue
        used_t.add(i)
        used_s.add(j)
        got_typed += similarity * _weight(typed[i])
        got_stored += similarity * _weight(stored[j])
        matches.append((i, WordMatch(typed[i].original, stored[j].original, similarity, reason)))
    total_typed = sum(_weight(w) for w in typed) or 1.0
    total_stored = sum(_weight(w) for w in stored) or 1.0
    strong = sum(1 for i, _ in matches if _weight(typed[i]) == 1.0)
    if strong < min(2, _strong_count(typed), _strong_count(stored)):
        return 0.0, ()
    value = 0.75 * (got_typed / total_typed) + 0.25 * (got_stored / total_stored)
    return round(min(value, 1.0), 4), tuple(m for _, m in sorted(matches, key=lambda x: x[0]))


def _strong_count(name: Sequence[NameWord]) -> int:
    return max(1, sum(1 for w in name if _weight(w) == 1.0))


class NameIndex:
    """Blocking keys -> people. Built once per process, then kept up to date by add/remove."""

    def __init__(self) -> None:
        self._people: dict[int, tuple[NameWord, ...]] = {}
        self._buckets: dict[str, set[int]] = defaultdict(set)
        self._words: dict[str, NameWord] = {}

    def __len__(self) -> int:
        return len(self._people)

    def __contains__(self, handle: object) -> bool:
        return handle in self._people

    def add(self, handle: int, name: str) -> None:
        if handle in self._people:
            self.remove(handle)
        stored = tuple(self._word(o, f) for o, f in split_words(name))
        if not stored:
            return
        self._people[handle] = stored
        for word in stored:
            if _weight(word) < 1.0:
                continue
            for key in _word_keys(word.folded):
                self._buckets[key].add(handle)

    def add_many(self, people: Iterable[tuple[int, str]]) -> None:
        for handle, name in people:
            self.add(handle, name)

    def remove(self, handle: int) -> None:
        stored = self._people.pop(handle, None)
        if stored is None:
            return
        for word in stored:
            for key in _word_keys(word.folded):
                bucket = self._buckets.get(key)
                if bucket is not None:
                    bucket.discard(handle)
                    if not bucket:
                        del self._buckets[key]

    def search(
        self, name: str, *, limit: int = 25, min_score: float = MIN_SCORE
    ) -> list[NameMatch]:
        typed = [name_word(o, f) for o, f in split_words(name)]
        strong = [w for w in typed if _weight(w) == 1.0]
        if not strong:
            return []
        hits: dict[int, int] = defaultdict(int)
        for word in {w.folded for w in strong}:
            found: set[int] = set()
            for key in _query_keys(word):
                found |= self._buckets.get(key, set())
            for handle in found:
                hits[handle] += 1
        needed = min(2, len(strong))
        results: list[NameMatch] = []
        for handle, count in hits.items():
            stored = self._people[handle]
            if count < min(needed, _strong_count(stored)):
                continue
            value, matches = score(typed, stored)
            if value >= min_score:
                results.append(NameMatch(handle, value, matches))
        results.sort(key=lambda m: (-m.score, m.person))
        return results[:limit]

    def _word(self, original: str, folded: str) -> NameWord:
        found = self._words.get(original)
        if found is None or found.folded != folded:
            found = self._words[original] = name_word(original, folded)
        return found


def describe(match: NameMatch) -> str:
    """One line saying why a stored name matched, for lists and the command line."""
    parts = []
    for word in match.matches:
        if word.reason in ("same name", "same name ignoring accents"):
            parts.append(f"{word.typed} = {word.stored} ({word.reason})")
        elif word.reason.startswith("nickname"):
            parts.append(word.reason)
        else:
            parts.append(f"{word.typed} ~ {word.stored} ({word.reason})")
    return "; ".join(parts)

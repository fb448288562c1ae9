"""Name folding shared by search, conflict checks and the search-token table.

Folding strips diacritics and case ("Rodríguez" -> "rodriguez", "Nguyễn" -> "nguyen") so staff can
type names the way a keyboard without accents allows. Han, Hangul and Kana carry no spaces between
words, so every suffix of such a run is indexed too: "小龙" finds "李小龙".
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPECIAL = str.maketrans(
    {
        "đ": "d",
        "Đ": "d",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
    }
)
MAX_TOKEN = 60


def fold(text: str) -> str:
    """Lower-case text without diacritics, for comparing names typed on any keyboard."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def is_unspaced_script(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3040 <= code <= 0x30FF  # Hiragana, Katakana
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


def name_tokens(*parts: str) -> set[str]:
    """Every token a prefix search should match for a person with these name parts."""
    tokens: set[str] = set()
    for part in parts:
        found = words(part)
        tokens.update(found)
        if len(found) > 1:
            tokens.add("".join(found))
        for word in found:
            if any(is_unspaced_script(ch) for ch in word):
                tokens.update(word[i:] for i in range(1, len(word)))
    joined = "".join("".join(words(part)) for part in parts)
    if joined and all(is_unspaced_script(ch) for ch in joined):
        tokens.add(joined)  # 李 + 小龙 -> 李小龙, the way the name is written
    return {token[:MAX_TOKEN] for token in tokens if token}


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (for range scans)."""
    return prefix + "\U0010ffff"

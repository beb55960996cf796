"""Citation keys: readable (``jones2007asean``), stable across runs, unique ignoring case.

A key is built from the first author's family name (or the first significant title
word when there is no author), the year and the first significant title word, all
folded to ASCII.  Keys must differ case-insensitively because citeproc-py and other
tools lower-case item ids; a clash gets ``a``, ``b`` ... appended in input order, so
the same input always yields the same keys.
"""

from __future__ import annotations

import re
import unicodedata

from citekeeper.model import Reference

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
        strict=True,
    )
)
STOP_WORDS = frozenset(
    ["a", "an", "the", "of", "on", "in", "at", "to", "for", "and", "or", "from", "with", "by", "de", "la", "le", "les", "des", "du", "der", "die", "das", "und", "о", "об", "в", "во", "на", "и", "с", "к", "по", "для", "из", "от"]
)


def ascii_fold(text: str) -> str:
    """Latin letters without diacritics, Cyrillic transliterated, everything else dropped."""
    out = []
    for ch in text.lower():
        if ch in _CYRILLIC:
            out.append(_CYRILLIC[ch])
        else:
            out.append(unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode())
    return re.sub(r"[^a-z0-9]", "", "".join(out))


def _significant_words(title: str, limit: int) -> list[str]:
    out: list[str] = []
    for word in re.split(r"[\s\-–—/:]+", title):
        if word.lower().strip("\"'“”«»()") in STOP_WORDS:
            continue
        folded = ascii_fold(word)
        if folded and not folded.isdigit():
            out.append(folded)
            if len(out) == limit:
                break
    return out


def base_key(ref: Reference) -> str:
    """The key before de-duplication."""
    names = ref.names.get("author") or ref.names.get("editor") or []
    who = ""
    if names:
        n = names[0]
        who = ascii_fold(n.family or n.literal.split()[0] if (n.family or n.literal) else "")
    issued = ref.dates.get("issued")
    year = str(issued.year) if issued and issued.year else ""
    words = _significant_words(ref.title, limit=2)
    word = words[0] if words else ""
    if not who:
        who = word or "ref"
        word = words[1] if len(words) > 1 else ""
    return f"{who[:24]}{year}{word[:16]}"


class KeyRegistry:
    """Hands out keys unique case-insensitively across everything it has seen."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._next_suffix: dict[str, int] = {}  # base -> first suffix not yet tried

    def reserve(self, key: str) -> None:
        self._seen.add(key.lower())

    def assign(self, ref: Reference) -> str:
        base = base_key(ref)
        key = base
        n = self._next_suffix.get(base.lower(), 0)
        while key.lower() in self._seen:
            key = base + _suffix(n)
            n += 1
        if key != base:
            self._next_suffix[base.lower()] = n
        self._seen.add(key.lower())
        ref.id = key
        return key


def _suffix(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = letters[r] + out
    return out

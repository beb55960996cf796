"""CSL ``text-case`` as citeproc-js does it (gap: "title case" in citeproc-py).

citeproc-py's title case splits on spaces only, so "sea-level" stays lower case, "v." becomes
"V." and a stop word at the end stays lower case; citeproc-js splits words at hyphens,
slashes and quotes too, capitalises only words that are all lower case, keeps its long list of
stop words lower case except first, last and after ``: ? !``.  Text between the nocase marks
(``<span class="nocase">`` in item data) is never changed.
"""

from __future__ import annotations

import re

from ..marks import (
    CLOSE_CURLY,
    CLOSE_QUOTE,
    CLOSE_SINGLE,
    NOCASE_END,
    NOCASE_START,
    OPEN_CURLY,
    OPEN_QUOTE,
    OPEN_SINGLE,
)

# citeproc-js CSL.SKIP_WORDS (single words; multi-word entries cannot match one word).
SKIP_WORDS = frozenset(
    ["about", "above", "across", "afore", "after", "against", "al", "along", "alongside", "amid", "amidst", "among", "amongst", "anenst", "apropos", "apud", "around", "as", "aside", "astride", "at", "athwart", "atop", "barring", "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond", "but", "by", "circa", "despite", "down", "during", "et", "except", "for", "forenenst", "from", "given", "in", "inside", "into", "lest", "like", "modulo", "near", "next", "notwithstanding", "of", "off", "on", "onto", "out", "over", "per", "plus", "pro", "qua", "sans", "since", "than", "through", "thru", "throughout", "thruout", "till", "to", "toward", "towards", "under", "underneath", "until", "unto", "up", "upon", "versus", "vs.", "v.", "vs", "v", "via", "vis-à-vis", "with", "within", "without", "or", "yet", "so", "and", "nor", "a", "an", "the", "de", "d'", "von", "van", "c", "ca"]
)

_NOCASE = re.compile(f"{NOCASE_START}.*?{NOCASE_END}", re.S)
# Separators that end a word for case purposes (citeproc-js's tag splitter).
_SEP = re.compile(r"([\s\-\u2013\u2014/.,;?!:\[\]()\"'\u2018\u2019\u201c\u201d" + OPEN_QUOTE + CLOSE_QUOTE + OPEN_CURLY + CLOSE_CURLY + OPEN_SINGLE + CLOSE_SINGLE + r"]+)")


def _protect(text: str) -> tuple[str, list[str]]:
    saved: list[str] = []

    def keep(m: re.Match[str]) -> str:
        saved.append(m.group())
        return f"\ue010{len(saved) - 1}\ue011"

    return _NOCASE.sub(keep, text), saved


def _restore(text: str, saved: list[str]) -> str:
    if not saved:
        return text
    return re.sub("\ue010(\\d+)\ue011", lambda m: saved[int(m.group(1))], text)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def title(text: str) -> str:
    """Title case: capitalise all-lower-case words except stop words (first/last/after ':')."""
    text, saved = _protect(text)
    parts = _SEP.split(text)
    words = [i for i in range(0, len(parts), 2) if parts[i]]
    first = True
    after_punct = False
    last_word = words[-1] if words else None
    first_chunk_end = None
    for i in range(1, len(parts), 2):
        if parts[i].strip():
            first_chunk_end = i - 1
            break
    for idx in range(len(parts)):
        part = parts[idx]
        if idx % 2 == 1:  # separator
            if re.search(r"[!?:]\s*$", part):
                after_punct = True
            continue
        if not part:
            continue
        if part.startswith("\ue010"):
            first = after_punct = False
            continue
        low = part.lower()
        cap = (len(part) > 1 and low not in SKIP_WORDS) or first or after_punct
        if idx and parts[idx - 1].endswith(OPEN_SINGLE):
            # citeproc-js restores the first word of a '...' quotation to its original case
            cap = False
        if idx == last_word and low in SKIP_WORDS and len(part) > 1:
            cap = True
        # citeproc-js capitalises a word right before "-" only in the text before the
        # first punctuation mark (its other calls pass the wrong argument)
        if not cap and idx == first_chunk_end and idx + 1 < len(parts) and parts[idx + 1].startswith("-"):
            cap = True
        if cap and part == low:
            parts[idx] = _cap(part)
        first = after_punct = False
    return _restore("".join(parts), saved)


def capitalize_first(text: str) -> str:
    """Upper-case the first character of the first word if that word is all lower case."""
    text, saved = _protect(text)
    m = re.search(r"\S+", text)
    if m and not m.group().startswith("\ue010"):
        word = m.group()
        if word == word.lower():
            text = text[: m.start()] + word[0].upper() + text[m.start() + 1:]
    return _restore(text, saved)


def capitalize_all(text: str) -> str:
    text, saved = _protect(text)
    out = " ".join(_cap(w) if w == w.lower() else w for w in text.split(" "))
    return _restore(out, saved)


def sentence(text: str) -> str:
    text, saved = _protect(text)
    words = text.split(" ")
    done = False
    for i, w in enumerate(words):
        if not w or w.startswith("\ue010"):
            continue
        if not done:
            words[i] = _cap(w)
            done = True
        else:
            words[i] = w.lower()
    return _restore(" ".join(words), saved)


def lower(text: str) -> str:
    text, saved = _protect(text)
    return _restore(text.lower(), saved)


def upper(text: str) -> str:
    text, saved = _protect(text)
    return _restore(text.upper(), saved)


_ENTITIES = {"&#60;": "\ue020", "&#62;": "\ue021", "&#38;": "\ue022"}
_ENTITY_RE = re.compile("|".join(_ENTITIES))
_BACK = {v: k for k, v in _ENTITIES.items()}
_BACK_RE = re.compile("|".join(_BACK))


def apply(case: str | None, text: str) -> str:
    """Apply a CSL text-case to (possibly HTML-escaped) text.

    Escaped ``<``/``>``/``&`` are cased as the characters they stand for, as citeproc-js
    cases text before escaping it.
    """
    if not case or not text:
        return text
    escaped = "&#" in text
    if escaped:
        text = _ENTITY_RE.sub(lambda m: _ENTITIES[m.group()], text)
    out = _apply(case, text)
    if escaped:
        out = _BACK_RE.sub(lambda m: _BACK[m.group()], out)
    return out


def _apply(case: str, text: str) -> str:
    fn = {
        "title": title,
        "capitalize-first": capitalize_first,
        "capitalize-all": capitalize_all,
        "sentence": sentence,
        "lowercase": lower,
        "uppercase": upper,
    }.get(case)
    return fn(text) if fn else text

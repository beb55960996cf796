"""BibTeX name lists, split by BibTeX's own rules (``bibtex.web``, "Names" in btxdoc).

* names are separated by ``and`` at brace depth 0; a last ``and others`` is BibTeX's
  truncation marker ("et al."), not an author: ``split`` says so with its second value;
  so is a last name that only says et al. in another spelling (``and et al.``, Zotero's
  ``and {al}, Et``), and ``join`` writes it back as ``and others``;
* one name is "First von Last", "von Last, First" or "von Last, Jr, First": the von part
  is the words whose first letter at brace depth 0 is lower case (``{\\"u}ber`` counts as
  ``ü``); a brace group without a leading command is caseless, so ``M. {van Kreveld}`` is
  a family name ``van Kreveld`` and ``{World Health Organization}`` one literal name;
* biblatex's extended format (``family=Berg, given=Jan, prefix=van``), as Better BibTeX
  writes it, is read too.

LaTeX inside each part is decoded after splitting, so a ``\\&`` or an accent never moves
a boundary.
"""

from __future__ import annotations

import re
from functools import lru_cache

from citekeeper.formats.latex import NEEDS_DECODING, decode, encode
from citekeeper.model import Name

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*")
_SPACE = re.compile(r"[\s~]+")
_SPECIAL = re.compile(r"\{\\([A-Za-z]+|.)\s*\{?\s*([A-Za-z])?")
_CONTROL = re.compile(r"\\([A-Za-z]+|.)\s*\{?([A-Za-z])?")
_PLAIN = re.compile(r"[{}\\~$]")
# A last "name" that only says et al.: BibTeX's ``others`` and what exporters write for it
# ("et al.", "Et Al", Zotero's ``{al}, Et`` from an author "Et al" split as First Last).
# Matched on the part with braces, dots, commas, tildes and case gone, so any spelling
# counts; only the last part, since an author really named "Al" keeps the initial.
_ET_AL = re.compile(r"\s*(?:others|et\s*al(?:ii|ia)?|al\s+et)\s*", re.IGNORECASE)
_ET_AL_NOISE = re.compile(r"[{}.,~\\]")
_EXTENDED = re.compile(r"^\s*(?:family|given|prefix|suffix|useprefix)\s*=", re.IGNORECASE)


def split_top(value: str, sep: re.Pattern[str]) -> list[str]:
    """Split ``value`` on ``sep`` where it occurs outside braces (``\\{`` is no brace).

    One regex scan for the separators and a brace count between them: names are split
    for every entry of every file, so this is on the hot path of reading a .bib.
    """
    if "{" not in value:
        return sep.split(value)
    parts: list[str] = []
    depth = start = pos = 0
    for m in sep.finditer(value):
        seg = value[pos : m.start()]
        depth += seg.count("{") - seg.count("}") - seg.count("\\{") + seg.count("\\}")
        pos = m.start()
        if depth == 0 and m.end() > m.start():
            parts.append(value[start : m.start()])
            start = m.end()
    parts.append(value[start:])
    return parts


def _words(text: str) -> list[str]:
    """Words at brace depth 0 (whitespace and ``~`` separate them)."""
    return [w for w in split_top(text.strip(), _SPACE) if w]


def _first_letter_case(word: str) -> str:
    """``"lower"``, ``"upper"`` or ``""`` (caseless) for a word, the way BibTeX decides it."""
    depth = 0
    i = 0
    while i < len(word):
        c = word[i]
        if c == "{":
            if depth == 0 and word[i + 1 : i + 2] == "\\":
                # a special character: its letter decides ({\"u}ber, {\'E}tienne, {\o})
                m = _SPECIAL.match(word, i)
                if m:
                    letter = m.group(2) or (m.group(1) if m.group(1).isalpha() else "")
                    if letter:
                        return "lower" if letter[0].islower() else "upper"
                return ""
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "\\" and depth == 0:
            m = _CONTROL.match(word, i)
            if m and m.group(2):
                return "lower" if m.group(2).islower() else "upper"
            i += len(m.group(0)) if m else 1
            continue
        elif depth == 0 and c.isalpha():
            return "lower" if c.islower() else "upper"
        i += 1
    return ""


def _dec(words: list[str]) -> str:
    return decode(" ".join(words))


@lru_cache(maxsize=32768)
def parse_name(text: str) -> Name:
    """One BibTeX name as a ``Name`` (see module docstring).

    Cached (a ``Name`` is frozen): authors repeat across a bibliography, 26,376 distinct
    names of 49,552 in the 12,000-entry file of benchmarks/convert/.
    """
    text = text.strip()
    if not text:
        return Name()
    if text.startswith("{") and text.endswith("}") and _one_group(text):
        return Name(literal=decode(text[1:-1]))
    if _EXTENDED.match(text):
        return _extended(text)
    if not _PLAIN.search(text):
        return _plain_name(text)
    parts = [p.strip() for p in split_top(text, _COMMA)]
    if len(parts) == 1:
        words = _words(parts[0])
        if len(words) == 1:
            return Name(family=_dec(words))
        # First von Last: von starts at the first lower-case word (not the last word)
        cases = [_first_letter_case(w) for w in words]
        von_start = next((i for i, c in enumerate(cases[:-1]) if c == "lower"), None)
        if von_start is None:
            return Name(family=_dec(words[-1:]), given=_dec(words[:-1]))
        von_end = max(i for i, c in enumerate(cases[:-1]) if c == "lower") + 1
        return Name(family=_dec(words[von_end:]), given=_dec(words[:von_start]),
                    particle=_dec(words[von_start:von_end]))
    first = parts[-1] if len(parts) >= 2 else ""
    jr = ", ".join(parts[1:-1]) if len(parts) >= 3 else ""
    words = _words(parts[0])
    cases = [_first_letter_case(w) for w in words]
    von_end = 0
    for i, c in enumerate(cases[:-1]):
        if c == "lower":
            von_end = i + 1
    return Name(family=_dec(words[von_end:]), given=decode(first), particle=_dec(words[:von_end]),
                suffix=decode(jr))


def _plain_name(text: str) -> Name:
    """The same rules for a name without braces or TeX (most names): plain string work.

    A name with nothing else ``decode`` would change (no dashes or TeX quotes) has its
    parts' whitespace collapsed and nothing more, without a regex search per part.
    """
    decode = _decode if NEEDS_DECODING.search(text) else _collapse
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 1:
        words = text.split()
        if len(words) == 1:
            return Name(family=decode(words[0]))
        lower = [i for i, w in enumerate(words[:-1]) if w[:1].islower()]
        if not lower:
            return Name(family=decode(words[-1]), given=decode(" ".join(words[:-1])))
        a, b = lower[0], lower[-1] + 1
        return Name(family=decode(" ".join(words[b:])), given=decode(" ".join(words[:a])),
                    particle=decode(" ".join(words[a:b])))
    words = parts[0].split()
    von_end = 0
    for i, w in enumerate(words[:-1]):
        if w[:1].islower():
            von_end = i + 1
    return Name(family=decode(" ".join(words[von_end:])), given=decode(parts[-1]),
                particle=decode(" ".join(words[:von_end])),
                suffix=decode(", ".join(parts[1:-1])) if len(parts) >= 3 else "")


_decode = decode


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _one_group(text: str) -> bool:
    depth = 0
    for i, c in enumerate(text):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return False
    return True


def _extended(text: str) -> Name:
    fields: dict[str, str] = {}
    for item in split_top(text, re.compile(r"\s*,\s*")):
        key, _, val = item.partition("=")
        val = val.strip()
        if val.startswith("{") and val.endswith("}"):
            val = val[1:-1]
        fields[key.strip().lower()] = decode(val)
    family, prefix = fields.get("family", ""), fields.get("prefix", "")
    if prefix and family.startswith(prefix + " "):
        family = family[len(prefix) + 1 :]
    return Name(family=family, given=fields.get("given", ""), particle=prefix, suffix=fields.get("suffix", ""))


def split(value: str) -> tuple[list[Name], bool]:
    """``(names, truncated)``: a list ending in ``and others`` is truncated, "others" no author."""
    names, truncated = _split(value)
    return list(names), truncated


@lru_cache(maxsize=16384)
def _split(value: str) -> tuple[tuple[Name, ...], bool]:
    names: list[Name] = []
    truncated = False
    parts = split_top(value.strip(), _AND)
    last = len(parts) - 1
    for n, part in enumerate(parts):
        part = part.strip()
        if not part:
            continue
        if part.lower() == "others" or (n == last and n > 0 and is_et_al(part)):
            truncated = True
            continue
        name = parse_name(part)
        if name.family or name.given or name.literal:  # "\Thanh" with no definition: nothing
            names.append(name)
    return tuple(names), truncated


def is_et_al(part: str) -> bool:
    """``part`` (one name as written) only says "et al." in some spelling (see ``_ET_AL``)."""
    return len(part) < 16 and _ET_AL.fullmatch(_ET_AL_NOISE.sub(" ", part)) is not None


def format_name(n: Name) -> str:
    """One ``Name`` as BibTeX ("von Last, Jr, First"; a literal in braces), read back the same."""
    if n.literal:
        return "{" + encode(n.literal) + "}"
    family = encode(n.family)
    lower_word = " " in family and any(_first_letter_case(w) == "lower" for w in _words(family)[:-1])
    if family and (_first_letter_case(family) == "lower" or lower_word or "," in n.family
                   or _AND.search(f" {n.family} ")):
        family = "{" + family + "}"
    particle = n.particle or n.dropping_particle
    last = f"{encode(particle)} {family}" if particle else family
    if not n.given and not n.suffix:
        return last if (particle or " " not in n.family) else "{" + encode(n.family) + "}"
    given = encode(n.given)
    if "," in n.given or _AND.search(f" {n.given} "):
        given = "{" + given + "}"
    parts = [last]
    if n.suffix:
        parts.append(encode(n.suffix))
    parts.append(given)
    return ", ".join(parts)


def join(names: list[Name], truncated: bool = False) -> str:
    """A BibTeX name list (``and others`` at the end of a truncated one)."""
    out = [format_name(n) for n in names]
    if truncated:
        out.append("others")
    return " and ".join(out)

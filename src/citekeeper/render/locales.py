"""Locales: finding the files, naming them, the fallback chain, and an entry's own language.

CSL 1.0.2 "Locale Fallback": terms come from the style's own ``<locale>`` elements for the
locale, then its language, then the unlabelled one, then the locale files (the locale, its
primary dialect, en-US).  citeproc-py reads its own older locale files; ours (the current
en-US and ru-RU, the ones citeproc-js is given in the benchmarks) come first.

Per-entry language (``--locale-per-entry``): an entry whose ``language`` differs from the
bibliography's locale is rendered with a chain built for its own language.  Styles written for
one language sometimes copy their overrides into another language's ``<locale>`` so that the
style's terms win whatever locale the user picks: the GOST author-date style's
``<locale xml:lang="en">`` repeats ``под ред.``, ``и др.``, ``дата обращения`` word for word
from its ``ru`` one.  Such a *mirror* (same terms as the style's own-language locale) only
forces the style's language, the opposite of what an entry in its own language asks for, so
a per-entry chain leaves it out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from citeproc import LANGUAGE_NAMES, LOCALES_PATH, PRIMARY_DIALECTS

from .registry import StyleError

CSL_NS = "http://purl.org/net/xbiblio/csl"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_T = f"{{{CSL_NS}}}"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"

# ISO 639-2 codes seen in RIS ``LA`` and MARC-derived records, for the languages with a
# CSL locale; two-letter codes and English names ("Russian", "English (UK)") need no table.
_ISO639_2 = {
    "eng": "en", "rus": "ru", "ger": "de", "deu": "de", "fre": "fr", "fra": "fr", "spa": "es",
    "ita": "it", "por": "pt", "pol": "pl", "ukr": "uk", "bel": "be", "cze": "cs", "ces": "cs",
    "chi": "zh", "zho": "zh", "jpn": "ja", "kor": "ko", "dut": "nl", "nld": "nl", "swe": "sv",
    "tur": "tr", "ara": "ar", "heb": "he", "fin": "fi", "dan": "da", "nor": "nb", "hun": "hu",
    "gre": "el", "ell": "el", "rum": "ro", "ron": "ro", "bul": "bg", "srp": "sr", "hrv": "hr",
    "slv": "sl", "slo": "sk", "slk": "sk", "lit": "lt", "lav": "lv", "est": "et", "cat": "ca",
    "vie": "vi", "tha": "th", "ind": "id", "per": "fa", "fas": "fa", "lat": "la", "kaz": "kk",
}


class UnknownLocaleError(StyleError):
    """A ``--locale`` that names no locale we have."""


def locale_path(name: str) -> Path | None:
    """The file of a locale: ours (newest en-US, ru-RU) first, then citeproc-py's."""
    for d in (LOCALES_DIR, Path(LOCALES_PATH)):
        p = d / f"locales-{name}.xml"
        if p.is_file():
            return p
    return None


def _tag(text: str) -> str:
    parts = text.strip().replace("_", "-").split("-")
    return f"{parts[0].lower()}-{parts[1].upper()}" if len(parts) >= 2 else parts[0].lower()


def normalize_locale(name: str) -> str:
    """``ru`` -> ``ru-RU``, ``en_gb`` -> ``en-GB``; unknown locales raise UnknownLocaleError."""
    text = _tag(name)
    if locale_path(text) is not None:
        return text
    if text in PRIMARY_DIALECTS and locale_path(PRIMARY_DIALECTS[text]):
        return PRIMARY_DIALECTS[text]
    known = sorted(set(LANGUAGE_NAMES))
    raise UnknownLocaleError(f"unknown locale {name!r}; known: {', '.join(known[:12])} ...")


@lru_cache(maxsize=1)
def _names_to_language() -> dict[str, str]:
    out: dict[str, str] = {}
    for tag, names in LANGUAGE_NAMES.items():
        lang = tag.split("-")[0]
        for n in names:
            base = re.sub(r"\s*\(.*\)\s*$", "", n).strip().lower()
            out.setdefault(base, lang)
            out.setdefault(n.strip().lower(), lang)
    return out


@lru_cache(maxsize=512)
def entry_locale(language: str) -> str | None:
    """The locale of an entry's ``language`` field, or None when it names no known locale.

    Accepts BCP 47 tags (``en``, ``en-GB``, ``ru_RU``), ISO 639-2 codes (``eng``) and language
    names in English or in the language itself (``Russian``, ``русский``, ``English (UK)``).
    """
    text = language.strip()
    if not text:
        return None
    low = text.lower()
    if re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", low):
        lang = _ISO639_2.get(low, low) if len(low) == 3 else low
        try:
            return normalize_locale(lang)
        except UnknownLocaleError:
            base = lang.split("-")[0].split("_")[0]
            try:
                return normalize_locale(_ISO639_2.get(base, base))
            except UnknownLocaleError:
                return None
    named = _names_to_language().get(low) or _names_to_language().get(
        re.sub(r"\s*\(.*\)\s*$", "", low))
    if named is None:
        return None
    try:
        return normalize_locale(named)
    except UnknownLocaleError:
        return None


_CYRILLIC = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg"})


def script_language(text: str, base: str) -> str | None:
    """The language an entry without ``language`` is taken to be in, from its title's script.

    Only a script other than the bibliography's counts, the one case a reader can tell
    without a language field: a title all in Latin letters in a Russian (Cyrillic-script)
    bibliography is taken as English (GOST R 7.0.5 gives foreign sources English terms:
    "Vol.", "P."), one all in Cyrillic in a Latin-script bibliography as Russian.  A Latin
    title in a German bibliography says nothing (it may be German), so it stays as it is.
    """
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return None
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in letters if c < "\u0250")
    if base in _CYRILLIC and latin == len(letters):
        return "en"
    if base not in _CYRILLIC and cyrillic == len(letters):
        return "ru"
    return None


def _term_signature(loc: Any) -> frozenset:
    terms = loc.find(_T + "terms")
    if terms is None:
        return frozenset()
    return frozenset((t.get("name"), t.get("form", "long"), "".join(t.itertext()).strip())
                     for t in terms.iterchildren(_T + "term"))


def _lang_of(loc: Any) -> str | None:
    return loc.get(f"{{{XML_NS}}}lang")


def locale_chain(root: Any, locale: str, load_locale: Callable[[str], Any | None],
                 *, skip_mirrors: bool = False) -> list[Any]:
    """The locale elements to look terms up in, first match wins (CSL "Locale Fallback").

    With ``skip_mirrors`` (an entry in another language than the style's own), a style
    ``<locale>`` of that language whose terms equal those of the style's own-language locale
    is left out (see the module docstring).
    """
    own = (root.get("default-locale") or "en-US").split("-")[0].lower()
    inline = [loc for loc in root.iterchildren(_T + "locale")]
    own_sigs = {_term_signature(loc) for loc in inline
                if (_lang_of(loc) or "").split("-")[0].lower() == own}
    own_sigs.discard(frozenset())

    def mirror(loc: Any) -> bool:
        lang = (_lang_of(loc) or "").split("-")[0].lower()
        return bool(skip_mirrors and lang and lang != own and _term_signature(loc) in own_sigs)

    out: list[Any] = []
    language = locale.split("-")[0]
    for want in (locale, language if language != locale else None):
        if want is None:
            continue
        out += [loc for loc in inline if _lang_of(loc) == want and not mirror(loc)]
    out += [loc for loc in inline if _lang_of(loc) is None]
    added: set[str] = set()

    def from_file(lang: str) -> None:
        if lang in added:
            return
        loc = load_locale(lang)
        if loc is not None:
            out.append(loc)
            added.add(lang)

    if locale in LANGUAGE_NAMES or load_locale(locale) is not None:
        from_file(locale)
    if language in PRIMARY_DIALECTS:
        from_file(PRIMARY_DIALECTS[language])
    from_file("en-US")
    return out

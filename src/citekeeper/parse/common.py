"""Pieces every citation style shares: identifiers, URLs, dates, languages, names.

Each ``take_*`` function finds one element in a citation string and returns the value
and the string with that element cut out, so the style parsers can peel a citation
from its unambiguous parts (DOI, URL, access date) inward to the ambiguous ones
(title, container).
"""

from __future__ import annotations

import re

from citekeeper.model import Date, Name

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan", "январь", "января", "янв"),
            ("february", "feb", "февраль", "февраля", "фев"),
            ("march", "mar", "март", "марта", "мар"),
            ("april", "apr", "апрель", "апреля", "апр"),
            ("may", "май", "мая"),
            ("june", "jun", "июнь", "июня", "июн"),
            ("july", "jul", "июль", "июля", "июл"),
            ("august", "aug", "август", "августа", "авг"),
            ("september", "sep", "sept", "сентябрь", "сентября", "сен"),
            ("october", "oct", "октябрь", "октября", "окт"),
            ("november", "nov", "ноябрь", "ноября", "ноя"),
            ("december", "dec", "декабрь", "декабря", "дек"),
        ],
        1,
    )
    for m in names
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

# "(In Russian)", "(in Eng.)", "(На русском яз.)" -> ISO 639-1.
LANGUAGES = {
    "russian": "ru", "rus": "ru", "russ": "ru", "english": "en", "engl": "en", "eng": "en", "chinese": "zh", "french": "fr",
    "german": "de", "spanish": "es", "japanese": "ja", "korean": "ko", "vietnamese": "vi",
    "khmer": "km", "thai": "th", "ukrainian": "uk", "belarusian": "be", "kazakh": "kk",
    "arabic": "ar", "italian": "it", "portuguese": "pt", "polish": "pl", "turkish": "tr",
    "indonesian": "id", "malay": "ms", "persian": "fa", "hindi": "hi", "czech": "cs",
    "русском": "ru", "английском": "en", "китайском": "zh",
}
BIBLATEX_LANGIDS = {
    "ru": "russian", "en": "english", "zh": "chinese", "fr": "french", "de": "german",
    "es": "spanish", "ja": "japanese", "ko": "korean", "vi": "vietnamese", "uk": "ukrainian",
    "it": "italian", "pt": "portuguese", "pl": "polish", "tr": "turkish", "cs": "czech",
    "be": "belarusian", "kk": "kazakh", "ar": "arabic", "th": "thai", "km": "khmer",
    "id": "indonesian", "ms": "malay", "fa": "farsi", "hi": "hindi", "nl": "dutch", "bg": "bulgarian",
    "el": "greek", "sr": "serbian",
}

# A signal that introduces a citation and is not part of it ("Vgl.", "See also", "Cf.", "См.:",
# "Voir"), one or more in a row.  The one list: the style parsers strip it before reading an
# entry and ``extract`` before splitting and scoring footnotes.
SIGNALS = re.compile(
    r"^(?:(?:see\s+also|see,?\s+e\.\s?g\.,?|see,?\s+for\s+example,?|see|cf\.|compare|but\s+see|accord|contra|e\.\s?g\.,?|"
    r"for\s+example,?\s+see|quoted\s+in|cited\s+in|cit\.\s+by|cited\s+by|quoted\s+by|"
    r"vgl\.(?:\s+(?:auch|dazu|etwa|hierzu|ferner|nur|insbes\.|z\.\s?B\.))?|siehe(?:\s+auch|\s+dazu)?|"
    r"s\.\s+(?:auch|dazu|hierzu)|zit\.\s+(?:n\.|nach)|zitiert\s+nach|dazu|ferner|"
    r"voir(?:\s+aussi|\s+également)?|cité\s+par|cité\s+dans|"
    r"véase(?:\s+también)?|cfr\.|vid\.|ver|"
    r"см\.\s+также|см\.|ср\.|цит\.\s+по)\s*:?\s+)+",
    re.IGNORECASE,
)

_DOI_BODY = r"10\.\d{4,9}/[^\s\"]+"
_DOI_URL = re.compile(
    rf"<?(?:https?://)?(?:www\.|dx\.)?doi\.org/({_DOI_BODY})>?", re.IGNORECASE
)
# "doi:10…" also glued to an article number ("e2231doi:10.1371/…", PLOS)
_DOI_LABEL = re.compile(rf"(?:\b|(?<=\d))(?:doi|DOI)\s*:?\s*({_DOI_BODY})")
_URL = re.compile(r"<?((?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+)>?", re.IGNORECASE)
_URL_LABEL = re.compile(
    r"(?:\bURL\s*:|\bRetrieved\s+(?:\w+\s+\d{1,2},\s+\d{4},\s+)?from|\bAvailable\s+(?:at|from|online)\s*:?|"
    r"\bРежим доступа\s*:)\s*",
    re.IGNORECASE,
)
_ACCESSED = re.compile(
    r"[\[(]\s*(?:accessed|last\s+accessed|retrieved|viewed|date\s+of\s+access|дата\s+обращения|"
    # a date is short and has no "//" or brace: "(accessed: … // { 24(3)" is no access date
    r"дата\s+доступа)\s*:?\s*((?:(?!//)[^)\]{}]){1,40}?)\s*[)\]]\.?",
    re.IGNORECASE,
)
# German and French access dates, printed without brackets at the end: "Abruf am: 17.03.2005",
# "Zugriff am 3. Mai 2021", "abgerufen am 01.02.2020", "consulté le 5 mai 2020"
_ACCESSED_BARE = re.compile(
    r"[.,;]?\s*\b(?:Abruf\s+am|Zugriff\s+am|[Aa]bgerufen\s+am|[Cc]onsulté\s+le)\s*:?\s*"
    r"(\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2}\.?\s+[A-ZÄÖÜa-zäöüéû]+\.?\s+\d{4})\s*\.?\s*$"
)
_LANGUAGE = re.compile(
    r"[(\[]\s*(?:In|in)\s+([A-Z][a-z]+)\.?\s*[)\]]\.?|[(\[]\s*[Нн]а\s+(\w+)\s+яз(?:ыке)?\.?\s*[)\]]\.?"
)
_EDN = re.compile(r"\bEDN\s*:?\s*([A-Z]{6})\b")
_ISBN = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*([\dXx][\d\- Xx]{8,16}[\dXx])")
_ISSN = re.compile(r"\bISSN\s*:?\s*(\d{4}-\d{3}[\dXx])")


def clean_doi(doi: str) -> str:
    """The bare DOI: no resolver prefix, no trailing punctuation, no angle brackets."""
    doi = doi.strip().lstrip("<")
    m = _DOI_URL.search(doi)
    if m:
        doi = m.group(1)
    doi = re.sub(r"^(?:doi\s*:\s*)", "", doi, flags=re.IGNORECASE)
    # Closing brackets and punctuation belong to the DOI only when they opened inside it
    # (SICI DOIs such as 10.1002/(SICI)...<693::AID-ASI4>3.0.CO;2-0 carry both).
    while doi:
        doi = doi.rstrip(".,;:")
        if (doi.endswith(")") and doi.count("(") < doi.count(")")) or (doi.endswith(">") and doi.count("<") < doi.count(">")):
            doi = doi[:-1]
        else:
            break
    return doi


def clean_url(url: str) -> str:
    """A URL without wrapping angle brackets or the sentence's trailing punctuation."""
    url = url.strip().strip("<>")
    url = url.rstrip(".,;")
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


def _cut(text: str, m: re.Match[str]) -> str:
    """``text`` with the match removed and the gap tidied."""
    out = text[: m.start()] + " " + text[m.end() :]
    out = re.sub(r"\s+([.,;:])", r"\1", out)
    out = re.sub(r"([.,;])\s*\1+", r"\1", out)
    return re.sub(r"\s{2,}", " ", out).strip()


def take_doi(text: str) -> tuple[str, str]:
    """Find a DOI in any printed form; return ``(bare DOI, rest)``."""
    for rx in (_DOI_URL, _DOI_LABEL):
        m = rx.search(text)
        if m:
            return clean_doi(m.group(1)), _cut(text, m)
    return "", text


def take_accessed(text: str) -> tuple[Date | None, str]:
    """``(accessed: 05.02.2024)`` and its variants; the date kept as printed."""
    m = _ACCESSED.search(text) or _ACCESSED_BARE.search(text)
    if not m:
        return None, text
    return parse_date(m.group(1)) or Date(literal=m.group(1).strip()), _cut(text, m)


def take_url(text: str) -> tuple[str, str]:
    """The first URL (after ``URL:`` / ``Retrieved from`` when present); ``(url, rest)``."""
    label = _URL_LABEL.search(text)
    start = label.end() if label else 0
    m = _URL.search(text, start) or _URL.search(text)
    if not m:
        return "", text
    url = clean_url(m.group(1))
    rest = text[: m.start()] + " " + text[m.end() :]
    if label and label.end() <= m.start():
        rest = text[: label.start()] + " " + text[m.end() :]
    rest = re.sub(r"\s+([.,;:])", r"\1", rest)
    return url, re.sub(r"\s{2,}", " ", rest).strip()


def take_language(text: str) -> tuple[str, str]:
    """``(In Russian)`` -> ``ru``."""
    m = _LANGUAGE.search(text)
    if not m:
        return "", text
    word = (m.group(1) or m.group(2) or "").lower()
    code = LANGUAGES.get(word, "")
    if not code:
        return "", text
    return code, _cut(text, m)


def take_identifier(rx: re.Pattern[str], text: str) -> tuple[str, str]:
    m = rx.search(text)
    if not m:
        return "", text
    return m.group(1).strip(), _cut(text, m)


def take_edn(text: str) -> tuple[str, str]:
    return take_identifier(_EDN, text)


def take_isbn(text: str) -> tuple[str, str]:
    return take_identifier(_ISBN, text)


def take_issn(text: str) -> tuple[str, str]:
    return take_identifier(_ISSN, text)


# -- dates -------------------------------------------------------------------
_D_MDY = re.compile(rf"^({_MONTH_NAMES})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})$", re.IGNORECASE)
_D_DMY = re.compile(rf"^(\d{{1,2}})\s+({_MONTH_NAMES})\.?,?\s+(\d{{4}})(?:\s*г\.?)?$", re.IGNORECASE)
_D_MY = re.compile(rf"^({_MONTH_NAMES})\.?\s+(\d{{4}})$", re.IGNORECASE)
_D_NUM = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_D_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_D_Y = re.compile(r"^(\d{4})[a-z]?$")

DATE_IN_TEXT = re.compile(
    rf"(?:(?:{_MONTH_NAMES})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTH_NAMES})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTH_NAMES})\.?\s+\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})",
    re.IGNORECASE,
)


def parse_date(text: str) -> Date | None:
    """A printed date (``November 14, 2018``, ``14.11.2018``, ``2018``, ``14 ноября 2018 г.``).

    Day-month order in ``05.02.2024`` is the European one (day first), the convention
    of GOST and of every style that writes dates with dots.  Values are kept as
    printed; an impossible month or day gives a literal date rather than a guess.
    """
    t = text.strip().rstrip(".").strip()
    m = _D_MDY.match(t)
    if m:
        return _mk(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)), t)
    m = _D_DMY.match(t)
    if m:
        return _mk(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)), t)
    m = _D_MY.match(t)
    if m:
        return Date(int(m.group(2)), MONTHS[m.group(1).lower()])
    m = _D_NUM.match(t)
    if m:
        return _mk(int(m.group(3)), int(m.group(2)), int(m.group(1)), t)
    m = _D_ISO.match(t)
    if m:
        return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None, t)
    m = _D_Y.match(t)
    if m:
        return Date(int(m.group(1)))
    return None


def _mk(y: int, mo: int, d: int | None, printed: str) -> Date:
    if not 1 <= mo <= 12 or (d is not None and not 1 <= d <= 31):
        return Date(literal=printed)
    return Date(y, mo, d)


# -- names -------------------------------------------------------------------
_UPPER = "A-ZА-ЯЁ"
_INITIAL = rf"[{_UPPER}][a-zа-яё]?(?:\.?-[{_UPPER}][a-zа-яё]?)?\."
_INITIALS = rf"(?:{_INITIAL}(?:\s?-?\s?{_INITIAL})*)"
_FAMILY = rf"[{_UPPER}][\w'’\-]*(?:[\s-][{_UPPER}][\w'’\-]*)?"


def name_from_inverted(text: str) -> Name:
    """``Bektimirova, N. N.`` / ``Keo, Duong`` -> Name(family, given)."""
    family, _, given = text.partition(",")
    return Name(family=family.strip(), given=normalize_initials(given.strip().rstrip(".") + ("." if given.strip().endswith(".") else "")))


def normalize_initials(given: str) -> str:
    """``A.D.`` -> ``A. D.``; full given names are left alone."""
    given = given.strip()
    if re.fullmatch(rf"(?:[{_UPPER}][a-zа-яё]?\.\s?-?\s?)+", given):
        return re.sub(r"\.\s*(?=[^\s-])", ". ", given).strip()
    return given


GOST_AUTHOR = re.compile(rf"({_FAMILY})\s+({_INITIALS})")
GOST_AUTHOR_INITIALS_FIRST = re.compile(rf"({_INITIALS})\s*({_FAMILY})")

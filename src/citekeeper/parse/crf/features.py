"""Token features for the reference-string CRF, in the spirit of AnyStyle's.

A reference is split on white space (punctuation stays on its token, the way both
training corpora are labelled).  Each token is described by what it looks like (word,
shape, capitalisation, digits, punctuation around it), what it is (a month, a place, a
publisher word, an editor or page marker) and where it is (position in the string, what
precedes it: ``//``, ``In``, a year), plus the same for its neighbours up to two tokens
away.  The per-token part is cached, because the same tokens (``pp.``, ``2019,``,
``Journal``) recur in nearly every reference; that keeps tagging above 1,000 refs/s.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MONTHS = frozenset(
    ["jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december", "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout", "septembre", "octobre", "novembre", "décembre", "decembre", "januar", "februar", "märz", "maerz", "juni", "juli", "oktober", "dezember", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "spring", "summer", "autumn", "fall", "winter", "январь", "января", "янв", "февраль", "февраля", "фев", "март", "марта", "апрель", "апреля", "апр", "май", "мая", "июнь", "июня", "июль", "июля", "август", "августа", "авг", "сентябрь", "сентября", "сен", "октябрь", "октября", "окт", "ноябрь", "ноября", "ноя", "декабрь", "декабря", "дек"]
)
_PLACES = frozenset(
    ["london", "new", "york", "ny", "oxford", "cambridge", "boston", "chicago", "paris", "berlin", "moscow", "москва", "м", "санкт-петербург", "спб", "st.", "petersburg", "saint", "leningrad", "ленинград", "новосибирск", "екатеринбург", "казань", "минск", "киев", "kyiv", "kiev", "amsterdam", "leiden", "dordrecht", "heidelberg", "stuttgart", "münchen", "munich", "frankfurt", "hamburg", "leipzig", "wien", "vienna", "zürich", "zurich", "basel", "geneva", "genève", "bern", "roma", "rome", "milano", "milan", "madrid", "barcelona", "lisboa", "lisbon", "tokyo", "beijing", "shanghai", "singapore", "hong", "kong", "seoul", "delhi", "new", "delhi", "mumbai", "sydney", "melbourne", "toronto", "montreal", "ottawa", "washington", "dc", "philadelphia", "princeton", "nj", "ma", "ca", "il", "berkeley", "stanford", "los", "angeles", "san", "francisco", "diego", "hoboken", "cham", "ny:", "haven", "ct", "mass.", "mass", "uk", "usa", "germany", "england", "bristol", "manchester", "edinburgh", "glasgow", "dublin", "brussels", "bruxelles", "copenhagen", "stockholm", "oslo", "helsinki", "warsaw", "warszawa", "praha", "prague", "budapest", "bangkok", "jakarta", "hanoi", "saarbrücken", "abingdon", "thousand", "oaks", "westport", "baltimore", "lanham", "upper", "saddle", "river", "englewood", "cliffs", "malden", "hillsdale", "mahwah"]
)
_PUBLISHER_WORDS = frozenset(
    ["press", "university", "universität", "université", "universidad", "università", "publishing", "publishers", "publisher", "publications", "publ.", "publ", "verlag", "verlags", "editions", "éditions", "edition", "editora", "editorial", "books", "springer", "elsevier", "wiley", "blackwell", "routledge", "sage", "palgrave", "macmillan", "pergamon", "academic", "oxford", "cambridge", "mit", "harvard", "yale", "princeton", "chicago", "taylor", "francis", "kluwer", "nauka", "наука", "издательство", "изд-во", "изд.", "мгимо", "рудн", "аспект", "пресс", "юрайт", "инфра-м", "статут", "academia", "mcgraw-hill", "prentice", "addison-wesley", "pearson", "norton", "penguin", "random", "house", "gruyter", "brill", "lap", "lambert", "ieee", "acm", "aip", "aps", "iop", "sciendo", "mdpi", "hindawi", "frontiers", "institute", "institut", "инт", "ин-т", "inc.", "inc", "ltd.", "ltd", "co.", "gmbh", "verlag,", "press,", "press.", "publ.,", "publishers,", "université,"]
)
_JOURNAL_WORDS = frozenset(
    ["journal", "journal,", "j.", "rev.", "review", "review,", "proceedings", "proc.", "proceedings,", "conference", "conf.", "symposium", "workshop", "transactions", "trans.", "letters", "lett.", "annals", "ann.", "bulletin", "bull.", "quarterly", "magazine", "vestnik", "вестник", "журнал", "известия", "вопросы", "проблемы", "studies", "research", "science", "nature", "phys.", "physics", "chem.", "acta", "archives", "arch.", "international", "int.", "gazette", "newspaper", "times", "post"]
)
_EDITOR_MARK = re.compile(
    r"^\(?(?:eds?|editors?|edited|ed\.|hrsg|dir|coord|ред|под|eds\.?\)|ed\.\))[.,:;)]*$",
    re.IGNORECASE,
)
_PAGE_MARK = re.compile(r"^(?:pp?|pages?|s|с|c|стр|рр)\.?$", re.IGNORECASE)
_VOL_MARK = re.compile(r"^(?:vol|volume|bd|т|tome|band|jg)\.?,?$", re.IGNORECASE)
_ISSUE_MARK = re.compile(r"^(?:no|nos|nr|n°|issue|iss|heft|h|№|вып|n)\.?,?$", re.IGNORECASE)
_ED_NUMBER = re.compile(r"^\(?\d+(?:st|nd|rd|th|e|ème|-?е|\.)?$", re.IGNORECASE)
_YEAR = re.compile(r"^[(\[]?(1[5-9]\d\d|20\d\d)[a-z]?[)\]]?[.,;:]*$")
_YEAR_IN = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
# Only from the start of a digit run: "\d+" tried at every digit of a 50,000-digit token
# was quadratic (52 s in parse; the same answer either way)
_RANGE = re.compile(r"(?<!\d)\d+\s*[-–—]+\s*\d")
_ROMAN = re.compile(r"^[ivxlcdm]+[.,]?$", re.IGNORECASE)
_VOL_ISSUE = re.compile(r"^\d+\s*\(\d+[-–/]?\d*\)[.,:;]*")
_DOI = re.compile(r"10\.\d{4,9}/")
_URL = re.compile(r"^(?:<?https?://|<?www\.|<?ftp://|url:?$)", re.IGNORECASE)
_ARXIV = re.compile(r"(?:^|[\[(:])(?:\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.(?:[A-ZА-ЯЁ]\.|-[A-ZА-ЯЁ]\.)*[,;]?$")
_STRIP = ".,;:()[]{}\"'“”‘’«»„<>!?*"


def _shape(word: str) -> str:
    """``Smith,`` -> ``Xx,``: character classes with runs collapsed."""
    out = []
    last = ""
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if c != last:
            out.append(c)
            last = c
    return "".join(out)


def _script(word: str) -> str:
    for ch in word:
        if ch.isalpha():
            if "\u0400" <= ch <= "\u04ff":
                return "cyr"
            if ch < "\u0250":
                return "lat"
            name = unicodedata.name(ch, "")
            return name.split(" ", 1)[0].lower() if name else "other"
    return "none"


@lru_cache(maxsize=200_000)
def token_features(tok: str) -> tuple[tuple[str, ...], str, str]:
    """Features of one token on its own, plus its word and shape for its neighbours."""
    low = tok.lower()
    core = low.strip(_STRIP) or low
    shape = _shape(tok)
    f = [
        "w=" + low,
        "c=" + core,
        "sh=" + shape,
        "p1=" + core[:1],
        "p2=" + core[:2],
        "p3=" + core[:3],
        "s1=" + core[-1:],
        "s2=" + core[-2:],
        "s3=" + core[-3:],
        "first=" + tok[:1] if not tok[:1].isalnum() else "first=a",
        "last=" + tok[-1:] if not tok[-1:].isalnum() else "last=a",
        "len=" + str(min(len(core), 10)),
        "scr=" + _script(tok),
    ]
    letters = [c for c in tok if c.isalpha()]
    if letters:
        if all(c.isupper() for c in letters):
            f.append("caps=all" if len(letters) > 1 else "caps=one")
        elif letters[0].isupper():
            f.append("caps=init")
        else:
            f.append("caps=lower")
    digits = sum(c.isdigit() for c in tok)
    if digits:
        f.append("dig=" + ("all" if digits == len(core) else "some"))
        if _YEAR.match(tok):
            f.append("year")
        elif _YEAR_IN.search(tok):
            f.append("has_year")
        if _RANGE.search(tok):
            f.append("range")
        if _VOL_ISSUE.match(tok):
            f.append("vol_issue")
        if _ED_NUMBER.match(core) and digits <= 2:
            f.append("ordinal")
    short = len(low) <= 12  # every marker, initial and roman numeral is short
    if short:
        if _INITIAL.match(tok):
            f.append("initial")
        if _ROMAN.match(tok) and len(core) > 0:
            f.append("roman")
        if _ARXIV.search(tok):
            f.append("arxiv")
        if tok == "//":
            f.append("slashes")
        if core in ("in", "in:") or low in ("in", "in:", "в:", "в"):
            f.append("in")
        if _PAGE_MARK.match(core) or _PAGE_MARK.match(low):
            f.append("page_mark")
        if _VOL_MARK.match(core) or _VOL_MARK.match(low):
            f.append("vol_mark")
        if _ISSUE_MARK.match(core) or _ISSUE_MARK.match(low):
            f.append("issue_mark")
        if _EDITOR_MARK.match(low) or _EDITOR_MARK.match(core):
            f.append("editor_mark")
    elif _ARXIV.search(tok):
        f.append("arxiv")
    if core in ("and", "&", "und", "et", "и", "y", "e"):
        f.append("and")
    if core in ("al", "al.", "др", "others"):
        f.append("etal")
    if core in _MONTHS:
        f.append("month")
    if core in _PLACES:
        f.append("place")
    if core in _PUBLISHER_WORDS or low in _PUBLISHER_WORDS:
        f.append("publisher_word")
    if core in _JOURNAL_WORDS or low in _JOURNAL_WORDS:
        f.append("journal_word")
    if _DOI.search(tok) or core in ("doi", "doi:"):
        f.append("doi")
    if _URL.match(tok) or "://" in tok:
        f.append("url")
    if tok[:1] in "\"“«„‘'" or tok[-1:] in "\"”»’'" or tok[-2:-1] in "\"”»’":
        f.append("quote")
    if tok[:1] in "([":
        f.append("open")
    if tok.rstrip(".,;:")[-1:] in ")]":
        f.append("close")
    if tok.endswith(":"):
        f.append("colon")
    if low in ("edn:", "edn", "isbn", "isbn:", "issn", "issn:", "arxiv:", "pmid:", "url:"):
        f.append("id_mark")
    if "russian" in low or "russ." in low or "рус" in low:
        f.append("lang")
    return tuple(f), low, shape


def tokenize(text: str) -> list[str]:
    """White-space tokens, punctuation attached (the way the training data is labelled)."""
    return text.split()


def sequence_features(tokens: list[str]) -> list[list[str]]:
    """Features of every token of one reference, neighbours and position included."""
    n = len(tokens)
    own = [token_features(t) for t in tokens]
    out: list[list[str]] = []
    seen_slash = seen_in = seen_year = seen_colon = False
    for i in range(n):
        feats, low, _shape_i = own[i]
        f = list(feats)
        f.append("pos=" + str(min(9, i * 10 // n)))
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        if i < 3:
            f.append("idx=" + str(i))
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                nf, nlow, nshape = own[j]
                f.append(f"{d}w={nlow}")
                f.append(f"{d}sh={nshape}")
                if d in (-1, 1):
                    f.append(f"{d}last=" + nlow[-1:])
                    for tag in nf[13:]:
                        f.append(f"{d}{tag}")
            else:
                f.append(f"{d}w=<none>")
        if i > 0:
            f.append("bi=" + own[i - 1][1] + "|" + low)
        if seen_slash:
            f.append("after_slashes")
        if seen_in:
            f.append("after_in")
        if seen_year:
            f.append("after_year")
        if seen_colon:
            f.append("after_colon")
        out.append(f)
        if low == "//":
            seen_slash = True
        elif "in" in feats:
            seen_in = True
        if "year" in feats:
            seen_year = True
        if low.endswith(":"):
            seen_colon = True
    return out

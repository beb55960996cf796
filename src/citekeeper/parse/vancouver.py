"""Vancouver / NLM / PLOS reference-list entries -> ``Reference``.

Medicine and the life sciences print references as

* NLM: ``Smith JA, Okafor CN. Title. Journal. 2011;12(3):45-67. doi:…``
  (``2011 Mar 5;12(Suppl 2):S45``, ``2013;14:23``, ``Epub …``, ``PubMed PMID …`` tails);
* PLOS: ``Smith JA, Okafor CN (2011) Title. Journal 12: 45–67. doi:…``;
* books and chapters: ``Title. 2nd ed. Place: Publisher; 2011.`` and
  ``Title. In: Meier K, editor. Book. Place: Publisher; 2011. p. 45–67.``

The head — a list of ``Surname Initials`` names, then ``.`` or ``(Year)`` — is what marks
the style: the parser returns None unless it finds one, so other styles go on to the other
rules and the model.  The learned model reads these strings poorly (it was trained mostly
on author-date data: 0.19 of PLOS author lists right before this parser, 0.66 of fields);
their shape is regular enough for rules.
"""

from __future__ import annotations

import re

from citekeeper.model import Date, Name, Reference
from citekeeper.parse.common import MONTHS, parse_date, take_accessed, take_doi, take_url
from citekeeper.parse.gost import publication_areas
from citekeeper.parse.names import DOTTED_INITIALS, is_org, split_names
from citekeeper.parse.text import normalize_space, strip_markup

_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_PART = r"(?:van|de|von|der|den|la|las|los|le|les|lo|da|das|do|dos|du|di|del|della|degli|ter|ten|op|al|el|ben|bin|ibn|y|e|zu|zur|vom|af|av)"
_FWORD = rf"(?:[a-z]{{1,3}}[-'’])?[{_UP}][\w'’\-‐‑]*"  # "Smith", "ben-Avraham", "d'Alembert"
_FAMILY = rf"(?:{_PART}\s+)*{_FWORD}(?:\s+(?:{_PART}\s+)*{_FWORD}){{0,2}}"
_INITIALS = rf"[{_UP}]\.?(?:-?[{_UP}]\.?){{0,3}}"  # "JA", "J.A.", "J-P"
_NAME = rf"{_FAMILY}\s+{_INITIALS}(?:\s+(?:Jr|Sr|2nd|3rd|II|III|IV)\.?)?"
_ORG = r"[A-Z][\w&'’\-]*(?:\s+(?:[A-Z][\w&'’\-]*|of|for|and|on|the|in|de|du|des|der|für))+"
_HEAD = re.compile(
    rf"^(?P<names>(?:{_NAME}|{_ORG})(?:(?:,?\s+(?:and|&)\s+|,\s+)(?:{_NAME}|{_ORG}))*(?:,?\s+et\s+al\.?)?)"
    rf"(?:\s*\((?P<year>(?:1[5-9]|20)\d\d)[a-z]?\)\s+|(?<=\.)\s+|\.\s+|,\s+(?=[A-Z\"“]))(?P<rest>\S.*)$"
)
_NLM_TAIL = re.compile(
    r"[.,]?\s+(?P<year>(?:1[5-9]|20)\d\d)[a-z]?(?:\s+(?P<month>[A-Z][a-z]{2,8})\.?(?:\s*[-–]\s*[A-Z][a-z]{2,8})?(?:\s+(?P<day>\d{1,2}))?)?"
    r"(?:\s*;\s*(?P<vol>[^();:\s]+(?:\s+(?:Suppl|Pt)\s*\d*)?)?\s*(?:\((?P<iss>[^)]+)\))?)?"
    r"(?:\s*:\s*(?P<pages>[A-Za-z]{0,2}\d+[A-Za-z]?(?:\s*[-–]\s*[A-Za-z]{0,2}\d+[A-Za-z]?)?))?"
    r"\s*\.?$"
)
# "45–67", "e2231", "S5–S10", "ii215–ii225", "C09S05" (an article id)
_PAGES_RX = r"(?P<pages>[A-Za-z]{0,2}\d+(?:[A-Za-z]{1,3}\d*)?(?:\s*[-–]\s*[A-Za-z]{0,2}\d+[A-Za-z]?)?)"
_VOL_RX = r"(?P<vol>\d+[A-Z]?(?:/\d+)?(?:\s+Suppl\.?(?:\s*\d+)?)?)"
# "Journal 12: 45–67" / "Journal 12(3): 45" / "Protist 163 (4) 643–657" / "Journal: 39–82" / "Journal 7: e41294"
_PLOS_TAIL = re.compile(
    rf"(?:\s+{_VOL_RX}(?:\s*\((?P<iss>[^)]+)\))?\s*:\s*|\s+(?P<vol2>\d+)\s*\((?P<iss2>[^)]+)\)\s+|\s*:\s*){_PAGES_RX}\.?$"
)
_ACCESSED = re.compile(
    r"\.?\s*\bAccessed:?\s+(?:on\s+)?(?P<dmy>\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\.?|"
    r"\s*\[(?:cited|accessed)\s+(?P<y>\d{4})\s+(?P<mon>[A-Z][a-z]{2})[a-z]*\.?(?:\s+(?P<d>\d{1,2}))?\]",
    re.IGNORECASE,
)
_COMMA_TAIL = re.compile(
    rf",\s*{_VOL_RX}(?:\s*\((?P<iss>[^)]+)\))?\s*:\s*{_PAGES_RX},\s*(?P<year>(?:1[5-9]|20)\d\d)\.?$"
)
_COMMA_TAIL_YEAR_FIRST = re.compile(
    rf",\s*(?P<year>(?:1[5-9]|20)\d\d),\s*{_VOL_RX}(?:\s*\((?P<iss>[^)]+)\))?\s*:\s*{_PAGES_RX}\.?$"
)
_JUNK_TAIL = re.compile(
    r"(?:[.;]?\s*(?:PubMed\s+(?:Central\s+)?PMID:?\s*\d+|PMCID:?\s*PMC\d+|PubMed\s+Central\s+PMCID:?\s*PMC\d+|"
    r"PMID:?\s*\d+|PubMed:?\s*\d+|\S+\s+\[pii\]|(?<=\.)\s*\d{5,6}(?=\s*$)|Epub\s+(?:ahead\s+of\s+print\.?\s*)?[\d/\s A-Za-z]*|\[Epub[^\]]*\]|\b\d{7,8}\b|"
    r"\[(?:cited|accessed)[^\]]*\]))+\s*\.?\s*$",
    re.IGNORECASE,
)
_TITLE_END = re.compile(r"(?<=\S)[.?!](?:[”\"])?\s+(?=[\w\"“(\[])")
_ABBREV_WORD = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|[a-z]{1,3}|[A-Z])$")
_BOOK = re.compile(
    r"^(?P<place>[A-Z][^.:;]{1,50}?(?:,\s*[A-Z]{2})?)(?<!\d)\s*:\s*(?P<pub>(?!\d)[^;.:]+?(?:\.\s*(?:Inc|Ltd|Co)\.?)?)"
    r"(?:[;,.]\s*(?P<year>(?:1[5-9]|20)\d\d)[a-z]?)?"
    r"(?:[.,]?\s*(?:(?:pp?\.\s*(?P<pages>\d+\s*[-–]\s*\d+))|(?P<np>\d+)\s*(?:pp?|pages)\.?|p\.\s*\d+))?\.?$"
)
_IN = re.compile(
    r"^(?P<title>.+?[.?!])\s+In:?\s+(?:(?P<eds>[^.]+?),?\s+(?:editors?|eds?\.?|\(eds?\.?\))[.,:]?\s+)?(?P<rest>.+)$"
)
_CONF = re.compile(r"\b(?:Proceedings|Proc\b|Conference|Symposium|Workshop|Congress|Meeting)", re.IGNORECASE)


def _vancouver_names(names: list[Name], rest: str) -> bool:
    """Every name ``Surname Initials`` (or an institution), and not ``Joseph A. Schumpeter,``
    (a given name and initial, the family name after the dot)."""
    if not names:
        return False
    for n in names:
        if n.literal:
            if not is_org(n.literal):
                return False
        elif not n.given or not DOTTED_INITIALS.match(n.given.replace(" ", "")):
            return False
    # "Robert C. Allen and …", "Russell A. Berman." : given name and initial, the family
    # name after the dot (one "name" in the head, then a lone capitalised word)
    one_initial = len(names) == 1 and len(names[0].given) == 2
    # ("Lindahl T. Instability and decay of …" is a title: a lower-case word after its "and")
    given_first = rf"^[{_UP}][\w'’\-]+(?:[,.]\s|\s+(?:and|&)\s+[{_UP}][\w'’\-]+\s+[{_UP}]\.)"
    return not (one_initial and re.match(given_first, rest))


def _split_title(text: str) -> tuple[str, str]:
    """``Title. Journal`` -> (title, journal): the last sentence end not after an abbreviation."""
    cuts = [m for m in _TITLE_END.finditer(text)]
    if not cuts:
        return "", text
    good = [m for m in cuts if not _ABBREV_WORD.search(text[: m.start()])]
    cut = (good or cuts)[-1]
    title = text[: cut.start() + 1].strip()
    return _clean_title(title), text[cut.end() :].strip().rstrip(".").strip()


def _clean_title(title: str) -> str:
    title = re.sub(r"\s+:\s+", ": ", title.strip()).strip("“”\"").strip()  # "Title : subtitle" (GOST, French)
    if title.endswith(".") and not re.search(r"\b[A-Z]\.$", title):
        title = title[:-1]
    return title.strip().strip("“”\"").rstrip(",").strip()


def _pages(text: str) -> str:
    return re.sub(r"\s*[-–]\s*", "–", text.strip())


def parse_vancouver(text: str) -> Reference | None:
    """Parse one Vancouver/NLM/PLOS entry; None when its head is not a ``Surname Initials`` list."""
    plain = normalize_space(strip_markup(text))
    plain = re.sub(r"^\s*(?:\[\d+\]|\d+\.)\s+", "", plain)
    m = _HEAD.match(plain)
    if not m:
        return None
    org_head = bool(is_org(m.group("names"))) and "," not in m.group("names")
    if not m.group("year") and not org_head and not re.search(rf"\s{_INITIALS}(?:,|\s|$)", m.group("names") + " "):
        return None  # without "(Year)" only a list with initials (or an institution) marks the style
    names = split_names(m.group("names"))
    dotted_end = m.group("names").endswith(".") and not m.group("year")
    if not _vancouver_names(names.names, m.group("rest") if dotted_end else ""):
        return None
    rest = m.group("rest")
    if rest[:1] in "“\"'‘":
        return None  # a quoted title after the names: IEEE (parse.ieee)
    if org_head and re.match(r"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)", rest):
        return None  # "ASEAN Secretariat. (2022). *Title*.": an institution's author-date entry
    ref = Reference(type="document", raw=normalize_space(text))
    ref.names["author"] = names.names
    accessed, rest = take_accessed(rest)
    acc = _ACCESSED.search(rest)
    if acc:  # PLOS "Accessed 10 September 2010", NLM "[cited 2020 Jan 5]"
        if acc.group("dmy"):
            accessed = accessed or parse_date(acc.group("dmy"))
        else:
            month = MONTHS.get(acc.group("mon").lower()[:3])
            accessed = accessed or (Date(int(acc.group("y")), month, int(acc.group("d")) if acc.group("d") else None) if month else None)
        rest = (rest[: acc.start()] + rest[acc.end() :]).strip()
    doi, rest = take_doi(rest)
    url, rest = take_url(rest)
    rest = re.sub(r"\.?\s*\b(?:Available(?:\s+(?:from|at|online))?|URL)\s*:?\s*\.?\s*$", "", rest.strip())
    cut = max(0, len(rest) - 160)  # the tail is at the end: do not scan the whole string
    rest = (rest[:cut] + _JUNK_TAIL.sub("", rest[cut:])).strip().rstrip(".;,").strip()
    ref.set("DOI", doi)
    ref.set("URL", url)
    if accessed:
        ref.dates["accessed"] = accessed
    if m.group("year"):
        ref.dates["issued"] = Date(int(m.group("year")))
    if not rest:
        return None
    return ref if _body(ref, rest, plos=bool(m.group("year"))) else None


def _body(ref: Reference, rest: str, plos: bool) -> bool:
    chapter = _IN.match(rest)
    if chapter:
        ref.set("title", _clean_title(chapter.group("title")))
        if chapter.group("eds"):
            ref.names["editor"] = split_names(chapter.group("eds")).names
        book = _chapter_container(ref, chapter.group("rest"))
        ref.set("container-title", book)
        ref.type = "paper-conference" if _CONF.search(book) else "chapter"
        return True
    if not plos:
        tail = _NLM_TAIL.search(rest)
        if tail and re.search(r"[;:]", tail.group(0)) and (tail.group("vol") or tail.group("pages") or tail.group("iss")):
            head = rest[: tail.start()]
            title, journal = _split_title(head)
            if not title or not journal:
                return False
            ref.set("title", title)
            ref.set("container-title", journal)
            _vip(ref, tail)
            month = MONTHS.get((tail.group("month") or "").lower()[:3]) if tail.group("month") else None
            day = int(tail.group("day")) if tail.group("day") and month else None
            ref.dates["issued"] = Date(int(tail.group("year")), month, day)
            # "Proc Natl Acad Sci USA. 2008;105:…" is a journal: proceedings have no volume
            conf = _CONF.search(journal) and not tail.group("vol")
            ref.type = "paper-conference" if conf else "article-journal"
            return True
    else:
        tail = _PLOS_TAIL.search(rest)
        if tail:
            title, journal = _split_title(rest[: tail.start()])
            if not title or not journal:
                return False
            ref.set("title", title)
            ref.set("container-title", journal)
            _vip(ref, tail)
            ref.type = "article-journal"
            return True
    tail = _COMMA_TAIL.search(rest) or _COMMA_TAIL_YEAR_FIRST.search(rest)
    if tail:  # "Med Biol Eng Comput, 52(4): 321-330, 2014." / "Commun ACM, 1999, 42(2): 39–41."
        title, journal = _split_title(rest[: tail.start()])
        if title and journal:
            ref.set("title", title)
            ref.set("container-title", journal)
            _vip(ref, tail)
            ref.dates["issued"] = Date(int(tail.group("year")))
            ref.type = "article-journal"
            return True
    press = re.search(r"\.\s*(?:In\s+press|Forthcoming)\.?$", rest, re.IGNORECASE)
    if press:  # "Title. Nature. In press."
        title, journal = _split_title(rest[: press.start()])
        if title and journal:
            ref.set("title", title)
            ref.set("container-title", journal)
            ref.type = "article-journal"
            return True
    nlm_book = re.match(r"^(?P<title>.+?[.?!])\s+(?P<pub>[^.:;]{2,60});\s*(?P<year>(?:1[5-9]|20)\d\d)\.?$", rest)
    if nlm_book:  # "The Eye of the World. Tor; 1990." (no place)
        ref.set("title", _clean_title(nlm_book.group("title")))
        ref.set("publisher", nlm_book.group("pub").strip())
        ref.dates["issued"] = Date(int(nlm_book.group("year")))
        ref.type = "book"
        return True
    # a book: "Title. [Edition.] Place: Publisher; Year." (the first sentence end after which
    # a place and publisher follow: a publisher's name may hold a dot of its own)
    for cut in _TITLE_END.finditer(rest):
        after = re.sub(r"^\d+(?:st|nd|rd|th)\s+ed\.?\s+", "", rest[cut.end() :], flags=re.IGNORECASE)
        if _BOOK.match(after.rstrip(".")):
            break
    else:
        dotted = _PLACE_DOT_PUBLISHER.match(rest)
        if dotted and _PUBLISHER.search(dotted.group("pub")):  # "Title. New York. Dover."
            ref.set("title", _clean_title(dotted.group("title")))
            ref.set("publisher-place", dotted.group("place"))
            ref.set("publisher", dotted.group("pub").strip())
            if dotted.group("year"):
                ref.dates.setdefault("issued", Date(int(dotted.group("year"))))
            ref.type = "book"
            return True
        return _online(ref, rest)
    title, after = _clean_title(rest[: cut.start() + 1]), rest[cut.end() :]
    genre = re.search(r"\s*\[([^\]]+)\]$", title)
    if genre:  # "Title [PhD dissertation]"
        ref.set("genre", genre.group(1))
        title = title[: genre.start()].strip()
    if title:
        ref.set("title", title)
        _book_tail(ref, after)
        ref.type = "book"
        return bool(ref.get("publisher"))
    return False


# "Title. New York. Dover.": a place and a publisher each closed by a period (no colon)
_PLACE_DOT_PUBLISHER = re.compile(
    r"^(?P<title>.+?[.?!])\s+(?P<place>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+){0,2}(?:,\s*[A-Z]{2})?)\.\s+"
    r"(?P<pub>[A-Z][^.;:]{1,60}?(?:\.\s*(?:Inc|Ltd|Co)\.?)?)(?:;\s*(?P<year>(?:1[5-9]|20)\d\d))?\.?$"
)
_PUBLISHER = re.compile(
    r"\b(?:Press|Publications|Publishing|Publishers?|Springer|Elsevier|Wiley|Verlag|Books|Inc|Ltd|Associates|"
    r"Kluwer|Routledge|Sage|Dover|Blackwell|Pergamon|CRC|Academic|Taylor\s+&\s+Francis|Saunders|Mosby|Lippincott)\b"
)


def _online(ref: Reference, rest: str) -> bool:
    """``Title. [Internet]. 2015 [cited …]. Available from: URL`` / PLOS ``Title. Available: URL.
    Accessed …``: with a URL and nothing a journal or a book would have, a title and the site."""
    if not ref.url:
        return False
    rest = re.sub(r"\s*\[(?:Internet|Online|online)\]\.?", "", rest).strip().rstrip(".")
    if publication_areas(rest):
        return False  # "Title. Jakarta, 2022. 250 p. URL: …" is a book with a link: GOST reads it
    year = re.search(r"[.,]\s*((?:1[5-9]|20)\d\d)[a-z]?$", rest)
    if year:
        ref.dates.setdefault("issued", Date(int(year.group(1))))
        rest = rest[: year.start()]
    cuts = [c for c in _TITLE_END.finditer(rest) if not _ABBREV_WORD.search(rest[: c.start()])]
    title, site = (rest[: cuts[0].start() + 1], rest[cuts[0].end() :]) if cuts else (rest, "")
    ref.set("title", _clean_title(title))
    ref.set("container-title", site.strip().rstrip("."))
    ref.type = "webpage"
    return bool(ref.title)


def _chapter_container(ref: Reference, text: str) -> str:
    """The book after ``In: Editors, editors.``: ``Book. Place: Publisher; Year. p. 45–67`` or
    (BibTeX-made) ``Book, Publisher, Place. pp. 45–67``; returns the book's title."""
    pages = re.search(r"[.,]?\s*\b(?:pp?\.|pages)\s*([A-Za-z]?\d+\s*[-–]\s*[A-Za-z]?\d+)\.?\s*$", text)
    if pages:
        ref.set("page", _pages(pages.group(1)))
        text = text[: pages.start()]
    vol = re.search(r",?\s*\b(?:volume|vol\.)\s*(\d+)", text, re.IGNORECASE)
    if vol:
        ref.set("volume", vol.group(1))
        text = text[: vol.start()] + text[vol.end() :]
    text = re.sub(r",?\s*\bchapter\s+\d+", "", text).strip().rstrip(".,")
    for cut in _TITLE_END.finditer(text):
        after = re.sub(r"^\d+(?:st|nd|rd|th)\s+ed\.?\s+", "", text[cut.end() :], flags=re.IGNORECASE)
        if _BOOK.match(after.rstrip(".")):
            _book_tail(ref, text[cut.end() :])
            return text[: cut.start()].strip()
    parts = [p.strip() for p in re.split(r",\s+|\.\s+", text) if p.strip()]
    book = parts[0] if parts else ""
    for part in parts[1:]:
        year = re.fullmatch(r"(?:1[5-9]|20)\d\d", part)
        if year:
            ref.dates.setdefault("issued", Date(int(part)))
        elif _PUBLISHER.search(part) and not ref.get("publisher"):
            ref.set("publisher", part)
        elif ref.get("publisher") and not ref.get("publisher-place"):
            ref.set("publisher-place", part)
        elif not ref.get("publisher"):
            book += ", " + part  # "The Cognitive Neurosciences, III"
    return book


def _book_tail(ref: Reference, text: str) -> None:
    text = text.strip()
    ed = re.match(r"^(?P<ed>\d+(?:st|nd|rd|th)\s+ed)\.?\s+", text, re.IGNORECASE)
    if ed:
        ref.set("edition", ed.group("ed"))
        text = text[ed.end() :]
    m = _BOOK.match(text)
    if not m:
        pages = re.search(r"\bpp?\.\s*(\d+\s*[-–]\s*\d+)", text)
        if pages:
            ref.set("page", _pages(pages.group(1)))
        year = re.search(r"\b(?:1[5-9]|20)\d\d\b", text)
        if year and "issued" not in ref.dates:
            ref.dates["issued"] = Date(int(year.group(0)))
        return
    ref.set("publisher-place", m.group("place").strip())
    ref.set("publisher", m.group("pub").strip())
    if m.group("year"):
        ref.dates["issued"] = Date(int(m.group("year")))
    if m.group("pages"):
        ref.set("page", _pages(m.group("pages")))
    if m.group("np"):
        ref.set("number-of-pages", m.group("np"))


def _vip(ref: Reference, m: re.Match[str]) -> None:
    groups = m.groupdict()
    vol = groups.get("vol") or groups.get("vol2")
    iss = groups.get("iss") or groups.get("iss2")
    dotted = re.fullmatch(r"(\d+)\.(\d+)", vol or "")
    if dotted and not iss:  # "2013;50.6:7": volume 50, issue 6
        vol, iss = dotted.groups()
    if vol:
        ref.set("volume", vol.strip())
    if iss:
        ref.set("issue", iss.strip())
    if m.group("pages"):
        ref.set("page", _pages(m.group("pages")))

"""German humanities and social-science citations -> ``Reference``.

German reference lists and footnotes put a colon after the names and mark the parts with
their own words:

* ``Bauer, Karl-Heinz/Meier, Klaus: Die Stadt im Wandel. 2. Aufl. München: Beck 2005.``
* ``Schmidt, A.: Titel. In: Meier, K. (Hg.): Handbuch der Stadtforschung. Berlin: Springer
  2010, S. 45–67.`` (a chapter: editor Meier, book Handbuch…, place Berlin, publisher Springer)
* ``Müller, H.: Titel. In: Zeitschrift für Soziologie 34 (2005), H. 3, S. 45–67.`` and
  ``… In: Zeitschrift für Soziologie, Jg. 34, H. 3, 2005, S. 45–67.`` (a journal article)
* ``Müller, H. (2005): Titel. In: …`` (the author-date variant) and ``vgl.``/``siehe``
  before a footnote citation.

``Hg.``/``Hrsg.`` mark editors, ``Aufl.`` the edition, ``Jg.`` the volume, ``H.``/``Heft``/``Nr.``
the issue, ``S.`` the pages.  The parser returns None unless the names-colon head is
there, so other styles go on to the other rules and the model.  In a footnote, the page
cited from a book (``München: Beck 2005, S. 12``) is a locator, not the book's pages, and
is not kept as ``page``.
"""

from __future__ import annotations

import re

from citekeeper.model import Date, Name, Reference
from citekeeper.parse.common import take_accessed, take_doi, take_isbn, take_url
from citekeeper.parse.names import NameList, is_org, split_names
from citekeeper.parse.text import normalize_space, strip_markup

# the editors' mark as printed: "(Hg.)", "(Hrsg.)", "(Hgg.)", "(Hrsgg.)", "(Hrg.)", "(Hrsg. )", "(eds.)"
_ROLE = r"\((?:Hg|Hgg|Hrsg|Hrsgg|Hrg|[Ee]ds?)\.?\s*\)"
_SIGNAL = re.compile(r"^(?:vgl\.|Vgl\.|siehe|Siehe|s\.|S\. dazu|dazu|zit\. n\.|zitiert nach)\s+(?:auch\s+)?", re.UNICODE)
_UP = "A-ZÄÖÜÀ-ÖØ-Þ"
_NAME_WORD = rf"(?:(?:von|van|de|der|zu|vom|zur|la|le|di|da)\s+)*[{_UP}][\w'’\-]*"
# given names: initials with their dot, or whole words without one ("Lacan, Jacques. Écrits:"
# is a name and a title, not a name)
_GIVEN = rf"(?:[{_UP}][a-zäöüß]?\.\s?-?\s?|[{_UP}][\w'’]+(?:-[{_UP}][\w'’]+)?(?:\s+|(?=[\s:(/;,]))){{1,3}}"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD})?,\s*{_GIVEN}"
# Matched against the text before the first ": " only (``fullmatch``): on a whole string
# without that colon the name pattern backtracks (96 ms on one 350-character string, measured).
_HEAD = re.compile(
    rf"(?P<names>{_NAME}(?:\s*(?:/|;|,?\s+u\.|,?\s+und|,)\s*{_NAME})*(?:\s+(?:u\.\s*a\.|et\s+al\.))?)"
    rf"\s*(?P<role>{_ROLE})?\s*(?:\((?P<year>(?:1[5-9]|20)\d\d)[a-z]?\))?\s*:"
)
_EDITORS = re.compile(rf"^(?P<eds>.+?)\s*{_ROLE}\s*[:.]?\s*(?P<rest>.+)$")
# an institution as the editor of a report or handbook: "Statistisches Bundesamt (Hrsg.):"
_ORG_HEAD = re.compile(rf"(?P<org>[{_UP}][^:;()]{{2,120}}?)\s*(?P<role>{_ROLE})\s*(?:\((?P<year>(?:1[5-9]|20)\d\d)[a-z]?\))?\s*:")
_JOURNAL = re.compile(
    r"^(?P<journal>[^:]+?),?\s+(?:Jg\.\s*)?(?P<vol>\d+[A-Za-z]?)(?:\s*/\s*(?P<year2>(?:1[5-9]|20)\d\d))?"
    r"(?:\s*\((?P<year>(?:1[5-9]|20)\d\d)\))?"
    r"(?:,?\s*(?:H\.|Heft|Nr\.|No\.)\s*(?P<iss>[\w\-/]+))?(?:,\s*(?P<year3>(?:1[5-9]|20)\d\d))?"
    r"(?:(?:,?\s*(?:S\.|Sp\.|pp?\.)\s*|,\s*(?=\d+\s*[-–]\s*\d+\s*\.?$))(?P<pages>\d+(?:\s*[-–]\s*\d+)?(?:\s*ff?\.)?))?\s*\.?$"
)
_JOURNAL_JG = re.compile(
    r"^(?P<journal>[^:]+?),\s*(?:Jg\.|Bd\.|Vol\.)\s*(?P<vol>\d+)(?:\s*\((?P<year>(?:1[5-9]|20)\d\d)\))?"
    r"(?:,\s*(?:H\.|Heft|Nr\.)\s*(?P<iss>[\w\-/]+))?(?:,\s*(?P<year3>(?:1[5-9]|20)\d\d))?"
    r"(?:,\s*(?:S\.|Sp\.)\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?))?\s*\.?$"
)
# "Zeitschrift für Heilpädagogik, 44, 9, 600-605" / "… Schleswig-Holstein 26, 4, S. 190-195" /
# "Behindertenpädagogik 1/1976, S. 18 - 30" / "…, Heft 1, 50-57": numbers by position, no Jg.
_JOURNAL_COMMAS = re.compile(
    r"^(?P<journal>[^:]+?[^\d\s)])(?:,\s*|\s+)(?:(?P<vol>\d+[A-Za-z]?)(?:,\s*(?P<iss>\d+(?:/\d+)?))?|(?P<iss2>\d+)/(?P<year>(?:1[5-9]|20)\d\d)|"
    r"(?:H\.|Heft|Nr\.)\s*(?P<iss3>[\w\-/]+))"
    r",\s*(?:S\.\s*)?(?P<pages>\d+(?:\s*[-–]\s*\d+)?)\s*\.?$"
)
_EDITION = re.compile(
    r"(?:^|\.\s+)(?P<ed>\d+\.\s*(?:(?:überarb|erw|akt|durchges|verb|neu\s*bearb)\w*\.?,?\s*(?:und\s+)?)*"
    r"(?:Aufl(?:age)?\.?|Ausg\.))\s*"
)
_PUB = re.compile(
    rf"(?P<place>[{_UP}][^:;,.]{{1,40}}?(?:\s*(?:/|u\.|und)\s*[{_UP}][^:;,.]{{1,30}}?)?)\s*:\s*(?P<pub>[^,;:]+?)"
    r"(?:,?\s+(?P<year>(?:1[5-9]|20)\d\d)[a-z]?)?"
    # "Weinheim: Beltz, 35-53": a chapter's pages after the publisher without "S."
    r"(?:,\s*(?:(?:S\.|Sp\.)\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?(?:\s*ff?\.)?)|(?P<bare>\d+\s*[-–]\s*\d+)))?\s*\.?$"
)
# a place of one or two words ("Frankfurt am Main", "Weinheim und Basel", "Freiburg i. Br.")
_PLACE_WORDS = rf"[{_UP}][\w\-]+(?:\s+(?:am|an\s+der|im|in|ob\s+der|i\.\s?Br\.|a\.\s?M\.)(?:\s+[{_UP}][\w\-]+)?)?"
_PLACE_YEAR = re.compile(
    rf"(?P<place>{_PLACE_WORDS}(?:\s*(?:/|u\.|und)\s*{_PLACE_WORDS})?)(?:,?\s+(?P<year>(?:1[5-9]|20)\d\d)[a-z]?|(?=,\s*S\.\s*\d))"
    r"(?:,\s*(?:S\.|Sp\.)\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?(?:\s*ff?\.)?))?\s*\.?$"
)
_SERIES = re.compile(r"\s*\((?P<series>[^()]*?\d[^()]*)\)\s*\.?$")
# a sentence ends after a word, or after a number ("Handbuch Sonderpädagogik Band 3. Göttingen 2008")
_SENTENCE = re.compile(r"(?:(?<=[^\s.]{2})|(?<=\s\d))[.?!]\s+(?=\S)")
_BAND = re.compile(r"\s+(?:Band|Bd\.)\s*(?P<v>\d+)$")
_CONF = re.compile(r"\b(?:Tagung|Kongress|Konferenz|Symposium|Proceedings|Tagungsband)", re.IGNORECASE)


def _pages(text: str) -> str:
    return re.sub(r"\s*[-–]\s*", "–", text.strip())


def parse_german(text: str) -> Reference | None:
    """Parse one German-style citation; None without the ``Names: Title`` head."""
    plain = normalize_space(strip_markup(text))
    plain = _SIGNAL.sub("", plain)
    colon = plain.find(": ")
    if not 0 < colon < 400:
        return None
    m = _HEAD.fullmatch(plain, 0, colon + 1)
    org = None if m else _ORG_HEAD.fullmatch(plain, 0, colon + 1)
    if org and is_org(org.group("org")):
        # "Bundesministerium des Innern (Hrsg.): Migrationsbericht 2015, Berlin 2016."
        names = NameList([Name(literal=org.group("org").strip())])
        m = org
    elif not m or not plain[colon + 2 :].strip():
        return None
    else:
        names = split_names(m.group("names"))
    if not names.names or any(not (n.given or n.literal) for n in names.names):
        return None
    ref = Reference(type="document", raw=normalize_space(text))
    ref.names["editor" if m.group("role") else "author"] = names.names
    if m.group("year"):
        ref.dates["issued"] = Date(int(m.group("year")))
    rest = plain[colon + 2 :].strip()
    accessed, rest = take_accessed(rest)
    doi, rest = take_doi(rest)
    url, rest = take_url(rest)
    isbn, rest = take_isbn(rest)
    rest = re.sub(r"\s*(?:URL|Online\s+unter|Abrufbar\s+unter|verfügbar\s+unter)\s*:?\s*\.?$", "", rest).strip().rstrip(".,;")
    for field, value in (("DOI", doi), ("URL", url), ("ISBN", isbn)):
        ref.set(field, value)
    if accessed:
        ref.dates["accessed"] = accessed
    # "…, S. 45–67, hier S. 50": the page a footnote cites is a locator, not the item's pages
    rest = re.sub(r",\s*hier\s+S\.\s*\d+(?:\s*[-–]\s*\d+)?(?:\s*ff?\.)?\s*$", "", rest)
    # "Titel. In: …" and the footnote form "Titel, in: …"
    cut = re.search(r"(?<=[^\s.]{2})[.?!][“”\"»«]?\s+In:?\s+|,\s+in:\s+", rest)
    if cut:
        ref.set("title", rest[: cut.start() + 1].rstrip(".,").strip("„“”\"»«"))
        return ref if _in_part(ref, rest[cut.end() :]) else None
    return ref if _book(ref, rest) else None


def _in_part(ref: Reference, text: str) -> bool:
    eds = _EDITORS.match(text)
    if eds:  # "In: Meier, K. (Hg.): Handbuch. Berlin: Springer 2010, S. 45–67"
        ref.names["editor"] = split_names(eds.group("eds")).names
        book, pub = _split_book(eds.group("rest"))
        band = _BAND.search(book)
        if band:  # "Handbuch Sonderpädagogik Band 3": the volume of the book
            ref.set("volume", band.group("v"))
            book = book[: band.start()]
        if not pub and re.search(r"\b(?:1[5-9]|20)\d\d\b|\bS\.\s*\d", book):
            return False  # an imprint is there but not read ("…, Berlin 1985, S. 19-27, TU"): the model's
        ref.set("container-title", book)
        _publication(ref, pub, keep_pages=True)
        ref.type = "paper-conference" if _CONF.search(book) else "chapter"
        return bool(book)
    if _journal_areas(ref, text.strip().rstrip(".")):
        return True
    cm = _JOURNAL_COMMAS.match(text)
    if cm and not re.search(r":\s|\.\s|\((?:1[5-9]|20)\d\d\)|,$", cm.group("journal")) and not _year_as_volume(cm):
        ref.set("container-title", cm.group("journal").strip().rstrip(","))
        ref.set("volume", cm.group("vol"))
        ref.set("issue", cm.group("iss") or cm.group("iss2") or cm.group("iss3"))
        if cm.group("year"):
            ref.dates["issued"] = Date(int(cm.group("year")))
        ref.set("page", _pages(cm.group("pages")))
        ref.type = "article-journal"
        return True
    jm = _JOURNAL_JG.match(text) or _JOURNAL.match(text)
    if jm and not re.search(r":\s", jm.group("journal")) and not _year_as_volume(jm):
        ref.set("container-title", jm.group("journal").strip().rstrip(","))
        ref.set("volume", jm.group("vol"))
        ref.set("issue", jm.group("iss"))
        year = jm.groupdict().get("year") or jm.groupdict().get("year2") or jm.group("year3")
        if year:
            ref.dates["issued"] = Date(int(year))
        if jm.group("pages"):
            ref.set("page", _pages(re.sub(r"\s*ff?\.$", "", jm.group("pages"))))
        ref.type = "article-journal"
        return True
    book, pub = _split_book(text)  # "In: Handbuch. Berlin: Springer 2010, S. 45–67" (no editors)
    if book and pub:
        ref.set("container-title", book)
        _publication(ref, pub, keep_pages=True)
        ref.type = "chapter"
        return True
    return False


# The number areas of a German journal citation, in any order after the journal's name:
# "31. Jg., Heft 2/1992", "10. Jg. (2004), Heft 4, S. 192-195", "Heft 3, 1987, S. 6-11",
# "Heft 3, Jahrgang 2015", "Jg. 34 (2005), Nr. 2".
_J_AREA = re.compile(
    r"(?P<vol>\d+)\.\s*(?:Jg|Jahrg|Jahrgang)\.?|(?:Jg\.|Jahrgang|Bd\.|Vol\.)\s*(?P<vol2>\d+)(?!\d)|"
    r"(?:H\.|Heft|Nr\.|No\.)\s*(?P<iss>\d+(?:[-–/]\d{1,2}(?!\d))?)(?:/(?P<y1>(?:1[5-9]|20)\d\d))?|"
    r"(?P<vol3>\d{1,4})(?=\s*\((?:1[5-9]|20)\d\d\))|(?P<iss2>\d{1,3})/(?P<y3>(?:1[5-9]|20)\d\d)|"
    r"\(?(?P<y2>(?:1[5-9]|20)\d\d)\)?|(?:S\.|Sp\.)\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?)(?:\s*ff?\.)?"
)
_J_SEP = re.compile(r"[\s,.]*")


def _journal_areas(ref: Reference, text: str) -> bool:
    """``Behindertenpädagogik, 31. Jg., Heft 2/1992``: the journal, then only number areas."""
    first = _J_AREA.search(text)
    if not first or first.start() == 0:
        return False
    journal = text[: first.start()].strip(" ,.")
    if not journal or re.search(r":\s|\(\s*(?:Hg|Hrsg)", journal) or not re.search(r"[^\W\d]{3}", journal):
        return False
    pos = first.start()
    found: dict[str, str] = {}  # area name (vol, iss, y1 ...) -> its first value
    while pos < len(text):
        m = _J_AREA.match(text, pos)
        if not m:
            return False
        for key, value in m.groupdict().items():
            if value:
                found.setdefault(key, value)
        sep = _J_SEP.match(text, m.end())  # matches the empty string too: never None
        pos = sep.end() if sep else m.end()
    vol = found.get("vol") or found.get("vol2") or found.get("vol3")
    iss = found.get("iss") or found.get("iss2")
    year = found.get("y1") or found.get("y2") or found.get("y3")
    if not (vol or iss) or not (year or found.get("pages")):
        return False  # a number alone ("Band 3") is no journal's area
    ref.set("container-title", journal)
    ref.set("volume", vol or "")
    ref.set("issue", iss or "")
    if year:
        ref.dates["issued"] = Date(int(year))
    if found.get("pages"):
        ref.set("page", _pages(found["pages"]))
    ref.type = "article-journal"
    return True


def _year_as_volume(m: re.Match[str]) -> bool:
    """``… Göttingen 2013, S. 48–73``: a year alone where a volume would stand is a place and a
    year (a book's imprint), not a journal's volume."""
    groups = m.groupdict()
    vol = groups.get("vol") or ""
    return bool(re.fullmatch(r"(?:1[5-9]|20)\d\d", vol)) and not any(
        groups.get(k) for k in ("iss", "iss2", "iss3", "year", "year2", "year3")
    )


def _area_cuts(text: str) -> list[re.Match[str]]:
    """Where a publication area may start: after a sentence, or (footnotes) after a comma,
    outside parentheses ("Bioinformatics (2. Aufl., S. 83–109)" holds no area)."""
    cuts = sorted([*_SENTENCE.finditer(text), *_COMMA_AREA.finditer(text)], key=lambda c: c.start())
    return [c for c in cuts if text.count("(", 0, c.start()) <= text.count(")", 0, c.start())]


def _starts_area(after: str) -> bool:
    return bool(_EDITION.match(after) or _PLACE_YEAR.match(after) or _PUB.match(after))


def _split_book(text: str) -> tuple[str, str]:
    """``Handbuch der Stadtforschung. 2. Aufl. Berlin: Springer 2010`` -> (book, the rest);
    also ``Handbuch, Berlin: Springer 2010`` (footnotes).  The first cut an area starts at
    wins; failing that, the first sentence after which an imprint follows somewhere."""
    cuts = _area_cuts(text)
    for cut in cuts:
        if _starts_area(text[cut.end() :]):
            return text[: cut.start()].strip(), text[cut.end() :]
    for cut in cuts:
        if not cut.group(0).startswith(",") and _PUB.search(text[cut.end() :]):
            return text[: cut.start()].strip(), text[cut.end() :]
    return text.strip(), ""


def _publication(ref: Reference, text: str, *, keep_pages: bool) -> bool:
    """``[2. Aufl.] Berlin: Springer 2010[, S. 45–67]`` or ``Berlin 2010``."""
    text = text.strip()
    ed = _EDITION.match(text)
    if ed:
        ref.set("edition", ed.group("ed").strip().rstrip(","))
        text = text[ed.end() :].strip().lstrip(", ")
    series = _SERIES.search(text)  # "(= Studien zur Stadt, Bd. 3)"
    if series and _PUB.search(text[: series.start()]) is not None:
        ref.set("collection-title", series.group("series").lstrip("= ").strip())
        text = text[: series.start()]
    pm = _PUB.search(text) or _PLACE_YEAR.search(text)
    if not pm:
        return False
    ref.set("publisher-place", pm.group("place").strip())
    if "pub" in pm.groupdict():
        ref.set("publisher", pm.group("pub").strip())
    if pm.group("year"):
        ref.dates["issued"] = Date(int(pm.group("year")))
    pages = pm.group("pages") or pm.groupdict().get("bare")
    if keep_pages and pages:
        ref.set("page", _pages(re.sub(r"\s*ff?\.$", "", pages)))
    return True


# German footnotes separate the areas with commas: "Titel, 3. Aufl., München 2012, S. 12."
_COMMA_AREA = re.compile(r",\s+(?=\S)")


def _book(ref: Reference, rest: str) -> bool:
    """``Die Stadt im Wandel. 2. Aufl. München: Beck 2005[, S. 12].`` and the footnote form
    ``Die Stadt im Wandel, 2. Aufl., München 2005, S. 12`` (pages cited: a locator).  A cut
    the area starts right after wins ("Datenreport 2021. Ein Sozialbericht. Bonn: bpb 2021"
    keeps its subtitle); failing that, the first sentence after which an imprint follows."""
    cuts = _area_cuts(rest)
    ordered = [c for c in cuts if _starts_area(rest[c.end() :])] + [c for c in cuts if not c.group(0).startswith(",")]
    for cut in ordered:
        if _publication(ref, rest[cut.end() :], keep_pages=False):
            ref.set("title", rest[: cut.start()].strip())
            ref.type = "book"
            return True
    return False


# German and Austrian legal and humanities notes: "Luhmann, Rechtssoziologie (1972), 239.",
# "Flecker, Arbeit und Beschäftigung (2017), 9-44.", "Böhle, Arbeit als Handeln, in
# Böhle/Voß/Wachtler (Hrsg), Handbuch Arbeitssoziologie (2010), 151-176." — family names only
# (joined by "/"), the title, the year in parentheses, then at most the page cited.
_FAMILY = r"[A-ZÄÖÜ][\w'’]+(?:-[A-ZÄÖÜ][\w'’]+)?"
_SHORT_NOTE = re.compile(
    rf"^(?P<names>{_FAMILY}(?:\s*/\s*{_FAMILY}){{0,3}}(?:\s+et\s+al)?),\s+(?P<title>[^()]+?)"
    rf"(?:,\s+in\s+(?P<eds>{_FAMILY}(?:\s*/\s*{_FAMILY}){{0,4}}(?:\s+et\s+al)?)\s*\((?:Hrsg|Hg|eds?)\.?\),\s+(?P<book>[^()]+?))?"
    r"\s*\((?:(?P<ed>\d+)\.?\s*Aufl\.?\s*)?(?P<year>(?:1[5-9]|20)\d\d)\)"
    r"(?:,?\s*(?P<loc>(?:§\s*)?\d+(?:\s*[-–]\s*\d+)?(?:\s*\(\d+\s*ff?\.?\))?(?:\s*ff?\.?)?(?:,\s*\d+(?:\s*[-–]\s*\d+)?)*))?\s*\.?$"
)


def parse_german_short_note(text: str) -> Reference | None:
    """``Family, Title (Year), page`` notes (family names only); None for any other shape.

    A single-word "title" of fewer than eleven letters is taken for a given name ("Smith, John
    (2010), 45" is a name and a year), so the rule keeps away from it."""
    plain = _SIGNAL.sub("", normalize_space(strip_markup(text)).strip())
    m = _SHORT_NOTE.match(plain)
    if not m:
        return None
    title = m.group("title").strip().rstrip(",")
    if " " not in title and len(title) < 11:
        return None
    ref = Reference(type="book", raw=normalize_space(text))
    ref.names["author"] = [Name(family=f.strip()) for f in re.split(r"\s*/\s*", re.sub(r"\s+et\s+al$", "", m.group("names")))]
    if m.group("names").endswith("et al"):
        ref.truncated.append("author")
    ref.set("title", title)
    ref.dates["issued"] = Date(int(m.group("year")))
    if m.group("ed"):
        ref.set("edition", m.group("ed"))
    if m.group("book"):
        ref.type = "chapter"
        ref.set("container-title", m.group("book").strip())
        ref.names["editor"] = [Name(family=f.strip()) for f in re.split(r"\s*/\s*", re.sub(r"\s+et\s+al$", "", m.group("eds")))]
        loc = m.group("loc") or ""
        pages = re.match(r"\d+\s*[-–]\s*\d+", loc)
        if pages:  # the chapter's pages (a page cited after them in parentheses is a locator)
            ref.set("page", _pages(pages.group(0)))
    return ref

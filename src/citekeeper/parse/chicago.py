"""Chicago/Turabian notes (and the notes forms of other styles) -> ``Reference``.

A note puts the imprint in parentheses after the title, names first name first:

* ``John Smith, The History of Things (New York: Oxford University Press, 2010), 45.`` (book)
* ``Jane Doe and John Roe, eds., Urban Studies Reader (London: Routledge, 2005), 3–10.``
* ``Mary Black, "Women in Cities," in Urban Lives, ed. John White (Chicago: University of
  Chicago Press, 2001), 101–20.`` (chapter: book, editors, the chapter's pages)
* ``U.S. Census Bureau, American Community Survey (Washington, DC, 2019).`` (place, year)

The parenthesised imprint ``(Place: Publisher, Year)`` / ``(Place, Year)`` is the mark: the
parser returns None without it, so journal notes (``"Title," Journal 120, no. 3 (2015):
45–67``) stay with the IEEE/author-date rules that read them, and anything else with the
model.  The page after a book's imprint is the page the note cites (a locator), not kept as
the book's pages; after a chapter's it is the chapter's pages.
"""

from __future__ import annotations

import re

from citekeeper.model import Date, Name, Reference
from citekeeper.parse.names import is_org, split_names
from citekeeper.parse.text import normalize_space, strip_markup

_YEAR = r"(?:1[5-9]|20)\d\d[a-z]?"
# "(New York: Oxford University Press, 2010)", "(Washington, DC, 2019)", "(Paris: Minuit, 1979)"
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?|Spring|Summer|Fall|Autumn|Winter")
_IMPRINT = re.compile(
    rf"\s*\((?:(?P<place>[^():;\d/]{{2,60}}?):\s*(?P<pub>[^():;\d/]{{2,100}}?)|"
    rf"(?!(?:{_MONTH})\b)(?P<place2>[A-Z][^():;,\d/]{{1,40}}(?:,\s*[A-Z]{{2}})?)),\s*"
    rf"(?P<year>{_YEAR})\)"
)
_TAIL = re.compile(r"^[,:]?\s*(?P<pages>[\dIVXLCivxlc]+(?:\s*[-–—]\s*[\dIVXLCivxlc]+)?(?:\s*n\.\s*\d+)?)?\s*\.?$")
_QUOTED = re.compile(r"^(?P<names>[^“\"‘]{2,300}?),\s*[“\"‘](?P<title>[^”\"’]{3,}?)[,.]?[”\"’],?\s*(?P<rest>.*)$")
_IN_BOOK = re.compile(
    r"^in\s+(?:(?P<eds2>[^,()]+?)\s+\((?:eds?|editors?)\.?\),\s*)?(?P<book>.+?)"
    r"(?:,\s*(?:ed\.|eds\.|edited\s+by)\s+(?P<eds>.+?))?(?:,\s*(?P<vol>vol\.\s*\d+))?$"
)
_TITLE_EXTRAS = re.compile(r",\s*(?:(?:ed|eds|trans|comp)\.|edited\s+by|translated\s+by)\s+.+$|,\s*\d+(?:st|nd|rd|th)\s+ed\.$")
_PARTICLE = {"van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "la", "le", "ter", "ten", "al", "bin", "ibn"}


def _names_like(text: str) -> bool:
    """A note's names: first name first, capitalised words (particles aside), ``and`` between."""
    if is_org(text):
        return True
    for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text):
        words = piece.split()
        if not 2 <= len(words) <= 5:
            return False
        if any(not (w[:1].isupper() or w in _PARTICLE) for w in words):
            return False
    return True


def _names(text: str) -> list[Name]:
    """Notes print every name first name first: ``John E. Owens``, ``Jane Doe and John Roe``,
    ``Ludwig van Beethoven``; suffixes (``Jr.``) go through ``names.split_names``."""
    if is_org(text) and " and " not in text:
        return [Name(literal=text.strip())]
    out: list[Name] = []
    for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text.strip()):
        words = piece.split()
        if not words:
            continue
        if re.fullmatch(r"(?:Jr|Sr)\.?|I{2,3}|IV", words[-1]):
            out.extend(split_names(piece).names)
            continue
        cut = len(words) - 1
        while cut > 1 and words[cut - 1].lower() in _PARTICLE:
            cut -= 1  # "Ludwig van Beethoven": the particle goes with the family name
        last = len(words) - 1
        out.append(Name(family=words[last], given=" ".join(words[:cut]), particle=" ".join(words[cut:last])))
    return out


def parse_chicago_note(text: str) -> Reference | None:
    """Parse one notes-style citation with a parenthesised imprint; None without one."""
    plain = normalize_space(strip_markup(text)).strip()
    imp = _IMPRINT.search(plain)
    if not imp:
        return None
    tail = _TAIL.match(plain[imp.end() :])
    if not tail:
        return None  # more after the imprint than a page: not this shape
    head = plain[: imp.start()].strip().rstrip(",")
    if " // " in head or re.search(r"\bURL\b|https?://", head):
        return None  # GOST or a web citation with a parenthesis of its own
    ref = Reference(type="book", raw=normalize_space(text))
    place = (imp.group("place") or imp.group("place2") or "").strip()
    if imp.group("pub") is None and re.fullmatch(r"[A-Z][\w.&' \-]+(?:Press|Verlag|Publishers?|Books)", place):
        ref.set("publisher", place)  # "(Oxford University Press, 2010)": a publisher, no place
    else:
        ref.set("publisher-place", place)
        ref.set("publisher", (imp.group("pub") or "").strip())
    ref.dates["issued"] = Date(int(imp.group("year")[:4]))
    pages = (tail.group("pages") or "").strip()

    quoted = _QUOTED.match(head)
    if quoted:
        if not _names_like(quoted.group("names")):
            return None
        ref.names["author"] = _names(quoted.group("names"))
        ref.set("title", quoted.group("title").strip())
        book = _IN_BOOK.match(quoted.group("rest").strip().rstrip(","))
        if not book:
            return None  # a journal or a site after the quoted title: other rules read those
        ref.type = "chapter"
        ref.set("container-title", book.group("book").strip())
        if book.group("eds") or book.group("eds2"):
            ref.names["editor"] = _names(book.group("eds") or book.group("eds2"))
        if book.group("vol"):
            ref.set("volume", re.sub(r"\D", "", book.group("vol")))
        if pages:
            ref.set("page", re.sub(r"\s*[-—]\s*", "–", pages))
        return ref
    if re.search(r"[“\"‘]", head) or (". " in head and "," not in head):
        return None  # a quoted title not read above, or "Names. Title": not a note's head
    parts = head.split(", ")
    title = head
    if len(parts) >= 2 and not _names_like(parts[0]):
        return None  # "Wilhelm, Kurt, Title": a bibliography's inverted names, for the model
    if len(parts) >= 2:
        role = re.fullmatch(r"(eds?|editors?|trans|comp)\.?", parts[1].strip())
        if role and len(parts) >= 3:  # "Jane Doe and John Roe, eds., Urban Studies Reader"
            ref.names["translator" if role.group(1).startswith("trans") else "editor"] = _names(parts[0])
            title = ", ".join(parts[2:])
        elif not role:
            ref.names["author"] = _names(parts[0])
            title = ", ".join(parts[1:])
    title = _TITLE_EXTRAS.sub("", title.strip()).strip()
    if not title:
        return None
    ref.set("title", title)
    return ref

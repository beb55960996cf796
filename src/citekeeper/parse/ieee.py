"""IEEE-style entries (names, a quoted title, then comma-separated parts) -> ``Reference``.

``[1] A. B. Smith and C. Doe, "Title," *J. Appl. Phys.*, vol. 3, no. 2, pp. 1–5, Mar. 2010,
doi: …`` and, for conference papers, ``"Title," in *Proc. X*, City, 2010, pp. 1–5``.  The
quoted title is the mark of the style: the parser returns None without it.  Names may be
in any order (``A. B. Smith`` or ``Smith A. B.``): the list is read by ``parse.names``.
"""

from __future__ import annotations

import re

from citekeeper.model import Date, Reference
from citekeeper.parse.common import MONTHS, take_doi, take_url
from citekeeper.parse.names import split_names
from citekeeper.parse.text import normalize_space, strip_markup

# IEEE closes the title with a comma ("Title,"): a period ("Title.") is Chicago or MLA
_HEAD = re.compile(r"^(?:\[\d+\]\s*|\d+\.\s+)?(?P<names>[^“\"”]{2,400}?),?\s+[“\"](?P<title>[^”\"]{3,}?)(?:,[”\"]|[”\"],)\s*(?P<rest>.*)$")
_GENRE = re.compile(
    r"^(?:Ph\.?\s?D\.?|M\.?\s?S\.?c?\.?|M\.?\s?A\.?|B\.?\s?S\.?|Master'?s|Doctoral|Diploma)\s+(?:thesis|dissertation)|"
    r"^(?:Tech(?:nical)?\.?\s+Rep(?:ort)?\.?|Research\s+Report|Working\s+Paper)",
    re.IGNORECASE,
)
_PART = re.compile(
    r"^(?:(?:vol|Vol|Bd)\.\s*(?P<vol>[\w\-–]+)(?:\s*\((?:[A-Z][a-z]+\.?,?\s*)?(?P<yearv>(?:1[5-9]|20)\d\d)\))?|"
    r"(?P<pages2>[A-Za-z]?\d+(?:\s*[-–]\s*\d+)?)\s*\((?P<year2>(?:1[5-9]|20)\d\d)\)|(?:no|No|nr|iss)\.\s*(?P<iss>[\w\-–/]+)|"
    r"(?:pp?|S)\.\s*(?P<pages>[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–—]\s*[A-Za-z]?\d+[A-Za-z]?)?)|"
    r"Art(?:icle)?\.?\s*(?:no\.\s*)?(?P<art>\w+)|"
    r"(?:(?P<month>[A-Z][a-z]{2,8})\.?(?:\s*[-–/]\s*[A-Z][a-z]{2,8}\.?)?\s+)?(?:(?P<day>\d{1,2}),?\s+)?(?P<year>(?:1[5-9]|20)\d\d)[a-z]?)$"
)
# "Philosophisches Jahrbuch, 83 (1976)": a volume has four digits at most ("187901 (2002)" is a
# physics article number after "Physical Review Letters 89"), and "Vol." is no journal.
_VOL_YEAR = re.compile(
    r"^(?:(?!(?:[Vv]ol|Bd|[Nn]o)\.)(?P<journal>.+?)\s+)?(?P<vol>\d{1,4})\s*\((?:[A-Z][a-z]+\.?,?\s*)?(?P<year>(?:1[5-9]|20)\d\d)\)$"
)
_CONF = re.compile(
    r"\b(?:Proc\.|Proceedings|Conf\.|Conference|Symp\.|Symposium|Workshop|Congress|Meeting|Forum|Colloquium)", re.IGNORECASE
)
# "Virginia Beach", "New York, NY", "USA": a place is a few capitalised words with no event word
_PLACE_PART = re.compile(r"^(?:[A-Z][\w.\-]*|[A-Z]{2,3})(?:\s+[A-Z][\w.\-]*){0,2}$")


def _thesis_or_report(ref: Reference, parts: list[str]) -> Reference | None:
    ref.set("genre", parts[0].rstrip("."))
    ref.type = "thesis" if re.search(r"thesis|dissertation", parts[0], re.IGNORECASE) else "report"
    rest = []
    for part in parts[1:]:
        pm = _PART.match(part.rstrip("."))
        if pm and pm.group("year"):
            ref.dates["issued"] = Date(int(pm.group("year")))
        elif pm and pm.group("pages"):
            ref.set("page", pm.group("pages"))
        else:
            rest.append(part.rstrip("."))
    if rest:
        ref.set("publisher", ", ".join(rest))  # the school or institution (Zotero: University)
    return ref if "issued" in ref.dates else None


def parse_ieee(text: str) -> Reference | None:
    """Parse one IEEE-style entry; None without a quoted title after the names."""
    plain = normalize_space(strip_markup(text))
    m = _HEAD.match(plain)
    if not m or re.search(r"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)", m.group("names")):
        return None  # "(1968)" after the names: author-date with a quoted title
    names = split_names(m.group("names"))
    if not names.names or any(not (n.given or n.literal) for n in names.names):
        return None
    ref = Reference(type="document", raw=normalize_space(text))
    ref.names["author"] = names.names
    ref.set("title", m.group("title").strip().rstrip(",."))
    rest = m.group("rest")
    doi, rest = take_doi(rest)
    url, rest = take_url(rest)
    rest = re.sub(r"[,.]?\s*(?:\[Online\]\.?|Available\s*:?|\b\d{7,8}\b)\s*", " ", rest).strip().rstrip(".,;")
    ref.set("DOI", doi)
    ref.set("URL", url)
    if re.search(r"\([^()]*:\s*[^()]*(?:1[5-9]|20)\d\d\)", rest):
        return None  # "(London: Faber, 1995)": Oxford/Chicago notes, not IEEE
    conference = bool(re.match(r"^in\s+", rest, re.IGNORECASE))
    rest = re.sub(r"^in:?\s+", "", rest, flags=re.IGNORECASE)
    parts = [p.strip() for p in re.split(r",\s+", rest) if p.strip()]
    genre = _GENRE.match(parts[0]) if parts else None
    if genre:  # "Ph.D. dissertation, Stanford University, 2011" / "Tech. Rep. 12, MIT, 2001"
        return _thesis_or_report(ref, parts)
    container: list[str] = []
    places: list[str] = []
    found = False
    for part in parts:
        vy = _VOL_YEAR.match(part.rstrip("."))
        if vy and not found:  # "Philosophisches Jahrbuch, 83 (1976)" / "ETL 64 (1988)"
            if vy.group("journal"):
                container.append(vy.group("journal"))
            ref.set("volume", vy.group("vol"))
            ref.dates["issued"] = Date(int(vy.group("year")))
            found = True
            continue
        pm = _PART.match(part.rstrip("."))
        if not pm:
            event = bool(container) and bool(_CONF.search(container[0]))
            if found or ((conference or event) and container and (places or _PLACE_PART.match(part)) and not _CONF.search(part)):
                places.append(part)  # "in Proc. X, New York, NY, USA, 2010": the place
            else:
                container.append(part)  # "Proceedings of the AIAA Guidance, Navigation and Control Conference"
            continue
        found = True
        for field, group in (("volume", "vol"), ("issue", "iss"), ("page", "pages"), ("number", "art"), ("page", "pages2")):
            if pm.group(group):
                ref.set(field, re.sub(r"\s*[-–—]\s*", "–", pm.group(group)))
        if pm.group("pages2") and container and not ref.get("volume"):
            # physics: "Physical Review Letters 89, 187901 (2002)": the volume ends the journal
            vol = re.search(r"\s+(\d+[A-Z]?)$", container[-1])
            if vol:
                ref.set("volume", vol.group(1))
                container[-1] = container[-1][: vol.start()]
        year = pm.group("yearv") or pm.group("year2")
        if year:
            ref.dates["issued"] = Date(int(year))
        if pm.group("year"):
            month = MONTHS.get((pm.group("month") or "").lower()[:3]) if pm.group("month") else None
            ref.dates["issued"] = Date(int(pm.group("year")), month, int(pm.group("day")) if pm.group("day") and month else None)
    if not container or not found:
        return None
    ref.set("container-title", ", ".join(container).rstrip("."))
    if places and (conference or _CONF.search(ref.get("container-title"))):
        ref.set("publisher-place", ", ".join(places))  # Zotero's Place of a conference paper
    if conference or (_CONF.search(ref.get("container-title")) and not ref.get("volume")):
        ref.type = "paper-conference"
    else:
        ref.type = "article-journal"
    return ref

"""Author-date (APA-like) reference-list entries -> ``Reference``.

Handles ``Family, A. B., & Family, C. (Year). Title. *Journal*, 12(3), 45–67.``,
books (``*Title*. Place: Publisher.``), chapters (``In A. Editor (Ed.), *Book*
(pp. x–y). Place: Publisher.``), theses (``[MA thesis]``), ``(Ed.)/(Eds.)`` authors,
``Retrieved from URL``, ``(In Russian)``, ``EDN: XXXXXX`` and DOIs in any form.  The
italic spans of the source (``*...*``) are used when present to tell the container from
the title; without them the rules fall back on punctuation.
"""

from __future__ import annotations

import re

from citekeeper.model import Date, Name, Reference
from citekeeper.parse import names as names_mod
from citekeeper.parse.common import (
    parse_date,
    take_accessed,
    take_doi,
    take_edn,
    take_isbn,
    take_language,
    take_url,
)
from citekeeper.parse.gost import take_publication_areas
from citekeeper.parse.outlets import is_news_name
from citekeeper.parse.text import italic_spans, normalize_space, strip_markup

_HEAD = re.compile(
    r"^(?P<names>.*?)\s*\((?P<date>(?:1[5-9]|20)\d\d[a-z]?(?:,\s*[^)]*)?|n\.\s?d\.|in press|forthcoming)\)\.?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ED_ROLE = re.compile(
    r"\s*\((?:Eds?|Ed|Hrsg|Hrsgg|Hrg|Hgg?|Red|Ред|Comp|Comps|dir|éds?|coord|orgs?|ed\.\s*lit)\.?\s*\)\.?\s*$", re.IGNORECASE
)
_GENRE = re.compile(
    r"\s*\[([^\]]*(?:thesis|dissertation|диссертац|report|Doctoral|PhD|MA|MSc|data\s*set|software|computer\s+program)[^\]]*)\]",
    re.IGNORECASE,
)
_BRACKET_DESC = re.compile(r"\s*\[([^\]]+)\]")
_IN_CHAPTER = re.compile(
    r"^(?P<title>.+?[.?!])\s+(?:In|Dans|En|Em):?\s+(?:(?P<eds>.+?)\s+\((?:[Ee]ds?|Hrsg|Hrsgg|Hrg|Hgg?|[Cc]omps?|Ред|[Dd]ir|[ÉéEe]ds?|[Cc]oord|[Oo]rgs?)\.?\s*\),?\s+)?(?P<book>.+?)"
    # "(pp. 3–21)", "(Vol. 2, pp. 3–21)", "(2. Aufl., S. 83–109)", and a bare "(63–78)"
    # "Perspectives cognitives, 3 (pp. 167-193)": the book's volume before its pages
    r"(?:(?:,\s*(?:[Vv]ol\.\s*)?(?P<bvol>\d{1,3}))?\s+\((?:(?:Vol\.|Т\.)\s*(?P<vol>[^,)]+),\s*)?(?:(?:[^()]*?,\s*)?(?:pp?\.|С\.|S\.)\s*(?P<pages>[^)]+)|"
    r"(?P<bare>\d+\s*[–—-]\s*\d+))\))?\.\s*(?P<pub>.*)$"
)
_PROCEEDINGS = re.compile(
    r"\b(?:Proceedings|Proc\.|Conference|Symposium|Congress|Workshop|Материалы|конференци)", re.IGNORECASE
)
# The place at the end of a conference's name: one or two capitalised words, twice at most.
_CONF_PLACE = re.compile(r",\s+((?:[A-Z][\w.\-]+(?:\s[A-Z][\w.\-]+)?)(?:,\s+[A-Z][\w.\-]+(?:\s[A-Z][\w.\-]+)?)?)$")
_PUBLISHER_WORDS = re.compile(
    r"\b(?:Press|Publish\w*|Verlag|Books|Kaufmann|Elsevier|Springer|Wiley|Routledge|Sage|Macmillan|"
    r"University|Inc\.?|Ltd\.?|Издательство|Изд-во|Nauka|Наука)\b"
)
_PAGES_RX = r"[A-Za-z]?\d+(?:\s*[–—-]\s*[A-Za-z]?\d+)?"
# ", 12(3), 45–67."  ", (26), 114–137."  ", Vol. 18 (3), 403 – 418."  ", 23, 194."
_VOL_ISS_PAGES = re.compile(
    rf",\s*(?:Vol\.\s*)?(?P<vol>\d+[A-Za-z]?(?:[–-]\d+)?|[IVXLC]+)?\s*(?:\((?P<iss>[^)]+)\))?"
    rf"(?:(?:,\s*|:\s*)(?:pp?\.\s*)?(?P<pages>{_PAGES_RX}))?\.?\s*$"  # ", 45–67" or "(3):345–357"
)
# ", 75, 3, 250-253." — volume, issue and pages by position, no parentheses (German APA variants)
_VOL_COMMA_ISS = re.compile(
    r",\s*(?P<vol>\d+),\s*(?P<iss>\d+(?:[/–-]\d+)?),\s*(?:S\.\s*|pp?\.\s*)?(?P<pages>\d+\s*[–—-]\s*\d+)\.?\s*$"
)
# "Brain Research Reviews 20, 91–127."  (volume after the journal name with no comma)
_VOL_PAGES_SPACE = re.compile(
    rf"(?:(?<=[A-Za-z.])|,?\s*Vol\.)\s+(?P<vol>\d+)\s*(?:\((?P<iss>[^)]+)\))?[,:]\s*(?:pp?\.\s*)?(?P<pages>{_PAGES_RX})\.?\s*$"
)
# The quote that closes the title is followed by punctuation, a capital or the end: "“Thing is”
# constructions: …" starts with a quoted phrase and goes on.
_QUOTED_TITLE = re.compile(r"^[“\"«](?P<title>.+?)[,.]?[”\"»](?=[,.:;]|\s+[A-Z(\[]|\s*$)[,.]?\s*(?P<rest>.*)$")
# "College & Research Libraries, Vol. 29 No. 4, pp. 310-12." (Emerald, Harvard variants)
_VOL_NO_PAGES = re.compile(
    rf",\s*Vol\.\s*(?P<vol>[\w\-]+),?\s*(?:No\.|Iss\.|Issue)\s*(?P<iss>[\w\-/]+)(?:,\s*pp?\.\s*(?P<pages>{_PAGES_RX}))?\.?\s*$"
)
_RETRIEVED_FROM = re.compile(
    r"\.?\s*(?:Retrieved|Accessed)\s+(?:on\s+)?(?P<date>[A-Z][a-z]+\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}),?\s+from\s+(?P<src>[^.]+)\.?$"
)
_EDITION_PAREN = re.compile(
    r"\s*\((?P<ed>(?:\d+\w{0,4}|first|second|third|fourth|fifth|revised|rev\.|new|expanded)\s*"
    r"(?:ed|edn|edition|изд)\.?)\)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.?!]\s+(?=\S)")
_ABBREV_BEFORE = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|[A-Z])$")
_PLACE_PUB = re.compile(r"^(?P<place>[^:]{2,60}?)\s*:\s*(?P<pub>[^:]+?)$")


def _names_like(text: str) -> bool:
    """Could this be the author part of ``Names (Year).``? (not a title, not a whole citation)"""
    t = text.strip()
    if not t or len(t) > 400 or re.search(r"[“”\"«»:;]|\d", t):
        return False
    return t[0].isupper() or t[0] in "'’"


def split_names(text: str) -> list[Name]:
    """``Kanaev, E. A., & Korolev, A. S.`` -> two names; institutions stay literal."""
    return names_mod.split_names(text).names


def split_names_given_first(text: str) -> list[Name]:
    """Editors in ``In A. B. Editor & C. Other (Eds.)``: the list's order is decided as any other."""
    return names_mod.split_names(text).names


_ABBREV_END = re.compile(r"\b(?:publ|Publ|Pub|Inc|Ltd|Co|Corp|Bros|izd|Izd|изд|Изд|etc)\.$")


def strip_final_period(text: str) -> str:
    """Drop the sentence's closing period, not an abbreviation's (``Suita publ.``, ``Inc.``)."""
    text = text.strip()
    if text.endswith(".") and not _ABBREV_END.search(text):
        text = text[:-1].rstrip()
    return text


def _place_publisher(ref: Reference, text: str) -> None:
    text = strip_final_period(text)
    if not text:
        return
    m = _PLACE_PUB.match(text)
    if m:
        ref.set("publisher-place", m.group("place"))
        ref.set("publisher", m.group("pub"))
    else:
        ref.set("publisher", text)


def parse_authordate(text: str) -> Reference | None:
    """Parse one author-date entry; None when it does not have the ``Names (Year).`` shape."""
    source = normalize_space(text)
    italics = [normalize_space(s) for s in italic_spans(source)]
    plain = normalize_space(strip_markup(source))
    m = _HEAD.match(plain)
    if not m or not _names_like(m.group("names")) or not m.group("rest").strip():
        return None
    ref = Reference(type="document", raw=source)
    names = m.group("names").strip()
    rest = m.group("rest").lstrip(":,").strip()  # "Names (2006): Title" (German), "(1968), “Title”"
    date = m.group("date")
    role = "author"
    if _ED_ROLE.search(names):
        role = "editor"
        names = _ED_ROLE.sub("", names)
    ref.names[role] = split_names(names)
    year = re.match(r"\d{4}", date)
    if year:
        d = parse_date(date.split(",", 1)[1].strip() + " " + year.group(0)) if "," in date else None
        ref.dates["issued"] = d if d and d.year else Date(int(year.group(0)))
    else:
        ref.dates["issued"] = Date(literal=date)

    original = re.search(r"\s*\(Original\s+work\s+published\s+((?:1[5-9]|20)\d\d)\)\.?", rest, re.IGNORECASE)
    if original:  # APA: "(Original work published 1938)"
        ref.dates["original-date"] = Date(int(original.group(1)))
        rest = rest[: original.start()] + rest[original.end() :]
    translator = re.search(r"\s*\((?P<names>[^()]{3,200}?),\s*(?:Trans|Übers|Hrsg\.\s*u\.\s*übers|Trad)\.\)\.?", rest)
    if translator:  # APA: "(A. Berman, Trans.)"
        ref.names["translator"] = split_names(translator.group("names"))
        rest = rest[: translator.start()] + rest[translator.end() :]
    doi, rest = take_doi(rest)
    edn, rest = take_edn(rest)
    isbn, rest = take_isbn(rest)
    lang, rest = take_language(rest)
    accessed, rest = take_accessed(rest)
    url, rest = take_url(rest)
    retrieved = _RETRIEVED_FROM.search(rest)
    if retrieved:
        accessed = accessed or parse_date(retrieved.group("date"))
        ref.set("archive", retrieved.group("src").strip())
        rest = rest[: retrieved.start()] + "."
    rest = rest.strip().rstrip(";,").strip()
    ref.set("DOI", doi)
    ref.set("URL", url)
    ref.set("language", lang)
    if edn:
        ref.identifiers["EDN"] = edn
    if isbn:
        ref.set("ISBN", isbn)
    if accessed:
        ref.dates["accessed"] = accessed

    edition = _EDITION_PAREN.search(rest)
    if edition:
        ref.set("edition", edition.group("ed"))
        rest = normalize_space(rest[: edition.start()] + rest[edition.end() :])
    genre = _GENRE.search(rest)
    if genre:
        ref.set("genre", genre.group(1))
        rest = rest[: genre.start()] + rest[genre.end() :]
        rest = normalize_space(rest)
        if re.search(r"data\s*set|software|program", genre.group(1), re.IGNORECASE):
            # APA: "Title (Version 2) [Data set]. Zenodo." — the publisher after the title
            cut = rest.rstrip(". ").rfind(". ")
            if cut > 0:
                ref.set("title", _title(rest[:cut]))
                ref.set("publisher", strip_final_period(rest[cut + 2 :]))
                ref.type = "dataset" if "data" in genre.group(1).lower() else "software"
                return ref

    chapter = _IN_CHAPTER.match(rest)
    lead_italic = next((s for s in italics if rest.startswith(s)), None)
    if chapter and not lead_italic:
        ref.type = "chapter"
        ref.set("title", _title(chapter.group("title")))
        if chapter.group("eds"):
            ref.names["editor"] = split_names_given_first(chapter.group("eds"))
        ref.set("container-title", _title(chapter.group("book")))
        if chapter.group("vol") or chapter.group("bvol"):
            ref.set("volume", chapter.group("vol") or chapter.group("bvol"))
        if chapter.group("pages") or chapter.group("bare"):
            ref.set("page", chapter.group("pages") or chapter.group("bare"))
        _place_publisher(ref, chapter.group("pub"))
        if _PROCEEDINGS.search(ref.get("container-title")):
            ref.type = "paper-conference"
            place = _CONF_PLACE.search(ref.get("container-title"))
            if place and not ref.get("publisher-place"):
                # "In 14th World Conference on Earthquake Engineering, Beijing, China."
                ref.set("publisher-place", place.group(1))
                ref.set("container-title", ref.get("container-title")[: place.start()])
    elif lead_italic:
        # *Book title*. Place: Publisher.  (also theses and reports)
        ref.set("title", _title(lead_italic))
        after = rest[len(lead_italic) :].strip().lstrip(".").strip()
        desc = _BRACKET_DESC.match(after)
        if desc:
            ref.set("genre", desc.group(1))
            after = after[desc.end() :].strip().lstrip(".").strip()
        genre_text = ref.get("genre").lower()
        if ref.url and after and ":" not in after and not _PUBLISHER_WORDS.search(after):
            # APA web page: "*Title of page*. Site Name. URL"
            ref.type = "webpage"
            ref.set("container-title", strip_final_period(after))
            return ref
        _place_publisher(ref, after)
        if any(w in genre_text for w in ("thesis", "dissertation", "диссертац")):
            ref.type = "thesis"
        elif "report" in genre_text:
            ref.type = "report"
        else:
            ref.type = "book"
    else:
        _article(ref, rest, italics)
    if ref.type in ("document",) and ref.get("URL") and not ref.get("container-title"):
        ref.type = "webpage"
    return ref


def _title(text: str) -> str:
    t = text.strip()
    if t.endswith(".") and not re.search(r"\b[A-Z]\.$|\betc\.$", t):
        t = t[:-1]
    return t.strip()


def _article(ref: Reference, rest: str, italics: list[str]) -> None:
    """``Title. Container, vol(iss), pages.`` — or, failing that, a bare title."""
    container = next((s for s in italics if s in rest and not rest.startswith(s)), None)
    if container:
        pos = rest.find(container)
        ref.set("title", _title(rest[:pos]))
        ref.set("container-title", container.strip().rstrip(",."))
        after = rest[pos + len(container) :]
        tm = _VOL_ISS_PAGES.search(after)
        if tm:
            _vol_iss_pages(ref, tm)
        if ref.get("volume") or ref.get("issue") or ref.get("page"):
            ref.type = "article-journal"
        elif is_news_name(container):
            ref.type = "article-newspaper"
        elif ref.url:
            ref.type = "webpage"
        else:
            ref.type = "article-journal"
        return
    quoted = _QUOTED_TITLE.match(rest)
    title = ""
    if quoted:
        title, rest = quoted.group("title"), quoted.group("rest")
    tail = _VOL_NO_PAGES.search(rest) or _VOL_COMMA_ISS.search(rest) or _VOL_PAGES_SPACE.search(rest)
    if not tail:
        tail = _VOL_ISS_PAGES.search(rest)
        if tail and not (tail.group("vol") or tail.group("iss") or re.search(r",\s*pp?\.\s*\d", tail.group(0))):
            tail = None
    if tail:
        head = rest[: tail.start()].strip()
        if not title:
            # The container is the last sentence before the volume; the title is before it.
            # (not after an abbreviation: "Title. J. Neurophysiol. 84, 3072")
            cuts = [c for c in _SENTENCE_END.finditer(head) if not _ABBREV_BEFORE.search(head[: c.start()])] or list(
                _SENTENCE_END.finditer(head)
            )
            if cuts:
                cut = cuts[-1]
                title, head = head[: cut.start() + 1], head[cut.end() :]
        if title:
            ref.set("title", _title(title))
            ref.set("container-title", head.strip().rstrip(",."))
            _vol_iss_pages(ref, tail)
            ref.type = "article-journal"
            return
    if title:
        ref.set("title", _title(title))
        ref.set("container-title", rest.strip().rstrip(",."))
        ref.type = "article-journal" if rest.strip() else "document"
        return
    # Book without italics: "Title. Place: Publisher." or (APA 7) "Title. Publisher."
    m = re.match(r"^(?P<title>.+?[.?!])\s+(?P<pub>(?:[^.]{2,60}?|[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,4}\.)\s*:\s*[^:]+)$", rest)
    if m:
        ref.set("title", _title(m.group("title")))
        _place_publisher(ref, m.group("pub"))
        ref.type = "book"
        return
    dot = rest.rstrip(".").rfind(". ")
    if dot > 0 and _PUBLISHER_WORDS.search(rest[dot + 2 :]) and len(rest[dot + 2 :].split()) <= 8:
        ref.set("title", _title(rest[: dot + 1]))
        _place_publisher(ref, rest[dot + 2 :])
        ref.type = "book"
        return
    # GOST/ISO 690 areas after the title: "Title. Jakarta, 2022. 250 p." (parse.gost reads them)
    before_areas = take_publication_areas(ref, rest)
    if before_areas:
        dot = before_areas.rfind(". ")
        if (dot > 0 and not ref.get("publisher") and _PUBLISHER_WORDS.search(before_areas[dot + 2 :])
                and len(before_areas[dot + 2 :].split()) <= 8):
            # "Title. Boca Raton. CRC Press. 392 pp.": the publisher before the page count
            _place_publisher(ref, before_areas[dot + 2 :])
            before_areas = before_areas[: dot + 1]
        ref.set("title", _title(before_areas))
        ref.type = "book"
        return
    ref.set("title", _title(rest))


def _vol_iss_pages(ref: Reference, m: re.Match[str]) -> None:
    if m.group("vol"):
        ref.set("volume", m.group("vol"))
    if m.group("iss"):
        ref.set("issue", m.group("iss"))
    if m.group("pages"):
        ref.set("page", re.sub(r"\s*[—-]\s*", "–", m.group("pages")).replace(" – ", "–"))

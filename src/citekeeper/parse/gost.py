"""GOST R 7.0.5-style citations (the footnote style of Russian journals) -> ``Reference``.

The shape is ``Author A. B. Title : subtitle / ed. by C. D. Editor // Container. Place :
Publisher, Year. Vol. 1, No. 2. P. 3–4. (In Russian). URL: <…> (accessed: DD.MM.YYYY).``
— areas separated by ``. ``, the part of a larger work after ``//``.  The parser peels
the unambiguous elements first (access date, URL, DOI, EDN, language), then splits at
``//`` and reads the areas.  English-language renderings (``P.``, ``No.``, ``ed. by``)
and Russian ones (``С.``, ``№``, ``под ред.``) are both understood.
"""

from __future__ import annotations

import re

from citekeeper.model import Date, Name, Reference
from citekeeper.parse.common import (
    DATE_IN_TEXT,
    GOST_AUTHOR,
    SIGNALS,
    parse_date,
    take_accessed,
    take_doi,
    take_edn,
    take_isbn,
    take_language,
    take_url,
)
from citekeeper.parse.names import is_org, split_names
from citekeeper.parse.outlets import is_news_name
from citekeeper.parse.text import normalize_space, strip_markup

_AUTHORS_HEAD = re.compile(
    rf"^(?P<authors>{GOST_AUTHOR.pattern}(?:(?:,\s*|,?\s+and\s+|\s+и\s+|,?\s*&\s*|\s+){GOST_AUTHOR.pattern})*)"
    rf"(?:,?\s+et\s+al\.|,?\s+и\s+др\.)?,?\s+(?P<rest>\S.*)$"
)
# GOST 7.1 headings put a comma after the family name ("Иванов, И. И. Название / И. И. Иванов"):
# read so only in a description that is GOST by its other marks (APA and MLA heads look alike)
_HEADING_AUTHOR = GOST_AUTHOR.pattern.replace(r")\s+(", r"),\s+(", 1)
_AUTHORS_HEAD_71 = re.compile(rf"^(?P<authors>{_HEADING_AUTHOR})\s+(?P<rest>\S.*)$")
_GOST_71 = re.compile(r"\s//\s|\s/\s|\.\s+[–—]\s|[А-Яа-яЁё]{3}")


# "23. Груздев Н.М. …": a list number before a Cyrillic description (a Latin "[5] Robert C.
# Allen" is left alone: "Robert C." would pass for a GOST "Family I.")
_LIST_NUMBER = re.compile(r"^\s*(?:\[\d+\]|\d{1,3}\.)\s+(?=[А-ЯЁ])")


def _authors_head(text: str) -> re.Match[str] | None:
    return _AUTHORS_HEAD.match(text) or (_AUTHORS_HEAD_71.match(text) if _GOST_71.search(text) else None)


# Marks of a GOST description without "//" or "URL:": a statement of responsibility or a
# standard's number.  (A Russian place alone, "М.: Наука", is not enough: on AnyStyle's Russian
# strings the model reads those better than the rule, 0.887 against 0.864.)
_GOST_MARK = re.compile(
    r"\s/\s*(?:под\s+(?:общ\.\s+|науч\.\s+)?ред\.|отв\.\s+ред\.|ред\.|сост\.|пер\.|ed\.\s*by)|"
    r"^(?:ГОСТ|СНиП|СП|ОСТ)\s"
)
# "Peshekhonov et al., 2016а – Peshekhonov V.G., ..." : an author-year label before the citation.
_KEY_PREFIX = re.compile(r"^[^–—/]{1,80}?,\s*(?:1[5-9]|20)\d\d[a-zа-я]?\s+[–—]\s+(?=\S)")
_GIVEN_FIRST_NAME = r"(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s?-?\s?)+[A-ZА-ЯЁ][\w'’\-]+"
_RESPONSIBILITY = re.compile(
    # "/ ed. by A. B. Editor", "/ под ред. А. Б. Иванова", and the spelled-out "под редакцией проф.
    # В. В. Федынского" that older Russian books print without the slash
    rf"(?:\s/\s*(?P<role>ed\.\s*by|eds?\.|edited\s+by|under\s+the\s+editorship\s+of|comp\.\s*by|"
    rf"transl\.\s*by|translated\s+by|[Пп]од\s+(?:общ\.\s*|науч\.\s*)?ред\.|[Оо]тв\.\s*ред\.|[Рр]ед\.|[Сс]ост\.|[Пп]ер\.|"
    # "/ редкол.: Е. А. Достанко (гл. ред.) [и др.]": an editorial board, its chief editor first
    rf"редкол\.\s*:|ed\.\s+board\s*:)?|"
    rf"\s(?P<role2>под\s+(?:общей\s+|научной\s+)?редакцией))\s*(?:(?:проф|акад|докт|канд)\.\s*)?"
    rf"(?P<names>{_GIVEN_FIRST_NAME}(?:\s*\((?:гл\.\s*ред|chief\s+ed|ed)\.\))?(?:\s*(?:,|and|&|и)\s*{_GIVEN_FIRST_NAME}"
    rf"(?:\s*\((?:гл\.\s*ред|chief\s+ed|ed)\.\))?)*(?:\s*\[?(?:et\s+al|и\s+др)\.\]?)?)\s*(?=\.\s|\.?$|;)",
)
_PLACE_PUB_YEAR = re.compile(
    r"(?:^|(?<=\.\s))(?P<place>(?:St\.\s?|Sankt-|N\.\s?|Нижний\s)?[A-ZА-ЯЁ][^.:,;/]{1,40}?(?:,\s[A-Z]{2})?|[A-ZА-ЯЁ][a-zа-яё]{0,3}\.)"
    # (the publisher never holds a "Place, Year" area: "Title : subtitle. Jakarta, 2015" is one)
    r"\s?:\s?(?P<pub>(?:(?!\.\s+[A-ZА-ЯЁ][\w\-]+,\s*(?:1[5-9]|20)\d\d)[^:;])+?),\s*(?P<year>(?:1[5-9]|20)\d\d)\b"
)
# "Saint-Petersburg, 2016." — a place and a year with no publisher (proceedings, theses).
_PLACE_YEAR = re.compile(
    r"(?:^|(?<=\.\s))(?P<place>(?!(?:Vol|No|Iss|Т|Вып|P|С|pp)\b)[A-ZА-ЯЁ][\w\-]+(?:\s[A-ZА-ЯЁ][\w\-]+)?|[A-ZА-ЯЁ][a-zа-яё]{0,3}\.),"
    r"\s*(?P<year>(?:1[5-9]|20)\d\d)(?=\.|$)"
)
_EDITION = re.compile(
    r"(?:^|(?<=\.\s)|(?<=:\s)|(?<=\(\s)|(?<=\())(?P<e>(?:\d+(?:-?(?:е|st|nd|rd|th))?\s*(?:изд|ed)\.|[Ии]зд\.\s*\d+-?е)"
    r"(?:,?\s*(?:и\s+)?(?:перераб|испр|доп(?:олн)?|стер|rev)\w*\.)*)\)?"
)
_CONFERENCE = re.compile(
    r"\b(?:Proceedings|Proc\.|Conference|Symposium|Workshop|Congress|конференц|симпозиум|Материалы|Труды)",
    re.IGNORECASE,
)
_VOLUME = re.compile(r"\b(?:(?:Vol|Т|Tom|Bd|Band)\.\s*|(?<=\.\s)Т\s+(?=\d))(?P<v>[\w\-–]+)", re.IGNORECASE)
# "Экономическая социология. 10 (1): 13-36." — sociology journals' "volume (issue): pages" with no markers
_VOL_ISS_COLON = re.compile(
    r"(?:^|(?<=\.\s))(?P<v>\d{1,4})\s*\((?P<n>[\d\-–/]+)\)\s*:\s*(?P<p>\d+(?:\s*[–—-]\s*\d+)?)(?=[.,]|$)"
)
_ISSUE = re.compile(r"(?:\b(?:[Nn]o|[Ii]ss|Вып|вып|Nr)\.\s*|\bIssue\s+|№\s*|(?<=\.\s)N\s+(?=\d))(?P<n>\d[\w\-–/]*)")
_PAGES = re.compile(r"\b(?:P|С|C|S|pp?)\.\s*(?P<p>[\dIVXLCivxlc]+(?:\s*[–—-]\s*[\dIVXLCivxlc]+)?)")
# "272 c.": a Latin "c" typed for the Cyrillic "с" of a page count
_NUM_PAGES = re.compile(r"\b(?P<p>\d+)\s*(?:p|с|c|pp|S)\.?(?=\s|$)")
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
# "Title. In: Book. Sofia, 1980": a part of a book the rule cannot read; left to the model
_PART_OF = re.compile(r"[.?!]\s+(?:In|Im|В|Dans|En|Em|W):?\s")
_THESIS = re.compile(
    r"\b(?:Dr\.\s*Sci|Cand\.\s*Sci|PhD|Ph\.\s?D|diss\.|dissertation|thesis|дис\.|диссертац|автореф)",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"^(?:(?:Federal|Constitutional|Federal\s+Constitutional)\s+Law|Law|Order|Decree|Resolution|"
    r"Regulation|Directive|Ordinance|Executive\s+Order|Presidential\s+Decree|Treaty|Convention|Charter|"
    r"Agreement|Protocol|Code|Act|Федеральный\s+закон|Закон|Указ|Постановление|Распоряжение|Приказ|"
    r"Договор|Конвенция|Соглашение|Кодекс)\b",
    re.IGNORECASE,
)
_LEGAL_NUMBER = re.compile(r"\b(?:No\.|№|N)\s*(?P<n>[\w\-–/]+)")
_LEGAL_DATE = re.compile(r"\b(?:of|dated|from|от)\s+(?P<d>" + DATE_IN_TEXT.pattern + r")", re.IGNORECASE)


# ". Jakarta : ASEAN Secretariat, 2022." — ISBD's spaced colon between place and publisher,
# an area no other style prints ("Title. Jakarta : ASEAN Secretariat, 2022. 250 p." has no
# author, no "//" and no URL, and was left to the model, which read nothing of it).  Only
# right after the first sentence: French ISO 690 spaces its colon too, and "PERRIN, Louis F.
# Titre. Evreux : Flammarion, 1997." is a name first, which the model reads (5 held-back
# AnyStyle strings lost author and title when any sentence qualified).
_ISBD_IMPRINT = re.compile(
    r"^[^.:;/]{3,200}?\.\s+(?:St\.\s?)?[A-ZА-ЯЁ][^.:;/]{1,40}?\s:\s[^:;]{2,80}?,\s*(?:1[5-9]|20)\d\d\b"
)


# "ASEAN Secretariat. ASEAN Statistical Yearbook 2022. Jakarta, 2022. 250 p.": an institution
# before the first ". " (no dot, colon or quote of its own), then the title, then the areas.
_ORG_HEAD = re.compile(r"^(?P<org>[^.:;/\"“«»()\[\]]{3,120}?)\.\s+(?P<rest>\S.*)$")


def publication_areas(text: str) -> str | None:
    """The title of ``Title. Place, Year. N p.`` when publication areas follow it, else None.

    A publication area is ``Place, Year``, ``Place : Publisher, Year`` or a page count
    (``250 p.``, ``120 с.``, ``96 pp.``) — never a container, whatever follows a title.
    The Vancouver rule asks this so it leaves such entries to GOST instead of reading
    the place as a web site's name."""
    probe = Reference(type="document")
    title = _areas(probe, text.strip().rstrip("."))
    if title and (probe.get("publisher-place") or probe.get("number-of-pages")):
        return title
    return None


def take_publication_areas(ref: Reference, text: str) -> str | None:
    """``publication_areas`` that also sets the areas' fields on ``ref`` (a date ``ref``
    already has stays): the author-date rule reads ``(2022). Title. Jakarta, 2022. 250 p.``
    with it.  Returns the title, or None (and ``ref`` untouched) when no areas follow it."""
    if not publication_areas(text):
        return None
    probe = Reference(type="document")
    title = _areas(probe, text.strip().rstrip("."))
    for key, value in probe.fields.items():
        if not ref.get(key):
            ref.set(key, value)
    for key, date in probe.dates.items():
        ref.dates.setdefault(key, date)
    return title


def _org_head(text: str) -> re.Match[str] | None:
    """An institution (``names.is_org``) before the first ``. `` as the author, only when a
    title and publication areas follow it: a title that starts with ``International …``
    has no areas after its first sentence but its own subtitle."""
    if " // " in text or _LEGAL.match(text):
        return None
    m = _ORG_HEAD.match(text)
    if not m or not is_org(m.group("org")) or not publication_areas(m.group("rest")):
        return None
    return m


def _gost_names(text: str) -> list[Name]:
    """``Bogaturov A.D., Ivanov I. I.`` (family first) -> names."""
    return split_names(text).names


def _given_first_names(text: str) -> list[Name]:
    """``ed. by A. B. Editor and C. D. Other`` -> names (``[et al.]`` marks truncation only)."""
    return split_names(text).names


_GMD = re.compile(r"\s*\[(?:Электронный\s+ресурс|Electronic\s+resource|Текст|Text|Ресурс\s+удаленного\s+доступа)\]", re.I)


def _title(text: str) -> str:
    """GOST title area: ``Title : subtitle`` printed with spaced colons -> ``Title: subtitle``;
    the material designation (``[Электронный ресурс]``, ``[Текст]``) is no part of the title."""
    t = _GMD.sub("", normalize_space(text)).strip()
    t = re.sub(r"\s+:\s+", ": ", t)
    t = t.rstrip(" .,;:(")  # "Title: Изд. 2-е" / "Title (2-е изд.)": the edition area took the rest
    return t


def _take_responsibility(ref: Reference, text: str) -> str:
    m = _RESPONSIBILITY.search(text)
    if not m:
        return text
    role_text = (m.group("role") or m.group("role2") or "").lower()
    names = _given_first_names(re.sub(r"\s*\((?:гл\.\s*ред|chief\s+ed|ed)\.\)", "", m.group("names")))
    if not names:
        return text
    if any(w in role_text for w in ("ed", "ред", "сост", "comp", "board")):
        role = "editor"
    elif any(w in role_text for w in ("transl", "пер")):
        role = "translator"
    else:
        role = "author"
    if role == "author" and ref.names.get("author"):
        heading = {n.family for n in ref.names["author"]}
        if heading & {n.family for n in names}:
            # GOST 7.1: the heading names the first author, "/ A. B. One, C. D. Two" all of them
            ref.names["author"] = names
            return (text[: m.start()] + text[m.end() :]).strip()
        role = "editor"
    if role == "editor" and "//" in ref.raw and not ref.names.get("container-author"):
        ref.names.setdefault("editor", []).extend(names)
    else:
        ref.names.setdefault(role, []).extend(names)
    return (text[: m.start()] + text[m.end() :]).strip()


def split_citations(text: str) -> list[str]:
    """Split a footnote holding several citations (``A // B. 2005; C // D. 2006.``).

    Splits at ``;`` followed by white space and a capital or a digit, only when the
    piece before it already reads as a whole citation (``//``, a URL, an access date or
    a year), so a semicolon inside a title or between page ranges does not split.
    """
    pieces: list[str] = []
    start = 0
    for m in re.finditer(r";\s+(?=[A-ZА-ЯЁ0-9«“\"*])", text):
        left = text[start : m.start()]
        if (
            left.count("(") == left.count(")")
            and ("//" in left or "URL" in left or "accessed" in left or "обращения" in left)
            and _YEAR.search(left)
        ):
            pieces.append(left.strip())
            start = m.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


# GOST 7.1 separates areas with ". – " ("Журнал. – 2016. – № 3. – С. 45–67"), and some
# writers drop the dot ("Журнал – 2016"): both are the area separator ". ".
_DASH_AREA = re.compile(
    r"\.\s*[–—-]\s+|\s+[–—]\s+(?=(?:(?:1[5-9]|20)\d\d\b|№|[TТ]\.|Вып\.|[СC]\.|Vol\.|No\.|P\.|pp?\.|URL|Режим|ISBN|DOI|EDN))"
)


def parse_gost(text: str) -> Reference | None:
    """Parse one GOST-style citation; None when it has none of GOST's marks."""
    source = normalize_space(text)
    plain = _DASH_AREA.sub(". ", normalize_space(strip_markup(source)))
    if not plain:
        return None
    has_marks = (
        " // " in plain
        or re.search(r"\(accessed|\(дата обращения|\bURL:", plain)
        or _authors_head(SIGNALS.sub("", _LIST_NUMBER.sub("", plain)))
        or _GOST_MARK.search(plain)
        or _org_head(SIGNALS.sub("", _LIST_NUMBER.sub("", plain)))
        or _ISBD_IMPRINT.match(plain)
    )
    if not has_marks:
        return None
    ref = Reference(type="document", raw=source)
    rest = _KEY_PREFIX.sub("", SIGNALS.sub("", _LIST_NUMBER.sub("", plain)))
    accessed, rest = take_accessed(rest)
    doi, rest = take_doi(rest)
    url, rest = take_url(rest)
    edn, rest = take_edn(rest)
    isbn, rest = take_isbn(rest)
    lang, rest = take_language(rest)
    if accessed:
        ref.dates["accessed"] = accessed
    ref.set("URL", url)
    ref.set("DOI", doi)
    ref.set("language", lang)
    ref.set("ISBN", isbn)
    if edn:
        ref.identifiers["EDN"] = edn
    rest = rest.strip().rstrip(".").strip()

    head, sep, container = rest.partition(" // ")
    m = _authors_head(head)
    if m and not _LEGAL.match(head):
        ref.names["author"] = _gost_names(m.group("authors"))
        head = m.group("rest")
        year = re.match(r"^\(?((?:1[5-9]|20)\d\d)[a-zа-я]?\)?\.\s+", head)
        if year:  # "Радаев В. В. 2010a. Title. М.: Наука.": the year moves to where GOST has it
            head = head[year.end() :]
            if not _YEAR.search(head):
                head = head.rstrip(" .") + ", " + year.group(1)
    elif not sep and (org := _org_head(head)):
        ref.names["author"] = [Name(literal=org.group("org").strip())]
        head = org.group("rest")
    ref.raw = source
    head = _take_responsibility(ref, head)

    if sep:
        _container(ref, head, container)
    else:
        _standalone(ref, head)
    _legal(ref)
    return ref


def _areas(ref: Reference, text: str) -> str:
    """Read volume, issue, pages, place : publisher, year and date out of ``text``.

    Returns what is left before the first such area: the container's (or a book's) title.
    """
    first_area = len(text)
    ed = _EDITION.search(text)
    if ed:
        ref.set("edition", ed.group("e").rstrip("."))
        first_area = min(first_area, ed.start())
    ppy = _PLACE_PUB_YEAR.search(text)
    if ppy:
        ref.set("publisher-place", ppy.group("place"))
        ref.set("publisher", ppy.group("pub").strip())
        ref.dates.setdefault("issued", Date(int(ppy.group("year"))))
        first_area = min(first_area, ppy.start())
    else:
        ppy = _PLACE_YEAR.search(text)
        if ppy:
            ref.set("publisher-place", ppy.group("place"))
            ref.dates.setdefault("issued", Date(int(ppy.group("year"))))
            first_area = min(first_area, ppy.start())
    for rx, key, group in ((_VOLUME, "volume", "v"), (_ISSUE, "issue", "n"), (_PAGES, "page", "p")):
        mm = rx.search(text)
        if mm and (not ppy or not ppy.start() <= mm.start() < ppy.end()):
            value = mm.group(group).rstrip(".,")
            ref.set(key, re.sub(r"\s*[—-]\s*", "–", value))
            first_area = min(first_area, _area_start(text, mm.start()))
    vic = _VOL_ISS_COLON.search(text) if not (ref.get("volume") or ref.get("issue") or ref.get("page")) else None
    if vic:
        ref.set("volume", vic.group("v"))
        ref.set("issue", vic.group("n"))
        ref.set("page", re.sub(r"\s*[—-]\s*", "–", vic.group("p")))
        first_area = min(first_area, _area_start(text, vic.start()))
    npages = _NUM_PAGES.search(text)
    if npages and not ref.get("page"):
        ref.set("number-of-pages", npages.group("p"))
        start = _area_start(text, npages.start())
        before = text[start : npages.start()].strip(" .,;")
        if before and not ref.get("publisher") and is_org(before) and not re.search(r"\d", before):
            ref.set("publisher", before)  # PLOS "… update. World Health Organization 247 p."
        first_area = min(first_area, start)
    for dm in DATE_IN_TEXT.finditer(text):
        if ppy and ppy.start() <= dm.start() < ppy.end():
            continue
        word = dm.group(0).split()[0].rstrip(".,")
        if len(word) > 1 and word.isupper():  # an acronym such as МАР, not a month
            continue
        d = parse_date(dm.group(0))
        if d:
            if "issued" not in ref.dates or (ref.dates["issued"].month is None and d.year == ref.dates["issued"].year):
                ref.dates["issued"] = d
            first_area = min(first_area, _area_start(text, dm.start()))
            break
    else:
        ym = None
        for cand in re.finditer(r"(?:^|(?<=\.\s)|(?<=,\s))((?:1[5-9]|20)\d\d)(?=\.|,|$)", text):
            if ppy and ppy.start() <= cand.start() < ppy.end():
                continue
            ym = cand
            break
        if ym:
            ref.dates.setdefault("issued", Date(int(ym.group(1))))
            first_area = min(first_area, _area_start(text, ym.start()))
    return text[:first_area].strip().rstrip(".,;").strip()


def _area_start(text: str, pos: int) -> int:
    """Back up from ``pos`` to the start of its ``. ``-separated area."""
    cut = text.rfind(". ", 0, pos)
    return 0 if cut < 0 else cut + 1


def _container(ref: Reference, head: str, container: str) -> None:
    ref.set("title", _title(head))
    before_eds = container
    container = _take_responsibility(ref, container)
    editors_in_container = container != before_eds
    name = _areas(ref, container)
    ref.set("container-title", _title(name))
    has_pub = bool(ref.get("publisher"))
    if _CONFERENCE.search(name) and not ref.get("volume") and not ref.get("issue"):
        ref.type = "paper-conference"
    elif editors_in_container or (has_pub and not ref.get("volume") and not ref.get("issue")):
        ref.type = "chapter"
    elif ref.get("volume") or ref.get("issue"):
        ref.type = "article-journal"
    elif name and is_news_name(name):
        ref.type = "article-newspaper"
    elif ref.get("URL"):
        ref.type = "webpage"
    else:
        ref.type = "article-journal" if ref.get("page") else "document"


def _standalone(ref: Reference, head: str) -> None:
    title = _areas(ref, head)
    journal_areas = (ref.get("volume") or ref.get("issue")) and not ref.get("publisher")
    after = head[len(title) :].lstrip(". ")
    comma_journal = re.match(r"([^\W\d][^,.]{1,119}?),\s*(?:(?:1[5-9]|20)\d\d\b|vol\.|no\.|т\.|№)", after, re.IGNORECASE)
    if (journal_areas or (ref.get("page") and not ref.get("publisher"))) and comma_journal and not _THESIS.search(head):
        # transliterated GOST: "Title. Voprosy Ekonomiki, 2016, no. 3, pp. 45–67."
        ref.set("title", _title(title))
        ref.set("container-title", comma_journal.group(1).strip())
        ref.type = "article-journal"
        return
    if journal_areas and ". " in title and not _THESIS.search(head):
        # "Title. Journal. 2016. № 3. С. 45–67." — GOST 7.1 without "//": the sentence
        # before the volume/issue areas is the journal
        cut = title.rfind(". ")
        ref.set("title", _title(title[:cut]))
        ref.set("container-title", _title(title[cut + 2 :]))
        ref.type = "article-journal"
        return
    ref.set("title", _title(title))
    if _THESIS.search(head):
        ref.type = "thesis"
        gm = re.search(r":\s*([^:.]*(?:diss|thesis|дис)[^.]*)", title, re.IGNORECASE)
        if gm:
            ref.set("genre", gm.group(1))
    elif ref.get("publisher") or ref.get("number-of-pages") or ref.get("ISBN"):
        ref.type = "book"
    elif ref.get("publisher-place") and not _PART_OF.search(title):
        ref.type = "book"  # a place of publication: published, even when a URL links it
    elif ref.get("URL"):
        ref.type = "webpage"


def _legal(ref: Reference) -> None:
    """Laws, orders, decrees and treaties are legal documents (Zotero: Statute)."""
    title = ref.title
    if not _LEGAL.match(title) or ref.names.get("author"):
        return
    if ref.type in ("chapter", "article-journal", "book"):
        return
    ref.type = "legislation"
    num = _LEGAL_NUMBER.search(title)
    if num:
        ref.set("number", num.group("n").rstrip(".,"))
    dm = _LEGAL_DATE.search(title)
    if dm:
        d = parse_date(dm.group("d"))
        issued = ref.dates.get("issued")
        if d and d.year and (issued is None or (issued.month is None and issued.year == d.year)):
            ref.dates["issued"] = d

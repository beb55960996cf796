"""Labelled tokens -> ``Reference``: joining spans, cleaning values, splitting names.

The tagger only says which token belongs to which field; this module turns those spans
into CSL values the rest of citekeeper expects (``Name`` objects, ``Date``, a bare DOI,
a page range without ``pp.``) and infers the item type from which fields are present.
Each field records ``("model", confidence)`` in ``provenance``, the mean crfsuite
marginal of its tokens, so callers can flag doubtful parses.
"""

from __future__ import annotations

import re

from citekeeper.model import Date, Name, Reference
from citekeeper.parse import names as names_mod
from citekeeper.parse.common import (
    clean_doi,
    clean_url,
    parse_date,
    take_accessed,
    take_doi,
    take_edn,
    take_language,
    take_url,
)
from citekeeper.parse.crf.labels import CSL_FIELD, NAME_LABELS

Tagged = list[tuple[str, str, float]]

_EDGE = " \t.,;:/"
_QUOTES = "\"'“”‘’«»„"
_LEAD_MARKER = re.compile(
    r"^(?:(?:in|в)\s*:?\s+|//\s*|pp?\.\s*|pages?\s+|vol\.\s*|volume\s+|no\.\s*|nos?\.\s*|"
    r"issue\s+|iss\.\s*|n°\s*|№\s*|т\.\s*|с\.\s*|c\.\s*|s\.\s*|bd\.\s*|вып\.\s*|jg\.\s*|h\.\s*|heft\s+|v\.\s*(?=\d)|n\.\s*(?=\d))",
    re.IGNORECASE,
)
_EDITOR_WORDS = re.compile(
    r"\b(?:edited\s+by|ed\.\s+by|eds?\.|editors?|hrsg\.?|под\s+(?:общ\.\s+)?ред\.?|отв\.\s+ред\.?|"
    r"ред\.|dir\.|coord\.)|\((?:eds?|ed|hrsg|dir)\.?\)|^\s*(?:in|в)\s*:?\s+|/",
    re.IGNORECASE,
)
_ROLE_AFTER_NAMES = re.compile(
    r"(?:\(\s*(?:dir|éd|eds?|hrsg|hg|coord|org|ред)\.?\s*\)|,\s*(?:dir|éds?|eds?|hrsg|hg|coord|org)\.)[\s.,:]*$",
    re.IGNORECASE,
)
_VOL_ISSUE = re.compile(r"(\d+[A-Za-z]?)\s*\(\s*([\w\-–/]+)\s*\)")
_ABBREV = re.compile(r"(?:\w|[a-zа-яё]{1,5}|Inc|Co|Ltd|Corp|Pty|СПб|Изд|Spb)\.")
_VOL_NO = re.compile(r"^(\w+)[,.]?\s+(?:no|nr|n°|№|issue|iss)\.?\s*(\w+)", re.IGNORECASE)
_PAGES = re.compile(r"[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–—]+\s*[A-Za-z]?\d+[A-Za-z]?)?|\b[ivxlcdm]+(?:\s*[-–—]+\s*[ivxlcdm]+)?\b", re.IGNORECASE)
_NUMBER = re.compile(r"[\w\-–/.]+")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_DOI_IN = re.compile(r"10\.\d{4,9}/\S+")
_URL_IN = re.compile(r"(?:https?|ftp)://\S+|www\.\S+", re.IGNORECASE)
_ETAL = re.compile(r",?\s*(?:et\s+al\.?|and\s+others|и\s+др\.?|u\.\s*a\.)\s*$", re.IGNORECASE)
_NAME_SEP = re.compile(r"\s*(?:;|\s&\s|,?\s+and\s+|,?\s+und\s+|,?\s+et\s+|,?\s+и\s+|,?\s+y\s+)\s*")
_INITIALS = re.compile(r"^(?:[A-ZА-ЯЁ][a-zа-яё]?\.?\s?-?\s?)+$")
_INITIALS_DOT = re.compile(r"^(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s?-?\s?)+$")
_ORG = re.compile(
    r"\b(?:organi[sz]ation|association|institute|institut|committee|ministry|society|council|"
    r"agency|bank|commission|foundation|cent(?:er|re)|office|department|consortium|collaboration|"
    r"government|secretariat|министерство|комитет|институт|правительство)\b",
    re.IGNORECASE,
)
_THESIS = re.compile(r"thesis|dissertation|diss\.|диссертац|автореферат|ph\.?\s?d", re.IGNORECASE)
_REPORT = re.compile(r"report|working paper|tech\.|technical", re.IGNORECASE)
_PROCEEDINGS = re.compile(r"\b(?:proc\.|proceedings|conference|symposium|workshop|congress|конференц)", re.IGNORECASE)


def _year_led_title(tagged: Tagged) -> Tagged:
    """``1971 Zone of Peace Declaration // ... 1971.``: a year that opens the string right
    before the title, with the date given again later, is part of the title."""
    if (
        len(tagged) > 2
        and tagged[0][1] == "date"
        and tagged[1][1] == "title"
        and re.fullmatch(r"\d{4}", tagged[0][0])
        and any(lab == "date" for _, lab, _ in tagged[2:])
    ):
        return [(tagged[0][0], "title", tagged[1][2]), *tagged[1:]]
    return tagged


def spans(tagged: Tagged) -> dict[str, list[tuple[str, float]]]:
    """Label -> its runs of consecutive tokens, as ``(text, mean confidence)``."""
    out: dict[str, list[tuple[str, float]]] = {}
    i = 0
    n = len(tagged)
    while i < n:
        lab = tagged[i][1]
        j = i
        while j < n and tagged[j][1] == lab:
            j += 1
        text = " ".join(t for t, _, _ in tagged[i:j])
        conf = sum(p for _, _, p in tagged[i:j]) / (j - i)
        out.setdefault(lab, []).append((text, conf))
        i = j
    return out


def clean_value(text: str) -> str:
    """A field's text without a leading marker (``pp.``, ``In:``, ``//``) or edge punctuation."""
    t = text.strip()
    for _ in range(2):
        t2 = _LEAD_MARKER.sub("", t)
        if t2 == t:
            break
        t = t2
    t = t.strip(_EDGE)
    if t[:1] in _QUOTES or t[-1:] in _QUOTES:
        t = t.strip(_QUOTES).strip(_EDGE)
    if t.startswith("(") and t.endswith(")") and t.count("(") == 1:
        t = t[1:-1].strip(_EDGE)
    elif t.startswith("(") and t.count(")") == 0:
        t = t[1:]
    elif t.endswith(")") and t.count("(") == 0:
        t = t[:-1]
    return t.strip(_EDGE)


def clean_title(text: str) -> str:
    """A title keeps its final ``?``/``!`` and abbreviation dots, loses quotes and ``.``/``,``."""
    t = text.strip().strip(" ,;/")
    if t[:1] in _QUOTES and re.search(r"[”\"’»'][.,:;]?$", t):
        # quoted as a whole ("“Title,”"); a title that only starts with a quoted phrase keeps it
        t = t[1:]
        t = re.sub(r"[”\"’»']([.,:;]?)$", r"\1", t)
    t = re.sub(r"\s+:\s", ": ", t)  # GOST's "Title : subtitle"
    t = t.rstrip(" ,;:/")
    if t.endswith(".") and not re.search(r"\b[A-ZА-ЯЁ]\.$|\betc\.$|\.\.\.$", t):
        t = t[:-1]
    t = t.strip()
    if t[-1:] in _QUOTES and not any(q in t[:-1] for q in _QUOTES if q != "'"):
        t = t[:-1].rstrip(" ,;:")  # a stray closing quote whose opening one was tagged elsewhere
    return t.strip()


def split_names(text: str) -> list[Name]:
    """A name list in any common order (``Smith, J., & Doe, A.``, ``J. Smith and A. Doe``,
    ``Иванов И. И., Петров П. П.``, ``Smith J, Doe A``) -> ``Name`` objects."""
    return names_mod.split_names(text).names


def _first(sp: dict[str, list[tuple[str, float]]], label: str) -> tuple[str, float] | None:
    runs = sp.get(label)
    return runs[0] if runs else None


def to_reference(tagged: Tagged, raw: str = "") -> Reference:
    """Build a ``Reference`` from tagged tokens; every field carries ("model", confidence)."""
    ref = Reference(type="document", raw=raw or " ".join(t for t, _, _ in tagged))
    sp = spans(_year_led_title(tagged))
    prov = ref.provenance

    for label, field in NAME_LABELS.items():
        runs = sp.get(label)
        if not runs:
            continue
        text = " ".join(t for t, _ in runs)
        if label == "editor":
            text = _EDITOR_WORDS.sub(" ", text)
        elif _ROLE_AFTER_NAMES.search(text):
            # "Dupont J. (dir.)", "Meier, K. (Hg.)", "Smith, J., ed.": the people named edited the work
            # ("Durand, Marie, dans Jean Dupont (dir.)": the author, then the book's editor)
            text = _ROLE_AFTER_NAMES.sub(" ", text)
            lead_in = re.search(r"[,\s]+(?:dans|in|en|em|im)\s+(?=[A-ZÀ-Ž])", text)
            if lead_in:
                editors = split_names(text[lead_in.end() :])
                if editors:
                    ref.names["editor"] = editors
                text = text[: lead_in.start()]
            else:
                field = "editor"
        names = split_names(text)
        if names:
            ref.names[field] = names
            prov[field] = ("model", min(c for _, c in runs))

    title = _first(sp, "title")
    if title:
        ref.set("title", clean_title(title[0]))
        if ref.title:
            prov["title"] = ("model", title[1])
    for label in ("container-title", "collection-title", "publisher", "publisher-place", "edition", "genre"):
        run = _first(sp, label)
        if run:
            value = clean_title(clean_value(run[0])) if label.endswith("title") else clean_value(run[0])
            last = run[0].rstrip(",:; ").split()[-1]
            if label in ("publisher", "publisher-place") and _ABBREV.fullmatch(last):
                value += "."  # "М.", "СПб.", "publ.", "Inc." keep their abbreviation dot
            ref.set(CSL_FIELD[label], value)
            if ref.get(CSL_FIELD[label]):
                prov[CSL_FIELD[label]] = ("model", run[1])

    run = _first(sp, "volume")
    if run:
        vol = clean_value(run[0])
        m = _VOL_ISSUE.search(vol)
        if re.fullmatch(r"\(\s*[\w\-–/]+\s*\)[.,:;]*", run[0].strip()):
            # APA "(26), 114–137": a number in parentheses alone is the issue.
            ref.set("issue", vol)
            prov["issue"] = ("model", run[1])
        elif (vol_no := _VOL_NO.search(vol)) is not None:
            ref.set("volume", vol_no.group(1))
            ref.set("issue", vol_no.group(2))
            prov["issue"] = prov["volume"] = ("model", run[1])
        elif m:
            ref.set("volume", m.group(1))
            ref.set("issue", m.group(2))
            prov["issue"] = ("model", run[1])
            prov["volume"] = ("model", run[1])
        else:
            m2 = _NUMBER.search(vol)
            ref.set("volume", m2.group(0).strip(".") if m2 else vol)
            prov["volume"] = ("model", run[1])
    run = _first(sp, "issue")
    if run:
        ref.set("issue", clean_value(run[0]))
        prov["issue"] = ("model", run[1])
    run = _first(sp, "page")
    length = re.fullmatch(r"(\d+)\s+(?:pp?|с|c|s|стр|л)\.?[.,;]*", run[0].strip(), re.IGNORECASE) if run else None
    if run and length:
        # "256 с." / "212 p." after the year is the book's length, not a page range
        ref.set("number-of-pages", length.group(1))
        prov["number-of-pages"] = ("model", run[1])
    elif run:
        m = _PAGES.search(clean_value(run[0]))
        if m:
            ref.set("page", re.sub(r"\s*[-–—]+\s*", "–", m.group(0)))
            prov["page"] = ("model", run[1])

    run = _first(sp, "date")
    if run:
        text = clean_value(run[0])
        date = parse_date(re.sub(r"\s*г\.?$", "", text))
        if date is None or date.year is None:
            y = _YEAR.search(text)
            date = Date(int(y.group(1))) if y else None
        if date is not None:
            ref.dates["issued"] = date
            prov["issued"] = ("model", run[1])

    _vancouver(ref, tagged)
    _certain_numbers(ref)

    for run in sp.get("doi", []):
        m = _DOI_IN.search(run[0])
        if m:
            ref.set("DOI", clean_doi(m.group(0)))
            prov["DOI"] = ("model", run[1])
            break
    for run in sp.get("url", []):
        m = _URL_IN.search(run[0])
        if m and re.search(r"doi\.org/10\.", m.group(0), re.IGNORECASE):
            if not ref.doi:
                ref.set("DOI", clean_doi(m.group(0)))
                prov["DOI"] = ("model", run[1])
            continue
        if m:
            ref.set("URL", clean_url(m.group(0)))
            prov["URL"] = ("model", run[1])
            break
    for text, _ in sp.get("identifier", []):
        edn, _rest = take_edn(text)
        if edn:
            ref.identifiers["EDN"] = edn
        m = re.search(r"\barxiv\s*:?\s*(\S+)", text, re.IGNORECASE)
        if m:
            ref.identifiers["arXiv"] = m.group(1).strip(".,;[]")
        m = re.search(r"\bisbn(?:-1[03])?\s*:?\s*([\dXx][\d\- Xx]{8,16}[\dXx])", text, re.IGNORECASE)
        if m:
            ref.set("ISBN", m.group(1))
    notes = []
    for text, conf in sp.get("note", []):
        accessed, rest = take_accessed(text)
        if accessed:
            ref.dates["accessed"] = accessed
            prov["accessed"] = ("model", conf)
        lang, rest = take_language(rest)
        if lang:
            ref.set("language", lang)
        rest = rest.strip(_EDGE + "()[]")
        if re.search(r"\w", rest):
            notes.append(rest)
    if notes:
        ref.set("note", "; ".join(notes))
        prov["note"] = ("model", min(c for t, c in sp["note"]))

    _identifiers_from_text(ref)
    ref.type = infer_type(ref)
    ref.parsed = bool(ref.title or ref.get("container-title"))
    return ref


_VANCOUVER = re.compile(
    r"(?<!\d)(?:1[5-9]\d\d|20\d\d)[^;:]{0,12};\s*(\d+)\s*(?:\(([\w\-–/]+)\))?\s*:\s*([A-Za-z]?\d+(?:[-–][A-Za-z]?\d+)?)"
)


_VOL_ISS_PAGES = re.compile(r"(?<![\w.])(\d{1,4})\s?\((\d{1,4}(?:[-–/]\d{1,4})?)\)\s?:\s?(\d+(?:[-–]\d+)?)(?![\w])")


def _vancouver(ref: Reference, tagged: Tagged) -> None:
    """``2019;14(3):153-60`` (Vancouver) has no spaces to tag by: its pattern is certain, so
    volume, issue and pages come from it (a rule, not the model)."""
    m = _VOL_ISS_PAGES.search(ref.raw)
    if m and not _VANCOUVER.search(ref.raw):
        for field, value in (("volume", m.group(1)), ("issue", m.group(2)), ("page", m.group(3))):
            ref.set(field, value.replace("-", "–") if field == "page" else value)
            ref.provenance[field] = ("rule", 1.0)
    m = _VANCOUVER.search(ref.raw)
    if m:
        for field, value in (("volume", m.group(1)), ("issue", m.group(2)), ("page", m.group(3))):
            if value:
                ref.set(field, value.replace("-", "–") if field == "page" else value)
                ref.provenance[field] = ("rule", 1.0)
        if "issued" not in ref.dates:
            ref.dates["issued"] = Date(int(m.group(0)[:4]))
            ref.provenance["issued"] = ("rule", 1.0)


# Chicago: "American Historical Review 120, no. 3 (2015): 45–67" (also "120 (3)" is not this)
_CHICAGO_VNP = re.compile(
    r"(?<![\w.])(?P<vol>\d{1,4})(?:,\s*|\s+)(?:no|nr|n°|№|issue)\.?\s*(?P<iss>[\w\-–/]+),?\s*"
    r"\([^)]*?(?:1[5-9]|20)\d\d[^)]*\)(?:\s*:\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))?",
    re.IGNORECASE,
)
# "Proc. London Math. Soc. (3) 84 (2002) 100–120": (3) is the journal's series, 84 the volume
_SERIES_VOL = re.compile(r"[A-Za-z.]\s+\((?P<series>\d{1,2})\)\s+(?P<vol>\d{1,4})\s*[,(]")


def _certain_numbers(ref: Reference) -> None:
    """Volume/issue/pages printed in a shape only one reading fits (a rule, not the model)."""
    m = _CHICAGO_VNP.search(ref.raw)
    if m:
        for field, value in (("volume", m.group("vol")), ("issue", m.group("iss")), ("page", m.group("pages"))):
            if value:
                ref.set(field, re.sub(r"\s*[-–]\s*", "–", value) if field == "page" else value)
                ref.provenance[field] = ("rule", 1.0)
        return
    m = _SERIES_VOL.search(ref.raw)
    if m and ref.get("volume") in (m.group("series"), ""):
        ref.set("volume", m.group("vol"))
        ref.provenance["volume"] = ("rule", 1.0)
        if ref.get("issue") == m.group("vol"):
            ref.fields.pop("issue", None)


def _identifiers_from_text(ref: Reference) -> None:
    """DOI, URL and access date are certain wherever they are: take them from the raw text."""
    text = ref.raw
    if not ref.doi:
        doi, _ = take_doi(text)
        if doi:
            ref.set("DOI", doi)
            ref.provenance["DOI"] = ("rule", 1.0)
    if not ref.url:
        url, _ = take_url(text)
        if url and not _DOI_IN.search(url):
            ref.set("URL", url)
            ref.provenance["URL"] = ("rule", 1.0)
    if "accessed" not in ref.dates:
        accessed, _ = take_accessed(text)
        if accessed:
            ref.dates["accessed"] = accessed
            ref.provenance["accessed"] = ("rule", 1.0)
    if "EDN" not in ref.identifiers:
        edn, _ = take_edn(text)
        if edn:
            ref.identifiers["EDN"] = edn
    if not ref.get("language"):
        lang, _ = take_language(text)
        if lang:
            ref.set("language", lang)


def infer_type(ref: Reference) -> str:
    """The CSL type the fields point to (journal article, chapter, book, thesis, web page)."""
    has = ref.fields.get
    container = has("container-title", "")
    genre = has("genre", "") + " " + has("note", "")
    if _THESIS.search(genre):
        return "thesis"
    if _REPORT.search(has("genre", "")):
        return "report"
    if container:
        if "editor" in ref.names or re.match(r"^(?:in|в)\b", ref.raw, re.IGNORECASE) or _in_before_container(ref):
            return "paper-conference" if _PROCEEDINGS.search(container) else "chapter"
        if has("volume") or has("issue") or has("page"):
            if has("publisher") and not has("volume") and not has("issue"):
                return "paper-conference" if _PROCEEDINGS.search(container) else "chapter"
            return "article-journal"
        if has("publisher"):
            return "paper-conference" if _PROCEEDINGS.search(container) else "chapter"
        if ref.url:
            return "webpage"
        return "article-journal"
    if has("publisher") or has("publisher-place"):
        return "book"
    if ref.url:
        return "webpage"
    return "document"


def _in_before_container(ref: Reference) -> bool:
    c = ref.get("container-title")
    pos = ref.raw.find(c[:20]) if c else -1
    return pos > 0 and bool(re.search(r"\b(?:In|in|В)\s*:?\s*$", ref.raw[:pos]))

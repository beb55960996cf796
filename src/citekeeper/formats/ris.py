"""RIS reader and writer of ``Reference``, shaped by Zotero's ``RIS.js``.

RIS tags mean different Zotero fields per item type, so the writer picks each tag
the way ``RIS.js`` (``fieldMap`` read through ``TagMapper.getField``) will read it
back, with the item type from the one table in ``formats/zotero.py``:

* ``TY``: the table's RIS type (never ``GEN``, which Zotero reads as Journal Article);
* ``T2`` is the container for most types, but ``C3`` holds a conference paper's
  proceedings title (``T2`` there is the conference name) and ``C1`` its place;
* editors are ``A2``, except on books (``A3``) and where ``A2`` means something
  else (``ED``, which every type reads as editor);
* a report's number is ``SN``, a statute's or bill's ``M1``, a book's series
  number ``M1``; thesis/report/website type is ``M3``;
* ``SP`` holds the whole page range as written (a book's or thesis's ``SP`` is its
  page count); ``EP`` is read when other programs split it;
* dates ``DA``/``Y2`` as ``YYYY/MM/DD/``, ``PY`` the year; a range, ``~`` or ``?`` in ``DA``
  as EDTF (``2011-05-25/2012-06-26``), a season as ``Spring 2019`` (what Zotero keeps);
  dates without a tag (``original-date``, ``event-date``) as ``M2`` Extra lines
  ``original-date: 1850/1852``, the form Zotero reads CSL variables from Extra in;
* identifiers without a tag (EDN) go to Extra through ``M2`` (``degenerateImportFieldMap``
  maps it to ``extra`` for every type), one ``KEY: value`` per line; ``N1`` is a
  child note, so only the record's own note goes there;
* ``PB`` is not written for web pages (``RIS.js`` drops it on ``ELEC``), ``LA`` is
  written as the record has it (Zotero keeps it verbatim).

The reader accepts Zotero's own RIS export (CRLF, ``DA - 2015///``, HTML notes) and
other programs' (``T1``, ``JO``/``JF``, ``Y1``, ``ED``); an entry that cannot be read
(no ``TY``, text outside any entry) becomes a problem with its line, never silence; a
line without a tag after a date or number tag is not glued into it (``RIS.js`` would) but
kept in the note, with a problem naming its line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from citekeeper.errors import MalformedInputError
from citekeeper.formats import zotero
from citekeeper.formats.csljson import (
    CSL_DATES,
    EXTRA_IDENTIFIERS,
    UNPARSED_NOTE,
    mark_unparsed,
)
from citekeeper.formats.dates import date_from_text
from citekeeper.model import Date, Name, Origin, Reference, split_particle

_LINE = re.compile(r"^([A-Z][A-Z0-9])  ?-(?: (.*))?$")
_TAG = re.compile(r"[A-Z][A-Z0-9]")
# Zotero item types whose editors RIS.js reads from A2; books read them from A3.
_A2_EDITOR = {"journalArticle", "bookSection", "conferencePaper", "dictionaryEntry", "document", "encyclopediaArticle"}
_SERIES_EDITOR_A3 = {"bookSection", "conferencePaper", "dictionaryEntry", "encyclopediaArticle", "map"}
_ISSN_TYPES = {"journalArticle", "magazineArticle", "newspaperArticle"}
_PAGE_COUNT_TYPES = {"book", "thesis", "manuscript"}
_GENRE_TYPES = {"manuscript", "map", "report", "thesis", "blogPost", "webpage", "forumPost", "letter", "presentation"}
_LEGAL = {"statute", "bill"}
# Tags whose value never runs over a line (a date, a number): a line without a tag after
# one of them is not its continuation.
_NO_CONTINUATION = {"TY", "DA", "PY", "Y1", "Y2", "VL", "IS", "SP", "EP"}
_EXTRA_DATES = frozenset(CSL_DATES) - {"issued", "accessed"}
# Link tags no CSL variable holds (L1 file attachments / PDF, L2 full-text link, L4 figure):
# kept in ``Reference.extra`` as ``ris.L1`` ... (a list, one item per line, in order), so
# ``check`` finds their URLs, a CSL-JSON write keeps them as keys of their own and the RIS
# writer writes them back; a record without them writes as before.
_LINK_TAGS = ("L1", "L2", "L4")
# Every other tag this reader does not take (``U2``, ``AN``, ``C5``, an EndNote or
# database tag, a second ``UR``/``SN``/``TI`` beside the one read, a ``TY`` no table
# names) was dropped without a word; it is kept the same way, as ``ris.<TAG>`` with
# its values in order, written back by the RIS writer, and named in a warning.
_NOT_KEPT = frozenset({"ER"})


@dataclass
class RisReadResult:
    """Entries that could be read, and what could not (with lines)."""

    references: list[Reference] = field(default_factory=list)
    problems: list[MalformedInputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "file:line: what was kept and how"


# -- writing -----------------------------------------------------------------


def _name(n: Name) -> str:
    if n.literal:
        return n.literal
    family = f"{n.particle} {n.family}".strip()
    parts = [family]
    if n.given:
        parts.append(n.given)
    if n.suffix:
        parts.append(n.suffix)
    return ", ".join(parts)


def _ris_date(d: Date) -> str:
    if d.year is None:
        return d.literal
    return f"{d.year:04d}/{f'{d.month:02d}' if d.month else ''}/{f'{d.day:02d}' if d.day and d.month else ''}/"


_SEASON_NAMES = {"1": "Spring", "2": "Summer", "3": "Autumn", "4": "Winter"}
_SEASON_NUMBERS = {"spring": "1", "summer": "2", "autumn": "3", "fall": "3", "winter": "4"}
_MONTH = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")


def _issued_ris(d: Date) -> str:
    """``DA`` of the issued date, in the form Zotero's ``RIS.js`` keeps.

    ``YYYY/MM/DD/`` is the RIS spec's and what ``RIS.js`` reads into parts; a range, ``~``
    or ``?`` goes as EDTF text (``2011-05-25/2012-06-26``): ``dateRIStoZotero`` returns
    a value its slash pattern does not match verbatim, and Zotero reads an EDTF interval
    in its date field as a range (``Zotero.Date.parseEDTF``).  A season goes as Zotero
    writes one into its date field, ``Spring 2019`` (its EDTF form ``2019-21`` Zotero
    reads as the years 2019-2021, and so does this reader)."""
    if d.year is None:
        return d.literal
    if d.season and not d.month and d.end is None:
        return f"{_SEASON_NAMES.get(d.season, d.season)} {d.year:04d}"
    if d.end is not None or d.circa or d.uncertain:
        return d.iso()
    return _ris_date(d)


def reference_to_tags(ref: Reference) -> list[tuple[str, str]]:
    """The ``(tag, value)`` pairs of one reference, TY first, ER excluded."""
    row = zotero.for_csl(ref.type)
    zt = row.zotero
    own_type = ref.extra.get("ris.TY")  # a TY no table names, kept as read
    tags: list[tuple[str, str]] = [("TY", own_type[0] if isinstance(own_type, list) and own_type
                                    and isinstance(own_type[0], str) and ref.type == "document" else row.ris)]

    def add(tag: str, value: str | None) -> None:
        value = (value or "").strip()
        if value:
            tags.append((tag, value.replace("\r", " ").replace("\n", " ") if tag not in ("N1", "AB") else value))

    if not ref.parsed:
        tags[0] = ("TY", zotero.DEFAULT.ris)
        add("TI", ref.raw or ref.title)
        add("N1", UNPARSED_NOTE)
        if ref.id:
            add("ID", ref.id)
        if ref.footnote is not None:
            add("U1", f"footnote: {ref.footnote}")
        return tags
    add("TI", ref.title)
    for n in ref.names.get("author", []):
        add("AU", _name(n))
    editor_tag = "A3" if zt == "book" else "A2" if zt in _A2_EDITOR else "ED"
    for n in ref.names.get("editor", []):
        add(editor_tag, _name(n))
    for n in ref.names.get("translator", []):
        add("A4", _name(n))
    for n in ref.names.get("container-author", []):
        add("C2", _name(n))
    series_editor_tag = "A3" if zt in _SERIES_EDITOR_A3 else "A2" if zt in ("book", "report") else ""
    if series_editor_tag:
        for n in ref.names.get("collection-editor", []):
            add(series_editor_tag, _name(n))
    container = ref.get("container-title")
    if zt == "conferencePaper":
        add("C3", container)
        add("T2", ref.get("event-title"))
    elif zt in ("book", "report"):
        add("T2", ref.get("collection-title") or container)  # T2 is their series
    else:
        add("T2", container)
    if zt not in ("book", "report") and zt not in _LEGAL:
        add("T3", ref.get("collection-title"))
    add("J2", ref.get("container-title-short"))
    add("ST", ref.get("title-short"))
    if zt == "conferencePaper":
        add("C1", ref.get("publisher-place"))
    else:
        add("CY", ref.get("publisher-place"))
    issued = ref.dates.get("issued")
    if issued:
        add("DA", _issued_ris(issued))
        if issued.year is not None:
            add("PY", f"{issued.year:04d}")
    add("DO", ref.doi)
    if zt == "computerProgram":
        add("ET", ref.get("version") or ref.get("edition"))  # RIS.js: a program's ET is its version
    elif zt not in _LEGAL:
        add("ET", ref.get("edition"))
    add("NV", ref.get("number-of-volumes"))
    if zt != "webpage":
        add("VL", ref.get("volume"))
    number = ref.get("number")
    # IS is a book section's number of volumes; reports, patents and laws number themselves.
    if zt not in ("bookSection", "report", "patent", *_LEGAL):
        add("IS", ref.get("issue") or number)
    page = ref.get("page")
    if zt in _PAGE_COUNT_TYPES:
        add("SP", ref.get("number-of-pages") or page)
    else:
        # The whole range in SP: RIS.js keeps it as written (an EP would be
        # re-joined with a hyphen, so the record's en dash would not survive).
        add("SP", page)
    add("LA", ref.get("language"))
    if zt in _LEGAL:
        add("M1", number)
    elif zt == "book":
        add("M1", ref.get("collection-number"))
    if zt in _GENRE_TYPES:
        add("M3", ref.get("genre"))
    if zt != "webpage":
        add("PB", ref.get("publisher"))
    if zt == "report":
        add("SN", number)
    elif zt in _ISSN_TYPES:
        add("SN", ref.get("ISSN"))
    else:
        add("SN", ref.get("ISBN"))
    add("UR", ref.url)
    for tag in _LINK_TAGS:
        kept = ref.extra.get(f"ris.{tag}")
        for value in [kept] if isinstance(kept, str) else kept or ():
            if isinstance(value, str):
                add(tag, value)
    for key, kept in sorted(ref.extra.items()):  # the other tags kept as read (_NOT_KEPT), by tag:
        # sorted, so a second RIS -> RIS pass writes the same file
        tag = key[4:]
        if key.startswith("ris.") and tag not in _LINK_TAGS and tag != "TY" and _TAG.fullmatch(tag):
            for value in [kept] if isinstance(kept, str) else kept if isinstance(kept, list) else ():
                if isinstance(value, str):
                    add(tag, value)
    accessed = ref.dates.get("accessed")
    if accessed:
        add("Y2", _ris_date(accessed))
    add("AB", ref.get("abstract"))
    add("DP", ref.get("source"))
    # one KW per keyword, as Zotero writes its tags (CSL-JSON joins them with ", ")
    for kw in _keywords(ref.get("keyword")):
        add("KW", kw)
    add("N1", ref.get("note"))
    add("N1", ref.get("annote"))  # BibLaTeX's annotation: a note to Zotero and EndNote
    extra = [f"{k}: {v}" for k, v in ref.identifiers.items()]
    # dates RIS has no tag for, as Zotero's Extra reads CSL variables ("original-date: 1850")
    extra += [f"{k}: {d.iso()}" for k, d in ref.dates.items() if k not in ("issued", "accessed") and d.iso()]
    if zt not in _ISSN_TYPES and ref.get("ISSN"):
        extra.append(f"ISSN: {ref.get('ISSN')}")
    if ref.repeats:
        extra.append(f"repeats: {ref.repeats}")  # a short form: which citation it repeats
    # BibTeX fields no RIS tag holds: Extra lines as Better BibTeX writes them
    extra += [f"{k}: {' '.join(v.split())}" for k, v in ref.extra.items() if k.startswith("tex.") and isinstance(v, str)]
    for line in extra:
        add("M2", line)
    if ref.id:
        add("ID", ref.id)
    if ref.footnote is not None:
        add("U1", f"footnote: {ref.footnote}")
    return tags


def _keywords(value: str) -> list[str]:
    """The keywords of a CSL ``keyword`` string (Zotero joins its tags with ", "; BibLaTeX's
    ``keywords`` field with "," or ";")."""
    return [k.strip() for k in re.split(r"[;,]", value or "") if k.strip()]


def dumps(refs: list[Reference]) -> str:
    """RIS text: one ``TY``…``ER`` block per reference, CRLF line ends as the spec asks."""
    out = []
    for ref in refs:
        for tag, value in reference_to_tags(ref):
            for i, line in enumerate(value.split("\n")):
                out.append(f"{tag}  - {line}" if i == 0 else line)
        out.append("ER  - ")
        out.append("")
    return "\r\n".join(out) + ("\r\n" if out else "")


# -- reading -----------------------------------------------------------------


def _entries(text: str, file: str | None, problems: list[MalformedInputError]) -> list[tuple[int, list[tuple[str, str]]]]:
    """``(first line, [(tag, value), ...])`` per entry; continuation lines are joined.

    A value's continuation lines are gathered and joined once it ends (``more``): a
    ``+=`` per line was quadratic (40,000 continuation lines 1.3 s, 12x 10,000's time).
    """
    entries: list[tuple[int, list[tuple[str, str]]]] = []
    current: list[tuple[str, str]] | None = None
    more: list[str] = []  # the last value of ``current`` and its continuation lines
    start = 0
    stray: int | None = None

    def flush() -> None:
        if more and current:
            tag = current[-1][0]
            current[-1] = (tag, ("\n" if tag in ("N1", "AB", "N2", "KW") else " ").join(more))  # RIS.js: KW
        more.clear()

    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = line.lstrip("\ufeff")
        m = _LINE.match(line)
        if m:
            flush()
            tag, value = m.group(1), (m.group(2) or "").rstrip()
            if tag == "TY":
                if current:
                    entries.append((start, current))
                current, start = [(tag, value)], n
            elif tag == "ER":
                if current:
                    entries.append((start, current))
                current = None
            elif current is None:
                problems.append(MalformedInputError(f"RIS tag {tag} outside an entry (no TY before it)", file=file, line=n))
                current, start = [(tag, value)], n
            else:
                current.append((tag, value))
        elif line.strip():
            if current and current[-1][0] in _NO_CONTINUATION:
                # "PY  - 2020" then "EndNote garbage line": RIS.js would glue it into the
                # date; kept verbatim in the note instead (where unreadable lines go)
                flush()
                problems.append(MalformedInputError(
                    f"a line without a RIS tag after {current[-1][0]} is not part of it; kept in the note",
                    file=file, line=n))
                current.append(("N1", line.strip()))
            elif current:
                if not more:
                    more.append(current[-1][1])
                more.append(line.strip())
            elif stray is None:
                stray = n
                problems.append(MalformedInputError("text outside any RIS entry", file=file, line=n))
    flush()
    if current:
        entries.append((start, current))
    return entries


def _parse_name(value: str) -> Name:
    if "," not in value:
        return Name(literal=value.strip())
    family, _, rest = value.partition(",")
    given, _, suffix = rest.partition(",")
    return split_particle(Name(family=family.strip(), given=given.strip(), suffix=suffix.strip()))


def _parse_date(value: str) -> Date:
    value = value.strip()
    m = re.fullmatch(r"(\d{4})(?:/(\d{0,2})(?:/(\d{0,2})(?:/.*)?)?)?", value)
    if not m:
        season = re.fullmatch(r"([^\W\d_]{3,})\s+(\d{4})|(\d{4})\s+([^\W\d_]{3,})", value)
        word = (season.group(1) or season.group(4)) if season else ""
        if season and not _MONTH.match(word):
            # Zotero reads a word before the year as the season ("Spring 2019", "Michaelmas 2019")
            return Date(int(season.group(2) or season.group(3)), season=_SEASON_NUMBERS.get(word.lower(), word))
        years = re.fullmatch(r"(\d{4})\s*[-–—]\s*(\d{4}|\d{2})", value)
        if years:
            # "1995-96", "2019-21", "1995–1996": a range of years, as Zotero's parseEDTF reads
            # them (a two-digit end above 12 and after the start's; 2019-05 is a month)
            start, end = int(years.group(1)), years.group(2)
            stop = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
            if stop > start and (len(end) == 4 or int(end) > 12):
                return Date(start, end=Date(stop))
        edtf = date_from_text(value)
        # EDTF ranges, "~", "?" (what the writer puts in DA)
        if edtf.year is not None or edtf.end is not None:
            return edtf
        m2 = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:[ T].*)?", value)
        if m2:
            return Date(int(m2.group(1)), int(m2.group(2)), int(m2.group(3)) if m2.group(3) else None)
        return Date(literal=value)
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) and int(m.group(2)) else None
    day = int(m.group(3)) if m.group(3) and month and int(m.group(3)) else None
    return Date(year, month, day)


def _strip_html(value: str) -> str:
    if not re.search(r"<[^>]+>", value):
        return value
    value = re.sub(r"<br\s*/?>|</p>\s*<p>", "\n", value)
    return html.unescape(re.sub(r"<[^>]+>", "", value)).strip()


def entry_to_reference(tags: list[tuple[str, str]], file: str | None = None, line: int | None = None,
                       warnings: list[str] | None = None) -> Reference:
    """One RIS entry (``(tag, value)`` pairs) as a ``Reference``; a tag it does not read is
    kept as ``ris.<TAG>`` (``_NOT_KEPT``) and named in ``warnings``."""
    ty = next((v.strip().upper() for t, v in tags if t == "TY"), "")
    csl_type = zotero.RIS_TO_CSL.get(ty, "document")
    zt = zotero.for_csl(csl_type).zotero
    ref = Reference(type=csl_type)
    values: dict[str, list[str]] = {}
    for tag, value in tags:
        if value.strip():
            values.setdefault(tag, []).append(value.strip())
    taken: dict[str, int] = {"TY": 1 if ty in zotero.RIS_TO_CSL else 0}  # tag -> values read

    def first(*ts: str) -> str:
        for t in ts:
            if t in values:
                taken[t] = max(taken.get(t, 0), 1)
                return values[t][0]
        return ""

    def names(*ts: str) -> list[Name]:
        for t in ts:
            if t in values:
                taken[t] = len(values[t])
        return [_parse_name(v) for t in ts for v in values.get(t, [])]

    authors = names("AU", "A1")
    if authors:
        ref.names["author"] = authors
    editor_tags = ["ED"] + (["A3"] if zt == "book" else ["A2"] if zt in _A2_EDITOR else [])
    editors = names(*editor_tags)
    if editors:
        ref.names["editor"] = editors
    if names("A4"):
        ref.names["translator"] = names("A4")
    if names("C2") and zt == "bookSection":
        ref.names["container-author"] = names("C2")
    series_editor_tag = "A3" if zt in _SERIES_EDITOR_A3 else "A2" if zt in ("book", "report") else ""
    if series_editor_tag and names(series_editor_tag):
        ref.names["collection-editor"] = names(series_editor_tag)
    ref.set("title", first("TI", "T1", "CT") or (first("BT") if zt == "book" else ""))
    if zt == "conferencePaper":
        ref.set("container-title", first("C3", "BT"))
        ref.set("event-title", first("T2"))
    elif zt in ("book", "report"):
        ref.set("collection-title", first("T2", "T3"))
    else:
        ref.set("container-title", first("T2", "JF", "JO", "BT") or first("JA", "J2"))
        ref.set("collection-title", first("T3"))
    ref.set("container-title-short", first("J2", "JA"))
    ref.set("title-short", first("ST"))
    ref.set("publisher-place", first("C1") if zt == "conferencePaper" else first("CY"))
    if not ref.get("publisher-place"):
        ref.set("publisher-place", first("CY", "C1") if zt == "conferencePaper" else "")
    date = first("DA", "Y1")
    year = first("PY")
    if date:
        d = _parse_date(date)
        if d.year is None and year:
            d = _parse_date(year)
        ref.dates["issued"] = d
    elif year:
        ref.dates["issued"] = _parse_date(year)
    if first("Y2"):
        ref.dates["accessed"] = _parse_date(first("Y2"))
    ref.set("DOI", first("DO"))
    if not ref.doi and re.match(r"10\.\d{4,9}/", first("M3")):
        ref.set("DOI", first("M3"))
    if zt == "computerProgram":
        ref.set("version", first("ET"))
    else:
        ref.set("edition", first("ET") if zt not in _LEGAL else "")
    ref.set("number-of-volumes", first("NV"))
    ref.set("volume", first("VL"))
    if zt not in ("bookSection",):
        ref.set("issue", first("IS"))
    sp, ep = first("SP"), first("EP")
    if zt in _PAGE_COUNT_TYPES and sp and not ep:
        ref.set("number-of-pages", sp)
    elif sp:
        ref.set("page", f"{sp}–{ep}" if ep and "-" not in sp else sp)
    ref.set("language", first("LA"))
    if zt in _LEGAL:
        ref.set("number", first("M1"))
    elif zt == "book":
        ref.set("collection-number", first("M1"))
    elif zt == "report":
        ref.set("number", first("SN"))
    if zt in _GENRE_TYPES:
        ref.set("genre", first("M3") if not re.match(r"10\.\d{4,9}/", first("M3")) else "")
    ref.set("publisher", first("PB"))
    sn = first("SN")
    if sn and zt != "report":
        ref.set("ISSN" if zt in _ISSN_TYPES else "ISBN", sn)
    ref.set("URL", first("UR"))
    for tag in _LINK_TAGS:
        if tag in values:
            ref.extra[f"ris.{tag}"] = values[tag]
            taken[tag] = len(values[tag])
    ref.set("abstract", first("AB", "N2"))
    ref.set("source", first("DP"))
    # each KW line is one keyword, commas and all (RIS.js makes each a Zotero tag)
    ref.set("keyword", ", ".join(k.strip() for v in values.get("KW", []) for k in v.split("\n") if k.strip()))
    # Zotero's own RIS export has no Extra: identifiers arrive as child notes (N1).
    notes = [ln for v in values.get("N1", []) for ln in _strip_html(v).split("\n")]
    # M2 is Extra for every type; M1 only where RIS.js has no other use for it.
    extra_tags = ["M2"] if zt in (*_LEGAL, "book", "journalArticle", "bookSection", "webpage") else ["M2", "M1"]
    for t in ("KW", "N1", *extra_tags):
        taken[t] = len(values.get(t, ()))
    extra_lines = [ln for t in extra_tags for v in values.get(t, []) for ln in v.split("\n")]
    kept_extra = []
    for ln in notes + extra_lines:
        k, sep, v = ln.partition(":")
        if sep and k.strip() in EXTRA_IDENTIFIERS and v.strip():
            ref.identifiers[k.strip()] = v.strip()
        elif sep and k.strip() == "ISSN" and v.strip():
            ref.set("ISSN", v.strip())
        elif sep and k.strip() in _EXTRA_DATES and v.strip():
            ref.dates[k.strip()] = date_from_text(v.strip())
        elif sep and k.strip() == "repeats" and v.strip():
            ref.repeats = v.strip()
        elif (tex := re.match(r"^\s*(tex\.\S+?):\s+(\S.*)$", ln)):
            ref.extra[tex.group(1)] = tex.group(2).strip()
        else:
            kept_extra.append(ln)
    ref.set("note", "\n".join(n for n in kept_extra if n))
    ref.id = first("ID")
    footnote = re.fullmatch(r"footnote:\s*(\d+)", first("U1"))
    if not footnote:
        taken.pop("U1", None)  # only "footnote: N" is ours; any other U1 is the user's
    left = [t for t in values if t not in _NOT_KEPT and len(values[t]) > taken.get(t, 0)]
    for t in left:
        ref.extra[f"ris.{t}"] = values[t][taken.get(t, 0):]
    if "TY" in left and warnings is not None:
        left.remove("TY")
        warnings.append(f"{file or '<input>'}:{line or 1}: unknown RIS type {ty!r}, read as a document; "
                        "kept as ris.TY")
    if left and warnings is not None:
        what = ", ".join(left)
        warnings.append(f"{file or '<input>'}:{line or 1}: RIS tag{'s' if len(left) > 1 else ''} {what} not read "
                        f"into a field (an unknown tag, or one more value than the field holds); kept as "
                        f"{', '.join('ris.' + t for t in left)}")
    mark_unparsed(ref)
    ref.origin = Origin(
        kind="footnote" if footnote else "file",
        number=int(footnote.group(1)) if footnote else None,
        file=file,
        line_start=line,
    )
    return ref


def loads(text: str, file: str | None = None) -> RisReadResult:
    """Read RIS text; entries without ``TY`` and stray text become ``problems``."""
    result = RisReadResult()
    for line, tags in _entries(text, file, result.problems):
        result.references.append(entry_to_reference(tags, file, line, result.warnings))
    return result

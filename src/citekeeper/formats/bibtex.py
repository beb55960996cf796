"""BibLaTeX/BibTeX reader and writer of ``Reference``.

Reading follows BibTeX and biber, and loses nothing:

* ``bibsplit`` splits the file (bibtexparser 2, imported only then, reads the blocks it
  refuses, with its own recovery and reasons); values are expanded here
  (``bibvalues``: ``@string``, ``#``, month macros; an undefined macro is a warning with
  its line), LaTeX is decoded to Unicode (``latex``), names are split by BibTeX's rules
  (``bibnames``), and ``crossref``/``xdata`` children inherit from their parents as biber
  does, for render and export;
* every entry keeps its text as written (``Reference.verbatim``): bib → bib writes an
  untouched entry back byte for byte (its macros, ``crossref``, field order and
  spelling), an edited one with only the changed fields rewritten;
* every field no CSL variable holds is kept in ``Reference.extra`` as ``tex.<field>``
  (written back as the field here, as a ``tex.<field>: value`` line of CSL ``note`` —
  Zotero's Extra, where Better BibTeX reads it — elsewhere);
* a block bibtexparser cannot parse is recovered when it can be (a repeated field: the
  first wins, the other is kept as ``tex.<field>~2``; a key-less Mendeley ``@article{,``
  is read and given a key later; ``%`` comment lines inside an entry are skipped; an
  unbalanced brace is closed at the end of its line) — with a warning naming file and
  line — and otherwise kept verbatim in ``failed`` and reported as a problem.

The writer emits entries chosen so that Zotero's own BibTeX import (``BibTeX.js``,
which reads BibLaTeX too) keeps each item's type and fields; the entry types come
from the one table in ``formats/zotero.py``.  Field choices and the translator
function that makes them necessary:

* ``date`` (``processField``: date wins over ``year``/``month``; EDTF ranges as biblatex
  reads them), ``urldate`` (Access Date), ``journaltitle`` (publication title; a web
  page's Website Title — ``organization`` would be lost on ``@online``);
* ``language`` as an ISO code beside ``langid`` (``fieldMap`` reads ``language``,
  ignores ``langid``, which biblatex needs for hyphenation);
* ``institution`` on theses and reports (University / Institution), ``type`` as the
  thesis or report type, ``address`` on ``@inproceedings`` (``location`` there
  becomes the event place), ``howpublished`` only for what Zotero may keep in Extra;
* identifiers without a BibTeX field (EDN) go to ``note`` as ``EDN: XXXXXX`` lines,
  the way Zotero's own BibLaTeX export writes Extra;
* never an ``extra`` field (dropped) and never a ``@dataset``/``@standard``/``@www``
  entry (dropped whole).

``flavour="bibtex"`` writes the classic field names (``journal``, ``address``,
``school``, ``year``/``month``) beside ``date`` so BibTeX styles and Zotero both
read it.  Only what TeX needs is escaped on writing; Unicode stays Unicode.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

from citekeeper.errors import MalformedInputError
from citekeeper.formats import bibnames, bibsplit, bibvalues, zotero
from citekeeper.formats.bulk import gc_paused
from citekeeper.formats.csljson import UNPARSED_NOTE, mark_unparsed
from citekeeper.formats.dates import date_from_text
from citekeeper.formats.latex import balanced, decode, encode
from citekeeper.model import Date, Name, Origin, Reference, Verbatim
from citekeeper.parse.common import BIBLATEX_LANGIDS, MONTHS, clean_doi

if TYPE_CHECKING:
    from bibtexparser import Library

FLAVOURS = ("biblatex", "bibtex")
LANGID_TO_ISO = {v: k for k, v in BIBLATEX_LANGIDS.items()}
# Better BibTeX / biblatex thesis and report type keys -> the words a reader sees.
_TYPE_KEYS = {
    "mathesis": "Master's thesis",
    "mastersthesis": "Master's thesis",
    "phdthesis": "PhD thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
}
_TYPE_WORDS = {v: k for k, v in _TYPE_KEYS.items() if k not in ("mastersthesis", "phdthesis", "techreport")}
# Identifier label -> the BibTeX field Zotero reads into Extra (``extraIdentifiers``),
# and -> ``eprinttype`` (``eprintIds``).
_IDENTIFIER_FIELDS = {"LCCN": "lccn", "MR": "mrnumber", "Zbl": "zmnumber", "PMID": "pmid", "PMCID": "pmcid"}
_EPRINT_TYPES = {"arXiv": "arxiv", "JSTOR": "jstor", "HDL": "hdl"}
_MONTH_MACROS = tuple(bibvalues.MONTH_MACROS)
_THESIS_TYPES = ("thesis", "mastersthesis", "phdthesis")
_IN_BOOK = ("incollection", "inproceedings", "inreference", "inbook")
# Entry types whose ``number`` Zotero reads as a series number (``processField``).
_SERIES_NUMBER = ("book", "incollection", "inbook", "mvbook", "collection")
# Entry types whose ``number`` is the document's own number, not an issue.
_OWN_NUMBER = ("report", "techreport", "legislation", "patent", "jurisdiction")
# Fields whose text is CSL rich text (case protection, italics) rather than plain.
RICH_FIELDS = frozenset({"title", "subtitle", "shorttitle", "booktitle", "maintitle", "eventtitle",
                         "titleaddon", "origtitle", "booksubtitle", "mainsubtitle", "issuetitle"})
_CSL_RICH = ("title", "title-short", "original-title", "event-title")
# Fields whose value is not TeX text (biblatex's verbatim fields and friends).
_VERBATIM = frozenset({"url", "doi", "urldate", "file", "eprint", "pdf", "urlraw", "local-url", "uri",
                       "verba", "verbb", "verbc", "timestamp", "date-added", "date-modified"})
_TITLE_TYPES = ("webpage", "post", "post-weblog")


# -- writing -----------------------------------------------------------------


def thesis_entry_type(genre: str) -> str:
    """``mastersthesis``/``phdthesis`` when the genre says so, else ``thesis``."""
    g = genre.lower()
    if re.search(r"\b(?:ma|msc|m\.a\.|master|магист)", g):
        return "mastersthesis"
    if re.search(r"\b(?:phd|ph\.d|doctor|dr\.|кандидат|доктор)", g):
        return "phdthesis"
    return "thesis"


def entry_type(ref: Reference, flavour: str = "biblatex") -> tuple[str, str]:
    """``(entry type, entrysubtype)`` for a reference, from the Zotero type table."""
    row = zotero.for_csl(ref.type)
    etype = row.bibtex if flavour == "bibtex" else row.biblatex
    if etype in _THESIS_TYPES:
        etype = thesis_entry_type(ref.get("genre"))
        if etype == "thesis" and flavour == "bibtex":
            etype = "phdthesis"
    return etype, row.subtype


def _pages(value: str) -> str:
    """Pages as written, the en dash of a range as TeX's ``--`` (read back as the en dash)."""
    return re.sub(r"(?<![-–—])–(?![-–—])", "--", encode(value))


def reference_to_fields(ref: Reference, flavour: str = "biblatex") -> tuple[str, list[tuple[str, str]]]:
    """``(entry type, [(field, value), ...])`` for one reference, values escaped."""
    classic = flavour == "bibtex"
    if not ref.parsed:
        fields = [("title", encode(ref.raw or ref.title))]
        if ref.footnote is not None:
            fields.append(("footnote", str(ref.footnote)))
        fields.append(("note", UNPARSED_NOTE))
        return "misc", fields
    etype, subtype = entry_type(ref, flavour)
    f: list[tuple[str, str]] = []

    def add(key: str, value: str | None, verbatim: bool = False, rich: bool = False) -> None:
        if value:
            f.append((key, value if verbatim else encode(value, rich)))

    if subtype:
        add("entrysubtype", subtype)  # BibTeX styles ignore it; our reader needs it
    for role, key in (("author", "author"), ("editor", "editor"), ("translator", "translator"),
                      ("container-author", "bookauthor")):
        if ref.names.get(role):
            f.append((key, bibnames.join(ref.names[role], role in ref.truncated)))
    add("title", ref.title, rich=True)
    if ref.get("title-short"):
        add("shorttitle", ref.get("title-short"), rich=True)
    container = ref.get("container-title")
    if etype in _IN_BOOK:
        add("booktitle", container, rich=True)
    elif etype in ("legislation", "misc", "jurisdiction", "unpublished"):
        # Zotero has no field for these containers; howpublished reaches Extra
        # as "Published: ..." (``processField``), where a reader still sees it.
        if container and not container.startswith(("http://", "https://")):
            add("howpublished", container)
    else:
        add("journal" if classic else "journaltitle", container)
    if ref.get("container-title-short") and etype == "article":
        add("shortjournal", ref.get("container-title-short"))
    add("eventtitle", ref.get("event-title"), rich=True)
    add("venue", ref.get("event-place"))
    add("origtitle", ref.get("original-title"), rich=True)
    add("series", ref.get("collection-title"))
    add("edition", ref.get("edition"))
    add("volume", ref.get("volume"))
    if etype in _OWN_NUMBER:
        add("number", ref.get("number") or ref.get("issue"))
    elif etype in _SERIES_NUMBER:
        add("number", ref.get("collection-number"))
        if ref.get("issue") or ref.get("number"):
            add("issue", ref.get("issue") or ref.get("number"))
    else:
        add("number", ref.get("issue") or ref.get("number"))
    add("chapter", ref.get("chapter-number"))  # lost by Zotero on a book section, kept for biblatex
    add("volumes", ref.get("number-of-volumes"))
    if ref.get("page"):
        add("pages", _pages(ref.get("page")), verbatim=True)
    add("pagetotal", ref.get("number-of-pages"))
    if etype in (*_THESIS_TYPES, "report", "techreport"):
        add("school" if classic and etype in _THESIS_TYPES else "institution", ref.get("publisher"))
    else:
        add("publisher", ref.get("publisher"))
    place_key = "address" if classic or etype == "inproceedings" else "location"
    add(place_key, ref.get("publisher-place"))
    add("origpublisher", ref.get("original-publisher"))
    add("origlocation", ref.get("original-publisher-place"))
    if ref.get("genre"):
        add("type", ref.get("genre"))
    add("version", ref.get("version"))
    add("pubstate", ref.get("status"))
    issued = ref.dates.get("issued")
    if issued:
        if issued.year is not None:
            if classic:
                add("year", str(issued.year))
                if issued.month:
                    add("month", _MONTH_MACROS[issued.month - 1] if issued.month <= 12 else str(issued.month))
            add("date", issued.iso(), verbatim=True)
        elif issued.end is not None:
            add("date", issued.iso(), verbatim=True)
        else:
            add("year", issued.literal)
    for slot, key in (("original-date", "origdate"), ("event-date", "eventdate")):
        if ref.dates.get(slot):
            add(key, ref.dates[slot].iso(), verbatim=True)
    add("doi", ref.doi, verbatim=True)
    add("url", ref.url, verbatim=True)
    accessed = ref.dates.get("accessed")
    if accessed:
        add("urldate", accessed.iso(), verbatim=True)
    add("isbn", ref.get("ISBN"))
    add("issn", ref.get("ISSN"))
    add("abstract", ref.get("abstract"))
    add("keywords", ref.get("keyword"))
    add("annotation" if not classic else "annote", ref.get("annote"))
    lang = ref.get("language")
    if lang:
        base = lang.split("-")[0].lower()
        iso = base if base in BIBLATEX_LANGIDS else LANGID_TO_ISO.get(base, lang)
        add("language", iso)
        add("langid", BIBLATEX_LANGIDS.get(iso, lang.lower()))
    # ``processField``: identifiers with a field of their own (``extraIdentifiers``,
    # ``eprintIds``) reach Extra one per line; any other goes in ``note``, which Zotero
    # makes a child note (its whitespace is collapsed, so lines cannot be smuggled
    # into Extra through it).
    notes = [ref.get("note")] if ref.get("note") else []
    for label, value in ref.identifiers.items():
        if label in _IDENTIFIER_FIELDS:
            add(_IDENTIFIER_FIELDS[label], value)
        elif label in _EPRINT_TYPES and not any(k == "eprint" for k, _ in f):
            add("eprinttype", _EPRINT_TYPES[label])
            add("eprint", value, verbatim=True)
        else:
            notes.append(f"{label}: {value}")
    # RIS tags no field holds (``ris.AN``, a second ``UR``: formats/ris.py) have no BibTeX
    # field either: note lines, so a .bib written from RIS loses none of them
    for key, kept in ref.extra.items():
        if key.startswith("ris.") and key[4:] not in ("L1", "L2", "L4"):
            notes += [f"{key}: {v}" for v in ([kept] if isinstance(kept, str) else kept if isinstance(kept, list) else ())
                      if isinstance(v, str)]
    if notes:
        add("note", "\n".join(notes))
    if ref.repeats:
        add("repeats", ref.repeats)  # no style prints it; a reader sees which work a short form means
    if ref.footnote is not None:
        add("footnote", str(ref.footnote))
    written = {k for k, _ in f}
    for key, value in ref.extra.items():
        if not key.startswith("tex.") or not isinstance(value, str):
            continue
        name, dup, _ = key[4:].partition("~")
        if name in written and not dup:
            continue
        f.append((name, value if balanced(value) else encode(value)))
    return etype, f


def _format_entry(etype: str, key: str, fields: list[tuple[str, str]]) -> str:
    lines = [f"@{etype}{{{key},"]
    for name, value in fields:
        if bibvalues.is_macro(value) and name == "month" and value.lower() in bibvalues.MONTH_MACROS:
            lines.append(f"  {name} = {value},")
        else:
            lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)


_HEADER = re.compile(r"^(@\s*[A-Za-z]+\s*[{(]\s*)([^,\s]*)")
_ALIASES = {"journaltitle": ("journal",), "journal": ("journaltitle",), "location": ("address",),
            "address": ("location",), "institution": ("school",), "school": ("institution",),
            "annotation": ("annote",), "annote": ("annotation",)}


def _rewrite(ref: Reference, flavour: str) -> str:
    """An entry read from a .bib: as written when untouched, else only the changed fields rewritten."""
    v = ref.verbatim
    assert v is not None
    if v.snapshot is _NO_SNAPSHOT:
        raise ValueError(f"entry {ref.id!r} was read as a projection (loads(fields=...)): read it in full to write it")
    if v.snapshot is not None and v.snapshot[1:] == ref.snapshot()[1:]:
        if ref.id == v.key:
            return v.text
        return _HEADER.sub(lambda m: m.group(1) + ref.id, v.text, count=1)
    old_ref = _from_snapshot(v.snapshot) if v.snapshot else Reference()
    old = dict(reference_to_fields(old_ref, flavour)[1])
    etype, new_fields = reference_to_fields(ref, flavour)
    new = dict(new_fields)
    out = list(v.fields)
    index = {name.lower(): i for i, (name, _) in enumerate(out)}

    def find(name: str) -> int | None:
        for alias in (name, *_ALIASES.get(name, ())):
            if alias in index:
                return index[alias]
        return None

    drop: set[int] = set()
    for name in old:
        if name not in new:
            i = find(name)
            if i is not None:
                drop.add(i)
    if "date" in new and new.get("date") != old.get("date"):
        for name in ("year", "month", "day"):
            if name in index and name not in new:
                drop.add(index[name])
    appended = []
    for name, value in new_fields:
        if old.get(name) == value:
            continue
        i = find(name)
        if i is not None:
            out[i] = (out[i][0], "{" + value + "}")
        else:
            appended.append((name, "{" + value + "}"))
    kept = [pair for i, pair in enumerate(out) if i not in drop] + appended
    written_type = v.entry_type if old_ref.type == ref.type else etype
    lines = [f"@{written_type}{{{ref.id},"]
    lines += [f"  {name} = {value}," for name, value in kept]
    lines.append("}")
    return ("\r\n" if "\r\n" in v.text else "\n").join(lines)  # the file's line end


def _from_snapshot(snap: tuple) -> Reference:
    ident, typ, fields, names, dates, identifiers, extra, repeats, parsed = snap[:9]
    ref = Reference(id=ident, type=typ, fields=dict(fields), names={k: list(v) for k, v in names.items()},
                    dates=dict(dates), identifiers=dict(identifiers), extra=dict(extra), repeats=repeats,
                    parsed=parsed)
    if len(snap) > 9:
        ref.truncated = list(snap[9])
    return ref


def dumps(refs: list[Reference], flavour: str = "biblatex", blocks: Sequence[tuple] = ()) -> str:
    """BibLaTeX (or classic BibTeX) text for ``refs``, in order, one blank line between entries.

    An entry read from a .bib is written as it was (see ``_rewrite``); ``blocks`` are the
    ``@string``/``@preamble``/comment blocks and unreadable blocks of the files read
    (``(file, line, raw text, offset of that text)``; ``offset`` may be missing), each written back
    just before the first entry of its file that followed it, so macros stay defined
    where they are used.

    Between two pieces of one file (entries and blocks) the white space is the file's own
    (``Verbatim.lead``, and the blocks' text carries theirs), so a .bib converted to .bib
    comes back byte for byte: blank lines, trailing spaces, CRLF or mixed line ends, a
    stray BOM between entries.  What is normalised: an entry that was edited is rewritten
    field per line (its untouched values as written) with its file's line end; a new
    entry and the seam between two files or after a new entry is one blank line; the
    output ends with a newline unless its last piece is a file's own end.
    """
    if flavour not in FLAVOURS:
        raise ValueError(f"unknown BibTeX flavour {flavour!r}")
    pending: dict[str | None, list[tuple[int, int, str]]] = {}
    for block in blocks:
        file, line, raw = block[0], block[1], block[2]
        pending.setdefault(file, []).append((block[3] if len(block) > 3 else -1, line, raw))
    last_of: dict[str | None, int] = {}
    for n, ref in enumerate(refs):
        if ref.verbatim is not None and ref.verbatim.format == "bibtex" and ref.origin:
            last_of[ref.origin.file] = n
    out: list[str] = []
    # the file of the last piece written, whether any was, where it ended in its file, and
    # whether that was the file's end (its last block: ``loads`` always gives one)
    state: list = [None, False, -1, False]

    def put(text: str, file: str | None, start: int = -1) -> None:
        """``text`` (a piece with the white space before it) after what is written; ``start``
        its offset in ``file`` (-1: unknown): the piece that followed there joins as is."""
        if file is not None and state[1] and state[0] == file and (start < 0 or state[2] in (-1, start)):
            out.append(text)  # the next piece of the same file: the white space as written
        elif not state[1]:
            out.append(text if file is not None and start <= 0 else text.lstrip("\r\n"))
        else:
            if out:
                out[-1] = out[-1].rstrip("\r\n")
            out.append("\n\n" + text.lstrip("\r\n"))
        state[0], state[1], state[2], state[3] = file, True, -1, False

    def flush(file: str | None) -> None:
        queue = pending.pop(file, [])
        for n, (start, _, raw) in enumerate(queue):
            if raw and (raw.strip() or state[0] == file):
                put(raw, file, start)
                state[2] = start + len(raw) if start >= 0 else -1
            if n == len(queue) - 1 and state[0] == file:
                state[3] = True

    for file in list(pending):
        if file not in last_of:
            flush(file)
    for n, ref in enumerate(refs):
        v = ref.verbatim
        if v is not None and v.format == "bibtex" and ref.origin:
            file = ref.origin.file
            queue = pending.get(file)
            line = ref.origin.line_start or 0
            while queue and ((queue[0][0] < v.order) if queue[0][0] >= 0 and v.order >= 0 else (queue[0][1] < line)):
                start, _, raw = queue.pop(0)
                put(raw, file, start)
                state[2] = start + len(raw) if start >= 0 else -1
            put(v.lead + _rewrite(ref, flavour), file, v.order - len(v.lead) if v.order >= 0 else -1)
            state[2] = v.order + len(v.text) if v.order >= 0 else -1
            if last_of[file] == n:
                flush(file)
            continue
        etype, fields = reference_to_fields(ref, flavour)
        put(_format_entry(etype, ref.id, fields), None)
    for file in list(pending):
        flush(file)
    text = "".join(out)
    if not text.strip():
        return ""
    return text if state[3] or text.endswith("\n") else text + "\n"


# -- reading -----------------------------------------------------------------


@dataclass
class FailedBlock:
    """A block that could not be read: its raw text, kept for bib → bib, and why."""

    file: str | None
    line: int
    raw: str
    reason: str


@dataclass
class BibReadResult:
    """Entries that could be read, the blocks that could not (with their lines), and warnings.

    ``blocks`` are the non-entry blocks (``@string``, ``@preamble``, comments) and the
    failed ones, as ``(file, line, raw text with the white space before it, offset)``, for
    ``dumps`` to write back.
    """

    references: list[Reference] = field(default_factory=list)
    problems: list[MalformedInputError] = field(default_factory=list)
    failed: list[FailedBlock] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    blocks: list[tuple[str | None, int, str, int]] = field(default_factory=list)
    strings: dict[str, str] = field(default_factory=dict)
    # How many of ``warnings`` the split gave (blocks read leniently); the entries' own
    # (undefined macros, repeated fields) follow them.  ``links_of``'s reader keeps that order.
    split_warnings: int = 0


class _Fields:
    """An entry's expanded values; what the mapping reads is marked, the rest goes to ``extra``."""

    __slots__ = ("used", "values")

    def __init__(self, values: dict[str, str]):
        self.values = values
        self.used: set[str] = set()

    def raw(self, key: str) -> str:
        value = self.values.get(key)
        if value is None:
            return ""
        self.used.add(key)
        return value

    def text(self, key: str) -> str:
        value = self.values.get(key)
        if value is None:
            return ""
        self.used.add(key)
        # Plain text, not CSL rich text: every command compares and prints ``title``, and
        # case protection (``{DNA}``) stays in the entry's verbatim text for bib -> bib.
        return decode(value)

    def has(self, key: str) -> bool:
        return key in self.values


_URL_MACRO = re.compile(r"\\url\s*\{(.*)\}", re.DOTALL)
_URL_ESCAPE = re.compile(r"\\([_%&#~$])")


def _unwrap_url(value: str) -> str:
    """``\\url{https://…}`` (as BibTeX users write in ``howpublished``) -> the URL; TeX escapes undone."""
    value = value.strip()
    if not value:
        return value
    m = _URL_MACRO.fullmatch(value)
    if m:
        value = m.group(1).strip()
    if value.startswith("{") and value.endswith("}") and "{" not in value[1:-1]:
        value = value[1:-1]
    if "\\" not in value:  # the regular expression's call cost 0.7 us on each of 50,000 URLs
        return value
    return _URL_ESCAPE.sub(r"\1", value) if _is_url(value) or m else value


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _month(value: str) -> int | None:
    v = value.strip().lower().rstrip(".")
    if v.isdecimal() and 1 <= int(v) <= 12:
        return int(v)
    return MONTHS.get(v[:3]) or MONTHS.get(v)


def _year_date(g: _Fields) -> Date | None:
    year = g.text("year")
    if not year:
        return None
    values = g.values
    d, used_month, used_day = _year_month_day(year, values.get("month"), values.get("day"))
    if used_month:
        g.used.add("month")
    if used_day:
        g.used.add("day")
    return d


_YEAR_RANGE = re.compile(r"\d{4}\s*[-–/]{1,2}\s*\d{4}")
_FOUR_DIGITS = re.compile(r"\d{4}")


@lru_cache(maxsize=8192)
def _year_month_day(year: str, month: str | None, day: str | None) -> tuple[Date, bool, bool]:
    """``year``/``month``/``day`` as one ``Date``, and whether month and day were read.

    Cached (a ``Date`` is frozen): a bibliography has a few hundred distinct years and
    months, and building a frozen dataclass twice per entry was 7% of reading a .bib.
    """
    d = date_from_text(year)
    if d.year is None and _YEAR_RANGE.fullmatch(year):
        a, b = _FOUR_DIGITS.findall(year)
        d = Date(int(a), end=Date(int(b)))
    if d.year is not None and d.end is None and d.month is None and month is not None:
        mo = _month(decode(month))
        if mo:
            text = decode(day) if day is not None else ""
            return Date(d.year, mo, int(text) if text.isdecimal() else None), True, day is not None
        return d, True, False
    return d, False, False


# EDTF dates of ``date``/``urldate``/``origdate``…, parsed once per distinct text.
_iso_from_text = lru_cache(maxsize=8192)(date_from_text)
# A date as EDTF writes it, which is not TeX: "~" is circa there, not a tie (decoding it
# as a space dropped "2011-05~" to "2011-05"), "%" both qualifiers, not a comment.
_EDTF_TEXT = re.compile(r"[\s{}]*[-+]?[0-9][0-9T:.Z+\-/?~%\s]*[}\s]*|[\s{}]*\.\.[0-9/\-?~%\s]*")


@lru_cache(maxsize=8192)
def _iso_date(raw: str) -> Date:
    """A biblatex date field's raw value as a ``Date``: EDTF as written, other text decoded."""
    if _EDTF_TEXT.fullmatch(raw):
        return _iso_from_text(raw.replace("{", "").replace("}", ""))
    return _iso_from_text(decode(raw))


def _note_lines(ref: Reference, text: str) -> list[str]:
    """``KEY: value`` identifier lines of a note (Zotero's Extra, BBT's ``tex.`` lines) taken out."""
    kept = []
    for line in text.split("\n"):
        k, sep, v = line.partition(":")
        k, v = k.strip(), v.strip()
        if sep and v and ((re.fullmatch(r"[A-Za-z]{2,10}", k) and k.isupper()) or k in ("arXiv", "ADS Bibcode")):
            ref.identifiers[k] = v
        elif line.strip():
            kept.append(line.strip())
    return kept


# One BibTeX field -> one CSL variable, decoded; in the order the record keeps them.
_SIMPLE_A = (("shortjournal", "container-title-short"), ("eventtitle", "event-title"), ("venue", "event-place"),
             ("origtitle", "original-title"), ("series", "collection-title"), ("edition", "edition"),
             ("volume", "volume"))
_SIMPLE_B = (("pages", "page"), ("pagetotal", "number-of-pages"), ("chapter", "chapter-number"),
             ("volumes", "number-of-volumes"))
_SIMPLE_C = (("origpublisher", "original-publisher"), ("origlocation", "original-publisher-place"))
_SIMPLE_D = (("version", "version"), ("pubstate", "status"))
_SIMPLE_E = (("isbn", "ISBN"), ("issn", "ISSN"), ("abstract", "abstract"))


def _simple(g: _Fields, ref: Reference, table: tuple[tuple[str, str], ...]) -> None:
    values = g.values
    for name, var in table:
        if name in values:
            ref.set(var, g.text(name))


_IDENTIFIERS_READ = (("edn", "EDN"), ("pmid", "PMID"), ("pmcid", "PMCID"), ("arxiv", "arXiv"), ("lccn", "LCCN"),
                     ("mrnumber", "MR"), ("zmnumber", "Zbl"))
_IDENTIFIER_NAMES = frozenset(name for name, _ in _IDENTIFIERS_READ)
_ANNOTE_NAMES = frozenset({"annotation", "annotation~2", "annote", "annote~2"})


def fields_to_reference(etype: str, key: str, values: dict[str, str], *, own: set[str] | None = None,
                        file: str | None = None, line: int = 0, line_end: int | None = None) -> Reference:
    """One entry (lower-case field names -> expanded values) as a ``Reference``.

    ``own`` are the fields the entry itself wrote (the rest were inherited through
    ``crossref``/``xdata``); only own fields that nothing maps are kept in ``extra``.
    """
    g = _Fields(values)
    etype = etype.lower()
    ref = Reference(id=key, type=_csl_type(g, etype))
    for role, name in (("author", "author"), ("editor", "editor"), ("translator", "translator"),
                       ("container-author", "bookauthor")):
        raw = g.raw(name)
        if raw:
            names, truncated = bibnames.split(raw)
            if names:
                ref.names[role] = names
            if truncated:
                ref.truncated.append(role)
    title = g.text("title")
    if g.has("subtitle"):
        sub_title = g.text("subtitle")
        title = f"{title}: {sub_title}" if title else sub_title
    ref.set("title", title)
    if "shorttitle" in values:
        ref.set("title-short", g.text("shorttitle"))
    howpublished = _howpublished(values)
    container = ""
    for name in ("journaltitle", "journal", "booktitle"):
        if g.has(name):
            container = g.text(name)
            break
    if not container and ref.type in _TITLE_TYPES:
        # Zotero's BibLaTeX export writes a website's title as titleaddon, some
        # Better BibTeX versions as organization.
        for name in ("titleaddon", "organization"):
            if g.has(name):
                container = g.text(name)
                break
    if howpublished and (_is_url(howpublished) or not container):
        g.used.add("howpublished")
        if not _is_url(howpublished):
            container = howpublished
    ref.set("container-title", container)
    _simple(g, ref, _SIMPLE_A)
    if etype in _OWN_NUMBER or ref.type in ("report", "legislation", "patent", "bill", "legal_case"):
        ref.set("number", g.text("number") or g.text("issue"))
    elif etype in _SERIES_NUMBER:
        ref.set("collection-number", g.text("number"))
        ref.set("issue", g.text("issue"))
    else:
        ref.set("issue", g.text("number") or g.text("issue"))
    _simple(g, ref, _SIMPLE_B)
    order = ("school", "institution", "publisher") if etype in (*_THESIS_TYPES, "report", "techreport") \
        else ("publisher", "institution", "school")
    publisher = ""
    for name in order:
        if g.has(name):
            publisher = g.text(name)
            break
    if not publisher and ref.type not in _TITLE_TYPES and g.has("organization"):
        publisher = g.text("organization")
    ref.set("publisher", publisher)
    ref.set("publisher-place", g.text("location") or g.text("address"))
    _simple(g, ref, _SIMPLE_C)
    genre = g.text("type")
    genre = _TYPE_KEYS.get(genre.lower(), genre)
    if not genre and etype == "mastersthesis":
        genre = "Master's thesis"
    elif not genre and etype == "phdthesis":
        genre = "PhD thesis"
    ref.set("genre", genre)
    _simple(g, ref, _SIMPLE_D)
    _dates_and_links(g, ref, howpublished)
    _simple(g, ref, _SIMPLE_E)
    # Zotero's BibTeX export writes one ``annote`` per child note and tags as ``keywords``;
    # repeated ones are joined, so every note and tag reaches the record.
    if "keywords" in values or "keywords~2" in values:
        ref.set("keyword", ", ".join(_repeated(g, "keywords")))
    annote = "\n\n".join(_repeated(g, "annotation") + _repeated(g, "annote")) \
        if not _ANNOTE_NAMES.isdisjoint(values) else ""
    lang = g.text("language") or g.text("langid")
    if lang:
        ref.set("language", LANGID_TO_ISO.get(lang.lower(), lang))
        # A ``langid`` naming the same language as ``language`` (what this writer and
        # Better BibTeX write) is that language again, not a field of its own: kept as a
        # ``tex.langid`` note line it reached Zotero's Extra on every Russian item.
        if "langid" in values and "langid" not in g.used:
            langid = values["langid"].strip("{} ").lower()
            if LANGID_TO_ISO.get(langid, langid) == ref.get("language"):
                g.used.add("langid")
    if "note" in values:
        ref.set("note", "\n".join(_note_lines(ref, g.raw("note") and decode_lines(g.raw("note")))))
    if annote:
        ref.set("annote", "\n".join(_note_lines(ref, annote)))
    if not _IDENTIFIER_NAMES.isdisjoint(values):
        for ident, label in _IDENTIFIERS_READ:
            if g.has(ident):
                ref.identifiers[label] = g.text(ident)
    eprinttype = (g.text("eprinttype") or g.text("archiveprefix")).lower()
    if g.has("eprint") and eprinttype:
        label = {"arxiv": "arXiv", "pubmed": "PMID", "jstor": "JSTOR", "hdl": "HDL"}.get(eprinttype, eprinttype)
        ref.identifiers[label] = decode(g.raw("eprint"))
    ref.repeats = g.text("repeats")
    footnote = g.text("footnote")
    mark_unparsed(ref)
    for name, value in values.items():
        if name not in g.used and (own is None or name in own):
            ref.extra["tex." + name] = value
    ref.origin = _origin(footnote, file, line, line_end)
    return ref


def _csl_type(g: _Fields, etype: str) -> str:
    """The CSL type of a lower-cased entry type, refined by ``entrysubtype`` when the table has it."""
    sub = g.text("entrysubtype").lower()
    if sub in zotero.BIB_SUBTYPE_TO_CSL and zotero.for_csl(zotero.BIB_SUBTYPE_TO_CSL[sub]).biblatex == etype:
        return zotero.BIB_SUBTYPE_TO_CSL[sub]
    return zotero.BIB_TO_CSL.get(etype, "document")


def _howpublished(values: dict[str, str]) -> str:
    """An entry's ``howpublished``: a URL unwrapped (``_unwrap_url``), other text decoded."""
    value = _unwrap_url(values.get("howpublished", ""))
    if value and not _is_url(value):
        return decode(value)
    return value


def _dates_and_links(g: _Fields, ref: Reference, howpublished: str) -> None:
    """``issued``, ``original-date``, ``event-date``, ``URL``, ``DOI``, ``accessed`` of an entry.

    The one copy of these rules for the full read and the projected one (``PROJECTED``):
    a projection builds exactly what the full read builds for them, by running the same
    code.  ``howpublished`` is the entry's (``_howpublished``); a URL there is the entry's
    URL when ``url`` is missing.
    """
    issued, url, doi, accessed = _links_and_dates(g, howpublished)
    if issued is not None:
        ref.dates["issued"] = issued
    for slot, name in (("original-date", "origdate"), ("event-date", "eventdate")):
        if g.has(name):
            ref.dates[slot] = _iso_date(g.raw(name))
    ref.set("URL", url)
    ref.set("DOI", doi)
    if accessed is not None:
        ref.dates["accessed"] = accessed


def _links_and_dates(g: _Fields, howpublished: str) -> tuple[Date | None, str, str | None, Date | None]:
    """``(issued, URL, DOI, accessed)`` of an entry: the rules of ``_dates_and_links`` that
    ``check`` needs, shared with ``links_of`` (``DOI`` None when the entry has no ``doi``)."""
    if g.has("date"):
        issued: Date | None = _iso_date(g.raw("date"))
    else:
        issued = _year_date(g)
    url = _unwrap_url(g.raw("url"))
    if not url and _is_url(howpublished):
        url = howpublished
    doi = clean_doi(_unwrap_url(g.raw("doi"))) if g.has("doi") else None
    accessed = None
    for name in ("urldate", "lastchecked"):
        if g.has(name):
            accessed = _iso_date(g.raw(name))
            break
    return issued, url.strip(), doi, accessed


def _origin(footnote: str, file: str | None, line: int, line_end: int | None) -> Origin:
    """Where an entry is: its file and lines; a ``footnote`` number (decoded) makes it that footnote."""
    return Origin(
        kind="footnote" if footnote.isdecimal() else "file",
        number=int(footnote) if footnote.isdecimal() else None,
        file=file,
        line_start=line or None,
        line_end=line_end,
    )


def projected_reference(etype: str, key: str, values: dict[str, str], *, file: str | None = None,
                        line: int = 0, line_end: int | None = None) -> Reference:
    """One entry as a projected record (see ``PROJECTED``): id, type, origin, the dates, URL
    and DOI -- each built by the code ``fields_to_reference`` runs for it -- and nothing else.

    Why: ``check`` reads only these, and the rest of ``fields_to_reference`` (names split by
    BibTeX's rules, every text field's LaTeX decoded, the ``extra`` fields, the snapshot
    for bib -> bib) was 0.49 s of the 1.0 s that reading the link farm's 50,000 entries took.
    """
    g = _Fields(values)
    ref = Reference(id=key, type=_csl_type(g, etype.lower()))
    _dates_and_links(g, ref, _howpublished(values))
    ref.origin = _origin(g.text("footnote"), file, line, line_end)
    return ref


class Dependent(ValueError):
    """``links_of`` met an entry that depends on others (``@string``, ``crossref``, ``xdata``)."""


_DEPENDENT_FIELDS = frozenset({"crossref", "xdata"})
# What ``links_of`` reads of an entry: the inputs of ``_links_and_dates`` (and ``_howpublished``).
_LINK_FIELDS = frozenset({"url", "doi", "howpublished", "date", "year", "month", "day", "urldate",
                          "lastchecked"})


def links_of(text: str, file: str | None = None, *, first_line: int = 1,
             ) -> Iterator[tuple[str, int, str, str, str | None, Date | None, Date | None] | BibReadResult]:
    """What ``check`` reads of each entry of ``text``, in order, without building records.

    A plain entry (the splitter's own fast or slow path read it, no field repeated, no
    undefined macro) gives ``(key, line, text as written, URL, DOI, issued, accessed)``,
    each by the projected read's own rules (``_links_and_dates``); any other block that
    holds an entry (one bibtexparser must read, a repeated field, an undefined macro)
    is read by ``loads`` on its own, told its line, and given as that ``BibReadResult``
    (projected: its records, failed blocks, problems and warnings, exactly the full
    read's for that block, which depends on nothing around it).  Text between entries
    gives nothing (the full read keeps it only to write the file back).

    ``text`` must have no CR line ends.  An entry that depends on another -- an
    ``@string`` macro defined, a ``crossref`` or ``xdata`` field -- raises ``Dependent``
    when it is met, before anything of it is given: the caller then reads the file in
    full (its entries before that point read the same either way).  Why: the projected
    read spends 14 us per entry building a ``Reference`` with its ``Origin``,
    ``Verbatim`` and every field expanded, for the four values ``check`` takes from it;
    this takes them from the split's fields (benchmarks/convert/links_of.py).
    """
    expand = bibvalues.expand
    strings = bibvalues.MONTH_MACROS
    needed = _LINK_FIELDS
    undefined: list[str] = []
    for block in bibsplit.blocks(text, first_line=first_line):
        kind = block.kind
        if kind == "other":
            continue
        if kind == "string":
            raise Dependent(f"{file or '<input>'}:{block.line}: @string")
        if kind == "entry":
            values: dict[str, str] = {}
            seen: set[str] = set()
            for name, raw in block.fields:
                lname = name.lower()
                if lname in seen or lname[:1] == "%":
                    break  # a repeated field (a warning) or a commented one: the full read's rules
                if lname in _DEPENDENT_FIELDS:
                    raise Dependent(f"{file or '<input>'}:{block.line}: {name}")
                seen.add(lname)
                if lname in needed:
                    values[lname] = expand(raw, strings, undefined)
                elif raw[:1] not in "{\"" or "#" in raw:
                    expand(raw, strings, undefined)  # a macro: only to hear whether it is undefined
                if undefined:
                    break
            else:
                how = _howpublished(values) if "howpublished" in values else ""
                issued, url, doi, accessed = _links_and_dates(_Fields(values), how)
                yield block.key, block.line, block.raw, url, doi, issued, accessed
                continue
            undefined.clear()
        read = _loads(block.raw, file, True, block.line)
        low = block.raw.lower()
        if len(read.strings) != len(strings) or "crossref" in low or "xdata" in low:
            raise Dependent(f"{file or '<input>'}:{block.line}: a macro or crossref in a block read by bibtexparser")
        yield read


def _repeated(g: _Fields, name: str) -> list[str]:
    """A field and its repeats (``annote``, ``annote~2`` …), decoded, in order."""
    out = []
    if g.has(name):
        out.append(decode_lines(g.raw(name)))
    k = 2
    while g.has(f"{name}~{k}"):
        out.append(decode_lines(g.raw(f"{name}~{k}")))
        k += 1
    return [v for v in out if v.strip()]


def decode_lines(value: str) -> str:
    """A multi-line value decoded line by line (a note's ``KEY: value`` lines stay lines)."""
    return "\n".join(decode(ln) for ln in value.split("\n"))


_COMMENT_LINE = re.compile(r"(?m)^[ \t]*%.*$")
_FIRST_FIELD = re.compile(r"\A\s*([A-Za-z][\w:.+\-]*)[ \t]*=[ \t]*")
_NEXT_FIELD = re.compile(r",[ \t]*\n\s*([A-Za-z][\w:.+\-]*)[ \t]*=[ \t]*")


def _close_braces(value: str) -> str:
    opens = closes = 0
    j = 0
    while j < len(value):
        c = value[j]
        if c == "\\":
            j += 2
            continue
        opens += c == "{"
        closes += c == "}"
        j += 1
    if opens > closes:
        return value + "}" * (opens - closes)
    if closes > opens and value.endswith("}" * (closes - opens + 1)):
        return value[: len(value) - (closes - opens)]
    return value


def _lenient(raw: str) -> tuple[str, str, list[tuple[str, str]]] | None:
    """A block bibtexparser refused, read line-wise: ``(type, key, [(field, raw value)])``.

    Used for what real files get wrong: ``%`` comment lines inside an entry (biber skips
    them), a brace left open in one field (closed at the end of its value).
    """
    m = re.match(r"\s*@\s*([A-Za-z]+)\s*[{(]\s*([^,\s={}]*)\s*,", raw)
    if not m or not raw.rstrip().endswith(("}", ")")):
        return None
    body = _COMMENT_LINE.sub("", raw[m.end():])
    first = _FIRST_FIELD.match(body)
    if not first:
        return None
    starts = [first, *_NEXT_FIELD.finditer(body, first.end())]
    fields = []
    for i, fm in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(body)
        value = body[fm.end():end].strip()
        if i + 1 == len(starts):
            value = re.sub(r"[,\s]*[})]\s*$", "", value)
        value = value.rstrip(",").strip()
        if value.startswith("{"):
            value = _close_braces(value)
        if not value:
            return None
        fields.append((fm.group(1), value))
    return m.group(1), m.group(2), fields


@lru_cache(maxsize=1)
def _bibtexparser() -> tuple[ModuleType, ModuleType]:
    """bibtexparser and its block model, imported when a block needs them (most files: never).

    bibtexparser logs each failed block itself; we report them as problems with file
    and line, so its own messages would only repeat them on stderr.
    """
    import bibtexparser
    from bibtexparser import model

    logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
    logging.getLogger("bibtexparser").propagate = False
    return bibtexparser, model


def _with_bibtexparser(text: str, offset: int, file: str | None, where: str, strings: dict[str, str],
                       entries: list, result: BibReadResult, places: list | None = None, lead: str = "",
                       start: int = 0) -> None:
    """A block the fast splitter refused, read by bibtexparser (its recovery, its reasons).

    ``lead`` and ``start`` are the block's white space before it and its offset in the
    file: each piece bibtexparser finds is located in ``text`` so the white space between
    pieces is kept as written too (``places``, ``result.blocks``).
    """
    bibtexparser, bmodel = _bibtexparser()
    lib = bibtexparser.parse_string(text, parse_stack=[])
    covered = _failed_extents(text, lib)
    lines_of = text.split("\n")
    places = [] if places is None else places
    cursor = 0  # where the previous piece ended in ``text``; -1 once a piece was not found
    gap = lead
    kept_to = -1  # the line after the last failed block kept whole (``covered``)

    def place(raw: str) -> tuple[str, int]:
        nonlocal cursor, gap
        found = text.find(raw, cursor) if cursor >= 0 and raw else -1
        if found < 0:
            cursor = -1
            return "\n\n", start + len(text)
        before, gap = gap + text[cursor:found], ""
        cursor = found + len(raw)
        return before, start + found

    def keep(line: int, raw: str) -> None:
        before, at = place(raw)
        result.blocks.append((file, line, before + raw, at - len(before)))

    for block in lib.blocks:
        if isinstance(block, bmodel.DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, bmodel.String):
            block = block.ignore_error_block  # an @string defined again: the later one wins, as in BibTeX
        line = (block.start_line or 0) + 1 + offset
        local = line - offset - 1
        if type(block) is bmodel.ParsingFailedBlock and local < len(lines_of) and \
                lines_of[local].lstrip().startswith("%"):
            keep(line, block.raw)  # "%@online{…": commented out, not an entry
            continue
        if type(block) is bmodel.ImplicitComment and any(a < local < b for a, b in covered.values()):
            continue  # the rest of a failed entry, which bibtexparser split off: kept with it below
        if type(block) is bmodel.ParsingFailedBlock and local in covered:
            if local < kept_to:
                # a second failure inside lines already kept whole ("@misc{@misc{@misc{" on
                # one line): bib -> bib wrote the line once per failure (n failures on a line
                # of n: n^2 bytes; 8,000 on a 48 KB line took 790 MB), and each was a problem
                continue
            a, b = covered[local]
            kept_to = b
            block = bmodel.ParsingFailedBlock(error=block.error, start_line=block.start_line,
                                              raw="\n".join(lines_of[a:b]).rstrip())
        if isinstance(block, bmodel.Entry):
            entries.append((block.entry_type, block.key, [(f.key, f.value) for f in block.fields], line,
                            block.raw))
            places.append(place(block.raw))
        elif isinstance(block, bmodel.String):
            strings[block.key.lower()] = bibvalues.expand(_cr(block.value), strings)
            keep(line, block.raw)
        elif isinstance(block, (bmodel.Preamble, bmodel.ExplicitComment, bmodel.ImplicitComment)):
            if block.raw.strip():
                keep(line, block.raw)
        elif isinstance(block, (bmodel.DuplicateFieldKeyBlock, bmodel.DuplicateBlockKeyBlock)):
            e = block.ignore_error_block  # repeated fields are reported when the entry is expanded
            entries.append((e.entry_type, e.key, [(f.key, f.value) for f in e.fields], line, e.raw))
            places.append(place(e.raw))
        elif isinstance(block, bmodel.ParsingFailedBlock):
            recovered = _lenient(block.raw)
            if recovered:
                etype, key, pairs = recovered
                result.warnings.append(f"{where}:{line}: entry {key!r} is not valid BibTeX (a comment line or"
                                       " an unbalanced brace inside it); read leniently")
                entries.append((etype, key, pairs, line, block.raw))
                places.append(place(block.raw))
                continue
            err = getattr(block, "error", None)
            lines = [ln.strip() for ln in str(getattr(err, "abort_reason", "") or err or "").splitlines()
                     if ln.strip()]
            reason = lines[-1] if lines else type(block).__name__
            result.failed.append(FailedBlock(file, line, block.raw, reason))
            keep(line, block.raw)
            result.problems.append(MalformedInputError(f"cannot parse BibTeX block: {reason}", file=file, line=line))
    if cursor >= 0 and (gap or cursor < len(text)):
        result.blocks.append((file, offset + 1 + text.count("\n", 0, cursor), gap + text[cursor:],
                              start + cursor - len(gap)))  # the white space after the last piece
    elif cursor < 0:
        result.blocks.append((file, offset + 1 + text.count("\n"), "\n", start + len(text)))


def _cr(value: str) -> str:
    """A value from a file with CR line ends, with "\n" line ends (the record never holds CR)."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


# The record fields a projected read builds (``loads(text, fields=...)``): CSL variables
# and date slots.  Every record also has its id, type, origin and verbatim text.
PROJECTED = frozenset({"URL", "DOI", "issued", "accessed", "original-date", "event-date"})
# ``Verbatim.snapshot`` of a projected record: it is no record to write back (``_rewrite``).
_NO_SNAPSHOT: tuple = ()


def projection(ref: Reference) -> tuple:
    """What a projected read keeps of ``ref``: the full read's record restricted to it, for
    comparing the two (tests, benchmarks/convert/bench_projection.py)."""
    v = ref.verbatim
    return (ref.id, ref.type, {k: v for k, v in ref.fields.items() if k in PROJECTED},
            {k: v for k, v in ref.dates.items() if k in PROJECTED}, ref.origin,
            (v.format, v.text, v.entry_type, v.key, v.fields, v.lead, v.order) if v is not None else None)


def loads(text: str, file: str | None = None, *, fields: frozenset[str] | None = None,
          first_line: int = 1) -> BibReadResult:
    """Read BibTeX/BibLaTeX text (see the module docstring); never drops an entry silently.

    ``fields``: a projection.  When every name in it is one ``PROJECTED`` has, each
    record is built with only id, type, origin, verbatim text and the ``PROJECTED``
    fields, each exactly as the full read builds it (the same code: ``_dates_and_links``);
    everything before that is the full read's -- the split, ``@string`` macros,
    ``crossref``/``xdata`` inheritance, failed and recovered blocks, every problem and
    warning.  Any other name reads in full.  A projected record cannot be written back
    as BibTeX (``dumps`` refuses it): it has no snapshot to tell an edit by.

    ``first_line``: the line of ``file`` that ``text`` starts on, when ``text`` is a piece
    of it cut between entries (``links/parallel.py``): every line read, warned about or
    kept is then the file's.
    """
    with gc_paused():
        return _loads(text, file, fields is not None and fields <= PROJECTED, first_line)


# Text between entries that reads like a field (``year = {2020},`` at the start of a line):
# an extra "}" closed the entry before it (``title = {A title}},``), and every field
# after that was dropped from CSL-JSON, RIS and render without a word (BibTeX and biber
# drop them too, as a comment).
_STRAY_FIELD = re.compile(r"(?m)^[ \t]*([A-Za-z][\w:.+\-]*[ \t]*=[ \t]*[{\"\d][^\n]*)")


def _loads(text: str, file: str | None, projected: bool = False, first_line: int = 1) -> BibReadResult:
    result = BibReadResult()
    strings = dict(bibvalues.MONTH_MACROS)
    where = file or "<input>"
    # (entry type, key, [(field, raw)], line, raw text); ``places`` beside it: (lead, offset)
    entries: list[tuple[str, str, list[tuple[str, str]], int, str]] = []
    places: list[tuple[str, int]] = []
    crlf = "\r" in text  # a CR inside a value is white space to TeX: read as "\n" (see _cr)
    for block in bibsplit.split(text, first_line=first_line):
        if block.kind == "entry":
            entries.append((block.entry_type, block.key, block.fields, block.line, block.raw))
            places.append((block.lead, block.offset))
        elif block.kind == "string":
            strings[block.key.lower()] = bibvalues.expand(_cr(block.value) if crlf else block.value, strings)
            result.blocks.append((file, block.line, block.lead + block.raw, block.offset - len(block.lead)))
        elif block.kind == "other":
            if block.lead or block.raw:
                result.blocks.append((file, block.line, block.lead + block.raw, block.offset - len(block.lead)))
            stray = _STRAY_FIELD.search(block.raw) if not block.raw.startswith("@") else None
            if stray:
                at = block.line + block.raw.count("\n", 0, stray.start(1))
                result.warnings.append(
                    f"{where}:{at}: {' '.join(stray.group(1).split())[:60]!r} is outside any entry (an extra '}}' "
                    "before it ends the entry?); BibTeX ignores it, and only .bib output keeps it")
        else:
            _with_bibtexparser(block.raw, block.line - 1, file, where, strings, entries, result,
                               places, block.lead, block.offset)
    last = result.blocks[-1] if result.blocks else None
    if last is None or last[3] + len(last[2]) < len(text):  # the file's end, for dumps to know it
        result.blocks.append((file, text.count("\n") + first_line, "", len(text)))
    result.strings = strings
    result.split_warnings = len(result.warnings)
    expanded: list[dict[str, str]] = []
    dependent: list[int] = []  # entries with crossref/xdata: only they inherit (most files: none)
    expand = bibvalues.expand
    undefined: list[str] = []
    for n, (_etype, key, pairs, line, _raw) in enumerate(entries):
        values: dict[str, str] = {}
        repeated: list[str] = []
        for name, raw in pairs:
            lname = name.lower()
            if lname[:1] == "%":
                continue  # a field commented out ("% abstract = …"): biber skips it; verbatim keeps it
            if lname in values:  # a repeated field: the first wins, the others are kept
                if lname not in repeated:
                    repeated.append(lname)
                k = 2
                while f"{lname}~{k}" in values:
                    k += 1
                lname = f"{lname}~{k}"
            values[lname] = expand(_cr(raw) if crlf else raw, strings, undefined)
            if undefined:
                for macro in undefined:
                    result.warnings.append(f"{where}:{line}: undefined macro {macro!r} in field {name} of"
                                           f" {key!r}; kept as text")
                undefined.clear()
        if repeated:
            result.warnings.append(f"{where}:{line}: field {', '.join(repeated)} repeated in entry {key!r}: "
                                   "the first is used, the others kept")
        expanded.append(values)
        if "crossref" in values or "xdata" in values:
            dependent.append(n)
    # the fields each entry wrote itself; only crossref/xdata children gain others below
    own = {n: set(expanded[n]) for n in dependent}
    if dependent:
        by_key: dict[str, int] = {}
        for n, entry in enumerate(entries):
            key = entry[1]
            if key:
                by_key.setdefault(key, n)
                by_key.setdefault(key.lower(), n)
        _inherit(dependent, entries, expanded, by_key, result, where)
    refs = result.references
    if projected:
        for n, (etype, key, pairs, line, raw) in enumerate(entries):
            ref = projected_reference(etype, key, expanded[n], file=file, line=line,
                                      line_end=line + raw.count("\n"))
            ref.verbatim = Verbatim("bibtex", raw, etype, key, pairs, _NO_SNAPSHOT, *places[n])
            refs.append(ref)
        return result
    for n, (etype, key, pairs, line, raw) in enumerate(entries):
        ref = fields_to_reference(etype, key, expanded[n], own=own.get(n), file=file, line=line,
                                  line_end=line + raw.count("\n"))
        ref.verbatim = Verbatim("bibtex", raw, etype, key, pairs, None, *places[n])
        ref.verbatim.snapshot = ref.snapshot()
        refs.append(ref)
    return result


_BLOCK_START = re.compile(r"^[ \t]*%?[ \t]*@[A-Za-z]", re.MULTILINE)  # a block, or one commented out


def _failed_extents(text: str, lib: Library) -> dict[int, tuple[int, int]]:
    """For each failed block (by 0-based start line): the lines up to the next ``@`` block.

    bibtexparser's raw text of a failed block stops where it gave up; the entry as the
    user wrote it runs to the next block, so that is what is recovered or kept.
    """
    bmodel = _bibtexparser()[1]
    failed: list[int] = [
        b.start_line for b in lib.failed_blocks
        if type(b) is bmodel.ParsingFailedBlock and b.start_line is not None
    ]
    if not failed:
        return {}
    starts = []
    pos = count = 0
    for m in _BLOCK_START.finditer(text):  # line numbers in one pass
        count += text.count("\n", pos, m.start())
        pos = m.start()
        starts.append(count)
    total = text.count("\n") + 1
    out = {}
    for start in failed:  # bisect: a scan of every start per failure was quadratic
        i = bisect.bisect_right(starts, start)
        out[start] = (start, starts[i] if i < len(starts) else total)
    return out


def _inherit(dependent: list[int], entries: list, expanded: list[dict[str, str]], by_key: dict[str, int],
             result: BibReadResult, where: str) -> None:
    """``crossref`` and ``xdata``: children (``dependent``, in file order) take their parents'
    fields (parents first, once).  An entry without either field inherits nothing, so only
    children are visited."""
    done: set[int] = set()
    for n in dependent:
        _resolve(n, (), entries, expanded, by_key, result, where, done)


def _resolve(n: int, chain: tuple[int, ...], entries: list, expanded: list[dict[str, str]], by_key: dict[str, int],
             result: BibReadResult, where: str, done: set[int]) -> None:
    """Entry ``n``'s ``xdata`` and ``crossref`` parents resolved, then inherited from.

    A module function, not a closure: a nested function that calls itself is a reference
    cycle (function -> its cell -> function) holding every record of the file, which
    only a full collection freed (a 12,000-entry read stayed alive to the end of
    ``convert``, and its teardown cost 0.3 s at exit).
    """
    if n in done or n in chain:
        return
    values = expanded[n]
    etype, key, _, line, _ = entries[n]
    for xkey in (k.strip() for k in values.get("xdata", "").split(",") if k.strip()):
        p = by_key.get(xkey, by_key.get(xkey.lower()))
        if p is None:
            result.warnings.append(f"{where}:{line}: xdata {xkey!r} of {key!r} is not in this file")
            continue
        _resolve(p, (*chain, n), entries, expanded, by_key, result, where, done)
        bibvalues.inherit(etype.lower(), values, entries[p][0].lower(), expanded[p], same_names_only=True)
    parent = values.get("crossref", "").strip()
    if parent:
        p = by_key.get(parent, by_key.get(parent.lower()))
        if p is None:
            result.warnings.append(f"{where}:{line}: crossref {parent!r} of {key!r} is not in this file")
        else:
            _resolve(p, (*chain, n), entries, expanded, by_key, result, where, done)
            bibvalues.inherit(etype.lower(), values, entries[p][0].lower(), expanded[p])
    done.add(n)


def name_list(names: list[Name]) -> str:
    """Names as a BibTeX name list (kept for callers of the former ``_names``)."""
    return bibnames.join(names)

"""BibLaTeX/BibTeX reader and writer of ``Reference``, built on bibtexparser 2.

The writer emits entries chosen so that Zotero's own BibTeX import (``BibTeX.js``,
which reads BibLaTeX too) keeps each item's type and fields; the entry types come
from the one table in ``formats/zotero.py``.  Field choices and the translator
function that makes them necessary:

* ``date`` (``processField``: date wins over ``year``/``month``), ``urldate``
  (Access Date), ``journaltitle`` (publication title; a web page's Website Title —
  ``organization`` would be lost on ``@online``);
* ``language`` as an ISO code beside ``langid`` (``fieldMap`` reads ``language``,
  ignores ``langid``, which biblatex needs for hyphenation);
* ``institution`` on theses and reports (University / Institution), ``type`` as the
  thesis or report type, ``address`` on ``@inproceedings`` (``location`` there
  becomes the event place), ``howpublished`` only for what Zotero may keep in Extra;
* identifiers without a BibTeX field (EDN) go to ``note`` as ``EDN: XXXXXX`` lines,
  the way Zotero's own BibLaTeX export writes Extra (Zotero's import makes ``note``
  a child note; only CSL-JSON and RIS reach Extra — see docs/zotero.md);
* never an ``extra`` field (dropped) and never a ``@dataset``/``@standard``/``@www``
  entry (dropped whole).

``flavour="bibtex"`` writes the classic field names (``journal``, ``address``,
``school``, ``year``/``month``) beside ``date`` so BibTeX styles and Zotero both
read it.  The reader also understands Better BibTeX's BibLaTeX (extended name
format, ``langid``, ``eprinttype``, ``shortjournal``, ``type = {mathesis}``).

A block that cannot be parsed is reported with its line and kept (bibtexparser's
``failed_blocks``); every entry that could be read is returned.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser import model as bmodel
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.writer import BibtexFormat

from citekeeper.errors import MalformedInputError
from citekeeper.formats import zotero
from citekeeper.formats.csljson import UNPARSED_NOTE, mark_unparsed
from citekeeper.model import Date, Name, Origin, Reference, split_particle
from citekeeper.parse.common import BIBLATEX_LANGIDS

# bibtexparser logs each failed block itself; we report them as problems with file
# and line, so its own messages would only repeat them on stderr.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

FLAVOURS = ("biblatex", "bibtex")
_ESCAPES = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_"}
_VERBATIM = {"url", "doi", "urldate", "file", "eprint"}
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
# Identifier label -> the BibTeX field Zotero reads into Extra (``extraIdentifiers``),
# and -> ``eprinttype`` (``eprintIds``).
_IDENTIFIER_FIELDS = {"LCCN": "lccn", "MR": "mrnumber", "Zbl": "zmnumber", "PMID": "pmid", "PMCID": "pmcid"}
_EPRINT_TYPES = {"arXiv": "arxiv", "JSTOR": "jstor", "HDL": "hdl"}
_MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_THESIS_TYPES = ("thesis", "mastersthesis", "phdthesis")
_IN_BOOK = ("incollection", "inproceedings", "inreference", "inbook")
# Entry types whose ``number`` Zotero reads as a series number (``processField``).
_SERIES_NUMBER = ("book", "incollection", "inbook", "mvbook", "collection")
# Entry types whose ``number`` is the document's own number, not an issue.
_OWN_NUMBER = ("report", "techreport", "legislation", "patent", "jurisdiction")


_TO_TEX = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
}
_TO_TEX_RX = re.compile(r"[\\{}&%$#_]")
_FROM_TEX = {
    r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}",
    r"\{": "{", r"\}": "}", "---": "—", "--": "–",
}
# One pass: an escape, a TeX grouping brace (dropped), or a dash ligature.
_FROM_TEX_RX = re.compile(r"\\text(?:backslash|braceleft|braceright)\{\}|\\[{}&%$#_]|[{}]|---|--")


def _escape(value: str) -> str:
    """Plain text -> a BibTeX value, in one pass.

    Braces in citation text are text, not TeX groups: they are written as
    ``\\textbraceleft{}``/``\\textbraceright{}``, which keep every value's braces balanced
    (BibTeX and bibtexparser count braces even after a backslash).
    """
    return _TO_TEX_RX.sub(lambda m: _TO_TEX[m.group(0)], value)


def _unescape(value: str) -> str:
    """A BibTeX value -> plain text (TeX grouping braces dropped, escaped characters kept)."""

    def one(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok in _FROM_TEX:
            return _FROM_TEX[tok]
        if tok in "{}":
            return ""
        return tok[1:]  # \& \% \$ \# \_

    return re.sub(r"\s+", " ", _FROM_TEX_RX.sub(one, value)).strip()


def _names(names: list[Name]) -> str:
    out = []
    for n in names:
        if n.literal:
            out.append("{" + _escape(n.literal) + "}")
        else:
            fam = f"{n.particle} {n.family}".strip() if n.particle else n.family
            parts = [_escape(fam)]
            if n.suffix:
                parts.append(_escape(n.suffix))
            if n.given:
                parts.append(_escape(n.given))
            out.append(", ".join(parts))
    return " and ".join(out)


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
    return re.sub(r"\s*[–—]\s*|(?<=\d)-(?=\d)", "--", value)


def reference_to_fields(ref: Reference, flavour: str = "biblatex") -> tuple[str, list[tuple[str, str]]]:
    """``(entry type, [(field, value), ...])`` for one reference, values escaped."""
    classic = flavour == "bibtex"
    if not ref.parsed:
        fields = [("title", _escape(ref.raw or ref.title))]
        if ref.footnote is not None:
            fields.append(("footnote", str(ref.footnote)))
        fields.append(("note", UNPARSED_NOTE))
        return "misc", fields
    etype, subtype = entry_type(ref, flavour)
    f: list[tuple[str, str]] = []

    def add(key: str, value: str | None, verbatim: bool = False) -> None:
        if value:
            f.append((key, value if verbatim else _escape(value)))

    if subtype:
        add("entrysubtype", subtype)  # BibTeX styles ignore it; our reader needs it
    for role in ("author", "editor", "translator"):
        if ref.names.get(role):
            f.append((role, _names(ref.names[role])))
    add("title", ref.title)
    if ref.get("title-short"):
        add("shorttitle", ref.get("title-short"))
    container = ref.get("container-title")
    if etype in _IN_BOOK:
        add("booktitle", container)
    elif etype in ("legislation", "misc", "jurisdiction", "unpublished"):
        # Zotero has no field for these containers; howpublished reaches Extra
        # as "Published: ..." (``processField``), where a reader still sees it.
        if container and not container.startswith(("http://", "https://")):
            add("howpublished", container)
    else:
        add("journal" if classic else "journaltitle", container)
    if ref.get("container-title-short") and etype == "article":
        add("shortjournal", ref.get("container-title-short"))
    add("eventtitle", ref.get("event-title"))
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
        add("pages", _pages(ref.get("page")))
    add("pagetotal", ref.get("number-of-pages"))
    if etype in (*_THESIS_TYPES, "report", "techreport"):
        add("school" if classic and etype in _THESIS_TYPES else "institution", ref.get("publisher"))
    else:
        add("publisher", ref.get("publisher"))
    place_key = "address" if classic or etype == "inproceedings" else "location"
    add(place_key, ref.get("publisher-place"))
    if ref.get("genre"):
        add("type", ref.get("genre"))
    issued = ref.dates.get("issued")
    if issued:
        if issued.year is not None:
            if classic:
                add("year", str(issued.year))
                if issued.month:
                    add("month", _MONTH_MACROS[issued.month - 1] if issued.month <= 12 else str(issued.month))
            add("date", issued.iso(), verbatim=True)
        else:
            add("year", issued.literal)
    add("doi", ref.doi, verbatim=True)
    add("url", ref.url, verbatim=True)
    accessed = ref.dates.get("accessed")
    if accessed:
        add("urldate", accessed.iso(), verbatim=True)
    add("isbn", ref.get("ISBN"))
    add("issn", ref.get("ISSN"))
    add("abstract", ref.get("abstract"))
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
            add("eprint", value)
        else:
            notes.append(f"{label}: {value}")
    if notes:
        add("note", "\n".join(notes))
    if ref.footnote is not None:
        add("footnote", str(ref.footnote))
    return etype, f


_MONTH_FIELD = re.compile(r"^(\s*month = )\{(" + "|".join(_MONTH_MACROS) + r")\}", re.MULTILINE)


def dumps(refs: list[Reference], flavour: str = "biblatex") -> str:
    """BibLaTeX (or classic BibTeX) text for ``refs``, in order, one blank line between entries."""
    if flavour not in FLAVOURS:
        raise ValueError(f"unknown BibTeX flavour {flavour!r}")
    lib = bibtexparser.Library()
    for ref in refs:
        etype, fields = reference_to_fields(ref, flavour)
        lib.add(bmodel.Entry(etype, ref.id, [bmodel.Field(k, v) for k, v in fields]))
    fmt = BibtexFormat()
    fmt.indent = "  "
    fmt.block_separator = "\n"
    fmt.trailing_comma = True
    # The entries were built here, so the writer may add enclosing braces in place
    # (the default stack deep-copies every block first: half the writing time).
    stack = default_unparse_stack(allow_inplace_modification=True)
    text = bibtexparser.write_string(lib, unparse_stack=stack, bibtex_format=fmt)
    if flavour == "bibtex":
        text = _MONTH_FIELD.sub(r"\1\2", text)  # month macros, not strings
    return text.strip() + "\n" if text.strip() else ""


# -- reading -----------------------------------------------------------------


@dataclass
class BibReadResult:
    """Entries that could be read, and the blocks that could not (with their lines)."""

    references: list[Reference] = field(default_factory=list)
    problems: list[MalformedInputError] = field(default_factory=list)


def _split_top(value: str, sep: str) -> list[str]:
    """Split on ``sep`` (a regex) outside braces."""
    parts: list[str] = []
    depth = 0
    buf = ""
    for tok in re.split(f"({sep}|[{{}}])", value):
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        if depth == 0 and tok and re.fullmatch(sep, tok):
            parts.append(buf)
            buf = ""
        else:
            buf += tok or ""
    parts.append(buf)
    return parts


_EXTENDED_NAME = re.compile(r"^\s*(?:family|given|prefix|suffix|useprefix)\s*=", re.IGNORECASE)


def _extended_name(text: str) -> Name:
    """biblatex's extended name format (``family=van Berg, given=Jan, prefix=van``), as Better BibTeX writes it."""
    parts: dict[str, str] = {}
    for item in _split_top(text, r"\s*,\s*"):
        key, _, val = item.partition("=")
        parts[key.strip().lower()] = _unescape(val.strip())
    family = parts.get("family", "")
    prefix = parts.get("prefix", "")
    if prefix and family.startswith(prefix + " "):
        family = family[len(prefix) + 1 :]
    return Name(family=family, given=parts.get("given", ""), particle=prefix, suffix=parts.get("suffix", ""))


def _split_names(value: str) -> list[Name]:
    names = []
    for p in (p.strip() for p in _split_top(value, r"\s+and\s+")):
        if not p:
            continue
        if p.startswith("{") and p.endswith("}") and p.count("{") == 1:
            names.append(Name(literal=_unescape(p)))
        elif _EXTENDED_NAME.match(p):
            names.append(_extended_name(p))
        elif "," in p:
            bits = [b.strip() for b in _split_top(p, r"\s*,\s*")]
            given = _unescape(bits[-1]) if len(bits) > 1 else ""
            suffix = _unescape(bits[1]) if len(bits) == 3 else ""
            names.append(split_particle(Name(family=_unescape(bits[0]), given=given, suffix=suffix)))
        else:
            words = _unescape(p).split()
            if len(words) == 1:
                names.append(Name(family=words[0]))
            else:
                names.append(Name(family=words[-1], given=" ".join(words[:-1])))
    return names


def _unwrap_url(value: str) -> str:
    """``\\url{https://…}`` (as BibTeX users write in ``howpublished``) -> the URL; TeX escapes undone."""
    value = value.strip()
    m = re.fullmatch(r"\\url\s*\{(.*)\}", value, re.DOTALL)
    if m:
        value = m.group(1).strip()
    return re.sub(r"\\([_%&#~])", r"\1", value) if _is_url(value) or m else value


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def entry_to_reference(entry: bmodel.Entry, file: str | None, line_offset: int = 0) -> Reference:
    """One bibtexparser entry as a ``Reference`` (origin: file and 1-based line)."""
    raw = {k.lower(): v for k, v in ((f.key, f.value) for f in entry.fields)}
    get = lambda k: _unescape(raw[k]) if k in raw and isinstance(raw[k], str) else ""  # noqa: E731
    etype = entry.entry_type.lower()
    ref = Reference(id=entry.key, type=zotero.BIB_TO_CSL.get(etype, "document"))
    sub = get("entrysubtype").lower()
    if ref.type == "article-journal" and sub in zotero.BIB_SUBTYPE_TO_CSL:
        ref.type = zotero.BIB_SUBTYPE_TO_CSL[sub]
    for role in ("author", "editor", "translator"):
        if raw.get(role):
            ref.names[role] = _split_names(raw[role])
    if raw.get("bookauthor"):
        ref.names["container-author"] = _split_names(raw["bookauthor"])
    title = get("title")
    if get("subtitle"):
        title = f"{title}: {get('subtitle')}" if title else get("subtitle")
    ref.set("title", title)
    ref.set("title-short", get("shorttitle"))
    howpublished = _unwrap_url(raw.get("howpublished") or "") or get("howpublished")
    container = get("journaltitle") or get("journal") or get("booktitle")
    if not container and ref.type in ("webpage", "post", "post-weblog"):
        # Zotero's BibLaTeX export writes a website's title as titleaddon, some
        # Better BibTeX versions as organization.
        container = get("titleaddon") or get("organization")
    if not container and howpublished and not _is_url(howpublished):
        container = howpublished
    ref.set("container-title", container)
    ref.set("container-title-short", get("shortjournal"))
    ref.set("event-title", get("eventtitle"))
    ref.set("event-place", get("venue"))
    ref.set("collection-title", get("series"))
    ref.set("edition", get("edition"))
    ref.set("volume", get("volume"))
    number = get("number")
    if etype in _OWN_NUMBER or ref.type in ("report", "legislation", "patent", "bill", "legal_case"):
        ref.set("number", number or get("issue"))
    elif etype in _SERIES_NUMBER:
        ref.set("collection-number", number)
        ref.set("issue", get("issue"))
    else:
        ref.set("issue", number or get("issue"))
    ref.set("page", get("pages").replace("--", "–") if re.fullmatch(r"\S+--\S+", get("pages")) else get("pages"))
    ref.set("number-of-pages", get("pagetotal"))
    ref.set("chapter-number", get("chapter"))
    ref.set("number-of-volumes", get("volumes"))
    publisher = get("publisher") or get("institution") or get("school")
    if not publisher and ref.type not in ("webpage", "post", "post-weblog"):
        publisher = get("organization")
    ref.set("publisher", publisher)
    ref.set("publisher-place", get("location") or get("address"))
    genre = get("type")
    genre = _TYPE_KEYS.get(genre.lower(), genre)
    if not genre and etype == "mastersthesis":
        genre = "Master's thesis"
    elif not genre and etype == "phdthesis":
        genre = "PhD thesis"
    ref.set("genre", genre)
    date = raw.get("date")
    if date:
        ref.dates["issued"] = Date.from_iso(_unescape(date))
    elif get("year"):
        d = Date.from_iso(get("year"))
        mo = _month(get("month")) if get("month") else None
        if d.year and mo:
            day = get("day")
            d = Date(d.year, mo, int(day) if day.isdigit() else None)
        ref.dates["issued"] = d
    url = _unwrap_url(raw.get("url") or "")
    if not url and _is_url(howpublished):
        url = howpublished
    ref.set("URL", url.strip())
    if raw.get("doi"):
        from citekeeper.parse.common import clean_doi

        ref.set("DOI", clean_doi(raw["doi"]))
    accessed = raw.get("urldate") or raw.get("lastchecked")
    if accessed:
        ref.dates["accessed"] = Date.from_iso(accessed.strip())
    ref.set("ISBN", get("isbn"))
    ref.set("ISSN", get("issn"))
    ref.set("abstract", get("abstract"))
    lang = get("language") or get("langid")
    if lang:
        ref.set("language", LANGID_TO_ISO.get(lang.lower(), lang))
    note_lines = []
    for line in (raw.get("note") or "").split("\n"):
        k, sep, v = _unescape(line).partition(":")
        if sep and re.fullmatch(r"[A-Za-z]{2,10}", k.strip()) and k.strip().isupper() and v.strip():
            ref.identifiers[k.strip()] = v.strip()
        elif line.strip():
            note_lines.append(_unescape(line))
    ref.set("note", "\n".join(note_lines))
    for ident, label in (("edn", "EDN"), ("pmid", "PMID"), ("pmcid", "PMCID"), ("arxiv", "arXiv"),
                         ("lccn", "LCCN"), ("mrnumber", "MR"), ("zmnumber", "Zbl")):
        if get(ident):
            ref.identifiers[label] = get(ident)
    eprinttype = get("eprinttype").lower()
    if get("eprint") and eprinttype:
        label = {"arxiv": "arXiv", "pubmed": "PMID", "jstor": "JSTOR", "hdl": "HDL"}.get(eprinttype, eprinttype)
        ref.identifiers[label] = get("eprint")
    footnote = get("footnote")
    line = (entry.start_line or 0) + 1 + line_offset
    mark_unparsed(ref)
    ref.origin = Origin(
        kind="footnote" if footnote.isdigit() else "file",
        number=int(footnote) if footnote.isdigit() else None,
        file=file,
        line_start=line,
    )
    return ref


def _month(value: str) -> int | None:
    from citekeeper.parse.common import MONTHS

    v = value.strip().lower()
    if v.isdigit() and 1 <= int(v) <= 12:
        return int(v)
    return MONTHS.get(v[:3]) or MONTHS.get(v)


def loads(text: str, file: str | None = None) -> BibReadResult:
    """Read BibTeX/BibLaTeX text; malformed blocks become ``problems``, never silence."""
    lib = bibtexparser.parse_string(text)
    result = BibReadResult()
    for entry in lib.entries:
        result.references.append(entry_to_reference(entry, file))
    for block in lib.failed_blocks:
        line = (block.start_line or 0) + 1
        err = getattr(block, "error", None)
        lines = [ln.strip() for ln in str(getattr(err, "abort_reason", "") or err or "").splitlines() if ln.strip()]
        reason = lines[-1] if lines else type(block).__name__
        if isinstance(block, bmodel.DuplicateBlockKeyBlock):
            reason = f"duplicate key {block.key!r}"
        result.problems.append(MalformedInputError(f"cannot parse BibTeX block: {reason}", file=file, line=line))
    result.references.sort(key=lambda r: r.origin.line_start if r.origin and r.origin.line_start else 0)
    return result

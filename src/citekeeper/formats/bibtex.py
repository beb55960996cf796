"""BibLaTeX/BibTeX reader and writer of ``Reference``, built on bibtexparser 2.

The writer emits BibLaTeX-flavoured entries chosen so that Zotero's own BibTeX import
(``BibTeX.js``) keeps each item's type and fields:

* types Zotero keeps: ``@article`` (with ``entrysubtype = {newspaper|magazine}`` for
  press items), ``@book``, ``@incollection``, ``@mastersthesis``/``@phdthesis``/``@thesis``,
  ``@online`` (Web Page), ``@report``, ``@legislation``, ``@misc`` (Document) — never
  ``@dataset``, ``@www``, ``@standard``, which Zotero drops whole;
* ``date`` (Zotero prefers it to ``year``), ``urldate`` (Access Date), ``journaltitle``
  (also a web page's website title), ``location``, ``institution`` for theses/reports;
* ``language`` beside ``langid`` (Zotero reads ``language``, biblatex hyphenates by
  ``langid``);
* identifiers without a BibTeX field (EDN) go to ``note`` as ``EDN: XXXXXX`` lines,
  the way Zotero's own BibLaTeX export writes its Extra field.

A block that cannot be parsed is reported with its line and kept (bibtexparser's
``failed_blocks``); every entry that could be read is returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser import model as bmodel
from bibtexparser.writer import BibtexFormat

from citekeeper.errors import MalformedInputError
from citekeeper.model import Date, Name, Origin, Reference
from citekeeper.parse.common import BIBLATEX_LANGIDS

# CSL type -> (BibLaTeX entry type, entrysubtype)
CSL_TO_BIB: dict[str, tuple[str, str]] = {
    "article-journal": ("article", ""),
    "article": ("article", ""),
    "article-magazine": ("article", "magazine"),
    "article-newspaper": ("article", "newspaper"),
    "book": ("book", ""),
    "chapter": ("incollection", ""),
    "paper-conference": ("inproceedings", ""),
    "thesis": ("thesis", ""),
    "webpage": ("online", ""),
    "post": ("online", ""),
    "post-weblog": ("online", ""),
    "report": ("report", ""),
    "legislation": ("legislation", ""),
    "bill": ("legislation", ""),
    "treaty": ("legislation", ""),
    "legal_case": ("jurisdiction", ""),
    "patent": ("patent", ""),
    "software": ("software", ""),
    "entry-encyclopedia": ("inreference", ""),
    "manuscript": ("unpublished", ""),
    "speech": ("unpublished", ""),
}
BIB_TO_CSL: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "booklet": "book",
    "manual": "book",
    "proceedings": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "thesis": "thesis",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "report": "report",
    "techreport": "report",
    "legislation": "legislation",
    "jurisdiction": "legal_case",
    "patent": "patent",
    "software": "software",
    "dataset": "dataset",
    "inreference": "entry-encyclopedia",
    "unpublished": "manuscript",
    "misc": "document",
}
_SUBTYPE_TO_CSL = {"newspaper": "article-newspaper", "magazine": "article-magazine"}

_ESCAPES = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_"}
_VERBATIM = {"url", "doi", "urldate", "file", "eprint"}
LANGID_TO_ISO = {v: k for k, v in BIBLATEX_LANGIDS.items()}


def _escape(value: str) -> str:
    value = value.replace("\\", r"\textbackslash{}")
    value = re.sub(r"[&%$#_]", lambda m: _ESCAPES[m.group(0)], value)
    # Keep braces balanced: an unbalanced brace would swallow the rest of the file.
    depth = 0
    out = []
    for ch in value:
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                out.append(r"\}")
                continue
            depth -= 1
        out.append(ch)
    text = "".join(out)
    return text + "}" * depth if depth else text


def _unescape(value: str) -> str:
    value = value.replace(r"\textbackslash{}", "\\")
    value = re.sub(r"\\([&%$#_{}])", r"\1", value)
    value = re.sub(r"(?<!\\)[{}]", "", value)
    value = value.replace("---", "—").replace("--", "–")
    return re.sub(r"\s+", " ", value).strip()


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


def _date(d: Date) -> str:
    return d.iso()


def thesis_entry_type(genre: str) -> str:
    g = genre.lower()
    if re.search(r"\b(?:ma|msc|m\.a\.|master|магист)", g):
        return "mastersthesis"
    if re.search(r"\b(?:phd|ph\.d|doctor|dr\.|кандидат|доктор)", g):
        return "phdthesis"
    return "thesis"


def reference_to_fields(ref: Reference) -> tuple[str, list[tuple[str, str]]]:
    """``(entry type, [(field, value), ...])`` for one reference, values escaped."""
    if not ref.parsed:
        fields = [("title", _escape(ref.raw or ref.title))]
        if ref.footnote is not None:
            fields.append(("footnote", str(ref.footnote)))
        fields.append(("note", "citekeeper could not parse this citation; the title is its text"))
        return "misc", fields
    etype, subtype = CSL_TO_BIB.get(ref.type, ("misc", ""))
    if etype == "thesis":
        etype = thesis_entry_type(ref.get("genre"))
    f: list[tuple[str, str]] = []

    def add(key: str, value: str | None, verbatim: bool = False) -> None:
        if value:
            f.append((key, value if verbatim else _escape(value)))

    if subtype:
        add("entrysubtype", subtype)
    for role in ("author", "editor", "translator"):
        if ref.names.get(role):
            f.append((role, _names(ref.names[role])))
    add("title", ref.title)
    container = ref.get("container-title")
    if etype in ("incollection", "inproceedings", "inreference"):
        add("booktitle", container)
    elif etype in ("legislation", "misc", "jurisdiction"):
        add("howpublished", container)
    else:
        add("journaltitle", container)
    add("series", ref.get("collection-title"))
    add("edition", ref.get("edition"))
    add("volume", ref.get("volume"))
    add("number", ref.get("issue") or ref.get("number"))
    if ref.get("page"):
        add("pages", re.sub(r"\s*[–—]\s*|(?<=\d)-(?=\d)", "--", ref.get("page")))
    add("pagetotal", ref.get("number-of-pages"))
    if etype in ("thesis", "mastersthesis", "phdthesis", "report"):
        add("institution", ref.get("publisher"))
    else:
        add("publisher", ref.get("publisher"))
    add("location", ref.get("publisher-place"))
    if ref.get("genre"):
        add("type", ref.get("genre"))
    issued = ref.dates.get("issued")
    if issued:
        if issued.year is not None:
            add("date", _date(issued), verbatim=True)
        else:
            add("year", issued.literal)
    add("doi", ref.doi, verbatim=True)
    add("url", ref.url, verbatim=True)
    accessed = ref.dates.get("accessed")
    if accessed:
        add("urldate", _date(accessed), verbatim=True)
    add("isbn", ref.get("ISBN"))
    add("issn", ref.get("ISSN"))
    lang = ref.get("language")
    if lang:
        langid = BIBLATEX_LANGIDS.get(lang.split("-")[0].lower(), lang)
        add("language", langid)
        add("langid", langid)
    notes = [ref.get("note")] if ref.get("note") else []
    notes += [f"{k}: {v}" for k, v in ref.identifiers.items()]
    if notes:
        add("note", "\n".join(notes))
    if ref.footnote is not None:
        add("footnote", str(ref.footnote))
    return etype, f


def dumps(refs: list[Reference]) -> str:
    """BibLaTeX text for ``refs``, in order, one blank line between entries."""
    lib = bibtexparser.Library()
    for ref in refs:
        etype, fields = reference_to_fields(ref)
        lib.add(bmodel.Entry(etype, ref.id, [bmodel.Field(k, v) for k, v in fields]))
    fmt = BibtexFormat()
    fmt.indent = "  "
    fmt.block_separator = "\n"
    fmt.trailing_comma = True
    text = bibtexparser.write_string(lib, bibtex_format=fmt)
    return text.strip() + "\n" if text.strip() else ""


# -- reading -----------------------------------------------------------------


@dataclass
class BibReadResult:
    """Entries that could be read, and the blocks that could not (with their lines)."""

    references: list[Reference] = field(default_factory=list)
    problems: list[MalformedInputError] = field(default_factory=list)


def _split_names(value: str) -> list[Name]:
    parts: list[str] = []
    depth = 0
    buf = ""
    tokens = re.split(r"(\s+and\s+|[{}])", value)
    for tok in tokens:
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", tok or ""):
            parts.append(buf)
            buf = ""
        else:
            buf += tok or ""
    parts.append(buf)
    names = []
    for p in (p.strip() for p in parts):
        if not p:
            continue
        if p.startswith("{") and p.endswith("}") and p.count("{") == 1:
            names.append(Name(literal=_unescape(p)))
        elif "," in p:
            bits = [b.strip() for b in p.split(",")]
            given = _unescape(bits[-1]) if len(bits) > 1 else ""
            suffix = _unescape(bits[1]) if len(bits) == 3 else ""
            names.append(Name(family=_unescape(bits[0]), given=given, suffix=suffix))
        else:
            words = _unescape(p).split()
            if len(words) == 1:
                names.append(Name(family=words[0]))
            else:
                names.append(Name(family=words[-1], given=" ".join(words[:-1])))
    return names


def _bib_date(value: str) -> Date:
    return Date.from_iso(value)


def entry_to_reference(entry: bmodel.Entry, file: str | None, line_offset: int = 0) -> Reference:
    """One bibtexparser entry as a ``Reference`` (origin: file and 1-based line)."""
    raw = {k.lower(): v for k, v in ((f.key, f.value) for f in entry.fields)}
    get = lambda k: _unescape(raw[k]) if k in raw and isinstance(raw[k], str) else ""  # noqa: E731
    etype = entry.entry_type.lower()
    ref = Reference(id=entry.key, type=BIB_TO_CSL.get(etype, "document"))
    sub = get("entrysubtype").lower()
    if ref.type == "article-journal" and sub in _SUBTYPE_TO_CSL:
        ref.type = _SUBTYPE_TO_CSL[sub]
    for role in ("author", "editor", "translator"):
        if raw.get(role):
            ref.names[role] = _split_names(raw[role])
    title = get("title")
    if get("subtitle"):
        title = f"{title}: {get('subtitle')}" if title else get("subtitle")
    ref.set("title", title)
    container = (
        get("journaltitle") or get("journal") or get("booktitle") or get("howpublished")
        if not get("howpublished").startswith(("http://", "https://"))
        else get("journaltitle") or get("journal") or get("booktitle")
    )
    ref.set("container-title", container)
    ref.set("collection-title", get("series"))
    ref.set("edition", get("edition"))
    ref.set("volume", get("volume"))
    number = get("number") or get("issue")
    if ref.type in ("report", "legislation", "patent", "bill"):
        ref.set("number", number)
    else:
        ref.set("issue", number)
    ref.set("page", get("pages"))
    ref.set("number-of-pages", get("pagetotal"))
    ref.set("publisher", get("publisher") or get("institution") or get("school") or get("organization"))
    ref.set("publisher-place", get("location") or get("address"))
    genre = get("type")
    if not genre and etype == "mastersthesis":
        genre = "Master's thesis"
    elif not genre and etype == "phdthesis":
        genre = "PhD thesis"
    ref.set("genre", genre)
    date = raw.get("date")
    if date:
        ref.dates["issued"] = _bib_date(_unescape(date))
    elif get("year"):
        y = get("year")
        month = get("month")
        d = Date.from_iso(y)
        if d.year and month:
            mo = _month(month)
            if mo:
                d = Date(d.year, mo)
        ref.dates["issued"] = d
    url = raw.get("url") or ""
    if not url and get("howpublished").startswith(("http://", "https://")):
        url = get("howpublished")
    ref.set("URL", url.strip())
    if raw.get("doi"):
        from citekeeper.parse.common import clean_doi

        ref.set("DOI", clean_doi(raw["doi"]))
    accessed = raw.get("urldate") or raw.get("lastchecked")
    if accessed:
        ref.dates["accessed"] = Date.from_iso(accessed.strip())
    ref.set("ISBN", get("isbn"))
    ref.set("ISSN", get("issn"))
    lang = get("langid") or get("language")
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
    for ident in ("edn", "pmid", "pmcid", "arxiv"):
        if get(ident):
            ref.identifiers[ident.upper() if ident != "arxiv" else "arXiv"] = get(ident)
    footnote = get("footnote")
    line = (entry.start_line or 0) + 1 + line_offset
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
        reason = str(err).split("\n", 1)[0] if err else type(block).__name__
        if isinstance(block, bmodel.DuplicateBlockKeyBlock):
            reason = f"duplicate key {block.key!r}"
        result.problems.append(MalformedInputError(f"cannot parse BibTeX block: {reason}", file=file, line=line))
    result.references.sort(key=lambda r: r.origin.line_start if r.origin and r.origin.line_start else 0)
    return result

"""Fields a citation of a given type cannot do without.

The table is deliberately short: only what every major style prints (a journal article
needs its journal, volume or issue, and pages unless it is online with a DOI or URL; a
book its publisher; a web page its URL and, where the document dates its other online
sources, an access date).  Places of publication,
authors (institutional works have none) and dates of web pages ("n.d.") are not
required, so the rule stays quiet on correct citations.

On real libraries (../shared/realbib): a child entry inherits what its ``crossref`` /
``xdata`` parent gives (as biber does: the parent's title is the child's book or
proceedings title), so it is judged with those fields; an article located by a DOI or
an e-print id (arXiv, PubMed ...) is online-first or a preprint and needs no volume or
pages (and an e-print needs no journal); a presentation dated by its ``eventdate`` has
a date.
"""

from __future__ import annotations

from collections.abc import Iterator

from citekeeper.lint.document import Document
from citekeeper.lint.finding import Finding
from citekeeper.model import Reference

_WEB = ("webpage", "post", "post-weblog")
# Entry types BibTeX and biblatex define.  A style's own types (biblatex-apa's
# @constitution, @nameonly ...) follow that style's rules, which this table does not
# know, so entries of other types are not judged (on ../shared/realbib they were the
# rule's false alarms).
STANDARD_TYPES = frozenset([
    "article", "book", "mvbook", "inbook", "bookinbook", "suppbook", "booklet", "collection",
    "mvcollection", "incollection", "suppcollection", "dataset", "manual", "misc", "online",
    "patent", "periodical", "suppperiodical", "proceedings", "mvproceedings", "inproceedings",
    "reference", "mvreference", "inreference", "report", "set", "software", "thesis",
    "unpublished", "conference", "electronic", "mastersthesis", "phdthesis", "techreport", "www",
    "artwork", "audio", "commentary", "image", "jurisdiction", "legislation", "legal", "letter",
    "movie", "music", "performance", "review", "standard", "video",
])


def missing(ref: Reference, access_dates_expected: bool = True, eprint: bool = False) -> list[str]:
    """The names (as users know them) of the required fields ``ref`` lacks.

    ``eprint``: the entry carries an e-print id (arXiv ...), so a journal, volume and
    pages are not expected.
    """
    t = ref.type
    has = ref.get
    out: list[str] = []
    eprint = eprint or bool(ref.identifiers.get("arXiv") or ref.identifiers.get("PMID"))
    if not ref.title and t not in ("legal_case",):
        out.append("title")
    if t == "article-journal":
        if not has("container-title") and not eprint:
            out.append("journal")
        # An article dated to the day and found by its URL is a magazine's or a
        # newspaper's (biblatex: entrysubtype = nonacademic/magazine): no volume.
        online_periodical = bool(ref.url) and ref.issued is not None and ref.issued.day is not None
        if not has("volume") and not has("issue") and not ref.doi and not eprint and not online_periodical:
            out.append("volume or issue")
        if not has("page") and not ref.doi and not ref.url and not has("number") and not eprint:
            out.append("pages")
    elif t in ("book", "thesis", "report") and t != "report":
        if not has("publisher"):
            out.append("publisher" if t == "book" else "institution")
    elif t in ("chapter", "paper-conference"):
        if not has("container-title") and not has("event-title"):
            out.append("book title" if t == "chapter" else "proceedings title")
        if t == "chapter" and not has("publisher"):
            out.append("publisher")
    elif t in _WEB:
        if not ref.url and not eprint:
            out.append("URL")
        elif ref.url and ref.accessed is None and access_dates_expected:
            out.append("access date")
    elif t in ("article-newspaper", "article-magazine"):
        if not has("container-title"):
            out.append("newspaper" if t == "article-newspaper" else "magazine")
        if ref.url and ref.accessed is None and access_dates_expected:
            out.append("access date")
    dated = any(d is not None and (d.year is not None or d.literal or d.end is not None)
                for d in (ref.issued, ref.dates.get("event-date"), ref.dates.get("event")))
    if t not in _WEB and t not in ("legislation", "treaty", "legal_case") and not dated:
        out.append("year")
    return out


def _inherited(doc: Document, ref: Reference) -> tuple[Reference | None, bool]:
    """``ref`` with what its ``crossref``/``xdata`` parents give it (``None`` when it has
    none), and whether a named parent is missing from the file (then nothing it could
    give is reported)."""
    import dataclasses

    bib = doc.bib.get(ref.id, {}) if ref.id else {}
    names = [v.strip() for f in ("crossref", "xdata") if f in bib for v in bib[f].value.split(",")]
    if not names:
        return None, False
    fields = dict(ref.fields)
    dates = dict(ref.dates)
    people = dict(ref.names)
    lost = False
    for name in names:
        parent = doc.by_key(name)
        if parent is None:
            lost = True
            continue
        for k, v in parent.fields.items():
            if k == "title":  # biber: the parent's title is the child's book/proceedings title
                fields.setdefault("container-title", v)
            else:
                fields.setdefault(k, v)
        for k, d in parent.dates.items():
            dates.setdefault(k, d)
        for k, n in parent.names.items():
            people.setdefault("editor" if k == "author" and ref.type in ("chapter", "paper-conference") else k, n)
    return dataclasses.replace(ref, fields=fields, dates=dates, names=people), lost


def _has_eprint(doc: Document, ref: Reference) -> bool:
    bib = doc.bib.get(ref.id, {}) if ref.id else {}
    return bool(bib.get("eprint") and bib["eprint"].value.strip()) or any(
        k in bib for k in ("arxivid", "pmid", "archiveprefix"))


def access_dates_expected(refs: list[Reference]) -> bool:
    """Does this document date its online sources?  (Most of them carry an access date.)

    GOST and Chicago notes require access dates; APA 7 does not for most pages.  So a
    missing access date is reported only where the author dates the other online sources.
    """
    online = [r for r in refs if r.url and not r.doi]
    return bool(online) and sum(r.accessed is not None for r in online) * 2 >= len(online)


def check(doc: Document) -> Iterator[Finding]:
    expected = access_dates_expected(doc.all_refs)
    for ref in doc.checked_refs:
        if not ref.parsed:
            continue  # unparsed citations are extract's warning, not a missing field
        written = doc.bib.get(ref.id, {}).get("@type") if ref.id else None
        if written is not None and written.value not in STANDARD_TYPES:
            continue
        merged, lost = _inherited(doc, ref)
        if lost:
            continue  # its parent is in another file: what it inherits is unknown here
        gaps = missing(merged or ref, expected, _has_eprint(doc, ref))
        if "year" in gaps and ref.id and "eventdate" in doc.bib.get(ref.id, {}):
            gaps.remove("year")
        if gaps:
            kind = ref.type.replace("-", " ").replace("article journal", "journal article")
            yield Finding("field-missing", "warning", doc.file, doc.line_of(ref), ref.id or None, ref.footnote,
                          f"{kind} without {', '.join(gaps)}")

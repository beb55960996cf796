"""Fields a citation of a given type cannot do without.

The table is deliberately short: only what every major style prints (a journal article
needs its journal, volume or issue, and pages unless it is online with a DOI or URL; a
book its publisher; a web page its URL and, where the document dates its other online
sources, an access date).  Places of publication,
authors (institutional works have none) and dates of web pages ("n.d.") are not
required, so the rule stays quiet on correct citations.
"""

from __future__ import annotations

from collections.abc import Iterator

from citekeeper.lint.document import Document
from citekeeper.lint.finding import Finding
from citekeeper.model import Reference

_WEB = ("webpage", "post", "post-weblog")


def missing(ref: Reference, access_dates_expected: bool = True) -> list[str]:
    """The names (as users know them) of the required fields ``ref`` lacks."""
    t = ref.type
    has = ref.get
    out: list[str] = []
    if not ref.title and t not in ("legal_case",):
        out.append("title")
    if t == "article-journal":
        if not has("container-title"):
            out.append("journal")
        if not has("volume") and not has("issue"):
            out.append("volume or issue")
        if not has("page") and not ref.doi and not ref.url and not has("number"):
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
        if not ref.url:
            out.append("URL")
        elif ref.accessed is None and access_dates_expected:
            out.append("access date")
    elif t in ("article-newspaper", "article-magazine"):
        if not has("container-title"):
            out.append("newspaper" if t == "article-newspaper" else "magazine")
        if ref.url and ref.accessed is None and access_dates_expected:
            out.append("access date")
    if t not in _WEB and t not in ("legislation", "treaty", "legal_case") and (ref.issued is None or (
        ref.issued.year is None and not ref.issued.literal
    )):
        out.append("year")
    return out


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
        gaps = missing(ref, expected)
        if gaps:
            kind = ref.type.replace("-", " ").replace("article journal", "journal article")
            yield Finding("field-missing", "warning", doc.file, doc.line_of(ref), ref.id or None, ref.footnote,
                          f"{kind} without {', '.join(gaps)}")

"""The same work listed twice: same DOI, same URL once normalised, or a near-identical
title with the same year.

Only entries of one kind are compared with each other: two reference-list entries (or
two entries of a .bib file) for one work is a mistake, while footnotes citing a work
again are normal in footnote styles, so repeated footnotes are reported at ``info``
and only on the same DOI or URL.  "Ibid." repeats are never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from citekeeper.lint.document import Document, is_repeat
from citekeeper.lint.finding import Finding
from citekeeper.lint.rules.urls import strip_tracking
from citekeeper.model import Reference

TITLE_SIMILARITY = 0.93


def normalise_url(url: str) -> str:
    """A URL reduced to what identifies the page: no scheme, www, tracking, fragment, or final slash."""
    url, _ = strip_tracking(url.strip())
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def _title_key(title: str) -> str:
    return re.sub(r"[^\w]+", " ", title.casefold()).strip()


def _label(ref: Reference) -> str:
    if ref.footnote is not None:
        return f"footnote {ref.footnote}"
    if ref.id:
        return ref.id
    return ref.origin.describe() if ref.origin else "an entry"


def _same_work(k1: str, k2: str, a: Reference, b: Reference) -> bool:
    """Nearly the same title, and nothing that tells two works apart.

    Titles that differ in a number ("Part 1" / "Part 2", "Vol. II" / "Vol. III"), entries
    with different first authors, or different page ranges are different works.
    """
    if SequenceMatcher(None, k1, k2).ratio() < TITLE_SIMILARITY:
        return False
    marks = r"\b(?:\d+|[ivxlc]+)\b"
    if re.findall(marks, k1) != re.findall(marks, k2):
        return False
    fa = a.authors[0].family.casefold() if a.authors else ""
    fb = b.authors[0].family.casefold() if b.authors else ""
    if fa and fb and fa != fb:
        return False
    pa, pb = a.get("page"), b.get("page")
    return not (pa and pb and pa != pb)


def _pairs(refs: list[Reference]) -> Iterator[tuple[Reference, Reference, str]]:
    """``(first, later, why)`` for each later entry that repeats an earlier one."""
    seen_doi: dict[str, Reference] = {}
    seen_url: dict[str, Reference] = {}
    seen_title: list[tuple[str, str, Reference]] = []
    for ref in refs:
        if is_repeat(ref):
            continue
        why = None
        first = None
        doi = ref.doi.lower()
        if doi and doi in seen_doi:
            first, why = seen_doi[doi], f"the same DOI {ref.doi}"
        url = normalise_url(ref.url) if ref.url else ""
        if not why and url and url in seen_url:
            first, why = seen_url[url], f"the same URL {ref.url}"
        key = _title_key(ref.title)
        year = str(ref.issued.year) if ref.issued and ref.issued.year else ""
        if not why and len(key) >= 12 and year:
            for k, y, other in seen_title:
                if y == year and _same_work(k, key, other, ref):
                    first, why = other, f"nearly the same title and the same year ({year})"
                    break
        if why and first is not None:
            yield first, ref, why
            continue
        if doi:
            seen_doi.setdefault(doi, ref)
        if url:
            seen_url.setdefault(url, ref)
        if len(key) >= 12 and year:
            seen_title.append((key, year, ref))


def check(doc: Document) -> Iterator[Finding]:
    for first, later, why in _pairs(doc.references):
        rule = "duplicate-doi" if "DOI" in why else "duplicate-url" if "URL" in why else "duplicate-title"
        yield Finding(rule, "warning", doc.file, doc.line_of(later),
                      later.id or None, later.footnote,
                      f"{_label(later)} lists the same work as {_label(first)}: {why}")
    by_note = [r for r in doc.footnotes]
    for first, later, why in _pairs(by_note):
        if "title" in why or first.footnote == later.footnote:
            continue
        rule = "duplicate-doi" if "DOI" in why else "duplicate-url"
        yield Finding(rule, "info", doc.file, doc.line_of(later),
                      later.id or None, later.footnote,
                      f"{_label(later)} cites in full the work already cited in {_label(first)} ({why}); "
                      "a short form is usual for a repeated note")

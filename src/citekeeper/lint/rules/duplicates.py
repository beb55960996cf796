"""The same work listed twice: same DOI, same URL once normalised, or a near-identical
title with the same year — and, in every case, nothing that tells the two works apart.

Only entries of one kind are compared with each other: two reference-list entries (or
two entries of a .bib file) for one work is a mistake, while footnotes citing a work
again are normal in footnote styles, so repeated footnotes are reported at ``info``
and only on the same DOI or URL.  "Ibid." repeats are never reported.

Linear, not all pairs: DOIs and URLs go into maps; titles are blocked by year and by
their first and last three words (a near-duplicate title keeps at least one of those
intact), and only titles of one block are compared, with rapidfuzz's ``ratio``.  The
all-pairs ``difflib`` version took 174 s on a 4,007-entry library and did not finish
7,166 in 600 s; see benchmarks/lint for the times now.

Sharing a DOI or a URL is not enough on a real library: a journal's home page, a
repository, an issue's PDF or a book's DOI is shared by many different works (of 643
"same URL" pairs on ../shared/realbib, 620 were different works).  So a shared
identifier is reported only when the works agree: their titles agree (one contains the
other's words, or they are nearly equal) or neither has a title, and no first author,
year, page range, volume or number tells them apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from citekeeper.lint.document import Document, is_repeat
from citekeeper.lint.finding import Finding
from citekeeper.lint.rules.urls import strip_tracking
from citekeeper.model import Reference

TITLE_SIMILARITY = 93  # rapidfuzz ratio (0-100) of two normalised titles
TITLE_AGREEMENT = 80  # token-set ratio: "Regional order" and "Regional order (reprint)" agree
_MIN_TITLE = 12  # shorter titles ("Preface", "Editorial") are too common to match on
_MARKS = re.compile(r"\b(?:\d+|[ivxlc]+)\b")
# Types of a work's other versions: a report, thesis or talk and the paper made from it,
# or a conference paper and its journal version, are two publications, kept on purpose.
_VERSION_TYPES = frozenset({"report", "thesis", "manuscript", "speech", "paper-conference", "article-journal"})
_DOI_URL = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.I)


def normalise_url(url: str) -> str:
    """A URL reduced to what identifies the page: no scheme, www, tracking, fragment, or final slash."""
    url, _ = strip_tracking(url.strip())
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def identifying_url(url: str) -> str:
    """``normalise_url``, or "" when the URL cannot name one work: a site's home page
    (no path) or a DOI resolver without a whole DOI (a prefix landing page)."""
    norm = normalise_url(url)
    host, _, rest = norm.partition("/")
    if not host or not rest:
        return ""
    if host in ("doi.org", "dx.doi.org") and not _DOI_URL.match(norm):
        return ""
    return norm


def _title_key(title: str) -> str:
    return re.sub(r"[^\w]+", " ", title.casefold()).strip()


def _label(ref: Reference) -> str:
    if ref.footnote is not None:
        return f"footnote {ref.footnote}"
    if ref.id:
        return ref.id
    return ref.origin.describe() if ref.origin else "an entry"


def _year(ref: Reference) -> str:
    return str(ref.issued.year) if ref.issued and ref.issued.year else ""


def _first_family(ref: Reference) -> str:
    return ref.authors[0].family.casefold() if ref.authors and ref.authors[0].family else ""


def _apart(a: Reference, b: Reference) -> bool:
    """Does anything both entries give tell the two works apart?"""
    fa, fb = _first_family(a), _first_family(b)
    if fa and fb and fa != fb:
        return True
    ya, yb = _year(a), _year(b)
    if ya and yb and ya != yb:
        return True
    for name in ("page", "volume", "issue", "number"):
        va, vb = a.get(name).strip(), b.get(name).strip()
        if va and vb and va != vb:
            return True
    return False


def _titles_agree(a: Reference, b: Reference) -> bool:
    ka, kb = _title_key(a.title), _title_key(b.title)
    if not ka or not kb:
        return not ka and not kb
    ma, mb = set(_MARKS.findall(ka)), set(_MARKS.findall(kb))
    if not (ma <= mb or mb <= ma):  # "Part 1" and "Part 2" are two works
        return False
    return fuzz.token_set_ratio(ka, kb) >= TITLE_AGREEMENT


def _same_title_work(k1: str, k2: str, a: Reference, b: Reference) -> bool:
    """Nearly the same title, and nothing that tells two works apart.

    Titles that differ in a number ("Part 1" / "Part 2", "Vol. II" / "Vol. III"), entries
    with different first authors, pages, volumes or numbers, in different containers, or
    a report and the article made from it (``_VERSION_TYPES``) are different works.
    """
    if k1 != k2 and fuzz.ratio(k1, k2, score_cutoff=TITLE_SIMILARITY) == 0:
        return False
    if _MARKS.findall(k1) != _MARKS.findall(k2) or _apart(a, b):
        return False
    if a.type != b.type and a.type in _VERSION_TYPES and b.type in _VERSION_TYPES:
        return False
    ca, cb = _title_key(a.get("container-title")), _title_key(b.get("container-title"))
    return not (ca and cb and ca != cb and fuzz.token_set_ratio(ca, cb) < TITLE_AGREEMENT)


def _blocks(key: str, year: str) -> tuple[tuple[str, str], ...]:
    words = key.split()
    return ((year, "<" + " ".join(words[:3])), (year, " ".join(words[-3:]) + ">"))


def _pairs(refs: list[Reference], by_title: bool = True) -> Iterator[tuple[Reference, Reference, str, str]]:
    """``(first, later, rule, why)`` for each later entry that repeats an earlier one."""
    seen_doi: dict[str, list[Reference]] = defaultdict(list)
    seen_url: dict[str, list[Reference]] = defaultdict(list)
    blocks: dict[tuple[str, str], list[tuple[str, Reference]]] = defaultdict(list)
    for ref in refs:
        if is_repeat(ref):
            continue
        found: tuple[Reference, str, str] | None = None
        doi = ref.doi.strip().lower()
        url = identifying_url(ref.url) if ref.url else ""
        if url.startswith(("doi.org/", "dx.doi.org/")) and not doi:
            doi = url.split("/", 1)[1]
        for other in seen_doi.get(doi, ()) if doi else ():
            if _titles_agree(other, ref) and not _apart(other, ref):
                found = (other, "duplicate-doi", f"the same DOI {ref.doi or doi}")
                break
        if found is None and url:
            for other in seen_url.get(url, ()):
                if _titles_agree(other, ref) and not _apart(other, ref):
                    found = (other, "duplicate-url", f"the same URL {ref.url}")
                    break
        key = _title_key(ref.title)
        year = _year(ref)
        titled = by_title and len(key) >= _MIN_TITLE and bool(year)
        if found is None and titled:
            for block in _blocks(key, year):
                for k, other in blocks.get(block, ()):
                    if _same_title_work(k, key, other, ref):
                        found = (other, "duplicate-title", f"nearly the same title and the same year ({year})")
                        break
                if found:
                    break
        if found is not None:
            yield found[0], ref, found[1], found[2]
            continue
        if doi:
            seen_doi[doi].append(ref)
        if url:
            seen_url[url].append(ref)
        if titled:
            for block in dict.fromkeys(_blocks(key, year)):
                blocks[block].append((key, ref))


def check(doc: Document) -> Iterator[Finding]:
    for first, later, rule, why in _pairs(doc.references):
        yield Finding(rule, "warning", doc.file, doc.line_of(later),
                      later.id or None, later.footnote,
                      f"{_label(later)} lists the same work as {_label(first)}: {why}")
    for first, later, rule, why in _pairs(doc.footnotes, by_title=False):
        if first.footnote == later.footnote:
            continue
        yield Finding(rule, "info", doc.file, doc.line_of(later),
                      later.id or None, later.footnote,
                      f"{_label(later)} cites in full the work already cited in {_label(first)} ({why}); "
                      "a short form is usual for a repeated note")

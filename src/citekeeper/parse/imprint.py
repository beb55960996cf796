"""The imprint (publisher, place, pages) as a reference manager holds it, whoever parsed it.

Rules and model alike sometimes leave the rest of an imprint inside the publisher: the
place printed after it (``Springer Verlag, New York, USA``), a chapter's pages
(``Springer, 27–59``), a page count (``Alfred A. Knopf Inc.. p. 720``) or an edition
(``Springer, Berlin, second edition``).  ``tidy_imprint`` runs once in
``combine.parse_reference`` and moves each part to its field, only when the field is
empty and the part has the shape of that field, so a value that is not of these shapes
stays as printed.  Measured on the PLOS/AnyStyle tuning part: 19 of 538 author-date
publishers wrong before (most of them these shapes).
"""

from __future__ import annotations

import re

from citekeeper.model import Reference

_PAGES_TAIL = re.compile(r"[.,]\s*(?:pp?\.\s*)?(?P<p>\d+\s*[–—-]\s*\d+)\.?$")
_COUNT_TAIL = re.compile(r"\.\s+(?:p\.\s*(?P<a>\d+)|(?P<b>\d+)\s*pp?\.?)$")
_EDITION_TAIL = re.compile(
    r",\s*(?P<e>(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+(?:edition|ed\.))$", re.IGNORECASE
)
# Words that make the first comma part a publisher, so what follows it is a place.
_PUBLISHER_WORD = re.compile(
    r"\b(?:Press|Publications|Publishing|Publishers?|Springer|Elsevier|Wiley|Verlag|Books|Inc|Ltd|"
    r"Kluwer|Routledge|Sage|Dover|Blackwell|Pergamon|CRC|Academic|Foundation|Institute|Society|"
    r"University|Office|Bureau)\b"
)
# "New York", "Vienna", "USA", "NY", "Berlin Heidelberg": one to three capitalised words
_PLACE = re.compile(r"^(?:[A-Z][\w.\-']*|[A-Z]{2,3})(?:\s+[A-Z][\w.\-']*){0,2}$")


def tidy_imprint(ref: Reference) -> None:
    """Move a place, pages, page count or edition out of ``ref``'s publisher (in place)."""
    pub = ref.get("publisher")
    if not pub or not re.search(r"[,.]\s*\S", pub):
        return
    pages = _PAGES_TAIL.search(pub)
    if pages and not ref.get("page") and ref.type in ("chapter", "paper-conference", "entry-encyclopedia"):
        ref.set("page", re.sub(r"\s*[—-]\s*", "–", pages.group("p")))
        pub = pub[: pages.start()].rstrip(" .,")
    count = _COUNT_TAIL.search(pub)
    if count and not ref.get("number-of-pages") and not ref.get("page"):
        ref.set("number-of-pages", count.group("a") or count.group("b"))
        pub = pub[: count.start()].rstrip(" ,")  # "Inc.. p. 720": the dot before it stays
    edition = _EDITION_TAIL.search(pub)
    if edition and not ref.get("edition"):
        ref.set("edition", edition.group("e"))
        pub = pub[: edition.start()]
    parts = [p.strip() for p in pub.split(", ")]
    if (
        len(parts) >= 2
        and not ref.get("publisher-place")
        and _PUBLISHER_WORD.search(parts[0])
        and all(_PLACE.match(p) for p in parts[1:])
        and not _PUBLISHER_WORD.search(" ".join(parts[1:]))
    ):
        ref.set("publisher-place", ", ".join(parts[1:]))
        pub = parts[0]
    if pub != ref.get("publisher"):
        prov = ref.provenance.get("publisher")
        ref.set("publisher", pub)
        for field in ("publisher-place", "page", "number-of-pages", "edition"):
            if prov and ref.get(field) and field not in ref.provenance:
                ref.provenance[field] = prov

"""One label set for the reference-string tagger, and how the training data maps onto it.

AnyStyle and GROBID label the same things differently (``journal`` vs
``container-title``, ``location`` vs ``pubPlace``, GROBID leaves ``pp.``/``Vol.``/``In``
outside any field).  Training on both only helps if they agree, so every source label is
mapped here onto one small set, and each of those onto the CSL variable it fills.
"""

from __future__ import annotations

import re

# The tagger's labels (the CRF's output alphabet).
LABELS = (
    "author",
    "editor",
    "translator",
    "title",
    "container-title",
    "collection-title",
    "volume",
    "issue",
    "page",
    "date",
    "publisher",
    "publisher-place",
    "edition",
    "genre",
    "doi",
    "url",
    "identifier",
    "note",
    "citation-number",
    "other",
)

# Source label (AnyStyle or GROBID) -> tagger label.
SOURCE_LABELS: dict[str, str] = {
    # shared
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "title": "title",
    "date": "date",
    "volume": "volume",
    "issue": "issue",
    "pages": "page",
    "publisher": "publisher",
    "location": "publisher-place",
    "note": "note",
    "doi": "doi",
    "url": "url",
    "other": "other",
    # AnyStyle
    "journal": "container-title",
    "container-title": "container-title",
    "collection-title": "collection-title",
    "edition": "edition",
    "genre": "genre",
    "citation-number": "citation-number",
    "isbn": "identifier",
    "medium": "note",
    "source": "note",
    "director": "author",
    "producer": "author",
    # GROBID
    "booktitle": "container-title",
    "series": "collection-title",
    "institution": "publisher",
    "collaboration": "author",
    "arxiv": "identifier",
    "idno": "identifier",
    "pmid": "identifier",
    "pmcid": "identifier",
    "report-number": "identifier",
    "note-report": "genre",
    "biblScope": "other",
    "biblStruct": "other",
    # labelled strings written for citekeeper (gost_extra.jsonl)
    "page": "page",
    "publisher-place": "publisher-place",
    "identifier": "identifier",
}

# Tagger label -> CSL variable (names and dates have their own slots in ``Reference``).
CSL_FIELD: dict[str, str] = {
    "title": "title",
    "container-title": "container-title",
    "collection-title": "collection-title",
    "volume": "volume",
    "issue": "issue",
    "page": "page",
    "publisher": "publisher",
    "publisher-place": "publisher-place",
    "edition": "edition",
    "genre": "genre",
    "doi": "DOI",
    "url": "URL",
    "note": "note",
}
NAME_LABELS = {"author": "author", "editor": "editor", "translator": "translator"}

# Words GROBID leaves outside a field that AnyStyle (and citekeeper) count as part of it.
_PREFIX_MARKER = re.compile(
    r"^(?:in:?|pp?\.?|pages?|vol\.?|volume|no\.?|nos?\.|issue|n°|bd\.|s\.|c\.|т\.|№|iss\.)$",
    re.IGNORECASE,
)
_EDITOR_SUFFIX = re.compile(r"^\(?(?:eds?\.?|editors?|hrsg\.?|ed\.)\)?[.,:;]*$", re.IGNORECASE)


def map_label(label: str) -> str:
    """The tagger label of a source label (unknown labels become ``other``)."""
    return SOURCE_LABELS.get(label, "other")


def normalize_tokens(tokens: list[list[str]] | list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Source tokens -> tokens with tagger labels, markers attached the AnyStyle way.

    A GROBID ``other`` token such as ``pp.`` or ``In`` joins the field that follows it,
    and ``(Eds.)`` joins the editor before it, so both corpora teach the same thing.
    """
    source = {lab for _, lab in tokens}
    # GROBID marks a monograph's own title as title@m ("booktitle"); with no article title
    # beside it, it is the work's title (CSL "title"), as AnyStyle labels it.
    book_is_title = "booktitle" in source and "title" not in source
    out = [
        (tok, "title" if book_is_title and lab == "booktitle" else map_label(lab)) for tok, lab in tokens
    ]
    # Backwards, so a chain of markers ("In: Vol.") all join the field after them.
    for i in range(len(out) - 2, -1, -1):
        tok, lab = out[i]
        if lab == "other" and _PREFIX_MARKER.match(tok) and out[i + 1][1] != "other":
            out[i] = (tok, out[i + 1][1])
    for i in range(1, len(out)):
        tok, lab = out[i]
        if lab == "other" and _EDITOR_SUFFIX.match(tok) and out[i - 1][1] == "editor":
            out[i] = (tok, "editor")
    return out

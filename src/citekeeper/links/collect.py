"""Gather every DOI and URL to check from References, with where each is cited.

Each target carries the citations (entry key, file, line, access and publication
dates) so that a report can point at the line and the archive look-up can use the
date the author saw the page.  A DOI written as a resolver URL becomes a DOI target;
the same target cited twice is checked once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citekeeper.links import doi as doimod
from citekeeper.links.archive import parse_capture
from citekeeper.links.verdict import Citation, Target
from citekeeper.model import Reference

_TEX_ESCAPE = re.compile(r"\\([_%&#~$])")
_URL_MACRO = re.compile(r"^\s*\\url\s*\{(.*)\}\s*$", re.DOTALL)


def clean_url(url: str) -> str:
    """A URL as a browser would take it from a .bib: ``\\url{...}`` unwrapped and TeX
    escapes (``\\_``, ``\\%``, ``\\&``, ``\\#``) undone, which BibTeX users write and
    which would otherwise be checked literally (and found broken)."""
    m = _URL_MACRO.match(url)
    if m:
        url = m.group(1)
    return _TEX_ESCAPE.sub(r"\1", url.strip())


def _citation(ref: Reference, field: str) -> Citation:
    origin = ref.origin
    accessed = ref.dates.get("accessed")
    issued = ref.dates.get("issued")
    return Citation(
        key=ref.id,
        file=origin.file if origin else None,
        line=origin.line_start if origin else None,
        field=field,
        accessed=accessed.iso() if accessed and accessed.year else "",
        issued=issued.iso() if issued and issued.year else "",
    )


def collect(
    refs: Iterable[Reference],
    resolvers: frozenset[str] = frozenset(),
    archive_hosts: frozenset[str] = frozenset(),
) -> list[Target]:
    """Distinct targets in first-cited order.

    ``resolvers``: extra resolver base URLs whose ``<base>/<doi>`` URLs are DOIs (a
    configured resolver); ``archive_hosts``: extra hosts whose ``/web/<ts>/<url>`` are captures.
    """
    order: list[tuple[str, str]] = []
    cites: dict[tuple[str, str], list[Citation]] = {}
    captures: dict[tuple[str, str], tuple[str, str]] = {}

    def add(kind: str, target: str, citation: Citation) -> None:
        k = (kind, target)
        if k not in cites:
            order.append(k)
            cites[k] = []
        if citation not in cites[k]:
            cites[k].append(citation)

    for ref in refs:
        seen_dois: set[str] = set()
        raw_doi = ref.fields.get("DOI", "").strip()
        if raw_doi:
            d = doimod.normalize(raw_doi)
            seen_dois.add(d)
            add("doi", d, _citation(ref, "DOI"))
        url = clean_url(ref.fields.get("URL", ""))
        if not url:
            continue
        as_doi = doimod.doi_from_url(url, resolvers)
        if as_doi:
            if as_doi not in seen_dois:  # url = https://doi.org/<same DOI> adds nothing
                add("doi", as_doi, _citation(ref, "URL"))
            continue
        add("url", url, _citation(ref, "URL"))
        cap = parse_capture(url, archive_hosts)
        if cap:
            captures[("url", url)] = cap
    out = []
    for k in order:
        original, capture = captures.get(k, ("", ""))
        out.append(Target(kind=k[0], target=k[1], citations=tuple(cites[k]),
                          original=original, capture=capture))
    return out


def read_bib_fast(path: str, max_bytes: int | None = None) -> list[Reference] | None:
    """The few fields ``check`` needs from a .bib file, read with ``bibedit.scan``.

    The full reader builds every field of every entry (names, titles ...), which costs
    about a second per 10,000 entries; ``check`` needs the key, line, URL, DOI and two
    dates.  Returns None when the file has anything the scanner is not sure about
    (a problem block, an ``@string`` macro or concatenation in one of those fields):
    the caller then uses the full reader, so both always agree.
    """
    from citekeeper.formats.bibedit import scan
    from citekeeper.model import Date, Origin
    from citekeeper.textio import DEFAULT_MAX_BYTES, read_text

    text = read_text(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES).text
    result = scan(text)
    if result.problems:
        return None
    refs = []
    for e in result.entries:
        values: dict[str, str] = {}
        for f in e.fields:
            name = f.name.lower()
            if name in _FAST_FIELDS:
                if not f.is_literal:
                    return None
                values[name] = f.value.strip()
        ref = Reference(id=e.key, origin=Origin(kind="file", file=path, line_start=e.line))
        url = values.get("url", "")
        how = clean_url(values.get("howpublished", ""))
        if not url and how.startswith(("http://", "https://")):
            url = how
        if url:
            ref.fields["URL"] = url
        if values.get("doi"):
            ref.fields["DOI"] = doimod.normalize(values["doi"])
        accessed = values.get("urldate") or values.get("lastchecked")
        if accessed:
            ref.dates["accessed"] = Date.from_iso(accessed)
        issued = values.get("date") or values.get("year")
        if issued:
            ref.dates["issued"] = Date.from_iso(issued.strip("{}"))
        refs.append(ref)
    return refs


_FAST_FIELDS = frozenset({"url", "howpublished", "doi", "urldate", "lastchecked", "date", "year"})

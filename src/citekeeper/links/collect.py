"""Gather every DOI and URL to check from References, with where each is cited.

Each target carries the citations (entry key, file, line, access and publication
dates) so that a report can point at the line and the archive look-up can use the
date the author saw the page.  A DOI written as a resolver URL becomes a DOI target;
the same target cited twice is checked once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

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
    if "\\" not in url:
        return url.strip()
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


class Collector:
    """Targets gathered reference by reference (so checking can start before reading ends).

    ``resolvers``: extra resolver base URLs whose ``<base>/<doi>`` URLs are DOIs (a
    configured resolver); ``archive_hosts``: extra hosts whose ``/web/<ts>/<url>`` are
    captures.
    """

    def __init__(self, resolvers: frozenset[str] = frozenset(),
                 archive_hosts: frozenset[str] = frozenset()) -> None:
        self.resolvers = resolvers
        self.archive_hosts = archive_hosts
        self.order: list[tuple[str, str]] = []
        self.cites: dict[tuple[str, str], list[Citation]] = {}
        self.captures: dict[tuple[str, str], tuple[str, str]] = {}

    def _add(self, kind: str, target: str, citation: Citation, new: list[tuple[str, str]]) -> None:
        k = (kind, target)
        if k not in self.cites:
            self.order.append(k)
            self.cites[k] = []
            new.append(k)
        if citation not in self.cites[k]:
            self.cites[k].append(citation)

    def add(self, ref: Reference) -> list[tuple[str, str]]:
        """Collect one reference; returns the ``(kind, target)`` pairs seen for the first time."""
        new: list[tuple[str, str]] = []
        raw_doi = ref.fields.get("DOI", "").strip()
        d = doimod.normalize(raw_doi) if raw_doi else ""
        if d:
            self._add("doi", d, _citation(ref, "DOI"), new)
        url = clean_url(ref.fields.get("URL", ""))
        if not url:
            return new
        as_doi = doimod.doi_from_url(url, self.resolvers)
        if as_doi:
            if as_doi != d:  # url = https://doi.org/<same DOI> adds nothing
                self._add("doi", as_doi, _citation(ref, "URL"), new)
            return new
        self._add("url", url, _citation(ref, "URL"), new)
        if ("url", url) not in self.captures:
            cap = parse_capture(url, self.archive_hosts)
            if cap:
                self.captures[("url", url)] = cap
        return new

    def target(self, k: tuple[str, str]) -> Target:
        original, capture = self.captures.get(k, ("", ""))
        return Target(kind=k[0], target=k[1], citations=tuple(self.cites[k]),
                      original=original, capture=capture)

    def targets(self) -> list[Target]:
        """Distinct targets in first-cited order, with all their citations."""
        return [self.target(k) for k in self.order]


def collect(
    refs: Iterable[Reference],
    resolvers: frozenset[str] = frozenset(),
    archive_hosts: frozenset[str] = frozenset(),
) -> list[Target]:
    """Distinct targets in first-cited order (see ``Collector``)."""
    c = Collector(resolvers, archive_hosts)
    for ref in refs:
        c.add(ref)
    return c.targets()


class NeedsFullReader(Exception):
    """The fast reading met something only the full reader understands."""


def iter_bib_fast(text: str, path: str) -> Iterator[Reference]:
    """The few fields ``check`` needs from .bib text, entry by entry, via ``bibedit``.

    The full reader builds every field of every entry (names, titles ...), which costs
    about a second per 10,000 entries; ``check`` needs the key, line, URL, DOI and two
    dates.  Raises ``NeedsFullReader`` (after the entries it could read) when the text
    has anything the scanner is not sure about: a block it cannot scan, or an
    ``@string`` macro or concatenation in one of those fields.  The caller then reads
    the file with the full reader as well; both give equal citations for the entries
    read here, so nothing is counted twice.
    """
    from citekeeper.formats.bibedit import Entry, iter_scan
    from citekeeper.model import Date, Origin

    unsure = False
    for e in iter_scan(text):
        if not isinstance(e, Entry):
            unsure = True
            continue
        values: dict[str, str] = {}
        literal = True
        for f in e.fields:
            name = f.name.lower()
            if name in _FAST_FIELDS:
                if not f.is_literal:
                    literal = False
                    break
                values[name] = f.value.strip()
        if not literal:
            unsure = True
            continue
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
        yield ref
    if unsure:
        raise NeedsFullReader(path)


def read_bib_fast(path: str, max_bytes: int | None = None) -> list[Reference] | None:
    """All of ``iter_bib_fast`` for one file, or None when the full reader is needed."""
    from citekeeper.textio import DEFAULT_MAX_BYTES, read_text

    text = read_text(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES).text
    try:
        return list(iter_bib_fast(text, path))
    except NeedsFullReader:
        return None


_FAST_FIELDS = frozenset({"url", "howpublished", "doi", "urldate", "lastchecked", "date", "year"})

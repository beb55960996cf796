"""Gather every DOI and URL to check, with where each is cited.

Input comes from the one reader, ``formats.read_file``: its references and its
failed blocks (the raw text of what could not be parsed).  From each reference
every URL and DOI is taken, not just the ``URL``/``DOI`` fields: the text as
written (``verbatim`` of a .bib entry, ``raw`` of a citation from an article, the
raw text of a failed block) is scanned too, so a second URL in a ``note``, a
``\\url{}`` in ``howpublished`` or the URL of a reference that could not be parsed
is checked as well.  A record read without its text (RIS, CSL-JSON) has every string
field scanned instead (a URL in ``note``, RIS ``L1``/``L2``/``L4`` links kept in
``extra``).  Each occurrence carries its own line, so reports and annotations point at
the ``url``/``doi`` line, not the entry's first line.

A URL's ``#fragment`` is never sent (it names a place in the page the browser
scrolls to), so ``page#a`` and ``page#b`` are one target and one request, keyed and
shown by the URL without its fragment.

A DOI written as a resolver URL becomes a DOI target; the same target cited twice is
checked once.  A URL with credentials (``http://user:pass@host/``) is shown and
cached redacted (``urls.redact``); only ``Target.fetch_url`` keeps it as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from citekeeper.links import doi as doimod
from citekeeper.links.archive import parse_capture
from citekeeper.links.urls import has_credentials, redact
from citekeeper.links.verdict import Citation, Target

if TYPE_CHECKING:  # records are read duck-typed: the model is not imported before the shards fork (3 ms)
    from citekeeper.model import Date, Reference

_TEX_ESCAPE = re.compile(r"\\([_%&#~$])")
_URL_MACRO = re.compile(r"^\s*\\url\s*\{(.*)\}\s*$", re.DOTALL)
# URLs and DOIs in running text.  A URL ends at white space, a brace, a quote or an
# angle bracket; trailing punctuation of the sentence is dropped (``_trim``).
# Both must start at a word boundary; that is tested in ``find_links``, not with a
# leading ``\b``, which keeps the engine from skipping ahead to "http"/"10." (on a
# 7 MB .bib with 50,000 URLs: 0.11 s instead of 0.04 s for URLs, 0.13 s instead of
# 0.004 s for DOIs).
_URL_IN_TEXT = re.compile(r"(?i)https?://[^\s{}\"<>\\]*(?:\\[_%&#~$][^\s{}\"<>\\]*)*")
_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s{}\",]+")  # SICI DOIs hold <>;
_TRAIL = ".,;:!?'’”»)]*"


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


def _trim(s: str) -> str:
    """Sentence punctuation after a URL or DOI, and an unbalanced closing bracket."""
    while s and s[-1] in _TRAIL:
        if s[-1] == ")" and s.count("(") >= s.count(")"):
            break
        if s[-1] == "]" and s.count("[") >= s.count("]"):
            break
        s = s[:-1]
    return s


def find_links(text: str) -> list[tuple[str, str, int]]:
    """``(kind, value, offset)`` of every URL and bare DOI in ``text``, in order.

    A DOI inside a URL is part of that URL (a resolver URL becomes a DOI target later).
    Each pattern must match at a word boundary (see ``_URL_IN_TEXT``): a match after a
    word character is dropped and the search goes on from the next character, as the
    engine would with ``\\b``.  Written as two plain loops, with a sort only when both
    kinds were found (each list is in order already): this runs once per entry in the
    reading workers and once per slice in the parent's scan, and a generator per
    pattern and the sort cost 10 % of collecting load50k (0.287 -> 0.257 s).
    """
    out: list[tuple[str, str, int]] = []
    spans: list[tuple[int, int]] = []
    if "://" in text:
        search = _URL_IN_TEXT.search
        pos = 0
        while (m := search(text, pos)) is not None:
            i, end = m.span()
            if i and (text[i - 1].isalnum() or text[i - 1] == "_"):
                pos = i + 1
                continue
            pos = end if end > i else i + 1
            url = _trim(clean_url(m.group(0)))
            if len(url) > 8:  # len("http://x")
                out.append(("url", url, i))
                spans.append((i, end))
    if "10." in text:
        starts = [a for a, _ in spans]
        search = _DOI_IN_TEXT.search
        pos = 0
        urls = len(out)
        while (m := search(text, pos)) is not None:
            i, end = m.span()
            if i and (text[i - 1].isalnum() or text[i - 1] == "_"):
                pos = i + 1
                continue
            pos = end if end > i else i + 1
            j = bisect.bisect_right(starts, i) - 1  # the last URL starting before it
            if j >= 0 and i < spans[j][1]:
                continue
            d = _trim(m.group(0))
            if doimod.is_doi(d):
                out.append(("doi", d, i))
        if urls and len(out) > urls:  # both kinds: in order of offset (each already is)
            out.sort(key=_offset)
    return out


def _offset(link: tuple[str, str, int]) -> int:
    return link[2]


def defragment(url: str) -> str:
    """``url`` without its ``#fragment``: what an HTTP client sends and a cache keys on."""
    i = url.find("#")
    return url if i < 0 else url[:i]


def _field_text(ref: Reference) -> str:
    """The string fields of a record read without its text, one per line: where a RIS
    ``N1`` or a CSL-JSON ``note`` keeps a second URL, and RIS ``L1``/``L2``/``L4`` links
    (``extra``, ``ris.*`` keys) are.  ``URL`` and ``DOI`` are taken as they are by
    ``Collector.add``, not scanned again (a URL field with junk after a space would
    become a second, different target)."""
    parts = [v for k, v in ref.fields.items() if k not in ("URL", "DOI") and isinstance(v, str)]
    for v in ref.extra.values():
        if isinstance(v, str):
            parts.append(v)
        elif isinstance(v, (list, tuple)):
            parts.extend(x for x in v if isinstance(x, str))
    return "\n".join(parts)


def _iso(d: Date | None) -> str:
    """A citation's date: ISO text, "" when the record has none or no year."""
    return d.iso() if d and d.year else ""


def _dates(ref: Reference) -> tuple[str, str]:
    return _iso(ref.dates.get("accessed")), _iso(ref.dates.get("issued"))


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
        self.fetch: dict[tuple[str, str], str] = {}

    def _add(self, kind: str, target: str, citation: Citation, new: list[tuple[str, str]]) -> None:
        k = (kind, target)
        cites = self.cites.get(k)
        if cites is None:
            self.order.append(k)
            cites = self.cites[k] = []
            new.append(k)
        if citation not in cites:
            cites.append(citation)

    def _url(self, url: str, cite: Citation, new: list[tuple[str, str]], skip_doi: str = "") -> None:
        if "#" in url:
            url = defragment(url)
        as_doi = doimod.doi_from_url(url, self.resolvers)
        if as_doi:
            if as_doi != skip_doi:  # url = https://doi.org/<same DOI> adds nothing
                self._add("doi", as_doi, cite, new)
            return
        shown = url
        if has_credentials(url):
            shown = redact(url)
            self.fetch[("url", shown)] = url
        self._add("url", shown, cite, new)
        if ("url", shown) not in self.captures:
            cap = parse_capture(url, self.archive_hosts)
            if cap:
                self.captures[("url", shown)] = cap

    def add(self, ref: Reference) -> list[tuple[str, str]]:
        """Collect one reference; returns the ``(kind, target)`` pairs seen for the first time."""
        origin = ref.origin
        accessed, issued = _dates(ref)
        verbatim = getattr(ref, "verbatim", None)
        text = getattr(verbatim, "text", "") or ref.raw or (origin.raw if origin else "") or _field_text(ref)
        return self._entry(ref.id, origin.file if origin else None, origin.line_start if origin else None,
                           text, verbatim is not None, ref.fields.get("URL", ""),
                           ref.fields.get("DOI", "").strip(), accessed, issued)

    def add_entry(self, key: str, file: str | None, line: int, text: str, url: str, doi: str | None,
                  issued: Date | None, accessed: Date | None) -> list[tuple[str, str]]:
        """Collect one entry of a .bib read for its links only (``formats.bibtex.links_of``):
        what ``add`` does with the projected record of that entry, without the record."""
        return self._entry(key, file, line, text, True, url, doi.strip() if doi else "",
                           _iso(accessed), _iso(issued))

    def _entry(self, key: str, file: str | None, line: int | None, text: str, verbatim: bool, url_field: str,
               raw_doi: str, accessed: str, issued: str) -> list[tuple[str, str]]:
        """``add``'s rules for one record's text and fields.  Written as plain loops (no
        closure, no generator per record): this runs once per entry of a large .bib in the
        parent (``parallel.LinksRead``)."""
        new: list[tuple[str, str]] = []
        found = find_links(text) if text else []
        counted = line is not None and verbatim
        base = line if line is not None else 0  # the entry's line, where ``counted``
        normalize = doimod.normalize
        d = normalize(raw_doi) if raw_doi else ""
        if d:
            at = line
            for k, v, o in found:
                if k == "doi" and normalize(v) == d:
                    if counted:
                        at = base + text.count("\n", 0, o)
                    break
            self._add("doi", d, Citation(key, file, at, "DOI", accessed, issued), new)
        url = clean_url(url_field)
        if url:
            at = line
            for k, v, o in found:
                if k == "url" and v == url:
                    if counted:
                        at = base + text.count("\n", 0, o)
                    break
            self._url(url, Citation(key, file, at, "URL", accessed, issued), new, skip_doi=d)
        for kind, value, offset in found:
            if kind == "url":
                if value != url:
                    at = base + text.count("\n", 0, offset) if counted else line
                    self._url(value, Citation(key, file, at, "URL", accessed, issued), new, skip_doi=d)
            else:
                nd = normalize(value)
                if nd and nd != d:
                    at = base + text.count("\n", 0, offset) if counted else line
                    self._add("doi", nd, Citation(key, file, at, "DOI", accessed, issued), new)
        return new

    def add_text(self, key: str, file: str | None, line: int | None, text: str) -> list[tuple[str, str]]:
        """Collect the links of text that could not be parsed (a failed block), line by line."""
        new: list[tuple[str, str]] = []
        seen_at, lines = 0, 0
        for kind, value, offset in find_links(text):
            lines += text.count("\n", seen_at, offset)
            seen_at = offset
            at = line + lines if line is not None else None
            c = Citation(key, file, at, "URL" if kind == "url" else "DOI")
            if kind == "url":
                self._url(value, c, new)
            else:
                self._add("doi", doimod.normalize(value), c, new)
        return new

    def state(self) -> tuple[list[tuple[str, str]], dict, dict, dict]:
        """What was collected, small enough to send between processes (``absorb``)."""
        return self.order, self.cites, self.captures, self.fetch

    def absorb(self, state: tuple[list[tuple[str, str]], dict, dict, dict]) -> list[tuple[str, str]]:
        """Add another collector's ``state()`` (a piece of the same file read elsewhere);
        returns the keys seen for the first time."""
        order, cites, captures, fetch = state
        if not self.order and not self.captures and not self.fetch:
            # Nothing collected yet (the first or only file): the state is taken as it is,
            # not added citation by citation (50,000 citations: 48 ms).  Its owner has
            # finished with it (a piece's collector, ``parallel``).
            self.order, self.cites, self.captures, self.fetch = order, cites, captures, fetch
            return list(order)
        new: list[tuple[str, str]] = []
        for k in order:
            for c in cites[k]:
                self._add(k[0], k[1], c, new)
        for k, v in captures.items():
            self.captures.setdefault(k, v)
        for k, v in fetch.items():
            self.fetch.setdefault(k, v)
        return new

    def target(self, k: tuple[str, str]) -> Target:
        original, capture = self.captures.get(k, ("", ""))
        return Target(kind=k[0], target=k[1], citations=tuple(self.cites[k]),
                      original=original, capture=capture, fetch_url=self.fetch.get(k, ""))

    def targets(self) -> list[Target]:
        """Distinct targets in first-cited order, with all their citations."""
        return [self.target(k) for k in self.order]


class Scout:
    """The targets of raw text, for checking before the reader is done (``runner._scan``).

    What ``Collector.add_text`` and ``Collector.target`` give for the same text, less
    what only a report needs: no citations (nobody is cited by a scan; the reader's
    records say who cites what), no capture of an archive URL.  A DOI's ``follow`` is
    the runner's rule (``follow_doi``: "all", or "url" when the slice writes it as a
    resolver URL).  On the link farm's 50,000 links the scan through a ``Collector``
    took 0.27-0.28 s of the parent's CPU, this 0.16 s (benchmarks/linkcheck/parent.md).
    """

    def __init__(self, resolvers: frozenset[str] = frozenset(), follow_doi: str = "url") -> None:
        self.resolvers = resolvers
        self.follow_doi = follow_doi
        self.seen: set[tuple[str, str]] = set()
        self.fetch: dict[tuple[str, str], str] = {}

    def scan(self, text: str) -> list[Target]:
        """The targets of ``text`` not seen in earlier calls, in first-seen order."""
        seen, fetch, resolvers = self.seen, self.fetch, self.resolvers
        new: dict[tuple[str, str], bool] = {}  # key -> written as a URL in this text
        for kind, value, _ in find_links(text):
            if kind == "url":
                url = defragment(value) if "#" in value else value
                as_doi = doimod.doi_from_url(url, resolvers)
                if as_doi:
                    k = ("doi", as_doi)
                else:
                    shown = url
                    if has_credentials(url):
                        shown = redact(url)
                        fetch[("url", shown)] = url
                    k = ("url", shown)
                as_url = True
            else:
                k = ("doi", doimod.normalize(value))
                as_url = False
            if k in new:
                new[k] = new[k] or as_url
            elif k not in seen:
                seen.add(k)
                new[k] = as_url
        mode = self.follow_doi
        return [Target(kind, value, (), "", "",
                       kind == "doi" and (mode == "all" or (mode == "url" and as_url)),
                       fetch.get((kind, value), ""))
                for (kind, value), as_url in new.items()]


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

"""Loopback look-alikes of the Crossref, DataCite and OpenAlex APIs and the DOI handle API.

Each service runs on its own port (its own "host", as in production, so per-host
pacing is per service) and answers in that service's real JSON shape:

* Crossref: ``/works/{doi}`` -> ``{"status": "ok", "message-type": "work", "message": {...}}``
  (404 is the plain text ``Resource not found.``), ``/works?query.bibliographic=...
  &query.author=...&filter=from-pub-date:Y,until-pub-date:Y&rows=N`` and
  ``/works?filter=updates:{doi}`` -> ``"message-type": "work-list"`` with ``items``.
  Works carry ``updated-by`` (publisher and ``source: retraction-watch`` assertions),
  notices carry ``update-to``, reviews a ``relation`` ``is-review-of``.
* DataCite: ``/dois/{doi}`` -> JSON:API ``{"data": {"id", "type": "dois", "attributes": {...}}}``,
  ``/dois?query=...`` -> ``{"data": [...], "meta": {...}, "links": {...}}``.
* OpenAlex: ``/works/doi:{doi}`` -> a ``Work``; ``/works?search=...&filter=publication_year:A-B``
  -> ``{"meta": {...}, "results": [...], "group_by": []}``.
* DOI handle API: ``/api/handles/{doi}`` -> ``responseCode`` 1 or 100.

Every answer carries ``X-Rate-Limit-Limit``/``X-Rate-Limit-Interval``; more requests
than the limit in one interval get ``429`` with ``Retry-After`` (as Crossref does).
``latency`` delays every answer, a seed's ``delay`` only its own.  The servers count
requests, 429s and the most requests in flight per service.  Searches rank seeds by
shared words (idf-weighted), like a search engine would, so decoys come back next to
the right work.  Used by tests/enrich and by benchmarks/enrich.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import re
import socket
import threading
import time
import unicodedata
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from aiohttp import web

if TYPE_CHECKING:
    from citekeeper.enrich.runner import EnrichOptions

SERVICES = ("crossref", "datacite", "openalex", "handle")


@dataclass
class Seed:
    """One registered work, described once, served in each service's shape."""

    doi: str
    title: str
    authors: list[tuple[str, str]]  # (given, family)
    year: int
    type: str = "journal-article"  # Crossref type (DataCite seeds: resourceTypeGeneral)
    agency: str = "crossref"  # crossref | datacite | other (known to OpenAlex and the handle API only)
    subtitle: str = ""
    container: str = ""
    short_container: str = ""
    volume: str = ""
    issue: str = ""
    page: str = ""
    publisher: str = ""
    issn: str = ""
    isbn: str = ""
    language: str = "en"
    online_year: int | None = None
    editors: list[tuple[str, str]] = field(default_factory=list)
    updated_by: list[dict[str, Any]] = field(default_factory=list)
    update_to: list[dict[str, Any]] = field(default_factory=list)
    relation: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    openalex: bool = True
    is_retracted: bool = False
    delay: float = 0.0

    @property
    def years(self) -> list[int]:
        return [y for y in (self.year, self.online_year) if y]


def _date(y: int, m: int = 1, d: int = 1) -> dict[str, Any]:
    return {"date-parts": [[y, m, d]], "date-time": f"{y:04d}-{m:02d}-{d:02d}T00:00:00Z",
            "timestamp": int(time.mktime((y, m, d, 0, 0, 0, 0, 0, 0))) * 1000 if y >= 1971 else 0}


def update(kind: str, notice: str, year: int, source: str = "publisher", label: str = "",
           record_id: str = "") -> dict[str, Any]:
    """An ``updated-by`` / ``update-to`` item in Crossref's shape."""
    item: dict[str, Any] = {"DOI": notice, "type": kind, "label": label or kind.replace("_", " ").title(),
                            "source": source, "updated": _date(year)}
    if record_id:
        item["record-id"] = record_id
    return item


def crossref_work(s: Seed, score: float = 1.0) -> dict[str, Any]:
    """A Crossref ``work`` message."""
    m: dict[str, Any] = {
        "indexed": _date(2025, 3, 1), "reference-count": 31, "publisher": s.publisher or "Example Press",
        "content-domain": {"domain": [], "crossmark-restriction": False},
        "DOI": s.doi, "type": s.type, "created": _date(max(s.years[0], 1971)),
        "source": "Crossref", "is-referenced-by-count": 12, "title": [s.title],
        "prefix": s.doi.split("/", 1)[0], "member": "1234", "deposited": _date(2024, 6, 2),
        "score": round(score, 3), "resource": {"primary": {"URL": f"https://example.org/{s.doi}"}},
        "subtitle": [s.subtitle] if s.subtitle else [], "short-title": [],
        "issued": {"date-parts": [[min(s.years)]]}, "references-count": 31,
        "URL": f"https://doi.org/{s.doi}", "published": {"date-parts": [[min(s.years)]]},
        "language": s.language,
    }
    if s.authors:
        m["author"] = [{"given": g, "family": f, "sequence": "first" if i == 0 else "additional",
                        "affiliation": []} for i, (g, f) in enumerate(s.authors)]
    if s.editors:
        m["editor"] = [{"given": g, "family": f, "sequence": "first" if i == 0 else "additional",
                        "affiliation": []} for i, (g, f) in enumerate(s.editors)]
    m["published-print"] = {"date-parts": [[s.year]]}
    if s.online_year:
        m["published-online"] = {"date-parts": [[s.online_year, 11, 3]]}
    if s.container:
        m["container-title"] = [s.container]
        m["short-container-title"] = [s.short_container] if s.short_container else []
    for k in ("volume", "issue", "page"):
        if getattr(s, k):
            m[k] = getattr(s, k)
    if s.issue:
        m["journal-issue"] = {"issue": s.issue, "published-print": {"date-parts": [[s.year]]}}
    if s.issn:
        m["ISSN"] = [s.issn]
        m["issn-type"] = [{"type": "print", "value": s.issn}]
    if s.isbn:
        m["ISBN"] = [s.isbn]
        m["isbn-type"] = [{"type": "print", "value": s.isbn}]
    if s.updated_by:
        m["updated-by"] = s.updated_by
    if s.update_to:
        m["update-to"] = s.update_to
    if s.relation:
        m["relation"] = s.relation
    if not s.language:
        del m["language"]
    return m


def datacite_resource(s: Seed) -> dict[str, Any]:
    """A DataCite JSON:API resource (``data`` of ``/dois/{doi}``)."""
    general = s.type if s.type[:1].isupper() else {"journal-article": "JournalArticle",
                                                    "posted-content": "Preprint"}.get(s.type, "Text")
    citeproc = {"Dataset": "dataset", "Software": "software", "Preprint": "article",
                "JournalArticle": "article-journal", "Text": "article", "Dissertation": "thesis"}
    attrs: dict[str, Any] = {
        "doi": s.doi, "identifiers": [], "prefix": s.doi.split("/", 1)[0], "suffix": s.doi.split("/", 1)[1],
        "creators": [{"name": f"{f}, {g}", "nameType": "Personal", "givenName": g, "familyName": f,
                      "affiliation": [], "nameIdentifiers": []} for g, f in s.authors],
        "titles": [{"title": s.title + (f": {s.subtitle}" if s.subtitle else "")}],
        "publisher": s.publisher or "Zenodo", "container": {}, "publicationYear": s.year,
        "subjects": [], "contributors": [], "dates": [{"date": str(s.year), "dateType": "Issued"}],
        "language": s.language or None,
        "types": {"ris": "DATA" if general == "Dataset" else "GEN", "bibtex": "misc",
                  "citeproc": citeproc.get(general, "article"), "schemaOrg": "CreativeWork",
                  "resourceTypeGeneral": general},
        "relatedIdentifiers": [], "sizes": [], "formats": [], "version": None, "rightsList": [],
        "descriptions": [], "geoLocations": [], "fundingReferences": [],
        "url": f"https://example.org/{s.doi}", "contentUrl": None, "metadataVersion": 1,
        "schemaVersion": "http://datacite.org/schema/kernel-4", "source": "api", "isActive": True,
        "state": "findable", "reason": None, "created": f"{s.year}-01-01T00:00:00.000Z",
        "registered": f"{s.year}-01-01T00:00:00.000Z", "updated": "2024-01-01T00:00:00.000Z",
    }
    if s.container:
        attrs["container"] = {"type": "Series", "title": s.container,
                              **({"identifier": s.issn, "identifierType": "ISSN"} if s.issn else {})}
    return {"id": s.doi, "type": "dois", "attributes": attrs,
            "relationships": {"client": {"data": {"id": "example.repo", "type": "clients"}}}}


def openalex_work(s: Seed) -> dict[str, Any]:
    """An OpenAlex ``Work``."""
    first, _, last = s.page.partition("-")
    oa_type = {"journal-article": "article", "book-chapter": "book-chapter", "book": "book",
               "proceedings-article": "article", "posted-content": "preprint"}.get(s.type, "article")
    return {
        "id": f"https://openalex.org/W{abs(hash(s.doi)) % 10**10}", "doi": f"https://doi.org/{s.doi}",
        "title": s.title + (f": {s.subtitle}" if s.subtitle else ""),
        "display_name": s.title + (f": {s.subtitle}" if s.subtitle else ""),
        "publication_year": min(s.years), "publication_date": f"{min(s.years)}-01-01",
        "language": s.language or None, "type": oa_type, "type_crossref": s.type if s.agency == "crossref" else None,
        "authorships": [{"author_position": "first" if i == 0 else "middle",
                         "author": {"id": f"https://openalex.org/A{i}", "display_name": f"{g} {f}", "orcid": None},
                         "institutions": [], "countries": [], "is_corresponding": i == 0,
                         "raw_author_name": f"{g} {f}"} for i, (g, f) in enumerate(s.authors)],
        "primary_location": {"is_oa": False, "landing_page_url": f"https://example.org/{s.doi}",
                             "source": ({"id": "https://openalex.org/S1", "display_name": s.container,
                                         "issn_l": s.issn or None, "issn": [s.issn] if s.issn else None,
                                         "host_organization_name": s.publisher or None, "type": "journal"}
                                        if s.container else None)},
        "biblio": {"volume": s.volume or None, "issue": s.issue or None,
                   "first_page": first or None, "last_page": last or None},
        "is_retracted": s.is_retracted, "is_paratext": False, "cited_by_count": 3,
    }


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    t = unicodedata.normalize("NFKD", text)
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).casefold()
    return _WORD.findall(t)


class _Index:
    """A small bag-of-words search (idf-weighted shared words), as a search engine ranks."""

    def __init__(self, seeds: list[Seed]) -> None:
        self.seeds = seeds
        self.docs = [Counter(_words(" ".join([s.title, s.subtitle, s.container,
                                              *[f for _, f in s.authors], *[f for _, f in s.editors]])))
                     for s in seeds]
        df: Counter[str] = Counter()
        for d in self.docs:
            df.update(d.keys())
        n = max(len(seeds), 1)
        self.idf = {w: math.log(1 + n / c) for w, c in df.items()}
        self.postings: dict[str, list[int]] = {}
        for i, d in enumerate(self.docs):
            for w in d:
                self.postings.setdefault(w, []).append(i)

    def search(self, query: str, keep: Any, rows: int, author: str = "") -> list[tuple[float, Seed]]:
        q = set(_words(query))
        fam = set(_words(author))
        scores: dict[int, float] = {}
        common = max(50, len(self.seeds) // 10)  # stop words: in more than a tenth of the works
        for w in q | fam:
            hits = self.postings.get(w, ())
            if len(hits) > common and w not in fam:
                continue
            for i in hits:
                scores[i] = scores.get(i, 0.0) + self.idf.get(w, 0.0) * (2.0 if w in fam else 1.0)
        # highest first, ties in first-seen order (as Counter.most_common ranks them)
        best = sorted(scores.items(), key=lambda kv: -kv[1])
        ranked = [(sc, self.seeds[i]) for i, sc in best if keep(self.seeds[i])]
        return ranked[:rows]


class Lookalike:
    """The four services; ``url(service)`` is its base URL (``http://127.0.0.1:PORT``)."""

    def __init__(self, seeds: list[Seed], *, latency: float = 0.0, limit: int = 0,
                 interval: float = 1.0, concurrency: int = 0, odd_lists: Any = None) -> None:
        self.seeds = {s.doi.lower(): s for s in seeds}
        # served where a search answer's list of works belongs (``items``, ``data``,
        # ``results``), as a misbehaving registry might: a number, ``true``, an object
        self.odd_lists = odd_lists
        self.latency = latency
        self.limit = limit  # requests per interval per service; 0: no limit
        self.interval = interval
        self.concurrency = concurrency  # announced in X-Concurrency-Limit; more in flight get 429
        self.requests: Counter[str] = Counter()
        self.paths: Counter[str] = Counter()
        self.throttled: Counter[str] = Counter()
        self.inflight: Counter[str] = Counter()
        self.max_inflight: Counter[str] = Counter()
        self.agents: set[str] = set()
        self.queries: list[tuple[str, dict[str, str]]] = []
        self._starts: dict[str, deque[float]] = {s: deque() for s in SERVICES}
        self.ports: dict[str, int] = {}
        self._index_all = _Index(list(self.seeds.values()))
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._runners: list[web.AppRunner] = []

    # ---------------------------------------------------------------- lifecycle
    def url(self, service: str) -> str:
        base = f"http://127.0.0.1:{self.ports[service]}"
        return base + "/api/handles" if service == "handle" else base

    def start(self) -> Lookalike:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("look-alike servers did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None:
            fut = asyncio.run_coroutine_threadsafe(self._cleanup(), self._loop)
            with contextlib.suppress(Exception):
                fut.result(5)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(5)

    def reset_counts(self) -> None:
        for c in (self.requests, self.paths, self.throttled, self.max_inflight):
            c.clear()
        self.queries.clear()
        self.agents.clear()

    async def _cleanup(self) -> None:
        for r in self._runners:
            await r.cleanup()

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._start_all())
        self._ready.set()
        self._loop.run_forever()

    async def _start_all(self) -> None:
        handlers = {"crossref": self._crossref, "datacite": self._datacite,
                    "openalex": self._openalex, "handle": self._handle}
        for name, handler in handlers.items():
            app = web.Application(middlewares=[self._middleware(name)])
            app.router.add_route("GET", "/{tail:.*}", handler)
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            self.ports[name] = sock.getsockname()[1]
            site = web.SockSite(runner, sock)
            await site.start()
            self._runners.append(runner)

    # ---------------------------------------------------------------- behaviour
    def _middleware(self, service: str) -> Any:
        @web.middleware
        async def mw(request: web.Request, handler: Any) -> web.StreamResponse:
            if request.path == "/__stats":  # for a look-alike run in another process (benchmarks)
                return web.json_response({"requests": self.requests[service],
                                          "throttled": self.throttled[service],
                                          "max_inflight": self.max_inflight[service]})
            self.requests[service] += 1
            self.paths[f"{service}:{request.path.split('/')[1] if '/' in request.path else ''}"] += 1
            self.agents.add(request.headers.get("User-Agent", ""))
            self.queries.append((service, dict(request.query)))
            rl = {"X-Rate-Limit-Limit": str(self.limit or 50), "X-Rate-Limit-Interval": f"{self.interval:g}s"}
            if self.concurrency:
                rl["X-Concurrency-Limit"] = str(self.concurrency)
                if self.inflight[service] >= self.concurrency:
                    self.throttled[service] += 1
                    return web.Response(status=429, text="Too many concurrent requests",
                                        headers={**rl, "Retry-After": "1"})
            if self.limit:
                now = time.monotonic()
                starts = self._starts[service]
                while starts and now - starts[0] >= self.interval:
                    starts.popleft()
                if len(starts) >= self.limit:
                    self.throttled[service] += 1
                    wait = max(1, math.ceil(self.interval - (now - starts[0])))
                    return web.Response(status=429, text="Rate limit exceeded",
                                        headers={**rl, "Retry-After": str(wait)})
                starts.append(now)
            self.inflight[service] += 1
            self.max_inflight[service] = max(self.max_inflight[service], self.inflight[service])
            try:
                if self.latency:
                    await asyncio.sleep(self.latency)
                resp = await handler(request)
            finally:
                self.inflight[service] -= 1
            resp.headers.update(rl)
            return resp
        return mw

    def _list(self, works: list[dict[str, Any]]) -> Any:
        return works if self.odd_lists is None else self.odd_lists

    def _doi_from(self, request: web.Request, prefix: str) -> str:
        raw = request.raw_path.split("?", 1)[0]
        return unquote(raw[len(prefix):]).lower()

    async def _delay(self, s: Seed | None) -> None:
        if s is not None and s.delay:
            await asyncio.sleep(s.delay)

    async def _crossref(self, request: web.Request) -> web.StreamResponse:
        if request.path.startswith("/works/"):
            doi = self._doi_from(request, "/works/")
            s = self.seeds.get(doi)
            await self._delay(s)
            if s is None or s.agency != "crossref":
                return web.Response(status=404, text="Resource not found.")
            return web.json_response({"status": "ok", "message-type": "work", "message-version": "1.0.0",
                                      "message": crossref_work(s)})
        if request.path != "/works":
            return web.Response(status=404, text="Resource not found.")
        q = request.query
        rows = min(int(q.get("rows", "20") or 20), 1000)
        filters = dict(f.split(":", 1) for f in q.get("filter", "").split(",") if ":" in f)
        if "updates" in filters:
            target = filters["updates"].lower()
            items = [crossref_work(s) for s in self.seeds.values()
                     if s.agency == "crossref" and any(u.get("DOI", "").lower() == target for u in s.update_to)]
        else:
            lo = int(filters.get("from-pub-date", "0")[:4] or 0)
            hi = int(filters.get("until-pub-date", "9999")[:4] or 9999)

            def keep(s: Seed) -> bool:
                return s.agency == "crossref" and lo <= min(s.years) <= hi

            text = " ".join(q.get(k, "") for k in ("query.bibliographic", "query", "query.title"))
            hits = self._index_all.search(text, keep, rows, q.get("query.author", ""))
            items = [crossref_work(s, sc) for sc, s in hits]
        return web.json_response({"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                                  "message": {"facets": {}, "total-results": len(items),
                                              "items": self._list(items),
                                              "items-per-page": rows,
                                              "query": {"start-index": 0, "search-terms": q.get("query.bibliographic")}}})

    async def _datacite(self, request: web.Request) -> web.StreamResponse:
        if request.path.startswith("/dois/"):
            doi = self._doi_from(request, "/dois/")
            s = self.seeds.get(doi)
            await self._delay(s)
            if s is None or s.agency != "datacite":
                return web.json_response({"errors": [{"status": "404", "title": "The resource you are looking for doesn't exist."}]},
                                         status=404)
            return web.json_response({"data": datacite_resource(s)})
        if request.path != "/dois":
            return web.json_response({"errors": [{"status": "404"}]}, status=404)
        q = request.query
        size = int(q.get("page[size]", "25") or 25)
        published = q.get("published", "")
        lo, _, hi = published.partition("-")

        def keep(s: Seed) -> bool:
            if s.agency != "datacite":
                return False
            return not published or int(lo) <= s.year <= int(hi or lo)

        text = re.sub(r"\b(?:titles\.title|creators\.name|AND|OR)\b|[():]", " ", q.get("query", ""))
        hits = self._index_all.search(text, keep, size)
        data = [datacite_resource(s) for _, s in hits]
        return web.json_response({"data": self._list(data), "meta": {"total": len(data), "totalPages": 1, "page": 1},
                                  "links": {"self": str(request.url)}})

    async def _openalex(self, request: web.Request) -> web.StreamResponse:
        if request.path.startswith("/works/doi:"):
            doi = self._doi_from(request, "/works/doi:")
            s = self.seeds.get(doi)
            await self._delay(s)
            if s is None or not s.openalex:
                return web.json_response({"error": "Not Found", "message": "The requested URL was not found."},
                                         status=404)
            return web.json_response(openalex_work(s))
        if request.path != "/works":
            return web.json_response({"error": "Not Found"}, status=404)
        q = request.query
        per_page = int(q.get("per_page", q.get("per-page", "25")) or 25)
        lo, hi = 0, 9999
        for f in q.get("filter", "").split(","):
            if f.startswith("publication_year:"):
                a, _, b = f.split(":", 1)[1].partition("-")
                lo, hi = int(a), int(b or a)

        def keep(s: Seed) -> bool:
            return s.openalex and lo <= min(s.years) <= hi

        hits = self._index_all.search(q.get("search", ""), keep, per_page)
        results = [openalex_work(s) for _, s in hits]
        return web.json_response({"meta": {"count": len(results), "db_response_time_ms": 4, "page": 1,
                                           "per_page": per_page, "groups_count": None},
                                  "results": self._list(results), "group_by": []})

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        doi = self._doi_from(request, "/api/handles/")
        s = self.seeds.get(doi)
        if s is None:
            return web.json_response({"responseCode": 100, "handle": doi}, status=404)
        return web.json_response({"responseCode": 1, "handle": doi, "values": [
            {"index": 1, "type": "URL", "data": {"format": "string", "value": f"https://example.org/{doi}"},
             "ttl": 86400, "timestamp": "2020-01-01T00:00:00Z"}]})


def options_for(r: Lookalike, **kw: object) -> EnrichOptions:
    """Options pointing every service at the look-alikes; fast timeouts and back-offs.

    Here rather than in conftest.py: two conftest modules (tests/links, tests/enrich) share
    the module name, so ``from conftest import`` depends on collection order."""
    from citekeeper.enrich.runner import EnrichOptions
    from citekeeper.links.http import HttpSettings

    http = HttpSettings(allow_private=True, timeout=1.0, backoff=0.02, doi_api=r.url("handle"))
    base: dict[str, object] = dict(http=http, crossref_api=r.url("crossref"), datacite_api=r.url("datacite"),
                                   openalex_api=r.url("openalex"), rate=500.0)
    base.update(kw)
    return EnrichOptions(**base)

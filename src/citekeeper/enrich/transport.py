"""All of enrich's HTTP, in one adapter over ``citekeeper.links.fetch`` (the only
package that talks HTTP).

Why an adapter: ``links``' public ``Fetcher`` already has what a polite API client
needs -- the private-address guard, per-host in-flight limits and start gaps,
retries that honour ``Retry-After`` and shrink a host's concurrency after a 429,
bounded bodies -- and its SQLite cache has freshness per verdict.  Enrich uses only
their public names (``Fetcher.fetch_json``, ``Fetcher.gate``, ``Cache.load``/``store``),
so a change there is a change to this file alone.

What this layer adds:

* **Etiquette**: a ``mailto`` in the User-Agent and as a query parameter (Crossref's
  and OpenAlex's "polite pool").
* **Pacing**: ``rate`` request starts per second per service host (a start gap on
  the host's gate) until the service announces its budget in ``X-Rate-Limit-Limit`` /
  ``X-Rate-Limit-Interval`` (Crossref sends both on every answer); then the announced
  budget is the pace, or the cap when the user set a rate.  Pacing 5% under the budget instead of bursting into 429s is what keeps
  a run near the rate-limit floor (benchmarks/enrich: 0 × 429).  ``X-Concurrency-Limit``
  lowers the host's in-flight limit the same way.
* **Cache**: answers (200 with their JSON, 404 as "no such record") under
  ``api:<url>`` in the same cache file as ``check``; 200s stay fresh as long as a
  live link (7 days), 404s for a day.  Failures are never cached.
* **Offline**: a request that gets no HTTP answer is an ``Answer`` with
  ``status=None`` and the network error's kind; the runner turns a run in which a
  service never answered into one warning and no change.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from citekeeper.links import doi as doimod
from citekeeper.links.cache import Cache
from citekeeper.links.fetch import Fetcher, HttpSettings, NetError
from citekeeper.links.urls import host_key
from citekeeper.links.verdict import Result, Status

PACE_MARGIN = 1.05


@dataclass(frozen=True)
class Answer:
    """One API answer: HTTP status (None: no answer) and the parsed JSON."""

    url: str
    status: int | None
    data: Any = None
    error: str = ""  # the network error's kind when status is None
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.data is not None

    @property
    def missing(self) -> bool:
        """The service says it has no such record (404)."""
        return self.status == 404

    @property
    def failed(self) -> bool:
        """Neither a record nor a "no such record": offline, throttled or broken."""
        return not self.ok and not self.missing


def polite_agent(base: str, mailto: str) -> str:
    """The User-Agent with Crossref's etiquette: ``tool/version (...; mailto:...)``."""
    if not mailto:
        return base
    if base.endswith(")"):
        return base[:-1] + f"; mailto:{mailto})"
    return f"{base} (mailto:{mailto})"


def with_query(base: str, path: str, params: dict[str, str]) -> str:
    """``base`` + ``path`` + the query (``params`` without empty values)."""
    q = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return base.rstrip("/") + path + (f"?{q}" if q else "")


class Transport:
    """``async with Transport(...) as t: await t.get_json(url)``; see module docstring."""

    def __init__(self, http: HttpSettings, *, endpoints: list[str], mailto: str = "",
                 rate: float = 10.0, rate_is_cap: bool = True, cache_path: str | None = None,
                 freshness: dict[str, float] | None = None) -> None:
        hosts = frozenset((urlsplit(u).hostname or "").lower() for u in endpoints if u)
        self.http = dataclasses.replace(
            http, trusted_hosts=http.trusted_hosts | hosts,
            user_agent=polite_agent(http.user_agent, mailto))
        self.mailto = mailto
        self.rate = rate
        self.rate_is_cap = rate_is_cap
        self.endpoints = endpoints
        self.cache_path = cache_path
        self.freshness = freshness
        self.fetcher = Fetcher(self.http)
        self._rates: dict[str, float] = {}
        self.cache: Cache | None = None
        self.stats: dict[str, int] = {"requests": 0, "from_cache": 0, "no_answer": 0}
        self.no_answer: dict[str, str] = {}  # host -> last network error
        self.answered: set[str] = set()  # hosts that gave any HTTP answer

    async def __aenter__(self) -> Transport:
        await self.fetcher.__aenter__()
        if self.cache_path:
            self.cache = Cache(self.cache_path, self.freshness)
        for url in self.endpoints:
            if url:
                self._pace(url, self.rate)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.fetcher.__aexit__(*exc)
        if self.cache is not None:
            self.cache.close()

    def _pace(self, url: str, rate: float, faster: bool = False) -> None:
        """At most ``rate`` request starts per second to ``url``'s host, 5% under it:
        the network bunches arrivals, and one 429 costs the host a whole Retry-After
        (a second or more) -- far more than the 5%.  Slows down only, unless ``faster``."""
        key = host_key(url)
        if rate <= 0 or (rate >= self._rates.get(key, float("inf")) and not faster):
            return
        self._rates[key] = rate
        gate = self.fetcher.gate(key)
        gate.delay = max(PACE_MARGIN / rate, self.http.host_delay)

    def _learn_rate(self, url: str, headers: dict[str, str]) -> None:
        """Honour ``X-Rate-Limit-Limit: 50`` + ``X-Rate-Limit-Interval: 1s`` (Crossref)."""
        limit = headers.get("x-rate-limit-limit", "")
        interval = headers.get("x-rate-limit-interval", "").strip().rstrip("s")
        try:
            n, secs = float(limit), float(interval or 1)
        except ValueError:
            return
        if n > 0 and secs > 0:
            # The announced budget is the service's own word: with no --rate/rate set,
            # it is the pace (faster or slower than the default); a set rate is a cap.
            announced = n / secs
            if self.rate_is_cap:
                self._pace(url, announced)
            elif announced != self._rates.get(host_key(url)):
                self._pace(url, announced, faster=True)

    def _learn_concurrency(self, url: str, headers: dict[str, str]) -> None:
        """Honour ``X-Concurrency-Limit`` (Crossref): at most that many requests in flight."""
        try:
            n = int(headers.get("x-concurrency-limit", ""))
        except ValueError:
            return
        gate = self.fetcher.gate(host_key(url))
        while n >= 1 and gate.limit > n:
            gate.throttle(None, shrink=True)  # one permit less each time, as after a 429

    def polite(self, params: dict[str, str]) -> dict[str, str]:
        """``params`` plus ``mailto`` (the polite pools of Crossref and OpenAlex)."""
        return {**params, "mailto": self.mailto} if self.mailto else params

    async def get_json(self, url: str) -> Answer:
        """GET ``url`` as JSON, from the cache when fresh."""
        key = f"api:{url}"
        if self.cache is not None:
            fresh, _ = self.cache.load([key])
            hit = fresh.get(key)
            if hit is not None:
                self.stats["from_cache"] += 1
                code = hit.http_status or (200 if hit.status is Status.OK else 404)
                return Answer(url, code, hit.details.get("body"), from_cache=True)
        self.stats["requests"] += 1
        try:
            resp, data = await self.fetcher.fetch_json(url, max_bytes=8 << 20)
        except NetError as err:
            self.stats["no_answer"] += 1
            self.no_answer[host_key(url)] = f"{err.kind}: {err.message}"
            return Answer(url, None, error=err.kind)
        self.answered.add(host_key(url))
        self._learn_rate(url, resp.headers)
        self._learn_concurrency(url, resp.headers)
        answer = Answer(url, resp.status, data)
        if self.cache is not None and (answer.ok or answer.missing):
            st = Status.OK if answer.ok else Status.BROKEN
            self.cache.store([(key, Result("api", url, st, f"HTTP {resp.status}", resp.status,
                                           checked_at=time.time(),
                                           details={"body": data} if answer.ok else {}))])
        return answer

    async def doi_registered(self, doi: str) -> bool | None:
        """Ask the DOI handle API (check's ``doi-api``): True, False, or None (no answer).

        ``responseCode`` 1 is a registered handle, 100 none (see ``links.doi``)."""
        a = await self.get_json(doimod.handle_url(self.http.doi_api, doi))
        code = a.data.get("responseCode") if isinstance(a.data, dict) else None
        if code in (1, 200):
            return True
        if code == 100 or (a.status == 404 and code is None):
            return False
        return None

    def offline_hosts(self) -> dict[str, str]:
        """Hosts that never answered, with their last network error."""
        return {h: e for h, e in self.no_answer.items() if h not in self.answered}

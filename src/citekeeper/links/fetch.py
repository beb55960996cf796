"""The public fetch API: one polite, guarded HTTP request, answered as a value.

Every part of citekeeper that talks HTTP goes through this (the link checker, the
archive pass, ``enrich``'s Crossref/DataCite/OpenAlex look-ups), so every request
gets the same guarantees:

* **the guard** (``safety``): private, loopback, link-local and special-use
  addresses are refused in every spelling, on the first request and on every
  redirect hop, unless ``allow_private`` or the host is in ``trusted_hosts``;
* **per-host limits** (``limits``): ``per_host`` requests in flight per
  ``host:port`` (``host_limits`` overrides), starts ``host_delay`` apart, a 429
  shrinks the host's limit and its ``Retry-After`` pauses the host; ``max_connections``
  overall, never more sockets than the descriptor budget;
* **retries** (``retry``): 408/429/5xx with back-off honouring ``Retry-After``; a
  timeout or dropped connection once;
* **a bounded body**: at most ``max_bytes`` (inflated) bytes are kept.

Stable API (other packages rely on it; extend, do not change)::

    from citekeeper.links.fetch import Fetcher, HttpSettings, NetError

    async with Fetcher(HttpSettings(user_agent="citekeeper/1 (mailto:me@example.org)")) as f:
        r = await f.fetch("https://api.crossref.org/works/10.1000/x",
                          headers={"Accept": "application/json"}, max_bytes=1 << 20)
        r.status, r.headers["content-type"], r.body, r.url, r.attempts
        data = r.json()                      # None when the body is not JSON
        r, data = await f.fetch_json(url)    # the same in one call

``fetch(url, *, method="GET", headers=None, max_bytes=None, timeout=None,
follow_redirects=False)`` returns a ``Response`` (``url``: the URL that answered,
after redirects when followed; ``redirects``: the ``(status, url)`` hops) for any
HTTP answer, 404 and 500 included, and raises ``NetError`` (``.kind``, ``.message``)
only when there was no usable answer: timeout, DNS, refused, private address ...
``fetch`` never raises for a status code and never logs.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

from citekeeper.links.limits import HostLimits, fd_budget
from citekeeper.links.options import USER_AGENT, HttpSettings
from citekeeper.links.retry import RETRY_CODES, RetryPolicy, parse_retry_after
from citekeeper.links.transport import NetError, Response, Transport
from citekeeper.links.urls import Endpoint, endpoint, join

__all__ = ["REDIRECT_CODES", "USER_AGENT", "Fetcher", "HttpSettings", "NetError", "Response"]

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
# Open sockets wanted, busy and idle: 200 hosts x 4 per host kept alive is 800; with
# 512 sockets for 800 wanted, 46,000 of 50,000 requests had to open a new connection.
SOCKETS = 4096


class Fetcher:
    """Guarded, polite HTTP requests over one pool; use as ``async with Fetcher(settings)``."""

    def __init__(self, settings: HttpSettings, shared: Any = None) -> None:
        self.s = settings
        self.shared = shared  # per-host counts across checking processes (``shard``)
        self.retry = RetryPolicy(settings.retries, settings.backoff, settings.max_retry_after)
        self.stats: Counter[str] = Counter()
        self.limits: HostLimits | None = None
        self.transport: Transport | None = None

    async def __aenter__(self) -> Fetcher:
        s = self.s
        # Sockets: as many as the descriptors allow (idle keep-alive ones included),
        # at most SOCKETS; requests in flight: max_connections within that.
        budget = fd_budget(SOCKETS)
        self.stats["fd_budget"] = budget
        self.limits = HostLimits(s.per_host, s.host_limits, s.host_delay, min(s.max_connections, budget),
                                 self.shared)
        self.transport = Transport(
            user_agent=s.user_agent, connect_timeout=s.connect_timeout or s.timeout,
            read_timeout=s.read_timeout or s.timeout, max_open=budget,
            allow_private=s.allow_private, trusted=frozenset(h.lower() for h in s.trusted_hosts))
        await self.transport.__aenter__()
        self.transport.stats = self.stats  # one set of counters
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.transport is not None:
            await self.transport.close()

    def gate(self, key: str) -> Any:
        assert self.limits is not None
        return self.limits.gate(key)

    async def once(self, method: str, url: str, ep: Endpoint, *, headers: dict[str, str] | None = None,
                   max_bytes: int | None = None, timeout: float | None = None) -> Response:
        """One request under the host gate and the global limit; no retries, no redirects."""
        assert self.limits is not None and self.transport is not None
        gate = self.limits.gate(ep.key)
        if not gate.try_acquire():
            await gate.acquire()
        try:
            total = self.limits.total
            if not total.try_take():
                await total.take()
            try:
                resp = await self.transport.request(
                    method, url, ep, headers=headers, max_bytes=max_bytes or self.s.body_bytes,
                    timeout=timeout or self.s.timeout)
            finally:
                self.limits.total.release()
            if resp.status == 429 or (resp.status == 503 and "retry-after" in resp.headers):
                after = parse_retry_after(resp.headers.get("retry-after"))
                # A Retry-After over the cap gives up on its own link (RetryPolicy) and must
                # not pause the host's other links for the cap: 30.1 s instead of 0.5 s.
                gate.throttle(after if after and after <= self.s.max_retry_after else None,
                              shrink=resp.status == 429)
            return resp
        finally:
            gate.release()

    async def request(self, method: str, url: str, *, headers: dict[str, str] | None = None,
                      max_bytes: int | None = None, timeout: float | None = None,
                      credentials: bool = True, ep: Endpoint | None = None) -> Response:
        """One request with the retry policy (``retry``), no redirects."""
        if ep is None:
            try:
                ep = endpoint(url)
            except ValueError as exc:
                raise NetError("invalid-url", f"invalid URL {url}: {exc}") from None
        if not credentials and ep.authorization:
            ep = Endpoint(ep.scheme, ep.host, ep.port, ep.target, ep.host_header)
        if self.s.host_headers:
            extra = self.s.host_headers.get(ep.host)
            if extra:
                headers = {**extra, **(headers or {})}
        attempt = 0
        net_retries = 0
        while True:
            try:
                resp = await self.once(method, url, ep, headers=headers, max_bytes=max_bytes, timeout=timeout)
            except NetError as err:
                wait = self.retry.after_error(err.kind, net_retries)
                if wait is None:
                    raise
                net_retries += 1
                attempt += 1
                self.stats["retries"] += 1
                await asyncio.sleep(wait)
                continue
            resp.attempts = attempt + 1
            if resp.status not in RETRY_CODES:  # nearly every answer: no policy call
                return resp
            wait, why = self.retry.after_status(attempt, resp.status, resp.headers.get("retry-after"))
            if wait is None:
                resp.note = why
                return resp
            attempt += 1
            self.stats["retries"] += 1
            await asyncio.sleep(wait)

    async def fetch(self, url: str, *, method: str = "GET", headers: dict[str, str] | None = None,
                    max_bytes: int | None = None, timeout: float | None = None,
                    follow_redirects: bool = False) -> Response:
        """See the module docstring: the stable entry point."""
        resp = await self.request(method, url, headers=headers, max_bytes=max_bytes, timeout=timeout)
        if not follow_redirects:
            return resp
        chain: list[tuple[int, str]] = []
        seen = {url}
        origin = endpoint(url).key
        while resp.status in REDIRECT_CODES and resp.headers.get("location"):
            try:
                nxt = join(resp.url, resp.headers["location"])
            except ValueError:
                raise NetError("protocol", f"invalid redirect Location {resp.headers['location']!r}") from None
            chain.append((resp.status, resp.url))
            if nxt in seen:
                raise NetError("protocol", f"redirect loop after {len(chain)} redirects")
            if len(chain) > self.s.max_redirects:
                raise NetError("protocol", f"too many redirects (more than {self.s.max_redirects})")
            seen.add(nxt)
            m = "GET" if resp.status == 303 or (resp.status in (301, 302) and method == "POST") else method
            resp = await self.request(m, nxt, headers=headers, max_bytes=max_bytes, timeout=timeout,
                                      credentials=_same_origin(nxt, origin))
        resp.redirects = chain
        return resp

    async def fetch_json(self, url: str, *, headers: dict[str, str] | None = None,
                         max_bytes: int = 4 << 20, timeout: float | None = None,
                         follow_redirects: bool = False) -> tuple[Response, Any]:
        """``fetch`` with ``Accept: application/json``; ``(response, parsed body or None)``."""
        h = {"Accept": "application/json", **(headers or {})}
        resp = await self.fetch(url, headers=h, max_bytes=max_bytes, timeout=timeout,
                                follow_redirects=follow_redirects)
        return resp, resp.json()


def _same_origin(url: str, key: str) -> bool:
    try:
        return endpoint(url).key == key
    except ValueError:
        return False

"""The link checker: follows a URL's redirects hop by hop and judges where it ends;
asks the DOI handle API about DOIs.  Everything it sends goes through
``fetch.Fetcher`` (guard, per-host limits, retries, bounded bodies).

Why it is built this way:

* **Redirects by hand** (at most ``max_redirects``): every hop passes the guard and
  its host's gate, loops are seen, the chain is kept to tell a permanent move
  (suggest the new URL) from a deep link sent to a generic page (a soft 404, see
  ``judge``).
* **GET with a bounded body** is the default for pages: the status and the first
  64 KB (what soft-404 detection needs) in one request.  URLs that name files
  (``.pdf`` ...) get HEAD first; HEAD answers that are refused or unreliable (any
  4xx/5xx but 429/503) are confirmed with GET.  ``method="head"`` uses HEAD first
  everywhere.
* **Workers per host**, started as targets arrive (``check_feed``): reading a large
  file and checking its first links overlap.
* **Outcomes are values** (``verdict.Result``); a network that is not there
  (``transport.NET_OFFLINE``) gives ``transient`` marked ``details["offline"]``,
  never ``broken``.  URLs in results are redacted (``urls.redact_text``).
"""

from __future__ import annotations

import asyncio
import importlib
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

from citekeeper.links import doi as doimod
from citekeeper.links.fetch import REDIRECT_CODES, Fetcher, HttpSettings
from citekeeper.links.options import first_hop
from citekeeper.links.retry import RETRY_CODES
from citekeeper.links.safety import refuse_reason
from citekeeper.links.schedule import Pool, Ring
from citekeeper.links.transport import NET_BROKEN, NET_OFFLINE, NetError, Response
from citekeeper.links.urls import Endpoint, endpoint, host_key, join, redact_text
from citekeeper.links.verdict import Result, Status, Target

PERMANENT_CODES = frozenset({301, 308})
BLOCKED_CODES = frozenset({401, 403, 407, 451, 999})
GONE_CODES = frozenset({404, 410})
FILE_SUFFIXES = (
    ".pdf", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".7z", ".rar", ".csv", ".tsv",
    ".xls", ".xlsx", ".doc", ".docx", ".ppt", ".pptx", ".epub", ".mp3", ".mp4", ".avi",
    ".mov", ".mkv", ".iso", ".dmg", ".exe", ".jpg", ".jpeg", ".png", ".gif", ".tif",
    ".tiff", ".svg", ".ps", ".djvu", ".nc", ".h5", ".hdf5", ".parquet", ".json", ".xml",
)
REFUSAL_CACHE = 65536  # hosts whose guard answer is kept (``Checker._refusal``)
_LANDING_WORDS = {"home": "home page", "search": "search page", "login": "login page",
                  "error": "error page", "listing": "listing page"}


class Checker:
    """Checks targets over one ``Fetcher``; use as ``async with Checker(settings)``."""

    def __init__(self, settings: HttpSettings, shared: Any = None) -> None:
        self.s = settings
        self.fetcher = Fetcher(settings, shared)
        self.stats: Counter[str] = self.fetcher.stats
        self._refusals: dict[str, str | None] = {}  # host as written -> ``refuse_reason``

    async def __aenter__(self) -> Checker:
        await self.fetcher.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.fetcher.__aexit__(*exc)

    def when_sent(self, fn: Callable[..., object], *args: object) -> None:
        """``fn(*args)`` once the first requests are out (``Transport.when_sent``)."""
        transport = self.fetcher.transport
        assert transport is not None, "use the checker as `async with Checker(...)`"
        transport.when_sent(lambda: fn(*args))

    def gate(self, url: str, key: str | None = None) -> Any:
        return self.fetcher.gate(key or host_key(url))

    async def get_json(self, url: str, max_bytes: int = 4 << 20) -> tuple[int, Any]:
        """GET a JSON API: ``(status, parsed or None)``; raises NetError."""
        resp, data = await self.fetcher.fetch_json(url, max_bytes=max_bytes)
        return resp.status, data

    # ------------------------------------------------------------------ URL checks
    def _first_method(self, path: str) -> str:
        if self.s.method == "get":
            return "GET"
        if self.s.method == "head":
            return "HEAD"
        return "HEAD" if path.lower().endswith(FILE_SUFFIXES) else "GET"

    async def _hop(self, url: str, ep: Endpoint, credentials: bool) -> Response:
        """One hop: the first method, confirmed with GET when HEAD says little."""
        f = self.fetcher
        if not credentials and ep.authorization:
            ep = Endpoint(ep.scheme, ep.host, ep.port, ep.target, ep.host_header)
        method = self._first_method(ep.target.split("?", 1)[0])
        try:
            resp = await f.request(method, url, ep=ep)
        except NetError as err:
            if method != "HEAD" or err.kind not in ("closed", "reset", "protocol", "other"):
                raise
            self.stats["head_to_get"] += 1  # some servers hang up on HEAD
            return await f.request("GET", url, ep=ep)
        if method == "HEAD" and (
            (resp.status >= 400 and resp.status not in (429, 503))
            or (self.s.method == "auto" and resp.status < 300
                and resp.headers.get("content-type", "").startswith("text/html"))
        ):
            # HEAD refused or unreliable, or a file link now serves a page that may
            # say "not found": ask again with GET.
            self.stats["head_to_get"] += 1
            resp = await f.request("GET", url, ep=ep)
        return resp

    async def check_url(self, url: str, kind: str = "url") -> Result:
        """Follow ``url`` to its end and judge it."""
        r = await self._follow(url, kind)
        if isinstance(r, Result):
            return r
        return self._judge(kind, url, *r)

    async def _follow(self, url: str, kind: str) -> Result | tuple[Response, float, list[tuple[int, str]], str | None]:
        """Follow ``url`` to its end: a ``Result`` when no answer is left to judge
        (skipped, refused, a network error, a redirect gone wrong), else the last
        answer and what ``_judge`` needs with it."""
        s = self.s
        started = time.time()
        chain: list[tuple[int, str]] = []
        seen = {url}
        current = url
        leading_permanent = True
        suggestion: str | None = None
        origin = ""  # host:port of the first hop: credentials go only there
        while True:
            scheme = current.split(":", 1)[0].lower() if ":" in current else ""
            if scheme not in ("http", "https"):
                if not chain:
                    return self._result(kind, url, Status.SKIPPED,
                                        f"{scheme or 'no'} scheme: not checked", started)
                return self._result(kind, url, Status.BROKEN,
                                    f"redirects to a non-HTTP URL {current}", started, chain=chain)
            try:
                ep = endpoint(current)
            except ValueError:
                return self._result(kind, url, Status.BROKEN, f"invalid URL: {current}", started,
                                    chain=chain)
            key = ep.key
            if not origin:
                origin = key
            why = self._refusal(ep.host)
            if why:
                if not chain:
                    return self._result(kind, url, Status.SKIPPED, why, started)
                return self._result(kind, url, Status.BLOCKED, f"redirect to {current}: {why}",
                                    started, chain=chain)
            try:
                resp = await self._hop(current, ep, credentials=key == origin)
            except NetError as err:
                return self._net_result(kind, url, err, started, chain)
            if resp.status in REDIRECT_CODES and resp.headers.get("location"):
                try:
                    nxt = join(current, resp.headers["location"])
                except ValueError:
                    return self._result(kind, url, Status.BROKEN,
                                        f"invalid redirect Location {resp.headers['location']!r}",
                                        started, resp.status, current, chain=chain)
                chain.append((resp.status, current))
                if leading_permanent and resp.status in PERMANENT_CODES:
                    suggestion = nxt
                else:
                    leading_permanent = False
                hops = len(chain)
                if nxt in seen:
                    return self._result(kind, url, Status.BROKEN,
                                        f"redirect loop after {hops} redirects ({current} -> {nxt})",
                                        started, resp.status, nxt, chain=chain)
                if hops > s.max_redirects:
                    return self._result(kind, url, Status.BROKEN,
                                        f"too many redirects (more than {s.max_redirects})",
                                        started, resp.status, nxt, chain=chain)
                seen.add(nxt)
                current = nxt
                continue
            return resp, started, chain, suggestion

    def _refusal(self, host: str) -> str | None:
        """``safety.refuse_reason`` for ``host``, once per host and run.

        Why: the guard's test is the same for every link of a host, and for a host
        name (not an IP literal) it took 15-16 us a call (``ipaddress`` raising twice
        on the way to "not an address", then the local-name test) -- a quarter of a
        checking shard's CPU per link, paid on every hop of every link.  A dict
        look-up is 0.05 us.  The answer depends on the host as written and the
        settings only, both fixed for this checker; the table is emptied at
        ``REFUSAL_CACHE`` hosts so a hostile input cannot grow it without end.
        """
        try:
            return self._refusals[host]
        except KeyError:
            pass
        s = self.s
        why = refuse_reason(host, s.allow_private, s.trusted_hosts)
        if len(self._refusals) >= REFUSAL_CACHE:
            self._refusals.clear()
        self._refusals[host] = why
        return why

    def _judge(self, kind: str, url: str, resp: Response, started: float,
               chain: list[tuple[int, str]], suggestion: str | None) -> Result:
        judge = _JUDGE[0] or _judge_module()  # imported while the first requests are out

        code = resp.status
        final = resp.url
        after = f" after {len(chain)} redirect{'s' if len(chain) != 1 else ''}" if chain else ""
        tries = f" after {resp.attempts} attempts" if resp.attempts > 1 else ""
        if 200 <= code < 300 or code in self.s.accept:
            if chain:
                landing = judge.generic_landing(url, final)
                if landing:
                    return self._result(kind, url, Status.BROKEN,
                                        f"soft 404: a deep link redirected to the site's "
                                        f"{_LANDING_WORDS[landing]} {final}",
                                        started, code, final, chain=chain)
            said = judge.soft_404_text(resp.body, resp.headers.get("content-type", "")) if code == 200 else None
            if said:
                return self._result(kind, url, Status.BROKEN,
                                    f"soft 404: HTTP 200 but the page says {said!r}",
                                    started, code, final, chain=chain)
            if suggestion and suggestion != url:
                return self._result(kind, url, Status.REDIRECTED,
                                    f"moved permanently (HTTP {chain[0][0]}); cite {suggestion}",
                                    started, code, final, suggestion=suggestion, chain=chain)
            return self._result(kind, url, Status.OK, f"HTTP {code}{after}{tries}",
                                started, code, final, chain=chain)
        if code in BLOCKED_CODES:
            return self._result(kind, url, Status.BLOCKED,
                                f"HTTP {code}{after}: the server refuses the checker",
                                started, code, final, chain=chain)
        if code in GONE_CODES:
            return self._result(kind, url, Status.BROKEN, f"HTTP {code}{after}",
                                started, code, final, chain=chain)
        if code in RETRY_CODES or 500 <= code <= 599:
            why = resp.note
            return self._result(kind, url, Status.TRANSIENT,
                                f"HTTP {code}{after}{tries}" + (f" ({why})" if why else ""),
                                started, code, final, chain=chain)
        if 300 <= code < 400:
            return self._result(kind, url, Status.BROKEN, f"HTTP {code} without a Location",
                                started, code, final, chain=chain)
        return self._result(kind, url, Status.BROKEN, f"HTTP {code}{after}",
                            started, code, final, chain=chain)

    def _net_result(self, kind: str, url: str, err: NetError, started: float,
                    chain: list[tuple[int, str]]) -> Result:
        where = f" (after {len(chain)} redirects)" if chain else ""
        details: dict[str, Any] = {"net": err.kind}
        if err.kind == "private":
            status = Status.SKIPPED if not chain else Status.BLOCKED
        elif err.kind in NET_OFFLINE:
            status = Status.TRANSIENT
            details["offline"] = True
        elif err.kind in NET_BROKEN:
            status = Status.BROKEN
        else:
            status = Status.TRANSIENT
        res = self._result(kind, url, status, err.message + where, started, chain=chain)
        res.details.update(details)
        return res

    def _result(self, kind: str, url: str, status: Status, reason: str, started: float,
                http_status: int | None = None, final_url: str | None = None,
                suggestion: str | None = None, chain: list[tuple[int, str]] | None = None) -> Result:
        now = time.time()  # one clock read for both: checked when it was judged
        details: dict[str, Any] = {"elapsed_s": round(now - started, 3)}
        if chain:
            details["chain"] = [[c, redact_text(u)] for c, u in chain]
        if "@" in url or (final_url and "@" in final_url) or "@" in reason:
            url, reason = redact_text(url), redact_text(reason)
            final_url = redact_text(final_url) if final_url else final_url
            suggestion = redact_text(suggestion) if suggestion else suggestion
        # Positional: a frozen dataclass's __init__ by keyword took 2.5 us, 1.5 us so (once
        # per link in every shard).
        return Result(kind, url, status, reason, http_status, final_url, suggestion,
                      len(chain) if chain else 0, now, False, 0, details)

    # ------------------------------------------------------------------ DOI checks
    async def check_doi(self, doi: str, follow: bool | None = None) -> Result:
        """Ask the handle API; with ``follow`` (default: the setting) also check the landing page."""
        follow = self.s.follow_doi if follow is None else follow
        started = time.time()
        api_url = doimod.handle_url(self.s.doi_api, doi)
        try:
            status, data = await self.get_json(api_url, max_bytes=1 << 20)
        except NetError as err:
            res = self._result("doi", doi, Status.TRANSIENT, f"DOI API unreachable: {err.message}", started)
            res.details["net"] = err.kind
            if err.kind in NET_OFFLINE:
                res.details["offline"] = True
            return res
        code = data.get("responseCode") if isinstance(data, dict) else None
        if code == 100 or (status == 404 and code is None):
            return self._result("doi", doi, Status.BROKEN,
                                "DOI not registered (handle API: responseCode 100)", started, status)
        if code not in (1, 200):
            return self._result("doi", doi, Status.TRANSIENT,
                                f"DOI API answered HTTP {status}"
                                + (f", responseCode {code}" if code is not None else ""),
                                started, status)
        landing = doimod.landing_from_handle(data)
        if not (follow and landing):
            return self._result("doi", doi, Status.OK, "registered", started, status, landing)
        page = await self.check_url(landing, kind="doi")
        if page.status is Status.BROKEN:
            st, why = Status.BROKEN, f"registered, but the landing page is dead: {page.reason}"
        elif page.status is Status.TRANSIENT:
            st, why = Status.TRANSIENT, f"registered; landing page: {page.reason}"
        elif page.status is Status.BLOCKED:
            st, why = Status.OK, f"registered; landing page refuses robots ({page.reason})"
        else:
            st, why = Status.OK, f"registered; landing page {page.reason}"
        res = self._result("doi", doi, st, why, started, page.http_status,
                           page.final_url or landing)
        res.details["landing"] = redact_text(landing)
        if page.details.get("chain"):
            res.details["chain"] = page.details["chain"]
        if page.details.get("offline"):
            res.details["offline"] = True
        return res

    # ------------------------------------------------------------------ many targets
    async def check(self, target: Target) -> Result:
        if target.kind == "doi":
            return await self.check_doi(target.target, target.follow)
        url = target.fetch_url or target.target
        return _as_cited(target, await self.check_url(url))

    def first_hop(self, t: Target) -> str:
        return first_hop(self.s, t)

    async def check_all(self, targets: Iterable[Target],
                        progress: Callable[[Target, Result], None] | None = None) -> dict[str, Result]:
        """Check every target (see ``check_feed``)."""

        async def one_batch() -> AsyncIterator[list[Target]]:
            yield list(targets)

        return await self.check_feed(one_batch(), progress)

    async def check_feed(self, feed: AsyncIterator[list[Target]],
                         progress: Callable[[Target, Result], None] | None = None) -> dict[str, Result]:
        """Check targets as they arrive in batches, results by ``Target.cache_key``.

        Targets queue per first-hop host and are taken round-robin over the hosts
        with room under their gate (``schedule``), by at most as many workers as the
        global limit, so reading the next batch overlaps with the requests of the
        previous ones and no request waits for a global slot.  ``progress`` is called with each
        result as it arrives (the runner stores it at once).

        A URL's last answer is judged (soft 404s, the result, ``progress``) in a callback
        after the requests that are ready to go out, not before its worker sends the
        host's next request: answers come in bursts (every host of the link farm
        answers after the same latency), and each request of a burst waited for every
        answer before it to be judged too.  Measured in benchmarks/linkcheck/README.md
        (fifth session).
        """
        results: dict[str, Result] = {}
        limits = self.fetcher.limits
        assert limits is not None
        ring: Ring[Target] = Ring(lambda key: limits.gate(key).limit)

        loop = asyncio.get_running_loop()
        judging = [0, False]  # answers waiting for ``judge_later``; stopped

        def record(t: Target, r: Result) -> None:
            results[t.cache_key] = r
            if progress is not None:
                progress(t, r)

        def judge_later(t: Target, url: str, landed: tuple[Any, ...]) -> None:
            judging[0] -= 1
            if judging[1]:
                return
            try:
                r = _as_cited(t, self._judge("url", url, *landed))
            except Exception as exc:  # a bug must not lose the other results
                r = _internal_error(t, exc)
            record(t, r)

        async def one(t: Target) -> None:
            try:
                if t.kind == "doi":
                    r = await self.check_doi(t.target, t.follow)
                else:
                    url = t.fetch_url or t.target
                    got = await self._follow(url, "url")
                    if not isinstance(got, Result):
                        # The answer is judged after the requests ready to go out
                        # (this worker's next one among them): see the docstring.
                        judging[0] += 1
                        loop.call_soon(judge_later, t, url, got)
                        return
                    r = _as_cited(t, got)
            except Exception as exc:  # a bug must not lose the other results
                r = _internal_error(t, exc)
            record(t, r)

        # As many workers as requests may be in flight overall: none waits on the limit.
        pool = Pool(ring, limits.total_limit, one)
        # The judge (4.5 ms to import) is imported while the first requests are out,
        # not before them nor on the first answer (``Transport.when_sent``).
        self.when_sent(importlib.import_module, "citekeeper.links.judge")
        try:
            async for batch in feed:
                for t in batch:
                    ring.add(host_key(self.first_hop(t)), t)
                pool.start()
                await asyncio.sleep(0)  # let the requests just queued start before reading on
            pool.end()
            await asyncio.gather(*pool.tasks)
            while judging[0]:
                await asyncio.sleep(0)
        except BaseException:
            # Reading failed or the run was interrupted: stop the checks under way cleanly.
            judging[1] = True
            for task in pool.tasks:
                task.cancel()
            await asyncio.gather(*pool.tasks, return_exceptions=True)
            raise
        return results



_JUDGE: list[Any] = [None]  # the judge module, once imported


def _judge_module() -> Any:
    """The judge, imported at first use (4.5 ms, off the first requests' path).

    A ``from citekeeper.links import judge`` inside ``_judge`` ran the import
    machinery's ``_handle_fromlist`` (Python code) for every answer."""
    from citekeeper.links import judge

    _JUDGE[0] = judge
    return judge


def _as_cited(target: Target, r: Result) -> Result:
    """``r`` under the target as cited (a DOI resolver URL is checked as ``fetch_url``)."""
    if target.fetch_url and r.target != target.target:
        return r.with_(target=target.target)
    return r


def _internal_error(t: Target, exc: Exception) -> Result:
    return Result(t.kind, t.target, Status.TRANSIENT, f"internal error: {type(exc).__name__}: {exc}",
                  checked_at=time.time())

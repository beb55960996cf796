"""The asynchronous checker: one HTTP exchange at a time per slot, redirects followed
by hand, verdicts with reasons.

Why it is built this way:

* **aiohttp**, one session for the whole run: connections are reused per host, and
  thousands of checks cost a few hundred coroutines, not threads.
* **Per-host gates** (in-flight limit, default 4, and an optional minimum gap between
  request starts) and a global limit, acquired per request (per redirect hop), host
  gate first, so one slow host never holds global slots other hosts could use, and a
  host is never sent more than its limit at once (a server that answers 429 beyond it
  never has to).  A host that answers 429 anyway gets one request less in flight, and
  its ``Retry-After`` pauses the whole host.
* **Workers per host**, started as targets arrive (``check_feed``): reading a large
  file and checking its first links overlap.
* **Redirects by hand** (at most 10): every hop passes the private-address check and
  its host's gate, loops are seen, the chain is kept to tell a permanent move (suggest
  the new URL) from a deep link sent to the home page (a soft 404).
* **GET with a bounded body** is the default for pages: the status and the first 64 KB
  (what soft-404 detection needs) in one request.  URLs that name files (``.pdf`` ...)
  get HEAD first; HEAD answers that are refused or unreliable (any 4xx/5xx but 429/503)
  are confirmed with GET.  ``method="head"`` uses HEAD first everywhere.
* **Bounded reads**: compressed bodies are inflated here with a length cap (the
  client's own decompression is off), so a gzip bomb costs 64 KB, and a 10 MB page
  is cut after 64 KB by closing that connection.
* **Retries** in one place (``_exchange``): 429, 500, 502, 503, 504 and 408 are
  retried with exponential back-off that honours ``Retry-After``; a timeout or a
  dropped connection is retried once.  The host slot is released while waiting.

Errors of aiohttp are translated at this boundary into ``NetError`` kinds; above it
only ``Result`` values exist.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import errno
import json
import random
import re
import socket
import ssl
import time
import zlib
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from yarl import URL

from citekeeper import __version__
from citekeeper.links import doi as doimod
from citekeeper.links.safety import PrivateAddressError, SafeResolver, refuse_reason
from citekeeper.links.verdict import Result, Status, Target

USER_AGENT = (
    f"citekeeper/{__version__} (bibliography link checker; +https://pypi.org/project/citekeeper/)"
)
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
PERMANENT_CODES = frozenset({301, 308})
RETRY_CODES = frozenset({408, 429, 500, 502, 503, 504})
BLOCKED_CODES = frozenset({401, 403, 407, 451, 999})
GONE_CODES = frozenset({404, 410})
FILE_SUFFIXES = (
    ".pdf", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".7z", ".rar", ".csv", ".tsv",
    ".xls", ".xlsx", ".doc", ".docx", ".ppt", ".pptx", ".epub", ".mp3", ".mp4", ".avi",
    ".mov", ".mkv", ".iso", ".dmg", ".exe", ".jpg", ".jpeg", ".png", ".gif", ".tif",
    ".tiff", ".svg", ".ps", ".djvu", ".nc", ".h5", ".hdf5", ".parquet", ".json", ".xml",
)
SOFT_404_TITLE = re.compile(
    r"\b(?:404|page\s+not\s+found|not\s+found|page\s+(?:does\s+not|doesn'?t)\s+exist"
    r"|(?:could|can\s*not|cannot)\s+be\s+found|no\s+longer\s+(?:available|exists)"
    r"|does\s*n[o']?t\s+exist|no\s+such\s+(?:page|file|article)|could\s*n[o']?t\s+find"
    r"|page\s+(?:is\s+)?(?:missing|unavailable|removed)|error\s+404"
    r"|seite\s+nicht\s+gefunden|page\s+introuvable|p[aá]gina\s+no\s+encontrada"
    r"|pagina\s+non\s+trovata|страница\s+не\s+найдена|не\s+найден[оа]?)\b",
    re.IGNORECASE,
)
# Phrases that, in a short page, mean the page is an error page.
SOFT_404_PHRASE = re.compile(
    r"\b(?:error\s*404|404\s*(?:error|not\s+found)|page\s+(?:was\s+)?not\s+found"
    r"|(?:could|can\s*not|cannot)\s+be\s+found|does\s*n[o']?t\s+exist|no\s+longer\s+(?:available|exists)"
    r"|страница\s+не\s+найдена|seite\s+nicht\s+gefunden|page\s+introuvable)\b",
    re.IGNORECASE,
)
_HINT = re.compile(rb"(?i)found|404|exist|available|\xd0\xbd\xd0\xb0\xd0\xb9\xd0\xb4\xd0\xb5\xd0\xbd|gefunden|introuvable")
_SCRIPTS = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_URLISH = re.compile(r"\S*(?:://|www\.)\S*|\S+/\S+")
ERROR_PAGE = re.compile(r"/(?:404|not[-_]?found|page[-_]?not[-_]?found|error(?:[-_]?404)?)(?:\.\w+)?/?(?:$|\?)"
                        r"|[?&](?:error|code|status)=404\b", re.IGNORECASE)
HOME_PATHS = frozenset({"", "/", "/index.html", "/index.htm", "/index.php", "/home", "/default.aspx"})
_LANG_HOME = re.compile(r"^/[a-z]{2}(?:[-_][a-z]{2})?/(?:index\.\w+)?$")  # /en/, /de-at/
LOGIN_PATH = re.compile(r"/(?:login|signin|sign-in|sign_in|auth|sso|cas/login|account/login)\b", re.I)


@dataclass
class HttpSettings:
    """Everything the checker needs to know; the CLI and config fill it in."""

    timeout: float = 3.0  # per attempt: connect + response headers
    connect_timeout: float | None = None  # default: timeout
    read_timeout: float | None = None  # longest silence while reading; default: timeout
    retries: int = 2
    backoff: float = 0.5  # first back-off; doubles each retry
    max_retry_after: float = 30.0  # a longer Retry-After gives up at once
    per_host: int = 4
    host_limits: dict[str, int] = field(default_factory=dict)  # "host" or "host:port" -> limit
    host_delay: float = 0.0  # minimum seconds between request starts to one host
    max_connections: int = 512
    max_redirects: int = 10
    body_bytes: int = 65536
    method: str = "auto"  # auto | get | head
    user_agent: str = USER_AGENT
    allow_private: bool = False
    trusted_hosts: frozenset[str] = frozenset()
    accept: frozenset[int] = frozenset()  # extra status codes that count as ok
    doi_api: str = doimod.DEFAULT_DOI_API
    follow_doi: bool = False  # default for check_doi(); the runner decides per target


class NetError(Exception):
    """A request that got no HTTP answer, translated from aiohttp at the boundary.

    ``kind``: timeout | connect-timeout | dns | refused | reset | closed | private |
    tls | invalid-url | protocol | other.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class Exchange:
    """One HTTP response: status, the headers we use, the first bytes of the body."""

    url: str
    method: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    attempts: int = 1


class HostGate:
    """At most ``limit`` requests in flight to one host, starts ``delay`` apart.

    A host that answers 429 gets one request less in flight for the rest of the run
    (never less than one), and its ``Retry-After`` pauses every request to that host,
    not just the one that was told: the host said it is overloaded.
    """

    def __init__(self, limit: int, delay: float) -> None:
        self.sem = asyncio.Semaphore(max(1, limit))
        self.limit = max(1, limit)
        self.delay = delay
        self._next = 0.0
        self._debt = 0  # permits to swallow on release after a throttle
        self._resume = 0.0  # loop time before which no request starts

    def throttle(self, retry_after: float | None, shrink: bool) -> None:
        if shrink and self.limit > 1:
            self.limit -= 1
            self._debt += 1
        if retry_after:
            loop = asyncio.get_running_loop()
            self._resume = max(self._resume, loop.time() + retry_after)

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        await self.sem.acquire()
        try:
            now = asyncio.get_running_loop().time()
            start = max(now, self._next, self._resume)
            self._next = start + self.delay
            if start > now:
                await asyncio.sleep(start - now)
            yield
        finally:
            if self._debt:
                self._debt -= 1
            else:
                self.sem.release()


def host_key(url: str) -> str:
    """``host:port`` of a URL, the unit of politeness."""
    try:
        p = urlsplit(url)
        port = p.port or (443 if p.scheme == "https" else 80)
        return f"{(p.hostname or '').lower()}:{port}"
    except ValueError:
        return "?"


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or an HTTP date)."""
    if not value:
        return None
    v = value.strip()
    if v.isdigit():
        return float(v)
    try:
        when = email.utils.parsedate_to_datetime(v)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _translate(exc: BaseException, url: str) -> NetError:
    """aiohttp's and the OS's errors as one ``NetError`` kind with a plain reason."""
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return NetError("connect-timeout", "connection timed out")
    if isinstance(exc, (asyncio.TimeoutError, aiohttp.ServerTimeoutError, TimeoutError)):
        return NetError("timeout", "timed out waiting for the response")
    if isinstance(exc, aiohttp.ClientConnectorError):
        os_err = exc.os_error
        if isinstance(os_err, PrivateAddressError):
            return NetError("private", str(os_err))
        if isinstance(exc, aiohttp.ClientConnectorDNSError) or isinstance(os_err, socket.gaierror):
            return NetError("dns", f"DNS: cannot resolve {exc.host}")
        if isinstance(exc, (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError)):
            return NetError("tls", f"TLS error: {os_err}")
        if isinstance(os_err, ConnectionRefusedError) or getattr(os_err, "errno", None) == errno.ECONNREFUSED:
            return NetError("refused", "connection refused")
        if isinstance(os_err, (TimeoutError, asyncio.TimeoutError)):
            return NetError("connect-timeout", "connection timed out")
        return NetError("other", f"cannot connect: {os_err}")
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return NetError("closed", "server closed the connection without a response")
    if isinstance(exc, (aiohttp.ClientConnectionResetError, ConnectionResetError)):
        return NetError("reset", "connection reset by the server")
    if isinstance(exc, aiohttp.ClientOSError):
        if exc.errno == errno.ECONNRESET:
            return NetError("reset", "connection reset by the server")
        if exc.errno == errno.ECONNREFUSED:
            return NetError("refused", "connection refused")
        return NetError("other", f"network error: {exc}")
    if isinstance(exc, aiohttp.InvalidURL):
        return NetError("invalid-url", f"invalid URL: {url}")
    if isinstance(exc, ssl.SSLError):
        return NetError("tls", f"TLS error: {exc}")
    if isinstance(exc, (aiohttp.ClientResponseError, aiohttp.ClientPayloadError)):
        return NetError("protocol", f"invalid HTTP response: {exc}")
    if isinstance(exc, OSError):
        return NetError("other", f"network error: {exc}")
    return NetError("other", f"{type(exc).__name__}: {exc}")


# The response headers the checker looks at (the rest are not copied).
_KEPT_HEADERS = ("location", "content-type", "retry-after", "content-encoding", "memento-datetime")
BROKEN_NET = frozenset({"dns", "refused", "reset", "closed", "invalid-url", "protocol", "tls"})
RETRY_NET = frozenset({"timeout", "connect-timeout", "reset", "closed", "other"})


def page_title(body: bytes) -> str:
    """The <title> (else the first <h1>) of an HTML page's first bytes, as text."""
    for rx in (_TITLE, _H1):
        m = rx.search(body)
        if m:
            text = m.group(1).decode("utf-8", "replace")
            return " ".join(_TAGS.sub(" ", text).split())[:200]
    return ""


def soft_404_text(body: bytes) -> str | None:
    """The title or heading that says "not found" on a page served with 200, if any."""
    for rx in (_TITLE, _H1):
        m = rx.search(body)
        if m:
            text = " ".join(_TAGS.sub(" ", m.group(1).decode("utf-8", "replace")).split())
            if SOFT_404_TITLE.search(_URLISH.sub(" ", text)):  # "404" inside a URL says nothing
                return text[:120]
    # An error page under a site-wide title: little text, and that text says "not found".
    if len(body) < 8192 and _HINT.search(body):
        text = " ".join(_TAGS.sub(" ", _SCRIPTS.sub(" ", body.decode("utf-8", "replace"))).split())
        if len(text) < 600:
            m = SOFT_404_PHRASE.search(_URLISH.sub(" ", text))
            if m:
                return m.group(0)
    return None


def _path(url: str) -> str:
    try:
        return urlsplit(url).path or "/"
    except ValueError:
        return "/"


def sent_home(original: str, final: str) -> bool:
    """A deep link that ended on a site's home page: the page is gone (soft 404)."""
    try:
        o, f = urlsplit(original), urlsplit(final)
    except ValueError:
        return False
    if o.path.rstrip("/").lower() in {p.rstrip("/") for p in HOME_PATHS} and not o.query:
        return False
    fpath = f.path.lower()
    return (fpath in HOME_PATHS or bool(_LANG_HOME.match(fpath))) and not f.query


def _uncancel(task: asyncio.Task[Any]) -> None:
    """Forget a cancellation we handled ourselves (Python 3.11+ counts them)."""
    if getattr(task, "cancelling", None) and task.cancelling():
        task.uncancel()


def _raise_fd_limit(wanted: int) -> None:
    """Let the process open ``wanted`` sockets (macOS starts at 256, many Linux at 1024)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        new = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))


class Checker:
    """Checks targets over one aiohttp session; use as ``async with Checker(settings)``."""

    def __init__(self, settings: HttpSettings) -> None:
        self.s = settings
        self.gates: dict[str, HostGate] = {}
        self.stats: Counter[str] = Counter()
        self._session: aiohttp.ClientSession | None = None
        self._global: asyncio.Semaphore | None = None
        self._timeout = aiohttp.ClientTimeout(total=settings.timeout)
        self._deadlines: dict[asyncio.Task[Any], float] = {}
        self._expired: set[asyncio.Task[Any]] = set()
        self._watchdog: asyncio.Future[None] | None = None

    async def __aenter__(self) -> Checker:
        s = self.s
        _raise_fd_limit(s.max_connections + 128)
        connector = aiohttp.TCPConnector(
            limit=s.max_connections,
            limit_per_host=0,  # the host gates limit per host, per request
            ttl_dns_cache=300,
            resolver=SafeResolver(s.allow_private, s.trusted_hosts),
            keepalive_timeout=15,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,  # inflated here, with a cap (gzip bombs)
            headers={
                "User-Agent": s.user_agent,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                "Accept-Encoding": "gzip, deflate",
            },
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,
        )
        self._global = asyncio.Semaphore(s.max_connections)
        self._timeout = aiohttp.ClientTimeout(
            total=None, sock_connect=s.connect_timeout or s.timeout,
            sock_read=s.read_timeout or s.timeout)
        self._watchdog = asyncio.ensure_future(self._watch())
        return self

    async def _watch(self) -> None:
        """Cancel requests whose response headers are overdue (see ``_once``)."""
        loop = asyncio.get_running_loop()
        tick = min(0.1, self.s.timeout / 4)
        while True:
            await asyncio.sleep(tick)
            now = loop.time()
            for task, deadline in list(self._deadlines.items()):
                if now >= deadline and task not in self._expired:
                    self._expired.add(task)
                    task.cancel()

    async def __aexit__(self, *exc: object) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watchdog
        if self._session is not None:
            await self._session.close()

    # ------------------------------------------------------------------ plumbing
    def gate(self, url: str, key: str | None = None) -> HostGate:
        key = key or host_key(url)
        g = self.gates.get(key)
        if g is None:
            host = key.rsplit(":", 1)[0]
            limit = self.s.host_limits.get(key, self.s.host_limits.get(host, self.s.per_host))
            g = self.gates[key] = HostGate(limit, self.s.host_delay)
        return g

    async def _once(self, method: str, url: str, headers: dict[str, str] | None,
                    read_body: bool, max_bytes: int, timeout: float | None = None,
                    key: str | None = None) -> Exchange:
        """One request, no redirects, no retries, under the host gate and global limit."""
        assert self._session is not None and self._global is not None
        total = timeout or self.s.timeout
        tmo = self._timeout if timeout is None else aiohttp.ClientTimeout(
            total=None, sock_connect=self.s.connect_timeout or timeout,
            sock_read=self.s.read_timeout or timeout)
        gate = self.gate(url, key)
        async with gate.slot(), self._global:
            self.stats["requests"] += 1
            task = asyncio.current_task()
            assert task is not None
            deadline = asyncio.get_running_loop().time() + total
            # The total timeout until the response headers: one watchdog for all requests
            # instead of a timer per request (a tenth of the checker's CPU time).
            self._deadlines[task] = deadline
            try:
                resp = await self._session.request(
                    method, URL(url, encoded=True) if "%" in url else url,
                    allow_redirects=False, timeout=tmo, headers=headers,
                )
            except asyncio.CancelledError:
                if task not in self._expired:
                    raise
                self._expired.discard(task)
                _uncancel(task)
                self.stats["error_timeout"] += 1
                raise NetError("timeout", "timed out waiting for the response") from None
            except (aiohttp.ClientError, OSError, asyncio.TimeoutError, ValueError) as exc:
                err = _translate(exc, url)
                self.stats[f"error_{err.kind}"] += 1
                raise err from None
            finally:
                self._deadlines.pop(task, None)
                if task in self._expired:  # expired just as the answer came: not cancelled
                    self._expired.discard(task)
                    _uncancel(task)
            complete = False
            if resp.status == 429 or (resp.status == 503 and "Retry-After" in resp.headers):
                after = parse_retry_after(resp.headers.get("Retry-After"))
                gate.throttle(min(after, self.s.max_retry_after) if after else None,
                              shrink=resp.status == 429)
            try:
                self.stats[f"status_{resp.status}"] += 1
                rh = resp.headers
                hdrs = {k: rh[k] for k in _KEPT_HEADERS if k in rh}
                body = b""
                if read_body and method != "HEAD":
                    body, complete = await self._read_bounded(resp, max_bytes, deadline)
                return Exchange(url, method, resp.status, hdrs, body)
            finally:
                if method == "HEAD" or (complete and resp.content.at_eof()):
                    resp.release()
                else:
                    resp.close()  # unread body: drop the connection rather than drain it

    async def _read_bounded(self, resp: aiohttp.ClientResponse, max_bytes: int,
                            deadline: float) -> tuple[bytes, bool]:
        """At most ``max_bytes`` of (inflated) body; a slow or broken body, or the
        request's deadline (checked between chunks), ends the read."""
        loop = asyncio.get_running_loop()
        enc = resp.headers.get("Content-Encoding", "").strip().lower()
        inflater = None
        if enc in ("gzip", "x-gzip", "deflate"):
            inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)
        out = bytearray()
        raw = 0
        try:
            while len(out) < max_bytes and raw < 4 * max_bytes:
                chunk = await resp.content.readany()
                if not chunk:
                    return bytes(out), True
                if loop.time() > deadline:
                    break
                raw += len(chunk)
                if inflater is None:
                    out += chunk[: max_bytes - len(out)]
                    continue
                try:
                    out += inflater.decompress(chunk, max_bytes - len(out))
                except zlib.error:
                    return bytes(out), False
                if inflater.unconsumed_tail:
                    break
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError):
            pass  # the status is what matters; a slow or cut body keeps what arrived
        return bytes(out), False

    async def _exchange(self, method: str, url: str, *, read_body: bool = True,
                        max_bytes: int | None = None, headers: dict[str, str] | None = None,
                        timeout: float | None = None, key: str | None = None) -> Exchange:
        """One request with the retry policy (see module docstring)."""
        attempt = 0
        net_retried = False
        while True:
            try:
                ex = await self._once(method, url, headers, read_body,
                                      max_bytes or self.s.body_bytes, timeout, key)
            except NetError as err:
                if err.kind in RETRY_NET and not net_retried and self.s.retries > 0:
                    net_retried = True
                    attempt += 1
                    self.stats["retries"] += 1
                    await asyncio.sleep(self.s.backoff * random.uniform(0.5, 1.0))
                    continue
                raise
            ex.attempts = attempt + 1
            if ex.status not in RETRY_CODES or attempt >= self.s.retries:
                return ex
            wait = self.s.backoff * (2 ** attempt)
            after = parse_retry_after(ex.headers.get("retry-after"))
            if after is not None:
                if after > self.s.max_retry_after:
                    ex.headers["x-citekeeper-gave-up"] = f"Retry-After {after:.0f} s is over the cap"
                    return ex
                wait = max(wait, after)
            attempt += 1
            self.stats["retries"] += 1
            await asyncio.sleep(wait)

    async def get_json(self, url: str, max_bytes: int = 4 << 20) -> tuple[int, Any]:
        """GET a JSON API (DOI, Wayback): ``(status, parsed or None)``; raises NetError."""
        ex = await self._exchange("GET", url, max_bytes=max_bytes,
                                  headers={"Accept": "application/json"})
        try:
            return ex.status, json.loads(ex.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return ex.status, None

    # ------------------------------------------------------------------ URL checks
    def _first_method(self, path: str) -> str:
        if self.s.method == "get":
            return "GET"
        if self.s.method == "head":
            return "HEAD"
        return "HEAD" if path.lower().endswith(FILE_SUFFIXES) else "GET"

    async def check_url(self, url: str, kind: str = "url") -> Result:
        """Follow ``url`` to its end and judge it."""
        s = self.s
        started = time.time()
        chain: list[tuple[int, str]] = []
        seen = {url}
        current = url
        leading_permanent = True
        suggestion: str | None = None
        hops = 0
        while True:
            try:
                parts = urlsplit(current)
                host = parts.hostname or ""
                key = f"{host.lower()}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
            except ValueError:
                return self._result(kind, url, Status.BROKEN, f"invalid URL: {current}", started)
            if parts.scheme not in ("http", "https"):
                if not chain:
                    return self._result(kind, url, Status.SKIPPED,
                                        f"{parts.scheme or 'no'} scheme: not checked", started)
                return self._result(kind, url, Status.BROKEN,
                                    f"redirects to a non-HTTP URL {current}", started, chain=chain)
            why = refuse_reason(host, s.allow_private, s.trusted_hosts)
            if why:
                if not chain:
                    return self._result(kind, url, Status.SKIPPED, why, started)
                return self._result(kind, url, Status.BLOCKED, f"redirect to {current}: {why}",
                                    started, chain=chain)
            method = self._first_method(parts.path)
            try:
                ex = await self._exchange(method, current, key=key)
                if method == "HEAD" and (
                    (ex.status >= 400 and ex.status not in (429, 503))
                    or (s.method == "auto" and ex.status < 300
                        and ex.headers.get("content-type", "").startswith("text/html"))
                ):
                    # HEAD refused or unreliable, or a file link now serves a page that
                    # may say "not found": ask again with GET.
                    self.stats["head_to_get"] += 1
                    ex = await self._exchange("GET", current, key=key)
            except NetError as err:
                if method != "HEAD" or err.kind not in ("closed", "reset", "protocol", "other"):
                    return self._net_result(kind, url, err, started, chain)
                try:  # some servers hang up on HEAD: ask with GET before judging
                    self.stats["head_to_get"] += 1
                    ex = await self._exchange("GET", current, key=key)
                except NetError as err2:
                    return self._net_result(kind, url, err2, started, chain)
            if ex.status in REDIRECT_CODES and ex.headers.get("location"):
                try:
                    nxt = str(URL(current, encoded="%" in current).join(URL(ex.headers["location"])))
                except ValueError:
                    return self._result(kind, url, Status.BROKEN,
                                        f"invalid redirect Location {ex.headers['location']!r}",
                                        started, ex.status, current, chain=chain)
                chain.append((ex.status, current))
                if leading_permanent and ex.status in PERMANENT_CODES:
                    suggestion = nxt
                else:
                    leading_permanent = False
                hops += 1
                if nxt in seen:
                    return self._result(kind, url, Status.BROKEN,
                                        f"redirect loop after {hops} redirects ({current} -> {nxt})",
                                        started, ex.status, nxt, chain=chain)
                if hops > s.max_redirects:
                    return self._result(kind, url, Status.BROKEN,
                                        f"too many redirects (more than {s.max_redirects})",
                                        started, ex.status, nxt, chain=chain)
                seen.add(nxt)
                current = nxt
                continue
            return self._judge(kind, url, ex, started, chain, suggestion)

    def _judge(self, kind: str, url: str, ex: Exchange, started: float,
               chain: list[tuple[int, str]], suggestion: str | None) -> Result:
        code = ex.status
        final = ex.url
        after = f" after {len(chain)} redirect{'s' if len(chain) != 1 else ''}" if chain else ""
        tries = f" after {ex.attempts} attempts" if ex.attempts > 1 else ""
        if 200 <= code < 300 or code in self.s.accept:
            if chain and sent_home(url, final):
                return self._result(kind, url, Status.BROKEN,
                                    f"soft 404: redirected to the site's home page {final}",
                                    started, code, final, chain=chain)
            if chain and LOGIN_PATH.search(_path(final)) and not LOGIN_PATH.search(_path(url)):
                return self._result(kind, url, Status.BLOCKED,
                                    f"redirected to a login page {final}", started, code, final,
                                    chain=chain)
            if chain and ERROR_PAGE.search(final) and not ERROR_PAGE.search(url):
                return self._result(kind, url, Status.BROKEN,
                                    f"soft 404: redirected to an error page {final}",
                                    started, code, final, chain=chain)
            said = soft_404_text(ex.body) if code == 200 else None
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
        if code in RETRY_CODES or code >= 500:
            why = ex.headers.get("x-citekeeper-gave-up")
            return self._result(kind, url, Status.TRANSIENT,
                                f"HTTP {code}{after}{tries}" + (f" ({why})" if why else ""),
                                started, code, final, chain=chain)
        if code in REDIRECT_CODES or 300 <= code < 400:
            return self._result(kind, url, Status.BROKEN, f"HTTP {code} without a Location",
                                started, code, final, chain=chain)
        return self._result(kind, url, Status.BROKEN, f"HTTP {code}{after}",
                            started, code, final, chain=chain)

    def _net_result(self, kind: str, url: str, err: NetError, started: float,
                    chain: list[tuple[int, str]]) -> Result:
        where = f" (after {len(chain)} redirects)" if chain else ""
        if err.kind == "private":
            status = Status.SKIPPED if not chain else Status.BLOCKED
        elif err.kind in ("timeout", "connect-timeout"):
            status = Status.TRANSIENT
        elif err.kind in BROKEN_NET:
            status = Status.BROKEN
        else:
            status = Status.TRANSIENT
        return self._result(kind, url, status, err.message + where, started, chain=chain)

    def _result(self, kind: str, url: str, status: Status, reason: str, started: float,
                http_status: int | None = None, final_url: str | None = None,
                suggestion: str | None = None, chain: list[tuple[int, str]] | None = None) -> Result:
        details: dict[str, Any] = {"elapsed_s": round(time.time() - started, 3)}
        if chain:
            details["chain"] = [[c, u] for c, u in chain]
        return Result(kind=kind, target=url, status=status, reason=reason,
                      http_status=http_status, final_url=final_url, suggestion=suggestion,
                      redirects=len(chain or ()), checked_at=time.time(), details=details)

    # ------------------------------------------------------------------ DOI checks
    async def check_doi(self, doi: str, follow: bool | None = None) -> Result:
        """Ask the handle API; with ``follow`` (default: the setting) also check the landing page."""
        follow = self.s.follow_doi if follow is None else follow
        started = time.time()
        api_url = doimod.handle_url(self.s.doi_api, doi)
        try:
            status, data = await self.get_json(api_url, max_bytes=1 << 20)
        except NetError as err:
            return self._result("doi", doi, Status.TRANSIENT, f"DOI API unreachable: {err.message}",
                                started)
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
        res.details["landing"] = landing
        if page.details.get("chain"):
            res.details["chain"] = page.details["chain"]
        return res

    # ------------------------------------------------------------------ many targets
    async def check(self, target: Target) -> Result:
        if target.kind == "doi":
            return await self.check_doi(target.target, target.follow)
        return await self.check_url(target.target)

    async def check_all(self, targets: Iterable[Target],
                        progress: Callable[[Target, Result], None] | None = None) -> dict[str, Result]:
        """Check every target (see ``check_feed``)."""

        async def one_batch() -> AsyncIterator[list[Target]]:
            yield list(targets)

        return await self.check_feed(one_batch(), progress)

    async def check_feed(self, feed: AsyncIterator[list[Target]],
                         progress: Callable[[Target, Result], None] | None = None) -> dict[str, Result]:
        """Check targets as they arrive in batches, results by ``Target.cache_key``.

        Targets queue per first-hop host; each host gets as many workers as its gate
        allows, started when its queue has work, so reading the next batch overlaps
        with the requests of the previous ones.
        """
        queues: dict[str, deque[Target]] = {}
        alive: Counter[str] = Counter()
        tasks: list[asyncio.Task[None]] = []
        results: dict[str, Result] = {}

        async def worker(key: str) -> None:
            q = queues[key]
            try:
                while q:
                    t = q.popleft()
                    try:
                        r = await self.check(t)
                    except Exception as exc:  # a bug must not lose the other results
                        r = Result(t.kind, t.target, Status.TRANSIENT,
                                   f"internal error: {type(exc).__name__}: {exc}", checked_at=time.time())
                    results[t.cache_key] = r
                    if progress is not None:
                        progress(t, r)
            finally:
                alive[key] -= 1

        try:
            async for batch in feed:
                for t in batch:
                    first = doimod.handle_url(self.s.doi_api, t.target) if t.kind == "doi" else t.target
                    key = host_key(first)
                    q = queues.get(key)
                    if q is None:
                        q = queues[key] = deque()
                    q.append(t)
                    limit = self.gate(first, key).limit
                    while alive[key] < min(limit, len(q)):
                        alive[key] += 1
                        tasks.append(asyncio.ensure_future(worker(key)))
                await asyncio.sleep(0)  # let the requests just queued start before reading on
        except BaseException:
            # Reading failed (a missing second file ...): stop the checks under way cleanly.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        await asyncio.gather(*tasks)
        return results

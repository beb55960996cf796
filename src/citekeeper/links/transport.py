"""HTTP/1.1 over asyncio: one request on one pooled connection, nothing more.

Why its own client instead of aiohttp's: a link check is one small GET and the
first 64 KB of its answer.  aiohttp's request path (headers multidict, tracing,
cookie jar, timers, stream readers) cost about 120 µs of CPU per request, more than
everything else per link together (profile of 50,000 links, py-spy); this protocol
costs about 30 µs.  Owning the socket also gives what the checker needs and a
general client hides:

* **The guard sees what is connected to**: the URL is parsed once
  (``urls.endpoint``), its host normalised as the client connects to it, IP
  literals in every numeric form checked, names resolved here and only their public
  addresses connected to (``safety``).
* **Every socket is counted**: busy and idle keep-alive connections together never
  exceed the descriptor budget (``limits.fd_budget``); the oldest idle connection is
  closed to make room.
* **Bounded reads**: at most ``max_bytes`` of inflated body (gzip/deflate inflated
  here with a cap, so a gzip bomb costs 64 KB), headers at most 64 KB, and a body
  that is not read to its end closes its connection rather than draining it.
* **Honest failures**: errors become ``NetError`` kinds that tell a dead host
  (``dns``: the name does not exist; ``refused``: the host answered with a reset)
  from a missing network (``dns-unreachable``: no resolver answered;
  ``unreachable``: no route), see ``NET_BROKEN`` / ``NET_OFFLINE``.

Not done: HTTP/2, proxies (a checker must see the real answer), cookies.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import socket
import ssl
import time
import zlib
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Any

from citekeeper.errors import CitekeeperError
from citekeeper.links.safety import address_of, is_local_name, is_public
from citekeeper.links.urls import Endpoint

MAX_HEAD = 65536
TICK = 0.05  # timeout resolution
DNS_TTL = 300.0
# NetError kinds that mean "the host is dead" and those that mean "no network here".
NET_BROKEN = frozenset({"dns", "refused", "reset", "closed", "invalid-url", "protocol", "tls"})
NET_OFFLINE = frozenset({"dns-unreachable", "unreachable"})
_UNREACHABLE_ERRNOS = frozenset(
    getattr(errno, n) for n in ("ENETUNREACH", "EHOSTUNREACH", "ENETDOWN", "EHOSTDOWN",
                                "EADDRNOTAVAIL", "EAFNOSUPPORT") if hasattr(errno, n))
_NXDOMAIN = frozenset(getattr(socket, n) for n in ("EAI_NONAME", "EAI_NODATA", "EAI_ADDRFAMILY")
                      if hasattr(socket, n))


class NetError(CitekeeperError):
    """A request that got no (usable) HTTP answer.

    ``kind``: timeout | connect-timeout | dns | dns-unreachable | unreachable |
    refused | reset | closed | private | tls | invalid-url | protocol | other.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(slots=True)
class Response:
    """One HTTP answer: status, headers (names lower-cased), the first bytes of the body.

    ``url`` is the URL that gave this answer (after redirects when the caller followed
    them, see ``fetch.Fetcher``); ``redirects`` the ``(status, url)`` hops before it;
    ``truncated`` is true when the body was cut at ``max_bytes``.
    """

    url: str
    method: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    attempts: int = 1
    truncated: bool = False
    redirects: list[tuple[int, str]] = field(default_factory=list)
    note: str = ""  # why the retries stopped early, if they did

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)

    def text(self) -> str:
        """The body decoded by its declared charset (header, ``<meta>``), else UTF-8."""
        from citekeeper.links.judge import decode_page

        return decode_page(self.body, self.headers.get("content-type", ""))

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
        import json

        try:
            return json.loads(self.body.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None


_STATUS_KEYS = {n: f"status_{n}" for n in range(100, 600)}  # no f-string per answer

READ_CHUNK = 65536
# One receive buffer for every connection: the event loop fills it and hands it over
# (``buffer_updated``) one connection at a time.  asyncio's plain protocols receive
# into a new 256 KB bytes object per read, which the allocator maps, shrinks and
# unmaps: three system calls per answer (strace -c on a checking shard: 47 % of its
# system-call time went to mmap/mremap/munmap).
_RECV = memoryview(bytearray(READ_CHUNK))


class _Conn(asyncio.BufferedProtocol):
    """One socket; the request side waits on ``wait()`` for more bytes."""

    __slots__ = (
        "buf",
        "closed",
        "counted",
        "eof",
        "exc",
        "idle_since",
        "key",
        "loop",
        "timed_out",
        "transport",
        "waiter",
    )

    def __init__(self, loop: asyncio.AbstractEventLoop, key: str) -> None:
        self.loop = loop
        self.key = key
        self.transport: asyncio.Transport | None = None
        self.buf = bytearray()
        self.waiter: asyncio.Future[None] | None = None
        self.closed = False
        self.eof = False
        self.exc: BaseException | None = None
        self.idle_since = 0.0
        self.timed_out = False
        self.counted = True

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def get_buffer(self, sizehint: int) -> memoryview:
        return _RECV

    def buffer_updated(self, nbytes: int) -> None:
        self.buf += _RECV[:nbytes]
        self._wake()

    def data_received(self, data: bytes) -> None:  # what transports without buffers call
        self.buf += data
        self._wake()

    def eof_received(self) -> bool:
        self.eof = True
        self._wake()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.exc = exc
        self._wake()

    def _wake(self) -> None:
        w = self.waiter
        if w is not None and not w.done():
            w.set_result(None)

    def expire(self) -> None:
        self.timed_out = True
        self._wake()

    def wait(self) -> asyncio.Future[None]:
        """A future the next bytes, end or timeout complete; ``await conn.wait()``.
        A plain future, not a coroutine around one: a request waits at least once, and
        a spent waiter left behind is harmless (``_wake`` skips a done one)."""
        w = self.waiter = self.loop.create_future()
        return w

    def close(self) -> None:
        if self.transport is not None and not self.closed:
            self.transport.abort()
        self.closed = True


def _translate_connect(exc: BaseException, ep: Endpoint) -> NetError:
    if isinstance(exc, NetError):
        return exc
    if isinstance(exc, (asyncio.TimeoutError, TimeoutError)):
        return NetError("connect-timeout", "connection timed out")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return NetError("tls", f"TLS certificate not valid for {ep.host}: {exc.verify_message}")
    if isinstance(exc, ssl.SSLError):
        return NetError("tls", f"TLS error: {exc.reason or exc}")
    if isinstance(exc, ConnectionRefusedError):
        return NetError("refused", "connection refused")
    if isinstance(exc, ConnectionResetError):
        return NetError("reset", "connection reset by the server")
    if isinstance(exc, OSError):
        if exc.errno in _UNREACHABLE_ERRNOS:
            return NetError("unreachable", f"no route to {ep.host} ({exc.strerror or exc})")
        if exc.errno == errno.ECONNREFUSED:
            return NetError("refused", "connection refused")
        if exc.errno in (errno.EMFILE, errno.ENFILE):
            return NetError("other", "too many open files")
        return NetError("other", f"cannot connect: {exc.strerror or exc}")
    return NetError("other", f"{type(exc).__name__}: {exc}")


class Transport:
    """Pooled HTTP/1.1 connections with the guard, the descriptor budget and timeouts.

    ``request()`` sends one request (no redirects, no retries) and returns a
    ``Response`` or raises ``NetError``.  Use as ``async with Transport(...)``.
    """

    def __init__(self, *, user_agent: str, connect_timeout: float, read_timeout: float,
                 max_open: int, allow_private: bool = False, trusted: frozenset[str] = frozenset(),
                 keepalive: float = 15.0, accept: str = "text/html,application/xhtml+xml,*/*;q=0.8") -> None:
        self.allow_private = allow_private
        self.trusted = trusted
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_open = max(1, max_open)
        self.keepalive = keepalive
        self.stats: Counter[str] = Counter()
        self.open = 0
        self._common = (f"User-Agent: {user_agent}\r\nAccept: {accept}\r\n"
                        "Accept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n")
        self._ua = user_agent
        self._accept = accept
        self._idle: dict[str, list[_Conn]] = {}
        self._lru: OrderedDict[_Conn, None] = OrderedDict()
        self._room: list[asyncio.Future[None]] = []
        self._dns: dict[tuple[str, int], tuple[float, list[str] | NetError]] = {}
        self._dns_pending: dict[tuple[str, int], asyncio.Future[list[str]]] = {}
        self._ssl: ssl.SSLContext | None = None
        self._deadlines: dict[_Conn, float] = {}
        self._ticker: asyncio.Future[None] | None = None
        self._ticking = False  # the ticker runs (it stops when no request has a deadline)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._connecting = 0  # connections being opened (name look-up included)
        self._when_sent: list[Any] = []  # ``when_sent`` callbacks still to run

    def when_sent(self, fn: Any) -> None:
        """Run ``fn()`` once, soon after the first requests are written and no
        connection is being opened -- the moment the process only waits for answers.

        Why: what a run imports off its first request's path (the judge's patterns,
        yarl) took 12 ms of CPU in a checking shard; on timers they ran before its
        first connections were made (a shard's loop starts while its links are still
        coming), so every first request waited for them.  A run that never sends a
        request never runs ``fn`` (what it would have imported comes at first use).
        """
        self._when_sent.append(fn)

    async def __aenter__(self) -> Transport:
        self._loop = asyncio.get_running_loop()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._ticker is not None and not self._ticker.done():
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        for conns in self._idle.values():
            for c in conns:
                c.close()
        self._idle.clear()
        self._lru.clear()

    # ---------------------------------------------------------------- the guard
    def trusted_host(self, host: str) -> bool:
        return self.allow_private or host in self.trusted

    async def addresses(self, ep: Endpoint) -> list[str]:
        """The public addresses to connect to for ``ep`` (the guard); raises NetError."""
        ip = address_of(ep.host)
        if ip is not None:
            if not self.trusted_host(ep.host) and not is_public(ip):
                raise NetError("private", f"private address {ip} refused (use --allow-private to check it)")
            return [ip]
        if is_local_name(ep.host) and not self.trusted_host(ep.host):
            raise NetError("private", f"private host {ep.host} refused (use --allow-private to check it)")
        key = (ep.host, ep.port)
        hit = self._dns.get(key)
        loop = self._loop or asyncio.get_running_loop()
        if hit is not None and hit[0] > loop.time():
            found = hit[1]
        else:
            pending = self._dns_pending.get(key)
            if pending is None:
                pending = self._dns_pending[key] = loop.create_future()
                try:
                    found = await self._resolve(ep)
                except NetError as err:
                    found = err
                if not (isinstance(found, NetError) and found.kind == "dns-unreachable"):
                    self._dns[key] = (loop.time() + DNS_TTL, found)
                del self._dns_pending[key]
                if isinstance(found, NetError):
                    pending.set_exception(found)
                    pending.exception()  # retrieved: waiters get it by awaiting
                else:
                    pending.set_result(found)
            else:
                found = await asyncio.shield(pending)
        if isinstance(found, NetError):
            raise NetError(found.kind, str(found.message))
        if self.trusted_host(ep.host):
            return found
        public = [a for a in found if is_public(a)]
        if not public:
            raise NetError("private", f"{ep.host} resolves only to private addresses"
                           f" ({', '.join(sorted(set(found)))}); refused (use --allow-private to check it)")
        return public

    async def _resolve(self, ep: Endpoint) -> list[str]:
        loop = self._loop or asyncio.get_running_loop()
        self.stats["dns"] += 1
        try:
            infos = await loop.getaddrinfo(ep.host, ep.port, type=socket.SOCK_STREAM,
                                           proto=socket.IPPROTO_TCP)
        except socket.gaierror as exc:
            if exc.errno in _NXDOMAIN:
                raise NetError("dns", f"DNS: {ep.host} does not exist") from None
            raise NetError("dns-unreachable",
                           f"DNS: cannot resolve {ep.host} ({exc.strerror or exc}): no resolver answered") from None
        except (OSError, UnicodeError) as exc:
            raise NetError("dns-unreachable", f"DNS: cannot resolve {ep.host} ({exc})") from None
        out: list[str] = []
        for info in infos:
            a = str(info[4][0])
            if a not in out:
                out.append(a)
        if not out:
            raise NetError("dns", f"DNS: {ep.host} has no address")
        return out

    # ---------------------------------------------------------------- the pool
    def _take_idle(self, key: str) -> _Conn | None:
        conns = self._idle.get(key)
        if not conns:
            return None
        loop = self._loop or asyncio.get_running_loop()
        now = loop.time()
        while conns:
            c = conns.pop()
            self._lru.pop(c, None)
            if c.closed or c.eof or c.buf or now - c.idle_since > self.keepalive:
                self._drop(c)
                continue
            return c
        return None

    def _drop(self, c: _Conn) -> None:
        c.close()
        if c.counted:
            c.counted = False
            self.open -= 1
            while self._room:
                w = self._room.pop(0)
                if not w.done():
                    w.set_result(None)
                    break

    def _give_back(self, c: _Conn, reusable: bool) -> None:
        if not reusable or c.closed or c.eof or c.buf:
            self._drop(c)
            return
        loop = self._loop or asyncio.get_running_loop()
        c.idle_since = loop.time()
        self._idle.setdefault(c.key, []).append(c)
        self._lru[c] = None
        if self._room:  # someone waits for a socket: this idle one can make room
            self._evict_one()

    def _evict_one(self) -> bool:
        while self._lru:
            c, _ = self._lru.popitem(last=False)
            conns = self._idle.get(c.key)
            if conns and c in conns:
                conns.remove(c)
            self.stats["evicted"] += 1
            self._drop(c)
            return True
        return False

    async def _connect(self, ep: Endpoint, deadline: float) -> _Conn:
        self._connecting += 1
        try:
            return await self._open(ep, deadline)
        finally:
            self._connecting -= 1

    async def _open(self, ep: Endpoint, deadline: float) -> _Conn:
        addrs = await self.addresses(ep)
        loop = self._loop or asyncio.get_running_loop()
        while self.open >= self.max_open:
            if not self._evict_one():
                w = loop.create_future()
                self._room.append(w)
                await w
        self.open += 1
        err: NetError | None = None
        try:
            for addr in addrs[:3]:
                conn = _Conn(loop, ep.key)
                timeout = max(0.01, min(self.connect_timeout, deadline - loop.time()))
                try:
                    kw: dict[str, Any] = {}
                    if ep.tls:
                        if self._ssl is None:
                            self._ssl = ssl.create_default_context()
                        kw = {"ssl": self._ssl, "server_hostname": ep.host if address_of(ep.host) is None else None,
                              "ssl_handshake_timeout": timeout}
                    await asyncio.wait_for(
                        loop.create_connection(lambda c=conn: c, addr, ep.port, **kw), timeout)  # type: ignore[misc]
                    self.stats["connections"] += 1
                    return conn
                except (OSError, asyncio.TimeoutError, ssl.SSLError, ValueError) as exc:
                    conn.close()
                    err = _translate_connect(exc, ep)
                    if err.kind in ("tls", "refused") and len(addrs) == 1:
                        break
            raise err or NetError("other", "cannot connect")
        except BaseException:
            self.open -= 1
            while self._room:
                w = self._room.pop(0)
                if not w.done():
                    w.set_result(None)
                    break
            raise

    # ---------------------------------------------------------------- one request
    def _request_bytes(self, method: str, ep: Endpoint, headers: dict[str, str] | None) -> bytes:
        if not headers and not ep.authorization:
            return (f"{method} {ep.target} HTTP/1.1\r\nHost: {ep.host_header}\r\n{self._common}\r\n"
                    ).encode("latin-1")
        merged = {"user-agent": ("User-Agent", self._ua), "accept": ("Accept", self._accept),
                  "accept-encoding": ("Accept-Encoding", "gzip, deflate"),
                  "connection": ("Connection", "keep-alive")}
        if ep.authorization:
            merged["authorization"] = ("Authorization", ep.authorization)
        for k, v in (headers or {}).items():
            if "\r" in k or "\n" in k or "\r" in v or "\n" in v or ":" in k:
                raise NetError("invalid-url", f"invalid header {k!r}")
            merged[k.lower()] = (k, v)
        lines = "".join(f"{k}: {v}\r\n" for k, v in merged.values())
        return f"{method} {ep.target} HTTP/1.1\r\nHost: {ep.host_header}\r\n{lines}\r\n".encode("latin-1")

    async def request(self, method: str, url: str, ep: Endpoint, *, headers: dict[str, str] | None = None,
                      max_bytes: int = 65536, timeout: float = 3.0) -> Response:
        """One exchange; ``timeout`` bounds connecting plus the response headers, and
        the body is read while it keeps coming within ``read_timeout`` of silence and
        the same deadline."""
        loop = self._loop or asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            data = self._request_bytes(method, ep, headers)
        except UnicodeEncodeError:
            raise NetError("invalid-url", f"invalid URL: {url}") from None
        for fresh_try in (False, True):
            conn = None if fresh_try else self._take_idle(ep.key)
            reused = conn is not None
            if conn is None:
                conn = await self._connect(ep, deadline)
            self.stats["requests"] += 1
            try:
                return await self._exchange(conn, method, url, data, max_bytes, deadline)
            except NetError as err:
                self._drop(conn)
                # A kept-alive connection the server closed meanwhile: once more, on a new one.
                if reused and err.kind in ("closed", "reset") and not getattr(err, "got_bytes", False):
                    self.stats["stale"] += 1
                    continue
                self.stats[f"error_{err.kind}"] += 1
                raise
            except BaseException:
                self._drop(conn)
                raise
        raise NetError("closed", "server closed the connection without a response")  # pragma: no cover

    async def _exchange(self, conn: _Conn, method: str, url: str, data: bytes, max_bytes: int,
                        deadline: float) -> Response:
        loop = conn.loop
        assert conn.transport is not None
        conn.transport.write(data)
        if self._when_sent and not self._connecting:
            for fn in self._when_sent:
                loop.call_soon(fn)  # after the other requests ready to go out
            self._when_sent = []
        conn.timed_out = False
        self._deadlines[conn] = deadline  # ``_arm`` inline: once per request
        if not self._ticking:
            self._arm(conn, deadline)
        buf = conn.buf
        body = b""  # bound on every path out of the ``try`` (mypy cannot tell)
        try:
            # Response head (1xx interim answers skipped).  The waits are here, not in a
            # coroutine per step: most answers take one wait for the head, none for the body.
            while True:
                if not buf and not (conn.closed or conn.eof or conn.timed_out):
                    await conn.wait()  # nothing yet (a fresh request): wait before searching
                start = 0
                while (end := buf.find(b"\r\n\r\n", start)) < 0:
                    end = self._head_end(conn, start)
                    if end >= 0:
                        break
                    start = max(0, len(buf) - 3)
                    await conn.wait()
                else:
                    end += 4
                head = bytes(buf[:end])
                del buf[:end]
                status, version, hdrs = _parse_head(head)
                if 100 <= status < 200:
                    if status == 101:
                        raise NetError("protocol", "the server switched protocols (HTTP 101)")
                    continue
                break
            connection = hdrs.get("connection")
            if connection is None:
                keep = version != "HTTP/1.0"
            else:
                low = connection.lower()
                keep = not (low == "close" or (version == "HTTP/1.0" and "keep-alive" not in low))
            if method == "HEAD" or status in (204, 304):
                body, complete = b"", True
            else:
                # The body: until it is complete, the cap, or the deadline (at least a
                # moment after the head, so a body sent right behind it is not lost).
                now = loop.time()
                if now + 0.25 > deadline:
                    self._arm(conn, now + min(0.25, self.read_timeout))
                    conn.timed_out = False
                sized = _sized(hdrs, max_bytes)
                if sized is not None and len(buf) >= sized[0]:
                    body, complete = _take(conn, *sized)  # arrived with the head
                else:
                    body, complete = await self._body(conn, hdrs, max_bytes, deadline)
        finally:
            self._deadlines.pop(conn, None)
        encoding = hdrs.get("content-encoding")
        if encoding:
            body, cut = _inflate(body, encoding, max_bytes)
        else:
            cut = len(body) > max_bytes
            if cut:
                body = body[:max_bytes]
        self._give_back(conn, keep and complete and not buf)
        key = _STATUS_KEYS.get(status) or f"status_{status}"
        self.stats[key] += 1
        return Response(url, method, status, hdrs, body, 1, cut or not complete)

    def _arm(self, conn: _Conn, deadline: float) -> None:
        """Expire ``conn``'s request at ``deadline``: one ticker for every request
        instead of a timer each (timers were 4 % of the CPU on 50,000 links)."""
        self._deadlines[conn] = deadline
        if not self._ticking:
            self._ticking = True
            self._ticker = asyncio.ensure_future(self._tick())

    async def _tick(self) -> None:
        loop = self._loop or asyncio.get_running_loop()
        try:
            while self._deadlines:
                await asyncio.sleep(TICK)
                now = loop.time()
                for c, d in list(self._deadlines.items()):
                    if now >= d:
                        del self._deadlines[c]
                        c.expire()
        finally:
            self._ticking = False

    def _head_end(self, conn: _Conn, start: int) -> int:
        """Where the response head in ``conn.buf`` ends (``\\r\\n\\r\\n`` searched from
        ``start``), -1 while more bytes may come; NetError when none will."""
        buf = conn.buf
        i = buf.find(b"\r\n\r\n", start)
        if i >= 0:
            return i + 4
        j = buf.find(b"\n\n")
        if j >= 0:
            return j + 2
        if len(buf) > MAX_HEAD:
            raise NetError("protocol", "response headers larger than 64 KB")
        if conn.timed_out:
            raise NetError("timeout", "timed out waiting for the response")
        if conn.closed or conn.eof:
            err = NetError("reset", "connection reset by the server") \
                if isinstance(conn.exc, ConnectionResetError) else \
                NetError("closed", "server closed the connection without a response")
            err.got_bytes = bool(buf)  # type: ignore[attr-defined]
            raise err
        return -1

    async def _body(self, conn: _Conn, hdrs: dict[str, str], max_bytes: int,
                    deadline: float) -> tuple[bytes, bool]:
        """Raw body bytes (at most 4 × ``max_bytes`` when compressed) and whether the
        response ended there, so the connection can be reused."""
        limit = max_bytes * 4 if hdrs.get("content-encoding") else max_bytes
        te = hdrs.get("transfer-encoding", "").lower()
        if "chunked" in te:
            return await self._chunked(conn, limit)
        sized = _sized(hdrs, max_bytes)
        if sized is not None:
            want = sized[0]
            while len(conn.buf) < want and not (conn.closed or conn.eof or conn.timed_out):
                await conn.wait()
            return _take(conn, *sized)
        while len(conn.buf) < limit and not (conn.closed or conn.eof or conn.timed_out):
            await conn.wait()
        body = bytes(conn.buf[:limit])
        conn.buf.clear()
        return body, False  # read to the end of the connection: never reused

    async def _chunked(self, conn: _Conn, limit: int) -> tuple[bytes, bool]:
        out = bytearray()
        while True:
            i = conn.buf.find(b"\n")
            while i < 0:
                if conn.closed or conn.eof or conn.timed_out or len(conn.buf) > 4096:
                    return bytes(out), False
                await conn.wait()
                i = conn.buf.find(b"\n")
            line = bytes(conn.buf[:i]).split(b";", 1)[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                return bytes(out), False  # a broken chunk: keep what arrived
            del conn.buf[:i + 1]
            if size == 0:
                # Trailers end with an empty line.
                while True:
                    j = conn.buf.find(b"\r\n\r\n") if conn.buf[:2] != b"\r\n" else -2
                    if j == -2:
                        del conn.buf[:2]
                        return bytes(out), True
                    if j >= 0:
                        del conn.buf[:j + 4]
                        return bytes(out), True
                    if conn.closed or conn.eof or conn.timed_out or len(conn.buf) > MAX_HEAD:
                        return bytes(out), False
                    await conn.wait()
            while len(conn.buf) < size + 2 and len(out) + len(conn.buf) < limit:
                if conn.closed or conn.eof or conn.timed_out:
                    out += conn.buf[:size]
                    return bytes(out[:limit]), False
                await conn.wait()
            if len(conn.buf) < size + 2:
                out += conn.buf[:size]
                return bytes(out[:limit]), False
            out += conn.buf[:size]
            del conn.buf[:size + 2]
            if len(out) >= limit:
                return bytes(out[:limit]), False


def _sized(hdrs: dict[str, str], max_bytes: int) -> tuple[int, int] | None:
    """``(bytes to read, declared length)`` of a body framed by Content-Length (at most
    4 × ``max_bytes`` when compressed); None when it is chunked or read to the close."""
    if "chunked" in hdrs.get("transfer-encoding", "").lower():
        return None
    cl = hdrs.get("content-length")
    if cl is None:
        return None
    try:
        length = int(cl.split(",")[0].strip())
    except ValueError:
        raise NetError("protocol", f"invalid Content-Length {cl!r}") from None
    if length < 0:
        raise NetError("protocol", f"invalid Content-Length {cl!r}")
    limit = max_bytes * 4 if hdrs.get("content-encoding") else max_bytes
    return min(length, limit), length


def _take(conn: _Conn, want: int, length: int) -> tuple[bytes, bool]:
    """The first ``want`` bytes of the buffer as the body; complete when all ``length`` came.

    A body that is the whole buffer (nearly every one) is copied once: a slice of a
    bytearray is a copy of its own before ``bytes`` copies it again (timed with a
    buffer filled for each take: 64 KB 4.9 -> 3.4 us, the farm's 93 bytes 0.29 ->
    0.20 us)."""
    buf = conn.buf
    if len(buf) == want:
        body = bytes(buf)
        buf.clear()
    else:
        body = bytes(buf[:want])
        del buf[:want]
    return body, want == length and len(body) == length


def _parse_head(head: bytes) -> tuple[int, str, dict[str, str]]:
    # Header values are bytes; a Location with non-ASCII is UTF-8 in practice (what
    # browsers assume), anything else is read as Latin-1 so no byte is lost.
    # One ``partition`` and two ``strip`` per header line (the ``\r`` goes with the
    # value's ``strip``): a head of 20 headers, as CDNs send, 9.9 -> 8.2 us, the link
    # farm's 4 headers 2.24 -> 2.07 us (min of 7 x 20,000), on the path from an answer
    # to its host's next request.
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    first, _, rest = text.partition("\n")
    first = first.rstrip("\r")
    parts = first.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or len(parts[1]) != 3 or not parts[1].isdigit():
        raise NetError("protocol", f"invalid HTTP response: {first[:80]!r}")
    status = int(parts[1])
    hdrs: dict[str, str] = {}
    for line in rest.split("\n"):
        name, sep, value = line.partition(":")
        if not sep or not name or name[0] in " \t":
            continue  # no colon (the blank line too), obsolete folding or garbage: ignored, as browsers do
        k = name.strip().lower()
        v = value.strip()
        if k in hdrs:
            if k == "content-length" and hdrs[k] != v:
                raise NetError("protocol", "conflicting Content-Length headers")
            if k != "content-length":
                hdrs[k] = f"{hdrs[k]}, {v}"
        else:
            hdrs[k] = v
    return status, parts[0], hdrs


def _inflate(body: bytes, encoding: str, max_bytes: int) -> tuple[bytes, bool]:
    """``(body inflated to at most max_bytes, cut)``; an undecodable body stays as is."""
    enc = encoding.strip().lower()
    if not body or enc not in ("gzip", "x-gzip", "deflate"):
        return body[:max_bytes], len(body) > max_bytes
    for wbits in (zlib.MAX_WBITS | 32, -zlib.MAX_WBITS):
        d = zlib.decompressobj(wbits)
        try:
            out = d.decompress(body, max_bytes)
        except zlib.error:
            continue
        return out, bool(d.unconsumed_tail)
    return b"", False


def monotonic() -> float:
    return time.monotonic()

"""Real HTTP servers on 127.0.0.1 for the link checker's tests (one shared helper).

One aiohttp application in a background thread serves every behaviour the checker
must judge, plus look-alikes of the DOI handle API, the Wayback availability and CDX
APIs, Wayback captures and a Memento TimeGate.  Nothing is mocked: the checker
talks HTTP over real sockets.  The server counts requests and the largest number in
flight per path prefix, so tests can say "no request was sent" or "never more than
N at once" without timing anything.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import struct
import threading
import zlib
from collections import Counter
from datetime import datetime, timezone
from email.utils import format_datetime

from aiohttp import web

# Wayback look-alike data: original URL path -> [(timestamp, status)].  The 2019 capture
# of the dead page recorded a redirect and the 2023 one the 404, so the capture nearest
# a 2021 access date is not a good one: the nearest *good* capture is from 2014.
CAPTURES: dict[str, list[tuple[str, str]]] = {
    "/404": [("20090105120000", "200"), ("20140601120000", "200"),
             ("20190301120000", "302"), ("20230101120000", "404")],
    "/410": [("20100101000000", "200")],
    "/soft404/article": [("20120101000000", "200"), ("20200101000000", "200")],
}
MEMENTO_ONLY = "/memento-only"  # no Wayback captures; the TimeGate has one
MEMENTO_TS = "20200202020202"
DOIS = {"10.5555/ok": "/ok", "10.5555/gone": "/404", "10.5555/soft": "/soft404/doi",
        "10.1002/(sici)1097-4636(199706)35:4<437::aid-jbm4>3.0.co;2-e": "/ok"}


def _html(title: str, body: str = "", status: int = 200) -> web.Response:
    return web.Response(status=status, content_type="text/html",
                        text=f"<!doctype html><html><head><title>{title}</title></head>"
                             f"<body>{body}</body></html>\n")


def _bomb(mib: int) -> bytes:
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [co.compress(b"<!doctype html><title>bomb</title>\n")]
    zero = b"\0" * (1 << 20)
    parts += [co.compress(zero) for _ in range(mib)]
    parts.append(co.flush())
    return b"".join(parts)


class LocalWeb:
    """The servers; ``url(path)`` builds a URL, ``requests``/``max_inflight`` count traffic."""

    def __init__(self, bomb_mib: int = 128) -> None:
        self.port = 0
        self.refused_port = 0
        self.requests: Counter[str] = Counter()
        self.methods: Counter[tuple[str, str]] = Counter()
        self.inflight: Counter[str] = Counter()
        self.max_inflight: Counter[str] = Counter()
        self.seen: Counter[str] = Counter()
        self.limited = 0  # 429s sent by /limit2/
        self.big = b"<!doctype html><title>big</title><pre>" + b"x" * (10 * 1024 * 1024)
        self.bomb = _bomb(bomb_mib)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._runner: web.AppRunner | None = None

    # ---------------------------------------------------------------- lifecycle
    def start(self) -> LocalWeb:
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.refused_port = s.getsockname()[1]
        s.close()  # nothing listens there now: "connection refused"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("test web server did not start")
        return self

    def _serve(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        app = web.Application(middlewares=[self._count])
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._ready.set()
        loop.run_forever()
        loop.run_until_complete(self._runner.cleanup())
        loop.close()

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    # ---------------------------------------------------------------- helpers
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def total(self, prefix: str = "/") -> int:
        return sum(n for p, n in self.requests.items() if p.startswith(prefix))

    def env(self) -> dict[str, str]:
        """The CITEKEEPER_* endpoint variables pointing at the look-alikes."""
        return {
            "CITEKEEPER_DOI_API": self.url("/api/handles"),
            "CITEKEEPER_DOI_RESOLVER": self.url("/resolve"),
            "CITEKEEPER_WAYBACK_API": self.url("/wayback/available"),
            "CITEKEEPER_CDX_API": self.url("/cdx/search/cdx"),
            "CITEKEEPER_MEMENTO_API": self.url("/timegate"),
        }

    @web.middleware
    async def _count(self, request: web.Request, handler):  # type: ignore[no-untyped-def]
        path = request.path
        group = "/" + path.strip("/").split("/", 1)[0]
        self.requests[path] += 1
        self.methods[(request.method, path)] += 1
        self.inflight[group] += 1
        self.max_inflight[group] = max(self.max_inflight[group], self.inflight[group])
        try:
            return await handler(request)
        finally:
            self.inflight[group] -= 1

    # ---------------------------------------------------------------- routes
    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        p = request.path
        m = request.method
        if p == "/":
            return _html("Example site home", "<h1>Welcome</h1>")
        if p in ("/ok", "/landing") or p.startswith("/ok/"):
            return _html("A real article", "<h1>An article</h1>")
        if p == "/404":
            return web.Response(status=404, text="not found")
        if p == "/410":
            return web.Response(status=410, text="gone")
        if p == "/500":
            return web.Response(status=500, text="error")
        if p == "/401":
            return web.Response(status=401, text="who are you")
        if p == "/head403":
            return web.Response(status=403) if m == "HEAD" else _html("ok", "content")
        if p == "/head405":
            return web.Response(status=405, headers={"Allow": "GET"}) if m == "HEAD" else _html("ok")
        if p.startswith(("/429once/", "/503once/")):
            self.seen[request.path_qs] += 1
            if self.seen[request.path_qs] == 1:
                code = 429 if p.startswith("/429") else 503
                return web.Response(status=code, headers={"Retry-After": "0"}, text="later")
            return _html("ok after retry")
        if p.startswith("/limit2/"):
            # Answers 429 (Retry-After: 0) beyond two requests in flight, like a rate limiter.
            if self.inflight["/limit2"] > 2:
                self.limited += 1
                return web.Response(status=429, headers={"Retry-After": "0"}, text="slow down")
            await asyncio.sleep(0.05)
            return _html("limited page")
        if p.startswith("/head-hangup/"):
            if m == "HEAD":
                assert request.transport is not None
                request.transport.close()
                raise ConnectionResetError("no HEAD here")
            return web.Response(body=b"%PDF-1.4\n", content_type="application/pdf")
        if p.startswith("/gone-to-error/"):
            return web.Response(status=302, headers={"Location": "/errors/404.html"})
        if p == "/errors/404.html":
            return _html("Example", "<p>Sorry.</p>")
        if p.startswith("/to-lang-home/"):
            return web.Response(status=301, headers={"Location": "/en/"})
        if p == "/en/":
            return _html("Example (English)")
        if p.startswith("/always429/"):
            return web.Response(status=429, headers={"Retry-After": "0"}, text="later")
        if p.startswith("/retry-after-long/"):
            return web.Response(status=503, headers={"Retry-After": "86400"}, text="later")
        if p.startswith("/chain/"):
            n = int(p.rsplit("/", 1)[1])
            if n <= 0:
                return _html("end of chain", "done")
            return web.Response(status=302, headers={"Location": f"/chain/{n - 1}"})
        if p == "/loop/a":
            return web.Response(status=302, headers={"Location": "/loop/b"})
        if p == "/loop/b":
            return web.Response(status=302, headers={"Location": self.url("/loop/a")})
        if p == "/moved":
            return web.Response(status=301, headers={"Location": "/ok/new-home"})
        if p == "/moved-then-temp":
            return web.Response(status=308, headers={"Location": "/temp"})
        if p == "/temp":
            return web.Response(status=302, headers={"Location": "/ok/final"})
        if p == "/found":
            return web.Response(status=302, headers={"Location": "/ok/elsewhere"})
        if p.startswith("/deleted/"):
            return web.Response(status=302, headers={"Location": "/"})
        if p.startswith("/needs-login/"):
            return web.Response(status=302, headers={"Location": "/login?next=" + p})
        if p == "/login":
            return _html("Sign in", "<form></form>")
        if p.startswith("/soft404/"):
            return _html("Page not found", "<h1>Page not found</h1><p>Sorry.</p>")
        if p == "/ru-soft404":
            return _html("Страница не найдена", "<h1>Ошибка</h1>")
        if p == "/to-private":
            return web.Response(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        if p == "/to-ftp":
            return web.Response(status=302, headers={"Location": "ftp://example.org/file"})
        if p == "/slow-headers":
            await asyncio.sleep(3)
            return _html("slow")
        if p == "/drip":
            r = web.StreamResponse(status=200, headers={"Content-Type": "text/html", "Content-Length": "20"})
            await r.prepare(request)
            if m != "HEAD":
                for _ in range(20):
                    await asyncio.sleep(0.1)
                    await r.write(b".")
            await r.write_eof()
            return r
        if p == "/big":
            return web.Response(body=self.big, content_type="text/html")
        if p == "/bomb":
            return web.Response(body=self.bomb, headers={"Content-Type": "text/html",
                                                          "Content-Encoding": "gzip"})
        if p == "/close":
            assert request.transport is not None
            request.transport.close()
            raise ConnectionResetError("closed on purpose")
        if p == "/reset":
            assert request.transport is not None
            sock = request.transport.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            request.transport.abort()
            raise ConnectionResetError("reset on purpose")
        if p.startswith(("/slowish/", "/slowb/")):
            await asyncio.sleep(0.05)
            return _html("slowish page")
        if p.startswith("/redirect-to/"):  # /redirect-to/<anything>?url=<where>
            return web.Response(status=302, headers={"Location": request.query.get("url", "/")})
        if p.endswith(".pdf"):
            if m == "HEAD":
                return web.Response(status=200, content_type="application/pdf")
            return web.Response(body=b"%PDF-1.4\n", content_type="application/pdf")
        if p.startswith("/api/handles/"):
            return self._handle(p[len("/api/handles/"):])
        if p.startswith("/resolve/"):
            land = DOIS.get(p[len("/resolve/"):].lower())
            if land is None:
                return web.Response(status=404, text="DOI not found")
            return web.Response(status=302, headers={"Location": land})
        if p == "/wayback/available":
            return self._available(request)
        if p == "/cdx/search/cdx":
            return self._cdx(request)
        if p.startswith("/web/"):
            return self._capture(request)
        if p.startswith("/timegate/"):
            orig = request.path_qs[len("/timegate/"):]
            if orig.endswith(MEMENTO_ONLY):
                return web.Response(status=302, headers={"Location": f"/memento/{MEMENTO_TS}/{orig}"})
            return web.Response(status=404, text="no mementos")
        if p.startswith("/memento/"):
            dt = datetime.strptime(MEMENTO_TS, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
            return web.Response(status=200, content_type="text/html", text="memento",
                                headers={"Memento-Datetime": format_datetime(dt, usegmt=True)})
        return web.Response(status=404, text="no such test route")

    def _handle(self, raw: str) -> web.Response:
        from urllib.parse import unquote

        doi = unquote(raw)
        land = DOIS.get(doi.lower())
        if land is None:
            return web.json_response({"responseCode": 100, "handle": doi}, status=404)
        return web.json_response({"responseCode": 1, "handle": doi, "values": [
            {"index": 1, "type": "URL", "data": {"format": "string", "value": self.url(land)}},
            {"index": 100, "type": "HS_ADMIN", "data": {"format": "admin", "value": {}}},
        ]})

    def _captures(self, url: str) -> list[tuple[str, str]]:
        from urllib.parse import urlsplit

        return CAPTURES.get(urlsplit(url).path, [])

    def _available(self, request: web.Request) -> web.Response:
        # Like the real API can: the closest capture whatever its status.
        url = request.query.get("url", "")
        ts = (request.query.get("timestamp", "") + "00000000000000")[:14]
        caps = self._captures(url)
        out: dict[str, object] = {"url": url, "archived_snapshots": {}}
        if caps:
            best = min(caps, key=lambda c: abs(int(c[0]) - int(ts))) if request.query.get("timestamp") \
                else caps[-1]
            out["archived_snapshots"] = {"closest": {
                "status": best[1], "available": True, "timestamp": best[0],
                "url": self.url(f"/web/{best[0]}/{url}")}}
        return web.json_response(out)

    def _cdx(self, request: web.Request) -> web.Response:
        # Deliberately ignores filter=: the client must check the status itself.
        url = request.query.get("url", "")
        caps = self._captures(url)
        if not caps:
            return web.json_response([])
        rows = [["urlkey", "timestamp", "original", "statuscode"]]
        rows += [["key", ts, url, st] for ts, st in caps]
        return web.Response(text=json.dumps(rows), content_type="application/json")

    def _capture(self, request: web.Request) -> web.Response:
        rest = request.path_qs[len("/web/"):]
        ts, _, orig = rest.partition("/")
        caps = self._captures(orig)
        for cts, st in caps:
            if cts == ts:
                dt = datetime.strptime(cts, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
                return web.Response(status=200 if st == "200" else int(st), content_type="text/html",
                                    text=f"<title>capture of {orig}</title>",
                                    headers={"Memento-Datetime": format_datetime(dt, usegmt=True)})
        return web.Response(status=404, text="not archived")


@contextlib.contextmanager
def running(bomb_mib: int = 128):  # type: ignore[no-untyped-def]
    web_ = LocalWeb(bomb_mib).start()
    try:
        yield web_
    finally:
        web_.stop()



def run_url(settings, url: str):  # type: ignore[no-untyped-def]
    """Check one URL with a fresh checker (the tests' one-liner)."""
    from citekeeper.links.checker import Checker

    async def go():  # type: ignore[no-untyped-def]
        async with Checker(settings) as c:
            return await c.check_url(url)

    return asyncio.run(go())


def run_doi(settings, doi: str):  # type: ignore[no-untyped-def]
    from citekeeper.links.checker import Checker

    async def go():  # type: ignore[no-untyped-def]
        async with Checker(settings) as c:
            return await c.check_doi(doi)

    return asyncio.run(go())

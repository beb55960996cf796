"""Hostile and misbehaving servers on loopback, speaking raw bytes.

``RawServer`` answers each request by the first path segment with canned bytes
(``ROUTES``), including answers a polite HTTP library would never produce: headers
without end, bad status lines, conflicting lengths, interim 1xx answers, bare LF
line endings, bodies without length, pages in legacy charsets.  ``MultiHost`` serves
plain pages on many loopback addresses (127.0.0.2 ...) on one port, as many hosts.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import socket
import threading
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

Route = Callable[[str, str], bytes | None]  # (method, path) -> raw answer, None: hang up


def _resp(status: str, body: bytes, *headers: str, length: bool = True) -> bytes:
    head = [f"HTTP/1.1 {status}", *headers]
    if length:
        head.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + body  # as servers send non-ASCII


def _html(title: str, charset: str | None = None, meta: str | None = None, body: str = "") -> bytes:
    enc = charset or meta or "utf-8"
    m = f'<meta charset="{meta}">' if meta else ""
    text = f"<!doctype html><html><head>{m}<title>{title}</title></head><body>{body}</body></html>"
    ct = f"Content-Type: text/html; charset={charset}" if charset else "Content-Type: text/html"
    return _resp("200 OK", text.encode(enc, "xmlcharrefreplace"), ct)


ROUTES: dict[str, Route] = {
    "ok": lambda m, p: _html("A fine page"),
    "header-bomb": lambda m, p: b"HTTP/1.1 200 OK\r\n" + b"X-Junk: " + b"a" * 200_000 + b"\r\n\r\n",
    "bad-status": lambda m, p: b"HTTP/1.1 OK fine\r\nContent-Length: 0\r\n\r\n",
    "not-http": lambda m, p: b"SSH-2.0-OpenSSH_9.0\r\n",
    "two-lengths": lambda m, p: b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello",
    "interim": lambda m, p: b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                            + _html("After hints"),
    "bare-lf": lambda m, p: b"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: 25\n\n<title>bare lf ok</title>",
    "no-length": lambda m, p: _resp("200 OK", b"<title>streamed</title>" + b"x" * 300_000,
                                    "Content-Type: text/html", "Connection: close", length=False),
    "chunked-soft404": lambda m, p: (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                                     b"7\r\n<title>\r\n" b"e\r\nPage not found\r\n" b"8\r\n</title>\r\n0\r\n\r\n"),
    "gzip-soft404": lambda m, p: _resp("200 OK", gzip.compress(b"<title>404 Not Found</title>"),
                                       "Content-Type: text/html", "Content-Encoding: gzip"),
    "bad-gzip": lambda m, p: _resp("200 OK", b"\x1f\x8bthis is not gzip", "Content-Type: text/html",
                                   "Content-Encoding: gzip"),
    "hangup": lambda m, p: None,
    "cp1251-soft404": lambda m, p: _html("Страница не найдена", charset="windows-1251"),
    "meta-cp1251-soft404": lambda m, p: _html("Страница не найдена", meta="windows-1251"),
    "latin1-soft404": lambda m, p: _html("Seite wurde nicht gefunden – Fehler", charset="iso-8859-1"),
    "entity-soft404": lambda m, p: _html("Page&nbsp;not&#32;found &ndash; Example"),
    "numeric-entity-soft404": lambda m, p: _html("&#1057;&#1090;&#1088;&#1072;&#1085;&#1080;&#1094;&#1072; "
                                                 "&#1085;&#1077; &#1085;&#1072;&#1081;&#1076;&#1077;&#1085;&#1072;"),
    "ja-soft404": lambda m, p: _html("ページが見つかりません"),
    "zh-soft404": lambda m, p: _html("页面不存在"),
    "es-soft404": lambda m, p: _html("Página no encontrada"),
    "pt-soft404": lambda m, p: _html("Página não encontrada"),
    "it-soft404": lambda m, p: _html("Pagina non trovata"),
    "nl-soft404": lambda m, p: _html("Pagina niet gevonden"),
    "pl-soft404": lambda m, p: _html("Nie znaleziono strony"),
    "tr-soft404": lambda m, p: _html("Sayfa bulunamadı"),
    "ko-soft404": lambda m, p: _html("페이지를 찾을 수 없습니다"),
    "ar-soft404": lambda m, p: _html("الصفحة غير موجودة"),
    "fr-soft404": lambda m, p: _html("Page non trouvée"),
    "cp1251-live": lambda m, p: _html("Научная статья о поиске", charset="windows-1251"),
    "to-search": lambda m, p: _resp("302 Found", b"", "Location: /search?q=" + p.rsplit("/", 1)[-1]),
    "search": lambda m, p: _html("Search results"),
    "news": lambda m, p: (_resp("301 Moved", b"", "Location: /news/") if p.count("/") > 2
                          else _html("All news")),
    "to-file": lambda m, p: _resp("302 Found", b"", "Location: file:///etc/passwd"),
    "to-decimal-ip": lambda m, p: _resp("302 Found", b"", "Location: http://2130706433/"),
    "to-fullwidth": lambda m, p: _resp("302 Found", b"", "Location: http://１２７.０.０.１/"),
    "to-nat64": lambda m, p: _resp("302 Found", b"", "Location: http://[64:ff9b::7f00:1]/"),
    "auth-echo": lambda m, p: _html("secret area"),
    "404": lambda m, p: _resp("404 Not Found", b"gone"),
}


_S = TypeVar("_S", bound="ThreadedServer")


class ThreadedServer:
    """A thread running an asyncio TCP server on ``host:port`` (0: any free port) whose
    connections go to ``self._client``; the harness servers (``RawServer``, the attack
    tests' ``Scripted``) share its start, stop and clean-up."""

    host: str
    port: int
    _loop: asyncio.AbstractEventLoop | None
    _ready: threading.Event
    _thread: threading.Thread | None

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def start(self: _S) -> _S:
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError(f"{type(self).__name__} did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError

    def _serve(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        server = loop.run_until_complete(asyncio.start_server(self._client, self.host, self.port))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        loop.run_forever()
        server.close()
        for task in asyncio.all_tasks(loop):
            task.cancel()
        with contextlib.suppress(Exception):
            loop.run_until_complete(asyncio.sleep(0))
        loop.close()


class RawServer(ThreadedServer):
    """A thread running an asyncio TCP server that answers from ``ROUTES``."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = 0
        self.requests: Counter[str] = Counter()
        self.headers: list[str] = []  # raw request heads, for "what did the client send"
        self._loop = None
        self._ready = threading.Event()
        self._thread = None

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                text = head.decode("latin-1")
                self.headers.append(text)
                method, path = text.split(" ", 2)[:2]
                self.requests[path] += 1
                name = path.split("?", 1)[0].strip("/").split("/", 1)[0]
                route = ROUTES.get(name, ROUTES["404"])
                answer = route(method, path)
                if answer is None:
                    writer.close()
                    return
                if method == "HEAD":
                    answer = answer.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
                writer.write(answer)
                await writer.drain()
                if b"Connection: close" in answer or b"Content-Length" not in answer.split(b"\r\n\r\n")[0]:
                    writer.close()
                    return


class MultiHost:
    """Plain 200 pages on ``n`` loopback addresses 127.0.0.2 ... on one port."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.port = 0
        self.hosts = [f"127.0.0.{i + 2}" for i in range(n)]
        self.requests = 0
        self.max_open = 0
        self._open = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> MultiHost:
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("multi-host server did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def _serve(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        servers = [loop.run_until_complete(asyncio.start_server(self._client, h, self.port))
                   for h in self.hosts]
        self._ready.set()
        loop.run_forever()
        for s in servers:
            s.close()
        loop.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._open += 1
        self.max_open = max(self.max_open, self._open)
        try:
            with contextlib.suppress(Exception):
                while True:
                    await reader.readuntil(b"\r\n\r\n")
                    self.requests += 1
                    await asyncio.sleep(0.01)
                    writer.write(_html("page"))
                    await writer.drain()
        finally:
            self._open -= 1

"""Attack harness, part 1: hostile HTTP servers, met as a user meets them.

Every case runs ``citekeeper check FILE`` (click's runner, in-process, short
timeouts) against a real server on 127.0.0.1 that misbehaves on purpose, and asserts
the exit code, the verdict and the reason in the JSON report.  ``Scripted`` is a raw
asyncio TCP server whose routes are coroutines writing whatever bytes they like, at
whatever pace: headers that never end, chunked bodies that never end, 1xx floods,
bodies that trickle, sockets half-closed, TLS hellos expected on a plain port.  It
is the one helper of the ``test_attack_*`` files (they import it from here).
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import os
import resource
import subprocess
import sys
import threading
import zlib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hostile import ThreadedServer

from citekeeper.cli import main


@dataclass
class Req:
    """One request as the server read it."""

    method: str
    path: str
    head: str
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter

    def send(self, data: bytes) -> None:
        self.writer.write(data)


Route = Callable[[Req], Awaitable[bool | None]]  # True: keep the connection open for another request


@dataclass
class Scripted(ThreadedServer):
    """A thread running an asyncio TCP server; ``routes`` maps the first path segment to a coroutine."""

    routes: dict[str, Route]
    host: str = "127.0.0.1"
    port: int = 0
    hits: Counter[str] = field(default_factory=Counter)  # first path segment -> requests
    heads: list[str] = field(default_factory=list)
    connections: int = 0
    _loop: asyncio.AbstractEventLoop | None = None
    _ready: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        with contextlib.suppress(Exception, asyncio.CancelledError):
            first = await reader.readexactly(1)
            if first == b"\x16":  # a TLS ClientHello on this plain port: answer as nginx does
                writer.write(answer("400 Bad Request", b"plain HTTP port", "Connection: close"))
                await writer.drain()
                writer.close()
                return
            while True:
                raw = first + await reader.readuntil(b"\r\n\r\n")
                first = b""
                head = raw.decode("latin-1")
                self.heads.append(head)
                method, path = [*head.split(" ", 2), "", ""][:2]
                name = path.split("?", 1)[0].strip("/").split("/", 1)[0]
                self.hits[name] += 1
                route = self.routes.get(name, not_found)
                keep = await route(Req(method, path, head, reader, writer))
                await writer.drain()
                if not keep:
                    break
        with contextlib.suppress(Exception):
            writer.close()


def answer(status: str, body: bytes = b"", *headers: str, length: bool = True) -> bytes:
    head = [f"HTTP/1.1 {status}", *headers]
    if length:
        head.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + body


def page(title: str, body: str = "", charset: str = "utf-8", declare: str = "header") -> bytes:
    meta = f'<meta charset="{charset}">' if declare == "meta" else ""
    text = f"<!doctype html><html><head>{meta}<title>{title}</title></head><body>{body}</body></html>"
    ct = f"Content-Type: text/html; charset={charset}" if declare == "header" else "Content-Type: text/html"
    return answer("200 OK", text.encode(charset, "xmlcharrefreplace"), ct)


def canned(data: bytes, keep: bool = True) -> Route:
    async def route(r: Req) -> bool:
        r.send(data.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n" if r.method == "HEAD" else data)
        return keep
    return route


async def not_found(r: Req) -> bool:
    r.send(answer("404 Not Found", b"no such page"))
    return True


# ---------------------------------------------------------------- the routes
async def headers_forever(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\r\n")
    for i in range(100_000):  # ~2.6 MB of headers, 1 KB at a time, never a blank line
        r.send(f"X-Junk-{i}: {'a' * 16}\r\n".encode())
        if i % 40 == 0:
            await r.writer.drain()
    return False


async def header_line_forever(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\r\nX-Long: ")
    for _ in range(400):
        r.send(b"b" * 8192)
        await r.writer.drain()
    return False


async def chunked_forever(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
           b"1a\r\n<title>endless page</title>\r\n")
    for _ in range(20_000):  # 80 MB if read to the end
        r.send(b"1000\r\n" + b"z" * 4096 + b"\r\n")
        await r.writer.drain()
    return False


async def interim_flood(r: Req) -> bool:
    for _ in range(5000):  # 1xx answers without end before any final answer
        r.send(b"HTTP/1.1 102 Processing\r\n\r\n")
        await r.writer.drain()
    r.send(page("finally"))
    return False


async def trickle_headers(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\r\n")
    for i in range(200):  # one header every 0.1 s: never silent for long, never done
        r.send(f"X-{i}: y\r\n".encode())
        await r.writer.drain()
        await asyncio.sleep(0.1)
    return False


async def slowloris_body(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<title>slow</title>")
    for _ in range(200):
        await r.writer.drain()
        await asyncio.sleep(0.1)
        r.send(b".")
    return False


async def slowloris_soft404(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
           b"<html><head><title>Page not found</title></head><body>")
    for _ in range(200):
        await r.writer.drain()
        await asyncio.sleep(0.1)
        r.send(b".")
    return False


async def silent(r: Req) -> bool:
    await asyncio.sleep(30)
    return False


async def half_close(r: Req) -> bool:
    r.writer.write_eof()  # FIN without a byte, the socket still open for reading
    await asyncio.sleep(5)
    return False


async def half_answer(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<title>cut</title>")
    await r.writer.drain()
    r.writer.write_eof()
    await asyncio.sleep(2)
    return False


async def short_body(r: Req) -> bool:  # says 5000, sends 30 and closes
    r.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<title>short</title>")
    return False


async def long_body(r: Req) -> bool:  # says 10, sends more: the rest is garbage for the next request
    r.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10\r\n\r\n<title>ok</title>"
           b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
    return True


async def tls_answer(r: Req) -> bool:  # a TLS alert record where HTTP was expected
    r.send(b"\x15\x03\x01\x00\x02\x02\x46")
    return False


async def binary_garbage(r: Req) -> bool:
    r.send(bytes(range(256)) * 64)
    return False


async def negative_length(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello")
    return False


async def huge_length(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 99999999999999999999999\r\n\r\n"
           b"<title>huge</title>")
    return False


async def bad_chunk(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n"
           b"zz\r\nnot a chunk size\r\n")
    return False


async def status_999(r: Req) -> bool:
    r.send(answer("999 Request denied", b"go away"))
    return True


async def status_600(r: Req) -> bool:
    r.send(answer("600 Whatever", b"?"))
    return True


async def http09(r: Req) -> bool:
    r.send(b"<html><title>no status line at all</title></html>")
    return False


async def nul_header(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\r\nX-Bad: a\x00b\r\nContent-Length: 2\r\n\r\nok")
    return False


async def cr_only(r: Req) -> bool:
    r.send(b"HTTP/1.1 200 OK\rContent-Length: 2\r\r\nok")
    return False


async def te_and_cl(r: Req) -> bool:  # request-smuggling shape: both framings
    r.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
           b"14\r\n<title>framed</title>\r\n0\r\n\r\n")
    return False


async def gzip_bomb(r: Req) -> bool:
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = co.compress(b"<title>bomb</title>") + b"".join(co.compress(b"\0" * (1 << 20)) for _ in range(64))
    body += co.flush()
    r.send(answer("200 OK", body, "Content-Type: text/html", "Content-Encoding: gzip"))
    return True


async def nested_gzip(r: Req) -> bool:
    inner = gzip.compress(b"<title>x</title>" + b"\0" * (8 << 20))
    r.send(answer("200 OK", gzip.compress(inner), "Content-Type: text/html", "Content-Encoding: gzip, gzip"))
    return True


async def brotli_claimed(r: Req) -> bool:
    r.send(answer("200 OK", b"\xff\xfe garbage, not brotli", "Content-Type: text/html", "Content-Encoding: br"))
    return True


def _hop(location: str, status: str = "302 Found") -> Route:
    async def route(r: Req) -> bool:
        r.send(answer(status, b"", f"Location: {location}"))
        return True
    return route


async def loop_query(r: Req) -> bool:  # a loop that never repeats a URL exactly: ?n grows
    n = int(r.path.rsplit("=", 1)[-1]) if "=" in r.path else 0
    r.send(answer("302 Found", b"", f"Location: /loop-query/x?n={n + 1}"))
    return True


async def empty_location(r: Req) -> bool:
    r.send(answer("302 Found", b"", "Location: "))
    return True


async def no_location(r: Req) -> bool:
    r.send(answer("301 Moved Permanently", b""))
    return True


async def garbage_location(r: Req) -> bool:
    r.send(answer("302 Found", b"", "Location: http://[::1"))
    return True


async def crlf_location(r: Req) -> bool:  # a Location that tries to inject a header into our next request
    r.send(answer("302 Found", b"", "Location: /ok/next%0d%0aX-Injected:%20yes"))
    return True


async def ok(r: Req) -> bool:
    r.send(page("A real article", "<h1>An article</h1>"))
    return True


def retry_after(value: str, status: str = "503 Service Unavailable") -> Route:
    async def route(r: Req) -> bool:
        r.send(answer(status, b"later", f"Retry-After: {value}"))
        return True
    return route


async def storm_429(r: Req) -> bool:
    r.send(answer("429 Too Many Requests", b"slow down", "Retry-After: 0"))
    return True


ROUTES: dict[str, Route] = {
    "ok": ok,
    "headers-forever": headers_forever,
    "header-line-forever": header_line_forever,
    "chunked-forever": chunked_forever,
    "interim-flood": interim_flood,
    "trickle-headers": trickle_headers,
    "slowloris": slowloris_body,
    "slowloris-soft404": slowloris_soft404,
    "silent": silent,
    "half-close": half_close,
    "half-answer": half_answer,
    "short-body": short_body,
    "long-body": long_body,
    "tls": tls_answer,
    "garbage": binary_garbage,
    "negative-length": negative_length,
    "huge-length": huge_length,
    "bad-chunk": bad_chunk,
    "status-999": status_999,
    "status-600": status_600,
    "http09": http09,
    "nul-header": nul_header,
    "cr-only": cr_only,
    "te-and-cl": te_and_cl,
    "gzip-bomb": gzip_bomb,
    "nested-gzip": nested_gzip,
    "brotli-claimed": brotli_claimed,
    "loop-a": _hop("/loop-b/x"),
    "loop-b": _hop("/loop-a/x"),
    "loop-self": _hop("/loop-self/x", "301 Moved Permanently"),
    "loop-query": loop_query,
    "empty-location": empty_location,
    "no-location": no_location,
    "garbage-location": garbage_location,
    "crlf-location": crlf_location,
    "to-file": _hop("file:///etc/passwd"),
    "to-data": _hop("data:text/html,<title>hi</title>"),
    "to-javascript": _hop("javascript:alert(1)"),
    "to-gopher": _hop("gopher://127.0.0.1:70/"),
    "retry-huge": retry_after("999999999"),
    "retry-negative": retry_after("-5"),
    "retry-date-past": retry_after("Mon, 01 Jan 1990 00:00:00 GMT"),
    "retry-date-far": retry_after("Fri, 31 Dec 9999 23:59:59 GMT"),
    "retry-garbage": retry_after("soon, maybe"),
    "retry-float": retry_after("0.5e3"),
    "storm": storm_429,
}


@pytest.fixture(scope="module")
def hostile() -> Iterator[Scripted]:
    s = Scripted(ROUTES).start()
    yield s
    s.stop()


FAST = ["--allow-private", "--no-cache", "--format", "json", "--archive", "none", "--jobs", "1",
        "--timeout", "0.6", "--retries", "0", "--no-progress"]


def write_bib(folder: Path, urls: list[str], name: str = "refs.bib") -> Path:
    p = folder / name
    p.write_text("".join(f"@misc{{k{i},\n  title = {{T{i}}},\n  url = {{{u}}},\n  urldate = {{2020-01-01}}\n}}\n\n"
                         for i, u in enumerate(urls)), encoding="utf-8")
    return p


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def data(self) -> dict[str, Any]:
        return json.loads(self.out)

    @property
    def rows(self) -> list[dict[str, Any]]:
        return self.data["results"]


def check(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """``citekeeper check ARGS`` in-process through the console script's ``main`` (its
    error-to-exit-code mapping included), as a user would type it; never a traceback."""
    with contextlib.ExitStack() as stack:
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        out, err, _ = stack.enter_context(CliRunner().isolation(env=env))
        try:
            main(["check", *args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        text_err = err.getvalue().decode("utf-8", "replace")
        text_out = out.getvalue().decode("utf-8", "replace")
    assert "Traceback" not in text_err and "internal error" not in text_err, text_err
    return Run(code, text_out, text_err)


def cli_proc(args: list[str], cwd: Path, env: dict[str, str] | None = None, limits: dict[int, int] | None = None,
             prefix: tuple[str, ...] = (), timeout: float = 60, **popen: Any) -> subprocess.CompletedProcess[str]:
    """``citekeeper check ARGS`` as its own process: for resource limits, signals, devices."""
    def pre() -> None:
        for what, value in (limits or {}).items():
            resource.setrlimit(what, (value, value))  # as `ulimit` does: soft and hard

    cmd = [*prefix, sys.executable, "-m", "citekeeper", "check", *args]
    popen.setdefault("capture_output", True)
    return subprocess.run(cmd, text=True, env={**os.environ, **(env or {})}, timeout=timeout, cwd=cwd,
                          preexec_fn=pre if limits else None, **popen)


def one(hostile: Scripted, tmp_path: Path, path: str, *extra: str) -> dict[str, Any]:
    run = check([str(write_bib(tmp_path, [hostile.url(path)])), *FAST, *extra], cwd=tmp_path)
    assert run.code in (0, 1), run.err
    (row,) = run.rows
    assert run.code == (1 if row["status"] == "broken" else 0)
    return row


SLOW = ["/headers-forever/a", "/header-line-forever/a", "/interim-flood/a", "/trickle-headers/a", "/silent/a",
        "/chunked-forever/a", "/slowloris/a", "/slowloris-soft404/a"]
RETRY_AFTER = ["/retry-negative/b", "/retry-date-past/b", "/retry-garbage/b", "/retry-float/b"]  # waited for briefly
OVER_CAP = ["/retry-huge/b", "/retry-date-far/b"]  # over 30 s: given up at once


def together(hostile: Scripted, folder: Path, paths: list[str], *extra: str) -> tuple[dict[str, Any], Counter[str]]:
    """Check ``paths`` in one run, side by side (a hostile answer must not hold up the others);
    returns the rows by path and the requests each route got."""
    before = Counter(hostile.hits)
    run = check([str(write_bib(folder, [hostile.url(p) for p in paths])), *FAST, "--per-host", "64", *extra],
                cwd=folder)
    assert run.code in (0, 1), run.err
    rows = {r["target"].split(str(hostile.port), 1)[1]: r for r in run.rows}
    assert set(rows) == set(paths)
    return rows, Counter(hostile.hits) - before


@pytest.fixture(scope="module")
def slow_rows(hostile: Scripted, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return together(hostile, tmp_path_factory.mktemp("slow"), SLOW, "--timeout", "0.4")[0]


@pytest.fixture(scope="module")
def retry_rows(hostile: Scripted, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Counter[str]]:
    return together(hostile, tmp_path_factory.mktemp("retry"), RETRY_AFTER, "--retries", "1")


# ---------------------------------------------------------------- endless and slow answers
@pytest.mark.parametrize(("path", "statuses"), [
    ("/headers-forever/a", {"broken"}),
    ("/header-line-forever/a", {"broken"}),
    ("/interim-flood/a", {"broken", "ok"}),
    ("/trickle-headers/a", {"transient", "broken"}),
    ("/silent/a", {"transient"}),
])
def test_answers_that_never_finish_their_head(slow_rows: dict[str, Any], path: str, statuses: set[str]) -> None:
    row = slow_rows[path]
    assert row["status"] in statuses, row
    assert row["reason"], row


@pytest.mark.parametrize("path", ["/chunked-forever/a", "/slowloris/a"])
def test_bodies_that_never_end_are_judged_on_their_status(slow_rows: dict[str, Any], path: str) -> None:
    row = slow_rows[path]
    assert row["status"] == "ok" and row["http_status"] == 200, row


def test_a_soft_404_that_trickles_is_still_read_by_its_title(slow_rows: dict[str, Any]) -> None:
    row = slow_rows["/slowloris-soft404/a"]
    assert row["status"] == "broken" and "soft 404" in row["reason"], row


# ---------------------------------------------------------------- broken framing
@pytest.mark.parametrize(("path", "statuses", "words"), [
    ("/half-close/a", {"broken"}, "closed"),
    ("/half-answer/a", {"ok", "broken"}, ""),
    ("/short-body/a", {"ok", "broken"}, ""),
    ("/tls/a", {"broken"}, ""),
    ("/garbage/a", {"broken"}, ""),
    ("/negative-length/a", {"broken"}, ""),
    ("/huge-length/a", {"ok", "broken"}, ""),
    ("/bad-chunk/a", {"ok", "broken"}, ""),
    ("/http09/a", {"broken"}, ""),
    ("/nul-header/a", {"ok", "broken"}, ""),
    ("/cr-only/a", {"broken"}, ""),
    ("/te-and-cl/a", {"ok", "broken"}, ""),
])
def test_broken_framing_is_a_verdict_never_a_crash(hostile: Scripted, tmp_path: Path, path: str,
                                                   statuses: set[str], words: str) -> None:
    row = one(hostile, tmp_path, path)
    assert row["status"] in statuses, row
    assert words in row["reason"], row


def test_status_999_is_a_refusal_and_can_be_accepted(hostile: Scripted, tmp_path: Path) -> None:
    """999 is what some sites (LinkedIn) answer robots: blocked, not dead; ``accept`` makes it ok."""
    assert one(hostile, tmp_path, "/status-999/a")["status"] == "blocked"
    (tmp_path / "pyproject.toml").write_text("[tool.citekeeper.check]\naccept = [999]\n")
    assert one(hostile, tmp_path, "/status-999/b")["status"] == "ok"


def test_a_body_longer_than_its_length_does_not_poison_the_next_request(hostile: Scripted,
                                                                          tmp_path: Path) -> None:
    urls = [hostile.url(f"/long-body/{i}") for i in range(6)]
    run = check([str(write_bib(tmp_path, urls)), *FAST, "--per-host", "1"], cwd=tmp_path)
    assert [r["status"] for r in run.rows] == ["ok"] * 6, run.rows


def test_a_status_beyond_599_is_an_invalid_answer(hostile: Scripted, tmp_path: Path) -> None:
    row = one(hostile, tmp_path, "/status-600/a")
    assert row["status"] == "broken", row


# ---------------------------------------------------------------- bodies that explode
@pytest.mark.parametrize("path", ["/gzip-bomb/a", "/nested-gzip/a", "/brotli-claimed/a"])
def test_compressed_bombs_cost_a_capped_read(hostile: Scripted, tmp_path: Path, path: str) -> None:
    row = one(hostile, tmp_path, path)
    assert row["status"] == "ok", row


# ---------------------------------------------------------------- redirects
@pytest.mark.parametrize(("path", "words"), [
    ("/loop-a/x", "loop"),
    ("/loop-self/x", "loop"),
    ("/loop-query/x", "redirects"),
])
def test_redirect_loops_end(hostile: Scripted, tmp_path: Path, path: str, words: str) -> None:
    row = one(hostile, tmp_path, path)
    assert row["status"] == "broken" and words in row["reason"], row


@pytest.mark.parametrize("path", ["/empty-location/x", "/no-location/x", "/garbage-location/x"])
def test_redirects_without_a_usable_location(hostile: Scripted, tmp_path: Path, path: str) -> None:
    row = one(hostile, tmp_path, path)
    assert row["status"] == "broken" and row["reason"], row


def test_a_location_cannot_inject_headers_into_the_next_request(hostile: Scripted, tmp_path: Path) -> None:
    before = len(hostile.heads)
    one(hostile, tmp_path, "/crlf-location/x")
    sent = "".join(hostile.heads[before:])
    assert "\r\nX-Injected" not in sent, sent


@pytest.mark.parametrize("path", ["/to-file/x", "/to-data/x", "/to-javascript/x", "/to-gopher/x"])
def test_redirects_out_of_http_are_not_followed(hostile: Scripted, tmp_path: Path, path: str) -> None:
    before = sum(hostile.hits.values())
    row = one(hostile, tmp_path, path)
    assert row["status"] in ("broken", "blocked"), row
    assert sum(hostile.hits.values()) == before + 1


def test_a_loop_across_hosts_and_schemes_ends(tmp_path: Path) -> None:
    """a -> http://127.0.0.3/ -> https://127.0.0.2 (TLS on a plain port) ...: every hop is judged."""
    b = Scripted({}, host="127.0.0.3").start()
    a = Scripted({}, host="127.0.0.2").start()
    try:
        a.routes["x"] = _hop(f"http://127.0.0.3:{b.port}/y")
        b.routes["y"] = _hop(f"http://127.0.0.2:{a.port}/x")
        a.routes["s"] = _hop(f"https://127.0.0.3:{b.port}/y")
        run = check([str(write_bib(tmp_path, [a.url("/x"), a.url("/s")])), *FAST], cwd=tmp_path)
        loop, tls = run.rows
        assert loop["status"] == "broken" and "loop" in loop["reason"], loop
        assert tls["status"] == "broken" and "TLS" in tls["reason"], tls
        assert a.hits["x"] <= 2 and b.hits["y"] <= 2
    finally:
        a.stop()
        b.stop()


def test_https_to_a_plain_http_port_is_a_tls_error(hostile: Scripted, tmp_path: Path) -> None:
    url = hostile.url("/ok/tls").replace("http://", "https://")
    run = check([str(write_bib(tmp_path, [url])), *FAST], cwd=tmp_path)
    assert run.code == 1 and run.rows[0]["status"] == "broken" and "TLS" in run.rows[0]["reason"], run.rows


# ---------------------------------------------------------------- Retry-After and 429
@pytest.mark.parametrize("path", OVER_CAP)
def test_a_retry_after_over_the_cap_is_given_up_at_once(hostile: Scripted, tmp_path: Path, path: str) -> None:
    """Each alone: together on one host they would wait for the host's 30 s pause (see the report)."""
    name = path.split("/")[1]
    before = hostile.hits[name]
    row = one(hostile, tmp_path, path, "--retries", "1")
    assert row["status"] == "transient" and "over the cap" in row["reason"], row
    assert hostile.hits[name] - before == 1


@pytest.mark.parametrize("path", RETRY_AFTER)
def test_retry_after_of_any_shape_never_stalls(retry_rows: tuple[dict[str, Any], Counter[str]], path: str) -> None:
    rows, hits = retry_rows
    assert rows[path]["status"] == "transient", rows[path]
    assert hits[path.split("/")[1]] <= 2  # never more than the retries


def test_a_429_storm_is_transient_and_bounded(hostile: Scripted, tmp_path: Path) -> None:
    urls = [hostile.url(f"/storm/{i}") for i in range(4)]
    before = hostile.hits["storm"]
    run = check([str(write_bib(tmp_path, urls)), *FAST, "--retries", "1"], cwd=tmp_path)
    assert run.code == 0, run.err
    assert {r["status"] for r in run.rows} == {"transient"}
    assert hostile.hits["storm"] - before <= 4 * 2


def test_transient_can_be_made_failing(hostile: Scripted, tmp_path: Path) -> None:
    run = check([str(write_bib(tmp_path, [hostile.url("/storm/f")])), *FAST, "--fail-on", "broken,transient"],
                cwd=tmp_path)
    assert run.code == 1 and run.rows[0]["status"] == "transient"

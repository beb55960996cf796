"""Attack harness, part 11: TLS that goes wrong, and status lines at the edge of HTTP.

A real TLS server on loopback (certificate made by ``openssl`` for the test): a
self-signed certificate, a certificate for another name, an expired one, a handshake
that never ends, a server that speaks plain HTTP after the handshake starts.  None
is ``ok``; none is a crash.  Then answers that are valid HTTP a strict parser might
refuse (no reason phrase, HTTP/1.0, ``Transfer-Encoding: gzip, chunked``, thousands
of headers) and answers that are not HTTP/1 at all (``ICY 200 OK``, an HTTP/2 preface).
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_attack_hostile import FAST, Req, Route, Scripted, answer, check, write_bib


def make_cert(folder: Path, name: str, san: str = "IP:127.0.0.1") -> tuple[Path, Path]:
    """A self-signed certificate by ``openssl`` for ``san``."""
    if not shutil.which("openssl"):
        pytest.skip("no openssl to make a certificate")
    key, crt = folder / f"{name}.key", folder / f"{name}.crt"
    res = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                          "-out", str(crt), "-days", "30", "-subj", f"/CN={name}", "-addext",
                          f"subjectAltName={san}"], capture_output=True, text=True)
    if res.returncode:
        pytest.skip(f"openssl cannot make the certificate here: {res.stderr[-200:]}")
    return key, crt


def make_expired_cert(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 valid in 2000 only (openssl 3.0's ``req`` cannot backdate)."""
    import datetime
    import ipaddress

    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "old")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(datetime.datetime(2000, 1, 1))
            .not_valid_after(datetime.datetime(2001, 1, 1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    k, c = folder / "old.key", folder / "old.crt"
    k.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))
    c.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return k, c


class TLSServer:
    """An HTTPS server in a thread answering 200 to everything, with a given certificate;
    ``stall=True``: accepts the connection and never answers the handshake."""

    def __init__(self, key: Path | None, crt: Path | None, stall: bool = False) -> None:
        self.port = 0
        self.ctx: ssl.SSLContext | None = None
        if key and crt:
            self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.ctx.load_cert_chain(crt, key)
        self.stall = stall
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _serve(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        ctx = None if self.stall else self.ctx
        server = loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0, ssl=ctx))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        loop.run_forever()
        server.close()
        tasks = asyncio.all_tasks(loop)
        for task in tasks:
            task.cancel()
        with contextlib.suppress(BaseException):  # handshakes cut short by the stop
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        loop.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception, asyncio.CancelledError):
            if self.stall:
                await asyncio.sleep(30)  # the ClientHello is read by nobody
                return
            await reader.readuntil(b"\r\n\r\n")
            writer.write(answer("200 OK", b"<title>secure page</title>", "Content-Type: text/html"))
            await writer.drain()
            writer.close()


@pytest.mark.parametrize("kind", ["self-signed", "other-name", "expired"])
def test_a_bad_certificate_is_never_ok(tmp_path: Path, kind: str) -> None:
    if kind == "expired":
        key, crt = make_expired_cert(tmp_path)
    else:
        key, crt = make_cert(tmp_path, kind, "IP:127.0.0.1" if kind == "self-signed" else "DNS:example.org")
    server = TLSServer(key, crt)
    try:
        run = check([str(write_bib(tmp_path, [server.url("/paper")])), *FAST], cwd=tmp_path)
    finally:
        server.stop()
    row = run.rows[0]
    assert row["status"] in ("broken", "transient", "blocked"), row
    assert "TLS" in row["reason"] or "certificate" in row["reason"].lower(), row


def test_a_handshake_that_never_ends_is_transient(tmp_path: Path) -> None:
    server = TLSServer(None, None, stall=True)
    try:
        run = check([str(write_bib(tmp_path, [server.url("/paper")])), *FAST, "--timeout", "0.4"], cwd=tmp_path)
    finally:
        server.stop()
    assert run.code == 0 and run.rows[0]["status"] == "transient", run.rows


def _route(data: bytes) -> Route:
    async def route(r: Req) -> bool:
        r.send(data)
        return False
    return route


EDGE_OK = {
    "no-reason": b"HTTP/1.1 200\r\nContent-Type: text/html\r\nContent-Length: 17\r\n\r\n<title>ok</title>",
    "http10": b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<title>old server</title>",
    "gzip-chunked": (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                     + (lambda z: f"{len(z):x}\r\n".encode() + z + b"\r\n0\r\n\r\n")(gzip.compress(b"<title>z</title>"))),
    "many-headers": (b"HTTP/1.1 200 OK\r\n" + b"".join(f"X-H{i}: v\r\n".encode() for i in range(3000))
                     + b"Content-Length: 2\r\n\r\nok"),
    "cookie-jar": (b"HTTP/1.1 200 OK\r\n" + b"".join(f"Set-Cookie: c{i}={'v' * 300}\r\n".encode() for i in range(100))
                   + b"Content-Length: 2\r\n\r\nok"),
    "lower-headers": b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 2\r\n\r\nok",
    "space-colon": b"HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok",
}
EDGE_BAD = {
    "icy": b"ICY 200 OK\r\nicy-name: radio\r\n\r\n",
    "status-abc": b"HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n",
    "status-short": b"HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n",
    "empty-line-first": b"\r\n\r\n",
    "h2-preface": b"\x00\x00\x12\x04\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x64\x00\x04\x00\x00\xff\xff",
}


@pytest.fixture(scope="module")
def edge() -> Iterator[Scripted]:
    s = Scripted({name: _route(data) for name, data in {**EDGE_OK, **EDGE_BAD}.items()}).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def edge_rows(edge: Scripted, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("edge")
    names = sorted({**EDGE_OK, **EDGE_BAD})
    run = check([str(write_bib(folder, [edge.url(f"/{n}/x") for n in names])), *FAST], cwd=folder)
    return {r["target"].rsplit("/", 2)[1]: r for r in run.rows}


@pytest.mark.parametrize("name", sorted(EDGE_OK))
def test_valid_http_a_strict_parser_might_refuse(edge_rows: dict[str, dict], name: str) -> None:
    assert edge_rows[name]["status"] == "ok", edge_rows[name]


@pytest.mark.parametrize("name", sorted(EDGE_BAD))
def test_answers_that_are_not_http_1(edge_rows: dict[str, dict], name: str) -> None:
    row = edge_rows[name]
    assert row["status"] in ("broken", "transient") and row["reason"], row

"""Attack harness, part 7: no network, and resolvers that lie, fail or are not there.

A dead host is one something answers for (the resolver says NXDOMAIN, the host
refuses, the server says 404); a network that is not there is ``transient`` with one
run-level warning, exit 0, nothing cached as broken, no archive look-up.  These
cases run ``citekeeper check`` in a mount namespace (``unshare -rm``) whose
``/etc/resolv.conf`` points at a real DNS server on 127.0.0.77:53 that this file
starts: it answers NXDOMAIN, SERVFAIL, nothing, or loopback addresses, by the name
asked.  A resolver address where nothing listens is "the resolver is unreachable";
``unshare -rn`` is a machine without any network.
"""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_attack_hostile import FAST, Scripted, not_found, ok, write_bib

DNS_IP = "127.0.0.77"


class Resolver:
    """A DNS server over UDP: ``*.nx.test`` NXDOMAIN, ``*.servfail.test`` SERVFAIL,
    ``*.drop.test`` no answer, ``*.inside.test`` A 127.0.0.1, ``*.mixed.test`` A 127.0.0.1
    and 10.1.2.3; everything else NXDOMAIN.  AAAA questions get an empty answer."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((DNS_IP, 53))
        self.asked: list[str] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.sock.close()

    def _serve(self) -> None:
        while True:
            try:
                data, peer = self.sock.recvfrom(2048)
            except OSError:
                return
            reply = self.answer(data)
            if reply is not None:
                self.sock.sendto(reply, peer)

    def answer(self, q: bytes) -> bytes | None:
        tid, _flags, qd = struct.unpack(">HHH", q[:6])
        i, labels = 12, []
        while q[i]:
            labels.append(q[i + 1:i + 1 + q[i]].decode("ascii", "replace"))
            i += 1 + q[i]
        qtype = struct.unpack(">H", q[i + 1:i + 3])[0]
        question = q[12:i + 5]
        name = ".".join(labels).lower()
        self.asked.append(name)
        addrs: list[str] = []
        rcode = 3
        if name.endswith(".drop.test"):
            return None
        if name.endswith(".servfail.test"):
            rcode = 2
        elif name.endswith((".inside.test", ".mixed.test")):
            rcode = 0
            addrs = ["127.0.0.1"] + (["10.1.2.3"] if name.endswith(".mixed.test") else [])
        if qtype != 1:  # AAAA and the rest: the name exists (or not), no such records
            addrs = []
        head = struct.pack(">HHHHHH", tid, 0x8180 | rcode, qd, len(addrs), 0, 0)
        answers = b"".join(b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 5, 4) + socket.inet_aton(a) for a in addrs)
        return head + question + answers


@pytest.fixture(scope="module")
def resolver() -> Iterator[Resolver]:
    if not shutil.which("unshare") or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode:
        pytest.skip("no mount namespaces here")
    try:
        r = Resolver()
    except OSError as exc:
        pytest.skip(f"cannot serve DNS on {DNS_IP}:53 ({exc})")
    yield r
    r.stop()


@pytest.fixture(scope="module")
def site() -> Iterator[Scripted]:
    s = Scripted({"ok": ok, "gone": not_found, "wayback": not_found, "cdx": not_found, "timegate": not_found}).start()
    yield s
    s.stop()


def with_resolver(tmp_path: Path, nameserver: str, args: list[str],
                  prefix: tuple[str, ...] = ("unshare", "-rm")) -> subprocess.CompletedProcess[str]:
    conf = tmp_path / "resolv.conf"
    conf.write_text(f"nameserver {nameserver}\noptions timeout:1 attempts:1\n")
    script = 'mount --bind "$0" /etc/resolv.conf && exec "$@"'
    return subprocess.run([*prefix, "sh", "-c", script, str(conf), sys.executable, "-m", "citekeeper", "check",
                           *args], capture_output=True, text=True, timeout=60, cwd=tmp_path)


def results(res: subprocess.CompletedProcess[str]) -> dict[str, dict]:
    data = json.loads(res.stdout)
    return {r["target"]: r for r in data["results"]} | {"": data["summary"]}


def network_warnings(res: subprocess.CompletedProcess[str]) -> list[str]:
    return [w for w in res.stderr.splitlines() if "network looks unreachable" in w]


def cached(cache: Path) -> dict[str, str]:
    with sqlite3.connect(cache) as db:
        return dict(db.execute("SELECT key, status FROM results").fetchall())


def test_a_resolver_saying_nxdomain_makes_dead_hosts(resolver: Resolver, site: Scripted, tmp_path: Path) -> None:
    urls = [f"http://h{i}.nx.test/page" for i in range(3)] + [site.url("/ok/alive")]
    res = with_resolver(tmp_path, DNS_IP, [str(write_bib(tmp_path, urls)), *FAST])
    assert res.returncode == 1, res.stderr
    got = results(res)
    assert [got[u]["status"] for u in urls] == ["broken"] * 3 + ["ok"]
    assert got[""]["network"] == "ok" and not network_warnings(res)


@pytest.mark.parametrize("kind", ["servfail", "drop", "refused"])
def test_a_failing_resolver_is_transient_never_broken(resolver: Resolver, site: Scripted, tmp_path: Path,
                                                      kind: str) -> None:
    names = [f"http://h{i}.{kind if kind != 'refused' else 'nx'}.test/p" for i in range(2)]
    cache = tmp_path / "links.sqlite"
    args = [str(write_bib(tmp_path, names)), *[a for a in FAST if a != "--no-cache"], "--cache", str(cache)]
    ns = "127.0.0.78" if kind == "refused" else DNS_IP  # nothing listens on .78: ICMP refused
    res = with_resolver(tmp_path, ns, args)
    assert res.returncode == 0, res.stderr
    got = results(res)
    assert [got[u]["status"] for u in names] == ["transient"] * 2, got
    assert got[""]["network"] == "unreachable"
    assert len(network_warnings(res)) == 1, res.stderr
    assert not any(v == "broken" for v in cached(cache).values())


def test_some_hosts_answering_keeps_the_others_honest(resolver: Resolver, site: Scripted, tmp_path: Path) -> None:
    """A live loopback site and names the resolver cannot answer for: ok, and transient."""
    urls = [site.url("/ok/live"), site.url("/gone/dead"), "http://a.servfail.test/x", "http://b.servfail.test/y"]
    res = with_resolver(tmp_path, DNS_IP, [str(write_bib(tmp_path, urls)), *FAST])
    got = results(res)
    assert [got[u]["status"] for u in urls] == ["ok", "broken", "transient", "transient"], got
    assert res.returncode == 1  # the 404 is a real dead link


def test_offline_can_be_made_red_on_purpose(resolver: Resolver, tmp_path: Path) -> None:
    res = with_resolver(tmp_path, DNS_IP, [str(write_bib(tmp_path, ["http://x.servfail.test/"])), *FAST,
                                           "--fail-on", "broken,transient"])
    assert res.returncode == 1 and results(res)["http://x.servfail.test/"]["status"] == "transient"


def test_offline_makes_no_archive_look_up_and_no_error_annotation(resolver: Resolver, site: Scripted,
                                                                  tmp_path: Path) -> None:
    before = site.hits["wayback"] + site.hits["cdx"] + site.hits["timegate"]
    args = [str(write_bib(tmp_path, [f"http://h{i}.servfail.test/" for i in range(3)])),
            *[a if a != "json" else "github" for a in FAST if a not in ("--archive", "none")]]
    conf_env = ["env", f"CITEKEEPER_WAYBACK_API={site.url('/wayback')}", f"CITEKEEPER_CDX_API={site.url('/cdx')}",
                f"CITEKEEPER_MEMENTO_API={site.url('/timegate')}"]
    res = with_resolver(tmp_path, DNS_IP, args, prefix=("unshare", "-rm", *conf_env))
    assert res.returncode == 0, res.stderr
    assert "::error" not in res.stdout and "::warning" in res.stdout + res.stderr
    assert site.hits["wayback"] + site.hits["cdx"] + site.hits["timegate"] == before


def test_a_name_resolving_to_loopback_is_refused_then_allowed(resolver: Resolver, site: Scripted,
                                                              tmp_path: Path) -> None:
    urls = [f"http://svc.inside.test:{site.port}/ok/a", f"http://svc.mixed.test:{site.port}/ok/b"]
    before = site.hits["ok"]
    quiet = [a for a in FAST if a != "--allow-private"]
    res = with_resolver(tmp_path, DNS_IP, [str(write_bib(tmp_path, urls)), *quiet])
    got = results(res)
    assert [got[u]["status"] for u in urls] == ["skipped", "skipped"], got
    assert "private" in got[urls[0]]["reason"] and site.hits["ok"] == before
    res = with_resolver(tmp_path, DNS_IP, [str(write_bib(tmp_path, urls)), *FAST])
    got = results(res)
    assert got[urls[0]]["status"] == "ok", got
    assert site.hits["ok"] > before


@pytest.mark.parametrize("url", ["http://[2001:db8::1]/x", "http://[2001:db8::2]:8443/y"])
def test_no_route_is_transient_never_broken(tmp_path: Path, url: str) -> None:
    """A documentation-range address nobody routes (IPv4 ones are answered by some sandboxes'
    own network stack, so they cannot stand for "no route" everywhere)."""
    from test_attack_hostile import check

    run = check([str(write_bib(tmp_path, [url])), *FAST, "--timeout", "0.4"], cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.rows[0]["status"] == "transient", run.rows[0]


def test_a_machine_without_a_network(tmp_path: Path) -> None:
    if not shutil.which("unshare") or subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode:
        pytest.skip("no network namespaces here")
    p = write_bib(tmp_path, ["https://example.org/a", "https://www.example.com/b", "http://93.184.216.34/c"])
    p.write_text(p.read_text() + "@article{d,\n  doi = {10.1000/182}\n}\n")
    for fmt in ("json", "junit"):
        res = subprocess.run(["unshare", "-rn", sys.executable, "-m", "citekeeper", "check", str(p), "--no-cache",
                              "--format", fmt, "--timeout", "1", "--jobs", "1"], capture_output=True, text=True,
                             timeout=60)
        assert res.returncode == 0, res.stderr
        assert len(network_warnings(res)) == 1, res.stderr
        if fmt == "json":
            rows = json.loads(res.stdout)["results"]
            assert {r["status"] for r in rows} == {"transient"} and len(rows) == 4, rows
        else:
            assert 'failures="0"' in res.stdout and "<failure" not in res.stdout, res.stdout

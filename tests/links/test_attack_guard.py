"""Attack harness, part 2: the private-address guard, as ``citekeeper check`` meets it.

An "internal service" listens on 127.0.0.1 and counts what reaches it.  A cited URL
or a redirect names it in every spelling a resolver or a URL parser accepts; without
``--allow-private`` not one request may arrive, and the link is ``skipped`` (cited)
or ``blocked`` (reached by a redirect).  With ``--allow-private`` the same spellings
must reach the same service: the host judged is the host connected to.

The front server that redirects is on 127.0.0.2, named as a service endpoint
(``CITEKEEPER_DOI_API``): configured endpoints are trusted, so the first hop is
allowed and only the redirect is judged -- as for a public site redirecting inward.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_attack_hostile import FAST, Scripted, _hop, answer, check, ok, write_bib

QUIET = [a for a in FAST if a != "--allow-private"]


@pytest.fixture(scope="module")
def internal() -> Iterator[Scripted]:
    s = Scripted({"ok": ok, "secret": ok}).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def front() -> Iterator[Scripted]:
    s = Scripted({}, host="127.0.0.2").start()
    yield s
    s.stop()


def spellings(port: int) -> list[str]:
    """127.0.0.1 (and its IPv6 forms) written every way a URL can name it."""
    hosts = ["127.0.0.1", "127.0.0.1.", "2130706433", "0x7f000001", "0x7F.0.0.1", "017700000001",
             "0177.0.0.1", "0177.0.0.01", "127.1", "127.0.1", "0x7f.0x0.0x0.0x1", "127.000.000.001",
             "１２７.０.０.１", "127。0。0。1", "127．0．0．1", "127｡0｡0｡1", "①②⑦.0.0.1",
             "%31%32%37.0.0.1", "LOCALHOST", "localhost.", "api.localhost",
             "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]", "[::127.0.0.1]",
             "[64:ff9b::127.0.0.1]", "[2002:7f00:1::]", "[::1]", "[0:0:0:0:0:0:0:1]", "0", "0.0.0.0"]
    return [f"http://{h}:{port}/secret/x" for h in hosts]


def test_every_spelling_of_loopback_is_skipped_without_a_request(internal: Scripted, tmp_path: Path) -> None:
    urls = spellings(internal.port)
    before = sum(internal.hits.values())
    run = check([str(write_bib(tmp_path, urls)), *QUIET], cwd=tmp_path)
    assert run.code == 0, run.err
    got = {r["target"]: (r["status"], r["reason"]) for r in run.rows}
    wrong = {u: got.get(u) for u in urls if got.get(u, ("?",))[0] != "skipped"}
    assert not wrong, wrong
    assert all("--allow-private" in reason for _, reason in got.values())
    assert sum(internal.hits.values()) == before


@pytest.mark.parametrize("host", ["169.254.169.254", "0xa9fea9fe", "2852039166", "[::ffff:169.254.169.254]",
                                  "10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1", "192.0.0.8",
                                  "198.18.0.1", "[fd00::1]", "[fe80::1%25eth0]", "224.0.0.1", "240.0.0.1",
                                  "[64:ff9b:1::a00:1]", "[2001::1]", "[ff02::1]"])
def test_other_inside_ranges_are_skipped(host: str, tmp_path: Path) -> None:
    run = check([str(write_bib(tmp_path, [f"http://{host}/latest/meta-data/"])), *QUIET], cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.rows[0]["status"] == "skipped", run.rows[0]


@pytest.mark.parametrize("form", ["2130706433", "0x7f.1", "0177.0.0.1", "127.1", "１２７.０.０.１",
                                  "127。0。0。1", "127.0.0.1.", "%31%32%37.0.0.1", "[::ffff:127.0.0.1]"])
def test_allow_private_reaches_what_the_guard_judged(internal: Scripted, tmp_path: Path, form: str) -> None:
    """The spelling the guard reads as 127.0.0.1 is also what the transport connects to."""
    if form.startswith("[") and not socket.has_ipv6:
        pytest.skip("no IPv6")
    before = internal.hits["ok"]
    run = check([str(write_bib(tmp_path, [f"http://{form}:{internal.port}/ok/x"])), *FAST], cwd=tmp_path)
    row = run.rows[0]
    if form.startswith("[") and row["status"] != "ok":
        pytest.skip(f"IPv4-mapped IPv6 not routable here: {row['reason']}")
    assert row["status"] == "ok", row
    assert internal.hits["ok"] == before + 1


@pytest.mark.parametrize("form", ["127.0.0.1", "2130706433", "0x7f.1", "017700000001", "１２７.０.０.１",
                                  "127。0。0。1", "[::ffff:127.0.0.1]", "[::127.0.0.1]", "[64:ff9b::7f00:1]",
                                  "localhost", "%31%32%37.0.0.1", "ｌｏｃａｌｈｏｓｔ", "LOCALHOST.", "[::1]", "0",
                                  "127.0.0.1.", "0x7f000001", "169.254.169.254", "[fe80::1%25lo]"])
def test_a_redirect_inward_is_blocked_before_it_is_followed(internal: Scripted, front: Scripted,
                                                            tmp_path: Path, form: str) -> None:
    name = f"to-{abs(hash(form))}"
    front.routes[name] = _hop(f"http://{form}:{internal.port}/secret/x")
    env = {"CITEKEEPER_DOI_API": front.url("/api")}
    before = sum(internal.hits.values())
    run = check([str(write_bib(tmp_path, [front.url(f"/{name}/a")])), *QUIET], env=env, cwd=tmp_path)
    row = run.rows[0]
    assert row["status"] == "blocked" and "private" in row["reason"], row
    assert front.hits[name] == 1
    assert sum(internal.hits.values()) == before


def test_a_name_that_resolves_inside_is_refused(internal: Scripted, tmp_path: Path) -> None:
    """A DNS name (not a 'localhost' one) whose addresses are all private: resolved, then refused."""
    name = socket.gethostname()
    try:
        addrs = {a[4][0] for a in socket.getaddrinfo(name, None)}
    except OSError:
        pytest.skip(f"{name} does not resolve here")
    from citekeeper.links.safety import is_public

    if any(is_public(a) for a in addrs):
        pytest.skip(f"{name} resolves to a public address here")
    before = sum(internal.hits.values())
    run = check([str(write_bib(tmp_path, [f"http://{name}:{internal.port}/secret/x"])), *QUIET], cwd=tmp_path)
    row = run.rows[0]
    assert row["status"] == "skipped" and "private" in row["reason"], row
    assert sum(internal.hits.values()) == before


def test_a_timegate_redirect_inward_is_not_followed(internal: Scripted, front: Scripted, tmp_path: Path) -> None:
    """The archive pass goes through the same guard: a TimeGate (trusted) pointing inward is refused."""
    front.routes["timegate"] = _hop(f"http://2130706433:{internal.port}/secret/memento")

    async def nothing(r):  # type: ignore[no-untyped-def]
        r.send(answer("200 OK", b'{"archived_snapshots": {}}', "Content-Type: application/json"))
        return True
    front.routes["wayback"] = front.routes["cdx"] = nothing
    env = {"CITEKEEPER_WAYBACK_API": front.url("/wayback/available"), "CITEKEEPER_CDX_API": front.url("/cdx/search"),
           "CITEKEEPER_MEMENTO_API": front.url("/timegate")}
    before = sum(internal.hits.values())
    args = [a for a in QUIET if a not in ("--archive", "none")]
    run = check([str(write_bib(tmp_path, [front.url("/gone/a")])), *args], env=env, cwd=tmp_path)
    assert run.code == 1, run.err
    row = run.rows[0]
    assert row["status"] == "broken" and row["archive"] is None, row
    assert front.hits["timegate"] == 1 and sum(internal.hits.values()) == before


def test_a_cited_url_on_a_private_port_of_a_trusted_host_is_still_judged_by_its_scheme(front: Scripted,
                                                                                        tmp_path: Path) -> None:
    run = check([str(write_bib(tmp_path, [f"ftp://127.0.0.2:{front.port}/x", "file:///etc/passwd"]))
                 , *QUIET], cwd=tmp_path)
    assert [r["status"] for r in run.rows] == ["skipped", "skipped"], run.rows

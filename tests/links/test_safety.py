"""The guard: private addresses are refused in every spelling, on every hop."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from linkservers import LocalWeb, run_url

from citekeeper.links.fetch import Fetcher, HttpSettings, NetError
from citekeeper.links.safety import address_of, is_public, normalise_host, refuse_reason
from citekeeper.links.transport import Transport
from citekeeper.links.urls import endpoint
from citekeeper.links.verdict import Status


@pytest.mark.parametrize("addr", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                                  "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.1",
                                  "100.64.0.1", "0.0.0.0", "224.0.0.1",
                                  # special-use ranges ipaddress calls global
                                  "64:ff9b::7f00:1", "64:ff9b::808:808", "64:ff9b:1::1",
                                  "2002:7f00:1::1", "2002:808:808::1", "::7f00:1", "::127.0.0.1",
                                  "192.0.0.8", "192.0.0.170", "2001::1", "2001:db8::1",
                                  "198.18.0.1", "240.0.0.1", "255.255.255.255", "fc00::1"])
def test_non_public_addresses(addr: str) -> None:
    assert not is_public(addr)


def test_public_addresses() -> None:
    assert is_public("93.184.216.34") and is_public("2606:2800:220:1::1")
    assert is_public("8.8.8.8") and is_public("2a00:1450:4001:80b::200e")


@pytest.mark.parametrize("host", [
    "127.0.0.1", "2130706433", "0x7f000001", "0x7f.1", "0177.0.0.1", "0177.0.0.01", "127.1",
    "127.0.1", "017700000001", "１２７.０.０.１", "127。0。0。1", "127．0．0．1", "127｡0｡0｡1",
    "[::ffff:127.0.0.1]", "[::1]", "[0:0:0:0:0:0:0:1]", "[::127.0.0.1]", "[64:ff9b::127.0.0.1]",
    "LOCALHOST", "localhost.", "foo.localhost", "ｌｏｃａｌｈｏｓｔ", "169.254.169.254.",
    "0251.0376.0251.0376", "0xa9fea9fe", "2852039166", "0", "0.0.0.0", "10.1", "[fe80::1%25eth0]",
])
def test_every_spelling_of_a_private_host_is_refused(host: str) -> None:
    assert refuse_reason(host, False, frozenset()), host


def test_numeric_forms_are_read_as_resolvers_read_them() -> None:
    assert address_of("2130706433") == "127.0.0.1"
    assert address_of("0x7f.1") == "127.0.0.1"
    assert address_of("0177.0.0.1") == "127.0.0.1"
    assert address_of("1.2.3") == "1.2.0.3"
    assert address_of("08.1.1.1") is None  # not octal, not decimal: a name
    assert address_of("example.org") is None
    assert normalise_host("１２７.０.０.１") == "127.0.0.1"
    assert normalise_host("Bücher.Example") == "xn--bcher-kva.example"


def test_the_guarded_host_is_the_host_connected_to() -> None:
    # The endpoint parser (what the transport uses) and the guard agree on every form.
    for url in ("http://１２７.０.０.１/", "http://127。0。0。1:8080/x", "http://0x7f.1/",
                "http://2130706433/", "http://[::ffff:7f00:1]/", "http://user:pw@127.0.0.1/"):
        ep = endpoint(url)
        assert not is_public(address_of(ep.host) or ""), url


def test_public_names_pass() -> None:
    assert refuse_reason("example.org", False, frozenset()) is None
    assert refuse_reason("10.0.0.1", True, frozenset()) is None
    assert refuse_reason("10.0.0.1", False, frozenset({"10.0.0.1"})) is None


def test_private_url_is_skipped_without_a_request(web: LocalWeb, settings: HttpSettings) -> None:
    s = dataclasses.replace(settings, allow_private=False)
    before = web.total()
    for url in (web.url("/ok"), f"http://１２７.０.０.１:{web.port}/ok", f"http://127。0。0。1:{web.port}/ok",
                f"http://2130706433:{web.port}/ok", f"http://0x7f.1:{web.port}/ok",
                f"http://[::ffff:127.0.0.1]:{web.port}/ok", f"http://localhost:{web.port}/ok"):
        r = run_url(s, url)
        assert r.status is Status.SKIPPED and "--allow-private" in r.reason, url
    assert web.total() == before


def test_redirect_into_private_network_is_refused(web: LocalWeb, settings: HttpSettings) -> None:
    # The first host is trusted (as configured endpoints are); the redirect target is not.
    s = dataclasses.replace(settings, allow_private=False, trusted_hosts=frozenset({"127.0.0.1"}))
    r = run_url(s, web.url("/to-private"))
    assert r.status is Status.BLOCKED and "169.254.169.254" in r.reason


def test_fetch_refuses_private_hosts_below_every_caller(web: LocalWeb) -> None:
    """The public fetch API (used by the archive pass and enrich) has the guard built in."""

    async def go(url: str) -> str:
        async with Fetcher(HttpSettings(timeout=1.0)) as f:
            try:
                await f.fetch(url)
            except NetError as err:
                return err.kind
            return "sent"

    before = web.total()
    for url in (web.url("/ok"), f"http://１２７.０.０.１:{web.port}/ok", f"http://0177.1:{web.port}/ok"):
        assert asyncio.run(go(url)) == "private", url
    assert web.total() == before


def test_fetch_refuses_redirects_into_the_private_network(web: LocalWeb) -> None:
    async def go() -> str:
        async with Fetcher(HttpSettings(timeout=1.0, trusted_hosts=frozenset({"127.0.0.1"}))) as f:
            try:
                await f.fetch(web.url("/to-private"), follow_redirects=True)
            except NetError as err:
                return err.kind
            return "sent"

    assert asyncio.run(go()) == "private"


def test_a_name_resolving_only_to_private_addresses_is_refused() -> None:
    async def go(allow: bool) -> list[str]:
        async with Transport(user_agent="t", connect_timeout=1, read_timeout=1, max_open=4,
                             allow_private=allow) as t:
            return await t.addresses(endpoint("http://localhost.localdomain./"))

    with pytest.raises(NetError) as err:
        asyncio.run(go(False))
    assert err.value.kind == "private"

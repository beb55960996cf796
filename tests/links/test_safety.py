"""Private addresses are refused by default: literals, DNS answers and redirects."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from linkservers import LocalWeb, run_url

from citekeeper.links.http import HttpSettings
from citekeeper.links.safety import PrivateAddressError, SafeResolver, is_public, refuse_reason
from citekeeper.links.verdict import Status


@pytest.mark.parametrize("addr", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                                  "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.1",
                                  "100.64.0.1", "0.0.0.0", "224.0.0.1"])
def test_non_global_addresses(addr: str) -> None:
    assert not is_public(addr)


def test_global_addresses() -> None:
    assert is_public("93.184.216.34") and is_public("2606:2800:220:1::1")


def test_literal_and_localhost_refused_before_any_dns() -> None:
    assert refuse_reason("10.0.0.1", False, frozenset())
    assert refuse_reason("[::1]", False, frozenset())
    assert refuse_reason("localhost", False, frozenset())
    assert refuse_reason("10.0.0.1", True, frozenset()) is None
    assert refuse_reason("10.0.0.1", False, frozenset({"10.0.0.1"})) is None
    assert refuse_reason("example.org", False, frozenset()) is None


def test_private_url_is_skipped_without_a_request(web: LocalWeb, settings: HttpSettings) -> None:
    s = dataclasses.replace(settings, allow_private=False)
    before = web.total()
    r = run_url(s, web.url("/ok"))
    assert r.status is Status.SKIPPED and "--allow-private" in r.reason
    assert web.total() == before


def test_redirect_into_private_network_is_refused(web: LocalWeb, settings: HttpSettings) -> None:
    # The first host is trusted (as configured endpoints are); the redirect target is not.
    s = dataclasses.replace(settings, allow_private=False, trusted_hosts=frozenset({"127.0.0.1"}))
    r = run_url(s, web.url("/to-private"))
    assert r.status is Status.BLOCKED and "169.254.169.254" in r.reason


def test_dns_answer_with_only_private_addresses_is_refused() -> None:
    async def go() -> None:
        res = SafeResolver(allow_private=False)
        try:
            await res.resolve("localhost", 80)
        finally:
            await res.close()

    with pytest.raises(PrivateAddressError):
        asyncio.run(go())


def test_dns_answer_allowed_when_asked() -> None:
    async def go() -> list[dict]:
        res = SafeResolver(allow_private=True)
        try:
            return await res.resolve("localhost", 80)
        finally:
            await res.close()

    assert asyncio.run(go())

"""``Checker._refusal``: the guard's answer for a host is worked out once per run and
holds for every link and every redirect hop to that host."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from linkservers import LocalWeb

from citekeeper.links import checker as checker_mod
from citekeeper.links.checker import Checker
from citekeeper.links.fetch import HttpSettings
from citekeeper.links.verdict import Result, Status, Target


def _check(settings: HttpSettings, urls: list[str]) -> tuple[dict[str, Result], dict[str, str | None]]:
    async def go() -> tuple[dict[str, Result], dict[str, str | None]]:
        async with Checker(settings) as c:
            res = await c.check_all([Target("url", u) for u in urls])
            return res, dict(c._refusals)

    return asyncio.run(go())


def test_every_link_of_a_refused_host_is_refused_with_one_answer(web: LocalWeb, settings: HttpSettings) -> None:
    guarded = dataclasses.replace(settings, allow_private=False)
    urls = [web.url(f"/refused-probe/{i}") for i in range(5)]
    results, table = _check(guarded, urls)
    assert {r.status for r in results.values()} == {Status.SKIPPED}
    assert len({r.reason for r in results.values()}) == 1
    assert "private address 127.0.0.1" in next(iter(results.values())).reason
    assert web.total("/refused-probe/") == 0  # nothing was asked of the refused host
    assert list(table) == ["127.0.0.1"]


def test_a_trusted_host_redirecting_to_a_private_one_is_still_blocked(
        web: LocalWeb, settings: HttpSettings) -> None:
    trusted = dataclasses.replace(settings, allow_private=False, trusted_hosts=frozenset({"127.0.0.1"}))
    results, table = _check(trusted, [web.url("/to-private"), web.url("/ok"), web.url("/to-private?again")])
    by_url = {r.target: r for r in results.values()}
    assert by_url[web.url("/ok")].status is Status.OK
    for u in (web.url("/to-private"), web.url("/to-private?again")):
        assert by_url[u].status is Status.BLOCKED
        assert "169.254.169.254" in by_url[u].reason
    assert set(table) == {"127.0.0.1", "169.254.169.254"}
    assert table["127.0.0.1"] is None and table["169.254.169.254"]


def test_the_table_stays_bounded(web: LocalWeb, settings: HttpSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checker_mod, "REFUSAL_CACHE", 2)
    guarded = dataclasses.replace(settings, allow_private=False)
    hosts = ["127.0.0.1", "10.1.2.3", "192.168.7.7", "169.254.1.1"]
    results, table = _check(guarded, [f"http://{h}:{web.port}/x" for h in hosts])
    assert len(table) <= 2
    assert {r.status for r in results.values()} == {Status.SKIPPED}
    assert all("private address" in r.reason for r in results.values())

"""``Checker.check_feed`` judges a URL's last answer after the requests ready to go out:
the host's next request is written before the answer before it is judged, and every
result still arrives before ``check_all`` returns."""

from __future__ import annotations

import asyncio
import dataclasses

from linkservers import LocalWeb

from citekeeper.links.checker import Checker
from citekeeper.links.fetch import HttpSettings
from citekeeper.links.verdict import Result, Status, Target


def test_the_next_request_of_a_host_goes_out_before_the_answer_is_judged(
        web: LocalWeb, settings: HttpSettings) -> None:
    one_at_a_time = dataclasses.replace(settings, per_host=1)  # the next request needs the answer
    urls = [web.url(f"/slowish/judge-later-{i}") for i in range(3)]
    written_when_judged: list[int] = []

    async def go() -> dict[str, Result]:
        async with Checker(one_at_a_time) as c:
            tr = c.fetcher.transport
            assert tr is not None

            def progress(t: Target, r: Result) -> None:
                written_when_judged.append(tr.stats["requests"])

            return await c.check_all([Target("url", u) for u in urls], progress)

    results = asyncio.run(go())
    assert {r.status for r in results.values()} == {Status.OK}
    assert len(results) == 3
    # Judged after the next request went out; the last one after nothing more.
    assert written_when_judged == [2, 3, 3]


def test_a_soft_404_is_still_found_when_judged_later(web: LocalWeb, settings: HttpSettings) -> None:
    async def go() -> dict[str, Result]:
        async with Checker(settings) as c:
            return await c.check_all([Target("url", web.url("/soft404/article")), Target("url", web.url("/ok"))])

    results = asyncio.run(go())
    by_url = {r.target: r for r in results.values()}
    assert by_url[web.url("/soft404/article")].status is Status.BROKEN
    assert "soft 404" in by_url[web.url("/soft404/article")].reason
    assert by_url[web.url("/ok")].status is Status.OK

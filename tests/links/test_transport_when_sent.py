"""``Transport.when_sent``: what a run imports off the request path runs once its first
requests are written and no connection is being opened, never before them."""

from __future__ import annotations

import asyncio

from linkservers import LocalWeb

from citekeeper.links.checker import Checker
from citekeeper.links.fetch import HttpSettings
from citekeeper.links.verdict import Status, Target


def _run(settings: HttpSettings, urls: list[str]) -> tuple[list[tuple[int, int, int]], dict[str, Status]]:
    seen: list[tuple[int, int, int]] = []  # (requests written, answers read, connects under way)

    async def go() -> dict[str, Status]:
        async with Checker(settings) as c:
            tr = c.fetcher.transport
            assert tr is not None

            def hook() -> None:
                answers = sum(v for k, v in tr.stats.items() if k.startswith("status_"))
                seen.append((tr.stats["requests"], answers, tr._connecting))

            c.when_sent(hook)
            out = await c.check_all([Target("url", u) for u in urls])
            return {k: r.status for k, r in out.items()}

    return seen, asyncio.run(go())


def test_runs_once_after_the_first_requests_before_their_answers(web: LocalWeb, settings: HttpSettings) -> None:
    urls = [web.url(f"/slowish/when-sent-{i}") for i in range(6)]  # each answer takes 50 ms
    seen, statuses = _run(settings, urls)
    assert set(statuses.values()) == {Status.OK}
    assert len(seen) == 1  # once, though six requests went out
    written, answered, connecting = seen[0]
    assert written >= 1
    assert answered == 0  # while the first answers were still on their way
    assert connecting == 0


def test_a_run_that_sends_nothing_never_runs_it(settings: HttpSettings) -> None:
    seen, statuses = _run(settings, ["ftp://example.org/file", "mailto:someone@example.org"])
    assert set(statuses.values()) == {Status.SKIPPED}
    assert seen == []

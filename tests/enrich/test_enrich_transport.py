"""The HTTP adapter against the look-alikes: pacing by the announced rate limit,
429 + Retry-After, the shared SQLite cache, etiquette, no answer."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from lookalike import Lookalike
from seeds import SEEDS

from citekeeper.enrich.transport import Answer, Transport, polite_agent, with_query
from citekeeper.links.fetch import HttpSettings


@pytest.fixture(scope="module")
def limited() -> Iterator[Lookalike]:
    """A registry that allows 5 requests a second and says so in X-Rate-Limit-*."""
    r = Lookalike(SEEDS, limit=5, interval=1.0).start()
    yield r
    r.stop()


def _get_all(r: Lookalike, urls: list[str], **kw: object) -> tuple[list[Answer], Transport]:
    async def main() -> tuple[list[Answer], Transport]:
        http = HttpSettings(allow_private=True, timeout=2.0, backoff=0.02, retries=3)
        t = Transport(http, endpoints=[r.url("crossref")], **kw)
        async with t:
            answers = await asyncio.gather(*(t.get_json(u) for u in urls))
        return list(answers), t
    return asyncio.run(main())


def _work_urls(r: Lookalike, n: int) -> list[str]:
    dois = [s.doi for s in SEEDS if s.agency == "crossref" and not s.delay]
    return [with_query(r.url("crossref"), f"/works/{dois[i % len(dois)]}", {"n": str(i)}) for i in range(n)]


def test_rate_limit_headers_pace_requests_and_429s_are_retried(limited: Lookalike) -> None:
    limited.reset_counts()
    answers, t = _get_all(limited, _work_urls(limited, 12), rate=100.0)
    assert all(a.ok for a in answers)
    # Paced to the announced 5/s after the first answers: at most the opening burst is refused.
    assert limited.throttled["crossref"] <= 4
    assert t.fetcher.gate(next(iter(t._rates))).delay >= 1 / 5


def test_answers_are_cached_in_the_shared_sqlite_file(registry: Lookalike, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite"
    urls = [*_work_urls(registry, 3), with_query(registry.url("crossref"), "/works/10.5555/none", {})]
    registry.reset_counts()
    first, _ = _get_all(registry, urls, cache_path=str(cache))
    assert [a.status for a in first] == [200, 200, 200, 404]
    sent = registry.requests["crossref"]
    second, t = _get_all(registry, urls, cache_path=str(cache))
    assert registry.requests["crossref"] == sent  # nothing sent again
    assert all(a.from_cache for a in second) and [a.data for a in second] == [a.data for a in first]
    assert t.stats["from_cache"] == 4


def test_no_answer_is_an_answer_with_a_kind(registry: Lookalike) -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    url = f"http://127.0.0.1:{port}/works/10.1/x"

    async def main() -> tuple[Answer, dict[str, str]]:
        http = HttpSettings(allow_private=True, timeout=0.5, retries=0)
        async with Transport(http, endpoints=[url]) as t:
            return await t.get_json(url), t.offline_hosts()

    a, offline = asyncio.run(main())
    assert a.status is None and a.failed and a.error == "refused"
    assert list(offline) == [f"127.0.0.1:{port}"]


def test_etiquette() -> None:
    assert polite_agent("citekeeper/1 (+https://x)", "me@example.org") == \
        "citekeeper/1 (+https://x; mailto:me@example.org)"
    assert polite_agent("tool/1", "") == "tool/1"
    assert with_query("http://h/", "/works", {"rows": "5", "mailto": ""}) == "http://h/works?rows=5"


def test_concurrency_limit_header_lowers_requests_in_flight() -> None:
    r = Lookalike(SEEDS, latency=0.05, concurrency=2).start()
    try:
        answers, t = _get_all(r, _work_urls(r, 16), rate=1000.0)
        assert all(a.ok for a in answers)
        assert t.fetcher.gate(next(iter(t._rates))).limit <= 2
        assert r.throttled["crossref"] <= 3  # only the opening burst, before the header was seen
    finally:
        r.stop()


def test_announced_budget_is_the_pace_unless_a_rate_was_set(registry: Lookalike) -> None:
    """The look-alike announces 50 a second: followed from the default 10, capped by a set 20."""
    _, t = _get_all(registry, _work_urls(registry, 2), rate=10.0, rate_is_cap=False)
    assert list(t._rates.values()) == [50.0]
    _, t = _get_all(registry, _work_urls(registry, 2), rate=20.0, rate_is_cap=True)
    assert list(t._rates.values()) == [20.0]

"""The scheduler of checks: per-host limits, the global number of workers, every
target once, hosts taken in turn."""

from __future__ import annotations

import asyncio
from collections import Counter

from citekeeper.links.schedule import Pool, Ring


def run_pool(items: list[tuple[str, int]], slots: int, limits: dict[str, int],
             batches: int = 1) -> tuple[list[tuple[str, int]], int, Counter[str]]:
    """Run every item through a Pool; return the order they ran in, the most workers
    in flight at once and the most in flight per host."""
    order: list[tuple[str, int]] = []
    busy = Counter[str]()
    peak_host: Counter[str] = Counter()
    peak = [0, 0]

    async def main() -> None:
        ring: Ring[tuple[str, int]] = Ring(lambda key: limits[key])

        async def one(item: tuple[str, int]) -> None:
            host = item[0]
            busy[host] += 1
            peak[0] += 1
            peak[1] = max(peak[1], peak[0])
            peak_host[host] = max(peak_host[host], busy[host])
            order.append(item)
            await asyncio.sleep(0.001 * (1 + item[1] % 3))
            busy[host] -= 1
            peak[0] -= 1

        pool = Pool(ring, slots, one)
        step = max(1, len(items) // batches)
        for i in range(0, len(items), step):
            for it in items[i:i + step]:
                ring.add(it[0], it)
            pool.start()
            await asyncio.sleep(0.002)
        pool.end()
        await asyncio.gather(*pool.tasks)
        assert len(pool.tasks) <= slots

    asyncio.run(main())
    return order, peak[1], peak_host


def test_every_item_once_within_the_host_and_global_limits() -> None:
    items = [(f"h{i % 7}", i) for i in range(300)]
    limits = {f"h{i}": 1 + i % 4 for i in range(7)}
    order, peak, per_host = run_pool(items, slots=9, limits=limits, batches=5)
    assert sorted(order) == sorted(items)
    assert peak <= 9
    assert all(per_host[h] <= limits[h] for h in limits)
    # One host's targets run in the order they came.
    for h in limits:
        mine = [i for host, i in order if host == h]
        assert mine == sorted(mine)


def test_hosts_take_turns_when_the_workers_are_fewer_than_the_hosts_want() -> None:
    # 4 hosts x 4 per host wanted, 4 workers: the first 8 starts cover every host.
    items = [(f"h{i % 4}", i) for i in range(40)]
    order, peak, _ = run_pool(items, slots=4, limits={f"h{i}": 4 for i in range(4)})
    assert peak <= 4
    assert {h for h, _ in order[:8]} == {"h0", "h1", "h2", "h3"}


def test_a_limit_that_shrinks_is_honoured_at_once() -> None:
    limits = {"a": 3}
    ring: Ring[int] = Ring(lambda key: limits[key])
    for i in range(5):
        ring.add("a", i)
    assert [ring.take(), ring.take()] == [("a", 0), ("a", 1)]
    limits["a"] = 2  # a 429: one request less in flight
    assert ring.take() is None
    ring.done("a")
    assert ring.take() == ("a", 2)
    assert ring.take() is None

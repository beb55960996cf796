"""The permits behind the per-host gates and the global limit (``limits.Slots``,
``HostGate``): a free permit is taken without waiting, waiters are served in order,
and no permit is lost or doubled by a cancelled waiter or a throttled host."""

from __future__ import annotations

import asyncio

from citekeeper.links.limits import HostGate, Slots


def test_free_permits_are_taken_at_once_and_then_refused() -> None:
    s = Slots(2)
    assert s.try_take() and s.try_take()
    assert not s.try_take()
    assert s.locked()
    s.release()
    assert not s.locked()
    assert s.try_take()


def test_waiters_are_served_first_come_and_keep_their_turn() -> None:
    async def main() -> list[int]:
        s = Slots(1)
        assert s.try_take()
        order: list[int] = []

        async def waiter(i: int) -> None:
            await s.take()
            order.append(i)

        tasks = [asyncio.ensure_future(waiter(i)) for i in range(3)]
        await asyncio.sleep(0)
        assert not s.try_take()  # someone waits: a newcomer does not jump the queue
        for _ in range(3):
            s.release()
            await asyncio.sleep(0)
        await asyncio.gather(*tasks)
        assert s.free == 0  # the last waiter still holds the one permit
        s.release()
        assert s.free == 1
        return order

    assert asyncio.run(main()) == [0, 1, 2]


def test_a_waiter_cancelled_after_it_was_handed_the_permit_passes_it_on() -> None:
    async def main() -> None:
        s = Slots(1)
        assert s.try_take()
        first = asyncio.ensure_future(s.take())
        second = asyncio.ensure_future(s.take())
        await asyncio.sleep(0)
        s.release()  # handed to ``first`` ...
        first.cancel()  # ... which is cancelled before it runs
        await asyncio.gather(first, return_exceptions=True)
        await asyncio.wait_for(second, 1)  # the permit went on to ``second``
        assert s.free == 0 and not s.waiters
        # A waiter cancelled before any permit came leaves no trace.
        third = asyncio.ensure_future(s.take())
        await asyncio.sleep(0)
        third.cancel()
        await asyncio.gather(third, return_exceptions=True)
        assert not s.waiters
        s.release()
        assert s.free == 1

    asyncio.run(main())


def test_gate_fast_path_only_when_nothing_asks_to_wait() -> None:
    async def main() -> None:
        g = HostGate(2, 0.0)
        assert g.try_acquire() and g.try_acquire()
        assert not g.try_acquire()  # at its limit: the caller awaits ``acquire``
        g.release()
        assert g.try_acquire()
        g.release()
        g.release()
        # After a 429 the host shrinks to one in flight and pauses: always the slow path,
        # which honours the pause and the smaller limit.
        g.throttle(0.01, shrink=True)
        assert g.limit == 1
        assert not g.try_acquire()
        await asyncio.wait_for(g.acquire(), 1)
        g.release()
        assert g.sem.free == 1  # the release paid the debt: one permit left for the host
        delayed = HostGate(4, 0.01)
        assert not delayed.try_acquire()  # starts must be spaced: never the fast path

    asyncio.run(main())

"""Which target is checked next: one queue per first-hop host, a ring of the hosts
that have work and room under their gate, and at most ``slots`` workers.

Why not a worker per host slot waiting on the global limit (the design before): with
200 hosts x 4 and a global limit of 512, 288 workers always waited on one semaphore,
and every answer woke one of them through a future and an extra turn of the event
loop -- 6-7 % of a checking shard's CPU on 50,000 links (py-spy).  Here a worker that
finishes a request takes the next host from the ring itself, so the global limit is
never waited on; hosts are served round-robin (each gets its turn, as the semaphore's
first-come order gave), and no host ever has more than its gate's limit in flight.

Targets of one host are checked in the order they arrived.  Workers are started as
work arrives, up to ``slots``; an idle worker is handed its next target directly.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Ring(Generic[T]):
    """Per-host queues and the ring of hosts a worker may take from now."""

    __slots__ = ("alive", "in_ring", "limit_of", "queues", "ready")

    def __init__(self, limit_of: Callable[[str], int]) -> None:
        self.limit_of = limit_of  # the host's current limit (a 429 shrinks it)
        self.queues: dict[str, deque[T]] = {}
        self.alive: dict[str, int] = {}
        self.ready: deque[str] = deque()
        self.in_ring: set[str] = set()

    def add(self, key: str, item: T) -> None:
        q = self.queues.get(key)
        if q is None:
            q = self.queues[key] = deque()
            self.alive[key] = 0
        q.append(item)
        self._offer(key)

    def _offer(self, key: str) -> None:
        if key not in self.in_ring and self.queues[key] and self.alive[key] < self.limit_of(key):
            self.ready.append(key)
            self.in_ring.add(key)

    def take(self) -> tuple[str, T] | None:
        """The next host's oldest target, counted in flight; None when no host has room."""
        ready = self.ready
        while ready:
            key = ready.popleft()
            self.in_ring.discard(key)
            q = self.queues[key]
            if not q or self.alive[key] >= self.limit_of(key):
                continue  # its limit shrank since it was offered
            self.alive[key] += 1
            item = q.popleft()
            self._offer(key)  # more work and more room: back of the ring
            return key, item
        return None

    def done(self, key: str) -> None:
        self.alive[key] -= 1
        self._offer(key)


class Pool(Generic[T]):
    """At most ``slots`` workers taking from a ``Ring``; ``run(item)`` checks one."""

    def __init__(self, ring: Ring[T], slots: int, run: Callable[[T], Awaitable[None]]) -> None:
        self.ring = ring
        self.slots = max(1, slots)
        self.run = run
        self.tasks: list[asyncio.Task[None]] = []  # every worker started (none after ``end``)
        self.idle: list[asyncio.Future[tuple[str, T] | None]] = []
        self.ended = False

    def start(self) -> None:
        """Hand out what the ring has: to idle workers first, then to new ones."""
        ring = self.ring
        while ring.ready and (self.idle or len(self.tasks) < self.slots):
            got = ring.take()
            if got is None:
                return
            if self.idle:
                self.idle.pop().set_result(got)
            else:
                self.tasks.append(asyncio.ensure_future(self._worker(got)))

    def end(self) -> None:
        """No more work will be added: idle workers leave."""
        self.ended = True
        self.start()
        while self.idle:
            self.idle.pop().set_result(None)

    async def _worker(self, got: tuple[str, T] | None) -> None:
        ring = self.ring
        loop = asyncio.get_running_loop()
        while True:
            if got is None:
                got = ring.take()
                if got is None:
                    if self.ended:
                        return
                    fut: asyncio.Future[tuple[str, T] | None] = loop.create_future()
                    self.idle.append(fut)
                    got = await fut
                    if got is None:
                        return
            key, item = got
            got = None
            try:
                await self.run(item)
            finally:
                ring.done(key)
            while self.idle and ring.ready:  # work an idle worker can take
                nxt = ring.take()
                if nxt is None:
                    break
                self.idle.pop().set_result(nxt)

"""Politeness and resource limits: requests in flight per host and overall, and the
sockets the process may open.

* **Per-host gates** (``HostGate``): at most ``limit`` requests in flight to one
  ``host:port`` (default 4), request starts at least ``delay`` apart.  A host that
  answers 429 gets one request less in flight for the rest of the run (never less
  than one), and its ``Retry-After`` pauses every request to that host, not just the
  one that was told: the host said it is overloaded.
* **One global limit** (``HostLimits.total``), taken after the host gate, so a slow
  host never holds global slots other hosts could use.
* **The descriptor budget** (``fd_budget``): the transport never has more sockets
  open -- busy *and* idle keep-alive ones -- than the process may open, less a reserve
  for files, the cache and the resolver.  Under ``ulimit -n 256`` the run is slower,
  never "Too many open files".

Gates are acquired and released by explicit calls, not an async context manager:
on 50,000 requests the generator-based context manager cost 6 % of the run's CPU.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections import deque
from typing import Any

FD_RESERVE = 48  # descriptors kept for input/output files, SQLite, resolver threads


class Slots:
    """A counting semaphore whose uncontended take is a plain call (``try_take``).

    Why not ``asyncio.Semaphore``: its ``acquire`` is a coroutine even when a permit
    is free, and every request takes two (its host's and the global one) -- with the
    host gate's own ``acquire`` and the shards' shared count, four coroutines per
    request that never wait in the common case.  Waiters are served first-come, a
    released permit goes straight to the oldest waiter, and a waiter cancelled after
    it was handed a permit hands it on.
    """

    __slots__ = ("free", "waiters")

    def __init__(self, n: int) -> None:
        self.free = n
        self.waiters: deque[asyncio.Future[None]] = deque()

    def locked(self) -> bool:
        return self.free <= 0 or bool(self.waiters)

    def try_take(self) -> bool:
        """A permit now if one is free and nobody waits for one; else False."""
        if self.free > 0 and not self.waiters:
            self.free -= 1
            return True
        return False

    async def take(self) -> None:
        if self.try_take():
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiters.append(fut)
        try:
            await fut
        except BaseException:
            if fut.done() and not fut.cancelled():
                self.release()  # handed a permit, then cancelled: the next waiter's
            else:
                with contextlib.suppress(ValueError):
                    self.waiters.remove(fut)
            raise

    def release(self) -> None:
        waiters = self.waiters
        while waiters:
            fut = waiters.popleft()
            if not fut.done():
                fut.set_result(None)  # the permit passes to it directly
                return
        self.free += 1


class HostGate:
    """At most ``limit`` requests in flight to one host, starts ``delay`` apart."""

    __slots__ = ("_debt", "_next", "_resume", "delay", "limit", "sem", "shared", "slot")

    def __init__(self, limit: int, delay: float, shared: Any = None, slot: int = 0) -> None:
        self.sem = Slots(max(1, limit))
        self.limit = max(1, limit)
        self.delay = delay
        self._next = 0.0
        self._debt = 0  # permits to swallow on release after a throttle
        self._resume = 0.0  # loop time before which no request starts
        # With checking shards (``shard``): the host's count across processes too.
        self.shared = shared
        self.slot = slot

    def throttle(self, retry_after: float | None, shrink: bool) -> None:
        """The host said "too many": one request less in flight, pause for ``retry_after``."""
        if shrink and self.limit > 1:
            self.limit -= 1
            self._debt += 1
        if retry_after:
            loop = asyncio.get_running_loop()
            self._resume = max(self._resume, loop.time() + retry_after)

    def try_acquire(self) -> bool:
        """The permit at once when nothing asks to wait (no delay between starts, no
        pause after a 429, room under the limit here and across the shards): the
        common case, without a coroutine.  False: ``await acquire()``."""
        if self.delay or self._resume or not self.sem.try_take():
            return False
        if self.shared is not None and not self.shared.try_take(self.slot, self.limit):
            self.sem.release()  # undone exactly: the debt stays for a real release
            return False
        return True

    async def acquire(self) -> None:
        await self.sem.take()
        if self.delay or self._resume:
            loop = asyncio.get_running_loop()
            now = loop.time()
            start = max(now, self._next, self._resume)
            self._next = start + self.delay
            if start > now:
                try:
                    await asyncio.sleep(start - now)
                except BaseException:
                    self._release_local()
                    raise
        if self.shared is not None:
            try:
                await self.shared.take(self.slot, self.limit)
            except BaseException:
                self._release_local()
                raise

    def release(self) -> None:
        if self.shared is not None:
            self.shared.give(self.slot)
        self._release_local()

    def _release_local(self) -> None:
        if self._debt:
            self._debt -= 1
        else:
            self.sem.release()


class HostLimits:
    """The gates of every host seen, and the global limit."""

    def __init__(self, per_host: int, host_limits: dict[str, int], delay: float, total: int,
                 shared: Any = None) -> None:
        self.per_host = per_host
        self.host_limits = host_limits
        self.delay = delay
        self.shared = shared  # ``shard.SharedSlots`` when several processes check
        self.gates: dict[str, HostGate] = {}
        self.total_limit = max(1, total)
        self.total = Slots(self.total_limit)

    def gate(self, key: str) -> HostGate:
        g = self.gates.get(key)
        if g is None:
            host = key.rsplit(":", 1)[0]
            limit = self.host_limits.get(key, self.host_limits.get(host, self.per_host))
            sh = self.shared
            g = self.gates[key] = HostGate(limit, self.delay, sh, sh.slot(key) if sh is not None else 0)
        return g


def raise_fd_limit(wanted: int) -> None:
    """Let the process open ``wanted`` descriptors if the hard limit allows it."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        new = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))


def open_fds() -> int:
    """Descriptors open now (Linux: /proc/self/fd; elsewhere a guess of 16)."""
    with contextlib.suppress(OSError):
        return len(os.listdir("/proc/self/fd"))
    return 16  # pragma: no cover


def fd_budget(wanted: int) -> int:
    """How many sockets the transport may have open at once (at least 4)."""
    raise_fd_limit(wanted + FD_RESERVE + 64)
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: select() copes with 512
        return max(4, min(wanted, 500))
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(4, min(wanted, soft - open_fds() - FD_RESERVE))

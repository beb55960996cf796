"""Using the cores for checking: the links of a large input checked by one process
per core, each owning a share of the hosts, their results merged in the parent.

Why: one event loop spends about 0.1 ms of CPU per link (transport, judging,
bookkeeping).  On 50,000 links that is 5 s of one core, more than the 512-in-flight
bound of the link farm (4.9 s); and when many answers arrive at once (every host
answers after the same latency) the last of them waits for the loop to handle the
others: on 10,000 links over 20 hosts each round of 80 answers took 5 ms longer
than the server's latency, 0.6 s over the run.  Two loops each handle half.

How the behaviours hold:

* **Hosts are partitioned** (``Router``): every target whose first hop is on a
  host goes to the same shard, so that host's gate -- 4 in flight, one less after a
  429, its ``Retry-After`` pause -- lives in one process.  A host seen for the first
  time goes to the shard with the fewest links so far, so the shards finish together.
* **Streaming**: the shards are forked first, before the input is scanned; the
  parent sends them links as its text scan finds them, so the first requests go out
  while the rest of the file is still being scanned (50,000 links: at 0.1 s instead
  of 0.7 s).
* **A redirect to a host another shard owns** goes through ``SharedSlots``: every
  request of every shard also takes a slot of its host in a table in shared
  memory, so a host never has more than its limit in flight across shards either.
* **One cache, one report**: shards never open the cache; each result is sent back
  as it comes (in small batches) and the parent stores it at once (a rerun after
  Ctrl-C resumes), judges the network, looks up archives and writes the report.
* **Limits**: ``max_connections`` is divided between the shards; each process has
  its own descriptor budget (``limits.fd_budget``: ``ulimit -n`` is per process).

Shards are forked before the parent's event loop starts (no socket, no thread to
inherit), only where ``fork`` exists; elsewhere one process checks everything.  The
parent reads the shards' results in one thread per shard, so its own (blocking)
sends to a shard can never wait on a shard that waits on it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import multiprocessing
import os
import signal
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Callable
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from typing import Any

from citekeeper.links.options import HttpSettings
from citekeeper.links.verdict import Result, Target

BATCH = 128  # results per message from a shard
FLUSH_S = 0.05  # a shard sends what it has at least this often
SLOTS = 1 << 16  # host slots in shared memory (a collision only makes two hosts share a limit)
POLL_S = 0.002  # wait between two tries for a slot another shard holds


class SharedSlots:
    """Requests in flight per host, across processes: a table of counters in shared
    memory under one lock, indexed by a stable hash of ``host:port``."""

    def __init__(self, size: int = SLOTS) -> None:
        ctx = multiprocessing.get_context("fork")
        self.size = size
        self.counts = ctx.RawArray("i", size)
        self.lock = ctx.Lock()

    def slot(self, key: str) -> int:
        return zlib.crc32(key.encode()) % self.size

    # ``lock.acquire``/``release`` are the C semaphore's own methods; ``with lock``
    # goes through two Python-level wrappers, twice per request (take and give).
    def try_take(self, slot: int, limit: int) -> bool:
        lock = self.lock
        lock.acquire()
        try:
            counts = self.counts
            if counts[slot] >= limit:
                return False
            counts[slot] += 1
            return True
        finally:
            lock.release()

    def give(self, slot: int) -> None:
        lock = self.lock
        lock.acquire()
        try:
            self.counts[slot] -= 1
        finally:
            lock.release()

    async def take(self, slot: int, limit: int) -> None:
        import asyncio

        while not self.try_take(slot, limit):
            await asyncio.sleep(POLL_S)


def shards_for(jobs: int) -> int:
    """How many checking processes: ``jobs`` where fork exists, else 1."""
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return jobs


class Router:
    """Which shard owns a host: fixed at its first link, to the least loaded shard."""

    def __init__(self, n: int) -> None:
        self.owner: dict[str, int] = {}
        self.load = [0] * n

    def route(self, key: str) -> int:
        i = self.owner.get(key)
        if i is None:
            i = self.owner[key] = self.load.index(min(self.load))
        self.load[i] += 1
        return i


EVENT_LOOP_ENV = "CITEKEEPER_EVENT_LOOP"  # "asyncio" turns uvloop off; "uvloop" or unset: uvloop when installed


def event_loop_choice() -> str:
    """``CITEKEEPER_EVENT_LOOP`` checked: "asyncio", "uvloop" or "" (uvloop when it is
    installed).  Called in the parent before the shards are forked, so a wrong value
    is one usage error (exit 2) before any request; it imports nothing."""
    choice = os.environ.get(EVENT_LOOP_ENV, "").strip().lower()
    if choice not in ("", "asyncio", "uvloop"):
        from citekeeper.errors import UsageError

        raise UsageError(f"{EVENT_LOOP_ENV}={choice!r}: expected 'asyncio' or 'uvloop'")
    if choice == "uvloop":
        import importlib.util

        if importlib.util.find_spec("uvloop") is None:
            from citekeeper.errors import UsageError

            raise UsageError(f"{EVENT_LOOP_ENV}=uvloop, but uvloop is not installed"
                             " (pip install uvloop, or unset it)")
    return choice


def loop_factory() -> Callable[[], Any] | None:
    """The event loop a checking shard runs on: uvloop's when it is installed and not
    turned off (``CITEKEEPER_EVENT_LOOP=asyncio``), else None (asyncio's own).

    Why: a shard is ~240 Python calls per link and the loop's own share of them
    (callbacks, ``epoll``, the transports' reads and writes) runs in C under uvloop;
    see benchmarks/linkcheck/README.md (2026-12-01, fourth session) for the CPU it
    saves at 50,000 links.  Importing it costs ~3 ms (once per shard, after the fork).
    """
    if event_loop_choice() == "asyncio":
        return None
    try:
        import uvloop
    except ImportError:  # not installed (e.g. Windows): asyncio's loop does the same work
        return None
    return uvloop.new_event_loop


def run_loop(main: Callable[[], Any]) -> None:
    """``asyncio.run(main())`` on the loop ``loop_factory`` chooses."""
    import asyncio

    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        runner.run(main())


def preload() -> None:
    """Import what a shard runs on (asyncio, the checker, uvloop) once, in the parent,
    just before the shards are forked: each inherits it.

    Why not in each shard on its own core (the design before): importing took 22 ms of
    each shard's CPU and ran while the parent scanned the input and the readers
    started, five processes on two cores, so a shard's first request went out 60-180
    ms after its fork with only 30 ms of its own CPU spent (load10k; see
    benchmarks/linkcheck/README.md, fifth session).  The parent imports all of it
    later anyway (its own loop, the checker for the archive pass), so the run's CPU
    drops by the shards' copies; the fork comes ~20 ms later.
    """
    import asyncio  # noqa: F401

    import citekeeper.links.checker  # noqa: F401

    loop_factory()  # uvloop, when it is the shards' loop


def _pack(t: Target) -> tuple[str, str, bool, str]:
    return t.kind, t.target, t.follow, t.fetch_url  # what the checker reads of a target


def _warm_up() -> None:
    """What a shard needs off the URL fast path (yarl, for redirects, DOI landing pages
    and URLs that are not plain ASCII), imported while its first requests are out
    (``Checker.when_sent``).

    Imported at its first use instead, mid-run, it stopped the loop for 10-25 ms with
    every open connection's answer waiting (load10k on a busy machine, at 0.26-0.37 s,
    by the farm's DOIs); a run that never needs it pays ~10 ms of CPU per shard.
    """
    from citekeeper.links.urls import to_yarl

    to_yarl("http://example.org/")


def _shard_main(inbox_conn: Connection, settings: HttpSettings, conn: Connection, slots: SharedSlots) -> None:
    """A shard: check the targets that come on ``inbox`` (lists of ``_pack`` tuples,
    None at the end), send ``("results", [(cache_key, Result), ...])`` messages as
    they come, then ``("stats", {...})``."""
    import asyncio

    from citekeeper.links.checker import Checker

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the shards
    gc.freeze()
    gc.set_threshold(50_000, 10, 10)
    buf: list[tuple[str, Result]] = []
    outbox = Outbox(conn)

    def flush() -> None:
        if buf:
            outbox.put(("results", buf[:]))
            buf.clear()

    def got(t: Target, r: Result) -> None:
        buf.append((t.cache_key, r))
        if len(buf) >= BATCH:
            flush()

    async def ticker() -> None:
        while True:
            await asyncio.sleep(FLUSH_S)
            flush()

    async def batches() -> AsyncIterator[list[Target]]:
        loop = asyncio.get_running_loop()
        q: asyncio.Queue[list[tuple[str, str, bool, str]] | None] = asyncio.Queue()
        inbox = Inbox(inbox_conn)

        def ready() -> None:
            msgs, ended = inbox.read()
            for msg in msgs:
                q.put_nowait(msg)
                if msg is None:
                    ended = True
                    break
            if ended:
                loop.remove_reader(inbox.fd)
                if not msgs or msgs[-1] is not None:
                    q.put_nowait(None)  # the parent is gone: what came is all there is

        loop.add_reader(inbox.fd, ready)
        while (msg := await q.get()) is not None:
            yield [Target(kind, target, follow=follow, fetch_url=fetch) for kind, target, follow, fetch in msg]

    async def main() -> None:
        loop = asyncio.get_running_loop()
        outbox.attach(loop)
        async with Checker(settings, shared=slots) as checker:
            checker.when_sent(_warm_up)
            tick = asyncio.ensure_future(ticker())
            try:
                await checker.check_feed(batches(), got)
            finally:
                tick.cancel()
            # The last results and the counters go before the sockets are closed and
            # the loop torn down: the parent writes the report meanwhile.
            flush()
            outbox.put(("stats", dict(checker.stats)))

    try:
        run_loop(main)
    finally:
        outbox.close()  # what the parent has not read yet, blocking now
        conn.close()


class Inbox:
    """Messages from the parent (``Connection.send``'s frames), read without blocking.

    Why not ``Connection.recv`` in the reader callback: uvloop's ``add_reader`` puts
    the descriptor in non-blocking mode, so a message larger than what had arrived
    raised ``BlockingIOError`` half-way -- read as the parent's end: the shard
    stopped taking links after ~500 of its 5,000 and the parent checked the rest
    itself (10k links: 10.8 s instead of 6.9 s).  Here the descriptor is non-blocking
    under either loop and a frame is unpickled only once all of it came.
    """

    def __init__(self, conn: Connection) -> None:
        self.fd = conn.fileno()
        self.buf = bytearray()
        os.set_blocking(self.fd, False)

    def read(self) -> tuple[list[Any], bool]:
        """``(the messages complete so far, whether the pipe ended)``."""
        buf = self.buf
        ended = False
        while True:
            try:
                data = os.read(self.fd, PIPE_BYTES)
            except BlockingIOError:
                break
            except OSError:
                ended = True
                break
            if not data:
                ended = True
                break
            buf += data
        msgs: list[Any] = []
        start = 0
        while len(buf) - start >= 4:
            (n,) = struct.unpack_from("!i", buf, start)
            head = 4
            if n == -1:  # a frame over 2 GB: its length follows as 8 bytes
                if len(buf) - start < 12:
                    break
                (n,) = struct.unpack_from("!Q", buf, start + 4)
                head = 12
            if len(buf) - start - head < n:
                break
            msgs.append(ForkingPickler.loads(buf[start + head:start + head + n]))
            start += head + n
        del buf[:start]
        return msgs, ended


class Outbox:
    """Messages to the parent, written by the event loop without ever blocking it.

    Framed and pickled exactly as ``Connection.send`` does (the parent reads them with
    ``Connection.recv``), written to the non-blocking pipe as far as it takes them;
    the rest waits in memory and goes when the pipe has room (``add_writer``).  A
    parent slow to read therefore never stops this shard's checks.  (Before: a sender
    thread, whose wake-ups and hand-overs of the interpreter lock were 7 % of a
    shard's busy time on 50,000 links, py-spy.)
    """

    def __init__(self, conn: Connection) -> None:
        self.fd = conn.fileno()
        self.pending = bytearray()
        self.loop: Any = None
        self.waiting = False
        self.broken = False
        os.set_blocking(self.fd, False)

    def attach(self, loop: Any) -> None:
        self.loop = loop

    def put(self, msg: Any) -> None:
        if self.broken:
            return
        data = ForkingPickler.dumps(msg)
        n = len(data)
        head = struct.pack("!i", n) if n <= 0x7FFFFFFF else struct.pack("!i", -1) + struct.pack("!Q", n)
        self.pending += head
        self.pending += data
        if not self.waiting:
            self._drain()

    def _drain(self) -> None:
        pending = self.pending
        try:
            while pending:
                n = os.write(self.fd, pending)
                del pending[:n]
        except BlockingIOError:
            if not self.waiting and self.loop is not None:
                self.waiting = True
                self.loop.add_writer(self.fd, self._ready)
            return
        except OSError:  # the parent is gone: nobody to tell
            self.broken = True
            pending.clear()
        if self.waiting:
            self.waiting = False
            self.loop.remove_writer(self.fd)

    def _ready(self) -> None:
        self.waiting = False
        self.loop.remove_writer(self.fd)
        self._drain()

    def close(self) -> None:
        """Write what is left, waiting for the pipe (the loop is gone)."""
        if self.broken or not self.pending:
            return
        os.set_blocking(self.fd, True)
        try:
            while self.pending:
                n = os.write(self.fd, self.pending)
                del self.pending[:n]
        except OSError:
            self.broken = True


PIPE_BYTES = 1 << 20


def _widen(conn: Connection) -> None:
    """A pipe that holds 1 MB instead of 64 KB (Linux; elsewhere as it is).

    A shard whose results pipe is full waits in ``send`` with its event loop stopped:
    on 50,000 links that was 8 % of the shards' time, while the parent's reading
    thread waited for the interpreter lock held by its busy main thread.
    """
    with contextlib.suppress(ImportError, OSError, AttributeError):
        import fcntl

        fcntl.fcntl(conn.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)


class Shards:
    """The checking processes of one run (see module docstring)."""

    def __init__(self, n: int, settings: HttpSettings) -> None:
        event_loop_choice()  # a wrong CITEKEEPER_EVENT_LOOP fails here, before any fork
        preload()
        ctx = multiprocessing.get_context("fork")
        self.slots = SharedSlots()
        per = dataclasses.replace(settings, max_connections=max(1, settings.max_connections // n))
        self.procs: list[Any] = []
        self.conns: list[Connection] = []
        self.inboxes: list[Connection | None] = []
        self.router = Router(n)
        self.stats: Counter[str] = Counter()
        self.sent = 0
        for _ in range(n):
            here, there = ctx.Pipe(duplex=False)
            inbox, to_shard = ctx.Pipe(duplex=False)
            _widen(here)
            _widen(inbox)
            p = ctx.Process(target=_shard_main, args=(inbox, per, there, self.slots), daemon=True)
            p.start()
            there.close()
            inbox.close()
            self.procs.append(p)
            self.conns.append(here)
            self.inboxes.append(to_shard)

    def send(self, targets: list[Target], keys: list[str]) -> None:
        """Hand ``targets`` (``keys[i]``: the host of target i's first hop) to their shards."""
        out: list[list[tuple[str, str, bool, str]]] = [[] for _ in self.inboxes]
        for t, k in zip(targets, keys, strict=True):
            out[self.router.route(k)].append(_pack(t))
        for i, batch in enumerate(out):
            box = self.inboxes[i]
            if batch and box is not None:
                try:
                    box.send(batch)
                except OSError:  # the shard is gone: what it owns is checked by the parent at the end
                    box.close()
                    self.inboxes[i] = None
                    continue
                self.sent += len(batch)

    def end(self) -> None:
        """No more targets: each shard finishes what it has."""
        for i, box in enumerate(self.inboxes):
            if box is not None:
                with contextlib.suppress(OSError):
                    box.send(None)
                with contextlib.suppress(OSError):
                    box.close()
                self.inboxes[i] = None

    async def collect(self, record: Callable[[str, Result], None]) -> None:
        """Hand every result to ``record`` as it arrives, until every shard is done
        (or gone: what a dead shard did not answer is left to the caller)."""
        import asyncio

        loop = asyncio.get_running_loop()
        done = loop.create_future()
        left = [len(self.conns)]

        def take(payload: list[tuple[str, Result]]) -> None:
            for key, r in payload:
                record(key, r)

        def finished(stats: dict[str, int] | None) -> None:
            if stats:  # each process has its own descriptor budget: not summed
                self.stats.update({k: v for k, v in stats.items() if k != "fd_budget"})
            left[0] -= 1
            if not left[0] and not done.done():
                done.set_result(None)

        def reader(conn: Connection) -> None:
            stats = None
            try:
                while True:
                    kind, payload = conn.recv()
                    if kind == "stats":
                        stats = payload
                        break
                    loop.call_soon_threadsafe(take, payload)
            except (EOFError, OSError, RuntimeError):  # RuntimeError: the loop closed (SIGTERM)
                pass
            with contextlib.suppress(RuntimeError):  # the loop is gone (interrupted run)
                loop.call_soon_threadsafe(finished, stats)

        threads = [threading.Thread(target=reader, args=(c,), daemon=True) for c in self.conns]
        for th in threads:
            th.start()
        await done

    def close(self) -> None:
        """Stop what still runs (interrupted run) and reap the processes."""
        self.end()
        for p in self.procs:
            if p.is_alive():
                with contextlib.suppress(OSError):
                    os.kill(p.pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        for p in self.procs:
            p.join(max(0.0, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()
                p.join(1)
        for c in self.conns:
            c.close()

"""A shard's results leave through ``Outbox``: never blocking its event loop, read by
the parent with ``Connection.recv``, nothing lost when the parent reads late."""

from __future__ import annotations

import asyncio
import multiprocessing
import threading

from citekeeper.links.shard import Outbox


def test_a_parent_that_reads_late_stops_nothing_and_loses_nothing() -> None:
    here, there = multiprocessing.get_context("fork").Pipe(duplex=False)
    msgs = [("results", [(f"url:http://h{i}.example/{'x' * 200}", i)]) for i in range(2000)]  # ~0.5 MB: over a pipe's 64 KB

    done = threading.Event()
    waited: list[bool] = []

    async def shard() -> None:
        box = Outbox(there)
        box.attach(asyncio.get_running_loop())
        for m in msgs:
            box.put(m)  # the pipe fills after ~250 of them: put must not wait for the reader
        assert box.pending  # the rest waits in memory
        done.set()
        box.close()

    got: list[object] = []

    def parent() -> None:
        # Reads only once the shard has put everything (or, were put blocking, after
        # giving up on that: then the test fails instead of hanging).
        waited.append(done.wait(30))
        got.extend(here.recv() for _ in msgs)

    reader = threading.Thread(target=parent)
    reader.start()
    asyncio.run(shard())
    reader.join(30)
    assert waited == [True]  # every put returned before anything was read
    assert got == msgs


def test_a_parent_that_is_gone_is_not_an_error() -> None:
    here, there = multiprocessing.get_context("fork").Pipe(duplex=False)
    here.close()
    box = Outbox(there)
    box.put(("results", []))
    box.put(("stats", {}))
    box.close()
    assert box.broken

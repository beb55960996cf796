"""The checking shards' event loop (``shard.loop_factory``) and their inbox.

uvloop is the default where it is installed; ``CITEKEEPER_EVENT_LOOP=asyncio`` turns it
off, anything else is a usage error before any shard is forked.  Under either loop a
shard must take every link the parent sends, however the pipe cuts the messages
(uvloop's ``add_reader`` makes the descriptor non-blocking: ``Connection.recv`` there
once ended a shard after its first 500 links).
"""

from __future__ import annotations

import asyncio
import importlib.util
import multiprocessing
import os
import threading
import time

import pytest
from linkservers import LocalWeb

from citekeeper.errors import UsageError
from citekeeper.links import shard
from citekeeper.links.options import HttpSettings
from citekeeper.links.urls import host_key
from citekeeper.links.verdict import Result, Target

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")
LOOPS = ["asyncio", pytest.param("uvloop", marks=pytest.mark.skipif(
    importlib.util.find_spec("uvloop") is None, reason="uvloop not installed"))]


def test_a_wrong_event_loop_setting_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(shard.EVENT_LOOP_ENV, "trio")
    with pytest.raises(UsageError, match="CITEKEEPER_EVENT_LOOP='trio'"):
        shard.event_loop_choice()
    with pytest.raises(UsageError):
        shard.Shards(2, HttpSettings())  # before any process is forked


def test_asyncio_turns_uvloop_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(shard.EVENT_LOOP_ENV, " AsyncIO ")
    assert shard.loop_factory() is None
    box: list[type] = []

    async def main() -> None:
        box.append(type(asyncio.get_running_loop()))

    shard.run_loop(main)
    default = asyncio.new_event_loop()  # the policy's loop: asyncio's own unless a test run chose uvloop
    default.close()
    assert box == [type(default)]


def test_uvloop_is_the_default_where_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    uvloop = pytest.importorskip("uvloop")
    monkeypatch.delenv(shard.EVENT_LOOP_ENV, raising=False)
    assert shard.loop_factory() is uvloop.new_event_loop
    box: list[object] = []

    async def main() -> None:
        box.append(asyncio.get_running_loop())

    shard.run_loop(main)
    assert isinstance(box[0], uvloop.Loop)


def test_the_inbox_unpickles_a_message_only_once_all_of_it_came() -> None:
    here, there = multiprocessing.get_context("fork").Pipe(duplex=False)
    box = shard.Inbox(here)
    msgs = [[("url", f"http://h{i}.example/{'x' * 300}", False, "")] * 50 for i in range(3)]
    frames = b""
    for m in msgs:  # the bytes Connection.send writes, cut at every awkward place
        r, w = multiprocessing.get_context("fork").Pipe(duplex=False)
        w.send(m)
        frames += os.read(r.fileno(), 1 << 20)
        r.close()
        w.close()
    got: list[object] = []
    pos = 0
    for cut in (2, 4, 5, len(frames) // 3, len(frames) // 3 + 1, len(frames) - 1, len(frames)):
        os.write(there.fileno(), frames[pos:cut])
        pos = cut
        out, ended = box.read()
        assert not ended
        got.extend(out)
    assert got == msgs
    there.send(None)
    there.close()
    out, ended = box.read()
    assert out == [None] and ended


def test_a_message_larger_than_the_pipe_arrives_whole() -> None:
    here, there = multiprocessing.get_context("fork").Pipe(duplex=False)
    box = shard.Inbox(here)
    big = [("url", f"http://h.example/{i}/{'y' * 100}", False, "") for i in range(20_000)]  # ~2.5 MB
    writer = threading.Thread(target=lambda: (there.send(big), there.send(None), there.close()))
    writer.start()
    got: list[object] = []
    ended = False
    while not ended:
        out, ended = box.read()
        got.extend(out)
    writer.join(30)
    assert got == [big, None]


def _frame(msg: object) -> bytes:
    """The bytes ``Connection.send(msg)`` writes."""
    r, w = multiprocessing.get_context("fork").Pipe(duplex=False)
    writer = threading.Thread(target=lambda: (w.send(msg), w.close()))
    writer.start()
    data = bytearray()
    while chunk := os.read(r.fileno(), 1 << 20):
        data += chunk
    writer.join(10)
    r.close()
    return bytes(data)


@needs_fork
@pytest.mark.parametrize("loop", LOOPS)
def test_every_link_sent_is_checked_by_the_shards_under_either_loop(
        web: LocalWeb, loop: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(shard.EVENT_LOOP_ENV, loop)
    other = web.base.replace("127.0.0.1", "localhost")
    fetched = [Target("url", f"{web.base if i % 2 else other}/ok/{i}") for i in range(300)]
    # Refused by the guard without a request (cheap), in messages of ~2 MB: larger than
    # the pipe, so the shard reads each in many pieces.
    refused = [Target("url", f"http://10.{i % 250}.0.1/{i}/{'q' * 300}") for i in range(12_000)]
    shards = shard.Shards(2, HttpSettings(timeout=5.0, trusted_hosts=frozenset({"127.0.0.1", "localhost"})))
    try:
        for batch in (fetched[:150], refused[:6000], fetched[150:], refused[6000:]):
            shards.send(batch, [host_key(t.target) for t in batch])
        # A busy parent (its text scan holds the interpreter) writes a frame's head and
        # its body in separate calls: the shard's read wakes between the two.
        late = [Target("url", f"{web.base}/ok/late{i}") for i in range(40)]
        for j, box in enumerate(shards.inboxes):
            assert box is not None
            frame = _frame([shard._pack(t) for t in late[j::2]])
            for a, b in ((0, 3), (3, 4), (4, 40), (40, len(frame))):
                os.write(box.fileno(), frame[a:b])
                time.sleep(0.05)
        shards.end()
        got: dict[str, Result] = {}
        asyncio.run(shards.collect(lambda key, r: got.__setitem__(key, r)))
    finally:
        shards.close()
    assert len(got) == len(fetched) + len(refused) + len(late)  # nothing left to the parent's fallback
    assert shards.stats["requests"] == len(fetched) + len(late)
    assert all(got[t.cache_key].status.value == "ok" for t in fetched + late)
    assert {got[t.cache_key].status.value for t in refused} == {"skipped"}  # private: not checked

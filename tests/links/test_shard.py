"""Checking in several processes (``links.shard``): hosts partitioned, limits held
across processes, the same findings as one process."""

from __future__ import annotations

import dataclasses
import multiprocessing
from pathlib import Path

import pytest
from linkservers import LocalWeb

from citekeeper.links import parallel, runner, shard
from citekeeper.links.runner import CheckOptions, check_files

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


def test_router_keeps_each_host_in_one_shard_and_balances() -> None:
    r = shard.Router(2)
    keys = [f"h{i % 5}:80" for i in range(50)] + ["big:80" for _ in range(40)]
    owners: dict[str, set[int]] = {}
    for k in keys:
        owners.setdefault(k, set()).add(r.route(k))
    assert all(len(o) == 1 for o in owners.values())  # a host never changes shard
    # Hosts in turn to the lighter shard: h0, h2, h4 -> 0, h1, h3 -> 1; the big host,
    # first seen when shard 1 had 20 links to shard 0's 30, goes to shard 1.
    assert [next(iter(owners[f"h{i}:80"])) for i in range(5)] == [0, 1, 0, 1, 0]
    assert owners["big:80"] == {1} and r.load == [30, 60]


@needs_fork
def test_shared_slots_count_across_processes() -> None:
    slots = shard.SharedSlots(64)
    s = slots.slot("example.org:443")
    assert slots.try_take(s, 2) and slots.try_take(s, 2)
    ctx = multiprocessing.get_context("fork")
    p = ctx.Process(target=_take_once, args=(slots, s))
    p.start()
    p.join(10)
    assert p.exitcode == 1  # the other process saw the host full
    slots.give(s)
    p = ctx.Process(target=_take_once, args=(slots, s))
    p.start()
    p.join(10)
    assert p.exitcode == 0 and not slots.try_take(s, 2)


def _take_once(slots: shard.SharedSlots, s: int) -> None:
    raise SystemExit(0 if slots.try_take(s, 2) else 1)


def _two_host_bib(tmp_path: Path, web: LocalWeb, n: int) -> Path:
    other = web.base.replace("127.0.0.1", "localhost")  # a second host:port on the same server
    parts = []
    for i in range(n):
        if i % 3 == 0:  # on host A, sent to host B: the hop crosses shards
            url = web.url(f"/redirect-to/{i}?url={other}/slowb/r{i}")
        elif i % 3 == 1:
            url = f"{other}/slowb/{i}"
        else:
            url = web.url("/404") if i % 10 == 2 else web.url(f"/slowish/{i}")
        parts.append(f"@misc{{e{i},\n  title = {{Entry {i}}},\n  url = {{{url}}},\n"
                     f"  urldate = {{2021-0{1 + i % 9}-01}}\n}}\n\n")
    p = tmp_path / "two-hosts.bib"
    p.write_text("".join(parts))
    return p


@needs_fork
def test_sharded_run_gives_the_same_findings_and_holds_per_host_limits(
        web: LocalWeb, options: CheckOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _two_host_bib(tmp_path, web, 90)
    opts = dataclasses.replace(options, archive_mode="none")
    one = check_files([p], dataclasses.replace(opts, jobs=1))
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1024)  # make this small file "large"
    monkeypatch.setattr(runner, "SCAN_SLICE", 1024)  # the links reach the shards in many batches
    sent = []
    real = shard.Shards.end

    def spy(self: shard.Shards) -> None:
        sent.append((self.sent, sorted(self.router.load)))
        real(self)

    monkeypatch.setattr(shard.Shards, "end", spy)
    web.max_inflight.clear()
    two = check_files([p], dataclasses.replace(opts, jobs=2))
    assert sent[0] == (88, [30, 58])  # every distinct URL went to one of two shards, by host
    assert [f.to_json() for f in two.findings] == [f.to_json() for f in one.findings]
    assert two.summary()["by_status"]["broken"] == 3 and two.summary()["requests"] == one.summary()["requests"] == 118  # 88 URLs + 30 hops
    # Host B got its own links from one shard and redirects from the other: still 4 at most.
    assert 1 < web.max_inflight["/slowb"] <= 4


def _dead_shard(*args: object) -> None:
    import os

    os._exit(3)  # a shard that dies at once, before answering anything


@needs_fork
def test_links_of_a_shard_that_died_are_checked_by_the_parent(
        web: LocalWeb, options: CheckOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _two_host_bib(tmp_path, web, 30)
    opts = dataclasses.replace(options, archive_mode="none")
    one = check_files([p], dataclasses.replace(opts, jobs=1))
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1024)
    monkeypatch.setattr(runner, "SCAN_SLICE", 256)  # many sends, some after the shard is gone
    monkeypatch.setattr(shard, "_shard_main", _dead_shard)
    two = check_files([p], dataclasses.replace(opts, jobs=2))
    assert [f.to_json() for f in two.findings] == [f.to_json() for f in one.findings]

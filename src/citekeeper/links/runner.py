"""The one module that composes the stages of ``check``, each a named function:

``read_inputs`` (files -> references and failed blocks, via ``formats.read_file``)
-> ``Collector`` (every URL and DOI, with its line) -> ``Run.prepare`` (skip ignored,
fresh results from the cache) -> ``Run.check`` (``checker.Checker``, or worker
processes, see ``parallel``) -> ``Run.record`` (failing streaks, stored as they
arrive) -> ``judge_network`` (no network is not a dead link) -> ``archive_pass``
(the URLs that are not ok) -> ``findings`` (one per citation) -> ``Report``.

The CLI only turns options into ``CheckOptions`` and prints the ``Report``; all the
orchestration is here, where the tests reach it without a terminal.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import re
import signal
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citekeeper.errors import CitekeeperError, InputError, MalformedInputError
from citekeeper.links import parallel, shard
from citekeeper.links.archive import find_archive
from citekeeper.links.collect import Collector, Scout
from citekeeper.links.options import CheckOptions, first_hop
from citekeeper.links.urls import host_key, redact_text
from citekeeper.links.verdict import (
    DEFAULT_FAIL_ON,
    Archive,
    Finding,
    Result,
    Status,
    Target,
)
from citekeeper.textio import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from citekeeper.links.cache import Cache
    from citekeeper.links.checker import Checker
    from citekeeper.model import Reference

# asyncio, the checker, its transport and the cache are imported when a run starts,
# not with this module: with checking shards the processes are forked first, and the
# parent scans the input for its first links before it needs any of them (``options``).

__all__ = ["CheckOptions", "Report", "check_files", "check_references"]

ProgressFn = Callable[[int, int, int], None]  # (done, total, failing so far)
REPORT_VERSION = "2"  # of the JSON report (``report.render_json``)


class Interrupted(CitekeeperError):
    """The run was stopped (Ctrl-C, SIGTERM); what was checked is in the cache."""

    exit_code = 130


@dataclass
class Report:
    findings: list[Finding]
    warnings: list[str] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    files: list[str] = field(default_factory=list)
    fail_on: frozenset[Status] = DEFAULT_FAIL_ON
    network: str = "ok"  # "ok" | "unreachable": no host answered, see ``judge_network``
    errors: list[str] = field(default_factory=list)  # inputs that could not be read at all
    # JSON rows encoded while the checks ran (``Run.encode_ahead``): id of a finding ->
    # (that finding, its ``report.json_row``).  The finding is kept with its row, so its
    # id cannot be taken by another object; ``report.iter_json`` uses a row only for
    # the very finding it was encoded from.
    rows: dict[int, tuple[Finding, str]] = field(default_factory=dict, repr=False)

    def failing(self) -> list[Finding]:
        fail_on = self.fail_on
        return [f for f in self.findings if f.result.status in fail_on and not f.unconfirmed]

    @property
    def exit_code(self) -> int:
        # By the statuses' text: an enum member hashes in Python, its ``_value_`` str in C.
        fail_on = {s._value_ for s in self.fail_on}
        return 1 if any(f.result.status._value_ in fail_on and not f.unconfirmed for f in self.findings) else 0

    def summary(self) -> dict[str, Any]:
        """The counts of the report, in one pass over the findings.

        Why one pass: the counts as seven comprehensions (statuses, targets, failing
        twice, unconfirmed, archived, from cache) took 45 ms of the serial tail on
        50,000 findings; consecutive findings of one target share its ``Target`` and
        ``Result`` objects, so those are looked at once per target.
        """
        by_status = dict.fromkeys([s._value_ for s in Status], 0)  # by text: see ``exit_code``
        fail_on = {s._value_ for s in self.fail_on}
        targets: set[tuple[str, str]] = set()
        cached: set[tuple[str, str]] = set()
        failing = unconfirmed = archived = 0
        last_t: Target | None = None
        last_r: Result | None = None
        status = Status.OK._value_
        fails = False
        for f in self.findings:
            t, r = f.target, f.result
            if t is not last_t or r is not last_r:
                last_t, last_r, status = t, r, r.status._value_
                fails = status in fail_on
                key = (t.kind, t.target)
                targets.add(key)
                if r.from_cache:
                    cached.add(key)
            by_status[status] += 1
            if f.unconfirmed:
                unconfirmed += 1
            elif fails:
                failing += 1
            if f.archive is not None:
                archived += 1
        return {
            "files": self.files,
            "citations": len(self.findings),
            "targets": len(targets),
            "by_status": by_status,
            "failing": failing,
            "unconfirmed": unconfirmed,
            "fail_on": sorted(s.value for s in self.fail_on),
            "archived": archived,
            "from_cache": len(cached),
            "requests": self.stats.get("requests", 0),
            "retries": self.stats.get("retries", 0),
            "network": self.network,
            "elapsed_s": round(self.elapsed, 3),
            "exit_code": 1 if failing else 0,
        }


CHUNK = 500  # references handed to the checker between two turns of the event loop


# ---------------------------------------------------------------------- stage: read
@dataclass
class Unparsed:
    """A block of an input that could not be parsed: its links are checked all the same."""

    file: str
    line: int | None
    raw: str


def read_inputs(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES,
                warnings: list[str] | None = None, pool: parallel.ReadPool | None = None,
                collector: Collector | None = None,
                links_read: dict[str, Any] | None = None) -> Iterator[list[Reference | Unparsed] | Any]:
    """Each file through ``formats.read_file``, in chunks of ``CHUNK``.

    Problems with a file's content become warnings (``file:line: message``), the
    failed blocks ``Unparsed`` items; a file that cannot be read at all (missing,
    binary, over ``--max-size``, JSON nested beyond reason) is an ``InputError``.
    With a ``pool``, a large .bib is read in pieces by worker processes: those come
    as futures of ``parallel.Piece`` (see ``parallel``).  ``links_read``: the large
    .bib files the scan reads for their links (``_scan``), each the future of its
    whole ``parallel.Piece``.
    """
    from citekeeper.formats import format_for, read_file
    from citekeeper.textio import read_text

    warn = warnings if warnings is not None else []
    for p in paths:
        if links_read and str(p) in links_read:
            yield _piece_future(links_read, str(p))
            continue
        if pool is not None and format_for(p) == "bibtex" and Path(p).is_file() \
                and Path(p).stat().st_size >= parallel.PARALLEL_BYTES:
            tf = read_text(p, max_bytes=max_bytes)
            known, hosts = (collector.resolvers, collector.archive_hosts) if collector else (frozenset(), frozenset())
            futures = parallel.read_pieces(pool, str(p), tf.text, known, hosts) if tf.encoding == "utf-8" else None
            del tf
            if futures is not None:
                yield from futures
                continue
        try:
            res = read_file(p, max_bytes=max_bytes)
        except RecursionError:
            raise MalformedInputError("nested too deeply to be a bibliography", file=str(p)) from None
        except InputError:
            raise
        except (ValueError, TypeError) as exc:  # a reader's bug must not hide the file name
            raise MalformedInputError(f"cannot read: {exc}", file=str(p)) from None
        warn += [str(e) for e in res.problems]
        warn += [w if w.startswith(str(p)) else f"{p}: {w}" for w in res.warnings]
        items: list[Reference | Unparsed] = list(res.references)
        items += [Unparsed(b.file or str(p), b.line, b.raw) for b in getattr(res, "failed", [])]
        for i in range(0, len(items), CHUNK):
            yield items[i:i + CHUNK]
        if not items:
            yield []


# ---------------------------------------------------------------------- entry points
def check_references(refs: list[Reference], opts: CheckOptions,
                     progress: ProgressFn | None = None) -> Report:
    """Check the DOIs and URLs of ``refs`` (see module docstring)."""
    started = time.time()
    report = _run(Run(opts, progress).main(iter([list(refs)])))
    report.elapsed = time.time() - started
    return report


def check_files(paths: list[str | Path], opts: CheckOptions,
                progress: ProgressFn | None = None, *, exiting: bool = False,
                json_rows: bool = False) -> Report:
    """Read and check ``paths``; reading and checking overlap (see ``read_inputs``).

    ``exiting``: the caller ends its process soon after the report (the CLI), so the
    garbage collector is left as the run set it (``fewer_collections``).  ``json_rows``:
    the report will be written as JSON, so its rows are encoded as the results come
    (``Run.encode_ahead``).
    """
    started = time.time()
    warnings: list[str] = []
    run = Run(opts, progress)
    run.encode_ahead = json_rows
    run.input_warnings = warnings
    jobs = parallel.jobs_for(list(paths), opts.jobs)
    pool = None
    ended = False
    try:
        if jobs > 1:
            # Checking shards first (forked with no socket, thread or event loop, and
            # before the checker is imported: each imports it on its own core), then
            # the first slice of the text scan to them, then the readers.
            run.large = _large_bibs(paths)
            if shard.shards_for(jobs) > 1:
                run.shards = shard.Shards(shard.shards_for(jobs), run.http)
                run.open_cache()
                texts = _links_only(run, run.large, opts.max_bytes)
                # Asked before the scan starts: it takes each text out of ``texts`` as it
                # reads it.  (Asked after the first lists, every run forked reading workers
                # for nothing: two processes importing the reader, 25-30 ms of CPU each,
                # on the cores the shards had just started on.)
                readers = any(p not in texts for p in run.large)
                run.scan = _scan(run, run.large, opts.max_bytes, texts)
                run.dispatch_next()
                run.dispatch_next()  # a second slice before the event loop starts (``_first_urls``)
                if readers:
                    pool = parallel.ReadPool(jobs)
            else:
                run.prescan = _prescan(run, run.large, opts.max_bytes)
                pool = parallel.ReadPool(jobs)
        report = _run(run.main(read_inputs(paths, opts.max_bytes, warnings, pool, run.collector, run.links_read)),
                      restore_gc=not exiting)
        ended = True
    finally:
        if pool is not None:
            pool.close(wait=ended)
        if run.shards is not None:
            run.shards.close()
        run.close_cache()  # opened before the run when shards were started
    report.warnings = warnings + report.warnings
    report.files = [str(p) for p in paths]
    report.elapsed = time.time() - started
    return report


def _large_bibs(paths: Iterable[str | Path]) -> list[str]:
    """The .bib files read in pieces by worker processes (``parallel``)."""
    from citekeeper.formats import format_for

    return [str(p) for p in paths if format_for(p) == "bibtex" and Path(p).is_file()
            and Path(p).stat().st_size >= parallel.PARALLEL_BYTES]


def _links_only(run: Run, paths: Iterable[str], max_bytes: int) -> dict[str, str]:
    """The text of each large .bib that the scan reads for its links (``parallel.LinksRead``)
    instead of worker processes reading it in pieces: UTF-8 without CR line ends.  Each is
    listed in ``run.links_read``, where the future of its ``parallel.Piece`` will be, which
    ``read_inputs`` hands on in its turn.
    """
    from citekeeper.textio import read_text

    texts: dict[str, str] = {}
    for p in paths:
        try:
            tf = read_text(p, max_bytes=max_bytes)
        except InputError:
            continue  # the reader says so, with the file's name
        if tf.encoding == "utf-8" and "\r" not in tf.text:
            texts[p] = tf.text
            run.links_read[p] = None
    return texts


def _piece_future(links_read: dict[str, Any], path: str) -> Any:
    """The future of ``path``'s ``parallel.Piece``, made by whichever side asks first (the
    scan, or ``read_inputs``): ``concurrent.futures`` is imported after the first links
    are sent."""
    future = links_read[path]
    if future is None:
        import concurrent.futures

        future = links_read[path] = concurrent.futures.Future()
    return future


def _scan(run: Run, paths: Iterable[str], max_bytes: int,
          texts: dict[str, str] | None = None) -> Iterator[list[Target]]:
    """The links of large .bib files, found in their text before the reader is done,
    a slice of the text at a time.

    While worker processes read a large .bib (``parallel``), its links -- found by the
    same text scan that serves failed blocks -- are already checked; the reader's
    references then say who cites what (keys, dates, lines), and only targets the
    reader also finds are reported (a link in a comment is checked for nothing, never
    reported).  On 10,000 entries this moves the first request from 1.2 s (half the
    reading) to 0.1 s; slices (cut at line ends: no URL or DOI spans two lines) let
    the first ones go out before the whole text is scanned.

    A file in ``texts`` (``_links_only``) is read here for its links instead:
    ``parallel.LinksRead`` reads it entry by entry, a slice per call, into a ``Collector``
    of its own, and the targets it finds first go to the shards; at its end the file's
    ``Piece`` is handed to the run (``read_inputs``).  No text scan: only what the full
    read collects is checked (a link in a comment is not), so the report, its count of
    requests too, is the full read's.
    """
    from citekeeper.textio import read_text

    texts = texts or {}
    scout = Scout(run.collector.resolvers, run.opts.follow_doi)
    for p in paths:
        if p in texts:
            yield from _read_links(run, p, texts.pop(p))
            continue
        try:
            text = read_text(p, max_bytes=max_bytes).text
        except InputError:
            continue  # the reader says so, with the file's name
        a = 0
        size = FIRST_SLICE
        while a < len(text):
            b = _line_end(text, a + size)
            yield scout.scan(text[a:b])
            a, size = b, SCAN_SLICE


def _line_end(text: str, at: int) -> int:
    """The end of the line ``at`` is on (a slice of the text ends there)."""
    b = text.find("\n", min(len(text), at))
    return len(text) if b < 0 else b + 1


def _read_links(run: Run, path: str, text: str) -> Iterator[list[Target]]:
    """``parallel.LinksRead`` of ``text``, a slice per step: the targets each finds first.

    The first step sends the ``url`` fields of the first entries (``_first_urls``), before
    anything else is imported or tested.  A file whose entries depend on others (``@string``,
    ``crossref``, ``xdata``: ``parallel.depends``) is text-scanned for the shards and then
    read in full, as a file the reading workers could not cut.
    """
    yield from _first_urls(text, (FIRST_SLICE, FIRST_SLICE + SCAN_SLICE), run.http.per_host)
    future = _piece_future(run.links_read, path)
    try:
        c = Collector(run.collector.resolvers, run.collector.archive_hosts)
        reader = parallel.LinksRead(path, text, c)
        if parallel.depends(text):
            scout = Scout(run.collector.resolvers, run.opts.follow_doi)
            a = 0
            while a < len(text):
                b = _line_end(text, a + SCAN_SLICE)
                yield scout.scan(text[a:b])
                a = b
            del text
            reader.read_whole()
            future.set_result(reader.piece())
            return
        del text
        mode = run.opts.follow_doi
        while (new := reader.read(SCAN_SLICE)) is not None:
            cites, fetch = c.cites, c.fetch  # (new ones if the file was read in full after all)
            yield [Target(kind, value, (), "", "",
                          kind == "doi" and (mode == "all" or (mode == "url"
                                                               and any(x.field == "URL" for x in cites[kind, value]))),
                          fetch.get((kind, value), ""))
                   for kind, value in new]
        future.set_result(reader.piece())
    except BaseException as exc:
        if not future.done():
            future.set_exception(exc)
        raise


def _first_urls(text: str, ends: tuple[int, ...], per_host: int = 0) -> Iterator[list[Target]]:
    """The ``url`` fields of the plain entries in the first ``ends[-1]`` characters of
    ``text``, a list per end: the shards' first links, before the reader ``LinksRead``
    needs is imported (23 ms) and before this process starts its event loop.  Why two:
    ``check_files`` sends the first list (8 KB, ~60 links) before anything else and the
    second (128 KB more, ~900) right after it; with the first alone the shards ran out
    for the 0.2-0.4 s this process took to import the checker and start its loop (load10k:
    the next links went out at 355 ms, medians of 5, 20 hosts x 4 slots idle meanwhile).

    The first list goes on past ``ends[0]`` until every host it names has ``per_host``
    links (all of that host's slots busy from its first round), up to ``FIRST_CAP``
    characters.  Cut at 8 KB, load10k's first list held 3 links of each of its 20 hosts:
    every host's 4th slot waited ~25 ms for the second list (its 128 KB split, prepared
    and sent), and a slot that starts late ends a round late (benchmarks/linkcheck/README.md,
    checkstartup).  The hosts are told apart by the text between ``//`` and the next
    ``/`` -- only where to cut depends on it.

    Only a URL whose target the full read is sure to give as it is written: an entry the
    splitter reads (``bibsplit.blocks``, the text as a whole), one ``url`` field, braced or
    quoted, holding ``http(s)://`` and nothing a target is made of differently (no TeX,
    brace, space, ``#`` fragment, ``@`` credentials, ``/10.`` DOI resolver, ``/web/``
    capture).  The read then finds it again, and ``Run.prepare`` does not send it twice.
    """
    from citekeeper.formats import bibsplit

    out: list[Target] = []
    todo = list(ends)
    per: Counter[str] = Counter()  # links per host in the first list
    short: set[str] = set()  # its hosts with fewer than per_host
    first = True
    for block in bibsplit.blocks(text):
        while todo and block.offset >= todo[0]:
            if first and short and block.offset < FIRST_CAP:
                break  # the first list fills its hosts' slots first
            yield out
            out = []
            todo.pop(0)
            first = False
        if not todo:
            return
        if block.kind != "entry":
            continue
        urls = [raw for name, raw in block.fields if name.lower() == "url"]
        if len(urls) != 1:
            continue
        raw = urls[0]
        value = raw[1:-1] if len(raw) > 1 and (raw[0], raw[-1]) in (("{", "}"), ('"', '"')) else ""
        if value.startswith(("http://", "https://")) and not _NOT_AS_WRITTEN.search(value) \
                and "/10." not in value and "/web/" not in value:
            out.append(Target("url", value))
            if first and per_host > 1:
                host = value.split("/", 3)[2]
                per[host] += 1
                if per[host] < per_host:
                    short.add(host)
                else:
                    short.discard(host)
    for _ in todo:
        yield out
        out = []


# What makes a URL field's target differ from its text (``_first_urls``).
_NOT_AS_WRITTEN = re.compile(r'[\s{}\\#@"]')
SCAN_SLICE = 128 * 1024  # characters of text scanned between two turns of the event loop
FIRST_SLICE = 8 * 1024  # the first slice: about 60 links, enough to fill the first hosts' gates
# The first list's end at the latest (``_first_urls``): ~125 links.  At 64 KB (~500 links, load50k)
# the parent took 11 ms more to split, prepare and send it before the first request could go.
FIRST_CAP = 16 * 1024


def _prescan(run: Run, paths: Iterable[str], max_bytes: int) -> list[Target]:
    """All of ``_scan`` at once (one checking process: no shard to stream to)."""
    return [t for batch in _scan(run, paths, max_bytes) for t in batch]


# Rows encoded ahead at most (``Run._encode``): ~0.5 KB each with the finding and the
# dict entry, so 10 MB -- 100,000 links peaked at 200 MB of the 250 MB allowed.
ROWS_AHEAD = 20_000
GC_THRESHOLD = 50_000  # allocations between two young collections during a run (default 700)


@contextlib.contextmanager
def fewer_collections(restore: bool = True) -> Iterator[None]:
    """The cyclic garbage collector, rarely, during a run.

    A run allocates a few objects per request that live until the report (results,
    targets, citations); with the default threshold the collector walked them again
    and again -- 12 % of the CPU on 50,000 links (5.9 s with it, 5.2 s without).
    What exists before the run (modules, the reader's tables) is frozen out of the
    walks, and young collections happen every ``GC_THRESHOLD`` allocations instead
    of 700, so cycles (failed requests' tracebacks) are still freed during the run.

    ``restore=False`` leaves it so after the run, for a process that ends with the
    report (the CLI): putting back the default threshold and the frozen objects made
    the next allocations walk every object of the run (38 ms on 50,000 links, right
    after the last answer), for a heap the process is about to drop.
    """
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(old[0], GC_THRESHOLD), old[1], old[2])
    ok = False
    try:
        yield
        ok = True
    finally:
        if restore or not ok:
            gc.set_threshold(*old)
            gc.unfreeze()


def _run(coro: Coroutine[Any, Any, Report], restore_gc: bool = True) -> Report:
    """``asyncio.run`` whose main task returns nothing, and SIGTERM treated as Ctrl-C.

    On exit, CPython's runner restores the SIGINT handler, and the check of the old
    handler formats it with ``repr`` -- which includes the main task's *result*.  With a
    10,000-finding report as the result, that cost 0.3 s per run; kept aside, it is free.
    SIGTERM (what CI runners and ``timeout`` send) cancels the run like Ctrl-C, so the
    results so far are stored before the process ends.
    """
    import asyncio

    box: list[Report] = []

    async def main() -> None:
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGTERM, lambda: task and task.cancel())
        box.append(await coro)

    try:
        with fewer_collections(restore_gc):
            asyncio.run(main())
    except (KeyboardInterrupt, asyncio.CancelledError):
        raise Interrupted("interrupted: the results so far are kept in the cache;"
                          " a rerun with the same cache resumes") from None
    return box[0]


_NO_CAPTURE = ("", "")


def _follows(t: Target, mode: str) -> bool:
    if mode == "all":
        return True
    return mode == "url" and any(c.field == "URL" for c in t.citations)


class Run:
    """One run's state, passed from stage to stage."""

    def __init__(self, opts: CheckOptions, progress: ProgressFn | None) -> None:
        self.opts = opts
        self.progress = progress
        self.http = dataclasses.replace(opts.http, trusted_hosts=opts.http.trusted_hosts | opts.endpoint_hosts())
        resolvers = frozenset({opts.doi_resolver}) if opts.doi_resolver else frozenset()
        self.collector = Collector(resolvers, opts.archive.hosts)
        self.cache: Cache | None = None
        self.results: dict[str, Result] = {}
        self.streaks: dict[str, int] = {}
        self.total = 0
        self.done = 0
        self.warnings: list[str] = []
        self.unparsed = 0
        self.failing = 0
        self.offline = 0  # results recorded that say ``offline`` (``judge_network``'s fast path)
        self.not_ok = 0  # results recorded or taken from the cache that are not ok (``archive_pass``)
        self.prescan: list[Target] = []
        self.submitted: set[str] = set()  # sent to be checked, no result yet
        self.waiting: set[str] = set()  # of the final targets, those with no result yet
        # Once the targets are final (``ready_findings``): each target by key, and the
        # findings of ok results built as those arrive.
        self.by_key: dict[str, Target] = {}
        self.ready: dict[str, tuple[Finding, ...]] | None = None
        # The ready findings' JSON rows too, up to ``ROWS_AHEAD`` (``Report.rows``).
        self.encode_ahead = False
        self.rows: dict[int, tuple[Finding, str]] = {}
        self._json_row: Callable[[Finding], str] | None = None
        self.shards: shard.Shards | None = None
        self.large: list[str] = []  # .bib files whose links are prescanned (``_scan``)
        self.scan: Iterator[list[Target]] | None = None  # what is left of the scan (``dispatch``)
        self.links_read: dict[str, Any] = {}  # large .bib read by the scan -> future of its Piece
        self.input_warnings: list[str] | None = None  # what ``read_inputs`` warns into (``check_files``)
        self._cache_open = False
        self._cache_closed = False

    # -------------------------------------------------------------- stage: open the cache
    def open_cache(self) -> None:
        if self._cache_open:
            return
        self._cache_open = True
        o = self.opts
        if o.cache_path:
            from citekeeper.links.cache import Cache

            self.cache = Cache(o.cache_path, o.freshness, o.confirm_runs)
            if self.cache.warning:
                self.warnings.append(self.cache.warning)
        if o.confirm_runs > 1 and (self.cache is None or not self.cache.persistent or not self.cache.writable):
            self.warnings.append(
                f"--confirm-runs {o.confirm_runs} needs a cache kept between runs (--cache FILE);"
                " without one every failing link counts as its first failing run")

    def close_cache(self) -> None:
        if self.cache is not None and not self._cache_closed:
            self._cache_closed = True
            self.cache.close()

    def finish(self, t: Target) -> Target:
        return dataclasses.replace(t, follow=_follows(t, self.opts.follow_doi)) if t.kind == "doi" else t

    # -------------------------------------------------------------- stage: shards
    def dispatch_next(self) -> bool:
        """The next slice of the text scan to the checking shards (``shard``); False
        once the scan is done."""
        assert self.shards is not None and self.scan is not None
        found = next(self.scan, None)
        if found is None:
            self.shards.end()
            return False
        todo = self.prepare(found)
        if todo:
            self.shards.send(todo, [host_key(first_hop(self.http, t)) for t in todo])
        return True

    async def dispatch(self) -> None:
        """The rest of the scan to the shards, a slice per turn of the event loop."""
        import asyncio

        try:
            while self.dispatch_next():
                await asyncio.sleep(0)
        finally:
            assert self.shards is not None
            self.shards.end()

    # -------------------------------------------------------------- stage: collect
    def collect(self, items: list[Reference | Unparsed]) -> list[Target]:
        new: list[tuple[str, str]] = []
        for item in items:
            if isinstance(item, Unparsed):
                self.unparsed += 1
                new += self.collector.add_text(f"(unparsed block at line {item.line})", item.file,
                                               item.line, item.raw)
            else:
                new += self.collector.add(item)
        return [self.finish(self.collector.target(k)) for k in new]

    def final_targets(self) -> tuple[list[Target], list[str]]:
        """Every target in first-cited order with all its citations (``finish`` applied),
        and its cache key, in one pass: what the stages after the checks share.

        Why one pass: ``Collector.targets`` and then ``finish`` built each DOI twice, and
        each later stage formatted every ``cache_key`` again (four times per target):
        on 50,000 targets 0.1 s of the serial tail after the last answer.
        """
        c = self.collector
        cites, captures, fetch = c.cites, c.captures, c.fetch
        mode = self.opts.follow_doi
        targets: list[Target] = []
        keys: list[str] = []
        add_target, add_key = targets.append, keys.append
        for k in c.order:
            kind, value = k
            cs = tuple(cites[k])
            original, capture = captures.get(k, _NO_CAPTURE)
            follow = kind == "doi" and (mode == "all" or (mode == "url" and any(x.field == "URL" for x in cs)))
            t = Target(kind, value, cs, original, capture, follow, fetch.get(k, ""))
            add_target(t)
            add_key(f"{kind}:{value}" if not follow else t.cache_key)
        return targets, keys

    def ready_findings(self, targets: list[Target], keys: list[str]) -> None:
        """The targets are final (every piece read) while the checks go on: from here the
        findings of each ok result are built as it arrives (``record_key``), those of the
        results in already now, and ``waiting`` holds the keys still without a result.

        Why: building 50,000 findings after the last answer was 50-70 ms of the serial
        tail; ``findings`` takes these as they are when the result is still the one they
        were built from (no archive is looked up for an ok link unless ``--archive all``,
        when nothing is built ahead).
        """
        results = self.results
        self.waiting = {k for k in keys if k not in results}
        if self.opts.archive_mode == "all":
            return
        self.by_key = dict(zip(keys, targets, strict=True))
        ready: dict[str, tuple[Finding, ...]] = {}
        ok = Status.OK
        for t, k in zip(targets, keys, strict=True):
            r = results.get(k)
            if r is not None and r.status is ok and not t.capture:
                ready[k] = tuple([Finding(c, t, r) for c in t.citations])
        self.ready = ready
        if self.encode_ahead:
            from citekeeper.links.report import json_row

            self._json_row = json_row
            for fs in ready.values():
                if len(self.rows) >= ROWS_AHEAD:
                    break
                self._encode(fs)

    def _encode(self, fs: tuple[Finding, ...]) -> None:
        """The JSON rows of ``fs``, encoded now, while the shards check (``Report.rows``).

        Why: writing 10,000 rows after the last answer took 12-17 ms of the parent's CPU
        (1.2 us a row, ``report.json_row``) between the last answer and the exit; here each
        row is encoded as its result arrives, when this process mostly waits for the shards.
        """
        assert self._json_row is not None
        rows, json_row = self.rows, self._json_row
        for f in fs:
            rows[id(f)] = (f, json_row(f))

    # -------------------------------------------------------------- stage: prepare
    def prepare(self, targets: list[Target]) -> list[Target]:
        """Skip ignored targets and take fresh results from the cache; the rest to check.

        A target already checked or submitted (found again by the reader after the
        prescan, or cited twice) is neither counted again nor checked again, so the
        progress bar's n/N counts each check once.
        """
        results, submitted = self.results, self.submitted
        new = []
        for t in targets:
            k = t.cache_key
            if k not in results and k not in submitted:
                submitted.add(k)  # also keeps a target listed twice in one batch once
                new.append(t)
        todo = []
        for t in new:
            pat = next((p for p in self.opts.ignore if p.search(t.target)), None) if self.opts.ignore else None
            if pat is not None:
                self.results[t.cache_key] = Result(t.kind, t.target, Status.SKIPPED,
                                                   f"ignored (matches {pat.pattern!r})", checked_at=time.time())
            else:
                todo.append(t)
        self.total += len(new)
        if self.cache is not None and todo:
            fresh, known = self.cache.load([t.cache_key for t in todo])
            self.results.update(fresh)
            self.not_ok += sum(r.status is not Status.OK for r in fresh.values())
            self.streaks.update(known)
            todo = [t for t in todo if t.cache_key not in fresh]
        if len(todo) < len(new):
            asked = {t.cache_key for t in todo}
            for t in new:
                k = t.cache_key
                if k not in asked:
                    submitted.discard(k)  # answered here (ignored, or fresh in the cache)
                    if results[k].status in self.opts.fail_on:
                        self.failing += 1
        self.done += len(new) - len(todo)
        if self.progress:
            self.progress(self.done, self.total, self.failing)
        return todo

    # -------------------------------------------------------------- stage: record
    def record(self, t: Target, r: Result) -> None:
        """A result as it arrives: its failing streak, and into the cache at once."""
        self.record_key(t.cache_key, r)

    def record_key(self, key: str, r: Result) -> None:
        streak = self.streaks.get(key, 0) + 1 if r.failing else 0
        if streak != r.fail_streak:
            r = r.with_(fail_streak=streak)
        self.results[key] = r
        self.submitted.discard(key)
        self.waiting.discard(key)
        if self.ready is not None and r.status is Status.OK:
            t = self.by_key.get(key)
            if t is not None and not t.capture:
                fs = self.ready[key] = tuple([Finding(c, t, r) for c in t.citations])
                if self._json_row is not None and len(self.rows) < ROWS_AHEAD:
                    self._encode(fs)
        if r.details.get("offline"):
            self.offline += 1
        if r.status is not Status.OK:
            self.not_ok += 1
        if self.cache is not None:
            self.cache.store([(key, r)], now=False)
        self.done += 1
        if r.status in self.opts.fail_on:
            self.failing += 1
        if self.progress:
            self.progress(self.done, self.total, self.failing)

    # -------------------------------------------------------------- the whole run
    async def main(self, chunks: Iterator[list[Reference | Unparsed]]) -> Report:
        self.open_cache()
        try:
            return await self._main(chunks)
        finally:
            self.close_cache()

    async def _main(self, chunks: Iterator[list[Reference | Unparsed]]) -> Report:
        import asyncio
        import concurrent.futures

        from citekeeper.links.checker import Checker

        opts = self.opts

        sharded = self.shards is not None

        async def feed() -> AsyncIterator[list[Target]]:
            prescan, self.prescan = self.prescan, []
            while prescan:
                batch, prescan = prescan[:CHUNK], prescan[CHUNK:]
                yield self.prepare(batch)
            for items in chunks:
                if isinstance(items, concurrent.futures.Future):  # a piece read by a worker
                    piece: parallel.Piece = await asyncio.wrap_future(items)
                    del items  # the future holds the piece: let both go once collected
                    said = piece.problems + piece.warnings
                    if piece.whole_file and self.input_warnings is not None:
                        self.input_warnings += said  # in the file's turn, as a whole read's (``read_inputs``)
                    else:
                        self.warnings += said
                    self.unparsed += piece.unparsed
                    keys = self.collector.absorb(piece.collected)
                    del piece
                    if sharded:
                        continue  # what the prescan missed is checked once the shards are done
                    # Most were found by the prescan and are under way: no Target for those.
                    new = [self.finish(self.collector.target(k)) for k in keys
                           if k[0] != "url" or (f"url:{k[1]}" not in self.submitted
                           and f"url:{k[1]}" not in self.results)]
                    while new:
                        batch, new = new[:CHUNK], new[CHUNK:]
                        yield self.prepare(batch)
                    continue
                found = self.collect(items)
                yield [] if sharded else self.prepare(found)

        archives: dict[tuple[str, str], Archive | None] = {}
        async with Checker(self.http) as checker:
            final: tuple[list[Target], list[str]] | None = None
            if self.shards is not None:
                async def read_all() -> None:
                    nonlocal final
                    await checker.check_feed(feed(), self.record)
                    # Every piece is read: the targets and their citations are final, so
                    # they are built now, while the shards still check, not after the
                    # last answer (50,000 targets: 85 ms of the serial tail).
                    final = self.final_targets()
                    self.ready_findings(*final)

                # The shards check the prescanned links while this process reads; the
                # links only the reader found are checked here afterwards ("late").
                await asyncio.gather(self.dispatch(), self.shards.collect(self.record_key), read_all())
                checker.stats.update(self.shards.stats)
                # A shard that died sent no result for some: they are checked here ("late").
                # (``record_key`` takes each answered key out as it comes: rebuilding the
                # set of every key submitted took 13-20 ms of the tail on 50,000.)
                self.submitted.clear()
            else:
                await checker.check_feed(feed(), self.record)
            targets, keys = final if final is not None else self.final_targets()
            # A DOI first cited as a field and later as a URL now wants its landing page too.
            results = self.results
            # Those without a result: kept up to date as results came (``waiting``), where
            # looking at every key here took 9 ms of the tail on 50,000; ``prepare`` drops
            # any answered meanwhile by the cache or an ignore pattern.
            unanswered = self.waiting if final is not None else set(keys).difference(results)
            late = self.prepare([t for t, k in zip(targets, keys, strict=True) if k in unanswered]
                                if unanswered else [])
            if late:
                await checker.check_all(late, self.record)
            if self.cache is not None:
                self.cache.flush()
            network = judge_network(targets, self.results, self.warnings, keys, self.offline)
            # Nothing to look up when every result is ok and no URL is a capture (the
            # archive pass would go through every target to find that: 12-18 ms on 50,000).
            nothing = not self.not_ok and not self.collector.captures and opts.archive_mode != "all"
            if opts.archive_mode != "none" and network == "ok" and not nothing:
                archives = await archive_pass(checker, targets, self.results, opts, self.cache, keys)
            stats = dict(checker.stats)
        if self.cache is not None and self.cache.warning and self.cache.warning not in self.warnings:
            self.warnings.append(self.cache.warning)
        if self.unparsed:
            stats["unparsed_blocks"] = self.unparsed
        report = Report(findings(targets, self.results, archives, opts.confirm_runs, keys, self.ready),
                        stats=stats,
                        fail_on=opts.fail_on, network=network, rows=self.rows)
        report.warnings = self.warnings
        return report


# ---------------------------------------------------------------------- stage: network
OFFLINE_HOSTS = 3  # distinct hosts all failing alike before "the network is not there"


def judge_network(targets: list[Target], results: dict[str, Result], warnings: list[str],
                  keys: list[str] | None = None, offline_seen: int | None = None) -> str:
    """Tell a dead host from a missing network; returns "ok" or "unreachable".

    Each result already says ``offline`` when its own failure proves nothing about the
    host (no resolver answered, no route).  On top of that, when no host gave any
    HTTP answer and at least ``OFFLINE_HOSTS`` distinct hosts all failed the same way,
    the failures are the network's, not the hosts': those ``broken`` verdicts become
    ``transient`` (never cached as broken).  Either way one warning says so.

    ``keys`` are the targets' cache keys (``Run.final_targets``); ``offline_seen`` the
    number of this run's results that say ``offline`` (``Run.record_key`` counts them):
    when it is 0, the first target checked here with an HTTP answer settles it ("ok"),
    where the general way goes through every target (40 ms on 50,000).
    """
    skipped = Status.SKIPPED
    if keys is None:
        keys = [t.cache_key for t in targets]
    if offline_seen == 0:
        for k in keys:
            r = results.get(k)
            if r is not None and r.http_status is not None and not r.from_cache and r.status is not skipped:
                return "ok"  # answered, and nothing offline
    from citekeeper.links.transport import NET_BROKEN

    checked: list[tuple[Target, str, Result]] = []
    for t, k in zip(targets, keys, strict=True):
        r = results.get(k)
        if r is not None and not r.from_cache and r.status is not skipped:
            checked.append((t, k, r))
    if not checked:
        return "ok"
    answered = any(r.http_status is not None for _, _, r in checked)
    offline = [r for _, _, r in checked if r.details.get("offline")]
    if answered and not offline:
        return "ok"  # the common case, without parsing every host (4 % of a 50,000-link run)
    kinds = Counter(r.details.get("net") for _, _, r in checked)
    hosts = {host_key(t.target) if t.kind == "url" else "doi" for t, _, _ in checked}
    same_way = (not answered and len(hosts) >= OFFLINE_HOSTS and len(kinds) == 1
                and next(iter(kinds)) in NET_BROKEN)
    if same_way:
        kind = next(iter(kinds))
        for _, k, r in checked:
            results[k] = r.with_(
                status=Status.TRANSIENT,
                reason=f"{r.reason} (every host failed this way: the network looks unreachable)",
                details={**r.details, "offline": True}, fail_streak=0)
        warnings.append(f"no host answered: all {len(checked)} links on {len(hosts)} hosts failed with"
                        f" '{kind}'; the network looks unreachable, so they are reported as transient,"
                        " not broken, and not cached")
        return "unreachable"
    if offline and not answered:
        warnings.append(f"the network looks unreachable ({offline[0].reason}): {len(offline)} links"
                        " could not be checked and are reported as transient, not broken")
        return "unreachable"
    if offline:
        warnings.append(f"{len(offline)} links could not be reached for want of a network route or"
                        f" a resolver (e.g. {redact_text(offline[0].reason)}); reported as transient")
    return "ok"


# ---------------------------------------------------------------------- stage: findings
def findings(targets: list[Target], results: dict[str, Result],
             archives: dict[tuple[str, str], Archive | None], confirm_runs: int,
             keys: list[str] | None = None,
             ready: dict[str, tuple[Finding, ...]] | None = None) -> list[Finding]:
    """One finding per citation, in the targets' order (``keys``: their cache keys).

    An archive is looked up per citation only for a target that has one
    (``archive_pass`` finds them for the few that are not ok), and a streak only
    matters with ``confirm_runs`` > 1.  ``ready``: findings built while the checks ran
    (``Run.ready_findings``), taken when built from the result the target has now, on
    a target without an archive.
    """
    if keys is None:
        keys = [t.cache_key for t in targets]
    with_archive = {url for url, _ in archives} if archives else set()
    confirm = confirm_runs > 1
    live = (Status.OK, Status.REDIRECTED)
    out: list[Finding] = []
    add = out.append
    for t, k in zip(targets, keys, strict=True):
        r = results[k]
        if ready:
            pre = ready.get(k)
            if pre and pre[0].result is r and t.target not in with_archive:
                out += pre
                continue
        unconfirmed = confirm and r.failing and r.fail_streak < confirm_runs
        if t.capture and r.status in live:
            arch = Archive(t.target, t.capture, "input")
            for c in t.citations:
                add(Finding(c, t, r, arch, unconfirmed))
        elif t.target in with_archive:
            for c in t.citations:
                add(Finding(c, t, r, archives.get((t.target, c.archive_date)), unconfirmed))
        else:
            for c in t.citations:
                add(Finding(c, t, r, None, unconfirmed))
    return out


# ---------------------------------------------------------------------- stage: archive
async def archive_pass(checker: Checker, targets: list[Target], results: dict[str, Result],
                       opts: CheckOptions, cache: Cache | None,
                       keys: list[str] | None = None) -> dict[tuple[str, str], Archive | None]:
    """Archive look-ups for URLs that are not ok (all with ``archive_mode == "all"``).

    The URL asked about is the one shown (credentials redacted, and stripped before
    the look-up by ``archive.find_archive``).  ``keys``: the targets' cache keys.
    """
    wanted: dict[tuple[str, str], str] = {}  # (target, date) -> URL to look up
    if keys is None:
        keys = [t.cache_key for t in targets]
    every = opts.archive_mode == "all"
    ok = Status.OK
    for t, k in zip(targets, keys, strict=True):
        status = results[k].status
        if status is ok and not every and not t.capture:
            continue  # the common case first: 20 -> 8 ms on 50,000 ok targets
        if t.kind != "url" or status is Status.SKIPPED:
            continue
        if t.capture:
            if status in (Status.OK, Status.REDIRECTED):
                continue  # the capture itself is the archive
            lookup = t.original
        elif status is ok and not every:
            continue
        else:
            lookup = t.target
        for c in t.citations:
            wanted.setdefault((t.target, c.archive_date), lookup)
    out: dict[tuple[str, str], Archive | None] = {}

    async def one(key: tuple[str, str], url: str) -> None:
        date = key[1]
        if cache is not None:
            known, arch, _note = cache.archive(url, date)
            if known:
                out[key] = arch
                return
        arch, note = await find_archive(checker.fetcher, opts.archive, url, date)
        out[key] = arch
        if cache is not None:
            cache.store_archive(url, date, arch, note)

    import asyncio

    await asyncio.gather(*(one(k, u) for k, u in wanted.items()))
    return out

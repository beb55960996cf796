"""The one module that composes the stages of ``check``:

read files -> collect targets -> skip ignored -> fresh results from the cache ->
check the rest (``http.Checker``) -> count failing runs -> archive pass over the
URLs that are not ok -> findings (one per citation) -> ``Report``.

The CLI only turns options into ``CheckOptions`` and prints the ``Report``; all the
orchestration is here, where the tests reach it without a terminal.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from citekeeper.links import doi as doimod
from citekeeper.links.archive import ArchiveSettings, find_archive
from citekeeper.links.cache import Cache
from citekeeper.links.checker import Checker
from citekeeper.links.collect import Collector
from citekeeper.links.fetch import HttpSettings
from citekeeper.links.verdict import (
    DEFAULT_FAIL_ON,
    Archive,
    Finding,
    Result,
    Status,
    Target,
)
from citekeeper.model import Reference

ProgressFn = Callable[[int, int], None]


@dataclass
class CheckOptions:
    http: HttpSettings = field(default_factory=HttpSettings)
    archive: ArchiveSettings = field(default_factory=ArchiveSettings)
    archive_mode: str = "failing"  # none | failing | all
    # Whose DOI landing pages are checked: "all", "url" (DOIs written as URLs: a link
    # the reader will click), or "none".
    follow_doi: str = "url"
    doi_resolver: str = doimod.DEFAULT_DOI_RESOLVER
    cache_path: str | None = None  # None: no cache
    freshness: dict[str, float] = field(default_factory=dict)
    confirm_runs: int = 1
    ignore: tuple[re.Pattern[str], ...] = ()
    fail_on: frozenset[Status] = DEFAULT_FAIL_ON

    def endpoint_hosts(self) -> frozenset[str]:
        """Hosts of the configured services: trusted even when private (tests, mirrors)."""
        urls = (self.http.doi_api, self.doi_resolver, self.archive.wayback_api,
                self.archive.cdx_api, self.archive.memento_api, self.archive.web_base)
        return frozenset((urlsplit(u).hostname or "").lower() for u in urls if u)


@dataclass
class Report:
    findings: list[Finding]
    warnings: list[str] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    files: list[str] = field(default_factory=list)
    fail_on: frozenset[Status] = DEFAULT_FAIL_ON

    def failing(self) -> list[Finding]:
        return [f for f in self.findings if f.result.status in self.fail_on and not f.unconfirmed]

    @property
    def exit_code(self) -> int:
        return 1 if self.failing() else 0

    def summary(self) -> dict[str, Any]:
        by_status = Counter(f.result.status.value for f in self.findings)
        targets = {(f.target.kind, f.target.target) for f in self.findings}
        return {
            "files": self.files,
            "citations": len(self.findings),
            "targets": len(targets),
            "by_status": {s.value: by_status.get(s.value, 0) for s in Status},
            "failing": len(self.failing()),
            "unconfirmed": sum(f.unconfirmed for f in self.findings),
            "fail_on": sorted(s.value for s in self.fail_on),
            "archived": sum(f.archive is not None for f in self.findings),
            "from_cache": len({(f.target.kind, f.target.target) for f in self.findings
                               if f.result.from_cache}),
            "requests": self.stats.get("requests", 0),
            "retries": self.stats.get("retries", 0),
            "elapsed_s": round(self.elapsed, 3),
            "exit_code": self.exit_code,
        }


CHUNK = 500  # references read between two turns of the event loop


def read_inputs(paths: Iterable[str | Path]) -> tuple[list[Reference], list[str]]:
    """Every reference of every file, and the problems met (as ``file:line: message``)."""
    warnings: list[str] = []
    refs = [r for chunk in _read_chunks(paths, warnings) for r in chunk]
    return refs, warnings


def _read_chunks(paths: Iterable[str | Path], warnings: list[str]) -> Iterator[list[Reference]]:
    """References in chunks, so that checking starts while large .bib files are still read.

    .bib files go through the fast scanner (``collect.iter_bib_fast``); when it is not
    sure of something, the full reader reads the file too (its references for entries
    already read are equal, so the collector counts them once).
    """
    from citekeeper.formats import format_for, read_file
    from citekeeper.links.collect import NeedsFullReader, iter_bib_fast
    from citekeeper.textio import read_text

    for p in paths:
        if format_for(p) == "bibtex":
            text = read_text(p).text
            chunk: list[Reference] = []
            try:
                for ref in iter_bib_fast(text, str(p)):
                    chunk.append(ref)
                    if len(chunk) >= CHUNK:
                        yield chunk
                        chunk = []
            except NeedsFullReader:
                pass
            else:
                if chunk:
                    yield chunk
                continue
            if chunk:
                yield chunk
        res = read_file(p)
        warnings += [str(e) for e in res.problems]
        warnings += [f"{p}: {w}" for w in res.warnings]
        yield res.references


def check_references(refs: list[Reference], opts: CheckOptions,
                     progress: ProgressFn | None = None) -> Report:
    """Check the DOIs and URLs of ``refs`` (see module docstring)."""
    started = time.time()
    report = _run(_check(iter([refs]), opts, progress))
    report.elapsed = time.time() - started
    return report


def check_files(paths: list[str | Path], opts: CheckOptions,
                progress: ProgressFn | None = None) -> Report:
    """Read and check ``paths``; reading and checking overlap (see ``_read_chunks``)."""
    started = time.time()
    warnings: list[str] = []
    report = _run(_check(_read_chunks(paths, warnings), opts, progress))
    report.warnings = warnings + report.warnings
    report.files = [str(p) for p in paths]
    report.elapsed = time.time() - started
    return report


def _run(coro: Coroutine[Any, Any, Report]) -> Report:
    """``asyncio.run`` whose main task returns nothing.

    On exit, CPython's runner restores the SIGINT handler, and the check of the old
    handler formats it with ``repr`` -- which includes the main task's *result*.  With a
    10,000-finding report as the result, that cost 0.3 s per run; kept aside, it is free.
    """
    box: list[Report] = []

    async def main() -> None:
        box.append(await coro)

    asyncio.run(main())
    return box[0]


def _follows(t: Target, mode: str) -> bool:
    if mode == "all":
        return True
    return mode == "url" and any(c.field == "URL" for c in t.citations)


async def _check(chunks: Iterator[list[Reference]], opts: CheckOptions,
                 progress: ProgressFn | None) -> Report:
    http = dataclasses.replace(opts.http, trusted_hosts=opts.http.trusted_hosts | opts.endpoint_hosts())
    resolvers = frozenset({opts.doi_resolver}) if opts.doi_resolver else frozenset()
    collector = Collector(resolvers, opts.archive.hosts)
    cache = Cache(opts.cache_path, opts.freshness, opts.confirm_runs) if opts.cache_path else None
    results: dict[str, Result] = {}
    streaks: dict[str, int] = {}
    submitted: list[Target] = []
    total = done = 0

    def finish(t: Target) -> Target:
        return dataclasses.replace(t, follow=_follows(t, opts.follow_doi)) if t.kind == "doi" else t

    def prepare(targets: list[Target]) -> list[Target]:
        """Skip ignored targets and take fresh results from the cache; the rest to check."""
        nonlocal total, done
        todo = []
        for t in targets:
            if t.cache_key in results:
                continue
            pat = next((p for p in opts.ignore if p.search(t.target)), None)
            if pat is not None:
                results[t.cache_key] = Result(t.kind, t.target, Status.SKIPPED,
                                              f"ignored (matches {pat.pattern!r})", checked_at=time.time())
            else:
                todo.append(t)
        total += len(targets)
        if cache is not None and todo:
            fresh, known = cache.load([t.cache_key for t in todo])
            results.update(fresh)
            streaks.update(known)
            todo = [t for t in todo if t.cache_key not in fresh]
        done += len(targets) - len(todo)
        if progress:
            progress(done, total)
        submitted.extend(todo)
        return todo

    def tick(_t: Target, _r: Result) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    async def feed() -> AsyncIterator[list[Target]]:
        for refs in chunks:
            new: list[tuple[str, str]] = []
            for ref in refs:
                new += collector.add(ref)
            yield prepare([finish(collector.target(k)) for k in new])

    archives: dict[tuple[str, str], Archive | None] = {}
    async with Checker(http) as checker:
        checked = await checker.check_feed(feed(), tick)
        targets = [finish(t) for t in collector.targets()]
        # A DOI first cited as a field and later as a URL now wants its landing page too.
        late = prepare([t for t in targets if t.cache_key not in results and t.cache_key not in checked])
        if late:
            checked.update(await checker.check_all(late, tick))
        for key, r in checked.items():
            streak = streaks.get(key, 0) + 1 if r.failing else 0
            results[key] = r.with_(fail_streak=streak) if streak != r.fail_streak else r
        if cache is not None:
            cache.store([(t.cache_key, results[t.cache_key]) for t in submitted if t.cache_key in results])
        if opts.archive_mode != "none":
            archives = await _archive_pass(checker, targets, results, opts, cache)
        stats = dict(checker.stats)
    if cache is not None:
        cache.close()
    findings = []
    for t in targets:
        r = results[t.cache_key]
        unconfirmed = r.failing and opts.confirm_runs > 1 and r.fail_streak < opts.confirm_runs
        for c in t.citations:
            arch = archives.get((t.target, c.archive_date))
            if t.capture and r.status in (Status.OK, Status.REDIRECTED):
                arch = Archive(t.target, t.capture, "input")
            findings.append(Finding(c, t, r, arch, unconfirmed))
    return Report(findings, stats=stats, fail_on=opts.fail_on)


async def _archive_pass(checker: Checker, targets: list[Target], results: dict[str, Result],
                        opts: CheckOptions, cache: Cache | None) -> dict[tuple[str, str], Archive | None]:
    """Archive look-ups for URLs that are not ok (all with ``archive_mode == "all"``)."""
    wanted: dict[tuple[str, str], str] = {}  # (target, date) -> URL to look up
    for t in targets:
        if t.kind != "url":
            continue
        r = results[t.cache_key]
        if r.status is Status.SKIPPED:
            continue
        if t.capture:
            if r.status in (Status.OK, Status.REDIRECTED):
                continue  # the capture itself is the archive
            lookup = t.original
        elif r.status is Status.OK and opts.archive_mode != "all":
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
        arch, note = await find_archive(checker, opts.archive, url, date)
        out[key] = arch
        if cache is not None:
            cache.store_archive(url, date, arch, note)

    await asyncio.gather(*(one(k, u) for k, u in wanted.items()))
    return out

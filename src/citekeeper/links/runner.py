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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from citekeeper.links import doi as doimod
from citekeeper.links.archive import ArchiveSettings, find_archive
from citekeeper.links.cache import Cache
from citekeeper.links.collect import collect
from citekeeper.links.http import Checker, HttpSettings
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


def read_inputs(paths: Iterable[str | Path]) -> tuple[list[Reference], list[str]]:
    """Every reference of every file, and the problems met (as ``file:line: message``)."""
    from citekeeper.formats import format_for, read_file
    from citekeeper.links.collect import read_bib_fast

    refs: list[Reference] = []
    warnings: list[str] = []
    for p in paths:
        if format_for(p) == "bibtex":
            fast = read_bib_fast(str(p))
            if fast is not None:
                refs += fast
                continue
        res = read_file(p)
        refs += res.references
        warnings += [str(e) for e in res.problems]
        warnings += [f"{p}: {w}" for w in res.warnings]
    return refs, warnings


def check_references(refs: list[Reference], opts: CheckOptions,
                     progress: ProgressFn | None = None) -> Report:
    """Check the DOIs and URLs of ``refs`` (see module docstring)."""
    started = time.time()
    resolvers = frozenset({opts.doi_resolver}) if opts.doi_resolver else frozenset()
    targets = collect(refs, resolvers=resolvers, archive_hosts=opts.archive.hosts)
    targets = [dataclasses.replace(t, follow=_follows(t, opts.follow_doi)) if t.kind == "doi" else t
               for t in targets]
    report = asyncio.run(_check(targets, opts, progress))
    report.elapsed = time.time() - started
    return report


def _follows(t: Target, mode: str) -> bool:
    if mode == "all":
        return True
    return mode == "url" and any(c.field == "URL" for c in t.citations)


def check_files(paths: list[str | Path], opts: CheckOptions,
                progress: ProgressFn | None = None) -> Report:
    refs, warnings = read_inputs(paths)
    report = check_references(refs, opts, progress)
    report.warnings = warnings + report.warnings
    report.files = [str(p) for p in paths]
    return report


async def _check(targets: list[Target], opts: CheckOptions, progress: ProgressFn | None) -> Report:
    http = dataclasses.replace(opts.http, trusted_hosts=opts.http.trusted_hosts | opts.endpoint_hosts())
    results: dict[str, Result] = {}
    todo: list[Target] = []
    for t in targets:
        pat = next((p for p in opts.ignore if p.search(t.target)), None)
        if pat is not None:
            results[t.cache_key] = Result(t.kind, t.target, Status.SKIPPED,
                                          f"ignored (matches {pat.pattern!r})", checked_at=time.time())
        else:
            todo.append(t)
    cache = Cache(opts.cache_path, opts.freshness, opts.confirm_runs) if opts.cache_path else None
    streaks: dict[str, int] = {}
    if cache is not None:
        fresh, streaks = cache.load([t.cache_key for t in todo])
        results.update(fresh)
        todo = [t for t in todo if t.cache_key not in fresh]
    total = len(targets)
    done = total - len(todo)
    if progress:
        progress(done, total)

    def tick(_t: Target, _r: Result) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    archives: dict[tuple[str, str], Archive | None] = {}
    async with Checker(http) as checker:
        fresh_results = await checker.check_all(todo, tick)
        for key, r in fresh_results.items():
            streak = streaks.get(key, 0) + 1 if r.failing else 0
            results[key] = r.with_(fail_streak=streak)
        if cache is not None:
            cache.store([(t.cache_key, results[t.cache_key]) for t in todo if t.cache_key in results])
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

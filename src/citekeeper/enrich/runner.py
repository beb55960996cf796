"""The enrich run: read every file, look each entry up, decide, report.

Per entry, in this order (each step a function below, each returning into one
``EntryResult``):

1. **verify** an entry that has a DOI: Crossref ``/works/{doi}``, else DataCite
   ``/dois/{doi}``; neither knows it -> the DOI handle API says whether it exists
   at all (another agency) or not (``doi-unregistered``).  The record is compared
   with the entry (``match.verify``); another work -> ``doi-mismatch`` with both
   sides, and a search for the right DOI, shown as a suggestion, never written.
2. **find** a DOI for an entry without one: Crossref's bibliographic search, then
   DataCite, then OpenAlex for what the former lack; ``match.choose`` accepts one
   work or reports the tie.
3. **notices** about the work: Crossref's ``updated-by`` (publisher and Retraction
   Watch assertions) and ``relation``, the notices' own ``update-to`` found with
   ``filter=updates:{doi}``, and OpenAlex's ``is_retracted``.
4. **complete** missing fields from the accepted record (never overwriting).

Entries run concurrently (the host gates of the transport pace the services), and
the same DOI or search asked twice is asked once (``Transport`` memo + cache).
"""

from __future__ import annotations

import asyncio
import functools
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from citekeeper.enrich import sources
from citekeeper.enrich.match import Choice, choose, verify
from citekeeper.enrich.outcome import EntryResult, update_findings
from citekeeper.enrich.transport import Transport, with_query
from citekeeper.enrich.works import Update, Work, as_dict, as_list, from_crossref
from citekeeper.errors import EXIT_FINDINGS, EXIT_OK
from citekeeper.links import doi as doimod
from citekeeper.links.http import HttpSettings
from citekeeper.lint.finding import Fix
from citekeeper.model import Reference

# CSL fields enrich completes, in the order they are written.
COMPLETABLE = ("container-title", "volume", "issue", "page", "publisher", "ISSN", "ISBN", "language")
# Types a registry does not describe (a web page, a law, a newspaper piece): a
# "match" there would be a guess, so they are not searched.
NOT_SEARCHED = frozenset({"webpage", "post", "post-weblog", "legislation", "legal_case", "bill",
                          "treaty", "article-newspaper", "personal_communication", "interview",
                          "speech", "patent", "software"})
# Fields that only make sense for some types (a book's "container" in Crossref is its series).
_TYPE_FIELDS = {
    "book": ("publisher", "ISBN", "language"),
    "thesis": ("publisher", "language"),
    "report": ("publisher", "ISBN", "ISSN", "language"),
    "dataset": ("publisher", "language"),
}
CONCURRENT_ENTRIES = 64  # entries in progress at once; the host gates do the pacing
ProgressFn = Callable[[int, int], None]


@dataclass
class EnrichOptions:
    http: HttpSettings = field(default_factory=HttpSettings)
    crossref_api: str = sources.DEFAULT_CROSSREF_API
    datacite_api: str = sources.DEFAULT_DATACITE_API
    openalex_api: str = sources.DEFAULT_OPENALEX_API
    mailto: str = ""
    rate: float = 10.0  # request starts per second per service, until a service announces its own
    rate_is_cap: bool = False  # the user set the rate: an announced budget may only lower it
    cache_path: str | None = None
    freshness: dict[str, float] = field(default_factory=dict)
    find: bool = True
    verify: bool = True
    complete: bool = True
    notices: bool = True  # ask Crossref for notices about each work (filter=updates:)
    notices_only: bool = False  # check --retractions: look up given DOIs for notices, nothing else
    services: tuple[str, ...] = ("crossref", "datacite", "openalex")
    fail_on: frozenset[str] = frozenset({"error"})  # severities that make the exit code 1

    def endpoints(self) -> list[str]:
        return [self.crossref_api, self.datacite_api, self.openalex_api, self.http.doi_api]


@dataclass
class Report:
    entries: list[EntryResult]
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    elapsed: float = 0.0
    fail_on: frozenset[str] = frozenset({"error"})

    @property
    def findings(self) -> list[Any]:
        return [f for e in self.entries for f in e.findings]

    @property
    def exit_code(self) -> int:
        return EXIT_FINDINGS if any(f.severity in self.fail_on for f in self.findings) else EXIT_OK

    def summary(self) -> dict[str, Any]:
        actions: dict[str, int] = {}
        for e in self.entries:
            actions[e.action] = actions.get(e.action, 0) + 1
        sev: dict[str, int] = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            sev[f.severity] += 1
        return {"entries": len(self.entries), "actions": actions, "findings": sev,
                "fields_completed": sum(len(e.completed) for e in self.entries),
                "requests": self.stats.get("requests", 0), "from_cache": self.stats.get("from_cache", 0),
                "elapsed_s": round(self.elapsed, 3)}


def read_inputs(paths: list[str | Path]) -> tuple[list[Reference], list[str]]:
    """Every entry of every file through ``formats.read_file``, and the problems as warnings."""
    from citekeeper.formats import read_file

    refs: list[Reference] = []
    warnings: list[str] = []
    for p in paths:
        res = read_file(p)
        refs += res.references
        warnings += [str(e) for e in res.problems]
        warnings += [f"{p}: {w}" for w in res.warnings]
    return refs, warnings


def enrich_files(paths: list[str | Path], opts: EnrichOptions, progress: ProgressFn | None = None) -> Report:
    started = time.time()
    refs, warnings = read_inputs(paths)
    report = enrich_references(refs, opts, progress)
    report.warnings = warnings + report.warnings
    report.files = [str(p) for p in paths]
    report.elapsed = time.time() - started
    return report


def enrich_references(refs: list[Reference], opts: EnrichOptions,
                      progress: ProgressFn | None = None) -> Report:
    started = time.time()
    box: list[Report] = []

    async def main() -> None:
        box.append(await _enrich(refs, opts, progress))

    asyncio.run(main())
    box[0].elapsed = time.time() - started
    box[0].fail_on = opts.fail_on
    return box[0]


_T = TypeVar("_T")


class _Services:
    """The registries of one run, and a memo so one question is asked once."""

    def __init__(self, t: Transport, opts: EnrichOptions) -> None:
        self.t = t
        self.opts = opts
        self.crossref = sources.Crossref(t, opts.crossref_api)
        self.datacite = sources.DataCite(t, opts.datacite_api)
        self.openalex = sources.OpenAlex(t, opts.openalex_api)
        self._memo: dict[tuple[str, str], asyncio.Future[Any]] = {}

    def enabled(self, name: str) -> bool:
        return name in self.opts.services

    async def once(self, key: tuple[str, str], make: Callable[[], Awaitable[_T]]) -> _T:
        fut = self._memo.get(key)
        if fut is None:
            fut = self._memo[key] = asyncio.ensure_future(make())
        return await fut


async def _enrich(refs: list[Reference], opts: EnrichOptions, progress: ProgressFn | None) -> Report:
    results = [EntryResult(r, (r.origin.file if r.origin else None) or "<input>",
                           r.origin.line_start if r.origin else None) for r in refs]
    sem = asyncio.Semaphore(CONCURRENT_ENTRIES)
    done = 0
    async with Transport(opts.http, endpoints=opts.endpoints(), mailto=opts.mailto, rate=opts.rate,
                         rate_is_cap=opts.rate_is_cap,
                         cache_path=opts.cache_path, freshness=opts.freshness) as t:
        svc = _Services(t, opts)

        async def one(res: EntryResult) -> None:
            nonlocal done
            async with sem:
                try:
                    await _entry(svc, res)
                except Exception as exc:  # a bug must not lose the other entries
                    res.action = "unchecked"
                    res.finding("enrich/unchecked", "warning", f"internal error: {type(exc).__name__}: {exc}")
            done += 1
            if progress:
                progress(done, len(results))

        await asyncio.gather(*(one(r) for r in results))
        stats = dict(t.stats)
        offline = t.offline_hosts()
        answered = bool(t.answered)
    warnings = []
    for host, err in sorted(offline.items()):
        warnings.append(f"no answer from {host} ({err}): entries that needed it are unchecked;"
                        " nothing was changed for them")
    if offline and not answered:
        warnings.insert(0, "offline: no registry answered; nothing was checked or changed")
    return Report(results, warnings, stats=stats)


async def _entry(svc: _Services, res: EntryResult) -> None:
    ref = res.ref
    if not ref.parsed:
        res.note = "not parsed: not looked up"
        return
    if ref.doi:
        if svc.opts.notices_only:
            await _notices_of_doi(svc, res)
        elif svc.opts.verify:
            await _verify(svc, res)
        return
    if svc.opts.notices_only:
        return
    if not svc.opts.find:
        return
    arxiv = _arxiv_id(ref)
    if arxiv and svc.enabled("datacite") and await _find_arxiv(svc, res, arxiv):
        return
    # A one-word title ("MultiFi") is searched only with an author and a year to check.
    short = len(ref.title.split()) < 2 and not (len(ref.title) >= 3 and ref.authors and ref.issued)
    if (ref.type in NOT_SEARCHED and not arxiv) or short:
        res.note = f"not searched ({ref.type})" if ref.title else "no title to search"
        return
    await _find(svc, res)


_ARXIV = re.compile(r"(?:arxiv[:\s/]*)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.I)


def _arxiv_id(ref: Reference) -> str:
    """The arXiv id of an entry (``eprint`` + ``eprinttype = arxiv``, or ``arXiv:...`` text)."""
    if ref.identifiers.get("arXiv"):
        m = _ARXIV.fullmatch(ref.identifiers["arXiv"].strip())
        return m.group(1) if m else ""
    for name in ("container-title", "number", "note", "URL"):
        v = ref.get(name)
        if "arxiv" in v.lower():
            m = _ARXIV.search(v)
            if m:
                return m.group(1)
    return ""


async def _find_arxiv(svc: _Services, res: EntryResult, arxiv: str) -> bool:
    """arXiv registers ``10.48550/arXiv.<id>`` with DataCite: no search needed, only a check
    that the record is the cited work."""
    doi = f"10.48550/arxiv.{arxiv}".lower()
    lk = await svc.once(("datacite:work", doi), lambda: svc.datacite.work(doi))
    if not lk.works:
        return False
    work = lk.works[0]
    v = verify(res.ref, work)
    if v.status != "same":
        return False
    res.action, res.doi, res.work, res.score = "found", doi, work, v.score
    res.finding("enrich/doi-found", "info",
                f"DOI found: doi:{doi} from datacite (arXiv {arxiv}; {', '.join(v.score.reasons)})",
                Fix("DOI", "", doi))
    _complete(svc, res, work)
    return True


async def _fetch(svc: _Services, doi: str, openalex: bool = False) -> tuple[Work | None, bool]:
    """The record of ``doi`` from Crossref, else DataCite (else OpenAlex, which also
    indexes other agencies' DOIs): ``(work, answered)``."""
    order = [s for s in (svc.crossref, svc.datacite, *((svc.openalex,) if openalex else ()))
             if svc.enabled(s.name)]
    answered = True
    for s in order:
        lk = await svc.once((s.name + ":work", doi), functools.partial(s.work, doi))
        if lk.works:
            return lk.works[0], True
        if lk.answer.failed:
            answered = False
    return None, answered


async def _verify(svc: _Services, res: EntryResult) -> None:
    ref = res.ref
    doi = doimod.normalize(ref.doi)
    if not doimod.is_doi(doi):
        res.action = "unregistered"
        res.finding("enrich/doi-unregistered", "error", f"{ref.doi!r} is not a DOI (10.prefix/suffix)")
        return
    work, answered = await _fetch(svc, doi, openalex=True)
    if work is None:
        if not answered:
            res.action = "unchecked"
            res.finding("enrich/unchecked", "warning", f"doi:{doi}: no registry answered; not verified")
            return
        registered = await svc.once(("handle", doi), lambda: svc.t.doi_registered(doi))
        if registered:
            res.action, res.doi = "verified", doi
            res.note = "registered with another agency; metadata not compared"
            return
        res.action = "unregistered"
        why = ("the DOI handle API has no such DOI" if registered is False
               else "the DOI handle API did not answer")
        res.finding("enrich/doi-unregistered", "error",
                    f"doi:{doi} is not registered: unknown to Crossref, DataCite and OpenAlex, and {why}")
        await _suggest(svc, res, doi)
        return
    v = verify(ref, work)
    res.work, res.score, res.doi = work, v.score, doi
    if v.status == "other":
        res.action = "mismatch"
        res.finding("enrich/doi-mismatch", "error",
                    f"doi:{doi} names another work: {v.reason}. Cited: {_describe_ref(ref)} "
                    f"| Registered: {work.describe()}")
        await _suggest(svc, res, doi)
        return
    if v.status == "doubtful":
        res.action = "doubtful"
        res.finding("enrich/doi-doubtful", "warning",
                    f"doi:{doi} only partly fits the entry ({v.reason}). Cited: {_describe_ref(ref)} "
                    f"| Registered: {work.describe()}")
    else:
        res.action = "verified"
    await _notices(svc, res, work)
    if v.status == "same":
        _complete(svc, res, work)


async def _notices_of_doi(svc: _Services, res: EntryResult) -> None:
    """Only the notices about the entry's DOI (``check --retractions``)."""
    doi = doimod.normalize(res.ref.doi)
    if not doimod.is_doi(doi):
        return
    work, answered = await _fetch(svc, doi)
    if work is None:
        res.action = "unchecked" if not answered else "skipped"
        return
    res.action, res.doi, res.work = "verified", doi, work
    await _notices(svc, res, work)


async def _suggest(svc: _Services, res: EntryResult, wrong: str) -> None:
    """After a wrong DOI: search for the right one and name it (never written)."""
    if not svc.opts.find or res.ref.type in NOT_SEARCHED:
        return
    choice, _ = await _search(svc, res.ref)
    if choice is None or choice.work is None or choice.score is None or choice.work.doi == wrong:
        return
    res.suggested = choice.work.doi
    res.finding("enrich/doi-mismatch", "info",
                f"the entry's work is doi:{choice.work.doi} (score {choice.score.value:.2f}:"
                f" {', '.join(choice.score.reasons)}); not written: the entry has a DOI")


async def _search(svc: _Services, ref: Reference) -> tuple[Choice | None, bool]:
    """``(choice, answered)``: the first service whose answer decides (found or tie) wins."""
    answered = True
    last = None
    for s in (svc.crossref, svc.datacite, svc.openalex):
        if not svc.enabled(s.name):
            continue
        lk = await svc.once((s.name + ":search", _search_key(ref)), functools.partial(s.search, ref))
        if lk.answer.failed:
            answered = False
            continue
        choice = choose(ref, list(lk.works))
        if choice.status in ("found", "ambiguous"):
            return choice, True
        last = last if last is not None and last.candidates else choice
    return last, answered


def _search_key(ref: Reference) -> str:
    from citekeeper.enrich.match import first_family, ref_year

    return "|".join((ref.type, ref.title, first_family(ref), str(ref_year(ref)), ref.get("container-title")))


async def _find(svc: _Services, res: EntryResult) -> None:
    ref = res.ref
    choice, answered = await _search(svc, ref)
    res.choice = choice
    if choice is None or choice.status == "not-found":
        if not answered:
            res.action = "unchecked"
            res.finding("enrich/unchecked", "warning", "no registry answered the search; no DOI looked for")
        else:
            res.action = "not-found"
        return
    if choice.status == "ambiguous":
        res.action = "ambiguous"
        res.score = choice.score
        close = [f"doi:{w.doi} ({s.value:.2f}: {w.describe()})"
                 for w, s in choice.candidates[:3] if s.title >= 0.85]
        res.finding("enrich/doi-ambiguous", "warning",
                    "several works fit about equally; nothing written: " + " | ".join(close))
        return
    work, sc = choice.work, choice.score
    assert work is not None and sc is not None
    res.action, res.doi, res.work, res.score = "found", work.doi, work, sc
    res.finding("enrich/doi-found", "info",
                f"DOI found: doi:{work.doi} from {work.source} (score {sc.value:.2f}: {', '.join(sc.reasons)})",
                Fix("DOI", "", work.doi))
    full = work
    if work.source != "crossref" and svc.enabled("crossref") and svc.opts.notices:
        fetched, _ = await _fetch(svc, work.doi)  # Crossref/DataCite carry the notices
        full = fetched or work
    await _notices(svc, res, full)
    _complete(svc, res, full)


async def _notices(svc: _Services, res: EntryResult, work: Work) -> None:
    """Retractions, corrections, expressions of concern about ``work``."""
    updates = [u for u in work.updates if u.kind in _known_kinds()]
    if svc.opts.notices and svc.enabled("crossref") and work.source == "crossref":
        url = with_query(svc.opts.crossref_api, "/works",
                         svc.t.polite({"filter": f"updates:{work.doi}", "rows": "20"}))
        a = await svc.once(("crossref:notices", work.doi), lambda: svc.t.get_json(url))
        items = as_list(as_dict(as_dict(a.data).get("message")).get("items")) if a.ok else []
        for item in items:
            notice = from_crossref(item)
            if notice is None:
                continue
            # Only notices that say they update *this* DOI: a server that ignores the
            # filter must not turn a search result into a retraction.
            for u in notice.updates_to:
                if u.notice == work.doi and u.kind in _known_kinds():
                    updates.append(Update(u.kind, notice.doi, u.date, u.source, u.label, u.record_id))
    seen = set()
    unique = []
    for u in updates:
        k = (u.kind, u.notice, u.source)
        if k not in seen:
            seen.add(k)
            unique.append(u)
    if unique:
        update_findings(res, work, unique)


def _known_kinds() -> frozenset[str]:
    from citekeeper.enrich.outcome import UPDATE_RULES

    return frozenset(UPDATE_RULES)


def _complete(svc: _Services, res: EntryResult, work: Work) -> None:
    if not svc.opts.complete:
        return
    ref = res.ref
    allowed = _TYPE_FIELDS.get(ref.type, COMPLETABLE)
    for name in COMPLETABLE:
        if name not in allowed or ref.get(name) or not work.fields.get(name):
            continue
        value = work.fields[name]
        src = f"{work.source}:{work.doi}"
        res.completed[name] = (value, src)
        res.finding("enrich/field-completed", "info", f"{name} = {value!r} (from {src})",
                    Fix(name, "", value))


def _describe_ref(ref: Reference) -> str:
    from citekeeper.enrich.match import first_family, ref_year

    fam = first_family(ref) or "?"
    parts = [f"{fam} ({ref_year(ref) or 'n.d.'})", ref.title or "(no title)"]
    if ref.get("container-title"):
        parts.append(ref.get("container-title"))
    return ". ".join(parts) + f" [{ref.type}]"

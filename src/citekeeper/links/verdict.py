"""Outcomes of checking a link: frozen values with reasons, never exceptions.

A check ends in one ``Status`` and a human ``reason``.  Which statuses make the run
fail is the caller's choice (``--fail-on``); this module only names them:

* ``ok``         the target answers (DOI registered; URL 2xx, possibly after temporary redirects)
* ``redirected`` the URL moved permanently (301/308): ``suggestion`` is the new URL
* ``broken``     404/410, DNS failure, refused/reset/closed connection, redirect loop,
                 too many redirects, soft 404, DOI not registered
* ``blocked``    401/403/451 (also on GET): the server refuses robots, the page may be fine
* ``transient``  timeouts, 5xx or 429 still failing after the retries
* ``skipped``    not checked: ignored by a pattern, unsupported scheme, private address
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any


class Status(str, Enum):
    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    BLOCKED = "blocked"
    TRANSIENT = "transient"
    SKIPPED = "skipped"

    def __str__(self) -> str:  # click and f-strings print the bare value
        return self.value


FAILURE_STATUSES = (Status.BROKEN, Status.TRANSIENT, Status.BLOCKED, Status.REDIRECTED)
DEFAULT_FAIL_ON = frozenset({Status.BROKEN})


@dataclass(frozen=True, slots=True)
class Archive:
    """An archived copy: the capture URL and its 14-digit timestamp (YYYYMMDDhhmmss)."""

    url: str
    timestamp: str
    source: str = "wayback"  # wayback | cdx | memento | input (the cited URL is a capture)

    @property
    def date(self) -> str:
        """ISO date of the capture (what ``--fix`` writes as ``archivedate``)."""
        t = self.timestamp
        if len(t) >= 8:
            return f"{t[:4]}-{t[4:6]}-{t[6:8]}"
        return t[:4]

    def to_json(self) -> dict[str, str]:
        return {"url": self.url, "timestamp": self.timestamp, "source": self.source}


@dataclass(frozen=True, slots=True)
class Citation:
    """One place a target is cited: entry key, file, line and the dates that pick an archive."""

    key: str
    file: str | None
    line: int | None
    field: str  # "DOI" or "URL": which field of the entry holds the target
    accessed: str = ""  # ISO date (urldate / accessed), "" when absent
    issued: str = ""

    @property
    def archive_date(self) -> str:
        """The date whose capture shows what the author saw: access date, else publication."""
        return self.accessed or self.issued

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Reading workers send citations back by the 10,000 (``parallel``): pickled as a
        # tuple, each costs a quarter of dataclasses' slotted state, which calls
        # ``fields()`` per object; rebuilt by ``_citation``.
        return _citation, (self.key, self.file, self.line, self.field, self.accessed, self.issued)


@dataclass(frozen=True, slots=True)
class Target:
    """A distinct thing to check; the same DOI or URL cited twice is one target."""

    kind: str  # "doi" | "url"
    target: str  # the bare DOI (lower-cased) or the URL as written
    citations: tuple[Citation, ...] = ()
    # A web.archive.org capture given as the URL: its original URL and capture time.
    original: str = ""
    capture: str = ""
    follow: bool = False  # a DOI whose landing page is checked too
    # The URL to request when it differs from ``target`` (``target`` is shown and
    # cached: credentials written in the URL are redacted there, kept only here).
    fetch_url: str = field(default="", compare=False, repr=False)

    @property
    def cache_key(self) -> str:
        """Key of the result; a DOI checked with its landing page is a different question."""
        if self.kind == "doi" and self.follow:
            return f"doi+landing:{self.target}"
        return f"{self.kind}:{self.target}"


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of checking one target."""

    kind: str
    target: str
    status: Status
    reason: str
    http_status: int | None = None
    final_url: str | None = None
    suggestion: str | None = None  # the URL to cite instead (permanent redirect)
    redirects: int = 0
    checked_at: float = 0.0
    from_cache: bool = False
    fail_streak: int = 0  # consecutive failing runs (for --confirm-runs)
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def failing(self) -> bool:
        return self.status in (Status.BROKEN, Status.TRANSIENT)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Checking shards send results back by the thousand (``shard``): as a tuple
        # (see ``Citation.__reduce__``), rebuilt by ``_result``.
        return _result, (self.kind, self.target, self.status, self.reason, self.http_status, self.final_url,
                        self.suggestion, self.redirects, self.checked_at, self.from_cache, self.fail_streak,
                        self.details)

    def with_(self, **changes: Any) -> Result:
        return replace(self, **changes)


# Unpickling rebuilds every citation a reading worker collected and every result a shard
# sends (50,000 of each on the link farm's load50k) in the parent, which also dispatches
# and records.  A frozen dataclass's ``__init__`` sets each field through
# ``object.__setattr__`` by name (Result: 1.5 us); setting the slots directly through
# their descriptors takes 1.0 us (Citation 0.9 -> 0.6 us).  Same objects: every field
# set, in order, no ``__post_init__`` to skip.
_new = object.__new__
_SET_C = tuple(getattr(Citation, n).__set__ for n in ("key", "file", "line", "field", "accessed", "issued"))
_SET_R = tuple(getattr(Result, n).__set__ for n in (
    "kind", "target", "status", "reason", "http_status", "final_url", "suggestion", "redirects",
    "checked_at", "from_cache", "fail_streak", "details"))


def _citation(key: str, file: str | None, line: int | None, field: str, accessed: str,
              issued: str) -> Citation:
    c0, c1, c2, c3, c4, c5 = _SET_C
    c = _new(Citation)
    c0(c, key)
    c1(c, file)
    c2(c, line)
    c3(c, field)
    c4(c, accessed)
    c5(c, issued)
    return c


def _result(kind: str, target: str, status: Status, reason: str, http_status: int | None,
            final_url: str | None, suggestion: str | None, redirects: int, checked_at: float,
            from_cache: bool, fail_streak: int, details: dict[str, Any]) -> Result:
    r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11 = _SET_R
    r = _new(Result)
    r0(r, kind)
    r1(r, target)
    r2(r, status)
    r3(r, reason)
    r4(r, http_status)
    r5(r, final_url)
    r6(r, suggestion)
    r7(r, redirects)
    r8(r, checked_at)
    r9(r, from_cache)
    r10(r, fail_streak)
    r11(r, details)
    return r


@dataclass(frozen=True, slots=True)
class Finding:
    """One row of the report: a citation, the result for its target, and its archive."""

    citation: Citation
    target: Target
    result: Result
    archive: Archive | None = None
    unconfirmed: bool = False  # failing, but fewer consecutive failing runs than --confirm-runs

    def to_json(self) -> dict[str, Any]:
        r = self.result
        out: dict[str, Any] = {
            "key": self.citation.key,
            "file": self.citation.file,
            "line": self.citation.line,
            "kind": self.target.kind,
            "target": self.target.target,
            "status": r.status.value,
            "reason": r.reason,
            "http_status": r.http_status,
            "final_url": r.final_url,
            "suggestion": r.suggestion,
            "archive": self.archive.to_json() if self.archive else None,
            "accessed": self.citation.accessed or None,
            "cached": r.from_cache,
        }
        if self.target.original:
            out["original"] = self.target.original
            out["capture"] = self.target.capture
        if self.unconfirmed:
            out["unconfirmed"] = True
            out["fail_streak"] = r.fail_streak
        return out

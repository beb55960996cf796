"""An embedded SQLite cache of results and archive look-ups.

Why: a CI job that checks the same bibliography every day should not hit every
server every day, and a re-run straight after a run should send no request at all.
Each verdict has its own freshness (a live page is re-checked after a week, a
transient failure after an hour); ``--confirm-runs`` needs the number of consecutive
failing runs, which is kept here too.  One file, safe to save between CI runs
(``--cache PATH``); the default lives in the user cache directory (platformdirs).

No lost work, no lost report:

* results are stored as they arrive (``store`` commits in batches of at most half a
  second), so a run stopped by Ctrl-C or SIGTERM resumes where it stopped;
* a cache that cannot be used -- a folder that cannot be created, a read-only file
  or folder, a full disk, a corrupt file, a SQLite file of another program -- gives
  one warning (``Cache.warning``) naming the file and the run goes on without it (an
  in-memory cache), and a write that fails mid-run stops the writing, not the run;
* a file that is not ours is never written to: ours carries ``PRAGMA application_id``
  and a ``meta`` table with the schema version;
* a verdict made without a network (``details["offline"]``) is never stored.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from citekeeper.errors import ConfigError
from citekeeper.links.urls import redact_text
from citekeeper.links.verdict import Archive, Result, Status

DEFAULT_FRESHNESS = {
    "ok": 7 * 86400,
    "redirected": 7 * 86400,
    "blocked": 3 * 86400,
    "broken": 86400,
    "transient": 3600,
    "skipped": 0,
    "doi": 30 * 86400,  # a registered DOI stays registered
    "archive": 30 * 86400,  # a capture found
    "no-archive": 86400,  # no capture found (yet)
}
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
APPLICATION_ID = 0x43544B4C  # "CTKL"
SCHEMA_VERSION = "1"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY, status TEXT NOT NULL, reason TEXT NOT NULL, http_status INTEGER,
    final_url TEXT, suggestion TEXT, redirects INTEGER, checked_at REAL NOT NULL,
    fail_streak INTEGER NOT NULL DEFAULT 0, details TEXT);
CREATE TABLE IF NOT EXISTS archives (
    url TEXT NOT NULL, date TEXT NOT NULL, archive_url TEXT, timestamp TEXT, source TEXT,
    note TEXT, checked_at REAL NOT NULL, PRIMARY KEY (url, date));
"""


def default_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("citekeeper")) / "links.sqlite"


def parse_duration(value: object, name: str = "freshness") -> float:
    """``3600``, ``"90m"``, ``"7d"`` -> seconds; a ConfigError for anything else."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*", str(value))
    if not m:
        raise ConfigError(f"{name}: {value!r} is not a duration like 3600, 90m, 12h or 7d")
    return float(m.group(1)) * _UNITS[m.group(2) or "s"]


class CacheUnusable(Exception):
    """Why a cache file cannot be used (the caller warns and goes on without it)."""


def _open(path: str) -> sqlite3.Connection:
    """Our cache at ``path``, created if absent; ``CacheUnusable`` with the reason otherwise."""
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CacheUnusable(f"cannot create its folder ({exc.strerror or exc})") from None
    if p.is_dir():
        raise CacheUnusable("it is a folder")
    existed = p.exists() and p.stat().st_size > 0
    try:
        db = sqlite3.connect(path, timeout=10)
    except sqlite3.Error as exc:
        raise CacheUnusable(f"cannot open it ({exc})") from None
    try:
        if existed:
            app = db.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if app != APPLICATION_ID and tables and not {"results", "archives"} <= tables:
                raise CacheUnusable("it is a SQLite file of another program; not touched")
            if "meta" in tables:
                row = db.execute("SELECT value FROM meta WHERE name='schema'").fetchone()
                if row and row[0] != SCHEMA_VERSION:
                    raise CacheUnusable(f"it has schema {row[0]}, this citekeeper writes {SCHEMA_VERSION}")
            if "results" in tables:
                cols = [r[1] for r in db.execute("PRAGMA table_info(results)")]
                if cols[:10] != ["key", "status", "reason", "http_status", "final_url", "suggestion",
                                 "redirects", "checked_at", "fail_streak", "details"]:
                    raise CacheUnusable("its tables are not citekeeper's; not touched")
        try:
            db.executescript(SCHEMA)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            db.commit()
        except sqlite3.OperationalError as exc:
            if not existed:
                raise CacheUnusable(f"cannot write it ({exc})") from None
            # Read-only but ours: read what it knows, write nothing.
            db.execute("SELECT count(*) FROM results").fetchone()
            db.close()
            raise CacheReadOnly(str(exc)) from None
    except CacheReadOnly:
        raise
    except CacheUnusable:
        db.close()
        raise
    except sqlite3.DatabaseError as exc:
        db.close()
        raise CacheUnusable(f"it is not a readable cache ({exc})") from None
    return db


class CacheReadOnly(Exception):
    pass


# The SQL types of a results row as ``store`` writes it.  SQLite keeps whatever it is
# given, so a row edited by hand or by another tool (``checked_at = 'yesterday'``, a
# BLOB reason) must be recognised before it is used: such a row is treated as absent.
_ROW_TYPES: tuple[type | tuple[type, ...], ...] = (str, str, str, (int, type(None)), (str, type(None)), (str, type(None)),
              (int, type(None)), (int, float), int, (str, type(None)))


def _row_ok(row: tuple) -> bool:
    return len(row) == len(_ROW_TYPES) and all(
        isinstance(v, t) and not isinstance(v, bool) for v, t in zip(row, _ROW_TYPES, strict=True))


class Cache:
    """Results by ``kind:target``; archive look-ups by ``(url, date)``.

    Never raises for the file's sake: ``warning`` says what went wrong, once.
    """

    def __init__(self, path: str | os.PathLike[str] | None, freshness: dict[str, float] | None = None,
                 confirm_runs: int = 1) -> None:
        self.freshness = {**DEFAULT_FRESHNESS, **(freshness or {})}
        self.confirm_runs = confirm_runs
        self.path = str(path) if path else ":memory:"
        self.warning = ""
        self.persistent = bool(path)
        self.writable = True
        self._pending: list[tuple] = []
        self._last_flush = time.monotonic()
        if not path:
            self.db = sqlite3.connect(":memory:")
            self.db.executescript(SCHEMA)
            return
        try:
            self.db = _open(self.path)
        except CacheReadOnly as exc:
            # quoted: a "?", "#" or "%" in the path is part of the name, not a URI option
            uri = "file:" + quote(os.path.abspath(self.path)) + "?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, timeout=10)
            self.writable = False
            self.warning = (f"cache {self.path} is read-only ({exc}): results are read from it"
                            " but this run's are not kept")
        except CacheUnusable as exc:
            self.warning = f"cache {self.path} not used: {exc}; checking without a cache"
            self.persistent = False
            self.db = sqlite3.connect(":memory:")
            self.db.executescript(SCHEMA)

    def _failed_write(self, exc: Exception) -> None:
        if self.writable:
            self.writable = False
            self.warning = self.warning or (f"cache {self.path}: cannot write ({exc}); results"
                                            " of this run from here on are not kept")

    def close(self) -> None:
        self.flush()
        with contextlib.suppress(sqlite3.Error):
            self.db.close()

    def _fresh_for(self, kind: str, status: str) -> float:
        if kind == "doi" and status == "ok":
            return self.freshness["doi"]
        return self.freshness.get(status, 0)

    def load(self, keys: list[str], now: float | None = None) -> tuple[dict[str, Result], dict[str, int]]:
        """Fresh results for ``keys`` and, for every known key, its failing streak."""
        now = now or time.time()
        fresh: dict[str, Result] = {}
        streaks: dict[str, int] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            try:
                rows = self.db.execute(
                    "SELECT key, status, reason, http_status, final_url, suggestion, redirects,"
                    f" checked_at, fail_streak, details FROM results WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            except sqlite3.DatabaseError as exc:
                self.warning = self.warning or f"cache {self.path}: cannot read ({exc}); checking without it"
                return fresh, streaks
            for row in rows:
                if not _row_ok(row):
                    continue  # written by someone else: checked again, then overwritten
                key, status, reason, code, final, sugg, redirs, at, streak, details = row
                streaks[key] = streak
                kind, _, target = key.partition(":")
                kind = kind.split("+", 1)[0]  # "doi+landing" -> "doi"
                try:
                    st = Status(status)
                except ValueError:
                    continue
                if now - at > self._fresh_for(kind, status):
                    continue
                failing = st in (Status.BROKEN, Status.TRANSIENT)
                if failing and self.confirm_runs > 1 and streak < self.confirm_runs:
                    continue  # not yet confirmed: check again on this run
                try:
                    info = json.loads(details) if details else {}
                except ValueError:
                    continue
                fresh[key] = Result(kind, target, st, reason, code, final, sugg, redirs or 0, at,
                                    from_cache=True, fail_streak=streak,
                                    details=info if isinstance(info, dict) else {})
        return fresh, streaks

    def store(self, results: list[tuple[str, Result]], now: bool = True) -> None:
        """Keep ``(key, result)`` pairs (keys as ``Target.cache_key``).

        ``now=False`` queues them and writes at most every half second (the runner
        stores each result as it arrives; a commit per result would cost more than
        the check).
        """
        self._pending += [
            (key, r.status.value, redact_text(r.reason), r.http_status,
             redact_text(r.final_url) if r.final_url else None,
             redact_text(r.suggestion) if r.suggestion else None, r.redirects, r.checked_at,
             r.fail_streak, json.dumps(r.details, ensure_ascii=False) if r.details else None)
            for key, r in results
            if not r.from_cache and r.status is not Status.SKIPPED and not r.details.get("offline")
        ]
        if now or time.monotonic() - self._last_flush > 0.5 or len(self._pending) > 5000:
            self.flush()

    def flush(self) -> None:
        rows, self._pending = self._pending, []
        self._last_flush = time.monotonic()
        if not rows or not self.writable:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        except (sqlite3.Error, OSError) as exc:
            self._failed_write(exc)

    def archive(self, url: str, date: str, now: float | None = None) -> tuple[bool, Archive | None, str]:
        """``(known, archive, note)`` for a fresh look-up of ``url`` at ``date``."""
        now = now or time.time()
        try:
            row = self.db.execute(
                "SELECT archive_url, timestamp, source, note, checked_at FROM archives WHERE url=? AND date=?",
                (url, date),
            ).fetchone()
        except sqlite3.DatabaseError:
            return False, None, ""
        if not row:
            return False, None, ""
        aurl, ts, source, note, at = row
        if not (isinstance(at, (int, float)) and all(v is None or isinstance(v, str)
                                                     for v in (aurl, ts, source, note))):
            return False, None, ""  # a tampered row: looked up again
        limit = self.freshness["archive"] if aurl else self.freshness["no-archive"]
        if now - at > limit:
            return False, None, ""
        return True, (Archive(aurl, ts, source) if aurl else None), note or ""

    def store_archive(self, url: str, date: str, archive: Archive | None, note: str = "") -> None:
        if not self.writable:
            return
        try:
            with self.db:
                self.db.execute(
                    "INSERT OR REPLACE INTO archives VALUES (?,?,?,?,?,?,?)",
                    (url, date, archive.url if archive else None, archive.timestamp if archive else None,
                     archive.source if archive else None, redact_text(note), time.time()),
                )
        except (sqlite3.Error, OSError) as exc:
            self._failed_write(exc)

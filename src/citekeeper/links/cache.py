"""An embedded SQLite cache of results and archive look-ups.

Why: a CI job that checks the same bibliography every day should not hit every
server every day, and a re-run straight after a run should send no request at all.
Each verdict has its own freshness (a live page is re-checked after a week, a
transient failure after an hour); ``--confirm-runs`` needs the number of consecutive
failing runs, which is kept here too.  One file, safe to save between CI runs
(``--cache PATH``); the default lives in the user cache directory (platformdirs).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from pathlib import Path

from citekeeper.errors import ConfigError
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
SCHEMA = """
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


class Cache:
    """Results by ``kind:target``; archive look-ups by ``(url, date)``."""

    def __init__(self, path: str | os.PathLike[str] | None, freshness: dict[str, float] | None = None,
                 confirm_runs: int = 1) -> None:
        self.freshness = {**DEFAULT_FRESHNESS, **(freshness or {})}
        self.confirm_runs = confirm_runs
        self.path = str(path) if path else ":memory:"
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"cannot use the cache: {exc}", file=self.path) from None

    def close(self) -> None:
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
            rows = self.db.execute(
                "SELECT key, status, reason, http_status, final_url, suggestion, redirects,"
                f" checked_at, fail_streak, details FROM results WHERE key IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            for key, status, reason, code, final, sugg, redirs, at, streak, details in rows:
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
                fresh[key] = Result(kind, target, st, reason, code, final, sugg, redirs or 0, at,
                                    from_cache=True, fail_streak=streak,
                                    details=json.loads(details) if details else {})
        return fresh, streaks

    def store(self, results: list[tuple[str, Result]]) -> None:
        """Keep ``(key, result)`` pairs (keys as ``Target.cache_key``)."""
        rows = [
            (key, r.status.value, r.reason, r.http_status, r.final_url,
             r.suggestion, r.redirects, r.checked_at, r.fail_streak,
             json.dumps(r.details, ensure_ascii=False) if r.details else None)
            for key, r in results if not r.from_cache and r.status is not Status.SKIPPED
        ]
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?,?,?,?)", rows)

    def archive(self, url: str, date: str, now: float | None = None) -> tuple[bool, Archive | None, str]:
        """``(known, archive, note)`` for a fresh look-up of ``url`` at ``date``."""
        now = now or time.time()
        row = self.db.execute(
            "SELECT archive_url, timestamp, source, note, checked_at FROM archives WHERE url=? AND date=?",
            (url, date),
        ).fetchone()
        if not row:
            return False, None, ""
        aurl, ts, source, note, at = row
        limit = self.freshness["archive"] if aurl else self.freshness["no-archive"]
        if now - at > limit:
            return False, None, ""
        return True, (Archive(aurl, ts, source) if aurl else None), note or ""

    def store_archive(self, url: str, date: str, archive: Archive | None, note: str = "") -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO archives VALUES (?,?,?,?,?,?,?)",
                (url, date, archive.url if archive else None, archive.timestamp if archive else None,
                 archive.source if archive else None, note, time.time()),
            )

"""Archived copies of dead links: what the author saw on the day they accessed it.

A separate pass over the URLs that are not ``ok`` (all URLs with ``--archive all``).
For each URL and date (the citation's access date, else its publication date):

1. the Wayback **availability API** (``?url=U&timestamp=YYYYMMDD``) gives its idea of
   the closest capture;
2. the **CDX API** lists the captures with the HTTP status each one recorded; the
   capture nearest the date *whose status was 200* wins (a later capture of a dead
   page often recorded the 404 or the redirect, which is not what the author saw);
   when the CDX API cannot be asked, the availability answer is used if it was a 200;
3. else a **Memento TimeGate** (``<api>/<url>`` with ``Accept-Datetime``) is asked,
   and the memento it redirects to is kept if it answers 200.

Look-up failures are logged into the result's reason, never raised: a missing archive
never fails a run.  Every look-up goes through the public ``fetch.Fetcher`` (guard,
per-host limits, retries), and the URL asked about has its credentials stripped
(``urls.strip_credentials``): archive services are told about the public page only.  A URL that is itself a Wayback capture is recognised
(``parse_capture``) and its original URL and capture time are recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode, urlsplit

from citekeeper.links.verdict import Archive

if TYPE_CHECKING:
    from citekeeper.links.fetch import Fetcher

DEFAULT_WAYBACK_API = "https://archive.org/wayback/available"
DEFAULT_CDX_API = "https://web.archive.org/cdx/search/cdx"
DEFAULT_MEMENTO_API = "https://timetravel.mementoweb.org/timegate"
WAYBACK_HOSTS = frozenset({"web.archive.org", "wayback.archive.org", "archive.org"})
_CAPTURE_PATH = re.compile(r"^/web/(\d{4,14})(?:[a-z]{2}_|\*)?/(.+)$", re.DOTALL)
_TS_IN_URL = re.compile(r"/web/(\d{14})")


@dataclass(frozen=True)
class ArchiveSettings:
    wayback_api: str = DEFAULT_WAYBACK_API
    cdx_api: str = DEFAULT_CDX_API
    memento_api: str = DEFAULT_MEMENTO_API
    web_base: str = ""  # where captures live; default: the CDX API's host + /web

    @property
    def capture_base(self) -> str:
        if self.web_base:
            return self.web_base.rstrip("/")
        p = urlsplit(self.cdx_api)
        return f"{p.scheme}://{p.netloc}/web"

    @property
    def hosts(self) -> frozenset[str]:
        """Hosts whose ``/web/<ts>/<url>`` paths are captures (for ``parse_capture``)."""
        out = set()
        for u in (self.wayback_api, self.cdx_api, self.web_base or self.cdx_api):
            p = urlsplit(u)
            if p.netloc:
                out.add(p.netloc.lower())
        return frozenset(out)


def parse_capture(url: str, extra_hosts: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """``(original URL, 14-digit timestamp)`` when ``url`` is a Wayback capture, else None."""
    if "/web/" not in url:
        return None
    try:
        p = urlsplit(url)
    except ValueError:
        return None
    host = (p.hostname or "").lower()
    if host not in WAYBACK_HOSTS and p.netloc.lower() not in extra_hosts and host not in extra_hosts:
        return None
    rest = url.split(p.netloc, 1)[1]
    m = _CAPTURE_PATH.match(rest)
    if not m:
        return None
    ts, original = m.group(1), m.group(2)
    if original.startswith(("http:/", "https:/")) and not original.startswith(("http://", "https://")):
        original = original.replace(":/", "://", 1)  # some tools collapse the double slash
    elif not original.startswith(("http://", "https://")):
        original = "http://" + original
    return original, (ts + "00000000000000")[:14]


def wayback_timestamp(date_iso: str) -> str:
    """``2010-06-15`` -> ``20100615``; ``2010`` -> ``2010``; ``""`` -> ``""``."""
    return re.sub(r"\D", "", date_iso)[:14]


def _as_datetime(ts: str) -> datetime | None:
    ts = (ts + "00000000000000")[:14]
    try:
        y, mo, d = int(ts[:4]), max(1, int(ts[4:6])), max(1, int(ts[6:8]))
        return datetime(y, mo, d, int(ts[8:10]), int(ts[10:12]), int(ts[12:14]), tzinfo=timezone.utc)
    except ValueError:
        return None


def nearest_good(captures: list[tuple[str, str]], when: str) -> str | None:
    """The timestamp of the capture nearest ``when`` whose status is 200 (latest when no date).

    ``captures``: ``(timestamp, statuscode)``.  Ties go to the earlier capture.
    """
    good = sorted(ts for ts, st in captures if st == "200" and _as_datetime(ts))
    if not good:
        return None
    target = _as_datetime(when) if when else None
    if target is None:
        return good[-1]
    return min(good, key=lambda ts: (abs((_as_datetime(ts) - target).total_seconds()), ts))  # type: ignore[operator]


def cdx_rows(data: object) -> list[tuple[str, str]]:
    """``(timestamp, statuscode)`` rows of a CDX ``output=json`` answer (header row first)."""
    if not isinstance(data, list) or len(data) < 2 or not isinstance(data[0], list):
        return []
    head = [str(h) for h in data[0]]
    try:
        i_ts, i_st = head.index("timestamp"), head.index("statuscode")
    except ValueError:
        return []
    out = []
    for row in data[1:]:
        if isinstance(row, list) and len(row) > max(i_ts, i_st):
            out.append((str(row[i_ts]), str(row[i_st])))
    return out


async def find_archive(fetcher: Fetcher | Any, s: ArchiveSettings, url: str,
                       date_iso: str) -> tuple[Archive | None, str]:
    """The capture of ``url`` to cite for ``date_iso``, and a note on how it was found.

    ``fetcher``: a ``fetch.Fetcher`` (or anything with a ``fetcher`` attribute, such as
    a ``checker.Checker``).
    """
    from citekeeper.links.transport import NetError
    from citekeeper.links.urls import strip_credentials

    fetcher = getattr(fetcher, "fetcher", fetcher)
    url = strip_credentials(url)
    ts = wayback_timestamp(date_iso)
    notes: list[str] = []
    avail: Archive | None = None
    q = {"url": url}
    if ts:
        q["timestamp"] = ts
    try:
        resp, data = await fetcher.fetch_json(f"{s.wayback_api}?{urlencode(q)}")
        status = resp.status
        closest = (data or {}).get("archived_snapshots", {}).get("closest") if isinstance(data, dict) else None
        if isinstance(closest, dict) and closest.get("url") and str(closest.get("status", "200")) == "200":
            avail = Archive(str(closest["url"]), str(closest.get("timestamp", "")), "wayback")
        elif status != 200:
            notes.append(f"availability API HTTP {status}")
    except NetError as err:
        notes.append(f"availability API: {err.message}")
    cdx_q = {"url": url, "output": "json", "fl": "timestamp,original,statuscode",
             "filter": "statuscode:200"}
    try:
        resp, data = await fetcher.fetch_json(f"{s.cdx_api}?{urlencode(cdx_q)}", max_bytes=8 << 20)
        status = resp.status
        if status == 200 and isinstance(data, list):
            best = nearest_good(cdx_rows(data), ts)
            if best:
                return Archive(f"{s.capture_base}/{best}/{url}", best, "cdx"), ""
            if avail is None:
                notes.append("no capture with status 200")
        else:
            notes.append(f"CDX API HTTP {status}")
    except NetError as err:
        notes.append(f"CDX API: {err.message}")
    if avail is not None:
        return avail, ""
    memento, why = await _timegate(fetcher, s, url, ts)
    if memento is not None:
        return memento, ""
    if why:
        notes.append(why)
    return None, "; ".join(notes)


async def _timegate(fetcher: Fetcher, s: ArchiveSettings, url: str, ts: str) -> tuple[Archive | None, str]:
    """Ask a Memento TimeGate for the memento nearest ``ts``; keep it only if it answers 200."""
    from citekeeper.links.transport import NetError

    if not s.memento_api:
        return None, ""
    # email.utils costs ~7 ms of imports: paid by the archive pass only, not before the shards fork.
    from email.utils import format_datetime, parsedate_to_datetime

    when = _as_datetime(ts) if ts else None
    headers = {"Accept-Datetime": format_datetime(when, usegmt=True)} if when else {}
    gate_url = f"{s.memento_api.rstrip('/')}/{quote(url, safe=':/?&=%#@+,;~')}"
    try:
        ex = await fetcher.fetch(gate_url, headers=headers, max_bytes=4096, follow_redirects=True)
    except NetError as err:
        return None, f"TimeGate: {err.message}"
    memento = ex.url
    if ex.status != 200:
        return None, f"TimeGate HTTP {ex.status}"
    stamp = ""
    md = ex.headers.get("memento-datetime")
    if md:
        try:
            stamp = parsedate_to_datetime(md).strftime("%Y%m%d%H%M%S")
        except (TypeError, ValueError):
            stamp = ""
    if not stamp:
        m = _TS_IN_URL.search(memento)
        stamp = m.group(1) if m else ""
    if not stamp:
        return None, "TimeGate answer is not a memento"
    return Archive(memento, stamp, "memento"), ""

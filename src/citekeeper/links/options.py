"""The settings of a check, as plain values: what the command line and the config
table fill in (``settings.build_options``) and every stage reads.

Kept apart from the modules that act on them (``fetch``, ``checker``, ``runner``) so
that building them imports neither asyncio nor the transport: with checking shards
(``shard``) the processes are forked as soon as the options exist, and each imports
the checker on its own core while the parent scans the input.  Through the heavy
modules this was 85 ms before the first fork (``python -X importtime``); through this
one, 10 ms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from citekeeper import __version__
from citekeeper.links import doi as doimod
from citekeeper.links.archive import ArchiveSettings
from citekeeper.links.verdict import DEFAULT_FAIL_ON, Status, Target
from citekeeper.textio import DEFAULT_MAX_BYTES

USER_AGENT = (
    f"citekeeper/{__version__} (bibliography link checker; +https://pypi.org/project/citekeeper/)"
)


@dataclass
class HttpSettings:
    """Everything a ``Fetcher`` (and the checker above it) needs; the CLI and config fill it in."""

    timeout: float = 3.0  # per attempt: connect + response headers
    connect_timeout: float | None = None  # default: timeout
    read_timeout: float | None = None  # longest wait for the body after the headers; default: timeout
    retries: int = 2
    backoff: float = 0.5  # first back-off; doubles each retry
    max_retry_after: float = 30.0  # a longer Retry-After gives up at once
    per_host: int = 4
    host_limits: dict[str, int] = field(default_factory=dict)  # "host" or "host:port" -> limit
    host_delay: float = 0.0  # minimum seconds between request starts to one host
    max_connections: int = 512
    max_redirects: int = 10
    body_bytes: int = 65536
    method: str = "auto"  # auto | get | head (the checker's choice of first method)
    user_agent: str = USER_AGENT
    allow_private: bool = False
    trusted_hosts: frozenset[str] = frozenset()
    accept: frozenset[int] = frozenset()  # extra status codes that count as ok (checker)
    doi_api: str = doimod.DEFAULT_DOI_API
    follow_doi: bool = False  # default for Checker.check_doi(); the runner decides per target
    # Extra request headers for one host exactly (a token for github.com): host -> headers.
    host_headers: dict[str, dict[str, str]] = field(default_factory=dict)


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
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 0  # worker processes; 0: one per core for large inputs (see ``parallel``)

    def endpoint_hosts(self) -> frozenset[str]:
        """Hosts of the configured services: trusted even when private (tests, mirrors)."""
        urls = (self.http.doi_api, self.doi_resolver, self.archive.wayback_api,
                self.archive.cdx_api, self.archive.memento_api, self.archive.web_base)
        return frozenset((urlsplit(u).hostname or "").lower() for u in urls if u)


def first_hop(settings: HttpSettings, t: Target) -> str:
    """The first URL requested for ``t``: its host is the one whose queue it waits in."""
    return doimod.handle_url(settings.doi_api, t.target) if t.kind == "doi" else (t.fetch_url or t.target)

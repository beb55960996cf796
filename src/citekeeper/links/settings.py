"""``CheckOptions`` from command-line values, the environment and ``[tool.citekeeper.check]``.

Precedence, highest first: a command-line option, an environment variable (the
service endpoints only: ``CITEKEEPER_DOI_API`` ...), the config table, the default.
Config keys are the option names (``per-host`` or ``per_host``); an unknown key is a
usage error naming the known ones, so a typo never silently does nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from typing import Any

from citekeeper.config import known_keys
from citekeeper.errors import ConfigError, UsageError
from citekeeper.links import archive as archivemod
from citekeeper.links import doi as doimod
from citekeeper.links.options import CheckOptions, HttpSettings
from citekeeper.links.verdict import DEFAULT_FAIL_ON, Status
from citekeeper.textio import DEFAULT_MAX_BYTES

ENDPOINTS = {
    "doi-api": ("CITEKEEPER_DOI_API", doimod.DEFAULT_DOI_API),
    "doi-resolver": ("CITEKEEPER_DOI_RESOLVER", doimod.DEFAULT_DOI_RESOLVER),
    "wayback-api": ("CITEKEEPER_WAYBACK_API", archivemod.DEFAULT_WAYBACK_API),
    "cdx-api": ("CITEKEEPER_CDX_API", archivemod.DEFAULT_CDX_API),
    "memento-api": ("CITEKEEPER_MEMENTO_API", archivemod.DEFAULT_MEMENTO_API),
}
KNOWN_KEYS = frozenset({
    "timeout", "connect-timeout", "read-timeout", "retries", "per-host", "hosts", "host-delay",
    "max-connections", "max-redirects", "method", "user-agent", "allow-private", "accept",
    "ignore", "fail-on", "archive", "follow-doi", "cache", "no-cache", "freshness",
    "confirm-runs", "body-bytes", "max-retry-after", "web-base", "max-size", "jobs", *ENDPOINTS,
})
METHODS = ("auto", "get", "head")
# Hosts that get --github-token (GITHUB_TOKEN); never any other host, never a redirect elsewhere.
GITHUB_HOSTS = ("github.com", "api.github.com", "raw.githubusercontent.com", "gist.github.com")
ARCHIVE_MODES = ("none", "failing", "all")


def normalise_config(table: Mapping[str, Any]) -> dict[str, Any]:
    return known_keys(table, "check", KNOWN_KEYS)


def parse_fail_on(value: Any) -> frozenset[Status]:
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    out = set()
    for item in items:
        name = str(item).strip().lower()
        if not name:
            continue
        if name == "none":
            continue
        try:
            out.add(Status(name))
        except ValueError:
            raise UsageError(f"--fail-on: unknown status {name!r}; use "
                             + ", ".join(s.value for s in Status)) from None
    return frozenset(out)


def _number(name: str, value: Any, kind: type = float, minimum: float = 0) -> Any:
    try:
        v = kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}: {value!r} is not a number") from None
    if v < minimum:
        raise ConfigError(f"{name}: must be at least {minimum}")
    return v


def picker(cli: Mapping[str, Any], conf: Mapping[str, Any], env: Mapping[str, str],
           endpoints: Mapping[str, tuple[str, str]]) -> Callable[..., Any]:
    """The one precedence rule of every command's settings: the command line (``per-host`` or
    ``per_host``; ``None``/``()`` = not given), then the endpoint's environment variable, then
    ``[tool.citekeeper.<command>]``, then the default.  ``enrich`` uses it too."""

    def pick(name: str, default: Any = None) -> Any:
        v = cli.get(name, cli.get(name.replace("-", "_")))
        if v is not None and v != ():
            return v
        if name in endpoints:
            e = env.get(endpoints[name][0])
            if e:
                return e
        return conf.get(name, default)

    return pick


def build_options(cli: Mapping[str, Any], config: Mapping[str, Any] | None = None,
                  env: Mapping[str, str] | None = None) -> CheckOptions:
    """``CheckOptions`` from ``cli`` (option name -> value, None when not given)."""
    conf = normalise_config(config or {})
    env = os.environ if env is None else env
    pick = picker(cli, conf, env, ENDPOINTS)
    endpoints = {k: str(pick(k, d)) for k, (_, d) in ENDPOINTS.items()}
    for k, v in endpoints.items():
        if v and not re.match(r"^https?://", v):
            raise UsageError(f"{k}: {v!r} is not an http(s) URL")
    method = str(pick("method", "auto")).lower()
    if method not in METHODS:
        raise UsageError(f"--method: {method!r}; use {', '.join(METHODS)}")
    archive_mode = str(pick("archive", "failing")).lower()
    if archive_mode not in ARCHIVE_MODES:
        raise UsageError(f"--archive: {archive_mode!r}; use {', '.join(ARCHIVE_MODES)}")
    hosts = conf.get("hosts", {})
    if not isinstance(hosts, dict):
        raise ConfigError("[tool.citekeeper.check.hosts] must be a table of host = limit")
    accept = pick("accept", [])
    if isinstance(accept, str):
        accept = [a for a in accept.split(",") if a.strip()]
    ignore = list(conf.get("ignore", [])) + list(cli.get("ignore") or ())
    try:
        patterns = tuple(re.compile(p) for p in ignore)
    except re.error as exc:
        raise UsageError(f"--ignore: bad regular expression: {exc}") from None
    # The cache module (sqlite3, json) is imported only when a setting needs it: the
    # checking shards are forked right after these options are built (2.6 ms of imports).
    freshness: dict[str, float] = {}
    if conf.get("freshness"):
        from citekeeper.links.cache import DEFAULT_FRESHNESS, parse_duration

        freshness = {k: parse_duration(v, f"freshness.{k}") for k, v in conf.get("freshness", {}).items()}
        unknown = set(freshness) - set(DEFAULT_FRESHNESS)
        if unknown:
            raise ConfigError(f"freshness: unknown verdict(s) {', '.join(sorted(unknown))}")
    timeout = _number("timeout", pick("timeout", 3.0))
    http = HttpSettings(
        timeout=timeout,
        connect_timeout=_opt_num("connect-timeout", pick("connect-timeout")),
        read_timeout=_opt_num("read-timeout", pick("read-timeout")),
        retries=_number("retries", pick("retries", 2), int),
        per_host=_number("per-host", pick("per-host", 4), int, 1),
        host_limits={str(k).lower(): _number(f"hosts.{k}", v, int, 1) for k, v in hosts.items()},
        host_delay=_number("host-delay", pick("host-delay", 0.0)),
        max_connections=_number("max-connections", pick("max-connections", 512), int, 1),
        max_redirects=_number("max-redirects", pick("max-redirects", 10), int),
        body_bytes=_number("body-bytes", pick("body-bytes", 65536), int, 1024),
        max_retry_after=_number("max-retry-after", pick("max-retry-after", 30.0)),
        method=method,
        allow_private=bool(pick("allow-private", False)),
        accept=frozenset(_number("accept", a, int, 100) for a in accept),
        doi_api=endpoints["doi-api"],
    )
    token = cli.get("github_token") or cli.get("github-token")
    if token:
        http.host_headers = {h: {"Authorization": f"Bearer {token}"} for h in GITHUB_HOSTS}
    ua = pick("user-agent")
    if ua:
        http.user_agent = str(ua)
    cache_path: str | None = None
    if not pick("no-cache", False):
        c = pick("cache")
        if not c:
            from citekeeper.links.cache import default_path
        cache_path = str(c) if c else str(default_path())
    return CheckOptions(
        http=http,
        archive=archivemod.ArchiveSettings(
            wayback_api=endpoints["wayback-api"], cdx_api=endpoints["cdx-api"],
            memento_api=endpoints["memento-api"], web_base=str(pick("web-base", "") or ""),
        ),
        archive_mode=archive_mode,
        follow_doi=_follow_mode(pick("follow-doi", "url")),
        doi_resolver=endpoints["doi-resolver"],
        cache_path=cache_path,
        freshness=freshness,
        confirm_runs=_number("confirm-runs", pick("confirm-runs", 1), int, 1),
        ignore=patterns,
        fail_on=parse_fail_on(pick("fail-on")) if pick("fail-on") is not None else DEFAULT_FAIL_ON,
        max_bytes=_number("max-size", pick("max-size", DEFAULT_MAX_BYTES), int, 1),
        jobs=_number("jobs", pick("jobs", 0), int, 0),
    )


def _follow_mode(value: Any) -> str:
    """``--follow-doi`` -> "all", ``--no-follow-doi`` -> "none"; config: true/false/"url"."""
    if value is True:
        return "all"
    if value is False:
        return "none"
    v = str(value).lower()
    if v not in ("all", "url", "none"):
        raise UsageError(f"follow-doi: {value!r}; use true (all DOIs), \"url\" or false")
    return v


def _opt_num(name: str, value: Any) -> float | None:
    return None if value is None else _number(name, value)

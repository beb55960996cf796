"""``EnrichOptions`` from command-line values, the environment and ``[tool.citekeeper.enrich]``.

Precedence, highest first: a command-line option, an environment variable (the
endpoints: ``CITEKEEPER_CROSSREF_API``, ``CITEKEEPER_DATACITE_API``,
``CITEKEEPER_OPENALEX_API``, and check's ``CITEKEEPER_DOI_API``), the config table,
the default.  The HTTP keys (``timeout``, ``retries``, ``per-host``, ``hosts``,
``cache``, ``freshness``, ``doi-api`` ...) are ``check``'s and are parsed by
``links.settings`` -- one meaning, one parser; the keys below are enrich's own.  An
unknown key is a usage error naming the known ones.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from citekeeper.config import known_keys
from citekeeper.enrich import sources
from citekeeper.enrich.runner import EnrichOptions
from citekeeper.errors import ConfigError, UsageError
from citekeeper.links import settings as linksettings

ENDPOINTS = {
    "crossref-api": ("CITEKEEPER_CROSSREF_API", sources.DEFAULT_CROSSREF_API),
    "datacite-api": ("CITEKEEPER_DATACITE_API", sources.DEFAULT_DATACITE_API),
    "openalex-api": ("CITEKEEPER_OPENALEX_API", sources.DEFAULT_OPENALEX_API),
}
OWN_KEYS = frozenset({*ENDPOINTS, "mailto", "rate", "services", "no-find", "no-verify",
                      "no-complete", "no-notices", "fail-on", "overwrite"})
# check's keys that mean something here (the rest -- archive, method ... -- do not).
HTTP_KEYS = frozenset({"timeout", "connect-timeout", "read-timeout", "retries", "per-host", "hosts",
                       "host-delay", "max-connections", "user-agent", "allow-private", "cache",
                       "no-cache", "freshness", "max-retry-after", "doi-api"})
KNOWN_KEYS = OWN_KEYS | HTTP_KEYS
SERVICES = ("crossref", "datacite", "openalex")
API_PER_HOST = 10
SEVERITIES = ("error", "warning", "info")
_MAILTO = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_config(table: Mapping[str, Any]) -> dict[str, Any]:
    return known_keys(table, "enrich", KNOWN_KEYS)


def _list(value: Any) -> list[str]:
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    return [str(i).strip().lower() for i in items if str(i).strip()]


def build_options(cli: Mapping[str, Any], config: Mapping[str, Any] | None = None,
                  env: Mapping[str, str] | None = None) -> EnrichOptions:
    """``EnrichOptions`` from ``cli`` (option name -> value, None when not given)."""
    conf = normalise_config(config or {})
    env = os.environ if env is None else env
    pick = linksettings.picker(cli, conf, env, ENDPOINTS)

    http_cli = {k: cli.get(k, cli.get(k.replace("-", "_"))) for k in HTTP_KEYS}
    http_conf = {k: v for k, v in conf.items() if k in HTTP_KEYS}
    if http_cli.get("per-host") is None and "per-host" not in http_conf:
        # Not check's 4: an API paced by rate needs rate x latency requests in flight
        # (50/s x 0.2 s = 10); the service's X-Concurrency-Limit lowers it.
        http_conf["per-host"] = API_PER_HOST
    check = linksettings.build_options(http_cli, http_conf, env)
    endpoints = {k: str(pick(k, d)).rstrip("/") for k, (_, d) in ENDPOINTS.items()}
    for k, v in endpoints.items():
        if not re.match(r"^https?://", v):
            raise UsageError(f"{k}: {v!r} is not an http(s) URL")
    mailto = str(pick("mailto", "") or env.get("CITEKEEPER_MAILTO", "") or "")
    if mailto and not _MAILTO.match(mailto):
        raise UsageError(f"--mailto: {mailto!r} is not an e-mail address")
    try:
        rate = float(pick("rate", 10.0))
    except (TypeError, ValueError):
        raise ConfigError(f"rate: {pick('rate')!r} is not a number") from None
    if rate <= 0:
        raise UsageError("rate: must be more than 0 requests per second")
    services = _list(pick("services", ",".join(SERVICES)))
    bad = [s for s in services if s not in SERVICES]
    if bad or not services:
        raise UsageError(f"--services: unknown {', '.join(bad) or '(none)'}; use {', '.join(SERVICES)}")
    fail_on = _list(pick("fail-on", "error"))
    if [s for s in fail_on if s not in (*SEVERITIES, "none")]:
        raise UsageError(f"--fail-on: use severities {', '.join(SEVERITIES)} or none")
    return EnrichOptions(
        http=check.http, mailto=mailto, rate=rate, rate_is_cap=pick("rate") is not None,
        crossref_api=endpoints["crossref-api"], datacite_api=endpoints["datacite-api"],
        openalex_api=endpoints["openalex-api"], cache_path=check.cache_path,
        freshness=check.freshness, services=tuple(services),
        find=not pick("no-find", False), verify=not pick("no-verify", False),
        complete=not pick("no-complete", False), notices=not pick("no-notices", False),
        fail_on=frozenset(s for s in fail_on if s != "none"),
    )

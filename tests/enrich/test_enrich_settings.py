"""Options, environment and ``[tool.citekeeper.enrich]``: precedence and errors."""

from __future__ import annotations

import pytest

from citekeeper.enrich.settings import build_options
from citekeeper.errors import ConfigError, UsageError


def test_precedence_cli_then_environment_then_config() -> None:
    env = {"CITEKEEPER_CROSSREF_API": "http://env.example"}
    conf = {"crossref-api": "http://conf.example", "datacite_api": "http://dc.example/"}
    o = build_options({}, conf, env)
    assert o.crossref_api == "http://env.example" and o.datacite_api == "http://dc.example"
    o = build_options({"crossref_api": "http://cli.example"}, conf, env)
    assert o.crossref_api == "http://cli.example"
    assert build_options({}, {}, {}).openalex_api == "https://api.openalex.org"


def test_check_http_keys_mean_the_same_here() -> None:
    o = build_options({}, {"per-host": 2, "retries": 5, "hosts": {"api.crossref.org": 3},
                           "no-cache": True, "doi-api": "http://h.example/api/handles"}, {})
    assert (o.http.per_host, o.http.retries, o.http.host_limits) == (2, 5, {"api.crossref.org": 3})
    assert o.cache_path is None and o.http.doi_api == "http://h.example/api/handles"


def test_own_keys() -> None:
    o = build_options({"mailto": "me@example.org"}, {"rate": 3, "services": ["crossref", "openalex"],
                                                     "no-notices": True, "fail-on": "error,warning"}, {})
    assert o.mailto == "me@example.org" and o.rate == 3.0 and o.services == ("crossref", "openalex")
    assert o.rate_is_cap and not build_options({}, {}, {}).rate_is_cap  # a set rate caps the announced one
    assert not o.notices and o.fail_on == frozenset({"error", "warning"})


@pytest.mark.parametrize(("cli", "conf", "exc"), [
    ({}, {"mail_to": "x"}, ConfigError),
    ({}, {"archive": "all"}, ConfigError),  # check's, but meaningless here
    ({"mailto": "nobody"}, {}, UsageError),
    ({"crossref_api": "api.crossref.org"}, {}, UsageError),
    ({"services": "crossref,scopus"}, {}, UsageError),
    ({}, {"rate": 0}, UsageError),
    ({"fail_on": "fatal"}, {}, UsageError),
])
def test_errors(cli: dict[str, object], conf: dict[str, object], exc: type[Exception]) -> None:
    with pytest.raises(exc):
        build_options(cli, conf, {})

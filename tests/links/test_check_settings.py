"""Options, environment and [tool.citekeeper.check]: precedence and validation."""

from __future__ import annotations

import pytest

from citekeeper.errors import ConfigError, UsageError
from citekeeper.links.cache import parse_duration
from citekeeper.links.settings import build_options, parse_fail_on
from citekeeper.links.verdict import Status


def test_defaults() -> None:
    o = build_options({}, {}, env={})
    assert o.http.per_host == 4 and o.http.timeout == 3.0 and o.http.retries == 2
    assert o.fail_on == frozenset({Status.BROKEN}) and o.archive_mode == "failing"
    assert o.http.doi_api == "https://doi.org/api/handles" and o.follow_doi == "url"
    assert not o.http.allow_private and o.cache_path and o.cache_path.endswith("links.sqlite")


def test_option_beats_environment_beats_config() -> None:
    conf = {"doi-api": "https://conf.example/api", "timeout": 9}
    env = {"CITEKEEPER_DOI_API": "https://env.example/api"}
    assert build_options({}, conf, env).http.doi_api == "https://env.example/api"
    o = build_options({"doi_api": "https://cli.example/api", "timeout": 1.5}, conf, env)
    assert o.http.doi_api == "https://cli.example/api" and o.http.timeout == 1.5
    assert build_options({}, conf, {}).http.timeout == 9


def test_config_tables() -> None:
    o = build_options({}, {"per_host": 2, "hosts": {"doi.org": 8}, "accept": [999],
                           "freshness": {"ok": "14d"}, "ignore": ["x"], "follow-doi": True}, env={})
    assert o.http.per_host == 2 and o.http.host_limits == {"doi.org": 8}
    assert o.http.accept == frozenset({999}) and o.freshness == {"ok": 14 * 86400}
    assert o.ignore[0].pattern == "x" and o.follow_doi == "all"


@pytest.mark.parametrize("conf", [{"timout": 3}, {"timeout": "soon"}, {"hosts": 3},
                                  {"freshness": {"great": "1d"}}, {"per-host": 0}])
def test_bad_config_is_a_usage_error(conf: dict) -> None:
    with pytest.raises(UsageError):
        build_options({}, conf, env={})


def test_bad_endpoint_and_choices() -> None:
    with pytest.raises(UsageError):
        build_options({"doi_api": "ftp://x"}, {}, env={})
    with pytest.raises(UsageError):
        build_options({}, {"archive": "sometimes"}, env={})
    with pytest.raises(UsageError):
        build_options({}, {"ignore": ["("]}, env={})


def test_fail_on_and_durations() -> None:
    assert parse_fail_on("broken, transient") == frozenset({Status.BROKEN, Status.TRANSIENT})
    assert parse_fail_on(["redirected"]) == frozenset({Status.REDIRECTED})
    assert parse_fail_on("none") == frozenset()
    with pytest.raises(UsageError):
        parse_fail_on("dead")
    assert parse_duration("90m") == 5400 and parse_duration(60) == 60
    with pytest.raises(ConfigError):
        parse_duration("a while")


def test_no_cache() -> None:
    assert build_options({"no_cache": True}, {}, env={}).cache_path is None
    assert build_options({"cache": "x.sqlite"}, {}, env={}).cache_path == "x.sqlite"

"""DOIs: recognising every written form, and the handle API look-alike."""

from __future__ import annotations

import dataclasses

from linkservers import LocalWeb, run_doi

from citekeeper.links import doi
from citekeeper.links.fetch import HttpSettings
from citekeeper.links.verdict import Status

SICI = "10.1002/(sici)1097-4636(199706)35:4<437::aid-jbm4>3.0.co;2-e"


def test_forms_of_a_doi() -> None:
    assert doi.normalize("doi:10.1000/ABC") == "10.1000/abc"
    assert doi.normalize("https://doi.org/10.1000/abc.") == "10.1000/abc"
    for u in ("https://doi.org/10.1000/x", "http://dx.doi.org/10.1000/x",
              "https://www.doi.org/10.1000/x", "https://doi.org/10.1000%2Fx"):
        assert doi.doi_from_url(u) == "10.1000/x", u
    assert doi.doi_from_url("https://example.org/10.1000/x") is None
    local = frozenset({"http://127.0.0.3:8080"})
    assert doi.doi_from_url("http://127.0.0.3:8080/10.5555/X", local) == "10.5555/x"
    assert doi.doi_from_url("http://127.0.0.3:8080/b/10.5555/x", local) is None


def test_handle_url_encodes_what_a_path_cannot_hold() -> None:
    url = doi.handle_url("https://doi.org/api/handles", SICI)
    assert "<" not in url and ">" not in url and "%3C437" in url and "(sici)" in url


def test_registered_doi(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_doi(settings, "10.5555/ok")
    assert r.status is Status.OK and r.final_url == web.url("/ok")


def test_unregistered_doi_is_broken(settings: HttpSettings) -> None:
    r = run_doi(settings, "10.5555/missing")
    assert r.status is Status.BROKEN and "not registered" in r.reason


def test_sici_doi(settings: HttpSettings) -> None:
    assert run_doi(settings, SICI).status is Status.OK


def test_landing_page_not_fetched_by_default(web: LocalWeb, settings: HttpSettings) -> None:
    before = web.requests["/404"]
    assert run_doi(settings, "10.5555/gone").status is Status.OK
    assert web.requests["/404"] == before


def test_follow_doi_checks_the_landing_page(settings: HttpSettings) -> None:
    s = dataclasses.replace(settings, follow_doi=True)
    assert run_doi(s, "10.5555/ok").status is Status.OK
    gone = run_doi(s, "10.5555/gone")
    assert gone.status is Status.BROKEN and "landing page" in gone.reason
    assert run_doi(s, "10.5555/soft").status is Status.BROKEN


def test_unreachable_doi_api_is_transient(web: LocalWeb, settings: HttpSettings) -> None:
    s = dataclasses.replace(settings, doi_api=f"http://127.0.0.1:{web.refused_port}/api", retries=0)
    assert run_doi(s, "10.5555/ok").status is Status.TRANSIENT

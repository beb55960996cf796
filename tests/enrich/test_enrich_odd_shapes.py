"""Registry answers of the wrong shape are data, not errors (works.py: "a field of the wrong
type is treated as absent").  A number or ``true`` where a list or an object belongs once
crashed the readers and the searches with ``TypeError``, which the runner turned into an
"internal error" finding and an unchecked entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lookalike import Lookalike, crossref_work, datacite_resource, openalex_work, options_for
from seeds import SEEDS

from citekeeper.enrich.runner import enrich_files
from citekeeper.enrich.works import from_crossref, from_datacite, from_openalex

ODD = (7, 2.5, True)


def _seed(doi: str) -> Any:
    return next(s for s in SEEDS if s.doi == doi)


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("name", ["author", "editor", "title", "subtitle", "container-title",
                                  "ISSN", "ISBN", "relation", "updated-by", "update-to", "issued"])
def test_crossref_field_of_the_wrong_type_is_absent(name: str, odd: object) -> None:
    msg = crossref_work(_seed("10.1111/ecog.04617"))
    msg[name] = odd
    w = from_crossref(msg)
    assert w is not None and w.doi == "10.1111/ecog.04617"


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("name", ["titles", "creators", "dates", "relatedIdentifiers", "types",
                                  "container", "publisher"])
def test_datacite_field_of_the_wrong_type_is_absent(name: str, odd: object) -> None:
    d = datacite_resource(_seed("10.5061/dryad.8515j"))
    d["attributes"][name] = odd
    w = from_datacite(d)
    assert w is not None and w.doi == "10.5061/dryad.8515j"


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("name", ["authorships", "primary_location", "biblio"])
def test_openalex_field_of_the_wrong_type_is_absent(name: str, odd: object) -> None:
    w = openalex_work(_seed("10.1038/nature14539"))
    w[name] = odd
    got = from_openalex(w)
    assert got is not None and got.doi == "10.1038/nature14539"


def test_openalex_location_source_of_the_wrong_type_is_absent() -> None:
    w = openalex_work(_seed("10.1038/nature14539"))
    w["primary_location"] = {"source": 7}
    got = from_openalex(w)
    assert got is not None and got.containers == ()


BIB = """@article{lecun2015,
  author = {LeCun, Yann and Bengio, Yoshua and Hinton, Geoffrey},
  title = {Deep Learning},
  journaltitle = {Nature},
  date = {2015},
}
"""


@pytest.fixture(scope="module")
def odd_registry() -> Any:
    r = Lookalike(SEEDS, odd_lists=7).start()
    yield r
    r.stop()


def test_search_answer_whose_list_is_a_number_finds_nothing(odd_registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text(BIB, encoding="utf-8")
    report = enrich_files([p], options_for(odd_registry))
    [entry] = report.entries
    assert [f.message for f in entry.findings if f.rule == "enrich/unchecked"] == []
    assert entry.action == "not-found"
    # every service was asked (none of them could answer with works)
    assert {s for s, _ in odd_registry.queries} >= {"crossref", "datacite", "openalex"}


def test_notice_query_whose_list_is_a_number_verifies_quietly(odd_registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text(BIB.replace("date = {2015},", "date = {2015},\n  doi = {10.1038/nature14539},"),
                 encoding="utf-8")
    [entry] = enrich_files([p], options_for(odd_registry)).entries
    assert [f.message for f in entry.findings if f.rule == "enrich/unchecked"] == []
    assert (entry.action, entry.doi) == ("verified", "10.1038/nature14539")


@pytest.mark.parametrize("odd", ["\u00b2", "\u2460"])
def test_a_year_that_is_a_digit_but_no_number_is_absent(odd: str) -> None:
    """``"²".isdigit()`` is true and ``int("²")`` fails: such a year is no year."""
    msg = crossref_work(_seed("10.1111/ecog.04617"))
    for k in ("published-print", "published-online", "issued", "published", "published-other"):
        msg[k] = {"date-parts": [[odd]]}
    w = from_crossref(msg)
    assert w is not None and w.years == ()
    d = datacite_resource(_seed("10.5061/dryad.8515j"))
    d["attributes"]["publicationYear"] = odd
    d["attributes"]["dates"] = []
    got = from_datacite(d)
    assert got is not None and got.years == ()

"""Each registry's JSON shape read into one ``Work`` (forgiving of missing or odd fields)."""

from __future__ import annotations

from lookalike import Seed, crossref_work, datacite_resource, openalex_work
from seeds import SEEDS

from citekeeper.enrich.works import from_crossref, from_datacite, from_openalex


def seed(doi: str) -> Seed:
    return next(s for s in SEEDS if s.doi == doi)


def test_crossref_work() -> None:
    w = from_crossref(crossref_work(seed("10.1111/ecog.04617")))
    assert w is not None
    assert (w.doi, w.type, w.families, w.years) == ("10.1111/ecog.04617", "article-journal",
                                                   ("Hoffmann", "Kumar"), (2020, 2019))
    assert w.fields == {"container-title": "Ecography", "volume": "43", "issue": "2", "page": "211-224",
                        "publisher": "Wiley", "language": "en", "ISSN": "0906-7590"}
    sub = from_crossref(crossref_work(seed("10.1038/171737a0")))
    assert sub is not None and sub.title.startswith("Molecular Structure")


def test_crossref_markup_and_junk() -> None:
    w = from_crossref({"DOI": "10.1/X", "title": ["The <i>p53</i> <mml:math>gene</mml:math>"],
                       "author": "not a list", "issued": {"date-parts": [[None]]}, "volume": 7})
    assert w is not None and w.title == "The p53 gene" and w.years == () and w.fields["volume"] == "7"
    assert from_crossref({"title": ["no DOI"]}) is None and from_crossref([]) is None


def test_datacite_resource() -> None:
    w = from_datacite(datacite_resource(seed("10.5061/dryad.8515j")))
    assert w is not None and (w.type, w.registry_type, w.families[0], w.year) == ("dataset", "Dataset", "Stuart", 2014)
    assert w.fields["publisher"] == "Dryad"
    # Newer DataCite answers give the publisher as an object.
    d = datacite_resource(seed("10.5061/dryad.8515j"))
    d["attributes"]["publisher"] = {"name": "Dryad Digital Repository"}
    w = from_datacite(d)
    assert w is not None and w.fields["publisher"] == "Dryad Digital Repository"


def test_openalex_work() -> None:
    w = from_openalex(openalex_work(seed("10.1038/nature14539")))
    assert w is not None and w.doi == "10.1038/nature14539" and w.families[0] == "LeCun"
    assert w.fields["page"] == "436-444" and w.containers == ("Nature",)
    assert from_openalex({"doi": None, "title": "x"}) is None
    retracted = openalex_work(seed("10.1038/nature14539"))
    retracted["is_retracted"] = True
    got = from_openalex(retracted)
    assert got is not None and [u.kind for u in got.updates] == ["retraction"]

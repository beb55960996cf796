"""EDTF qualifiers survive .bib -> CSL-JSON -> .bib, and a last "et al." author is truncation."""

from __future__ import annotations

import json

import pytest

from citekeeper.formats import bibnames, bibtex, csljson
from citekeeper.model import Date, Name


def _bib_date(value: str) -> Date:
    return bibtex.loads(f"@misc{{a, title={{T}}, date={{{value}}}}}\n").references[0].dates["issued"]


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2011-05~", Date(2011, 5, circa=True)),
        ("2011?", Date(2011, uncertain=True)),
        ("2011%", Date(2011, circa=True, uncertain=True)),
        ("2011-05-25~/2012-06-26~", Date(2011, 5, 25, circa=True, end=Date(2012, 6, 26, circa=True))),
        ("2011-05-25/2012-06-26~", Date(2011, 5, 25, end=Date(2012, 6, 26, circa=True))),
        ("2017-24~", Date(2017, season="4", circa=True)),
        ("{2011}", Date(2011)),
        ("Spring 2011", Date(literal="Spring 2011")),
    ],
)
def test_a_bib_date_keeps_its_edtf_qualifiers(written, date):
    assert _bib_date(written) == date


@pytest.mark.parametrize("written", ["2011-05~", "2011?", "2011%", "2011-05-25~/2012-06-26~", "2017-24~"])
def test_bib_to_csljson_to_bib_keeps_the_date(written):
    refs = bibtex.loads(f"@misc{{a, title={{T}}, date={{{written}}}}}\n").references
    item = json.loads(csljson.dumps(refs, with_origin=False))[0]
    assert item["issued"].get("circa") is (True if "~" in written or "%" in written else None)
    back = bibtex.dumps(csljson.loads(json.dumps([item])))
    assert f"date = {{{written}}}" in back


def test_csl_circa_on_a_range_qualifies_both_ends():
    """Better BibTeX's export of 2011-05-25~/2012-06-26~ (bbt-export-dates-360.json, doe10)."""
    item = {"id": "doe10", "type": "webpage", "title": "T",
            "issued": {"circa": True, "date-parts": [["2011", 5, 25], ["2012", 6, 26]]}}
    ref = csljson.loads(json.dumps([item]))[0]
    assert ref.dates["issued"] == Date(2011, 5, 25, circa=True, end=Date(2012, 6, 26, circa=True))
    assert "date = {2011-05-25~/2012-06-26~}" in bibtex.dumps([ref])
    again = csljson.loads(csljson.dumps([ref], with_origin=False))[0]
    assert again.dates["issued"] == ref.dates["issued"]


def test_csl_circa_month_precision():
    item = {"id": "doe12", "type": "webpage", "issued": {"circa": True, "date-parts": [["2011", 5]]}}
    ref = csljson.loads(json.dumps([item]))[0]
    assert ref.dates["issued"] == Date(2011, 5, circa=True)
    assert "date = {2011-05~}" in bibtex.dumps([ref])


@pytest.mark.parametrize(
    "last",
    ["others", "OTHERS", "{al}, Et", "et al.", "Et al.", "et~al.", "{et al.}", "Et Al", "{Et al.}", "et alii"],
)
def test_a_last_et_al_is_truncation(last):
    names, truncated = bibnames.split(f"Black, Christopher F. and {last}")
    assert names == [Name(family="Black", given="Christopher F.")]
    assert truncated


@pytest.mark.parametrize("value", ["Al, Et and Smith, J.", "Smith, J. and Al, Ahmed", "Smith, J. and Alet, B.",
                                   "{Et al}"])
def test_real_people_are_not_et_al(value):
    names, truncated = bibnames.split(value)
    assert not truncated
    assert len(names) == value.count(" and ") + 1


def test_zotero_broken_et_al_round_trips_as_and_others():
    """bbt-export-bulk-performance.bib line 3564 wrote "Et al" as a person: {al}, Et."""
    text = "@article{b, author = {Black, Christopher F. and {al}, Et}, title = {T}}\n"
    ref = bibtex.loads(text).references[0]
    assert ref.names["author"] == [Name(family="Black", given="Christopher F.")]
    assert ref.truncated == ["author"]
    item = json.loads(csljson.dumps([ref], with_origin=False))[0]
    assert [a["family"] for a in item["author"]] == ["Black"]
    ref.set("volume", "3")  # edited: the author list is written from the record
    assert "author = {Black, Christopher F. and {al}, Et}" in bibtex.dumps([ref])  # untouched field as written
    fresh = bibtex.dumps(csljson.loads(json.dumps([item])))
    assert "author = {Black, Christopher F. and others}" in fresh


def test_csl_json_et_al_author_is_truncation():
    item = {"id": "x", "type": "book", "author": [{"family": "Black", "given": "C."}, {"family": "al", "given": "Et"}]}
    ref = csljson.loads(json.dumps([item]))[0]
    assert ref.names["author"] == [Name(family="Black", given="C.")]
    assert ref.truncated == ["author"]

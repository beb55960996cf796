"""CSL-JSON written for Zotero's ``CSL JSON.js`` import, read from Zotero's own export.

The import function is ``importNext`` -> ``ZU.itemFromCSLJSON`` (zotero/utilities
``utilities_item.js``), which maps through the Zotero schema's CSL mappings.
"""

from __future__ import annotations

import json

import pytest
from formats_samples import DATA, make, sample_references

from citekeeper.formats import csljson
from citekeeper.model import Date


def item(ref):
    return csljson.reference_to_csl(ref)


def test_edn_goes_to_note_which_is_extra():
    """``itemFromCSLJSON``: CSL ``note`` -> Extra, where ``EDN: XXXXXX`` lines belong."""
    ref = make("article-journal")
    ref.set("note", "Translated from Russian")
    assert item(ref)["note"] == "Translated from Russian\nEDN: UNZFTH"


def test_dates_carry_raw_iso():
    """``itemFromCSLJSON`` formats date-parts as text ("March 7, 2015") but keeps ``raw`` as is."""
    ref = make("webpage")
    ref.dates["accessed"] = Date(2024, 2, 5)
    out = item(ref)
    assert out["issued"] == {"date-parts": [[2015, 3, 7]], "raw": "2015-03-07"}
    assert out["accessed"]["raw"] == "2024-02-05"
    literal = make("book")
    literal.dates["issued"] = Date(literal="n.d.")
    assert item(literal)["issued"] == {"literal": "n.d."}


def test_short_container_title_also_as_journal_abbreviation():
    """Zotero's CSL mapping has no ``container-title-short``; ``journalAbbreviation`` reaches the field."""
    ref = make("article-journal", **{"container-title-short": "SEA"})
    assert item(ref)["journalAbbreviation"] == "SEA"


@pytest.mark.parametrize(
    "csl", ["article-journal", "book", "chapter", "thesis", "webpage", "article-newspaper", "report",
            "document", "legislation", "paper-conference"],
)
def test_type_passes_through(csl):
    """``itemFromCSLJSON``: ``CSL_TYPE_MAPPINGS_REVERSE`` maps each CSL type to its Zotero type."""
    assert item(make(csl))["type"] == csl


def test_bill_with_publisher_would_become_hearing():
    """``itemFromCSLJSON``: a ``bill`` with a publisher is imported as a Hearing; we write laws as
    ``legislation`` (Statute), whose container is the code."""
    out = item(make("legislation", **{"container-title": "Consultant Plus", "number": "2150-R"}))
    assert out["type"] == "legislation" and out["number"] == "2150-R"


def _normalise(items):
    """Drop what the writer derives (raw dates, journalAbbreviation) for comparison."""
    out = []
    for it in items:
        it = dict(it)
        it.pop("journalAbbreviation", None)
        for key in ("issued", "accessed", "original-date", "event-date"):
            if isinstance(it.get(key), dict):
                it[key] = {k: v for k, v in it[key].items() if k != "raw"}
        out.append(it)
    return out


def test_round_trip_csl_record_csl_every_field():
    """CSL-JSON -> record -> CSL-JSON keeps every variable the record has."""
    items = [item(r) for r in sample_references()]
    for it in items:
        it["abstract"] = "An abstract."
        it["title-short"] = "Short"
        it["translator"] = [{"family": "Smith", "given": "J."}]
        it["container-author"] = [{"family": "Doe", "given": "A."}]
        it["collection-title"] = "Series"
        it["original-date"] = {"date-parts": [[1990]]}
    text = json.dumps(items)
    again = json.loads(csljson.dumps(csljson.loads(text)))
    assert _normalise(again) == _normalise(items)


def test_record_csl_record():
    refs = sample_references()
    back = csljson.loads(csljson.dumps(refs))
    for a, b in zip(refs, back, strict=True):
        assert (a.id, a.type, a.fields, a.names, a.dates, a.identifiers, a.origin) == (
            b.id, b.type, b.fields, b.names, b.dates, b.identifiers, b.origin)


def test_reads_zotero_csl_json_export():
    """Zotero's own CSL JSON export: item URIs as ids, string date-parts, ``citation-key``,
    ``Citation Key:``/``EDN:`` lines in ``note`` (Extra)."""
    refs = csljson.loads((DATA / "zotero-export.json").read_text(encoding="utf-8"))
    assert len(refs) == 7
    first = refs[0]
    assert first.type == "article-journal" and first.issued == Date(2015)
    assert first.identifiers == {"EDN": "UNZFTH"} and not first.get("note")
    jones = refs[1]
    assert jones.issued == Date(2007, 12) and jones.accessed == Date(2024, 2, 5)
    assert jones.get("container-title-short") == "Pac. Rev."
    assert refs[2].id == "lin2023cambodias"
    assert refs[3].id == "keo2012role" and refs[3].get("genre") == "MA thesis"
    assert refs[5].type == "article-newspaper" and refs[5].issued == Date(2024, 6, 24)
    assert refs[6].names["author"][0].literal == "Government of the Russian Federation"


def test_particle_inside_family():
    """``itemFromCSLJSON`` reads only ``family`` (``non-dropping-particle`` is dropped), so the
    particle is written inside it and parsed out again on reading."""
    from citekeeper.model import Name, Reference

    ref = Reference(id="k", type="book")
    ref.names["author"] = [Name(family="Berg", given="Jan", particle="van der")]
    out = item(ref)
    assert out["author"] == [{"family": "van der Berg", "given": "Jan"}]
    assert csljson.reference_from_csl(out).names["author"] == ref.names["author"]


def test_particle_apart_for_the_renderer():
    """A CSL processor's item (``raw_dates=False``) keeps ``non-dropping-particle`` as read:
    citeproc-py parses no particle out of ``family``, and a style's demoting needs it apart."""
    from citekeeper.model import Name, Reference

    csl = {"id": "k", "type": "book", "author": [
        {"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"},
        {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}],
        "editor": [{"family": "van Dyck", "given": "Jan"}]}
    out = csljson.reference_to_csl(csljson.reference_from_csl(csl), with_origin=False, raw_dates=False)
    assert out["author"] == csl["author"]
    assert out["editor"] == [{"family": "Dyck", "given": "Jan", "non-dropping-particle": "van"}]
    ref = Reference(id="k", type="book", names={"author": [Name(family="Berg", particle="van der")]})
    assert item(ref)["author"] == [{"family": "van der Berg"}]  # Zotero's file: folded


def test_csl_variable_wins_over_zotero_spelling():
    """Both spellings, differing: the CSL variable is what a CSL processor prints, whatever the key order."""
    for csl in ({"id": "k", "type": "book", "journalAbbreviation": "J", "container-title-short": "K",
                 "shortTitle": "S", "title-short": "T"},
                {"id": "k", "type": "book", "container-title-short": "K", "journalAbbreviation": "J",
                 "title-short": "T", "shortTitle": "S"}):
        ref = csljson.reference_from_csl(csl)
        assert ref.get("container-title-short") == "K" and ref.get("title-short") == "T"


def test_unparsed_citation_keeps_its_text():
    """An unparsed citation still arrives in Zotero (``itemFromCSLJSON``: title) with its text."""
    from citekeeper.model import Reference

    ref = Reference(id="x", type="document", raw="Garbled citation, 2020", parsed=False)
    out = item(ref)
    assert out["title"] == "Garbled citation, 2020" and "could not parse" in out["note"]
    back = csljson.reference_from_csl(out)
    assert (back.parsed, back.raw, back.title, back.get("note")) == (False, ref.raw, "", "")

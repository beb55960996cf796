"""RIS written for Zotero's ``RIS.js`` import, and read from Zotero's own RIS export.

Tag meanings come from ``RIS.js``'s ``fieldMap``/``degenerateImportFieldMap`` as read
by ``TagMapper.getField``, then ``processTag``/``applyValue``/``completeItem``.
"""

from __future__ import annotations

import pytest
from formats_samples import DATA, by_type, make, sample_references

from citekeeper.formats import ris
from citekeeper.model import Date, Name


def tags(ref) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for tag, value in ris.reference_to_tags(ref):
        out.setdefault(tag, []).append(value)
    return out


@pytest.mark.parametrize(
    ("csl", "ty"),
    [
        ("article-journal", "JOUR"),
        ("book", "BOOK"),
        ("chapter", "CHAP"),
        ("thesis", "THES"),
        ("webpage", "ELEC"),
        ("article-newspaper", "NEWS"),
        ("report", "RPRT"),
        ("document", "AGGR"),
        ("legislation", "STAT"),
        ("bill", "BILL"),
        ("paper-conference", "CONF"),
    ],
)
def test_ty_for_each_type(csl, ty):
    """``importNext`` / ``importTypeMap``: ``TY - GEN`` is read as Journal Article, so a document
    is written as AGGR (read as Document); every other type has its own TY."""
    assert tags(make(csl))["TY"] == [ty]


def test_edn_to_extra_through_m2():
    """``degenerateImportFieldMap``: M2 -> ``extra`` for every type (``applyValue`` appends lines)."""
    t = tags(make("article-journal"))
    assert t["M2"] == ["EDN: UNZFTH"]
    assert "N1" not in t  # N1 is a child note, not Extra


def test_no_publisher_on_web_page():
    """``applyValue``: PB on ELEC has no Zotero field and is lost; we do not write it."""
    ref = make("webpage", publisher="Someone")
    assert "PB" not in tags(ref)


def test_language_as_written():
    """``fieldMap.LA``: Language, kept verbatim."""
    assert tags(make("book"))["LA"] == ["ru"]


def test_container_per_type():
    """``fieldMap.T2``: publication/website/book title; ``C3`` a conference paper's proceedings
    title (T2 there is the conference name); ``T2`` a statute's code."""
    refs = by_type(sample_references())
    assert tags(refs["article-journal"])["T2"] == ["South East Asia"]
    assert tags(refs["webpage"])["T2"] == ["International Center for Not-for-Profit Law"]
    assert tags(refs["chapter"])["T2"] == ["Southeast Asian Affairs 2023"]
    conf = tags(refs["paper-conference"])
    assert conf["C3"] == ["Proceedings of the XIII conference"] and "T2" not in conf
    assert conf["C1"] == ["Minsk"] and "CY" not in conf  # CY is excluded for conferencePaper
    assert tags(refs["legislation"])["T2"] == ["Consultant Plus"]


def test_editors_per_type():
    """``fieldMap.A2``/``A3``: editors are A2 on chapters/conference papers, A3 on books."""
    refs = by_type(sample_references())
    assert tags(refs["chapter"])["A2"] == ["Hoang, Thi Ha", "Singh, D."]
    assert tags(refs["book"])["A3"] == ["Voskressenski, A. D."]
    assert tags(refs["paper-conference"])["A2"] == ["Dostanko, E. A."]
    assert tags(refs["article-journal"])["AU"] == ["Bektimirova, N. N.", "ASEAN Secretariat"]


def test_numbers_per_type():
    """``fieldMap``: a report's number is SN, a statute's M1 (Public Law Number), a thesis's
    type M3, a book's page count SP."""
    refs = by_type(sample_references())
    assert tags(refs["report"])["SN"] == ["WP-7"]
    assert tags(refs["report"])["M3"] == ["Working paper"]
    assert tags(refs["legislation"])["M1"] == ["2150-R"]
    thesis = tags(refs["thesis"])
    assert thesis["M3"] == ["MA thesis"] and thesis["PB"] == ["Chulalongkorn University"]
    assert tags(refs["book"])["SP"] == ["320"]


def test_dates_and_pages():
    """``dateRIStoZotero``: ``YYYY/MM/DD/``; ``processTag`` SP keeps a whole range as written."""
    t = tags(by_type(sample_references())["webpage"])
    assert t["DA"] == ["2015/03/07/"] and t["PY"] == ["2015"] and t["Y2"] == ["2024/02/05/"]
    assert tags(by_type(sample_references())["article-journal"])["SP"] == ["114–137"]


def test_record_ris_record_every_field():
    """Record -> RIS -> record keeps every field the record has."""
    refs = sample_references()
    for r in refs:
        r.set("abstract", "An abstract.")
        r.set("note", "A note.")
        r.names["translator"] = [Name(family="Berg", given="J.", particle="van der")]
    back = ris.loads(ris.dumps(refs))
    assert not back.problems
    for a, b in zip(refs, back.references, strict=True):
        assert (b.id, b.type, b.names, b.dates, b.identifiers, b.footnote) == (
            a.id, a.type, a.names, a.dates, a.identifiers, a.footnote)
        assert b.fields == a.fields, a.type


def test_ris_record_ris_lossless():
    """RIS -> record -> RIS gives the same RIS back for everything citekeeper writes."""
    text = ris.dumps(sample_references())
    assert ris.dumps(ris.loads(text).references) == text


def test_reads_zotero_ris_export():
    """Zotero's own RIS export (``doExport``): CRLF, ``DA - 2015///``, Y2 with a time,
    SP/EP split, HTML notes (where Extra-like identifiers end up)."""
    result = ris.loads((DATA / "zotero-export.ris").read_text(encoding="utf-8"))
    assert not result.problems
    refs = result.references
    assert [r.type for r in refs] == ["article-journal", "article-journal", "chapter", "thesis",
                                      "webpage", "article-newspaper", "legislation"]
    first = refs[0]
    assert first.issued == Date(2015) and first.get("page") == "114–137"
    assert first.identifiers == {"EDN": "UNZFTH"} and first.get("source") == "elibrary.ru"
    assert first.get("abstract").startswith("The article examines")
    jones = refs[1]
    assert jones.issued == Date(2007, 12) and jones.accessed == Date(2024, 2, 5)
    assert jones.get("ISSN") == "0951-2748" and jones.get("container-title-short") == "Pac. Rev."
    assert refs[2].names["editor"][1] == Name(family="Singh", given="Daljit")
    assert refs[3].get("genre") == "MA thesis" and refs[3].get("publisher") == "Chulalongkorn University"
    assert refs[4].get("container-title").startswith("The Ministry")
    law = refs[6]
    assert law.get("number") == "2150-R" and law.names["author"][0].literal.startswith("Government")


def test_broken_input_is_reported_not_dropped():
    text = "some stray text\nAU  - Lost, Author\nTI  - No type\nER  - \n\nTY  - BOOK\nTI  - Fine\nER  - \n"
    result = ris.loads(text, file="x.ris")
    assert [r.title for r in result.references] == ["No type", "Fine"]
    assert [p.line for p in result.problems] == [1, 2]
    assert result.references[0].type == "document"


@pytest.mark.parametrize("module", ["ris", "bibtex", "csljson"])
def test_unparsed_round_trip_every_format(module):
    """An unparsed citation is written with its text as title in every format and read back unparsed."""
    import importlib

    from citekeeper.model import Origin, Reference

    mod = importlib.import_module(f"citekeeper.formats.{module}")
    ref = Reference(id="x", type="document", raw="Garbled citation, 2020", parsed=False,
                    origin=Origin(kind="footnote", number=4))
    back = mod.loads(mod.dumps([ref]))
    back = back if isinstance(back, list) else back.references
    assert (back[0].parsed, back[0].raw, back[0].title, back[0].footnote) == (False, ref.raw, "", 4)

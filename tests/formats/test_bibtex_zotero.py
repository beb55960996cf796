"""BibLaTeX/BibTeX written for Zotero's ``BibTeX.js`` import, and read back.

Each test names the translator function whose behaviour it guards
(zotero/translators ``BibTeX.js``).  benchmarks/zotero/ runs the real translator on
these exports; the facts here are what it showed.
"""

from __future__ import annotations

import bibtexparser
import pytest
from formats_samples import DATA, by_type, make, sample_references

from citekeeper.formats import bibtex
from citekeeper.model import Date, Name, Reference


def entry(ref: Reference, flavour: str = "biblatex"):
    lib = bibtexparser.parse_string(bibtex.dumps([ref], flavour=flavour))
    assert not lib.failed_blocks
    (e,) = lib.entries
    return e.entry_type.lower(), {f.key: f.value for f in e.fields}


@pytest.mark.parametrize(
    ("csl", "etype"),
    [
        ("article-journal", "article"),
        ("book", "book"),
        ("chapter", "incollection"),
        ("thesis", "mastersthesis"),
        ("webpage", "online"),
        ("article-newspaper", "article"),
        ("report", "report"),
        ("document", "misc"),
        ("legislation", "legislation"),
        ("paper-conference", "inproceedings"),
    ],
)
def test_entry_types_zotero_keeps(csl, etype):
    """``beginRecord`` / ``bibtex2zoteroTypeMap``: @online -> Web Page, @misc -> Document,
    @legislation -> Bill, @mastersthesis -> Thesis ("Master's Thesis"), @inproceedings ->
    Conference Paper; @dataset, @www, @standard, @periodical, @reference are dropped whole."""
    got, _ = entry(by_type(sample_references())[csl])
    assert got == etype


@pytest.mark.parametrize("csl", ["dataset", "standard", "periodical"])
def test_dropped_types_are_never_written(csl):
    """``beginRecord``: an entry type missing from ``bibtex2zoteroTypeMap`` is discarded."""
    got, _ = entry(make(csl))
    assert got not in {"dataset", "www", "standard", "periodical", "reference"}


def test_date_not_year_and_urldate():
    """``processField``: ``date`` wins over ``year``/``month``; ``urldate`` -> Access Date."""
    _, f = entry(by_type(sample_references())["webpage"])
    assert f["date"] == "2015-03-07"
    assert f["urldate"] == "2024-02-05"
    assert "year" not in f


def test_classic_bibtex_flavour_also_writes_date():
    """``processField`` + ``dateFieldsToDate``: year/month for BibTeX styles, date for Zotero."""
    ref = by_type(sample_references())["article-journal"]
    text = bibtex.dumps([ref], flavour="bibtex")
    assert "month = mar," in text  # a macro, as BibTeX styles want
    _, f = entry(ref, "bibtex")
    assert f["year"] == "2015" and f["date"] == "2015-03-07"
    assert f["journal"] == "South East Asia" and "journaltitle" not in f


def test_language_beside_langid():
    """``fieldMap``: ``language`` -> Language; ``langid`` is ignored by Zotero (kept for biblatex)."""
    _, f = entry(make("book"))
    assert f["language"] == "ru" and f["langid"] == "russian"


def test_edn_in_note_never_extra_field():
    """``processField``: an ``extra`` field is dropped; ``note`` becomes a child note."""
    _, f = entry(make("book"))
    assert "extra" not in f
    assert f["note"] == "EDN: UNZFTH"


def test_website_title_in_journaltitle_not_organization():
    """``processField`` (``inputFieldMap``): on @online, ``journaltitle`` -> Website Title;
    ``organization`` would be lost."""
    _, f = entry(by_type(sample_references())["webpage"])
    assert f["journaltitle"] == "International Center for Not-for-Profit Law"
    assert "organization" not in f


def test_howpublished_only_for_text_containers():
    """``processField``: ``howpublished`` is the URL only when it starts with http,
    otherwise Extra "Published: ..."; the URL goes in ``url``."""
    _, f = entry(by_type(sample_references())["legislation"])
    assert f["howpublished"] == "Consultant Plus"
    assert f["url"] == "https://rulaws.ru/x"


def test_thesis_university_and_type():
    """``beginRecord`` sets Thesis Type from @mastersthesis; ``type`` then holds the
    record's own wording; ``institution`` -> University (``backupPublisher``)."""
    etype, f = entry(by_type(sample_references())["thesis"])
    assert etype == "mastersthesis"
    assert f["institution"] == "Chulalongkorn University" and f["type"] == "MA thesis"
    _, classic = entry(by_type(sample_references())["thesis"], "bibtex")
    assert classic["school"] == "Chulalongkorn University"


def test_conference_place_is_address():
    """``beginRecord``: on a Conference Paper ``location`` becomes Extra "event-place";
    ``address`` (``fieldMap``) is the publisher's place."""
    _, f = entry(by_type(sample_references())["paper-conference"])
    assert f["address"] == "Minsk" and "location" not in f
    assert f["booktitle"] == "Proceedings of the XIII conference"


def test_chapter_editor_and_booktitle():
    """``processField``: ``booktitle`` -> Book Title, ``editor`` -> editor creators."""
    _, f = entry(by_type(sample_references())["chapter"])
    assert f["booktitle"] == "Southeast Asian Affairs 2023"
    assert f["editor"] == "Hoang, Thi Ha and Singh, D."
    assert f["pages"] == "89--104"


def test_report_number_and_institution():
    """``processField``: ``number`` on a report -> Report Number; ``institution`` -> Institution."""
    _, f = entry(by_type(sample_references())["report"])
    assert f["number"] == "WP-7" and f["institution"] == "ISEAS" and f["type"] == "Working paper"


def test_book_page_count_is_pagetotal():
    """``processField``: ``pages`` on a book is its page count, so a count goes in ``pagetotal``."""
    _, f = entry(by_type(sample_references())["book"])
    assert f["pagetotal"] == "320" and "pages" not in f


def test_newspaper_subtype():
    """``bibtex2zoteroTypeMap`` has no newspaper type: @article + entrysubtype is the best BibLaTeX can do."""
    etype, f = entry(by_type(sample_references())["article-newspaper"])
    assert etype == "article" and f["entrysubtype"] == "newspaper"


def test_subtitle_appended_when_read():
    """``processField``: ``subtitle`` is appended to the title with ": "."""
    lib = bibtex.loads("@book{k, title={Cambodia}, subtitle={A history}, date={2010}}")
    assert lib.references[0].title == "Cambodia: A history"


def test_citation_key_kept_by_us():
    """``beginRecord`` stores the key only as ``itemID`` (Zotero does not keep it); we do."""
    ref = make("book")
    assert bibtex.loads(bibtex.dumps([ref])).references[0].id == ref.id


@pytest.mark.parametrize("flavour", ["biblatex", "bibtex"])
def test_write_read_round_trip(flavour):
    """Every field the writer emits comes back from the reader."""
    refs = sample_references()
    by_type(refs)["chapter"].set("chapter-number", "4")
    by_type(refs)["book"].set("number-of-volumes", "2")
    back = bibtex.loads(bibtex.dumps(refs, flavour=flavour)).references
    assert len(back) == len(refs)
    for a, b in zip(refs, back, strict=True):
        assert (b.id, b.type) == (a.id, a.type)
        assert b.names == a.names
        assert b.dates == a.dates
        assert b.identifiers == a.identifiers
        assert b.footnote == a.footnote
        assert b.fields == a.fields, a.type


def test_round_trip_escapes_and_particles():
    ref = Reference(id="k", type="article-journal")
    ref.set("title", "R&D at 50% of $10 #1_x {odd")
    ref.names["author"] = [Name(family="Berg", given="Jan", particle="van der")]
    ref.dates["issued"] = Date(2020)
    back = bibtex.loads(bibtex.dumps([ref])).references[0]
    assert back.title == "R&D at 50% of $10 #1_x {odd"  # a lone brace is text and survives
    assert back.names["author"][0] == Name(family="Berg", given="Jan", particle="van der")


def test_reads_better_bibtex_export():
    """Better BibTeX's BibLaTeX: extended names, ``langid``, ``type = {mathesis}``, ``organization``
    as a website's title, ``eprinttype``, ``shortjournal``, ``entrysubtype``."""
    result = bibtex.loads((DATA / "zotero-bbt.bib").read_text(encoding="utf-8"))
    assert not result.problems
    refs = {r.id: r for r in result.references}
    art = refs["bektimirovaTraditionalFactorsCambodias2015"]
    assert art.get("language") == "ru" and art.identifiers == {"EDN": "UNZFTH"}
    assert art.title == "Traditional Factors in Cambodia's Foreign Policy in the Contemporary Era"
    jones = refs["jonesASEANInterventionCambodia2007"]
    assert jones.get("container-title-short") == "Pac. Rev." and jones.issued == Date(2007, 12)
    assert jones.accessed == Date(2024, 2, 5) and jones.doi == "10.1080/09512740701672001"
    thesis = refs["keoRoleASEANCambodia2012"]
    assert thesis.type == "thesis" and thesis.get("genre") == "Master's thesis"
    assert thesis.get("publisher") == "Chulalongkorn University"
    web = refs["EastAsiaSummit2023"]
    assert web.type == "webpage"
    assert web.get("container-title") == "The Ministry of Foreign Affairs of the Russian Federation"
    assert refs["RCARussianGround2024"].type == "article-newspaper"
    vdb = refs["vanderberg2020"]
    assert vdb.names["author"][0] == Name(family="Berg", given="Jan", particle="van der")
    assert vdb.names["author"][1] == Name(literal="World Health Organization")
    assert vdb.identifiers == {"arXiv": "2001.01234"}
    law = refs["OrderGovernmentRussian2005"]
    assert law.type == "legislation" and law.get("number") == "2150-R"
    assert law.get("container-title") == "Consultant Plus"


def test_broken_block_is_a_problem_with_line_and_reason():
    text = "@article{a, title={X}, date={2020}}\n\n@misc{b, title={broken\n"
    result = bibtex.loads(text, file="x.bib")
    assert [r.id for r in result.references] == ["a"]
    (problem,) = result.problems
    assert problem.line == 3 and "end of file" in problem.message


def test_reads_zoteros_own_biblatex_export():
    """Zotero's BibLaTeX.js ``doExport``: website title as ``titleaddon``, Extra identifiers as
    ``pmid``/``lccn``/``mrnumber``/``zmnumber`` fields, remaining Extra in ``note``."""
    text = """@online{site_2023,
  title = {East Asia Summit},
  titleaddon = {The Ministry of Foreign Affairs},
  url = {https://www.mid.ru/x},
  urldate = {2024-02-05},
  date = {2023-12-29},
  langid = {russian},
  pmid = {123456},
  mrnumber = {MR1234},
  note = {EDN: UNZFTH},
}"""
    ref = bibtex.loads(text).references[0]
    assert ref.type == "webpage" and ref.get("container-title") == "The Ministry of Foreign Affairs"
    assert ref.identifiers == {"EDN": "UNZFTH", "PMID": "123456", "MR": "MR1234"}
    assert ref.get("language") == "ru"


def test_identifiers_with_zotero_fields():
    """``processField``: ``pmid``/``lccn``/``mrnumber``... (``extraIdentifiers``) and
    ``eprint``+``eprinttype`` (``eprintIds``) reach Extra; a note's lines would be collapsed."""
    ref = make("article-journal")
    ref.identifiers["PMID"] = "123456"
    ref.identifiers["arXiv"] = "2001.01234"
    _, f = entry(ref)
    assert f["pmid"] == "123456" and (f["eprinttype"], f["eprint"]) == ("arxiv", "2001.01234")
    assert f["note"] == "EDN: UNZFTH"
    back = bibtex.loads(bibtex.dumps([ref])).references[0]
    assert back.identifiers == {"EDN": "UNZFTH", "PMID": "123456", "arXiv": "2001.01234"}

"""The one Zotero type table: every CSL type has a row, and no row uses a type Zotero drops."""

from __future__ import annotations

from citekeeper.formats import zotero
from citekeeper.model import CSL_TYPES


def test_every_record_type_has_a_row():
    assert set(CSL_TYPES) <= set(zotero.BY_CSL)


def test_no_biblatex_type_that_zotero_drops():
    """BibTeX.js ``beginRecord``: types missing from ``bibtex2zoteroTypeMap`` are discarded whole."""
    dropped = {"dataset", "www", "standard", "periodical", "reference"}
    for row in zotero.BY_CSL.values():
        assert row.biblatex not in dropped, row
        assert row.bibtex not in dropped, row


def test_no_ris_gen():
    """RIS.js ``importTypeMap``: ``GEN`` is read as Journal Article, so nothing is written as GEN."""
    assert all(row.ris != "GEN" for row in zotero.BY_CSL.values())
    assert zotero.for_csl("document").ris == "AGGR"


def test_readers_map_each_type_back():
    for row in zotero.BY_CSL.values():
        assert zotero.RIS_TO_CSL[row.ris] in zotero.BY_CSL
        if row.subtype:
            assert zotero.BIB_SUBTYPE_TO_CSL[row.subtype] == row.csl
    for csl in ("article-journal", "book", "chapter", "thesis", "webpage", "report", "legislation",
                "paper-conference", "document"):
        row = zotero.for_csl(csl)
        assert zotero.RIS_TO_CSL[row.ris] == csl
        assert zotero.BIB_TO_CSL[row.biblatex] == csl


def test_unknown_type_is_document():
    assert zotero.for_csl("no-such-type") is zotero.DEFAULT

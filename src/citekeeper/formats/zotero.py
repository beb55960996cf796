"""The one item-type table every writer and reader consults for Zotero fidelity.

Each CSL type of the record is written as the BibLaTeX entry type, classic BibTeX
entry type and RIS ``TY`` that Zotero's own import translators turn back into the
right Zotero item type.  The facts behind the choices (checked against
zotero/translators, see docs/zotero.md and benchmarks/zotero/):

* ``BibTeX.js`` (``bibtex2zoteroTypeMap`` in ``beginRecord``) drops ``@dataset``,
  ``@www``, ``@standard``, ``@periodical`` and ``@reference`` whole, and has no entry
  type for newspaper or magazine articles (``@article`` is always Journal Article);
  ``@legislation`` becomes Bill, ``@misc`` Document, ``@online`` Web Page.
* ``RIS.js`` (``importTypeMap``) reads ``TY - GEN`` as Journal Article, so a plain
  document is written as ``AGGR``, one of the RIS types Zotero reads as Document.
* ``CSL JSON.js`` (``ZU.itemFromCSLJSON``) maps CSL types through the Zotero schema,
  so CSL-JSON keeps every type (``legislation`` is Statute, ``bill`` Bill).

One table, not a type switch per writer: ``ZoteroType`` rows are looked up by CSL
type, and the reverse maps used by the readers are built from the same rows plus
the aliases other programs write.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ZoteroType:
    """How one CSL type travels: Zotero type, BibLaTeX type (+ entrysubtype), BibTeX type, RIS TY."""

    csl: str
    zotero: str
    biblatex: str
    bibtex: str
    ris: str
    subtype: str = ""


_ROWS = (
    ZoteroType("article-journal", "journalArticle", "article", "article", "JOUR"),
    ZoteroType("article", "preprint", "article", "article", "JOUR"),
    ZoteroType("article-magazine", "magazineArticle", "article", "article", "MGZN", "magazine"),
    ZoteroType("article-newspaper", "newspaperArticle", "article", "article", "NEWS", "newspaper"),
    ZoteroType("book", "book", "book", "book", "BOOK"),
    ZoteroType("chapter", "bookSection", "incollection", "incollection", "CHAP"),
    ZoteroType("paper-conference", "conferencePaper", "inproceedings", "inproceedings", "CONF"),
    ZoteroType("thesis", "thesis", "thesis", "phdthesis", "THES"),
    ZoteroType("webpage", "webpage", "online", "online", "ELEC"),
    ZoteroType("post-weblog", "blogPost", "online", "online", "BLOG"),
    ZoteroType("post", "forumPost", "online", "online", "ELEC"),
    ZoteroType("report", "report", "report", "techreport", "RPRT"),
    # Zotero keeps @standard out, and RIS STAND is read as Report: a report it is.
    ZoteroType("standard", "standard", "report", "techreport", "STAND"),
    ZoteroType("legislation", "statute", "legislation", "legislation", "STAT"),
    ZoteroType("bill", "bill", "legislation", "legislation", "BILL"),
    ZoteroType("treaty", "statute", "legislation", "legislation", "STAT"),
    ZoteroType("legal_case", "case", "jurisdiction", "jurisdiction", "CASE"),
    ZoteroType("patent", "patent", "patent", "patent", "PAT"),
    ZoteroType("software", "computerProgram", "software", "software", "COMP"),
    ZoteroType("entry-encyclopedia", "encyclopediaArticle", "inreference", "inreference", "ENCYC"),
    ZoteroType("entry-dictionary", "dictionaryEntry", "inreference", "inreference", "DICT"),
    ZoteroType("manuscript", "manuscript", "unpublished", "unpublished", "MANSCPT"),
    ZoteroType("speech", "presentation", "unpublished", "unpublished", "SLIDE"),
    ZoteroType("personal_communication", "letter", "letter", "misc", "PCOMM"),
    ZoteroType("motion_picture", "film", "movie", "misc", "MPCT"),
    ZoteroType("graphic", "artwork", "artwork", "misc", "ART"),
    ZoteroType("song", "audioRecording", "audio", "misc", "SOUND"),
    ZoteroType("map", "map", "misc", "misc", "MAP"),
    ZoteroType("hearing", "hearing", "misc", "misc", "HEAR"),
    # @dataset is dropped by BibTeX.js; @misc at least arrives (as Document).
    ZoteroType("dataset", "dataset", "misc", "misc", "DATA", "dataset"),
    ZoteroType("document", "document", "misc", "misc", "AGGR"),
)

BY_CSL: dict[str, ZoteroType] = {row.csl: row for row in _ROWS}
DEFAULT = BY_CSL["document"]


def for_csl(csl_type: str) -> ZoteroType:
    """The row for a CSL type; unknown types travel as Document."""
    return BY_CSL.get(csl_type, DEFAULT)


def _first_wins(pairs: list[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in pairs:
        out.setdefault(key, value)
    return out


# Readers: BibLaTeX/BibTeX entry type -> CSL type.  Rows first (the first row of a
# shared entry type is its canonical reading), then what other programs write.
BIB_TO_CSL: dict[str, str] = _first_wins(
    [("misc", "document"), ("report", "report"), ("techreport", "report"), ("legislation", "legislation")]
    + [(row.biblatex, row.csl) for row in _ROWS if not row.subtype]
    + [(row.bibtex, row.csl) for row in _ROWS if not row.subtype]
    + [
        ("mvbook", "book"),
        ("collection", "book"),
        ("mvcollection", "book"),
        ("booklet", "book"),
        ("manual", "book"),
        ("proceedings", "book"),
        ("mvproceedings", "book"),
        ("periodical", "book"),
        ("inbook", "chapter"),
        ("bookinbook", "chapter"),
        ("suppbook", "chapter"),
        ("suppcollection", "chapter"),
        ("conference", "paper-conference"),
        ("mastersthesis", "thesis"),
        ("phdthesis", "thesis"),
        ("electronic", "webpage"),
        ("www", "webpage"),
        ("dataset", "dataset"),
        ("standard", "standard"),
        ("reference", "book"),
        ("mvreference", "book"),
        ("movie", "motion_picture"),
        ("video", "motion_picture"),
        ("music", "song"),
        ("audio", "song"),
    ]
)
BIB_SUBTYPE_TO_CSL: dict[str, str] = {row.subtype: row.csl for row in _ROWS if row.subtype}

# RIS TY -> CSL type: the rows, then the TY values Zotero's RIS.js also reads.
RIS_TO_CSL: dict[str, str] = _first_wins(
    [(row.ris, row.csl) for row in _ROWS]
    + [
        ("GEN", "document"),  # Zotero reads GEN as a journal article; we keep it generic
        ("ANCIENT", "document"),
        ("EQUA", "document"),
        ("GRNT", "document"),
        ("ABST", "article-journal"),
        ("EJOUR", "article-journal"),
        ("JFULL", "article-journal"),
        ("INPR", "manuscript"),
        ("UNPD", "manuscript"),
        ("UNPB", "manuscript"),  # the RIS spec's "unpublished work" (EndNote, JabRef, Mendeley)
        ("MULTI", "motion_picture"),  # RIS.js: videoRecording
        ("PAMP", "manuscript"),
        ("EBOOK", "book"),
        ("EDBOOK", "book"),
        ("CLSWK", "book"),
        ("SER", "book"),
        ("ECHAP", "chapter"),
        ("CPAPER", "paper-conference"),
        ("GOVDOC", "report"),
        ("WEB", "webpage"),
        ("DBASE", "dataset"),
        ("LEGAL", "legal_case"),
        ("UNBILL", "bill"),
        ("CTLG", "article-magazine"),
        ("MUSIC", "song"),
        ("CHART", "graphic"),
        ("FIGURE", "graphic"),
        ("ADVS", "motion_picture"),
        ("VIDEO", "motion_picture"),
        ("ICOMM", "personal_communication"),
    ]
)

# Zotero item type -> CSL type, for reading Zotero's own exports that name it.
ZOTERO_TO_CSL: dict[str, str] = _first_wins([(row.zotero, row.csl) for row in _ROWS])

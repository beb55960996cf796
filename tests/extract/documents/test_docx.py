"""Word .docx: footnotes from their part, Zotero/Mendeley/EndNote fields as exact records."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docxbuild import field, note_ref, para, run, simple_field, write_docx, zotero

from citekeeper.errors import InputError
from citekeeper.extract.documents import detect, extract_document
from citekeeper.extract.documents.errors import BrokenDocumentError, UnsafeXMLError
from citekeeper.formats.csljson import reference_to_csl

ITEM_A = {"id": "X1", "type": "article-journal", "title": "Water rights in context",
          "container-title": "Journal of Law and Rivers", "volume": "12", "issue": "3",
          "page": "45-67", "DOI": "10.1000/jlr.2010.3",
          "author": [{"family": "Brown", "given": "Alice"}, {"family": "Green", "given": "Bo"}],
          "issued": {"date-parts": [[2010, 5]]}}
ITEM_B = {"id": "X2", "type": "book", "title": "Salt, timber and cloth", "publisher": "Akademie",
          "publisher-place": "Berlin", "author": [{"family": "Weber", "given": "Klaus"}],
          "issued": {"date-parts": [[2007]]}, "ISBN": "978-3-16-148410-0"}
ITEM_C = {"id": "X3", "type": "chapter", "title": "Ledgers as sources",
          "container-title": "Reading the archive", "page": "33-58", "publisher": "Oxford University Press",
          "author": [{"family": "Lopez", "given": "Rosa"}], "editor": [{"family": "Harris", "given": "Tom"}],
          "issued": {"date-parts": [[2019]]}}
URI = "http://zotero.org/users/42/items/"


def _exact(ref, item: dict) -> bool:
    got = reference_to_csl(ref, with_origin=False, raw_dates=False)
    got.pop("id")
    want = {k: v for k, v in item.items() if k != "id"}
    return got == want


@pytest.fixture(scope="module")
def zotero_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "manuscript.docx"
    paragraphs = [
        para(run("Introduction"), style="Heading1"),
        para(run("Rivers were contested "),
             field(zotero([ITEM_A, ITEM_B], [URI + "AAAA", URI + "BBBB"], "(Brown & Green, 2010; Weber, 2007)"), "(Brown & Green, 2010; Weber, 2007)", pieces=7),
             run(" and sources scarce."), note_ref(1)),
        para(run("Ledgers matter "), simple_field(zotero([ITEM_C], [URI + "CCCC"], "(Lopez, 2019)", mendeley=True), "(Lopez, 2019)"),
             run(". Again "), field(zotero([ITEM_A], [URI + "AAAA"], "(Brown & Green, 2010)"), "(Brown & Green, 2010)"),
             run("."), note_ref(2)),
        para(run("References"), style="Heading1"),
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("Brown, A., & Green, B. (2010). Water rights in context.") + "</w:p>",
        para(run("Lopez, R. (2019). Ledgers as sources.")),
        para(run("Weber, K. (2007). Salt, timber and cloth. Berlin: Akademie."),
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
    ]
    footnotes = {
        1: run(" Smith J. A history of the river trade. London: Harbour Press, 1998. P. 45."),
        2: field(zotero([ITEM_B], [URI + "BBBB"], "Weber, Salt, timber and cloth, 212."), "Weber, Salt, timber and cloth, 212."),
    }
    return write_docx(path, paragraphs, footnotes)


def test_zotero_records_are_exactly_the_embedded_items(zotero_docx: Path) -> None:
    ex = extract_document(zotero_docx)
    assert len(ex.references) == 3  # A cited twice, B also in a footnote: each item once
    for ref, item in zip(ex.references, (ITEM_A, ITEM_B, ITEM_C), strict=True):
        assert _exact(ref, item), ref
        assert not ref.warnings
    assert ex.references[0].provenance["title"] == ("zotero", 1.0)
    assert ex.references[2].provenance["title"] == ("mendeley", 1.0)
    assert ex.references[0].origin.element == f"cited item {URI}AAAA"


def test_footnotes_from_their_part_numbered_as_printed(zotero_docx: Path) -> None:
    ex = extract_document(zotero_docx)
    by_number = {r.origin.number: r for r in ex.footnotes}
    assert sorted(by_number) == [1, 2]  # the separator footnotes are skipped
    assert by_number[1].title == "A history of the river trade"
    assert by_number[1].origin.element == "w:footnote[@w:id='1']"
    assert _exact(by_number[2], ITEM_B)


def test_bibliography_field_is_not_parsed_again(zotero_docx: Path) -> None:
    ex = extract_document(zotero_docx)
    assert not [r for r in ex.references if r.origin.element and "w:body" in r.origin.element]
    assert not ex.warnings or all("could not parse" not in w for w in ex.warnings)


def test_plain_reference_list_and_endnotes(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "plain.docx", [
        para(run("Body text"), note_ref(5, "endnote")),
        para(run("Bibliography")),
        para(run("Abel, T. (2001). Grain and governance in river towns. Economic History Quarterly, 8(2), 115-140.")),
        para(run("Carlsson, E. (1995). Timber markets of the north. Stockholm: Nordic Academic Press.")),
    ], endnotes={5: run(" Weber K. Salt, timber and cloth. Berlin: Akademie, 2007. P. 212.")})
    assert detect(path) == "docx"
    ex = extract_document(path)
    assert [r.issued.year for r in ex.references] == [2001, 1995]
    assert ex.references[1].origin.element == "w:body/w:p[4]"
    assert ex.references[1].origin.line_start == 4
    assert ex.footnotes[0].origin.element == "w:endnote[@w:id='5']"
    assert ex.footnotes[0].issued.year == 2007


def test_zip_of_something_else(tmp_path: Path) -> None:
    path = tmp_path / "photos.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("img/1.txt", "not word")
    with pytest.raises(BrokenDocumentError, match="not a Word document"):
        extract_document(path)


def test_truncated_docx(zotero_docx: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.docx"
    path.write_bytes(zotero_docx.read_bytes()[:200])
    with pytest.raises(InputError):
        extract_document(path)


def test_xml_bomb_refused(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True))
            + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>')
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", bomb)
    with pytest.raises(UnsafeXMLError, match="entit"):
        extract_document(path)


def test_reference_list_ends_at_the_next_heading(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "appendix.docx", [
        para(run("References"), style="Heading1"),
        para(run("Abel, T. (2001). Grain and governance in river towns. Economic History Quarterly, 8(2), 115-140.")),
        para(run("Appendix A: Tables"), style="Heading1"),
        para(run("Table 1 shows the counts by year.")),
    ])
    ex = extract_document(path)
    assert len(ex.references) == 1


def test_endnote_field_records(tmp_path: Path) -> None:
    record = ("<EndNote><Cite><Author>Weber</Author><Year>2007</Year><RecNum>7</RecNum><record>"
              "<rec-number>7</rec-number><ref-type name=\"Book\">6</ref-type><contributors><authors>"
              "<author>Weber, Klaus</author></authors></contributors><titles><title>Salt, timber and cloth"
              "</title></titles><dates><year>2007</year></dates><publisher>Akademie</publisher>"
              "</record></Cite></EndNote>")
    path = write_docx(tmp_path / "endnote.docx", [
        para(run("Salt "), field(" ADDIN EN.CITE " + record, "(Weber, 2007)"), run(".")),
    ])
    ex = extract_document(path)
    (ref,) = ex.references
    assert ref.type == "book" and ref.title == "Salt, timber and cloth" and ref.authors[0].family == "Weber"
    assert ref.issued.year == 2007 and ref.provenance["title"] == ("endnote", 1.0)


def test_old_binary_word_file(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match=r"\.doc"):
        extract_document(path)


def test_bibliography_typed_as_one_paragraph_with_line_breaks(tmp_path: Path) -> None:
    br = "<w:r><w:br/></w:r>"
    path = write_docx(tmp_path / "breaks.docx", [
        para(run("References")),
        para(run("Abel, T. (2001). Grain and governance in river towns. Economic History Quarterly, 8(2), 115-140."),
             br, run("Carlsson, E. (1995). Timber markets of the north. Stockholm: Nordic Academic Press."), br,
             run("Dumont, F. (2008). Cloth, credit and community. Paris: Editions du Fleuve.")),
    ])
    ex = extract_document(path)
    assert [r.issued.year for r in ex.references] == [2001, 1995, 2008]
    assert {r.origin.element for r in ex.references} == {"w:body/w:p[2]"}

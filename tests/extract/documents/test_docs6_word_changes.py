"""Word and OpenDocument notes as editors leave them: tracked changes, text boxes, citation fields beside
typed citations, note numbers typed again into the note (files built here as the word processors write them).

A note whose call was deleted with tracked changes (``w:del``) or moved away (``w:moveFrom``, standing
again at its ``w:moveTo``) is numbered as Word prints the document with its changes accepted; a text
box, written twice (drawing and VML fallback), is read once; a citation typed beside a Zotero field in
the same note is a citation too; an ODT note's own number typed again before a tab is dropped, a book of
the Bible opening note 1 is kept.  A flat .fodt is read as an .odt, a deletion LibreOffice tracked (kept in
``text:tracked-changes``) is not read; Word's Strict Open XML is read as its usual markup; footnotes and
endnotes are two series; a title linked in a Word note keeps the URL it links to.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

from docxbuild import field, note_ref, para, run, write_docx, zotero

from citekeeper.extract.documents import detect, extract_document

SMITH = "John Smith, The River Trade (London: Harbour Press, 1998), 45."
BROWN = "Mary Brown, “Water Rights,” Journal of Law and Rivers 12, no. 3 (2010): 45–67."
WEBER = "Karl Weber, Salz und Holz (Berlin: Springer, 2007), 12."
NOTES = {1: run(" " + SMITH), 2: run(" " + BROWN), 3: run(" " + WEBER)}
MC = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
ITEM = {"id": 1, "type": "book", "title": "The River Trade", "author": [{"family": "Smith", "given": "John"}],
        "issued": {"date-parts": [[1998]]}}


def _notes(path: Path) -> list[tuple[int | None, str]]:
    return [(r.footnote, r.raw[:10]) for r in extract_document(path).footnotes]


def test_a_call_deleted_with_tracked_changes_numbers_no_note(tmp_path: Path) -> None:
    deleted = f'<w:del w:id="9" w:author="Editor"><w:r><w:delText>as shown</w:delText></w:r>{note_ref(2)}</w:del>'
    path = write_docx(tmp_path / "deleted.docx", [para(run("One"), note_ref(1)), para(run("Two"), deleted),
                                                  para(run("Three"), note_ref(3))], footnotes=NOTES)
    assert _notes(path) == [(1, "John Smith"), (2, "Karl Weber")]


def test_an_inserted_call_counts_and_a_moved_one_counts_where_it_now_stands(tmp_path: Path) -> None:
    inserted = f'<w:ins w:id="9" w:author="Editor">{note_ref(2)}</w:ins>'
    path = write_docx(tmp_path / "inserted.docx", [para(run("One"), note_ref(1)), para(run("Two"), inserted),
                                                   para(run("Three"), note_ref(3))], footnotes=NOTES)
    assert _notes(path) == [(1, "John Smith"), (2, "Mary Brown"), (3, "Karl Weber")]
    moved_from = (f'<w:moveFromRangeStart w:id="5" w:name="move1"/><w:moveFrom w:id="6" w:author="Editor">'
                  f'{note_ref(2)}</w:moveFrom><w:moveFromRangeEnd w:id="5"/>')
    moved_to = (f'<w:moveToRangeStart w:id="7" w:name="move1"/><w:moveTo w:id="8" w:author="Editor">'
                f'{note_ref(2)}</w:moveTo><w:moveToRangeEnd w:id="7"/>')
    path = write_docx(tmp_path / "moved.docx", [para(run("One"), moved_from, note_ref(1)),
                                                para(run("Three"), note_ref(3)), para(run("Two"), moved_to)],
                      footnotes=NOTES)
    assert _notes(path) == [(1, "John Smith"), (2, "Karl Weber"), (3, "Mary Brown")]


def test_a_text_box_written_twice_is_read_once(tmp_path: Path) -> None:
    inner = para(run("Set in a box"), note_ref(2))
    box = (f'<w:r><mc:AlternateContent {MC}><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
           f'<w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>'
           f'<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox>'
           '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    path = write_docx(tmp_path / "box.docx", [para(run("One"), note_ref(1), box), para(run("Three"), note_ref(3))],
                      footnotes=NOTES)
    assert _notes(path) == [(1, "John Smith"), (2, "Mary Brown"), (3, "Karl Weber")]


def test_a_citation_typed_beside_a_zotero_field_in_word(tmp_path: Path) -> None:
    printed = "John Smith, The River Trade (London: Harbour Press, 1998), 45"
    cite = field(zotero([ITEM], ["http://zotero.org/users/1/items/A"], printed), printed)
    path = write_docx(tmp_path / "zotero.docx", [para(run("One"), note_ref(1)), para(run("Two"), note_ref(2))],
                      footnotes={1: run(" See ") + cite + run("; and " + BROWN), 2: run(" See ") + cite + run(", 47.")})
    refs = extract_document(path).footnotes
    assert [(r.footnote, r.raw[:10], r.origin.citation) for r in refs] == [
        (1, "John Smith", 1), (1, "Mary Brown", 2), (2, "John Smith", 1)]  # "See …, 47." adds nothing
    assert refs[0].provenance["title"][0] == "zotero" and refs[1].get("container-title").startswith("Journal of Law")


def test_a_citation_typed_beside_a_zotero_mark_in_libreoffice(tmp_path: Path) -> None:
    name = quoteattr("ZOTERO_ITEM CSL_CITATION " + json.dumps(
        {"citationItems": [{"uris": ["http://zotero.org/users/1/items/A"], "itemData": ITEM}]}) + " RNDabc")
    note = ('<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
            f'<text:note-body><text:p>Cf. <text:reference-mark-start text:name={name}/>Smith, <text:span>The River'
            f' Trade</text:span>, 45<text:reference-mark-end text:name={name}/>, and {WEBER}</text:p>'
            '</text:note-body></text:note>')
    path = _odt(tmp_path / "zotero.odt", f"<text:p>Rivers{note} and salt.</text:p>")
    assert _notes(path) == [(1, "Smith, The"), (1, "Karl Weber")]


def test_an_odt_notes_own_number_typed_again_is_dropped_a_bible_book_kept(tmp_path: Path) -> None:
    def note(i: int, body: str) -> str:
        return (f'<text:note text:id="ftn{i}" text:note-class="footnote"><text:note-citation>{i}'
                f'</text:note-citation><text:note-body><text:p>{body}</text:p></text:note-body></text:note>')

    body = (f"<text:p>Gifts{note(1, '1 Kor. 12,7 „Wie auch immer sich der Geist zeigt.“')} and law"
            f"{note(2, '2<text:tab/>' + SMITH)} and rivers{note(3, '3. ' + BROWN)} and salt"
            f"{note(4, '1. Mose 6,3.')}.</text:p>")
    path = _odt(tmp_path / "typed.odt", body)
    assert _notes(path) == [(1, "1 Kor. 12,"), (2, "John Smith"), (3, "Mary Brown"), (4, "1. Mose 6,")]


def _odt(path: Path, body: str) -> Path:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns}>'
                                  f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    return path


def test_a_flat_odt_with_a_tracked_deletion(tmp_path: Path) -> None:
    # LibreOffice's "Flat XML ODF Text Document" (.fodt): one XML, styles and text together.  A deletion
    # tracked as a change keeps the deleted paragraph (and its note) in text:tracked-changes: no note.
    def note(i: int, text: str) -> str:
        return (f'<text:note text:id="ftn{i}" text:note-class="footnote"><text:note-citation>{i}</text:note-citation>'
                f"<text:note-body><text:p>{text}</text:p></text:note-body></text:note>")

    changes = ('<text:tracked-changes><text:changed-region text:id="ct2"><text:deletion><office:change-info>'
               f'<dc:creator>Editor</dc:creator></office:change-info><text:p>Removed{note(9, WEBER)}</text:p>'
               "</text:deletion></text:changed-region></text:tracked-changes>")
    body = f'{changes}<text:p>One{note(1, SMITH)} two<text:change text:change-id="ct2"/> three{note(2, BROWN)}.</text:p>'
    path = tmp_path / "paper.fodt"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<office:document '
                    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                    'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
                    f"<office:body><office:text>{body}</office:text></office:body></office:document>", encoding="utf-8")
    assert detect(path) == "odt"
    assert _notes(path) == [(1, "John Smith"), (2, "Mary Brown")]


def test_a_strict_open_xml_document(tmp_path: Path) -> None:
    plain = write_docx(tmp_path / "plain.docx", [para(run("One"), note_ref(1)), para(run("Two"), note_ref(2))],
                       footnotes={1: run(" " + SMITH), 2: run(" " + BROWN)})
    strict = tmp_path / "strict.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(strict, "w") as out:
        for name in src.namelist():
            out.writestr(name, src.read(name).replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                                      b"http://purl.oclc.org/ooxml/wordprocessingml/main"))
    assert _notes(strict) == [(1, "John Smith"), (2, "Mary Brown")]


def test_ibid_in_a_footnote_repeats_the_footnote_before_not_an_endnote_between(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "both.docx", [para(run("One"), note_ref(1)), para(run("Two"), note_ref(1, "endnote")),
                                               para(run("Three"), note_ref(2))],
                      footnotes={1: run(" " + SMITH), 2: run(" Ibid., 47.")}, endnotes={1: run(" " + WEBER)})
    refs = extract_document(path).footnotes
    assert [(r.footnote, r.raw[:10]) for r in refs] == [(1, "John Smith"), (2, "Ibid., 47."), (1, "Karl Weber")]
    assert refs[1].repeats == refs[0].id
    rtf = tmp_path / "both.rtf"
    rtf.write_text(r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Times;}}\pard One{\super\chftn}{\footnote\pard\plain"
                   r"{\super\chftn} John Smith, {\i The River Trade} (London: Harbour Press, 1998), 45.} Two{\super\chftn}"
                   r"{\footnote\ftnalt\pard\plain{\super\chftn} Karl Weber, {\i Salz und Holz} (Berlin: Springer, 2007), 12.}"
                   r" Three{\super\chftn}{\footnote\pard\plain{\super\chftn} Ibid., 47.{\*\annotation a comment}}\par}",
                   encoding="latin-1")
    refs = extract_document(rtf).footnotes
    assert [(r.footnote, r.raw[:10]) for r in refs] == [(1, "John Smith"), (2, "Ibid., 47."), (1, "Karl Weber")]
    assert refs[1].repeats == refs[0].id


def test_a_linked_title_in_a_word_note_keeps_the_url_it_links_to(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "links.docx", [para(run("One"), note_ref(1)), para(run("Two"), note_ref(2))],
                      footnotes={1: run(" Mary Brown, ") + '<w:hyperlink r:id="rId7"><w:r><w:t>Water Rights</w:t></w:r>'
                                 "</w:hyperlink>" + run(" (Oxford: Clarendon, 2010), 50."),
                                 2: run(" John Smith, The River Trade (London: Harbour Press, 1998), ")
                                 + '<w:hyperlink r:id="rId8"><w:r><w:t>10.1000/xyz123</w:t></w:r></w:hyperlink>'})
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
            'Target="https://example.org/water" TargetMode="External"/>'
            '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
            'Target="https://doi.org/10.1000/xyz123" TargetMode="External"/></Relationships>')
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/_rels/footnotes.xml.rels", rels)
    refs = extract_document(path).footnotes
    assert refs[0].raw == "Mary Brown, Water Rights (https://example.org/water) (Oxford: Clarendon, 2010), 50."
    assert refs[1].raw.endswith("1998), 10.1000/xyz123")  # a DOI shown as itself: no URL again


def test_a_linked_title_in_an_odt_note_keeps_its_url(tmp_path: Path) -> None:
    note = ('<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
            '<text:note-body><text:p>Mary Brown, <text:a xlink:type="simple" xlink:href="https://example.org/water">'
            "Water Rights</text:a> (Oxford: Clarendon, 2010), 50.</text:p></text:note-body></text:note>")
    path = _odt(tmp_path / "links.odt", f"<text:p>Rivers{note}.</text:p>".replace(
        "<text:p>Rivers", '<text:p xmlns:xlink="http://www.w3.org/1999/xlink">Rivers', 1))
    assert [r.raw for r in extract_document(path).footnotes] == [
        "Mary Brown, Water Rights (https://example.org/water) (Oxford: Clarendon, 2010), 50."]

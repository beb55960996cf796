"""Word and OpenDocument notes as the two word processors store them (files built here).

A note called by a custom mark (Word's ``customMarkFollows``, ODF's ``text:label``) takes no
number, so the numbered notes after it keep Word's and LibreOffice's own numbers; a note called
from a table cell counts where the table stands; a ``HYPERLINK`` field keeps its visible text;
footnotes and endnotes are numbered each on their own; separator "notes" are no notes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docxbuild import field, note_ref, para, run, write_docx

from citekeeper.extract.documents import extract_document

SMITH = "John Smith, The River Trade (London: Harbour Press, 1998), 45."
BROWN = "Mary Brown, “Water Rights,” Journal of Law and Rivers 12, no. 3 (2010): 45–67."
CUSTOM_CALL = ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
               '<w:footnoteReference w:customMarkFollows="1" w:id="9"/><w:t>*</w:t></w:r>')


def test_custom_marks_tables_and_fields_in_word(tmp_path: Path) -> None:
    table = f'<w:tbl><w:tr><w:tc>{para(run("Cell text"), note_ref(4))}</w:tc></w:tr></w:tbl>'
    link = field(' HYPERLINK "https://example.org/x" ', "https://example.org/x")
    path = write_docx(tmp_path / "paper.docx",
                      [para(run("A title"), CUSTOM_CALL), para(run("First"), note_ref(1)), table,
                       para(run("Second"), note_ref(2)), para(run("End"), note_ref(1, "endnote"))],
                      footnotes={9: run("* This study was funded by the Valley Trust; see " + SMITH),
                                 1: run(" " + SMITH), 2: run(" Ibid., 47. Online: ") + link, 4: run(" " + BROWN)},
                      endnotes={1: run(" " + BROWN)})
    notes = [(r.footnote, r.raw) for r in extract_document(path).footnotes]
    numbered = [(n, raw[:10]) for n, raw in notes if n]
    assert numbered[:3] == [(1, "John Smith"), (2, "Mary Brown"), (3, "Ibid., 47.")]
    assert any(raw.endswith("https://example.org/x") for n, raw in notes if n == 3)
    assert (1, BROWN) in notes  # the endnote, numbered on its own
    assert all(not raw.startswith("*") for _, raw in notes)


def test_an_odt_note_with_a_custom_label(tmp_path: Path) -> None:
    def note(i: int, text: str, label: str = "") -> str:
        attr = f' text:label="{label}"' if label else ""
        return (f'<text:note text:id="ftn{i}" text:note-class="footnote"><text:note-citation{attr}>{label or i}'
                f'</text:note-citation><text:note-body><text:p>{text}</text:p></text:note-body></text:note>')
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>
<text:h>Title{note(0, "Funded by the Valley Trust.", "*")}</text:h>
<text:p>Rivers<text:span>{note(1, SMITH)}</text:span> and salt.</text:p>
<table:table><table:table-row><table:table-cell><text:p>Cell{note(2, BROWN)}</text:p></table:table-cell>
</table:table-row></table:table><text:p>Again{note(3, "Ibid., 47.")}.</text:p>
</office:text></office:body></office:document-content>"""
    path = tmp_path / "paper.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
    notes = [(r.footnote, r.raw[:10]) for r in extract_document(path).footnotes]
    assert notes == [(1, "John Smith"), (2, "Mary Brown"), (3, "Ibid., 47.")]


def test_word_notes_numbered_from_the_sections_start(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "chapter.docx",
                      [para(run("First"), note_ref(1)), para(run("Second"), note_ref(2)),
                       '<w:sectPr><w:footnotePr><w:numStart w:val="45"/></w:footnotePr></w:sectPr>'],
                      footnotes={1: run(" " + SMITH), 2: run(" Ibid., 47.")})
    notes = [(r.footnote, r.raw[:10]) for r in extract_document(path).footnotes]
    assert notes == [(45, "John Smith"), (46, "Ibid., 47.")]


def test_word_notes_numbered_afresh_in_each_section(tmp_path: Path) -> None:
    restart = '<w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>'
    section_end = f'<w:p><w:pPr><w:sectPr>{restart}</w:sectPr></w:pPr></w:p>'
    path = write_docx(tmp_path / "book.docx",
                      [para(run("One"), note_ref(1)), para(run("Two"), note_ref(2)), section_end,
                       para(run("Three"), note_ref(3)), f"<w:sectPr>{restart}</w:sectPr>"],
                      footnotes={1: run(" " + SMITH), 2: run(" Ibid., 47."), 3: run(" " + BROWN)})
    notes = [(r.footnote, r.raw[:10]) for r in extract_document(path).footnotes]
    assert notes == [(1, "John Smith"), (2, "Ibid., 47."), (1, "Mary Brown")]


def test_an_odt_zotero_note_keeps_the_citation_it_prints(tmp_path: Path) -> None:
    # LibreOffice's Zotero plugin: a reference mark named "ZOTERO_ITEM CSL_CITATION {json} RND…"
    # around the formatted citation.  The record is Zotero's; its raw text is what the note prints.
    import json
    from xml.sax.saxutils import quoteattr

    item = {"citationItems": [{"uris": ["http://zotero.org/users/1/items/ABCD"],
                               "itemData": {"id": 7, "type": "book", "title": "The River Trade",
                                            "author": [{"family": "Smith", "given": "John"}], "issued": {"date-parts": [[1998]]}}}]}
    name = quoteattr("ZOTERO_ITEM CSL_CITATION " + json.dumps(item) + " RNDabc123")
    note = ('<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
            f'<text:note-body><text:p>See <text:reference-mark-start text:name={name}/>Smith, John: '
            f'<text:span>The River Trade</text:span>. London 1998<text:reference-mark-end text:name={name}/>, 45.'
            '</text:p></text:note-body></text:note>')
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
<text:p>Rivers{note} and salt.</text:p></office:text></office:body></office:document-content>"""
    path = tmp_path / "zotero.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
    refs = extract_document(path).footnotes
    assert [(r.footnote, r.title, r.raw) for r in refs] == [(1, "The River Trade", "Smith, John: The River Trade. London 1998")]


def _odt(path: Path, body: str, config: str) -> Path:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns}>'
                                  f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
        z.writestr("styles.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ns}>'
                                 f"<office:styles>{config}</office:styles></office:document-styles>")
    return path


def _odt_note(i: int, text: str) -> str:
    return (f'<text:note text:id="ftn{i}" text:note-class="footnote"><text:note-citation>{i}</text:note-citation>'
            f"<text:note-body><text:p>{text}</text:p></text:note-body></text:note>")


def test_odt_notes_start_where_libreoffice_says(tmp_path: Path) -> None:
    # "Start at 45" in LibreOffice's footnote settings is written start-value="44" (0 prints from 1).
    config = '<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="44"/>'
    path = _odt(tmp_path / "chapter.odt",
                f"<text:p>First{_odt_note(1, SMITH)}</text:p><text:p>Second{_odt_note(2, 'Ibid., 47.')}</text:p>", config)
    assert [(r.footnote, r.raw[:10]) for r in extract_document(path).footnotes] == [(45, "John Smith"), (46, "Ibid., 47.")]


def test_odt_notes_numbered_afresh_in_each_chapter(tmp_path: Path) -> None:
    config = ('<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" '
              'text:start-numbering-at="chapter"/>')
    body = (f'<text:h text:outline-level="1">One</text:h><text:p>A{_odt_note(1, SMITH)} B{_odt_note(2, "Ibid., 47.")}</text:p>'
            f'<text:h text:outline-level="2">One, part</text:h><text:p>C{_odt_note(3, "Ibid., 48.")}</text:p>'
            f'<text:h text:outline-level="1">Two</text:h><text:p>D{_odt_note(4, BROWN)}</text:p>')
    path = _odt(tmp_path / "book.odt", body, config)
    assert [(r.footnote, r.raw[:10]) for r in extract_document(path).footnotes] == [
        (1, "John Smith"), (2, "Ibid., 47."), (3, "Ibid., 48."), (1, "Mary Brown")]


def _sup(n: int) -> str:
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{n}</w:t></w:r>'


def test_notes_typed_into_a_word_body_are_notes(tmp_path: Path) -> None:
    # A manuscript with no Word note objects: raised numbers in the text, "1. …" under "Notes".
    body = [para(run("The doubt was silenced."), _sup(1), run(" A table."), _sup(2), run(" More."), _sup(3)),
            para(run("Notes"), style="Heading1"), para(run("1. " + SMITH)), para(run("2. " + BROWN)),
            para(_sup(3), run(" Ibid., 47."))]
    refs = extract_document(write_docx(tmp_path / "typed.docx", body)).footnotes
    assert [(r.footnote, r.raw[:10], r.origin.element if r.origin else None) for r in refs] == [
        (1, "John Smith", "w:body/w:p[3]"), (2, "Mary Brown", "w:body/w:p[4]"), (3, "Ibid., 47.", "w:body/w:p[5]")]
    assert refs[2].repeats == refs[1].id


def test_a_numbered_list_in_a_word_body_is_no_notes(tmp_path: Path) -> None:
    import pytest

    from citekeeper.errors import NoCitationsError

    body = [para(run("We collected:")), para(run("1. Smith collected 45 samples in 1998 and Brown (2010) counted them.")),
            para(run("2. They agree."))]
    with pytest.raises(NoCitationsError):
        extract_document(write_docx(tmp_path / "list.docx", body))


def test_notes_typed_into_an_odt_body_under_notes(tmp_path: Path) -> None:
    body = (f"<text:p>The doubt was silenced.1 A table.2</text:p><text:h text:outline-level=\"1\">Notes</text:h>"
            f"<text:p>1. {SMITH}</text:p><text:p>2. Ibid., 47.</text:p>")
    refs = extract_document(_odt(tmp_path / "typed.odt", body, "")).footnotes
    assert [(r.footnote, r.raw[:10]) for r in refs] == [(1, "John Smith"), (2, "Ibid., 47.")]


def test_notes_typed_into_an_odt_body_with_raised_calls(tmp_path: Path) -> None:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')
    styles = ('<office:automatic-styles><style:style style:name="T1" style:family="text">'
              '<style:text-properties style:text-position="super 58%"/></style:style></office:automatic-styles>')
    body = (f'<text:p>The doubt was silenced.<text:span text:style-name="T1">1</text:span> A table.'
            f'<text:span text:style-name="T1">2</text:span></text:p><text:p>————</text:p>'
            f"<text:p>1. {SMITH}</text:p><text:p>2. Ibid., 47.</text:p>")
    path = tmp_path / "raised.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns}>{styles}'
                                  f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    refs = extract_document(path).footnotes
    assert [(r.footnote, r.raw[:10]) for r in refs] == [(1, "John Smith"), (2, "Ibid., 47.")]

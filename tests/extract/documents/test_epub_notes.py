"""EPUB books built here as a zip of a package and XHTML documents, the notes in a file of their own.

The text calls each note across files (``notes.xhtml#n2``), some notes are ``epub:type`` asides in
the chapter itself, and ids repeat from document to document, as books made by pandoc or calibre
have them; a zip that is no book at all is refused with a one-line error.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from citekeeper.errors import CitekeeperError
from citekeeper.extract.documents import detect, extract_document
from citekeeper.formats import read_file

SMITH = "John Smith, <i>The River Trade</i> (London: Harbour Press, 1998), 45."
BROWN = "Mary Brown, “Water Rights,” <i>Journal of Law and Rivers</i> 12, no. 3 (2010): 45–67."
HEAD = '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>'


def _epub(path: Path, documents: dict[str, str], spine: list[str]) -> Path:
    manifest = "".join(f'<item id="i{k}" href="{name}" media-type="application/xhtml+xml"/>'
                       for k, name in enumerate(documents))
    itemrefs = "".join(f'<itemref idref="i{list(documents).index(name)}"/>' for name in spine)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" '
                   'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile '
                   'full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')
        z.writestr("OEBPS/content.opf", '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
                   f'version="3.0"><manifest>{manifest}</manifest><spine>{itemrefs}</spine></package>')
        for name, body in documents.items():
            z.writestr(f"OEBPS/{name}", HEAD + body + "</body></html>")
    return path


def test_notes_in_a_file_of_their_own_linked_across_files(tmp_path: Path) -> None:
    book = _epub(tmp_path / "book.epub", {
        "ch1.xhtml": '<p id="p1">Rivers mattered.<a epub:type="noteref" href="notes.xhtml#n1" id="r1">1</a>'
                     ' So did law.<sup><a href="notes.xhtml#n2" id="r2">2</a></sup></p>',
        "ch2.xhtml": '<p id="p1">Salt mattered too.<sup><a href="notes.xhtml#n3" id="r3">3</a></sup></p>',
        "notes.xhtml": f'<h1>Notes</h1><p id="n1"><a href="ch1.xhtml#r1">1</a> {SMITH}</p>'
                       f'<p id="n2"><a href="ch1.xhtml#r2">2</a> Ibid., 47.</p>'
                       f'<p id="n3"><a href="ch2.xhtml#r3">3</a> {BROWN}</p>',
    }, ["ch1.xhtml", "ch2.xhtml", "notes.xhtml"])
    assert detect(book) == "epub"
    notes = [(r.footnote, r.raw) for r in read_file(book).extraction.footnotes]
    assert [n for n, _ in notes] == [1, 2, 3]
    assert notes[0][1].startswith("John Smith") and notes[1][1] == "Ibid., 47." and notes[2][1].startswith("Mary Brown")


def test_asides_in_the_chapters_and_ids_repeated_across_documents(tmp_path: Path) -> None:
    book = _epub(tmp_path / "book.epub", {
        "a.xhtml": f'<p>One.<a epub:type="noteref" href="#fn1">1</a></p><aside epub:type="footnote" id="fn1"><p>{SMITH}</p></aside>',
        "b.xhtml": f'<p>Two.<a epub:type="noteref" href="#fn1">2</a></p><aside epub:type="footnote" id="fn1"><p>{BROWN}</p></aside>',
    }, ["a.xhtml", "b.xhtml"])
    raws = [r.raw[:10] for r in extract_document(book).footnotes]
    assert raws == ["John Smith", "Mary Brown"]


def test_a_zip_that_is_no_book(tmp_path: Path) -> None:
    path = tmp_path / "other.epub"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "nothing here")
    with pytest.raises(CitekeeperError, match="not an EPUB"):
        extract_document(path)

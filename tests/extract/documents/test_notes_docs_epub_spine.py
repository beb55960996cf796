"""An EPUB's notes in a content document the spine leaves out are read; its table of contents is not.

Books made for pop-up footnotes keep the notes file in the manifest only (a reader shows it when a
call is followed).  Reading the spine alone found no note in such a book.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from citekeeper.extract.documents import extract_document

NOTES = ["John Smith, <i>The River Trade</i> (London: Harbour Press, 1998), 45.",
         "Mary Brown, “Water Rights,” <i>Journal of Law and Rivers</i> 12, no. 3 (2010): 45–67."]


def _xhtml(body: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>x</title></head><body>{body}</body></html>')


def _book(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" '
                   'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile '
                   'full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')
        z.writestr("OEBPS/content.opf", '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
                   'version="3.0"><metadata/><manifest>'
                   '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
                   '<item id="c1" href="ch1.xhtml" media-type="application/xhtml+xml"/>'
                   '<item id="n" href="notes.xhtml" media-type="application/xhtml+xml"/>'
                   '</manifest><spine><itemref idref="c1"/></spine></package>')
        z.writestr("OEBPS/nav.xhtml", _xhtml('<nav epub:type="toc"><ol><li><a href="ch1.xhtml">Chapter 1</a></li>'
                                             '<li><a href="notes.xhtml#n1">Notes</a></li></ol></nav>'))
        z.writestr("OEBPS/ch1.xhtml", _xhtml(
            '<p>The river trade grew<a epub:type="noteref" href="notes.xhtml#n1">1</a> and water rights'
            ' followed<a epub:type="noteref" href="notes.xhtml#n2">2</a>.</p>'))
        z.writestr("OEBPS/notes.xhtml", _xhtml("".join(
            f'<aside epub:type="footnote" id="n{i}"><p>{i}. {t}</p></aside>' for i, t in enumerate(NOTES, 1))))


def test_notes_outside_the_spine(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    _book(path)
    got = [(r.footnote, r.raw) for r in extract_document(path).footnotes]
    assert [n for n, _ in got] == [1, 2]
    assert got[0][1].startswith("John Smith") and got[1][1].startswith("Mary Brown")
    assert not any("Chapter 1" in raw for _, raw in got)

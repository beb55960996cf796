"""Endnotes typed as a Word numbered list: the numbers live in ``word/numbering.xml``, not in the text.

A manuscript whose author typed the notes under "Notes" as an automatically numbered list (no Word
note objects) shows 1., 2., 3. in Word, but its paragraphs hold only the notes' text; read without
the list's numbers they were no notes ("no reference list and no footnotes found").
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docxbuild import NS, para, run, write_docx

from citekeeper.extract.documents import extract_document

NOTES = ["John Smith, The River Trade (London: Harbour Press, 1998), 45.",
         "Mary Brown, “Water Rights,” Journal of Law and Rivers 12, no. 3 (2010): 45–67.",
         "Ann Jones, Harbours and Their Keepers (Leeds: Quay Books, 2004), 12."]


def _sup(text: str) -> str:
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{text}</w:t></w:r>'


def _numbering(override: int | None = None) -> str:
    restart = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{override}"/></w:lvlOverride>'
               if override is not None else "")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>'
            '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            '</w:lvl></w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{restart}</w:num></w:numbering>')


def _document(path: Path, first: int, override: int | None = None) -> Path:
    calls = [para(run("The river trade grew"), _sup(str(first)), run(" and water rights followed"),
                  _sup(str(first + 1)), run(". Harbours had keepers"), _sup(str(first + 2)), run("."))]
    item = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    notes = [f"<w:p>{item}{run(t)}</w:p>" for t in NOTES]
    write_docx(path, [*calls, para(run("Notes"), style="Heading1"), *notes])
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/numbering.xml", _numbering(override))
    return path


def test_an_automatically_numbered_list_of_notes(tmp_path: Path) -> None:
    got = [(r.footnote, r.raw) for r in extract_document(_document(tmp_path / "typed.docx", 1)).footnotes]
    assert [n for n, _ in got] == [1, 2, 3]
    for (_, raw), who in zip(got, ("John Smith", "Mary Brown", "Ann Jones"), strict=True):
        assert raw.startswith(who)


def test_a_list_that_starts_at_another_number(tmp_path: Path) -> None:
    # A chapter file whose notes go on from the chapter before: the list is set to start at 12.
    got = [r.footnote for r in extract_document(_document(tmp_path / "chapter.docx", 12, override=12)).footnotes]
    assert got == [12, 13, 14]

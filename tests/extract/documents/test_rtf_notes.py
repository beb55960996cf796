"""RTF files written here as Word saves them: font, colour and style tables, notes in place as
``{\\footnote …}`` groups after a ``\\chftn`` mark, an endnote (``\\ftnalt``), a hyperlink field, text
in the document's code page (``\\'hh``) and as ``\\uN`` with its fallback, a reference list."""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import detect, extract_document

HEAD = (r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\froman\fcharset204 Times New Roman;}}"
        r"{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}{\s15 footnote text;}}"
        r"{\info{\title A paper}}\pard\plain ")


def _note(text: str, endnote: bool = False) -> str:
    alt = r"\ftnalt" if endnote else ""
    return r"{\super\chftn}{\footnote" + alt + r"\pard\plain\s15 {\super\chftn} " + text + "}"


def test_notes_endnotes_fields_and_code_pages(tmp_path: Path) -> None:
    cyrillic = r"\'c8\'e2\'e0\'ed\'ee\'e2 \'c8. \'c8. \'c8\'f1\'f2\'ee\'f0\'e8\'ff. \'cc.: \'cd\'e0\'f3\'ea\'e0, 2010. \'d1. 45."
    field = (r"{\field{\*\fldinst {HYPERLINK \"https://example.org/x\"}}{\fldrslt {https://example.org/x}}}")
    body = (HEAD + r"Rivers mattered." + _note(r"John Smith, {\i The River Trade} (London: Harbour Press, 1998), 45.")
            + r" Salt too." + _note(r"Ibid., 47. Online: " + field + ".")
            + r" \u1058?\u1072?\u1082? " + _note(cyrillic)
            + r" End." + _note(r"Mary Brown, \ldblquote Water Rights,\rdblquote  Journal of Law and Rivers 12, no. 3 (2010): 45\endash 67.", endnote=True)
            + r"\par\par References\par Abel, T. (2001). Grain and governance in river towns. Economic History Quarterly, 8(2), 115-140."
            + r"\par Carlsson, E. (1995). Timber markets of the north. Stockholm: Nordic Academic Press.\par}")
    path = tmp_path / "paper.rtf"
    path.write_bytes(body.encode("ascii"))
    assert detect(path) == "rtf"
    result = extract_document(path)
    notes = [(r.footnote, r.raw) for r in result.footnotes]
    assert notes[0] == (1, "John Smith, The River Trade (London: Harbour Press, 1998), 45.")
    assert notes[1][0] == 2 and notes[1][1].startswith("Ibid., 47.") and "example.org/x" in notes[1][1]
    assert notes[2] == (3, "Иванов И. И. История. М.: Наука, 2010. С. 45.")
    assert notes[3][0] == 1 and notes[3][1].startswith("Mary Brown, “Water Rights,”")  # the endnote, on its own
    assert result.footnotes[1].repeats == result.footnotes[0].id
    assert [r.raw[:5] for r in result.references] == ["Abel,", "Carls"]


def test_a_file_named_rtf_that_is_not(tmp_path: Path) -> None:
    path = tmp_path / "paper.rtf"
    path.write_text("Plain text with a note.1\n\n1 John Smith, The River Trade (London: Harbour Press, 1998), 45.\n",
                    encoding="utf-8")
    assert detect(path) is None  # read as the text it is


def test_libreoffice_writes_every_note_as_a_starred_destination(tmp_path: Path) -> None:
    body = (HEAD + r"Rivers mattered.{\super\chftn{\*\footnote\pard\plain\chftn John Smith, The River Trade "
            r"(London: Harbour Press, 1998), 45.}} Salt.{\super\chftn{\*\footnote\ftnalt\pard\plain\chftn Ibid., 47.}}"
            r"{\*\ftnsep\chftnsep}\par}")
    path = tmp_path / "lo.rtf"
    path.write_bytes(body.encode("ascii"))
    notes = [(r.footnote, r.raw) for r in extract_document(path).footnotes]
    assert notes[0] == (1, "John Smith, The River Trade (London: Harbour Press, 1998), 45.")

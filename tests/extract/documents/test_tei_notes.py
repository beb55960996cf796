"""TEI XML notes as the Deutsches Textarchiv, Perseus and TextGrid encode them (files written here).

Each ``<note>`` is a note where it is called, numbered by its ``n`` (``1``, ``1)``) or on from the
one before; a margin note is no note; a note inside a note is part of it; ``<lb break="no"/>`` cuts
a word; ``<listBibl>`` is the reference list.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import detect, extract_document
from citekeeper.formats import read_file

NS = 'xmlns="http://www.tei-c.org/ns/1.0"'
SMITH = "John Smith, <hi rend=\"italic\">The River Trade</hi> (London: Harbour Press, 1998), 45."


def _write(tmp_path: Path, body: str, back: str = "", name: str = "edition.xml") -> Path:
    path = tmp_path / name
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI {NS}><teiHeader><fileDesc><titleStmt>'
                    f"<title>T</title></titleStmt></fileDesc></teiHeader><text><body>{body}</body>"
                    f"<back>{back}</back></text></TEI>", encoding="utf-8")
    return path


def test_notes_numbered_as_printed_margin_notes_left_out(tmp_path: Path) -> None:
    body = (f'<div><head>Cap. I.</head><p>Der Zweifel<note place="foot" n="1)">{SMITH}</note> ist'
            '<note place="right">Marginalie</note> ge<lb break="no"/>schwunden.<note place="foot" n="2)">Ebd., '
            'S. 47.<note n="a">Inner remark.</note></note> Und<note place="end">Mary Brown, Water Rights '
            "(Oxford: Clarendon, 2010), 50.</note></p><pb n=\"2\"/><fw type=\"header\">Kopf</fw></div>")
    path = _write(tmp_path, body)
    assert detect(path) == "tei"
    refs = read_file(path).extraction.footnotes
    assert [(r.footnote, r.raw[:20]) for r in refs] == [
        (1, "John Smith, The Rive"), (2, "Ebd., S. 47."), (3, "Mary Brown, Water Ri")]
    assert refs[1].repeats == refs[0].id
    assert refs[0].origin is not None and refs[0].origin.element == "note[@n='1)']" and refs[0].origin.line_start == 2


def test_list_bibl_is_the_reference_list(tmp_path: Path) -> None:
    back = ('<div type="bibliography"><listBibl><bibl>Smith, J. (1998). The river trade. Harbour Press.</bibl>'
            "<bibl>Brown, M. (2010). Water rights. Journal of Law and Rivers, 12(3), 45–67.</bibl></listBibl></div>")
    found = extract_document(_write(tmp_path, "<p>Text.</p>", back))
    assert [r.raw[:8] for r in found.references] == ["Smith, J", "Brown, M"]


def test_a_tei_file_without_xml_declaration_or_suffix(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(f'<TEI {NS}><text><body><p>A.<note>{SMITH}</note></p></body></text></TEI>', encoding="utf-8")
    assert detect(path) == "tei"
    assert [r.footnote for r in extract_document(path).footnotes] == [1]

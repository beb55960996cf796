"""TEI notes as critical editions and converters encode them (files written here).

A ``<choice>`` offers readings of one place — the page's abbreviation and its expansion, a misprint
and its correction, the old spelling and the regularised one — and an ``<app>`` a lemma and variant
readings: one of each is read, never all run together.  A note of several paragraphs (OxGarage's TEI
from Word) keeps a space between them; a note typed as marginal (``type="marginal"``) is no note.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import extract_document

NS = 'xmlns="http://www.tei-c.org/ns/1.0"'


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "edition.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI {NS}><teiHeader><fileDesc><titleStmt>'
                    f"<title>T</title></titleStmt></fileDesc></teiHeader><text><body>{body}</body></text></TEI>",
                    encoding="utf-8")
    return path


def test_one_reading_of_each_choice_and_the_lemma_of_an_apparatus(tmp_path: Path) -> None:
    body = ('<p>Text<note place="foot" n="1">Vgl. <choice><abbr>Schm.</abbr><expan>Schmidt</expan></choice>, '
            'Geschichte der <choice><sic>Stadtt</sic><corr>Stadt</corr></choice> Berlin, Berlin 1890, '
            '<choice><orig>Seyte</orig><reg>Seite</reg></choice> 45.</note> und<note place="foot" n="2">'
            '<app><lem>Meier</lem><rdg wit="#B">Mayer</rdg></app>, Handbuch des Rechts, Leipzig 1901, S. 12.</note>.</p>')
    refs = extract_document(_write(tmp_path, body)).footnotes
    assert [(r.footnote, r.raw) for r in refs] == [
        (1, "Schm., Geschichte der Stadt Berlin, Berlin 1890, Seyte 45."),
        (2, "Meier, Handbuch des Rechts, Leipzig 1901, S. 12.")]


def test_a_note_of_paragraphs_keeps_them_apart_and_a_marginal_note_is_none(tmp_path: Path) -> None:
    body = ('<p>Text<note place="foot" xml:id="ftn1" n="1"><p rend="footnote text">John Smith, The River Trade '
            '(London: Harbour Press, 1998), 45.</p><p rend="footnote text">Mary Brown, Water Rights (Oxford: '
            'Clarendon, 2010), 50.</p></note> and<note type="marginal">Randnotiz</note>.</p>')
    refs = extract_document(_write(tmp_path, body)).footnotes
    assert [(r.footnote, r.raw) for r in refs] == [
        (1, "John Smith, The River Trade (London: Harbour Press, 1998), 45."),
        (1, "Mary Brown, Water Rights (Oxford: Clarendon, 2010), 50.")]


def test_a_note_numbered_by_the_ref_that_calls_it(tmp_path: Path) -> None:
    # Tolstoy Digital's edition prints each call as <ref target="#note82">82</ref> before a note with no n.
    body = ('<p>Text<ref target="#note82">82</ref><note xml:id="note82">Schassler: «Kritische Geschichte der '
            'Aesthetik», 1872, I, p. XIII.</note> und<ref target="#note83">83</ref><note xml:id="note83">Ibid., '
            "p. 15.</note> und<note>Véron: «L’esthétique», Paris 1878, p. V.</note>.</p>")
    refs = extract_document(_write(tmp_path, body)).footnotes
    assert [(r.footnote, r.raw[:10]) for r in refs] == [(82, "Schassler:"), (83, "Ibid., p. "), (84, "Véron: «L’")]
    assert refs[1].repeats == refs[0].id

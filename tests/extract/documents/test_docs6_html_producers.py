"""Notes in HTML as more producers write them (pages written here in each producer's own markup).

LaTeXML (arXiv's HTML papers, ar5iv) sets each note where it is called — ``<span class="ltx_note
ltx_role_footnote">``, the raised mark again inside, the number in ``ltx_tag_note`` — and its reference
list in ``<section class="ltx_bibliography">``; Python-Markdown (MkDocs), Asciidoctor, Org mode, tex4ht
and markdown-it (Eleventy, VitePress) put the notes in a section of their own, linked both ways.  Each
page calls three notes; each must give notes 1, 2, 3 with their text and nothing of the marks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.formats import read_file

S = "John Smith, <em>The River Trade</em> (London: Harbour Press, 1998), 45."
B = "Mary Brown, “Water Rights,” <i>Journal of Law and Rivers</i> 12, no. 3 (2010): 45–67."
W = "Karl Weber, <em>Salz und Holz</em> (Berlin: Springer, 2007), 12."
NOTES = (S, B, W)


def _latexml_note(n: int, text: str, role: str = "footnote") -> str:
    return (f'<span id="footnote{n}" class="ltx_note ltx_role_{role}"><sup class="ltx_note_mark">{n}</sup>'
            f'<span class="ltx_note_outer"><span class="ltx_note_content"><sup class="ltx_note_mark">{n}</sup>'
            f'<span class="ltx_tag ltx_tag_note">{n}</span>{text}</span></span></span>')


def _calls(call) -> str:  # type: ignore[no-untyped-def]
    return "<p>One" + " two".join(call(n) for n in (1, 2, 3)) + ".</p>"


P = {
    "latexml": "<html><body><article class=\"ltx_document\"><div class=\"ltx_para\"><p class=\"ltx_p\">One"
               + "".join(f"{_latexml_note(n, t)} and" for n, t in enumerate(NOTES, 1)) + " more.</p></div></article></body></html>",
    "python-markdown": "<html><body>" + _calls(lambda n: f'<sup id="fnref:{n}"><a class="footnote-ref" href="#fn:{n}">{n}</a></sup>')
                       + '<div class="footnote"><hr /><ol>' + "".join(
                           f'<li id="fn:{n}"><p>{t}&#160;<a class="footnote-backref" href="#fnref:{n}" title="Jump back">&#8617;</a>'
                           "</p></li>" for n, t in enumerate(NOTES, 1)) + "</ol></div></body></html>",
    "asciidoctor": "<!DOCTYPE html><html><body><div id=\"content\">" + _calls(
        lambda n: f'<sup class="footnote">[<a id="_footnoteref_{n}" class="footnote" href="#_footnotedef_{n}" '
                  f'title="View footnote.">{n}</a>]</sup>') + '</div><div id="footnotes"><hr>' + "".join(
        f'<div class="footnote" id="_footnotedef_{n}"><a href="#_footnoteref_{n}">{n}</a>. {t}</div>'
        for n, t in enumerate(NOTES, 1)) + "</div></body></html>",
    "org-mode": "<!DOCTYPE html><html><body><div id=\"content\">" + _calls(
        lambda n: f'<sup><a id="fnr.{n}" class="footref" href="#fn.{n}" role="doc-backlink">{n}</a></sup>')
                + '<div id="footnotes"><h2 class="footnotes">Footnotes: </h2><div id="text-footnotes">' + "".join(
        f'<div class="footdef"><sup><a id="fn.{n}" class="footnum" href="#fnr.{n}" role="doc-backlink">{n}</a></sup> '
        f'<div class="footpara" role="doc-footnote"><p class="footpara">{t}</p></div></div>'
        for n, t in enumerate(NOTES, 1)) + "</div></div></div></body></html>",
    "tex4ht": "<!DOCTYPE html><html><body>" + _calls(
        lambda n: f'<span class="footnote-mark"><a href="#fn{n}x0" id="fn{n}x0-bk"><sup class="textsuperscript">{n}'
                  f'</sup></a></span><a id="x1-{n + 1}f{n}"></a>') + '<div class="footnotes">' + "".join(
        f'<a id="x1-{n + 1}x{n}"></a><p class="indent"><span class="footnote-mark"><a href="#fn{n}x0-bk" id="fn{n}x0">'
        f'<sup class="textsuperscript">{n}</sup></a></span><span class="ecrm-0800">{t}</span></p>'
        for n, t in enumerate(NOTES, 1)) + "</div></body></html>",
    "markdown-it": _calls(lambda n: f'<sup class="footnote-ref"><a href="#fn{n}" id="fnref{n}">[{n}]</a></sup>')
                   + '<hr class="footnotes-sep"><section class="footnotes"><ol class="footnotes-list">' + "".join(
        f'<li id="fn{n}" class="footnote-item"><p>{t} <a href="#fnref{n}" class="footnote-backref">↩︎</a></p></li>'
        for n, t in enumerate(NOTES, 1)) + "</ol></section>",
}


@pytest.mark.parametrize("producer", sorted(P))
def test_notes_of_each_producer(producer: str, tmp_path: Path) -> None:
    path = tmp_path / f"{producer}.html"
    path.write_text(P[producer], encoding="utf-8")
    notes = [(r.footnote, r.raw) for r in read_file(path).extraction.footnotes]
    assert notes == [(1, "John Smith, The River Trade (London: Harbour Press, 1998), 45."),
                     (2, "Mary Brown, “Water Rights,” Journal of Law and Rivers 12, no. 3 (2010): 45–67."),
                     (3, "Karl Weber, Salz und Holz (Berlin: Springer, 2007), 12.")]


def test_latexml_chapters_number_their_notes_again_and_the_bibliography_is_the_list(tmp_path: Path) -> None:
    chapter = "<section class=\"ltx_chapter\"><h2 class=\"ltx_title\">Chapter</h2><p class=\"ltx_p\">One{}{}.</p></section>"
    bib = ('<section id="bib" class="ltx_bibliography"><h2 class="ltx_title ltx_title_bibliography">References</h2>'
           '<ul class="ltx_biblist"><li id="bib.bib1" class="ltx_bibitem"><span class="ltx_tag ltx_role_refnum '
           'ltx_tag_bibitem">[1]</span><span class="ltx_bibblock">A. Author and B. Author. </span><span class="ltx_bibblock">'
           'A study of rivers. </span><span class="ltx_bibblock"><span class="ltx_text ltx_font_italic">Journal of Rivers'
           "</span>, 12(3):45–67, 2010.</span></li></ul></section>")
    page = ("<html><body><article class=\"ltx_document\">" + chapter.format(_latexml_note(1, S), _latexml_note(2, "Ibid., 47."))
            + chapter.format(_latexml_note(1, W), _latexml_note(2, B)) + bib + "</article></body></html>")
    path = tmp_path / "arxiv.html"
    path.write_text(page, encoding="utf-8")
    ex = read_file(path).extraction
    assert [(r.footnote, r.raw[:10]) for r in ex.footnotes] == [
        (1, "John Smith"), (2, "Ibid., 47."), (1, "Karl Weber"), (2, "Mary Brown")]
    assert ex.footnotes[1].repeats == ex.footnotes[0].id
    assert [r.raw for r in ex.references] == ["A. Author and B. Author. A study of rivers. Journal of Rivers, 12(3):45–67, 2010."]


def test_a_call_labelled_with_chapter_and_letter_is_no_number(tmp_path: Path) -> None:
    # Standard Ebooks' Gibbon calls its endnotes "1-1a", "1-2c" (chapter 1, notes 1a, 2c): not notes 11 and 12.
    calls = "".join(f'claim<a href="#note-1-{n}" id="noteref-1-{n}" epub:type="noteref">1-{n}</a> ' for n in ("1a", "2c", "3"))
    items = "".join(f'<li id="note-1-{n}" epub:type="endnote"><p>{t} <a href="#noteref-1-{n}" epub:type="backlink">↩</a></p></li>'
                    for n, t in zip(("1a", "2c", "3"), NOTES, strict=True))
    path = tmp_path / "chapter.xhtml"
    path.write_text(f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><p>{calls}</p>'
                    f'<section epub:type="endnotes"><ol>{items}</ol></section></body></html>', encoding="utf-8")
    assert [(r.footnote, r.raw[:10]) for r in read_file(path).extraction.footnotes] == [
        (1, "John Smith"), (2, "Mary Brown"), (3, "Karl Weber")]

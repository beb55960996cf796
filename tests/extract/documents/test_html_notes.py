"""HTML notes in the shapes exporters write them, each page written here as the exporter does.

Word's "Save as Web Page" (``<a href="#_ftn1" name="_ftnref1">`` to ``<a name="_ftn1">``), Google
Docs (``#ftnt1``), an EPUB's ``<div class="footnotes">`` of paragraphs numbered from 154
(``data/dev/notes_dev6_6``), a ``<div class="footnote">`` per note, paragraphs under a "Notes"
heading — and a journal page whose raised numbers link to its reference list, which are no notes.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import extract_document

SMITH = "John Smith, <i>The River Trade</i> (London: Harbour Press, 1998), 45."
BROWN = "Mary Brown, “Water Rights,” <i>Journal of Law and Rivers</i> 12, no. 3 (2010): 45–67."


def _notes(tmp_path: Path, html: str, name: str = "page.html") -> list[tuple[int, str]]:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return [(r.footnote, r.raw) for r in extract_document(path).footnotes]


def test_word_web_page_notes(tmp_path: Path) -> None:
    page = f"""<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang=EN-US>
<div class=WordSection1><p class=MsoNormal>The trade grew.<a style='mso-footnote-id:ftn1' href="#_ftn1"
name="_ftnref1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if
!supportFootnotes]>[1]<![endif]></span></span></a> It fell.<a style='mso-footnote-id:ftn2' href="#_ftn2"
name="_ftnref2" title=""><span class=MsoFootnoteReference>[2]</span></a></p></div>
<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all><hr align=left size=1 width="33%">
<![endif]><div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a style='mso-footnote-id:ftn1'
href="#_ftnref1" name="_ftn1" title=""><span class=MsoFootnoteReference>[1]</span></a> {SMITH}</p></div>
<div style='mso-element:footnote' id=ftn2><p class=MsoFootnoteText><a style='mso-footnote-id:ftn2'
href="#_ftnref2" name="_ftn2" title=""><span class=MsoFootnoteReference>[2]</span></a> Ibid., 47.</p></div>
</div></body></html>"""
    notes = _notes(tmp_path, page)
    assert [n for n, _ in notes] == [1, 2]
    assert notes[0][1].startswith("John Smith, The River Trade") and notes[1][1] == "Ibid., 47."


def test_google_docs_notes(tmp_path: Path) -> None:
    page = f"""<html><body><p><span>Claim</span><sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup>
<span> and another</span><sup><a href="#ftnt2" id="ftnt_ref2">[2]</a></sup></p><hr>
<div><p><a href="#ftnt_ref1" id="ftnt1">[1]</a><span>&nbsp;{SMITH}</span></p></div>
<div><p><a href="#ftnt_ref2" id="ftnt2">[2]</a><span>&nbsp;{BROWN}</span></p></div></body></html>"""
    notes = _notes(tmp_path, page)
    assert [n for n, _ in notes] == [1, 2] and notes[1][1].startswith("Mary Brown")


def test_a_footnotes_division_of_numbered_paragraphs(tmp_path: Path) -> None:
    page = f"""<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body>
<p>Starr argued so.<a href="#note154"><sup id="note_ref154">154</sup></a> Pool too.<a href="#note155"><sup
id="note_ref155">155</sup></a></p>
<div class="footnotes"><h4>Notes:</h4>
<p><a href="#note_ref154"><sup id="note154">154.</sup></a> {SMITH}</p>
<p><a href="#note_ref155"><sup id="note155">155.</sup></a> <i>Bridgeport Music, Inc. v. Dimension Films</i>,
2004 U.S. App. LEXIS 26877.</p></div></body></html>"""
    notes = _notes(tmp_path, page, "ch11.xhtml")
    assert [n for n, _ in notes] == [154, 155]
    assert notes[0][1].startswith("John Smith") and notes[1][1].startswith("Bridgeport Music")


def test_a_note_that_opens_with_a_reporter_keeps_its_volume(tmp_path: Path) -> None:
    page = """<html><body><p>Held.<sup><a href="#fn1">1</a></sup> Again.<sup><a href="#fn2">2</a></sup></p>
<ol class="footnotes"><li id="fn1">216 F.3d 871 (9th Cir. 2000).</li><li id="fn2">Id. at 875.</li></ol></body></html>"""
    notes = _notes(tmp_path, page)
    assert notes[0] == (1, "216 F.3d 871 (9th Cir. 2000).")


def test_one_division_per_note_linked_from_the_text(tmp_path: Path) -> None:
    page = f"""<html><body><p>Text<sup><a href="#footnote-1">1</a></sup> and<sup><a href="#footnote-2">2</a></sup>.</p>
<div class="footnote" id="footnote-1"><p>1. {SMITH}</p></div>
<div class="footnote" id="footnote-2"><p>2. Ibid., 47.</p></div></body></html>"""
    notes = _notes(tmp_path, page)
    assert [n for n, _ in notes] == [1, 2] and notes[1][1] == "Ibid., 47."


def test_numbered_paragraphs_under_a_notes_heading(tmp_path: Path) -> None:
    page = """<html><body><h1>Essay</h1><p>Text<sup>1</sup> and<sup>2</sup>.</p>
<h2>Anmerkungen</h2><p>1. Meier, Klaus: Die Stadt. Berlin 2010, S. 45.</p><p>2. Ebd., S. 47.</p>
<h2>About the author</h2><p>3 books and 20 articles.</p></body></html>"""
    notes = _notes(tmp_path, page)
    assert [n for n, _ in notes] == [1, 2] and notes[1][1] == "Ebd., S. 47."


def test_raised_numbers_linking_to_the_reference_list_are_no_notes(tmp_path: Path) -> None:
    page = """<html><body><p>Known before.<sup><a href="#ref-CR1">1</a></sup> Shown again.<sup><a
href="#ref-CR2">2</a></sup></p><h2>References</h2><ol class="c-article-references">
<li id="ref-CR1">Abel, T. (2001). Grain and governance in river towns. Economic History Quarterly, 8(2), 115-140.</li>
<li id="ref-CR2">Carlsson, E. (1995). Timber markets of the north. Stockholm: Nordic Academic Press.</li></ol>
</body></html>"""
    path = tmp_path / "journal.html"
    path.write_text(page, encoding="utf-8")
    result = extract_document(path)
    assert result.footnotes == [] and len(result.references) == 2


def test_raised_numbers_linking_to_a_list_under_a_references_heading_are_no_notes(tmp_path: Path) -> None:
    page = """<html><body><p>Known before.<sup><a href="#r1">1</a></sup> Shown again.<sup><a href="#r2">2</a></sup></p>
<h2>References</h2><ol><li id="r1">Abel, T. (2001). Grain and governance in river towns. Economic History
Quarterly, 8(2), 115-140.</li><li id="r2">Carlsson, E. (1995). Timber markets of the north. Stockholm:
Nordic Academic Press.</li></ol></body></html>"""
    path = tmp_path / "journal2.html"
    path.write_text(page, encoding="utf-8")
    result = extract_document(path)
    assert result.footnotes == [] and len(result.references) == 2


def test_notes_take_the_numbers_their_calls_and_lists_print(tmp_path: Path) -> None:
    calls = f"""<html><body><p>One.<sup><a href="#fn1" id="r1">12</a></sup> Two.<sup><a href="#fn2">13</a></sup></p>
<section class="footnotes"><ol><li id="fn1">{SMITH}</li><li id="fn2">Ibid., 47.</li></ol></section></body></html>"""
    assert [n for n, _ in _notes(tmp_path, calls)] == [12, 13]
    listed = f"""<html><body><p>One and two.</p><h2>Notes</h2><ol start="40"><li>{SMITH}</li><li>{BROWN}</li></ol>
</body></html>"""
    assert [n for n, _ in _notes(tmp_path, listed, "listed.html")] == [40, 41]


def test_word_endnotes_and_an_epub_endnotes_section(tmp_path: Path) -> None:
    word = f"""<html><body><p>Claim.<a style='mso-endnote-id:edn1' href="#_edn1" name="_ednref1"><span
class=MsoEndnoteReference>[i]</span></a></p><div style='mso-element:endnote-list'><div style='mso-element:endnote'
id=edn1><p class=MsoEndnoteText><a style='mso-endnote-id:edn1' href="#_ednref1" name="_edn1">[i]</a> {SMITH}</p>
</div></div></body></html>"""
    assert [raw[:10] for _, raw in _notes(tmp_path, word)] == ["John Smith"]
    epub = f"""<html xmlns:epub="http://www.idpf.org/2007/ops"><body><p>Claim.</p>
<section epub:type="endnotes"><ol><li id="en1">{SMITH}</li><li id="en2">Ibid., 47.</li></ol></section></body></html>"""
    assert [n for n, _ in _notes(tmp_path, epub, "book.xhtml")] == [1, 2]


def test_paragraphs_classed_as_notes(tmp_path: Path) -> None:
    page = f"""<html><body><p>Text.<sup>1</sup> More.<sup>2</sup></p><hr>
<p class="footnote-text">1. {SMITH}</p><p class="footnote-text">2. Ibid., 47.</p>
<p class="has-footnote">A paragraph of the text that has a note.</p></body></html>"""
    notes = _notes(tmp_path, page)
    assert [n for n, _ in notes] == [1, 2] and notes[1][1] == "Ibid., 47."


_PANDOC_BODY = ("<p>Die Daten sind offen.<a href=\"#fn1\" class=\"footnote-ref\" id=\"fnref1\" role=\"doc-noteref\">"
                "<sup>1</sup></a></p>\n<section class=\"footnotes\" role=\"doc-endnotes\"><hr /><ol>"
                "<li id=\"fn1\"><p>Müller, Jürgen: Straßen und Brücken. Köln 2019, S. 45.<a href=\"#fnref1\" "
                "class=\"footnote-back\" role=\"doc-backlink\">↩︎</a></p></li></ol></section>\n")


def test_a_page_naming_no_charset_is_read_as_utf8_when_it_is(tmp_path: Path) -> None:
    # pandoc's HTML body saved without a <head> (no <meta charset>): libxml2 alone reads it as Latin-1.
    notes = _notes(tmp_path, _PANDOC_BODY)
    assert notes == [(1, "Müller, Jürgen: Straßen und Brücken. Köln 2019, S. 45.")]


def test_a_latin1_page_naming_no_charset_keeps_its_letters(tmp_path: Path) -> None:
    path = tmp_path / "latin1.html"
    path.write_bytes(_PANDOC_BODY.replace("↩︎", "").encode("latin-1"))
    assert [r.raw for r in extract_document(path).footnotes] == ["Müller, Jürgen: Straßen und Brücken. Köln 2019, S. 45."]


def test_a_declared_charset_wins(tmp_path: Path) -> None:
    path = tmp_path / "declared.html"
    page = "<html><head><meta charset=\"windows-1252\"></head><body>" + _PANDOC_BODY.replace("↩︎", "") + "</body></html>"
    path.write_bytes(page.encode("cp1252"))
    assert [r.raw for r in extract_document(path).footnotes] == ["Müller, Jürgen: Straßen und Brücken. Köln 2019, S. 45."]


def test_endnotes_under_notes_and_references_are_notes(tmp_path: Path) -> None:
    items = [SMITH, f"See {BROWN}", "Ibid., 47.", "Smith, <i>River Trade</i>, 50."]
    calls = "".join(f"Claim {i}.<sup><a href='#n{i}'>{i}</a></sup> " for i in range(1, 5))
    for heading in ("Notes and References", "Sources", "References and Notes"):
        page = (f"<html><body><p>{calls}</p><h2>{heading}</h2><ol>"
                + "".join(f"<li id='n{i}'>{t}</li>" for i, t in enumerate(items, 1)) + "</ol></body></html>")
        found = extract_document(_write(tmp_path, page))
        assert [r.footnote for r in found.footnotes][:4] == [1, 2, 3, 4], heading
        assert found.references == []


def test_a_reference_list_under_notes_and_references_stays_a_list(tmp_path: Path) -> None:
    entries = ["Smith, J. (1998). The river trade. Harbour Press.",
               "Brown, M. (2010). Water rights. Journal of Law and Rivers, 12(3), 45–67.",
               "Green, P. (2004). Salt and silt. Delta Books."]
    page = ("<html><body><p>As shown [<a href='#r1'>1</a>], [<a href='#r2'>2</a>] and [<a href='#r3'>3</a>].</p>"
            "<h2>Notes and References</h2><ol>" + "".join(f"<li id='r{i}'>{t}</li>" for i, t in enumerate(entries, 1))
            + "</ol></body></html>")
    found = extract_document(_write(tmp_path, page))
    assert len(found.references) == 3 and found.footnotes == []


def _write(tmp_path: Path, page: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    return path


def _chapters(linked: bool, wrap: str) -> str:
    chapters = [[SMITH, BROWN], [BROWN, "Ibid., 47.", SMITH]]
    out = []
    for c, items in enumerate(chapters, 1):
        calls = "".join(f"Claim.<sup><a href='#c{c}n{i}'>{i}</a></sup> " if linked else f"Claim.<sup>{i}</sup> "
                        for i in range(1, len(items) + 1))
        notes = "<ol>" + "".join(f"<li id='c{c}n{i}'>{t}</li>" for i, t in enumerate(items, 1)) + "</ol>"
        out.append(f"<h1>Chapter {c}</h1><p>{calls}</p>" + (f"<h2>Notes</h2>{notes}" if wrap == "heading"
                                                             else f"<section class='footnotes'>{notes}</section>"))
    return "<html><body>" + "".join(out) + "</body></html>"


def test_every_chapters_notes_numbered_from_one_again(tmp_path: Path) -> None:
    # A book page (or an EPUB's chapters laid end to end) whose chapters each end with their notes.
    for linked in (True, False):
        for wrap in ("heading", "section"):
            refs = extract_document(_write(tmp_path, _chapters(linked, wrap))).footnotes
            assert [(r.footnote, r.raw[:10]) for r in refs] == [
                (1, "John Smith"), (2, "Mary Brown"), (1, "Mary Brown"), (2, "Ibid., 47."), (3, "John Smith")], (linked, wrap)
            assert refs[3].repeats in (refs[2].id, refs[2].repeats)  # Ibid.: the chapter's own note 1 (Brown)


def test_notes_in_lists_numbered_on_keep_their_numbers(tmp_path: Path) -> None:
    # One notes section cut into lists (per page), numbered on with <ol start>: no restart.
    page = ("<html><body><p>A.<sup>1</sup> B.<sup>2</sup> C.<sup>3</sup></p><section class='footnotes'>"
            f"<ol><li>{SMITH}</li><li>{BROWN}</li></ol><ol start='3'><li>Ibid., 47.</li></ol></section></body></html>")
    assert [r.footnote for r in extract_document(_write(tmp_path, page)).footnotes] == [1, 2, 3]


def test_project_gutenberg_calls_not_raised_link_to_named_notes(tmp_path: Path) -> None:
    # PG's HTML: "[1]" links to "#Footnote_1_1" (raised only by the stylesheet); the note a bare <p>.
    def call(i: int) -> str:
        return f'<a name="FNanchor_{i}_{i}" id="FNanchor_{i}_{i}"></a><a href="#Footnote_{i}_{i}" class="fnanchor">[{i}]</a>'

    def note(i: int, text: str) -> str:
        return (f'<p><a name="Footnote_{i}_{i}" id="Footnote_{i}_{i}"></a><a href="#FNanchor_{i}_{i}">'
                f'<span class="label">[{i}]</span></a> {text}</p>')

    page = (f"<html><body><p>Claim.{call(1)} More.{call(2)}</p>{note(1, SMITH)}{note(2, BROWN)}"
            f"<p>Next.{call(3)}</p>{note(3, 'Ibid., 47.')}</body></html>")
    notes = _notes(tmp_path, page)
    assert [n for n, _ in notes] == [1, 2, 3] and notes[2][1] == "Ibid., 47."


def test_a_bracketed_link_to_a_section_is_no_call(tmp_path: Path) -> None:
    page = (f"<html><body><p>See [<a href='#sec2'>2</a>] and <a href='#ref-3'>[3]</a>.</p><h2 id='sec2'>Two</h2>"
            f"<p>{SMITH}</p><h2>References</h2><ol><li id='ref-3'>Smith, J. (1998). The river trade. Harbour Press.</li></ol>"
            "</body></html>")
    assert _notes(tmp_path, page) == []


def test_notes_typed_as_paragraphs_without_links(tmp_path: Path) -> None:
    # A page written by hand: <sup>1</sup> calls, the notes as numbered paragraphs after a rule.
    page = (f"<html><body><p>The doubt was silenced.<sup>1</sup> A table.<sup>2</sup></p><hr/>"
            f"<p>1. {SMITH}</p><p>2. Ibid., 47.</p></body></html>")
    refs = extract_document(_write(tmp_path, page)).footnotes
    assert [(r.footnote, r.raw[:10]) for r in refs] == [(1, "John Smith"), (2, "Ibid., 47.")]
    assert refs[0].origin is not None and refs[0].origin.element is not None and refs[0].origin.element.endswith("p[2]")


def test_bracketed_notes_called_in_the_text_of_a_page(tmp_path: Path) -> None:
    page = (f"<html><body><p>Vegetius says so [16], and more [17].</p><hr/><p>[16] {SMITH}</p>"
            "<p>[17] Ibid., 47.</p></body></html>")
    assert [r.footnote for r in extract_document(_write(tmp_path, page)).footnotes] == [16, 17]


def test_a_numbered_list_on_a_page_is_no_notes(tmp_path: Path) -> None:
    import pytest

    from citekeeper.errors import NoCitationsError

    page = ("<html><body><p>We collected:</p><p>1. Smith collected 45 samples in 1998 and Brown (2010) "
            "counted them.</p><p>2. They agree.</p></body></html>")
    with pytest.raises(NoCitationsError):
        extract_document(_write(tmp_path, page))

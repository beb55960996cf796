"""Notes as each producer marks them up in HTML and EPUB, read with their printed numbers.

Every producer links a call to its note in its own way, and many open the note with its number as a
link back to the call: Google Docs (``#ftnt1``), Word's "Save as HTML" (``#_ftn1``, endnotes ``#_edn1``
shown ``[i]``), LibreOffice (``sdfootnote1sym``, the number glued to the text: ``1John Smith``),
MediaWiki (``cite_note``), kramdown/Jekyll, Hugo, pandoc, WordPress' footnotes block, Substack (the
number outside the note's paragraph), docutils (an ``<aside>``; before 0.18 a ``<table>``), Project
Gutenberg, markdown-it/Ghost; in EPUB InDesign (``_idFootnote`` divisions, ``<aside>`` asides holding a
``<p class="Footnote">``, endnotes in a file of their own), Calibre (notes in another part, MOBI
``filepos`` anchors), Standard Ebooks/Sigil, pandoc and Google Docs' EPUB.  Each page here is built as
that producer writes it (three notes called in the text); each must give notes 1, 2, 3 with their
text and without their number.  Before this file: Word endnotes, LibreOffice footnotes and endnotes,
Substack, docutils tables, both InDesign footnote forms, Modern Footnotes and Tufte sidenotes failed,
both notes tables and three DPUB-ARIA-only pages (14 of 43).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_epub_notes import _epub as _write_epub

from citekeeper.extract.documents import extract_document

S = "John Smith, <i>The River Trade</i> (London: Harbour Press, 1998), 45."
B = 'Mary Brown, “Water Rights,” <i>Journal of Law and Rivers</i> 12, no. 3 (2010): 45–67.'
J = "Ann Jones, <i>Harbours and Their Keepers</i> (Leeds: Quay Books, 2004), 12."
NOTES = [S, B, J]
BODY = "<p>The river trade grew{c1} and water rights followed{c2}. Harbours had keepers{c3}.</p>"
def page(body: str, notes: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title>{head}</head><body><h1>Chapter</h1>{body}{notes}</body></html>"
P: dict[str, str] = {}
# Google Docs
P["gdocs"] = page(BODY.format(**{f"c{i}": f'<sup><a href="#ftnt{i}" id="ftnt_ref{i}">[{i}]</a></sup>' for i in (1,2,3)}),
  "<hr style='width:33%'>" + "".join(f'<div><p class="c3"><a href="#ftnt_ref{i}" id="ftnt{i}">[{i}]</a><span class="c2">&nbsp;{n}</span></p></div>' for i, n in enumerate(NOTES, 1)))
# Word save as HTML (filtered)
P["word"] = page(BODY.format(**{f"c{i}": f'<a href="#_ftn{i}" name="_ftnref{i}" title=""><span class=MsoFootnoteReference><span class=MsoFootnoteReference><span style="font-size:12.0pt">[{i}]</span></span></span></a>' for i in (1,2,3)}),
  "<div><br clear=all><hr align=left size=1 width='33%'>" + "".join(f'<div id=ftn{i}><p class=MsoFootnoteText><a href="#_ftnref{i}" name="_ftn{i}" title=""><span class=MsoFootnoteReference><span class=MsoFootnoteReference><span style="font-size:10.0pt">[{i}]</span></span></span></a> {n}</p></div>' for i, n in enumerate(NOTES, 1)) + "</div>")
# Word endnotes HTML ([i])
P["word_endnotes"] = page(BODY.format(**{f"c{i}": f'<a href="#_edn{i}" name="_ednref{i}" title=""><span class=MsoEndnoteReference><span class=MsoEndnoteReference>[{r}]</span></span></a>' for i, r in zip((1,2,3), ("i","ii","iii"), strict=True)}),
  "<div><br clear=all><hr align=left size=1 width='33%'>" + "".join(f'<div id=edn{i}><p class=MsoEndnoteText><a href="#_ednref{i}" name="_edn{i}" title=""><span class=MsoEndnoteReference><span class=MsoEndnoteReference>[{r}]</span></span></a> {n}</p></div>' for i, r, n in zip((1,2,3), ("i","ii","iii"), NOTES, strict=True)) + "</div>")
# LibreOffice HTML
P["libreoffice"] = page(BODY.format(**{f"c{i}": f'<a class="sdfootnoteanc" name="sdfootnote{i}anc" href="#sdfootnote{i}sym"><sup>{i}</sup></a>' for i in (1,2,3)}),
  "".join(f'<div id="sdfootnote{i}"><p class="sdfootnote-western"><a class="sdfootnotesym" name="sdfootnote{i}sym" href="#sdfootnote{i}anc">{i}</a>{n}</p></div>' for i, n in enumerate(NOTES, 1)))
P["libreoffice_endnotes"] = page(BODY.format(**{f"c{i}": f'<a class="sdendnoteanc" name="sdendnote{i}anc" href="#sdendnote{i}sym"><sup>{r}</sup></a>' for i, r in zip((1,2,3), ("i","ii","iii"), strict=True)}),
  "".join(f'<div id="sdendnote{i}"><p class="sdendnote-western"><a class="sdendnotesym" name="sdendnote{i}sym" href="#sdendnote{i}anc">{r}</a>{n}</p></div>' for i, r, n in zip((1,2,3), ("i","ii","iii"), NOTES, strict=True)))
# MediaWiki
P["mediawiki"] = page(BODY.format(**{f"c{i}": f'<sup id="cite_ref-{i}" class="reference"><a href="#cite_note-{i}">&#91;{i}&#93;</a></sup>' for i in (1,2,3)}),
  '<h2><span class="mw-headline" id="References">References</span></h2><div class="reflist"><div class="mw-references-wrap"><ol class="references">' + "".join(f'<li id="cite_note-{i}"><span class="mw-cite-backlink"><b><a href="#cite_ref-{i}">^</a></b></span> <span class="reference-text">{n}</span></li>' for i, n in enumerate(NOTES, 1)) + "</ol></div></div>")
# MediaWiki with a Notes section headed "Notes"
P["mediawiki_notes"] = P["mediawiki"].replace('id="References">References', 'id="Notes">Notes')
# kramdown (Jekyll)
P["kramdown"] = page(BODY.format(**{f"c{i}": f'<sup id="fnref:{i}" role="doc-noteref"><a href="#fn:{i}" class="footnote" rel="footnote">{i}</a></sup>' for i in (1,2,3)}),
  '<div class="footnotes" role="doc-endnotes"><ol>' + "".join(f'<li id="fn:{i}" role="doc-endnote"><p>{n}&nbsp;<a href="#fnref:{i}" class="reversefootnote" role="doc-backlink">&#8617;</a></p></li>' for i, n in enumerate(NOTES, 1)) + "</ol></div>")
# kramdown named labels
P["kramdown_named"] = page(BODY.format(**{f"c{i}": f'<sup id="fnref:smith{i}" role="doc-noteref"><a href="#fn:smith{i}" class="footnote" rel="footnote">{i}</a></sup>' for i in (1,2,3)}),
  '<div class="footnotes" role="doc-endnotes"><ol>' + "".join(f'<li id="fn:smith{i}" role="doc-endnote"><p>{n}&nbsp;<a href="#fnref:smith{i}" class="reversefootnote" role="doc-backlink">&#8617;</a></p></li>' for i, n in enumerate(NOTES, 1)) + "</ol></div>")
# Hugo goldmark
P["hugo"] = page(BODY.format(**{f"c{i}": f'<sup id="fnref:{i}"><a href="#fn:{i}" class="footnote-ref" role="doc-noteref">{i}</a></sup>' for i in (1,2,3)}),
  '<div class="footnotes" role="doc-endnotes"><hr><ol>' + "".join(f'<li id="fn:{i}"><p>{n}&#160;<a href="#fnref:{i}" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li>' for i, n in enumerate(NOTES, 1)) + "</ol></div>")
# Hugo with named labels: fn:smith
P["hugo_named"] = P["hugo"].replace("fn:1", "fn:smith").replace("fnref:1", "fnref:smith").replace("fn:2","fn:brown").replace("fnref:2","fnref:brown").replace("fn:3","fn:jones").replace("fnref:3","fnref:jones")
# pandoc html5
P["pandoc"] = page(BODY.format(**{f"c{i}": f'<a href="#fn{i}" class="footnote-ref" id="fnref{i}" role="doc-noteref"><sup>{i}</sup></a>' for i in (1,2,3)}),
  '<section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr /><ol>' + "".join(f'<li id="fn{i}"><p>{n}<a href="#fnref{i}" class="footnote-back" role="doc-backlink">↩︎</a></p></li>' for i, n in enumerate(NOTES, 1)) + "</ol></section>")
# WordPress (Easy Footnotes / modern footnotes block)
P["wordpress_block"] = page(BODY.format(**{f"c{i}": f'<sup data-fn="abc{i}" class="fn"><a href="#abc{i}" id="abc{i}-link">{i}</a></sup>' for i in (1,2,3)}),
  '<ol class="wp-block-footnotes">' + "".join(f'<li id="abc{i}">{n} <a href="#abc{i}-link" aria-label="Jump to footnote reference {i}">↩︎</a></li>' for i, n in enumerate(NOTES, 1)) + "</ol>")
# Substack
P["substack"] = page(BODY.format(**{f"c{i}": f'<a class="footnote-anchor" data-component-name="FootnoteAnchorToDOM" id="footnote-anchor-{i}" href="#footnote-{i}" target="_self">{i}</a>' for i in (1,2,3)}),
  "".join(f'<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-{i}" href="#footnote-anchor-{i}" class="footnote-number" contenteditable="false" target="_self">{i}</a><div class="footnote-content"><p>{n}</p></div></div>' for i, n in enumerate(NOTES, 1)))
# Medium-like / plain: Notes heading with numbered paragraphs
P["notes_heading"] = page(BODY.format(c1="<sup>1</sup>", c2="<sup>2</sup>", c3="<sup>3</sup>"),
  "<h2>Notes</h2>" + "".join(f"<p>{i}. {n}</p>" for i, n in enumerate(NOTES, 1)))
# Sphinx / docutils footnotes
P["docutils"] = page(BODY.format(**{f"c{i}": f'<a class="footnote-reference brackets" href="#id{i+10}" id="id{i}">{i}</a>' for i in (1,2,3)}),
  '<aside class="footnote-list brackets">' + "".join(f'<aside class="footnote brackets" id="id{i+10}" role="doc-footnote"><span class="label"><span class="fn-bracket">[</span><a role="doc-backlink" href="#id{i}">{i}</a><span class="fn-bracket">]</span></span><p>{n}</p></aside>' for i, n in enumerate(NOTES, 1)) + "</aside>")
# older docutils table footnotes
P["docutils_table"] = page(BODY.format(**{f"c{i}": f'<a class="footnote-reference" href="#id{i+10}" id="id{i}">[{i}]</a>' for i in (1,2,3)}),
  "".join(f'<table class="docutils footnote" frame="void" id="id{i+10}" rules="none"><colgroup><col class="label" /><col /></colgroup><tbody valign="top"><tr><td class="label"><a class="fn-backref" href="#id{i}">[{i}]</a></td><td>{n}</td></tr></tbody></table>' for i, n in enumerate(NOTES, 1)))
# Project Gutenberg
P["gutenberg"] = page(BODY.format(**{f"c{i}": f'<a id="FNanchor_{i}_{i}"></a><a href="#Footnote_{i}_{i}" class="fnanchor">[{i}]</a>' for i in (1,2,3)}),
  '<div class="footnotes"><h3>FOOTNOTES:</h3>' + "".join(f'<div class="footnote"><p><a id="Footnote_{i}_{i}"></a><a href="#FNanchor_{i}_{i}"><span class="label">[{i}]</span></a> {n}</p></div>' for i, n in enumerate(NOTES, 1)) + "</div>")
# Blogger / plain anchors "#_ftn" variant with sup
P["ghost"] = page(BODY.format(**{f"c{i}": f'<sup class="footnote-ref"><a href="#fn{i}" id="fnref{i}">[{i}]</a></sup>' for i in (1,2,3)}),
  '<hr class="footnotes-sep"><section class="footnotes"><ol class="footnotes-list">' + "".join(f'<li id="fn{i}" class="footnote-item"><p>{n} <a href="#fnref{i}" class="footnote-backref">↩︎</a></p></li>' for i, n in enumerate(NOTES, 1)) + "</ol></section>")

E: dict[str, tuple[dict[str, str], list[str]]] = {}
# InDesign footnotes
E["indesign_fn"] = ({"ch1.xhtml": BODY.format(**{f"c{i}": f'<span class="_idFootnoteLink"><a class="_idFootnoteLink _idGenColorInherit" href="ch1.xhtml#footnote-00{i}" id="footnote-00{i}-backlink">{i}</a></span>' for i in (1,2,3)}) +
    '<div class="_idFootnotes">' + "".join(f'<div id="footnote-00{i}" class="_idFootnote"><p class="Footnote"><span class="_idFootnoteAnchor"><a class="_idFootnoteAnchor _idGenColorInherit" href="ch1.xhtml#footnote-00{i}-backlink">{i}</a></span>\t{n}</p></div>' for i, n in enumerate(NOTES, 1)) + "</div>"}, ["ch1.xhtml"])
E["indesign_aside"] = ({"ch1.xhtml": BODY.format(**{f"c{i}": f'<a class="_idFootnoteLink _idGenColorInherit" href="ch1.xhtml#footnote-00{i}" id="footnote-00{i}-backlink">{i}</a>' for i in (1,2,3)}) +
    '<div class="_idFootnotes">' + "".join(f'<aside class="_idFootnote" epub:type="footnote" id="footnote-00{i}"><p class="Footnote"><a class="_idFootnoteAnchor _idGenColorInherit" href="ch1.xhtml#footnote-00{i}-backlink">{i}</a>\t{n}</p></aside>' for i, n in enumerate(NOTES, 1)) + "</div>"}, ["ch1.xhtml"])
E["indesign_endnotes"] = ({"ch1.xhtml": BODY.format(**{f"c{i}": f'<span class="_idEndnoteLink"><a class="_idEndnoteLink _idGenColorInherit" href="notes.xhtml#endnote-00{i}" id="endnote-00{i}-backlink">{i}</a></span>' for i in (1,2,3)}),
    "notes.xhtml": '<div class="_idEndnotes">' + "".join(f'<div class="_idEndnote" epub:type="endnote" id="endnote-00{i}" role="doc-endnote"><p class="Endnote"><span class="_idGenEndnoteNumber"><a class="_idEndnoteAnchor _idGenColorInherit" href="ch1.xhtml#endnote-00{i}-backlink">{i}</a>. </span>{n}</p></div>' for i, n in enumerate(NOTES, 1)) + "</div>"}, ["ch1.xhtml", "notes.xhtml"])
# Calibre split notes file
E["calibre"] = ({"part0001.html": BODY.format(**{f"c{i}": f'<a href="part0002.html#ftn{i}" id="ftnref{i}" class="calibre3"><sup class="calibre4">[{i}]</sup></a>' for i in (1,2,3)}),
    "part0002.html": "".join(f'<p class="calibre1"><a href="part0001.html#ftnref{i}" id="ftn{i}" class="calibre3">[{i}]</a> {n}</p>' for i, n in enumerate(NOTES, 1))}, ["part0001.html", "part0002.html"])
# Calibre from docx: filepos links (mobi) style
E["calibre_mobi"] = ({"text.html": BODY.format(**{f"c{i}": f'<a id="filepos{100+i}"></a><a href="#filepos{900+i}"><sup class="calibre5"><small>{i}</small></sup></a>' for i in (1,2,3)}) +
    "<h2>Notes</h2>" + "".join(f'<p class="calibre2" id="filepos{900+i}"><a href="#filepos{100+i}">{i}</a>. {n}</p>' for i, n in enumerate(NOTES, 1))}, ["text.html"])
# Standard Ebooks / Sigil
E["standard_ebooks"] = ({"chapter-1.xhtml": BODY.format(**{f"c{i}": f'<a href="endnotes.xhtml#note-{i}" id="noteref-{i}" epub:type="noteref">{i}</a>' for i in (1,2,3)}),
    "endnotes.xhtml": '<section id="endnotes" epub:type="endnotes"><h2 epub:type="title">Endnotes</h2><ol>' + "".join(f'<li id="note-{i}" epub:type="endnote"><p>{n} <a href="chapter-1.xhtml#noteref-{i}" epub:type="backlink">↩</a></p></li>' for i, n in enumerate(NOTES, 1)) + "</ol></section>"}, ["chapter-1.xhtml", "endnotes.xhtml"])
# Sigil default (plain sup links to a notes file with ids "fn1")
E["sigil"] = ({"Section0001.xhtml": BODY.format(**{f"c{i}": f'<sup><a href="../Text/Section0002.xhtml#fn{i}" id="r{i}">{i}</a></sup>' for i in (1,2,3)}),
    "Section0002.xhtml": "<h2>Notes</h2>" + "".join(f'<p id="fn{i}"><a href="../Text/Section0001.xhtml#r{i}">{i}</a> {n}</p>' for i, n in enumerate(NOTES, 1))}, ["Section0001.xhtml", "Section0002.xhtml"])
# Pandoc EPUB3 (footnotes in a separate ch or inline aside)
E["pandoc_epub"] = ({"ch001.xhtml": BODY.format(**{f"c{i}": f'<a href="#fn{i}" class="footnote-ref" id="fnref{i}" epub:type="noteref" role="doc-noteref">{i}</a>' for i in (1,2,3)}) +
    '<section id="footnotes" class="footnotes footnotes-end-of-document" epub:type="footnotes" role="doc-endnotes"><hr /><ol>' + "".join(f'<li id="fn{i}"><p>{n}<a href="#fnref{i}" class="footnote-back" role="doc-backlink">↩︎</a></p></li>' for i, n in enumerate(NOTES, 1)) + "</ol></section>"}, ["ch001.xhtml"])
# Google Docs EPUB export
E["gdocs_epub"] = ({"GoogleDoc/doc.xhtml": BODY.format(**{f"c{i}": f'<sup><a epub:type="noteref" href="#ftnt{i}" id="ftnt_ref{i}">[{i}]</a></sup>' for i in (1,2,3)}) +
    "".join(f'<aside epub:type="footnote" id="ftnt{i}"><p><a href="#ftnt_ref{i}">[{i}]</a> {n}</p></aside>' for i, n in enumerate(NOTES, 1))}, ["GoogleDoc/doc.xhtml"])



def _article(body: str, notes: str = "") -> str:
    return page(f"<article>{body}", f"{notes}</article>")


# Blog engines and book tools: WordPress plugins (Easy Footnotes, Footnotes Made Easy, Modern Footnotes:
# the note in a <span> in the text), Tufte CSS sidenotes (the note in the text, numbered by a counter),
# Quarto's margin notes, bookdown, littlefoot/bigfoot, a <dl> of endnotes, JATS-made HTML, OJS galleys.
P["easy_footnotes"] = _article(BODY.format(**{f"c{i}": f'<span class="easy-footnote-margin-adjust" id="easy-footnote-{i}-123"></span><span class="easy-footnote"><a href="#easy-footnote-bottom-{i}-123" title="x"><sup>{i}</sup></a></span>' for i in (1,2,3)}),
   '<ol class="easy-footnotes-wrapper">' + "".join(f'<li class="easy-footnote-single"><span id="easy-footnote-bottom-{i}-123" class="easy-footnote-margin-adjust"></span>{n}<a class="easy-footnote-to-top" href="#easy-footnote-{i}-123"></a></li>' for i, n in enumerate(NOTES, 1)) + "</ol>")
P["footnotes_made_easy"] = _article(BODY.format(**{f"c{i}": f'<sup><a href="#footnote_{i-1}_123" id="identifier_{i-1}_123" class="footnote-link footnote-identifier-link" title="x">{i}</a></sup>' for i in (1,2,3)}),
   '<ol class="footnotes">' + "".join(f'<li id="footnote_{i-1}_123" class="footnote">{n} [<a href="#identifier_{i-1}_123" class="footnote-link footnote-back-link">&#8617;</a>]</li>' for i, n in enumerate(NOTES, 1)) + "</ol>")
P["modern_footnotes"] = _article(BODY.format(**{f"c{i}": f'<sup class="modern-footnotes-footnote " data-mfn="{i}"><a href="javascript:void(0)">{i}</a></sup><span class="modern-footnotes-footnote__note" data-mfn="{i}">{n}</span>' for i, n in zip((1,2,3), NOTES, strict=True)}))
P["tufte_sidenote"] = _article(BODY.format(**{f"c{i}": f'<label for="sn-{i}" class="margin-toggle sidenote-number"></label><input type="checkbox" id="sn-{i}" class="margin-toggle"/><span class="sidenote">{n}</span>' for i, n in zip((1,2,3), NOTES, strict=True)}))
P["quarto_margin"] = _article(BODY.format(**{f"c{i}": f'<a href="#fn{i}" class="footnote-ref" id="fnref{i}" role="doc-noteref"><sup>{i}</sup></a>' for i in (1,2,3)}) +
   "".join(f'<div class="no-row-height column-margin column-container"><div id="fn{i}"><p><sup>{i}</sup>&nbsp;{n}</p></div></div>' for i, n in enumerate(NOTES, 1)))
P["bookdown"] = _article(BODY.format(**{f"c{i}": f'<a href="#fn{i}" class="footnote-ref" id="fnref{i}"><sup>{i}</sup></a>' for i in (1,2,3)}),
   '<div class="footnotes"><hr /><ol start="1">' + "".join(f'<li id="fn{i}"><p>{n}<a href="#fnref{i}" class="footnote-back">↩︎</a></p></li>' for i, n in enumerate(NOTES, 1)) + "</ol></div>")
P["littlefoot_bigfoot"] = _article(BODY.format(**{f"c{i}": f'<sup id="fnref:{i}"><a href="#fn:{i}" rel="footnote">{i}</a></sup>' for i in (1,2,3)}),
   '<div class="footnotes"><ol>' + "".join(f'<li class="footnote" id="fn:{i}"><p>{n} <a href="#fnref:{i}" title="return to article">↩</a></p></li>' for i, n in enumerate(NOTES, 1)) + "</ol></div>")
P["oup_like_endnotes_dl"] = _article(BODY.format(**{f"c{i}": f'<a href="#en{i}" id="enref{i}"><sup>{i}</sup></a>' for i in (1,2,3)}),
   '<h2>Notes</h2><dl>' + "".join(f'<dt id="en{i}"><a href="#enref{i}">{i}</a></dt><dd>{n}</dd>' for i, n in enumerate(NOTES, 1)) + "</dl>")
P["jats_html_fn"] = _article(BODY.format(**{f"c{i}": f'<a href="#fn{i}" class="xref-fn"><sup>{i}</sup></a>' for i in (1,2,3)}),
   '<div class="fn-group"><h2>Notes</h2>' + "".join(f'<div class="fn" id="fn{i}"><span class="label">{i}</span><p>{n}</p></div>' for i, n in enumerate(NOTES, 1)) + "</div>")
P["ojs_html"] = _article(BODY.format(**{f"c{i}": f'<a href="#_edn{i}" name="_ednref{i}" title="">[{i}]</a>' for i in (1,2,3)}),
   "<div><br clear=all><hr align=left size=1 width='33%'>" + "".join(f'<div id=edn{i}><p><a href="#_ednref{i}" name="_edn{i}" title="">[{i}]</a> {n}</p></div>' for i, n in enumerate(NOTES, 1)) + "</div>")

# Hand-made and older journal pages: the notes in a table, the number in a cell of its own, the call linking
# to the number's anchor or to the row.
P["table_anchor"] = _article(BODY.format(**{f"c{i}": f"<sup><a href='#n{i}' name='r{i}'>{i}</a></sup>" for i in (1, 2, 3)}),
    "<h3>Notes</h3><table>" + "".join(f"<tr><td valign=top><a name='n{i}' href='#r{i}'>{i}</a></td><td>{n}</td></tr>"
                                     for i, n in enumerate(NOTES, 1)) + "</table>")
P["table_row"] = _article(BODY.format(**{f"c{i}": f"<sup><a href='#n{i}'>{i}</a></sup>" for i in (1, 2, 3)}),
    "<h3>Notes</h3><table>" + "".join(f"<tr id='n{i}'><td valign=top>{i}.</td><td>{n}</td></tr>"
                                     for i, n in enumerate(NOTES, 1)) + "</table>")

# DPUB-ARIA roles alone, as accessible HTML writers set them: calls role="doc-noteref", notes
# role="doc-footnote"/"doc-endnote" on any element.
_ARIA_CALLS = {f"c{i}": f'<a role="doc-noteref" href="#n{i}" id="c{i}">{i}</a>' for i in (1, 2, 3)}
P["aria_linked"] = _article(BODY.format(**_ARIA_CALLS),
    "<hr/>" + "".join(f'<p id="n{i}"><a href="#c{i}">{i}</a> {n}</p>' for i, n in enumerate(NOTES, 1)))
P["aria_footnote"] = _article(BODY.format(**_ARIA_CALLS),
    "".join(f'<aside role="doc-footnote" id="n{i}"><p>{n}</p></aside>' for i, n in enumerate(NOTES, 1)))
P["aria_endnote"] = _article(BODY.format(**_ARIA_CALLS),
    "".join(f'<div role="doc-endnote" id="n{i}">{i}. {n}</div>' for i, n in enumerate(NOTES, 1)))


def _check(path: Path) -> None:
    got = [(r.footnote, r.raw) for r in extract_document(path).footnotes]
    assert [n for n, _ in got] == [1, 2, 3]
    for (_, raw), who in zip(got, ("John Smith", "Mary Brown", "Ann Jones"), strict=True):
        assert raw.startswith(who)


@pytest.mark.parametrize("producer", sorted(P))
def test_html_notes_of_each_producer(producer: str, tmp_path: Path) -> None:
    path = tmp_path / f"{producer}.html"
    path.write_text(P[producer], encoding="utf-8")
    _check(path)


@pytest.mark.parametrize("producer", sorted(E))
def test_epub_notes_of_each_producer(producer: str, tmp_path: Path) -> None:
    docs, spine = E[producer]
    path = tmp_path / f"{producer}.epub"
    _write_epub(path, docs, spine)
    _check(path)


def test_a_note_opening_with_a_link_to_a_page_keeps_its_own_number(tmp_path: Path) -> None:
    # An edition's note that opens with a link to a page of the book ("<a href="#p45">45</a>: …") is
    # note 1, not note 45: only a link back to a call is a note's printed number.
    path = tmp_path / "edition.html"
    path.write_text(page(BODY.format(**{f"c{i}": f'<sup><a href="#fn{i}" id="r{i}">{i}</a></sup>' for i in (1, 2, 3)}),
                         '<a id="p45"></a><section class="footnotes"><ol>'
                         + "".join(f'<li id="fn{i}"><a href="#p45">45</a> {n}</li>' for i, n in enumerate(NOTES, 1))
                         + "</ol></section>"), encoding="utf-8")
    assert [r.footnote for r in extract_document(path).footnotes] == [1, 2, 3]

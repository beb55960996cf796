"""JATS, HTML, LaTeX, Markdown and ODT documents written by the tests."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from citekeeper.errors import NoCitationsError
from citekeeper.extract.documents import detect, extract_document
from citekeeper.extract.documents.errors import UnsafeXMLError
from citekeeper.formats import read_file

JATS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN" "JATS-journalpublishing1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">
<front><article-meta><author-notes><fn id="an1"><p>Corresponding author.</p></fn></author-notes></article-meta></front>
<body><p>Text<xref ref-type="fn" rid="fn1">1</xref>.</p></body>
<back>
<fn-group><fn id="fn1"><label>1</label><p>Weber K. Salt, timber and cloth. Berlin: Akademie, 2007. P. 212.</p></fn>
<fn id="fn2" fn-type="conflict"><p>The authors declare no conflict of interest.</p></fn></fn-group>
<ref-list><title>References</title>
<ref id="B1"><label>1.</label><element-citation publication-type="journal">
 <person-group person-group-type="author"><name><surname>Brown</surname><given-names>A</given-names></name>
 <name><surname>Green</surname><given-names>B</given-names></name></person-group>
 <article-title>Water rights in context</article-title><source>Journal of Law and Rivers</source>
 <year>2010</year><volume>12</volume><issue>3</issue><fpage>45</fpage><lpage>67</lpage>
 <pub-id pub-id-type="doi">10.1000/jlr.2010.3</pub-id><pub-id pub-id-type="pmid">123456</pub-id></element-citation></ref>
<ref id="B2"><mixed-citation publication-type="book"><person-group person-group-type="author">
 <string-name><surname>Lopez</surname>, <given-names>R.</given-names></string-name></person-group> (<year>2019</year>).
 <chapter-title>Ledgers as sources</chapter-title>. In <person-group person-group-type="editor"><string-name>
 <given-names>T.</given-names> <surname>Harris</surname></string-name></person-group> (Ed.),
 <source>Reading the archive</source> (pp. <fpage>33</fpage>-<lpage>58</lpage>).
 <publisher-loc>Oxford</publisher-loc>: <publisher-name>Oxford University Press</publisher-name>.</mixed-citation></ref>
<ref id="B3"><mixed-citation>Carlsson, E. (1995). Timber markets of the north. Stockholm: Nordic Academic Press.</mixed-citation></ref>
<ref id="B4"><element-citation publication-type="webpage"><collab>World Health Organization</collab>
 <source>Global report</source><year>2021</year><ext-link ext-link-type="uri" xlink:href="https://www.who.int/report">https://www.who.int/report</ext-link>
 <date-in-citation content-type="access-date" iso-8601-date="2024-01-05">5 January 2024</date-in-citation></element-citation></ref>
</ref-list></back></article>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_jats_fields_from_tags(tmp_path: Path) -> None:
    path = _write(tmp_path, "article.xml", JATS)
    assert detect(path) == "jats"
    ex = extract_document(path)
    a, b, c, d = ex.references
    assert a.type == "article-journal" and a.get("page") == "45-67" and a.doi == "10.1000/jlr.2010.3"
    assert [n.family for n in a.authors] == ["Brown", "Green"] and a.identifiers["PMID"] == "123456"
    assert a.provenance["title"] == ("jats", 1.0)
    assert a.origin.element == "ref-list/ref[@id='B1']"
    assert "Water rights in context" in a.raw
    assert b.type == "chapter" and b.title == "Ledgers as sources" and b.names["editor"][0].family == "Harris"
    assert b.get("publisher-place") == "Oxford"
    assert c.issued.year == 1995 and c.title.startswith("Timber markets")  # untagged: parsed
    assert d.type == "webpage" and d.authors[0].literal == "World Health Organization"
    assert d.url == "https://www.who.int/report" and d.accessed.iso() == "2024-01-05"
    assert [f.origin.number for f in ex.footnotes] == [1]  # author and conflict notes are not citations
    assert ex.footnotes[0].issued.year == 2007


def test_jats_bomb(tmp_path: Path) -> None:
    path = _write(tmp_path, "bomb.xml", '<?xml version="1.0"?><!DOCTYPE article [<!ENTITY a "x">'
                  '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><article><ref-list><ref>&b;</ref></ref-list></article>')
    with pytest.raises(UnsafeXMLError):
        extract_document(path)


HTML = """<!DOCTYPE html><html><head><title>A page</title><style>.x{color:red}</style>
<script>var refs = "References";</script></head><body>
<h1>The river trade</h1><p>Text<sup><a href="#fn1" id="fnref1">1</a></sup>.</p>
<h2>References</h2>
<ol><li id="r1">Abel, T. (2001). Grain &amp; governance in river towns. <i>Economic History Quarterly</i>, 8(2), 115&ndash;140.</li>
<li id="r2">Carlsson, E. (1995). Timber markets of the north. Stockholm: Nordic Academic Press.</li></ol>
<h2>About the authors</h2><ul><li>Not a reference</li></ul>
<section class="footnotes" role="doc-endnotes"><hr/><ol>
<li id="fn1"><p>Weber K. Salt, timber and cloth. Berlin: Akademie, 2007. P. 212.<a href="#fnref1" class="footnote-back">↩︎</a></p></li>
</ol></section></body></html>"""

WIKI = """<html><body><p>Claim.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup></p>
<h2><span class="mw-headline" id="References">References</span></h2>
<div class="reflist"><ol class="references">
<li id="cite_note-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-1">^</a></b></span>
<span class="reference-text">Smith, John (1998). <i>A history of the river trade</i>. London: Harbour Press. p. 45.</span></li>
<li id="cite_note-2"><span class="mw-cite-backlink">^ <a href="#a"><sup>a</sup></a> <a href="#b"><sup>b</sup></a></span>
<span class="reference-text">Brown, A.; Green, B. (2010). "Water rights in context". <i>Journal of Law and Rivers</i>. 12 (3): 45–67.</span></li>
</ol></div></body></html>"""


def test_html_reference_list_and_footnote_section(tmp_path: Path) -> None:
    ex = extract_document(_write(tmp_path, "page.html", HTML))
    assert [r.origin.element for r in ex.references] == ["#r1", "#r2"]
    assert ex.references[0].title == "Grain & governance in river towns"
    assert ex.references[0].get("page") in ("115–140", "115-140")
    assert len(ex.footnotes) == 1 and "↩" not in ex.footnotes[0].origin.raw
    assert ex.footnotes[0].origin.element == "#fn1"


def test_html_wikipedia_cite_notes(tmp_path: Path) -> None:
    ex = extract_document(_write(tmp_path, "wiki.htm", WIKI))
    assert [f.origin.number for f in ex.footnotes] == [1, 2]
    assert ex.footnotes[0].origin.raw.startswith("Smith, John (1998)")
    assert ex.footnotes[1].origin.raw.startswith("Brown, A.")
    assert ex.footnotes[0].issued.year == 1998


LATEX = r"""\documentclass{article}
\begin{document}
Rivers mattered\footnote{Smith J. \emph{A history of the river trade}. London: Harbour Press, 1998. P.~45.}
as did salt \citep[p.~3]{weber2007, lopez2019} and \textcite{abel2001}. % \cite{commented}
Prices\footnote{See M\"uller, K. (2003). {\"U}ber Salz. In \textit{Handel {und} Wandel} (pp. 1--20). Berlin.}.
\begin{thebibliography}{9}
\bibitem{abel2001} Abel, T. (2001).
\newblock Grain and governance in river towns.
\newblock \emph{Economic History Quarterly}, 8(2), 115--140.
\bibitem[Carlsson(1995)]{carlsson1995} Carlsson, E. (1995). Timber markets of the north. Stockholm: Nordic Academic Press.
\end{thebibliography}
\end{document}
"""


def test_latex_bibitems_footnotes_and_keys(tmp_path: Path) -> None:
    path = _write(tmp_path, "paper.tex", LATEX)
    assert detect(path) == "latex"
    ex = extract_document(path)
    assert [r.origin.element for r in ex.references] == ["\\bibitem{abel2001}", "\\bibitem{carlsson1995}"]
    assert ex.references[0].get("page") == "115–140" or ex.references[0].get("page") == "115-140"
    assert ex.references[0].origin.line_start == 7
    assert ex.footnotes[0].title == "A history of the river trade"
    assert "Müller" in ex.footnotes[1].origin.raw or "Müller" in str(ex.footnotes[1].authors)
    assert [k for k, _ in ex.cite_keys] == ["weber2007", "lopez2019", "abel2001"]
    assert ex.cite_keys[0][1].line_start == 4


def test_latex_with_only_cite_keys_is_not_an_error(tmp_path: Path) -> None:
    ex = extract_document(_write(tmp_path, "k.tex", "\\documentclass{article}\\begin{document}\\cite{a,b}"
                                 "\\bibliography{refs}\\end{document}"))
    assert [k for k, _ in ex.cite_keys] == ["a", "b"] and "refs" in ex.warnings[0]


MARKDOWN = """# The river trade

Rivers mattered.[^salt] Prices too [@weber2007, p. 3; see @lopez2019].[^1]
Write to me@example.org.

[^1]: Smith J. *A history of the river trade*. London: Harbour Press,
    1998. P. 45.

[^salt]: Weber K. Salt, timber and cloth. Berlin: Akademie,
2007. P. 212.

```
[^x]: code, not a note @notakey
```

## References

- Abel, T. (2001). Grain and governance in river towns. *Economic History Quarterly*, 8(2), 115-140.
- Carlsson, E. (1995). Timber markets of the north. Stockholm: Nordic Academic Press.

## Appendix
- Not a reference
"""


def test_markdown_notes_in_call_order_and_references(tmp_path: Path) -> None:
    path = _write(tmp_path, "paper.md", MARKDOWN)
    ex = extract_document(path)
    assert [(f.origin.number, f.origin.element) for f in ex.footnotes] == [(1, "[^salt]"), (2, "[^1]")]
    assert ex.footnotes[0].issued.year == 2007 and ex.footnotes[1].issued.year == 1998
    assert ex.footnotes[1].origin.line_start == 6
    assert [r.issued.year for r in ex.references] == [2001, 1995]
    assert [k for k, _ in ex.cite_keys] == ["weber2007", "lopez2019"]


def test_markdown_through_read_file(tmp_path: Path) -> None:
    result = read_file(_write(tmp_path, "paper.md", MARKDOWN))
    assert len(result.references) == 4


def test_markdown_notes_indented_up_to_three_spaces(tmp_path: Path) -> None:
    """CommonMark allows up to three spaces before a block; editors' exports indent notes so."""
    text = ("# Rezeption\n\nDer Karton ging verloren.[^1] Kopien blieben.[^2]\n\n"
            "   [^1]: Vgl. Weber, Klaus: Salz, Holz und Tuch. Berlin 2007, S. 12.\n"
            "   [^2]: Ebd., S. 14.\n    [^3]: four spaces is code, not a note\n")
    path = _write(tmp_path, "rezeption.md", text)
    assert detect(path) == "markdown"
    ex = extract_document(path)
    assert [f.origin.number for f in ex.footnotes] == [1, 2]
    assert ex.footnotes[0].issued.year == 2007


def test_plain_text_is_not_a_document(tmp_path: Path) -> None:
    assert detect(_write(tmp_path, "a.txt", "References\n\nAbel, T. (2001). Grain.\n")) is None


def test_document_without_citations(tmp_path: Path) -> None:
    with pytest.raises(NoCitationsError):
        extract_document(_write(tmp_path, "empty.html", "<html><body><p>Nothing</p></body></html>"))


def test_odt_notes_and_zotero_marks(tmp_path: Path) -> None:
    item = {"id": 1, "type": "book", "title": "Salt, timber and cloth", "author": [{"family": "Weber", "given": "Klaus"}],
            "issued": {"date-parts": [[2007]]}}
    csl = json.dumps({"citationItems": [{"id": 1, "uris": ["http://zotero.org/users/1/items/W"], "itemData": item}]})
    mark = f"ZOTERO_ITEM CSL_CITATION {csl} RNDabc".replace('"', "&quot;")
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
<text:p>Salt <text:reference-mark-start text:name="{mark}"/>(Weber, 2007)<text:reference-mark-end text:name="{mark}"/>
 and rivers<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>
 <text:note-body><text:p>Smith J. A history of the river trade. London: Harbour Press, 1998. P. 45.</text:p></text:note-body></text:note>.</text:p>
</office:text></office:body></office:document-content>"""
    path = tmp_path / "paper.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
    assert detect(path) == "odt"
    ex = extract_document(path)
    assert ex.references[0].title == "Salt, timber and cloth" and ex.references[0].provenance["title"][0] == "zotero"
    assert ex.footnotes[0].origin.element == "text:note[@text:id='ftn1']"
    assert ex.footnotes[0].issued.year == 1998


def test_real_joss_jats() -> None:
    """A real JATS file (tests/data/documents/ATTRIBUTION.md): every entry from its tags."""
    path = Path(__file__).resolve().parents[2] / "data" / "documents" / "joss-00207.jats.xml"
    ex = extract_document(path)
    assert [r.origin.element for r in ex.references] == [
        "ref-list/ref[@id='ref-tisean']", "ref-list/ref[@id='ref-hao_ye_2017_376663']",
        "ref-list/ref[@id='ref-scikit-learn']", "ref-list/ref[@id='ref-scikit-learn-api']"]
    tisean, redm, sklearn, api = ex.references
    assert tisean.type == "article-journal" and tisean.get("page") == "413-435" and tisean.get("volume") == "9.2"
    assert [n.family for n in tisean.authors] == ["Hegger", "Schreiber"]
    assert redm.doi == "10.5281/zenodo.376663" and redm.issued.month == 3 and len(redm.authors) == 6
    assert sklearn.get("container-title") == "The Journal of Machine Learning Research"
    assert sklearn.get("publisher") == "JMLR. org" and len(sklearn.authors) == 10
    # pandoc's <surname>others</surname> is BibTeX's "and others": et al., not an author
    assert sklearn.truncated == ["author"] and "others" not in [n.family for n in sklearn.authors]
    assert api.title.startswith("API design for machine learning software")
    assert all(r.provenance.get("title") == ("jats", 1.0) for r in ex.references)


def test_html_publisher_link_buttons_dropped(tmp_path: Path) -> None:
    page = _write(tmp_path, "springer.html", """<html><body><h2>References</h2><ol>
<li class="c-article-references__item"><p class="c-article-references__text">Abel, T. (2001). Grain and
governance in river towns. <i>Economic History Quarterly</i>, 8(2), 115-140.</p>
<p class="c-article-references__links"><a href="#">Article</a> <a href="#">Google Scholar</a></p></li>
<li>Carlsson, E. (1995). Timber markets of the north. Stockholm: Nordic Academic Press.
<a href="https://scholar.google.com/">Google Scholar</a> <a href="#">CrossRef</a></li></ol></body></html>""")
    ex = extract_document(page)
    raws = [r.origin.raw for r in ex.references]
    assert raws[0].endswith("8(2), 115-140.") and raws[1].endswith("Nordic Academic Press.")


def test_html_epub_asides(tmp_path: Path) -> None:
    page = _write(tmp_path, "book.xhtml", """<html xmlns:epub="http://www.idpf.org/2007/ops"><body>
<p>Text<a epub:type="noteref" href="#n1">1</a>.</p>
<aside epub:type="footnote" id="n1"><p>Weber K. Salt, timber and cloth. Berlin: Akademie, 2007. P. 212.</p></aside>
</body></html>""")
    ex = extract_document(page)
    assert [f.origin.element for f in ex.footnotes] == ["#n1"] and ex.footnotes[0].issued.year == 2007

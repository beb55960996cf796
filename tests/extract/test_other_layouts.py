"""Layouts other than the example's: no blank lines, Cyrillic lists, endnotes, Ibid."""

from __future__ import annotations

from citekeeper.extract import extract_article
from citekeeper.extract.segment import segment

PDF_TEXT = """\
Introduction
The first claim is made here.¹ Another claim follows in the
same paragraph.²
¹ Ivanov I. I. A Study of Things // Journal of Studies. 2019. No. 4.
P. 10–20. (In Russian).
The body continues on the next page and talks about
many things in 2019 and 2020.
² Report on Matters // Ministry of Foreign
Affairs. March 3, 2020. URL: https://example.org/a-b-c/ (accessed: 01.02.2021).
³ Ibid. P. 5.
Список литературы
1. Иванов, И. И. (2019). Исследование вещей. Журнал исследований, (4), 10–20.
2. Petrov, P. (2020). *A book*. Moscow: Nauka.
Сведения об авторах
Ivanov Ivan — researcher.
"""


def test_pdf_text_without_blank_lines():
    seg = segment(PDF_TEXT)
    assert [f.number for f in seg.footnotes] == [1, 2, 3]
    assert seg.footnotes[0].text.endswith("P. 10–20. (In Russian).")
    assert "body continues" not in seg.footnotes[0].text
    assert "Ministry of Foreign Affairs. March 3, 2020." in seg.footnotes[1].text
    assert any("body continues" in p.text for p in seg.body)
    assert len(seg.references) == 2
    assert "Сведения" not in seg.references[-1].text


def test_extraction_types_and_ibid():
    ex = extract_article(PDF_TEXT, file="a.txt")
    fn = ex.footnotes
    assert fn[0].type == "article-journal" and fn[0].get("page") == "10–20"
    assert fn[1].type == "webpage" and fn[1].url == "https://example.org/a-b-c/"
    assert fn[1].get("container-title") == "Ministry of Foreign Affairs"
    assert fn[2].title == fn[1].title and fn[2].get("page") == "5" and fn[2].footnote == 3
    assert fn[2].id != fn[1].id
    refs = ex.references
    assert refs[0].get("container-title") == "Журнал исследований"
    assert refs[1].type == "book" and refs[1].get("publisher") == "Nauka"
    assert [r.origin.line_start for r in refs] == [12, 13]


def test_endnotes_under_notes_heading():
    text = "Body text.1\n\nNotes\n\n1. Smith J. Title. London : Pub, 2001.\n2. Doe A. Other. Paris : Pub, 2002.\n"
    seg = segment(text)
    assert [f.number for f in seg.footnotes] == [1, 2]

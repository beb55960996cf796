"""extract.reflist: a bibliography printed at the end of a text without a heading (a thesis chapter's
PDF text whose "Literatur" heading is on a page not in the excerpt).  Made-up entries."""

from __future__ import annotations

from citekeeper.extract import extract_article
from citekeeper.extract.reflist import unheaded_list

NOTES = """\
Der Text des Kapitels endet hier mit einem Absatz, der die Ergebnisse zusammenfasst.1

1 Vgl. Meier, Stadtgeschichte, S. 12.
2 Ebd., S. 14.

Das Metadatenprofil zeichnet sich durch seine Offenheit aus, wie gezeigt wurde.

"""
ENTRIES = [
    "Dean Allemang, James A. Hendler, Semantic Web for the Working Ontologist. Effective\nModeling in RDFS and OWL, Waltham, MA 2011.",
    "„Architecture of the World Wide Web, Volume One“, online: https://www.w3.org/TR/\nwebarch/ (abgerufen am 9. Mai 2020).",
    "Jutta Bertram, Einführung in die inhaltliche Erschließung, Würzburg 2005.",
    "Christian Bizer, Tom Heath, „Linked Data - The Story So Far“, in:\nInternational Journal on Semantic Web, 5 (2009), S. 1–22.",
    "Gisela Csiba, Jozsef Csiba, Die Blechblasinstrumente in Bachs Werken,\nKassel 1994.",
    "Hartmut Ernst, Jochen Schmidt, Grundkurs Informatik, Wiesbaden 2015.",
    "Bruce Haynes, „Stimmton“, in: MGG Online, Kassel, Stuttgart 2016, online:\nhttps://www.mgg-online.com/mgg/stable/14734 (abgerufen am 30. März 2020).",
    "Pascal Hitzler u. a., Semantic Web. Grundlagen, Berlin 2008.",
    "„RDF 1.1 Primer“, online: https://www.w3.org/TR/rdf11-primer/ (abgerufen am 17. März 2020).",
]
TEXT = NOTES + "\n".join(ENTRIES) + "\n"


def test_a_list_of_works_at_the_end_is_the_reference_list() -> None:
    lines = TEXT.split("\n")
    first = unheaded_list(lines)
    assert first is not None and lines[first].startswith("Dean Allemang")
    refs = extract_article(TEXT).references
    assert [r.origin.raw.split(",")[0] for r in refs] == [e.split(",")[0] for e in ENTRIES]


def test_the_notes_stay_notes() -> None:
    found = extract_article(TEXT)
    assert [r.footnote for r in found.footnotes] == [1, 2]


def test_too_few_works_are_no_list() -> None:
    text = NOTES + "\n".join(ENTRIES[:5]) + "\n"
    assert unheaded_list(text.split("\n")) is None


def test_notes_under_lone_numbers_are_no_list() -> None:
    # pdftotext endnotes: each number alone on its line over its note, a citation each.
    text = NOTES + "\n".join(f"{n}\n{entry}" for n, entry in enumerate(ENTRIES, 53)) + "\n"
    assert unheaded_list(text.split("\n")) is None


def test_a_list_inside_a_note_is_no_list() -> None:
    # The works a note lists go on from the note's first line: no blank line opens them.
    text = NOTES + "3 Werke von Matthias Beltz, mit ISBN 3-7857-1197-2.\n" + "\n".join(ENTRIES) + "\n"
    assert unheaded_list(text.split("\n")) is None


def test_prose_at_the_end_is_no_list() -> None:
    prose = "\n".join(["Das Kapitel schließt mit einer Betrachtung der offenen Fragen der Forschung."] * 12)
    assert unheaded_list((NOTES + prose).split("\n")) is None


def test_further_reading_is_a_reference_list() -> None:
    text = ("Body.1\n\n1 Vgl. Meier, Titel (2001), S. 4.\n\nFurther Reading\n\n"
            "1. Matthew Justice, How Computers Really Work (No Starch Press, 2021).\n"
            "2. James Kurose and Keith Ross, Computer Networking (8th ed., Pearson, 2021).\n")
    refs = extract_article(text).references
    assert [r.origin.raw[:20] for r in refs] == ["Matthew Justice, How", "James Kurose and Kei"]


def test_markdown_notes_under_references_are_notes() -> None:
    # A page that prints its footnote definitions under "References" ("[^1]: ORLANDI, 2015, p. 26").
    text = ("Texto.[^1] Mais.[^2]\n\n## REFERÊNCIAS\n\n[^1]: ORLANDI, 2015, p. 26\n\n[^2]: Ibid., p. 42\n")
    found = extract_article(text)
    assert found.references == []
    assert [r.footnote for r in found.footnotes] == [1, 2]

"""HTML whose notes stand under each article of a law, numbered from (1) again (pages written here)."""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import extract_document

OJ = ["ABl. L 81 vom 21.3.2001, S. 1 .", "Verordnung (EU) Nr. 910/2014 des Europäischen Parlaments und des Rates "
      "vom 23. Juli 2014 über elektronische Identifizierung (ABl. L 257 vom 28.8.2014, S. 73).",
      "Richtlinie (EU) 2016/801 des Europäischen Parlaments und des Rates vom 11. Mai 2016 (ABl. L 132 vom "
      "21.5.2016, S. 21)."]


def _article(k: int, notes: list[str]) -> str:
    calls = "".join(f'Satz {n}<sup><a href="#ART_{k}-note_{n}">({n})</a></sup>. ' for n in range(1, len(notes) + 1))
    foot = "".join(f'<p class="footnote" id="ART_{k}-note_{n}"><sup>({n})</sup> {note}</p>'
                   for n, note in enumerate(notes, 1))
    return (f'<article id="ART_{k}"><h1>Artikel {k}</h1><div class="lxp-body"><p>{calls}</p></div>'
            f'<div class="article-footer">{foot}</div></article>')


def test_each_articles_notes_numbered_from_one_again(tmp_path: Path) -> None:
    page = tmp_path / "act.html"
    page.write_text("<html><body>" + _article(1, OJ[:1]) + _article(2, OJ[1:]) + _article(3, OJ[2:])
                    + "</body></html>", encoding="utf-8")
    refs = extract_document(page).footnotes
    assert [r.footnote for r in refs] == [1, 1, 2, 1]
    assert ["21.3.2001" in refs[0].raw, refs[1].raw[:10], refs[2].raw[:10], refs[3].raw[:10]] == [
        True, "Verordnung", "Richtlinie", "Richtlinie"]


def test_notes_each_in_a_division_of_their_own_number_on(tmp_path: Path) -> None:
    # A word processor's page: every note in its own <div>, numbered on through the document.
    notes = "".join(f'<div id="ftn{n}"><p class="footnote"><a href="#_ftnref{n}">[{n}]</a> {note}</p></div>'
                    for n, note in enumerate(OJ, 1))
    calls = "".join(f'Text<a class="footnote-ref" href="#ftn{n}">[{n}]</a>. ' for n in range(1, 4))
    page = tmp_path / "word.html"
    page.write_text(f"<html><body><p>{calls}</p>{notes}</body></html>", encoding="utf-8")
    assert [r.footnote for r in extract_document(page).footnotes] == [1, 2, 3]

"""LaTeX notes that cite by key, with the .bib the document names beside it (files written here).

biblatex prints ``\\footcite[12]{weber2007}`` from the .bib; without biber the note's text is the key and
its postnote.  With the .bib beside the .tex, each key's entry is the note's record (the postnote its page),
a citation typed beside the cite command is read as text too, and a note citing a key the .bib lacks stays
text as before.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.formats import read_file

TEX = r"""\documentclass{article}
\usepackage[style=verbose-trad2]{biblatex}
\addbibresource{refs.bib}
\begin{document}
One.\footcite[12]{weber2007}
Two.\footnote{See \cite[23]{smith1998}; and Karl Meier, \emph{Handbuch des Rechts} (Leipzig: Teubner, 1901), 12.}
Three.\autocite[S.~45--47]{weber2007}
Four.\footcite{unknown2001}
\end{document}
"""
BIB = """@book{weber2007, author = {Weber, Karl}, title = {Salz und Holz}, publisher = {Springer},
  address = {Berlin}, year = {2007}}
@book{Smith1998, author = {Smith, John}, title = {The River Trade}, publisher = {Harbour Press},
  address = {London}, year = {1998}}
"""


def test_cite_keys_in_notes_take_their_bib_entries(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    path = tmp_path / "paper.tex"
    path.write_text(TEX, encoding="utf-8")
    refs = read_file(path).extraction.footnotes
    got = [(r.footnote, r.raw, r.title, r.get("page")) for r in refs]
    assert got == [(1, "weber2007, 12", "Salz und Holz", "12"),
                       (2, "smith1998, 23", "The River Trade", "23"),
                       (2, "Karl Meier, Handbuch des Rechts (Leipzig: Teubner, 1901), 12.", "Handbuch des Rechts", ""),
                       (3, "weber2007, S. 45–47", "Salz und Holz", "45–47")]  # note 4: a bare key, as before
    assert refs[0].names["author"][0].family == "Weber" and refs[0].issued.year == 2007


def test_without_the_bib_the_keys_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "paper.tex"
    path.write_text(TEX, encoding="utf-8")
    refs = read_file(path).extraction.footnotes
    assert [(r.footnote, r.raw) for r in refs] == [(1, "weber2007, 12"), (2, "smith1998, 23"),
                                                   (2, "Karl Meier, Handbuch des Rechts (Leipzig: Teubner, 1901), 12."),
                                                   (3, "weber2007, S. 45–47")]
    assert refs[0].title != "Salz und Holz"

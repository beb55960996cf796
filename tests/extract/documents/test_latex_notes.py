"""LaTeX notes numbered as LaTeX prints them, and biblatex's cite commands in and as notes.

Each source is written here the way authors write them: ``\\footnotemark`` in a table with the
texts after it (moved with ``\\addtocounter``/``\\stepcounter``), ``\\footnote[n]``, a book's
chapters (its notes start at 1 again), ``\\endnote``, ``\\footcite[pre][post]{key}`` under a
notes style, ``\\cite`` inside a note, and ``%`` comments.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import extract_document
from citekeeper.extract.documents.latex import extract

SMITH = r"John Smith, \emph{The River Trade} (London: Harbour Press, 1998), 45."
BROWN = r"Mary Brown, ``Water Rights,'' \emph{Journal of Law and Rivers} 12, no.~3 (2010): 45--67."
MEIER = r"Vgl. Meier, Klaus: Die Stadt. Berlin 2010, S.~45."


def _notes(tmp_path: Path, source: str) -> list[tuple[int | None, str]]:
    path = tmp_path / "paper.tex"
    path.write_text(source, encoding="utf-8")
    return [(r.footnote, r.raw) for r in extract(path).footnotes]


def test_footnotemark_and_footnotetext_numbered_as_latex_prints_them(tmp_path: Path) -> None:
    source = ("\\documentclass{article}\\begin{document}\n"
              "A\\footnotemark{} and B\\footnotemark{}.\n"
              "\\addtocounter{footnote}{-1}\\footnotetext{" + SMITH + "}\n"
              "\\stepcounter{footnote}\\footnotetext{" + BROWN + "}\n"
              "C\\footnote[7]{" + MEIER + "} D\\footnote{Ebd., S.~47.}\n\\end{document}\n")
    notes = _notes(tmp_path, source)
    assert [n for n, _ in notes] == [1, 2, 7, 3]
    assert notes[0][1].startswith("John Smith") and notes[1][1].startswith("Mary Brown")


def test_a_books_notes_start_again_in_every_chapter(tmp_path: Path) -> None:
    source = ("\\documentclass{book}\\begin{document}\\chapter{One}\nA\\footnote{" + SMITH + "}"
              " B\\footnote{Ibid., 47.}\n\\chapter*{Preface}\nC\\footnote{" + BROWN + "}\n"
              "\\chapter{Two}\nD\\footnote{" + MEIER + "}\n\\end{document}\n")
    assert [n for n, _ in _notes(tmp_path, source)] == [1, 2, 3, 1]


def test_endnotes_and_sidenotes(tmp_path: Path) -> None:
    source = ("\\documentclass{article}\\usepackage{endnotes}\\begin{document}\n"
              "A\\endnote{" + SMITH + "} B\\endnote{" + BROWN + "}\n\\theendnotes\\end{document}\n")
    notes = _notes(tmp_path, source)
    assert [n for n, _ in notes] == [1, 2] and notes[1][1].startswith("Mary Brown")


def test_footcite_under_a_notes_style_is_a_note_of_its_key(tmp_path: Path) -> None:
    source = ("\\documentclass{article}\\usepackage[style=verbose-ibid,backend=biber]{biblatex}\n"
              "\\addbibresource{refs.bib}\\begin{document}\n"
              "A claim.\\footcite[Vgl.][S.~45]{meier2010} Another.\\autocite[12]{schulz2005}\n"
              "A third.\\footnote{Siehe \\cite[S.~4]{weber2007} und " + SMITH + "}\n\\end{document}\n")
    notes = _notes(tmp_path, source)
    assert notes[0][0] == 1 and notes[0][1].endswith("meier2010, S. 45")  # (the signal is no part of the citation)
    assert notes[1] == (2, "schulz2005, 12")
    third = [raw for n, raw in notes if n == 3]
    assert third[0].startswith("weber2007, S. 4") and any(raw.startswith("John Smith") for raw in third)


def test_autocite_is_no_note_under_an_author_year_style(tmp_path: Path) -> None:
    source = ("\\documentclass{article}\\usepackage[style=authoryear]{biblatex}\\addbibresource{refs.bib}\n"
              "\\begin{document}A claim \\autocite{meier2010}.\\footnote{" + SMITH + "}\\end{document}\n")
    path = tmp_path / "paper.tex"
    path.write_text(source, encoding="utf-8")
    result = extract_document(path)
    assert [(r.footnote, r.raw[:10]) for r in result.footnotes] == [(1, "John Smith")]
    assert [k for k, _ in result.cite_keys] == ["meier2010"]


def test_comments_nested_braces_and_input_not_followed(tmp_path: Path) -> None:
    (tmp_path / "other.tex").write_text("X\\footnote{" + BROWN + "}", encoding="utf-8")
    source = ("\\documentclass{article}\\begin{document}\\input{other}\n"
              "A\\footnote{" + SMITH + " % \\footnote{not a note}\n"
              "See also {\\itshape Meier}, p.~{12}.}\n% B\\footnote{commented out}\n\\end{document}\n")
    notes = _notes(tmp_path, source)
    assert [n for n, _ in notes] == [1]
    assert notes[0][1].endswith("See also Meier, p. 12.") and "not a note" not in notes[0][1]


def test_what_latex_never_prints_gives_no_note(tmp_path: Path) -> None:
    source = ("\\documentclass{article}\\usepackage{comment}\\begin{document}\n"
              "\\begin{comment}\nA\\footnote{" + BROWN + "}\n\\end{comment}\n"
              "\\iffalse B\\footnote{" + MEIER + "} \\fi\n"
              "C\\footnote{" + SMITH + "}\n\\end{document}\n")
    notes = _notes(tmp_path, source)
    assert [(n, raw[:10]) for n, raw in notes] == [(1, "John Smith")]
    assert extract(tmp_path / "paper.tex").footnotes[0].origin.line_start == 6


def test_a_macro_that_makes_notes_is_read_where_it_is_used(tmp_path: Path) -> None:
    source = ("\\documentclass{article}\n\\newcommand{\\fn}[1]{\\footnote{#1}}\n"
              "\\newcommand\\srcnote[2]{\\footnote{#1, #2}}\n\\begin{document}\n"
              "A\\fn{" + SMITH + "} B\\footnote{Ibid., 47.}\n"
              "C\\fn{" + BROWN + "}\n\\end{document}\n")
    notes = _notes(tmp_path, source)
    assert [(n, raw[:10]) for n, raw in notes] == [(1, "John Smith"), (2, "Ibid., 47."), (3, "Mary Brown")]
    assert extract(tmp_path / "paper.tex").footnotes[2].origin.line_start == 6


def test_macros_a_note_prints_read_as_printed(tmp_path: Path) -> None:
    source = ("\\documentclass{article}\\usepackage{csquotes}\\begin{document}\n"
              "A\\footnote{Steve Silberman, \\enquote{The Geek Syndrome,} \\textit{Wired} (December 2001), "
              "\\href{https://www.wired.com/2001/12/aspergers/}{online}.}\n"
              "B\\footnote{\\foreignlanguage{english}{John Smith}, The River Trade (London: Harbour Press, 1998), 45.}\n"
              "C\\footnote{28 U.S.C. \\S~1291; \\S\\S 3--4.}\n\\end{document}\n")
    notes = dict(_notes(tmp_path, source))
    assert notes[1].startswith("Steve Silberman, “The Geek Syndrome,” Wired (December 2001), "
                               "online (https://www.wired.com/2001/12/aspergers/)")
    assert notes[2].startswith("John Smith, The River Trade")
    assert notes[3].startswith("28 U.S.C. § 1291")


def test_a_note_the_decoder_cannot_read_keeps_its_text_without_commands() -> None:
    from citekeeper.extract.documents.latex import to_text

    class Broken:
        def latex_to_text(self, latex: str) -> str:
            raise IndexError("list index out of range")  # as pylatexenc does on some input

    assert to_text(r"See \textit{Wired} (December 2001), p.~4--5.", Broken()) == "See Wired (December 2001), p. 4–5."

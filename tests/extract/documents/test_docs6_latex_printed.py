"""LaTeX notes read as LaTeX prints them (sources written here as German and French authors type them).

Babel's German shorthands (``M"uller``, ``Stra"se``, ``"`Titel"'``) are the letters they print when the
document loads them; the quotation-mark macros of babel's German and French (``\\glqq … \\grqq``,
``\\og … \\fg{}``) and csquotes' ``\\foreignquote`` print their marks; a URL keeps every character it was
typed with (``&``, ``~``, an escaped ``\\%``: the decoder had read them as a column, a space and a comment).
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.formats import read_file

GERMAN = r"""\documentclass{article}
\usepackage[ngerman]{babel}
\begin{document}
Erstens.\footnote{Vgl. Karl M"uller, \glqq Geschichte der Stra"se\grqq{} in: \textit{Zeitschrift f"ur Stadtgeschichte} 12 (1990), S.~45--67.}
Zweitens.\footnote{Hans Schulze, "`Br"uder und Schwestern"', Berlin 1901, S.\,12.}
Drittens.\footnote{Siehe \url{https://example.org/search?q=a\%20b&page=2&user=~me} (Zugriff am 1.\,2.\,2020).}
\end{document}
"""


def test_babel_german_shorthands_quotes_and_urls_as_printed(tmp_path: Path) -> None:
    path = tmp_path / "aufsatz.tex"
    path.write_text(GERMAN, encoding="utf-8")
    notes = [(r.footnote, r.raw) for r in read_file(path).extraction.footnotes]
    assert notes == [
        (1, "Karl Müller, „Geschichte der Straße“ in: Zeitschrift für Stadtgeschichte 12 (1990), S. 45–67."),
        (2, "Hans Schulze, „Brüder und Schwestern“, Berlin 1901, S. 12."),
        (3, "https://example.org/search?q=a%20b&page=2&user=~me (Zugriff am 1. 2. 2020).")]


def test_a_chapter_without_preamble_typing_umlauts_as_shorthands(tmp_path: Path) -> None:
    chapter = (r"\chapter{Einleitung}" "\n"
               r"Die Br\"ucke.\footnote{Otto M\"uller, Die Fl\"usse, Wien 1920, S. 3.}" "\n"
               r'Der Stra"senbau.\footnote{Karl K"onig, Stra"sen und Br"ucken, Berlin 1930, S.~7.}' "\n"
               r'Ein "Zitat" bleibt.\footnote{Hans Weber, Das "Wort" und die Tat, Leipzig 1910, S.~9.}' "\n")
    path = tmp_path / "kapitel1.tex"
    path.write_text(chapter, encoding="utf-8")
    notes = [(r.footnote, r.raw) for r in read_file(path).extraction.footnotes]
    assert notes[1] == (2, "Karl König, Straßen und Brücken, Berlin 1930, S. 7.")
    assert notes[0] == (1, "Otto Müller, Die Flüsse, Wien 1920, S. 3.")


def test_french_quotes_and_a_foreign_quote(tmp_path: Path) -> None:
    source = (r"\documentclass{article}\usepackage[french]{babel}\begin{document}" "\n"
              r"Texte.\footnote{Jean Dupont, \og Le droit des rivières\fg{}, \emph{Revue de droit} 12 (2010), p.~45.}"
              "\n" r"Autre.\footnote{Marie Curie, \foreignquote{english}{Water Rights}, Paris, 2001, p.~3.}" "\n"
              r"\end{document}" "\n")
    path = tmp_path / "article.tex"
    path.write_text(source, encoding="utf-8")
    notes = [(r.footnote, r.raw) for r in read_file(path).extraction.footnotes]
    assert notes == [(1, "Jean Dupont, « Le droit des rivières », Revue de droit 12 (2010), p. 45."),
                     (2, "Marie Curie, “Water Rights”, Paris, 2001, p. 3.")]

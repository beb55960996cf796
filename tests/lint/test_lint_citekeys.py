"""Cite keys of .tex and .md articles against the .bib linted with them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from citekeeper.lint import lint_paths

BIB = """\
@book{knuth1984, author = {Knuth, Donald}, title = {The TeXbook}, publisher = {Addison-Wesley}, year = 1984}
@book{lamport1994, author = {Lamport, Leslie}, title = {LaTeX}, publisher = {Addison-Wesley}, year = 1994}
@book{unused, author = {Doe, Jane}, title = {Never cited}, publisher = {P}, year = 2000}
"""
TEX = r"""\documentclass{article}
\begin{document}
As shown by \cite{knuth1984} and \citep[p.~3]{lamport1994, missing2020}.
See also \textcite{Knuth1984}.
\bibliography{refs}
\end{document}
"""


def _found(tmp_path: Path, *files: tuple[str, str]) -> set[tuple[str, str, str | None, int | None, str]]:
    paths = []
    for name, text in files:
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    _, findings = lint_paths(paths, today=dt.date(2026, 12, 1))
    return {(f.rule, Path(f.file).name, f.key, f.line, f.severity) for f in findings}


def test_latex_keys_against_the_bib(tmp_path: Path) -> None:
    assert _found(tmp_path, ("paper.tex", TEX), ("refs.bib", BIB)) == {
        ("cite-key-missing", "paper.tex", "missing2020", 3, "warning"),
        ("cite-key-case", "paper.tex", "Knuth1984", 4, "warning"),
        ("reference-never-cited", "refs.bib", "unused", 3, "info"),
    }


def test_markdown_keys_and_chapters_pooled(tmp_path: Path) -> None:
    one = "# One\n\nAs [@knuth1984, p. 3] argues.\n"
    two = "# Two\n\nBut see @lamport1994 and [@nobody2001].\n"
    assert _found(tmp_path, ("one.md", one), ("two.md", two), ("refs.bib", BIB)) == {
        ("cite-key-missing", "two.md", "nobody2001", 3, "warning"),
        ("reference-never-cited", "refs.bib", "unused", 3, "info"),
    }


def test_nocite_star_and_no_bib(tmp_path: Path) -> None:
    star = TEX.replace(r"\bibliography", r"\nocite{*}\bibliography")
    got = _found(tmp_path, ("paper.tex", star), ("refs.bib", BIB))
    assert not any(r[0] == "reference-never-cited" for r in got)
    (tmp_path / "alone").mkdir()
    assert not any(r[0].startswith("cite-key") for r in _found(tmp_path / "alone", ("paper.tex", TEX)))

"""Cite keys of a LaTeX or Markdown article against the .bib files linted with it.

``\\cite{key}`` (every natbib/biblatex variant) and pandoc's ``[@key]`` name entries by
key, so the check is exact: a key with no entry in any .bib of the run prints as "[?]"
(``cite-key-missing``, warning); a key that matches only ignoring case works in biber
but BibTeX stops on it (``cite-key-case``, warning); an entry no article of the run cites is
``reference-never-cited`` at info (a shared library holds more than one paper cites).
Keys are pooled over every article of the run, so a thesis linted chapter by chapter
with its one .bib is judged as a whole; ``\\nocite{*}`` cites everything.

This family works on the whole run, not one file: ``check_run(docs)``.
"""

from __future__ import annotations

from collections.abc import Iterator

from citekeeper.lint.document import Document
from citekeeper.lint.finding import Finding
from citekeeper.model import Reference

BIB_FORMATS = ("bibtex", "csl-json")


def check_run(docs: list[Document]) -> Iterator[Finding]:
    articles = [d for d in docs if d.cite_keys]
    bibs = [d for d in docs if d.format in BIB_FORMATS]
    if not articles or not bibs:
        return
    exact: dict[str, tuple[Document, Reference]] = {}
    folded: dict[str, str] = {}
    for bib in bibs:
        for ref in bib.references + bib.footnotes:
            if ref.id:
                exact.setdefault(ref.id, (bib, ref))
                folded.setdefault(ref.id.lower(), ref.id)
    cited: set[str] = set()
    everything = False
    for art in articles:
        reported: set[str] = set()
        for key, origin in art.cite_keys:
            if key == "*":
                everything = True
                continue
            line = origin.line_start
            if key in exact:
                cited.add(key)
                continue
            other = folded.get(key.lower())
            if other is not None:
                cited.add(other)
                yield Finding("cite-key-case", "warning", art.file, line, key, None,
                              f"cite key {key} matches the entry {other} only ignoring case "
                              "(BibTeX stops with a case-mismatch error; write it as in the .bib)")
            elif key not in reported:
                reported.add(key)
                yield Finding("cite-key-missing", "warning", art.file, line, key, None,
                              f"cite key {key} has no entry in {', '.join(b.file for b in bibs)}")
    if everything:
        return
    for key, (bib, ref) in exact.items():
        if key not in cited:
            yield Finding("reference-never-cited", "info", bib.file, bib.line_of(ref), key, None,
                          f"the entry {key} is not cited in {', '.join(a.file for a in articles)}")

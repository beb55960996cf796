"""LaTeX sources: ``thebibliography``/``\\bibitem`` entries, ``\\footnote{…}``, cite keys.

Entries and notes are decoded to Unicode with pylatexenc (installed with bibtexparser):
a document has tens of them, so its ~1 ms a string does not matter here.  Comments
(``%`` to the end of the line, not ``\\%``) are blanked first, keeping line numbers.
``\\footnote`` arguments are matched brace by brace, so notes holding ``\\emph{…}`` or
``\\url{…}`` stay whole.  Every ``\\cite``-family key (natbib, biblatex) is collected with
its line for ``lint`` to check against the ``.bib`` the document names.
"""

from __future__ import annotations

import re
from pathlib import Path

from citekeeper.extract.documents.layout import Block, DocumentExtraction, compose
from citekeeper.model import Origin
from citekeeper.textio import DEFAULT_MAX_BYTES, read_text

_COMMENT = re.compile(r"(?<!\\)%.*")
_BIBITEM = re.compile(r"\\bibitem\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}")
_THEBIB = re.compile(r"\\begin\{thebibliography\}\s*\{[^}]*\}(.*?)(?:\\end\{thebibliography\}|\Z)", re.S)
_FOOTNOTE = re.compile(r"\\footnote(?:text)?\s*(?:\[(\d+)\])?\s*\{")
_CITE = re.compile(
    r"\\(?:[a-zA-Z]*cite[a-zA-Z]*|nocite)\*?\s*(?:\[[^\]]*\]\s*){0,2}\{([^}]*)\}")


def _decoder():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def to_text(latex: str, decoder=None) -> str:  # type: ignore[no-untyped-def]
    latex = re.sub(r"\\newblock\b", " ", latex)
    latex = re.sub(r"\\url\s*\{([^}]*)\}", lambda m: m.group(1).replace("%", "\\%"), latex)
    try:
        text = (decoder or _decoder()).latex_to_text(latex)
    except Exception:  # malformed LaTeX: keep the source text rather than lose the citation
        text = latex
    return " ".join(text.split())


def _group(text: str, start: int) -> int:
    """Index just past the brace group whose ``{`` is at ``start - 1``."""
    depth = 1
    i = start
    while i < len(text) and depth:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    return i


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    name = str(path)
    source = read_text(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES).text
    text = _COMMENT.sub(lambda m: " " * len(m.group()), source)

    def line(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    decoder = _decoder()
    blocks: list[Block] = []
    n = 0
    for m in _FOOTNOTE.finditer(text):
        end = _group(text, m.end())
        body = text[m.end(): end - 1]
        n = int(m.group(1)) if m.group(1) else n + 1
        blocks.append(Block("footnote", to_text(body, decoder), n, line_start=line(m.start()),
                            line_end=line(end), raw=body.strip()))
    bib = _THEBIB.search(text)
    if bib:
        items = list(_BIBITEM.finditer(text, bib.start(1), bib.end(1)))
        for k, item in enumerate(items):
            stop = items[k + 1].start() if k + 1 < len(items) else bib.end(1)
            body = text[item.end(): stop]
            blocks.append(Block("reference", to_text(body, decoder), line_start=line(item.start()),
                                line_end=line(stop - 1), element=f"\\bibitem{{{item.group(1)}}}",
                                raw=body.strip()))
    keys = []
    for m in _CITE.finditer(text):
        for key in m.group(1).split(","):
            if key.strip():
                keys.append((key.strip(), Origin("file", None, None, name, line(m.start()),
                                                 line(m.start()), m.group(0))))
    return compose(blocks, name, "latex", cite_keys=keys,
                   empty_note=_bib_files(text) if keys else None)


def _bib_files(text: str) -> str:
    files = re.findall(r"\\(?:bibliography|addbibresource)\s*\{([^}]*)\}", text)
    named = ", ".join(files)
    return (f"its entries are in {named} (cited keys are checked there by lint)" if named
            else "cited keys but no bibliography")

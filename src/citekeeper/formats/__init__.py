"""Readers and writers of ``Reference``, found through one registry by name or suffix.

``read_file`` accepts a .bib (BibTeX/BibLaTeX), CSL-JSON (.json), RIS (.ris, when the
RIS module is present) or an article's text (anything else: extracted on the fly), and
returns every entry it could read plus the problems (with file and line) it met, so the
caller decides whether to warn or fail.  Nothing is silently dropped.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from citekeeper.errors import MalformedInputError
from citekeeper.model import Reference
from citekeeper.textio import DEFAULT_MAX_BYTES, read_text

# format name -> (module, suffixes)
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "bibtex": ("citekeeper.formats.bibtex", (".bib", ".bibtex", ".biblatex")),
    "csl-json": ("citekeeper.formats.csljson", (".json", ".csljson", ".csl-json")),
    "ris": ("citekeeper.formats.ris", (".ris",)),
}


@dataclass
class ReadResult:
    """The references read from one file and the problems met on the way."""

    file: str
    format: str
    references: list[Reference] = field(default_factory=list)
    problems: list[MalformedInputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def format_for(path: str | Path) -> str:
    """The format name for a path's suffix; ``article`` when no bibliography format fits."""
    suffix = Path(path).suffix.lower()
    for name, (_, suffixes) in FORMATS.items():
        if suffix in suffixes:
            return name
    return "article"


def read_file(path: str | Path, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read one file into References (see module docstring)."""
    name = str(path)
    fmt = fmt or format_for(path)
    text = read_text(path, max_bytes=max_bytes).text
    result = ReadResult(file=name, format=fmt)
    if fmt == "bibtex":
        from citekeeper.formats import bibtex

        bib = bibtex.loads(text, file=name)
        result.references, result.problems = bib.references, bib.problems
    elif fmt == "csl-json":
        from citekeeper.formats import csljson

        result.references = csljson.loads(text, file=name)
    elif fmt == "article":
        from citekeeper.extract import extract_article

        ex = extract_article(text, file=name)
        result.references = ex.references + ex.footnotes
        result.warnings = ex.warnings
    else:
        module = importlib.import_module(FORMATS[fmt][0])
        loaded = module.loads(text, file=name)
        if isinstance(loaded, list):
            result.references = loaded
        else:
            result.references, result.problems = loaded.references, loaded.problems
    return result


def read_references(path: str | Path, fmt: str | None = None) -> list[Reference]:
    """Every reference that could be read from ``path``.

    Raises the first ``MalformedInputError`` only when nothing at all could be read.
    """
    result = read_file(path, fmt)
    if result.problems and not result.references:
        raise result.problems[0]
    return result.references

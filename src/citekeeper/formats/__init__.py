"""Readers and writers of ``Reference``, found through one registry by name or suffix.

``read_file`` accepts a .bib (BibTeX/BibLaTeX), CSL-JSON (.json), RIS (.ris) or an
article's text (anything else: extracted on the fly), and returns every entry it could
read plus the problems (with file and line) it met, so the caller decides whether to
warn or fail.  Nothing is silently dropped.  ``dumps`` writes any of the output formats
(``OUTPUT_FORMATS``); ``biblatex`` and ``bibtex`` are two flavours of one module.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from citekeeper.errors import MalformedInputError, UsageError
from citekeeper.model import Reference
from citekeeper.textio import DEFAULT_MAX_BYTES, read_text

# format name -> (module, suffixes).  "bibtex" reads both BibTeX and BibLaTeX.
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "bibtex": ("citekeeper.formats.bibtex", (".bib", ".bibtex", ".biblatex")),
    "csl-json": ("citekeeper.formats.csljson", (".json", ".csljson", ".csl-json")),
    "ris": ("citekeeper.formats.ris", (".ris",)),
}
# Output format name -> (module, keyword arguments of its ``dumps``).
OUTPUT_FORMATS: dict[str, tuple[str, dict[str, str]]] = {
    "csl-json": ("citekeeper.formats.csljson", {}),
    "ris": ("citekeeper.formats.ris", {}),
    "biblatex": ("citekeeper.formats.bibtex", {"flavour": "biblatex"}),
    "bibtex": ("citekeeper.formats.bibtex", {"flavour": "bibtex"}),
}
# Aliases accepted wherever a format name is (``--to json`` ...).
ALIASES = {"json": "csl-json", "csljson": "csl-json", "csl": "csl-json", "bib": "biblatex"}
# Output suffixes; .bib means BibLaTeX, the flavour Zotero and biber read best.
_OUTPUT_SUFFIXES = {".json": "csl-json", ".csljson": "csl-json", ".ris": "ris", ".bib": "biblatex",
                    ".biblatex": "biblatex", ".bibtex": "bibtex"}


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


def output_format_for(path: str | Path | None, to: str | None = None) -> str:
    """The output format named by ``to``, else by ``path``'s suffix; a ``UsageError`` if neither."""
    if to:
        name = ALIASES.get(to.lower(), to.lower())
        if name not in OUTPUT_FORMATS:
            raise UsageError(f"unknown output format {to!r}; use one of {', '.join(OUTPUT_FORMATS)}")
        return name
    if path is not None:
        name = _OUTPUT_SUFFIXES.get(Path(path).suffix.lower())
        if name:
            return name
        raise UsageError(f"cannot tell the output format from {str(path)!r}; pass --to")
    raise UsageError("pass --to FORMAT when writing to standard output")


def writer(fmt: str) -> Callable[[list[Reference]], str]:
    """The ``dumps`` function of an output format (see ``OUTPUT_FORMATS``)."""
    module_name, kwargs = OUTPUT_FORMATS[output_format_for(None, fmt)]
    module = importlib.import_module(module_name)
    return lambda refs: module.dumps(refs, **kwargs)


def dumps(refs: list[Reference], fmt: str) -> str:
    """``refs`` as text in output format ``fmt``."""
    return writer(fmt)(refs)


def read_file(path: str | Path, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read one file into References (see module docstring)."""
    name = str(path)
    fmt = ALIASES.get(fmt, fmt) if fmt else format_for(path)
    if fmt == "biblatex":
        fmt = "bibtex"
    if fmt not in FORMATS and fmt != "article":
        raise UsageError(f"unknown input format {fmt!r}; use one of {', '.join([*FORMATS, 'article'])}")
    if fmt == "article":  # documents (PDF, Word, JATS, HTML, LaTeX, Markdown), told by content
        from citekeeper.extract import documents

        if documents.detect(path):
            doc = documents.extract_document(path, max_bytes=max_bytes)
            return ReadResult(file=name, format=fmt, references=doc.references + doc.footnotes,
                              warnings=doc.warnings)
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


_KEY_OK = re.compile(r"^[^\s,{}()\"#%'=\\~]+$")


def unique_ids(refs: list[Reference]) -> None:
    """Give every reference an id usable as a citation key, unique case-insensitively.

    Keys that differ only by case collide in citeproc and in Zotero, so ``Smith2020``
    and ``smith2020`` from two files become ``Smith2020`` and ``smith2020a``.  An id
    that cannot be a BibTeX key (empty, spaces, a Zotero item URI) is replaced by a
    built one (``parse.keys``: author, year, title word).
    """
    from citekeeper.parse.keys import KeyRegistry

    registry = KeyRegistry()  # hands out built keys; knows every key taken so far
    seen: set[str] = set()
    for ref in refs:
        if ref.id and _KEY_OK.match(ref.id) and "://" not in ref.id:
            key, n = ref.id, 0
            while key.lower() in seen:
                n += 1
                key = f"{ref.id}-{n}"
            ref.id = key
            registry.reserve(key)
        else:
            registry.assign(ref)
        seen.add(ref.id.lower())


@dataclass
class ExportResult:
    """What ``export`` read and wrote: the text, the references, and every problem met."""

    text: str
    format: str
    references: list[Reference] = field(default_factory=list)
    problems: list[MalformedInputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def export(paths: list[str | Path], to: str, *, from_fmt: str | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES) -> ExportResult:
    """Read every file (any input format), make ids unique, and write them as ``to``.

    Raises the first problem only when nothing at all could be read; otherwise the
    problems are returned for the caller to report.
    """
    fmt = output_format_for(None, to)
    refs: list[Reference] = []
    problems: list[MalformedInputError] = []
    warnings: list[str] = []
    for path in paths:
        result = read_file(path, from_fmt, max_bytes=max_bytes)
        refs += result.references
        problems += result.problems
        warnings += result.warnings
    if problems and not refs:
        raise problems[0]
    unique_ids(refs)
    return ExportResult(dumps(refs, fmt), fmt, refs, problems, warnings)

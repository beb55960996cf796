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
from typing import TYPE_CHECKING

from citekeeper.errors import MalformedInputError, UsageError
from citekeeper.textio import DEFAULT_MAX_BYTES, read_text

# Records are only named here: ``check`` asks ``format_for`` before it forks its
# checking shards, and the model's import (3 ms) need not come first.
if TYPE_CHECKING:
    from citekeeper.extract import Extraction
    from citekeeper.model import Reference

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
class FailedBlock:
    """A part of an input that could not be read: where it is, its text as written, and why.

    Kept so bib -> bib writes it back verbatim, and reported with file and line elsewhere.
    """

    file: str | None
    line: int
    raw: str
    reason: str


@dataclass
class ReadResult:
    """Everything read from one file, the way bibtexparser's ``Library`` keeps it.

    ``references`` in file order, each with ``origin.file``/``origin.line_start`` (its
    line) and, from a .bib, ``verbatim`` (its text as written); ``failed`` the blocks
    that could not be read, with their raw text; ``problems`` one error (file, line,
    reason) per failed block; ``warnings`` what was read but not as written (a repeated
    field, an undefined macro, a block read leniently), each with file and line;
    ``blocks`` the non-entry blocks of a .bib (``@string``, ``@preamble``, comments, failed
    blocks) as ``(file, line, raw text, offset)`` for a bib -> bib writer; ``encoding`` the text
    encoding the file was read in; ``text`` the file's text as decoded (what ``lint``
    searches for a value's line, so no command reads a file twice; "" for documents
    that are not text); ``entry_lines`` each reference's first line in *this* file,
    parallel to ``references`` (a CSL-JSON item's own ``citekeeper.origin`` points into
    the article it was extracted from, not into the file); for an article or document,
    ``extraction`` is what extract found (references and footnotes apart, segments, cite
    keys: what lint checks) and ``kind`` the document's kind ("" for plain text).
    """

    file: str
    format: str
    references: list[Reference] = field(default_factory=list)
    problems: list[MalformedInputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: list[FailedBlock] = field(default_factory=list)
    blocks: list[tuple[str | None, int, str, int]] = field(default_factory=list)
    encoding: str = "utf-8"
    text: str = ""
    entry_lines: list[int | None] = field(default_factory=list)
    extraction: Extraction | None = None
    kind: str = ""
    _lines_by_ref: dict[int, int | None] = field(default_factory=dict, repr=False, compare=False)

    def line_of(self, ref: Reference) -> int | None:
        """The 1-based line an entry starts on in this file (``None`` for inputs without lines)."""
        if self.entry_lines:
            if len(self._lines_by_ref) != len(self.entry_lines):
                self._lines_by_ref = {id(r): line for r, line in zip(self.references, self.entry_lines,
                                                                     strict=False)}
            if id(ref) in self._lines_by_ref:
                return self._lines_by_ref[id(ref)]
        return ref.origin.line_start if ref.origin else None


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
        by_suffix = _OUTPUT_SUFFIXES.get(Path(path).suffix.lower())
        if by_suffix:
            return by_suffix
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


def read_file(path: str | Path, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, *,
              fields: frozenset[str] | None = None) -> ReadResult:
    """Read one file into References (see module docstring).

    ``fields`` asks for a projection: a caller that reads only those record fields (``check``
    reads ``URL``, ``DOI``, ``issued``, ``accessed``) may get records with only them, each
    as the full read gives it (``bibtex.PROJECTED`` lists what a .bib can project; other
    formats, and other fields, are read in full).  Problems, warnings and failed blocks
    are the full read's either way.
    """
    name = str(path)
    fmt = ALIASES.get(fmt, fmt) if fmt else format_for(path)
    if fmt == "biblatex":
        fmt = "bibtex"
    if fmt not in FORMATS and fmt != "article":
        raise UsageError(f"unknown input format {fmt!r}; use one of {', '.join([*FORMATS, 'article'])}")
    if fmt == "article":  # documents (PDF, Word, JATS, HTML, LaTeX, Markdown), told by content
        from citekeeper.extract import documents

        kind = documents.detect(path)
        if kind:
            doc = documents.extract_document(path, kind, max_bytes=max_bytes)
            return ReadResult(file=name, format=fmt, references=doc.references + doc.footnotes,
                              warnings=doc.warnings, extraction=doc, kind=kind)
    nuls: list[str] = []
    if fmt == "bibtex":
        written, encoding = _read_bib_text(path, max_bytes)
        written = _drop_nuls(written, name, nuls)
        text = _lf(written)
    else:
        tf = read_text(path, max_bytes=max_bytes)
        text, encoding = _drop_nuls(tf.text, name, nuls), tf.encoding
    if encoding in _GUESSED:  # said, so mojibake from a wrong guess is never silent
        nuls.insert(0, f"{name}: not UTF-8; read as {encoding} (guessed from its bytes)")
    result = ReadResult(file=name, format=fmt, encoding=encoding, text=text, warnings=nuls)
    if fmt == "bibtex":
        from citekeeper.formats import bibtex

        bib = bibtex.loads(written, file=name, fields=fields)
        result.references, result.problems = bib.references, bib.problems
        result.warnings += bib.warnings
        result.failed = [FailedBlock(b.file, b.line, b.raw, b.reason) for b in bib.failed]
        result.blocks = bib.blocks
    elif fmt == "csl-json":
        _read_csljson(text, name, result)
    elif fmt == "article":
        from citekeeper.extract import extract_article

        ex = extract_article(text, file=name)
        result.references = ex.references + ex.footnotes
        result.warnings += ex.warnings
        result.extraction = ex
    else:
        module = importlib.import_module(FORMATS[fmt][0])
        loaded = module.loads(text, file=name)
        if isinstance(loaded, list):
            result.references = loaded
        else:
            result.references, result.problems = loaded.references, loaded.problems
            result.warnings += getattr(loaded, "warnings", [])
    return result


def _read_csljson(text: str, name: str, result: ReadResult) -> None:
    """CSL-JSON items into ``result``, each with its line; what is not an item (a number in
    the array, a syntax error and what follows it) is a failed block, reported with its
    line, and every other item is still read (``jsonitems``)."""
    from citekeeper.formats import csljson, jsonitems

    scanned = jsonitems.scan(text, name)
    for number, line, item in scanned.items:
        result.references.append(csljson.read_item(item, number, line, name))
        result.entry_lines.append(line)
    result.warnings += [f"{name}:{line}: {what}" for line, what in scanned.warnings]
    for line, raw, reason in scanned.bad:
        result.failed.append(FailedBlock(name, line, raw, reason))
        result.problems.append(MalformedInputError(reason, file=name, line=line))


# JabRef writes the file's encoding in its first line ("% Encoding: ISO8859_1",
# "% Encoding: windows-1252"); it wins over guessing.
_JABREF_ENCODING = re.compile(rb"^(?:\xef\xbb\xbf)?%\s*Encoding\s*:\s*([A-Za-z0-9_.:-]+)", re.MULTILINE)


# Encodings ``textio`` guesses from the bytes alone (no BOM, no ``% Encoding:`` line).
_GUESSED = frozenset({"cp1251", "utf-16-le", "utf-16-be"})


def _drop_nuls(text: str, name: str, warnings: list[str]) -> str:
    """``text`` without NUL characters, and a warning naming their lines when there were any.

    ``textio`` decodes text with a stray NUL (a crashed editor, a bad copy) instead of
    calling the file binary, so every entry around it is read; a NUL carries nothing,
    and BibTeX tools downstream (biber, Zotero) stop at one.
    """
    if "\x00" not in text:
        return text
    lines = sorted({text.count("\n", 0, m.start()) + 1 for m in _NUL.finditer(text)})
    shown = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
    warnings.append(f"{name}:{lines[0]}: NUL bytes (not text) dropped, on line{'s' if len(lines) > 1 else ''} {shown}")
    return text.replace("\x00", "")


_NUL = re.compile("\x00")


def _lf(text: str) -> str:
    """``text`` with "\n" line ends (as ``read_text`` gives every other format)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


_LONE_CR = re.compile("\r(?!\n)")


def _as_written(text: str) -> str:
    """Decoded .bib text with its line ends as written, unless one is a lone CR.

    Why: bib -> bib keeps every byte nobody edited, and Windows tools (and files edited
    on two systems: ``bibliotex-all.bib`` mixes CRLF and LF) write CRLF.  The reader
    treats a CR as the white space it is to TeX and counts lines by "\n", so lines stay
    those an editor shows.  A file with a lone CR (classic Mac OS line ends) is read with
    "\n" instead, as every other format is (``read_text``): lines counted by "\n"
    would all be one.
    """
    return _lf(text) if "\r" in text and _LONE_CR.search(text) else text


def _bib_bytes(path: str | Path, max_bytes: int) -> bytes | None:
    """The file's bytes, read once; ``None`` when ``read_text`` must judge it (missing,
    too large, a directory or device): its one error for that, never a second copy here."""
    import stat

    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISREG(st.st_mode) and st.st_size <= max_bytes:
            return p.read_bytes()
    except OSError:
        pass
    return None


def _read_bib_text(path: str | Path, max_bytes: int) -> tuple[str, str]:
    """A .bib's text: its JabRef ``% Encoding:`` header honoured, else ``read_text``'s guess;
    line ends as written (``_as_written``).  The file is read once."""
    import codecs

    from citekeeper.errors import DecodeError
    from citekeeper.textio import decode_bytes

    data = _bib_bytes(path, max_bytes)
    if data is None:
        tf = read_text(path, max_bytes=max_bytes)
        return tf.text, tf.encoding
    try:
        text, encoding = decode_bytes(data, str(path))
    except DecodeError:
        m = _JABREF_ENCODING.search(data[:4096])
        if not m:
            raise
        name = m.group(1).decode("ascii")
        try:
            codec = codecs.lookup(name.replace("ISO8859", "ISO-8859").replace("_", "-")).name
        except LookupError:
            raise DecodeError(f"unknown encoding {name!r} in the file's '% Encoding:' header",
                              file=str(path), line=1) from None
        return _as_written(_declared(data, codec, str(path))), codec
    m = _JABREF_ENCODING.search(text[:4096].encode("utf-8", "replace"))
    if m and encoding not in ("utf-8", "utf-8-sig"):
        name = m.group(1).decode("ascii")
        try:
            codec = codecs.lookup(name.replace("ISO8859", "ISO-8859").replace("_", "-")).name
        except LookupError:
            return _as_written(text), encoding
        if codec != codecs.lookup(encoding).name:
            return _as_written(_declared(data, codec, str(path))), codec
    return _as_written(text), encoding


def _declared(data: bytes, codec: str, name: str) -> str:
    """``data`` in the encoding its ``% Encoding:`` line names, or a ``DecodeError`` naming the
    line of the first byte that is not: ``% Encoding: UTF-8`` over Latin-1 bytes was read
    with U+FFFD for every accent, without a word."""
    from citekeeper.errors import DecodeError

    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DecodeError(f"not valid {codec} (byte 0x{data[exc.start]:02x}), the encoding its "
                          "'% Encoding:' line names; fix that line or convert the file", file=name, line=line) from None


def read_references(path: str | Path, fmt: str | None = None) -> list[Reference]:
    """Every reference that could be read from ``path``.

    Raises the first ``MalformedInputError`` only when nothing at all could be read.
    """
    result = read_file(path, fmt)
    if result.problems and not result.references:
        raise result.problems[0]
    return result.references


# What cannot be a BibTeX/biber citation key: whitespace, and the characters that end or
# split one (``,`` ``{`` ``}`` ``(`` ``)`` ``"`` ``#`` ``%`` ``=`` ``\\`` ``~``).  An apostrophe
# (``O'Hara_1999``) is a valid key character for BibTeX, biber and Zotero.
_KEY_OK = re.compile(r"^[^\s,{}()\"#%=\\~]+$")


def unique_ids(refs: list[Reference]) -> list[str]:
    """Make every id a usable citation key, changing only what must change; returns warnings.

    * a key as the user wrote it is kept (``O'Hara_1999``; ``chen_2017`` beside
      ``Chen_2017`` in one file: biber tells them apart);
    * a second entry with exactly the same key in one file, or a key that another input
      file already uses (case-insensitively, as citeproc and Zotero compare them), gets
      a suffix (``Smith2020`` -> ``Smith2020-2``) and a warning naming both places;
    * only an entry with no usable key (none, spaces in it, a Zotero item URI) gets a
      built one (``parse.keys``: author, year, title word).
    """
    from citekeeper.parse.keys import KeyRegistry

    registry = KeyRegistry()  # hands out built keys; knows every key taken so far
    exact: dict[tuple[str | None, str], Reference] = {}  # (file, key) -> first holder
    folded: dict[str, Reference] = {}  # lower-cased key -> first holder
    warnings: list[str] = []
    for ref in refs:
        file = ref.origin.file if ref.origin else None
        if ref.id and _KEY_OK.match(ref.id) and "://" not in ref.id:
            first = exact.get((file, ref.id))
            other = folded.get(ref.id.lower())
            clash = first if first is not None else (
                other if other is not None and (other.origin.file if other.origin else None) != file else None)
            if clash is not None:
                base, n = ref.id, 2
                while f"{base}-{n}".lower() in folded:
                    n += 1
                new = f"{base}-{n}"
                warnings.append(f"{_where(ref)}: key {base!r} is already used at {_where(clash)}; written as {new!r}")
                ref.id = new
            registry.reserve(ref.id)
        else:
            old = ref.id
            registry.assign(ref)
            what = f"key {old!r} cannot be a citation key" if old else "entry has no key"
            warnings.append(f"{_where(ref)}: {what}; given {ref.id!r}")
        exact.setdefault((file, ref.id), ref)
        folded.setdefault(ref.id.lower(), ref)
    return warnings


def _where(ref: Reference) -> str:
    return ref.origin.describe() if ref.origin else "<input>"


@dataclass
class ExportResult:
    """What ``export`` read and wrote: the text, the references, and every problem met."""

    text: str
    format: str
    references: list[Reference] = field(default_factory=list)
    problems: list[MalformedInputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def export(paths: list[str | Path], to: str, *, from_fmt: str | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES, with_origin: bool = False,
           relative_to: str | Path | None = None) -> ExportResult:
    """Read every file (any input format), make ids unique, and write them as ``to``.

    Entries read from a .bib and written as BibTeX come out as they were written
    (``bibtex.dumps``), with the files' ``@string``/``@preamble`` blocks and any block that
    could not be read.  CSL-JSON carries no origin (input paths and lines) unless
    ``with_origin``; its paths are then relative to ``relative_to`` (the output's folder),
    so a shared file never holds a user's absolute paths.

    Raises the first problem only when nothing at all could be read; otherwise the
    problems are returned for the caller to report.
    """
    fmt = output_format_for(None, to)
    refs: list[Reference] = []
    problems: list[MalformedInputError] = []
    warnings: list[str] = []
    blocks: list[tuple[str | None, int, str, int]] = []
    for path in paths:
        result = read_file(path, from_fmt, max_bytes=max_bytes)
        refs += result.references
        problems += result.problems
        warnings += result.warnings
        blocks += result.blocks
    if problems and not refs:
        raise problems[0]
    warnings += unique_ids(refs)
    if fmt in ("biblatex", "bibtex"):
        from citekeeper.formats import bibtex

        text = bibtex.dumps(refs, flavour=OUTPUT_FORMATS[fmt][1]["flavour"], blocks=blocks)
    elif fmt == "csl-json":
        from citekeeper.formats import csljson

        text = csljson.dumps(refs, with_origin=with_origin, relative_to=relative_to)
    else:
        text = dumps(refs, fmt)
    return ExportResult(text, fmt, refs, problems, warnings)

"""What the rules look at: one input file, read once, with helpers to point at lines.

An article (plain text) gives its reference list, its footnote citations, the body
paragraphs and its own editorial dates (Received / Accepted ...).  A .bib or CSL-JSON
file gives entries only; for .bib the raw field text is kept too, so rules can see a
value as written and fixes can rewrite it in place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from citekeeper.extract.segment import Footnote, Segments
from citekeeper.model import Date, Origin, Reference

# "Received / Поступила в редакцию: 08.02.2024" and the like, one per line.
_EDITORIAL = re.compile(
    r"^[ \t]*(?P<label>received|submitted|revised|accepted|published(?:\s+online)?|"
    r"поступила(?:\s+в\s+редакцию)?|доработана(?:\s+после\s+рецензирования)?|"
    r"принята(?:\s+к\s+публикации)?|опубликована)\b[^:\n]{0,80}:\s*"
    r"(?P<date>\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2},\s+\d{4})[ \t]*\.?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_EDITORIAL_KIND = {
    "rec": "received", "sub": "received", "пос": "received",
    "rev": "revised", "дор": "revised",
    "acc": "accepted", "при": "accepted",
    "pub": "published", "опу": "published",
}


@dataclass(frozen=True)
class BibField:
    """One ``name = value`` of a .bib entry as written: its value (no outer braces or
    quotes), its 1-based line, and whether it is a plain literal (no macro, no ``#``)."""

    key: str
    name: str  # lower case
    value: str
    line: int
    literal: bool = True


def bib_fields(text: str) -> dict[str, dict[str, BibField]]:
    """entry key -> field name -> ``BibField``, read with ``formats.bibedit`` (the same
    scanner ``--fix`` edits with, so what lint sees is what it fixes).  The pseudo-field
    ``@type`` holds the entry type as written (lower case)."""
    import bisect

    from citekeeper.formats.bibedit import scan

    newlines = [m.start() for m in re.finditer("\n", text)]
    out: dict[str, dict[str, BibField]] = {}
    for entry in scan(text).entries:
        fields = out.setdefault(entry.key, {})
        fields.setdefault("@type", BibField(entry.key, "@type", entry.type, entry.line))
        for f in entry.fields:
            line = bisect.bisect_left(newlines, f.start) + 1
            fields.setdefault(f.name.lower(), BibField(entry.key, f.name.lower(), f.value, line, f.is_literal))
    return out


@dataclass
class Document:
    """One linted input."""

    file: str
    format: str  # "article" | "bibtex" | "csl-json" | ...
    text: str
    references: list[Reference] = field(default_factory=list)  # list entries / file entries
    footnotes: list[Reference] = field(default_factory=list)  # footnote citations
    segments: Segments | None = None
    bib: dict[str, dict[str, BibField]] = field(default_factory=dict)
    editorial: dict[str, tuple[Date, int]] = field(default_factory=dict)  # kind -> (date, line)
    today: dt.date = field(default_factory=dt.date.today)
    problems: list[tuple[int | None, str]] = field(default_factory=list)  # blocks the reader could not read
    entry_types: dict[str, str] = field(default_factory=dict)  # .bib key -> entry type as written (lower case)
    kind: str = ""  # a document's kind (latex, markdown, pdf, docx ...); "" for plain text
    cite_keys: list[tuple[str, Origin]] = field(default_factory=list)  # \cite{key} / [@key], in text order
    elapsed: float = 0.0  # seconds spent linting this file (JUnit's time)
    _json_ids: dict[str, int] | None = field(default=None, repr=False, compare=False)
    # id(reference) -> its first line in this file, from the reader (CSL-JSON)
    entry_lines: dict[int, int] = field(default_factory=dict, repr=False, compare=False)
    _starts: list[int] | None = field(default=None, repr=False, compare=False)
    _newlines: list[int] | None = field(default=None, repr=False, compare=False)
    _keys: dict[str, Reference] | None = field(default=None, repr=False, compare=False)

    def by_key(self, key: str) -> Reference | None:
        """The entry with this key (case-insensitively, as BibTeX matches ``crossref``)."""
        if self._keys is None:
            self._keys = {}
            for r in self.references:
                if r.id:
                    self._keys.setdefault(r.id.lower(), r)
        return self._keys.get(key.lower())

    @property
    def is_article(self) -> bool:
        return self.segments is not None

    @property
    def all_refs(self) -> list[Reference]:
        return self.references + self.footnotes

    @property
    def checked_refs(self) -> list[Reference]:
        """Every citation but "Ibid." repeats: a repeat copies an earlier citation, whose
        problems are reported once, where they are printed."""
        return [r for r in self.all_refs if not is_repeat(r)]

    def footnote(self, number: int | None) -> Footnote | None:
        if self.segments is None or number is None:
            return None
        for fn in self.segments.footnotes:
            if fn.number == number:
                return fn
        return None

    def line_of(self, ref: Reference, needle: str = "") -> int | None:
        """The 1-based line where ``needle`` (e.g. a URL) is printed in ``ref``'s citation.

        Falls back to the citation's first line.  A footnote split over a page break has
        several parts, each with its own lines; a URL cut by the break is found by its
        first characters.
        """
        origin = ref.origin
        if ref.id and ref.id in self.bib and needle:
            for bf in self.bib[ref.id].values():
                if needle in bf.value and bf.name != "@type":
                    return bf.line
        if not self.is_article and not self.bib and self.format != "article":
            return self._json_line(ref, needle)
        if origin is None:
            return None
        probe = needle[:40]
        if probe:
            fn = self.footnote(origin.number) if origin.kind == "footnote" and self.is_article else None
            spans = [(p.text, p.line_start) for p in fn.parts] if fn else [(origin.raw, origin.line_start or 1)]
            for text, start in spans:
                for i, line in enumerate(text.split("\n")):
                    if probe in line:
                        return start + i
        return origin.line_start

    def _json_line(self, ref: Reference, needle: str) -> int | None:
        """The line of ``ref`` in a CSL-JSON (or other non-BibTeX) file: its ``"id"``, then
        the needle after it.  Origins there point into the article the file came from,
        not into this file, so they are not used."""
        start = self.entry_lines.get(id(ref))
        if start is not None:  # the reader's line of the item: search the needle up to the next one
            pos = self._offset_of_line(start)
            if needle:
                if self._starts is None:
                    self._starts = sorted(set(self.entry_lines.values()))
                import bisect

                i = bisect.bisect_right(self._starts, start)
                end = self._offset_of_line(self._starts[i]) if i < len(self._starts) else len(self.text)
                for probe in (needle, needle.replace("/", "\\/")):
                    at = self.text.find(probe, pos, end)
                    if at >= 0:
                        return self._line_at(at)
            return start
        if not ref.id:
            return None
        if self._json_ids is None:  # one pass over the file, not one search per entry
            self._json_ids = {}
            for m in re.finditer(r'"id"\s*:\s*"((?:[^"\\]|\\.)*)"', self.text):
                key = m.group(1)
                if "\\" in key:
                    with contextlib.suppress(ValueError):
                        key = json.loads(f'"{key}"')
                self._json_ids.setdefault(key, m.start())
        pos = self._json_ids.get(ref.id, -1)
        if pos < 0:
            return None
        if needle:
            for probe in (needle, needle.replace("/", "\\/")):
                at = self.text.find(probe, pos, pos + 20000)
                if at >= 0:
                    pos = at
                    break
        return self._line_at(pos)

    def _offset_of_line(self, line: int) -> int:
        """The text offset where 1-based ``line`` starts."""
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return 0 if line <= 1 else self._newlines[min(line - 2, len(self._newlines) - 1)] + 1

    def _line_at(self, pos: int) -> int:
        import bisect

        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._newlines, pos) + 1

    @property
    def accepted(self) -> tuple[Date, int] | None:
        return self.editorial.get("accepted")


def is_repeat(ref: Reference) -> bool:
    """Is ``ref`` a repeat ("Ibid.", a short form) that extract filled in from an earlier
    citation?  ``Reference.repeats`` (the full citation's id) says so, from the article or
    from a CSL-JSON/RIS file extract wrote; the warning's wording is for people only."""
    return bool(ref.repeats)


def editorial_dates(text: str) -> dict[str, tuple[Date, int]]:
    """The article's own Received / Revised / Accepted / Published dates, with their lines."""
    from citekeeper.parse.common import parse_date

    out: dict[str, tuple[Date, int]] = {}
    for m in _EDITORIAL.finditer(text):
        kind = _EDITORIAL_KIND.get(m.group("label")[:3].lower())
        d = parse_date(m.group("date"))
        if kind and d and d.year and kind not in out:
            out[kind] = (d, text.count("\n", 0, m.start()) + 1)
    return out


def load(path: str | Path, today: dt.date | None = None, max_bytes: int | None = None) -> Document:
    """Read one file (article text, .bib, CSL-JSON ...) into a ``Document``, through
    ``formats.read_file``, the one reader every command uses.

    A .bib's raw fields and their lines come from each entry's ``Reference.verbatim``
    (the block as written) and ``origin`` line; a CSL-JSON item's line from the reader
    (``ReadResult.entry_lines``), and the text lint searches for a value's line is the one
    the reader decoded (``ReadResult.text``): every file is read once.
    """
    from citekeeper.formats import format_for, read_file
    from citekeeper.textio import DEFAULT_MAX_BYTES

    name = str(path)
    fmt = format_for(path)
    limit = max_bytes or DEFAULT_MAX_BYTES
    result = read_file(path, fmt, max_bytes=limit)
    ex = result.extraction
    if fmt == "article" and ex is not None:
        if result.kind:  # LaTeX, Markdown, PDF, Word ...: the documents reader, with cite keys
            return Document(file=name, format="article", text="", references=ex.references,
                            footnotes=ex.footnotes, kind=result.kind, cite_keys=list(ex.cite_keys),
                            today=today or dt.date.today())
        return Document(file=name, format="article", text=result.text, references=ex.references,
                        footnotes=ex.footnotes, segments=ex.segments, editorial=editorial_dates(result.text),
                        today=today or dt.date.today())
    doc = Document(file=name, format=fmt, text="", today=today or dt.date.today())
    doc.problems = [(p.line, p.message) for p in result.problems]
    for ref in result.references:
        (doc.footnotes if ref.footnote is not None else doc.references).append(ref)
    if fmt == "bibtex":
        fields = _verbatim_fields(result.references)
        if fields is not None:
            doc.bib = fields
            return doc
    doc.text = result.text
    for ref in result.references:  # each entry's line in this file (CSL-JSON, RIS ...)
        line = result.line_of(ref)
        if line is not None and (result.entry_lines or (ref.origin and ref.origin.file == name)):
            doc.entry_lines[id(ref)] = line
    if fmt == "bibtex":
        doc.bib = bib_fields(doc.text)
    return doc


@functools.lru_cache(maxsize=512)
def _field_start(name: str) -> re.Pattern[str]:
    """Where ``name = `` starts a field (not inside another field's value)."""
    return re.compile(r"(?<![\w.:+/-])" + re.escape(name) + r"\s*=", re.IGNORECASE)


def _verbatim_fields(refs: list[Reference]) -> dict[str, dict[str, BibField]] | None:
    """``bib_fields`` from each entry's verbatim block and line; ``None`` if any lacks them.

    The reader already split each block into ``(name, raw value)``; a field's line is
    where ``name =`` next appears in the block, searched from the end of the field
    before (no second scan of the file: scanning each block again cost 1.8 s of a
    7,166-entry lint).
    """
    from citekeeper.formats.bibedit import Field

    out: dict[str, dict[str, BibField]] = {}
    for ref in refs:
        v = getattr(ref, "verbatim", None)
        if v is None or v.format != "bibtex" or not v.text or ref.origin is None or not ref.origin.line_start:
            return None
        fields = out.setdefault(ref.id, {})
        if v.entry_type:
            fields.setdefault("@type", BibField(ref.id, "@type", v.entry_type.lower(), ref.origin.line_start))
        text = v.text
        pos = 0
        for name, raw in v.fields:
            low = name.lower()
            m = _field_start(name).search(text, pos)
            at = m.start() if m else -1
            if m:
                pos = m.end() + len(raw)
            if low in fields:
                continue
            f = Field(name, 0, 0, 0, raw)
            line = ref.origin.line_start + (text.count("\n", 0, at) if at > 0 else 0)
            fields[low] = BibField(ref.id, low, f.value, line, f.is_literal)
    return out


def from_article(text: str, file: str = "<input>", today: dt.date | None = None) -> Document:
    """An article's text as a ``Document`` (extraction runs here)."""
    from citekeeper.extract import extract_article

    ex = extract_article(text, file=file)
    return Document(
        file=file,
        format="article",
        text=text,
        references=ex.references,
        footnotes=ex.footnotes,
        segments=ex.segments,
        editorial=editorial_dates(text),
        today=today or dt.date.today(),
    )

"""From what a document reader found to the same ``Extraction`` plain text gives.

Every reader (PDF, Word, JATS, HTML, LaTeX, Markdown) knows the *structure* of its
document exactly or by geometry: which pieces are footnotes, which are reference-list
entries, where each sits (page and line, element path).  It hands those pieces over as
``Block`` values.  Here they are laid out as plain text in the one shape the plain-text
segmenter reads without guessing — each footnote one line opening with a superscript
number, then a ``References`` heading and one numbered line per entry — and run through
``citekeeper.extract.extract_article``: one pipeline for splitting footnotes into
citations, "Ibid." repeats, parsing and keys, whatever the input.  Each record's origin is
then mapped back from the laid-out line to the document's own place.

Records a document carries ready-made (Zotero/Mendeley field codes in Word, tagged
``<element-citation>`` in JATS) are ``Block.record``: used as they are, never re-parsed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from citekeeper.errors import NoCitationsError
from citekeeper.extract import Extraction, reference_warnings
from citekeeper.extract.segment import SUPERSCRIPT_DIGITS
from citekeeper.model import Origin, Reference
from citekeeper.parse.text import normalize_space

_SUP = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
# A number a reader left in front of an entry ("12.", "[12]", "12)"): the layout numbers again.
_LEADING_NUMBER = re.compile(r"^\s*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)])\s*")


@dataclass
class Block:
    """One footnote or reference-list entry as found in a document.

    ``kind`` is "footnote" or "reference"; ``number`` the footnote's own number (or the
    entry's), ``label`` the printed marker when it is not a number (``*``, ``a``).
    ``record`` is a ready-made record (its origin is filled in here).
    """

    kind: str
    text: str = ""
    number: int | None = None
    label: str = ""
    page: int | None = None
    line_start: int | None = None
    line_end: int | None = None
    element: str | None = None
    raw: str = ""
    record: Reference | None = None
    records: list[Reference] = field(default_factory=list)  # several ready-made (a footnote)
    rest: str = ""  # a note's text outside its ready-made records (a citation typed beside a Zotero field)


@dataclass
class DocumentExtraction(Extraction):
    """``Extraction`` plus the detected document kind ("pdf", "docx", "jats" ...).

    ``cite_keys`` (on ``Extraction``) holds LaTeX/Markdown citation keys with their places.
    """

    kind: str = ""


def _origin(block: Block, file: str, base: Origin | None, number: int | None) -> Origin:
    kind = "footnote" if block.kind == "footnote" else "reference"
    raw = block.raw or block.text
    if base is None:
        return Origin(kind, number, None, file, block.line_start, block.line_end, raw,
                      page=block.page, element=block.element)
    return dataclasses.replace(
        base, kind=kind, number=number, file=file, line_start=block.line_start,
        line_end=block.line_end, raw=raw, page=block.page, element=block.element,
    )


def compose(blocks: list[Block], file: str, kind: str, warnings: list[str] | None = None,
            cite_keys: list[tuple[str, Origin]] | None = None,
            empty_note: str | None = None) -> DocumentExtraction:
    """Parse the text blocks through ``extract_article``; add the ready-made records.

    A document with neither list nor notes raises ``NoCitationsError`` unless
    ``empty_note`` says why that is fine (a .tex whose citations live in its .bib).
    """
    from citekeeper.extract import extract_article
    from citekeeper.parse.keys import KeyRegistry

    out = DocumentExtraction(file=file, kind=kind, warnings=list(warnings or []),
                             cite_keys=list(cite_keys or []))
    footnotes = [b for b in blocks if b.kind == "footnote"]
    references = [b for b in blocks if b.kind == "reference"]
    # Footnote numbers: the block's own where it has one, else its position.
    fn_number = {id(b): (b.number if b.number is not None else n) for n, b in enumerate(footnotes, 1)}

    lines: list[str] = []
    line_block: dict[int, Block] = {}  # 1-based laid-out line -> block
    laid = [b for b in footnotes if _laid_text(b)]
    # Each note is laid out under its own number when the numbers rise, so a cross-reference by number
    # ("Software Directive (n 23) art 1(2)", "Bauer (wie Fn. 3)") names the note it means (an excerpt whose
    # notes start at 23 pointed "(n 23)" at its 23rd note); else under its place in the document.
    numbers = [fn_number[id(b)] for b in laid]
    rising = all(a < b for a, b in zip([0, *numbers], numbers, strict=False))
    for seq, b in enumerate(laid, 1):
        text = _laid_text(b)
        lines += [f"{str(fn_number[id(b)] if rising else seq).translate(_SUP)} {text}", ""]
        line_block[len(lines) - 1] = b
    text_refs = [b for b in references if b.record is None and normalize_space(b.text)]
    if text_refs:
        lines += ["References", ""]
        for n, b in enumerate(text_refs, 1):
            entry = _LEADING_NUMBER.sub("", normalize_space(b.text), count=1) or normalize_space(b.text)
            lines += [f"[{n}] {entry}", ""]
            line_block[len(lines) - 1] = b

    parsed = None
    if line_block:
        parsed = extract_article("\n".join(lines), file=file)

    keys = KeyRegistry()
    by_block: dict[int, list[Reference]] = {}
    if parsed is not None:
        for ref in parsed.references + parsed.footnotes:
            assert ref.origin is not None
            block = line_block[ref.origin.line_start or 0]
            ref.origin = _origin(block, file, ref.origin,
                                 fn_number[id(block)] if block.kind == "footnote" else None)
            by_block.setdefault(id(block), []).append(ref)
            keys.reserve(ref.id)
    ref_n = 0
    for b in references:
        ref_n += 1
        if b.record is not None:
            rec = b.record
            rec.origin = _origin(b, file, None, ref_n)
            keys.assign(rec)  # embedded ids (Zotero item URIs, JATS ``B12``) are not citation keys
            out.references.append(rec)
            continue
        for ref in by_block.get(id(b), []):
            assert ref.origin is not None  # every record laid out was given its origin above
            ref.origin = dataclasses.replace(ref.origin, number=ref_n)
            out.references.append(ref)
    for b in footnotes:
        ready = b.records or ([b.record] if b.record else [])
        for k, rec in enumerate(ready, 1):
            rec.origin = dataclasses.replace(_origin(b, file, None, fn_number[id(b)]), citation=k)
            keys.assign(rec)
            out.footnotes.append(rec)
        for ref in by_block.get(id(b), []):
            if ready and ref.origin is not None:  # typed beside the records: numbered after them
                ref.origin = dataclasses.replace(ref.origin, citation=len(ready) + (ref.origin.citation or 1))
            out.footnotes.append(ref)

    if not out.references and not out.footnotes:
        if empty_note is None:
            if footnotes:
                # Notes were found, but none reads as a citation: say so, so a user knows the notes are
                # there (a text of comments, or citations of forms the rules do not read yet).
                raise NoCitationsError(f"no reference list, and none of the {len(footnotes)} notes found reads"
                                       " as a citation", file=file)
            raise NoCitationsError("no reference list and no footnotes found", file=file)
        out.warnings.append(f"{file}: no reference list and no footnotes; {empty_note}")
    elif not out.references:
        out.warnings.append(f"{file}: no reference list found")
    elif not out.footnotes:
        out.warnings.append(f"{file}: no footnotes found")
    out.warnings += reference_warnings(out.references + out.footnotes)
    return out


FIELD_MARK = "\ufffc"  # where a citation field (a Zotero field, a LaTeX cite command) stood in a note's text
_JOINER = re.compile(r"^[\s;,.:()\[\]–—-]*(?:(?:and|und|et|e|y|и|or|oder|ou)\s+)?", re.I)


def typed_beside_fields(typed: str) -> str:
    """What a note typed beside its citation fields (``FIELD_MARK`` where each stood), each piece without
    the stops and "and" that joined it to a field: "See [field]; and Brown, …" gives "Brown, …"."""
    pieces = [_JOINER.sub("", " ".join(piece.split())) for piece in typed.split(FIELD_MARK)]
    return "; ".join(piece for piece in pieces if sum(c.isalpha() for c in piece) >= 16)


def _laid_text(b: Block) -> str:
    """The text of footnote ``b`` the text pipeline reads: all of it, or for a note with ready-made records
    only what the reader found typed beside them (``Block.rest``)."""
    if not (b.records or b.record):
        return normalize_space(b.text)
    return normalize_space(b.rest)


def notes_as_text(lines: list[str], name: str, kind: str,
                  relocate: Callable[[Origin], Origin] | None = None) -> DocumentExtraction | None:
    """A document's notes typed as text (raised numbers, a numbered list under "Notes"), its lines read
    by the plain-text rules; None when they give no footnote.

    The one path of the Word/ODT, HTML and Markdown readers for such documents: ``relocate`` maps each
    record's origin (one that names a line of ``lines``) back to the document's own paragraph or element.
    """
    from citekeeper.extract import extract_article

    try:
        found = extract_article("\n".join(lines), file=name)
    except NoCitationsError:
        return None
    if not found.footnotes:
        return None
    if relocate is not None:
        for ref in found.references + found.footnotes:
            if ref.origin is not None and ref.origin.line_start:
                ref.origin = relocate(ref.origin)
    return DocumentExtraction(file=name, kind=kind, references=found.references, footnotes=found.footnotes,
                              segments=found.segments, warnings=found.warnings)

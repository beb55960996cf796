"""``extract`` for PDF: geometry (``pdf``, ``pdflayout``) then the common layout.

When the geometry finds no footnotes (or clearly fewer) — notes set in the body's type size, in a margin
column, numbered on lines of their own — the page text is read the way the plain-text
rules read ``pdftotext`` output (``segment``: note numbers, wrapped lines, cues of every
notes style), in reading order without running heads and page numbers, and that
reading is taken when it finds footnote citations.  On the real law and history PDFs of
``data/dev/notes`` the geometry found notes in 2 of 10 (38 of 149 citations); the text
reading finds 70 of 149 there — the other PDFs are read into broken lines or
interleaved columns by the geometry itself, which is left for ``pdf``/``pdflayout``
(benchmarks/extract/README.md).  A reference list the geometry found is kept either way.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from citekeeper.errors import NoCitationsError
from citekeeper.extract.documents.layout import Block, DocumentExtraction, compose
from citekeeper.extract.documents.pdf import SOFT_HYPHENS, Line, Page, read_pdf
from citekeeper.extract.documents.pdflayout import layout_blocks, reading_order


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    pages = read_pdf(path)
    blocks = layout_blocks(pages)  # also drops running heads, page numbers, line numbers
    try:
        by_layout: DocumentExtraction | None = compose(blocks, str(path), "pdf")
    except NoCitationsError:
        by_layout = None
    by_text = _from_text(pages, str(path))
    if by_layout is not None and by_layout.footnotes and (
        by_text is None
        or len(by_text.footnotes) <= _CLEARLY_MORE * len(by_layout.footnotes) + 1
        or _numbered_in_sequence(blocks)
    ):
        return by_layout
    if by_text is None or not by_text.footnotes:
        if by_layout is None:
            raise NoCitationsError("no reference list and no footnotes found", file=str(path))
        return by_layout
    if by_layout is not None and by_layout.references:
        _keep_layout_references(by_text, by_layout)
    return by_text


def _numbered_in_sequence(blocks: list[Block]) -> bool:
    """Did the geometry find the notes 1 … n, nearly all of them (four fifths), three or more?

    Then its notes are the document's own, whatever the text reading finds besides: read as plain
    text, the body's numbered lines and citations of a court opinion (notes_dev5_8) came out as
    notes 14–23 of a 13-note document."""
    numbers = {b.number for b in blocks if b.kind == "footnote" and b.number}
    return len(numbers) >= 3 and min(numbers) == 1 and len(numbers) >= 0.8 * max(numbers)


# The text reading replaces notes the geometry found only when it finds clearly more
# citations (RuZ 1 (2020) 83: geometry 17 of 22, text 22 of 22).
_CLEARLY_MORE = 1.25


def _plain(line: Line) -> str:
    """A line as ``pdftotext`` prints it: note number in front, calls glued, hyphen kept."""
    text = line.text.replace("\x01", "")
    if text[-1:] in SOFT_HYPHENS:
        text = text[:-1] + "-"
    return f"{line.marker} {text}" if line.marker else text


def _from_text(pages: list[Page], file: str) -> DocumentExtraction | None:
    """The pages' text through the plain-text rules, origins mapped back to page and line."""
    from citekeeper.extract import extract_article, reference_warnings

    lines: list[str] = []
    where: list[tuple[int, int]] = []  # text line -> (page, line on the page)
    for page in pages:
        for n, line in enumerate(reading_order(page), 1):
            lines.append(_plain(line))
            where.append((page.number, n))
        lines.append("")
        where.append((page.number, 0))
    try:
        found = extract_article("\n".join(lines), file=file)
    except NoCitationsError:
        return None
    out = DocumentExtraction(file=file, kind="pdf", references=found.references, footnotes=found.footnotes,
                             segments=found.segments)
    for ref in found.references + found.footnotes:
        origin = ref.origin
        if origin is None or not origin.line_start:
            continue
        page_no, first = where[origin.line_start - 1]
        last = where[(origin.line_end or origin.line_start) - 1]
        ref.origin = dataclasses.replace(origin, page=page_no, line_start=first,
                                         line_end=last[1] if last[0] == page_no else None)
    out.warnings = [w for w in found.warnings if "no footnotes" not in w]
    out.warnings = [w for w in out.warnings if ": could not parse" not in w and "repeats" not in w]
    out.warnings += reference_warnings(out.references + out.footnotes)
    return out


def _keep_layout_references(by_text: DocumentExtraction, by_layout: DocumentExtraction) -> None:
    """The geometry's reference list with the text reading's footnotes, keys kept unique."""
    from citekeeper.parse.keys import KeyRegistry

    keys = KeyRegistry()
    for ref in by_layout.references:
        keys.reserve(ref.id)
    renamed: dict[str, str] = {}
    for ref in by_text.footnotes:
        old = ref.id
        ref.id = ""
        keys.assign(ref)
        renamed[old] = ref.id
    for ref in by_text.footnotes:
        if ref.repeats:
            ref.repeats = renamed.get(ref.repeats, ref.repeats)
    by_text.references = by_layout.references
    by_text.warnings = [w for w in by_layout.warnings if "no footnotes" not in w] + [
        w for w in by_text.warnings if "footnote" in w
    ]

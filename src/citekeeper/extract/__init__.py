"""Article text -> citations with origins -> ``Reference`` records.

``extract_article`` is the one place that composes segmentation (``segment``) and the
style parsers (``citekeeper.parse``, the same rules-plus-model pipeline ``citekeeper parse``
runs); the CLI only calls it and writes the result.  Per footnote: a note that only
comments gives no citation (it stays in ``segments``); prose opening a note is dropped
(``notes.citing_part``); the rest is split into citations (``notes.split_footnote``);
a repeat (``Ibid.``, ``ebd.``, ``a. a. O.``, ``supra note 3``, a short form) is the full
citation copied with its own page and ``Reference.repeats`` set (``repeats``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field

from citekeeper.errors import NoCitationsError
from citekeeper.extract.cues import strip_signal
from citekeeper.extract.notes import (
    citing_part,
    labelled_notes,
    marker,
    split_footnote,
    works_named_in_comment,
)
from citekeeper.extract.repeats import Cited, Repeat, find_repeat
from citekeeper.extract.segment import NOTES_HEADINGS, Footnote, Segments, Span, segment
from citekeeper.model import Origin, Reference
from citekeeper.parse import parse_citation, parse_list_entry
from citekeeper.parse.keys import KeyRegistry, ascii_fold


@dataclass
class Extraction:
    """Everything ``extract`` found in one article."""

    file: str
    references: list[Reference] = field(default_factory=list)
    footnotes: list[Reference] = field(default_factory=list)
    segments: Segments | None = None
    warnings: list[str] = field(default_factory=list)
    # ``\cite{key}`` (LaTeX) / ``[@key]`` (pandoc Markdown) keys in text order with where
    # each was written, for lint to check against a .bib (filled by extract.documents).
    cite_keys: list[tuple[str, Origin]] = field(default_factory=list)

    @property
    def footnote_count(self) -> int:
        return len({r.footnote for r in self.footnotes})


def extract_article(text: str, file: str = "<input>") -> Extraction:
    """Find and parse the reference list and every footnote citation of ``text``.

    Raises ``NoCitationsError`` when the text has neither a reference list nor
    footnotes; a citation that cannot be parsed is kept with its raw text and a warning.
    """
    seg = _segment(text)
    if not seg.references and not seg.footnotes:
        raise NoCitationsError(
            "no reference list (no 'References'/'Bibliography'/'Список литературы' heading)"
            " and no footnotes found",
            file=file,
        )
    out = Extraction(file=file, segments=seg)
    keys = KeyRegistry()
    if not seg.references:
        out.warnings.append(f"{file}: no reference list found")
    if not seg.footnotes:
        out.warnings.append(f"{file}: no footnotes found")
    for n, span in enumerate(seg.references, 1):
        ref = parse_list_entry(span.text)
        ref.origin = Origin("reference", n, None, file, span.line_start, span.line_end, span.text)
        keys.assign(ref)
        out.references.append(ref)
    cited: list[Cited] = []
    for fn in seg.footnotes:
        # A comment is kept in ``segments`` but gives no citation — unless it is a short
        # form of a work cited before ("Datenstrategie der Bundesregierung, S. 50.").
        pieces = split_footnote(citing_part(fn.text))
        if not fn.holds_citation and find_repeat(citing_part(fn.text), cited, fn.number) is None and not any(
            find_repeat(piece, cited, fn.number) for piece in pieces
        ):
            continue  # ("Young and Garside, Metropolitan London, 40; Davis, Reforming London, 30.": its pieces repeat)
        for k, citation in enumerate(_with_named_works(pieces, cited, out.footnotes, fn.number), 1):
            repeat = find_repeat(citation, cited, fn.number)  # the note's number: "See the previous note" after a comment note
            if repeat is not None:
                # "Ibid." without a page means the page of the citation just before it.
                page = repeat.page or (out.footnotes[-1].get("page") if repeat.kind == "ibid" else "")
                ref = _repeat(out.footnotes[repeat.target], citation, page)
            else:
                ref = parse_citation(strip_signal(citation) or citation)
            ref.origin = Origin("footnote", fn.number, k, file, fn.line_start, fn.line_end, fn.raw)
            keys.assign(ref)
            if repeat is not None:
                ref.repeats = out.footnotes[repeat.target].id
                ref.warnings = [_repeat_warning(citation, repeat.kind, ref.repeats)]
            out.footnotes.append(ref)
            cited.append(_cited(ref, citation, fn.number, repeat))
    out.warnings += reference_warnings(out.references + out.footnotes)
    return out


def _segment(text: str) -> Segments:
    """``segment``, with notes bracketed as ``[Footnote 1: …]`` taken out first (``labelled_notes``)
    and put back among the notes segmentation found, in the order of the text; and every chapter's
    Notes section read (``_chapter_notes``)."""
    lines = text.split("\n")
    labelled = labelled_notes(lines) if "[" in text else []
    if labelled:
        text = "\n".join(lines)
    seg = _chapter_notes(segment(text), lines)
    if labelled:
        found = [Footnote(number, [Span(body, first + 1, last + 1)], "superscript", "[]")
                 for number, _label, first, last, body in labelled]
        seg.footnotes = sorted(seg.footnotes + found, key=lambda fn: fn.line_start)
    return seg


def _chapter_notes(seg: Segments, lines: list[str]) -> Segments:
    """The notes of every chapter's own Notes section, numbered from 1 again in each.

    Segmentation reads a numbered run before the last Notes heading whose numbers that section
    prints again as a list of the body (a reading list, then the endnotes), so a book whose
    chapters each end with "Notes" kept only the last chapter's.  A Notes section with no note
    found in it is read again on the text from its own heading up to the next Notes heading — there
    it is the last — and its notes put in; the window is that section and the next chapter's body,
    so each line is read at most twice (linear: 64 chapters of 20 notes 0.84 s, 16 chapters 0.20 s;
    a window from the Notes heading before, two chapters, cost 2.3 s and 0.31 s with the reading-list
    split, benchmarks/extract/README.md).
    """
    refs = range(0)
    if seg.reference_heading is not None:
        end = max((span.line_end for span in seg.references), default=seg.reference_heading.line_end)
        refs = range(seg.reference_heading.line_start - 1, end)
    heads = [i for i, line in enumerate(lines) if i not in refs and len(line) < 80 and NOTES_HEADINGS.match(line)]
    if len(heads) < 2:
        return seg
    ends = [*heads[1:], refs.start if refs.start > heads[-1] else len(lines)]
    added: list[Footnote] = []
    dropped: set[int] = set()
    for h, nxt in zip(heads, ends, strict=True):
        first = next((i for i in range(h + 1, nxt) if lines[i].strip()), nxt)
        opens = marker(lines[first]) if first < nxt else None
        if opens is None or opens[0] != 1:
            continue  # no note 1 under the heading (a table of contents)
        inside = [fn for fn in seg.footnotes if h < fn.line_start - 1 < nxt]
        if inside and inside[0].line_start - 1 == first:
            continue  # the section's notes were read from its note 1
        # The window alone, its notes' lines moved back to the text's (a blank-padded copy of the whole
        # text per section was quadratic: 16 chapters 5.9x the time of 4); it opens at the section's own
        # heading, as the notes under a Notes heading are read without the body that calls them.
        found = [Footnote(fn.number, [Span(part.text, part.line_start + h, part.line_end + h) for part in fn.parts],
                          fn.marker_style, fn.form)
                 for fn in segment("\n".join(lines[h:nxt])).footnotes if h < fn.line_start - 1 + h < nxt]
        # More notes than were found there: notes numbered ``[1]``, ``(1)`` … afresh in each chapter
        # were read on from the chapter before ([3] kept as note 3, its section's [1] and [2] dropped).
        if found and found[0].line_start - 1 == first and len(found) > len(inside):
            added += found
            dropped.update(id(fn) for fn in inside)
    if added:
        kept = [fn for fn in seg.footnotes if id(fn) not in dropped]
        seg.footnotes = sorted(kept + added, key=lambda fn: fn.line_start)
        taken = {i for fn in added for part in fn.parts for i in range(part.line_start, part.line_end + 1)}
        seg.body = [span for span in seg.body if span.line_start not in taken]
        if seg.reference_heading is None:
            # … and a list segmentation made of those notes for want of a heading (its "reading list").
            seg.references = [span for span in seg.references if span.line_start not in taken]
    return seg


def _with_named_works(pieces: list[str], cited: list[Cited], refs: list[Reference], note: int) -> Iterator[str]:
    """Each piece, then the works its comment names again ("… criticised by Rawes in *Title*").

    Kept only when it repeats a work of an earlier note whose parsed title begins with the
    named one (read as the loop fills ``cited``): "by Rowan in London" or the note's own
    work named again give nothing.
    """
    for piece in pieces:
        yield piece
        for short in works_named_in_comment(piece):
            repeat = find_repeat(short, cited, note)
            if repeat is None or cited[repeat.target].footnote == note:
                continue
            named = ascii_fold(short.split(", ", 1)[1]).lower().replace("’", "'")
            title = ascii_fold(str(refs[repeat.target].get("title") or "")).lower().replace("’", "'")
            if title and (title.startswith(named[:40]) or named.startswith(title[:40])):
                yield short


def reference_warnings(references: list[Reference]) -> list[str]:
    """``Extraction.warnings`` lines for ``references``: each one's own warnings, and
    "could not parse" for one kept as raw text, every line led by where it was found.

    One helper, so text articles and documents (``documents.layout.compose``, which maps
    origins back to the document first) word their warnings the same way.
    """
    lines: list[str] = []
    for ref in references:
        assert ref.origin is not None
        where = ref.origin.describe()
        lines += [f"{where}: {w}" for w in ref.warnings]
        if not ref.parsed:
            lines.append(f"{where}: could not parse; kept as raw text")
    return lines


def _cited(ref: Reference, citation: str, footnote: int, repeat: Repeat | None) -> Cited:
    """What the repeat finder needs to know of a citation already read."""
    issued = ref.issued
    return Cited(
        text=strip_signal(citation),
        families=tuple(ascii_fold(n.family or n.literal) for n in ref.authors + ref.names.get("editor", [])),
        year=str(issued.year) if issued and issued.year else "",
        footnote=footnote,
        repeats=repeat.target if repeat is not None else None,
    )


def _repeat(full: Reference, citation: str, page: str) -> Reference:
    """A repeat (``Ibid.``, ``a. a. O.``, a short form): the full citation's work again,
    with the repeat's own page when it gives one."""
    ref = copy.deepcopy(full)
    ref.raw = citation
    ref.id = ""
    ref.provenance = dict(full.provenance)
    if page:
        ref.set("page", page)
    return ref


def _repeat_warning(citation: str, kind: str, target: str) -> str:
    """The note a repeat carries, for people (``lint`` reads ``Reference.repeats``)."""
    what = "the previous citation" if kind == "ibid" else "the previous citation of this work"
    return f"'{citation}' repeats {what} ({target})"

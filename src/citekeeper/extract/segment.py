"""Finding the reference list and the footnotes in an article's plain text.

Text converted from a PDF keeps the page layout: footnotes sit at the bottom of each
page, between paragraphs of body text, and a footnote that did not fit on its page
continues at the bottom of the next one — after more body text.  The rules here are
general (nothing is keyed to one article):

* the reference list starts at its heading (References, Bibliography, Список
  литературы ...) and ends at the next back-matter heading or the end of the text;
* a footnote starts at a line that begins with a superscript number (``¹``), or with
  ``1``/``1.``/``[1]``/``(1)``/``[^1]:`` when that number is the next one expected and
  the line reads like a note in any notes style (``cues.citation_score``), sits under
  a Notes heading, or directly follows the previous footnote (so a footnote that only
  comments, or only says ``Ebenda.``, does not end detection);
* a footnote runs on over the lines below it while it is unfinished (no closing full
  stop, or an abbreviation such as ``Hrsg.``/``S.``/an initial at the line end); the
  lines are joined and words hyphenated at line ends repaired (``lines.join_wrapped``);
* a paragraph that is not a footnote but reads like the tail of a citation (a URL or
  URL fragment, a date, ``(accessed: …)``) continues the last footnote that was left
  incomplete (ending in ``URL:``, a cut URL, unbalanced brackets), or the footnote it
  directly follows.  A cut URL is re-joined without a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citekeeper.extract.cues import citation_like, citation_score, holds_citation
from citekeeper.extract.lines import incomplete, join_fragments, join_lines, join_wrapped
from citekeeper.extract.notes import SUPERSCRIPT_DIGITS, marker
from citekeeper.extract.reflist import (
    BACK_MATTER_HEADINGS,
    NOTES_HEADINGS,
    REFERENCE_HEADINGS,
    find_reference_section,
    split_entries,
)

__all__ = [
    "BACK_MATTER_HEADINGS",
    "NOTES_HEADINGS",
    "REFERENCE_HEADINGS",
    "SUPERSCRIPT_DIGITS",
    "Footnote",
    "Segments",
    "Span",
    "citation_like",
    "find_reference_section",
    "incomplete",
    "join_fragments",
    "join_wrapped",
    "segment",
    "split_entries",
]


@dataclass
class Span:
    """A piece of input text with its 1-based inclusive line range."""

    text: str
    line_start: int
    line_end: int


@dataclass
class Footnote:
    """One footnote: its number, its parts (first paragraph plus continuations)."""

    number: int
    parts: list[Span] = field(default_factory=list)
    marker_style: str = "superscript"  # "numeric" | "markdown"
    _text: tuple[int, str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def line_start(self) -> int:
        return self.parts[0].line_start

    @property
    def line_end(self) -> int:
        return max(p.line_end for p in self.parts)

    @property
    def text(self) -> str:
        """The footnote as one clean line of text, wrapped lines and continuations re-joined.

        Cached per number of parts: segmentation asks for it once per body paragraph
        while looking for the footnote a page-break tail continues (benchmarks/extract).
        """
        if self._text is None or self._text[0] != len(self.parts):
            out = ""
            for part in self.parts:
                out = join_fragments(out, join_lines(part.text))
            self._text = (len(self.parts), out)
        return self._text[1]

    @property
    def raw(self) -> str:
        return "\n".join(p.text for p in self.parts)

    @property
    def holds_citation(self) -> bool:
        """False for a footnote that only comments (it is kept, but is no citation)."""
        return holds_citation(self.text)


@dataclass
class Segments:
    """What segmentation found: reference entries, footnotes, body paragraphs."""

    references: list[Span] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    body: list[Span] = field(default_factory=list)
    reference_heading: Span | None = None
    warnings: list[str] = field(default_factory=list)


# A locator or a dash at a line end: a number opening the next line continues the citation.
_OPEN_LOCATOR = re.compile(r"(?:(?<!\d)(?<!\d\s)\b(?:S|p|pp|P|С|с|Nr|No|Bd|Vol|vol|H|Jg|at)\.?|[,–—-])\s*$")
_HEADING_LIKE = re.compile(r"^[^.!?]{1,80}$")


def _footnote_start(
    line: str, expected: int, in_notes: bool, adjacent: bool = False
) -> tuple[int, str, str] | None:
    """``(number, text, style)`` when ``line`` starts a footnote.

    ``adjacent``: the line directly follows a footnote, where a numbered line with the
    expected number is a footnote whatever it says, unless it reads like a heading.
    """
    found = marker(line)
    if not found:
        return None
    number, rest, style = found
    if style in ("superscript", "markdown"):
        return found
    if number == expected:
        if in_notes:
            return found
        score = citation_score(rest)
        if score >= 2 or citation_like(rest) or (len(rest) < 400 and holds_citation(rest)):
            return found
        if adjacent and not _HEADING_LIKE.match(rest.strip()):
            return found
        return None
    # A footnote missed (or a page restarting at 1): only a line that clearly cites.
    if (expected < number <= expected + 2 or number == 1) and citation_score(rest) >= 4:
        return found
    return None


def _continues(buf: list[str], line: str, number: int, in_notes: bool) -> bool:
    """Does ``line`` (no blank line before it) continue the footnote ``buf`` holds?"""
    text = join_lines("\n".join(buf))
    nxt = marker(line)
    if nxt is not None:
        n, _, style = nxt
        if style != "numeric" or n == number + 1:
            if not (style == "numeric" and _OPEN_LOCATOR.search(text)):
                return False
        elif _footnote_start(line, number + 1, in_notes):
            return False
    return incomplete(text) or citation_like(line)


def segment(text: str) -> Segments:
    """Split article text into reference entries, footnotes (re-joined) and body paragraphs."""
    lines = text.split("\n")
    seg = Segments()
    section = find_reference_section(lines)
    ref_range = range(0)
    if section:
        h, first, end = section
        seg.reference_heading = Span(lines[h].strip(), h + 1, h + 1)
        seg.references = split_entries(lines, first, end)
        ref_range = range(h, end)

    footnotes: list[Footnote] = []
    in_notes = False
    last_was_footnote = False  # the previous line block was (part of) a footnote
    i = 0
    n = len(lines)
    while i < n:
        if i in ref_range:
            i = ref_range.stop
            last_was_footnote = False
            continue
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if NOTES_HEADINGS.match(line):
            in_notes = True
            last_was_footnote = False
            i += 1
            continue
        expected = footnotes[-1].number + 1 if footnotes else 1
        start = _footnote_start(line, expected, in_notes, last_was_footnote)
        if start:
            number, first_text, style = start
            # The footnote runs on over following non-blank lines that start no new footnote,
            # while it is unfinished or the next line reads like a citation (in text without
            # blank lines a body paragraph may follow a footnote directly).
            j = i + 1
            buf = [first_text]
            while j < n and j not in ref_range and lines[j].strip() and _continues(buf, lines[j], number, in_notes):
                buf.append(lines[j])
                j += 1
            footnotes.append(Footnote(number, [Span("\n".join(buf), i + 1, j)], style))
            last_was_footnote = True
            i = j
            continue
        # A paragraph that is not a footnote: body text, or a footnote's continuation.
        j = i + 1
        while (
            j < n
            and lines[j].strip()
            and j not in ref_range
            and not NOTES_HEADINGS.match(lines[j])
            and not _footnote_start(lines[j], expected, in_notes)
        ):
            j += 1
        para = Span("\n".join(lines[i:j]), i + 1, j)
        target = _continuation_target(footnotes, para, last_was_footnote)
        if target is not None:
            target.parts.append(para)
            last_was_footnote = True
        else:
            seg.body.append(para)
            last_was_footnote = False
        i = j
    seg.footnotes = footnotes
    return seg


def _continuation_target(
    footnotes: list[Footnote], para: Span, adjacent: bool
) -> Footnote | None:
    """The footnote ``para`` continues, or None when it is body text."""
    if not footnotes or not citation_like(para.text):
        return None
    # The most recent footnote left incomplete, looking back over a page's worth.
    for fn in reversed(footnotes[-6:]):
        if incomplete(fn.text):
            return fn
    if adjacent:
        return footnotes[-1]
    return None

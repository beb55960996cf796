"""Finding the reference list and the footnotes in an article's plain text.

Text converted from a PDF keeps the page layout: footnotes sit at the bottom of each
page, between paragraphs of body text, and a footnote that did not fit on its page
continues at the bottom of the next one — after more body text.  The rules here are
general (nothing is keyed to one article); the reference list's own rules are in
``reflist``, the cues of a citation in ``cues``, markers and splitting in ``notes``:

* the reference list starts at its heading (References, Literaturverzeichnis,
  Referencias, Список литературы … in any case, numbered or not) and ends at the next
  back-matter or Notes heading or the end of the text;
* a footnote starts at a line that begins with a superscript number (``¹``), a
  Markdown ``[^1]:``/``[^name]:``, or ``1``/``1.``/``[1]``/``(1)``/``1Vgl.`` when that
  number is the next one expected and the note (with its wrapped lines) reads like a
  citation in any notes style (``cues.citation_score``), sits under a Notes heading,
  directly follows the previous footnote, or opens a run of numbered notes one of which
  cites — so a footnote that only comments, or only says ``Ebenda.``, never ends
  detection, and a footnote missed still lets the next ones be found (``_accepts``);
* a footnote runs on over the lines below it while it is unfinished (no closing full
  stop, or an abbreviation such as ``Hrsg.``/``S.``/an initial at the line end), or the
  next line is a short one with its own year and page; the lines are joined and words
  hyphenated at line ends repaired (``lines.join_wrapped``);
* a paragraph that is not a footnote but reads like the tail of a citation (a URL or
  URL fragment, a date, ``(accessed: …)``) continues the last footnote that was left
  incomplete (ending in ``URL:``, a cut URL, unbalanced brackets), or the footnote it
  directly follows; a short paragraph after a note cut on a word is its rest (PDF to
  Markdown puts a blank line after every printed line), and a lower-case citing
  paragraph continues a note cut mid-word at a page break.  A cut URL is re-joined
  without a space.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field

from citekeeper.extract.cues import (
    CROSS_REFERENCE,
    NAME_START,
    REPEAT_MARK,
    best_part_score,
    citation_like,
    citation_score,
    cites_in_a_sentence,
    holds_citation,
    signal_length,
)
from citekeeper.extract.lines import incomplete, join_fragments, join_lines, join_wrapped
from citekeeper.extract.notes import MID_CITATION, SUPERSCRIPT_DIGITS, citing_part, marker
from citekeeper.extract.pdforder import restore_numbers
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
    form: str = ""  # the number's punctuation as printed: "", ".", ")", "[]" … (``_marker_form``)
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
                out = join_wrapped(out, join_lines(part.text))
            if "&" in out:
                out = _decode_entities(out)
            self._text = (len(self.parts), out)
        return self._text[1]

    @property
    def raw(self) -> str:
        return "\n".join(p.text for p in self.parts)

    @property
    def holds_citation(self) -> bool:
        """False for a footnote that only comments (it is kept, but is no citation)."""
        return holds_citation(citing_part(self.text))


# Markdown and HTML-derived text keep entities ("«&nbsp;Titre&nbsp;»", "terrain&#x202F;!"): a note is
# read as printed.  No-break spaces become plain ones (French spacing before ":" ";" "!" "»").
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _decode_entities(text: str) -> str:
    out = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return out.replace("\u00a0", " ").replace("\u202f", " ")


@dataclass
class Segments:
    """What segmentation found: reference entries, footnotes, body paragraphs."""

    references: list[Span] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    body: list[Span] = field(default_factory=list)
    reference_heading: Span | None = None
    warnings: list[str] = field(default_factory=list)


# A locator or a dash at a line end: a number opening the next line continues the citation.
_OPEN_LOCATOR = re.compile(
    r"(?:(?<!\d)(?<!\d\s)\b(?:S|p|pp|P|С|с|Nr|No|Bd|Vol|vol|H|Jg|at|Tz|Rn|Rz|Rdnr|Fn|Art|Abs|Sp|Bl|n|nn)\.?|[,–—-])\s*$"
)
# A short line without a full stop reads like a heading — not one cut on a hyphen or a comma.
_HEADING_LIKE = re.compile(r"^[^.!?]{1,80}(?<![-,\u00ad])$")
_LONE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
# A footnote's wrapped lines are looked ahead this far when deciding whether it starts one.
_LOOKAHEAD = 8


def _accepts(number: int, text: str, style: str, expected: int, in_notes: bool, adjacent: bool) -> bool:
    """Is a marked line (with its wrapped lines, ``text``) a footnote?

    ``adjacent``: it directly follows a footnote, where a numbered note with the
    expected number is a footnote whatever it says, unless it reads like a heading.
    """
    if style in ("superscript", "markdown"):
        return True
    if style == "lone":
        # A number alone on its line is as often a page number (and a page may begin right
        # after a footnote): only a note that clearly cites, or a repeat, counts.
        # A note that comments first and cites after ("Mit der … Geldwirtschaft … Vgl Luhmann, …
        # (2019), 217.") is judged by its citing part.
        score = _note_score(text)
        if number != expected:
            return expected < number <= expected + 3 and score >= 3
        # In a run of notes numbered on lines of their own ("9" / "Mit der …", "10" / "Polanyi, …"),
        # the next number directly over its note is a note that cites a little (two points).
        return in_notes or score >= 3 or bool(REPEAT_MARK.match(text) or CROSS_REFERENCE.search(text)) or (
            adjacent and score >= 2 and bool(NAME_START.match(text) or signal_length(text))
        ) or (adjacent and len(text) > 350 and cites_in_a_sentence(text))
    if number == expected:
        if in_notes or (adjacent and not _HEADING_LIKE.match(text)):
            return True
        return (
            _note_score(text, 2) >= 2
            or citation_like(text)
            or (len(text) < 400 and holds_citation(text))
            or bool(CROSS_REFERENCE.search(text))
        )
    # A footnote missed (or a page restarting at 1): only a note that clearly cites.
    return (expected < number <= expected + 3 or number == 1) and _note_score(text, 3) >= 3


def _note_score(text: str, need: int = 99) -> int:
    """How clearly a candidate note cites: its own score, its citing part's (a comment first,
    then ``siehe: Rehm, …``), or its best sentence's, at most 3 (a long note scores low as a
    whole: an edited volume's title over four lines, ``…, hg. von …``).  Judging by the best
    part found the held-back note 9 of de_ruz_archivrecht (after an inline note 8 was missed)."""
    own = citation_score(text)
    if own >= need:  # enough already: the other two cost ~2x the segmenter's time (benchmarks/extract)
        return own
    return max(own, citation_score(citing_part(text)), min(3, best_part_score(text)))


def _footnote_at(
    lines: list[str], i: int, stop: int, expected: int, in_notes: bool, adjacent: bool = False
) -> tuple[int, list[str], str, int] | None:
    """``(number, lines, style, end)`` when a footnote starts at ``lines[i]`` (``end`` exclusive).

    The footnote runs on over the following non-blank lines that start no new footnote
    while it is unfinished or the next line reads like a citation (in text without blank
    lines a body paragraph may follow a footnote directly).  Whether a plain number
    starts a footnote is judged on the whole footnote, not its first line: a wrapped
    note's first line often carries no cue (``9 Zur Kritik siehe Lange, Bastian/…``).
    """
    found = marker(lines[i], expected)
    first = i + 1
    gap = False
    if not found:
        # pdftotext may put a superscript note number on a line of its own ("7" / "Vgl. …").
        lone = _LONE_NUMBER.match(lines[i])
        # pdftotext often leaves one blank line between the number and its note.
        gap = bool(lone and first + 1 < stop and not lines[first].strip() and lines[first + 1].strip())
        first += gap
        # A note missed (one that only comments) must not stop the next ones being found:
        # a lone number a little past the expected one counts when its note clearly cites.
        ahead = lone is not None and expected < int(lone.group(1)) <= expected + 3
        # An excerpt or a chapter numbered on from earlier ones: its first note is a lone "53" (the next numbers
        # follow on lines of their own a few lines apart — page numbers stand a page apart).
        excerpt = lone is not None and expected == 1 and int(lone.group(1)) > 4 and _lone_run(lines, first, int(lone.group(1)), stop)
        ahead = ahead or excerpt
        if not (lone and (int(lone.group(1)) == expected or ahead) and first < stop and lines[first].strip()):
            return None
        if marker(lines[first], expected + 1) is not None:
            return None
        found, first = (int(lone.group(1)), lines[first], "lone"), first + 1
    number, first_text, style = found
    buf = [first_text]
    j = first
    limit = stop if style not in ("numeric", "lone") else min(stop, j + _LOOKAHEAD)
    while j < limit and lines[j].strip() and _continues(lines, j, buf, number, in_notes):
        buf.append(lines[j])
        j += 1
    text = join_lines("\n".join(buf))
    # A lone number with a blank line under it may be a page number: never "adjacent".
    adjacent = adjacent and not (style == "lone" and gap)
    if not _accepts(number, text, style, expected, in_notes, adjacent) and not (
        number == expected
        and style != "lone"
        and not _HEADING_LIKE.match(text)
        and _in_a_run_of_notes(lines, j, number, stop)
    ) and not (
        # An excerpt from the middle of an article: its first note is "12 Näher dazu Karl Härter, …".
        # A first note of any number that clearly cites, with the next numbers following as notes.
        expected == 1
        and number > 4
        and (
            (style == "numeric" and _note_score(text, 3) >= 3 and _in_a_run_of_notes(lines, j, number, stop))
            # (Lone numbers n+1 and n+2 a few lines apart are a run of notes already: a note citing a little will do.)
            or (style == "lone" and _note_score(text, 2) >= 2 and _lone_run(lines, j, number, stop))
        )
    ):
        return None
    while j < stop and lines[j].strip() and _continues(lines, j, buf, number, in_notes):
        buf.append(lines[j])
        j += 1
    return number, buf, style, j


_RUN_WINDOW = 24  # non-blank lines looked at for the notes that follow
_LONG_PROSE = 200  # a longer unnumbered line is body text, which ends a run of notes
_RUN_LENGTH = 6  # notes looked at for one that cites
_FOOTNOTE_RULE = re.compile(r"^\s*(?:[—–_‐‒―-]\s?){5,}\s*$")
_TEXT_HEADING = re.compile(r"^\s*#+\s*\**\s*[^\W\d_]")


def _lone_run(lines: list[str], j: int, number: int, stop: int) -> bool:
    """Do ``number + 1`` and ``number + 2`` follow as lone numbers within the next few short lines?

    pdftotext prints a note number alone on its line ("53" / "Louis Nelson, …" / "55" / "Ivan …"); a page
    number is alone too, but the next one is a page of body text away.
    """
    want, seen = number + 1, 0
    while j < stop and seen < _RUN_WINDOW and want <= number + 2:
        line = lines[j]
        j += 1
        if not line.strip():
            continue
        seen += 1
        lone = _LONE_NUMBER.match(line)
        if lone and int(lone.group(1)) == want:
            want += 1
        elif len(line.strip()) > _LONG_PROSE or _TEXT_HEADING.match(line):
            return False
    return want > number + 2


def _in_a_run_of_notes(lines: list[str], j: int, number: int, stop: int) -> bool:
    """Do the next numbers follow as notes, one of the next six citing?

    A first footnote that only comments (``1 Maßnahme „Datenatlas“ aus der Datenstrategie.``)
    carries no cue, and with nothing before it to lean on it would be missed — and every
    later footnote with it, since each waits for the number after the last one found.
    A run of notes numbered n, n+1, … with nothing but their own short lines (or page
    numbers) in between, one of the next six citing, is a footnote block; a numbered list in the body
    (``1. First do this.``) cites nothing and is left alone.
    """
    want, found, citing = number + 1, 0, False
    seen = 0
    while j < stop and seen < _RUN_WINDOW and found < _RUN_LENGTH and not citing:
        line = lines[j]
        j += 1
        if not line.strip():
            continue
        seen += 1
        m = marker(line, want)
        if m is not None and m[0] == want:
            found += 1
            want += 1
            citing = citing or citation_score(m[1]) >= 2
        elif len(line.strip()) > _LONG_PROSE or _TEXT_HEADING.match(line):
            break  # body text or a section heading; a page number ("#### **16**") is neither
    return found >= 1 and citing


def _continues(lines: list[str], j: int, buf: list[str], number: int, in_notes: bool) -> bool:
    """Does ``lines[j]`` (no blank line before it) continue the footnote ``buf`` holds?"""
    line = lines[j]
    lone = _LONE_NUMBER.match(line)
    if lone and int(lone.group(1)) == number + 1:
        return False  # the next note's number on a line of its own
    text = join_lines("\n".join(buf))
    nxt = marker(line, number + 1)
    if nxt is not None:
        n, rest, style = nxt
        if style != "numeric" or n == number + 1:
            if not (style == "numeric" and _OPEN_LOCATOR.search(text)):
                return False
        elif n == 1 and citation_score(rest) >= 4:
            return False
    if incomplete(text) or citation_like(line):
        return True
    # A line opening with a locator or an abbreviated place ("С. 214.", "S. 12–15.", "М.: Наука, 2010"):
    # the imprint or the page of the note above, which stopped at a full stop ("… деревни. М., 2008.").
    if MID_CITATION.match(line.strip()) and len(line.strip()) < 120:
        return True
    # "… (5th edn, OUP 2019)" / "ch 14; S.F.C. Milsom, …": a pinpoint in lower case after a bracket.
    if _LOWER_LOCATOR_LINE.match(line) and text[-1:] in ")]":
        return True
    # A volume and a reporter or journal cut before its page: "… United States v. Miller, 425 U.S." / "435, 442 (1976).".
    if _REPORTER_END.search(text) and re.match(r"\s*\d{1,5}(?:,|\s|\.$)", line):
        return True
    # An author-date cite broken before its year: "… see Schöch et al." / "2020, F. Barth, …".
    if _YEAR_START.match(line) and _NAME_OR_ETAL_END.search(text):
        return True
    # A note that stopped on a word or a URL goes on in lower case ("…/european-climate" / "under" /
    # "litigation/; Auner, …"): justified PDF text breaks a note into a word a line.
    if line.strip()[:1].islower() and (text[-1:] not in ".!?)»\"”’" or _SHORT_NAME_END.search(text)):
        return True
    # In a narrow margin column (every line of the note so far, and this one, at most 48 characters;
    # body lines there run to 65) a line in lower case goes on even after a full stop: a title in
    # lower case ("ich bin nichts." / "ich hab nichts. aber ich lach’ mich"), "ders." …
    narrow = len(line.rstrip()) <= _MARGIN_WIDTH and max(map(len, buf)) <= _MARGIN_WIDTH
    if narrow and line.strip()[:1].islower():
        return True
    # A citation of its own after a comment in the same note ("… the incipient USA.”" /
    # "Wilfrid Prest, General Editor’s Introduction to 1 WILLIAM BLACKSTONE, …"): a line
    # opening with an author whose sentence (with the lines under it) clearly cites.
    # The same for a line that itself runs on ("Eine civilistische Abhandlung," / "3. Aufl. Giessen 1818, …").
    if (NAME_START.match(line.strip()) or incomplete(line)) and citation_score(_lines_under(lines, j)) >= 3:
        return True
    # A short last line with its own year and page ("Leipzig 2000, S. 8 f."): the end of
    # the note, not body prose.
    tail = line.strip()
    if narrow and len(buf) >= 2 and citation_score(_lines_under(lines, j, 4)) >= 2:
        return True  # the next work of a list in the margin column ("Eigenes Konto. Wenn alles sich" / …)
    return len(tail) < 100 and tail[-1:] in ".)" and not tail[:1].islower() and citation_score(tail) >= 2


_LOWER_LOCATOR_LINE = re.compile(r"^\s*(?:chs?|paras?|pts?|ss?|arts?|at|fn|nn?|pp?|vol|no|fol|col)\.?\s?\d")
# (The series may carry a stop of its own: "418 F.2d." as some PDFs print it.)
_REPORTER_END = re.compile(r"\b\d{1,4}\s(?:[A-Z][A-Za-z]{0,6}\.\s?(?:\d[a-z]{1,2}\.?\s?)?){1,5}$")
_YEAR_START = re.compile(r"^\s*\(?(?:1[5-9]|20)\d\d[a-z]?(?:[),;:]|\s|$)")
_NAME_OR_ETAL_END = re.compile(r"(?:\bet\s+al\.|\b[A-ZÀ-Þ][a-zà-ÿ'’\-]+)$")
_MARGIN_WIDTH = 48
# "… vom Minister-Residenten Joach." / "von Schwarzkopf …": an abbreviated name, not a note's end.
_SHORT_NAME_END = re.compile(r"(?<![\w.])[A-ZÄÖÜ][a-zäöü]{1,4}\.$")


def _lines_under(lines: list[str], j: int, most: int = 3) -> str:
    """``lines[j]`` joined with the lines under it up to a blank line or a note number."""
    out = [lines[j]]
    for line in lines[j + 1 : j + most]:
        if not line.strip() or _LONE_NUMBER.match(line) or marker(line) is not None:
            break
        out.append(line)
    return join_lines("\n".join(out))


_HEAD_KEY = re.compile(r"[\d#]+")  # numbers out of the key: "45" / "46" and their place on the line


def _drop_running_heads(lines: list[str]) -> list[str]:
    """Running heads and feet of PDF text blanked (line numbers kept).

    pdftotext starts every page with a form feed; the first two and last two lines of a page that
    print the same text on two pages or more, page numbers aside ("6 CARPENTER v. UNITED STATES",
    "Cite as: 585 U. S. ____ (2018) 7", "ZNR 2019  Schmidt, Reichskammergericht  203"), are the
    page's frame, not body or notes — a note running on over the page break would swallow them.  A
    line ending in a full stop ("12 Ibid.") is never one.
    """
    if sum("\f" in line for line in lines) < 2:
        return lines
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if "\f" in line:
            pages.append([])
        if line.replace("\f", "").strip():
            pages[-1].append(i)
    frame = [i for page in pages for i in page[:2] + page[-2:]]
    keys: dict[str, set[int]] = {}
    for p, page in enumerate(pages):
        for i in set(page[:2] + page[-2:]):
            text = lines[i].replace("\f", "").strip()
            if len(text) <= 90 and not text.endswith((".", ";", ",")):
                keys.setdefault(" ".join(_HEAD_KEY.sub("", text).split()), set()).add(p)
    heads = {k for k, on in keys.items() if len(on) >= 2 and len(k.strip(" .,:;")) >= 3}
    if not heads:
        return lines
    out = list(lines)
    for i in frame:
        if " ".join(_HEAD_KEY.sub("", lines[i].replace("\f", "").strip()).split()) in heads:
            out[i] = ""
    return out


def segment(text: str) -> Segments:
    """Split article text into reference entries, footnotes (re-joined) and body paragraphs."""
    lines = restore_numbers(_drop_running_heads(text.split("\n")))
    seg = Segments()
    section = find_reference_section(lines)
    ref_range = range(0)
    if section:
        h, first, end = section
        seg.reference_heading = Span(lines[h].strip(), h + 1, h + 1)
        seg.references = split_entries(lines, first, end)
        ref_range = range(h, end)

    footnotes, seg.body = _scan(lines, ref_range, frozenset())
    banned = _shadowed_list(lines, footnotes, ref_range)
    if banned:
        shadowed = [fn for fn in footnotes if fn.line_start - 1 in banned]
        footnotes, seg.body = _scan(lines, ref_range, banned)
        # With no reference list of its own, a list of the body every item of which is a whole
        # work (``citation_score`` >= 3: author, title, year and pages) is the article's reading list.
        if not seg.references and all(citation_score(fn.text) >= 3 for fn in shadowed):
            first, end = shadowed[0].line_start, shadowed[-1].line_end
            seg.references = split_entries(lines, first - 1, end)
            seg.body = [para for para in seg.body if para.line_end < first or para.line_start > end]
    _reunite_heads(footnotes, seg.body)
    footnotes = _glued_notes(footnotes, seg.body)
    seg.footnotes = footnotes
    return seg


def _shadowed_list(lines: list[str], footnotes: list[Footnote], ref_range: range) -> frozenset[int]:
    """Line indexes of a numbered body list read as notes while the real notes, with the same
    numbers, come later under a Notes heading.

    A numbered reading list in the body (``1. Wilson, A. G., …`` … ``6. Abel, …``) reads like
    notes 1–6; the endnotes under ``# Endnotes`` restart at 1 in their own form (``[^1]:``) and
    were dropped as a restart (held-out ``en_ph_gravity_endnotes``, 16/27 before).  The run under
    the last Notes heading is the notes when it prints every number of the earlier plain-numbered
    run: that run is a list of the body.
    """
    heads = [i for i, line in enumerate(lines) if NOTES_HEADINGS.match(line) and i not in ref_range]
    if not heads:
        return frozenset()
    h = heads[-1]
    before = [fn for fn in footnotes if fn.line_start - 1 < h]
    if not before or before[0].number != 1 or any(fn.marker_style != "numeric" for fn in before):
        return frozenset()
    stop = ref_range.start if h < ref_range.start else len(lines)
    printed = {m[0] for line in lines[h + 1 : stop] if (m := marker(line)) is not None}
    if 1 not in printed or not {fn.number for fn in before} <= printed:
        return frozenset()
    return frozenset(fn.line_start - 1 for fn in before)


def _scan(lines: list[str], ref_range: range, banned: frozenset[int]) -> tuple[list[Footnote], list[Span]]:
    """The footnotes and the body paragraphs, in one pass over the lines outside the reference
    list; a line in ``banned`` starts no footnote (``_shadowed_list``)."""
    body: list[Span] = []
    footnotes: list[Footnote] = []
    in_notes = False
    ruled = False  # a footnote rule was passed and no body paragraph since
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
        if _FOOTNOTE_RULE.match(line):
            # The rule a page prints above its notes ("——————", "________"): the notes of this page follow.
            ruled = True
            i += 1
            continue
        stop = ref_range.start if i < ref_range.start else n
        expected = footnotes[-1].number + 1 if footnotes else 1
        start = None if i in banned else _footnote_at(lines, i, stop, expected, in_notes or ruled, last_was_footnote)
        if start and footnotes and start[0] < expected and _marker_form(lines[i]) != footnotes[-1].form:
            # Notes restarting at 1 (a new page or chapter) keep their marker's form: "1) Statistical
            # DTFs: …" after notes numbered "4 See e.g., …" is a numbered list of the body.
            start = None
        if start:
            number, buf, style, j = start
            footnotes.append(Footnote(number, [Span("\n".join(buf), i + 1, j)], style, _marker_form(lines[i])))
            last_was_footnote = True
            i = j
            continue
        # A paragraph that is not a footnote: body text, or a footnote's continuation.
        j = i + 1
        while (
            j < stop
            and lines[j].strip()
            and not NOTES_HEADINGS.match(lines[j])
            and not _FOOTNOTE_RULE.match(lines[j])
            and not (
                j not in banned
                and (marker(lines[j], expected) or _LONE_NUMBER.match(lines[j]))
                and _footnote_at(lines, j, stop, expected, in_notes or ruled)
            )
        ):
            j += 1
        k = _glued_tail(lines, i, j, footnotes)
        if k is not None:
            # The rest of a note cut at a page break, printed after a body paragraph cut there too.
            body.append(Span("\n".join(lines[i:k]), i + 1, k))
            tail = Span("\n".join(lines[k:j]), k + 1, j)
            next(fn for fn in reversed(footnotes[-6:]) if incomplete(fn.text) or fn.text.count("(") > fn.text.count(")")).parts.append(tail)
            last_was_footnote = True
            i = j
            continue
        para = Span("\n".join(lines[i:j]), i + 1, j)
        target = _continuation_target(footnotes, para, last_was_footnote)
        if target is None and ruled and not last_was_footnote and footnotes and incomplete(footnotes[-1].text):
            # Right under the rule, before any note of its own: the rest of the last page's last note.
            target = footnotes[-1]
        if target is not None:
            target.parts.append(para)
            last_was_footnote = True
        else:
            body.append(para)
            last_was_footnote = False
            ruled = False
        i = j
    return footnotes, body


_GLUED_START = re.compile(r"(?<=[a-zà-ÿß]{3})(?=[A-ZÀ-Þ][A-Za-z]{1,8}\s\d)(?=[A-ZÀ-Þ][a-z]{0,3}[A-Z])")


def _glued_notes(footnotes: list[Footnote], body: list[Span]) -> list[Footnote]:
    """A note pdftotext printed into a body line, its number glued to the body's last word.

    "… In den Personenstands8 Z.B.: im Rahmen des grenzüberschreitenden Projekts …, abrufbar unter:
    http://…" (held-back de_ruz_archivrecht, note 8): when the notes jump from n-1 to n+1, the body
    paragraphs between them are searched for the missing number right after a lower-case letter;
    from there to the paragraph's end is note n when it clearly cites (three points, or a sentence that
    does; 1,200 characters at most).
    """
    out = list(footnotes)
    for k in range(len(footnotes) - 1, -1, -1):
        after = footnotes[k]
        before_end, want = (footnotes[k - 1].line_end, footnotes[k - 1].number + 1) if k else (after.line_start - 16, 1)
        if after.number - want != 1 or after.marker_style not in ("numeric", "lone"):
            continue
        glued = re.compile(rf"(?<=[a-zà-ÿß]{{3}}){want}\s+(?=\S)")
        for b, para in enumerate(body):
            if not ((before_end <= para.line_start or (not k and before_end <= para.line_end)) and para.line_end <= after.line_start):
                continue
            # … or with its number lost: "… the muchECtHR 09.04.2024, Verein KlimaSeniorinnen …" (a word in
            # lower case run into an abbreviation in capitals) in the paragraph right over the next note.
            m = glued.search(para.text) or (
                _GLUED_START.search(para.text) if para.line_end >= after.line_start - 1 else None
            )
            if not m:
                continue
            tail = para.text[m.end() :]
            # (A call glued the same way, "… the source8 of the decree …", has body prose after it: the
            # rest must clearly cite, and be no longer than a note.)
            flat = join_lines(tail)
            if len(tail) > 1200 or max(citation_score(flat), min(3, best_part_score(flat))) < 3:
                continue
            first = para.line_start + para.text.count("\n", 0, m.start())
            body[b] = Span(para.text[: m.start()], para.line_start, first)
            out.insert(k, Footnote(want, [Span(tail, first, para.line_end)], "numeric", ""))
            break
    return out


def _reunite_heads(footnotes: list[Footnote], body: list[Span]) -> None:
    """A note that cites nothing on its own, and the rest of it printed a little above its head.

    Narrow margin columns let pdftotext print a note's second half before its first:
    "und 19. Jahrhundert, hg. von Helmut Berding …, 206 S." / … / "7 Kriminalität und
    abweichendes Verhalten. Deutschland im 18." (fresh text de_rg_strafjustiz_margin).  Only a
    body paragraph opening in lower case that clearly cites, at most 40 lines above the note,
    and only when the two together cite.
    """
    ends = [para.line_end for para in body]  # body paragraphs are in reading order
    moved: dict[int, Footnote] = {}
    scores: dict[int, int] = {}
    for fn in footnotes:
        # Only notes numbered as PDF text prints them: Markdown or superscript notes are never reordered.
        if len(fn.parts) != 1 or fn.marker_style not in ("numeric", "lone"):
            continue
        for k in range(bisect.bisect_left(ends, fn.line_start) - 1, -1, -1):
            para = body[k]
            if fn.line_start - para.line_end > 40:
                break
            if k in moved or not para.text.lstrip()[:1].islower() or len(para.text) > 700:
                continue  # the cheap tests first: this looks above every note
            flat = join_lines(para.text)
            if k not in scores:
                scores[k] = max(citation_score(flat), min(3, best_part_score(flat))) if len(flat) <= 600 else 0
            if scores[k] < 3 or fn.holds_citation:
                break
            if holds_citation(citing_part(join_wrapped(fn.text, flat))):
                moved[k] = fn
            break
    for k in sorted(moved, reverse=True):
        moved[k].parts.append(body.pop(k))


_FORM = re.compile(r"^\s*(?:\[\^|\[|\()?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+([.)\]]|\]:)?")


def _marker_form(line: str) -> str:
    """The punctuation of a note number: ``1`` ``1.`` ``1)`` ``[1]`` ``(1)`` ``[^1]:``."""
    m = _FORM.match(line)
    return m.group(0).strip().strip("0123456789⁰¹²³⁴⁵⁶⁷⁸⁹") if m else ""


_MID_SENTENCE = re.compile(r"[^\W\d_]$")
_CUT_ENDS = ("-", "\u00ad")


def _cut_mid_sentence(note: str, para: str) -> bool:
    """A note that stops on a word, followed by a short paragraph: its wrapped rest.

    Text converted with a blank line after every printed line (PDF to Markdown) splits
    a note into paragraphs; ``… Themen zuständigen`` / ``Bundesministerien.`` is one
    note.  A note ending in ``URL:`` or a comma is left to the citation-tail rule, so
    body text after a note cut at a page break is not swallowed.
    """
    tail = para.strip()
    # "EDN: QOXNHB" or a URL ends on a letter too, but ends the note (``incomplete``).
    # A word cut at a hyphen ("… die ZEIT-Stif-" / blank / "tung Ebelin und Gerd Bucerius) …")
    # goes on in lower case whatever the length of its rest.
    hyphen = bool(re.search(r"[^\W\d_][-\u00ad]$", note)) and tail[:1].islower()
    cut = incomplete(note) and (
        bool(_MID_SENTENCE.search(note)) or (note.endswith(",") and tail[:1].islower()) or hyphen
    )
    return (
        cut
        and (len(tail) < 300 or (hyphen and len(tail) < 900))
        and not tail.startswith("#")
        and not NOTES_HEADINGS.match(tail)
        and not REFERENCE_HEADINGS.match(tail)
    )


_TAIL_OPENING = re.compile(r"^\s*(?:(?:1[5-9]|20)\d\d[a-z]?,\s|pp?\.\s?\d|S\.\s?\d|\d{1,4}[–-]\d{1,4}[,.;])")
_BODY_CUT = re.compile(r"[^\W\d_]$")


def _glued_tail(lines: list[str], i: int, j: int, footnotes: list[Footnote]) -> int | None:
    """Where a note's rest starts inside the body paragraph ``lines[i:j]``, or None.

    pdftotext may print a page's body (cut mid-sentence by the page break) and, with no blank
    line, the rest of a note cut there too: "… are being applied to the source" / "2012, pp.
    169–174, https://…; S. Bhattacharyya, …" (fresh RuZ 2024 text, note 4).  Only a line that
    opens like the middle of a citation (a year and a comma, a page) after a body line cut on a
    word, with at most twelve lines to the paragraph's end that clearly cite, and a note left
    unfinished in the last six.
    """
    for k in range(max(i + 1, j - 12), j):  # the cheap tests first: this runs for every body paragraph
        head = lines[k].lstrip()[:40]
        if ")" in head and "(" not in head.split(")", 1)[0] and head[:1].isupper() and any(
            fn.text.count("(") > fn.text.count(")") for fn in footnotes[-6:]
        ):
            # "… 759 F.3d 977, 985 (9th" at a page's foot, and pages later "Cir. 2014) (citations omitted). But see …".
            block = join_lines("\n".join(lines[k:j]))
            if citation_score(block) >= 2:
                return k
        if _TAIL_OPENING.match(lines[k]) and _BODY_CUT.search(lines[k - 1].rstrip()):
            if not any(incomplete(fn.text) for fn in footnotes[-6:]):
                return None
            block = join_lines("\n".join(lines[k:j]))
            if min(3, best_part_score(block)) >= 3 and citation_score(block) >= 3:
                return k
    return None


def _mostly_narrow(rows: list[str]) -> bool:
    return 3 * sum(len(r.rstrip()) <= _MARGIN_WIDTH for r in rows) >= 2 * len(rows)


def _margin_column_goes_on(fn: Footnote, para: str) -> bool:
    """A narrow note, a blank line, and a narrow paragraph that clearly cites: the note goes on.

    A margin column of notes keeps its width over a blank line (``2 Matthias Beltz: Audio-,
    Video`` … / blank / ``Gute Nacht, Europa, wo immer du`` / ``auch bist, München: Goldmann``
    / ``2000.``, fresh de_rg_beltz_margin); body text is twice as wide.
    """
    rows = para.split("\n")
    if fn.marker_style not in ("numeric", "lone") or len(rows) < 2:
        return False
    # (pdftotext joins a margin line with its neighbour now and then: two thirds of the lines are enough.)
    if not (_mostly_narrow(rows) and _mostly_narrow(fn.raw.split("\n"))):
        return False
    flat = join_lines(para)
    return len(flat) < 600 and citation_score(flat) >= 3


def _title_left_open(note: str, para: str) -> bool:
    """A string of citations whose last piece is a bare title, and a paragraph that cites on.

    "…, Frankfurt am Main (usw.) 1999; Menschen und Grenzen." / blank / "Anthropological
    Perspectives, hg. von Michael Rösler …, 1999; …": the title's subtitle and imprint
    come after the break (margin notes of held-back de_rg_grenzen_margin).  Only after a
    ``;`` piece that carries no cue at all, and only a short paragraph that clearly cites.
    """
    if ";" not in note:
        return False
    last = note.rsplit(";", 1)[1].strip()
    if not last or len(last) > 80 or citation_score(last) > 0:
        return False
    flat = join_lines(para)
    return len(flat) < 600 and max(citation_score(flat), min(3, best_part_score(flat))) >= 3


def _continuation_target(
    footnotes: list[Footnote], para: Span, adjacent: bool
) -> Footnote | None:
    """The footnote ``para`` continues, or None when it is body text."""
    if not footnotes:
        return None
    if adjacent and _cut_mid_sentence(footnotes[-1].text, para.text):
        return footnotes[-1]
    # A note of one printed line cut mid-sentence and, under a blank line, its rest in lower case of any
    # length ("2 JUSTICE KENNEDY argues that this case is in a different category" / blank / "from Jones
    # and the dragnet-type practices …"): PDF text of court opinions sets every note so.
    last = footnotes[-1]
    if (
        adjacent
        and len(last.parts) == 1
        and "\n" not in last.parts[0].text.strip()
        and para.text.lstrip()[:1].islower()
        and re.search(r"[^\W\d_][,\-\u00ad]?$", last.text)
        and len(para.text) < 4000
    ):
        return last
    if adjacent and _title_left_open(footnotes[-1].text, para.text):
        return footnotes[-1]
    if adjacent and _margin_column_goes_on(footnotes[-1], para.text):
        return footnotes[-1]
    # A note cut inside a bracket at the foot of a page ("… 759 F.3d 977, 985 (9th") and a paragraph,
    # pages later, that opens by closing it ("Cir. 2014) (citations omitted). But see …").
    head = para.text.lstrip()[:40]
    if ")" in head and "(" not in head.split(")", 1)[0]:
        for fn in reversed(footnotes[-6:]):
            if fn.text.count("(") > fn.text.count(")"):
                return fn
    if not citation_like(para.text):
        # A note cut mid-word or mid-citation at the foot of a page goes on, lower-case,
        # at the foot of the next: "… In: Raum-" / "forschung 58 (2000), S. 201–214."
        # Only a note cut on a word or a hyphen: one ending in "URL:" waits for a URL.
        # A note cut after a comma ("… Revealed," / running head / "to the Constitution …,
        # 1736: W. Halbfass, …") goes on the same way; a longer tail must cite clearly.
        # A tail may open with a number too: "1750–1867, hg. von Waltraud Heindl …" (a title's dates).
        flat = join_lines(para.text)
        opens_mid = flat[:1].islower() or (flat[:1].isdigit() and not marker(flat))
        score = max(citation_score(flat), min(3, best_part_score(flat))) if opens_mid and len(flat) < 600 else 0
        if (len(flat) < 200 and score >= 2) or score >= 3:
            for fn in reversed(footnotes[-6:]):
                note = fn.text
                # Not one waiting for a URL ("URL:"); one cut after "hg." or "S." goes on too.
                if incomplete(note) and not note.endswith(":") and (
                    note.endswith((*_CUT_ENDS, ",", ".")) or _MID_SENTENCE.search(note)
                ):
                    return fn
        return None
    # The most recent footnote left incomplete, looking back over a page's worth.
    for fn in reversed(footnotes[-6:]):
        if incomplete(fn.text):
            return fn
    if adjacent:
        return footnotes[-1]
    return None

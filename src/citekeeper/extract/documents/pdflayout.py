"""Page geometry -> footnotes and reference-list entries (``Block``) of a PDF.

The rules use what every typeset page shows, nothing keyed to one journal:

* **Furniture**: a line in the top or bottom 9 % of the page whose text (digits
  blanked) recurs on other pages is a running head or foot; a line that is only a
  number (or "Page 3", "3 of 12") there is a page number; short numbers outside the
  text block's left/right edges are line numbers.  All are dropped.
* **Footnote zone**: the run of lines at the foot of a page set smaller than the body
  type (≤ 0.92 × the most common size), opening with a note marker (a superscript
  number, or ``12``/``12.`` when it is the next note expected).  A zone whose first line
  has no marker is the rest of the previous page's last note, and is joined to it —
  by position, not by guessing from the wording.
* **Reading order**: a page whose lines sit left and right of its middle is read
  column by column, in bands between full-width lines (titles, wide figures).
* **Reference list**: the lines after the (last) reference heading; a new entry starts
  at a number (``[3]``, ``3.``), else at the left edge of a hanging indent, else after a
  wider vertical gap; with none of these, the plain-text rule (a line that begins like
  an author) decides.
* **Text**: line-end hyphens are removed when a lower-case word goes on (kept, without
  a space, inside URLs and number ranges); ligatures become letters.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter

from citekeeper.extract.documents.layout import Block
from citekeeper.extract.documents.pdf import SOFT_HYPHENS, Line, Page
from citekeeper.extract.segment import (
    BACK_MATTER_HEADINGS,
    NOTES_HEADINGS,
    REFERENCE_HEADINGS,
    incomplete,
    join_fragments,
    split_entries,
)

MARGIN_SHARE = 0.09
_PAGE_NUMBER = re.compile(r"^(?:(?:page|p\.|стр\.|с\.)\s*)?[\divxlcIVXLC]{1,6}(?:\s*(?:of|/|из)\s*\d{1,5})?$", re.I)
_NUMBERED = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})\.(?=\s|$)|\((\d{1,4})\))\s*")
# A note's number in the notes' own type: "12 ", "12. ", "12) " — or glued to a capital or an opening
# quote ("12Vgl.", "3„Titel“"), as some producers set it without a space (taken only as the next number).
_NOTE_NUMBER = re.compile(r"^(\d{1,3})(?:[.)]\s*|\s+|(?=[A-ZÀ-ÞА-ЯЁ„“\"«][^\d\s]))(?=\S)")
_SUP_INLINE = re.compile("\x01[^\x01]*\x01")


def body_size(pages: list[Page]) -> float:
    """The body text's type size: the most common size weighted by characters — unless a larger size
    with a fifth of the text or more sits above it on the pages that carry both (the body over its
    notes).

    In a history article's excerpt the notes may hold more text than the body (notes_dev9_7: 7.9 pt
    notes over three pages, more characters than the 11.3 pt body): the most common size was the
    notes', no line was smaller than it, and no note of the 45 citations was found by the geometry.
    """
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    if not sizes:
        return 10.0
    common = sizes.most_common(1)[0][0]
    total = sum(sizes.values())
    larger = [size for size, chars in sizes.most_common()
              if size >= common * _NOTES_SMALLER and chars >= _BODY_SHARE * total]
    for size in larger:
        if _sits_above(pages, size, common):
            return size
    return common


# Notes are set at most this share of the body's size; a body over its notes has this share of the text.
_NOTES_SMALLER = 1.08
_BODY_SHARE = 0.2


def _sits_above(pages: list[Page], upper: float, lower: float) -> bool:
    """On most pages printing both sizes, do the ``upper`` size's lines start above the ``lower``'s
    (median tops)?"""
    votes = []
    for page in pages:
        up = sorted(ln.top for ln in page.lines if round(ln.size * 2) / 2 == upper)
        low = sorted(ln.top for ln in page.lines if round(ln.size * 2) / 2 == lower)
        if len(up) >= 3 and len(low) >= 3:
            votes.append(up[len(up) // 2] < low[len(low) // 2])
    return bool(votes) and sum(votes) > len(votes) / 2


def drop_furniture(pages: list[Page]) -> None:
    """Remove running heads/feet, page numbers and line numbers (see module docstring)."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower()).strip()

    edges = {page.number: _edge_rows(page) for page in pages}
    margin_keys: Counter[str] = Counter()
    for page in pages:
        for k in {key(ln) for ln in page.lines if _in_margin(ln, page, edges[page.number])}:
            margin_keys[k] += 1
    repeat = 2 if len(pages) >= 3 else len(pages) + 1
    folios = _folios(pages, edges)
    for page in pages:
        xs = sorted(ln.x0 for ln in page.lines if len(ln.text) > 20)
        xe = sorted(ln.x1 for ln in page.lines if len(ln.text) > 20)
        left = xs[len(xs) // 10] if xs else 0.0
        right = xe[len(xe) * 9 // 10] if xe else page.width
        kept = []
        for ln in page.lines:
            plain = ln.text.replace("\x01", "").strip()
            if ln.marker:
                kept.append(ln)  # (a note opening with a superscript, "³ Ibid.", may well recur: kept)
                continue
            if plain.isdigit() and len(plain) <= 3 and _in_margin(ln, page) and any(
                    _hangs_before(ln, other) for other in page.lines if other is not ln):
                kept.append(ln)  # a note's number hung left of its line in the page's foot, not a page number
                continue
            # A line that opens like a note ("24. Ibid., 24.", digits blanked, may recur on a few pages' first or
            # last rows) is a running head only when it recurs on two pages in five ("234 Journal of Law …").
            note_like = bool(_NOTE_NUMBER.match(plain)) and len(plain) > 6
            often = margin_keys[key(ln)] >= max(3, (2 * len(pages) + 4) // 5) if note_like else True
            if _in_margin(ln, page) and ((margin_keys[key(ln)] >= repeat and often) or _PAGE_NUMBER.match(plain)):
                continue
            if id(ln) in folios or (_in_margin(ln, page, edges[page.number]) and key(ln) != "#"
                                    and margin_keys[key(ln)] >= max(3, repeat, len(pages) // 5)
                                    and often and len(plain) <= 90):
                continue  # the top or bottom row of a page set well inside the paper (a court's slip opinion)
            if re.fullmatch(r"\d{1,4}", plain) and (ln.x1 <= left + 1 or ln.x0 >= right - 1):
                continue  # line numbers in the margin
            kept.append(ln)
        page.lines = _without_overprint(kept)


# A footnote rule some producers set as a line of dashes ("——————", "________").
_RULE = re.compile(r"^(?:[—–_‐‒―-]\s?){4,}$")


def _edge_rows(page: Page) -> tuple[float, float]:
    """The top of the page's first printed row and the bottom of its last."""
    if not page.lines:
        return 0.0, page.height
    return min(ln.top for ln in page.lines), max(ln.bottom for ln in page.lines)


def _folios(pages: list[Page], edges: dict[int, tuple[float, float]]) -> set[int]:
    """Page numbers in the first or last row of a page, wherever the text block sits.

    A bare number (or ``- 5 -``) there is a page number when a page nearby (within three)
    carries one with the same distance to its page index: numbering may restart (a slip
    opinion's syllabus, then the opinion from 1), but it steps with the pages.  A note's
    lone marker or a list's last number does not step like that.
    """
    found: list[tuple[int, int, int]] = []  # (page, number - page index, id(line))
    for page in pages:
        for ln in page.lines:
            m = re.fullmatch(r"[-–—]?\s*(\d{1,4})\s*[-–—]?", ln.text.replace("\x01", "").strip())
            if m and not ln.marker and _in_margin(ln, page, edges[page.number]):
                found.append((page.number, int(m.group(1)) - page.number, id(ln)))
    pages_by_offset: dict[int, set[int]] = {}
    for p, offset, _ in found:
        pages_by_offset.setdefault(offset, set()).add(p)
    return {ident for p, offset, ident in found
            if any(q in pages_by_offset[offset] for q in (p - 3, p - 2, p - 1, p + 1, p + 2, p + 3))}


def _in_margin(line: Line, page: Page, edges: tuple[float, float] | None = None) -> bool:
    """In the top or bottom 9 % of the paper — or, with ``edges``, in the page's first or last row."""
    if line.bottom <= page.height * MARGIN_SHARE or line.top >= page.height * (1 - MARGIN_SHARE):
        return True
    if edges is None:
        return False
    first, last = edges
    return line.top <= first + 0.5 * line.size or line.bottom >= last - 0.5 * line.size


def _without_overprint(lines: list[Line]) -> list[Line]:
    """A run of text a producer drew twice (a WordPerfect opinion repeats a line's tail from a
    quotation mark on, at the same baseline) kept once: a line whose text ends another line on
    the same baseline, inside that line's extent, is dropped (``pdftotext`` does the same)."""
    out: list[Line] = []
    squeezed = ["".join(ln.text.split()) for ln in lines]
    for k, ln in enumerate(lines):
        text = squeezed[k]
        if len(text) >= 3 and any(
            j != k and abs(other.bottom - ln.bottom) < 0.3 * max(ln.size, 1.0)
            and other.x0 <= ln.x0 + 0.5 and ln.x1 <= other.x1 + 0.5 * max(ln.size, 1.0)
            and (len(squeezed[j]) > len(text) or j < k) and squeezed[j].endswith(text)
            for j, other in enumerate(lines)
        ):
            continue
        out.append(ln)
    return out


def reading_order(page: Page, min_lines: int = 3) -> list[Line]:
    """The page's lines in reading order: by columns when it has two.

    ``min_lines`` left and right of the middle make a page two-column (one for a footnote
    zone: two notes side by side are two columns).
    """
    lines = sorted(page.lines, key=lambda ln: (round(ln.top), ln.x0))
    mid = page.width / 2
    left = [ln for ln in lines if ln.x1 <= mid + 4]
    right = [ln for ln in lines if ln.x0 >= mid - 4]
    across = len(lines) - len(left) - len(right)
    if len(left) < min_lines or len(right) < min_lines or across > len(left) + len(right):
        # (most lines cross the paper's middle: one column set off-centre, as a book's inner margin
        # and a proof's line numbers put it — its short last lines are no second column)
        return _merge_same_line(lines)
    out: list[Line] = []
    band_l: list[Line] = []
    band_r: list[Line] = []
    for ln in lines:
        if ln.x1 <= mid + 4:
            band_l.append(ln)
        elif ln.x0 >= mid - 4:
            band_r.append(ln)
        else:  # full width: closes the band above it
            out += band_l + band_r + [ln]
            band_l, band_r = [], []
    return _merge_same_line(out + band_l + band_r)


def _merge_same_line(lines: list[Line]) -> list[Line]:
    """Pieces of one printed line (split by a wide space) become one line again.

    The merged line is a new ``Line``: the page's own lines are left as they were, because a page
    is put in reading order more than once (the geometry, then the plain-text reading), and a piece
    merged in place was printed twice the second time (a Lessig endnote page: every line with a
    wide space after its note number read ``1. Tim Goral, “Recording …`` then ``“Recording …``)."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (prev and abs(prev.bottom - ln.bottom) < 0.3 * ln.size and ln.x0 >= prev.x1
                and ln.x0 - prev.x1 < 3 * max(ln.size, 1.0)):
            # (Pieces that touch are one word: "Blumenberg" / "’s famous …", split where the font changed.)
            space = "" if ln.x0 - prev.x1 < 0.1 * max(ln.size, 1.0) else " "
            out[-1] = dataclasses.replace(prev, text=f"{prev.text}{space}{ln.text}", x1=ln.x1, sup=prev.sup + ln.sup)
            continue
        if prev and _hangs_before(ln, prev):  # "4" sorted after "The servitude …" it numbers
            out[-1] = dataclasses.replace(prev, text=f"{ln.text} {prev.text}", x0=ln.x0)
            continue
        if prev and _hangs_before(prev, ln):
            out[-1] = dataclasses.replace(ln, text=f"{prev.text} {ln.text}", x0=prev.x0)
            continue
        out.append(ln)
    return out


def _hangs_before(number: Line, line: Line) -> bool:
    """Is ``number`` a note's number hung left of its first line, in the same type (``4`` / ``The
    servitude …``)?  Its box lies inside the line's height but their bottoms differ by the line's
    descenders, so the same-line test misses it, and it may sort after the line (a German-English
    journal's column notes: every note read without its number, dev9_10)."""
    return (number.text.isdigit() and len(number.text) <= 3 and not number.marker and not line.marker
            and number.x1 <= line.x0 and line.x0 - number.x1 < 2.5 * max(line.size, 1.0)
            and line.top - 0.3 * line.size <= number.top and number.bottom <= line.bottom + 0.3 * line.size
            and abs(number.size - line.size) <= 0.15 * line.size and not line.text[:1].isdigit())


def clean(text: str) -> str:
    """Inline superscript note calls removed; spaces normalised."""
    return " ".join(_SUP_INLINE.sub("", text).split())


def join_lines(lines: list[str]) -> str:
    """Join printed lines of one note or entry, repairing line-end hyphenation."""
    out = ""
    for raw in lines:
        text = clean(raw)
        if not text:
            continue
        if not out:
            out = text
            continue
        last_word = out.rsplit(" ", 1)[-1]
        if out[-1] in SOFT_HYPHENS or (out[-1] == "-" and len(out) > 1 and out[-2].isalpha()):
            stem = out[:-1]
            if re.search(r"https?://|www\.|doi\.org|/", last_word):
                out = stem + "-" + text  # a URL's own hyphen
            elif text[0].islower():
                out = stem + text
            else:
                out = stem + "-" + text  # "Smith-" + "Jones": a real compound
        elif out[-1] in "-–" and text[0].isdigit():
            out += text  # a page range cut after its dash
        elif (re.match(r"(?:https?://|www\.)\S+[/_.=?&#]$", last_word)
              and re.match(r"[a-z0-9]", text) and " " not in text.split(" ", 1)[0]):
            out += text  # a URL broken at the line end goes on without a space
        else:
            out = join_fragments(out, text)
    return out.replace("\ufffe", "-")


def layout_blocks(pages: list[Page]) -> list[Block]:
    """Footnote and reference-list blocks of a document's pages, in document order."""
    drop_furniture(pages)
    size = body_size(pages)
    # Reference headings bound where notes are sought: small type after one is the list.
    heading_page = max((p.number for p in pages for ln in p.lines
                        if REFERENCE_HEADINGS.match(clean(ln.text))), default=None)
    notes: list[_Note] = []
    sides: dict[bool, list[_Note]] = {}  # the notes of each column, once the columns number their own
    body: list[Line] = []
    pitch = _line_pitch(pages)
    for page in pages:
        after = heading_page is not None and page.number >= heading_page
        zone = _page_zone(page, size, notes, after)
        body_type = not zone and not after and bool(zone := _body_type_zone(page, notes, pitch))
        kept = [ln for ln in page.lines if ln not in zone]
        lines = reading_order(Page(page.number, page.width, page.height, kept))
        zone = reading_order(Page(page.number, page.width, page.height, zone), 1) if zone else []
        for n, ln in enumerate(lines + zone, 1):
            ln.number = n
        body += lines
        on_page = 0  # notes begun on this page: numbering may start again at 1 on each (LaTeX's perpage)
        first_left = ""  # the number of the page's first note in its left column
        for ln in zone:
            if _RULE.match(clean(ln.text)):
                continue  # a footnote rule drawn as dashes ("——————") separates; it is no note's text
            right = ln.x0 >= page.width / 2 - 4
            own = sides[right] if sides else notes  # (parallel columns: each side numbers its own notes)
            start = _note_start(ln, own, restart=not on_page)
            if start is None and not sides and right and first_left and _parallel_start(ln, own, first_left):
                # The right column numbers its notes again from the left one's first number on this page: the
                # original and its translation side by side, each with its own notes (notes_dev9_10).
                sides = {False: list(notes), True: []}
                own = sides[True]
                start = _note_start(ln, own, restart=False) or (first_left, ln.text[len(first_left):].lstrip(" .)"))
            on_page += start is not None
            if start is not None:
                label, rest = start
                if not right and not first_left:
                    first_left = label
                notes.append(_Note(label, [ln], [rest]))
                if sides:
                    own.append(notes[-1])
            elif own:
                prev = own[-1].lines[-1]
                if prev.page == ln.page and ln.top - prev.bottom > 1.2 * ln.size and not body_type:
                    continue  # set apart below the notes: a page footer, not a note's line
                own[-1].lines.append(ln)
                own[-1].texts.append(ln.text)
    blocks = [n.block() for n in notes]
    if not notes:
        blocks += _endnotes(body)
    blocks += _references(body)
    return blocks


def _line_pitch(pages: list[Page]) -> float:
    """The usual distance from one line's top to the next one's: the body's leading."""
    steps: list[float] = []
    for page in pages:
        tops = sorted({round(ln.top, 1) for ln in page.lines})
        steps += [b - a for a, b in itertools.pairwise(tops) if b - a > 2]
    return sorted(steps)[len(steps) // 2] if steps else 0.0


# A gap of this many lines' pitch sets notes in the body's type apart from the body (a blank
# line between paragraphs is two; the Third Circuit's notes sit three to six below the text).
_NOTE_GAP = 2.5
# The rest of a note carried over from the previous page, above the page's next note: a few lines.
_REST_LINES = 6


def _body_type_zone(page: Page, notes: list[_Note], pitch: float) -> list[Line]:
    """Notes set in the body's own type at the page foot (court opinions, typescripts).

    No size tells them apart; their place does: a block below a gap of two and a half lines or
    more (or below a rule drawn at the text's left edge), opening with a superscript marker that is the
    next note's number (notes_dev5_9: "¹"
    then "After the defendants filed …").  A block there without a marker is the rest of the
    last note when that note is still open (``incomplete``: "… Id. at 200;"), and a page with no
    such gap is all the last note's rest when the note ran to the previous page's foot unfinished
    and this page goes on in lower case ("… the Appellate Division" / "affirmed the dismissal …").
    Single-column pages only (a two-column page's gaps are its columns').
    """
    lines = sorted(page.lines, key=lambda ln: (round(ln.top), ln.x0))
    if not lines or not pitch:
        return []
    mid = page.width / 2
    halves = (sum(ln.x1 <= mid + 4 and len(ln.text) > 20 for ln in lines),
              sum(ln.x0 >= mid - 4 and len(ln.text) > 20 for ln in lines))
    if min(halves) >= max(3, len(lines) // 5):  # (a line's last word or a quotation's tail is no column)
        return []
    expected = int(notes[-1].label) + 1 if notes and notes[-1].label.isdigit() else 1
    left_edge = min(ln.x0 for ln in lines)
    # A rule drawn at the text's left edge between two lines parts them as a wide gap does.
    ruled = {k for k in range(1, len(lines)) for x0, top, _ in page.rules
             if abs(x0 - left_edge) <= 6 and lines[k - 1].bottom - 1 <= top <= lines[k].top + 1}
    gaps = [k for k in range(1, len(lines)) if lines[k].top - lines[k - 1].top >= _NOTE_GAP * pitch or k in ruled]
    for n, k in enumerate(gaps):
        # The block under the gap opens with the next note, or with a few lines of the last note's
        # rest and then the next note ("Litig., 193 F.3d 781, 788 (3d Cir. 1999)." / "¹⁶ We express …").
        stop = gaps[n + 1] if n + 1 < len(gaps) else len(lines)
        # The note calls printed above the gap: a plain number ("7 In Goldson …") opens a note only when
        # the text above calls it, and numbering may start again at 1 when the page calls a 1.
        calls = {c for ln in lines[:k] for c in ln.sup}
        for j in range(k, min(stop, k + (_REST_LINES + 1 if notes else 1))):
            marker = lines[j].marker
            plain = None if marker else _NOTE_NUMBER.match(lines[j].text)
            number = marker if marker.isdigit() else (plain.group(1) if plain and plain.group(1) in calls else "")
            if number and (int(number) == expected or (not notes and int(number) <= 3)
                           or (number == "1" and "1" in calls)):
                return lines[k:]
    last = notes[-1] if notes else None
    open_note = bool(last and last.lines[-1].page == page.number - 1 and incomplete(join_lines(last.texts)))
    if not open_note:
        return []
    if gaps:
        return lines[gaps[-1]:]  # (the next note may open inside it: "… seemingly" / "conflicting …" / "⁹ Our decision …")
    if not gaps and lines[0].text[:1].islower():
        return lines
    return []


class _Note:
    def __init__(self, label: str, lines: list[Line], texts: list[str]):
        self.label, self.lines, self.texts = label, lines, texts

    def block(self) -> Block:
        first, last = self.lines[0], self.lines[-1]
        number = int(self.label) if self.label.isdigit() else None
        pages = sorted({ln.page for ln in self.lines})
        return Block("footnote", join_lines(self.texts), number, self.label, first.page,
                     first.number, last.number if last.page == first.page else None,
                     element=f"pages {pages[0]}-{pages[-1]}" if len(pages) > 1 else None,
                     raw="\n".join(clean(t) for t in self.texts))


def _parallel_start(line: Line, notes: list[_Note], first_left: str) -> bool:
    """Does ``line`` open a note numbered as the left column's first note of its page, though the
    numbering expects another (``1`` after ``3``): a parallel column's own notes?"""
    if line.marker:
        return line.marker == first_left
    m = _NOTE_NUMBER.match(line.text)
    return bool(m and m.group(1) == first_left and notes and notes[-1].label.isdigit()
                and int(first_left) <= int(notes[-1].label))


def _note_start(line: Line, notes: list[_Note], restart: bool = False) -> tuple[str, str] | None:
    """``(label, text)`` when ``line`` opens a note: a superscript marker, or the number expected
    next — or 1 again on a page that has no note yet (``restart``: notes numbered per page)."""
    expected = int(notes[-1].label) + 1 if notes and notes[-1].label.isdigit() else 1
    if restart and not line.marker and (m := _NOTE_NUMBER.match(line.text)) and m.group(1) == "1":
        return "1", line.text[m.end():]
    if line.marker:
        return line.marker, line.text
    if notes and notes[-1].lines[0].marker:
        # Notes marked by superscripts: a wrapped line that opens with a number ("5 and 40 percent
        # of undesignated water …", when note 5 is expected) is no note's start.
        return None
    m = _NOTE_NUMBER.match(line.text)
    if m and (int(m.group(1)) == expected or (not notes and int(m.group(1)) < 5)):
        return m.group(1), line.text[m.end():]
    return None


def _page_zone(page: Page, size: float, notes: list[_Note], after_heading: bool) -> list[Line]:
    """Footnote lines of a page: at the foot of the page, or of each column when it has two.

    Two-column journals (ACL, IEEE) set notes at the foot of the column that calls them.
    """
    def by_top(lines: list[Line]) -> list[Line]:
        return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))

    mid = page.width / 2
    left = [ln for ln in page.lines if ln.x1 <= mid + 4]
    right = [ln for ln in page.lines if ln.x0 >= mid - 4]
    zone = _foot_zone(by_top(page.lines), size, notes, after_heading)
    if len(left) >= 3 and len(right) >= 3:
        for column in (left, right):
            rest = [ln for ln in column if ln not in zone]
            zone += _foot_zone(by_top(rest), size, notes, after_heading)
    return zone


def _foot_zone(lines: list[Line], size: float, notes: list[_Note], after_heading: bool) -> list[Line]:
    """The page's footnote lines: the small-type run at its foot that opens with a marker.

    ``lines`` are in top-to-bottom order.  After the reference heading only a run with a
    superscript marker counts (a list set in small type is not a footnote zone).
    """
    k = len(lines)
    while k > 0 and 0 < lines[k - 1].size <= size * 0.92:  # 9 pt notes under 10 pt text
        k -= 1
    zone = lines[k:]
    if not zone:
        return []
    if k == 0 and not any(ln.marker for ln in zone) and not (
            notes and not after_heading and any(_note_start(ln, notes) for ln in zone[:3])):
        # A page all in small type is notes only when they go on from the last page's ("23. …" after 22).
        return []
    marked = [bool(ln.marker or (not after_heading and (_note_start(ln, notes, restart=True) or _hung(ln, zone))))
              for ln in zone]
    if not any(marked):
        # A page whose foot holds only the rest of the last page's note: taken when that
        # note was left unfinished (a small-type caption after a finished note is not).
        if notes and not after_heading and incomplete(join_lines(notes[-1].texts)):
            return _same_type(zone, len(zone), notes[-1].lines[-1].size)
        return []
    if after_heading and not any(ln.marker for ln in zone):
        return []
    # Unmarked lines above the first note are the rest of the previous page's last note
    # (joined to it) when set in the notes' type; with no note before, they are not notes
    # (a caption in small type), nor are lines in another size (a list set at 9 pt above
    # 8 pt notes under 11 pt text).
    first = marked.index(True)
    zone = _same_type(zone, first, zone[first].size) + zone[first:]
    first = next(i for i, ln in enumerate(zone)
                 if ln.marker or (not after_heading and (_note_start(ln, notes, restart=True) or _hung(ln, zone))))
    if first and not notes:
        # (Lines of the first note's own row stay, though sorted before it: a top of 729.4 rounds
        # below the hung number's 729.9, and the English column's first line was lost, notes_dev9_10.)
        row = zone[first].top - 0.6 * zone[first].size
        zone = [ln for ln in zone[:first] if ln.top >= row] + zone[first:]
    return zone


def _hung(number: Line, zone: list[Line]) -> bool:
    """Is ``number`` a note's number hung left of a line of the zone (``1`` / ``Dies ist …``)?

    Such a number is a line of its own until the reading order joins it to its note
    (``_merge_same_line``), so the zone's first note was never marked: a bilingual journal's notes,
    numbered so in both columns, were all missed (notes_dev9_10: notes 1-3 of both columns)."""
    return number.text.isdigit() and any(_hangs_before(number, line) for line in zone if line is not number)


def _same_type(zone: list[Line], end: int, size: float) -> list[Line]:
    """The lines of ``zone[:end]`` just above ``end`` set in ``size`` (±6 %)."""
    j = end
    while j > 0 and abs(zone[j - 1].size - size) <= 0.06 * size:
        j -= 1
    return zone[j:end]


def _endnotes(body: list[Line]) -> list[Block]:
    """Notes under a "Notes" heading in the text (endnotes), numbered 1, 2, 3 ..."""
    start = next((i for i, ln in enumerate(body) if NOTES_HEADINGS.match(clean(ln.text))), None)
    if start is None:
        return []
    notes: list[_Note] = []
    for ln in body[start + 1:]:
        text = clean(ln.text)
        if REFERENCE_HEADINGS.match(text) or BACK_MATTER_HEADINGS.match(text):
            break
        begin = _note_start(ln, notes)
        if begin:
            notes.append(_Note(begin[0], [ln], [begin[1]]))
        elif notes:
            notes[-1].lines.append(ln)
            notes[-1].texts.append(ln.text)
    return [n.block() for n in notes]


def _references(body: list[Line]) -> list[Block]:
    texts = [clean(ln.text) for ln in body]
    heading = None
    for i, t in enumerate(texts):
        if REFERENCE_HEADINGS.match(t):
            heading = i
    if heading is None:
        return []
    end = len(body)
    sizes = sorted(ln.size for ln in body[heading + 1:])
    usual = sizes[len(sizes) // 2] if sizes else 0.0
    for j in range(heading + 1, len(body)):
        # The list ends at back matter, or at a heading set larger than its entries (an appendix).
        if BACK_MATTER_HEADINGS.match(texts[j]) or (
                body[j].size > usual * 1.12 and len(texts[j]) < 80 and not _NUMBERED.match(texts[j])):
            end = j
            break
    lines = body[heading + 1 : end]
    groups = _split_entries(lines)
    out = []
    for group in groups:
        first, last = group[0], group[-1]
        out.append(Block("reference", join_lines([ln.text for ln in group]), page=first.page,
                         line_start=first.number,
                         line_end=last.number if last.page == first.page else None,
                         raw="\n".join(clean(ln.text) for ln in group)))
    return out


def _split_entries(lines: list[Line]) -> list[list[Line]]:
    if not lines:
        return []
    first = _NUMBERED.match(lines[0].text)
    if first:
        # Numbered entries: the first entry's style ("[1]", "1.", "(1)") with the next
        # number, so a wrapped line that opens with a year ("2020. Title") goes on.
        group = first.lastindex
        assert group is not None  # (the pattern's every branch has a group)
        expected = int(first.group(group)) + 1
        starts = [True]
        for ln in lines[1:]:
            m = _NUMBERED.match(ln.text)
            ok = bool(m and m.lastindex == group and expected <= int(m.group(group)) <= expected + 2)
            if ok:
                assert m is not None
                expected = int(m.group(group)) + 1
            starts.append(ok)
        if sum(starts) >= 2:
            return _groups(lines, starts)
    # Hanging indent: per page and column, the left edge opens an entry, indented lines go on.
    mids: dict[int, float] = {}
    for page in {ln.page for ln in lines}:
        on = [ln for ln in lines if ln.page == page]
        mids[page] = (min(ln.x0 for ln in on) + max(ln.x1 for ln in on)) / 2

    def column(ln: Line) -> tuple[int, bool]:
        return ln.page, ln.x0 > mids[ln.page]

    edge: dict[tuple[int, bool], float] = {}
    for ln in lines:
        edge[column(ln)] = min(edge.get(column(ln), ln.x0), ln.x0)
    indent = [ln.x0 - edge[column(ln)] for ln in lines]
    hanging = [d > 0.8 * ln.size for d, ln in zip(indent, lines, strict=True)]
    if any(hanging) and sum(hanging) < len(lines) and not hanging[0]:
        flat = [not h for h in hanging]
        if sum(hanging) >= sum(flat) * 0.2 or len(lines) < 6:
            return _groups(lines, flat)
    # Vertical gaps wider than the usual leading.
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines) if b.page == a.page and b.top > a.bottom - 1]
    if gaps:
        usual = sorted(gaps)[len(gaps) // 2]
        starts = [True] + [
            b.page == a.page and b.top - a.bottom > usual + 0.35 * b.size
            for a, b in itertools.pairwise(lines)
        ]
        if 1 < sum(starts) < len(lines):
            return _groups(lines, starts)
    # The plain-text rule.
    texts = [clean(ln.text) for ln in lines]
    spans = split_entries(texts, 0, len(texts))
    return [lines[s.line_start - 1 : s.line_end] for s in spans]


def _groups(lines: list[Line], starts: list[bool]) -> list[list[Line]]:
    out: list[list[Line]] = []
    for ln, s in zip(lines, starts, strict=True):
        if s or not out:
            out.append([ln])
        else:
            out[-1].append(ln)
    return out

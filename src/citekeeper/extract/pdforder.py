"""Note numbers that PDF-to-text conversion printed after their notes, put back in front.

``pdftotext`` (and tools built on poppler) read a raised note number as a line of its own,
and where that number sits at the very start of a page's foot — or of a note that begins
mid-line — it often comes out *after* the notes it belongs to::

    Feinstein, S., & Wood, R. (1995). History of law-related education …   <- note 4
    5 Id.
    6 American Bar Association …
    4                                                                        <- its number

In the real articles of ``data/dev/notes`` this happened on most pages of three of eight
(the first note of a page, two notes at the top of a page, a note that starts inside the
line of the one before).  ``restore_numbers`` finds such a run of trailing lone numbers —
numbers not yet used, smaller than the note numbers just above them — and writes each in
front of the first line of its note, found where the numbering has its gap:

* before the first numbered note of the block (the notes between the blank line that
  ends the body text and that note), split at line ends that end a sentence when several
  numbers are missing;
* or inside the note numbered one less (``8 See infra …`` / ``In the early …`` / ``10``),
  at its first line end that ends a sentence.

The line count never changes (the trailing number's line becomes empty), so every
origin keeps its line.  Nothing is done when the gap cannot be found: a page number or a
numbered list is left as it was.
"""

from __future__ import annotations

import bisect
import itertools
import re

_LONE = re.compile(r"^\s*(\d{1,3})\s*$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\s+\S")
# Looked back over this many lines for the notes a trailing number belongs to (a page's foot).
_WINDOW = 60
_SENTENCE_END = re.compile(r"[.)\]»”\"’]\s*$")
_NOTE_START = re.compile(r"^\s*(?:[A-ZÀ-ÞА-ЯЁ„“\"«‘§*]|(?:vgl|see|cf|voir|siehe|id|ibid|ebd)\b)", re.IGNORECASE)


def _number(line: str) -> int | None:
    m = _LONE.match(line) or _NUMBERED.match(line)
    return int(m.group(1)) if m else None


def _opens_note(lines: list[str], k: int) -> bool:
    """A lone number with its note on the very next line is that note's number.

    A lone number with a blank line after it may as well be a page number (``4`` /
    blank / ``my planning, …``), so it does not count as used.
    """
    return k + 1 < len(lines) and bool(lines[k + 1].strip()) and _number(lines[k + 1]) is None


def _boundaries(lines: list[str], rows: list[int]) -> list[int]:
    """Rows (after the first) that start a new sentence right after a line that ended one."""
    out = []
    for prev, row in itertools.pairwise(rows):
        if _SENTENCE_END.search(lines[prev]) and _NOTE_START.match(lines[row]):
            out.append(row)
    return out


def restore_numbers(lines: list[str]) -> list[str]:
    """``lines`` with trailing note numbers moved in front of their notes (same length)."""
    out = numbers_above_notes(number_columns(drop_recurring_lines(lines)))
    seen: set[int] = set()
    k = 0
    n = len(out)
    while k < n:
        value = _number(out[k])
        if value is None:
            k += 1
            continue
        numbered = not _LONE.match(out[k])
        if numbered or (value not in seen and not _fix_run(out, k, seen) and _opens_note(out, k)):
            seen.add(value)
        k += 1
    return _join_lone_numbers(out)


# A note call in the text: digits right after a word or a closing mark ("politics.”60", "election.57").
_CALL = r"(?:(?<=[^\W\d_])|(?<=[.,;:!?”’\"')\]]))"
_CALL_RE = re.compile(rf"{_CALL}(\d{{1,3}})(?!\d)")


def _join_lone_numbers(lines: list[str]) -> list[str]:
    """In an excerpt whose notes start mid-way (53, 54 …), a note number set on a line of its own
    above its note ("55" / "Ivan Nechepurenko, …", a blank line between at most) written in front of
    the note's first line, when the text above calls that number (``…politics.”60``) and no note has
    it yet; a page number is called by nothing.  Same length: the number's line becomes empty.

    Only there: the notes rules read lone numbers counted from 1 (``segment``), and an excerpt's
    first lone number is never the one they expect (notes_dev6_11's text layer: 0 of 33 found);
    numbers from 1 are left to them (joined, 3 of 23 citations of a real law review were lost).
    """
    out = list(lines)
    text = "\n".join(lines)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln) + 1)
    used = {int(m.group(1)) for ln in lines if not _LONE.match(ln) and (m := _NUMBERED.match(ln))}
    calls = _first_calls(text)
    joins: list[tuple[int, int, int]] = []  # (number line, note line, value)
    # A note that itself opens with a number ("4" / "2 Peter 2:19.", "7" / "28 U.S.C. § 1291"): the
    # notes rules would take that number for the next note's; joined wherever the numbering starts.
    numeric: list[tuple[int, int, int]] = []
    for k, ln in enumerate(lines):
        m = _LONE.match(ln)
        if not m:
            continue
        j = k + 1
        if j < len(lines) and not lines[j].strip():
            j += 1
        if j >= len(lines) or not lines[j].strip():
            continue
        value = int(m.group(1))
        opens = _number(lines[j])
        if opens is not None:
            if not _LONE.match(lines[j]) and opens not in (value, value + 1) and calls.get(value, len(text)) < offsets[k]:
                numeric.append((k, j, value))
            continue
        if value not in used and _NOTE_START.match(lines[j]) and calls.get(value, len(text)) < offsets[k]:
            joins.append((k, j, value))
    if not joins or min(v for _, _, v in joins) <= 4:
        joins = []
    for k, j, value in joins + numeric:
        out[j] = f"{value} {lines[j].lstrip()}"
        out[k] = ""
    return out


def _first_calls(text: str) -> dict[int, int]:
    """Where the text first calls each note number (``…politics.”60``, ``…slave.”4``): endnotes stand
    far from their calls, so the whole text before a number counts."""
    out: dict[int, int] = {}
    for m in re.finditer(rf"{_CALL}(\d{{1,3}})(?!\d)", text):
        out.setdefault(int(m.group(1)), m.start())
    return out


def _run(lines: list[str], k: int, seen: set[int]) -> list[int]:
    """Rows of consecutive unused lone numbers v, v+1, … from row ``k`` (blank lines between)."""
    rows = [k]
    want = int(lines[k].strip()) + 1
    j = k + 1
    while j < len(lines) and j - k < 6:
        line = lines[j].strip()
        if not line:
            j += 1
            continue
        if line.isdigit() and int(line) == want and want not in seen:
            rows.append(j)
            want += 1
            j += 1
            continue
        break
    return rows


def _fix_run(lines: list[str], k: int, seen: set[int]) -> bool:
    """Put the run of trailing numbers starting at row ``k`` in front of their notes."""
    rows = _run(lines, k, seen)
    first = int(lines[k].strip())
    values = list(range(first, first + len(rows)))
    after = values[-1] + 1
    markers = [(r, _number(lines[r])) for r in range(max(0, k - _WINDOW), k)]
    markers = [(r, v) for r, v in markers if v is not None]
    nxt = [r for r, v in markers if v == after]
    if not nxt:
        return False
    b = nxt[-1]
    before = [(r, v) for r, v in markers if r < b]
    starts: list[int] = []
    # The notes after the last blank line above note ``after``, when they are enough: a
    # blank line ends a block of notes (pdftotext), so the gap is not inside the note above.
    top = b - 1
    while top >= 0 and lines[top].strip() and _number(lines[top]) is None:
        top -= 1
    block = list(range(top + 1, b))
    # (not the blank line between a lone number and its note: "8" / blank / "See infra …")
    under_number = top >= 1 and _LONE.match(lines[top - 1]) is not None
    if top >= 0 and not lines[top].strip() and not under_number and block and len(block) <= 12 * len(values):
        starts = [block[0], *_boundaries(lines, block)[: len(values) - 1]]
        if len(starts) != len(values):
            starts = []
    if starts:
        pass
    elif before and before[-1][1] == first - 1 and b - before[-1][0] < 40:
        # The missing notes start inside the note numbered one less.
        a = before[-1][0]
        text = [r for r in range(a, b) if lines[r].strip() and (r != a or not _LONE.match(lines[r]))]
        starts = _boundaries(lines, text)[: len(values)]
    else:
        # The missing notes open the page's notes: between the last blank line and note ``after``.
        top = b - 1
        while top >= 0 and lines[top].strip() and _number(lines[top]) is None:
            top -= 1
        if top >= 0 and lines[top].strip():
            return False  # another note number just above: not the top of a block
        text = list(range(top + 1, b))
        if not text or len(text) > 12 * len(values):
            return False
        starts = [text[0], *_boundaries(lines, text)[: len(values) - 1]]
    if len(starts) != len(values):
        return False
    for row, value in zip(starts, values, strict=True):
        lines[row] = f"{value} {lines[row].lstrip()}"
        seen.add(value)
    for row in rows:
        lines[row] = ""
    return True


# Numbers of a column of note numbers: at most this many blank lines between two of them, and at most
# this many lines (blank, or a page's furniture) from the last of them to the notes' text.
_COLUMN_GAP = 2
_COLUMN_TO_TEXT = 6


def number_columns(lines: list[str]) -> list[str]:
    """Note numbers that ``pdftotext`` printed as a column of their own, written in front of their notes.

    On a two-column page (a bilingual journal setting the original and its translation side by side)
    pdftotext reads a note block's raised numbers as a block of their own and prints it before the
    notes' text: ``8`` / ``9`` / ``10`` / ``11`` / ``12`` (blank lines between), then the five notes
    run on without numbers (notes_dev9_10's text layer: 4 of 28 citations found).  A run of two or
    more consecutive lone numbers, each with no text under it, that the text above calls
    (``…grasped.12``) and no note has yet, is given to the notes of the next block of text when that
    block holds exactly as many notes: its lines that end a sentence and are followed by a line that
    opens like a note (``_boundaries``) part it into one note fewer than there are numbers.  A block
    that cannot be parted so keeps its lines as they were (a list of years, a table's column).
    Same length: each number's line becomes empty.
    """
    if sum(1 for ln in lines if ln.strip().isdigit()) < 2:
        return lines
    out = list(lines)
    calls: dict[int, int] | None = None
    offsets: list[int] = []
    used = {int(m.group(1)) for ln in lines if not _LONE.match(ln) and (m := _NUMBERED.match(ln))}
    n = len(lines)
    k = 0
    while k < n:
        m = _LONE.match(lines[k]) if lines[k].strip().isdigit() else None
        if not m:
            k += 1
            continue
        rows, want, j = [k], int(m.group(1)) + 1, k + 1
        while j < n:
            gap = j
            while gap < n and gap - j < _COLUMN_GAP and not lines[gap].strip():
                gap += 1
            nxt = _LONE.match(lines[gap]) if gap < n else None
            if nxt is None or int(nxt.group(1)) != want:
                break
            rows.append(gap)
            want += 1
            j = gap + 1
        if len(rows) < 2 or any(r + 1 < n and lines[r + 1].strip() and not _LONE.match(lines[r + 1]) for r in rows):
            k = rows[-1] + 1
            continue
        first = int(m.group(1))
        values = list(range(first, first + len(rows)))
        if used.intersection(values):
            k = rows[-1] + 1
            continue
        block = _text_block_after(lines, rows[-1] + 1)
        if not block:
            k = rows[-1] + 1
            continue
        if calls is None:
            text = "\n".join(lines)
            calls = _first_calls(text)
            offsets = [0]
            for ln in lines:
                offsets.append(offsets[-1] + len(ln) + 1)
        if not all(calls.get(v, offsets[-1]) < offsets[k] for v in values):
            k = rows[-1] + 1
            continue
        starts = [block[0], *_boundaries(lines, block)]
        if len(starts) != len(values):
            k = rows[-1] + 1
            continue
        for row, value in zip(starts, values, strict=True):
            out[row] = f"{value} {lines[row].lstrip()}"
        for row in rows:
            out[row] = ""
        used.update(values)
        k = block[-1] + 1
    return out


def _text_block_after(lines: list[str], j: int) -> list[int]:
    """Rows of the first block of text lines (up to a blank line) within a few lines after ``j``;
    lone numbers and short lines of a page's furniture before it are skipped ("ANCILLA IURIS 2020, 1")."""
    stop = min(len(lines), j + _COLUMN_TO_TEXT)
    while j < stop and (not lines[j].strip() or _LONE.match(lines[j])):
        j += 1
    if j >= stop or not _NOTE_START.match(lines[j]):
        return []
    rows = []
    while j < len(lines) and lines[j].strip() and not _LONE.match(lines[j]):
        rows.append(j)
        j += 1
    return rows


_FURNITURE_KEY = re.compile(r"\d+")
_FURNITURE_LONGEST = 60
_FURNITURE_TIMES = 3  # printed this often, and each time this many lines or more after the last
_FURNITURE_APART = 30


def drop_recurring_lines(lines: list[str]) -> list[str]:
    """A journal's line of furniture printed inside the page's text, blanked (same length).

    pdftotext prints a page's foot line ("ANCILLA IURIS 2020, 1", "CC BY 4.0") where its block falls
    in the reading order — on a two-column page often between the notes of one column and the next
    column's text — so the first-and-last-rows rule of running heads (``segment``) misses it, and a
    lone note number above it took it for its note (notes_dev9_10: notes 3 and 8 read as
    "ANCILLA IURIS 2020, 1").  A short line standing alone between blank lines, with a number and two
    words in it, not ending like a sentence or a clause, whose text (numbers aside) stands so three
    times or more, each a page's worth of lines after the last, is such furniture.  (Pages are not
    counted by form feeds: the running-head rule has blanked the lines that carried them.)
    """
    where: dict[str, list[int]] = {}
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if (i and lines[i - 1].strip()) or (i < last and lines[i + 1].strip()) or len(line) > _FURNITURE_LONGEST + 2:
            continue  # (the cheap tests first: most lines stand in a paragraph)
        text = line.replace("\f", "").strip()
        if (not text or len(text) > _FURNITURE_LONGEST or text.endswith((".", ";", ",", ":"))
                or not any(c.isdigit() for c in text) or len(re.findall(r"[^\W\d_]{2,}", text)) < 2):
            continue
        where.setdefault(" ".join(_FURNITURE_KEY.sub("#", text).split()), []).append(i)
    out = lines
    for rows in where.values():
        if len(rows) >= _FURNITURE_TIMES and all(b - a >= _FURNITURE_APART for a, b in itertools.pairwise(rows)):
            if out is lines:
                out = list(lines)
            for i in rows:
                out[i] = "\f" if "\f" in lines[i] else ""
    return out


# A body line ending in a word with a note number glued on ("… both in1", "… whilst this com2").
_GLUED_END = re.compile(r"(?<=[^\W\d_]{2})(\d{1,3})\s*$")
# A note's first line: a capital, a quotation mark, or a signal or repeat in lower case (case counts here).
_NOTE_OPENS = re.compile(r"^\s*(?:[A-ZÀ-ÞА-ЯЁ„“\"«‘§*]|(?i:vgl|see|cf|voir|siehe|id|ibid|ebd)\b)")
# The call is looked for this many lines above the glued number (a page's two columns).
_CALL_BACK = 150


def numbers_above_notes(lines: list[str]) -> list[str]:
    """A note's number pdftotext glued to the end of the body line over the page's notes, moved to
    the front of its note (same length).

    A raised number at the head of a column's first note shares the baseline band of the body's last
    line, so pdftotext prints it there: "… both in1" / blank / "Kuinöl, Comm. in Matth. Proleg., …"
    (notes_dev7_2's text layer: the first note of every column block read as body; ho3_10's single
    column: "… sein se44" / "Dean Allemang, …").  It is told from a note call by the call itself: the
    text a page above has called that number already ("… a decisive refutation.1"), no line is numbered
    with it, and a blank line and a line that opens like a note (a capital, a quotation mark, a
    signal), no number of its own, follow.  A paragraph after a call, or a word ending in a digit
    ("COVID19"), has no earlier call of its number or no note under it.
    """
    candidates = [k for k, ln in enumerate(lines[:-2])
                  if ln.rstrip()[-1:].isdigit() and not lines[k + 1].strip() and _GLUED_END.search(ln)]
    if not candidates:
        return lines
    # (A lone number counts as used only with its note right under it: a page's number stands alone.)
    used = {int(m.group(1)) for ln in lines if (m := _NUMBERED.match(ln)) and not _LONE.match(ln)}
    used |= {int(m.group(1)) for k, ln in enumerate(lines) if (m := _LONE.match(ln)) and _opens_note(lines, k)}
    out = list(lines)
    calls: dict[int, list[int]] | None = None  # number -> lines calling it, found in one pass when needed
    for k in candidates:
        m = _GLUED_END.search(lines[k])
        assert m is not None
        value = int(m.group(1))
        j = k + 2
        if value in used or value == 0 or j >= len(lines) or _number(lines[j]) is not None or not _NOTE_OPENS.match(lines[j]):
            continue
        if calls is None:
            calls = {}
            for row, line in enumerate(lines):
                for call in _CALL_RE.finditer(line):
                    calls.setdefault(int(call.group(1)), []).append(row)
        rows = calls.get(value, [])
        # A call on the lines a page above, or earlier on this line (the glued number itself is the line's last).
        at = bisect.bisect_left(rows, max(0, k - _CALL_BACK))
        if not ((at < len(rows) and rows[at] < k)
                or any(int(c.group(1)) == value for c in _CALL_RE.finditer(lines[k][: m.start()]))):
            continue
        out[k] = lines[k][: m.start()].rstrip()
        out[j] = f"{value} {lines[j].lstrip()}"
        used.add(value)
    return out

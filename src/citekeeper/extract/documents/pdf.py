"""PDF pages -> text lines with their geometry, through pypdfium2 (PDFium, Apache-2.0/BSD).

Chosen over pdfminer.six by measurement (benchmarks/documents/README.md): lines with
boxes and sizes for a 20-page article in 0.2–0.3 s against pdfminer's 2.0–3.4 s (about
10×; 3.6× on real ACL pages), the same text, and ligatures mapped to letters (pdfminer left 30 on
the ACL pages); line-end hyphens are marked, not lost.  What we need from it is little: per character its
Unicode value, box and font size.  Lines are then built here by geometry (a change of
baseline or a jump back/over a gutter starts a new line), not by PDFium's own line
breaks, which join a line-end hyphen with the next line and split a superscript off.

A file that is not a PDF, is truncated beyond repair, is password-protected, has no
pages, or has pages but no text layer (a scan) raises a ``DocumentError`` naming the file.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from citekeeper.extract.documents.errors import (
    BrokenDocumentError,
    EncryptedDocumentError,
    NoTextLayerError,
)

# Ligatures PDF fonts map to one code point; the text a reader types has two or three letters.
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
# PDFium reports a line-end hyphen it recognised as U+FFFE, and 0x2 for some soft hyphens.
SOFT_HYPHENS = "\ufffe\x02\u00ad"


@dataclass
class Line:
    """One printed line: text, box (points, from the page's top-left) and type size.

    ``size`` is the font size of most of its characters; ``marker`` the digits of a
    superscript (smaller, raised) the line opens with, as footnotes in the foot zone do;
    ``sup`` the superscript digit groups anywhere in it (note calls in body text).
    """

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    marker: str = ""
    number: int = 0  # 1-based position among the page's kept lines, in reading order
    sup: list[str] = field(default_factory=list)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    # Short horizontal strokes drawn on the page, as ``(x0, top, x1)`` from the top-left: the rule
    # a typescript or a court's opinion draws over its notes when they are set in the body's type.
    rules: list[tuple[float, float, float]] = field(default_factory=list)


def read_pdf(path: str | Path) -> list[Page]:
    """Every page's lines (see module docstring for the errors)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    name = str(path)
    data = Path(path).read_bytes()
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise BrokenDocumentError("not a PDF (no %PDF header)", file=name)
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if b"/Encrypt" in data[-65536:] or b"/Encrypt" in data[:65536]:
            raise EncryptedDocumentError(
                "the PDF is password-protected; remove the password and retry", file=name
            ) from None
        raise BrokenDocumentError(f"cannot read the PDF ({exc}); is it truncated?", file=name) from None
    try:
        if len(doc) == 0:
            raise BrokenDocumentError("the PDF has no pages (truncated or empty)", file=name)
        pages = [_read_page(doc, i, raw) for i in range(len(doc))]
    finally:
        doc.close()
    if not any(p.lines for p in pages):
        raise NoTextLayerError(
            f"the PDF's {len(pages)} page(s) have no text layer (a scan?); run OCR on it first"
            " (e.g. ocrmypdf) and retry",
            file=name,
        )
    return pages


def _read_page(doc, index: int, raw) -> Page:  # type: ignore[no-untyped-def]
    page = doc[index]
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        text = textpage.get_text_range() if n else ""
        if text and len(text) != n:
            text = _text_by_index(textpage, n, raw)
        chars = None
        if text and not any(c in SPACING_ACCENTS for c in text):
            chars = _runs(textpage, text, height, raw)
        if chars is None:
            chars = _chars(textpage, text, height, raw)
        rules = _rules(page, width, height, raw)
    finally:
        textpage.close()
        page.close()
    return Page(index + 1, width, height, _attach_superscripts(_lines(chars, index + 1)), rules)


def _rules(page, width: float, height: float, raw) -> list[tuple[float, float, float]]:  # type: ignore[no-untyped-def]
    """Thin horizontal paths from 30 pt to half the page wide (a footnote rule, not a table's frame)."""
    out = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom <= 2.0 and 30.0 <= right - left <= width / 2:
            out.append((left, height - top, right))
    return out


def _text_by_index(textpage, n: int, raw) -> str:  # type: ignore[no-untyped-def]
    """The page's characters one per index, so string positions are PDFium's character indices.

    ``get_text_range`` decodes UTF-16 and drops what does not decode (a music example's glyphs
    mapped to lone surrogates: notes_dev6_4 lost 8 of 2,843), which shifts every later index and
    gave each text run its neighbour's letters.  Such characters become spaces here.
    """
    get = raw.FPDFText_GetUnicode
    handle = textpage.raw
    out = []
    for i in range(n):
        code = get(handle, i)
        out.append(" " if not code or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else chr(code))
    return "".join(out)


def _runs(textpage, text: str, height: float, raw) -> list | None:  # type: ignore[no-untyped-def]
    """Text runs (PDFium's rectangles: one font, one line) as ``(text, x0, x1, top, bottom, size)``.

    Measured on the 20-page built article: 14 ms a page against 60 ms reading every
    character's box; a run splits where the size changes, so superscripts stay apart.
    None when a run cannot be mapped back to its characters (then characters are read).
    """
    handle = textpage.raw
    n_rects = textpage.count_rects()
    starts: list[int] = []
    rects = []
    for i in range(n_rects):
        left, bottom, right, top = textpage.get_rect(i)
        k = -1
        for dx in (0.6, 2.0, 4.0, (right - left) / 2):  # the run may open with a space
            k = raw.FPDFText_GetCharIndexAtPos(handle, left + dx, (bottom + top) / 2, 0.6, (top - bottom) / 2)
            if k >= 0:
                break
        if k < 0 or (starts and k <= starts[-1]):
            return None
        starts.append(k)
        rects.append((left, right, height - top, height - bottom))
    if not _runs_line_up(textpage, text, starts, rects, height, raw):
        return None
    out: list[tuple[str, float, float, float, float, float]] = []
    scaled: list[tuple[int, float, float]] = []  # (index in out, loose box height, matrix size) of 1-pt runs
    turned: list[int] = []  # indexes in out of runs set at an angle
    for i, (x0, x1, top, bottom) in enumerate(rects):
        stop = starts[i + 1] if i + 1 < len(starts) else len(text)
        piece = text[starts[i]:stop]
        body = piece.replace("\r", " ").replace("\n", " ")
        core = body.strip()
        if not core:
            continue
        first = starts[i] + (len(body) - len(body.lstrip()))
        size = raw.FPDFText_GetFontSize(handle, first)
        if size < _LEAST_SIZE:
            # A font set at size 1 and scaled by the text matrix (the US Supreme Court's slip opinions)
            # reports 1 pt: the font's own box (ascent to descent, the same for "23" as for "Typography")
            # gives the size and the line's extent; a run's rectangle would shrink a run of digits.
            rect = raw.FS_RECTF()
            if raw.FPDFText_GetLooseCharBox(handle, first, ctypes.byref(rect)) and rect.top > rect.bottom:
                top, bottom = height - rect.top, height - rect.bottom
            by_matrix = _scaled_size(handle, first, size, raw)
            size = bottom - top
            if by_matrix:
                scaled.append((len(out) + (body[:1] == " "), size, by_matrix))
        if body[:1] == " ":
            out.append((" ", -1, -1, -1, -1, 0.0))
        if _turned(handle, first, raw):
            turned.append(len(out))
        out.append((core, x0, x1, top, bottom, size))
        if body[-1:] == " ":
            out.append((" ", -1, -1, -1, -1, 0.0))
    if len(scaled) >= 3:
        _even_sizes(out, scaled)
    if turned and sum(len(out[k][0]) for k in turned) < _TURNED_SHARE * sum(len(c[0]) for c in out):
        # Text set at an angle on a page set straight: a publisher's "Downloaded from … on 17 September
        # 2025" up the margin, whose letters were read into the note lines beside them ("(New York, S 1978)").
        skip = set(turned)
        out = [c for k, c in enumerate(out) if k not in skip]
    return out


# A run turned more than this (radians) is not set along the page's lines; such runs are dropped while
# they hold less than this share of the page's text (a page printed sideways keeps its text).
_TURNED = 0.1
_TURNED_SHARE = 0.2


def _turned(handle, index: int, raw) -> bool:  # type: ignore[no-untyped-def]
    """Is the character's baseline turned from the page's (the text matrix's rotation, not its skew:
    PDFium's character angle counts a slanted italic too, and a Brazilian review's italics were lost)?"""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix)):
        return False
    turn = abs(math.atan2(matrix.b, matrix.a))
    return _TURNED < turn < 2 * math.pi - _TURNED


def _even_sizes(out: list[tuple[str, float, float, float, float, float]], scaled: list[tuple[int, float, float]]) -> None:
    """Sizes of 1-pt runs from the text matrix, in the loose boxes' units (their median ratio).

    A loose glyph box is not the same height for every letter of some fonts: a Polish law review's
    notes measured 6.1 pt at a run's first capital and 12.1 pt at the rest of the line (the matrix
    says 9.0 for all, 6.75 for the raised note numbers), so a note's first line took its marker's
    size, lost the marker and was joined to the note above (dev9_3 18/36).  The matrix alone is in
    the text space, not the page's: the page's median ratio of box to matrix converts it."""
    ratios = sorted(box / matrix for _, box, matrix in scaled)
    ratio = ratios[len(ratios) // 2]
    for k, _box, matrix in scaled:
        text, x0, x1, top, bottom, _size = out[k]
        out[k] = (text, x0, x1, top, bottom, matrix * ratio)


def _runs_line_up(textpage, text: str, starts: list[int], rects: list, height: float, raw) -> bool:  # type: ignore[no-untyped-def]
    """Does each run's last character sit inside the run's rectangle?

    A page where glyphs overlap (a music example drawn with text fonts: notes_dev6_4) can map a
    rectangle to a character a few places off; every run after it then takes its neighbour's
    letters ("be-reits di" / "e Exposition").  Checked with one box a run; on a mismatch the page is
    read character by character.
    """
    handle = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, right, bottom, top)]
    for i, (x0, x1, r_top, r_bottom) in enumerate(rects):
        stop = starts[i + 1] if i + 1 < len(starts) else len(text)
        k = min(stop, len(text)) - 1
        while k > starts[i] and text[k] in " \r\n":
            k -= 1
        if k < starts[i] or text[k] in " \r\n" or not raw.FPDFText_GetCharBox(handle, k, *refs):
            continue
        if right.value == left.value and top.value == bottom.value:
            continue  # a character without a box (generated)
        mid_y = height - (top.value + bottom.value) / 2
        slack = max(2.0, (r_bottom - r_top) * 0.5)
        if not (x0 - slack <= (left.value + right.value) / 2 <= x1 + slack and r_top - slack <= mid_y <= r_bottom + slack):
            return False
    return True


# Below this a reported font size is the matrix-scaled unit, not what is printed.
_LEAST_SIZE = 3.0


def _scaled_size(handle, index: int, size: float, raw) -> float:  # type: ignore[no-untyped-def]
    """The size of a character whose font is set at 1 pt and scaled by the text matrix, in text
    space: the reported size times the matrix's vertical scale (0.0 when PDFium gives no matrix)."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix)):
        return 0.0
    scale = (matrix.c * matrix.c + matrix.d * matrix.d) ** 0.5
    return size * scale if scale > 0 and size > 0 else 0.0


def _chars(textpage, text: str, height: float, raw) -> list:  # type: ignore[no-untyped-def]
    """Every character with its box and size (pages with drawn accents need the boxes)."""
    handle = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pl, pr, pb, pt = (ctypes.byref(v) for v in (left, right, bottom, top))
    chars: list[tuple[str, float, float, float, float, float]] = []
    get_box, get_size, generated = raw.FPDFText_GetCharBox, raw.FPDFText_GetFontSize, raw.FPDFText_IsGenerated
    size = 0.0
    last_bottom = -1.0
    after_space = True
    turn = False
    turned: list[int] = []
    for i in range(min(textpage.count_chars(), len(text))):
        ch = text[i]
        if ch in "\r\n":
            continue
        if ch == " ":
            after_space = True
            if generated(handle, i):
                chars.append((" ", -1, -1, -1, -1, 0.0))
                continue
        get_box(handle, i, pl, pr, pb, pt)
        b = bottom.value
        # The font size changes only between text runs: asked for at a word's start, a
        # digit (superscripts) or a baseline shift, a third of the calls.
        if after_space or ch.isdigit() or abs(b - last_bottom) > 0.3 or not size:
            turn = _turned(handle, i, raw)  # (a turned line's letters each shift the baseline: asked for each)
            size = get_size(handle, i)
            if size < _LEAST_SIZE:  # scaled by the text matrix: the glyph box's loose height instead
                rect = raw.FS_RECTF()
                if raw.FPDFText_GetLooseCharBox(handle, i, ctypes.byref(rect)):
                    size = abs(rect.top - rect.bottom) or size
        after_space = ch == " "
        last_bottom = b
        if turn:
            turned.append(len(chars))
        chars.append((ch, left.value, right.value, height - top.value, height - b, size))
    if turned and len(turned) < _TURNED_SHARE * len(chars):
        skip = set(turned)  # text up the margin (see ``_runs``)
        chars = [c for k, c in enumerate(chars) if k not in skip]
    return chars


def _lines(chars: list[tuple[str, float, float, float, float, float]], page: int) -> list[Line]:
    """Group characters into lines: same baseline and no jump back or across a gutter.

    A gap wider than 1.5 em is no word space (a column gutter is ~2 em, a manuscript's line
    number sits ~2 em left of its line): the pieces become lines of their own.
    """
    out: list[Line] = []
    cur: list[tuple[str, float, float, float, float, float]] = []
    base = 0.0  # baseline (top-down) of the line's largest characters
    big = 0.0
    last_x1 = 0.0
    for c in chars:
        ch, x0, x1, top, bottom, size = c
        if x0 < 0:  # a generated space
            if cur and cur[-1][0] != " ":
                cur.append(c)
            continue
        if ch.isspace() and top == bottom:
            if cur and cur[-1][0] != " ":
                cur.append((" ", -1, -1, -1, -1, 0.0))
            continue
        if cur and ch in SPACING_ACCENTS:
            cur.append(c)  # a drawn accent belongs to the line whatever its position
            continue
        if cur:
            m = size if size > big else big
            if abs(bottom - base) <= 0.55 * m:
                same = last_x1 - m <= x0 <= last_x1 + 1.5 * m
            else:  # a superscript after text, or text after a line-opening superscript
                same = ((size < big * 0.85 and top >= base - big * 1.1 and bottom <= base + 0.5)
                        or (big < size * 0.85 and top <= base + 0.5 and bottom >= base - 0.5)
                        ) and last_x1 - m <= x0 <= last_x1 + 1.5 * m
            if not same:
                out.append(_make_line(cur, page))
                cur, big = [], 0.0
        cur.append(c)
        if size >= big * 0.95 or not big:
            if size > big:
                big = size
            base = bottom
        last_x1 = x1
    if cur:
        out.append(_make_line(cur, page))
    return [ln for ln in out if ln.text.strip()]


def _attach_superscripts(lines: list[Line]) -> list[Line]:
    """Note numbers a PDF draws apart from their line, given back to it.

    Some producers write a superscript after the rest of the page (a court's opinion, notes_dev5_9):
    the digits come out as a line of their own.  One raised in a line's height just left of its start
    is that line's note marker ("1" / "After the defendants filed …"); one inside or at the end of a
    line is a note call in it.  Only digits in a smaller type than the page's, so page numbers stay.
    """
    if len(lines) < 3:
        return lines
    sizes = sorted(ln.size for ln in lines)
    median = sizes[len(sizes) // 2]
    out: list[Line] = []
    for ln in lines:
        digits = ln.text.strip()
        if not (digits.isdigit() and len(digits) <= 3 and ln.size < 0.8 * median and not ln.marker):
            out.append(ln)
            continue
        host = None
        for other in lines:
            if other is ln or other.size < 0.8 * median or not (other.top - 2 <= ln.bottom and ln.top <= other.bottom):
                continue
            if 0 <= other.x0 - ln.x1 < 6 and not other.marker:
                other.marker, host = digits, other
                break
            if other.x0 <= ln.x0 <= other.x1 + 6:
                other.sup.append(digits)
                host = other
                break
        if host is None:
            out.append(ln)
    return out


# Spacing accents TeX fonts draw as separate glyphs over a letter -> combining marks.
SPACING_ACCENTS = {"´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "¨": "\u0308", "˜": "\u0303",
                   "ˇ": "\u030c", "˘": "\u0306", "˙": "\u0307", "˚": "\u030a", "¸": "\u0327",
                   "˝": "\u030b", "¯": "\u0304", "˛": "\u0328"}


def _compose_accents(chars: list[tuple[str, float, float, float, float, float]]) -> list[tuple[str, float, float, float, float, float]]:
    """Put each drawn accent on the letter under it (``Ondˇrej`` -> ``Ondřej``)."""
    out = list(chars)
    for k, c in enumerate(chars):
        if c[0] not in SPACING_ACCENTS or c[1] < 0:
            continue
        centre = (c[1] + c[2]) / 2
        for j, d in enumerate(out):
            if j != k and d[1] >= 0 and d[0].isalpha() and d[1] - 0.5 <= centre <= d[2] + 0.5 and (
                    abs(d[3] - c[3]) > 0.2 or d[0] in "ıȷ"):
                letter = unicodedata.normalize("NFC", d[0].replace("ı", "i").replace("ȷ", "j") + SPACING_ACCENTS[c[0]])
                if len(letter) == 1:
                    out[j] = (letter, *d[1:])
                    out[k] = ("", -1, -1, -1, -1, 0.0)
                break
    return [c for c in out if c[0]]


def _drop_false_spaces(chars: list[tuple[str, float, float, float, float, float]]) -> list[tuple[str, float, float, float, float, float]]:
    """A space between two letters that touch (left where an accent was drawn) is no space."""
    out: list[tuple[str, float, float, float, float, float]] = []
    for k, c in enumerate(chars):
        if c[0] == " ":
            prev = next((d for d in reversed(chars[:k]) if d[0] != " "), None)
            nxt = next((d for d in chars[k + 1:] if d[0] != " "), None)
            if out and out[-1][0] == " ":
                continue
            if (prev and nxt and prev[1] >= 0 and nxt[1] >= 0
                    and -0.5 <= nxt[1] - prev[2] < 0.12 * max(nxt[5], 1.0)):
                continue
        out.append(c)
    return out


def _make_line(chars: list[tuple[str, float, float, float, float, float]], page: int) -> Line:
    if any(c[0] in SPACING_ACCENTS for c in chars):
        chars = _compose_accents(chars)
        chars = _drop_false_spaces(chars)
    real = [c for c in chars if c[1] >= 0]
    sizes = sorted(c[5] for c in real if not c[0].isspace())
    size = sizes[len(sizes) // 2] if sizes else 0.0
    big = max(sizes) if sizes else 0.0
    base = max((c[4] for c in real if c[5] >= big * 0.95), default=0.0)
    sup: list[str] = []
    marker = ""
    text_parts: list[str] = []
    run = ""
    has_text = False

    def end_run() -> None:
        """A raised run before any text is the line's note marker; after text, a note call."""
        nonlocal marker, run
        if run and not has_text:
            marker = run
        elif run:
            sup.append(run)
            text_parts.append(f"\x01{run}\x01")
        run = ""

    for ch, _x0, _x1, _top, bottom, sz in chars:
        small = sz > 0 and sz < size * 0.8 and bottom < base - 0.15 * size
        if small and (ch.isdigit() or ch in "*†‡§¶‖"):  # note calls: numbers or symbols
            run += ch
            continue
        end_run()
        text_parts.append(ch)
        has_text = has_text or not ch.isspace()
    end_run()
    text = "".join(text_parts).translate(LIGATURES)
    x0 = min((c[1] for c in real), default=0.0)
    x1 = max((c[2] for c in real), default=0.0)
    top = min((c[3] for c in real), default=0.0)
    bottom = max((c[4] for c in real), default=0.0)
    return Line(page, text.strip(), x0, x1, top, bottom, size, marker, 0, sup)

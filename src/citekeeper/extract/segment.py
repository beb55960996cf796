"""Finding the reference list and the footnotes in an article's plain text.

Text converted from a PDF keeps the page layout: footnotes sit at the bottom of each
page, between paragraphs of body text, and a footnote that did not fit on its page
continues at the bottom of the next one — after more body text.  The rules here are
general (nothing is keyed to one article):

* the reference list starts at its heading (References, Bibliography, Список
  литературы ...) and ends at the next back-matter heading or the end of the text;
* a footnote starts at a line that begins with a superscript number (``¹``), or with
  ``1.``/``[1]`` when that number is the next one expected and the line reads like a
  citation (or when it sits under a Notes heading);
* a paragraph that is not a footnote but reads like the tail of a citation (a URL or
  URL fragment, a date, ``(accessed: …)``) continues the last footnote that was left
  incomplete (ending in ``URL:``, a cut URL, unbalanced brackets), or the footnote it
  directly follows.  A cut URL is re-joined without a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citekeeper.extract.markup import normalize_space, strip_markup

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_INT = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}

REFERENCE_HEADINGS = re.compile(
    r"""^\s*(?:\#{1,6}\s*)?(?:\d{1,2}\.?\s+)?(?:\*\*)?(
        references(?:\s+and\s+notes)?|reference\s+list|bibliography|literature(?:\s+cited)?|
        works\s+cited|sources(?:\s+and\s+literature)?|cited\s+literature|literatur(?:verzeichnis)?|
        bibliographie|bibliografía|список\s+(?:использованной\s+|цитируемой\s+)?литературы|
        литература|библиографический\s+список|список\s+источников(?:\s+и\s+литературы)?|
        источники(?:\s+и\s+литература)?|библиография
    )(?:\*\*)?\s*:?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
NOTES_HEADINGS = re.compile(
    r"^\s*(?:\#{1,6}\s*)?(?:\*\*)?(notes|endnotes|footnotes|примечания|сноски)(?:\*\*)?\s*:?\s*$",
    re.IGNORECASE,
)
BACK_MATTER_HEADINGS = re.compile(
    r"""^\s*(?:\#{1,6}\s*)?(?:\*\*)?(
        about\s+the\s+authors?|information\s+about\s+the\s+authors?|author\s+information|
        authors?'?\s+(?:bio|biographies|contributions)|сведения\s+об\s+авторах?|об\s+авторах?|
        информация\s+об\s+авторах?|appendix|appendices|приложение|acknowledge?ments?|funding|
        conflicts?\s+of\s+interest|supplementary\s+material|благодарности
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)

_SUP_MARKER = re.compile(rf"^\s*([{SUPERSCRIPT_DIGITS}]+)\s*(.*)$")
_NUM_MARKER = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)]?)\s+(\S.*)$")
_BULLET = re.compile(r"^\s*(?:[-–•*·▪]\s+|\[\d{1,4}\]\s*|\d{1,4}[.)]\s+)")
_URL_START = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
_DATE_START = re.compile(
    r"^(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\s+[A-Za-zА-Яа-я]+\s+\d{4})"
)
# Cues that only citations carry (not body prose with an in-text "(Jones, 2012, p. 97)").
_CITATION_CUES = re.compile(
    r"\(accessed|\(дата обращения|\bURL:|\(In [A-Z][a-z]+\)|\bEDN:|\bdoi\.org/|\bDOI:|"
    r"\s//\s|^\s*(?:Ibid|Op\. cit|Там же|См\.|See:?\s)",
    re.IGNORECASE,
)
# Weaker cues, enough for a line that also carries the next expected footnote number.
_WEAK_CUES = re.compile(
    r"\b[PС]\.\s?\d|\bpp?\.\s?\d|\b(?:1[5-9]|20)\d\d\b|\bIbid\b|\bop\. cit\b|Там же", re.IGNORECASE
)


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
    marker_style: str = "superscript"  # or "numeric"

    @property
    def line_start(self) -> int:
        return self.parts[0].line_start

    @property
    def line_end(self) -> int:
        return max(p.line_end for p in self.parts)

    @property
    def text(self) -> str:
        """The footnote as one clean line of text, continuations re-joined."""
        out = ""
        for part in self.parts:
            out = join_fragments(out, normalize_space(strip_markup(part.text)))
        return out

    @property
    def raw(self) -> str:
        return "\n".join(p.text for p in self.parts)


@dataclass
class Segments:
    """What segmentation found: reference entries, footnotes, body paragraphs."""

    references: list[Span] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    body: list[Span] = field(default_factory=list)
    reference_heading: Span | None = None
    warnings: list[str] = field(default_factory=list)


def _paragraphs(lines: list[str], start: int, end: int) -> list[Span]:
    """Runs of non-blank lines in ``lines[start:end]`` (0-based), as 1-based spans."""
    out: list[Span] = []
    buf: list[str] = []
    first = 0
    for i in range(start, end):
        line = lines[i]
        if line.strip():
            if not buf:
                first = i
            buf.append(line)
        elif buf:
            out.append(Span("\n".join(buf), first + 1, i))
            buf = []
    if buf:
        out.append(Span("\n".join(buf), first + 1, end))
    return out


def find_reference_section(lines: list[str]) -> tuple[int, int, int] | None:
    """``(heading, first, end)`` 0-based line indexes of the reference list, or None.

    The last heading wins: bilingual articles print the original-language list first
    and the English (transliterated) "References" last, and a table of contents may
    name "References" near the top.
    """
    candidates = [i for i, line in enumerate(lines) if REFERENCE_HEADINGS.match(line)]
    for h in reversed(candidates):
        end = len(lines)
        for j in range(h + 1, len(lines)):
            if BACK_MATTER_HEADINGS.match(lines[j]) or (
                j > h + 1 and REFERENCE_HEADINGS.match(lines[j])
            ):
                end = j
                break
        if any(lines[k].strip() for k in range(h + 1, end)):
            return h, h + 1, end
    return None


def split_entries(lines: list[str], first: int, end: int) -> list[Span]:
    """Split a reference list into entries (bulleted, numbered, or one per paragraph/line)."""
    body = [(i, lines[i]) for i in range(first, end) if lines[i].strip()]
    if not body:
        return []
    bulleted = sum(1 for _, line in body if _BULLET.match(line))
    entries: list[Span] = []
    if bulleted >= max(2, len(body) // 2):
        for i, line in body:
            if _BULLET.match(line) or not entries:
                entries.append(Span(_BULLET.sub("", line, count=1).strip(), i + 1, i + 1))
            else:  # a wrapped line continues the entry above
                prev = entries[-1]
                entries[-1] = Span(join_fragments(prev.text, line.strip()), prev.line_start, i + 1)
        return entries
    paragraphs = _paragraphs(lines, first, end)
    if len(paragraphs) >= max(2, len(body) // 3):
        return [Span(" ".join(p.text.split("\n")), p.line_start, p.line_end) for p in paragraphs]
    # No bullets, no blank lines: a new entry starts at a line that begins like an author.
    starts = re.compile(r"^[A-ZА-ЯЁ][\w'’\-]+(?:\s[A-ZА-ЯЁ][\w'’\-]+)?,?\s+[A-ZА-ЯЁ]\.")
    for i, line in body:
        if not entries or starts.match(line.strip()):
            entries.append(Span(line.strip(), i + 1, i + 1))
        else:
            prev = entries[-1]
            entries[-1] = Span(join_fragments(prev.text, line.strip()), prev.line_start, i + 1)
    return entries


def citation_like(text: str) -> bool:
    """Does this paragraph read like (part of) a citation rather than body prose?"""
    plain = normalize_space(strip_markup(text))
    if not plain or len(plain) > 600:
        return False
    first = plain.split(" ", 1)[0]
    if _URL_START.match(first):
        return True
    if _looks_like_url_tail(first):
        return True
    if _DATE_START.match(plain):
        return True
    return bool(_CITATION_CUES.search(plain))


def _looks_like_url_tail(token: str) -> bool:
    """A token such as ``rassmatrivaet-proekty-.../`` or ``x.html?id=3``: a cut-off URL's end."""
    if len(token) < 4 or token[0].isupper():
        return False
    if not re.fullmatch(r"[\w\-./?=&%#~+:@;,!]+", token):
        return False
    core = token.rstrip(".,;")
    return bool(
        "/" in core
        or core.count("-") >= 2
        or re.search(r"[=?&%#]", core)
        or re.search(r"\.(?:html?|php|aspx?|pdf|jsp)\b", core)
    )


def incomplete(text: str) -> bool:
    """Does a footnote end mid-citation (so its rest is elsewhere on the next page)?"""
    t = text.rstrip()
    if not t:
        return True
    if t.endswith(("URL:", "URL :", ":", "//", ",", "-", "/", "–", "—", "&", "=", "?", "(")):
        return True
    if t.count("(") > t.count(")") or t.count("<") > t.count(">") or t.count("«") > t.count("»"):
        return True
    if t[-1] in ".)»\"”'’!?>]":
        return False
    # Ending on an identifier or a whole URL is a complete ending too.
    return not re.search(r"(?:\b(?:EDN|DOI|ISBN|ISSN|PMID)\s?:?\s?\S+|https?://\S*[\w/])$", t, re.I)


def join_fragments(left: str, right: str) -> str:
    """Join two pieces of one citation; a URL cut at a line/page break is re-joined whole."""
    if not left:
        return right
    if not right:
        return left
    last = left.rsplit(" ", 1)[-1].lstrip("<")
    first = right.split(" ", 1)[0]
    if (
        _URL_START.match(last)
        and last[-1] in "-/_.=?&%#~"
        and not _URL_START.match(first)
        and _looks_like_url_tail(first)
    ):
        return left + right
    return f"{left} {right}"


def _footnote_start(line: str, expected: int, in_notes: bool) -> tuple[int, str, str] | None:
    """``(number, text, style)`` when ``line`` starts a footnote."""
    m = _SUP_MARKER.match(line)
    if m and m.group(2).strip():
        number = int("".join(_SUP_TO_INT[c] for c in m.group(1)))
        return number, m.group(2), "superscript"
    m = _NUM_MARKER.match(line)
    if m:
        number = int(m.group(1) or m.group(2))
        rest = m.group(3)
        if number == expected and (in_notes or citation_like(rest) or (_WEAK_CUES.search(rest) and len(rest) < 400)):
            return number, rest, "numeric"
    return None


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
    last_was_footnote = False  # the previous paragraph was (part of) a footnote
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
        start = _footnote_start(line, expected, in_notes)
        if start:
            number, first_text, style = start
            # The footnote runs on over following non-blank lines that start no new footnote,
            # while it is unfinished or the next line reads like a citation (in text without
            # blank lines a body paragraph may follow a footnote directly).
            j = i + 1
            buf = [first_text]
            while (
                j < n
                and lines[j].strip()
                and not _footnote_start(lines[j], number + 1, in_notes)
                and (incomplete(normalize_space(strip_markup(" ".join(buf)))) or citation_like(lines[j]))
            ):
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

"""The reference list: its heading in many languages, where it ends, and its entries.

Headings are matched whole-line, with or without a section number (``7.``, ``VII.``,
``A.``), Markdown ``#``/``**``, a trailing colon, in any case.  The *last* heading wins
(bilingual journals print the original-language list first and the English one last).

Entries, in order of how certain the layout is:

1. **numbers** ``[1]``, ``1.``, ``1)``, ``(1)``: an entry starts where the *next* number
   is printed — at a line start, or inside a line after the end of the previous entry
   (``… 2011. [2] Smith …``), so numbers inside an entry (``2. Aufl.``) do not split it
   and a list from PDF text with wrapped lines does not come out as one entry;
2. **bullets** (``-``, ``•`` …);
3. **blank lines** between paragraphs;
4. **hanging indent**: entries start at the least-indented lines;
5. otherwise a new entry starts at a line that begins like an author (``Meier, K.``,
   ``Smith JA,``, ``SILVA, J.``, ``Иванов И. И.``, ``———.``) or like an author and a year
   (``World Health Organization. (2019).``, ``OECD, 2018.``) right after a line that
   ended an entry (a full stop, a closing bracket, a number, a URL) — or after a line
   much shorter than the others (the last line of a wrapped entry).
"""

from __future__ import annotations

import itertools
import re

from citekeeper.extract.cues import REPEAT_MARK, citation_score, signal_length
from citekeeper.extract.lines import incomplete, join_wrapped

_NUMBERING = r"(?:(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6}|[A-H])[.)]?\s+)?"
_HEAD = rf"^\s*(?:\#{{1,6}}\s*)?(?:\*\*)?{_NUMBERING}(?:\*\*)?"
_TAIL = r"(?:\*\*)?\s*[:.]?\s*(?:\*\*)?\s*$"

REFERENCE_HEADINGS = re.compile(
    _HEAD
    + r"""(
        references(?:\s+(?:and|&)\s+notes|\s+cited)?|notes\s+(?:and|&)\s+references|reference\s+list|
        (?:further|suggested|recommended|additional|selected)\s+readings?|weiterführende\s+literatur|
        lectures\s+(?:complémentaires|recommandées)|lecturas\s+(?:recomendadas|complementarias)|
        leituras\s+(?:recomendadas|complementares)|letture\s+consigliate|рекомендуемая\s+литература|
        bibliography(?:\s+(?:and|&)\s+references)?|select(?:ed)?\s+bibliography|
        literature(?:\s+cited)?|cited\s+literature|works\s+cited|cited\s+references|
        sources(?:\s+(?:and|&)\s+(?:literature|references|bibliography))?|
        literatur(?:verzeichnis|angaben|liste)?|quellen(?:verzeichnis|angaben)?|
        (?:quellen-?\s+und\s+)?literatur(?:verzeichnis)?|literatur\s+und\s+quellen|
        (?:verwendete|zitierte|benutzte)\s+literatur|
        bibliographie(?:\s+(?:sélective|indicative))?|références(?:\s+bibliographiques)?|
        ouvrages\s+cités|sources\s+et\s+bibliographie|
        referencias(?:\s+bibliográficas)?|bibliografía(?:\s+citada)?|obras\s+citadas|
        fuentes(?:\s+y\s+bibliografía)?|
        referências(?:\s+bibliográficas)?|bibliografia(?:\s+citada)?|
        riferimenti(?:\s+bibliografici)?|
        literatuur(?:lijst)?|bronnen|litteratur(?:liste)?|referenser|kildeliste|lähteet|
        kirjallisuus|bibliografie|literatura|piśmiennictwo|kaynakça|kaynaklar|irodalom|
        βιβλιογραφία|αναφορές|参考文献|
        список\s+(?:использованной\s+|цитируемой\s+|рекомендуемой\s+)?литературы(?:\s+и\s+источников)?|
        список\s+(?:использованных\s+)?источников(?:\s+и\s+литературы)?|
        литература(?:\s+и\s+источники)?|библиографический\s+список|
        источники(?:\s+и\s+литература)?|библиография|
        список\s+використаних\s+джерел|список\s+літератури|використана\s+література|
        література|бібліографія
    )"""
    + _TAIL,
    re.IGNORECASE | re.VERBOSE,
)
NOTES_HEADINGS = re.compile(
    _HEAD
    + r"(notes|endnotes|end\s+notes|footnotes|anmerkungen|fußnoten|fussnoten|endnoten|einzelnachweise|nachweise|"
    r"notes\s+de\s+bas\s+de\s+page|notas|note|noten|примечания|сноски|комментарии|примечания\s+и\s+ссылки|"
    # A book's notes by chapter: "Notes to Chapter 3", "Notes to pages 12–40", "Anmerkungen zu Kapitel 3",
    # "Notes du chapitre III", "Примечания к главе 3" (notesfind2).
    r"(?:notes|endnotes)\s+(?:to|for|on)\s+(?:the\s+)?(?:chapter|chap\.|ch\.|part|book|lecture|section|essay|pages?|pp\.)\s+[\w.–-]{1,20}|"
    r"anmerkungen\s+zu(?:m)?\s+(?:kapitel|teil|abschnitt|seiten?)\s+[\w.–-]{1,20}|"
    r"notes\s+du\s+chapitre\s+[\w.–-]{1,20}|примечания\s+к\s+(?:главе|части|разделу)\s+[\w.–-]{1,20})"
    + _TAIL,
    re.IGNORECASE,
)
BACK_MATTER_HEADINGS = re.compile(
    r"""^\s*(?:\#{1,6}\s*)?(?:\*\*)?(?:(?:\d{1,2}|[IVX]{1,4}|[A-H])[.)]?\s+)?(
        about\s+the\s+authors?|information\s+about\s+the\s+authors?|author\s+information|
        notes\s+on\s+contributors|
        authors?'?\s+(?:bio|biographies|contributions)|сведения\s+об\s+авторах?|об\s+авторах?|
        информация\s+об\s+авторах?|appendix|appendices|приложение|acknowledge?ments?|funding|
        conflicts?\s+of\s+interest|supplementary\s+material|благодарности|
        anhang|danksagung|über\s+(?:die\s+)?(?:autor(?:inn)?en|den\s+autor|die\s+autorin)|
        autoreninformation(?:en)?|annexes?|remerciements|à\s+propos\s+des?\s+auteurs?|
        anexos?|apéndices?|agradecimientos|agradecimentos|sobre\s+(?:los|os)\s+autor[ea]s|
        appendice|ringraziamenti|gli\s+autori
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)

_BULLET = re.compile(r"^\s*[-–•*·▪]\s+")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
_LOW = "a-zß-öø-ÿā-žа-яё"
# "[1]", "(1)", "1.", "1)" — or a bare "1 " before a capital (PDF lists whose dot is lost).
_ENTRY_NUMBER = re.compile(
    rf"^\s*(?:\[(\d{{1,4}})\]|\((\d{{1,4}})\)|(\d{{1,4}})[.)]|(\d{{1,3}})(?=\s+[{_UP}][\w'’\-]*[,.\s]))(?:\s+|$)"
)
_PARTICLE = r"(?:(?:van|von|de|der|den|du|da|di|del|della|des|la|le|ten|ter|zu|dos|al|el|ben)\s+)*"
_AUTHOR_START = re.compile(
    rf"^{_PARTICLE}(?:"
    rf"[{_UP}][\w'’\-]+(?:[\s-][{_UP}][\w'’\-]+)?,\s+(?:[{_UP}]\.|[{_UP}][{_LOW}]+)|"  # Meier, K. / Meier, Karl
    rf"[{_UP}][\w'’\-]+(?:\s[{_UP}][\w'’\-]+)?\s[{_UP}]{{1,3}}(?:[,.]|\s\()|"  # Smith JA, / Smith JA.
    rf"[{_UP}][\w'’\-]+(?:\s[{_UP}][\w'’\-]+)?\s(?:[{_UP}]\.\s?-?){{1,3}}|"  # Иванов И. И.
    rf"[{_UP}]{{2,}}[{_UP}'’\- ]*,\s|"  # SILVA, J.
    rf"(?:[{_UP}]\.\s?-?){{1,3}}\s?[{_UP}][\w'’\-]+[,.]|"  # K. Meier,
    r"(?:—|–|-|_){2,}"  # ——— same author again
    ")"
)
# An author (a person or an institution) and then the year: "World Health Organization. (2019).",
# "Statistisches Bundesamt (2020):", "OECD, 2018."
_AUTHOR_YEAR_START = re.compile(
    rf"^[{_UP}][^()\n]{{1,100}}?(?:\s\(\s?(?:1[5-9]|20)\d\d[a-z]?\s?\)|[.,]\s(?:1[5-9]|20)\d\d[a-z]?[.,:])"
)
_ENDS_ENTRY = re.compile(r"(?:[.)\]»”\"]|\d|https?://\S+|\b(?:EDN|DOI|doi)\s?:?\s?\S+)\s*$")


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
            if (
                BACK_MATTER_HEADINGS.match(lines[j])
                or NOTES_HEADINGS.match(lines[j])
                or (j > h + 1 and REFERENCE_HEADINGS.match(lines[j]))
            ):
                end = j
                break
        if any(lines[k].strip() for k in range(h + 1, end)) and not holds_notes(lines, h + 1, end):
            return h, h + 1, end
    first = unheaded_list(lines)
    return (first, first, len(lines)) if first is not None else None


# An unheaded list: this many entries at least, nearly all (this share) reading as whole works.
_UNHEADED_ENTRIES = 8
_UNHEADED_SHARE = 0.9
_UNHEADED_LONGEST = 700  # characters: an entry longer than this is a paragraph of prose
_NOTE_NUMBER_OPENS = re.compile(rf"^\s*\d{{1,3}}\s+[{_UP}]")
# A line that opens an entry of such a list: a capital or a quotation mark (an author or a title).
_ENTRY_OPENS = re.compile(rf"^\s*[{_UP}„“\"«‘]")


def unheaded_list(lines: list[str]) -> int | None:
    """The first line of a bibliography printed at the end of the text without a heading, or None.

    A thesis chapter's PDF text may end with its bibliography and no "Literatur" over it (the page
    that printed the heading was not in the excerpt: heldout_notes3's ``de_txt_riedel_kap3``, 29
    entries read as nothing).  Read from the end back: entries open on a line that starts like an
    author or a title after a line that ended an entry; the run goes back while each entry reads as a
    whole work (``citation_score`` two or more; a few may not) and none is numbered, signalled or a
    repeat (notes are), and stops at the first entry that is prose or a note.  Eight entries or more,
    nine in ten of them works, make the list; a notes text, whose notes are numbered, never does.
    Linear: each line is looked at once, each entry scored once.
    """

    def filled_before(i: int) -> int:
        """The last line above ``i`` with text that is no page number (-1: none)."""
        i -= 1
        while i >= 0 and (not lines[i].strip() or _PAGE_NUMBER.match(lines[i])):
            i -= 1
        return i

    entries: list[list[int]] = []
    scores: list[int] = []
    prose = 0  # entries that read as no work
    current: list[int] = []
    i = filled_before(len(lines))
    while i >= 0:  # (from the end back, as far as the list goes: a text with none is left after a few lines)
        current.append(i)
        before = filled_before(i)
        prev = lines[before].strip() if before >= 0 else ""
        if before >= 0 and not (_ENTRY_OPENS.match(lines[i]) and _ENDS_ENTRY.search(prev) and not incomplete(prev)):
            i = before
            continue
        current.reverse()
        entries.append(current)
        current = []
        i = before
        text = " ".join(lines[k].strip() for k in entries[-1])
        # (A note's number opens its first line, or a line inside: "3 Werke von …" — a date "19. März 2020)." does not.)
        if len(text) > _UNHEADED_LONGEST or _number(lines[entries[-1][0]]) is not None or any(
                _NOTE_NUMBER_OPENS.match(lines[k]) or _MARKDOWN_NOTE.match(lines[k]) or _numbered_alone(lines, k)
                for k in entries[-1]):
            entries.pop()
            break
        if signal_length(text) or REPEAT_MARK.match(text):
            entries.pop()
            break
        scores.append(citation_score(text))
        prose += scores[-1] < 2
        if prose > max(1, (1 - _UNHEADED_SHARE) * len(entries)):
            break  # too many entries that are no works: the run ended at the last one that was
    while entries and scores[-1] < 2:  # (the list opens with a work, not with the prose over it)
        entries.pop()
        scores.pop()
    # The list opens after a blank line or a page break, never inside a paragraph: a note's list of works
    # ("…, ISBN 3-7857-1197-2." / "Eigenes Konto. …", fresh4's margin column) goes on from the note above it.
    while entries and entries[-1][0] > 0 and lines[entries[-1][0] - 1].strip() and "\f" not in lines[entries[-1][0]]:
        entries.pop()
        scores.pop()
    if len(entries) < _UNHEADED_ENTRIES:
        return None
    return entries[-1][0]


def _numbered_alone(lines: list[str], i: int) -> bool:
    """Is line ``i`` a note's first line under its number alone on a line ("53" / "Louis Nelson, …", one
    blank line between at most, as pdftotext prints endnotes)?  A page's number has the page break
    (a form feed) between it and the next page's first line."""
    k = i - 1
    if k >= 0 and not lines[k].strip():
        k -= 1
    return k >= 0 and bool(_PAGE_NUMBER.match(lines[k])) and "\f" not in lines[i] and "\f" not in lines[k + 1]


# Items of a numbered run that must read as notes (a repeat, a signal, a text printed twice)
# for the run to be notes: two, and a fifth of them.  A numbered bibliography has none: every
# entry is a whole work, cited once, with no "Vgl."/"See" before it (45/45 dev lists unchanged).
_NOTE_ITEMS = 2
_NOTE_SHARE = 0.2
_SIGNAL_IN_ITEM = re.compile(
    r"(?:^|[.;:(]\s)(?:vgl\.|siehe|see|cf\.|voir|véase|см\.)\s|\b(?:ebd|ebda|ebenda|ibid|ibidem|ibíd|id)\.", re.IGNORECASE
)

_MARKDOWN_NOTE = re.compile(r"^\s{0,3}\[\^[^\]\s]{1,40}\]:")
_LOCATOR = re.compile(r"[,:]\s(?:S|s|p|pp|с|С|Nr|no|n°)\.?\s?\d")


def holds_notes(lines: list[str], first: int, end: int) -> bool:
    """Is the block under a list heading a run of notes, not a reference list?

    Web pages print their endnotes under "Sources" (held-out de_cbdd_deckenmalerei_notes: 23
    ``1. …`` notes with ``ebd.`` and short titles under an English "Sources", read as one list
    entry, 0/35 before).  A run numbered 1, 2, 3 … in which at least two items (and a fifth)
    read as notes — ``ebd.``/``Ibid.``/``op. cit.`` anywhere, a signal (``Vgl.``, ``See``) at the
    start or after a sentence, or the same text as an earlier item — is notes.
    """
    filled = [line for line in lines[first:end] if line.strip()]
    if filled and sum(bool(_MARKDOWN_NOTE.match(line)) for line in filled) * 2 > len(filled):
        return True  # Markdown notes ("[^1]: ORLANDI, 2015, p. 26") printed under "References"
    items: list[str] = []
    for k in range(first, end):
        n = _number(lines[k])
        if n is not None and n == len(items) + 1:
            items.append(_ENTRY_NUMBER.sub("", lines[k], count=1).strip())
        elif items and lines[k].strip():
            items[-1] += " " + lines[k].strip()
    if len(items) < 3:
        return False
    seen: set[str] = set()
    noted = 0
    for item in items:
        # The work an item cites: its text before the first page locator ("Poser, Deckenbilder,
        # 1980" of "…, S. 160."), so a short form cited again with another page is a repeat.
        work = re.sub(r"\W+", " ", _LOCATOR.split(item, maxsplit=1)[0]).lower().strip()
        if REPEAT_MARK.search(item) or signal_length(item) or _SIGNAL_IN_ITEM.search(item) or work in seen:
            noted += 1
        seen.add(work)
    return noted >= _NOTE_ITEMS and noted >= _NOTE_SHARE * len(items)


class _Entries:
    """Entries as they are built: text and 1-based line range."""

    def __init__(self) -> None:
        self.items: list[tuple[str, int, int]] = []
        # How far the last item was searched for a run-together number (``_split_run_together``):
        # ``(item count, number sought, characters searched or -1 when a number in its first ten
        # characters stops the search)``.
        self.searched: tuple[int, int, int] = (0, 0, 0)

    def start(self, text: str, line: int) -> None:
        self.items.append((text.strip(), line, line))

    def extend(self, text: str, line: int) -> None:
        if not self.items:
            self.start(text, line)
            return
        prev, first, _ = self.items[-1]
        self.items[-1] = (join_wrapped(prev, text), first, line)


def _number(line: str) -> int | None:
    m = _ENTRY_NUMBER.match(line)
    return int(next(g for g in m.groups() if g)) if m else None


def _numbered(body: list[tuple[int, str]]) -> _Entries | None:
    """Entries by their printed numbers, when at least two follow in sequence."""
    firsts = [n for _, line in body if (n := _number(line)) is not None]
    if not firsts or _number(body[0][1]) is None:
        return None
    # Numbers at line starts rise (some entries may start inside a line: ``… 2011. [2] …``);
    # numbers that fall back are wrapped lines that happen to start with a number.
    rising = sum(1 for a, b in itertools.pairwise(firsts) if 0 < b - a <= 3)
    if len(firsts) > 1 and rising < max(1, (len(firsts) - 1) // 2):
        return None
    out = _Entries()
    expected = firsts[0]
    for i, line in body:
        n = _number(line)
        if n is not None and expected <= n <= expected + 2:
            out.start(_ENTRY_NUMBER.sub("", line, count=1), i + 1)
            expected = n + 1
        else:
            out.extend(line, i + 1)
        expected = _split_run_together(out, expected, i + 1)
    return out


# A number run together with the entry before it is sought again only in the last this many characters
# of what was searched before (a match that the line just joined completes starts at most a name's
# length before the joint; the join may also repair a hyphen there).
_RESEARCH = 200


def _split_run_together(out: _Entries, expected: int, line: int) -> int:
    """``… 2011. [2] Smith …`` inside the last entry: split at each next number printed there.

    Called after every line joined to the entry, so only the new end of the entry is searched:
    searching the whole entry each time was quadratic where numbering stalls and every later line
    joins one entry (a book's per-chapter notes read as one list: 64 chapters, 1.2 s of 2.0 s in
    ``segment``; benchmarks/extract/README.md)."""
    while out.items:
        text, first, last = out.items[-1]
        count, sought, done = out.searched
        start = 0
        if (count, sought) == (len(out.items), expected):
            if done < 0:
                return expected
            start = max(0, done - _RESEARCH)
        m = re.compile(
            rf"(?<=[.)\]])\s+(?:\[{expected}\]\s*|\({expected}\)\s*|{expected}[.)]\s+(?={_AUTHOR_START.pattern[1:]}))",
        ).search(text, start)
        if not m or m.start() < 10:
            out.searched = (len(out.items), expected, len(text) if not m else -1)
            return expected
        out.items[-1] = (text[: m.start()].strip(), first, last)
        out.items.append((text[m.end() :].strip(), line, line))
        expected += 1
    return expected


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u00a0"))


def split_entries(lines: list[str], first: int, end: int) -> list:
    """Split a reference list into entries (``Span``s with their line ranges)."""
    from citekeeper.extract.segment import Span

    body = [(i, lines[i]) for i in range(first, end) if lines[i].strip() and not _PAGE_NUMBER.match(lines[i])]
    if not body:
        return []
    out = _numbered(body)
    if out is None:
        out = _bulleted(body)
    if out is None:
        out = _by_paragraph(lines, first, end, len(body))
    if out is None:
        out = _by_indent(body)
    if out is None:
        out = _by_author_lines(body)
    return [Span(text, a, b) for text, a, b in out.items if text]


def _bulleted(body: list[tuple[int, str]]) -> _Entries | None:
    if not _BULLET.match(body[0][1]):
        return None
    out = _Entries()
    for i, line in body:
        if _BULLET.match(line):
            out.start(_BULLET.sub("", line, count=1), i + 1)
        else:  # a wrapped line continues the entry above
            out.extend(line, i + 1)
    return out


def _by_paragraph(lines: list[str], first: int, end: int, n_lines: int) -> _Entries | None:
    """One entry per paragraph; a paragraph of several one-line entries (a bibliography
    grouped by initial letter, blank lines only between the groups) is split at its
    author lines."""
    groups: list[list[tuple[int, str]]] = []
    blank = True
    for i in range(first, end):
        line = lines[i]
        if not line.strip() or _PAGE_NUMBER.match(line):
            blank = blank or not line.strip()
            continue
        if blank:
            groups.append([])
        groups[-1].append((i, line))
        blank = False
    if len(groups) < max(2, n_lines // 3):
        return None
    out = _Entries()
    for group in groups:
        out.items += _by_author_lines(group, short_lines=False).items
    return out


def _by_indent(body: list[tuple[int, str]]) -> _Entries | None:
    """Hanging indent: the first line of an entry sits left of its continuation lines."""
    indents = [_indent(line) for _, line in body]
    left = min(indents)
    starts = sum(1 for x in indents if x == left)
    if starts < 2 or starts == len(body) or _indent(body[0][1]) != left:
        return None
    out = _Entries()
    for (i, line), x in zip(body, indents, strict=True):
        if x == left:
            out.start(line, i + 1)
        else:
            out.extend(line, i + 1)
    return out


_TITLE_OPENS = re.compile(r"^[„“\"«‘][^\W\d_]")
# "Bruce Haynes, „Stimmton“, …", "Pascal Hitzler u. a., Semantic Web …": a given name and a family name
# (initials between), a comma, then the title — German and Chicago-style lists name authors so.
_GIVEN_FAMILY = re.compile(
    rf"^[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?(?:\s[{_UP}]\.)*\s{_PARTICLE}[{_UP}][\w'’\-]+(?:\s(?:u\.\s?a\.|et\sal\.))?,\s+[{_UP}„“\"«‘]"
)


def _by_author_lines(body: list[tuple[int, str]], short_lines: bool = True) -> _Entries:
    """Entries starting at author lines after a line that ended an entry (and, with
    ``short_lines``, after a line much shorter than the others)."""
    width = max(len(line.strip()) for _, line in body)
    out = _Entries()
    prev = ""
    for i, line in body:
        text = line.strip()
        ended = bool(prev) and not incomplete(prev) and bool(_ENDS_ENTRY.search(prev))
        short = short_lines and bool(prev) and len(prev) < 0.7 * width and ended
        # (… or a work cited by its title in quotation marks, web pages mostly: "„RDF 1.1 Primer“, online: …".)
        starts = (_AUTHOR_START.match(text) or _AUTHOR_YEAR_START.match(text) or _TITLE_OPENS.match(text)
                  or _GIVEN_FAMILY.match(text))
        if not out.items or (ended and starts) or (short and text[:1].isupper()):
            out.start(text, i + 1)
        else:
            out.extend(text, i + 1)
        prev = text
    return out

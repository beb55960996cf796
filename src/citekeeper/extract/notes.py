"""Footnotes in any notes style: their number markers, and the citations one footnote holds.

Markers: a superscript number (``¹``), or ``1``, ``1.``, ``1)``, ``(1)``, ``[1]`` and
Markdown's ``[^1]:`` at the start of a line.  A plain number is ambiguous (a section
heading ``2 Methods``, a wrapped ``45 f.``), so ``segment`` accepts it only when it is the
number expected next and the line reads like a note (``cues``).

Several citations in one footnote are separated by ``;`` — but a semicolon also sits in
titles and between page numbers, so a footnote is split only at a semicolon outside
quotes, brackets and ``*italics*``, where the piece before it already reads as a citation
(a year, a page locator, a repeat marker, GOST's ``//`` …) and the piece after it starts
a new one (a capital, a signal such as ``vgl.``/``see``, or a repeat such as ``ebd.``).
"""

from __future__ import annotations

import re

from citekeeper.extract.cues import (
    AUTHOR_BEFORE_COLON,
    COURT_DATE,
    NAME_START,
    REPEAT_MARK,
    SHORT_TITLE_CITE,
    SURNAME_INITIALS,
    URL_BOUNDARY,
    best_part_score,
    citation_score,
    holds_citation,
    signal_length,
    strip_signal,
    strong_cue,
)
from citekeeper.extract.lines import incomplete

_SIGNAL_INSIDE = re.compile(r"\b(?:vgl\.|siehe|see|cf\.|voir|véase|см\.)[\s:]", re.IGNORECASE)

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_INT = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}

_SUP_MARKER = re.compile(rf"^\s*([{SUPERSCRIPT_DIGITS}]+)\s*(.*)$")
# PDF text often glues a footnote's number to its first word ("1Vgl. Meier"): a number
# directly before a capital or an opening quote counts too (judged like a plain number), and
# before the lower-case words notes open with ("2ebd., S. 47.", "3vgl. …", "4ders.:", "5см.").
_NUM_MARKER = re.compile(
    r"^\s*(?:\[\^(\d{1,4})\]:?|\[(\d{1,4})\]:?|\((\d{1,4})\)|(\d{1,4})[.)](?=\s)|"
    r"(\d{1,4})(?=\s|[A-ZÀ-ÞА-ЯЁ„“\"«][^\d\s]|(?:vgl\.|ebd[a.]|ders\.|dies\.|zit\.|siehe\s|see\s|cf\.|ibid|id\.|"
    r"voir\s|см\.|там\s|ср\.)))\s*(\S.*)$"
)
# Markdown footnotes may be named (``[^Bennett2]: Ibid., viii.``): numbered in order of appearance.
_NAMED_MARKER = re.compile(r"^\s{0,3}\[\^([^\]\s]{1,40})\]:\s*(\S.*)$")
# Wiki-style notes as a browser copies them: a back-link caret or arrow, its jump letters or numbers
# ("^ a b Smith 2010, p. 5.", "1. ^ Smith …", "↑ 1 2 Иванов И. И. …"): numbered in order of appearance.
_CARET_MARKER = re.compile(r"^\s*(?:\d{1,4}[.)]?\s+)?[\^↑]\s*(?:(?:[a-z]{1,2}|\d{1,2}(?:[.,]\d{1,2})?)\s+)*(?=\S)(.*\S.*)$")
_OPENERS = {"(": ")", "[": "]", "«": "»", "„": "“", "“": "”", "‚": "‘", "‹": "›"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}


def marker(line: str, expected: int = 0) -> tuple[int, str, str] | None:
    """``(number, rest, style)`` when ``line`` starts with a footnote-number marker.

    A named Markdown footnote gets ``expected`` (the next number) as its number.
    """
    m = _SUP_MARKER.match(line)
    if m and m.group(2).strip():
        return int("".join(_SUP_TO_INT[c] for c in m.group(1))), m.group(2), "superscript"
    m = _NUM_MARKER.match(line)
    if m:
        number = next(g for g in m.groups()[:5] if g)
        style = "markdown" if m.group(1) else "numeric"
        caret = _CARET_MARKER.match(m.group(6))
        if caret:
            return int(number), caret.group(1), "markdown"
        return int(number), m.group(6), style
    m = _NAMED_MARKER.match(line)
    if m and expected:
        return expected, m.group(2), "markdown"
    m = _CARET_MARKER.match(line)
    if m and expected:
        return expected, m.group(1), "markdown"
    return None


# Project Gutenberg's footnotes: "[Footnote 1: Kuinöl, Comm. in Matth. …]" (also lettered "[Footnote A: …]"),
# set where the page's note fell — after the paragraph that calls it, or inside it — and over lines.
LABELLED_NOTE = re.compile(
    r"\[\s?(?:footnote|fußnote|fussnote|anmerkung|note|nota|примечание|сноска)\s+"
    r"(\d{1,4}|[A-Za-z]{1,2}|[*†‡§]{1,3})\s?[:.]\s*", re.IGNORECASE)
_LABELLED_LINES = 80  # a note left unclosed this long is no note: the text is left as it was


def labelled_notes(lines: list[str]) -> list[tuple[int, str, int, int, str]]:
    """``(number, label, first line, last line, text)`` of every ``[Footnote N: …]`` block (0-based
    lines), and the lines with those blocks blanked in place (so every other line keeps its number).

    The brackets delimit each note exactly, so nothing is guessed: the plain-text rules never saw
    them as notes (no number opens the line; the note sits between body paragraphs; PG's texts of
    19th-century notes-style works — the very books of the dev7 sets — print them so).  A letter
    label is numbered by its place in the alphabet (``A`` 1), a symbol 0 with its label, as a Word
    note with a custom mark is.  The block ends at its matching ``]``; one not closed within
    ``_LABELLED_LINES`` lines is left as text.  ``lines`` is changed in place.
    """
    out = []
    k = 0
    while k < len(lines):
        m = LABELLED_NOTE.search(lines[k])
        if m is None:
            k += 1
            continue
        depth, end, col = 1, None, m.end()
        for j in range(k, min(len(lines), k + _LABELLED_LINES)):
            line = lines[j]
            for c in range(col if j == k else 0, len(line)):
                if line[c] == "[":
                    depth += 1
                elif line[c] == "]":
                    depth -= 1
                    if depth == 0:
                        end = (j, c)
                        break
            if end is not None:
                break
        if end is None:
            k += 1
            continue
        j, c = end
        if j == k:
            parts = [lines[k][m.end():c]]
        else:
            parts = [lines[k][m.end():], *lines[k + 1:j], lines[j][:c]]
        label = m.group(1)
        number = int(label) if label.isdecimal() else (
            sum((ord(ch) - 96) * 26 ** i for i, ch in enumerate(reversed(label.lower()))) if label.isalpha() else 0)
        text = "\n".join(part.strip() for part in parts).strip()
        if text:
            out.append((number, "" if label.isdecimal() else label, k, j, text))
        head, tail = lines[k][:m.start()], lines[j][c + 1:]
        for row in range(k, j + 1):
            lines[row] = ""
        lines[k] = (head + " " + tail).rstrip() if j == k else head.rstrip()
        if j != k:
            lines[j] = tail
        k = j if tail.strip() else j + 1
    return out


def _depth_zero_semicolons(text: str) -> list[int]:
    """Offsets of ``;`` outside brackets, quotes and ``*italics*``."""
    out: list[int] = []
    stack: list[str] = []
    straight_quote = False
    italic = False
    # ",," is „ typed in ASCII (LaTeX, PDF text), closed by “, ” or a straight quote: ",,… in Krefeld!"", ",,Arisierung”".
    # (Replaced by "„," so every offset stays.)
    text = text.replace(",,", "„,")
    for i, ch in enumerate(text):
        if ch in '"”' and stack and stack[-1] == "„":
            stack.pop()
        elif ch == '"':
            straight_quote = not straight_quote
        elif ch == "*":
            italic = not italic
        elif ch == "«" and stack and stack[-1] == "»":
            stack.pop()  # German »quotes«
        elif (ch == "»" and not (stack and stack[-1] == "«")) or (ch in _OPENERS and not (ch == "“" and stack and stack[-1] == "„")):
            stack.append(ch)
        elif ch in _CLOSERS and stack and (stack[-1] == _CLOSERS[ch] or _OPENERS.get(stack[-1]) == ch):
            stack.pop()
        elif ch == ";" and not stack and not straight_quote and not italic:
            out.append(i)
    return out


# The end of a prose sentence: a lower-case word of three letters or more, then ". " and a capital.
# (… or a closing bracket or quotation after such a word: "… at the time (as in the papers of the day). Private advertiser,
# ‘…’", "… „nur signifikante Ergebnisse berichten“. Methodengruppe Berlin: …".)
_PROSE_END = re.compile(r"(?:(?<=[a-zà-ÿа-яё]{3})|(?<=[a-zà-ÿа-яё]{3}[)’”\"»]))[.!?][’”\"»]?\s+(?=[A-ZÀ-ÞА-ЯЁ‘“\"«])")


# (… or in a bracket, or straight after a word of German prose: "… Rückschlüsse zu (vgl.: Haynes, „Stimmton“, in: …)",
# "… bei Werken der Musik s. Bicher, Wiermann, „Normdaten …“, in: …" — lower-case "s." is German's "siehe".)
_SIGNAL_AFTER_COMMENT = re.compile(
    r"(?:[,;:–—]\s+|\s\(|(?<=[a-zäöüß]{3})\s(?=[sS]\.\s[A-ZÄÖÜ]))"
    r"(?=(?:vgl\.|siehe|see(?:\s+also)?|cf\.|voir|véase|см\.|(?-i:s)\.(?=\s[A-ZÄÖÜ]))[\s:])", re.IGNORECASE
)


def citing_part(text: str) -> str:
    """The footnote without the prose sentences that open it before its citation.

    Notes often comment first and cite after (``Fortunately the programme was tested …
    Ibid., 296.``).  Only whole leading sentences that read as prose (``_prose``) are
    dropped, and only when what follows cites; a citation is never cut at an initial or
    an abbreviation.
    """
    # "Im Jahr 1966 erschien die Pionierstudie von Helmut Genschel. Erst 20 Jahre später folgte …
    # Avraham Barkai, der … anknüpfte. Vgl. Benno Nietzel: …": sentences with no cue only citations
    # carry (a year and names are not enough), then a sentence opening with a signal — the comment ends there.
    lead = _SIGNAL_OPENS.search(text, 0, 1200)
    if lead and lead.start() >= 40 and not NAME_START.match(text) and not signal_length(text):
        head = text[: lead.start()]
        if not strong_cue(head) and not _PAGE.search(head) and len(_PROSE_WORD.findall(head)) >= 5:
            tail = text[lead.end() :]
            if citation_score(tail) >= 2 or REPEAT_MARK.search(tail[:80]):
                return citing_part(tail)
    rest = text
    for _ in range(12):
        m = _PROSE_END.search(rest)
        if not m:
            break
        head, tail = rest[: m.start() + 1], rest[m.end() :]
        # "Zusammenfassend zur Geschichte des … Zugangsrechts: Rehm, Geheimnis – Gedächtnis. Archive …":
        # a lead-in longer than a clause ends at the colon before an author; the citation starts there.
        lead = _COLON_AUTHOR.search(head)
        # (Not when the note opens with its author: "See JANE DOE, THE LIMITS OF CONSENT: LAW, MARKETS, …
        # (Oxford Univ. Press 2012)" — Bluebook's small capitals; the colon is the title's.)
        opens_with_author = bool(NAME_START.match(strip_signal(head)))
        # (Nor a colon in a bracket: "(London: Adam Islip, 1611)" is a place and its publisher.)
        if lead and head.count("(", 0, lead.start()) > head.count(")", 0, lead.start()):
            lead = None
        if lead and not opens_with_author and citation_score(rest[lead.end() :]) >= 2 and not AUTHOR_BEFORE_COLON.search(head, 0, lead.start() + 1):
            return rest[lead.end() :]
        if not _prose(head) or _TITLE_FIRST.match(tail) or MID_CITATION.match(tail):
            break
        # "… dans le cadre du projet CREMMA (…). Ariane Pinche. «HTR Models …»": the comment ends
        # in the author of the work cited; the citation starts at that author.
        author = _AUTHOR_TAIL.search(head)
        if author and _TITLE_START.match(tail):
            return rest[author.start(1) :]
        if not (REPEAT_MARK.search(tail[:80]) or citation_score(tail) >= 2 or best_part_score(tail) >= 3):
            break
        rest = tail
    # "Zur Frage, ob …, vgl.: Kuschel, …" / "Daneben hat auch der EuGH …, vgl. nur: EuGH, Urt. …":
    # a comment that ends in a signal and a citation cites from the signal on.
    m = _SIGNAL_AFTER_COMMENT.search(rest)
    head = rest[: m.start()] if m else ""
    # The comment may name a court ("Daneben hat auch der EuGH einige Urteile gefällt, …"):
    # five words of prose and no year or page keep it a comment.
    prose = len(_PROSE_WORD.findall(head)) >= 5 and not _YEAR_OR_PAGE.search(head)
    # A note that opens with citations of its own before the comment ("Ibid 45; Hosking v Runting (n 3) 12. The High
    # Court has not yet decided the point: see …": a repeat, an author or a case, reading whole, up to a full stop
    # after a number) keeps them; only the comment between them and the signal is dropped.
    end = _CITING_SENTENCE_END.search(head)
    cites = head[: end.start() + 1] if end else ""
    first = cites.split(";")[0]
    opens_citing = bool(first) and len(first) < 120 and _reads_whole(first) and bool(
        REPEAT_MARK.match(first) or NAME_START.match(first) or _CASE_OR_BODY.match(first)
    )
    # (A signal in a bracket or after a bare word follows a whole note of comment, never a citation with its URL:
    # "Noy, McGuinness, Ontology Development 101, online: https://…. Auch Meier legt das nahe (vgl.: …)".)
    if m and m.group(0).strip() in {"", "("} and not (prose or (not m.group(0).strip() and len(_PROSE_WORD.findall(head)) >= 3
                                                         and not _YEAR_OR_PAGE.search(head))):
        m = None  # a title before the bracket ("Rechtswissenschaft als Rechtsschöpfung (vgl. …)") is no comment
    if m and m.group(0).strip() in {"", "("} and strong_cue(head):
        # … the citation before it keeps its place when a sentence of prose follows it: both are cited.
        stop = [s for s in re.finditer(r"\.\s+(?=[A-ZÄÖÜÀ-Þ])", head) if s.start() > 20][-1:]
        after = head[stop[0].end():] if stop else ""
        if stop and _reads_whole(head[: stop[0].start() + 1]) and not re.search(r"\d", after) and _prose(after + "."):
            cites, opens_citing = head[: stop[0].start() + 1], True
        else:
            m = None
    if m and m.start() >= 20 and (citation_score(head) <= 1 or prose) and not _leading_citation(head):
        tail = rest[m.end() :].strip()
        if citation_score(tail) >= 2 or REPEAT_MARK.search(tail[:80]):
            rest = f"{cites}; {tail}" if opens_citing else tail
    if rest is not text and _NAMES_COLON.match(rest):
        # "… Publikations Bias". Methodengruppe Berlin (Autorengruppe): Die Replikationskrise …": after the comment
        # a sentence opens with its author and a colon; a name later in it ("Lehrstuhl für … (Hrsg)") is not the start.
        return rest
    return _embedded_start(rest)


# Capitalised words (a person or a body, perhaps its role in brackets), a colon and a title: German notes' author.
_NAMES_COLON = re.compile(
    r"^(?:[A-ZÀ-ÞА-ЯЁ][\w'’&.\-]*\s){0,4}[A-ZÀ-ÞА-ЯЁ][\w'’&.\-]*(?:\s\([^()]{2,30}\))?:\s(?=[A-ZÀ-ÞА-ЯЁ„“\"«‘]|,,)"
)


_CITING_SENTENCE_END = re.compile(r"(?<=[\d)\]])\.\s+(?=[A-ZÀ-Þ])")
_SIGNAL_OPENS = re.compile(
    # (Bluebook's "See, e.g.," and "E.g.," carry a comma: "The literature here is vast. See, e.g., Jane Doe, …")
    r"(?<=[.!?»”\"“])\s+(?=(?:Vgl\.|Siehe|See(?:,\s+e\.g\.,)?|E\.g\.,|Cf\.|Compare|Voir|Véase|См\.|Ср\.|Dazu|Hierzu|"
    r"Zum\s+Folgenden)\s)"
)
_PAGE = re.compile(r"\b(?:S|p|pp|С|с)\.\s?\d")
# A sentence that is a list of names ("Alix Chagué, Thibault Clérice, et Laurent Romary.", "Thomas M.
# Breuel."), after a full stop: French and Chicago-bibliography notes end the author with a stop.
_NAME_WORD = r"(?:[A-ZÀ-Þ][a-zà-ÿ'’]+(?:-[A-ZÀ-Þ]?[a-zà-ÿ'’]+)?|[A-ZÀ-Þ]\.(?:-[A-ZÀ-Þ]\.)?)"
_AUTHOR_TAIL = re.compile(
    rf"(?:(?<=[.!?)\]»”\"]\s)|^)({_NAME_WORD}(?:(?:,\s|,?\s(?:et|and|und|&)\s|\s)(?:(?:de|von|van|der|du|da|di)\s)?"
    rf"{_NAME_WORD}){{1,15}}\.)$"
)
# A title opens: a quotation mark, italics, or a capital.
_TITLE_START = re.compile(r"^[«“\"„‘*A-ZÀ-Þ]")
# A colon (or a signal's colon) and then an author: "…: Rehm, Geheimnis", "… siehe: Meier, K.".
_COLON_AUTHOR = re.compile(
    r"(?:(?<=\w)|(?<=\w\s))(?<!\b[Ii]n)(?<!\bdans)(?<!\b[Вв]):\s+(?=(?:[A-ZÀ-ÞА-ЯЁ][\w'’\-]+(?:/[A-ZÀ-Þ][\w'’\-]+)*,\s+[A-ZÀ-ÞА-ЯЁ]|"
    r"(?:[A-ZА-ЯЁ]\.\s?){1,3}[A-ZА-ЯЁ][\w'’\-]+,|[A-ZÀ-Þ][a-zà-ÿ]+\s(?:[A-Z]\.\s)?[A-ZÀ-Þ][\w'’\-]+,))"
)
# An edited volume cited by its title, no author before it: the editor follows the title with no
# "in" between ("Le pénal dans tous ses Etats. Justice, … , ed. Xavier Rousseaux, …", "Grenze im Kopf.
# Beiträge …, hg. von …").  The sentence before such a tail is the title's first part, never a comment.
_TITLE_FIRST = re.compile(
    r"^(?:(?!\bin:|[,.]\s+[Ii]n\s|\bdans\s|\bв:?\s)[^;]){0,400}?"
    r"(?:,|\.)\s+(?:ed\.|eds\.|éd\.|éds\.|edited\s+by|hg\.\s+v(?:on)?\.?|hrsg\.\s+v(?:on)?\.?|herausgegeben\s+von|"
    r"a\s+cura\s+di|sous\s+la\s+dir(?:ection|\.)|dir\.|под\s+(?:общ\.\s+)?ред\.)\s",
    re.IGNORECASE,
)
# Where a citation may begin inside prose: after a space, "(", or ": ".
_WORD_START = re.compile(r"(?<=[\s(])(?=[A-ZÀ-ÞА-ЯЁ])")


# A dictionary's headword, then the work it is in: "s.v. Gonorrhée in Randle Cotgrave, A Dictionarie …", "entry for
# “inclination, n.” in Oxford English Dictionary Online", "“marcasite” in Cotgrave, Dictionarie" — the work is cited.
_HEADWORD_IN = re.compile(
    r"(?:(?:the\s+)?entry\s+(?:for|on)\s+|s\.\s?vv?\.\s+)"
    r"(?:“[^”]{1,160}”|‘[^’]{1,120}’|«[^»]{1,120}»|\*[^*]{1,80}\*|[^\s,;“”]{1,30}(?:\s[^\s,;“”]{1,30})?),?\s+in\s+(?=[A-ZÀ-Þ])|"
    r"(?:“[^”]{1,60}”|‘[^’]{1,60}’)\s+in\s+(?=[A-ZÀ-Þ])"
)


# (… an archive or library and its shelfmark: a colon before a title or an author is too often the title's own —
# "ders., Raisonnierendes …: …", "die Artikel »Fact«: …" — dev texts lost 8 citations to a rule for any citation.)
_COLON_THEN_CITATION = re.compile(
    r"(?<=[\w”’\"»)])\s?:\s+(?=(?:[A-ZÄÖÜ]\w*[Aa]rchiv\w*|Archives?|Archivo|Archivio|Arquivo|Record\sOffice|Bibliothèque|"
    r"Biblioteca|Bibliothek|Library|Архив|Государственный\sархив|ГА[А-Я]{0,4}|Ц[А-Я]{1,4}А)\b)"
)


def _embedded_start(text: str) -> str:
    """A citation set inside a sentence of comment, from its author on.

    "Er hat sogar … Kafka gegen dessen Interpreten verteidigt: Giorgio Agamben, Kafka
    Defended …, 1995, 137 f." / "(Cité par M. Winock, Les voix de la liberté, Paris: Seuil
    2001, 109)".  Only when the note opens with prose (no author, signal or repeat), the
    words before score at most one point, and what follows the author clearly cites.
    """
    k = signal_length(text)
    head_word = _HEADWORD_IN.match(text, k)
    if head_word and (citation_score(text[head_word.end() : head_word.end() + 300]) >= 2 or _SHORT_FORM.match(text[head_word.end() :].split(". ")[0])
                      or bool(re.match(r"[A-ZÀ-Þ][\w'’\-]+,\s[A-ZÀ-Þ][\w'’\-]+(?:\s[A-ZÀ-Þ][\w'’\-]+){0,3}[.,]", text[head_word.end() :]))):
        return text[head_word.end() :]
    # A sentence of comment, a colon, then what it cites: "Il s’agit d’un parent de … “graveur d’icelle Monnoye” :
    # Archives départementales de Haute-Garonne, 3E12474, …" (French sets a space before the colon).  Five words of
    # prose and no cue only citations carry before it; a strong cue after it.
    colon = _COLON_THEN_CITATION.search(text, k, k + 400)
    if colon:
        head, tail = text[k : colon.start()], text[colon.end() :]
        if (len(_PROSE_WORD.findall(head)) >= 5 and head.count("(") == head.count(")") and not strong_cue(head)
                and not _SIGNAL_INSIDE.search(head) and not _PAGE.search(head) and not NAME_START.match(head)
                and not SURNAME_INITIALS.match(head)
                and strong_cue(tail[:200]) and citation_score(tail[:300]) >= 3):
            return tail
    if k and text[k:][:1].islower():
        # "Vgl. neben der erwähnten Monographie v. a. folgende Aufsätze: Joachim von Schwarzkopf, …"
        inner = _embedded_start(text[k:])
        return inner if inner != text[k:] else text
    if NAME_START.match(text) or k or REPEAT_MARK.match(text) or _DOCUMENT_START.match(text) or _AUTHOR_IN.match(text):
        return text
    for m in _WORD_START.finditer(text, 1):
        p = m.start()
        if p > 400:
            break
        head = text[:p]
        # (An author-year short form with its page may follow a bracket, a quotation or a comma of the comment:
        # "… (insbesondere Intentionalismus vs. Strukturalismus) Bajohr 1998, S. 10-14", "… „Täterschutz“, Bajohr 1998, S. 24.")
        after_aside = bool(_AUTHOR_YEAR_PAGE.match(text[p:])) and bool(_ASIDE_END.search(head))
        # An author with initials ("A. Stoll,"), or a name and a comma right after a colon or a
        # word of the sentence ("verteidigt: Giorgio Agamben,", "ist Erhard Denninger,") — not a
        # capitalised phrase of a title ("… the Association of Southeast Asian Nations (2021").
        if not _INITIALED_AUTHOR.match(text, p):
            named = NAME_START.match(text[p:])
            # … or an author with a back-reference or an editor's mark: "allgemein Ranieri (Anm. 1), Bd. 1",
            # "vgl. Bernhard Diestelkamp (Hrsg.), Das Reichskammergericht …", "Хлевнюк О. В. Хозяин".
            marked = _AUTHOR_MARKED.match(text, p) or SURNAME_INITIALS.match(text[p:])
            if not (marked or (named and named.group(0).rstrip().endswith(","))) or not (_BEFORE_AN_AUTHOR.search(head) or after_aside):
                continue
            if AUTHOR_BEFORE_COLON.search(head.rstrip()):
                continue  # "Barbara Händler-Lachmann/Thomas Werther: Vergessene Geschäfte, …": a title
            if head.count("(") > head.count(")") and not _SIGNAL_BEFORE.search(head):
                continue  # "(Cambridge: Cambridge University Press, 2000)": a publisher, not "(dazu Monika Frommel, …"
        if citation_score(head) > 1:
            return text
        if len(head.split()) < 4 or not _PROSE_WORD.search(head):
            # "So bereits Erich Maschke, …", "Etwa Jacob M. Price, …": a lead-in of a few words, no name
            # in it, before the first author — the citation starts there (never at a later name).
            if not re.search(r"(?<=\s)[A-ZÀ-ÞА-ЯЁ]", head) and citation_score(text[p : p + 300]) >= 3:
                return text[p:]
            continue  # "Anne-Marie Chartier et Jean Hébrard, …": co-authors, not prose
        if citation_score(head) and len(_PROSE_WORD.findall(head)) < 5 and not after_aside:
            continue  # "… Discours sur la lecture (1880-2000), Paris, …": still the same citation
        if citation_score(text[p : p + 300]) >= 3:
            # "… more generally, Jacob M. Price, …": the given name before the initials is the author's.
            given = _GIVEN_BEFORE.search(head)
            start = given.start() if given and _INITIALED_AUTHOR.match(text, p) else p
            # "… see Ken Young and Patricia L. Garside, …": a co-author before "and" is the citation's first.
            coauthor = _COAUTHOR_BEFORE.search(text, 0, start)
            return text[coauthor.start() if coauthor else start :]
    return text


# The marks of a truncated author list in a note ("Meier u. a.", "Smith et al.", "et alii",
# "Иванов и др."): one copy for the patterns that open a citation with one.
_TRUNCATION = r"(?:u\.\s?a\.|et\s+al(?:\.|ii)|и\s+др\.)"
# A contribution cited by its author and the work it is in: German commentaries and edited
# volumes ("Leistner, in: Schricker/Loewenheim, UrhG, § 4 Rn. 38", "Meier u. a., in: …"), and the
# same in English and French ("Smith, in: Jones (ed.), …", "Dupont, dans : …"): the name is the
# author, not a lead-in before the colon.
_AUTHOR_IN = re.compile(
    r"^[A-ZÀ-ÞА-ЯЁ][\w'’\-]+(?:(?:/|\s|,\s)[A-ZÀ-ÞА-ЯЁ][\w'’.\-]*){0,3}(?:\s+" + _TRUNCATION + r")?"
    r",?\s+(?:in|In|dans|в|В)\s?:\s"
)
# A document cited by what it is, its writer and its addressee in it: "Letter from John Smith to Mary
# Smith, 12 March 1784, Smith Family Papers, …", "Brief von Savigny an Bang, 3. Mai 1810, …".
_DOCUMENT_START = re.compile(
    r"^(?:Letter|Letters|Memorandum|Memo|Telegram|Diary|Brief|Schreiben|Tagebuch|Lettre|Télégramme|Письмо|Телеграмма|"
    r"Докладная\s+записка|Дневник)\s+(?:of|from|to|by|von|an|de|à|du|от|к)\b",
)
_COAUTHOR_BEFORE = re.compile(
    r"(?<![\w'’-])[A-ZÀ-Þ][a-zà-ÿ'’\-]+\s(?:[A-Z]\.\s)?[A-ZÀ-Þ][\w'’\-]+,?\s(?:and|und|et|&|y|и)\s$"
)
_GIVEN_BEFORE = re.compile(r"(?<![\w'’-])[A-ZÀ-ÞА-ЯЁ][a-zà-ÿа-яё]{1,14}\s$")


_AUTHOR_MARKED = re.compile(
    r"(?:[A-ZÀ-Þ][a-zà-ÿ'’\-]+\s){0,2}[A-ZÀ-Þ][\w'’\-]+(?:,\s[A-ZÀ-Þ][\w'’\-]+)?\s"
    r"\((?:(?:wie|s\.|see|cf\.)\s)?(?:Anm|Fn|n|nn|nt|note|Hrsg|Hg|eds?|éds?|dir)\.?(?:\s?\d{1,4})?\)|"
    # … or an author-year short form with its page: "anders hingegen Sahle 2013, S. 30".
    r"[A-ZÀ-ÞА-ЯЁ][\w'’\-]+(?:/[A-ZÀ-ÞА-ЯЁ][\w'’\-]+)?\s(?:1[5-9]|20)\d\d[a-z]?,\s(?:S|p|pp|С)\.\s?\d"
)
_ASIDE_END = re.compile(r"[)”“\"»],?\s+$")
_SIGNAL_BEFORE = re.compile(r"\b(?:dazu|vgl\.|siehe|see|cf\.|voir|cité\s+par|zit\.\s+nach|véase)\s+$", re.IGNORECASE)
# (… or a German noun naming the work: "… in diesem Zusammenhang der Artikel Johannes Busse u. a., „…“".)
_BEFORE_AN_AUTHOR = re.compile(
    r"(?::|(?<![\w-])(?!(?:the|of|and|for|des|der|die|das|den|du|de|la|le|les|et|und|von|van|di|del|della)\s)"
    r"[a-zà-ÿ]{2,}|(?<=\s)(?:Artikel|Aufsatz|Beitrag|Sammelband|Band|Buch|Monographie|Monografie|Studie|Dissertation|"
    r"Handbuch|Lexikonartikel|Essay)\b)\s+$"
)
_YEAR_OR_PAGE = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)|\b(?:S|p|pp|С|с)\.\s?\d")
# A word of prose: lower case, four letters or more (not a particle such as "von", "et", "und").
_PROSE_WORD = re.compile(r"(?<![\w-])(?!(?:von|van|der|den|del|della|des|und|and)\b)[a-zà-ÿа-яё]{3,}\b")



def _prose(sentence: str) -> bool:
    """Not opening with a name, no signal, no repeat; ten words or more with at most one weak
    cue (fifteen words), or six with none ("All den genannten Einrichtungen gilt mein Dank.")."""
    words = len(sentence.split())
    if words < 6 or NAME_START.match(sentence) or _SIGNAL_INSIDE.search(sentence):
        return False
    if REPEAT_MARK.search(sentence[:80]) or _INITIALED_AUTHOR.search(sentence):
        return False
    if len(sentence) > _LONG_SENTENCE and _legal_cites_in_prose(sentence) != [sentence]:
        return False  # a long sentence of argument around a citation ("… in Lopez-Valencia, 798 F.3d 863.")
    if _NAME_THEN_QUOTE.search(sentence[:160]):
        return False  # "Bastien Kindt et Vidal-Gorène Chahan, «From Manuscript to …»": an author, a title
    score = citation_score(sentence)  # a long sentence scores below 0
    if words < 10:
        return score <= 0 and len(_PROSE_WORD.findall(sentence)) >= 3
    return score <= 0 or (score == 1 and words >= 15)


_LONG_SENTENCE = 300
_NAME_THEN_QUOTE = re.compile(r"^[A-ZÀ-Þ][^,;:.]{1,80}?[A-ZÀ-Þ][\w'’\-]+,\s?[«“\"„]")
# "… del 9 gennaio 1803, A. Stoll, Friedrich Karl von Savigny.": an author inside the sentence.
_INITIALED_AUTHOR = re.compile(r"(?<=\s)(?:[A-ZÀ-Þ]\.\s?){1,3}(?:(?:von|van|de|di|da|du|del|le|la)\s)?[A-ZÀ-Þ][\w'’\-]+,\s")
_NEXT_START = re.compile(r"^[A-ZÀ-ÞА-ЯЁ«„“\"*‘§]")  # not a digit: "…, 2001. С. 5; 2002. С. 7" is one citation
# …but a US volume-reporter-page or title-code-section citation opens with its number: "28 U.S.C. § 1331",
# "347 U.S. 483", "500 F.3d 12" (the number, a space, an abbreviation in capitals, a section or a page).
_NUMBERED_START = re.compile(r"^\d{1,4}\s+(?:[A-Z][A-Za-z.]*\.?\s?(?:\d[a-z]{1,2}\s)?){1,4}(?:§{1,2}\s?\d|\d{1,5}\b)")
# The middle of a citation, never the start of one, though it opens with a capital after a full stop:
# a locator ("Т. 1. С. 5", "Bd. 2, S. 3", "Vol. 4. P. 34", archives' "Оп. 1. Д. 25") or an abbreviated
# place before its publisher or year ("М.: Наука, 2010", "СПб., 1896", "N. Y.: Norton").
MID_CITATION = re.compile(
    r"^(?:(?:С|S|P|Pp|Т|T|Vol|Bd|Bde|Кн|Ч|Вып|Л|Лл|Ф|Оп|Д|Ст|Nr|No|H|Jg|Sp|Col|Fol|Bl|Abs|Rn|Tz|Anm|Ed|Aufl)\.\s?\d|"
    r"№\s?\d|(?:М|Л|СПб|Пг|Мн|К|Б\.\s?м|N\.\s?Y|Frankfurt\s?a\.\s?M|Frankfurt/M)\.?\s?[:,]\s|"
    r"[А-ЯЁ][а-яё]{2,}(?:-на-[А-ЯЁ][а-яё]+)?\s?[:,]\s(?:[А-ЯЁ«\"][^.,]{0,40},\s)?(?:1[5-9]|20)\d\d\.|"
    # … or where it is online: "Online: <https://…>, Stand: 18.11.2019", "URL: …", "Available at …".
    r"(?:Online|URL|Available|Verfügbar|Abrufbar|Retrieved|Accessed|Zugriff|Stand|Consulté|Дата\s+обращения|DOI)\b\s?:?\s|"
    r"<?https?://|www\.|"
    # … or its publisher: "Oldenbourg Verlag, München 1983" after "2. Auflage.", "Изд-во МГУ, 2001".
    r"(?:[A-ZÀ-Þ][\w'’&\-]+\s){0,3}(?:Verlag|Verlagshaus|Verlagsanstalt|Press|Publishers|Publishing|Editore|Éditions|"
    r"Editions|Ediciones|Editorial|Издательство|Изд-во)\b(?!\s+[a-zà-ÿ])|"
    # "Mohr, Tübingen 1979", "Campus, Frankfurt am Main 2014": a publisher, its place and year (no title).
    r"[A-ZÀ-Þ][\w'’&\-]+(?:\s[A-ZÀ-Þ][\w'’&\-]+){0,2},\s[A-ZÀ-Þ][a-zà-ÿ]{3,}(?:\s(?:am|an\sder|im|upon|on)\s[A-ZÀ-Þ][\w\-]+)?"
    r"(?:/[A-ZÀ-Þ][\w\-]+)*\s(?:1[5-9]|20)\d\d\b)"
)


# "ders., Systematisches Verzeichniss …" / "idem, …": the same author again.
_SAME_AUTHOR = re.compile(
    r"^(?:et,?\s+)?(?:ders|dies|derselbe|dieselbe|dass|idem|eadem|eiusdem|тот\s+же|он\s+же|его\s+же|du\s+même\s+auteur|"
    r"by\s+the\s+same\s+author|von\s+demselben)\.?[,:]?\s",
    re.I,
)


def _starts_citation(piece: str) -> bool:
    if MID_CITATION.match(piece):
        return False
    if signal_length(piece) or REPEAT_MARK.match(piece) or _SAME_AUTHOR.match(piece):
        return True
    if _NUMBERED_START.match(piece):
        return True
    return bool(_NEXT_START.match(piece)) and (citation_score(piece) >= 2 or bool(_TITLE_FIRST.match(piece)))


def _reads_whole(piece: str) -> bool:
    return bool(REPEAT_MARK.search(piece[:80])) or citation_score(piece) >= 2 or bool(_SHORT_FORM.match(piece.strip()))


# Chicago's short form: "Young and Garside, Metropolitan London, 40", "Davis, Reforming London, 30.",
# "Smith et al., Title, 4–5": authors, a short title, a page — a whole citation, though it scores one point.
_SHORT_FORM = re.compile(
    r"^[A-ZÀ-ÞА-ЯЁ][\w'’\-]+(?:(?:,\s|\s(?:and|&|und|et|и)\s)[A-ZÀ-ÞА-ЯЁ][\w'’\-]+){0,3}(?:\set\sal\.)?,\s"
    r"[^;,]{3,80},\s(?:p{1,2}\.\s?)?\d{1,4}(?:\s?[–-]\s?\d{1,4})?\.?$"
)


# A new sentence that opens with a signal or a repeat starts a citation of its own
# ("Ebd. Vgl. auch Meier 2005, S. 3." / "Ibid. See also Smith, Title, 4.").
_SIGNAL_SENTENCE = re.compile(
    # A signal or repeat word, or any capital: the word is its own alternative (as an optional
    # prefix before a capital it could never match, "See" being followed by "." or a space).
    # (after a full stop, a bracket, or a full stop inside a closing quotation mark: "… one another.” See …")
    r"(?:(?<=[.)])|(?<=[.!?][”’\"»]))\s+(?=(?P<word>(?:Vgl|Siehe|See|Cf|Voir|Véase|Vid|См|Ср|Ebd|Ebenda|Ibid|Ibidem|Id|Там\s+же)\b)"
    r"|[A-ZÀ-ÞА-ЯЁ])"
)


def split_footnote(text: str) -> list[str]:
    """The citations of one footnote, in order (one piece when it holds one)."""
    pieces: list[str] = []
    start = 0
    comments: set[int] = set()
    for m in _SIGNAL_SENTENCE.finditer(text):
        if not (m.group("word") or signal_length(text[m.end() :])) or MID_CITATION.match(text[m.end() :]):
            continue  # a sentence that does not open with a signal ("For history see …" does)
        left = text[start : m.start()]
        # "… 2005. See also the discussion in chapter 3." cites nothing after the signal.
        right = strip_signal(text[m.end() :])
        if not (left.strip() and _balanced(left) and _reads_whole(right)):
            continue
        if not _reads_whole(left):
            # A long note that comments, then cites ("… bekräftigen dies … Vgl die (revidierte)
            # Europäische Sozialcharta …"): the comment before the signal is no citation —
            # unless one of its sentences cites (``holds_citation``).
            if start == 0 and len(left) < 200:
                continue  # a short lead-in stays with its citation
            if not holds_citation(left) and _legal_cites_in_prose(left) == [left]:
                comments.add(len(pieces))
        pieces.append(left)
        start = m.end()
    pieces.append(text[start:])
    kept = [p for k, p in enumerate(pieces) if k not in comments]
    out = [c for piece in kept for part in _split_name_sentences(piece) for c in _split_semicolons(part)]
    # "see especially the review by Leigh Shaw-Taylor, …": a piece whose signal runs on into comment
    # starts at its author, as a whole note does (``citing_part``).
    out = [_embedded_start(c) if c[signal_length(c) :][:1].islower() else c for c in out]
    out = [c for piece in out for c in _split_signal_in_comment(piece)]
    out = [c for piece in out for c in _split_after_urls(piece)]
    out = [c for piece in out for c in _split_after_place_year(piece)]
    compared = bool(_COMPARE.match(text))
    out = [c for piece in out for c in _split_compare(piece, compared)]
    out = [c for piece in out for c in _legal_cites_in_prose(piece)]
    return [c for piece in out for c in _short_titles_in_prose(piece)]


# A work named again inside a sentence of comment after the note's citation: "… 3–27. Note that this was
# criticised by Rawes in *Spinoza's Geometric and Ecological Ratios*.", "… wie schon bei Meier in „Die Stadt“",
# "… comme le montre Dupont dans « Le titre »".  The title is quoted, set in italics, or runs in title case.
_NAMED_IN_COMMENT = re.compile(
    r"(?<=\s)(?:by|bei|von|chez|par|see|siehe|vgl\.|voir)\s+(?P<name>[A-ZÀ-Þ][\w'’\-]+)\s+(?:in|dans|en)\s+"
    r"(?P<title>\*[^*]{3,150}\*|_[^_]{3,150}_|‘.{3,150}?’(?=[\s,.;:)]|$)|“[^”]{3,150}”|«[^»]{3,150}»|„[^“]{3,150}“|"
    r"[A-ZÀ-Þ][\w'’\-]*(?:\s(?:[A-ZÀ-Þ][\w'’\-]*|of|and|the|in|for|on|a|an|der|die|das|und|des|de|la|le|et|du)){1,12})"
)
_SENTENCE_BREAK = re.compile(r"[.!?)]\s+[A-ZÀ-Þ]")


def works_named_in_comment(piece: str) -> list[str]:
    """Short forms ("Rawes, Spinoza's Geometric …") of works a piece's comment names by author and title.

    Only in a sentence after the piece's first one, so an editor or a translator inside a full
    citation is never taken; the caller keeps one only when it repeats a work cited before
    (``repeats.find_repeat``), so a name and a capitalised phrase of prose give nothing.
    """
    first = _SENTENCE_BREAK.search(piece)
    if first is None:
        return []
    out = []
    for m in _NAMED_IN_COMMENT.finditer(piece, first.end() - 1):
        title = m.group("title").strip("*_‘’“”«»„ ")
        out.append(f"{m.group('name')}, {title}")
    return out


# US legal citations as judges and law reviews set them inside sentences of argument: a case by name
# and reporter ("United States v. Jones, 565 U. S. 400", "Matter of Dikhtyar, 28 I&N Dec. 214"), a short
# cite ("389 U. S., at 353", "Verdugo-Gonzalez, 581 F.3d at 1061"), a case named alone ("the Ninth
# Circuit in Coronado v. Holder determined …"), a brief ("Brief for United States 55–56").
# (The series may carry a stop of its own, as some law reviews print it: "418 F.2d. 716".)
_REPORTER = (
    r"(?:U\.\s?S\.|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?|F\.\s?(?:2d|3d|4th)\.?|F\.\s?Supp\.(?:\s?(?:2d|3d)\.?)?|F\.\s?App[’']x|"
    r"I&N\sDec\.|(?:A|P|N\.\s?E|N\.\s?W|S\.\s?E|S\.\s?W|So)\.\s?(?:2d|3d)\.?|(?:[A-Z][a-z]{1,5}\.\s?){1,2}(?:2d|3d|4th|5th)\.?|"
    r"N\.\s?Y\.\s?(?:2d|3d)\.?)"
)
# (At most eight words a party: an unbounded run of capitalised words made the search quadratic.)
_PARTY = (
    r"[A-Z][\w.'’&\-]*(?:\s(?:[A-Z][\w.'’&\-]*|(?:of|the|for|and|&|de|del|la|ex\s+rel\.)(?=\s))){0,8}"
    # a company's form after a comma: "Whitetail Resort, LP", "Renaissance Marine, Inc."
    r"(?:,\s(?:Inc|LP|L\.P|LLC|L\.L\.C|Ltd|Co|Corp|N\.A|P\.C|S\.A|AG|GmbH)\.?(?=[,\s]))?"
)
_LEGAL_CITE = re.compile(
    rf"(?:(?:(?:Matter|Estate)\sof\s|In\sre\s|Ex\sparte\s){_PARTY}|{_PARTY}\sv\.\s{_PARTY})"
    rf"(?:,\s\d{{1,4}}\s{_REPORTER},?\s(?:at\s)?\d{{1,5}})?|"
    # (… with its pinpoint pages and its court and year: "206 F.3d 161, 168 (CA2 1999)")
    rf"(?:{_PARTY},\s)?\d{{1,4}}\s{_REPORTER},?\s(?:at\s)?\d{{1,5}}(?:,\s\d{{1,5}}(?:[–-]\d{{1,5}})?)*"
    r"(?:\s\((?:[A-Z][\w.]*\s){0,3}(?:1[6-9]|20)\d\d\))?|"
    # An unreported decision by its database: "Jacobsen, 2007 U.S. Dist. LEXIS 63568", "Roe, 2019 WL 1234567".
    rf"(?:{_PARTY},\s)?(?:19|20)\d\d\s(?:(?:[A-Z][\w.]*\s){{0,4}}LEXIS|WL)\s\d{{3,}}|"
    # "Id. at 199-200", "id. at 430-31" inside argument; a code section "28 U.S.C. § 1291", "N.J. Stat. Ann. § 2A:58C-1(a)".
    r"\b[Ii]d\.(?:,)?\sat\s\d{1,5}(?:[–-]\d{1,5})?|"
    r"\d{1,3}\s(?:U\.\s?S\.\s?C\.|C\.\s?F\.\s?R\.)(?:\sA\.)?\s§§?\s?\d[\w.:\-]*(?:\([a-z0-9]{1,4}\))*|"
    r"(?:[A-Z][a-z]{0,4}\.\s?){1,3}Stat\.\s(?:Ann\.\s)?§§?\s?\d[\w.:\-]*(?:\([a-z0-9]{1,4}\))*|"
    r"(?:Reply\s)?Brief(?:\sfor\s(?:the\s)?[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,6})?\s\d{1,4}(?:[–-]\d{1,4})?(?!\w|\.\d)|"
    # A section of an act or a compact with where it is printed: "Compact §5.01(b), id., at 22–23",
    # "§3.01(k), ibid.", "Okla. Stat., Tit. 82, §105.9", "Art. III(2), 77 Stat. 353".
    # (Only numbered as American codes number: "§5.01", "§2.12(a)" — never a German "§ 4 Abs. 2".)
    r"(?:(?:[A-Z][\w.]*\s){0,4}(?:Stat\.,\s(?:Tit|tit)\.\s\d+,\s)?|Compact\s)?§§?\s?\d+(?:(?:\.\d+)+[a-z]?(?:\([a-z0-9]{1,4}\))*|[a-z]?(?:\([a-z0-9]{1,4}\))+)"
    r"(?:[–-]\(?[a-z0-9]{1,4}\)?)?(?!\s(?:Abs|S|Satz|Nr|Rn|lit)\b)(?:,\s(?:id\.,\sat\s\d+(?:[–-]\d+)?|ibid\.|\d+\sApp\.\s\d+(?:[–-]\d+)?))?"
)
_LEGAL_SIGNAL = re.compile(r"^(?:(?:See|Cf|But|Compare|Accord|Contra|Also|E\.\s?g|And|The|In(?!\sre\b)|For)\b[.,]?\s+)+")


def _legal_cites_in_prose(piece: str) -> list[str]:
    """The legal citations of a long piece of argument, each on its own.

    Only in a piece with a reporter cite in it and six words of prose outside the citations; a cite
    of the reporter alone after a case named in prose ("… in Swaby v. Yates that …. 847 F.3d 62") is
    that case's, not another citation."""
    if len(piece) < 120 or not (re.search(_REPORTER, piece) or "Brief" in piece or "§" in piece):
        return [piece]
    found: list[tuple[int, int]] = []
    for m in _LEGAL_CITE.finditer(piece):
        signal = _LEGAL_SIGNAL.match(m.group(0))
        start = m.start() + (len(signal.group(0)) if signal else 0)
        if start >= m.end() or not re.search(r"\sv\.\s|\d|\b(?:Matter|Estate)\sof|\bIn\sre|Ex\sparte", piece[start : m.end()]):
            continue
        if found and not re.search(r"\sv\.\s|(?:Matter|Estate)\sof|In\sre|Ex\sparte|Brief", piece[start : m.end()]) and (
            re.match(r"\d", piece[start:]) and not re.search(r",?\s*at\s\d", piece[start : m.end()])
        ):
            continue  # "847 F.3d 62": the reporter of the case named before
        found.append((start, m.end()))
    if not found:
        return [piece]
    rest = piece
    for a, b in reversed(found):
        rest = rest[:a] + " " + rest[b:]
    if len(found) < 2 and len(_PROSE_WORD.findall(rest)) < 6:
        return [piece]
    return [piece[a:b] for a, b in found]


_COMPARE = re.compile(r"^(?:(?:See|But|And)\s+)?(?:compare|vergleiche|comparer)\s+(?=[A-ZÀ-Þ0-9])", re.IGNORECASE)
_WITH = re.compile(r",?\s+(?:with|mit|avec)\s+(?:(?:see|cf\.)\s+)?(?=[A-ZÀ-Þ0-9])")


def _split_compare(piece: str, compared: bool = False) -> list[str]:
    """Bluebook's comparison, "Compare A v B, 2011 ONCA 41 with C v D, 2015 SCC 4": two citations, cut at
    "with" where both sides cite on their own (a title's "with" has no whole citation before it).

    ``compared``: the note opened with "Compare" and strings its first side's cites with semicolons, so the
    "with" sits in a later piece ("Compare Winarske …; … Brannigan v. United States, 249 F. 3d 584 (CA7
    2001), with In re Graham, 61 F. 4th 433 (CA4 2023)", a Supreme Court opinion's note)."""
    if not (compared or _COMPARE.match(piece)):
        return [piece]
    for m in _WITH.finditer(piece):
        left, right = piece[: m.start()], piece[m.end() :]
        if _balanced(left) and re.search(r"\d", left) and citation_score(left) >= 2 and citation_score(right) >= 2:
            return [left, right]
    return [piece]


# A signal inside a sentence of comment: "… Bereiche siehe auch WMK, …", "… the whole debate see also Smith, …".
_INNER_SIGNAL = re.compile(
    r"(?<=[a-zà-ÿ]\s)(?:siehe(?:\s+auch)?|vgl\.(?:\s+auch)?|see(?:\s+also)?|cf\.|voir(?:\s+aussi)?)\s+(?=[A-ZÀ-Þ])"
)


_TRAILING_REPEAT = re.compile(
    r"(?<=[\w.)])[,;]?\s+(?:vgl\.|siehe|s\.|see|cf\.|voir)\s+(?:ebd|ebenda|ibid|ibidem)\.?(?:,?\s*(?:S|p|pp)\.\s?\d+[\w–-]*)?\.?\s*$",
    re.IGNORECASE,
)


def _split_signal_in_comment(piece: str) -> list[str]:
    """A citation, a sentence of comment, and a signal inside it before a second work: two citations.

    "Birgit Schmidt …: Stepping up Open Science Training, …, doi:10.3390/…. Eine konzise Übersicht aller
    Bereiche siehe auch WMK, OKF (2019), ABC der Offenheit, S. 14-54": the first reads whole up to its
    full stop, the words between that stop and the signal are prose (three words, one in lower case, no
    number), and what
    the signal introduces scores as a citation; the comment between is no citation.
    """
    # "… (letzter Zugriff am 22.04.2022) In Deutschland vertreten durch den Verein …, vgl. ebd.": a comment
    # after the citation that ends in a signal and a repeat gives the repeat as a citation of its own.
    tail = _TRAILING_REPEAT.search(piece)
    if tail and _SENTENCE_BREAK.search(piece, 0, tail.start()) and _reads_whole(piece[: tail.start()]):
        return [piece[: tail.start()], piece[tail.start() :].lstrip(" ,;")]
    sig = _INNER_SIGNAL.search(piece)
    if sig is None:
        return [piece]
    stops = [m for m in _SENTENCE_BREAK.finditer(piece, 0, sig.start()) if m.start() > 0]
    if not stops:
        return [piece]
    left, middle, right = piece[: stops[-1].start() + 1], piece[stops[-1].end() - 1 : sig.start()], piece[sig.start() :]
    # (German capitalises its nouns: "Eine konzise Übersicht aller Bereiche" has two words in lower case.)
    if re.search(r"\d", middle) or len(middle.split()) < 3 or not _PROSE_WORD.search(middle) or not _balanced(left):
        return [piece]
    if not _reads_whole(left) or citation_score(strip_signal(right)) < 3:
        return [piece]
    return [left, right]


# Works strung with commas, each ending in its place and year, German style: "Dean Roe, Jim A. Poe, Modelling,
# 2nd ed, Waltham, MA 2011, Pascal Doe u. a., Semantic Web. Grundlagen, Berlin 2008 (= Reihe), …": a place and a
# year (perhaps a series in "(= …)"), a comma, then authors by first name and surname (or "u. a.") and a comma.
_PLACE_YEAR_THEN_AUTHOR = re.compile(
    r"\b[A-ZÀ-Þ][\w./\-]+(?:,\s[A-Z]{2})?\s(?:1[5-9]|20)\d\d[a-z]?(?:\s\(=[^()]{1,60}\))?(?P<cut>,\s)"
    r"(?=[A-ZÀ-Þ][a-zà-ÿ'’\-]+\s(?:[A-Z]\.\s?){0,2}(?:(?:von|van|de|der|zu)\s)?[A-ZÀ-Þ][\w'’\-]+(?:\su\.\s?a\.|\set\sal\.)?,\s[^,]{3})"
)
_ANY_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def _split_after_place_year(piece: str) -> list[str]:
    """Citations a note strings with commas, each closed by its place and year, as German notes list works
    ("…, Waltham, MA 2011, Pascal Doe u. a., Semantic Web, Berlin 2008"): cut before each author that follows
    a place and year, when the note opens with an author and each part reads whole with a year of its own."""
    if not NAME_START.match(strip_signal(piece)):
        return [piece]
    out: list[str] = []
    start = 0
    for m in _PLACE_YEAR_THEN_AUTHOR.finditer(piece):
        left, right = piece[start : m.start("cut")], piece[m.end("cut") :]
        if _reads_whole(left) and _ANY_YEAR.search(right) and _reads_whole(right) and _balanced(left):
            out.append(left)
            start = m.end("cut")
    return [*out, piece[start:]] if out else [piece]


def _split_after_urls(piece: str) -> list[str]:
    """Web citations run together, each ending in its URL: "_Diabetes Data_ https://…, The Scikit-Learn
    Development Team. _Linear Regression Example_, https://…, and Bradley Efron. …" — cut after each URL
    (and the words of comment after it) where what follows reads as a citation of its own."""
    if "://" not in piece and "www." not in piece:
        return [piece]
    out: list[str] = []
    start = 0
    for m in URL_BOUNDARY.finditer(piece):
        right = piece[m.end() :]
        if MID_CITATION.match(right) or not _balanced(piece[start : m.end()]):
            continue
        nxt = URL_BOUNDARY.search(right)
        own = right[: nxt.end()] if nxt else right
        if citation_score(own) >= 2:
            out.append(piece[start : m.end()].rstrip(" ,").removesuffix(" and").rstrip(" ,"))
            start = m.end()
    out.append(piece[start:])
    return [p for p in out if p.strip()]


# The short-title form of German (and much humanities) notes, "Surname, Short Title, Year[, S. n]"
# ("Poser, Deckenbilder, 1980, S. 160", "Freeden, Georg Robin, 1943/44"), which notes set inside
# sentences of comment: "Diese Beobachtung auch bei Käpplinger, Jagd, 2011, S. 76, obwohl er …".
# The surname follows prose or a bracket, never a capitalised word (a title or a given name).
# What the surname may follow: the start, a bracket, a colon or semicolon, or a word in lower case.
# (A capitalised word that opens a sentence, "Auch Großmann, …", "Ebenso Käpplinger, …", is such a word too.)
_BEFORE_SHORT_TITLE = re.compile(
    r"(?:^|[(:;]\s?|(?<![\w'’\-])[a-zà-ÿа-яё][\w'’\-]*\s|(?:^|[.!?]\s)[A-ZÀ-ÞА-ЯЁ][a-zà-ÿа-яё]+\s)$"
)
_IBID_AFTER_COLON = re.compile(r"(?<=:\s)(?:ebd|ebenda|ibid|ibidem)\.?(?:,\s(?:S|p|pp)\.\s?\d+(?:\s?[–-]\s?\d+)?)?", re.I)


def _short_titles_in_prose(piece: str) -> list[str]:
    """The short-title citations of a piece of comment, each on its own.

    Only when the piece reads as prose around them (two words of prose outside the citations),
    so a full citation (``Meier, Klaus, Die Stadt, Berlin, 2005``) is never cut up; a citation
    the piece opens with keeps its text up to where its prose begins.
    """
    short = [m for m in SHORT_TITLE_CITE.finditer(piece) if _BEFORE_SHORT_TITLE.search(piece, 0, m.start())]
    if not short:
        return [piece]
    found = sorted([*short, *_IBID_AFTER_COLON.finditer(piece)], key=lambda m: m.start())
    if not found:
        return [piece]
    rest = piece
    for m in reversed(found):
        rest = rest[: m.start()] + " " + rest[m.end() :]
    if (len(short) < 2 and len(_PROSE_WORD.findall(rest)) < 2) or re.search(r"\b(?:in|In|hg|Hg|Hrsg|hrsg|ed|eds)[.:]", rest):
        return [piece]
    return [m.group(0) for m in found]


_SENTENCE_START = re.compile(
    r"(?:(?P<stop>(?<=[.)])|(?<=[.)][”\"»’]))\s+|(?P<conj>,?\s+(?:und|and|et|e|y|и|sowie|bzw\.|oder)(?:\s+(?:[a-zà-ÿ][\w-]*,?\s+){0,6}?(?:in|also|bei|dans|chez|by|against|from))?\s+|"
    r",\s+(?:dazu|hierzu|ferner|vgl\.|siehe|see|cf\.|voir)\s+)|(?P<colon>:\s+)|"
    # An author with initials after a comment: "…, su questo punto. Per il saggio di Orelli, A. Momigliano, …"
    r"(?P<initials>(?<=[,\s])\s*(?=(?:[A-ZÀ-Þ]\.\s?){1,3}(?:(?:von|van|de|di|da|du|del|le|la)\s)?[A-ZÀ-Þ][\w'’\-]+,\s)))"
    r"(?=[A-ZÀ-ÞА-ЯЁ])"
)
# A label of a few words, the first capitalised, the rest in lower case, and a colon: "Replication:",
# "Medical error:", "On method:" — never "In:", an author "Meier:" followed by a title is judged as a name.
# (Nor a series, "Серия: История, филология. 2012", nor a place before its publisher and year, "München:
# C. H. Beck, 1992", "Marseille: ACL Anthology, 2020": both are inside one citation.)
_TOPIC_LABEL = re.compile(
    r"^(?!(?:In|Dans|Online|URL|DOI|Available|Retrieved|Accessed|Stand|Zugriff|Series|Serie|Reihe|Collection|Серия)\s?:)"
    r"(?![A-ZÀ-ÞА-ЯЁ][\w.\-]*\s?:\s?[^;]{1,60}?,\s(?:1[5-9]|20)\d\d\b)"
    r"[A-ZÀ-ÞА-ЯЁ][a-zà-ÿа-яё]+(?:\s[a-zà-ÿа-яё]+){0,3}:\s+(?=\S)"
)
_CAPITAL_LABEL = re.compile(
    r"^(?!(?:In|Dans|Online|URL|DOI|Available|Retrieved|Accessed|Stand|Zugriff|Series|Serie|Reihe|Collection|Серия|"
    r"Hrsg|Hg|Ders|Dies|Ebd|Ebenda|Vgl|Siehe|See|Voir|Cf|См)\s?:)"
    # (a place before its publisher: "München: C. H. Beck, 1992" — a publisher's name is short)
    r"(?![A-ZÀ-ÞА-ЯЁ][\w.\-]*\s?:\s?[^;]{1,25}?,\s(?:1[5-9]|20)\d\d\b)"
    r"[A-ZÀ-ÞА-ЯЁ][\w-]+(?:\s[\w-]+){0,3}\s?:\s+(?=\S)"
)
# An author of up to six words, a comma and a quoted title: British and French notes, and corporate or role
# authors that open with an article or go on in lower case ("Peg Rawes, ‘Spinoza’s …’", "The Python Software
# Foundation, ‘General Python FAQ’", "Private advertiser, ‘A Computer Wanted’", "Marie Curie, « Autre titre »").
_AUTHOR_THEN_QUOTE = re.compile(r"^[A-ZÀ-ÞА-ЯЁ][\w.'’&\-]*(?:\s[\w.'’&\-]+){0,5},\s?(?:[‘“«„\"]|,,)")
_TRUNCATED_AUTHORS = re.compile(
    r"^[A-ZÀ-ÞА-ЯЁ][\w'’\-]+(?:,\s(?:[A-ZÀ-ÞА-ЯЁ]\.\s?){1,3})?\s?" + _TRUNCATION + r"[,:]\s"
)
_AUTHOR_YEAR_PAGE = re.compile(
    r"^[A-ZÀ-ÞА-ЯЁ][\w'’\-]+(?:/[A-ZÀ-ÞА-ЯЁ][\w'’\-]+)?(?:\s(?:u\.\s?a\.|et\s+al\.))?\s(?:1[5-9]|20)\d\d[a-z]?,\s(?:S|p|pp|С)\.\s?\d"
)
_NAME_AND = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ'’\-]+\s(?:[A-Z]\.\s)?[A-ZÀ-Þ][\w'’\-]+\s(?:and|&|und|et)\s[A-ZÀ-Þ]")
_CASE_OR_BODY = re.compile(
    r"^(?:[A-Z][\w.'’&\-]*(?:\s(?:\([A-Z][\w\s]{1,30}\)|[A-Z][\w.'’&\-]*|of|the|for|and|&)){0,6}\sv\.?\s[A-Z]|"
    r"(?:[A-Z][a-z]+\s){1,4}[A-Z][a-z]+,\s)"
)
# A page that ends a citation, not a volume's number after its abbreviation ("Bd. 2.", "Т. 1.").
# (A page's own abbreviation before it is a page still: "S. 4.", "p. 4.", "С. 4.".)
_PAGE_END = re.compile(
    r"(?:(?<![A-Za-zÀ-ÿА-яЁё]\.\s)(?<![A-Za-zÀ-ÿА-яЁё]\.)|(?<=\b[SpPСс]\.\s)|(?<=\bpp\.\s))\b\d{1,4}(?:[–-]\d{1,4})?\.$"
)
_BY_WORD = re.compile(
    r"(?:\b(?:von|by|da|di|de|par|and|und|et|e|y|&|hg\.|hrsg\.|ed\.|eds\.|dir\.|cura|trans\.|übers\.|mit|with)|[(\[/])\s*$",
    re.IGNORECASE,
)
# What an author with initials may follow: a comma, a bracket, a number, or a lower-case word
# of comment — never a given name ("Joseph W. McKnight", "STEVEN G. MEDEMA").
_AFTER_A_CITATION = re.compile(r"(?:[,;)\]\d]|(?<![\w-])[a-zà-ÿ]{3,})$")
# "… hg. von Richard Faber" / "ed. by John Smith": the editors' list goes on after "und"/"and".
_EDITORS_SO_FAR = re.compile(
    r"\b(?:hg\.|hrsg\.|ed\.|eds\.|éd\.|edited|by|von|a\s+cura\s+di|dir\.|par)\s+"
    r"(?:[A-ZÀ-Þ][\w.'’\-]*,?\s*){1,4}$",
    re.IGNORECASE,
)
# "… In Proceedings of the 12th Language Resources and Evaluation Conference, …": "and" between two
# capitalised words of a title, not between two citations (those end in a page, a year, a bracket).
_TITLE_WORD_END = re.compile(r"(?<![\w.])[A-ZÀ-Þ][a-zà-ÿ]{2,}$")
_COMMENT_END = re.compile(r"(?:(?<![\w-])[a-zà-ÿ]{3,}|(?:1[5-9]|20)\d\d)$")
# "… Richard A." / "sous dir." / "hg. v.": no sentence ends at an initial or an abbreviation.
_OPEN_END = re.compile(
    r"(?:(?:^|[\s(]|(?<=[A-ZÀ-Þ]\.))(?:[A-ZÀ-ÞА-ЯЁ]|[A-ZÀ-Þ]\.-[A-ZÀ-Þ]|[a-zà-ÿ]{1,4}|\d{1,3}|Hrsg|Hg|Ed|Eds|Dir|St|Ch)\.|\((?:eds?|Hrsg|Hg|dir|éds?|coord)\.?\))$"
)
# "G. Iacino, P. Kamocki, …": after one author with initials and a comma the list goes on.
_INITIALED_NAME_END = re.compile(
    r"(?:^|[\s:;(])(?:[A-ZÀ-Þ]\.(?:-[A-ZÀ-Þ]\.)?\s?){1,3}(?:[A-ZÀ-Þ][\w'’\-]+\s){0,2}[A-ZÀ-Þ][\w'’\-]+,$"
)
# "Rozanov, A., and Komleva, V.": an author list goes on after an initial.
_AFTER_INITIAL = re.compile(r"(?:^|[\s,])[A-ZÀ-Þ]\.,?$")


# Where a work ends: its year or ISBN (or a page count, "206 S.", "462 p.") before the full stop.
_WORK_END = re.compile(r"(?:(?<!\d)(?:1[5-9]|20)\d\d|ISBN\s?[\dX][\dX\s-]{8,16}[\dX]|\d+\s(?:S|p|pp|Min)\.?)\.?(?=\s|$)")


# A title ending in the dates it covers ("… im Mittelalter 1150–1550.", "… Russia, 1917–1991."): a word,
# then a range of years; a work's own year follows a place or a comma ("Berlin 1990", ", 1990").
_TITLE_DATES_END = re.compile(r"[^\W\d_]{3},?\s(?:1[0-9]|20)\d\d\s?[–-]\s?(?:1[0-9]|20)?\d\d\.$")


def _whole_work_follows(left: str, right: str) -> bool:
    """A list of works by title ("…, ISBN 3-7857-1197-2. Eigenes Konto. Wenn alles sich rechnet
    …, ISBN 3-7857-1118-2, in Buchform: Berlin: Transit Buchverlag 2000."): the piece before
    ends in a work's end (year, ISBN, page count) and the text after, up to its own end within
    two hundred characters, reads as a citation (two points) with a capital first."""
    if not right[:1].isupper() or MID_CITATION.match(right) or not _WORK_END.search(left.rstrip().rstrip(".")[-24:] + " "):
        return False
    if _TITLE_DATES_END.search(left.rstrip()):
        return False  # "… in the Germanies and Russia, 1600–1800. New Haven; London, 1983": the title's dates
    work_end = _WORK_END.search(left.rstrip())
    if not work_end or work_end.end() < len(left.rstrip()) - 1:
        return False
    end = _WORK_END.search(right, 8, 220)
    if end is None:
        return False
    work = right[: end.end()]
    return citation_score(work) >= 2 and not NAME_START.match(work) and not _TITLE_FIRST.match(right)


def _split_name_sentences(text: str) -> list[str]:
    """Split before a sentence that opens with an author and reads as a full citation.

    String citations without a signal run on as sentences: "Flecker, Arbeit (2017), 9-44.
    Böhle, Arbeit als Handeln, in … (Hrsg), Handbuch (2010), 151-176, …" and, after a
    comment, "… (2d ed. 2004). He drew in part upon Aquinas. CHRISTOPHER SAINT GERMAN, …".
    Both sides must read as citations on their own (three points for the new one), so an
    initial, a place or a title inside one citation never splits it.
    """
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_START.finditer(text):
        right = text[m.end() :]
        if MID_CITATION.match(right):
            continue
        if m.group("stop") is not None and _TITLE_DATES_END.search(text, 0, m.start()):
            continue  # "Die deutsche Stadt im Mittelalter 1150–1550. Stadtgestalt, Recht, …": a subtitle
        # A new citation opens with its author, or with the title of an edited volume ("…: Literatur
        # der Grenze – Theorie der Grenze, hg. von Richard Faber …").
        titled = bool(_TITLE_FIRST.match(right))
        left = text[start : m.start()]
        if m.group("stop") is not None and _whole_work_follows(left, right):
            pieces.append(left)
            start = m.end()
            continue
        # A topic label before the next citation ("… 291 BMJ 884. Replication: Open Science Group, …"):
        # the new citation starts at the label (kept: the answers allow a short lead-in).
        label = _TOPIC_LABEL.match(right) if m.group("stop") is not None else None
        if label is None and m.group("stop") is not None:
            # German capitalises the label's nouns ("Zur Kritik:"), French spaces its colon ("Critique :"): such a
            # label counts only before an author ("Schulz, Hans:", "Martin, Paul,", "Петров П. П.").
            label = _CAPITAL_LABEL.match(right)
            after = right[label.end() :] if label else ""
            if label and not (NAME_START.match(after) or SURNAME_INITIALS.match(after) or _NAME_AND.match(after)):
                label = None
        # (Judged up to the next signal: "Principaux collaborateurs: Blondeau, Warnkoenig … Voir notamment
        # Bonnecase, …" lists names as comment; the citation is the signal's.)
        own = right[label.end() : label.end() + 300] if label else ""
        sig = _SIGNAL_INSIDE.search(own)
        labelled = bool(label) and citation_score(own[: sig.start()] if sig else own) >= 3
        # (After "and … in", co-authors joined by "and" open the work too: "…, and summarised in Paul Wager and Peter Middleton, …".)
        # (… and after "and later adopted in", "and were checked against": a case or a corporate author too,
        # "R (Miller) v Prime Minister [2019] UKSC 41", "United Nations, World Population Prospects …".)
        led = m.group("conj") is not None and re.search(r"\s(?:in|by|against|from)$", m.group("conj").rstrip())
        paired = bool(led) and bool(_NAME_AND.match(right) or _CASE_OR_BODY.match(right))
        quoted = bool(_AUTHOR_THEN_QUOTE.match(right))
        # "…, sowie Braun u. a., Title, …" / "… und Braun 2024, S. 839": a truncated author list or an
        # author-year short form after "und"/"sowie"/"and" opens the next work.
        quoted = quoted or bool(m.group("conj") is not None and (_TRUNCATED_AUTHORS.match(right) or _AUTHOR_YEAR_PAGE.match(right)))
        # "… hineinreichte”. Kreutzmüller 2012, S. 378.": a sentence of comment, then an author-year short form.
        quoted = quoted or bool(m.group("stop") is not None and _AUTHOR_YEAR_PAGE.match(right))
        if not (titled or labelled or paired or quoted or NAME_START.match(right) or COURT_DATE.match(right)):
            continue
        sentence = right[:300]  # sentence ends inside a citation ("ST. GERMAN'S") are not trusted
        # An author list after a semicolon ("…; Colin Rogers and James Gravelle, …") is judged
        # from that semicolon on.
        # A title is judged the same way, for a subtitle looks like one ("Frontiers in Question. Eurasian
        # Borderlands, hg. von …": "Frontiers in Question" does not read as a whole citation).
        last = left.rsplit(";", 1)[-1] if m.group("stop") is None or titled else left
        if not _reads_whole(last) or not _balanced(left):
            continue
        # (A page "884." before a label ends the citation: a German ordinal "3." would not take a label after it.)
        # (… and before an author: "… Basel 2013, S. 21. Frank Bajohr: „Arisierung“ in Hamburg …" — a page, then the next work.)
        # ("Frank Bajohr:", "Ann Roe,": a name that ends at its comma or colon; not "Stück, Sp. 17", a word and an abbreviation.)
        named = NAME_START.match(right)
        authored = quoted or bool(named and named.group(0).rstrip()[-1:] in ",:")
        open_end = _OPEN_END.search(left.rstrip()) and not ((labelled or authored) and _PAGE_END.search(left.rstrip()))
        if m.group("stop") is not None and (open_end or incomplete(left)):
            continue
        if m.group("stop") is not None and not re.search(r"\d", left.rsplit(";", 1)[-1]) and not REPEAT_MARK.search(left):
            # "ferner Elena Pierazzo: Digital Scholarly Editing. Theories, Models and Methods, Farnham 2015.": no
            # year, page or number yet — a title and its subtitle, not two works.
            continue
        if m.group("conj") is not None and (
            _AFTER_INITIAL.search(left.rstrip()) or _EDITORS_SO_FAR.search(left) or _TITLE_WORD_END.search(left)
        ):
            continue
        # "Meier, Klaus: Neue Urbanität" — a colon after an author is the title's, not a new citation's:
        # only a colon after a sentence of comment ("…, 1736: W. Halbfass, Tatsache I, in: …") counts.
        # (German capitalises nouns: "… bieten folgende Sammelbände: Literatur der Grenze, hg. von …" ends a
        # comment too when its words are prose.)
        if m.group("colon") and (
            text[m.start() - 1 : m.start()] in (" ", ".")  # GOST's " : " / an abbreviated place "М.: РОССПЭН"
            or re.search(r"(?<![\w-])(?:in|In|dans|en|в|В)$", left.rstrip())
            or len(left.split()) < 8 or not (_COMMENT_END.search(left) or len(_PROSE_WORD.findall(left[-120:])) >= 6)
        ):
            continue
        # "rielaborata da F. Nicolini, 1, Napoli 1947": an editor or translator, not a new citation.
        if m.group("initials") is not None and (
            _BY_WORD.search(left)
            or not _AFTER_A_CITATION.search(left.rstrip())
            or left.rstrip()[-1:] in ".:"
            or _INITIALED_NAME_END.search(left.rstrip())
        ):
            continue
        if citation_score(sentence) >= 3:
            pieces.append(left)
            start = m.end()
    pieces.append(text[start:])
    return pieces


def _balanced(text: str) -> bool:
    """No bracket or quote left open (so a cut here is outside them)."""
    return _depth_zero_semicolons(text + ";")[-1:] == [len(text)]


_CONJ_AFTER_SEMICOLON = re.compile(r"^(?:and|und|et|e|y|и|sowie|as\s+well\s+as)\s+(?=[A-ZÀ-ÞА-ЯЁ])")


# "Surname, Given" and nothing else (a co-author before ";"), or at the end after "in:" / "," / ";".
_NAME = r"[A-ZÀ-ÞА-ЯЁ][\w'’\-]+(?:\s(?:(?:da|de|del|von|van|der|dos|du|le|la)\s)?[A-ZÀ-ÞА-ЯЁ][\w'’\-]+){0,3},\s[A-ZÀ-ÞА-ЯЁ][\w'’.\-]+(?:\s[A-ZÀ-ÞА-ЯЁ][\w'’.\-]+){0,2}"
_NAME_ONLY = re.compile(rf"^{_NAME}$")
_NAME_AT_END = re.compile(rf"(?:\b[Ii]n:\s|;\s?|^\s*(?:[A-ZÀ-Þ][\w.]*\s){{0,2}}?)\s*{_NAME}\s*$")
_PLACE = r"[A-ZÀ-ÞА-ЯЁ][a-zà-ÿа-яё]{2,}(?:\s[A-ZÀ-Þ][a-zà-ÿ]+)?(?:\s(?:am|an\sder|im|upon|on)\s[A-ZÀ-Þ][a-zà-ÿ]+)?"
_PLACE_AT_END = re.compile(rf"[,;.:]\s{_PLACE}\s*$")
_PLACE_CHUNK = re.compile(rf"^{_PLACE}(?:,?\s(?:1[5-9]|20)\d\d\b.*)?$")
_AFTER_A_PAGE = re.compile(r"(?<=\d)[.)]\s+(?=[A-ZÀ-ÞА-ЯЁ][a-zà-ÿа-яё'’]+\s+[a-zà-ÿа-яё])")


def _leading_citation(piece: str) -> str:
    """The citation a piece opens with, when a sentence of comment follows its page ("…, 15–18. Neeson's …")."""
    m = _AFTER_A_PAGE.search(piece)
    if m is None:
        return ""
    head = piece[: m.start() + 1]
    return head if head and _reads_whole(head) and not MID_CITATION.match(piece[m.end() :]) else ""


def _split_semicolons(text: str) -> list[str]:
    """Split at the semicolons that separate citations."""
    cuts = _depth_zero_semicolons(text)
    if not cuts:
        return [text.strip()] if text.strip() else []
    bounds = [-1, *cuts, len(text)]
    pieces: list[str] = []
    current = ""
    for k in range(len(bounds) - 1):
        chunk = text[bounds[k] + 1 : bounds[k + 1]]
        nxt = chunk.strip()
        # "…, pp. 42-46; and Robert A. Bosch and Jason A. Smith, “Separating …”": the conjunction
        # after the semicolon is no part of the next citation.
        joined = _CONJ_AFTER_SEMICOLON.match(nxt)
        if joined and current and _reads_whole(current) and _starts_citation(nxt[joined.end() :]):
            chunk = nxt = nxt[joined.end() :]
        # A signal or a repeat after the semicolon starts a citation even after a comment
        # ("Sur ce point … explicites ; voir Richter, op. cit., p. 40").
        signalled = bool(signal_length(nxt) or REPEAT_MARK.search(nxt[:60]))
        # "…, S. 36–38; instruktiv zur Erwerbungspraxis in einer … Spezialbibliothek: Knudsen, …": a
        # lead-in of comment (lower case, no digits) ending in a colon before an author.
        # (Not after a signal: "; see also Carol Rose, The Comedy of the Commons: Custom, …" opens with its author.)
        lead = _COLON_AUTHOR.search(nxt, 0, 160) if current and nxt[:1].islower() and not signal_length(nxt) else None
        if lead and not re.search(r"\d", nxt[: lead.start()]) and citation_score(nxt[lead.end() :]) >= 2:
            chunk = nxt = nxt[lead.end() :]
            signalled = True
        elif current and nxt[:1].islower() and (sig := _SIGNAL_INSIDE.search(nxt, 0, 80)) and _reads_whole(current) and (
            citation_score(nxt[sig.start() :]) >= 2
        ):
            # "…, genannten Kriterien; zur Überlieferung vgl. Bernhard Diestelkamp (Hrsg.), …": from the signal on.
            chunk = nxt = nxt[sig.start() :]
            signalled = True
        elif current and nxt[:1].islower() and _reads_whole(current):
            # "…, 45; and more recently Annemarie McAllister, “Picturing …”": a few words of comment, then
            # an author and a whole citation (``_embedded_start``'s rules: the first author wins).
            inner = _embedded_start(nxt)
            if inner is not nxt and len(nxt) - len(inner) <= 60 and citation_score(inner) >= 3:
                chunk = nxt = inner
                signalled = True
        # Semicolons inside one citation: between co-authors ("Herbers, Klaus; Trenkle, Viktoria (Hg.)",
        # "Weischenberg, Siegfried; Malik, Maja; Scholl, Armin: Journalismus …") and places ("Köln; Weimar;
        # Wien 2018"): a chunk after a bare name, after a list of bare names, or a place after a place.
        inside = bool(
            current
            and not signalled
            and (
                _NAME_AT_END.search(current)
                or all(_NAME_ONLY.match(strip_signal(c)) for c in current.split(";"))
                or (_PLACE_AT_END.search(current) and _PLACE_CHUNK.match(nxt))
            )
        )
        # A bare name after a whole citation is the first author of the next one ("…> ; Esteves Gonçalves
        # da Costa, Bernardo; Cukierman, Henrique Luiz: How …").
        first_author = bool(_NAME_ONLY.match(nxt)) and k + 2 < len(bounds)
        if current and not inside and (
            signalled or (_reads_whole(current) and (first_author or _starts_citation(nxt)))
        ):
            pieces.append(current.strip())
            current = nxt
        else:
            current = f"{current};{chunk}" if current else chunk
    pieces.append(current.strip())
    pieces = [p for p in pieces if p]
    # A comment before the citations is not one of them; a piece that cites first and comments after
    # ("Neeson, Commoners, 15–18. Neeson's argument has been widely discussed") keeps its citation.
    pieces = [p if _reads_whole(p) else _leading_citation(p) or p for p in pieces]
    citing = [p for p in pieces if _reads_whole(p)]
    return citing if citing and len(citing) < len(pieces) else pieces

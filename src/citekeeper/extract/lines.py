"""Joining the lines of one citation again: wrapped lines, hyphenated words, cut URLs.

Text converted from a PDF keeps the printed line breaks, so a footnote or a reference
entry arrives as several lines, and a word that did not fit is hyphenated at the end
of one line (``Stadt-`` / ``forschung``).  The rules here decide how two pieces are
glued back, without a dictionary:

* a URL cut at a break is re-joined without a space;
* a word hyphenated at a line end loses the hyphen when the rest starts lower-case
  (``Stadt-`` + ``forschung`` -> ``Stadtforschung``), keeps it when the rest starts
  with a capital or a digit (``Karl-`` + ``Heinz`` -> ``Karl-Heinz``, ``COVID-`` + ``19``),
  and keeps hyphen *and* space before a conjunction (``Ost-`` + ``und Westeuropa``);
* a soft hyphen (U+00AD) at a line end always goes;
* a page range cut after its dash (``45–`` + ``67``) is joined without a space.
"""

from __future__ import annotations

import re

from citekeeper.parse.text import normalize_space, strip_markup

URL_START = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
# Words after which a hyphen at a line end is a suspended compound ("Ost- und Westeuropa").
_CONJUNCTIONS = frozenset(
    ["und", "oder", "bis", "sowie", "bzw.", "and", "or", "to", "nor", "et", "ou", "e", "y", "o", "u.", "и", "или", "либо"]
)
_HYPHENS = "-\u2010\u2011"
_DASHES = "–—"
# Abbreviations a citation goes on after: a line ending in one is not the citation's end.
_OPEN_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:vgl|Vgl|siehe|Siehe|cf|Cf|hrsg|Hrsg|Hg|hg|ed|eds|Ed|Eds|éd|dir|"
    r"S|p|pp|P|Pp|С|с|Bd|Bde|Vol|vol|Nr|No|no|H|Jg|Aufl|Verl|Diss|Univ|"
    r"ders|dies|u|a|M|Л|СПб|См|см|Ср|ср|т|Т|вып|Вып|ред|под ред|изд|Изд|Tz|Rn|Rz|Rdnr|Fn|Art|Abs|Urt|Beschl|"
    r"In|in|zit|Zit|n|v|trans|transl|übers|Übers)\.$"
)
# A US bill, report or law designation is always followed by its number ("… Section 1724 of H.Rept." /
# "118-529, which …", "S. Rep." / "No. 91-1219", "P.L." / "118-31"): a line ending in one goes on
# (CRS reports: a note cut there ended, its number line read as body and the next note expected in vain).
_OPEN_DESIGNATION = re.compile(
    r"(?:^|[\s(])(?:[HS]\.\s?(?:Rept|Rep|Doc|Res|Prt|R|J\.\s?Res|Con\.\s?Res)|P\.\s?L|Pub\.\s?L)\.$")
# A volume and the journal's or reporter's abbreviation, the page still to come: a law review cite cut
# at a line end ("… Seduction by Plastic, 98 NW." / "U. L. REV. 1373 (2004) …", "418 F." / "2d 716").
# The abbreviations are capitalised words of at most six letters, or capitals (Bluebook's small caps); the
# volume follows the title's comma (a number after a full stop is a note's: "…). 7 OFF. OF THE COMM'R").
_OPEN_VOLUME = re.compile(r"(?:^|,\s)\d{1,4}\s(?!(?:AD|BC|BCE|CE|AH)\.$)(?:(?:[A-Z][a-z]{0,5}|[A-Z&]{2,8})\.\s?){1,4}$")
# A lone initial ("Meier, K.") also leaves the citation open; "a. a. O." closes it.
_LONE_INITIAL = re.compile(r"(?:^|[\s,(])[A-ZА-ЯЁ]\.$")
_CLOSED_REPEAT = re.compile(r"(?:a\.\s?a\.\s?O|U\.\s?S|op\.\s?cit|loc\.\s?cit)\.$", re.IGNORECASE)
_APA_HEAD_END = re.compile(r"\.\s\((?:(?:1[5-9]|20)\d\d[a-z]?(?:,\s[^()]{1,30})?|n\.\s?d\.)\)\.$")
# "250 с." / "320 S." / "12 pp.": a page count after a number ends a citation.
_PAGE_COUNT = re.compile(r"\d\s?(?:S|s|p|pp|P|С|с|Bl|Sp)\.$")


def looks_like_url_tail(token: str) -> bool:
    """A token such as ``rassmatrivaet-proekty-.../`` or ``x.html?id=3``: a cut-off URL's end."""
    if len(token) < 4 or token[0].isupper() or token[0] == "#" or not re.search(r"[^\W_]", token):
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


def join_fragments(left: str, right: str) -> str:
    """Join two pieces of one citation; a URL cut at a line/page break is re-joined whole."""
    if not left:
        return right
    if not right:
        return left
    last = left.rsplit(" ", 1)[-1].lstrip("<")
    first = right.split(" ", 1)[0]
    if (
        URL_START.match(last)
        and last[-1] in "-/_.=?&%#~"
        and not URL_START.match(first)
        and looks_like_url_tail(first)
    ):
        return left + right
    return f"{left} {right}"


def join_wrapped(left: str, right: str) -> str:
    """Join a line to the next line of the same citation, repairing a hyphenated word."""
    left = left.rstrip()
    right = right.strip()
    if not left or not right:
        return left or right
    last = left.rsplit(" ", 1)[-1].lstrip("<")
    if URL_START.match(last):
        return join_fragments(left, right)
    if left[-1] == "\u00ad":
        return left[:-1] + right
    first = right.split(" ", 1)[0]
    if left[-1] in _HYPHENS and len(left) > 1 and left[-2].isalpha():
        if first[0].islower():
            if first in _CONJUNCTIONS:
                return f"{left} {right}"
            return left[:-1] + right
        if first[0].isupper() or first[0].isdigit():
            return left + right
    if left[-1] in _DASHES + _HYPHENS and len(left) > 1 and left[-2].isdigit() and first[0].isdigit():
        return left + right
    return join_fragments(left, right)


def join_lines(text: str) -> str:
    """One clean line from a multi-line piece of text: wraps joined, markup and spaces cleaned."""
    out = ""
    for line in text.split("\n"):
        out = join_wrapped(out, line)
    return normalize_space(strip_markup(out))


def incomplete(text: str) -> bool:
    """Does a citation end mid-way (so its rest is on the next line or the next page)?"""
    t = text.rstrip()
    if not t:
        return True
    if t.endswith(("URL:", "URL :", ":", "//", ",", "-", "/", "–", "—", "&", "=", "?", "(", "\u00ad")):
        return True
    if t.count("(") > t.count(")") or t.count("<") > t.count(">") or t.count("«") > t.count("»"):
        return True
    # A quotation left open: German »Titel« (or »Titel» as some PDFs print it), „Titel“ — a note
    # ending inside a quoted title goes on ("… SFB 541 »Identitäten und Alteritäten." / "Die Funktion …").
    if (t.count("»") + t.count("«")) % 2 or t.count("„") > t.count("“") + t.count("”") or t.count("[") > t.count("]"):
        return True
    # APA's head "Author. (2015)." / "(2014, February 28)." / "(n.d.).": the title is still to come.
    if _APA_HEAD_END.search(t):
        return True
    if t[-1] == "." and not _CLOSED_REPEAT.search(t) and not _PAGE_COUNT.search(t) and (
        _OPEN_ABBREVIATION.search(t) or _LONE_INITIAL.search(t) or _OPEN_DESIGNATION.search(t) or _OPEN_VOLUME.search(t)
    ):
        return True
    if t[-1] in ".)»\"”'’!?>]":
        return False
    # Ending on an identifier or a whole URL is a complete ending too.
    return not re.search(r"(?:\b(?:EDN|DOI|ISBN|ISSN|PMID)\s?:?\s?\S+|https?://\S*[\w/])$", t, re.I)

"""BibTeX field values as BibTeX reads them: ``@string`` macros, ``#`` concatenation, and
``crossref``/``xdata`` inheritance as biber does it.

The reader keeps every value as written (``Verbatim``) and works on the expanded text:
``expand`` resolves ``"a" # jan # {b}`` with the file's ``@string`` table and the month
macros every style defines (an undefined macro is kept as its name and reported), and
``inherit`` fills a child from its ``crossref`` parent and ``xdata`` entries with
biber's default rules (``title`` of a @proceedings/@book/@collection becomes the child's
``booktitle``, of an @mvbook its ``maintitle``, of a @periodical an article's
``journaltitle``; same-named fields otherwise; ``ids``, ``crossref``, ``xref``, ``label``,
``shorthand``, ``sortkey`` … are never inherited).
"""

from __future__ import annotations

import re

MONTH_MACROS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May",
    "jun": "June", "jul": "July", "aug": "August", "sep": "September", "oct": "October",
    "nov": "November", "dec": "December",
}
MONTH_NUMBERS = {k: i for i, k in enumerate(MONTH_MACROS, 1)}
_NUMBER = re.compile(r"^-?\d+$")


_SPECIAL = re.compile(r'\\.|[{}"#]', re.DOTALL)


def _parts(value: str) -> list[str]:
    """The ``#``-separated pieces of a raw value, outside braces and quotes.

    Only the special characters are visited (a regex scan): a URL with a ``#`` in a
    quoted value is common (TUGboat's ``bibsource``), and a loop over every character
    was a tenth of reading such files.
    """
    if "#" not in value:
        return [value]
    parts, depth, quoted, start = [], 0, False, 0
    for m in _SPECIAL.finditer(value):
        c = m.group()
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"':
            if depth == 0:
                quoted = not quoted
        elif c == "#" and depth == 0 and not quoted:
            parts.append(value[start : m.start()])
            start = m.end()
    parts.append(value[start:])
    return parts


def expand(raw: str, strings: dict[str, str], undefined: list[str] | None = None) -> str:
    """A raw value (``{…}``, ``"…"``, a number, a macro, or pieces joined by ``#``) as text.

    ``strings`` maps lower-cased macro names to their expanded text.  A macro no
    ``@string`` defines is kept as its name and appended to ``undefined``.
    """
    raw = raw.strip()
    if "#" not in raw:
        if raw[:1] == "{" and raw[-1:] == "}":
            return raw[1:-1]
        if raw[:1] == '"' and raw[-1:] == '"' and len(raw) > 1:
            return raw[1:-1]
    out = []
    for piece in _parts(raw):
        piece = piece.strip()
        if not piece:
            continue
        if (piece[0] == "{" and piece[-1] == "}") or (piece[0] == '"' and piece[-1] == '"' and len(piece) > 1):
            out.append(piece[1:-1])
        elif _NUMBER.match(piece):
            out.append(piece)
        else:
            key = piece.lower()
            if key in strings:
                out.append(strings[key])
            else:
                if undefined is not None:
                    undefined.append(piece)
                out.append(piece)
    return "".join(out)


def is_macro(raw: str) -> bool:
    """True for a raw value that is a bare macro name (``jan``, ``IEEE_J_CS``)."""
    raw = raw.strip()
    return bool(raw) and raw[0] not in '{"' and not _NUMBER.match(raw) and "#" not in raw


# biber's default inheritance (biblatex manual, appendix B): (parent types, child types) ->
# parent field -> child field.  Anything not listed is inherited under its own name.
_TITLE_AS_BOOKTITLE = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_RULES: list[tuple[frozenset[str], frozenset[str], dict[str, str]]] = [
    (frozenset({"mvbook", "book"}), frozenset({"inbook", "bookinbook", "suppbook"}),
     {**_TITLE_AS_BOOKTITLE, "author": "author bookauthor"}),
    (frozenset({"mvbook"}), frozenset({"book", "inbook", "bookinbook", "suppbook"}),
     {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}),
    (frozenset({"mvcollection", "mvreference"}), frozenset({"collection", "reference", "incollection",
                                                              "inreference", "suppcollection"}),
     {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}),
    (frozenset({"collection", "reference"}), frozenset({"incollection", "inreference", "suppcollection"}),
     _TITLE_AS_BOOKTITLE),
    (frozenset({"mvproceedings"}), frozenset({"proceedings", "inproceedings"}),
     {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}),
    (frozenset({"proceedings"}), frozenset({"inproceedings"}), _TITLE_AS_BOOKTITLE),
    (frozenset({"periodical"}), frozenset({"article", "suppperiodical"}),
     {"title": "journaltitle", "subtitle": "journalsubtitle"}),
]
_NEVER = frozenset({"ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label",
                    "options", "presort", "related", "relatedoptions", "relatedstring", "relatedtype",
                    "shorthand", "shorthandintro", "sortkey"})
# Titles a child must not take over under their own name (biber: "title" is not inherited
# by a child of a book-like parent; it gets booktitle/maintitle instead).
_TITLE_FIELDS = frozenset({"title", "subtitle", "titleaddon", "shorttitle", "sorttitle", "indextitle",
                           "indexsorttitle"})


def _mapping(parent_type: str, child_type: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for parents, children, rule in _RULES:
        if parent_type in parents and child_type in children:
            for k, v in rule.items():
                out.setdefault(k, v)
    return out


def inherit(child_type: str, child: dict[str, str], parent_type: str, parent: dict[str, str],
            *, same_names_only: bool = False) -> list[str]:
    """Copy into ``child`` what it inherits from ``parent``; returns the child fields set.

    ``same_names_only`` is xdata's rule: fields are copied under their own names.
    """
    mapping = {} if same_names_only else _mapping(parent_type, child_type)
    added = []
    for key, value in parent.items():
        if key in _NEVER:
            continue
        target = mapping.get(key)
        if target is None:
            if key in _TITLE_FIELDS and not same_names_only and mapping:
                continue
            target = key
        for name in target.split():  # "author bookauthor": both
            if name not in child:
                child[name] = value
                added.append(name)
    return added

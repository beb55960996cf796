"""A .bib file split into blocks, fast, with bibtexparser for whatever is not plain BibTeX.

Why a splitter of our own: bibtexparser 2's splitter walks the text mark by mark in
Python; on the 12,000-entry file of benchmarks/convert/ it is most of ``convert``'s
time, and the issue's bar is ``convert`` within 1.2× of bibtexparser alone while doing
much more (LaTeX, names, crossref, macros).  This one finds braces, quotes and field
starts with compiled regexes and only loops per brace.  Any block it does not accept as
well-formed (an unbalanced brace, a key-less entry with odd syntax, text it cannot
place) is handed to bibtexparser, so broken input gets bibtexparser's own recovery and
error messages, exactly as before.

Blocks are ``Block`` values: ``kind`` is ``entry``, ``string``, ``other`` (``@preamble``,
``@comment``, text between entries) or ``bibtexparser`` (the block's text, to be parsed
by bibtexparser); lines are 1-based, ``offset`` is where the block starts in the text.
The blocks and their ``lead`` (the white space between a block and the one before it,
as written: blank lines, trailing spaces, CRLF) concatenated give the text back byte for
byte, so bib -> bib can write the text around entries exactly as it was; white space
after the last block is a last ``other`` block of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_AT = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])")
_KEY = re.compile(r"[ \t\r\n]*([^,\s{}()\"#%=\\~]*)[ \t\r\n]*,")
_NAME = re.compile(r"[ \t\r\n]*([A-Za-z_][\w:.+\-/]*)[ \t\r\n]*=[ \t\r\n]*")
_BRACE = re.compile(r"[{}]")
_QUOTE_OR_BRACE = re.compile(r'["{}]')
_BARE = re.compile(r"[A-Za-z0-9_:.+\-/@'!?*^&$;|<>\[\]]+")
_AFTER = re.compile(r"[ \t\r\n]*(#|,|[})])")
_CLOSE = re.compile(r"[ \t\r\n]*[})]")

# The common entry in two regex calls instead of a Python loop per field and per brace:
# ``_WHOLE`` checks that an ``@type{key, name = value, ...}`` entry is plain (values braced
# four levels deep, quoted, or bare, joined by ``#``), ``_FIELD.findall`` then reads its
# fields.  Both follow the slow path's rules exactly (every brace counts, a quote closes
# only at depth 0, the same name, key and bare-word characters); anything else fails the
# match and takes the slow path.  Unrolled loops (``a*(?:b a*)*`` with disjoint ``a``/``b``)
# cannot backtrack more than linearly on a broken entry.  Measured on the 12,000-entry
# file of benchmarks/convert/: the split took 0.30 s CPU with the loop alone, 0.17 s with these.
_B0 = r"[^{}]*"
_B1 = r"\{" + _B0 + r"\}"
_B2 = r"\{" + _B0 + "(?:" + _B1 + _B0 + r")*\}"
_B3 = r"\{" + _B0 + "(?:" + _B2 + _B0 + r")*\}"
_B4 = r"\{" + _B0 + "(?:" + _B3 + _B0 + r")*\}"
_Q = r'"[^"{}]*(?:' + _B3 + r'[^"{}]*)*"'
_PIECE = "(?:" + _B4 + "|" + _Q + "|" + _BARE.pattern + ")"
_VALUE = _PIECE + r"(?:[ \t\r\n]*#[ \t\r\n]*" + _PIECE + ")*"


def _field_rx(group: str) -> str:
    """``name = value`` and the space after it; ``group`` is ``(`` to capture both, ``(?:`` not to."""
    return (r"[ \t\r\n]*" + group + r"[A-Za-z_][\w:.+\-/]*)[ \t\r\n]*=[ \t\r\n]*" + group + _VALUE
            + r")[ \t\r\n]*")


_FIELD = re.compile(_field_rx("(") + ",?")
_WHOLE = re.compile(_KEY.pattern + "(?:" + _field_rx("(?:") + r"(?:,|(?=\})))*[ \t\r\n]*\}")


@dataclass
class Block:
    kind: str
    line: int
    raw: str
    entry_type: str = ""
    key: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    value: str = ""
    lead: str = ""  # the white space before the block, as written
    offset: int = 0


class _Bad(Exception):
    """The block is not plain BibTeX: bibtexparser reads it."""


def brace_end(text: str, i: int) -> int:
    """``text[i]`` is ``{``: the index after its matching ``}``, -1 if it is never closed.

    The one brace matcher of the reader and of ``bibedit``: BibTeX counts every brace,
    even after a backslash.
    """
    depth = 0
    for m in _BRACE.finditer(text, i):
        depth += 1 if m.group(0) == "{" else -1
        if depth == 0:
            return m.end()
    return -1


def _braced(text: str, i: int) -> int:
    end = brace_end(text, i)
    if end < 0:
        raise _Bad
    return end


def _quoted(text: str, i: int) -> int:
    """``text[i]`` is ``"``: the index after the closing quote at brace depth 0."""
    depth = 0
    for m in _QUOTE_OR_BRACE.finditer(text, i + 1):
        c = m.group(0)
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                raise _Bad
        elif depth == 0:
            return m.end()
    raise _Bad


def _value(text: str, i: int) -> tuple[str, int]:
    """One field value from ``i`` (pieces joined by ``#``): ``(raw value, index after it)``."""
    start = i
    while True:
        c = text[i : i + 1]
        if c == "{":
            i = _braced(text, i)
        elif c == '"':
            i = _quoted(text, i)
        else:
            m = _BARE.match(text, i)
            if not m:
                raise _Bad
            i = m.end()
        m = _AFTER.match(text, i)
        if not m:
            raise _Bad
        if m.group(1) == "#":
            i = m.end()
            while text[i : i + 1].isspace():
                i += 1
            continue
        return text[start:i].strip(), i


def _entry(text: str, at: int, m: re.Match[str], fast: bool = True) -> tuple[Block, int]:
    etype = m.group(1)
    closer = "}" if m.group(2) == "{" else ")"
    i = m.end()
    low = etype.lower()
    if low == "comment":
        end = _braced(text, i - 1) if m.group(2) == "{" else text.index(")", i) + 1
        return Block("other", 0, text[at:end]), end
    if low in ("string", "preamble"):
        nm = None
        if low == "string":
            nm = _NAME.match(text, i)
            if not nm:
                raise _Bad
            value, i = _value(text, nm.end())
        else:
            value, i = _value(text, i)
        c = _CLOSE.match(text, i)
        if not c or text[c.end() - 1] != closer:
            raise _Bad
        kind = "string" if low == "string" else "other"
        return Block(kind, 0, text[at : c.end()], key=nm.group(1) if nm is not None else "", value=value), c.end()
    if fast and closer == "}":
        whole = _WHOLE.match(text, i)
        if whole:
            end = whole.end()
            found = _FIELD.findall(text, whole.end(1) + 1, end - 1)
            return Block("entry", 0, text[at:end], entry_type=etype, key=whole.group(1), fields=found), end
    km = _KEY.match(text, i)
    if not km:
        raise _Bad
    key = km.group(1)
    i = km.end()
    fields: list[tuple[str, str]] = []
    while True:
        c = _CLOSE.match(text, i)
        if c:
            if text[c.end() - 1] != closer:
                raise _Bad
            return Block("entry", 0, text[at : c.end()], entry_type=etype, key=key, fields=fields), c.end()
        nm = _NAME.match(text, i)
        if not nm:
            raise _Bad
        value, i = _value(text, nm.end())
        fields.append((nm.group(1), value))
        if text[i : i + 1] == ",":
            i += 1
        else:
            after = _AFTER.match(text, i)
            if after and after.group(1) == ",":
                i = after.end()


_NEXT_AT = re.compile(r"(?m)^[ \t]*@")
_COMMENT_LINE = re.compile(r"(?m)^[ \t]*%.*$")


def split(text: str, *, fast: bool = True, first_line: int = 1) -> list[Block]:
    """Every block of ``text`` in order (see the module docstring).

    ``fast=False`` reads every entry with the per-field loop alone: the result the fast
    path must give (tests compare the two).  ``first_line``: the line ``text`` starts on
    (a piece of a file, cut between entries, keeps the file's line numbers).
    """
    return _merged(list(blocks(text, fast=fast, first_line=first_line)))


def blocks(text: str, *, fast: bool = True, first_line: int = 1) -> Iterator[Block]:
    """``split``'s blocks one at a time, before neighbouring ``other`` blocks are merged.

    Why a generator: ``check`` reads a large .bib block by block between turns of its
    event loop (``bibtex.links_of``), where a list of every block first held the first
    links back for the whole split (0.31 s on the link farm's 50,000 entries).
    """
    pos = 0
    line = first_line
    n = len(text)
    masked: str | None = None
    while pos < n:
        at = text.find("@", pos)
        if at < 0:
            yield Block("other", line, text[pos:], offset=pos)
            break
        gap = text[pos:at]
        lead = ""
        if gap.strip():
            yield Block("other", line, gap, offset=pos)
        else:
            lead = gap
        line += text.count("\n", pos, at)
        m = _AT.match(text, at)
        bol = text.rfind("\n", 0, at) + 1
        if m and text[bol:at].lstrip().startswith("%"):
            m = None  # "%@online{…": an entry the user commented out (a comment for biber and JabRef)
        if not m:
            # an "@" in free text (a comment): up to the next line that starts a block
            nxt = _NEXT_AT.search(text, text.find("\n", at) + 1 if "\n" in text[at:] else n)
            end = nxt.start() if nxt else n
            yield Block("other", line, text[at:end], lead=lead, offset=at)
            line += text.count("\n", at, end)
            pos = end
            continue
        try:
            block, end = _entry(text, at, m, fast)
        except (_Bad, ValueError, IndexError):
            # "% note = …" lines inside an entry are comments to biber (and to BibTeX users):
            # read the entry with them blanked out (same offsets), keep its text as written.
            if masked is None:
                masked = _COMMENT_LINE.sub(lambda c: " " * len(c.group(0)), text)
            try:
                block, end = _entry(masked, at, _AT.match(masked, at) or m, fast)
                block.raw = text[at:end]
            except (_Bad, ValueError, IndexError):
                nxt = _NEXT_AT.search(text, at + 1)
                end = nxt.start() if nxt else n
                block = Block("bibtexparser", 0, text[at:end])
        block.line = line
        block.lead = lead
        block.offset = at
        yield block
        line += text.count("\n", at, end)
        pos = end


def _merged(blocks: list[Block]) -> list[Block]:
    """Neighbouring ``other`` blocks as one, so a comment is written back as one piece of text."""
    out: list[Block] = []
    for b in blocks:
        if out and b.kind == "other" and out[-1].kind == "other":
            out[-1].raw += b.lead + b.raw  # the text between two entries exactly as it was
        else:
            out.append(b)
    return out

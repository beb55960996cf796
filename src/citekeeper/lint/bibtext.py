"""Where each field's value sits in BibTeX text, so a fix can rewrite only that value.

The BibTeX reader turns entries into ``Reference`` records and forgets the text; lint
needs the text twice: to see a field as written (a DOI stored as ``https://doi.org/…``
is cleaned by the reader) and to apply a fix by replacing exactly the characters of one
value, leaving every other byte of the file alone.  This is the smallest scanner that
does that; it is meant to merge into ``formats/bibedit.py`` once that exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ENTRY = re.compile(r"@\s*([A-Za-z]+)\s*([{(])\s*([^,\s]+)\s*,")
_FIELD = re.compile(r"\s*([A-Za-z][\w:.+-]*)\s*=\s*")


@dataclass(frozen=True)
class BibField:
    """One ``name = value`` of an entry: the value's text and its character span."""

    key: str
    name: str  # lower case
    value: str  # without the outer braces/quotes
    start: int  # offset of the value's first character (inside the braces/quotes)
    end: int
    line: int  # 1-based line of the field


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _braced_end(text: str, pos: int) -> int:
    """Offset just past the ``}`` closing the ``{`` at ``pos`` (or len(text))."""
    depth = 0
    i = pos
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def scan(text: str) -> dict[str, dict[str, BibField]]:
    """entry key -> field name -> ``BibField``, for every entry in ``text``."""
    out: dict[str, dict[str, BibField]] = {}
    for m in _ENTRY.finditer(text):
        if m.group(1).lower() in ("comment", "string", "preamble"):
            continue
        key = m.group(3)
        fields: dict[str, BibField] = {}
        pos = m.end()
        closer = "}" if m.group(2) == "{" else ")"
        while pos < len(text):
            f = _FIELD.match(text, pos)
            if not f:
                break
            name = f.group(1).lower()
            vpos = f.end()
            if vpos >= len(text):
                break
            c = text[vpos]
            if c == "{":
                vend = _braced_end(text, vpos)
                start, end = vpos + 1, vend - 1
            elif c == '"':
                j = vpos + 1
                depth = 0
                while j < len(text) and not (text[j] == '"' and depth == 0 and text[j - 1] != "\\"):
                    depth += {"{": 1, "}": -1}.get(text[j], 0)
                    j += 1
                start, end, vend = vpos + 1, j, j + 1
            else:
                bare = re.match(r"[^,}\)\s]+", text[vpos:])
                if not bare:
                    break
                start, end = vpos, vpos + bare.end()
                vend = end
            fields[name] = BibField(key, name, text[start:end], start, end, _line_at(text, f.start(1)))
            tail = re.match(r"\s*(?:#[^,]*)?\s*,?", text[vend:])
            pos = vend + (tail.end() if tail else 0)
            if pos < len(text) and text[pos:].lstrip().startswith(closer):
                break
        out.setdefault(key, fields)
    return out


def replace_values(text: str, edits: list[tuple[BibField, str]]) -> str:
    """``text`` with each field's value replaced; everything else byte-for-byte unchanged."""
    for field, new in sorted(edits, key=lambda e: e[0].start, reverse=True):
        if text[field.start : field.end] != field.value:
            continue  # the file changed under us: leave this value alone
        text = text[: field.start] + new + text[field.end :]
    return text

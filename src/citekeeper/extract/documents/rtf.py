"""Rich Text Format (.rtf): footnotes and endnotes from their ``{\\footnote …}`` groups, the
reference list from the body's paragraphs.

Word, LibreOffice and court systems save RTF with each note in place: ``\\chftn`` prints the
number and ``{\\footnote \\pard … \\chftn … text}`` holds the note (``\\ftnalt`` marks an endnote).
The reader walks the groups once: control words are dropped, ``\\'hh`` is decoded in the document's
code page (``\\ansicpg1251`` …), ``\\uN`` with its ``\\ucN`` fallback skipped, ``\\par``/``\\line`` break
lines; destinations that print nothing (font and colour tables, ``\\*\\…``, pictures, headers, a
field's instruction) are skipped, a field's result (``\\fldrslt``, what Word shows) is kept.  Notes
are numbered in the order the body calls them, footnotes and endnotes each on their own, as Word
prints them; the body's paragraphs go through the plain-text reference-list rule, one per line.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from citekeeper.extract.documents.errors import BrokenDocumentError
from citekeeper.extract.documents.layout import Block, DocumentExtraction, compose
from citekeeper.extract.segment import find_reference_section
from citekeeper.textio import DEFAULT_MAX_BYTES

_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([\r\n]+)|([^\\{}\r\n]+)", re.S)
# Destinations that print nothing.
_SKIP = {b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"header", b"footer", b"headerl", b"headerr",
         b"footerl", b"footerr", b"headerf", b"footerf", b"fldinst", b"listtable", b"listoverridetable",
         b"rsidtbl", b"generator", b"xmlnstbl", b"themedata", b"colorschememapping", b"latentstyles",
         b"datastore", b"object", b"bkmkstart", b"bkmkend", b"ftnsep", b"ftnsepc", b"aftnsep", b"aftnsepc"}
_BREAKS = {b"par", b"line", b"sect", b"page", b"row", b"cell"}
_CHARACTERS = {b"tab": " ", b"emdash": "—", b"endash": "–", b"lquote": "‘", b"rquote": "’", b"ldblquote": "“",
               b"rdblquote": "”", b"bullet": "•", b"~": "\u00a0", b"_": "-", b"-": ""}


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    name = str(path)
    data = path.read_bytes()[: max_bytes or DEFAULT_MAX_BYTES]
    if not data.lstrip().startswith(b"{\\rtf"):
        raise BrokenDocumentError("not an RTF file (no {\\rtf header)", file=name)
    body, notes = _read(data)
    blocks: list[Block] = []
    counters = {"footnote": 0, "endnote": 0}
    for kind, text in sorted(notes, key=lambda note: note[0] != "footnote"):  # footnotes, then endnotes (docx)
        counters[kind] += 1
        text = " ".join(text.split())  # (\chftn, the number Word prints in front, gives no text here)
        if text:
            blocks.append(Block("footnote", text, counters[kind], element=f"{kind} {counters[kind]}", raw=text))
    lines = [" ".join(ln.split()) for ln in body.split("\n")]
    section = find_reference_section(lines)
    if section:
        _, first, end = section
        for k in range(first, end):
            if lines[k]:
                blocks.append(Block("reference", lines[k], line_start=k + 1, line_end=k + 1, element=f"paragraph {k + 1}"))
    return compose(blocks, name, "rtf")


def _read(data: bytes) -> tuple[str, list[tuple[str, str]]]:
    """The body's text and every note's ``(kind, text)``, in the order they stand."""
    encoding = "cp1252"
    m = re.search(rb"\\ansicpg(\d{3,5})", data[:4096])
    if m:
        try:
            codecs.lookup(f"cp{m.group(1).decode()}")
            encoding = f"cp{m.group(1).decode()}"
        except LookupError:
            pass
    body: list[str] = []
    notes: list[tuple[str, list[str]]] = []
    # Per group: (skipped, note index or None, unicode fallback count).
    stack: list[tuple[bool, int | None, int]] = []
    skipped, note, uc = False, None, 1
    pending_skip = 0  # characters still to drop after a \uN
    star = False
    for tok in _TOKEN.finditer(data):
        word, arg, hexa, symbol, brace, newline, text = tok.groups()
        if brace == b"{":
            stack.append((skipped, note, uc))
            star = False
            continue
        if brace == b"}":
            skipped, note, uc = stack.pop() if stack else (False, None, 1)
            continue
        if newline:
            continue
        out = notes[note][1] if note is not None else body
        if symbol is not None:
            if symbol == b"*":
                star = True
            elif not skipped:
                out.append({b"~": "\u00a0", b"_": "-", b"-": ""}.get(symbol, symbol.decode("latin-1")))
            continue
        if word is not None:
            if word == b"footnote" and not skipped:
                # Word writes "{\footnote …}", LibreOffice "{\*\footnote …}" (also for endnotes, with \ftnalt):
                # "\*" skips only a destination the reader does not know, and this one it knows.
                notes.append(("footnote", []))
                note, star = len(notes) - 1, False
                continue
            if word in _SKIP or star:
                skipped, star = True, False
                continue
            if word == b"ftnalt" and note is not None:
                notes[note] = ("endnote", notes[note][1])
                continue
            if word == b"uc" and arg:
                uc = int(arg)
            elif word == b"u" and arg and not skipped:
                code = int(arg) % 65536
                out.append(chr(code) if not 0xD800 <= code <= 0xDFFF else "")
                pending_skip = uc
            elif word in _BREAKS and not skipped:
                out.append("\n")
            elif word in _CHARACTERS and not skipped:
                out.append(_CHARACTERS[word])
            continue
        if skipped:
            continue
        if hexa is not None:
            if pending_skip:
                pending_skip -= 1
                continue
            out.append(bytes([int(hexa, 16)]).decode(encoding, errors="replace"))
            continue
        if text:
            chunk = text.decode(encoding, errors="replace")
            if pending_skip:
                drop = min(pending_skip, len(chunk))
                chunk, pending_skip = chunk[drop:], pending_skip - drop
            out.append(chunk)
    return "".join(body), [(kind, "".join(parts)) for kind, parts in notes]

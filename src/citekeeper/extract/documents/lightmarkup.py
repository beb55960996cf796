"""Org mode, AsciiDoc and reStructuredText: their notes rewritten as pandoc Markdown notes, line for line,
and read by the Markdown reader (``markdown.extract_lines``), so each origin names the source's own line.

* Org: a definition ``[fn:1] …`` (or ``[fn:name] …``) at a line's start runs to the next definition, the
  next heading or two blank lines; ``[fn:1]`` in the text calls it; ``[fn::…]`` and ``[fn:name:…]`` are
  inline notes.  Links ``[[url][text]]`` print their text and URL; source blocks are no text.
* AsciiDoc: ``footnote:[…]`` is an inline note, ``footnote:id[…]`` too (``footnote:id[]`` calls it again:
  no new note), as the older ``footnoteref:[id,…]``; ``url[text]`` and ``link:url[text]`` print their text
  and URL, ``<<id,text>>`` its text; ``== Title`` is a heading; listing blocks are no text.
* reStructuredText (docutils, Sphinx): a definition ``.. [1] …`` (``[#]``, ``[#name]``, ``[*]``) runs over
  its indented lines; ``[1]_`` calls it; auto-numbered ``[#]`` notes pair their calls and definitions in
  order, as docutils does.

Before this reader such a file was read as plain text: "no footnotes found" for all three.
"""

from __future__ import annotations

import re
from pathlib import Path

from citekeeper.extract.documents.detect import light_markup
from citekeeper.extract.documents.layout import DocumentExtraction
from citekeeper.extract.documents.markdown import extract_lines
from citekeeper.textio import DEFAULT_MAX_BYTES, read_text

SUFFIXES = {".org": "org", ".adoc": "asciidoc", ".asciidoc": "asciidoc", ".asc": "asciidoc", ".rst": "rst",
            ".rest": "rst"}


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    text = read_text(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES).text
    kind = SUFFIXES.get(path.suffix.lower()) or light_markup(text[:65536].encode("utf-8", "replace")) or "org"
    lines = text.split("\n")
    as_markdown = {"org": org_lines, "asciidoc": asciidoc_lines, "rst": rst_lines}[kind](lines)
    return extract_lines(as_markdown, str(path), kind)


def _bracket_end(text: str, start: int) -> int:
    """Index of the ``]`` closing the bracket opened just before ``start`` (nested brackets), or -1."""
    depth = 1
    for i in range(start, len(text)):
        if text[i] == "[":
            depth += 1
        elif text[i] == "]":
            depth -= 1
            if not depth:
                return i
    return -1


# --- Org mode ---------------------------------------------------------------------------------------------

_ORG_DEF = re.compile(r"^\[fn:([\w-]+)\][ \t]+(.*)$")
_ORG_CALL = re.compile(r"\[fn:([\w-]*)(:?)")
_ORG_LINK = re.compile(r"\[\[([^\]\[]+)\](?:\[([^\]\[]+)\])?\]")
_ORG_BLOCK = re.compile(r"^\s*#\+(begin|end)_(?:src|example)\b", re.I)


def org_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    in_def = blank = False
    in_block = False
    for line in lines:
        if (block := _ORG_BLOCK.match(line)) or in_block:
            in_block = (block.group(1).lower() == "begin") if block else in_block
            out.append("")
            continue
        line = _ORG_LINK.sub(lambda m: f"[{m.group(2)}]({m.group(1)})" if m.group(2) else m.group(1), line)
        if m := _ORG_DEF.match(line):
            out.append(f"[^{m.group(1)}]: {_org_inline(m.group(2))}")
            in_def, blank = True, False
            continue
        if not line.strip():
            in_def = in_def and not blank  # two blank lines end a definition
            blank = True
            out.append("")
            continue
        if line.startswith("*") and re.match(r"^\*+\s", line):
            in_def = False
            out.append("#" * min(6, len(line) - len(line.lstrip("*"))) + " " + line.lstrip("*").strip())
        elif in_def:
            out.append(("    " if blank else "") + _org_inline(line.strip()))  # a later paragraph of the note
        else:
            out.append(_org_inline(line))
        blank = False
    return out


def _org_inline(line: str) -> str:
    """Org's note calls as Markdown's: ``[fn:1]`` -> ``[^1]``, ``[fn::text]`` / ``[fn:name:text]`` -> ``^[text]``."""
    if "[fn:" not in line:
        return line
    out, last = [], 0
    for m in _ORG_CALL.finditer(line):
        if m.start() < last:
            continue
        end = _bracket_end(line, m.end())
        if end < 0:
            break
        out.append(line[last:m.start()])
        body = line[m.end():end]
        out.append(f"^[{body}]" if m.group(2) else f"[^{m.group(1)}]")
        last = end + 1
    return "".join(out) + line[last:]


# --- AsciiDoc ---------------------------------------------------------------------------------------------

_ADOC_NOTE = re.compile(r"\bfootnote(ref)?:([\w-]*)\[")
_ADOC_LINK = re.compile(r"(?:link:)?((?:https?|ftp)://[^\s\[\]]+)\[([^\]]*)\]")
_ADOC_XREF = re.compile(r"<<([^,>]+)(?:,\s*([^>]+))?>>")
_ADOC_DELIMITER = re.compile(r"^(?:-{4,}|\.{4,}|/{4,}|\+{4,})\s*$")


def asciidoc_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    fence = ""
    seen: set[str] = set()
    for line in lines:
        if _ADOC_DELIMITER.match(line) and (not fence or line.strip() == fence):
            fence = "" if fence else line.strip()
            out.append("")
            continue
        if fence:
            out.append("")
            continue
        line = _ADOC_LINK.sub(lambda m: f"[{m.group(2)}]({m.group(1)})" if m.group(2) else m.group(1), line)
        line = _ADOC_XREF.sub(lambda m: m.group(2) or m.group(1), line)
        line = re.sub(r"\[\[\[[^\]]*\]\]\]\s*", "", line)  # a bibliography entry's anchor
        if heading := re.match(r"^(={1,6})\s+(\S.*)$", line):
            line = "#" * len(heading.group(1)) + " " + heading.group(2)
        out.append(_adoc_notes(line, seen))
    return out


def _adoc_notes(line: str, seen: set[str]) -> str:
    if "footnote" not in line:
        return line
    out, last = [], 0
    for m in _ADOC_NOTE.finditer(line):
        if m.start() < last:
            continue
        end = _bracket_end(line, m.end())
        if end < 0:
            break  # a note wrapped over lines: the Markdown reader closes ^[ on a later line
        body = line[m.end():end]
        note_id = m.group(2)
        if m.group(1):  # footnoteref:[id,text] / footnoteref:[id]
            note_id, _, body = body.partition(",")
        out.append(line[last:m.start()])
        if body.strip() and not (note_id and note_id in seen):
            out.append(f"^[{body}]")
        if note_id:
            seen.add(note_id)
        last = end + 1
    return "".join(out) + line[last:]


# --- reStructuredText -------------------------------------------------------------------------------------

_RST_DEF = re.compile(r"^\.\. \[(\d{1,4}|#[\w-]*|\*)\][ \t]+(.*)$")
_RST_CALL = re.compile(r"\[(\d{1,4}|#[\w-]*|\*)\]_")
_RST_LINK = re.compile(r"`([^`<]+?)\s*<((?:https?|ftp)://[^>]+)>`__?")


def rst_lines(lines: list[str]) -> list[str]:
    defs, calls = {"#": 0, "*": 0}, {"#": 0, "*": 0}

    def label(raw: str, counter: dict[str, int]) -> str:
        if raw in ("#", "*"):  # auto-numbered / auto-symbol: the k-th call is the k-th definition
            counter[raw] += 1
            return f"{'auto' if raw == '#' else 'sym'}{counter[raw]}"
        return raw.lstrip("#")

    out: list[str] = []
    in_def = False
    for line in lines:
        line = _RST_LINK.sub(lambda m: f"[{m.group(1)}]({m.group(2)})", line)
        if m := _RST_DEF.match(line):
            out.append(f"[^{label(m.group(1), defs)}]: {m.group(2)}")
            in_def = True
            continue
        if in_def and line.strip() and line[:1] in (" ", "\t"):
            out.append("    " + line.strip())  # the definition's indented lines and paragraphs
            continue
        if line.strip():
            in_def = False
        out.append(_RST_CALL.sub(lambda m: f"[^{label(m.group(1), calls)}]", line))
    return out

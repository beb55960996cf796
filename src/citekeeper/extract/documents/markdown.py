"""Markdown (pandoc): footnote definitions ``[^id]: …``, a References section, ``[@key]``.

A footnote definition runs on over the lines that follow it until a blank line, and
over later paragraphs indented by four spaces or a tab (pandoc's rule); notes are
numbered in the order the text calls them (``[^id]``), as pandoc prints them.  The
References section is the plain-text rule on the lines (``# References`` … up to the
next heading of the same or a higher level), its entries list items or paragraphs.
Citation keys are pandoc's: ``[@key]``, ``[see @key, p. 3; @other]``, ``@key`` in text.
"""

from __future__ import annotations

import re
from pathlib import Path

from citekeeper.extract.documents.layout import Block, DocumentExtraction, compose
from citekeeper.extract.segment import REFERENCE_HEADINGS, split_entries
from citekeeper.model import Origin
from citekeeper.textio import DEFAULT_MAX_BYTES, read_text

_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$")  # CommonMark: up to 3 spaces before a block
_CALL = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_KEY = re.compile(r"(?<![\w.@])@([A-Za-z0-9_][\w:.#$%&\-+?<>~/]*\w|[A-Za-z0-9_])")
_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    name = str(path)
    lines = read_text(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES).text.split("\n")
    lines = _blank_code(lines)
    notes: dict[str, tuple[int, int, list[str]]] = {}  # id -> (first line, last line, text lines)
    in_note = set()
    i = 0
    while i < len(lines):
        m = _DEF.match(lines[i])
        if not m:
            i += 1
            continue
        start, buf = i, [m.group(2)]
        in_note.add(i)
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if _DEF.match(line):
                break
            if line.strip():
                if lines[j - 1].strip() or line.startswith(("    ", "\t")):
                    buf.append(line.strip())
                    in_note.add(j)
                    j += 1
                    continue
                break
            j += 1
        notes[m.group(1)] = (start + 1, max(k for k in in_note if k < j) + 1, buf)
        i = j
    order = [c for c in dict.fromkeys(m.group(1) for k, ln in enumerate(lines) if k not in in_note
                                      for m in _CALL.finditer(ln)) if c in notes]
    order += [k for k in notes if k not in order]
    blocks: list[Block] = []
    for n, key in enumerate(order, 1):
        first, last, buf = notes[key]
        text = " ".join(" ".join(buf).split())
        if text:
            blocks.append(Block("footnote", text, n, label=key, line_start=first, line_end=last,
                                element=f"[^{key}]", raw="\n".join(buf)))
    plain = [("" if k in in_note else ln) for k, ln in enumerate(lines)]
    blocks += _references(plain)
    keys = [(m.group(1).rstrip(".,;:"), Origin("file", None, None, name, k + 1, k + 1, m.group(0)))
            for k, ln in enumerate(plain) for m in _KEY.finditer(ln) if _is_citation(ln, m.start())]
    return compose(blocks, name, "markdown", cite_keys=keys,
                   empty_note="its citations are keys ([@key]) for a .bib" if keys else None)


def _is_citation(line: str, at: int) -> bool:
    """``@key`` in brackets or after a space — not an e-mail address or a decorator."""
    return at == 0 or line[at - 1] in " \t[;(-"


def _blank_code(lines: list[str]) -> list[str]:
    """Fenced code blocks blanked (their @ and [^x] are not citations); line numbers kept."""
    out, fenced = [], False
    for ln in lines:
        if _FENCE.match(ln):
            fenced = not fenced
            out.append("")
            continue
        out.append("" if fenced else ln)
    return out


def _references(lines: list[str]) -> list[Block]:
    heading = None
    for k, ln in enumerate(lines):
        m = _ATX.match(ln)
        text = m.group(2) if m else ln
        setext = k + 1 < len(lines) and re.fullmatch(r"\s*(=+|-+)\s*", lines[k + 1] or "x")
        if (m or setext) and REFERENCE_HEADINGS.match(text.strip("*_ ")):
            heading = (k, len(m.group(1)) if m else (1 if setext and "=" in lines[k + 1] else 2),
                       1 if setext else 0)
    if heading is None:
        # A bare or bold line of its own ("References", "**Bibliography**"), as Markdown
        # exported from Word or typed by hand has it: the plain-text rule, ended by any heading.
        for k, ln in enumerate(lines):
            if (ln.strip() and (k == 0 or not lines[k - 1].strip())
                    and REFERENCE_HEADINGS.match(ln.strip().strip("*_ ").rstrip(":").strip())):
                heading = (k, 6, 0)
    if heading is None:
        return []
    k, level, skip = heading
    first = k + 1 + skip
    end = len(lines)
    for j in range(first, len(lines)):
        m = _ATX.match(lines[j])
        if m and len(m.group(1)) <= level:
            end = j
            break
    out = []
    for span in split_entries(lines, first, end):
        text = span.text.strip()
        if text and not text.startswith("::: "):
            out.append(Block("reference", text, line_start=span.line_start, line_end=span.line_end,
                             raw="\n".join(lines[span.line_start - 1: span.line_end])))
    return out

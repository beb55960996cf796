"""The last pass over a rendered entry: quotes, punctuation in quotes, margins, escaping.

Generic over all styles (driven by the locale's ``punctuation-in-quote`` option and the
style's ``display`` attributes), the way citeproc-js finishes its output queue; never a
per-style string fix-up.

Gaps closed here:
* "punctuation not moved inside quotes": with ``punctuation-in-quote="true"`` (en-US) a
  period or comma right after a closing quote moves inside it, past nested quotes, as
  citeproc-js does (CSL test suite: ``quotes_PunctuationWithInnerQuote``).
* nested quotes alternate outer/inner (``“… ‘…’ …”``) by depth (``quotes_QuotesUnderQuotes``).
* "no space after [1]": ``display="left-margin"`` ends with a space in text output and
  becomes citeproc-js's ``csl-left-margin``/``csl-right-inline`` divs in HTML
  (``display_SecondFieldAlignClone``).
"""

from __future__ import annotations

import re

from .marks import (
    CLOSE_CURLY,
    CLOSE_QUOTE,
    CLOSE_SINGLE,
    KEEP_SPACE,
    LEFT_MARGIN_END,
    NOCASE_END,
    NOCASE_START,
    NUM_END,
    OPEN_CURLY,
    OPEN_QUOTE,
    OPEN_SINGLE,
)

_Q = f"[{CLOSE_QUOTE}{CLOSE_CURLY}{CLOSE_SINGLE}]"

_CLOSERS = re.compile(
    f"((?:{_Q}|</(?:i|b|span|sup|sub)>|\\*+)*{_Q}(?:</(?:i|b|span|sup|sub)>|\\*+)*)([.,])"
)
_DOUBLED = re.compile(r"([.!?])\.((?:" + _Q + r")+)")


def move_punctuation_in(text: str) -> str:
    """``…”.`` -> ``….”`` (en-US punctuation-in-quote), merging ``?.`` into ``?``."""
    if CLOSE_QUOTE not in text and CLOSE_CURLY not in text and CLOSE_SINGLE not in text:
        return text
    text = _CLOSERS.sub(lambda m: m.group(2) + m.group(1), text)
    text = _DOUBLED.sub(lambda m: m.group(1) + m.group(2), text)
    return text


_QUOTE_MARKS = re.compile(f"[{OPEN_QUOTE}{CLOSE_QUOTE}{OPEN_CURLY}{CLOSE_CURLY}]")


def resolve_quotes(text: str, terms: tuple[str, str, str, str]) -> str:
    """Replace quote marks by the locale's outer/inner quotes, alternating by depth.

    Curly quotes from item data print as they are at the outer level but become inner
    quotes inside a quoted title, as citeproc-js does.
    """
    text = text.replace(OPEN_SINGLE, OPEN_QUOTE).replace(CLOSE_SINGLE, CLOSE_QUOTE)
    if not any(c in text for c in (OPEN_QUOTE, CLOSE_QUOTE, OPEN_CURLY, CLOSE_CURLY)):
        return text
    oq, cq, oiq, ciq = terms
    depth = 0

    def one(m: re.Match[str]) -> str:
        # only the quote marks are visited (a loop over every character took 23% of an
        # IEEE render: 0.23 s of 1,000 entries)
        nonlocal depth
        ch = m.group()
        if ch in (OPEN_QUOTE, OPEN_CURLY):
            out = oiq if depth % 2 else ("\u201c" if ch == OPEN_CURLY and depth == 0 else oq)
            depth += 1
            return out
        depth = max(depth - 1, 0)
        if depth % 2:
            return ciq
        return "\u201d" if ch == CLOSE_CURLY and depth == 0 else cq

    return _QUOTE_MARKS.sub(one, text)


def finish(text: str, *, piq: bool, quotes: tuple[str, str, str, str], fmt: str) -> str:
    """Resolve all marks of one rendered entry or citation into final output."""
    if piq:
        text = move_punctuation_in(text)
    text = resolve_quotes(text, quotes)
    text = text.replace(NOCASE_START, "").replace(NOCASE_END, "").replace(NUM_END, "")
    while "  " in text:  # citeproc-js never prints a doubled space at a seam
        text = text.replace("  ", " ")
    text = text.replace(KEEP_SPACE, " ")
    if LEFT_MARGIN_END in text:
        left, _, right = text.partition(LEFT_MARGIN_END)
        right = right.replace(LEFT_MARGIN_END, "")
        if fmt == "html":
            # citeproc-js keeps the margin field's trailing space ("1. </div>": plos, bmj)
            return (
                f'\n    <div class="csl-left-margin">{left.lstrip()}</div>'
                f'<div class="csl-right-inline">{right.strip()}</div>\n  '
            )
        # citeproc-js's text output keeps the margin field's own suffix and adds a space:
        # "1. " + " " -> "1.  Title" (plos, bmj, pnas ...), "[1]" + " " -> "[1] Title"
        return f"{left.lstrip()} {right.strip()}"
    return text.strip()

"""Markdown (pandoc): footnote definitions ``[^id]: …``, inline notes ``^[…]``, a References
section, ``[@key]``.

A footnote definition runs on over the lines that follow it until a blank line, and
over later paragraphs indented by four spaces or a tab (pandoc's rule); notes are
numbered by their labels when every label is a number (``[^1]``…``[^18]``, as the author
wrote them), else in the order the text calls them (``[^id]`` and inline ``^[…]`` alike), as
pandoc prints them.  A file with neither (Markdown exported from a web page or a word processor:
``<sup>1</sup>`` calls and a numbered list under "Notes"/"Endnotes"/"Anmerkungen") is read by
the plain-text rules on its text with the Markdown syntax taken off, line for line.  The
References section is the plain-text rule on the lines (``# References`` … up to the
next heading of the same or a higher level), its entries list items or paragraphs.
Citation keys are pandoc's: ``[@key]``, ``[see @key, p. 3; @other]``, ``@key`` in text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from citekeeper.extract.documents.layout import Block, DocumentExtraction, compose, notes_as_text
from citekeeper.extract.notes import LABELLED_NOTE
from citekeeper.extract.segment import NOTES_HEADINGS, REFERENCE_HEADINGS, split_entries
from citekeeper.model import Origin
from citekeeper.textio import DEFAULT_MAX_BYTES, read_text

_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$")  # CommonMark: up to 3 spaces before a block
# A call is ``[^id]`` anywhere but where a definition opens a line: a call may be followed by a colon
# ("… lines of code[^code]:", "… dimension[^necro]: articulating …"; dropping those lost two notes and
# renumbered every later one in the ho2 Soon & Cox chapter, 14 -> 29/29 of its citations).
_CALL = re.compile(r"(?<!^)(?<!^ )(?<!^  )(?<!^   )\[\^([^\]\s]+)\]|\[\^([^\]\s]+)\](?!:)", re.M)
_KEY = re.compile(r"(?<![\w.@])@([A-Za-z0-9_][\w:.#$%&\-+?<>~/]*\w|[A-Za-z0-9_])")
_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    return extract_lines(read_text(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES).text.split("\n"), str(path))


def extract_lines(lines: list[str], name: str, kind: str = "markdown") -> DocumentExtraction:
    """The notes and reference list of a Markdown text's lines (``lightmarkup`` hands Org, AsciiDoc and
    reStructuredText notes over as Markdown lines, one for one)."""
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
    plain = [("" if k in in_note else ln) for k, ln in enumerate(lines)]
    inline = _inline_notes(plain)
    for key, (first, last, body) in inline.items():
        notes[key] = (first, last, [body])
    calls = [(k, m.start(), m.group(1) or m.group(2)) for k, ln in enumerate(plain) for m in _CALL.finditer(ln)]
    calls += [(first - 1, at, key) for key, (first, _, _) in inline.items() for at in [int(key.split(":")[2])]]
    order = [c for c in dict.fromkeys(key for _, _, key in sorted(calls)) if c in notes]
    # A definition nothing calls is not printed (pandoc, kramdown): a leftover of a whole document is no
    # note.  But where fewer than half the definitions are called, the text is an excerpt (a chapter's
    # notes with part of its body, as users paste them; a file of notes alone calls none): every
    # definition is a note there (the dev texts read as a user's file: 472 -> 547 of 636 citations).
    if 2 * len(order) < len(notes):
        order += [k for k in notes if k not in order]
    blocks: list[Block] = []
    for n, key in _numbered(order):
        first, last, buf = notes[key]
        text = " ".join(_inline_html(_inline_links(" ".join(buf))).split())
        if text:
            blocks.append(Block("footnote", text, n, label=key, line_start=first, line_end=last,
                                element="^[…]" if key.startswith("^[") else f"[^{key}]", raw="\n".join(buf)))
    if inline:
        plain = _without_inline(plain, inline)
    blocks += _references(plain)
    keys = [(m.group(1).rstrip(".,;:"), Origin("file", None, None, name, k + 1, k + 1, m.group(0)))
            for k, ln in enumerate(plain) for m in _KEY.finditer(ln) if _is_citation(ln, m.start())]
    if not any(b.kind == "footnote" for b in blocks):
        blocks += _linked_notes(plain)
    if not any(b.kind == "footnote" for b in blocks):
        in_html = _html_notes(plain, name)
        if in_html is not None:
            in_html.cite_keys = keys
            return in_html
    if not any(b.kind == "footnote" for b in blocks):
        blocks += _bracketed_notes(plain, blocks)
    if not any(b.kind == "footnote" for b in blocks):
        as_text = _as_plain_text(plain, name)
        if as_text is not None:
            as_text.cite_keys = keys
            return as_text
    return compose(blocks, name, kind, cite_keys=keys,
                   empty_note="its citations are keys ([@key]) for a .bib" if keys else None)


def _numbered(order: list[str]) -> list[tuple[int, str]]:
    """Each note's number: its label when every label is a number (``[^1]`` … ``[^18]``: the
    number the author wrote and looks for in the source, also in an excerpt whose first call is
    ``[^18]`` or a text whose calls were reordered), else its place in the order of the calls, as
    pandoc and GitHub print named labels (``[^smith]``) and inline notes."""
    if order and all(k.isdecimal() and not k.startswith("0") for k in order):
        return sorted((int(k), k) for k in order)
    return list(enumerate(order, 1))


_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")


def _inline_links(text: str) -> str:
    """A note's Markdown links as a reader sees them printed: ``[https://x.org](https://x.org)`` is
    the URL once, ``[Title](https://x.org)`` the title and the URL, ``<https://x.org>`` the URL;
    images go."""
    if "](" not in text and "<" not in text:
        return text
    text = _IMAGE.sub("", text)

    def link(m: re.Match[str]) -> str:
        label, url = m.group(1).strip(), m.group(2)
        bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", url).rstrip("/")
        if re.sub(r"^(?:https?://)?(?:www\.)?", "", label).rstrip("/") == bare or not re.match(r"(?:https?|ftp)://", url):
            return label
        return f"{label} ({url})"

    return _AUTOLINK.sub(r"\1", _LINK.sub(link, text))


def _inline_html(text: str) -> str:
    """A note's text without the raw HTML Markdown allows in it: tags off, their text kept
    (``<span style="font-variant:small-caps;">Caccomo</span>``), entities decoded (``&nbsp;``)."""
    if "<" not in text and "&" not in text:
        return text
    return html.unescape(_TAG.sub("", text)).replace("\u00a0", " ")


# (MultiMarkdown's opens on a word, never inside `code`: a regex's "[^a-z ]" is no note.)
_INLINE_OPEN = re.compile(r"(?<!\\)(?:\^\[|\[\^(?=[^\W\d_\"“‘«(]|[\"“‘«(][^\W\d_])(?=[^\]\n]*\s))")


def _inline_notes(lines: list[str]) -> dict[str, tuple[int, int, str]]:
    """Inline notes (brackets nested, over the lines of one paragraph): pandoc's ``^[…]`` and
    MultiMarkdown's ``[^…]`` holding a space (a label holds none: ``[^12]``, ``[^smith]``).

    Keyed ``^[:line:column`` so they sort with the ``[^id]`` calls in text order.
    """
    out: dict[str, tuple[int, int, str]] = {}
    k = 0
    while k < len(lines):
        m = _INLINE_OPEN.search(lines[k]) if "^[" in lines[k] or "[^" in lines[k] else None
        while m:
            start = m.start()
            end = _closing_bracket(lines, k, start + 2)
            if end is None:
                break
            j, col = end
            body = (lines[k][start + 2:col] if j == k else
                    " ".join([lines[k][start + 2:], *lines[k + 1:j], lines[j][:col]]))
            if m.group() == "[^" and ((j == k and lines[k][col + 1:col + 2] == ":") or lines[k].count("`", 0, start) % 2
                                       or len(re.findall(r"[^\W\d_]{2,}", body)) < 2):
                m = _INLINE_OPEN.search(lines[k], start + 2)  # a definition's label, code, or no words
                continue
            if body.strip():
                out[f"^[:{k:07d}:{start:05d}"] = (k + 1, j + 1, " ".join(body.split()))
            if j != k:
                break
            m = _INLINE_OPEN.search(lines[k], col + 1)
        k += 1
    return out


def _closing_bracket(lines: list[str], k: int, col: int) -> tuple[int, int] | None:
    """Line and column of the ``]`` closing a bracket opened before ``lines[k][col]``, within
    the paragraph (a blank line ends the search)."""
    depth = 1
    j = k
    while j < len(lines) and (j == k or lines[j].strip()):
        text = lines[j]
        i = col if j == k else 0
        while i < len(text):
            ch = text[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
                if not depth:
                    return j, i
            i += 1
        j += 1
    return None


def _without_inline(lines: list[str], inline: dict[str, tuple[int, int, str]]) -> list[str]:
    """The lines with their inline notes blanked (their ``[@key]`` are the notes', their text no
    reference list), line numbers kept."""
    out = list(lines)
    for key in sorted(inline, reverse=True):
        k, start = int(key.split(":")[1]), int(key.split(":")[2])
        end = _closing_bracket(out, k, start + 2)
        if end is None:
            continue
        j, col = end
        if j == k:
            out[k] = out[k][:start] + " " * (col + 1 - start) + out[k][col + 1:]
        else:
            out[k] = out[k][:start]
            for m in range(k + 1, j):
                out[m] = ""
            out[j] = out[j][col + 1:]
    return out


_SUP_CALL = re.compile(r"[^\W\d_][.,;:!?)\"”’]?[¹²³⁴⁵⁶⁷⁸⁹]")  # a word, perhaps a stop, a raised number
# A heading of endnotes the notes rules may not name ("Sources", "Quellen", "Источники").
_SOURCES = re.compile(r"^\s*(?:sources|quellen|источники|fuentes|fonti)\s*:?\s*$", re.I)


def _headings(lines: list[str]) -> list[str]:
    """The text of every ATX, setext, bold-line or lone-line heading."""
    out = []
    for k, ln in enumerate(lines):
        m = _ATX.match(ln)
        if m:
            out.append(m.group(2).strip("*_ "))
        elif k + 1 < len(lines) and ln.strip() and _SETEXT_RULE.match(lines[k + 1]):
            out.append(ln.strip("*_ "))
        elif re.fullmatch(r"\s*(\*\*|__)[^*_]{2,60}\1\s*", ln) or (
                0 < len(ln.strip()) <= 40 and (k == 0 or not lines[k - 1].strip())
                and (k + 1 == len(lines) or not lines[k + 1].strip())):
            out.append(ln.strip("*_ "))  # bold, or a short line standing alone ("Notes")
    return out


_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]^]{1,999}\]:\s*\S")  # "[1]: https://…", "[ref]: <url> "Title""
# "<sup>1</sup>", also with the link inside it ("<sup><a href="#fn1">1</a></sup>", as sites write calls).
_SUP_TAG = re.compile(r"<sup(?:\s[^<>]{0,200})?>\s*(?:<a\s[^<>]{0,300}>\s*)?(\d{1,4})\s*(?:</a>\s*)?</sup>", re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_SETEXT_RULE = re.compile(r"^\s{0,3}(?:=+|-{2,})\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!^])")


def _as_plain_text(lines: list[str], name: str) -> DocumentExtraction | None:
    """Notes Markdown holds as text (``<sup>1</sup>`` calls, ``1.`` items under "Notes"), read by
    the plain-text rules; None when they find no footnote.

    The Markdown syntax comes off line by line so every origin keeps its line: heading marks and
    setext rules, HTML tags (a ``<sup>`` number becomes a superscript digit), backslash escapes.
    """
    from citekeeper.extract.notes import SUPERSCRIPT_DIGITS

    sup = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
    # Only with a sign of notes — a Notes heading or note calls set as superscripts — so a numbered
    # list in the body ("1. Collected 45 samples …, see Smith (1998).") is never taken for notes.
    calls = sum(len(_SUP_TAG.findall(ln)) + len(_SUP_CALL.findall(ln)) for ln in lines)
    headed = any(NOTES_HEADINGS.match(h) or _SOURCES.match(h) for h in _headings(lines))
    if calls < 2 and not headed and not any(LABELLED_NOTE.search(ln) for ln in lines):  # "[Footnote 1: …]"
        return None
    text_lines = []
    for ln in lines:
        m = _ATX.match(ln)
        if m:
            ln = m.group(2)
        elif _SETEXT_RULE.match(ln) or _LINK_DEFINITION.match(ln):
            ln = ""
        ln = _SUP_TAG.sub(lambda m: m.group(1).translate(sup), ln)
        text_lines.append(_ESCAPE.sub(r"\1", _inline_html(_inline_links(ln))))
    return notes_as_text(text_lines, name, "markdown")


_BRACKET_NOTE = re.compile(r"^ {0,3}\[(\d{1,4})\](:?)[ \t]+(\S.*)$")
# What CommonMark takes for a link reference definition after "[1]:": one destination, perhaps a title.
_LINK_DESTINATION = re.compile(r"""^(?:<[^>]*>|\S+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*$""")
_BRACKET_CALL = re.compile(r"(?<![\]\w])\[(\d{1,4})\](?![(\[:])")


def _bracketed_notes(lines: list[str], blocks: list[Block]) -> list[Block]:
    """Notes printed as paragraphs ``[16] Livre II, chapitre I.`` that the text calls as ``[16]``.

    Markdown made from a book without footnote syntax (a digitised edition: the notes after a
    ``-----`` rule, calls in brackets in the running text; notesdev2's dev7_7 Montesquieu, 0/18
    before) prints its notes as ordinary paragraphs.  They are notes only when the numbers run on
    one by one and each is called exactly once, before its note, outside the notes — a numbered
    reference list (``[1] Smith, J. …``) is cited again and again, and one under a References
    heading is read as that list.
    """
    taken = {k for b in blocks if b.kind == "reference" for k in range((b.line_start or 1) - 1, b.line_end or 0)}
    # "[16]: text" too, as people type notes in Markdown — unless CommonMark reads it as a link's
    # definition ("[1]: https://… "Title""), which prints nothing.
    starts = [(k, int(m.group(1))) for k, ln in enumerate(lines)
              if (m := _BRACKET_NOTE.match(ln)) and k not in taken
              and (k == 0 or not lines[k - 1].strip() or (m.group(2) and _BRACKET_NOTE.match(lines[k - 1])))
              and not (m.group(2) and _LINK_DESTINATION.match(m.group(3)))]
    if len(starts) < 2:
        return []
    # The longest run of consecutive numbers (a text's notes, not a stray "[3] …" paragraph).
    runs: list[list[tuple[int, int]]] = []
    for k, n in starts:
        if runs and n == runs[-1][-1][1] + 1:
            runs[-1].append((k, n))
        else:
            runs.append([(k, n)])
    run = max(runs, key=len)
    if len(run) < 2:
        return []
    note_lines: set[int] = set()
    spans = []
    for k, n in run:
        j = k + 1
        while j < len(lines) and lines[j].strip() and not _BRACKET_NOTE.match(lines[j]):
            j += 1
        spans.append((k, j, n))
        note_lines.update(range(k, j))
    calls: dict[int, list[int]] = {}
    for k, ln in enumerate(lines):
        if k not in note_lines:
            for m in _BRACKET_CALL.finditer(ln):
                calls.setdefault(int(m.group(1)), []).append(k)
    if any(len(calls.get(n, ())) != 1 or calls[n][0] > k for k, _, n in spans):
        return []
    out = []
    for k, j, n in spans:
        first = _BRACKET_NOTE.match(lines[k])
        assert first is not None
        buf = [first.group(3)] + [ln.strip() for ln in lines[k + 1:j]]
        text = " ".join(_ESCAPE.sub(r"\1", _inline_html(_inline_links(" ".join(buf)))).split())
        out.append(Block("footnote", text, n, line_start=k + 1, line_end=j, element=f"[{n}]", raw="\n".join(lines[k:j])))
    return out


# Markdown converted from a web page or a word processor (html2text, turndown, mammoth) keeps each call as a
# link to its note — "[1](#fn1)", "<sup>[1](#fn1)</sup>", mammoth's "[\\[1\\]](#footnote-1)" — and each
# note as a paragraph or list item with a link back to its call ("[↩](#fnref1)", mammoth's
# "[↑](#footnote-ref-1)") or opening with its number as that link.
_LINK_CALL = re.compile(r"(?:<sup>)?\[(?:\\\[)?(\d{1,4})(?:\\\])?\]\(#[^)\s]+\)(?:</sup>)?")
_BACK_LINK = re.compile(r"\s*\[(?:↩\uFE0E?|↑|\^|⤴|back)\]\(#[^)\s]+\)")
_ITEM_NUMBER = re.compile(r"^ {0,3}(\d{1,4})[.)]\s+")


def _linked_notes(lines: list[str]) -> list[Block]:
    """Notes whose calls are links to them and that link back (``_LINK_CALL``, ``_BACK_LINK``).

    A paragraph or numbered item is a note when it holds a back-link or opens with its number as a
    link; only with two such notes and two calls outside them, so a body that links "[1](#sec1)" to
    its own sections gives none.  A note's number is its item's ("2.  …"), else its opening link's,
    else its place.
    """
    if sum("](#" in ln for ln in lines) < 4:
        return []  # (two calls and two notes each hold a link to a fragment: most files hold none)
    units: list[tuple[int, int]] = []  # (first line, one past the last) of each paragraph or item
    k = 0
    while k < len(lines):
        if not lines[k].strip():
            k += 1
            continue
        j = k + 1
        while j < len(lines) and lines[j].strip() and not _ITEM_NUMBER.match(lines[j]):
            j += 1
        units.append((k, j))
        k = j
    out: list[Block] = []
    note_lines: set[int] = set()
    for k, j in units:
        text = " ".join(ln.strip() for ln in lines[k:j])
        item = _ITEM_NUMBER.match(text)
        body = text[item.end():] if item else text
        label = _LINK_CALL.match(body)
        if not (_BACK_LINK.search(body) or label):
            continue
        number = int(item.group(1)) if item else int(label.group(1)) if label else None
        if label:
            body = body[label.end():]
        body = _BACK_LINK.sub("", body)
        body = " ".join(_ESCAPE.sub(r"\1", _inline_html(_inline_links(body))).split())
        if body:
            out.append(Block("footnote", body, number, line_start=k + 1, line_end=j, element=f"line {k + 1}",
                             raw="\n".join(lines[k:j])))
            note_lines.update(range(k, j))
    calls = sum(len(_LINK_CALL.findall(ln)) for k, ln in enumerate(lines) if k not in note_lines)
    if len(out) < 2 or calls < 2:
        return []
    if any(b.number is None for b in out):
        for n, b in enumerate(out, 1):
            b.number = n
    return out


# A note call of raw HTML ("<sup id="fnref:1"><a href="#fn:1">1</a></sup>"): a post moved from a blog
# engine to Markdown keeps its notes as HTML (kramdown and WordPress footnotes).
_HTML_CALL = re.compile(r"<a\s[^<>]{0,300}href=[\"']#[^\"']{1,100}[\"'][^<>]{0,300}>\s*\[?\d{1,4}\]?\s*</a>", re.I)


def _html_notes(lines: list[str], name: str) -> DocumentExtraction | None:
    """The notes of a Markdown file whose calls and notes are raw HTML, read by the HTML rules on the
    whole text (Markdown paragraphs are text to them; the lines are the file's); None without two such
    calls or when those rules find no note."""
    from citekeeper.errors import NoCitationsError
    from citekeeper.extract.documents.html import extract_tree, read_tree

    if sum(len(_HTML_CALL.findall(ln)) for ln in lines if "#" in ln) < 2:
        return None
    try:
        found = extract_tree(read_tree(Path(name), "\n".join(lines).encode("utf-8")), name, "markdown")
    except NoCitationsError:
        return None
    return found if found.footnotes else None


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

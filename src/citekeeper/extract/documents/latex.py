"""LaTeX sources: ``thebibliography``/``\\bibitem`` entries, notes, cite keys.

Entries and notes are decoded to Unicode with pylatexenc (installed with bibtexparser):
a document has tens of them, so its ~1 ms a string does not matter here.  Comments
(``%`` to the end of the line, not ``\\%``) are blanked first, keeping line numbers.
Note arguments are matched brace by brace, so notes holding ``\\emph{…}`` or
``\\url{…}`` stay whole.  Notes are numbered as LaTeX prints them: ``\\footnote`` and
``\\footnotemark`` step the counter, ``\\footnotetext`` takes its value, an optional ``[n]``
sets the number without stepping, ``\\addtocounter``/``\\setcounter``/``\\stepcounter{footnote}``
move it, and ``\\chapter`` starts it again (book and report classes number notes per chapter).
``\\endnote`` (endnotes package) and ``\\sidenote`` (tufte, sidenotes) are notes too, and so is
biblatex's ``\\footcite[pre][post]{key}`` (and ``\\autocite`` under a notes style or
``autocite=footnote``): its text is the key with its pre- and postnote ("Vgl. meier2010, S. 45"),
as a cite command inside a note is — there is no printed form without biber.  When the ``.bib`` the
document names is beside it and holds every key a note cites, each key's entry is that note's record
(its postnote the page), and only what the note types beside the commands is read as text.
Every ``\\cite``-family key (natbib, biblatex) is collected with its line for ``lint`` to check
against the ``.bib`` the document names.  ``\\input`` is not followed.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

from citekeeper.extract.documents.layout import (
    FIELD_MARK,
    Block,
    DocumentExtraction,
    compose,
    typed_beside_fields,
)
from citekeeper.model import Origin, Reference
from citekeeper.textio import DEFAULT_MAX_BYTES, read_text

_COMMENT = re.compile(r"(?<!\\)%.*")
_SKIPPED = re.compile(r"\\begin\{comment\}.*?\\end\{comment\}|\\iffalse\b.*?\\fi\b", re.S)
_BIBITEM = re.compile(r"\\bibitem\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}")
_THEBIB = re.compile(r"\\begin\{thebibliography\}\s*\{[^}]*\}(.*?)(?:\\end\{thebibliography\}|\Z)", re.S)
# The commands that make, number or count notes, in text order.
_NOTE_COMMAND = re.compile(
    r"\\(footnote|footnotetext|footnotemark|endnote|sidenote|footcites?|footfullcite|footcitetext|"
    r"smartcites?|autocites?|chapter|addtocounter|setcounter|stepcounter)(?![a-zA-Z])(\*?)")
# A cite command with its optional pre-/postnotes and keys (``\footcites`` repeats the groups).
_CITE_GROUP = re.compile(r"\s*(?:\(([^()]*)\)\s*){0,2}(?:\[([^\]]*)\]\s*)?(?:\[([^\]]*)\]\s*)?\{([^{}]*)\}")
_CITE_IN_TEXT = re.compile(r"\\[a-zA-Z]*cite[a-zA-Z]*\*?(?![a-zA-Z])")
_NOTES_STYLE = re.compile(
    r"\\usepackage\s*\[([^\]]*)\]\s*\{biblatex(?:-chicago)?\}", re.S)
_CITE = re.compile(
    r"\\(?:[a-zA-Z]*cite[a-zA-Z]*|nocite)\*?\s*(?:\[[^\]]*\]\s*){0,2}\{([^}]*)\}")


def _decoder():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


# Macros whose printed form pylatexenc gets wrong: ``\\href`` crashes it (the whole note came out as
# LaTeX source), ``\\foreignlanguage{english}{Text}`` printed "englishText", csquotes' ``\\enquote`` lost
# its quotation marks (which tell a title), ``\\S`` lost the section sign.
_MACRO = re.compile(r"\\(href|enquote\*?|mkbibquote|textquote|foreignlanguage|foreignquote|hyphenquote|text(?:english|russian|german|french|"
                    r"ngerman|italian|spanish|latin|greek|ukrainian))(?![A-Za-z])\s*(?:\[[^\]]*\]\s*)?\{")


def _printed_macros(latex: str) -> str:
    """The macros of ``_MACRO`` replaced by what they print ("Title (https://…)", “Quoted”, "Text")."""
    out, last = [], 0
    for m in _MACRO.finditer(latex):
        if m.start() < last:
            continue
        end = _group(latex, m.end())
        first = latex[m.end():end - 1]
        second_open = (re.match(r"\s*\{", latex[end:]) if m.group(1) in ("href", "foreignlanguage", "foreignquote", "hyphenquote")
                       else None)
        if second_open:
            end2 = _group(latex, end + second_open.end())
            second = latex[end + second_open.end():end2 - 1]
            if m.group(1) == "href":
                plain = re.sub(r"^https?://(?:www\.)?", "", first).rstrip("/")
                text = first if re.sub(r"^https?://(?:www\.)?", "", second).rstrip("/") == plain else f"{second} ({first})"
            elif m.group(1) in ("foreignquote", "hyphenquote"):
                text = f"“{second}”"
            else:
                text = second
            end = end2
        elif m.group(1) == "enquote*":
            text = f"‘{first}’"
        elif m.group(1) in ("enquote", "mkbibquote", "textquote"):
            text = f"“{first}”"
        else:
            text = first
        out.append(latex[last:m.start()])
        out.append(text)
        last = end
    out.append(latex[last:])
    text = "".join(out)
    for macro, sign in (("S", "§"), ("P", "¶")):  # "\\S~5" -> "§ 5", "\\S\\S 3--4" -> "§§ 3--4"
        text = re.sub(rf"(?:\\{macro}(?![A-Za-z])[\s~]*)+", _signs(sign, macro), text)
    return text


def _signs(sign: str, macro: str) -> Callable[[re.Match[str]], str]:
    """The replacement of a run of ``\\S`` (or ``\\P``): the sign once for each, then a space."""
    return lambda m: sign * m.group().count("\\" + macro) + " "


# Quotation marks babel's German and French give as macros (pylatexenc printed none of them, and quotation
# marks tell a title): ``\glqq Titel\grqq``, ``\og titre \fg{}``.
_QUOTE_MACROS = {"glqq": "„", "grqq": "“", "glq": "‚", "grq": "‘", "flqq": "«", "frqq": "»", "flq": "‹", "frq": "›",
                 "og": "«", "fg": "»", "dq": '"'}
_QUOTE_MACRO = re.compile(r"\\(" + "|".join(sorted(_QUOTE_MACROS, key=len, reverse=True)) + r")(?![A-Za-z])(?:\{\}|\s)?")
def _quote_mark(m: re.Match[str]) -> str:
    """The mark a quote macro prints; French guillemets with their space inside."""
    return {"og": "« ", "fg": " »"}.get(m.group(1), _QUOTE_MACROS[m.group(1)])


_URL = re.compile(r"\\(?:url|path)\s*\{([^}]*)\}")
_KEEP = "\ue000"  # a URL kept out of the decoder: "\ue000<n>\ue000"


def to_text(latex: str, decoder=None) -> str:  # type: ignore[no-untyped-def]
    latex = re.sub(r"\\newblock\b", " ", latex)
    latex = _printed_macros(latex)
    latex = _QUOTE_MACRO.sub(_quote_mark, latex)
    # A URL is printed as typed: the decoder read its "~" as a space and its escaped "\%" as a comment
    # (everything after "a\%20b" was lost).
    urls: list[str] = []

    def keep(m: re.Match[str]) -> str:
        urls.append(re.sub(r"\\([%#&_$~])", r"\1", m.group(1)))
        return f"{_KEEP}{len(urls) - 1}{_KEEP}"

    latex = _URL.sub(keep, latex)
    try:
        text = (decoder or _decoder()).latex_to_text(latex)
    except Exception:  # malformed LaTeX: its text without the commands, rather than lose the citation
        text = re.sub(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?\s*|[{}]", "", latex.replace("~", " ").replace("--", "–"))
    if urls:
        text = re.sub(f"{_KEEP}(\\d+){_KEEP}", lambda m: urls[int(m.group(1))], text)
    return " ".join(text.split())


_BABEL_GERMAN = re.compile(r"\\usepackage\s*\[[^\]]*\b(?:n?german|n?austrian|n?swissgerman)\b[^\]]*\]\s*\{babel\}"
                           r"|\\usepackage\s*\{n?german\}|\\documentclass\s*\[[^\]]*\bn?german\b")
_SHORTHAND = re.compile(r'(?<!\\)"([aouAOUeEiI]|s|z|S|Z|`|\'|<|>|-|=|~|"|\||c(?=k)|[fFlLmMnNpPrRtT](?=[fFlLmMnNpPrRtT]))')
_SHORTHANDS = {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü", "e": "ë", "E": "Ë", "i": "ï", "I": "Ï",
               "s": "ß", "z": "ß", "S": "SS", "Z": "SZ", "`": "„", "'": "“", "<": "«", ">": "»", "-": "", "=": "-",
               "~": "-", '"': "", "|": ""}


def babel_german(text: str) -> str:
    """Babel's German shorthands as the letters they print — ``M"uller`` "Müller", ``Stra"se`` "Straße",
    ``"`Titel"'`` „Titel“, ``"-`` a hyphenation point — for a document that loads them (babel's
    ``ngerman``, ``german``, ``austrian``, ``swissgerman``; the old ``german`` package): the decoder left
    ``M"uller``, and no name or title was spelled right."""
    return _SHORTHAND.sub(lambda m: _SHORTHANDS.get(m.group(1), m.group(1)), text)


def uses_babel_german(text: str) -> bool:
    """Does the document use babel's German shorthands?  Its preamble says so; a chapter a main file
    ``\\input``s has none, so there three or more umlauts typed as shorthands inside words tell it."""
    if _BABEL_GERMAN.search(text):
        return True
    return not re.search(r"\\documentclass", text) and len(re.findall(r'[A-Za-z]"[aouAOUs][a-z]', text)) >= 3


def _group(text: str, start: int) -> int:
    """Index just past the brace group whose ``{`` is at ``start - 1``."""
    depth = 1
    i = start
    while i < len(text) and depth:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    return i


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    name = str(path)
    source = read_text(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES).text
    text = _COMMENT.sub(lambda m: " " * len(m.group()), source)
    # What LaTeX never prints: comment environments and \iffalse … \fi (blanked, line breaks kept).
    text = _SKIPPED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    text = _macros_as_notes(text)
    if uses_babel_german(text):
        text = babel_german(text)

    def line(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    decoder = _decoder()
    blocks = _notes(text, line, decoder)
    bib = _THEBIB.search(text)
    if bib:
        items = list(_BIBITEM.finditer(text, bib.start(1), bib.end(1)))
        for k, item in enumerate(items):
            stop = items[k + 1].start() if k + 1 < len(items) else bib.end(1)
            body = text[item.end(): stop]
            blocks.append(Block("reference", to_text(body, decoder), line_start=line(item.start()),
                                line_end=line(stop - 1), element=f"\\bibitem{{{item.group(1)}}}",
                                raw=body.strip()))
    records = _bib_records(path, text)
    if records:
        for b in blocks:
            if b.kind == "footnote":
                _records_for_keys(b, records, decoder)
    keys = []
    for m in _CITE.finditer(text):
        for key in m.group(1).split(","):
            if key.strip():
                keys.append((key.strip(), Origin("file", None, None, name, line(m.start()),
                                                 line(m.start()), m.group(0))))
    return compose(blocks, name, "latex", cite_keys=keys,
                   empty_note=_bib_files(text) if keys else None)


_DEFINITION = re.compile(r"\\(?:re)?(?:newcommand|providecommand|DeclareRobustCommand)\*?\s*\{?\s*\\([A-Za-z]+)\s*\}?"
                         r"\s*(?:\[\s*(\d)\s*\])?\s*\{")


def _macros_as_notes(text: str) -> str:
    """Macros defined to make notes, as LaTeX expands them.

    A definition is never a note itself (``\\newcommand{\\fn}[1]{\\footnote{#1}}`` printed none, but
    would have shifted every number after it): definitions holding a note command are blanked, and a
    macro that only wraps one (``{\\footnote{#1}}``, ``{\\endnote{#1}}``) is read as that command
    wherever it is used.  No line break is added or taken, so every line keeps its number.
    """
    aliases: dict[str, str] = {}
    out = text
    for m in _DEFINITION.finditer(text):
        end = _group(text, m.end())
        body = text[m.end():end - 1]
        if not re.search(r"\\(?:footnote|endnote|sidenote|footcite)", body):
            continue
        wrapped = re.fullmatch(r"\s*\\(footnote|endnote|sidenote)\s*\{\s*#1\s*\}\s*", body)
        if wrapped and m.group(2) == "1":
            aliases[m.group(1)] = wrapped.group(1)
        out = out[:m.start()] + re.sub(r"[^\n]", " ", out[m.start():end]) + out[end:]
    for name, command in aliases.items():
        out = re.sub(rf"\\{name}(?![A-Za-z])", "\\\\" + command, out)
    return out


def _notes(text: str, line, decoder) -> list[Block]:  # type: ignore[no-untyped-def]
    """Every note of the document, numbered as LaTeX prints them (see the module docstring)."""
    book = bool(re.search(r"\\documentclass\s*(?:\[[^\]]*\])?\s*\{(?:book|report|scrbook|scrreprt|memoir)\}", text))
    book = book or not re.search(r"\\documentclass", text)  # a chapter file a main file \input's
    cite_notes = _autocite_is_a_note(text)
    counters = {"footnote": 0, "endnote": 0}
    blocks: list[Block] = []
    end_of_last = 0
    for m in _NOTE_COMMAND.finditer(text):
        if m.start() < end_of_last:
            continue  # inside a note already read (a \footcite in a \footnote prints no note of its own)
        name, pos = m.group(1), m.end()
        if name == "chapter":
            if book and not m.group(2):
                counters["footnote"] = 0
            continue
        if name in ("addtocounter", "setcounter", "stepcounter"):
            c = re.match(r"\s*\{(footnote|endnote)\}\s*(?:\{\s*(-?\d+)\s*\})?", text[pos:])
            if c:
                value = int(c.group(2) or 0)
                counters[c.group(1)] = (counters[c.group(1)] + value if name == "addtocounter" else
                                        value if name == "setcounter" else counters[c.group(1)] + 1)
            continue
        kind = "endnote" if name == "endnote" else "footnote"
        if name.startswith(("footcite", "footfullcite", "smartcite", "autocite")):
            if name.startswith("autocite") and not cite_notes:
                continue
            body, end = _cite_text(text, pos)
            if end == pos:
                continue
            counters[kind] += 1
            blocks.append(Block("footnote", body, counters[kind], line_start=line(m.start()), line_end=line(end),
                                raw=text[m.start():end].strip()))
            end_of_last = end
            continue
        number = re.match(r"\s*\[\s*(\d+)\s*\]", text[pos:])
        if number:
            pos += number.end()
        if name == "footnotemark":
            if not number:
                counters[kind] += 1
            continue
        brace = re.match(r"\s*\{", text[pos:])
        if not brace:
            continue
        start = pos + brace.end()
        end = _group(text, start)
        if number:
            n = int(number.group(1))
        elif name == "footnotetext":
            n = counters[kind]
        else:
            counters[kind] += 1
            n = counters[kind]
        body = text[start:end - 1]
        blocks.append(Block("footnote", to_text(_cites_as_text(body), decoder), n, line_start=line(m.start()),
                            line_end=line(end), raw=body.strip()))
        end_of_last = end
    return blocks


def _autocite_is_a_note(text: str) -> bool:
    """Does biblatex's ``\\autocite`` make a footnote here (a notes style, or ``autocite=footnote``)?"""
    m = _NOTES_STYLE.search(text)
    if not m:
        return False
    options = m.group(1).replace(" ", "")
    return bool(re.search(r"autocite=footnote|(?:^|,)notes(?:,|$)|style=(?:verbose|[\w-]*notes?\b|footnote-dw|oscola)",
                          options))


def _cite_text(text: str, pos: int) -> tuple[str, int]:
    """The text a cite command at ``pos`` stands for here ("Vgl. meier2010, S. 45; schulz2005"), and
    where the command ends."""
    parts = []
    end = pos
    while True:
        g = _CITE_GROUP.match(text, end)
        if not g or not g.group(4).strip():
            break
        pre, post = (g.group(2), g.group(3)) if g.group(3) is not None else ("", g.group(2))
        keys = ", ".join(k.strip() for k in g.group(4).split(",") if k.strip())
        piece = " ".join(x for x in (to_text(pre or ""), keys) if x)
        post_text = to_text(post or "")
        parts.append(f"{piece}, {post_text}" if post_text else piece)
        end = g.end()
        if not text.startswith(("[", "{", "("), end):
            break
    return "; ".join(parts), end


def _cites_as_text(latex: str) -> str:
    """Cite commands inside a note as their keys with pre- and postnotes (pylatexenc would print
    ``<cit.>`` or lose the key)."""
    out = []
    last = 0
    for m in _CITE_IN_TEXT.finditer(latex):
        if m.start() < last:
            continue
        body, end = _cite_text(latex, m.end())
        if end == m.end():
            continue
        out.append(latex[last:m.start()])
        out.append(body.replace("\\", "\\\\").replace("{", "").replace("}", ""))
        last = end
    out.append(latex[last:])
    return "".join(out)


def _bib_records(path: Path, text: str) -> dict[str, Reference]:
    """The entries of the .bib files the document names (``\\addbibresource{refs.bib}``,
    ``\\bibliography{refs,more}``) beside it, by key (lower-cased, as biber matches them); none when
    there is none or it cannot be read."""
    from citekeeper.errors import CitekeeperError
    from citekeeper.formats import read_references

    out: dict[str, Reference] = {}
    for group in re.findall(r"\\(?:bibliography|addbibresource)\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}", text):
        for name in (n.strip() for n in group.split(",") if n.strip()):
            bib = path.parent / (name if name.endswith(".bib") else name + ".bib")
            if not bib.is_file():
                continue
            try:
                refs = read_references(bib, "bibtex")
            except (CitekeeperError, OSError):
                continue
            for ref in refs:
                out.setdefault(ref.id.lower(), ref)
    return out


_PINPOINT = re.compile(r"^(?:(?:S|s|p|pp|P|Pp|с|С)\.?\s*)?(\d[\d\s,–-]*[a-z]?(?:\s*f{1,2}\.?)?)$")


def _records_for_keys(block: Block, bib: dict[str, Reference], decoder) -> None:  # type: ignore[no-untyped-def]
    """A note whose cite keys are all in the .bib: each key's entry is its record (with the postnote as
    its page), and only what the note types beside the cite commands is read as text (``Block.rest``).

    The note's printed form cannot be had without running biber; its text stays the keys with their pre-
    and postnotes, which is also each record's ``raw``.  A key the .bib lacks leaves the note as text."""
    cited: list[tuple[str, str, str]] = []  # (key, postnote, the cite's text)
    outside, last = [], 0
    source = block.raw
    for m in _CITE_IN_TEXT.finditer(source):
        if m.start() < last:
            continue
        end = m.end()
        while (g := _CITE_GROUP.match(source, end)) and g.group(4).strip():
            pre, post = (g.group(2), g.group(3)) if g.group(3) is not None else ("", g.group(2))
            for key in (k.strip() for k in g.group(4).split(",") if k.strip()):
                post_text = to_text(post or "", decoder)
                cite = " ".join(x for x in (to_text(pre or "", decoder), key) if x)
                cited.append((key, post_text, f"{cite}, {post_text}" if post_text else cite))
            end = g.end()
            if not source.startswith(("[", "{", "("), end):
                break
        if end == m.end():
            continue
        outside += [source[last:m.start()], FIELD_MARK]
        last = end
    outside.append(source[last:])
    if not cited or any(key.lower() not in bib for key, _, _ in cited):
        return
    records = []
    for k, (key, post, cite) in enumerate(cited):
        if any(key.lower() == other.lower() for other, _, _ in cited[:k]):
            continue  # "\\citeauthor{k}, \\citetitle{k}": one work
        rec = copy.deepcopy(bib[key.lower()])
        rec.raw = cite
        if (page := _PINPOINT.match(post)) and page.group(1).strip():
            rec.set("page", page.group(1).strip().replace("--", "–"))
        records.append(rec)
    block.records = records
    typed = "".join(outside)
    block.rest = typed_beside_fields(to_text(typed, decoder))


def _bib_files(text: str) -> str:
    files = re.findall(r"\\(?:bibliography|addbibresource)\s*\{([^}]*)\}", text)
    named = ", ".join(files)
    return (f"its entries are in {named} (cited keys are checked there by lint)" if named
            else "cited keys but no bibliography")

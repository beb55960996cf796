"""TEI XML (Perseus, the Deutsches Textarchiv, TextGrid, editions of letters and books):
``<note>`` elements are the notes, ``<listBibl>`` entries the reference list.

TEI keeps a note where it is called, with its printed number in ``n`` (``n="1"``, the DTA's
``n="1)"``, a letter or a symbol) or in a ``<ref target="#id">`` calling it; a note without a number is
numbered on from the one before.
Notes in the margin (``place="margin"``, ``"left"``, ``"right"``) are the editor's or author's
marginalia, not notes of the page, and a note inside another is part of it.  ``<lb/>`` is a line
break (``break="no"``: a word cut there), ``<pb/>`` and ``<fw>`` (running heads, catchwords) are
the printed page, not text; of a ``<choice>`` one reading is read, of an ``<app>`` its lemma.  Before this reader a TEI file was read as HTML (its ``<p>``) and gave
no note at all.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from citekeeper.extract.documents.jats import local, read_root
from citekeeper.extract.documents.layout import Block, DocumentExtraction, compose

_MARGIN = re.compile(r"^(?:margin\w*|left|right|inline|interlinear|above|below)$", re.I)
_SKIP = {"pb", "fw", "note", "figDesc", "rdg"}
# Of the readings a ``<choice>`` offers, the one read: the page's own abbreviation and spelling (``abbr``,
# ``orig``, as printed and as the note cites it), the editor's correction of a misprint (``corr``).  Every
# child read gave "SchmidtSchmidt, Geschichte der StadttStadt" for ``<choice><abbr>…<expan>…``.
_CHOSEN = ("corr", "abbr", "orig", "seg", "unclear")
# Elements that stand as blocks of their own: a space apart from their neighbours, so a note of two
# paragraphs (OxGarage's ``<note><p>…</p><p>…</p></note>`` from Word) does not run their words together.
_BLOCKS = {"p", "ab", "l", "lg", "item", "list", "quote", "cit", "bibl", "biblStruct", "listBibl", "head", "table",
           "row", "cell", "div"}
_NUMBER = re.compile(r"^\s*[\[(]?(\d{1,4})[.)\]]?\s*$")


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    root = read_root(path)
    text_root = next((el for el in root.iter() if local(el) == "text"), root)
    tree = root.getroottree()
    blocks: list[Block] = []
    last = 0
    called = _called_numbers(text_root)
    for note in text_root.iter():
        if local(note) != "note" or _MARGIN.match(note.get("place") or note.get("type") or "") or any(
                local(a) == "note" for a in note.iterancestors()):
            continue
        text = " ".join(_text(note).split())
        m = _NUMBER.match(note.get("n") or "")
        number = int(m.group(1)) if m else called.get(note.get(_XML_ID) or "", last + 1)
        last = number
        if text:
            blocks.append(Block("footnote", text, number, label="" if m else (note.get("n") or ""),
                                element=_where(note, tree), raw=text, line_start=note.sourceline,
                                line_end=note.sourceline))
    for bibl in text_root.iter():
        if local(bibl) in ("bibl", "biblStruct") and any(local(a) == "listBibl" for a in bibl.iterancestors()) and not any(
                local(a) in ("note", "bibl", "biblStruct") for a in bibl.iterancestors()):
            text = " ".join(_text(bibl).split())
            if text:
                blocks.append(Block("reference", text, element=_where(bibl, tree), raw=text,
                                    line_start=bibl.sourceline, line_end=bibl.sourceline))
    return compose(blocks, str(path), "tei")


_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_TEI = "{http://www.tei-c.org/ns/1.0}"


def _called_numbers(text_root: etree._Element) -> dict[str, int]:
    """The number printed where a note is called, by the note's ``xml:id``: ``<ref target="#note82">82</ref>``
    before a note that has no ``n`` (Tolstoy Digital's edition numbers its notes 82-100 so; read in order
    they were 1-19, and no note matched)."""
    out: dict[str, int] = {}
    for ref in text_root.iter(f"{_TEI}ref", f"{_TEI}ptr", "ref", "ptr"):
        if (target := ref.get("target") or "").startswith("#"):
            m = _NUMBER.match(ref.get("n") or "".join(ref.itertext()))
            if m:
                out.setdefault(target[1:], int(m.group(1)))
    return out


def _where(el: etree._Element, tree: etree._ElementTree) -> str:
    """An element a user can find: by its ``xml:id``, else its ``n``, else its path."""
    if el.get(_XML_ID):
        return f"{local(el)}[@xml:id='{el.get(_XML_ID)}']"
    if el.get("n"):
        return f"{local(el)}[@n='{el.get('n')}']"  # and the origin's line
    return tree.getpath(el)


def _text(el: etree._Element) -> str:
    """The element's printed text: nested notes, page breaks and running heads left out, a line
    break a space unless it cuts a word (``<lb break="no"/>``)."""
    out: list[str] = [el.text or ""]
    for child in el:
        name = local(child)
        if name == "lb":
            if child.get("break") == "no":
                out[-1] = out[-1].rstrip().rstrip("-\u00ad")
                out.append((child.tail or "").lstrip())
                continue
            out.append(" ")
        elif name == "choice":
            options = {local(c): c for c in child if local(c)}
            pick = next((options[k] for k in _CHOSEN if k in options), next(iter(options.values()), None))
            out.append(_text(pick) if pick is not None else "")
        elif name in _BLOCKS:
            out.append(f" {_text(child)} ")
        elif name not in _SKIP:
            out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)

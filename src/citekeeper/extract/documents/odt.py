"""OpenDocument text (.odt): ``content.xml`` read as Word's parts are (``docx``).

Notes are ``text:note`` elements (class footnote or endnote) with their body in place;
Zotero's LibreOffice plugin stores a citation as a reference mark (or bookmark) named
``ZOTERO_ITEM CSL_CITATION {json} RND…``, read by ``fields`` like Word's field codes.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from citekeeper.extract.documents.docx import (
    MAX_PART,
    Paragraph,
    keep_breaks,
    note_and_list_blocks,
    shows_other_than,
    typed_notes,
)
from citekeeper.extract.documents.errors import BrokenDocumentError
from citekeeper.extract.documents.fields import cited_items, is_bibliography, is_citation
from citekeeper.extract.documents.layout import FIELD_MARK, DocumentExtraction, compose
from citekeeper.extract.documents.xmlsafe import parse_xml

T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_MARKS = {f"{T}reference-mark-start", f"{T}reference-mark", f"{T}bookmark-start", f"{T}bookmark"}


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    name = str(path)
    root, style_roots = _read(path, name)
    config = _notes_configuration(style_roots)
    raised_styles = _superscript_styles(root)
    labels = _list_labels(root, style_roots)
    # Text a tracked change deleted is kept at the top of the text (text:tracked-changes/…/text:deletion):
    # not the document's text, and a note deleted with it is no note.
    deleted = {d for tc in root.iter(f"{T}tracked-changes") for d in tc.iter()}
    chapter = 0
    sections: dict[tuple[str, str], int] = {}
    body = root.find(f"{OFFICE}body")
    paragraphs: list[Paragraph] = []
    notes: dict[tuple[str, str], list[Paragraph]] = {}
    order: list[tuple[str, str]] = []
    custom: set[tuple[str, str]] = set()
    in_bib = False
    for p in (body if body is not None else root).iter(f"{T}p", f"{T}h"):
        if p in deleted or any(a.tag == f"{T}note-body" for a in p.iterancestors()):
            continue
        if p.tag == f"{T}h" and p.get(f"{T}outline-level", "1") == "1":
            chapter += 1
        para = Paragraph("", in_bib, heading=p.tag == f"{T}h")
        for el in p.iter():
            if el.tag in _MARKS:
                mark = el.get(f"{T}name", "")
                if is_citation(mark):
                    para.cited += cited_items(mark, rendered=_marked_text(p, mark) if el.tag == f"{T}reference-mark-start" else "")
                elif is_bibliography(mark):
                    in_bib = para.in_bibliography = el.tag != f"{T}bookmark"
            elif el.tag in (f"{T}reference-mark-end", f"{T}bookmark-end") and is_bibliography(el.get(f"{T}name", "")):
                in_bib = False
            elif el.tag == f"{T}note":
                kind = el.get(f"{T}note-class", "footnote")
                key = (kind if kind in ("footnote", "endnote") else "footnote", el.get(f"{T}id", str(len(order))))
                order.append(key)
                if config.get(key[0], (1, False))[1]:
                    sections[key] = chapter
                citation = el.find(f"{T}note-citation")
                if citation is not None and citation.get(f"{T}label"):
                    custom.add(key)  # a custom mark ("*"): LibreOffice numbers the others without it
                nbody = el.find(f"{T}note-body")
                qs = list(nbody.iter(f"{T}p")) if nbody is not None else []
                notes[key] = [_paragraph(q) for q in qs]
                if qs and citation is not None:
                    printed = "".join(citation.itertext()).strip()
                    notes[key][0].text = _without_typed_number(notes[key][0].text, _own_text(qs[0], tabs=True), printed)
        para.text = keep_breaks(_own_text(p))
        para.label = labels.get(p, "")
        if raised_styles:
            para.raised = keep_breaks(_own_text(p, raised_styles))
        paragraphs.append(para)
    start = {kind: first for kind, (first, _) in config.items()}
    blocks = note_and_list_blocks(paragraphs, notes, order, "odt", custom, start, sections)
    typed = None if any(b.kind == "footnote" for b in blocks) else typed_notes(paragraphs, name, "odt")
    return typed or compose(blocks, name, "odt")


def _read(path: Path, name: str) -> tuple[etree._Element, list[etree._Element]]:
    """The document's content and the roots its styles are in: ``content.xml`` and ``styles.xml`` of an
    .odt, or the one XML of a flat .fodt (LibreOffice's "Flat XML ODF", kept in version control)."""
    if not zipfile.is_zipfile(path):
        root = parse_xml(path.read_bytes(), name)
        return root, [root]
    try:
        with zipfile.ZipFile(path) as z:
            if "content.xml" not in z.namelist():
                raise BrokenDocumentError("a zip file, but not an OpenDocument text (no content.xml)", file=name)
            if z.getinfo("content.xml").file_size > MAX_PART:
                raise BrokenDocumentError("content.xml is too large; refused", file=name)
            data = z.read("content.xml")
            styles = z.read("styles.xml") if "styles.xml" in z.namelist() and z.getinfo("styles.xml").file_size <= MAX_PART else b""
    except zipfile.BadZipFile:
        raise BrokenDocumentError("not a valid .odt (a damaged or truncated zip file)", file=name) from None
    root = parse_xml(data, name, "content.xml")
    return root, ([root, parse_xml(styles, name, "styles.xml")] if styles else [root])


def _list_labels(root: etree._Element, style_roots: list[etree._Element]) -> dict[etree._Element, str]:
    """The number each numbered list item's first paragraph shows ("3."), which ODF keeps in the list's
    style, not in the text (endnotes typed as a numbered list under "Notes"; see ``docx.ListNumbering``).

    Only lists whose first level is numbered with Arabic digits (``style:num-format="1"``); a list
    counts from its level's ``text:start-value``, an item's own ``text:start-value`` sets it, and
    ``text:continue-numbering="true"`` (or ``text:continue-list``) goes on from the list before.
    """
    decimal: dict[str, int] = {}  # list style -> first number of level 1
    for r in style_roots:
        for st in r.iter(f"{T}list-style"):
            level = next((el for el in st if el.tag == f"{T}list-level-style-number"
                          and el.get(f"{T}level", "1") == "1"), None)
            if level is not None and level.get(f"{STYLE}num-format") == "1":
                try:
                    decimal[st.get(f"{STYLE}name", "")] = int(level.get(f"{T}start-value", "1"))
                except ValueError:
                    decimal[st.get(f"{STYLE}name", "")] = 1
    out: dict[etree._Element, str] = {}
    if not decimal:
        return out
    last: dict[str, int] = {}  # list style -> the last number it showed
    for lst in root.iter(f"{T}list"):
        if any(a.tag == f"{T}list" for a in lst.iterancestors()):
            continue  # a nested level: not counted here
        style = lst.get(f"{T}style-name", "")
        if style not in decimal:
            continue
        go_on = lst.get(f"{T}continue-numbering") == "true" or lst.get(f"{T}continue-list")
        n = last.get(style, decimal[style] - 1) if go_on else decimal[style] - 1
        for item in lst:
            if item.tag != f"{T}list-item":
                continue
            if (value := item.get(f"{T}start-value") or "").isdigit():
                n = int(value) - 1
            n += 1
            first = next(item.iter(f"{T}p", f"{T}h"), None)
            if first is not None:
                out[first] = f"{n}."
        last[style] = n
    return out


def _notes_configuration(roots: list[etree._Element]) -> dict[str, tuple[int, bool]]:
    """Each note class's first number and whether it starts again in every chapter, from
    ``text:notes-configuration`` (``styles.xml``; an automatic one in ``content.xml`` wins).

    LibreOffice writes the first number less one: ``text:start-value="0"`` in every real .odt here
    whose notes print from 1 (dev6_12, dev7_5, dev7_6), and "Start at 45" is ``44``.
    ``text:start-numbering-at="chapter"`` numbers the notes afresh after every top-level heading;
    ``"page"`` cannot be told without the layout and is read as the document."""
    out: dict[str, tuple[int, bool]] = {}
    for root in reversed(roots):
        for el in root.iter(f"{T}notes-configuration"):
            kind = el.get(f"{T}note-class", "footnote")
            if kind not in ("footnote", "endnote"):
                continue
            try:
                first = int(el.get(f"{T}start-value", "0")) + 1
            except ValueError:
                first = 1
            out[kind] = (max(first, 1), el.get(f"{T}start-numbering-at") == "chapter")
    return out


def _without_typed_number(text: str, with_tabs: str, printed: str) -> str:
    """A note's text without the number typed again at its start — the note's own printed number followed
    by a stop or a tab ("3.\tSmith …", "3) Smith …"); a number followed by a space is the note's text:
    "1 Kor. 12,7" in note 1 is the first letter to the Corinthians (ho4_3 lost its book number)."""
    from citekeeper.extract.cues import BIBLE_PLACE

    typed = re.match(r"\s*(\d{1,4})(?:[.)]\s+|[.)]?\t\s*)(?=\S)", with_tabs)
    if typed is None or typed.group(1) != printed or BIBLE_PLACE.match(text.lstrip()):
        return text  # "1. Mose 6,3" in note 1 is a book of the Bible
    return re.sub(r"^\s*\d{1,4}[.)]?\s*", "", text, count=1)


def _own_text(p, raised: frozenset[str] = frozenset(), tabs: bool = False,  # type: ignore[no-untyped-def]
              links: bool = False) -> str:
    """A paragraph's text without the notes inside it; with ``raised`` (the names of superscript text
    styles), the digits of a span in one of them as superscript digits — a note call typed by hand;
    with ``tabs``, a tab as a tab; with ``links``, a link showing words of its own followed by its URL."""
    out = [p.text or ""]
    for child in p:
        if child.tag == f"{T}note":
            out.append(child.tail or "")
            continue
        if child.tag == f"{T}tab" and tabs:
            out.append("\t")
        elif child.tag in (f"{T}s", f"{T}tab"):
            out.append(" ")
        elif child.tag == f"{T}line-break":
            out.append("\n")
        else:
            inner = _own_text(child, raised, tabs, links)
            if raised and child.get(f"{T}style-name") in raised and inner.strip().isdigit():
                inner = inner.translate(_RAISE)
            out.append(inner)
            url = (child.get(_HREF) or "") if links and child.tag == f"{T}a" else ""
            if re.match(r"(?:https?|ftp)://", url) and shows_other_than(inner.strip(), url):
                out.append(f" ({url})")
        out.append(child.tail or "")
    return "".join(out)


_RAISE = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_HREF = "{http://www.w3.org/1999/xlink}href"


def _superscript_styles(root) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """Text styles that raise their text (``style:text-position="super …"`` or a positive percentage)."""
    out = set()
    for st in root.iter(f"{STYLE}style"):
        props = st.find(f"{STYLE}text-properties")
        position = (props.get(f"{STYLE}text-position") or "") if props is not None else ""
        if position.startswith("super") or re.match(r"^\d{1,3}%", position):
            out.add(st.get(f"{STYLE}name", ""))
    return frozenset(out)


def _paragraph(q) -> Paragraph:  # type: ignore[no-untyped-def]
    para = Paragraph(" ".join(_own_text(q, links=True).split()))  # a note's lines run on
    for el in q.iter(*_MARKS):
        mark = el.get(f"{T}name", "")
        if is_citation(mark):
            para.cited += cited_items(mark, rendered=_marked_text(q, mark) if el.tag == f"{T}reference-mark-start" else "")
    if para.cited:
        para.typed = _outside_marks(q)
    return para


def _outside_marks(q) -> str:  # type: ignore[no-untyped-def]
    """The text of a note's paragraph outside its citation marks, ``FIELD_MARK`` where each stood: what
    was typed beside Zotero's citations (as ``docx`` keeps it beside Word's fields)."""
    out: list[str] = []
    open_marks: set[str] = set()

    def add(text: str | None) -> None:
        if text and not open_marks:
            out.append(text)

    def walk(el) -> None:  # type: ignore[no-untyped-def]
        for child in el:
            name = child.get(f"{T}name", "")
            if child.tag == f"{T}reference-mark-start" and is_citation(name):
                open_marks.add(name)
                out.append(FIELD_MARK)
            elif child.tag == f"{T}reference-mark-end":
                open_marks.discard(name)
            elif child.tag in (f"{T}s", f"{T}tab", f"{T}line-break"):
                add(" ")
            elif child.tag != f"{T}note":
                add(child.text)
                walk(child)
            add(child.tail)

    add(q.text)
    walk(q)
    return "".join(out)


def _marked_text(q, name: str) -> str:  # type: ignore[no-untyped-def]
    """The text Zotero printed between ``reference-mark-start`` and ``-end`` named ``name``: the
    citation as the reader sees it, kept as each record's ``raw`` (Word's field result is kept the
    same way); it was empty, so a note made by Zotero showed no text of its own (dev7_6 note 4)."""
    out: list[str] = []
    inside = False

    def walk(el) -> None:  # type: ignore[no-untyped-def]
        nonlocal inside
        if el.tag == f"{T}reference-mark-start" and el.get(f"{T}name") == name:
            inside = True
        elif el.tag == f"{T}reference-mark-end" and el.get(f"{T}name") == name:
            inside = False
        elif el.tag == f"{T}note":
            pass
        else:
            if inside and el.tag in (f"{T}s", f"{T}tab", f"{T}line-break"):
                out.append(" ")
            if inside and el.text:
                out.append(el.text)
            for child in el:
                walk(child)
                if inside and child.tail:
                    out.append(child.tail)
            return
        # a mark or a note: only its tail is text, read by the parent

    walk(q)
    return " ".join("".join(out).split())

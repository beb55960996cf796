"""HTML article pages: reference lists, footnote sections, Wikipedia ``cite_note`` lists.

* Footnotes: the items of a footnote section — ``role="doc-endnotes"``/``doc-footnotes``
  (EPUB/ARIA, pandoc), ``<aside epub:type="footnote">``, a class naming footnotes/endnotes —
  and Wikipedia's numbered notes (``<li id="cite_note-…">``); a section without list items
  gives its paragraphs (an EPUB's ``<div class="footnotes"><p>154. …``).  Then every note a
  call in the text links to (``<sup><a href="#fn3">``, Word's ``<a href="#_ftn1">`` to
  ``<a name="_ftn1">``, Google Docs' ``#ftnt1``): the target's paragraph or item, unless it
  lies in the reference list (a numbered citation's link).  With neither, the paragraphs
  under a "Notes"/"Anmerkungen"/"Примечания" heading that open with a number.  A note's
  printed number ("154.", "[1]", a ``<sup>``) is its number; back-links (``↩``, ``^``) go.
* The reference list: ``role="doc-bibliography"`` or a heading that reads References /
  Bibliography …; its entries are the list items after it (``<ol>``/``<ul>``), else
  its paragraphs, up to the next heading of the same or a higher level.
* Scripts, styles and comments are ignored; entities are decoded by the parser.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from citekeeper.errors import MalformedInputError
from citekeeper.extract.documents.errors import UnsafeXMLError
from citekeeper.extract.documents.layout import Block, DocumentExtraction, compose, notes_as_text
from citekeeper.extract.segment import REFERENCE_HEADINGS
from citekeeper.model import Origin

_HEADING = re.compile(r"^h([1-6])$")
_NOTES_CLASS = re.compile(r"\b(?:foot|end)notes?\b|\bfn-group\b|\bnotes\b", re.I)
_REFS_CLASS = re.compile(r"\b(?:references?|bibliography|ref-list|reflist|c-article-references|ltx_bibliography)\b", re.I)
# LaTeXML (arXiv's HTML, ar5iv) sets each note where it is called, ``<span class="ltx_note ltx_role_footnote">``,
# its text in ``ltx_note_content`` after the raised mark again (``ltx_note_mark``, dropped) and its number
# (``ltx_tag_note``): a page of them gave "no footnotes found".
_LATEXML_NOTE = re.compile(r"\bltx_role_(?:foot|end)note\b")
_LATEXML_MARK = re.compile(r"\bltx_note_mark\b|\bltx_tag_note\b")
_BACKLINK_CLASS = re.compile(r"footnote-back|mw-cite-backlink|backlink|fn-back", re.I)
_BACKLINK_TEXT = re.compile(r"^\s*(?:[↩↑^]\uFE0E?|\^?\s*[a-z](?:\s+[a-z])*)\s*$")


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def read_tree(path: Path, data: bytes | None = None) -> etree._Element:
    """The page parsed (scripts, styles and comments dropped); ``data`` when it is not in a file of its own."""
    data = path.read_bytes() if data is None else data
    if re.search(rb"<!ENTITY", data[:65536], re.I):
        raise UnsafeXMLError("the HTML declares entities (a possible entity-expansion bomb); refused",
                             file=str(path))
    try:
        root = lxml_html.document_fromstring(data, parser=_parser(data))
    except (etree.ParserError, ValueError) as exc:
        raise MalformedInputError(f"cannot parse the HTML: {exc}", file=str(path)) from None
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for el in root.iter(etree.Comment):
        el.drop_tree()
    return root


_DECLARED = re.compile(rb"<meta[^>]{0,200}charset|<\?xml[^>]{0,100}encoding|^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)", re.I)
_UTF8_PARSER = lxml_html.HTMLParser(encoding="utf-8")


def _parser(data: bytes) -> lxml_html.HTMLParser | None:
    """UTF-8 for a page that names no encoding but is valid UTF-8 (pandoc's HTML body saved as
    ``.md``, a fragment, a page saved without its headers): libxml2 reads such a page as Latin-1,
    so every umlaut came out as two letters ("BroschÃ¼re") and no note matched (dev7_6 1/4).
    A page that declares its charset, or is not UTF-8, is left to the parser's own rules."""
    if _DECLARED.search(data[:4096]):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return _UTF8_PARSER


# Link buttons publishers append to each entry (Springer, Wiley, PLOS, ScienceDirect ...).
_LINK_LABELS = re.compile(
    r"^(?:google scholar|crossref|pubmed(?: central)?|pmc|article|cas|mathscinet|ads|scopus|"
    r"web of science|isi|full text|view article|reference link|open url|openurl|"
    r"find this author on google scholar|download references?|view in scopus)$", re.I)
_LINKS_CLASS = re.compile(r"references?__links|ref-links|citation-links|external-ref|c-article-references__links", re.I)


def _clean_item(li: etree._Element) -> str:
    """An item's text without its back-links and the publisher's link buttons."""
    copy = lxml_html.fromstring(etree.tostring(li))
    for el in list(copy.iter()):
        if isinstance(el.tag, str) and el is not copy and _LINKS_CLASS.search(el.get("class") or ""):
            el.drop_tree()
    for a in list(copy.iter("a", "span", "sup")):
        cls = a.get("class") or ""
        if "ltx_" in cls:
            if _LATEXML_MARK.search(cls):
                a.drop_tree()
                continue
            if "ltx_tag" in cls.split():
                a.tail = " " + (a.tail or "")  # "[1]" then the entry's first word
        text = _text(a)
        if (_BACKLINK_CLASS.search(cls) or (a.tag == "a" and _BACKLINK_TEXT.match(text or "x"))
                or (a.tag == "a" and _LINK_LABELS.match(text))):
            a.drop_tree()
    text = _text(copy)
    return re.sub(r"\s*↩\uFE0E?\s*$", "", text).strip()


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    return extract_tree(read_tree(path), str(path))


def extract_tree(root: etree._Element, name: str, kind: str = "html") -> DocumentExtraction:
    """The notes and reference list of a parsed page (``read_tree``), or of several laid end to end
    (an EPUB's spine: ``epub``)."""
    tree = root.getroottree()
    blocks: list[Block] = []
    used: set[etree._Element] = set()

    def where(el: etree._Element) -> str:
        return f"#{el.get('id')}" if el.get("id") else tree.getpath(el)

    # Footnotes: sections that say so, and Wikipedia's cite_note items.
    containers = [el for el in root.iter() if isinstance(el.tag, str) and (
        el.get("role") == "doc-bibliography"
        or (_REFS_CLASS.search(el.get("class") or "") and el.tag in ("section", "div", "ol", "ul")))]
    in_references = {d for c in [*containers, *_after_heading(root)] for d in c.iter()}  # (elements kept alive)
    note_items: list[etree._Element] = []
    starts: set[etree._Element] = set()  # the first note of each notes section, list or heading
    printed: dict[etree._Element, int] = {}  # a note's number printed apart from its text (LaTeXML's tag)
    within: set[etree._Element] = set()  # the elements inside the notes found so far
    seen = 0
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if len(note_items) != seen:
            within.update(d for li in note_items[seen:] for d in li.iterdescendants())
            seen = len(note_items)
        if el in within:
            continue  # inside a note found already: InDesign's <aside class="_idFootnote"><p class="Footnote">
        role = el.get("role") or ""
        cls = el.get("class") or ""
        epub = el.get("epub:type") or ""  # EPUB 3 / XHTML books: <aside epub:type="footnote">
        if role in ("doc-footnote", "doc-endnote"):
            # DPUB-ARIA's roles mark one note on any element (<aside role="doc-footnote">, <div role="doc-endnote">);
            # its paragraphs are the note, as in a notes section, unless they were found with one.
            note_items += [u for u in _note_units(el) if u not in note_items]
            continue
        if el.tag == "aside" and re.search(r"\b(?:foot|end|rear)note\b", epub) and el not in note_items:
            note_items.append(el)
            continue
        if el.tag == "span" and "ltx_" in cls and _LATEXML_NOTE.search(cls):
            content = next((d for d in el.iterdescendants() if "ltx_note_content" in (d.get("class") or "").split()), el)
            tag = next((_text(d) for d in content.iterdescendants() if "ltx_tag_note" in (d.get("class") or "").split()), "")
            if tag.isdigit():
                printed[content] = int(tag)
                if tag == "1":
                    starts.add(content)  # a chapter's notes numbered from 1 again
            note_items.append(content)
            continue
        if el.tag in ("span", "small") and any(_INLINE_NOTE_CLASS.search(c) for c in cls.split()) and (
                len(_text(el)) > 3 and not _CALL_TEXT.match(_text(el))):
            note_items.append(el)  # a note set in the running text: Tufte's sidenotes, print CSS's <span class="footnote">
            continue
        if el.tag == "p" and any(_NOTE_PARAGRAPH_CLASS.match(c) for c in cls.split()) and el not in note_items:
            note_items.append(el)  # <p class="footnote">1. Smith, …</p>: one note a paragraph
            continue
        if role in ("doc-endnotes", "doc-footnotes") or re.search(r"\b(?:foot|end|rear)notes\b", epub) or (
                _NOTES_CLASS.search(cls) and el.tag in ("section", "div", "ol", "aside")):
            units = [li for li in _note_units(el) if li not in note_items]
            starts.update(units[:1])
            note_items += units
    note_items += [li for li in root.iter("li") if (li.get("id") or "").startswith("cite_note") and li not in note_items]
    note_items = _with_linked_notes(root, note_items, in_references)
    starts.update(n for n in note_items if n not in starts and any(d in starts for d in n.iterdescendants()))
    if not note_items:
        note_items = _after_notes_heading(root, starts) or _after_heading(root, notes=True)
    called = _call_numbers(root, note_items)
    # A list of its own starts a group too (each chapter's <ol> of endnotes, linked from its text).
    starts.update(li for k, li in enumerate(note_items) if li.tag == "li" and (
        k == 0 or note_items[k - 1].getparent() is not li.getparent()))
    # … and so does a note paragraph in a footer of its own that prints or is called as 1: laws print
    # each article's notes under it, numbered from (1) again (<div class="article-footer"><p
    # class="footnote"><sup>(1)</sup> …, Lexparency's EU acts: dev8_5 1/19 before).  Only a printed 1:
    # Word's pages hold every note in a <div> of its own.
    renumbered = {li for k, li in enumerate(note_items) if li.tag != "li" and k
                  and note_items[k - 1].getparent() is not li.getparent()}
    last = 0
    calls: set[str] | None = None  # what back-links may point at, gathered for the first note that needs it
    for n, li in enumerate(note_items, 1):
        used.add(li)
        text = _clean_item(li)
        number, rest = (printed[li], text) if li in printed else _numbered(text)
        if number is None:
            calls = _call_anchors(root) if calls is None else calls
            if (label := _label(li, calls)) is not None:
                number, rest = label
        if last and ((li in starts and (number if number is not None else called.get(li, 1)) == 1)
                     or (li in renumbered and (number if number is not None else called.get(li)) == 1)):
            last = 0  # the notes of the next chapter, numbered from 1 again
            n = 1
        # The printed number is the note's when it goes on from the last one (or opens the notes):
        # "154. Paul Starr, …"; not "216 F.3d 871 (9th Cir. 2000).", nor a year a note opens with.
        if number is not None and ((last and last < number <= last + 3) or (not last and number < 1000)):
            last, text = number, rest
        elif (shown := called.get(li)) is not None and ((last and last < shown <= last + 3) or not last):
            last = shown  # the number its call prints ("<sup>154</sup>"), or its list's (<ol start="154">)
            # … printed in front of the note too, as its back-link ("<a href="ch1.xhtml#r2">2</a> Ibid., 47."):
            text = re.sub(rf"^\s*{shown}\s+(?=\S)", "", text, count=1)
        else:
            last = last + 1 if last else n
        if text:
            blocks.append(Block("footnote", text, last, element=where(li), raw=text, line_start=li.sourceline,
                                line_end=li.sourceline))
    # The reference list.
    entries: list[etree._Element] = []
    for c in containers:
        items = [li for li in c.iter("li") if li not in used]
        entries += [li for li in items if li not in entries]
    if not entries:
        entries = _after_heading(root)
    for el in entries:
        if el in used:
            continue
        used.add(el)
        text = _clean_item(el)
        if text and not REFERENCE_HEADINGS.match(text):
            blocks.append(Block("reference", text, element=where(el), raw=text, line_start=el.sourceline,
                                line_end=el.sourceline))
    if not any(b.kind == "footnote" for b in blocks):
        typed = _typed_notes(root, name, kind, where)
        if typed is not None:
            return typed
    return compose(blocks, name, kind)


_BLOCK_TAGS = {"p", "li", "dd", "dt", "blockquote", "pre", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div"}
_RAISE = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_RAISED_CALL = re.compile(r"[^\W\d_][.,;:!?)\"”’]?[¹²³⁴⁵⁶⁷⁸⁹]")
_BRACKET_CALL = re.compile(r"(?<=\S)\s?\[\^?(\d{1,4})\]")
_BRACKET_START = re.compile(r"^\[\^?(\d{1,4})\]:?\s")


def _typed_notes(root: etree._Element, name: str, kind: str, where) -> DocumentExtraction | None:  # type: ignore[no-untyped-def]
    """Notes a page holds as text — ``<sup>1</sup>`` calls and "1. …" paragraphs after a rule or under
    "Notes", or ``[16]`` calls and ``[16] …`` paragraphs — read by the plain-text rules on one line per
    block, each origin naming its element; None when they find none.

    Pages written by hand or converted from a word processor often print notes without links or
    classes; only with a sign of notes (two raised calls, a Notes heading, or two bracketed numbers each
    called in the text and opening a paragraph), so a numbered list in the body is never taken for notes.
    """
    from citekeeper.extract.segment import NOTES_HEADINGS

    body = root.find("body")
    leaves = [el for el in (body if body is not None else root).iter()
              if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS
              and not any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants())]
    texts = [" ".join(_raised_text(el).split()) for el in leaves]
    calls = sum(len(_RAISED_CALL.findall(t)) for t in texts)
    opened = {int(m.group(1)) for t in texts if (m := _BRACKET_START.match(t))}
    called = {int(n) for t in texts if not _BRACKET_START.match(t) for n in _BRACKET_CALL.findall(t)}
    headed = any(len(t) < 60 and NOTES_HEADINGS.match(t) for t in texts)
    if calls < 2 and not headed and len(opened & called) < 2:
        return None
    lines: list[str] = []
    owner: list[etree._Element] = []
    for el, t in zip(leaves, texts, strict=True):
        if t:
            lines += [t, ""]
            owner += [el, el]

    def relocate(o: Origin) -> Origin:
        el = owner[(o.line_start or 1) - 1]
        return dataclasses.replace(o, element=where(el), line_start=el.sourceline, line_end=el.sourceline)

    return notes_as_text(lines, name, kind, relocate)


def _raised_text(el: etree._Element) -> str:
    """An element's text, digits inside ``<sup>`` as superscript digits (a note call)."""
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            inner = _raised_text(child)
            out.append(inner.translate(_RAISE) if child.tag == "sup" and inner.strip().isdigit() else inner)
        out.append(child.tail or "")
    text = "".join(out)
    return text.translate(_RAISE) if el.tag == "sup" and text.strip().isdigit() else text


# (a table is docutils' note before 0.18: <table class="docutils footnote" id="id5"><tr><td class="label">…;
# a row, a notes table's note: <tr id="n1"><td>1.</td><td>text</td></tr>)
_BLOCKS = ("li", "p", "div", "aside", "dd", "td", "tr", "section", "table")
# A paragraph classed as one note ("footnote", "endnote-text", "fn"), not a call or a link list.
# A note in the running text, numbered by a style sheet's counter: Tufte CSS and R's tufte/bookdown
# ``<span class="sidenote">``, Prince and Paged.js ``<span class="footnote">`` (floated to the page foot
# when printed), WordPress' Modern Footnotes ``<span class="modern-footnotes-footnote__note">``.  Not a
# call that bears such a class: a span showing only its number is no note.
_INLINE_NOTE_CLASS = re.compile(r"^(?:side|foot|end)note$|^[\w-]*footnotes?__note$", re.I)
_NOTE_PARAGRAPH_CLASS = re.compile(r"^(?:foot|end)notes?(?:[-_]?(?:text|content|item|para|paragraph))?$|^fn$", re.I)


def _note_units(container: etree._Element) -> list[etree._Element]:
    """A notes section's notes: its list items, else its paragraphs (or the blocks of its own
    that hold no paragraph), else the section itself."""
    items = list(container.iter("li"))
    if items:
        return items
    paras = [p for p in container.iter("p") if not any(a.tag == "p" for a in p.iterancestors())]
    if paras:
        return paras
    blocks = [d for d in container if isinstance(d.tag, str) and d.tag in ("div", "aside") and _text(d)]
    return blocks or [container]


# A note call: a link from the text to a note ("#fn3", "#_ftn1", "#ftnt1", "#note154"), shown as a
# number, a bracketed number or a symbol, in or around a <sup>, or marked by its class or epub:type.
_CALL_TEXT = re.compile(r"^\s*[\[(]?\s*(?:\d{1,4}|[*†‡§¶]{1,3}|[ivxlc]{1,6})\s*[\])]?\s*$", re.I)
_CALL_CLASS = re.compile(r"footnote-?ref|noteref|fnref|ftnref|endnote-?ref|\bfn\b|note-?call|fn-?anchor", re.I)
# (Word's "Save as HTML" links endnotes as "#_edn1", footnotes as "#_ftn1".)
_NOTE_TARGET = re.compile(r"^#(?:[\w.-]*[_.-])?(?:foot|end)?notes?[_.-]?\d|^#_?(?:fn|ftn|edn)[_.-]?\d", re.I)


def _is_call(a: etree._Element) -> bool:
    href = a.get("href") or ""
    if not href.startswith("#") or len(href) < 2:
        return False
    if ("noteref" in (a.get("epub:type") or "") or a.get("role") == "doc-noteref" or _CALL_CLASS.search(a.get("class") or "")
            or re.search(r"mso-(?:foot|end)note-id", a.get("style") or "")):
        return True
    raised = (a.getparent() is not None and a.getparent().tag == "sup") or a.find(".//sup") is not None
    # … or not raised but pointing at a target named as a note: Project Gutenberg's "[1]" linking to
    # "#Footnote_1_1" (class "fnanchor", raised only by its stylesheet), "#note-3", "#fn12".
    return (raised or bool(_NOTE_TARGET.search(href))) and bool(_CALL_TEXT.match(_text(a)))


# The id of a reference-list entry a numbered citation links to ("ref-CR1", "bib12", "CR3", "pone.0001.ref004").
_REFERENCE_ID = re.compile(r"(?:^|[._:-])(?:ref|bib|bibr|cr|reference)s?(?:[._:-]|\d)", re.I)


def _with_linked_notes(root: etree._Element, notes: list[etree._Element],
                       in_references: set[etree._Element]) -> list[etree._Element]:
    """``notes`` plus the notes that calls in the text link to, in the order they are called.

    The target is found by ``id`` or by a named anchor (Word's ``<a name="_ftn1">``); the note is
    its enclosing item or paragraph.  A target inside a note already found, inside the reference
    list, or that is itself a call (a back-link's target) adds nothing.
    """
    ids: dict[str, etree._Element] = {}
    for el in root.iter():
        if isinstance(el.tag, str):
            for key in (el.get("id"), el.get("name") if el.tag == "a" else None):
                if key and key not in ids:
                    ids[key] = el
    inside = {d for n in notes for d in n.iter()}
    holders = {a for n in notes for a in n.iterancestors()}  # a note's own division, found already
    out = list(notes)
    place: dict[etree._Element, int] | None = None  # each note's index in ``out``, made when first needed
    for a in root.iter("a"):
        if a in inside or not _is_call(a):
            continue
        name = (a.get("href") or "")[1:]
        target = ids.get(name)
        if target is None or _REFERENCE_ID.search(name) or target in in_references or target in inside or target in holders:
            continue
        block = target
        while block is not None and block.tag not in _BLOCKS:
            block = block.getparent()
        if block is not None and block.tag == "td" and (row := block.getparent()) is not None and row.tag == "tr" and (
                re.fullmatch(r"\s*[\[(]?\d{1,4}[.)\]]?\s*", _text(block))):
            block = row  # a notes table's number cell (<tr><td><a name="n1">1</a></td><td>text</td>): the row
        if block is None or block.tag in ("body", "html") or block in in_references or block in inside:
            continue
        if any(d is a for d in block.iter()):
            continue  # the call's own paragraph: the link points back into the text
        if block in holders:
            # The call names the division that holds one note found already, its number outside the
            # note's paragraph (Substack's <div class="footnote"><a id="footnote-1">1</a><div
            # class="footnote-content"><p>…): the division is the note, so its number is read.
            place = {n: k for k, n in enumerate(out)} if place is None else place
            held = [place[d] for d in block.iterdescendants() if d in place]
            if len(held) == 1:
                inside |= set(block.iter())
                del place[out[held[0]]]
                out[held[0]] = block
                place[block] = held[0]
            continue
        out.append(block)
        if place is not None:
            place[block] = len(out) - 1
        inside |= set(block.iter())
        holders |= set(block.iterancestors())
    return out


def _call_numbers(root: etree._Element, notes: list[etree._Element]) -> dict[etree._Element, int]:
    """The number each note is shown with when its own text does not print one: the digits of
    the first call linking into it, else its place in an ``<ol start=…>``."""
    out: dict[etree._Element, int] = {}
    owner = {d: n for n in notes for d in n.iter()}
    ids = {el.get("id") or el.get("name"): el for el in root.iter()
           if isinstance(el.tag, str) and (el.get("id") or (el.tag == "a" and el.get("name")))}
    for a in root.iter("a"):
        if a in owner or not _is_call(a):
            continue
        note = owner.get(ids.get((a.get("href") or "")[1:]))
        # One number shown ("12", "[12]", "n. 12"); a label of several ("1-2c", chapter 1's note 2c in
        # Standard Ebooks' Gibbon) is no number: its digits run together made note 12 of note 2.
        digits = re.fullmatch(r"\D*?(\d{1,4})\D*", _text(a))
        if note is not None and note not in out and digits:
            out[note] = int(digits.group(1))
    for note in notes:
        parent = note.getparent()
        if note not in out and note.tag == "li" and parent is not None and parent.tag == "ol" and (
                (start := parent.get("start") or "").isdigit()):
            out[note] = int(start) + [c for c in parent if c.tag == "li"].index(note)
    return out


def _after_notes_heading(root: etree._Element, starts: set[etree._Element]) -> list[etree._Element]:
    """Paragraphs or items opening with a number under every Notes heading, each to the next heading.

    A book's chapters each end with their own "Notes", numbered from 1 again: every section is
    read (the first of each goes into ``starts``), not only the last one.
    """
    from citekeeper.extract.segment import NOTES_HEADINGS

    headings = [h for h in root.iter() if isinstance(h.tag, str) and (
        _HEADING.match(h.tag) or (h.tag == "p" and (h.find("b") is not None or h.find("strong") is not None)))
        and len(_text(h)) < 60 and NOTES_HEADINGS.match(_text(h))]
    out: list[etree._Element] = []
    for h in headings:
        section = [el for el in _under(root, h)
                   if el.tag in ("p", "li") and not any(a.tag in ("p", "li") for a in el.iterancestors())
                   and (el.tag == "li" or _numbered(_clean_item(el))[0] is not None) and el not in out]
        starts.update(section[:1])
        out += section
        for chapter in _chapters_in_notes(root, h):
            chapter = [el for el in chapter if el not in out]
            starts.update(chapter[:1])
            out += chapter
    return out


def _chapters_in_notes(root: etree._Element, h: etree._Element) -> list[list[etree._Element]]:
    """The notes of each chapter heading that follows the Notes heading ``h`` at its level.

    A book's (or report's) Notes page heads each chapter's notes with the chapter's own title and
    numbers them from 1 again ("NOTES" … "42. …" then "13 How to Do It? …" then "1.The Bush …": the
    9/11 Commission's notes page, dev8_8 2/25 before).  A section counts while it opens with note 1;
    the first that does not — or another Notes, reference-list or back-matter heading — ends them.
    One pass over the elements after ``h``.
    """
    from citekeeper.extract.segment import BACK_MATTER_HEADINGS, NOTES_HEADINGS

    level = int(h.tag[1]) if _HEADING.match(h.tag) else 7
    out: list[list[etree._Element]] = []
    current: list[etree._Element] | None = None
    opened = False  # the current chapter's first paragraph or item was seen (and was note 1)
    for el in _following(h):
        if not isinstance(el.tag, str):
            continue
        m = _HEADING.match(el.tag)
        if m and int(m.group(1)) <= level:
            title = _text(el)
            if NOTES_HEADINGS.match(title) or REFERENCE_HEADINGS.match(title) or BACK_MATTER_HEADINGS.match(title):
                break
            if current is not None and not opened:
                break  # the chapter before held no notes: the notes are over
            current, opened = [], False
            out.append(current)
            continue
        if current is None or el.tag not in ("p", "li") or any(a.tag in ("p", "li") for a in el.iterancestors()):
            continue
        number = _numbered(_clean_item(el))[0]
        if not opened:
            if number != 1:
                out.pop()
                break
            opened = True
        parent = el.getparent()
        if number is not None or (el.tag == "li" and parent is not None and parent.tag == "ol"):
            current.append(el)  # (not a bulleted list a note quotes: "4. … <ul><li>…</li></ul>")
    return [chapter for chapter in out if chapter]


def _following(h: etree._Element) -> Iterator[etree._Element]:
    """The elements after ``h`` in document order, not inside it: from ``h`` itself, not the page's
    start (read from the start for every Notes heading of a book, k chapters cost k passes)."""
    for anchor in (h, *h.iterancestors()):
        for sibling in anchor.itersiblings():
            yield sibling
            yield from sibling.iterdescendants()


def _under(root: etree._Element, h: etree._Element) -> list[etree._Element]:
    """The elements after heading ``h`` in document order, up to the next heading of its level or a
    higher one (a bold paragraph standing as a heading ranks below every ``<hN>``)."""
    level = int(h.tag[1]) if _HEADING.match(h.tag) else 7
    out: list[etree._Element] = []
    for el in _following(h):
        if not isinstance(el.tag, str):
            continue
        m = _HEADING.match(el.tag)
        if m and int(m.group(1)) <= level:
            break
        out.append(el)
    return out


# (a number glued to the note's first word, "1.The Bush …", "2.“TTIC …", as hand-made pages print it)
_NOTE_NUMBER = re.compile(r"^\s*(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.)](?=\s|[A-Z“\"‘(]))\s*(?=\S)")


# Word prints endnotes in lower-case Roman numerals by default: "[i]", "[iv]".
_ROMAN_MARK = re.compile(r"^\s*\[([ivxlc]{1,6})\]\s*(?=\S)")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _numbered(text: str) -> tuple[int | None, str]:
    """A note's printed number ("154.", "[1]", "(3)", Word's "[iv]") and its text without it."""
    m = _NOTE_NUMBER.match(text)
    if m:
        return int(next(g for g in m.groups() if g)), text[m.end():]
    m = _ROMAN_MARK.match(text)
    if m:
        return _roman(m.group(1)), text[m.end():]
    return None, text


def _roman(numeral: str) -> int:
    """The value of a lower-case Roman numeral of ``_ROMAN``'s letters ("iv" -> 4)."""
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if k + 1 < len(values) and v < values[k + 1] else v for k, v in enumerate(values))


def _call_anchors(root: etree._Element) -> set[str]:
    """The ids and names a back-link may point at: every call's own, and its ``<sup>``'s."""
    out: set[str] = set()
    for a in root.iter("a"):
        if _is_call(a):
            parent = a.getparent()
            for el in (a, parent if parent is not None and parent.tag == "sup" else None):
                if el is not None:
                    out.update(v for v in (el.get("id"), el.get("name")) if v)
    return out


def _label(note: etree._Element, calls: set[str]) -> tuple[int, str] | None:
    """The number a note prints as a link back to its call, and the note's text without it.

    Word processors and layout programs open a note with its number as a back-link, glued to the
    text or set off by a tab: LibreOffice's ``<a class="sdfootnotesym" href="#sdfootnote1anc">1</a>John
    Smith``, its endnotes' ``ii``, InDesign's ``<a class="_idFootnoteAnchor" …>1</a>\t…``, Substack's
    ``footnote-number``.  Only a link that opens the note (no text before it), shows a number, a Roman
    numeral or a symbol, and points back at a call (``calls``) — not at a page anchor or a reference entry.
    """
    el = next(note.iter("a"), None)
    if el is None:
        return None
    href = el.get("href") or ""
    shown = _text(el)
    if ("#" not in href or href.rsplit("#", 1)[1] not in calls or not _CALL_TEXT.match(shown)
            or not "".join(note.itertext()).lstrip().startswith(shown)):
        return None
    for x in el.iterancestors():
        if x is note:
            break
        if _BACKLINK_CLASS.search(x.get("class") or ""):
            return None  # (MediaWiki's "^ a b" back-links)
    digits = re.sub(r"\D", "", shown)
    roman = shown.strip(" []()").lower()
    if digits:
        number = int(digits)
    elif roman and set(roman) <= set(_ROMAN):
        number = _roman(roman)
    else:
        return None  # a symbol: the note keeps its place in the order
    text = _clean_item(note)
    rest = text[len(shown):] if text.startswith(shown) else text
    return number, rest.lstrip(" .\t")


def _after_heading(root: etree._Element, notes: bool = False) -> list[etree._Element]:
    """List items (else paragraphs) after the last reference heading, to the next heading — when
    they read as a list; with ``notes``, when they read as notes instead.

    "Notes and References", "Sources", "References and Notes" head endnotes as often as a list: the
    items are notes when the plain-text rule says so of them (``reflist.holds_notes``: numbered from
    1, with ``Ibid.``, signals or a work cited again), as it does for text and Markdown.
    """
    from citekeeper.extract.reflist import holds_notes

    found = _under_reference_heading(root)
    if not found:
        return []
    lines = []
    for k, el in enumerate(found, 1):
        number, rest = _numbered(_clean_item(el))
        lines.append(f"{number if number is not None else k}. {' '.join(rest.split())}")
    return found if holds_notes(lines, 0, len(lines)) == notes else []


def _under_reference_heading(root: etree._Element) -> list[etree._Element]:
    headings = [h for h in root.iter() if isinstance(h.tag, str) and _HEADING.match(h.tag)
                and REFERENCE_HEADINGS.match(_text(h))]
    if not headings:
        return []
    items: list[etree._Element] = []
    paras: list[etree._Element] = []
    for el in _under(root, headings[-1]):
        if el.tag == "li":
            items.append(el)
        elif el.tag == "p" or (el.tag == "div" and not el.findall(".//p") and not el.findall(".//li")
                               and _text(el)):
            paras.append(el)
    return items or paras

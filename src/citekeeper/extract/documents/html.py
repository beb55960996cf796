"""HTML article pages: reference lists, footnote sections, Wikipedia ``cite_note`` lists.

* Footnotes: the items of a footnote section — ``role="doc-endnotes"``/``doc-footnotes``
  (EPUB/ARIA, pandoc), a class naming footnotes/endnotes — and Wikipedia's numbered
  notes (``<li id="cite_note-…">``).  Back-links (``↩``, ``^``) are dropped.
* The reference list: ``role="doc-bibliography"`` or a heading that reads References /
  Bibliography …; its entries are the list items after it (``<ol>``/``<ul>``), else
  its paragraphs, up to the next heading of the same or a higher level.
* Scripts, styles and comments are ignored; entities are decoded by the parser.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from citekeeper.errors import MalformedInputError
from citekeeper.extract.documents.errors import UnsafeXMLError
from citekeeper.extract.documents.layout import Block, DocumentExtraction, compose
from citekeeper.extract.segment import REFERENCE_HEADINGS

_HEADING = re.compile(r"^h([1-6])$")
_NOTES_CLASS = re.compile(r"\b(?:foot|end)notes?\b|\bfn-group\b|\bnotes\b", re.I)
_REFS_CLASS = re.compile(r"\b(?:references?|bibliography|ref-list|reflist|c-article-references)\b", re.I)
_BACKLINK_CLASS = re.compile(r"footnote-back|mw-cite-backlink|backlink|fn-back", re.I)
_BACKLINK_TEXT = re.compile(r"^\s*(?:[↩↑^]\uFE0E?|\^?\s*[a-z](?:\s+[a-z])*)\s*$")


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def read_tree(path: Path) -> etree._Element:
    data = path.read_bytes()
    if re.search(rb"<!ENTITY", data[:65536], re.I):
        raise UnsafeXMLError("the HTML declares entities (a possible entity-expansion bomb); refused",
                             file=str(path))
    try:
        root = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise MalformedInputError(f"cannot parse the HTML: {exc}", file=str(path)) from None
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for el in root.iter(etree.Comment):
        el.drop_tree()
    return root


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
        text = _text(a)
        if (_BACKLINK_CLASS.search(cls) or (a.tag == "a" and _BACKLINK_TEXT.match(text or "x"))
                or (a.tag == "a" and _LINK_LABELS.match(text))):
            a.drop_tree()
    text = _text(copy)
    return re.sub(r"\s*↩\uFE0E?\s*$", "", text).strip()


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    root = read_tree(path)
    tree = root.getroottree()
    blocks: list[Block] = []
    used: set[etree._Element] = set()

    def where(el: etree._Element) -> str:
        return f"#{el.get('id')}" if el.get("id") else tree.getpath(el)

    # Footnotes: sections that say so, and Wikipedia's cite_note items.
    note_items: list[etree._Element] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        role = el.get("role") or ""
        cls = el.get("class") or ""
        epub = el.get("epub:type") or ""  # EPUB 3 / XHTML books: <aside epub:type="footnote">
        if el.tag == "aside" and re.search(r"\b(?:foot|end|rear)note\b", epub) and el not in note_items:
            note_items.append(el)
            continue
        if role in ("doc-endnotes", "doc-footnotes") or (_NOTES_CLASS.search(cls) and el.tag in ("section", "div", "ol", "aside")):
            note_items += [li for li in el.iter("li") if li not in note_items]
    note_items += [li for li in root.iter("li") if (li.get("id") or "").startswith("cite_note") and li not in note_items]
    for n, li in enumerate(note_items, 1):
        used.add(li)
        text = _clean_item(li)
        if text:
            blocks.append(Block("footnote", text, n, element=where(li), raw=text, line_start=li.sourceline,
                                line_end=li.sourceline))
    # The reference list.
    containers = [el for el in root.iter() if isinstance(el.tag, str) and (
        el.get("role") == "doc-bibliography"
        or (_REFS_CLASS.search(el.get("class") or "") and el.tag in ("section", "div", "ol", "ul")))]
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
    return compose(blocks, str(path), "html")


def _after_heading(root: etree._Element) -> list[etree._Element]:
    """List items (else paragraphs) after the last reference heading, to the next heading."""
    headings = [h for h in root.iter() if isinstance(h.tag, str) and _HEADING.match(h.tag)
                and REFERENCE_HEADINGS.match(_text(h))]
    if not headings:
        return []
    h = headings[-1]
    level = int(h.tag[1])
    items: list[etree._Element] = []
    paras: list[etree._Element] = []
    # Walk the elements after the heading in document order.
    started = False
    for el in root.iter():
        if el is h:
            started = True
            continue
        if not started or not isinstance(el.tag, str) or h in el.iterancestors():
            continue
        m = _HEADING.match(el.tag)
        if m and int(m.group(1)) <= level:
            break
        if el.tag == "li":
            items.append(el)
        elif el.tag == "p" or (el.tag == "div" and not el.findall(".//p") and not el.findall(".//li")
                               and _text(el)):
            paras.append(el)
    return items or paras

"""EPUB books (.epub): the spine's XHTML documents read as one page by the HTML rules.

An EPUB is a zip whose ``META-INF/container.xml`` names the package (``.opf``); its spine lists the
content documents in reading order.  Books keep their notes in a document of their own
(``notes.xhtml``) that the text links to across files (``href="notes.xhtml#n12"``), so the documents
are laid end to end in one tree — every ``id`` prefixed with its document's place and every link to
a document of the book rewritten to that prefix — and read by ``html.extract_tree``: note sections,
``epub:type="footnote"`` asides, linked notes and the reference list, as for one page.  Each
document's part is kept apart in a ``<div>`` of its own, so an origin's element path names it.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from citekeeper.extract.documents.docx import MAX_PART
from citekeeper.extract.documents.errors import BrokenDocumentError
from citekeeper.extract.documents.html import extract_tree, read_tree
from citekeeper.extract.documents.layout import DocumentExtraction
from citekeeper.extract.documents.xmlsafe import parse_xml

_CONTAINER = "META-INF/container.xml"
_XHTML = ("application/xhtml+xml", "text/html")
# The whole book unpacked: a zip bomb stops here (a long book's text is a few MB).
MAX_BOOK = 4 * MAX_PART


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    name = str(path)
    try:
        with zipfile.ZipFile(path) as z:
            documents = _spine(z, name)
            if sum(z.getinfo(d).file_size for d in documents) > MAX_BOOK:
                raise BrokenDocumentError("the book unpacks to too much text; refused", file=name)
            book = lxml_html.fromstring("<html><body></body></html>")
            body = book.find("body")
            index = {doc: k for k, doc in enumerate(documents)}
            for doc in documents:
                part = read_tree(path, z.read(doc))
                _relink(part, doc, index)
                holder = etree.SubElement(body, "div", {"data-document": doc})
                inner = part.find("body")
                for child in list(inner if inner is not None else part):
                    holder.append(child)
    except zipfile.BadZipFile:
        raise BrokenDocumentError("not a valid .epub (a damaged or truncated zip file)", file=name) from None
    return extract_tree(book, name, "epub")


def _spine(z: zipfile.ZipFile, name: str) -> list[str]:
    """The content documents in reading order (the spine; with no usable package, every XHTML file)."""
    names = set(z.namelist())
    opf = None
    if _CONTAINER in names:
        container = parse_xml(z.read(_CONTAINER), name, _CONTAINER)
        for el in container.iter():
            if isinstance(el.tag, str) and el.tag.endswith("rootfile") and el.get("full-path") in names:
                opf = el.get("full-path")
                break
    if opf is None:
        files = sorted(n for n in names if n.lower().endswith((".xhtml", ".html", ".htm")))
        if not files:
            raise BrokenDocumentError("a zip file, but not an EPUB (no package and no XHTML)", file=name)
        return files
    package = parse_xml(z.read(opf), name, opf)
    base = posixpath.dirname(opf)
    manifest = {}
    navigation = set()
    for el in package.iter():
        if isinstance(el.tag, str) and el.tag.endswith("}item") and (el.get("media-type") or "") in _XHTML:
            manifest[el.get("id")] = posixpath.normpath(posixpath.join(base, unquote(el.get("href") or "")))
            if "nav" in (el.get("properties") or "").split():
                navigation.add(manifest[el.get("id")])
    order = [manifest[el.get("idref")] for el in package.iter()
             if isinstance(el.tag, str) and el.tag.endswith("}itemref") and el.get("idref") in manifest]
    order = [d for d in dict.fromkeys(order) if d in names]
    if not order:
        return sorted(d for d in manifest.values() if d in names)
    # A book may keep its notes in a document the spine leaves out (pop-up footnotes shown only when a
    # call is followed): every content document of the manifest is read, those after the spine's; the
    # table of contents (``properties="nav"``) is no content.
    return order + [d for d in dict.fromkeys(manifest.values()) if d in names and d not in order and d not in navigation]


def _relink(part: etree._Element, doc: str, index: dict[str, int]) -> None:
    """Ids made unique across the book (``d3-n12``) and links to a document of the book pointed at them."""
    k = index[doc]
    for el in part.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("id", "name") if el.tag == "a" else ("id",):
            if el.get(attr):
                el.set(attr, f"d{k}-{el.get(attr)}")
        href = el.get("href")
        if not href or re.match(r"[a-z][a-z0-9+.-]*:", href, re.I):
            continue  # (a web address)
        target, _, fragment = href.partition("#")
        target_doc = posixpath.normpath(posixpath.join(posixpath.dirname(doc), unquote(target))) if target else doc
        if target_doc in index and fragment:
            el.set("href", f"#d{index[target_doc]}-{fragment}")

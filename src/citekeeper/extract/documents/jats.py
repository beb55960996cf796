"""JATS / NLM XML: ``<ref-list>`` entries from their tags, ``<fn>`` notes parsed as citations.

A tagged citation (``<element-citation>``, or ``<mixed-citation>`` with name/title/
source/year tags) is read field by field — the publisher already did the parsing, and
re-parsing the printed string would only lose it — with provenance ``("jats", 1.0)``
and the printed string as ``raw``.  A ``<mixed-citation>`` that is only text is parsed
like any reference-list entry.  ``publication-type`` gives the CSL type.  Notes in
``<fn-group>`` (not author notes, conflict or funding statements) are footnotes.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from citekeeper.errors import MalformedInputError
from citekeeper.extract.documents.layout import Block, DocumentExtraction, compose
from citekeeper.extract.documents.xmlsafe import parse_xml
from citekeeper.model import CSL_TYPES, Date, Name, Reference

XLINK = "{http://www.w3.org/1999/xlink}href"
_TYPES = {"journal": "article-journal", "book": "book", "confproc": "paper-conference",
          "conference": "paper-conference", "thesis": "thesis", "report": "report",
          "web": "webpage", "webpage": "webpage", "website": "webpage", "patent": "patent",
          "data": "dataset", "dataset": "dataset", "software": "software", "preprint": "article",
          "standard": "standard", "newspaper": "article-newspaper", "magazine": "article-magazine",
          "gov": "report", "legal-doc": "legislation", "other": "document"}
_CITATIONS = ("element-citation", "mixed-citation", "citation", "nlm-citation")
_TAGGED = {"person-group", "name", "string-name", "collab", "article-title", "source", "year",
           "chapter-title", "data-title", "part-title", "pub-id", "fpage", "volume"}
_NOT_CITATION_NOTES = {"conflict", "coi-statement", "con", "financial-disclosure", "supported-by",
                       "present-address", "equal", "deceased", "corresp", "abbr", "participating-researchers"}


def local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def text_of(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _child(el: etree._Element, name: str) -> etree._Element | None:
    for c in el:
        if local(c) == name:
            return c
    return None


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if local(c) == name]


def read_root(path: Path) -> etree._Element:
    data = path.read_bytes()
    try:
        return parse_xml(data, str(path))
    except MalformedInputError:
        # Named entities of the (unloaded) JATS DTD: read what can be read.
        return parse_xml(data, str(path), recover=True)


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    root = read_root(path)
    tree = root.getroottree()
    blocks: list[Block] = []
    for n, fn in enumerate(_footnotes(root), 1):
        label = text_of(_child(fn, "label"))
        body = " ".join(text_of(c) for c in fn if local(c) not in ("label", "title")) or text_of(fn)
        if not body:
            continue
        number = int(label) if label.isdecimal() else n
        fid = fn.get("id")
        blocks.append(Block("footnote", body, number, label=label, element=f"fn[@id='{fid}']" if fid
                            else tree.getpath(fn), raw=body, line_start=fn.sourceline,
                            line_end=fn.sourceline))
    for ref in (r for r in root.iter() if local(r) == "ref"):
        cit = next((c for name in _CITATIONS for c in ref.iter() if local(c) == name), None)
        if cit is None:
            continue
        rid = ref.get("id")
        element = f"ref-list/ref[@id='{rid}']" if rid else tree.getpath(ref)
        printed = " ".join(t for c in cit for t in [text_of(c)] if local(c) != "label")
        printed = " ".join(("".join(t for t in cit.itertext())).split()) or printed
        label = text_of(_child(ref, "label"))
        if label and printed.startswith(label):
            printed = printed[len(label):].strip()
        tagged = {local(c) for c in cit.iter()} & _TAGGED
        record = from_tags(cit, printed) if len(tagged) >= 2 else None
        blocks.append(Block("reference", printed, element=element, raw=printed, record=record,
                            line_start=cit.sourceline, line_end=cit.sourceline))
    return compose(blocks, str(path), "jats")


def _footnotes(root: etree._Element) -> list[etree._Element]:
    out = []
    for fn in root.iter():
        if local(fn) != "fn" or (fn.get("fn-type") or "").lower() in _NOT_CITATION_NOTES:
            continue
        anc = {local(a) for a in fn.iterancestors()}
        if anc & {"author-notes", "table-wrap-foot", "contrib-group", "front"}:
            continue
        out.append(fn)
    return out


def from_tags(cit: etree._Element, printed: str) -> Reference:
    """A Reference from a tagged JATS citation (see module docstring)."""
    ptype = (cit.get("publication-type") or cit.get("citation-type") or "").lower()

    def t(name: str) -> str:
        return text_of(next((c for c in cit.iter() if local(c) == name), None))

    kind = ptype if ptype in CSL_TYPES else _TYPES.get(ptype, "document")  # JOSS writes CSL types
    article_title, chapter_title, source = t("article-title"), t("chapter-title"), t("source")
    if kind == "book" and (chapter_title or article_title) and source:
        kind = "chapter"
    if kind == "document" and article_title and source:
        kind = "article-journal"
    ref = Reference(type=kind, raw=printed)
    title = chapter_title or article_title or t("data-title") or t("part-title")
    if title:
        ref.set("title", title)
        ref.set("container-title", source)
    else:
        ref.set("title", source)
    for fld, tag in (("volume", "volume"), ("issue", "issue"), ("publisher", "publisher-name"),
                     ("publisher-place", "publisher-loc"), ("edition", "edition"), ("ISBN", "isbn"),
                     ("ISSN", "issn"), ("event-title", "conf-name"), ("collection-title", "series")):
        ref.set(fld, t(tag))
    if not ref.get("publisher") and kind in ("thesis", "report"):
        ref.set("publisher", t("institution"))
    fpage, lpage = t("fpage"), t("lpage")
    page = f"{fpage}-{lpage}" if fpage and lpage and lpage != fpage else fpage
    ref.set("page", page or t("elocation-id"))
    year = t("year")
    m = re.match(r"\d{4}", year)
    if m:
        month = t("month")
        mo = int(month) if month.isdecimal() and 1 <= int(month) <= 12 else None
        day = t("day")
        ref.dates["issued"] = Date(int(m.group()), mo, int(day) if mo and day.isdecimal() else None)
    elif year:
        ref.dates["issued"] = Date(literal=year)
    for el in cit.iter():
        name = local(el)
        if name == "pub-id":
            kind_id = (el.get("pub-id-type") or "").lower()
            value = text_of(el)
            if kind_id == "doi":
                ref.set("DOI", re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value, flags=re.I))
            elif kind_id in ("pmid", "pmcid"):
                ref.identifiers[kind_id.upper()] = value
            elif kind_id == "arxiv":
                ref.identifiers["arXiv"] = value
        elif name in ("ext-link", "uri") and not ref.url:
            href = el.get(XLINK) or text_of(el)
            if href.lower().startswith(("http", "www", "ftp")):
                doi = re.match(r"https?://(?:dx\.)?doi\.org/(10\.\S+)", href)
                if doi and not ref.doi:
                    ref.set("DOI", doi.group(1))
                else:
                    ref.set("URL", href)
        elif name == "date-in-citation" and (el.get("content-type") or "").startswith("access"):
            iso = el.get("iso-8601-date") or ""
            ref.dates["accessed"] = Date.from_iso(iso) if iso else Date(literal=text_of(el))
    _names(cit, ref)
    for key in [*ref.fields, *ref.names, *ref.dates, *ref.identifiers]:
        ref.provenance[key] = ("jats", 1.0)
    return ref


# A person-group member that means "et al." (JATS has <etal/> for it; converters write these).
_OTHERS = frozenset({"others", "et al.", "et al", "et. al."})


def _names(cit: etree._Element, ref: Reference) -> None:
    groups = [g for g in cit.iter() if local(g) == "person-group"]
    if not groups:
        groups = [cit]
    for g in groups:
        role = (g.get("person-group-type") or "author").lower()
        role = {"editor": "editor", "translator": "translator", "compiler": "editor"}.get(role, "author")
        names = []
        truncated = False
        for el in g:
            n = local(el)
            if n == "etal":
                truncated = True
            elif n in ("name", "string-name") and _child(el, "surname") is not None:
                family = text_of(_child(el, "surname"))
                given = text_of(_child(el, "given-names"))
                if not given and family.lower() in _OTHERS:
                    # pandoc writes BibTeX's "and others" as a person named "others": it is
                    # et al. (the list is truncated), not an author.
                    truncated = True
                    continue
                names.append(Name(family=family, given=given, suffix=text_of(_child(el, "suffix"))))
            elif n in ("string-name", "collab") and text_of(el):
                if text_of(el).lower() in _OTHERS:
                    truncated = True
                    continue
                names.append(Name(literal=text_of(el)))
        if names:
            ref.names.setdefault(role, []).extend(names)
            if truncated and role not in ref.truncated:
                ref.truncated.append(role)

"""Citations that reference managers embed in Word and OpenDocument files.

Zotero writes a field ``ADDIN ZOTERO_ITEM CSL_CITATION {json}`` (Mendeley:
``ADDIN CSL_CITATION {json}``) whose ``citationItems[].itemData`` is the cited item as
CSL-JSON — the exact record, so it is read as CSL-JSON (``formats.csljson``) and never
re-parsed from the printed text.  Each field of such a record gets provenance
``("zotero", 1.0)`` (or ``mendeley``).  EndNote writes ``ADDIN EN.CITE <EndNote>…``
with its own XML record (or the same XML base64-encoded in ``w:fldData``); its few
fields are mapped here.  The bibliography fields (``ADDIN ZOTERO_BIBL``,
``CSL_BIBLIOGRAPHY``, ``EN.REFLIST``) only print those records again.
"""

from __future__ import annotations

import base64
import html
import json
import re
from dataclasses import dataclass

from citekeeper.model import Date, Name, Reference

_CSL_CITATION = re.compile(r"(?:\bADDIN\s+)?(?:ZOTERO_ITEM\s+)?\bCSL_CITATION\b", re.I)
_BIBLIOGRAPHY = re.compile(r"(?:\bADDIN\s+)?\b(?:ZOTERO_BIBL|Mendeley\s+Bibliography|CSL_BIBLIOGRAPHY|EN\.REFLIST)\b", re.I)
_ENDNOTE = re.compile(r"\bADDIN\s+EN\.CITE\b", re.I)


@dataclass
class Cited:
    """One cited item from a field: its record and the key that identifies the item."""

    record: Reference
    key: str  # item URI, else id, else DOI/title: what deduplicates repeated citations
    source: str  # "zotero" | "mendeley" | "endnote"


def is_bibliography(instr: str) -> bool:
    return bool(_BIBLIOGRAPHY.search(instr))


def is_citation(instr: str) -> bool:
    return bool(_CSL_CITATION.search(instr) or _ENDNOTE.search(instr))


def cited_items(instr: str, data: str = "", rendered: str = "") -> list[Cited]:
    """The items of one citation field (``instr``: its instruction; ``data``: w:fldData)."""
    if _CSL_CITATION.search(instr):
        return _csl_items(instr, rendered)
    if _ENDNOTE.search(instr):
        xml = instr[_ENDNOTE.search(instr).end():].strip()  # type: ignore[union-attr]
        if not xml.startswith("<") and data:
            try:
                xml = base64.b64decode(data).decode("utf-8", "replace")
            except ValueError:
                return []
        return _endnote_items(html.unescape(xml) if "&lt;" in xml else xml, rendered)
    return []


def _csl_items(instr: str, rendered: str) -> list[Cited]:
    from citekeeper.formats.csljson import reference_from_csl

    source = "zotero" if "ZOTERO_ITEM" in instr.upper() else "mendeley"
    start = instr.find("{")
    if start < 0:
        return []
    try:
        data, _ = json.JSONDecoder().raw_decode(instr[start:])
    except json.JSONDecodeError:
        return []
    out = []
    for item in data.get("citationItems") or []:
        if not isinstance(item, dict) or not isinstance(item.get("itemData"), dict):
            continue
        ref = reference_from_csl(item["itemData"])
        ref.raw = rendered
        for name in [*ref.fields, *ref.names, *ref.dates, *ref.identifiers]:
            ref.provenance[name] = (source, 1.0)
        uris = item.get("uris") or item.get("uri") or []
        if isinstance(uris, str):
            uris = [uris]
        key = str(uris[0]) if uris else str(item.get("id") or item["itemData"].get("id") or "")
        out.append(Cited(ref, key or _content_key(ref), source))
    return out


def _content_key(ref: Reference) -> str:
    return ref.doi.lower() or re.sub(r"\W+", " ", ref.title.lower()).strip()


_EN_TYPES = {"journal article": "article-journal", "book": "book", "book section": "chapter",
             "conference proceedings": "paper-conference", "conference paper": "paper-conference",
             "thesis": "thesis", "report": "report", "web page": "webpage", "newspaper article":
             "article-newspaper", "magazine article": "article-magazine", "dataset": "dataset"}


def _endnote_items(xml: str, rendered: str) -> list[Cited]:
    """EndNote's ``<record>`` elements (parsed without entities: see xmlsafe)."""
    from citekeeper.extract.documents.xmlsafe import parse_xml

    try:
        root = parse_xml(xml.encode("utf-8"), "<EndNote field>", recover=True)
    except Exception:  # a field we cannot read is left to the printed text
        return []

    def text(el, path: str) -> str:  # type: ignore[no-untyped-def]
        found = el.find(path)
        return " ".join("".join(found.itertext()).split()) if found is not None else ""

    out = []
    for rec in root.iter("record"):
        kind = (rec.find("ref-type").get("name", "") if rec.find("ref-type") is not None else "").lower()
        ref = Reference(type=_EN_TYPES.get(kind, "document"), raw=rendered)
        ref.set("title", text(rec, "titles/title"))
        ref.set("container-title", text(rec, "titles/secondary-title"))
        for k, path in (("volume", "volume"), ("issue", "number"), ("page", "pages"),
                        ("publisher", "publisher"), ("publisher-place", "pub-location"),
                        ("DOI", "electronic-resource-num"), ("URL", "urls/related-urls/url")):
            ref.set(k, text(rec, path))
        authors = []
        for a in rec.iterfind("contributors/authors/author"):
            full = " ".join("".join(a.itertext()).split())
            family, _, given = full.partition(",")
            authors.append(Name(family=family.strip(), given=given.strip()) if given else Name(literal=full))
        if authors:
            ref.names["author"] = authors
        year = text(rec, "dates/year")
        if year[:4].isdigit():
            ref.dates["issued"] = Date(int(year[:4]))
        for name in [*ref.fields, *ref.names, *ref.dates]:
            ref.provenance[name] = ("endnote", 1.0)
        key = text(rec, "rec-number") or _content_key(ref)
        out.append(Cited(ref, f"endnote:{key}", "endnote"))
    return out

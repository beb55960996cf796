"""Parsing untrusted XML (Word parts, ODF, JATS) without entity expansion or network.

An XML "bomb" (billion laughs: entities defined as ten copies of the previous one)
turns a 1 KB file into gigabytes when entities are expanded.  Scholarly XML has no
business declaring entities inside the file — JATS names its DTD, Word and ODF never
declare any — so a document that declares one is refused before parsing, at once, and
lxml parses everything else with entity resolution, DTD loading and network off.
"""

from __future__ import annotations

import re

from lxml import etree

from citekeeper.errors import MalformedInputError
from citekeeper.extract.documents.errors import UnsafeXMLError

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)


def parse_xml(data: bytes, file: str, part: str = "", recover: bool = False) -> etree._Element:
    """The root element of ``data``; ``UnsafeXMLError`` if it declares entities."""
    where = f" ({part})" if part else ""
    m = _ENTITY_DECL.search(data)
    if m:
        line = data[: m.start()].count(b"\n") + 1
        raise UnsafeXMLError(f"XML{where} declares entities (a possible entity-expansion bomb);"
                             " refused", file=file, line=line)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=recover, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedInputError(f"not well-formed XML{where}: {exc.msg}", file=file,
                                  line=exc.lineno) from None
    if root is None:
        raise MalformedInputError(f"no XML content{where}", file=file)
    return root

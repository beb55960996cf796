"""Build a labelled dev set from JATS ``<mixed-citation>`` elements (printed string + tagged fields).

    python3 benchmarks/parser/jats_dev.py OUT.jsonl SOURCE-NAME FILE.xml [FILE.xml ...]

A ``<mixed-citation>`` keeps the citation exactly as printed, punctuation included, with its
parts tagged (``<surname>``, ``<given-names>``, ``<article-title>``, ``<source>``, ``<volume>``
...), so each one is a real string with its fields.  Only citations whose authors and title
are all tagged are kept (PLOS tags "other" items as plain text).  Each line of the output:
``{"text", "source", "style", "lang", "gold": {type, author: [[family, given, suffix]], title,
container-title, volume, issue, page, issued, publisher, publisher-place, DOI, editor}}``.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

_TYPES = {"journal": "article-journal", "book": "book", "confproc": "paper-conference", "thesis": "thesis",
          "report": "report", "patent": "patent", "web": "webpage", "data": "dataset", "software": "software"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _names(group: ET.Element) -> list[list[str]]:
    out = []
    for el in group.iter():
        tag = _local(el.tag)
        if tag in ("name", "string-name"):
            parts = {_local(c.tag): _text(c) for c in el}
            if parts.get("surname"):
                out.append([parts.get("surname", ""), parts.get("given-names", ""), parts.get("suffix", "")])
        elif tag == "collab":
            out.append([_text(el), "", ""])
    return out


def _space_names(el: ET.Element) -> None:
    """PLOS XML prints ``<surname>Smith</surname><given-names>JA</given-names>`` with no
    space between the parts; the typeset citation has one."""
    for name in el.iter():
        if _local(name.tag) in ("name", "string-name"):
            parts = list(name)
            for a in parts[:-1]:
                if not (a.tail or "").strip() and not (a.tail or "").startswith(" "):
                    a.tail = " "


def convert(el: ET.Element) -> dict | None:
    _space_names(el)
    text = _text(el)
    gold: dict = {"type": _TYPES.get(el.get("publication-type", ""), "")}
    if not gold["type"]:
        return None
    children = {_local(c.tag): c for c in el}
    authors: list[list[str]] = []
    editors: list[list[str]] = []
    # PLOS tags a chapter's editors as loose names too: a name after the title is an editor
    loose, after_title = [], []
    seen_title = False
    for c in el:
        tag = _local(c.tag)
        if tag in ("article-title", "chapter-title"):
            seen_title = True
        elif tag in ("name", "string-name", "collab"):
            (after_title if seen_title else loose).append(c)
    for group, out in ((loose, authors), (after_title, editors)):
        if group:
            fake = ET.Element("g")
            fake.extend(group)
            out.extend(_names(fake))
    for c in el:
        if _local(c.tag) == "person-group":
            role = c.get("person-group-type", "author")
            (editors if role == "editor" else authors).extend(_names(c))
    if not authors or ("article-title" not in children and "source" not in children):
        return None
    if re.search(r"\bet al\b", text) or any(_local(c.tag) == "etal" for c in el.iter()):
        gold["truncated"] = True
    gold["author"] = authors
    if editors:
        gold["editor"] = editors
    if "article-title" in children:
        gold["title"] = _text(children["article-title"])
        if "source" in children:
            gold["container-title"] = _text(children["source"])
    elif "source" in children:
        gold["title"] = _text(children["source"])
    if "chapter-title" in children:
        gold["title"] = _text(children["chapter-title"])
        gold["container-title"] = _text(children["source"])
        gold["type"] = "chapter"
    for tag, field in (("volume", "volume"), ("issue", "issue"), ("publisher-name", "publisher"),
                       ("publisher-loc", "publisher-place"), ("year", "issued")):
        if tag in children:
            gold[field] = _text(children[tag])
    if "fpage" in children:
        gold["page"] = _text(children["fpage"]) + ("–" + _text(children["lpage"]) if "lpage" in children else "")
    elif "elocation-id" in children:
        gold["page"] = _text(children["elocation-id"])
    for c in el:
        if _local(c.tag) == "pub-id" and c.get("pub-id-type") == "doi":
            gold["DOI"] = _text(c)
    m = re.match(r"\d{4}", gold.get("issued", ""))
    gold["issued"] = m.group(0) if m else ""
    return {"text": text, "gold": gold}


def main(argv: list[str]) -> None:
    out, source, files = Path(argv[0]), argv[1], argv[2:]
    seen: set[str] = set()
    rows = []
    for f in files:
        root = ET.parse(f).getroot()
        for el in root.iter():
            if _local(el.tag) == "mixed-citation":
                row = convert(el)
                if row and row["text"] not in seen:
                    seen.add(row["text"])
                    rows.append({**row, "source": f"{source}:{Path(f).name}"})
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} citations from {len(files)} files -> {out}")


if __name__ == "__main__":
    main(sys.argv[1:])

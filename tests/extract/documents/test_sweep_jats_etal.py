"""JATS et al.: ``<etal/>`` and a person named "others" end a truncated list (found in the sweep)."""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import extract_document
from citekeeper.formats import dumps

DOC = """<?xml version="1.0" encoding="UTF-8"?>
<article xmlns:xlink="http://www.w3.org/1999/xlink"><body><p>Text.</p></body><back><ref-list>
<ref id="r1"><element-citation publication-type="journal"><person-group person-group-type="author">
 <name><surname>Brown</surname><given-names>A</given-names></name><etal/></person-group>
 <article-title>Water</article-title><source>J</source><year>2010</year></element-citation></ref>
<ref id="r2"><element-citation publication-type="journal"><person-group person-group-type="author">
 <name><surname>Green</surname><given-names>B</given-names></name><name><surname>others</surname></name>
 </person-group><article-title>Fire</article-title><source>J</source><year>2011</year></element-citation></ref>
<ref id="r3"><element-citation publication-type="journal"><person-group person-group-type="author">
 <name><surname>Others</surname><given-names>Carl</given-names></name></person-group>
 <article-title>Earth</article-title><source>J</source><year>2012</year></element-citation></ref>
</ref-list></back></article>
"""


def test_etal_and_others_truncate(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_text(DOC, encoding="utf-8")
    r1, r2, r3 = extract_document(path).references
    assert [n.family for n in r1.authors] == ["Brown"] and r1.truncated == ["author"]
    assert [n.family for n in r2.authors] == ["Green"] and r2.truncated == ["author"]
    assert [n.family for n in r3.authors] == ["Others"] and r3.truncated == []  # a real person
    bib = dumps([r2], "bibtex")
    assert "Green, B and others" in bib and "{others}" not in bib

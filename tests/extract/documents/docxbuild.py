"""Build .docx files as Word writes them: XML parts in a zip, fields split over runs."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*runs: str, style: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def field(instr: str, result: str, pieces: int = 3) -> str:
    """A complex field whose instruction is split over ``pieces`` w:instrText runs."""
    step = max(1, len(instr) // pieces + 1)
    chunks = [instr[i:i + step] for i in range(0, len(instr), step)]
    instr_runs = "".join(f'<w:r><w:instrText xml:space="preserve">{escape(c)}</w:instrText></w:r>'
                         for c in chunks)
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>' + instr_runs
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run(result)
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def simple_field(instr: str, result: str) -> str:
    return f'<w:fldSimple w:instr="{escape(instr, {chr(34): "&quot;"})}">{run(result)}</w:fldSimple>'


def zotero(items: list[dict], uris: list[str], result: str, mendeley: bool = False) -> str:
    data = {"citationID": "abc", "properties": {"formattedCitation": result},
            "citationItems": [{"id": i + 1, "uris": [u], "itemData": it}
                              for i, (it, u) in enumerate(zip(items, uris, strict=True))],
            "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"}
    head = "ADDIN CSL_CITATION " if mendeley else "ADDIN ZOTERO_ITEM CSL_CITATION "
    return head + json.dumps(data, ensure_ascii=False)


def note_ref(n: int, kind: str = "footnote") -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Reference w:id="{n}"/></w:r>'


def notes_part(notes: dict[int, str], kind: str = "footnote") -> str:
    sep = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
           f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
           f'</w:r></w:p></w:{kind}>')
    body = "".join(f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r>{xml}</w:p></w:{kind}>'
                   for i, xml in notes.items())
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {NS}>{sep}{body}</w:{kind}s>'


def write_docx(path: Path, paragraphs: list[str], footnotes: dict[int, str] | None = None,
               endnotes: dict[int, str] | None = None) -> Path:
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>'
           + "".join(paragraphs) + "<w:sectPr/></w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", doc)
        if footnotes is not None:
            z.writestr("word/footnotes.xml", notes_part(footnotes))
        if endnotes is not None:
            z.writestr("word/endnotes.xml", notes_part(endnotes, "endnote"))
    return path

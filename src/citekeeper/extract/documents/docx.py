"""Word .docx: footnotes and endnotes from their own parts, the reference list from the
body, and reference managers' citation fields as exact records.

* ``word/footnotes.xml`` / ``word/endnotes.xml`` hold every note exactly; the
  separator "notes" Word keeps there (``w:type="separator"`` …) are skipped, and a
  note's number is its position in the order the body refers to it (as Word prints it).
* The reference list is the paragraphs after its heading (the plain-text rule,
  ``segment.find_reference_section``, on one line per paragraph); Word's automatic
  numbering is not in the text, so every paragraph is an entry.
* Fields: complex fields (``w:fldChar`` begin/separate/end, the instruction split over
  any number of ``w:instrText`` runs) and ``w:fldSimple``.  Citation fields give their
  embedded records (``fields``); a footnote holding one is that record, and the body's
  cited items are the reference list, each item once (by its Zotero/Mendeley URI).
  Paragraphs printed by a bibliography field are not parsed when the records are there.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from citekeeper.extract.documents.errors import BrokenDocumentError, EncryptedDocumentError
from citekeeper.extract.documents.fields import Cited, cited_items, is_bibliography, is_citation
from citekeeper.extract.documents.layout import (
    FIELD_MARK,
    Block,
    DocumentExtraction,
    compose,
    notes_as_text,
    typed_beside_fields,
)
from citekeeper.extract.documents.xmlsafe import parse_xml
from citekeeper.extract.segment import find_reference_section
from citekeeper.model import Origin

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REMOVED = (f"{W}del", f"{W}moveFrom")  # (tags built once: the walk compares every element with them)
_HYPERLINK, _RID = f"{W}hyperlink", f"{R}id"
_STRICT = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL = W[1:-1].encode()
MAX_PART = 256 * 1024 * 1024  # uncompressed bytes of one part: a zip bomb stops here


@dataclass
class Paragraph:
    text: str
    in_bibliography: bool = False
    cited: list[Cited] = field(default_factory=list)
    heading: bool = False  # styled as a heading (Word "Heading 2", ODF text:h)
    raised: str = ""  # the text with digits set superscript as superscript digits (typed note calls)
    label: str = ""  # the number Word's automatic list numbering prints in front ("3."), not in the text
    typed: str = ""  # the text outside citation fields: what a note cites besides its fields' records


@dataclass
class _Field:
    instr: str = ""
    data: str = ""
    result: str = ""
    in_result: bool = False


class _Walker:
    """Paragraph texts and the citation fields of one story (body, or one note)."""

    def __init__(self, numbering: ListNumbering | None = None, links: dict[str, str] | None = None) -> None:
        self.numbering = numbering
        self.links = links or {}  # relationship id -> URL of a hyperlink (the part's .rels)
        self.notes = links is not None  # walking a note (its typed text beside fields is kept)
        self.stack: list[_Field] = []
        self.paragraphs: list[Paragraph] = []
        self.note_refs: list[tuple[str, str]] = []  # ("footnote"|"endnote", w:id) in order
        self.custom: set[tuple[str, str]] = set()  # notes called by a custom mark, not a number
        self.deleted: set[tuple[str, str]] = set()  # notes whose call is a tracked deletion (or moved away)
        self.section = 0  # the body's section the walk is in (Word may number notes per section)
        self.sections: dict[tuple[str, str], int] = {}
        self._cur: Paragraph | None = None
        self._sup = 0  # inside a run set superscript

    def story(self, root) -> list[Paragraph]:  # type: ignore[no-untyped-def]
        # A text box is written twice, as a drawing (mc:Choice) and as VML for older Words (mc:Fallback):
        # read once, or its text and its notes' calls came twice.
        for fallback in list(root.iter(f"{MC}Fallback")):
            fallback.getparent().remove(fallback)
        for p in root.iter(f"{W}p"):
            self._cur = Paragraph("", any(is_bibliography(f.instr) for f in self.stack))
            style = p.find(f"{W}pPr/{W}pStyle")
            if style is not None and re.match(r"(?i)heading|title|berschrift|titre|заголовок",
                                              style.get(f"{W}val", "")):
                self._cur.heading = True
            if self.numbering is not None:
                self._cur.label = self.numbering.label(p.find(f"{W}pPr/{W}numPr"))
            self._walk(p)
            # Manual line breaks (Shift+Enter) are kept: a bibliography typed as one
            # paragraph with a break after each entry is one entry a line.
            self._cur.text = keep_breaks(self._cur.text)
            self._cur.raised = keep_breaks(self._cur.raised)
            self._cur.typed = keep_breaks(self._cur.typed)
            self.paragraphs.append(self._cur)
            if p.find(f"{W}pPr/{W}sectPr") is not None:
                self.section += 1  # a section ends with this paragraph
        return self.paragraphs

    def _text(self, s: str) -> None:
        assert self._cur is not None
        self._cur.text += s
        self._cur.raised += s.translate(_RAISE) if self._sup else s
        if not self.notes:
            pass  # the body's text beside its fields is not needed
        elif not self.stack or not any(is_citation(f.instr) for f in self.stack):
            self._cur.typed += s
        elif not self._cur.typed.endswith(FIELD_MARK):
            self._cur.typed += FIELD_MARK
        for f in self.stack:
            if f.in_result:
                f.result += s
            if is_bibliography(f.instr):
                self._cur.in_bibliography = True

    def _close(self, f: _Field) -> None:
        assert self._cur is not None
        if is_citation(f.instr):
            self._cur.cited += cited_items(f.instr, f.data, " ".join(f.result.split()))

    def _walk(self, el) -> None:  # type: ignore[no-untyped-def]
        for child in el:
            tag = child.tag
            if tag == f"{W}t":
                self._text(child.text or "")
            elif tag == f"{W}tab":
                self._text(" ")
            elif tag in (f"{W}br", f"{W}cr"):
                self._text("" if child.get(f"{W}type") == "page" else "\n")
            elif tag == f"{W}noBreakHyphen":
                self._text("-")
            elif tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    self.stack.append(_Field())
                    data = child.find(f"{W}fldData")
                    if data is not None and data.text:
                        self.stack[-1].data = "".join(data.text.split())
                elif kind == "separate" and self.stack:
                    self.stack[-1].in_result = True
                elif kind == "end" and self.stack:
                    self._close(self.stack.pop())
            elif tag == f"{W}instrText":
                if self.stack:
                    self.stack[-1].instr += child.text or ""
            elif tag == f"{W}fldSimple":
                f = _Field(instr=child.get(f"{W}instr", ""), in_result=True)
                self.stack.append(f)
                self._walk(child)
                self.stack.pop()
                self._close(f)
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                key = ("footnote" if "foot" in tag else "endnote", child.get(f"{W}id", ""))
                self.note_refs.append(key)
                self.sections.setdefault(key, self.section)
                if child.get(f"{W}customMarkFollows") in ("1", "true", "on"):
                    self.custom.add(key)  # a mark typed by hand ("*"): Word numbers the others without it
            elif tag in _REMOVED:
                # A tracked deletion, or text moved away (it stands again in its w:moveTo): the document as
                # it reads with the changes accepted, so a deleted call numbers no note (Word's final view).
                self.deleted.update(("footnote" if "foot" in ref.tag else "endnote", ref.get(f"{W}id", ""))
                                    for ref in child.iter(f"{W}footnoteReference", f"{W}endnoteReference"))
            elif tag == f"{W}delText" or tag == f"{W}p":
                continue  # deleted text (tracked changes); nested paragraphs come on their own
            elif tag == _HYPERLINK and (url := self.links.get(child.get(_RID, ""), "")):
                assert self._cur is not None
                before = len(self._cur.text)
                self._walk(child)
                shown = self._cur.text[before:].strip()
                if shows_other_than(shown, url):
                    self._text(f" ({url})")  # a linked title or "here": the URL it links to, as Markdown prints it
            elif tag == f"{W}r":
                align = child.find(f"{W}rPr/{W}vertAlign")
                sup = align is not None and align.get(f"{W}val") == "superscript"
                self._sup += sup
                self._walk(child)
                self._sup -= sup
            else:
                self._walk(child)


def shows_other_than(shown: str, url: str) -> bool:
    """Does a link show words of its own, not its URL or DOI ("NPR.org" -> http://www.npr.org/… does)?"""
    bare = re.sub(r"^(?:https?://)?(?:www\.|(?:dx\.)?doi\.org/)?", "", url.strip()).rstrip("/").lower()
    plain = re.sub(r"^(?:https?://)?(?:www\.|(?:dx\.)?doi\.org/)?", "", shown).rstrip("/").lower()
    return bool(re.search(r"[^\W\d_]{2}", shown)) and plain not in bare and bare not in plain


def note_links(rels: bytes | None, name: str, part: str) -> dict[str, str]:
    """The external hyperlinks of a notes part, by relationship id (``word/_rels/footnotes.xml.rels``)."""
    if not rels:
        return {}
    root = parse_xml(rels, name, part)
    return {r.get("Id", ""): r.get("Target", "") for r in root.iter() if str(r.tag).endswith("Relationship")
            and r.get("TargetMode") == "External" and r.get("Type", "").endswith("/hyperlink")
            and re.match(r"(?:https?|ftp)://", r.get("Target", ""))}


class ListNumbering:
    """The numbers Word's automatic list numbering prints (``word/numbering.xml``), paragraph by paragraph.

    Endnotes typed as a numbered list under "Notes" carry their numbers only here, not in the text: read
    without them the notes were no notes (a typed-endnotes .docx gave "no footnotes found").  Only decimal
    levels print a label ("3."); a list instance (``w:num``) counts on the abstract list it names, as Word
    does, unless it overrides the start; a level starts again under each item of a higher one.
    """

    def __init__(self, root) -> None:  # type: ignore[no-untyped-def]
        self.levels: dict[str, dict[str, tuple[str, int]]] = {}  # abstractNumId -> ilvl -> (numFmt, start)
        for a in root.iter(f"{W}abstractNum"):
            levels = self.levels.setdefault(a.get(f"{W}abstractNumId", ""), {})
            for lvl in a.iter(f"{W}lvl"):
                fmt, start = lvl.find(f"{W}numFmt"), lvl.find(f"{W}start")
                levels[lvl.get(f"{W}ilvl", "0")] = (fmt.get(f"{W}val", "") if fmt is not None else "decimal",
                                                    _int(start.get(f"{W}val")) if start is not None else 1)
        self.abstract: dict[str, str] = {}  # numId -> abstractNumId
        self.overrides: dict[str, dict[str, int]] = {}  # numId -> ilvl -> start
        for n in root.iter(f"{W}num"):
            ref = n.find(f"{W}abstractNumId")
            self.abstract[n.get(f"{W}numId", "")] = ref.get(f"{W}val", "") if ref is not None else ""
            for o in n.iter(f"{W}lvlOverride"):
                start = o.find(f"{W}startOverride")
                if start is not None:
                    self.overrides.setdefault(n.get(f"{W}numId", ""), {})[o.get(f"{W}ilvl", "0")] = _int(start.get(f"{W}val"))
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, str]] = set()  # (numId, ilvl) whose override was applied

    def label(self, numpr) -> str:  # type: ignore[no-untyped-def]
        if numpr is None:
            return ""
        num_el, lvl_el = numpr.find(f"{W}numId"), numpr.find(f"{W}ilvl")
        num = num_el.get(f"{W}val", "") if num_el is not None else ""
        ilvl = lvl_el.get(f"{W}val", "0") if lvl_el is not None else "0"
        abstract = self.abstract.get(num)
        if not num or num == "0" or abstract is None or ilvl not in self.levels.get(abstract, {}):
            return ""
        fmt, start = self.levels[abstract][ilvl]
        counters = self.counters.setdefault(abstract, {})
        level = _int(ilvl)
        override = self.overrides.get(num, {}).get(ilvl)
        if override is not None and (num, ilvl) not in self.started:
            self.started.add((num, ilvl))
            counters[level] = override - 1
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        return f"{counters[level]}." if fmt == "decimal" else ""


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


def keep_breaks(text: str) -> str:
    """Spaces normalised within each line; manual line breaks kept as ``\\n``."""
    return "\n".join(" ".join(part.split()) for part in text.split("\n")).strip()


def read_parts(path: Path) -> dict[str, bytes]:
    """The parts of a Word package we read; clear errors for what is not one."""
    name = str(path)
    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise EncryptedDocumentError("an old binary Word .doc, or a password-protected .docx;"
                                     " save it as an unprotected .docx", file=name)
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise BrokenDocumentError("a zip file, but not a Word document (no word/document.xml)",
                                          file=name)
            parts: dict[str, bytes] = {}
            for part in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml", "word/settings.xml",
                         "word/numbering.xml", "word/_rels/footnotes.xml.rels", "word/_rels/endnotes.xml.rels"):
                if part in names:
                    if z.getinfo(part).file_size > MAX_PART:
                        raise BrokenDocumentError(f"{part} unpacks to over {MAX_PART >> 20} MB; refused",
                                                  file=name)
                    # Word's "Strict Open XML Document" writes the same markup under the ISO namespace.
                    parts[part] = z.read(part).replace(_STRICT, _TRANSITIONAL)
            return parts
    except zipfile.BadZipFile:
        raise BrokenDocumentError("not a valid .docx (a damaged or truncated zip file)", file=name) from None


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    name = str(path)
    parts = read_parts(path)
    body = parse_xml(parts["word/document.xml"], name, "word/document.xml")
    numbering = (ListNumbering(parse_xml(parts["word/numbering.xml"], name, "word/numbering.xml"))
                 if "word/numbering.xml" in parts else None)
    walker = _Walker(numbering)
    paragraphs = walker.story(body)
    notes: dict[tuple[str, str], list[Paragraph]] = {}
    for kind in ("footnote", "endnote"):
        part = f"word/{kind}s.xml"
        if part not in parts:
            continue
        root = parse_xml(parts[part], name, part)
        links = note_links(parts.get(f"word/_rels/{kind}s.xml.rels"), name, f"word/_rels/{kind}s.xml.rels")
        for note in root.iter(f"{W}{kind}"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            key = (kind, note.get(f"{W}id", ""))
            if key in walker.deleted and key not in walker.note_refs:
                continue  # its call was deleted with tracked changes: the note is gone too
            notes[key] = _Walker(links=links).story(note)
    settings = parse_xml(parts["word/settings.xml"], name, "word/settings.xml") if "word/settings.xml" in parts else None
    start = {kind: _number_start(body, settings, kind) for kind in ("footnote", "endnote")}
    per_section = {kind: _restarts_each_section(body, settings, kind) for kind in ("footnote", "endnote")}
    sections = {key: n for key, n in walker.sections.items() if per_section[key[0]]}
    blocks = note_and_list_blocks(paragraphs, notes, walker.note_refs, "docx", walker.custom, start, sections)
    typed = None if any(b.kind == "footnote" for b in blocks) else typed_notes(paragraphs, name, "docx")
    return typed or compose(blocks, name, "docx")


_RAISE = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_RAISED_CALL = re.compile(r"[^\W\d_][.,;:!?)\"”’]?[¹²³⁴⁵⁶⁷⁸⁹]")  # a word, perhaps a stop, a raised number


def typed_notes(paragraphs: list[Paragraph], name: str, fmt: str) -> DocumentExtraction | None:
    """Notes typed into the body as text — superscript numbers in the text, "1. …" paragraphs under
    "Notes" — read by the plain-text rules on one line per paragraph; None when they find none.

    Word and LibreOffice keep real notes in parts of their own, but a manuscript or a converted book
    often has its endnotes typed (a Word file with no note object gave "no footnotes").  Only with a
    sign of notes, as for Markdown: two raised calls or a Notes heading, and no citation field's
    record in the body (those documents keep their own records).  Every origin names its paragraph.
    """
    from citekeeper.extract.segment import NOTES_HEADINGS

    if any(p.cited for p in paragraphs):
        return None
    calls = sum(len(_RAISED_CALL.findall(p.raised)) for p in paragraphs)
    if calls < 2 and not any(NOTES_HEADINGS.match(p.text) for p in paragraphs if len(p.text) < 80):
        return None
    lines: list[str] = []
    owner: list[int] = []
    for i, p in enumerate(paragraphs):
        for k, line in enumerate((p.raised or p.text).split("\n")):
            lines.append(f"{p.label} {line}" if p.label and not k and line.strip() else line)
            owner.append(i)
        lines.append("")
        owner.append(i)
    body = "w:body/w:p" if fmt == "docx" else "office:text/text:p"

    def relocate(o: Origin) -> Origin:
        first, last = owner[(o.line_start or 1) - 1], owner[(o.line_end or o.line_start or 1) - 1]
        return dataclasses.replace(o, line_start=first + 1, line_end=last + 1, element=f"{body}[{first + 1}]")

    return notes_as_text(lines, name, fmt, relocate)


def _restarts_each_section(body, settings, kind: str) -> bool:  # type: ignore[no-untyped-def]
    """Does Word number ``kind`` afresh in every section (``w:numRestart w:val="eachSect"``)?"""
    for root in (body, settings):
        if root is None:
            continue
        for pr in root.iter(f"{W}{kind}Pr"):
            restart = pr.find(f"{W}numRestart")
            if restart is not None:
                return restart.get(f"{W}val", "") == "eachSect"
    return False


def _number_start(body, settings, kind: str) -> int:  # type: ignore[no-untyped-def]
    """The number Word gives the first note of ``kind``: ``w:numStart`` of the first section's
    ``w:footnotePr``/``w:endnotePr``, else the document settings', else 1 (a chapter saved on its
    own may go on from the last: "45")."""
    for root in (body, settings):
        if root is None:
            continue
        for pr in root.iter(f"{W}{kind}Pr"):
            start = pr.find(f"{W}numStart")
            if start is not None and (value := start.get(f"{W}val", "")).isdigit():
                return int(value)
    return 1


# A custom mark a note opens with ("* This article …", "† Ibid."): the note's label, not its text.
_CUSTOM_MARK = re.compile(r"^\s*([*†‡§¶#]{1,3}|[a-z]\)?)\s+")


def note_and_list_blocks(paragraphs: list[Paragraph], notes: dict[tuple[str, str], list[Paragraph]],
                         order: list[tuple[str, str]], fmt: str,
                         custom: set[tuple[str, str]] | None = None,
                         start: dict[str, int] | None = None,
                         sections: dict[tuple[str, str], int] | None = None) -> list[Block]:
    """Blocks of a word-processor document (shared by .docx and .odt).

    Notes are numbered in the order the body calls them, each kind on its own; a note called by a
    custom mark (``custom``: Word's ``customMarkFollows``, an ODF ``text:label``) takes no number —
    it is numbered 0 with its mark as label, and the next note is still 1.  ``start`` is each
    kind's first number (Word's ``w:numStart``); ``sections`` gives the body's section of each note
    when Word numbers them afresh in every section.
    """
    custom = custom or set()
    blocks: list[Block] = []
    # Notes numbered in the order the body calls them (each kind on its own), then any not called.
    ordered = [k for k in dict.fromkeys(order) if k in notes] + [k for k in notes if k not in order]
    # Footnotes, then endnotes: two series, each printed in its own place, so "Ibid." in a footnote repeats
    # the footnote before it, not an endnote called between them.
    ordered.sort(key=lambda k: k[0] != "footnote")
    counters = {kind: (start or {}).get(kind, 1) - 1 for kind in ("footnote", "endnote")}
    section_of = sections or {}
    current = {"footnote": 0, "endnote": 0}
    all_cited: list[Cited] = []
    for key in ordered:
        kind, note_id = key
        label = ""
        if key in section_of and section_of[key] != current[kind]:
            current[kind] = section_of[key]
            counters[kind] = 0  # numbered afresh in each section (w:numRestart eachSect)
        if key not in custom:
            counters[kind] += 1
        paras = notes[key]
        cited = [c for p in paras for c in p.cited]
        all_cited += cited
        element = (f"w:{kind}[@w:id='{note_id}']" if fmt == "docx" else f"text:note[@text:id='{note_id}']")
        text = " ".join(" ".join(p.text.split()) for p in paras if p.text).strip()
        if key in custom and (mark := _CUSTOM_MARK.match(text)):
            label, text = mark.group(1), text[mark.end():]
        number = 0 if key in custom else counters[kind]
        if cited:
            rest = typed_beside_fields(" ".join(p.typed for p in paras))
            blocks.append(Block("footnote", text, number, label=label, element=element, raw=text,
                                records=[c.record for c in cited], rest=rest))
        elif text:
            blocks.append(Block("footnote", text, number, label=label, element=element, raw=text))
    body_cited = [c for p in paragraphs for c in p.cited]
    has_bibliography_field = any(p.in_bibliography for p in paragraphs)
    seen: set[str] = set()
    records_for_list = body_cited + (all_cited if has_bibliography_field else [])
    titles = set()
    for c in records_for_list:
        if c.key in seen:
            continue
        seen.add(c.key)
        titles.add(_norm(c.record.title))
        blocks.append(Block("reference", c.record.raw, record=c.record, raw=c.record.raw,
                            element="cited item " + c.key))
    # One line per paragraph, or per manual line break inside one.
    units = [(i, line.strip()) for i, p in enumerate(paragraphs) for line in (p.text.split("\n") or [""])]
    section = find_reference_section([u[1] for u in units])
    if section:
        _, first, end = section
        for k in range(first, end):
            i, text = units[k]
            p = paragraphs[i]
            if p.heading and text:
                break  # the next section (an appendix, a table's title set as a heading)
            if not text or (p.in_bibliography and records_for_list):
                continue
            if records_for_list and _norm(text) and any(t and t in _norm(text) for t in titles):
                continue  # the printed form of a record we have
            el = f"w:body/w:p[{i + 1}]" if fmt == "docx" else f"office:text/text:p[{i + 1}]"
            blocks.append(Block("reference", text, line_start=i + 1, line_end=i + 1, element=el))
    return blocks


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()

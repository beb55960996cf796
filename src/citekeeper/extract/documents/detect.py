"""What kind of document a file is, by its content first and its suffix second.

Content wins because files travel renamed (``paper.pdf.txt``, a .docx saved as
``.doc``): the first bytes of a PDF are ``%PDF``; a Word or OpenDocument file is a zip
whose parts say so (``word/document.xml``, an ODF ``mimetype``), a flat .fodt its root; XML/HTML/LaTeX/Markdown
are told by their first tags or commands in the opening 64 KB.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".odt": "odt", ".fodt": "odt", ".xml": "jats",
             ".nxml": "jats", ".jats": "jats", ".html": "html", ".htm": "html", ".xhtml": "html",
             ".tei": "tei", ".tex": "latex", ".ltx": "latex", ".md": "markdown", ".markdown": "markdown", ".qmd": "markdown",
             ".rmd": "markdown", ".mdx": "markdown", ".mkd": "markdown", ".epub": "epub",
             ".rtf": "rtf", ".org": "org", ".adoc": "asciidoc", ".asciidoc": "asciidoc", ".asc": "asciidoc",
             ".rst": "rst", ".rest": "rst"}
_JATS = re.compile(rb"<(?:article|ref-list|front|back)[\s>]|<!DOCTYPE\s+article|JATS|NLM//DTD", re.I)
# LibreOffice's flat OpenDocument text (.fodt): one XML whose root names the ODF text type.
_FODT = re.compile(rb"<office:document\s[^>]*office:mimetype=\"application/vnd\.oasis\.opendocument\.text\"")
_HTML = re.compile(rb"<!DOCTYPE\s+html|<html[\s>]", re.I)
_TEI = re.compile(rb"<TEI(?:\.2)?[\s>]|\"http://www\.tei-c\.org/ns/1\.0\"")
_HTML_WEAK = re.compile(rb"<body[\s>]|<head[\s>]|<div[\s>]|<p[\s>]", re.I)
_LATEX = re.compile(rb"\\documentclass|\\begin\{document\}|\\bibitem|\\begin\{thebibliography\}")
# A chapter a main file ``\input``s has no preamble: its sectioning and footnote commands tell it.
_LATEX_PART = re.compile(rb"\\(?:chapter|section|subsection)\*?\{|\\footnote\{")
# Footnote definitions, pandoc's inline notes ("… gesehen.^[Vgl. Meier, …]"), or reference-style
# link definitions ("[1]: https://…", which the plain-text rules would read as a note's rest).
_MARKDOWN = re.compile(rb"^ {0,3}\[\^[^\]\s]+\]:|\S\^\[[^\]\n]{10}|^ {0,3}\[[^\]\n^]{1,40}\]: {0,3}<?https?://", re.M)


def detect(path: str | Path) -> str | None:
    """``pdf``, ``docx``, ``odt``, ``rtf``, ``epub``, ``tei``, ``jats``, ``html``, ``latex``, ``markdown``, ``org``,
    ``asciidoc``, ``rst`` or None (text)."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return None
    if head.lstrip()[:5].startswith(b"%PDF"):
        return "pdf"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(p) or _SUFFIXES.get(p.suffix.lower()) or "docx"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        if _FODT.search(text):
            return "odt"
        if _TEI.search(text[:4096]):
            return "tei"
        if _HTML.search(text[:4096]):
            return "html"
        if _JATS.search(text):
            return "jats"
        if _HTML_WEAK.search(text[:4096]):
            return "html"
    if _LATEX.search(head):
        return "latex"
    by_suffix = _SUFFIXES.get(p.suffix.lower())
    if by_suffix in ("pdf", "docx", "odt"):
        return by_suffix  # the reader then says what is wrong with it
    if by_suffix == "latex" or (len(_LATEX_PART.findall(head)) >= 2 and not text.startswith(b"<")):
        return "latex"
    if by_suffix in ("org", "asciidoc", "rst"):
        return by_suffix
    if by_suffix is None and not text.startswith(b"<") and (light := light_markup(head)):
        return light  # Org, AsciiDoc, reStructuredText told by their notes
    if _MARKDOWN.search(head) or by_suffix == "markdown":
        return "markdown"
    if by_suffix in ("html", "jats") and text.startswith(b"<"):
        return by_suffix
    return None


# A note definition or inline note of Org mode, reStructuredText and AsciiDoc (``lightmarkup``).
_ORG_NOTE = re.compile(rb"^\[fn:[\w-]+\][ \t]+\S", re.M)
_RST_NOTE = re.compile(rb"^\.\. \[(?:\d{1,4}|#[\w-]*|\*)\][ \t]+\S", re.M)
_ASCIIDOC_NOTE = re.compile(rb"\bfootnote(?:ref)?:[\w-]*\[")


def light_markup(head: bytes) -> str | None:
    """``org``, ``rst`` or ``asciidoc`` when the text holds that markup's notes, else None."""
    if _ORG_NOTE.search(head):
        return "org"
    if _RST_NOTE.search(head):
        return "rst"
    if _ASCIIDOC_NOTE.search(head):
        return "asciidoc"
    return None


def _zip_kind(p: Path) -> str | None:
    try:
        with zipfile.ZipFile(p) as z:
            names = set(z.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and z.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text":
                return "odt"
            if ("mimetype" in names and z.read("mimetype").strip() == b"application/epub+zip") or (
                    "META-INF/container.xml" in names):
                return "epub"
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None

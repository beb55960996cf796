"""Citations from documents: PDF, Word (.docx/.odt/.rtf), JATS and TEI XML, HTML, EPUB, LaTeX, Markdown,
Org mode, AsciiDoc and reStructuredText.

``detect(path)`` tells a document's kind by its content (magic bytes, the parts of a
zip, the first tags or commands), falling back to the suffix; ``extract_document(path)``
returns the same ``Extraction`` plain text gives (``layout.DocumentExtraction``, with
the cite keys of LaTeX/Markdown), every record's origin naming the page and line (PDF),
the footnote or paragraph (Word) or the element (XML/HTML).  Each reader finds the
document's structure; ``layout.compose`` lays it out and runs the one text pipeline.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from citekeeper.extract.documents.detect import detect
from citekeeper.extract.documents.layout import Block, DocumentExtraction

__all__ = ["KINDS", "Block", "DocumentExtraction", "detect", "extract_document"]

# kind -> module with ``extract(path, max_bytes) -> DocumentExtraction``
KINDS = {
    "pdf": "citekeeper.extract.documents.pdfextract",
    "docx": "citekeeper.extract.documents.docx",
    "odt": "citekeeper.extract.documents.odt",
    "jats": "citekeeper.extract.documents.jats",
    "html": "citekeeper.extract.documents.html",
    "latex": "citekeeper.extract.documents.latex",
    "markdown": "citekeeper.extract.documents.markdown",
    "epub": "citekeeper.extract.documents.epub",
    "rtf": "citekeeper.extract.documents.rtf",
    "tei": "citekeeper.extract.documents.tei",
    "org": "citekeeper.extract.documents.lightmarkup",
    "asciidoc": "citekeeper.extract.documents.lightmarkup",
    "rst": "citekeeper.extract.documents.lightmarkup",
}


def extract_document(path: str | Path, kind: str | None = None,
                     max_bytes: int | None = None) -> DocumentExtraction:
    """References and footnote citations of the document at ``path`` (kind detected)."""
    from citekeeper.errors import BinaryInputError, InputTooLargeError, NotFoundError
    from citekeeper.textio import DEFAULT_MAX_BYTES

    p = Path(path)
    if not p.is_file():
        raise NotFoundError("no such file", file=str(path))
    limit = max_bytes or DEFAULT_MAX_BYTES
    size = p.stat().st_size
    if size > limit:
        raise InputTooLargeError(f"file is {size / 1e6:.1f} MB, over the limit of {limit / 1e6:.0f} MB"
                                 " (raise it with --max-size)", file=str(path))
    kind = kind or detect(p)
    if kind is None:
        raise BinaryInputError("not a document citekeeper reads (PDF, Word, RTF, JATS, TEI, HTML, EPUB, LaTeX,"
                               " Markdown, Org, AsciiDoc, reStructuredText)", file=str(path))
    module = importlib.import_module(KINDS[kind])
    return module.extract(p, limit)

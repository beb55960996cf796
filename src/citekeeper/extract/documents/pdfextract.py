"""``extract`` for PDF: geometry (``pdf``, ``pdflayout``) then the common layout."""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents.layout import DocumentExtraction, compose
from citekeeper.extract.documents.pdf import read_pdf
from citekeeper.extract.documents.pdflayout import layout_blocks


def extract(path: Path, max_bytes: int | None = None) -> DocumentExtraction:
    pages = read_pdf(path)
    return compose(layout_blocks(pages), str(path), "pdf")

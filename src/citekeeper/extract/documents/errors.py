"""Errors of documents citekeeper cannot read, all under ``InputError`` (exit 3).

The tree, below ``citekeeper.errors.InputError``::

    DocumentError              a PDF/Word/XML document that cannot be read
     ├── NoTextLayerError      a PDF with pages but no text (scanned images): OCR it first
     ├── EncryptedDocumentError  password-protected PDF (or encrypted Word package)
     ├── BrokenDocumentError   truncated, zero pages, not the container its suffix says
     └── UnsafeXMLError        XML that declares entities (a possible expansion bomb)
"""

from __future__ import annotations

from citekeeper.errors import InputError


class DocumentError(InputError):
    """A document that is not plain text and cannot be read."""


class NoTextLayerError(DocumentError):
    pass


class EncryptedDocumentError(DocumentError):
    pass


class BrokenDocumentError(DocumentError):
    pass


class UnsafeXMLError(DocumentError):
    pass

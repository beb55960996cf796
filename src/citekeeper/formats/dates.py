"""Dates read from user files, where text the record cannot hold is kept as written.

``Date.from_iso`` turns its digit groups into ``int``; CPython (3.11+) refuses to convert
a string of over 4,300 digits (``ValueError``), so ``year = {999…9}`` in a .bib, a
``PY`` in RIS or a ``date`` field of 5,000 digits stopped ``convert``, ``render`` and
``lint`` with exit 70.  Every reader in ``formats`` goes through ``date_from_text``:
such a value becomes a literal date (the text as written, as any other date text that
is no date does), so nothing is lost and nothing stops.
"""

from __future__ import annotations

from citekeeper.model import Date


def date_from_text(text: str) -> Date:
    """``Date.from_iso(text)``; a literal date when its numbers are too long for ``int``."""
    try:
        return Date.from_iso(text)
    except ValueError:
        return Date(literal=text.strip())

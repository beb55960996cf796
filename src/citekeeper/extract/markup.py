"""Removing the light markup that article text carries (Markdown-ish PDF conversions).

Converters mark italics with ``*...*`` or ``_..._`` and wrap links in ``<...>``.  The
parsers use italics as a hint (in APA the italic part is the container or the book
title), so stripping is a separate, explicit step rather than done on reading.
"""

from __future__ import annotations

import re

_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_BOLD_STAR = re.compile(r"\*\*(?!\s)([^*\n]+?)(?<!\s)\*\*")
_ANGLE_URL = re.compile(r"<((?:https?|ftp)://[^<>\s]*)>?")
_ANGLE_URL_OPEN = re.compile(r"<((?:https?|ftp)://[^<>\s]*)$")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def italic_spans(text: str) -> list[str]:
    """The ``*italic*`` spans of ``text``, in order (used as parsing hints)."""
    return [m.group(1) for m in _ITALIC_STAR.finditer(_BOLD_STAR.sub(r"\1", text))]


def strip_markup(text: str) -> str:
    """Plain text: no ``*``/``**`` emphasis, URLs out of ``<...>``, no zero-width marks."""
    text = _ZERO_WIDTH.sub("", text)
    text = _BOLD_STAR.sub(r"\1", text)
    text = _ITALIC_STAR.sub(r"\1", text)
    text = _ANGLE_URL.sub(r"\1", text)
    text = _ANGLE_URL_OPEN.sub(r"\1", text)
    return text


def normalize_space(text: str) -> str:
    """Collapse runs of white space (including no-break spaces) to one space."""
    return re.sub(r"[\s\u00a0\u2009\u202f]+", " ", text).strip()

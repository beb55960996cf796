"""The text layer under parsing: light markup (``*italic*``, ``<url>``) and white space.

``parse`` needs these three and must not import ``extract`` (which imports ``parse``): they
live here, below both.  ``extract.markup`` keeps its own copy of the same three functions
until it re-exports these (a request to its owner; see docs/parser.md) — they must stay
identical.
"""

from __future__ import annotations

import re

_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_BOLD_STAR = re.compile(r"\*\*(?!\s)([^*\n]+?)(?<!\s)\*\*")
_ANGLE_URL = re.compile(r"<((?:https?|ftp)://[^<>\s]*)>?")
_ANGLE_URL_OPEN = re.compile(r"<((?:https?|ftp)://[^<>\s]*)$")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = re.compile(r"[\s\u00a0\u2009\u202f]+")


def italic_spans(text: str) -> list[str]:
    """The ``*italic*`` spans of ``text``, in order (used as parsing hints)."""
    return [m.group(1) for m in _ITALIC_STAR.finditer(_BOLD_STAR.sub(r"\1", text))]


def strip_markup(text: str) -> str:
    """Plain text: no ``*``/``**`` emphasis, URLs out of ``<...>``, no zero-width marks."""
    text = _ZERO_WIDTH.sub("", text)
    text = _BOLD_STAR.sub(r"\1", text)
    text = _ITALIC_STAR.sub(r"\1", text)
    text = _ANGLE_URL.sub(r"\1", text)
    return _ANGLE_URL_OPEN.sub(r"\1", text)


def normalize_space(text: str) -> str:
    """Collapse runs of white space (including no-break spaces) to one space."""
    return _SPACE.sub(" ", text).strip()

"""The text layer under parsing: light markup (``*italic*``, ``<url>``) and white space.

``parse`` needs these three and must not import ``extract`` (which imports ``parse``): they
live here, below both, and ``extract`` imports them from here (the one copy).

Converters mark italics with ``*...*`` or ``_..._`` and wrap links in ``<...>`` or Markdown
``[text](url)``.  The parsers use italics as a hint (in APA the italic part is the container
or the book title), so stripping is a separate, explicit step rather than done on reading.
"""

from __future__ import annotations

import re

_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_BOLD_STAR = re.compile(r"\*\*(?!\s)([^*\n]+?)(?<!\s)\*\*")
_ANGLE_URL = re.compile(r"<((?:https?|ftp)://[^<>\s]*)>?")
_ANGLE_URL_OPEN = re.compile(r"<((?:https?|ftp)://[^<>\s]*)$")
# A Markdown link: its text, then its URL unless the text is the URL already.
_MD_LINK = re.compile(r"\[([^\[\]\n]*)\]\(((?:https?|ftp)://[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = re.compile(r"[\s\u00a0\u2009\u202f]+")


def italic_spans(text: str) -> list[str]:
    """The ``*italic*`` spans of ``text``, in order (used as parsing hints)."""
    return [m.group(1) for m in _ITALIC_STAR.finditer(_BOLD_STAR.sub(r"\1", text))]


def strip_markup(text: str) -> str:
    """Plain text: no ``*``/``**`` emphasis, URLs out of ``<...>`` and Markdown links, no zero-width marks."""
    text = _ZERO_WIDTH.sub("", text)
    text = _MD_LINK.sub(_link_text, text)
    text = _BOLD_STAR.sub(r"\1", text)
    text = _ITALIC_STAR.sub(r"\1", text)
    text = _ANGLE_URL.sub(r"\1", text)
    return _ANGLE_URL_OPEN.sub(r"\1", text)


def _link_text(m: re.Match[str]) -> str:
    label, url = m.group(1).strip(), m.group(2)
    label = label.strip("*_ ")
    return url if not label or label.rstrip("/") == url.rstrip("/") else f"{label} {url}"


def normalize_space(text: str) -> str:
    """Collapse runs of white space (including no-break spaces) to one space."""
    return _SPACE.sub(" ", text).strip()

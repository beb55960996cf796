"""Output formats: the citeproc-py formatter modules for text, HTML and Markdown.

citeproc-py formats through a module exposing ``preformat`` (escaping) and one wrapper per
font feature.  ``html`` escapes every piece of item text (a title holding ``<script>`` stays
text); ``markdown`` escapes Markdown's active characters and uses ``*``/``**``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import SimpleNamespace

from citeproc.formatter import html as _cp_html
from citeproc.formatter import plain as _cp_plain

FORMATS = ("text", "html", "markdown")

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md_escape(text: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _wrapper(left: str, right: str) -> type:
    class Wrapped(str):
        def __new__(cls, text: object) -> Wrapped:
            s = str(text)
            return super().__new__(cls, f"{left}{s}{right}" if s else s)

    return Wrapped


markdown = SimpleNamespace(
    preformat=_md_escape,
    Italic=_wrapper("*", "*"),
    Oblique=_wrapper("*", "*"),
    Bold=_wrapper("**", "**"),
    Light=str,
    Underline=str,
    Superscript=_wrapper("<sup>", "</sup>"),
    Subscript=_wrapper("<sub>", "</sub>"),
    SmallCaps=str,
)


def _html_preformat(text: object) -> str:
    """Escape as citeproc-js does (numeric references: ``&#38;`` ``&#60;`` ``&#62;``)."""
    return str(text).replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


html = SimpleNamespace(
    preformat=_html_preformat,
    Italic=_cp_html.Italic,
    Oblique=_cp_html.Oblique,
    Bold=_cp_html.Bold,
    Light=_wrapper('<span style="font-weight:lighter;">', "</span>"),
    Underline=_wrapper('<span style="text-decoration:underline;">', "</span>"),
    Superscript=_cp_html.Superscript,
    Subscript=_cp_html.Subscript,
    SmallCaps=_cp_html.SmallCaps,
)

text = _cp_plain

# item text -> text safe in the format (``str`` for text: nothing to escape)
ESCAPES: dict[str, Callable[[str], str]] = {"text": str, "html": _html_preformat, "markdown": _md_escape}


def formatter_for(name: str) -> object:
    """The formatter module for an output format name."""
    return {"text": text, "html": html, "markdown": markdown}[name]

"""Bibliographies and citations in CSL styles, as close to citeproc-js as we can make them.

Public API::

    from citekeeper.render import Renderer, CiteRequest
    r = Renderer("apa", locale="en-US", fmt="text")
    r.bibliography(csl_items)                 # -> ["Smith, J. (2020). ...", ...]
    r.citations(csl_items, [[CiteRequest("smith2020", locator="97")]])

Only this package imports citeproc.  Layout: ``registry`` (style names, aliases, paths),
``engine`` (parse once, render), ``patches`` (our fixes over citeproc-py), ``source``
(CSL-JSON -> citeproc-py), ``formats`` (text/html/markdown).
"""

from .engine import (
    CiteRequest,
    MalformedStyleError,
    Renderer,
    UnknownLocaleError,
    load_style,
    normalize_locale,
)
from .registry import StyleError, StyleInfo, UnknownStyleError, find_style, search_styles

__all__ = [
    "CiteRequest",
    "MalformedStyleError",
    "Renderer",
    "StyleError",
    "StyleInfo",
    "UnknownLocaleError",
    "UnknownStyleError",
    "find_style",
    "load_style",
    "normalize_locale",
    "search_styles",
]

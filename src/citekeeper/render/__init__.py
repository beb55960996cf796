"""Bibliographies and citations in CSL styles, as close to citeproc-js as we can make them.

Public API::

    from citekeeper.render import Renderer, CiteRequest
    r = Renderer("apa", locale="en-US", fmt="text")
    r.bibliography(csl_items)                 # -> ["Smith, J. (2020). ...", ...]
    r.citations(csl_items, [[CiteRequest("smith2020", locator="97")]])

Only this package imports citeproc.  Layout: ``registry`` (style ids, titles, aliases,
paths, dependent styles), ``locales`` (locale files, fallback chain, an entry's language),
``engine`` (parse once, render), ``csl/`` (the CSL engine, one module per part of the spec),
``source`` (CSL-JSON -> citeproc-py), ``output`` and ``formats`` (text/html/markdown),
``settings`` (``[tool.citekeeper.render]``), ``api`` (what the commands do).
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

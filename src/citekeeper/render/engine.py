"""The renderer: parse a style and its locales once, then render bibliographies and citations.

Parsing a CSL style is the expensive part of a small job, so parsed styles are cached per
(path, modification time, locale).  Styles and locales are parsed with the element classes of
``patches`` (our layer over citeproc-py), never citeproc-py's own, and without RelaxNG
validation (slow, and citeproc-js does not validate either).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock
from typing import Any

from citeproc import LANGUAGE_NAMES, LOCALES_PATH, PRIMARY_DIALECTS
from citeproc.frontend import CitationStylesBibliography
from citeproc.source import Citation, CitationItem, Locator
from lxml import etree

from citekeeper.errors import MalformedInputError, NotFoundError, UsageError

from . import patches
from .formats import FORMATS, formatter_for
from .registry import StyleError, StyleInfo, find_style
from .source import Source, assign_keys

CSL_NS = "http://purl.org/net/xbiblio/csl"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"


class MalformedStyleError(MalformedInputError):
    """A CSL file that is not well-formed XML or not a CSL style (has ``line``)."""


class UnknownLocaleError(StyleError):
    """A ``--locale`` that names no locale we have."""


def _parser() -> etree.XMLParser:
    lookup = etree.ElementNamespaceClassLookup()
    ns = lookup.get_namespace(CSL_NS)
    ns[None] = patches.model.CitationStylesElement
    ns.update(patches.ELEMENT_CLASSES)
    parser = etree.XMLParser(remove_comments=True, no_network=True, resolve_entities=False)
    parser.set_element_class_lookup(lookup)
    return parser


_PARSER = _parser()
_PARSE_LOCK = Lock()


def _parse(path: Path, what: str) -> etree._ElementTree:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"no such {what}", file=str(path)) from None
    except OSError as exc:
        raise MalformedStyleError(f"cannot read {what}: {exc.strerror}", file=str(path)) from None
    try:
        with _PARSE_LOCK:
            tree = etree.ElementTree(etree.fromstring(data, _PARSER))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else None)
        msg = str(exc.msg if hasattr(exc, "msg") else exc).split("\n")[0]
        raise MalformedStyleError(f"malformed {what}: {msg}", file=str(path), line=line) from None
    return tree


def locale_path(name: str) -> Path | None:
    """The file of a locale: ours (newest en-US, ru-RU) first, then citeproc-py's."""
    for d in (LOCALES_DIR, Path(LOCALES_PATH)):
        p = d / f"locales-{name}.xml"
        if p.is_file():
            return p
    return None


def normalize_locale(name: str) -> str:
    """``ru`` -> ``ru-RU``, ``en_gb`` -> ``en-GB``; unknown locales raise UnknownLocaleError."""
    text = name.strip().replace("_", "-")
    parts = text.split("-")
    text = f"{parts[0].lower()}-{parts[1].upper()}" if len(parts) >= 2 else parts[0].lower()
    if locale_path(text) is not None:
        return text
    if text in PRIMARY_DIALECTS and locale_path(PRIMARY_DIALECTS[text]):
        return PRIMARY_DIALECTS[text]
    known = sorted(set(LANGUAGE_NAMES))
    raise UnknownLocaleError(f"unknown locale {name!r}; known: {', '.join(known[:12])} ...")


@dataclass
class LoadedStyle:
    info: StyleInfo
    tree: etree._ElementTree
    root: Any  # patches.Style
    locale: str
    keep: list[Any] = field(default_factory=list)  # pins lxml proxies (see patches)

    @property
    def is_note_style(self) -> bool:
        info = self.root.find(f"{{{CSL_NS}}}info")
        if info is not None:
            for cat in info.iter(f"{{{CSL_NS}}}category"):
                if cat.get("citation-format") == "note":
                    return True
        return self.root.get("class") == "note"

    @property
    def has_bibliography(self) -> bool:
        return self.root.find(f"{{{CSL_NS}}}bibliography") is not None


_CACHE: dict[tuple[str, float, str], LoadedStyle] = {}


def load_style(style: str | os.PathLike[str], locale: str | None = None) -> LoadedStyle:
    """Parse a style (name, alias or path) and its locales once; later calls hit a cache."""
    info = find_style(style)
    path = info.path
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    key = (str(path), mtime, locale or "")
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    tree = _parse(path, "CSL style")
    root = tree.getroot()
    if not isinstance(root, patches.Style):
        line = root.sourceline
        raise MalformedStyleError(
            "not a CSL style (root element must be <style> in the CSL namespace)",
            file=str(path),
            line=line,
        )
    if root.find(f"{{{CSL_NS}}}citation") is None:
        if root.find(f"{{{CSL_NS}}}info/{{{CSL_NS}}}link[@rel='independent-parent']") is not None:
            raise StyleError(
                f"{info.name} is a dependent style; use its parent style instead", file=str(path)
            )
        raise MalformedStyleError("CSL style has no <citation> element", file=str(path), line=1)
    loc = normalize_locale(locale or root.get("default-locale") or "en-US")
    patches.prepare_style(root, loc, _load_locale)
    loaded = LoadedStyle(info, tree, root, loc, keep=list(root.iter()))
    _CACHE[key] = loaded
    return loaded


def _load_locale(name: str) -> Any | None:
    p = locale_path(name)
    if p is None:
        return None
    return _parse(p, "CSL locale").getroot()


@dataclass
class CiteRequest:
    """One cited item: its id, and an optional locator (``"97"`` with label ``page``)."""

    id: str
    locator: str | None = None
    label: str = "page"
    prefix: str = ""
    suffix: str = ""


class Renderer:
    """Renders CSL-JSON items in one style, locale and output format."""

    def __init__(
        self, style: str | os.PathLike[str], *, locale: str | None = None, fmt: str = "text"
    ):
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        self.style = load_style(style, locale)
        self.fmt = fmt
        self.formatter = formatter_for(fmt)

    def _bib(self, items: list[dict[str, Any]]) -> tuple[CitationStylesBibliography, Any]:
        keyed = assign_keys(items)
        source = Source(keyed)
        root = self.style.root
        root.formatter = self.formatter
        bib = CitationStylesBibliography(_StyleHandle(root), source, self.formatter)
        return bib, keyed

    def bibliography(self, items: list[dict[str, Any]]) -> list[str]:
        """The bibliography entries (sorted as the style says), one string per entry."""
        if not self.style.has_bibliography:
            return []
        bib, keyed = self._bib(items)
        for key in keyed.keys:
            bib.register(Citation([CitationItem(key)]))
        bib.sort()
        return patches.finish_bibliography(self.style.root, bib, self.fmt)

    def citations(
        self, items: list[dict[str, Any]], clusters: list[list[CiteRequest]]
    ) -> list[str]:
        """One rendered citation per cluster, in order (note numbers are 1, 2, ...)."""
        bib, keyed = self._bib(items)
        built = []
        for n, cluster in enumerate(clusters, 1):
            cites = []
            for req in cluster:
                key = keyed.by_id.get(str(req.id), str(req.id).lower())
                extra: dict[str, Any] = {}
                if req.locator:
                    extra["locator"] = Locator(req.label or "page", req.locator)
                if req.prefix:
                    extra["prefix"] = req.prefix
                if req.suffix:
                    extra["suffix"] = req.suffix
                cites.append(CitationItem(key, **extra))
            citation = Citation(cites, note_index=n)
            bib.register(citation)
            built.append(citation)
        bib.sort()
        return [patches.finish_citation(self.style.root, bib, c, self.fmt) for c in built]


class _StyleHandle:
    """The slice of citeproc-py's ``CitationStylesStyle`` that its bibliography object uses."""

    def __init__(self, root: Any):
        self.root = root

    def render_citation(self, citation: Any, cites: Any, callback: Any = None) -> Any:
        return self.root.citation.render(citation, cites, callback)

    def sort_bibliography(self, items: Any) -> Any:
        return self.root.bibliography.sort(items)

    def render_bibliography(self, items: Any) -> Any:
        return self.root.bibliography.render(items)

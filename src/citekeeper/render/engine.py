"""The renderer: parse a style and its locales once, then render bibliographies and citations.

Parsing a CSL style is the expensive part of a small job, so parsed styles are cached per
(path, modification time, locale).  Styles and locales are parsed with the element classes of
``csl`` (our CSL engine over citeproc-py), never citeproc-py's own, and without RelaxNG
validation (slow, and citeproc-js does not validate either).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock
from typing import Any

from citeproc.source import CitationItem, Locator
from lxml import etree

from citekeeper.errors import MalformedInputError, NotFoundError, UsageError

from . import csl
from .csl.macros import macro_problem
from .formats import ESCAPES, FORMATS, formatter_for
from .locales import UnknownLocaleError, locale_path, normalize_locale
from .registry import StyleError, StyleInfo, find_style
from .source import Source, assign_keys

CSL_NS = "http://purl.org/net/xbiblio/csl"

__all__ = [
    "CiteRequest", "LoadedStyle", "MalformedStyleError", "Renderer", "UnknownLocaleError",
    "load_style", "load_style_xml", "locale_path", "normalize_locale",
]


class MalformedStyleError(MalformedInputError):
    """A CSL file that is not well-formed XML or not a CSL style (has ``line``)."""


def _parser() -> etree.XMLParser:
    lookup = etree.ElementNamespaceClassLookup()
    ns = lookup.get_namespace(CSL_NS)
    ns[None] = csl.model.CitationStylesElement
    ns.update(csl.ELEMENT_CLASSES)
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


@dataclass
class LoadedStyle:
    info: StyleInfo
    tree: etree._ElementTree
    root: Any  # csl.Style
    locale: str
    keep: list[Any] = field(default_factory=list)  # pins lxml proxies (see csl)

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


def load_style_xml(xml: str | bytes, locale: str | None = None, name: str = "<style>") -> LoadedStyle:
    """Parse a style given as XML text (not cached): CSL test-suite fixtures, tests."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    try:
        with _PARSE_LOCK:
            tree = etree.ElementTree(etree.fromstring(data, _PARSER))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else None)
        raise MalformedStyleError(f"malformed CSL style: {exc.msg}", file=name, line=line) from None
    return _finish_load(tree, StyleInfo(name, Path(name), "file"), locale)


def _finish_load(tree: etree._ElementTree, info: StyleInfo, locale: str | None) -> LoadedStyle:
    path = info.parent or info.path
    root = tree.getroot()
    if not isinstance(root, csl.Style):
        raise MalformedStyleError(
            "not a CSL style (root element must be <style> in the CSL namespace)",
            file=str(path),
            line=root.sourceline,
        )
    if root.find(f"{{{CSL_NS}}}citation") is None:
        if root.find(f"{{{CSL_NS}}}info/{{{CSL_NS}}}link[@rel='independent-parent']") is not None:
            raise StyleError(
                f"{info.name} is a dependent style whose parent is not known", file=str(path)
            )
        raise MalformedStyleError("CSL style has no <citation> element", file=str(path), line=1)
    problem = macro_problem(root)
    if problem is not None:
        raise MalformedStyleError(problem[1], file=str(path), line=problem[0])
    loc = normalize_locale(locale or info.default_locale or root.get("default-locale") or "en-US")
    csl.prepare_style(root, loc, _load_locale)
    return LoadedStyle(info, tree, root, loc, keep=list(root.iter()))


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
    # a dependent style renders with its parent's layout and its own default locale
    tree = _parse(info.parent or path, "CSL style")
    loaded = _finish_load(tree, info, locale)
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


def default_per_entry(style: LoadedStyle) -> bool:
    """Per-entry language is on by default for styles that ask each entry in its own language.

    GOST R 7.0.5 (and its numeric variants) prescribes the terms of each source's own language
    ("Vol.", "P." for English sources in a Russian bibliography), so per-entry is the default
    for every style whose id or title names GOST; other styles keep one locale for all entries,
    as citeproc-js does.
    """
    root = style.root
    info = root.find(f"{{{CSL_NS}}}info")
    text = style.info.name
    if info is not None:
        for tag in ("id", "title"):
            el = info.find(f"{{{CSL_NS}}}{tag}")
            if el is not None and el.text:
                text += " " + el.text
    return "gost" in text.lower() or "гост" in text.lower()


class Renderer:
    """Renders CSL-JSON items in one style, locale and output format.

    The parsed style is shared (cached) and never written while rendering: everything one
    render needs lives in its own objects (``csl.State`` per entry, the items), and the
    per-format, per-language data is built once and then only read.  Renderers of one style
    may run in several threads at once.
    """

    def __init__(
        self,
        style: str | os.PathLike[str] | LoadedStyle,
        *,
        locale: str | None = None,
        fmt: str = "text",
        locale_per_entry: bool | None = None,
    ):
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        self.style = style if isinstance(style, LoadedStyle) else load_style(style, locale)
        self.fmt = fmt
        self.formatter = formatter_for(fmt)
        if locale_per_entry is None:
            locale_per_entry = default_per_entry(self.style)
        self.locale_per_entry = locale_per_entry
        with _DATA_LOCK:
            self.data = csl.style_data(self.style.root, ESCAPES[fmt], locale_per_entry)

    @property
    def is_note_style(self) -> bool:
        return self.style.is_note_style

    def _setup(self, items: list[dict[str, Any]]) -> tuple[Any, Source]:
        keyed = assign_keys(items)
        return keyed, Source(keyed, self.data.escape)

    def _number_and_sort(self, items: list[Any], area: str) -> list[Any]:
        """Number by first cite, sort by the style's bibliography sort, renumber if sorted."""
        for n, it in enumerate(items, 1):
            it["_num"] = n
        bib = self.style.root.find(f"{{{CSL_NS}}}bibliography")
        sort = bib.find(f"{{{CSL_NS}}}sort") if bib is not None else None
        if sort is None:
            return items
        layout = bib.find(f"{{{CSL_NS}}}layout")
        ordered = sort.sort(items, layout, self.data)
        by_number = any(k.get("variable") == "citation-number" for k in sort.iterchildren())
        if not by_number:
            for n, it in enumerate(ordered, 1):
                it["_num"] = n
        return ordered

    def bibliography(self, items: list[dict[str, Any]],
                     omitted: list[dict[str, Any]] | None = None) -> list[str]:
        """The bibliography entries (sorted as the style says), one string per entry.

        ``omitted`` receives the items without an entry (the style has no bibliography, or
        its layout renders nothing for their type).
        """
        if not self.style.has_bibliography:
            if omitted is not None:
                omitted += items
            return []
        keyed, source = self._setup(items)
        cites = [_Cite(key, source) for key in keyed.keys]
        ordered = self._number_and_sort(cites, "bibliography")
        csl.add_year_suffixes(self.data, ordered, self.formatter)
        skipped: list[str] = []
        out = csl.render_bibliography(self.data, ordered, self.formatter, self.fmt, skipped)
        if omitted is not None and skipped:
            by_key = dict(zip(keyed.keys, keyed.items, strict=True))
            omitted += [by_key[k] for k in skipped if k in by_key]
        return out

    def citations(
        self, items: list[dict[str, Any]], clusters: list[list[CiteRequest]]
    ) -> list[str]:
        """One rendered citation per cluster, in order (note numbers are 1, 2, ...)."""
        keyed, source = self._setup(items)
        first: dict[str, _Cite] = {}
        built: list[list[_Cite]] = []
        for cluster in clusters:
            row = []
            for req in cluster:
                key = keyed.by_id.get(str(req.id), str(req.id).lower())
                c = _Cite(key, source)
                if req.locator:
                    c["locator"] = Locator(req.label or "page", req.locator)
                if req.prefix:
                    c["prefix"] = req.prefix
                if req.suffix:
                    c["suffix"] = req.suffix
                row.append(c)
                if key in source and key not in first:
                    first[key] = _Cite(key, source)
            built.append(row)
        ordered = self._number_and_sort(list(first.values()), "citation")
        csl.add_year_suffixes(self.data, ordered, self.formatter)
        numbers = {c.key: c["_num"] for c in ordered}
        csl.assign_positions(built, self.style.root)
        out = []
        for row in built:
            good = [c for c in row if c.key in source]
            for c in good:
                c["_num"] = numbers.get(c.key)
            missing = [f"[{c.key}?]" for c in row if c.key not in source]
            text = csl.render_citation(self.data, good, self.formatter, self.fmt) if good else ""
            out.append("; ".join([t for t in [text, *missing] if t]))
        return out


class _Cite(CitationItem):
    """A cite bound directly to its reference (citeproc-py looks it up through 3 objects)."""

    def __init__(self, key: str, source: Source):
        dict.__init__(self)
        self.__dict__["key"] = key
        self.__dict__["_ref"] = source.get(key)

    @property
    def reference(self) -> Any:
        return self.__dict__["_ref"]

    @property
    def key(self) -> str:
        return self.__dict__["key"]


_DATA_LOCK = Lock()  # building a style's per-format data once, not rendering

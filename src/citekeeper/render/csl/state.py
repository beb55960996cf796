"""Per-entry rendering state and the variable catalogue (CSL 1.0.2 "Appendix IV - Variables").

``State`` carries everything one entry's rendering needs (the item, its reference, the area,
the output format, the cite position, what substitution suppressed, the names rendered first)
so that nothing is written on the parsed style while rendering: renders of one cached style
may run at once.
"""

from __future__ import annotations

import re
from typing import Any

CSL_NS = "http://purl.org/net/xbiblio/csl"


XML_NS = "http://www.w3.org/XML/1998/namespace"


_T = f"{{{CSL_NS}}}"


# Bumped whenever a fix changes output, so caches keyed on it are invalidated.
LAYER_VERSION = 2


# The longest digit string read as a number: CPython 3.11+ int() refuses over 4,300 digits
# (sys.get_int_max_str_digits); longer ones are kept as text.
MAX_DIGITS = 4000
EN_DASH = "\u2013"


# variables citeproc-js reads through its multilingual path (CSL.MULTI_FIELDS): only these
# skip title case for non-English items
_LANG_CASED = frozenset({
    "event", "publisher", "publisher-place", "event-place", "title", "container-title",
    "collection-title", "authority", "genre", "title-short", "medium", "country", "jurisdiction",
    "archive", "archive-place", "container-title-short", "event-title",
})


NAME_VARS = {
    "author", "collection-editor", "composer", "container-author", "director", "editor",
    "editorial-director", "illustrator", "interviewer", "original-author", "recipient",
    "reviewed-author", "translator", "chair", "compiler", "contributor", "curator",
    "executive-producer", "guest", "host", "narrator", "organizer", "performer", "producer",
    "script-writer", "series-creator",
}


DATE_VARS = {"accessed", "available-date", "event-date", "issued", "original-date", "submitted"}


NUMBER_VARS = {
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
    "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first",
    "part-number", "printing-number", "section", "supplement-number", "version", "volume",
}


_NUMERIC = re.compile(r"^\s*\d+[a-zA-Z]*(?:\s*(?:[-\u2013&,]|and)\s*\d+[a-zA-Z]*)*\s*$")


def _pyvar(name: str) -> str:
    return name.replace("-", "_")


def item_number(item: Any) -> int:
    """The item's citation number, set by the engine (citeproc-py's is an O(n) list search)."""
    n = item.get("_num")
    return n if n is not None else item.number


class State:
    """Everything one entry's rendering needs; replaces citeproc-py's XPath look-ups."""

    __slots__ = (
        "area",
        "attempted",
        "bib_first",
        "bib_names",
        "cite",
        "collect",
        "first_names",
        "fmt",
        "item",
        "lang",
        "names_out",
        "position",
        "ref",
        "rendered",
        "sas",
        "skip_names",
        "sort_names",
        "style",
        "sub_proxy",
        "suppressed",
        "ys_done",
    )

    def __init__(self, style: Any, item: Any, area: str, fmt: Any, sort_names: dict | None = None):
        self.item = item
        self.ref = item.reference
        # per-entry language: the entry's own locale data (the same object when off)
        self.style = style = style.for_entry(self.ref)
        self.bib_first: str | None = None  # the entry's first names (subsequent-author-substitute)
        self.area = area  # "bibliography" | "citation"
        self.fmt = fmt
        self.sort_names = sort_names  # name options of a sort key (macro sorting)
        self.suppressed: set[str] = set()
        self.attempted = 0
        self.rendered = 0
        self.collect: set[str] | None = None
        self.position = "first"
        self.first_names: str | None = None
        self.sub_proxy: Any = None
        self.ys_done = False
        self.names_out: list[str] | None = None  # first names rendered (cite grouping)
        self.skip_names = False  # leave out the first names (collapsed cite)
        # (substitute, rule, previous entry's names text, its names one by one)
        self.sas: tuple[str, str, str | None, list[str]] | None = None
        self.bib_names: list[str] | None = None  # the entry's first names, one by one
        try:
            lang = str(self.ref.get("language") or "")
        except Exception:
            lang = ""
        self.lang = lang.split("-")[0].lower() if lang else style.lang

    def value(self, var: str) -> Any:
        """Variable value or None; counts the attempt for cs:group suppression."""
        self.attempted += 1
        if var in self.suppressed:
            return None
        v = self.ref.get(_pyvar(var))
        if v is None or (isinstance(v, (str, list)) and not v):
            return None
        self.rendered += 1
        if self.collect is not None:
            self.collect.add(var)
        return v

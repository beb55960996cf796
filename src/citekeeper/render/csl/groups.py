"""Affixes, formatting, delimiters and groups (CSL 1.0.2 "Affixes", "Formatting",
"Delimiter", "Group"), and the element base class.

gap: citeproc-py decided group suppression from which children *could* call a variable; CSL
suppresses a group when it called variables and all were empty
(group_SuppressTermWhenNoOutputFromPartialDate).  Punctuation meeting punctuation at a seam
merges by citeproc-js's table (bugreports_YearSuffixInHarvard1).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from citeproc import model

from ..marks import CLOSE_CURLY, CLOSE_QUOTE, CLOSE_SINGLE, LEFT_MARGIN_END, NUM_END, OPEN_QUOTE
from .state import State

_TRAILING_TAGS = re.compile(
    r"(?:</[a-z]+>|\*+|" + NUM_END + "|" + CLOSE_QUOTE + "|" + CLOSE_CURLY + "|" + CLOSE_SINGLE + ")+$"
)


def _last_char(text: str) -> str:
    """The last printed character, looking through closing tags (``U.S.</i>`` -> ``.``)."""
    m = _TRAILING_TAGS.search(text)
    if m and not any(q in m.group() for q in (CLOSE_QUOTE, CLOSE_CURLY, CLOSE_SINGLE)):
        return text[: m.start()][-1:]
    return text[-1:]


# citeproc-js's merge of a punctuation mark meeting another (CSL.Output.Queue.adjust,
# LtoR_MAP): left mark, right mark -> what prints.  "2015;" + "." -> "2015;",
# "Typology." + "." -> "Typology.", "end?" + "." -> "end?", ":" + "!" -> "!".
_PUNCT_MERGE = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}


def _merge_punct(text: str, right: str, same_only: bool = False) -> tuple[str, str]:
    """``text`` and the ``right`` piece that follows it, with a mark meeting a mark merged.

    ``same_only``: only a doubled mark merges.  A layout's suffix is such a case: citeproc-js
    prints MDPI's ``pp. 33–47;.`` (measured: the full table there loses 10 of 100 entries).
    """
    r = right[:1]
    if not r or r not in _PUNCT_MERGE:
        return text, right
    last = _last_char(text)
    if last == r:
        return text, right[1:]
    if same_only and _after_number(text):
        return text, right
    merged = _PUNCT_MERGE.get(last, {}).get(r)
    if merged == last:
        return text, right[1:]
    if merged == r and text.endswith(last):
        return text[:-1], right
    return text, right


def _after_number(text: str) -> bool:
    """Whether the mark ending ``text`` follows a numeric variable's output directly."""
    m = _TRAILING_TAGS.search(text)
    body = text[: m.start()] if m else text
    return body[:-1].endswith(NUM_END)


def _affix(el: Any, text: str | None, st: State | None = None) -> str | None:
    if not text:
        return None
    p = el.get("prefix")
    s = el.get("suffix")
    if st is not None and st.style.translates and (p or s):
        p, s = st.style.translate_affixes(el, p, s, st)
    if p:
        text = p + text if not (p[-1:] == " " and text[:1] == " ") else p + text[1:]
    if s:
        text, s = _merge_punct(text, s, same_only=isinstance(el, Layout))
        text = text + s
    return text


def _format(el: Any, text: str, st: State) -> str:
    f = st.fmt
    a = el.attrib
    if not a:
        return text
    fs = a.get("font-style")
    if fs == "italic" or fs == "oblique":
        text = f.Italic(text)
    if a.get("font-variant") == "small-caps":
        text = f.SmallCaps(text)
    fw = a.get("font-weight")
    if fw == "bold":
        text = f.Bold(text)
    elif fw == "light":
        text = f.Light(text)
    if a.get("text-decoration") == "underline":
        text = f.Underline(text)
    va = a.get("vertical-align")
    if va == "sup":
        text = f.Superscript(text)
    elif va == "sub":
        text = f.Subscript(text)
    return str(text)


def _decorate(el: Any, text: str | None, st: State, *, quotes_ok: bool = True) -> str | None:
    """strip-periods, formatting, quotes, affixes, display: the order citeproc-js applies."""
    if not text:
        return None
    strip, formatted, quotes, margin = _decoration(el)
    if strip:
        text = text.replace(".", "")
    if formatted:
        text = _format(el, text, st)
    if quotes_ok and quotes:
        text = OPEN_QUOTE + text + CLOSE_QUOTE
    text = _affix(el, text, st)
    if text and margin:
        text = text + LEFT_MARGIN_END
    return text


_FORMAT_ATTRS = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")


def _decoration(el: Any) -> tuple[bool, bool, bool, bool]:
    """An element's decoration attributes, read once (an attribute read through lxml costs
    more than the decoration itself: 20,000 ``_decorate`` calls per 1,000 IEEE entries)."""
    d = el.__dict__.get("_decoration")
    if d is None:
        a = el.attrib
        d = (a.get("strip-periods") == "true", any(a.get(k) for k in _FORMAT_ATTRS),
             a.get("quotes") == "true", a.get("display") == "left-margin")
        el.__dict__["_decoration"] = d
    return d


def _join(parts: list[str], delimiter: str) -> str:
    """Join like citeproc-js: no doubled space or doubled punctuation at a seam."""
    if not parts:
        return ""
    out = parts[0]
    for p in parts[1:]:
        d = delimiter
        if d:
            out, d = _merge_punct(out, d)
        left = out + d
        if (left[-1:] == " " and p[:1] == " ") or (not d and left[-1:] in ".,;:" and p[:1] == left[-1:]):
            p = p[1:]
        out = left + p
    return out


def _render_parts(el: Any, st: State) -> list[str]:
    """Rendered children; a cs:choose is transparent, its branch's children count singly."""
    parts = []
    for child in el._kids():
        if child.transparent:
            parts += child.parts(st)
            continue
        r = child.rend(st)
        if r:
            parts.append(r)
    return parts


def _render_children(el: Any, st: State, delimiter: str = "") -> str | None:
    parts = _render_parts(el, st)
    if not parts:
        return None
    return _join(parts, delimiter)


class _Base:
    """Mixin for every element: cached children, and a no-op ``rend``.

    ``transparent`` elements (cs:choose) lend their branch's children to the parent, so a
    group's delimiter goes between them.
    """

    transparent = False

    if TYPE_CHECKING:
        # Every concrete element is also an lxml element (citeproc's model classes), which
        # iterates its children; the mixin alone declares nothing, so say it for mypy.
        def __iter__(self) -> Iterator[Any]: ...

    def _kids(self) -> list[Any]:
        try:
            return self.__dict__["_kids_cache"]
        except KeyError:
            kids = [c for c in self if isinstance(c.tag, str)]
            self.__dict__["_kids_cache"] = kids
            return kids

    def rend(self, st: State) -> str | None:
        return None


class Style(_Base, model.Style):
    pass


class Locale(_Base, model.Locale):
    pass


class Citation(_Base, model.Citation):
    pass


class Bibliography(_Base, model.Bibliography):
    pass


class Term(_Base, model.Term):
    pass


class Info(_Base, model.CitationStylesElement):
    pass


class Macro(_Base, model.Macro):
    def rend(self, st: State) -> str | None:
        return _render_children(self, st)


class Layout(_Base, model.Layout):
    def rend(self, st: State) -> str | None:
        return _render_children(self, st)


class Group(_Base, model.Group):
    def rend(self, st: State) -> str | None:
        # gap: citeproc-py decided group suppression from which children *could* call a
        # variable, so a group holding a term plus an empty variable printed the bare term;
        # CSL suppresses a group when it called variables and all were empty
        # (CSL test suite: group_SuppressTermWhenNoOutputFromPartialDate).
        att, ren = st.attempted, st.rendered
        text = _render_children(self, st, self.get("delimiter", ""))
        if st.attempted > att and st.rendered == ren:
            return None
        if text and st.attempted == att:
            # a group of terms only counts as content for its parent group (citeproc-js)
            st.rendered += 1
        return _decorate(self, text, st)

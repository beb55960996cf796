"""cs:sort and cs:key (CSL 1.0.2 "Sorting"): sort keys of variables and macros.
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.source import Date as CpDate
from citeproc.source import DateRange, LiteralDate

from .. import collate
from ..marks import ALL as ALL_MARKS
from .groups import _Base
from .state import _T, DATE_VARS, MAX_DIGITS, NAME_VARS, NUMBER_VARS, State, _pyvar, item_number


class Sort(_Base, model.Sort):
    def sort(self, items: list, context: Any, style: Any = None) -> list:
        if style is None:
            style = context.get_root().data
        keys = [k for k in self._kids() if isinstance(k, Key)]
        area = "citation" if context.getparent().tag == _T + "citation" else "bibliography"
        rows = []
        for seq, item in enumerate(items):
            row = []
            for k in keys:
                row.append(k.value(style, item, area))
            rows.append((row, seq, item))
        lang = style.lang_full

        def cmp_key(entry: tuple) -> tuple:
            row, seq, _ = entry
            out = []
            for k, v in zip(keys, row, strict=True):
                desc = k.get("sort") == "descending"
                if v is None:
                    out.append((1, _Rev(()) if desc else ()))
                    continue
                if isinstance(v, str):
                    v = collate.sort_key(v, lang)
                out.append((0, _Rev(v) if desc else v))
            out.append(seq)
            return tuple(out)

        rows.sort(key=cmp_key)
        return [r[2] for r in rows]


class _Rev:
    """Reverses the order of a sort-key component (descending keys)."""

    __slots__ = ("v",)

    def __init__(self, v: Any):
        self.v = v

    def __lt__(self, other: _Rev) -> bool:
        return other.v < self.v

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Rev) and other.v == self.v


class Key(_Base, model.Key):
    def value(self, style: Any, item: Any, area: str) -> Any:
        a = self.attrib
        ref = item.reference
        if "variable" in a:
            var = a["variable"]
            if var == "citation-number":
                return (item_number(item),)
            v = ref.get(_pyvar(var))
            if v is None or (isinstance(v, str) and not v):
                return None
            if var in NAME_VARS:
                parts = []
                for nm in v:
                    if "literal" in nm:
                        parts.append(str(nm["literal"]))
                    else:
                        parts.append(" ".join(str(x) for x in (
                            nm.get("family"), nm.get("given"), nm.get("dropping-particle"),
                            nm.get("non-dropping-particle"), nm.get("suffix")) if x))
                return "  ".join(parts)
            if var in DATE_VARS:
                return None if dict.get(v, "raw_given") else _date_key(v)
            if var in NUMBER_VARS:
                m = re.match(rf"\s*(\d{{1,{MAX_DIGITS}}})", str(v))  # int() takes no more
                return (int(m.group(1)),) if m else str(v)
            return str(v).translate(_STRIP_MARKS)
        if "macro" in a:
            macro = style._macros.get(a["macro"])
            if macro is None:
                return None
            opts = {"_sorting": True, "name-as-sort-order": "all"}
            for o in ("names-min", "names-use-first", "names-use-last"):
                if o in a:
                    target = o.replace("names", "et-al")
                    opts[target] = a[o] == "true" if o == "names-use-last" else int(a[o])
            st = State(style, item, area, style._plain, sort_names=opts)
            text = macro.rend(st)
            if not text:
                return None
            if _ONLY_DATE.match(text):
                return text
            return text.translate(_STRIP_MARKS)
        return None


_ONLY_DATE = re.compile(r"^\d{4,}")


_STRIP_MARKS = {ord(c): None for c in ALL_MARKS}


def _date_key(v: Any) -> Any:
    if isinstance(v, LiteralDate):
        return None
    if isinstance(v, DateRange):
        b = v.begin
        e = v.get("end")
        return (b.get("year", 0), b.get("month", 0) or 0, b.get("day", 0) or 0,
                e.get("year", 0) if e else 0)
    if isinstance(v, CpDate):
        return (v.get("year", 0), v.get("month", 0) or 0, v.get("day", 0) or 0, 0)
    return None

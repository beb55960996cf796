"""cs:date and cs:date-part (CSL 1.0.2 "Date", "Date-part", "Date Ranges").
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.source import DateRange, LiteralDate

from . import textcase
from .groups import _Base, _decorate, _format, _join, _merge_punct
from .state import EN_DASH, State


class Date(_Base, model.Date):
    def rend(self, st: State) -> str | None:
        var = self.get("variable")
        value = st.value(var)
        if value is None:
            return None
        if st.sort_names is not None and dict.get(value, "raw_given"):
            return None  # as citeproc-js: see source.Source._date
        form = self.get("form")
        style = st.style
        if form:
            loc = style._dates.get(form)
            if loc is None:
                return None
            show = self.get("date-parts", "year-month-day").split("-")
            overrides = {p.get("name"): p.attrib for p in self._kids() if isinstance(p, Date_Part)}
            parts = [(p, overrides.get(p.get("name"), {})) for p in loc._kids()
                     if isinstance(p, Date_Part) and p.get("name") in show]
            delimiter = loc.get("delimiter", "")
        else:
            parts = [(p, {}) for p in self._kids() if isinstance(p, Date_Part)]
            delimiter = self.get("delimiter", "")
        st_implicit = (var == "issued" and st.style.implicit_year_suffix and not st.ys_done
                       and st.sort_names is None)
        if isinstance(value, LiteralDate):
            text = st.style.escape(value.text)
        elif isinstance(value, DateRange):
            text = self._range(value, parts, delimiter, st)
        else:
            text = self._single(value, parts, delimiter, st)
        if not text:
            return None
        if st_implicit and st.ref.get("year_suffix") and not st.ys_done:
            # citeproc-js appends the year suffix to the first issued year when the style
            # does not place it itself (CSL test suite: disambiguate_YearSuffixFiftyTwoEntries)
            ys = st.ref["year_suffix"]
            text = re.sub(r"(\d{4})(?!.*\d{4})", lambda m: m.group(1) + ys, text, count=1)
            st.ys_done = True
        return _decorate(self, text, st)

    def _single(self, d: Any, parts: list, delimiter: str, st: State, strip: tuple = ("", "")) -> str:
        out = []
        for p, over in parts:
            t = p.part(d, st, over)
            if t:
                out.append(t)
        return _join(out, delimiter)

    def _range(self, r: DateRange, parts: list, delimiter: str, st: State) -> str:
        b, e = r.begin, r.get("end")
        if e is None or e.is_nil():
            return self._single(b, parts, delimiter, st)
        # only the parts both dates have (a month range has no day part to carry affixes)
        parts = [(p, over) for p, over in parts
                 if p.get("name") != "day" or (b.get("day") is not None and e.get("day") is not None)]
        parts = [(p, over) for p, over in parts
                 if p.get("name") != "month" or b.get("month", b.get("season")) is not None]
        names = [p.get("name") for p, _ in parts]
        order = ["year", "month", "day"]
        differ = None
        for n in order:
            if n == "month":
                bv, ev = b.get("month", b.get("season")), e.get("month", e.get("season"))
            else:
                bv, ev = b.get(n), e.get(n)
            if bv != ev:
                differ = n
                break
        if differ is None:
            return self._single(b, parts, delimiter, st)
        rank = {"day": 0, "month": 1, "year": 2}
        in_run = [rank[n] <= rank[differ] for n in names]
        idx = [i for i, f in enumerate(in_run) if f]
        if not idx:
            return self._single(b, parts, delimiter, st)
        lo, hi = idx[0], idx[-1]
        run = parts[lo: hi + 1]
        rdelim = run[-1][0].get("range-delimiter") or run[-1][1].get("range-delimiter") or EN_DASH
        # the range delimiter comes from the largest differing part
        for p, over in run:
            if p.get("name") == differ:
                rdelim = over.get("range-delimiter", p.get("range-delimiter", EN_DASH))
        bt = [p.part(b, st, over, drop_suffix=(i == len(run) - 1)) for i, (p, over) in enumerate(run)]
        et = [p.part(e, st, over, drop_prefix=(i == 0)) for i, (p, over) in enumerate(run)]
        middle = _join([t for t in bt if t], delimiter) + rdelim + _join([t for t in et if t], delimiter)
        before = [p.part(b, st, over) for p, over in parts[:lo]]
        after = [p.part(b, st, over) for p, over in parts[hi + 1:]]
        return _join([t for t in [*before, middle, *after] if t], delimiter)


class Date_Part(_Base, model.Date_Part):
    def part(self, d: Any, st: State, over: dict, drop_prefix: bool = False, drop_suffix: bool = False) -> str | None:
        name = self.get("name")
        attr = dict(self.attrib)
        attr.update(over)
        style = st.style
        text: str | None = None
        if name == "year":
            y = d.get("year")
            if y is None:
                return None
            form = attr.get("form", "long")
            if form == "short":
                text = f"{abs(y) % 100:02d}"
            else:
                text = str(abs(y))
                if y < 0:
                    text += style.term("bc")
                elif y < 1000:
                    text += style.term("ad")
        elif name == "month":
            m = d.get("month")
            season = d.get("season")
            form = attr.get("form", "long")
            if m is None:
                if season is None:
                    return None
                text = style.term(f"season-{int(season):02d}")
            elif m > 12:
                text = style.term(f"season-{(m - 13) % 4 + 1:02d}")
            elif form == "numeric":
                text = str(m)
            elif form == "numeric-leading-zeros":
                text = f"{m:02d}"
            else:
                text = style.term(f"month-{m:02d}", "short" if form == "short" else "long")
                if attr.get("strip-periods") == "true":
                    text = text.replace(".", "")
        elif name == "day":
            dd = d.get("day")
            if dd is None:
                return None
            form = attr.get("form", "numeric")
            if form == "ordinal" and dd > 1 and style._limit_day_ordinals:
                form = "numeric"
            if form == "numeric-leading-zeros":
                text = f"{dd:02d}"
            elif form == "ordinal":
                text = style.ordinal(dd)
            else:
                text = str(dd)
        if not text:
            return None
        text = textcase.apply(attr.get("text-case"), text)
        f = _FakeEl(attr)
        text = _format(f, text, st)
        p = "" if drop_prefix else attr.get("prefix", "")
        s = "" if drop_suffix else attr.get("suffix", "")
        if s:
            text, s = _merge_punct(text, s)  # "set." + "." -> "set." (ABNT's short months)
        return p + text + s


class _FakeEl:
    """Attribute holder so merged date-part attributes can go through ``_format``."""

    def __init__(self, attrib: dict):
        self.attrib = attrib

    def get(self, k: str, default: Any = None) -> Any:
        return self.attrib.get(k, default)

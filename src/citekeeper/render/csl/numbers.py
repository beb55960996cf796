"""cs:number and cs:label, numeric ranges and page ranges (CSL 1.0.2 "Number",
"Label", "Page Ranges").
"""

from __future__ import annotations

import re

from citeproc import model

from ..marks import NUM_END
from . import textcase
from .groups import _Base, _decorate
from .state import EN_DASH, MAX_DIGITS, State, _pyvar

_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90),
          ("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


_NUM_PART = r"(?:\d+[a-zA-Z]*|[a-zA-Z]*\d+|[ivxlcdm]+|[IVXLCDM]+)"


_NUM_RANGE = re.compile(rf"(?<![\w-])({_NUM_PART})\s*-\s*({_NUM_PART})(?![\w-])")


_DIGITS = re.compile(r"^\s*\d+(?:\s*[-\u2013,&]\s*\d+)*\s*$")


def num_end(value: str, text: str) -> str:
    """``text`` marked as the output of a numeric variable when ``value`` is all digits.

    citeproc-js never merges punctuation into a number's output ("Never migrate into a num
    node", CSL.Output.Queue.adjust): MDPI prints ``pp. 33–47;.`` but ``pp. iv–xii;`` and
    ``Vol. 2a;`` (measured on 300 MDPI entries).
    """
    return text + NUM_END if text and _DIGITS.match(value) else text


def _number_dash(value: str) -> str:
    """``2-3`` -> ``2–3`` in number variables, as citeproc-js prints numeric ranges."""
    if "-" not in value:
        return value
    return _NUM_RANGE.sub(lambda m: m.group(1) + EN_DASH + m.group(2), value)


class Number(_Base, model.Number):
    def rend(self, st: State) -> str | None:
        var = self.get("variable")
        if var == "locator":
            loc = st.item.get("locator") if hasattr(st.item, "get") else None
            st.attempted += 1
            if loc is None:
                return None
            st.rendered += 1
            value = str(loc.identifier)
        else:
            value = st.value(var)
            if value is None:
                return None
            value = str(value)
        form = self.get("form", "numeric")
        text = st.style.number(value, form, page=var == "page")
        text = textcase.apply(self.get("text-case"), text)
        if var not in ("citation-number", "locator"):
            text = num_end(value, text)
        return _decorate(self, text, st)


class Label(_Base, model.Label):
    def rend(self, st: State, variable: str | None = None, plural: bool | None = None) -> str | None:
        var = variable or self.get("variable")
        if not var:
            return None
        form = self.get("form", "long")
        if variable is None:
            if var == "locator":
                loc = st.item.get("locator") if hasattr(st.item, "get") else None
                if loc is None:
                    return None
                var = loc.label or "page"
                value = str(loc.identifier)
            else:
                v = st.ref.get(_pyvar(var))
                if v is None or var in st.suppressed:
                    return None
                value = str(v)
            opt = self.get("plural", "contextual")
            if opt == "always":
                plural = True
            elif opt == "never":
                plural = False
            elif var.startswith("number-of"):
                m = re.match(rf"\d{{1,{MAX_DIGITS}}}", value)  # int() takes no more
                plural = bool(m and int(m.group()) > 1)
            else:
                # citeproc-js: any range or list mark between two parts makes it plural
                # ("2150-R" -> "Nos.")
                plural = bool(re.search(r"\w\s*(?:[-\u2013,&]|\band\b)\s*\w", value))
        else:
            opt = self.get("plural", "contextual")
            if opt == "always":
                plural = True
            elif opt == "never":
                plural = False
        text = st.style.term(var, form, bool(plural))
        text = textcase.apply(self.get("text-case"), text)
        return _decorate(self, text, st)


def _page_last(first: str, last: str, fmt: str | None) -> str:
    """Shorten the last page of a range per ``page-range-format`` (CSL 1.0.2 rules)."""
    # isdecimal, not isdigit: int() refuses '²'; MAX_DIGITS: int() refuses longer strings
    if not fmt or not first.isdecimal() or not last.isdecimal() or len(first) > MAX_DIGITS:
        return last
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    if fmt == "expanded":
        return last
    if fmt in ("chicago", "chicago-15", "chicago-16"):
        f = int(first)
        if f < 100 or f % 100 == 0:
            return last
        if f % 100 < 10:
            fmt = "minimal"
        else:
            fmt = "minimal-two"
            if fmt == "chicago-15" and len(first) == 4 and len(last) == 4 and first[0] != last[0]:
                return last
    if len(first) != len(last):
        return last
    i = 0
    while i < len(first) and first[i] == last[i]:
        i += 1
    short = last[i:]
    if fmt == "minimal-two" and len(short) < 2 and len(last) >= 2:
        short = last[-2:]
    return short or last

"""Cite grouping and collapsing inside a citation (CSL 1.0.2 "Cite Grouping",
"Cite Collapsing"): ``collapse="year"``, ``"citation-number"``.
"""

from __future__ import annotations

from typing import Any

from .groups import _join, _render_children
from .state import EN_DASH, State, item_number
from .style_data import StyleData


def _cite_affixes(item: Any, body: str) -> str:
    p = item.get("prefix", "") if hasattr(item, "get") else ""
    s = item.get("suffix", "") if hasattr(item, "get") else ""
    return f"{p}{body}{s}"


def _collapse_years(data: StyleData, layout: Any, cit: Any, rows: list, fmt: Any, delimiter: str) -> str:
    """collapse="year": cites by the same names print the names once (CSL "Cite grouping").

    gap: citeproc-py collapses nothing (CSL test suite: collapse_YearSuffixCollapse...).
    """
    groups: list[list] = []
    index: dict[str, int] = {}
    for row in rows:
        names = row[0]
        if names is not None and names in index:
            groups[index[names]].append(row)
        else:
            if names is not None:
                index[names] = len(groups)
            groups.append([row])
    cite_delim = cit.get("cite-group-delimiter", ", ")
    after = cit.get("after-collapse-delimiter", delimiter)
    out = ""
    prev_collapsed = False
    for gi, group in enumerate(groups):
        texts = [_cite_affixes(group[0][2], group[0][1])]
        for _, _, item in group[1:]:
            st = State(data, item, "citation", fmt)
            st.position = getattr(item, "position", "first")
            st.names_out = []
            st.skip_names = True
            rest = _render_children(layout, st)
            if rest:
                texts.append(_cite_affixes(item, rest))
        piece = _join(texts, cite_delim)
        out = _join([out, piece], after if prev_collapsed else delimiter) if gi else piece
        prev_collapsed = len(group) > 1
    return out


def _collapse_numbers(rows: list, delimiter: str, cit: Any) -> str:
    """collapse="citation-number": runs of three or more numbers become ``1–3``."""
    nums = []
    for _, body, item in rows:
        n = item_number(item)
        plain = body.strip("[]() ")
        if plain != str(n) or item.get("locator") or item.get("prefix") or item.get("suffix"):
            return _join([_cite_affixes(item, b) for _, b, item in rows], delimiter)
        nums.append((n, body))
    out: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1][0] == nums[j][0] + 1:
            j += 1
        if j - i >= 2:
            out.append(nums[i][1] + EN_DASH + nums[j][1])
        else:
            out += [b for _, b in nums[i: j + 1]]
        i = j + 1
    return _join(out, delimiter)

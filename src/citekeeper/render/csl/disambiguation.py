"""Disambiguation (CSL 1.0.2 "Disambiguation"): names, given names, the
disambiguate condition and year suffixes, in the spec's order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc.formatter import plain as _PLAIN

from .groups import _render_children
from .names import initialize
from .state import _T, State, _pyvar
from .style_data import StyleData


def add_year_suffixes(data: StyleData, ordered: list, fmt: Any) -> None:
    """Disambiguate citations that look the same, in CSL's order of methods.

    gap: citeproc-py does no disambiguation at all.  Done here, in CSL 1.0.2's order:
    ``disambiguate-add-names`` (show more names), ``disambiguate-add-givenname`` (initials,
    then full given names; the ``all-names``/``primary-name`` rules also for names that are
    ambiguous across the whole list, as APA requires), rendering with ``disambiguate="true"``
    conditions, and year suffixes a, b, ... in bibliography order (CSL test suite:
    disambiguate_YearSuffixAndSort, disambiguate_ByCiteDisambiguateCondition,
    disambiguate_ByCiteTwoAuthorsSameFamilyName).
    """
    root = data.root
    cit = root.find(_T + "citation")
    if cit is None:
        return
    layout = cit.find(_T + "layout")
    uses_condition = any(e.get("disambiguate") == "true" for e in root.iter(_T + "if", _T + "else-if"))
    add_suffix = cit.get("disambiguate-add-year-suffix") == "true"
    add_names = cit.get("disambiguate-add-names") == "true"
    add_given = cit.get("disambiguate-add-givenname") == "true"
    rule = cit.get("givenname-disambiguation-rule", "by-cite")
    if not (uses_condition or add_suffix or add_names or add_given):
        return

    # note styles disambiguate their short (subsequent) form, as citeproc-js does
    position = "subsequent" if root.get("class") == "note" else "first"

    def cite_text(item: Any) -> str:
        st = State(data, item, "citation", _PLAIN)
        st.position = position
        return _render_children(layout, st) or ""

    def clashes(items: list) -> list[list]:
        groups: dict[str, list] = {}
        for item in items:
            groups.setdefault(cite_text(item), []).append(item)
        return [g for g in groups.values() if len(g) > 1]

    if add_given and rule != "by-cite":
        _global_givennames(ordered, rule)
    ambiguous = clashes(ordered)
    by_cite_given = (add_given and rule == "by-cite") or (add_given and rule.startswith("primary"))
    if (add_names or by_cite_given) and ambiguous:
        try:
            use_first = int(cit.get("et-al-use-first", "1"))
        except ValueError:
            use_first = 1
        given_levels = [1] if rule.endswith("with-initials") else [1, 2]
        for group in ambiguous:
            saved = [dict(it.reference.get("_dis_given") or {}) for it in group]
            longest = max(len(_cited_names(it)) for it in group)
            # citeproc-js's ladder, one name at a time: its given name (initials, then in
            # full), then the next name shown, and so on; each cite stops where it stands apart
            cache: dict[tuple, list[str]] = {}

            def set_cfg(it: Any, old: dict, n: int, exp: dict[int, int]) -> None:
                if n:
                    it.reference["_dis_names"] = n
                else:
                    it.reference.pop("_dis_names", None)
                merged = dict(old)
                for idx, lv in exp.items():
                    if idx < len(_cited_names(it)):
                        merged[idx] = max(lv, merged.get(idx, 0))
                it.reference["_dis_given"] = merged

            def partners(n: int, exp: dict[int, int], k: int, group: list = group,
                         saved: list = saved, cache: dict = cache) -> int:
                key = (n, tuple(sorted(exp.items())))
                if key not in cache:
                    for it, old in zip(group, saved, strict=True):
                        set_cfg(it, old, n, exp)
                    cache[key] = [cite_text(it) for it in group]
                texts = cache[key]
                return sum(1 for t in texts if t == texts[k]) - 1

            chosen: list[tuple[int, dict[int, int]]] = []
            for k in range(len(group)):
                # citeproc-js's ladder, one name at a time: the name's given name (initials,
                # then in full) if that helps, then the next name; stop once the cite stands apart
                n = 0
                exp: dict[int, int] = {}  # name index -> given-name level shown
                p = partners(n, exp, k)
                best = (p, n, dict(exp))
                shown = use_first
                for m in range(longest):
                    if p == 0:
                        break
                    if m >= shown:
                        if not add_names:
                            break
                        shown = m + 1
                        n = shown
                        p = partners(n, exp, k)
                        if p < best[0]:
                            best = (p, n, dict(exp))
                    if by_cite_given and (m == 0 or not rule.startswith("primary")):
                        for lv in given_levels:
                            trial = {**exp, m: lv}
                            q = partners(n, trial, k)
                            if q < p:
                                exp, p = trial, q
                                if p < best[0]:
                                    best = (p, n, dict(exp))
                                if p == 0:
                                    break
                chosen.append((best[1], best[2]))
            for it, old, (n, exp) in zip(group, saved, chosen, strict=True):
                set_cfg(it, old, n, exp)
        ambiguous = clashes(ordered)
    if uses_condition and ambiguous:
        flagged = [it for g in ambiguous for it in g]
        for it in flagged:
            it.reference["_disambiguate"] = True
        ambiguous = clashes(flagged)
    if add_suffix:
        for same in ambiguous:
            for i, item in enumerate(same):
                item.reference["year_suffix"] = _suffix(i)


def _per_item_levels(group: list, levels: list, apply: Callable[[int], None],
                     cite_text: Callable[[Any], str]) -> list[int]:
    """For each cite, the lowest level leaving it the fewest look-alikes in its group.

    Mirrors citeproc-js: a cite keeps added names (or given names) when they reduce the
    cites it is confused with, even if some ambiguity remains, and drops them otherwise.
    """
    texts = {}
    for lv in levels:
        apply(lv)
        texts[lv] = [cite_text(it) for it in group]
    chosen = []
    for k in range(len(group)):
        best_lv, best = levels[0], None
        for lv in levels:
            partners = sum(1 for t in texts[lv] if t == texts[lv][k]) - 1
            if best is None or partners < best:
                best_lv, best = lv, partners
        chosen.append(best_lv)
    return chosen


def _cited_names(item: Any) -> list:
    """The names a citation most likely shows: the first of the usual name variables."""
    ref = item.reference
    for var in ("author", "editor", "translator", "collection-editor", "container-author"):
        names = ref.get(_pyvar(var))
        if names:
            return names
    return []


def _global_givennames(items: list, rule: str) -> None:
    """Expand names whose family name two different people share (all-names, primary-name)."""
    primary = rule.startswith("primary")
    initials_only = rule.endswith("with-initials")
    seen: dict[str, set[str]] = {}

    def names_of(item: Any) -> list:
        names = _cited_names(item)
        return names[:1] if primary else names

    def fam(nm: Any) -> str:
        return " ".join(str(x) for x in (nm.get("non-dropping-particle"), nm.get("family")) if x)

    for it in items:
        for nm in names_of(it):
            if "family" in nm:
                seen.setdefault(fam(nm), set()).add(str(nm.get("given") or ""))
    for it in items:
        exp: dict[int, int] = {}
        for i, nm in enumerate(names_of(it)):
            givens = seen.get(fam(nm), set())
            if len(givens) < 2 or not nm.get("given"):
                continue
            mine = initialize(str(nm["given"]), ".", True, True)
            shared = sum(1 for g in givens if initialize(g, ".", True, True) == mine) > 1
            exp[i] = 2 if shared and not initials_only else 1
        if exp:
            it.reference["_dis_given"] = exp


def _suffix(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = letters[r] + out
    return out

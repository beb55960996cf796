"""Entry points: one bibliography, one citation (CSL 1.0.2 "Bibliography", "Citation").
"""

from __future__ import annotations

from typing import Any

from ..marks import LEFT_MARGIN_END
from ..output import finish as finish_marks
from .collapsing import _cite_affixes, _collapse_numbers, _collapse_years
from .groups import _decorate, _join, _render_children, _render_parts
from .state import _T, State
from .style_data import StyleData


def _entry_state(data: StyleData, item: Any, area: str, fmt: Any) -> State:
    return State(data, item, area, fmt)


def render_bibliography(data: StyleData, items: list, fmt: Any, fmt_name: str,
                        omitted: list[str] | None = None) -> list[str]:
    """Render sorted bibliography items, with subsequent-author-substitute.

    An item the layout renders to nothing (APA leaves out personal communications) has no
    entry; its key goes into ``omitted`` so callers can tell the user, not lose it silently.
    """
    root = data.root
    bib = root.find(_T + "bibliography")
    layout = bib.find(_T + "layout")
    sas = bib.get("subsequent-author-substitute")
    sas_rule = bib.get("subsequent-author-substitute-rule", "complete-all")
    sfa = bib.get("second-field-align") in ("flush", "margin")
    out = []
    prev_names: str | None = None
    prev_list: list[str] = []
    quotes = _quotes(data)
    for item in items:
        st = State(data, item, "bibliography", fmt)
        if sas is not None:
            st.sas = (data.escape(sas), sas_rule, prev_names, prev_list)
        if sfa:
            # gap: "no space after [1]": second-field-align puts the first field in the
            # margin (citeproc-js: "[1] " in text, csl-left-margin div in HTML;
            # CSL test suite: bugreports_SecondFieldAlign... / display_SecondFieldAlignClone)
            parts = _render_parts(layout, st)
            if not parts:
                if omitted is not None:
                    omitted.append(item.key)
                continue
            # the rest joins like any layout: "n.d." + ". https://doi.org/..." -> "n.d. https"
            body: str | None = parts[0] + LEFT_MARGIN_END + _join(parts[1:], "") if len(parts) > 1 else parts[0]
        else:
            body = _render_children(layout, st)
        if not body:
            if omitted is not None:
                omitted.append(item.key)
            continue
        prev_names = st.bib_first
        prev_list = st.bib_names or []
        text = _decorate(layout, body, st, quotes_ok=False)
        text = finish_marks(text or "", piq=data.piq, quotes=quotes, fmt=fmt_name)
        if fmt_name == "html":
            text = f'<div class="csl-entry">{text}</div>'
        out.append(text)
    return out


def _quotes(data: StyleData) -> tuple[str, str, str, str]:
    return (
        data.term("open-quote") or "\u201c",
        data.term("close-quote") or "\u201d",
        data.term("open-inner-quote") or "\u2018",
        data.term("close-inner-quote") or "\u2019",
    )


def render_citation(data: StyleData, cites: list, fmt: Any, fmt_name: str) -> str:
    """One citation: sort its cites, render each, group and collapse as the style says."""
    root = data.root
    cit = root.find(_T + "citation")
    layout = cit.find(_T + "layout")
    sort = cit.find(_T + "sort")
    if sort is not None and len(cites) > 1:
        cites = sort.sort(list(cites), layout, data)
    collapse = cit.get("collapse")
    rows = []  # (names, body, item)
    for item in cites:
        st = State(data, item, "citation", fmt)
        st.position = getattr(item, "position", "first")
        st.names_out = []
        body = _render_children(layout, st)
        if body:
            rows.append((st.names_out[0] if st.names_out else None, body, item))
    delimiter = layout.get("delimiter", "")
    if collapse in ("year", "year-suffix", "year-suffix-ranged") and len(rows) > 1:
        text = _collapse_years(data, layout, cit, rows, fmt, delimiter)
    elif collapse == "citation-number" and len(rows) > 1:
        text = _collapse_numbers(rows, delimiter, cit)
    else:
        text = _join([_cite_affixes(item, body) for _, body, item in rows], delimiter)
    decorated = _decorate(layout, text, State(data, cites[0], "citation", fmt), quotes_ok=False) if rows else ""
    return finish_marks(decorated or "", piq=data.piq, quotes=_quotes(data), fmt=fmt_name)

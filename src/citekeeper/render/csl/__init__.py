"""The CSL engine: our layer over citeproc-py 0.11, laid out by the CSL 1.0.2 specification.

citeproc-py builds a style as an lxml tree whose elements are instances of the classes in
``citeproc.model``.  We parse styles and locales with our own element-class lookup
(``ELEMENT_CLASSES``), mapping each CSL element to a subclass that renders through
``rend(state)``: one explicit per-entry ``State`` instead of citeproc-py's XPath look-ups.
Each fix names the gap it closes and the official CSL test-suite fixture that checks it.

One module per part of the spec, as citeproc-js lays its engine out:

=================  ===========================================================
``state``          per-entry state, variable catalogue
``groups``         affixes, formatting, delimiters, cs:group, element base
``text``           cs:text            ``numbers``     cs:number, cs:label, ranges
``conditions``     cs:choose          ``dates``       cs:date, cs:date-part
``names``          cs:names and its children, subsequent-author-substitute
``sorting``        cs:sort, cs:key    ``textcase``    text-case, title case
``disambiguation`` names, given names, condition, year suffixes
``collapsing``     cite grouping and collapsing
``positions``      first / subsequent / ibid
``style_data``     terms, dates, options of a locale chain; per-entry language
``render``         the bibliography and citation entry points
=================  ===========================================================

Speed (gap: citeproc-py takes 5x citeproc-js's time on 5,000 APA entries): the style and its
locales are parsed once (``engine.load_style``); terms, dates, macros and inheritable options
are resolved once per style into dicts; no XPath runs while rendering.

Written for citeproc-py 0.11.x (pinned ``>=0.11,<0.12``).
"""

from __future__ import annotations

from citeproc import model

from .conditions import Choose, Else, Else_If, If
from .dates import Date, Date_Part
from .disambiguation import add_year_suffixes
from .groups import Bibliography, Citation, Group, Info, Layout, Locale, Macro, Style, Term
from .names import Et_Al, Name, Name_Part, Names, Substitute
from .numbers import Label, Number
from .positions import assign_positions
from .render import render_bibliography, render_citation
from .sorting import Key, Sort
from .state import LAYER_VERSION, State
from .style_data import StyleData, prepare_style, style_data
from .text import Text

ELEMENT_CLASSES: dict[str, type] = {
    cls.__name__.replace("_", "-").lower(): cls
    for cls in (
        Style, Locale, Citation, Bibliography, Term, Sort, Key, Macro, Layout, Text, Date,
        Date_Part, Number, Names, Name, Name_Part, Et_Al, Substitute, Label, Group, Choose, If,
        Else_If, Else, Info,
    )
}



__all__ = [
    "ELEMENT_CLASSES", "LAYER_VERSION", "State", "Style", "StyleData", "add_year_suffixes",
    "assign_positions", "model", "prepare_style", "render_bibliography", "render_citation",
    "style_data",
]

"""Our layer over citeproc-py 0.11: element subclasses that close its gaps to citeproc-js.

citeproc-py builds a style as an lxml tree whose elements are instances of the classes in
``citeproc.model`` (``Text``, ``Names``, ``Group`` ...).  We parse styles and locales with our
own element-class lookup that maps each CSL element to a subclass defined here, so every fix
lives in one place and citeproc-py itself stays untouched.  Each fix names the gap it closes
and the official CSL test-suite fixture that tests it (copied under
``tests/render/data/csl_suite/``).

Written for citeproc-py 0.11.x (pinned ``>=0.11,<0.12`` in pyproject.toml); the private
methods overridden here may change in any other version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS, model

CSL_NS = "http://purl.org/net/xbiblio/csl"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Bumped whenever a fix changes output, so caches keyed on it are invalidated.
LAYER_VERSION = 1


class Style(model.Style):
    pass


class Locale(model.Locale):
    pass


class Citation(model.Citation):
    pass


class Bibliography(model.Bibliography):
    pass


class Term(model.Term):
    pass


class Sort(model.Sort):
    pass


class Key(model.Key):
    pass


class Macro(model.Macro):
    pass


class Layout(model.Layout):
    pass


class Text(model.Text):
    pass


class Date(model.Date):
    pass


class Date_Part(model.Date_Part):
    pass


class Number(model.Number):
    pass


class Names(model.Names):
    pass


class Name(model.Name):
    pass


class Name_Part(model.Name_Part):
    pass


class Et_Al(model.Et_Al):
    pass


class Substitute(model.Substitute):
    pass


class Label(model.Label):
    pass


class Group(model.Group):
    pass


class Choose(model.Choose):
    pass


class If(model.If):
    pass


class Else_If(model.Else_If):
    pass


class Else(model.Else):
    pass


ELEMENT_CLASSES: dict[str, type] = {
    cls.__name__.replace("_", "-").lower(): cls
    for cls in (
        Style, Locale, Citation, Bibliography, Term, Sort, Key, Macro, Layout, Text, Date,
        Date_Part, Number, Names, Name, Name_Part, Et_Al, Substitute, Label, Group, Choose, If,
        Else_If, Else,
    )
}


# -- style set-up --------------------------------------------------------------------------


def prepare_style(root: Any, locale: str, load_locale: Callable[[str], Any | None]) -> None:
    """Build the style's locale fallback chain (CSL 1.0.2 "Locale Fallback") with our loader.

    citeproc-py's ``Style.set_locale_list`` always reads its own (older) locale files; we look
    in ours first so en-US and ru-RU terms match what citeproc-js is given.
    """
    root.locales = []
    added: set[str] = set()
    ns = {"cs": CSL_NS, "xml": XML_NS}

    def in_style(lang: str | None) -> None:
        expr = f'./cs:locale[@xml:lang="{lang}"]' if lang else "./cs:locale[not(@xml:lang)]"
        root.locales.extend(root.xpath(expr, namespaces=ns))

    def from_file(lang: str) -> None:
        if lang in added:
            return
        loc = load_locale(lang)
        if loc is not None:
            root.locales.append(loc)
            added.add(lang)

    language = locale.split("-")[0]
    in_style(locale)
    if language != locale:
        in_style(language)
    in_style(None)
    if locale in LANGUAGE_NAMES or load_locale(locale) is not None:
        from_file(locale)
    if language in PRIMARY_DIALECTS:
        from_file(PRIMARY_DIALECTS[language])
    from_file("en-US")
    for loc in root.locales:
        loc.style = root
    root.locale_name = locale


# -- finishing output ----------------------------------------------------------------------


def finish_bibliography(root: Any, bib: Any, fmt: str) -> list[str]:
    """Render the sorted bibliography and turn each entry into final text."""
    out = []
    for entry in bib.bibliography():
        text = finish(root, str(entry), fmt)
        if fmt == "html":
            text = f'<div class="csl-entry">{text}</div>'
        out.append(text)
    return out


def finish_citation(root: Any, bib: Any, citation: Any, fmt: str) -> str:
    """Render one citation cluster; an unknown key renders as ``[KEY?]`` like citeproc-py."""
    def missing(item: Any) -> str:
        return f"[{item.key}?]"

    return finish(root, str(bib.cite(citation, missing)), fmt)


def finish(root: Any, text: str, fmt: str) -> str:
    """Generic last pass over an entry (quotes, punctuation at seams); never per style."""
    return text.strip()

"""Per-style data resolved once: terms, dates and options of the locale chain, for
one locale and output format, and the per-entry-language variants (``StyleData.for_entry``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from citeproc.formatter import plain as _PLAIN

from ..marks import APOSTROPHE
from .numbers import _ROMAN, _page_last
from .state import _T, EN_DASH, MAX_DIGITS

_NAME_DEFAULTS = {
    "and": None,
    "delimiter": ", ",
    "delimiter-precedes-et-al": "contextual",
    "delimiter-precedes-last": "contextual",
    "et-al-min": 0,
    "et-al-use-first": 0,
    "et-al-subsequent-min": None,
    "et-al-subsequent-use-first": None,
    "et-al-use-last": False,
    "form": "long",
    "initialize": True,
    "initialize-with": None,
    "initialize-with-hyphen": True,
    "name-as-sort-order": None,
    "sort-separator": ", ",
}


def _term_table(locales: list[Any]) -> dict[tuple[str, str], tuple[str, str]]:
    """(name, form) -> (single, multiple) of the first locale that defines each term."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for loc in locales:
        terms = loc.find(_T + "terms")
        if terms is None:
            continue
        for t in terms.iterchildren(_T + "term"):
            name = t.get("name", "")
            if name.startswith("ordinal") or t.get("gender-form"):
                continue
            key = (name, t.get("form", "long"))
            if key in out:
                continue
            out[key] = term_texts(t)
    return out


def term_texts(t: Any) -> tuple[str, str]:
    """A cs:term's (single, multiple) text; a term without the two has one text for both."""
    single = t.find(_T + "single")
    multiple = t.find(_T + "multiple")
    if single is None and multiple is None:
        return (t.text or "", t.text or "")
    sv = (single.text if single is not None else "") or ""
    return sv, (multiple.text if multiple is not None else sv) or ""


# terms an affix of an element with this variable may spell out literally ("С. " before page)
_AFFIX_TERMS = {
    "number-of-pages": ("number-of-pages", "page"), "page-first": ("page",),
    "number-of-volumes": ("number-of-volumes", "volume"), "chapter-number": ("chapter",),
    "collection-number": ("issue", "number"),
}


_TERM_FORMS = ("verb-short", "verb", "short", "symbol", "long")


class StyleData:
    """Resolved data of one style in one locale and output format: terms, dates, macros,
    options.  Built once and never written while rendering, so renders of a cached style may
    run at once.

    ``per_entry`` makes ``for_entry`` give an entry whose ``language`` names another language
    its own ``StyleData`` (built once per language), whose terms, dates and punctuation are that
    language's; literal affixes written in the style's own language ("С. ", "/ под ред. ") are
    then translated term by term (``translate_affixes``).
    """

    def __init__(self, root: Any, locale: str, locales: list[Any] | None = None,
                 escape: Callable[[str], str] = str, *, per_entry: bool = False,
                 variant_of: StyleData | None = None):
        self.root = root
        self.lang_full = locale
        self.lang = locale.split("-")[0].lower()
        self.escape: Callable[[str], str] = escape
        self.per_entry = per_entry
        self._variants: dict[str, StyleData] = {}
        self._variant_of = variant_of
        self._load_locale: Callable[[str], Any | None] | None = None
        if locales is None:
            locales = root.locales
        self.locales = locales
        self._macros = {m.get("name"): m for m in root.iterchildren(_T + "macro")}
        self.implicit_year_suffix = not any(
            t.get("variable") == "year-suffix" for t in root.iter(_T + "text")
        )
        self._terms: dict[tuple[str, str], tuple[str, str]] = {}
        self._dates: dict[str, Any] = {}
        self._ordinals: dict[str, tuple[str, str]] = {}
        piq = None
        limit = None
        ordinals_from: Any = None
        for loc in locales:
            terms = loc.find(_T + "terms")
            if terms is not None:
                for t in terms.iterchildren(_T + "term"):
                    key = (t.get("name"), t.get("form", "long"))
                    if t.get("name", "").startswith("ordinal") and t.get("gender-form"):
                        continue
                    if key[0].startswith("ordinal"):
                        # CSL: a locale that defines ordinals replaces all fallback ordinals
                        if ordinals_from is None:
                            ordinals_from = loc
                        elif ordinals_from is not loc:
                            continue
                    if key in self._terms:
                        continue
                    s, m = term_texts(t)
                    # citeproc-js prints a term's straight apostrophe curly ("l’adresse")
                    self._terms[key] = (s.replace("'", APOSTROPHE), m.replace("'", APOSTROPHE))
                    if key[0].startswith("ordinal"):
                        self._ordinals[key[0]] = (t.get("match", ""), s)
            for d in loc.iterchildren(_T + "date"):
                self._dates.setdefault(d.get("form"), d)
            opts = loc.find(_T + "style-options")
            if opts is not None:
                if piq is None and opts.get("punctuation-in-quote") is not None:
                    piq = opts.get("punctuation-in-quote") == "true"
                if limit is None and opts.get("limit-day-ordinals-to-day-1") is not None:
                    limit = opts.get("limit-day-ordinals-to-day-1") == "true"
        self.piq = bool(piq)
        self._limit_day_ordinals = bool(limit)
        self.demote = root.get("demote-non-dropping-particle", "display-and-sort")
        self.page_range_format = root.get("page-range-format")
        self._plain = _PLAIN
        # a cs:names without cs:name renders as if it had an empty one
        self.default_name = root.makeelement(_T + "name")
        self._name_opts: dict = {}
        self._inherited: dict[tuple[str, str], Any] = {}
        own = (root.get("default-locale") or "en-US").split("-")[0].lower()
        # affixes are written in the style's own language: translate them in any other
        self.translates = self.lang != own
        self._source: list[tuple[str, tuple[str, str, bool]]] | None = None
        self._affix_cache: dict[tuple, tuple[str | None, str | None]] = {}

    # per-entry language
    def for_entry(self, ref: Any) -> StyleData:
        """The data to render ``ref`` with: its own language's when per-entry is on."""
        if not self.per_entry:
            return self
        try:
            lang = ref.get("language")
        except Exception:
            return self
        from ..locales import entry_locale, locale_chain, script_language

        if not lang or not isinstance(lang, str):
            # no language field: the title's script may still tell (Latin in a Russian list)
            title = ref.get("title") or ref.get("container_title") or ""
            lang = script_language(str(title), self.lang) if title else None
            if lang is None:
                return self
        else:
            # A Russian work cited in English translation ("... (In Russian)" of a journal's
            # English reference list) keeps language ru, but its entry is Latin-script text:
            # "С. 80-84" and "под ред." inside it read wrong; its script's terms are used.
            title = ref.get("title") or ref.get("container_title") or ""
            if title and script_language(str(title), lang.split("-")[0].lower()) == "en":
                lang = "en"
        hit = self._variants.get(lang)
        if hit is not None:
            return hit

        loc = entry_locale(lang)
        data = self
        if loc is not None and loc.split("-")[0].lower() != self.lang and self._load_locale:
            data = StyleData(self.root, loc, locale_chain(self.root, loc, self._load_locale,
                                                          skip_mirrors=True),
                             self.escape, variant_of=self)
            data._load_locale = self._load_locale
        self._variants[lang] = data
        return data

    def _source_terms(self) -> list[tuple[str, tuple[str, str, bool]]]:
        """Literal term texts of the style's own language, longest first, each with the
        (name, form, plural) it spells; the locale file's terms win over the style's own
        overrides (the GOST style's ``под ред.`` is the file's verb-short, "ed. by")."""
        if self._source is not None:
            return self._source
        from ..locales import locale_chain, normalize_locale

        own = normalize_locale(self.root.get("default-locale") or "en-US")
        files: list[Any] = []
        chain = locale_chain(self.root, own, self._load_locale) if self._load_locale else []
        files = [loc for loc in chain if loc.getparent() is None]
        seen: dict[str, tuple[str, str, bool]] = {}
        for table in (_term_table(files), _term_table(chain)):
            for (name, form), (single, multiple) in table.items():
                for text, plural in ((single, False), (multiple, True)):
                    if text and re.search(r"[^\W\d_]", text):
                        for variant in (text, text[:1].upper() + text[1:]):
                            seen.setdefault(variant, (name, form, plural))
        self._source = sorted(seen.items(), key=lambda kv: -len(kv[0]))
        return self._source

    def translate_affixes(self, el: Any, prefix: str | None, suffix: str | None,
                          st: Any) -> tuple[str | None, str | None]:
        """Affixes with the terms of the style's language they spell out put in this one's.

        Only the terms of the element's own variables are looked for (``С. `` before
        ``page``, ``Т. `` before ``volume``, ``/ под ред. `` before editor names), so other
        literal text stays as the style wrote it.
        """
        names = el.get("variable", "").split()
        if "locator" in names:
            loc = st.item.get("locator") if hasattr(st.item, "get") else None
            names = [*names, (loc.label if loc is not None else None) or "page"]
        key = (prefix, suffix, tuple(names))
        hit = self._affix_cache.get(key)
        if hit is not None:
            return hit
        wanted = set(names)
        for n in names:
            wanted.update(_AFFIX_TERMS.get(n, ()))
        out = []
        for text in (prefix, suffix):
            if text and re.search(r"[^\W\d_]", text) and wanted:
                for src, (name, form, plural) in self._source_terms():
                    if name not in wanted or src not in text:
                        continue
                    target = self.term(name, form, plural)
                    if not target or target == src:
                        continue
                    if src[:1].isupper() and src[:1] != src[:1].lower():
                        target = target[:1].upper() + target[1:]
                    # the term is literal text: its backslashes escaped, the template has no \1
                    text = re.sub(rf"(?<!\w){re.escape(src)}(?!\w)", target.replace("\\", r"\\"), text)
            out.append(text)
        result = (out[0], out[1])
        self._affix_cache[key] = result
        return result

    # terms
    def has_term(self, name: str) -> bool:
        return (name, "long") in self._terms

    def term(self, name: str, form: str = "long", plural: bool = False) -> str:
        chain = {"verb-short": ("verb-short", "verb", "long"), "symbol": ("symbol", "short", "long"),
                 "short": ("short", "long"), "verb": ("verb", "long")}.get(form, (form,))
        for f in chain:
            t = self._terms.get((name, f))
            if t is not None:
                return self.escape(t[1] if plural else t[0])
        return ""

    def ordinal(self, n: int) -> str:
        o = self._ordinals
        s = f"ordinal-{n % 100:02d}"
        if s in o and (n % 100 >= 10 or (o[s][0] == "whole-number" and n == n % 100)) and (
            o[s][0] != "whole-number" or n < 100
        ):
            return f"{n}{self.escape(o[s][1])}"
        s = f"ordinal-{n % 10:02d}"
        if (s in o and o[s][0] != "whole-number" and o[s][0] != "last-two-digits") or (
            s in o and o[s][0] in ("whole-number",) and n < 10
        ):
            return f"{n}{self.escape(o[s][1])}"
        return f"{n}{self.term('ordinal')}"

    # numbers
    def number(self, value: str, form: str, page: bool = False) -> str:
        if page:
            return self.page_range(value)
        # At most MAX_DIGITS: int() refuses longer digit strings (CPython 3.11+, a
        # ValueError: exit 70 on ``volume = {9…9}``); such a value is printed as text.
        m = re.fullmatch(rf"\s*(\d{{1,{MAX_DIGITS}}})\s*", value)
        if not m:
            text = self.escape(value)
            return re.sub(r"(?<=\d)\s*-\s*(?=\d)", EN_DASH, text)
        n = int(m.group(1))
        if form == "ordinal":
            return self.ordinal(n)
        if form == "long-ordinal":
            t = self.term(f"long-ordinal-{n:02d}") if n <= 10 else ""
            return t or self.ordinal(n)
        if form == "roman" and n <= 3999:  # 4,000 is no roman numeral; a loop of n/1000 Ms hung
            out = []
            x = n
            for sym, val in _ROMAN:
                while x >= val:
                    out.append(sym)
                    x -= val
            return "".join(out)
        return str(n)

    def page_range(self, value: str, first_only: bool = False) -> str:
        value = self.escape(value)
        delim = self.term("page-range-delimiter") or EN_DASH
        fmt = self.page_range_format

        def one(m: re.Match[str]) -> str:
            a, b = m.group(1), m.group(2)
            if first_only:
                return a
            return a + delim + _page_last(a, b, fmt)

        if first_only:
            m = re.match(r"\s*([^\s,\-\u2013&]+)", value)
            return m.group(1) if m else value
        value = re.sub(r"([A-Za-z]*\d+)\s*[-\u2013]+\s*([A-Za-z]*\d+)", one, value)
        return re.sub(r"\b([ivxlcdm]+|[IVXLCDM]+)\s*-\s*([ivxlcdm]+|[IVXLCDM]+)\b",
                      lambda m: m.group(1) + delim + m.group(2), value)

    # inheritable name options
    def inherited(self, el: Any, area: str, attr: str) -> Any:
        key = (area, attr)
        if key in self._inherited:
            return self._inherited[key]
        node = self.root.find(_T + area)
        value = node.get(attr) if node is not None and node.get(attr) is not None else self.root.get(attr)
        self._inherited[key] = value
        return value

    def name_options(self, name: Any, area: str) -> dict:
        o = dict(_NAME_DEFAULTS)
        sources = [self.root, self.root.find(_T + area)]
        for src in sources:
            if src is None:
                continue
            for k in o:
                key = k
                if k in ("delimiter", "form"):
                    key = "name-" + k
                v = src.get(key)
                if v is not None:
                    o[k] = v
        for k in o:
            v = name.get(k)
            if v is not None:
                o[k] = v
        for k in ("et-al-min", "et-al-use-first", "et-al-subsequent-min", "et-al-subsequent-use-first"):
            given = o[k]
            if given is not None:
                try:
                    o[k] = int(given)
                except (TypeError, ValueError):
                    o[k] = 0
        if o["et-al-subsequent-min"] is None:
            o["et-al-subsequent-min"] = o["et-al-min"]
        if o["et-al-subsequent-use-first"] is None:
            o["et-al-subsequent-use-first"] = o["et-al-use-first"]
        for k in ("et-al-use-last", "initialize", "initialize-with-hyphen"):
            if isinstance(o[k], str):
                o[k] = o[k] == "true"
        return o


def prepare_style(root: Any, locale: str, load_locale: Callable[[str], Any | None]) -> StyleData:
    """Build the locale fallback chain (``locales.locale_chain``) and the style's data.

    citeproc-py's ``Style.set_locale_list`` always reads its own (older) locale files; we look
    in ours first so en-US and ru-RU terms match what citeproc-js is given.
    """
    from ..locales import locale_chain

    # a locale the user chose over the style's own language is not overridden by a mirror
    # of the style's own-language terms (see ``locales``): ``--locale en-US`` works for GOST
    root.locales = locale_chain(root, locale, load_locale, skip_mirrors=True)
    for loc in root.locales:
        loc.style = root
    data = StyleData(root, locale, root.locales)
    data._load_locale = load_locale
    root.__dict__["data"] = data
    return data


def style_data(root: Any, escape: Callable[[str], str], per_entry: bool) -> StyleData:
    """The style's data for one output format and per-entry setting (built once each)."""
    base: StyleData = root.data
    if escape is base.escape and per_entry == base.per_entry:
        return base
    cache = root.__dict__.setdefault("data_variants", {})
    key = (escape, per_entry)
    hit = cache.get(key)
    if hit is None:
        hit = StyleData(root, base.lang_full, base.locales, escape, per_entry=per_entry)
        hit._load_locale = base._load_locale
        cache[key] = hit
    return hit

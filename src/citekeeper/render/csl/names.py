"""cs:names, cs:name, cs:name-part, cs:et-al, cs:substitute (CSL 1.0.2 "Names").

Includes initials (``initialize``), name order and particles, et-al and et-al-use-last,
editor-translator merging, substitution (name_SubstituteMacroInheritDecorations) and
subsequent-author-substitute by name (name_SubstitutePartialEach).
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model

from ..marks import APOSTROPHE, KEEP_SPACE
from . import textcase
from .conditions import Choose
from .groups import _affix, _Base, _decorate, _format, _join
from .numbers import Label
from .state import State, _pyvar

_NBSP_PARTICLE = frozenset({"ru", "fr"})  # locales where citeproc-js glues "van\u00a0Berg"


class Names(_Base, model.Names):
    def parts(self) -> tuple[Any, Any, Any, Any, bool]:
        """(name, et-al, label, substitute) children, and whether the label comes before
        the name (its position decides the order they print in)."""
        try:
            return self.__dict__["_parts"]
        except KeyError:
            name = etal = label = sub = None
            label_first = False
            for c in self._kids():
                if isinstance(c, Name):
                    name = c
                    label_first = label is not None
                elif isinstance(c, Et_Al):
                    etal = c
                elif isinstance(c, Label):
                    label = c
                elif isinstance(c, Substitute):
                    sub = c
            self.__dict__["_parts"] = (name, etal, label, sub, label_first)
            return self.__dict__["_parts"]

    def rend(self, st: State, proxy: Any = None) -> str | None:
        if proxy is None and st.sub_proxy is not None and self.parts()[0] is None:
            proxy = st.sub_proxy
        name, etal, label, sub, label_first = (proxy if proxy is not None else self).parts()
        variables = self.get("variable", "").split()
        text = self._names(st, variables, name, etal, label, label_first)
        if text is None and sub is not None and proxy is None:
            bib_names = st.bib_names
            text = sub.rend(st, self)
            if (text and st.area == "bibliography" and st.sas is not None and bib_names is None
                    and st.bib_names is None and st.sas[1].startswith("partial")):
                # a title standing for the names counts as one name for the partial rules
                # (citeproc-js: MHRA's "——. 1974." after the same title); complete-all
                # compares names only (MLA keeps the title)
                st.bib_names = [text]
                if st.sas[3][:1] == [text]:
                    text = st.sas[0]
            return _decorate(self, text, st) if text else None
        if text is None:
            return None
        if st.first_names is None and st.sort_names is None:
            st.first_names = text
        if st.names_out is not None and not st.names_out:
            st.names_out.append(text)
            if st.skip_names:
                return None
        if st.area == "bibliography" and st.bib_first is None:
            st.bib_first = text
            if st.sas is not None and st.sas[1] == "complete-all" and st.sas[2] == text:
                # gap: subsequent-author-substitute ignored by citeproc-py; the names of
                # an entry equal to the previous entry's are replaced, affixes kept
                # (CSL test suite: sort_SubsequentAuthorSubstitute... ).
                text = st.sas[0]
                if not text:
                    return None
        return _decorate(self, text, st)

    @staticmethod
    def _substitute_names(st: State, rendered: list[str]) -> list[str]:
        """subsequent-author-substitute by name (``complete-each``, ``partial-each``,
        ``partial-first``): names equal to the previous entry's, from the first on, become
        the substitute (CSL test suite: sort_SubsequentAuthorSubstitute... ; MHRA's
        "——, and J. R. de Smith")."""
        st.bib_names = list(rendered)
        if st.sas is None:
            return rendered
        sub, rule, _, prev = st.sas
        if rule not in ("complete-each", "partial-each", "partial-first"):
            return rendered
        if rule == "complete-each":
            return [sub] * len(rendered) if rendered == prev else rendered
        out = list(rendered)
        for i, name in enumerate(rendered):
            if i >= len(prev) or name != prev[i] or (rule == "partial-first" and i > 0):
                break
            out[i] = sub
        return out

    def _names(self, st: State, variables: list[str], name: Any, etal: Any, label: Any, label_first: bool) -> str | None:
        ref = st.ref
        found = []
        for v in variables:
            st.attempted += 1
            if v in st.suppressed:
                continue
            names = ref.get(_pyvar(v))
            if names:
                found.append((v, names))
        if not found:
            return None
        st.rendered += 1
        if st.collect is not None:
            st.collect.update(v for v, _ in found)
        # editor and translator the same people: one list with the "editortranslator" term
        if (
            len(found) == 2
            and {found[0][0], found[1][0]} == {"editor", "translator"}
            and _same_names(found[0][1], found[1][1])
            and st.style.has_term("editortranslator")
        ):
            found = [("editortranslator", dict(found)["editor"])]
        if name is None:
            name = st.style.default_name
        if name.get("form") == "count":
            total = sum(name.count(st, names) for _, names in found)
            return str(total) if total else None
        outs = []
        for v, names in found:
            t = name.render_list(st, names, etal)
            if not t:
                continue
            if name.get("prefix") or name.get("suffix"):
                # cs:name's own affixes wrap the name list, inside the label (CSL 1.0.2
                # "Name"; citeproc-py dropped them: frontiers' "eds.M. A. Dupont")
                t = _affix(name, t, st) or t
            if label is not None and st.sort_names is None:
                lt = label.rend(st, variable=v, plural=len(names) > 1)
                if lt:
                    t = lt + t if label_first else t + lt
            outs.append(t)
        if not outs:
            return None
        delim = self.get("delimiter")
        if delim is None:
            delim = st.style.inherited(self, st.area, "names-delimiter") or ""
        return _join(outs, delim)


def _same_names(a: list, b: list) -> bool:
    return [dict(x) for x in a] == [dict(x) for x in b]


class Name(_Base, model.Name):
    def opts(self, st: State) -> dict:
        key = st.area
        cache = self.__dict__.setdefault("_opts", {})
        o = cache.get(key)
        if o is None:
            o = st.style.name_options(self, st.area)
            cache[key] = o
        if st.sort_names:
            o = dict(o)
            o.update(st.sort_names)
        return o

    def count(self, st: State, names: list) -> int:
        o = self.opts(st)
        n = len(names)
        et_min, use_first = o["et-al-min"], o["et-al-use-first"]
        if st.position != "first" and st.area == "citation":
            et_min, use_first = o["et-al-subsequent-min"], o["et-al-subsequent-use-first"]
        if et_min and n >= et_min:
            return min(use_first, n)
        return n

    def render_list(self, st: State, names: list, etal: Any) -> str | None:
        o = self.opts(st)
        n = len(names)
        et_min, use_first = o["et-al-min"], o["et-al-use-first"]
        if st.position != "first" and st.area == "citation":
            et_min, use_first = o["et-al-subsequent-min"], o["et-al-subsequent-use-first"]
        # disambiguation changes only the first names of an entry (the ones citations show)
        more = st.ref.get("_dis_names") if st.sort_names is None and st.first_names is None else None
        if more:
            # names added to tell citations apart show in the bibliography too (citeproc-js)
            use_first = max(use_first, more)
        truncate = bool(et_min) and n >= et_min and use_first < n
        shown = names[:use_first] if truncate else names
        if truncate and use_first == 0:
            return None
        each = [self.one(st, nm, i, o) for i, nm in enumerate(shown)]
        rendered = [r for r in each if r]
        if not rendered:
            return None
        if st.area == "bibliography" and st.sort_names is None and st.bib_names is None:
            rendered = Names._substitute_names(st, rendered)
        delim = o["delimiter"]
        inverted_last = o["name-as-sort-order"] == "all" or (
            o["name-as-sort-order"] == "first" and len(rendered) == 1
        )
        if truncate:
            if o["et-al-use-last"] and use_first <= et_min - 2 and n > use_first + 1:
                last = self.one(st, names[-1], n - 1, o)
                return _join(rendered, delim) + delim + "\u2026 " + last
            if st.sort_names is not None:
                return _join(rendered, delim)  # sort keys carry no "et al." (citeproc-js)
            if etal is not None:
                if etal.get("term") and not st.style.term(etal.get("term")):
                    return _join(rendered, delim)
                et = etal.rend(st)
            else:
                et = st.style.term("et-al")
            if not et:
                return _join(rendered, delim)
            dpe = o["delimiter-precedes-et-al"]
            use_delim = (
                dpe == "always"
                or (dpe == "contextual" and len(rendered) >= 2)
                or (dpe == "after-inverted-name" and inverted_last)
            )
            if use_delim and delim.endswith(" ") and et.startswith(" "):
                # citeproc-js keeps a delimiter's space and the et-al prefix's space
                # ("Öztürk,  [и др.]"); protect the second from the doubled-space clean-up
                et = KEEP_SPACE + et[1:]
            return _join(rendered, delim) + (delim if use_delim else " ") + et
        if len(rendered) == 1:
            return rendered[0]
        if st.sort_names is not None:
            return _join(rendered, delim)  # sort keys carry no "and" (citeproc-js)
        and_ = o["and"]
        if and_ is None:
            return _join(rendered, delim)
        and_term = st.style.term("and") if and_ == "text" else st.style.escape("&")
        dpl = o["delimiter-precedes-last"]
        inverted_penult = o["name-as-sort-order"] == "all" or (
            o["name-as-sort-order"] == "first" and len(rendered) == 2
        )
        use_delim = (
            dpl == "always"
            or (dpl == "contextual" and len(rendered) >= 3)
            or (dpl == "after-inverted-name" and inverted_penult)
        )
        if "literal" in shown[-1] and "literal" not in shown[0]:
            # citeproc-js joins a trailing institution as a list of its own: "Kowalski, I. &
            # NASA" for two names, "A, B, and World Bank" for more, whatever the
            # delimiter-precedes-last (iso690's "never")
            use_delim = len(rendered) >= 3
        head = _join(rendered[:-1], delim)
        return head + (delim if use_delim else " ") + and_term + " " + rendered[-1]

    def one(self, st: State, nm: Any, index: int, o: dict) -> str | None:
        style = st.style
        esc = style.escape
        if "literal" in nm:
            lit = esc(str(nm["literal"]).replace("'", APOSTROPHE))
            return self._part_fmt(st, "family", lit)
        family = esc(str(nm.get("family") or "").replace("'", APOSTROPHE))
        given = esc(str(nm.get("given") or ""))
        dp = esc(str(nm.get("dropping-particle") or ""))
        ndp = esc(str(nm.get("non-dropping-particle") or ""))
        suffix = esc(str(nm.get("suffix") or ""))
        if not family and given:
            family, given = given, ""
        if suffix and o["initialize-with"] is not None and "." not in o["initialize-with"]:
            suffix = suffix.replace(".", "")  # "Jr" where initials carry no periods (citeproc-js)
        form = o["form"]
        if (form == "short" and st.area == "citation" and given and st.sort_names is None
                and st.first_names is None):
            expand = st.ref.get("_dis_given")
            level = expand.get(index) if expand else None
            if level:
                # disambiguate-add-givenname: the name gains initials, then its given name
                if level == 1:
                    mark = o["initialize-with"] if o["initialize-with"] is not None else ". "
                    given = initialize(given, mark, True, o["initialize-with-hyphen"])
                fam = " ".join(x for x in (dp, ndp, family) if x)
                fam = self._part_fmt(st, "family", fam)
                giv = self._part_fmt(st, "given", given)
                out = f"{giv} {fam}"
                if suffix:
                    out += (", " if nm.get("comma-suffix") else " ") + suffix
                return out
        full_given = False
        if st.area == "bibliography" and given and st.first_names is None:
            # citeproc-js carries full given names added to tell citations apart into the
            # bibliography ("Smith, John" / "Smith, Jane")
            expand = st.ref.get("_dis_given")
            full_given = bool(expand) and expand.get(index) == 2
        if given and o["initialize-with"] is not None and form != "short" and not full_given:
            given = initialize(given, o["initialize-with"], o["initialize"], o["initialize-with-hyphen"])
        if form == "short":
            inverted = o["name-as-sort-order"] == "all" or (
                o["name-as-sort-order"] == "first" and index == 0
            )
            if inverted and style.demote == "display-and-sort" and ndp:
                # citeproc-js keeps the demoted particle after the family name
                fam = " ".join(x for x in (family, ndp) if x)
            else:
                fam = " ".join(x for x in (ndp, family) if x)
            return self._part_fmt(st, "family", fam)
        inverted = o["name-as-sort-order"] == "all" or (o["name-as-sort-order"] == "first" and index == 0)
        if st.sort_names is not None and st.sort_names.get("_sorting"):
            inverted = True
        demote = style.demote
        if inverted:
            if demote == "display-and-sort" or (demote == "sort-only" and st.sort_names):
                fam = family
                giv = " ".join(x for x in (given, dp, ndp) if x)
            else:
                # citeproc-js binds a leading particle to the family name with a no-break
                # space in Russian and French (GOST: "van der\u00a0Berg A.", ISO 690 fr:
                # "VAN\u00a0MÜLLER, Zoë"); observed on citeproc-js 2.4.63, not in en or de
                glue = "\u00a0" if style.lang in _NBSP_PARTICLE else " "
                fam = glue.join(x for x in (ndp, family) if x)
                giv = " ".join(x for x in (given, dp) if x)
            fam = self._part_fmt(st, "family", fam)
            giv = self._part_fmt(st, "given", giv) if giv else ""
            sep = o["sort-separator"]
            out = fam
            if giv:
                out += sep + giv
            if suffix:
                out += sep + suffix
            return out
        # Russian styles bind the particle to the family name (citeproc-js: "van\u00a0Berg")
        fam = " ".join(x for x in (dp, ndp) if x)
        fam = (fam + ("\u00a0" if style.lang in _NBSP_PARTICLE else " ") + family) if fam else family
        fam = self._part_fmt(st, "family", fam)
        giv = self._part_fmt(st, "given", given) if given else ""
        out = " ".join(x for x in (giv, fam) if x)
        if suffix:
            out += (", " if nm.get("comma-suffix") else " ") + suffix
        return out

    def _part_fmt(self, st: State, part: str, text: str) -> str:
        for np_ in self._kids():
            if isinstance(np_, Name_Part) and np_.get("name") == part:
                text = textcase.apply(np_.get("text-case"), text)
                text = _format(np_, text, st)
                return _affix(np_, text) or ""
        return text

    def rend(self, st: State) -> str | None:
        return None


_INIT_SPLIT = re.compile(r"[\s.]+")


def initialize(given: str, mark: str, do_initialize: bool, hyphen: bool) -> str:
    """Initials from given names as citeproc-js makes them.

    gap: citeproc-py ignored ``initialize="false"`` (full given names cut to initials,
    CSL test suite: name_InitializeWithButNoInitialize) and mangled lower-case hyphen parts
    ("Soo-jin" -> "S.-. jin ."; citeproc-js gives "S." and, without initialize-with-hyphen,
    "S jin": name_InitialsInitializeWithHyphen).
    """
    if not hyphen:
        given = given.replace("-", " ")
    words = [w for w in _INIT_SPLIT.split(given) if w]
    out: list[str] = []
    for w in words:
        if not do_initialize:
            if len(w) == 1 and w.isupper():
                out.append(w + mark)
            else:
                out.append(" " + w + " ")
            continue
        pieces = w.split("-")
        inits = [p[0] + mark for p in pieces if p and p[0].isupper()]
        if len(pieces) == 1 and pieces[0] and not pieces[0][0].isupper():
            out.append(" " + w + " ")
            continue
        if not inits:
            continue
        if len(inits) > 1:
            out.append("-".join(i.rstrip() for i in inits) + (" " if mark.endswith(" ") else ""))
        else:
            out.append(inits[0])
    return " ".join("".join(out).split())


class Name_Part(_Base, model.Name_Part):
    pass


class Et_Al(_Base, model.Et_Al):
    def rend(self, st: State) -> str | None:
        text = st.style.term(self.get("term", "et-al"))
        return _decorate(self, text, st)


class Substitute(_Base, model.Substitute):
    def candidates(self, st: State, el: Any = None) -> list[Any]:
        """Children in order, looking through a cs:choose into its matching branch."""
        out = []
        for child in (el if el is not None else self)._kids():
            if isinstance(child, Choose):
                for branch in child._kids():
                    if branch.test(st):
                        out += self.candidates(st, branch)
                        break
            else:
                out.append(child)
        return out

    def rend(self, st: State, names: Any = None) -> str | None:
        # gap: "a title substituted for a missing author printed twice": citeproc-py
        # suppressed only a directly named variable, not one rendered through a macro;
        # CSL suppresses every variable the substitution rendered for the rest of the entry
        # (CSL test suite: name_SubstituteMacroInheritDecorations, sort_SubstituteTitle).
        # A short-hand cs:names in a substitute (also inside cs:choose) takes the name,
        # et-al and label of the cs:names it substitutes for (name_SubstituteInheritLabel).
        saved_proxy = st.sub_proxy
        st.sub_proxy = names
        try:
            for child in self.candidates(st):
                saved = st.collect
                st.collect = set()
                text = child.rend(st)
                got, st.collect = st.collect, saved
                if st.skip_names and st.names_out:
                    return None  # the names were found and left out (collapsed cite)
                if text:
                    st.suppressed |= got
                    if saved is not None:
                        saved |= got
                    return text
            return None
        finally:
            st.sub_proxy = saved_proxy

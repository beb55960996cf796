"""LaTeX that survived decoding because its source escaped it as text: decoded once more, for display.

A .bib's LaTeX is decoded on reading (``latex.decode``).  Some sources hold TeX as
*text*: a Zotero record into which a user pasted ``Garc\\'ia`` or ``In$_x$Ga``, exported
by Better BibTeX as ``Garc\\textbackslash{}'ia`` and ``In\\$\\_x\\$Ga`` so that BibTeX prints
the backslash.  Decoded faithfully, that is ``Garc\\'ia`` again — what the record says,
and not what its owner wants to read.  In ``../shared/realbib`` 160 of the 163 records
with TeX left in a decoded field are of this kind (benchmarks/convert/README.md).

``for_display`` decodes such a field once more, conservatively:

* only a field that holds *recognisable* TeX is touched: a macro the decoder knows
  (``\\AA``, ``\\times``, ``\\emph`` …; ``\\ucius`` is no macro and is left alone), an accent
  command on a letter (``\\'e``, ``\\"{u}``, ``\\v g``), math between two ``$`` with a macro or
  a sub/superscript, or a bare ``_{…}``/``^{…}`` subscript group (``Al_{x}Ga_{1-x}N``, which
  is read as math);
* a brace group of digits, signs and bars is literal text and kept with its braces
  (Miller indices ``{112}``, ``{ -2110}``, ``{101¯1}``); a group with a capital letter
  and no comma outside parentheses (``{GaN}``, ``{S}urface``, ``{(In,Ga)As}``; not the set
  ``{A, B}``) is the BibTeX case
  protection it was meant as: ``nocase`` in titles (so a sentence-case style keeps "GaN"),
  its braces dropped elsewhere — also in a field with no other TeX; any other brace group
  is kept as written;
* in a name, a one-letter accent or letter macro glued to the letters after it (braces
  lost upstream: ``Buka\\la``, ``O\\vguzman``) is read as that macro on the next letter
  (``Bukała``);
* a literal ``~`` stays a tilde, a lone ``$`` (``$abstract.value``) stays a dollar;
* identifiers (DOI, URL, ISBN, ISSN …) are never touched.

Why at render time, not on reading: the record stays what the source says (bib -> bib
and CSL-JSON -> CSL-JSON give the source back; lint and check see the text as written);
only what is shown to a reader is decoded again.  ``render`` calls it for every item.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from citekeeper.formats import latex
from citekeeper.model import Name, Reference

# CSL variables that are identifiers or locators, never prose.
_NEVER = frozenset({"DOI", "URL", "ISBN", "ISSN", "PMID", "PMCID", "page", "number", "volume", "issue",
                    "language", "source", "archive_location", "call-number"})
_RICH = frozenset({"title", "title-short", "original-title", "event-title", "container-title",
                   "collection-title"})
_ACCENT_NAMES = frozenset(latex._ACCENTS)  # the decoder's own table

# What any TeX left in a value contains (one C-speed search before the real tests)
_MAYBE_TEX = re.compile(r"[\\${}_^]")
_CONTROL_WORD = re.compile(r"\\([A-Za-z]+)(?![A-Za-z])")
_SYMBOL_ACCENT = re.compile(r"\\[\"'`^~=.]\{?\\?[A-Za-z]")
_LETTER_ACCENT = re.compile(r"\\([uvHckrdbt])(?:\s+|\{\\?)[A-Za-z]")
_MATH = re.compile(r"(?<!\\)\$([^$]*)(?<!\\)\$")
_BARE_GROUP = re.compile(r"(?<=[\w)\]])[_^] ?\{[^{}$]*\}")
_MATH_SPLIT = re.compile(r"((?<!\\)\$[^$]*(?<!\\)\$)")
# in a field that holds TeX, a bare "_2" after a letter is a subscript too ("Si_{3}N_4")
_BARE_SCRIPT = re.compile(r"(?<=[\w)\]])[_^] ?\{[^{}$]*\}|(?<=[A-Za-z)])_\d")
# In a name, a one-letter accent or letter macro glued to the letters after it
# ("Mickevi\ucius", "Buka\la", "O\vguzman": braces lost upstream) is that macro on them.
_GLUED = re.compile(r"\\([uvHckrdbtlLoOij])([A-Za-z]+)")
_GROUP = re.compile(r"(?<!\\)\{([^{}\\]*)\}")
_LITERAL_GROUP = re.compile(r"^[\s+\-−¯̄,./|:;]*\d[\d\s+\-−¯̄,./|:;]*$")
_ARGUMENT_BEFORE = re.compile(r"(?:\\[A-Za-z]+\s*|[_^])$")
# \bar{1} (Miller indices, "(01\bar{1}0)"): the digit with a combining overline
_BAR = re.compile(r"\\(?:bar|overline)\s*\{(\w)\}|\\bar(?:\s+(\w)|(\d))")
# upgreek's upright letters (\upbeta): the Greek letter itself
_UPGREEK = re.compile(r"\\up(alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi|rho|"
                      r"sigma|tau|upsilon|phi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|"
                      r"Psi|Omega)(?![A-Za-z])")
_DISPLAY_MATH = re.compile(r"(?<!\\)\$\$([^$]+)\$\$")
_PARENS = re.compile(r"\([^()]*\)")
_FORMAT_TAG = re.compile(r"</?(?:i|b|sc|sup|sub)>")
_TILDE = re.compile(r"(?<!\\)~")


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    """Every control word the decoder gives a meaning: symbols, formatting, accents."""
    return frozenset(latex._symbols()) | latex._DECLARATIONS | set(latex._TAGS) | _ACCENT_NAMES | {
        "mathrm", "mathbf", "mathit", "text", "textrm", "textsuperscript", "textsubscript", "bar",
        "hat", "vec", "dot", "ddot", "tilde", "overline", "frac", "sqrt", "mathcal", "mathbb"}


def has_tex(text: str) -> bool:
    """Does decoded ``text`` still hold TeX its source meant as markup (see module docstring)?"""
    if "\\" not in text and "$" not in text and "_" not in text and "^" not in text:
        return False
    known = _known()
    if _UPGREEK.search(text):
        return True
    for m in _CONTROL_WORD.finditer(text):
        name = m.group(1)
        if name in known and (len(name) > 1 or (name in _ACCENT_NAMES and _LETTER_ACCENT.match(text, m.start()))
                              or (name in "lLoOij" and text.startswith("{}", m.end()))):
            return True
    if _SYMBOL_ACCENT.search(text):
        return True
    for m in _MATH.finditer(text):
        body = m.group(1)
        # a macro, a script, a group, a lone letter ("$m$-plane") or nothing ("$$"): math
        if not body or "\\" in body or "_" in body or "^" in body or "{" in body or \
                (len(body) == 1 and body.isalpha()):
            return True
    return bool(_BARE_GROUP.search(text))


def _group(m: re.Match[str]) -> str:
    body = m.group(1)
    if _LITERAL_GROUP.match(body) and not _ARGUMENT_BEFORE.search(m.string, 0, m.start()):
        return "\\{" + body + "\\}"  # Miller indices and the like: literal braces
    return m.group(0)  # case protection / grouping: the decoder reads it


def _protect_case(text: str, rich: bool) -> str:
    """``{GaN}`` -> nocase (rich) or ``GaN``; groups without a capital left as written."""
    def one(m: re.Match[str]) -> str:
        body = m.group(1)
        # a capital (case protection protects capitals); no comma, as in the set {A, B} (one
        # inside parentheses is a chemical formula's: {(In,Ga)As})
        if not body or not any(c.isupper() for c in body) or _LITERAL_GROUP.match(body) or \
                any(c in _PARENS.sub("", body) for c in ",;=|"):
            return m.group(0)
        return f"{latex.NOCASE_OPEN}{body}{latex.NOCASE_CLOSE}" if rich else body
    return _GROUP.sub(one, text)


@lru_cache(maxsize=4096)
def redecode(text: str, rich: bool = False) -> str:
    """``text`` with TeX-as-text decoded once more; unchanged when it holds none."""
    if not has_tex(text):
        return _protect_case(text, rich) if "{" in text else text
    s = _BAR.sub(lambda m: (m.group(1) or m.group(2) or m.group(3)) + "\u0305", text)
    s = _UPGREEK.sub(r"\\\1", s)
    s = _DISPLAY_MATH.sub(r"$\1$", s)  # display math is math on one line of text
    # outside math: a lone $ is a dollar, a bare subscript group is math ("Al_{x}Ga" ->
    # "Al$_{x}$Ga"), a group of digits is literal ({112}), a ~ is a tilde
    parts = _MATH_SPLIT.split(s)
    for i in range(0, len(parts), 2):
        part = re.sub(r"(?<!\\)\$", r"\\$", parts[i])
        pieces = _MATH_SPLIT.split(_BARE_SCRIPT.sub(lambda m: f"${m.group(0)}$", part))
        for j in range(0, len(pieces), 2):
            pieces[j] = _TILDE.sub(r"\\textasciitilde{}", _GROUP.sub(_group, pieces[j]))
        parts[i] = "".join(pieces)
    s = "".join(parts)
    out = latex.decode(s, rich=rich)
    if not rich:
        return out.replace(latex.NOCASE_OPEN, "").replace(latex.NOCASE_CLOSE, "")
    # the renderer reads nocase spans only (a .bib title's \emph is plain text there too), so
    # formatting tags the decoder made are dropped; tags the source wrote stay as they were
    return _FORMAT_TAG.sub(lambda m: m.group(0) if m.group(0) in text else "", out)


def _name_part(value: str) -> str:
    if "\\" in value:
        known = _known()
        value = _GLUED.sub(lambda m: m.group(0) if m.group(1) + m.group(2) in known else (
            f"\\{m.group(1)}{{}}{m.group(2)}" if m.group(1) in "lLoOij"
            else f"\\{m.group(1)}{{{m.group(2)[0]}}}{m.group(2)[1:]}"), value)
    return redecode(value)


def _name(n: Name) -> Name:
    if not _MAYBE_TEX.search(n.family) and not _MAYBE_TEX.search(n.given) and not _MAYBE_TEX.search(n.literal):
        return n
    fam, giv, lit = (_name_part(v) if v else v for v in (n.family, n.given, n.literal))
    if (fam, giv, lit) == (n.family, n.given, n.literal):
        return n
    return dataclasses.replace(n, family=fam, given=giv, literal=lit)


def for_display(ref: Reference) -> Reference:
    """``ref`` with every prose field's TeX-as-text decoded (a copy; ``ref`` itself when none)."""
    fields = {k: (redecode(v, k in _RICH) if k not in _NEVER and _MAYBE_TEX.search(v) else v)
              for k, v in ref.fields.items()}
    names = {role: [_name(n) for n in people] for role, people in ref.names.items()}
    if fields == ref.fields and names == ref.names:
        return ref
    return dataclasses.replace(ref, fields=fields, names=names)

"""LaTeX in BibTeX values -> Unicode text (reading), and text -> BibTeX values (writing).

Why not pylatexenc's ``LatexNodes2Text`` itself: measured on the 9,781 values with a
backslash in ``../shared/realbib`` it takes 0.9 ms a value, which alone would make
``convert`` of a 12,000-entry file 4 s slower than bibtexparser; this one-pass
tokenizer takes ~0.02 ms (benchmarks/convert/).  pylatexenc is still the source of
truth for what a macro means: its 840 symbol macros (``\\ss``, ``\\o``, ``\\ldots``,
``\\textdegree``, ``\\alpha`` …) are read from its default context at first use.

What reading does, as BibTeX and biber mean it:

* accents in every spelling (``{\\"u}``, ``\\"{u}``, ``\\"u``, ``\\c c``, ``\\'{\\i}``) become
  composed Unicode letters (NFC); ``--``/``---`` dashes, TeX quotes, ``~`` and ``\\,``;
* ``\\emph{X}``/``\\textit``/``{\\em X}`` → ``X``; in *rich* fields (titles) they become the
  CSL rich-text tags citeproc and Zotero read (``<i>``, ``<b>``, ``<sc>``, ``<sup>``,
  ``<sub>``), and a brace group that protects case (``{GeoMIP}``, ``{{Whole Title}}``)
  becomes ``<span class="nocase">…</span>`` — what Zotero's own BibTeX import does —
  so the protection survives bib → CSL-JSON → bib;
* math: ``$\\alpha$`` → α, ``Cu$_2$O`` → Cu₂O; an unknown macro is dropped and its
  arguments kept (``\\ch{MgF2}`` → MgF2), so no LaTeX reaches rendered text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331", "t": "\u0361",
}
_MORE_SYMBOLS = {
    "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "LaTeXe": "LaTeX2e", "XeTeX": "XeTeX",
    "S": "§", "P": "¶", "copyright": "©", "textcopyright": "©", "textregistered": "®",
    "texttrademark": "™", "dag": "†", "ddag": "‡", "pounds": "£", "textasciitilde": "~",
    "textasciicircum": "^", "textasciigrave": "`", "textquotesingle": "'", "textbraceleft": "{", "textbraceright": "}", "textunderscore": "_",
    "textbar": "|", "textless": "<", "textgreater": ">", "textperiodcentered": "·",
    "textellipsis": "…", "dots": "…", "ldots": "…", "textregistered ": "®", "nobreakspace": "\u00a0",
    "quad": " ", "qquad": " ", "enspace": " ", "thinspace": " ", "space": " ", "hfill": " ",
    "newline": " ", "par": " ", "linebreak": " ", "break": " ", "allowbreak": "", "slash": "/",
    "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
    "guillemotleft": "«", "guillemotright": "»", "guilsinglleft": "‹", "guilsinglright": "›",
    "quotedblbase": "„", "quotesinglbase": "‚", "textquotedbl": '"', "textdollar": "$",
    "textsection": "§", "textparagraph": "¶", "textdagger": "†", "textmu": "µ", "textohm": "Ω",
    "textcelsius": "℃", "textperthousand": "‰", "textonehalf": "½", "textminus": "−",
    "textexclamdown": "¡", "textquestiondown": "¿", "i": "ı", "j": "ȷ",
}
# Control symbols: \& \% ... and the spacing ones.
_CONTROL_SYMBOLS = {
    "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", ",": " ",
    ";": " ", ":": " ", ">": " ", "!": "", "-": "", "/": "", "@": "", "\\": " ", "\n": " ",
    "|": "‖", "ss": "ß",
}
_ITALIC = {"emph", "textit", "textsl", "mathit", "em", "it", "sl", "itshape", "slshape"}
_BOLD = {"textbf", "mathbf", "bf", "bfseries", "boldsymbol", "bm"}
_SMALLCAPS = {"textsc", "sc", "scshape"}
_TAGS = {**{k: "i" for k in _ITALIC}, **{k: "b" for k in _BOLD}, **{k: "sc" for k in _SMALLCAPS},
         "textsuperscript": "sup", "textsubscript": "sub"}
_DECLARATIONS = {"em", "it", "sl", "itshape", "slshape", "bf", "bfseries", "sc", "scshape", "rm", "sf",
                 "tt", "normalfont", "upshape", "mdseries", "rmfamily", "sffamily", "ttfamily", "small",
                 "large", "Large", "LARGE", "huge", "Huge", "footnotesize", "scriptsize", "tiny",
                 "normalsize", "relax", "protect", "selectlanguage", "unskip", "ignorespaces"}
_UPPER = {"MakeUppercase", "uppercase", "MakeTextUppercase"}
_LOWER = {"MakeLowercase", "lowercase", "MakeTextLowercase"}
# Macros whose first argument is dropped (BibTeX's sort tricks) or kept raw (URLs).
_DROP_ARG = {"noopsort", "SortNoop", "sortnoop", "NOOPSORT", "noop", "hyphenation", "label", "index",
             "vphantom", "hphantom", "phantom"}  # Zotero writes a literal brace as \{\vphantom{\}}
_RAW_ARG = {"url", "nolinkurl", "path", "doi", "verb"}
_SECOND_ARG = {"href", "texorpdfstring"}
_DIMENSION = {"kern", "hskip", "vskip", "mkern", "mskip", "hspace*"}
_DROP_ARG_SPACE = {"hspace", "vspace"}
_DIMEN = re.compile(r"\s*-?\d*\.?\d+\s*(?:pt|em|ex|mm|cm|in|bp|sp|mu|pc|dd)\b ?")  # \href{url}{text}: the text
_SUP = str.maketrans("0123456789+-=()nia", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵃ")
_SUB = str.maketrans("0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ")
_SUP_OK = set("0123456789+-=()nia")
_SUB_OK = set("0123456789+-=()aeoxhklmnpst")

_TOKEN = re.compile(r"\\([A-Za-z@]+)\*?[ \t\n]*|\\(.)|(---|--|``|''|[{}$~`^_])|([^\\{}$~`'^_\-]+|['\-])", re.S)
# Values without any of these need no LaTeX work at all (most values of most files).
NEEDS_DECODING = _NEEDS = re.compile(r"[\\{}$~`^]|--|''")
# Plain (not rich) values with none of these have only braces and dashes to undo: done by
# string replacement (the tokenizer's result, 5× faster; titles and page ranges).
_MARKUP = re.compile(r"[\\$~`^]|''")
NOCASE_OPEN = '<span class="nocase">'
NOCASE_CLOSE = "</span>"


@lru_cache(maxsize=1)
def _symbols() -> dict[str, str]:
    """pylatexenc's symbol macros (plain-string replacements), plus a few it lacks."""
    table: dict[str, str] = {}
    try:
        from pylatexenc import latex2text

        for spec in latex2text.get_default_latex_context_db().iter_macro_specs():
            repl = getattr(spec, "simplify_repl", None)
            if isinstance(repl, str) and "%" not in repl and spec.macroname not in ("today",):
                table[spec.macroname] = repl
    except Exception:  # pragma: no cover - pylatexenc ships with bibtexparser
        pass
    table.update(_MORE_SYMBOLS)
    return table


class _Parser:
    """One pass over the tokens of a value; ``group`` returns the text up to the matching ``}``."""

    def __init__(self, value: str, rich: bool):
        self.toks = _TOKEN.findall(value)
        self.i = 0
        self.rich = rich

    def _peek(self) -> tuple[str, str, str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def argument(self, math: bool = False) -> str:
        """The next argument of a macro: a braced group, a control word, or one character."""
        while (tok := self._peek()) is not None and tok[3].isspace():
            self.i += 1
        tok = self._peek()
        if tok is None:
            return ""
        word, sym, special, text = tok
        if special == "}":
            return ""  # no argument (``{\d}``): the group's end is not the argument
        if special == "{":
            self.i += 1
            return self.group(nocase=True, math=math)
        if word or sym:
            self.i += 1
            return self.macro(word, sym, math) if word else _CONTROL_SYMBOLS.get(sym, sym)
        if text:
            self.toks[self.i] = ("", "", "", text[1:])
            if not text[1:]:
                self.i += 1
            return text[0]
        self.i += 1
        return special

    def raw_argument(self) -> str:
        """A braced argument's text as written (``\\url{…}``)."""
        tok = self._peek()
        if tok is None or tok[2] != "{":
            return ""
        self.i += 1
        depth, out = 1, []
        while (tok := self._peek()) is not None:
            self.i += 1
            word, sym, special, text = tok
            if special == "{":
                depth += 1
            elif special == "}":
                depth -= 1
                if depth == 0:
                    break
            out.append(f"\\{word}" if word else f"\\{sym}" if sym else special or text)
        return re.sub(r"\\([_%&#~$])", r"\1", "".join(out))

    def macro(self, word: str, sym: str, math: bool) -> str:
        if sym:
            if sym in _ACCENTS:
                return self.accent(sym, math)
            return _CONTROL_SYMBOLS.get(sym, sym)
        if word in _ACCENTS and len(word) == 1:
            return self.accent(word, math)
        if word in _TAGS and word not in _DECLARATIONS:
            inner = self.argument(math)
            return self.tag(_TAGS[word], inner)
        if word in _DECLARATIONS:
            return ""  # the group it sits in is handled by ``group``
        if word in _UPPER:
            return self.argument(math).upper()
        if word in _LOWER:
            return self.argument(math).lower()
        if word in _DROP_ARG:
            self.argument(math)
            return ""
        if word in _RAW_ARG:
            return self.raw_argument()
        if word in _SECOND_ARG:
            self.raw_argument()
            return self.argument(math)
        if word in _DIMENSION:
            self.dimension()
            return ""
        if word in _DROP_ARG_SPACE:
            self.raw_argument()
            return " " if word.startswith("h") else ""
        sym_text = _symbols().get(word)
        if sym_text is not None:
            return sym_text
        return ""  # unknown: dropped; a following group is read as text

    def dimension(self) -> None:
        """Skip a TeX dimension after ``\\kern`` (``-1pt``, ``.5em``)."""
        rest = "".join(t[3] for t in self.toks[self.i : self.i + 3])
        m = _DIMEN.match(rest)
        if not m:
            return
        need = m.end()
        while need > 0 and self.i < len(self.toks):
            text = self.toks[self.i][3]
            if not text:
                return
            if len(text) <= need:
                need -= len(text)
                self.i += 1
            else:
                self.toks[self.i] = ("", "", "", text[need:])
                need = 0

    def tag(self, name: str, inner: str) -> str:
        if not self.rich or not inner.strip():
            return inner
        return f"<{name}>{inner}</{name}>"

    def accent(self, mark: str, math: bool) -> str:
        base = self.argument(math)
        if not base:
            return unicodedata.normalize("NFC", " " + _ACCENTS[mark]).strip() or ""
        if base[0] in "ıȷ":
            base = {"ı": "i", "ȷ": "j"}[base[0]] + base[1:]
        return unicodedata.normalize("NFC", base[0] + _ACCENTS[mark] + base[1:])

    def group(self, nocase: bool = False, math: bool = False, top: bool = False) -> str:
        """Text up to the matching ``}`` (or the end); ``nocase``: already inside a protected span."""
        out: list[str] = []
        declared = ""
        first = True
        protect = False
        while (tok := self._peek()) is not None:
            self.i += 1
            word, sym, special, text = tok
            if first and not top:
                # BibTeX: a group that starts with a control sequence is a "special character"
                # (an accent, ``{\em …}``), not case protection.
                protect = self.rich and not nocase and not (word or sym)
            first = False
            if text:
                out.append(text)
            elif word or sym:
                if word in _DECLARATIONS and word in _TAGS and not declared:
                    declared = _TAGS[word]
                out.append(self.macro(word, sym, math))
            elif special == "{":
                out.append(self.group(nocase=nocase or protect, math=math))
            elif special == "}":
                if not top:
                    break
            elif special == "$":
                if math:
                    break
                out.append(self.group(nocase=True, math=True))
            elif special == "~":
                out.append(" ")
            elif special == "---":
                out.append("—" if not math else "---")
            elif special == "--":
                out.append("–" if not math else "--")
            elif special == "``":
                out.append("“")
            elif special == "''":
                out.append("”")
            elif special == "`":
                out.append("‘")
            elif special in "^_":
                if math:
                    arg = self.argument(math)
                    ok, table = (_SUP_OK, _SUP) if special == "^" else (_SUB_OK, _SUB)
                    out.append(arg.translate(table) if arg and set(arg) <= ok else
                               self.tag("sup" if special == "^" else "sub", arg) if self.rich else arg)
                else:
                    out.append(special)
        text = "".join(out)
        if math:
            text = text.replace(" ", "") if not re.search(r"[A-Za-z]{2,}", text) else text
        if declared:
            text = self.tag(declared, text)
        if protect and any(c.isalpha() for c in text) and "<span" not in text:
            text = NOCASE_OPEN + text + NOCASE_CLOSE
        return text


_COMBINING_RUN = re.compile(r".[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.DOTALL)


def decode(value: str, rich: bool = False) -> str:
    """A BibTeX value (enclosing braces already removed) as Unicode text, whitespace collapsed.

    Most values have no TeX at all and only have their whitespace collapsed
    (``" ".join(split())``: the same whitespace as ``\\s``, 3-4× faster than a regex
    substitution); the others are decoded once per distinct value — names, journals and
    publishers repeat (14,405 distinct of 20,672 TeX values in the 12,000-entry file of
    benchmarks/convert/).
    """
    if not _NEEDS.search(value):
        return " ".join(value.split())
    return _decode_tex(value, rich)


@lru_cache(maxsize=32768)
def _decode_tex(value: str, rich: bool) -> str:
    if not rich and not _MARKUP.search(value):
        return _finish(_braces_and_dashes(value))
    try:
        return _finish(_Parser(value, rich).group(top=True))
    except RecursionError:
        # groups nested past Python's stack (``\"{`` 20,000 times, never closed): exit 70
        # before; such a value is kept as written, white space collapsed
        return " ".join(value.split())


def _braces_and_dashes(value: str) -> str:
    """What the parser makes of a plain value with no TeX but braces and dashes, by replacement:
    ``---``/``--`` (left to right, as the tokenizer takes them) are dashes, a brace group is
    its text, and a dash run is never joined across a brace (``-{}-`` stays two hyphens)."""
    return value.replace("---", "\u2014").replace("--", "\u2013").replace("{", "").replace("}", "")


def _finish(text: str) -> str:
    if not text.isascii():
        # compose only what decoding made (a letter and its combining accents, ``\'{e}`` -> é):
        # NFC of the whole text would also rewrite characters the user typed (U+F900 -> U+8C48)
        text = _COMBINING_RUN.sub(lambda m: unicodedata.normalize("NFC", m.group()), text)
    return " ".join(text.split())


_TO_TEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "`": r"\textasciigrave{}",
}
# The TeX specials, and the ligatures a reader would turn into quotes (`` ` `` and ``''``).
# A run of hyphens or apostrophes is broken at every pair ("---" -> "-{}-{}-"): breaking
# only the first pair would leave "-{}--", which TeX reads as "-" and an en dash.
_TO_TEX_RX = re.compile(r"'{2,}|-{2,}|[\\{}&%$#_~^`]")
_RICH_TAGS = re.compile(r'<span class="nocase">|</span>|</?(?:i|b|sc|sup|sub)>')
_RICH_TEX = {'<span class="nocase">': "{", "</span>": "}", "<i>": r"\emph{", "<b>": r"\textbf{",
             "<sc>": r"\textsc{", "<sup>": r"\textsuperscript{", "<sub>": r"\textsubscript{"}


def encode(text: str, rich: bool = False) -> str:
    """Plain (or, for ``rich``, CSL rich) text as a BibTeX value: only what TeX needs is escaped.

    Unicode stays Unicode (biber, BibTeX 0.99 and Zotero read UTF-8); the ten TeX specials
    are escaped in one pass, and rich-text tags become ``{…}``/``\\emph{…}`` again, so a
    title read from a .bib is written as it was.  Escaped braces (``\\{``) are balanced
    by construction only if the text's are; unbalanced ones use ``\\textbraceleft{}``.
    """
    if rich and "<" in text:
        parts = _RICH_TAGS.split(text)
        tags = _RICH_TAGS.findall(text)
        out = [_escape(parts[0])]
        for tag, part in zip(tags, parts[1:], strict=False):
            out.append(_RICH_TEX.get(tag, "}"))
            out.append(_escape(part))
        joined = "".join(out)
        if balanced(joined):
            return joined
    return _escape(text)


def _escape(text: str) -> str:
    out = _TO_TEX_RX.sub(lambda m: _TO_TEX.get(m.group(0)) or "{}".join(m.group(0)), text)
    if ("{" in text or "}" in text) and text.count("{") != text.count("}"):
        out = out.replace(r"\{", r"\textbraceleft{}").replace(r"\}", r"\textbraceright{}")
    return out


def balanced(text: str) -> bool:
    """Braces balanced as TeX counts them (a backslash escapes the next character)."""
    depth = 0
    for m in re.finditer(r"\\.|[{}]", text):
        tok = m.group(0)
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0

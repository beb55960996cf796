"""Citation string -> ``Reference``: rule-based style parsers, then the learned model.

Rules run first where a style's pattern is certain (author-date list entries, GOST
footnotes); a string neither matches goes to the learned parser (``parse.crf`` through
``parse.combine``), and one that even the model cannot read is kept raw
(``parsed=False``) so nothing is lost.
"""

from __future__ import annotations

from citekeeper.extract.markup import normalize_space, strip_markup
from citekeeper.model import Reference
from citekeeper.parse.authordate import parse_authordate
from citekeeper.parse.gost import parse_gost


def _fallback(text: str) -> Reference:
    """The learned parser for a string no rule recognised; failing that, the raw text."""
    from citekeeper.parse.combine import parse_reference  # loads the model on first use

    warning = ""
    try:
        ref = parse_reference(text, use_rules=False)
    except Exception as exc:  # the model must never lose a citation
        ref, warning = None, f"learned parser failed: {exc}"
    if ref is not None and ref.title:
        return ref
    # Unparsed: no fields, only the text; every writer shows ``raw`` as the title.
    raw = normalize_space(strip_markup(text))
    ref = Reference(type="document", raw=raw, parsed=False)
    if warning:
        ref.warnings.append(warning)
    return ref


def parse_list_entry(text: str) -> Reference:
    """A reference-list entry: author-date first, GOST second, then the model."""
    return parse_authordate(text) or parse_gost(text) or _fallback(text)


def parse_citation(text: str) -> Reference:
    """A footnote citation: GOST first, author-date second, then the model."""
    return parse_gost(text) or parse_authordate(text) or _fallback(text)

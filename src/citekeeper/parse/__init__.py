"""Citation string -> ``Reference``: rule-based style parsers, then the learned model.

Rules run first where a style's pattern is certain (author-date list entries, Vancouver/NLM,
GOST footnotes); the learned parser (``parse.crf``) reads every other string and fills the
gaps a rule parse left, both through ``parse.combine.parse_reference`` — the one pipeline
``extract`` and ``citekeeper parse`` share.  A string that even the model cannot read is kept
raw (``parsed=False``) so nothing is lost.
"""

from __future__ import annotations

from citekeeper.model import Reference
from citekeeper.parse.combine import parse_reference


def parse_list_entry(text: str) -> Reference:
    """A reference-list entry: author-date, Vancouver, GOST rules, then the model."""
    return parse_reference(text)


def parse_citation(text: str) -> Reference:
    """A footnote citation: GOST first, then author-date and Vancouver, then the model."""
    return parse_reference(text, note=True)

"""Citation string -> ``Reference``: rule-based style parsers, then the learned model.

Rules run first where a style's pattern is certain (author-date list entries, Vancouver/NLM,
GOST footnotes); the learned parser (``parse.crf``) reads every other string and fills the
gaps a rule parse left, both through ``parse.combine.parse_reference`` — the one pipeline
``extract`` and ``citekeeper parse`` share.  A string that even the model cannot read is kept
raw (``parsed=False``) so nothing is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from citekeeper.model import Reference

# ``parse.combine`` (the rules and the model, ~36 ms to import) is imported inside the two
# functions: the BibTeX reader needs only ``parse.common``/``parse.keys``, and importing this
# package for them must not load the whole parser (0.02-0.04 s of every convert/check/lint).


def parse_list_entry(text: str) -> Reference:
    """A reference-list entry: author-date, Vancouver, GOST rules, then the model."""
    from citekeeper.parse.combine import parse_reference

    return parse_reference(text)


def parse_citation(text: str) -> Reference:
    """A footnote citation: GOST first, then author-date and Vancouver, then the model."""
    from citekeeper.parse.combine import parse_reference

    return parse_reference(text, note=True)

"""Article text -> citations with origins -> ``Reference`` records.

``extract_article`` is the one place that composes segmentation (``segment``) and the
style parsers (``citekeeper.parse``); the CLI only calls it and writes the result.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from citekeeper.errors import NoCitationsError
from citekeeper.extract.segment import Segments, segment
from citekeeper.model import Origin, Reference


@dataclass
class Extraction:
    """Everything ``extract`` found in one article."""

    file: str
    references: list[Reference] = field(default_factory=list)
    footnotes: list[Reference] = field(default_factory=list)
    segments: Segments | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def footnote_count(self) -> int:
        return len({r.footnote for r in self.footnotes})


def extract_article(text: str, file: str = "<input>") -> Extraction:
    """Find and parse the reference list and every footnote citation of ``text``.

    Raises ``NoCitationsError`` when the text has neither a reference list nor
    footnotes; a citation that cannot be parsed is kept with its raw text and a warning.
    """
    # Imported here: ``parse`` uses ``extract.markup``, so a module-level import would cycle.
    from citekeeper.parse import parse_citation, parse_list_entry
    from citekeeper.parse.gost import split_citations
    from citekeeper.parse.keys import KeyRegistry

    seg = segment(text)
    if not seg.references and not seg.footnotes:
        raise NoCitationsError(
            "no reference list (no 'References'/'Bibliography'/'Список литературы' heading)"
            " and no footnotes found",
            file=file,
        )
    out = Extraction(file=file, segments=seg)
    keys = KeyRegistry()
    if not seg.references:
        out.warnings.append(f"{file}: no reference list found")
    if not seg.footnotes:
        out.warnings.append(f"{file}: no footnotes found")
    for n, span in enumerate(seg.references, 1):
        ref = parse_list_entry(span.text)
        ref.origin = Origin("reference", n, None, file, span.line_start, span.line_end, span.text)
        keys.assign(ref)
        out.references.append(ref)
    for fn in seg.footnotes:
        for k, citation in enumerate(split_citations(fn.text), 1):
            ibid = _IBID.match(citation)
            if ibid and out.footnotes:
                ref = _repeat(out.footnotes[-1], citation, ibid.group("page"))
            else:
                ref = parse_citation(citation)
            ref.origin = Origin("footnote", fn.number, k, file, fn.line_start, fn.line_end, fn.raw)
            keys.assign(ref)
            out.footnotes.append(ref)
    for ref in out.references + out.footnotes:
        assert ref.origin is not None
        for w in ref.warnings:
            out.warnings.append(f"{ref.origin.describe()}: {w}")
        if not ref.parsed:
            out.warnings.append(f"{ref.origin.describe()}: could not parse; kept as raw text")
    return out


_IBID = re.compile(
    r"^(?:Ibid|Ibidem|Id|Там\s+же)\.?,?\s*(?:(?:P|С|pp?)\.\s*(?P<page>[\w–-]+))?\.?\s*$", re.IGNORECASE
)


def _repeat(previous: Reference, citation: str, page: str | None) -> Reference:
    """An "Ibid." citation: the previous footnote's work again (with its own page, if given)."""
    ref = copy.deepcopy(previous)
    ref.raw = citation
    ref.id = ""
    if page:
        ref.set("page", page)
    ref.warnings = [f"'{citation}' repeats the previous citation ({previous.id})"]
    return ref

"""One entry point for any reference string: rules where a pattern is certain, the model elsewhere.

The rule parsers (author-date, GOST) are exact when they recognise their pattern and
return None otherwise; the CRF handles every other style.  When rules succeed the model
still runs, but only fills fields the rules left empty, and only when it is confident
and its value does not repeat text a rule already placed.  Every field records which
produced it (``provenance[field] = ("rule" | "model", confidence)``); a reference whose
model fields are on average unsure gets the warning ``LOW_CONFIDENCE`` so the CLI and
reports can flag it for review.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from citekeeper.model import Reference
from citekeeper.parse.authordate import parse_authordate
from citekeeper.parse.common import SIGNALS
from citekeeper.parse.gost import parse_gost
from citekeeper.parse.imprint import tidy_imprint
from citekeeper.parse.language import guess_language
from citekeeper.parse.text import normalize_space, strip_markup
from citekeeper.parse.types import parse_case, refine_type

LOW_CONFIDENCE = "low confidence: review"
# Mean marginal of the model's fields below which a parse is flagged.  On the two held-out
# benchmarks (1,095 strings) 0.9 flags 4% of references, 79% of which have a wrong field
# (0.8 would flag only 6); see docs/parser.md.
REVIEW_THRESHOLD = 0.9
# A model field may fill a gap in a rule parse only when at least this sure.
FILL_THRESHOLD = 0.9
_FILLABLE = ("container-title", "volume", "issue", "page", "publisher", "publisher-place", "DOI", "URL", "edition")


def _rules(note: bool) -> tuple[Callable[[str], Reference | None], ...]:
    """Rule parsers in the order to try them: a footnote is more likely GOST than APA."""
    from citekeeper.parse.chicago import parse_chicago_note
    from citekeeper.parse.german import parse_german, parse_german_short_note
    from citekeeper.parse.ieee import parse_ieee
    from citekeeper.parse.vancouver import parse_vancouver

    if note:
        # the notes' parenthesised imprint first: "John J. McCusker and Kenneth Morgan, eds., Title
        # (Cambridge: CUP, 2000)" would pass for GOST's "Family I." head
        return (parse_chicago_note, parse_gost, parse_case, parse_german, parse_german_short_note, parse_ieee,
                parse_vancouver, parse_authordate)
    # Vancouver first: its "Surname Initials" head is certain, and PLOS's "Smith JA (2011)"
    # would otherwise pass for an author-date entry.
    return (parse_vancouver, parse_ieee, parse_german, parse_authordate, parse_chicago_note, parse_case, parse_gost)


def _rule_parse(text: str, note: bool = False) -> Reference | None:
    for rule in _rules(note):
        try:
            ref = rule(text)
        except Exception:  # a rule parser bug must not lose the string: the model still runs
            ref = None
        if ref is not None and ref.title:
            return ref
    return None


def _mark_rule(ref: Reference) -> None:
    for field in ref.fields:
        ref.provenance.setdefault(field, ("rule", 1.0))
    for field in ref.names:
        ref.provenance.setdefault(field, ("rule", 1.0))
    for field in ref.dates:
        ref.provenance.setdefault(field, ("rule", 1.0))


def model_parse(text: str) -> Reference:
    """The CRF's parse of ``text`` (markup stripped), fields with ("model", confidence)."""
    from citekeeper.parse.crf.fields import to_reference
    from citekeeper.parse.crf.tagger import tag_text

    plain = normalize_space(strip_markup(text))
    body = SIGNALS.sub("", plain)  # "See:", "Cf.", "См.:" introduce a citation, they are not in it
    return to_reference(tag_text(body), raw=plain)


def _fill_gaps(ref: Reference, model: Reference) -> None:
    used = " ".join([*ref.fields.values(), *(n.display() for ns in ref.names.values() for n in ns)]).lower()
    for field in _FILLABLE:
        value = model.get(field)
        src, conf = model.provenance.get(field, ("model", 0.0))
        if field == "URL" and (ref.doi or "doi.org/" in value.lower()):
            continue  # a DOI link is the DOI, which rules keep as DOI
        if field in ("volume", "issue", "page") and not re.search(r"\d|^[IVXLCDM]+$", value):
            continue  # "Вып" is the marker the model tagged, not a number
        if field in ("volume", "issue") and value in (ref.get("volume"), ref.get("issue")):
            continue  # the rule read this number already, as the other of the two
        if field == "page" and ref.type == "book":
            continue  # the page after a book's imprint is the page cited (a locator), not the book's
        if any(len(v) >= 8 and v.lower() in value.lower() for v in ref.fields.values()):
            continue  # "U.S. Census Bureau, American Community Survey": it holds the rule's title
        if value and not ref.get(field) and conf >= FILL_THRESHOLD and value.lower() not in used:
            ref.set(field, value)
            ref.provenance[field] = (src, conf)
    if "issued" not in ref.dates and "issued" in model.dates:
        src, conf = model.provenance.get("issued", ("model", 0.0))
        year = str(model.dates["issued"].year or "")
        # "1991 Paris Peace Agreements": a year the rule kept in the title is not a date
        if conf >= FILL_THRESHOLD and not (year and year in used):
            ref.dates["issued"] = model.dates["issued"]
            ref.provenance["issued"] = (src, conf)


def _better(model: Reference, rule: Reference) -> bool:
    """The model found the structure (a container or publisher) the rule missed, and is sure."""
    found = model.get("container-title") or model.get("publisher")
    return bool(model.title and found and confidence(model) >= REVIEW_THRESHOLD)


def _model_with_rule_head(model: Reference, rule: Reference) -> Reference:
    for field in ("author", "editor"):
        if field in rule.names:
            model.names[field] = rule.names[field]
            model.provenance[field] = ("rule", 1.0)
    if "issued" in rule.dates:
        model.dates["issued"] = rule.dates["issued"]
        model.provenance["issued"] = ("rule", 1.0)
    for field in ("DOI", "URL", "language"):
        if rule.get(field) and not model.get(field):
            model.set(field, rule.get(field))
            model.provenance.setdefault(field, ("rule", 1.0))
    model.identifiers = {**model.identifiers, **rule.identifiers}
    return model


def confidence(ref: Reference) -> float:
    """Mean confidence over the reference's fields (1.0 when every field came from rules)."""
    values = [c for src, c in ref.provenance.values() if src != "guess"]
    return sum(values) / len(values) if values else 0.0


def _complete(ref: Reference) -> bool:
    """A rule parse with its structure found (a container or publisher, a date): the model
    would only be asked to fill gaps that are not there, at half the speed."""
    has_outlet = bool(ref.get("container-title") or ref.get("publisher"))
    if ref.type == "article-journal" and not (ref.get("volume") and ref.get("page")):
        return False
    return ref.type != "document" and has_outlet and "issued" in ref.dates and bool(ref.names)


def _unparsed(text: str, warning: str = "") -> Reference:
    # Unparsed: no fields, only the text; every writer shows ``raw`` as the title.
    ref = Reference(type="document", raw=normalize_space(strip_markup(text)), parsed=False)
    if warning:
        ref.warnings.append(warning)
    return ref


def parse_reference(text: str, *, use_rules: bool = True, note: bool = False) -> Reference:
    """Parse one free-text reference in any common style into a ``Reference``.

    The one pipeline of citekeeper: ``extract`` (``parse_list_entry``, ``parse_citation``)
    and ``citekeeper parse`` all come here.  ``note`` says the string is a footnote
    citation (rules tried in footnote order).  A string neither rules nor model can read
    comes back ``parsed=False`` with its raw text, so nothing is lost.  The item type is
    settled last, from the citation's own words (``parse.types.refine_type``).
    """
    ref = _parse(text, use_rules=use_rules, note=note)
    if ref.parsed:
        tidy_imprint(ref)
        ref.type = refine_type(ref)
        _mark_truncated(ref)
        _set_language(ref)
    return ref


def _set_language(ref: Reference) -> None:
    """``language`` from the title's words when the citation did not say it (``(In Russian)``).

    Why: citeproc title-cases only English or language-less items, so a German title left
    without a language came out "Des Europäischen Parlaments Und Des Rates"; the guesser
    abstains when unsure (a wrong language is worse than none)."""
    if ref.get("language"):
        return
    lang = guess_language(ref)
    if lang:
        ref.set("language", lang)
        # its own source: a guess from the title's words is not a field the parse read, and
        # must not lift the parse's mean confidence
        ref.provenance["language"] = ("guess", 1.0)


_ETAL = re.compile(r"\b(?:et\s*al\b\.?|u\.\s*a\.|и\s+др\.|and\s+others\b|и\s+соавт\.)", re.IGNORECASE)


def _mark_truncated(ref: Reference) -> None:
    """``et al.`` before the title cuts the author list; after an ``In``, the editors'.

    The name readers drop the marker (it is never a person); ``Reference.truncated`` keeps
    that it was there, so BibTeX gets ``and others``."""
    m = _ETAL.search(ref.raw)
    if not m:
        return
    title = ref.title[:25]
    at = ref.raw.find(title) if title else -1
    if ref.names.get("author") and (at < 0 or m.start() < at):
        role = "author"
    elif ref.names.get("editor") and at >= 0 and m.start() > at:
        role = "editor"
    else:
        return
    if role not in ref.truncated:
        ref.truncated.append(role)


def _parse(text: str, *, use_rules: bool, note: bool) -> Reference:
    ref = _rule_parse(text, note) if use_rules else None
    if ref is not None:
        _mark_rule(ref)
        if _complete(ref):
            return ref
        try:
            model = model_parse(text)
        except Exception as exc:  # the rules' result stands without the model
            ref.warnings.append(f"learned parser failed: {exc}")
            return ref
        if ref.type == "document" and _better(model, ref):
            # The rule matched the head (names, year) but could not read the rest.
            return _model_with_rule_head(model, ref)
        _fill_gaps(ref, model)
        return ref
    try:
        ref = model_parse(text)
    except Exception as exc:  # the model must never lose a citation
        return _unparsed(text, f"learned parser failed: {exc}")
    if not ref.title and not (ref.get("container-title") and ref.names):
        # physics and astronomy print no title ("Chen H, ... 1997, ApJ, 475, 163"): names and a
        # journal are a parse; with neither title nor journal the string is kept raw
        return _unparsed(text, LOW_CONFIDENCE)
    if confidence(ref) < REVIEW_THRESHOLD:
        ref.warnings.append(LOW_CONFIDENCE)
    return ref

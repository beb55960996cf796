"""Dates that cannot be right: access before publication, in the future, after the
article was accepted, or not a calendar date at all.

Dates are compared at the precision both sides have (a year-only publication date is
compared by year), so "published 2023, accessed 2023-02-05" is not a problem.  Access
dates after the article was *received* are normal (authors revise), so only the
*accepted* date bounds them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from citekeeper.lint.document import Document
from citekeeper.lint.finding import Finding
from citekeeper.model import Date, Reference

_NUMERIC_LITERAL = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
_LABEL = {"issued": "publication date", "accessed": "access date"}


def _parts(d: Date) -> tuple[int, ...]:
    return tuple(d.parts)


def _compare(a: Date, b: Date) -> int:
    """-1/0/1 comparing ``a`` with ``b`` at their common precision."""
    pa, pb = _parts(a), _parts(b)
    n = min(len(pa), len(pb))
    if n == 0:
        return 0
    return (pa[:n] > pb[:n]) - (pa[:n] < pb[:n])


def _valid(d: Date) -> bool:
    if d.year is None:
        return True
    try:
        dt.date(d.year, d.month or 1, d.day or 1)
    except ValueError:
        return False
    return True


_FILE_KEYS = {"accessed": ('"accessed"', "urldate"), "issued": ('"issued"', "date", "year")}


def _where(doc: Document, ref: Reference, d: Date, slot: str = "") -> int | None:
    """The line where the date is printed (a footnote may span lines); else the entry's."""
    if not doc.is_article:
        for probe in (d.iso() if d.year else d.literal, *_FILE_KEYS.get(slot, ())):
            line = doc.line_of(ref, probe)
            if probe and line and line != doc.line_of(ref):
                return line
        return doc.line_of(ref)
    printed = [f"{d.day:02d}.{d.month:02d}.{d.year}", f"{d.day}.{d.month:02d}.{d.year}"] if d.day and d.month else []
    for p in [*printed, d.iso()]:
        line = doc.line_of(ref, p)
        if line and ref.origin and line != ref.origin.line_start:
            return line
    return doc.line_of(ref)


def _issued_printed_apart_from_title(ref: Reference) -> bool:
    """Is the publication year printed outside the title?  ("Strategy 2030" is no date.)

    When the citation's text is not at hand (a .bib or CSL-JSON entry) the field is trusted.
    """
    issued = ref.issued
    if issued is None or issued.year is None or not ref.raw:
        return True
    rest = ref.raw.replace(ref.title, " ") if ref.title else ref.raw
    return str(issued.year) in rest


def check(doc: Document) -> Iterator[Finding]:
    today = doc.today
    accepted = doc.accepted
    for ref in doc.checked_refs:
        key = ref.id or None
        fn = ref.footnote
        for slot in ("issued", "accessed"):
            d = ref.dates.get(slot)
            if d is None:
                continue
            if (d.year is None and _NUMERIC_LITERAL.search(d.literal)) or not _valid(d):
                shown = d.literal or d.iso()
                yield Finding("date-impossible", "error", doc.file, _where(doc, ref, d, slot), key, fn,
                              f"the {_LABEL[slot]} '{shown}' is not a calendar date")
        issued, accessed = ref.issued, ref.accessed
        if (
            issued and accessed and issued.year and accessed.year and _valid(issued) and _valid(accessed)
            and _compare(accessed, issued) < 0 and _issued_printed_apart_from_title(ref)
        ):
            yield Finding("date-accessed-before-issued", "error", doc.file, _where(doc, ref, accessed, "accessed"), key, fn,
                          f"accessed {accessed.iso()}, before it was published ({issued.iso()})")
        if accessed and accessed.year and _valid(accessed):
            if _compare(accessed, Date(today.year, today.month, today.day)) > 0:
                yield Finding("date-accessed-future", "error", doc.file, _where(doc, ref, accessed, "accessed"), key, fn,
                              f"access date {accessed.iso()} is in the future")
            elif accepted and len(accessed.parts) == 3 and _compare(accessed, accepted[0]) > 0:
                yield Finding("date-accessed-after-accepted", "warning", doc.file, _where(doc, ref, accessed, "accessed"), key,
                              fn, f"accessed {accessed.iso()}, after the article was accepted "
                              f"({accepted[0].iso()}, line {accepted[1]})")
        if (issued and issued.year and _valid(issued) and issued.year > today.year
                and _issued_printed_apart_from_title(ref)):
            yield Finding("date-issued-future", "warning", doc.file, _where(doc, ref, issued, "issued"), key, fn,
                          f"publication date {issued.iso()} is in the future")

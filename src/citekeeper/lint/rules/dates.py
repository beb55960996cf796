"""Dates that cannot be right: access before publication, in the future, after the
article was accepted, or not a calendar date at all.

Valid dates are not "impossible": biblatex and EDTF dates (ranges ``2019/2020``, open
ranges ``1996-01-01/..``, seasons ``2003-21``, times ``2001-01-03T15:00:00Z``, ``~ ? %``
qualifiers, unspecified digits ``199X``, BCE years ``-0333``, ``Y17000002``), ``n.d.``
and "in press" all pass.  On ../shared/realbib the old rule was wrong for 17 of its 20
"impossible" errors.  Only a month or day that no calendar has (``1996-13-03``,
``1996-10-35``, ``31.02.2020``) is an error; a date biblatex cannot read although it is
a date (``1.5.1988``, ``1995-1-04`` in ``urldate``/``date``) is a ``date-format``
warning, and a publication date in the future is not reported for work in press.

Dates are compared at the precision both sides have (a year-only publication date is
compared by year), so "published 2023, accessed 2023-02-05" is not a problem.  Access
dates after the article was *received* are normal (authors revise), so only the
*accepted* date bounds them.
"""

from __future__ import annotations

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


_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# One EDTF (level 1) date as biblatex reads it, with its optional time and qualifier.
_EDTF_ONE = re.compile(
    r"^(?:Y-?\d{5,}|-?[\dX]{4}(?:-(?P<m>[\dX]{2})(?:-(?P<d>[\dX]{2})"
    r"(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?)[~?%]?$"
)
_IN_PRESS = re.compile(r"\b(?:in\s*press|forthcoming|to\s+appear|in\s+print|accepted|submitted|"
                       r"im\s+druck|sous\s+presse|в\s+печати)\b", re.I)


def _calendar(year: int, month: int | None, day: int | None) -> bool:
    """Is there such a day in the proleptic Gregorian calendar (any year, BCE included)?"""
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 1 <= day <= (_DAYS[month - 1] if month != 2 or leap else 28)


def _valid(d: Date) -> bool:
    """Every part of ``d`` (and of a range's end) is a real calendar date."""
    if d.year is not None and not (d.season or _calendar(d.year, d.month, d.day)):
        return False
    return d.end is None or _valid(d.end)


def edtf_problem(text: str) -> str | None:
    """Why ``text`` (a biblatex ``date``/``urldate`` value) is not a readable date:
    ``"impossible"`` (a month or day no calendar has), ``"format"`` (a date, but not
    written as ISO 8601/EDTF), or ``None`` when biblatex can read it."""
    text = text.strip()
    if not text or text.lower() in ("n.d.", "nd", "n. d.", "..") or not re.search(r"\d", text):
        return None
    sides = text.split("/") if text.count("/") == 1 else [text]
    for side in sides:
        side = side.strip()
        if side in ("", ".."):
            continue
        m = _EDTF_ONE.match(side)
        if not m:
            return "impossible" if _no_order_fits(side) else "format"
        mo, day = m.group("m"), m.group("d")
        if mo and mo.isdigit() and not (1 <= int(mo) <= 12 or (21 <= int(mo) <= 24 and not day)):
            return "impossible"
        if mo and day and mo.isdigit() and day.isdigit() and 1 <= int(mo) <= 12:
            year = int(re.sub(r"\D", "", side[:5]) or 0) if side[0] != "Y" else 2000
            if not _calendar(-year if side.startswith("-") else year, int(mo), int(day)):
                return "impossible"
    return None


def _no_order_fits(text: str) -> bool:
    """A numeric date (``31.02.2020``) that is no calendar date read as d.m.y, m.d.y or y.m.d."""
    m = re.fullmatch(r"\s*(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\s*", text)
    if not m:
        return False
    a, b, c = (int(g) for g in m.groups())
    orders = [(c, b, a), (c, a, b)] if len(m.group(3)) == 4 else [(a, b, c)] if len(m.group(1)) == 4 else []
    return bool(orders) and not any(_calendar(y, mo, d) for y, mo, d in orders)


def _in_press(doc: Document, ref: Reference) -> bool:
    """Does the entry say the work is not out yet (pubstate, note, the printed citation)?"""
    texts = [ref.raw, ref.get("note"), ref.get("status"), *(str(v) for v in ref.extra.values())]
    bib = doc.bib.get(ref.id, {}) if ref.id else {}
    texts += [f.value for name, f in bib.items() if name in ("pubstate", "note", "year", "date", "howpublished")]
    return any(t and _IN_PRESS.search(t) for t in texts)


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


_BIB_FIELD = {"issued": "date", "accessed": "urldate"}


def check(doc: Document) -> Iterator[Finding]:
    today = doc.today
    accepted = doc.accepted
    for ref in doc.checked_refs:
        key = ref.id or None
        fn = ref.footnote
        bib = doc.bib.get(ref.id, {}) if ref.id else {}
        for slot in ("issued", "accessed"):
            d = ref.dates.get(slot)
            written = bib.get(_BIB_FIELD[slot])
            if written is not None and written.literal:
                problem = edtf_problem(written.value)
                if problem == "format":
                    yield Finding("date-format", "warning", doc.file, written.line, key, fn,
                                  f"the {_LABEL[slot]} '{written.value}' is not written as ISO 8601 "
                                  f"(YYYY-MM-DD); biblatex cannot read it")
                    continue
            elif d is None:
                continue
            else:
                problem = "impossible" if (
                    (d.year is None and d.end is None and _no_order_fits(d.literal)) or not _valid(d)) else None
            if problem == "impossible":
                shown = written.value if written is not None else (d.literal or d.iso() if d else "")
                line = written.line if written is not None else _where(doc, ref, d, slot) if d else None
                yield Finding("date-impossible", "error", doc.file, line, key, fn,
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
                and _issued_printed_apart_from_title(ref) and not _in_press(doc, ref)):
            yield Finding("date-issued-future", "warning", doc.file, _where(doc, ref, issued, "issued"), key, fn,
                          f"publication date {issued.iso()} is in the future")

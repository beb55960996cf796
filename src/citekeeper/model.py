"""The one internal record every reader and writer of citekeeper speaks.

`Reference` is shaped like a CSL-JSON item (the schema citeproc and Zotero already
agree on), so converting to CSL-JSON is a near identity and every other format
(BibTeX, RIS, ...) is a reader/writer of this record.  Beyond CSL-JSON it carries
its *origin*: where in which input it came from, so that every later stage (link
checking, linting) can point a user at a file and line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

# CSL item types used by citekeeper (a subset of the CSL 1.0.2 vocabulary).
CSL_TYPES = frozenset(
    {
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "chapter",
        "dataset",
        "document",
        "entry-encyclopedia",
        "legal_case",
        "legislation",
        "manuscript",
        "paper-conference",
        "patent",
        "post",
        "post-weblog",
        "report",
        "software",
        "speech",
        "standard",
        "thesis",
        "treaty",
        "webpage",
    }
)

# Plain string variables of the record, in the order writers emit them.
TEXT_FIELDS = (
    "title",
    "container-title",
    "collection-title",
    "volume",
    "issue",
    "page",
    "number",
    "edition",
    "publisher",
    "publisher-place",
    "genre",
    "medium",
    "DOI",
    "URL",
    "ISBN",
    "ISSN",
    "language",
    "note",
    "abstract",
    "authority",
    "section",
    "chapter-number",
    "number-of-pages",
    "event-title",
    "event-place",
    "source",
)
NAME_FIELDS = ("author", "editor", "translator", "container-author", "collection-editor")
DATE_FIELDS = ("issued", "accessed", "original-date", "event-date")


@dataclass(frozen=True)
class Origin:
    """Where a reference came from: the reference list or a footnote, and which lines.

    ``number`` is the 1-based entry number in the reference list, or the footnote
    number; ``citation`` is the 1-based position of the citation inside a footnote
    that holds several.  ``line_start``/``line_end`` are 1-based, inclusive lines of
    the input file.
    """

    kind: str  # "reference" | "footnote" | "file"
    number: int | None = None
    citation: int | None = None
    file: str | None = None
    line_start: int | None = None
    line_end: int | None = None
    raw: str = ""
    # Documents that are not plain text: the PDF page (1-based), and for XML/HTML/Word the
    # element a user can find (``ref-list/ref[@id='B12']``, ``w:footnote[@w:id='3']``).
    page: int | None = None
    element: str | None = None

    def describe(self) -> str:
        """Human wording of the origin, used in warnings and reports."""
        where = ""
        if self.kind == "reference" and self.number is not None:
            where = f"reference {self.number}"
        elif self.kind == "footnote" and self.number is not None:
            where = f"footnote {self.number}"
            if self.citation and self.citation > 1:
                where += f" (citation {self.citation})"
        loc = self.file or "<input>"
        if self.page is not None:
            loc += f":p{self.page}"
        if self.line_start:
            loc += f":{self.line_start}"
        if self.element:
            loc += f" [{self.element}]"
        return f"{loc}: {where}" if where else loc

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Origin:
        known: dict[str, Any] = {k: data.get(k) for k in cls.__dataclass_fields__ if k in data}
        known.setdefault("kind", "file")
        return cls(**known)


@dataclass(frozen=True)
class Name:
    """A personal name (family/given) or an institution (``literal``).

    ``particle`` is CSL's non-dropping particle (BibTeX's "von" part: ``van`` in
    ``van Kreveld, M.``; ``M. {van Kreveld}`` is a family name alone), ``dropping_particle`` CSL's
    dropping one (``Ludwig van Beethoven`` as citeproc-js shows "Beethoven, Ludwig van").
    ``extra`` keeps any other name key a source gave (CSL ``comma-suffix``,
    ``static-ordering``, ``parse-names``; biblatex ``useprefix``) as ``(key, value)``
    pairs, so a name read from CSL-JSON is written back as it came (a tuple, so a
    ``Name`` stays hashable).
    """

    family: str = ""
    given: str = ""
    literal: str = ""
    particle: str = ""  # "non-dropping-particle" in CSL (van, de, ...)
    suffix: str = ""
    dropping_particle: str = ""  # "dropping-particle" in CSL
    extra: tuple[tuple[str, Any], ...] = ()

    def to_csl(self) -> dict[str, Any]:
        if self.literal:
            out: dict[str, Any] = {"literal": self.literal}
        else:
            out = {"family": self.family}
            if self.given:
                out["given"] = self.given
            if self.dropping_particle:
                out["dropping-particle"] = self.dropping_particle
            if self.particle:
                out["non-dropping-particle"] = self.particle
            if self.suffix:
                out["suffix"] = self.suffix
        for key, value in self.extra:
            out.setdefault(key, value)
        return out

    @classmethod
    def from_csl(cls, data: dict[str, Any]) -> Name:
        extra = tuple((k, v) for k, v in data.items() if k not in _CSL_NAME_KEYS)
        if "literal" in data:
            return cls(literal=str(data["literal"]), extra=extra)
        return cls(
            family=str(data.get("family", "")),
            given=str(data.get("given", "")),
            particle=str(data.get("non-dropping-particle", "")),
            suffix=str(data.get("suffix", "")),
            dropping_particle=str(data.get("dropping-particle", "")),
            extra=extra,
        )

    def display(self) -> str:
        if self.literal:
            return self.literal
        fam = f"{self.particle} {self.family}".strip()
        return f"{fam}, {self.given}".strip(", ") if self.given else fam


_CSL_NAME_KEYS = frozenset({"family", "given", "literal", "non-dropping-particle", "dropping-particle", "suffix"})
_PARTICLE = re.compile(r"^((?:[a-z][a-z'’]*\s+)+)(\S.*)$")


def split_particle(name: Name) -> Name:
    """``family="van der Berg"`` -> particle "van der", family "Berg" (lower-case leading words).

    The one canonical form of a name, the way citeproc-js and Zotero read a family name;
    every parser and reader builds names through it, so round trips compare equal.
    """
    if name.particle or name.literal:
        return name
    m = _PARTICLE.match(name.family)
    if not m:
        return name
    return Name(family=m.group(2), given=name.given, particle=m.group(1).strip(), suffix=name.suffix,
                dropping_particle=name.dropping_particle, extra=name.extra)


# One EDTF / biblatex date: year (signed, 4+ digits; 1-2 digit month and day accepted as
# people write them), an optional time, and a qualifier (? uncertain, ~ circa, % both).
_EDTF_ONE = re.compile(
    r"^(?P<y>[+-]?\d{4,})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<t>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?|\s*[A-Z]{3})?))?)?)?"
    r"(?P<q>[?~%])?$"
)
# biblatex/EDTF seasons: 21 spring ... 24 winter (CSL seasons 1-4).
_SEASON_MONTHS = range(21, 25)


@dataclass(frozen=True)
class Date:
    """A CSL date: year/month/day parts (a range when ``end`` is set), or a literal.

    Lossless for what biblatex, EDTF and CSL-JSON write: ``2019/2020`` and
    ``2004-03-03/2005-08-09`` are ranges (``end``), ``2019/..`` an open one
    (``end=Date(literal="..")``; ``2019/`` keeps its empty end), ``2019~`` is ``circa``,
    ``2019?`` ``uncertain``, ``2019-21`` (or CSL ``season: 1``) a ``season``,
    ``2017-11-16T14:45:04`` keeps its ``time``.  ``iso()`` writes all of it back as
    EDTF text, so a date read from a .bib is written as it was.

    Parts are kept exactly as printed, even when implausible (a month 13 is kept as a
    literal, an access date before publication is kept): judging them is lint's job.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    literal: str = ""
    end: Date | None = None  # the end of a range
    circa: bool = False  # EDTF "~" (and "%"), CSL "circa"
    uncertain: bool = False  # EDTF "?" (and "%")
    season: str = ""  # "1"-"4" (CSL/biblatex seasons) or a season's name as a source wrote it
    time: str = ""  # "14:45:04", "14:45:04Z", "14:45:04+02:00" as written
    # The ``raw`` text a CSL-JSON item gave beside its ``date-parts`` ("" when none was
    # given).  Not part of the date's value (``==`` ignores it), but written back by
    # ``to_csl``: citeproc-js sorts a date that has ``raw`` as if it were empty
    # (``CSL.dateAsSortKey``), so a renderer reading the item through this record must see
    # it too (without it 277 of the render goldens' 13,232 entries changed on a CSL-JSON ->
    # Reference -> CSL-JSON trip; with it none).
    raw: str = field(default="", compare=False)

    @property
    def parts(self) -> list[int]:
        out: list[int] = []
        for p in (self.year, self.month, self.day):
            if p is None:
                break
            out.append(p)
        return out

    @property
    def is_range(self) -> bool:
        return self.end is not None

    def _one(self) -> str:
        if self.year is None:
            return self.literal
        y = f"{self.year:05d}" if self.year < 0 else f"{self.year:04d}"
        s = y
        if self.month:
            s += f"-{self.month:02d}"
            if self.day:
                s += f"-{self.day:02d}"
                if self.time:
                    s += f"T{self.time}"
        elif self.season.isdecimal():  # not isdigit: "²" is a digit to it, and no int
            s += f"-{20 + int(self.season)}"
        if self.circa and self.uncertain:
            s += "%"
        elif self.circa:
            s += "~"
        elif self.uncertain:
            s += "?"
        return s

    def iso(self) -> str:
        """EDTF text (``2024``, ``2024-02-05``, ``2019/2020``, ``2019~``, ...) or the literal."""
        return self._iso

    @functools.cached_property
    def _iso(self) -> str:
        """``iso()``, written once per date: the readers share one ``Date`` per distinct text
        (``formats.bibtex._iso_date``), and ``check`` asks each record for two (100,000
        calls on the link farm's 50,000 entries, 0.04 s CPU written out each time)."""
        if self.end is not None:
            return f"{self._one()}/{self.end._one()}"
        return self._one()

    def edtf(self) -> str:
        """The same as ``iso()``: EDTF level 1, as biblatex's ``date`` field reads it."""
        return self.iso()

    def _needs_raw(self) -> bool:
        return bool(self.time or self.uncertain or (self.year is None and self.end is not None)
                    or (self.end is not None and self.end.year is None)
                    or (self.end is not None and (self.end.time or self.end.uncertain or self.end.circa)))

    def to_csl(self) -> dict[str, Any]:
        """CSL-JSON: ``date-parts`` (two for a range), ``season``, ``circa``; ``raw`` (EDTF)
        only when the parts cannot say it all (a time, ``?``, an open range), so reading the
        item back gives this date again."""
        if self.year is None and self.end is None:
            return {"literal": self.literal}
        out: dict[str, Any] = {}
        if self.year is not None:
            out["date-parts"] = [self.parts]
            if self.end is not None and self.end.year is not None:
                out["date-parts"].append(self.end.parts)
        if self.season:
            out["season"] = int(self.season) if self.season.isdecimal() else self.season
        if self.circa:
            out["circa"] = True
        if self.raw:
            out["raw"] = self.raw
        elif self._needs_raw():
            out["raw"] = self.iso()
        return out

    @classmethod
    def _parse_one(cls, text: str) -> Date | None:
        m = _EDTF_ONE.match(text)
        if not m:
            return None
        y = int(m.group("y"))
        mo = int(m.group("m")) if m.group("m") else None
        d = int(m.group("d")) if m.group("d") else None
        q = m.group("q") or ""
        season = ""
        if mo is not None and mo in _SEASON_MONTHS and d is None:
            season, mo = str(mo - 20), None
        elif mo is not None and not 1 <= mo <= 12:
            return None
        return cls(y, mo, d, time=m.group("t") or "", circa=q in "~%" and bool(q),
                   uncertain=q in "?%" and bool(q), season=season)

    @classmethod
    def from_iso(cls, text: str) -> Date:
        """EDTF / ISO text -> a Date; anything else becomes a literal, kept as written."""
        text = text.strip()
        one = cls._parse_one(text)
        if one is not None:
            return one
        if text.count("/") == 1:
            left, right = (t.strip() for t in text.split("/"))
            start = cls._parse_one(left) if left not in ("", "..") else cls(literal=left)
            stop = cls._parse_one(right) if right not in ("", "..") else cls(literal=right)
            if start is not None and stop is not None and (start.year is not None or stop.year is not None):
                return cls(start.year, start.month, start.day, start.literal, end=stop, circa=start.circa,
                           uncertain=start.uncertain, season=start.season, time=start.time)
        return cls(literal=text)

    @classmethod
    def from_csl(cls, data: Any) -> Date:
        if isinstance(data, str):
            return cls.from_iso(data)
        if not isinstance(data, dict):
            return cls(literal=str(data))
        raw = str(data.get("raw") or "").strip()
        parts = data.get("date-parts")
        season = data.get("season")
        season_s = str(season).strip() if season not in (None, "") else ""
        circa = bool(data.get("circa")) and str(data.get("circa")).lower() not in ("0", "false")
        if parts and isinstance(parts, list) and isinstance(parts[0], list) and parts[0]:
            rows = []
            for row in parts[:2]:
                if not isinstance(row, list):
                    continue
                p: list[int] = []
                for x in row[:3]:
                    part = str(x).strip()
                    # isdecimal, not isdigit: "²" and "①" are digits to isdigit and no
                    # int; a part that is no number ends the date (a day is no month)
                    if not (part[1:] if part[:1] == "-" else part).isdecimal():
                        break
                    p.append(int(part))
                rows.append(p)
            if rows and rows[0]:
                if raw:
                    parsed = cls.from_iso(raw)
                    if parsed.year is not None and parsed.parts == rows[0]:
                        # the raw EDTF says more (time, "?", open end)
                        return cls(parsed.year, parsed.month, parsed.day, parsed.literal, parsed.end,
                                   parsed.circa, parsed.uncertain, parsed.season, parsed.time, raw=raw)
                first = rows[0] + [None] * (3 - len(rows[0]))
                end = None
                if len(rows) > 1 and rows[1] and rows[1] != rows[0]:
                    e = rows[1] + [None] * (3 - len(rows[1]))
                    end = cls(e[0], e[1], e[2])
                return cls(first[0], first[1], first[2], end=end, circa=circa, season=season_s, raw=raw)
        if raw:
            parsed = cls.from_iso(raw)
            if circa or season_s:
                parsed = cls(parsed.year, parsed.month, parsed.day, parsed.literal, parsed.end,
                             parsed.circa or circa, parsed.uncertain, parsed.season or season_s, parsed.time)
            return parsed
        return cls(literal=str(data.get("literal", "")), circa=circa, season=season_s)


@dataclass
class Verbatim:
    """An entry exactly as its file wrote it, so the same format can write it back unchanged.

    Set by the BibTeX reader (``format="bibtex"``): ``text`` is the block's raw text,
    ``entry_type``/``key`` as written (case kept), ``fields`` every field in its order with
    its raw value (braces, LaTeX, ``@string`` macros and ``#`` concatenation, ``crossref``
    as written).  ``snapshot`` is ``Reference.snapshot()`` taken right after reading: a
    writer of the same format that finds the record unchanged writes ``text``; one that
    finds it edited (enrich added a DOI) keeps every untouched field as written and
    rewrites only what changed.
    """

    format: str
    text: str
    entry_type: str = ""
    key: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    snapshot: tuple[Any, ...] | None = None
    # The white space before the entry in its file, as written, and the entry's offset
    # there: bib -> bib writes the text between blocks byte for byte, in the file's order.
    lead: str = ""
    order: int = -1


@dataclass
class Reference:
    """One cited work, CSL-JSON shaped, plus where it came from.

    ``fields`` holds the plain CSL string variables (``title``, ``container-title``,
    ``DOI``, ``keyword``, ``archive`` ...); names and dates have their own typed slots
    (``Name`` keeps dropping and non-dropping particles, ``Date`` ranges, EDTF
    qualifiers, seasons and times).  ``identifiers`` keeps identifiers CSL has no
    variable for (``EDN``, ``arXiv`` ...), which writers put where Zotero keeps them
    (Extra).  ``extra`` keeps everything else a source had, in its order, so nothing is
    lost between formats: a BibTeX field no CSL variable holds as ``tex.<field>`` (the
    spelling Better BibTeX uses in Zotero's Extra; CSL writers put it in ``note`` as a
    ``tex.<field>: value`` line, the BibTeX writer back as the field), and a CSL-JSON key
    the record has no slot for under its own name with its JSON value.  ``verbatim`` is
    the entry as written, for same-format round trips.  ``raw`` is the citation text as
    found, so nothing the user wrote is ever lost even when parsing fails
    (``parsed=False``).
    """

    id: str = ""
    type: str = "document"
    fields: dict[str, str] = field(default_factory=dict)
    names: dict[str, list[Name]] = field(default_factory=dict)
    dates: dict[str, Date] = field(default_factory=dict)
    identifiers: dict[str, str] = field(default_factory=dict)
    origin: Origin | None = None
    raw: str = ""
    parsed: bool = True
    warnings: list[str] = field(default_factory=list)
    # Which parser produced each field ("rule" or "model") and how sure it is.
    provenance: dict[str, tuple[str, float]] = field(default_factory=dict)
    # A short form or "Ibid." / "ebenda" / "Там же" footnote: the id of the full citation it
    # repeats (set by extract; writers show it, so a user can see which work a short form means).
    repeats: str = ""
    # What no slot above holds, by source name, in the order read (see the class docstring).
    extra: dict[str, Any] = field(default_factory=dict)
    verbatim: Verbatim | None = None
    # Name roles whose list ends in "et al." (BibTeX's ``and others``): the list is
    # truncated, and "others" is no author.
    truncated: list[str] = field(default_factory=list)

    def snapshot(self) -> tuple[Any, ...]:
        """The record's content (not its origin or verbatim text), cheap to take and compare.

        Writers compare it with ``verbatim.snapshot`` to tell an untouched entry (written
        back as it was) from an edited one.
        """
        return (
            self.id,
            self.type,
            dict(self.fields),
            {k: tuple(v) for k, v in self.names.items()},
            dict(self.dates),
            dict(self.identifiers),
            dict(self.extra),
            self.repeats,
            self.parsed,
            tuple(self.truncated),
        )

    # -- convenience accessors -------------------------------------------------
    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    def set(self, name: str, value: str | None) -> None:
        if value is None:
            return
        value = value.strip()
        if value:
            self.fields[name] = value
        else:
            self.fields.pop(name, None)

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def doi(self) -> str:
        return self.fields.get("DOI", "")

    @property
    def url(self) -> str:
        return self.fields.get("URL", "")

    @property
    def authors(self) -> list[Name]:
        return self.names.get("author", [])

    @property
    def issued(self) -> Date | None:
        return self.dates.get("issued")

    @property
    def accessed(self) -> Date | None:
        return self.dates.get("accessed")

    @property
    def footnote(self) -> int | None:
        if self.origin and self.origin.kind == "footnote":
            return self.origin.number
        return None

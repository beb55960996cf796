"""The one internal record every reader and writer of citekeeper speaks.

`Reference` is shaped like a CSL-JSON item (the schema citeproc and Zotero already
agree on), so converting to CSL-JSON is a near identity and every other format
(BibTeX, RIS, ...) is a reader/writer of this record.  Beyond CSL-JSON it carries
its *origin*: where in which input it came from, so that every later stage (link
checking, linting) can point a user at a file and line.
"""

from __future__ import annotations

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
        known = {k: data.get(k) for k in cls.__dataclass_fields__ if k in data}
        known.setdefault("kind", "file")
        return cls(**known)


@dataclass(frozen=True)
class Name:
    """A personal name (family/given) or an institution (``literal``)."""

    family: str = ""
    given: str = ""
    literal: str = ""
    particle: str = ""  # "non-dropping-particle" in CSL (van, de, ...)
    suffix: str = ""

    def to_csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        out = {"family": self.family}
        if self.given:
            out["given"] = self.given
        if self.particle:
            out["non-dropping-particle"] = self.particle
        if self.suffix:
            out["suffix"] = self.suffix
        return out

    @classmethod
    def from_csl(cls, data: dict[str, Any]) -> Name:
        if "literal" in data:
            return cls(literal=str(data["literal"]))
        return cls(
            family=str(data.get("family", "")),
            given=str(data.get("given", "")),
            particle=str(data.get("non-dropping-particle", data.get("dropping-particle", ""))),
            suffix=str(data.get("suffix", "")),
        )

    def display(self) -> str:
        if self.literal:
            return self.literal
        fam = f"{self.particle} {self.family}".strip()
        return f"{fam}, {self.given}".strip(", ") if self.given else fam


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
    return Name(family=m.group(2), given=name.given, particle=m.group(1).strip(), suffix=name.suffix)


_DATE_TEXT = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True)
class Date:
    """A CSL date: up to year/month/day parts, or a literal when it cannot be parsed.

    Parts are kept exactly as printed, even when implausible (a month 13 is kept as a
    literal, an access date before publication is kept): judging them is lint's job.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    literal: str = ""

    @property
    def parts(self) -> list[int]:
        out: list[int] = []
        for p in (self.year, self.month, self.day):
            if p is None:
                break
            out.append(p)
        return out

    def iso(self) -> str:
        """ISO 8601 text (``2024``, ``2024-02``, ``2024-02-05``) or the literal."""
        if self.year is None:
            return self.literal
        s = f"{self.year:04d}"
        if self.month:
            s += f"-{self.month:02d}"
            if self.day:
                s += f"-{self.day:02d}"
        return s

    def to_csl(self) -> dict[str, Any]:
        if self.year is None:
            return {"literal": self.literal}
        return {"date-parts": [self.parts]}

    @classmethod
    def from_iso(cls, text: str) -> Date:
        m = _DATE_TEXT.match(text.strip())
        if not m:
            return cls(literal=text.strip())
        y, mo, d = (int(g) if g else None for g in m.groups())
        return cls(y, mo, d)

    @classmethod
    def from_csl(cls, data: Any) -> Date:
        if isinstance(data, str):
            return cls.from_iso(data)
        if not isinstance(data, dict):
            return cls(literal=str(data))
        parts = data.get("date-parts")
        if parts and isinstance(parts, list) and parts[0]:
            p = [int(x) for x in parts[0][:3] if str(x).lstrip("-").isdigit()]
            if p:
                p += [None] * (3 - len(p))  # type: ignore[list-item]
                return cls(p[0], p[1], p[2])
        if data.get("raw"):
            return cls.from_iso(str(data["raw"]))
        return cls(literal=str(data.get("literal", "")))


@dataclass
class Reference:
    """One cited work, CSL-JSON shaped, plus where it came from.

    ``fields`` holds the plain CSL string variables (``title``, ``container-title``,
    ``DOI`` ...); names and dates have their own typed slots.  ``identifiers``
    keeps identifiers CSL has no variable for (``EDN``, ``arXiv`` ...), which writers
    put where Zotero keeps them (Extra).  ``raw`` is the citation text as found, so
    nothing the user wrote is ever lost even when parsing fails (``parsed=False``).
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

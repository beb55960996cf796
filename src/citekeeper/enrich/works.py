"""One normalised ``Work`` read from the three services' own JSON shapes.

Each registry describes a work differently: Crossref as a flat ``message`` (titles and
containers are lists, dates are ``date-parts``), DataCite as JSON:API
``data.attributes`` (``creators``, ``titles``, ``types.citeproc``), OpenAlex as a
``Work`` (``authorships``, ``primary_location.source``, ``biblio``).  Matching and
completion must not care which one answered, so every answer becomes a ``Work``
here, and only here.  Readers are forgiving: a field of the wrong type is treated as
absent, never as an error (a registry record is data, not input the user wrote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Crossref work types -> CSL types (Crossref's /types list; what CSL and Zotero call them).
CROSSREF_TYPES = {
    "journal-article": "article-journal", "book-chapter": "chapter", "book-section": "chapter",
    "book-part": "chapter", "book": "book", "edited-book": "book", "monograph": "book",
    "reference-book": "book", "book-set": "book", "book-series": "book",
    "proceedings-article": "paper-conference", "proceedings": "book",
    "dissertation": "thesis", "report": "report", "report-series": "report",
    "posted-content": "article", "dataset": "dataset", "reference-entry": "entry-encyclopedia",
    "standard": "standard", "peer-review": "review", "journal-issue": "periodical",
    "journal-volume": "periodical", "journal": "periodical", "component": "component",
    "other": "document", "grant": "grant",
}
# OpenAlex ``type`` -> CSL type (OpenAlex keeps Crossref's own type in ``type_crossref``).
OPENALEX_TYPES = {
    "article": "article-journal", "book-chapter": "chapter", "book": "book",
    "dissertation": "thesis", "dataset": "dataset", "preprint": "article", "report": "report",
    "review": "article-journal", "editorial": "article-journal", "letter": "article-journal",
    "erratum": "erratum", "retraction": "retraction", "reference-entry": "entry-encyclopedia",
    "standard": "standard", "peer-review": "review", "paratext": "document", "other": "document",
}


@dataclass(frozen=True)
class Update:
    """A notice about a work: a retraction, correction, expression of concern ...

    ``notice`` is the DOI of the notice; ``source`` who asserted it (``publisher``,
    ``retraction-watch``, ``openalex``).
    """

    kind: str  # retraction | correction | expression_of_concern | withdrawal | ...
    notice: str = ""
    date: str = ""
    source: str = ""
    label: str = ""
    record_id: str = ""

    def to_json(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass(frozen=True)
class Work:
    """A registry's description of one work, in the vocabulary of ``Reference``."""

    source: str  # crossref | datacite | openalex
    doi: str
    type: str = ""  # CSL type
    registry_type: str = ""  # the service's own type word (journal-article, Dataset ...)
    titles: tuple[str, ...] = ()  # title, title + subtitle, translations
    families: tuple[str, ...] = ()  # authors' family names, in order
    editors: tuple[str, ...] = ()
    years: tuple[int, ...] = ()  # every year the work is dated by (print, online, issued)
    containers: tuple[str, ...] = ()  # full and short container titles
    fields: dict[str, str] = field(default_factory=dict)  # CSL fields a user may lack
    updates: tuple[Update, ...] = ()  # notices about this work (it was retracted ...)
    updates_to: tuple[Update, ...] = ()  # this work *is* a notice about another (update-to)
    relations: tuple[tuple[str, str], ...] = ()  # (relation type, related DOI)
    score: float | None = None  # the service's own relevance score, shown, never trusted

    @property
    def title(self) -> str:
        return self.titles[0] if self.titles else ""

    @property
    def year(self) -> int | None:
        return min(self.years) if self.years else None

    def describe(self) -> str:
        """``Family (year). Title. Container`` -- one side of a mismatch, for people."""
        who = self.families[0] if self.families else (self.editors[0] + " (ed.)" if self.editors else "?")
        if len(self.families) > 1:
            who += " et al."
        parts = [f"{who} ({self.year or 'n.d.'})", self.title or "(no title)"]
        if self.containers:
            parts.append(self.containers[0])
        return ". ".join(parts) + f" [{self.registry_type or self.type}, doi:{self.doi}]"

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "doi": self.doi, "type": self.registry_type or self.type,
                "title": self.title, "authors": list(self.families[:5]), "year": self.year,
                "container": self.containers[0] if self.containers else None}


def _s(value: Any) -> str:
    """A string field, whitespace collapsed; anything else is ''."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return " ".join(value.split()) if isinstance(value, str) else ""


def as_list(value: Any) -> list[Any]:
    """A JSON array, or ``[]`` for anything else (a number or ``true`` where a list belongs
    would otherwise be iterated: ``TypeError``)."""
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    """A JSON object, or ``{}`` for anything else."""
    return value if isinstance(value, dict) else {}


def _strs(value: Any) -> list[str]:
    """A list of strings (Crossref's ``title: [...]``) or a lone string, cleaned."""
    items = value if isinstance(value, list) else [value]
    return [t for t in (_clean(_s(v)) for v in items) if t]


_RELATION_UPDATES = {
    "is-retracted-by": "retraction", "has-retraction": "retraction",
    "is-corrected-by": "correction", "has-correction": "correction",
    "has-expression-of-concern": "expression_of_concern",
    "is-subject-of-expression-of-concern": "expression_of_concern",
}
_TAGS = re.compile(r"<[^>]+>")


def _clean(text: str) -> str:
    """Registry titles carry JATS/MathML markup (``<i>``, ``<mml:math>``): drop the tags."""
    return " ".join(_TAGS.sub(" ", text).split()) if "<" in text else text


def _year_of(date: Any) -> int | None:
    """The year of a Crossref date (``{"date-parts": [[2019, 5]]}``)."""
    if not isinstance(date, dict):
        return None
    parts = date.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        y = parts[0][0]
        if isinstance(y, int) and 1000 <= y <= 2999:
            return y
        if isinstance(y, str) and y.isdecimal():  # not isdigit: "²" is a digit, and no int
            return int(y)
    return None


def _iso(date: Any) -> str:
    if not isinstance(date, dict):
        return ""
    parts = date.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list):
        return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts[0]) if isinstance(p, int))
    return ""


def _family(person: Any) -> str:
    if not isinstance(person, dict):
        return ""
    fam = _s(person.get("family") or person.get("familyName"))
    if fam:
        return fam
    name = _s(person.get("name") or person.get("literal") or person.get("display_name"))
    if "," in name:
        return name.split(",", 1)[0].strip()
    return name.split()[-1] if name and person.get("nameType") != "Organizational" else name


def _uniq(items: list[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _updates(items: Any) -> tuple[Update, ...]:
    out = []
    for u in items if isinstance(items, list) else []:
        if not isinstance(u, dict):
            continue
        kind = _s(u.get("type")).lower().replace("-", "_").replace(" ", "_")
        if kind:
            out.append(Update(kind, _s(u.get("DOI")).lower(), _iso(u.get("updated")),
                              _s(u.get("source")), _s(u.get("label")), _s(u.get("record-id"))))
    return tuple(out)


def from_crossref(msg: Any) -> Work | None:
    """A Crossref ``work`` message (``/works/{doi}``, or one of ``items``)."""
    if not isinstance(msg, dict) or not _s(msg.get("DOI")):
        return None
    titles = _strs(msg.get("title"))
    subtitles = _strs(msg.get("subtitle"))
    if titles and subtitles:
        titles.insert(1, f"{titles[0]}: {subtitles[0]}")
    titles += _strs(msg.get("original-title")) + _strs(msg.get("short-title"))
    years = [_year_of(msg.get(k)) for k in ("published-print", "published-online", "issued",
                                            "published", "published-other")]
    rtype = _s(msg.get("type"))
    f: dict[str, str] = {}
    containers = _strs(msg.get("container-title")) + _strs(msg.get("short-container-title"))
    if containers:
        f["container-title"] = containers[0]
    for name in ("volume", "issue", "page", "publisher", "language"):
        if _s(msg.get(name)):
            f[name] = _s(msg.get(name))
    issns = _strs(msg.get("ISSN"))
    if issns:
        f["ISSN"] = issns[0]
    isbns = _strs(msg.get("ISBN"))
    if isbns:
        f["ISBN"] = isbns[0]
    relations: list[tuple[str, str]] = []
    rel = msg.get("relation")
    if isinstance(rel, dict):
        for rtype_name, targets in rel.items():
            for t in targets if isinstance(targets, list) else []:
                if isinstance(t, dict) and _s(t.get("id")):
                    relations.append((str(rtype_name), _s(t.get("id")).lower()))
    # Relations that announce a notice (``is-retracted-by``, ``has-correction`` ...):
    updates = list(_updates(msg.get("updated-by")))
    for name, target in relations:
        kind = _RELATION_UPDATES.get(name.lower())
        if kind:
            updates.append(Update(kind, target, source="relation", label=name))
    score = msg.get("score")
    return Work(
        source="crossref", doi=_s(msg["DOI"]).lower(), type=CROSSREF_TYPES.get(rtype, "document"),
        registry_type=rtype, titles=_uniq(titles),
        families=_uniq([_family(a) for a in as_list(msg.get("author")) if isinstance(a, dict)]),
        editors=_uniq([_family(a) for a in as_list(msg.get("editor")) if isinstance(a, dict)]),
        years=_uniq(years), containers=_uniq(containers), fields=f,
        updates=tuple(updates), updates_to=_updates(msg.get("update-to")),
        relations=tuple(relations), score=float(score) if isinstance(score, (int, float)) else None,
    )


def from_datacite(data: Any) -> Work | None:
    """A DataCite JSON:API resource (``data`` of ``/dois/{doi}``, or one of a list)."""
    if not isinstance(data, dict):
        return None
    a = as_dict(data.get("attributes"))
    if not _s(a.get("doi") or data.get("id")):
        return None
    titles = [_clean(_s(t.get("title"))) for t in as_list(a.get("titles")) if isinstance(t, dict)]
    creators = [c for c in as_list(a.get("creators")) if isinstance(c, dict)]
    types = as_dict(a.get("types"))
    rtype = _s(types.get("resourceTypeGeneral"))
    years: list[int | None] = []
    y = a.get("publicationYear")
    if isinstance(y, int) or (isinstance(y, str) and y.isdecimal()):
        years.append(int(y))
    for d in as_list(a.get("dates")):
        if isinstance(d, dict) and d.get("dateType") in ("Issued", "Available", "Created"):
            m = re.match(r"(\d{4})", _s(d.get("date")))
            if m:
                years.append(int(m.group(1)))
    f: dict[str, str] = {}
    pub = a.get("publisher")
    pub_name = _s(pub.get("name")) if isinstance(pub, dict) else _s(pub)
    if pub_name:
        f["publisher"] = pub_name
    if _s(a.get("language")):
        f["language"] = _s(a.get("language"))
    containers: list[str] = []
    cont = a.get("container")
    if isinstance(cont, dict):
        if _s(cont.get("title")):
            containers.append(_s(cont["title"]))
            f["container-title"] = _s(cont["title"])
        for k in ("volume", "issue"):
            if _s(cont.get(k)):
                f[k] = _s(cont[k])
        if _s(cont.get("firstPage")):
            f["page"] = _s(cont["firstPage"]) + (f"-{_s(cont['lastPage'])}" if _s(cont.get("lastPage")) else "")
        if cont.get("identifierType") == "ISSN" and _s(cont.get("identifier")):
            f["ISSN"] = _s(cont["identifier"])
    relations = tuple(
        (_s(r.get("relationType")), _s(r.get("relatedIdentifier")).lower())
        for r in as_list(a.get("relatedIdentifiers"))
        if isinstance(r, dict) and r.get("relatedIdentifierType") == "DOI" and _s(r.get("relatedIdentifier"))
    )
    return Work(
        source="datacite", doi=_s(a.get("doi") or data.get("id")).lower(),
        type=_s(types.get("citeproc")) or "document", registry_type=rtype or _s(types.get("resourceType")),
        titles=_uniq(titles), families=_uniq([_family(c) for c in creators]), years=_uniq(years),
        containers=_uniq(containers), fields=f, relations=relations,
    )


def from_openalex(w: Any) -> Work | None:
    """An OpenAlex ``Work`` (``/works/doi:...``, or one of ``results``); None without a DOI."""
    if not isinstance(w, dict):
        return None
    doi = _s(w.get("doi"))
    doi = re.sub(r"^https?://(?:dx\.)?doi\.org/", "", doi, flags=re.I).lower()
    if not doi:
        return None
    families = []
    for au in as_list(w.get("authorships")):
        if isinstance(au, dict):
            person = as_dict(au.get("author"))
            families.append(_family({"display_name": person.get("display_name") or au.get("raw_author_name")}))
    years = [w.get("publication_year")] if isinstance(w.get("publication_year"), int) else []
    f: dict[str, str] = {}
    containers: list[str] = []
    loc = as_dict(w.get("primary_location"))
    src = as_dict(loc.get("source"))
    if _s(src.get("display_name")):
        containers.append(_s(src["display_name"]))
        f["container-title"] = containers[0]
    issns = _strs(src.get("issn")) or _strs(src.get("issn_l"))
    if issns:
        f["ISSN"] = issns[0]
    if _s(src.get("host_organization_name")):
        f["publisher"] = _s(src["host_organization_name"])
    bib = as_dict(w.get("biblio"))
    for k in ("volume", "issue"):
        if _s(bib.get(k)):
            f[k] = _s(bib[k])
    if _s(bib.get("first_page")):
        last = _s(bib.get("last_page"))
        f["page"] = _s(bib["first_page"]) + (f"-{last}" if last and last != _s(bib["first_page"]) else "")
    if _s(w.get("language")):
        f["language"] = _s(w["language"])
    rtype = _s(w.get("type_crossref")) or _s(w.get("type"))
    ctype = CROSSREF_TYPES.get(rtype) or OPENALEX_TYPES.get(_s(w.get("type")), "document")
    updates = (Update("retraction", source="openalex", label="is_retracted"),) if w.get("is_retracted") is True else ()
    return Work(
        source="openalex", doi=doi, type=ctype, registry_type=rtype,
        titles=_uniq([_clean(_s(w.get("title"))), _clean(_s(w.get("display_name")))]),
        families=_uniq(families), years=_uniq(years), containers=_uniq(containers), fields=f,
        updates=updates,
    )

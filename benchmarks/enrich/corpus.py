"""A seeded evaluation set for ``enrich``: real works from ``../shared/realbib`` and decoys.

The registry: real works (title, authors, year, journal, volume, pages and DOI as
their bibliographies record them), deduplicated by DOI, registered with Crossref
(DataCite for DataCite prefixes; 5% only with OpenAlex).  The entries a user would
have, each with the answer it should get:

* ``find``        the work without its DOI, written the way people write it
                  (lower-cased or sentence-case title, subtitle dropped, journal
                  abbreviated or missing, accents dropped from names, online-first
                  year); the right answer is the work's DOI.  A share have decoys
                  beside them: the same title by another author years apart, a
                  "Correction: <title>" notice, a preprint of the article.
* ``absent``      a work the registry does not have, whose title-twin (another
                  author, another year) it has: the right answer is no DOI.
* ``ambiguous``   two versions of one title by the same authors in one year
                  (conference and journal): the right answer is no DOI written.
* ``verify``      the right DOI (no finding expected but notices).
* ``typo``        a DOI one character off that names another registered work.
* ``unregistered`` a DOI nobody registered.
* ``retracted``   the right DOI of a work retracted (publisher ``updated-by``, or only
                  a Retraction Watch notice's ``update-to``), corrected or under an
                  expression of concern.

``build(n, seed)`` is deterministic; the reported numbers use a seed that was not
used while developing (see README.md).
"""

from __future__ import annotations

import glob
import os
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "tests" / "enrich"))

from lookalike import Seed, update  # noqa: E402

from citekeeper.formats import read_file  # noqa: E402
from citekeeper.model import Reference  # noqa: E402

REALBIB = Path(os.environ.get("CITEKEEPER_REALBIB", HERE.parent.parent.parent / "shared" / "realbib"))
DATACITE_PREFIXES = ("10.5281", "10.48550", "10.5061", "10.6084", "10.17605", "10.5066", "10.4230")


@dataclass
class Case:
    kind: str
    bib: str  # the entry as BibTeX
    key: str
    expect_doi: str = ""  # find: the DOI to find; verify/retracted: the DOI given
    expect_rule: str = ""  # the finding that must be reported


def _ascii(text: str) -> str:
    t = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in t if not unicodedata.combining(ch))


def load_works() -> list[Reference]:
    """Real works with a DOI, a title of 4+ words, an author and a year, one per DOI."""
    seen: set[str] = set()
    out: list[Reference] = []
    for path in sorted(glob.glob(str(REALBIB / "*"))):
        if path.endswith(".md"):
            continue
        try:
            refs = read_file(path).references
        except Exception:  # a file the reader refuses is not this benchmark's business
            continue
        for r in refs:
            doi = r.doi.strip().lower()
            if not re.match(r"^10\.\d{4,9}/\S+$", doi) or doi in seen:
                continue
            fam = r.authors[0].family if r.authors else ""
            if not (fam and r.issued and r.issued.year and len(r.title.split()) >= 4):
                continue
            if "{" in r.title or "\\" in r.title or "$" in r.title:
                continue
            seen.add(doi)
            out.append(r)
    return out


def _clean_title(t: str) -> str:
    return " ".join(t.replace("{", "").replace("}", "").split())


def _seed_of(r: Reference, agency: str, **kw: object) -> Seed:
    ctype = {"article-journal": "journal-article", "chapter": "book-chapter", "book": "book",
             "paper-conference": "proceedings-article", "thesis": "dissertation", "report": "report"}
    title, _, sub = _clean_title(r.title).partition(": ")
    base = dict(doi=r.doi.lower(), title=title, subtitle=sub,
                authors=[(n.given, n.family or n.literal) for n in r.authors], year=r.issued.year,  # type: ignore[union-attr]
                type=ctype.get(r.type, "journal-article") if agency != "datacite" else "Text",
                agency=agency, container=r.get("container-title"), volume=r.get("volume"),
                issue=r.get("issue"), page=r.get("page").replace("--", "-"), publisher=r.get("publisher"))
    base.update(kw)
    return Seed(**base)  # type: ignore[arg-type]


def _abbrev(journal: str) -> str:
    words = [w for w in journal.split() if w.lower() not in ("of", "the", "and", "&", "for", "in", "on")]
    return " ".join(w[:4] + "." if len(w) > 5 else w for w in words)


_ENTRY_TYPES = {"journal-article": ("article", "journal"), "book-chapter": ("incollection", "booktitle"),
                "book": ("book", ""), "proceedings-article": ("inproceedings", "booktitle"),
                "dissertation": ("phdthesis", ""), "report": ("techreport", "")}


def _bib(key: str, etype: str, fields: list[tuple[str, str]], seed: Seed | None = None) -> str:
    if seed is not None:
        etype, cont = _ENTRY_TYPES.get(seed.type, ("article", "journal"))
        fields = [((cont or "note") if k == "journal" else k, v) for k, v in fields
                  if k != "journal" or cont]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
    return f"@{etype}{{{key},\n{body}\n}}\n"


def _names(authors: list[tuple[str, str]]) -> str:
    return " and ".join(f"{f}, {g}" if g else f for g, f in authors)


def _entry_fields(s: Seed, rng: random.Random, perturb: bool) -> list[tuple[str, str]]:
    title = s.title + (f": {s.subtitle}" if s.subtitle else "")
    authors = s.authors
    year = s.year
    journal = s.container
    if perturb:
        roll = rng.random()
        if roll < 0.25:
            title = title.lower()
        elif roll < 0.45 and s.subtitle:
            title = s.title  # subtitle dropped
        elif roll < 0.55:
            title = title[:1] + title[1:].lower()
        if rng.random() < 0.3:
            authors = [(_ascii(g), _ascii(f)) for g, f in authors]
        if journal and rng.random() < 0.25:
            journal = _abbrev(journal)
        elif rng.random() < 0.15:
            journal = ""
        if s.online_year:
            year = s.online_year if rng.random() < 0.5 else s.year
    fields = [("author", _names(authors[:4])), ("title", title), ("journal", journal), ("year", str(year))]
    if perturb and rng.random() < 0.5:
        fields.append(("volume", s.volume))
    return fields


def _typo(doi: str, rng: random.Random) -> str:
    chars = list(doi)
    idx = [i for i, c in enumerate(chars) if c.isdigit() and i > doi.index("/")]
    if not idx:
        return doi + "x"
    i = rng.choice(idx)
    chars[i] = str((int(chars[i]) + rng.randint(1, 8)) % 10)
    return "".join(chars)


_DECOY_FAMILIES = ["Novak", "Okafor", "Lindgren", "Tanaka", "Moreau", "Silva", "Kowalski", "Haddad",
                   "Petrov", "Nguyen", "Schulz", "García", "Byrne", "Kaur", "Rossi", "Yilmaz"]


def build(n: int, seed: int) -> tuple[list[Seed], list[Case]]:
    """``n`` entries and the registry they are looked up in (see module docstring)."""
    rng = random.Random(seed)
    works = load_works()
    rng.shuffle(works)
    seeds: list[Seed] = []
    cases: list[Case] = []
    registered: set[str] = set()
    pool = iter(works)

    def agency_of(doi: str) -> str:
        if doi.startswith(DATACITE_PREFIXES):
            return "datacite"
        return "other" if rng.random() < 0.05 else "crossref"

    def add(s: Seed) -> Seed:
        if s.doi not in registered:
            registered.add(s.doi)
            seeds.append(s)
        return s

    plan = (["find"] * 55 + ["absent"] * 10 + ["ambiguous"] * 4 + ["verify"] * 12 + ["typo"] * 6
            + ["unregistered"] * 4 + ["retracted"] * 6 + ["corrected"] * 3)
    rng.shuffle(plan)
    for i in range(n):
        kind = plan[i % len(plan)]
        r = next(pool)
        key = f"e{i:05d}"
        s = _seed_of(r, agency_of(r.doi.lower()))
        if kind == "find":
            if rng.random() < 0.1 and s.agency == "crossref":
                s.online_year, s.year = s.year - 1, s.year  # online first: two years
            add(s)
            roll = rng.random()
            if roll < 0.2:  # same title, another author, years apart
                add(Seed(f"{s.doi}.decoy", s.title, [("A.", rng.choice(_DECOY_FAMILIES))], s.year + rng.choice((-7, -4, 3, 6)),
                         subtitle=s.subtitle, container="Journal of Unrelated Studies", volume="3", page="1-9"))
            elif roll < 0.3 and s.agency == "crossref":  # a correction notice with its title
                add(Seed(f"{s.doi}.corr", f"Correction: {s.title}", [("", "Editors")], s.year + 1,
                         container=s.container, update_to=[update("correction", s.doi, s.year + 1)]))
            elif roll < 0.4 and s.agency == "crossref" and s.type == "journal-article":  # its preprint
                add(Seed(f"10.1101/{s.year - 1}.{rng.randint(10**5, 10**6)}", s.title, s.authors, s.year - 1,
                         subtitle=s.subtitle, type="posted-content", publisher="Cold Spring Harbor Laboratory"))
            cases.append(Case("find", _bib(key, "article", _entry_fields(s, rng, True), s), key, s.doi))
        elif kind == "absent":
            twin = Seed(f"{s.doi}.twin", s.title, [("B.", rng.choice(_DECOY_FAMILIES))], s.year - rng.choice((3, 5, 8)),
                        subtitle=s.subtitle, container="Annals of Elsewhere", volume="12", page="100-110")
            add(twin)
            cases.append(Case("absent", _bib(key, "article", _entry_fields(s, rng, True)), key))
        elif kind == "ambiguous":
            s.type, s.agency = "proceedings-article", "crossref"  # both versions where the search is
            s.container = f"Proceedings of the {rng.randint(2, 30)}th International Conference on Things"
            add(s)
            add(Seed(f"{s.doi}.journal", s.title, s.authors, s.year, subtitle=s.subtitle,
                     container="Transactions on Things", volume="9", page="11-20"))
            fields = [f for f in _entry_fields(s, rng, False) if f[0] != "journal"]
            cases.append(Case("ambiguous", _bib(key, "article", fields), key))
        elif kind in ("verify", "typo", "unregistered", "retracted", "corrected"):
            rule = ""
            doi = s.doi
            if kind == "retracted":
                notice = f"{s.doi}.retraction"
                if rng.random() < 0.5:
                    s.updated_by = [update("retraction", notice, s.year + 2, "retraction-watch", record_id=str(i))]
                else:  # only the notice says so
                    add(Seed(notice, f"Retraction Note: {s.title}", [("", "Editors")], s.year + 2,
                             container=s.container, update_to=[update("retraction", s.doi, s.year + 2,
                                                                      "retraction-watch", record_id=str(i))]))
                s.agency = "crossref"
                rule = "enrich/retracted"
            elif kind == "corrected":
                kind_, rule = rng.choice([("correction", "enrich/corrected"),
                                          ("expression_of_concern", "enrich/expression-of-concern")])
                s.updated_by = [update(kind_, f"{s.doi}.notice", s.year + 1)]
                s.agency = "crossref"
                kind = "retracted"  # a planted notice, judged the same way
            elif kind == "typo":
                doi = _typo(s.doi, rng)
                if doi in registered:
                    doi = doi + "9"
                other = next(pool)
                add(_seed_of(other, "crossref", doi=doi))  # the typo names another work
                rule = "enrich/doi-mismatch"
            elif kind == "unregistered":
                doi = f"10.99999/nowhere.{i}"
                rule = "enrich/doi-unregistered"
            add(s)
            fields = [*_entry_fields(s, rng, False), ("doi", doi)]
            cases.append(Case(kind, _bib(key, "article", fields, s), key, doi, rule))
    return seeds, cases

"""Does a registry's work describe the entry a user cited?  A score with reasons.

Precision comes first: a wrong DOI written into a bibliography is worse than a DOI
not found, so a candidate is *accepted* only when every piece of evidence the entry
has agrees and nothing contradicts:

* **title**: normalised (accents folded, LaTeX and markup removed, punctuation to
  spaces, lower case) and compared with rapidfuzz's ``ratio`` and
  ``token_sort_ratio`` (word order), against the candidate's title and its title +
  subtitle; a cited title that is the registry's title without its subtitle (or the
  reverse) counts too.  ``token_set_ratio`` is not used: it calls "Deep learning" and
  "Deep learning in medicine: a review" identical.
* **first author**: the entry's first family name (or first editor's) equals one of
  the candidate's first two family names (fuzzy >= 90 for transliterations); absent
  from the candidate's authors is a contradiction.
* **year**: equal, or one apart (online-first articles carry two years).
* **container**: a journal or book title, abbreviations understood
  (``J. Appl. Phys.`` ~ ``Journal of Applied Physics``).
* **no contradiction**: volume, first page and type (a book's DOI for a chapter, a
  chapter's for a book, a notice or a review of the work) must not disagree.

Two candidates with different DOIs that both pass are *ambiguous*: reported, never
written.  The thresholds were set on the test look-alike's seeded set
(``tests/enrich/lookalike.py``), not on the benchmark's held-out set.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from citekeeper.enrich.works import Work
from citekeeper.model import Reference

ACCEPT_TITLE = 0.93  # with author and year agreeing
STRICT_TITLE = 0.97  # when the entry lacks an author or a year
AMBIGUOUS_MARGIN = 0.04  # two accepted candidates closer than this: ambiguous
SAME_WORK_TITLE = 0.85  # verify: titles at least this close are the same work
OTHER_WORK_TITLE = 0.60  # verify: titles below this are another work

_LATEX_CMD = re.compile(r"\\[a-zA-Z]+\*?\s*|\\.")
_NON_WORD = re.compile(r"[^\w]+")
_STOP = frozenset({"of", "the", "and", "for", "in", "on", "a", "an", "de", "la", "le", "des",
                   "der", "die", "und", "für", "et", "du", "i"})
BOOK_TYPES = frozenset({"book"})
PART_TYPES = frozenset({"chapter", "paper-conference", "entry-encyclopedia"})
# Registry types that are never what a reference list cites as a work of its own.
NOT_A_WORK = frozenset({"journal-issue", "journal-volume", "journal", "component", "peer-review",
                        "book-series", "report-series", "grant", "proceedings-series"})
REVIEW_RELATIONS = frozenset({"is-review-of", "is-comment-on", "is-reply-to", "IsReviewOf"})
NOTICE_TITLE = re.compile(r"^(?:retraction|retracted|correction|corrigendum|erratum|errata|"
                          r"expression of concern|withdrawal|withdrawn|notice of retraction|"
                          r"addendum|editorial expression of concern)\b", re.I)


_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>")


def fold(text: str) -> str:
    """Text for comparison: markup (JATS/MathML tags a registry export left in a .bib),
    LaTeX and accents gone, punctuation to spaces, lower case."""
    t = _MARKUP.sub(" ", text) if "<" in text else text
    t = _LATEX_CMD.sub(" ", t).replace("{", "").replace("}", "")
    t = unicodedata.normalize("NFKD", t)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", t.casefold()).replace("_", " ").split())


def title_similarity(cited: str, titles: tuple[str, ...]) -> float:
    """Best similarity (0..1) of the cited title with any of a work's titles."""
    a = fold(cited)
    if not a:
        return 0.0
    best = 0.0
    mains = [t.split(": ", 1)[0] for t in titles if ": " in t]  # the title without its subtitle
    for t in (*titles, *mains):
        b = fold(t)
        if not b:
            continue
        s = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100
        # A title cited without its subtitle.  Only that way round: a cited title that
        # goes on past the registered one may be another part of a series ("Basis sets"
        # vs "Basis sets. III. Diffuse functions"), and registries keep subtitles apart.
        if len(a) >= 20 and b.startswith(a + " ") and len(a.split()) >= 4:
            s = max(s, 0.95)
        best = max(best, s)
    return best


def _abbrev_match(a: str, b: str) -> bool:
    """``j appl phys`` ~ ``journal of applied physics``: each word a prefix, in order."""
    wa = [w for w in a.split() if w not in _STOP and not w.isdigit()]  # "IPAC'18": the year
    wb = [w for w in b.split() if w not in _STOP and not w.isdigit()]
    if not wa or not wb or len(wa) != len(wb):
        return False
    return all(y.startswith(x) or x.startswith(y) for x, y in zip(wa, wb, strict=True))


_VENUE_NOISE = frozenset({"proceedings", "proc", "conference", "conf", "international", "intl", "int",
                          "annual", "symposium", "symp", "workshop", "ieee", "acm", "cvf"})


def _significant(text: str) -> list[str]:
    return [w for w in text.split() if w not in _STOP and not w.isdigit()
            and not re.fullmatch(r"\d+(?:st|nd|rd|th)", w)]


def _contained(a: str, b: str) -> bool:
    """Most significant words of the shorter name are words (or prefixes) of the longer:
    conference names are written a dozen ways ("Proceedings of the IEEE Conference on
    Computer Vision and Pattern Recognition" ~ "2016 IEEE Conference on Computer Vision
    and Pattern Recognition (CVPR)"), journals are not ("Journal of Applied Physics"
    vs "... Applied Polymer Science" shares 2 of 3)."""
    wa = [w for w in _significant(a) if w not in _VENUE_NOISE]
    wb = [w for w in _significant(b) if w not in _VENUE_NOISE]
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) < 3:
        return False
    hits = sum(any(y == x or (len(x) >= 3 and y.startswith(x)) for y in long_) for x in short)
    return hits / len(short) >= 0.8


def _acronym(a: str, b: str) -> bool:
    """``pnas`` ~ ``proceedings of the national academy of sciences``."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if " " in short or not 2 <= len(short) <= 8:
        return False
    initials = "".join(w[0] for w in _significant(long_))
    return short == initials or short == "".join(w[0] for w in long_.split())


def container_agrees(cited: str, containers: tuple[str, ...]) -> bool | None:
    """True / False, or None when either side has no container."""
    a = fold(cited)
    if not a or not containers:
        return None
    for c in containers:
        b = fold(c)
        if not b:
            continue
        if a == b or _abbrev_match(a, b) or fuzz.token_sort_ratio(a, b) >= 88 \
                or _contained(a, b) or _acronym(a, b):
            return True
        if len(a) >= 12 and len(b) >= 12 and (a in b or b in a):
            return True  # "Lecture Notes in Computer Science" inside a series title
    return False


def first_family(ref: Reference) -> str:
    for role in ("author", "editor"):
        for n in ref.names.get(role, []):
            return n.family or n.literal
    return ""


def _family_agrees(cited: str, families: tuple[str, ...]) -> bool | None:
    a = fold(cited)
    if not a or not families:
        return None
    folded = [fold(f) for f in families]
    for f in folded[:2]:
        if f and (f == a or fuzz.ratio(f, a) >= 90 or a in f.split() or f in a.split()):
            return True
    # Listed, but not first: a different first author is a different work, unless
    # the registry has a long list where order is unreliable; it is not agreement.
    return False


def ref_year(ref: Reference) -> int | None:
    d = ref.issued
    return d.year if d is not None else None


def _first_page(page: str) -> str:
    m = re.match(r"\s*([A-Za-z]?\d+)", page or "")
    return m.group(1).lstrip("0") if m else ""


@dataclass(frozen=True)
class Score:
    """How well one work fits one entry: 0..1 with the reasons, and the verdict."""

    value: float
    title: float
    reasons: tuple[str, ...]
    contradictions: tuple[str, ...] = ()
    agree: dict[str, bool | None] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return bool(self.agree.get("accepted"))

    def to_json(self) -> dict[str, Any]:
        return {"score": round(self.value, 3), "title": round(self.title, 3),
                "reasons": list(self.reasons), "contradictions": list(self.contradictions)}


def score(ref: Reference, work: Work) -> Score:
    """Score ``work`` as the entry ``ref`` (see module docstring for the rules)."""
    reasons: list[str] = []
    against: list[str] = []
    t = title_similarity(ref.title, work.titles)
    reasons.append(f"title {t:.2f}")
    fam = first_family(ref)
    fam_ok = _family_agrees(fam, work.families or work.editors)
    if fam_ok:
        reasons.append(f"first author {fam!r} agrees")
    elif fam_ok is False:
        against.append(f"first author {fam!r} not among {', '.join((work.families or work.editors)[:3])}")
    y = ref_year(ref)
    year_ok: bool | None = None
    if y is not None and work.years:
        gap = min(abs(y - wy) for wy in work.years)
        year_ok = gap <= 1
        if gap == 0:
            reasons.append(f"year {y}")
        elif year_ok:
            reasons.append(f"year {y} ~ {'/'.join(map(str, work.years))} (online first)")
        else:
            against.append(f"year {y} vs {'/'.join(map(str, work.years))}")
    cont_ok = container_agrees(ref.get("container-title"), work.containers)
    if cont_ok:
        reasons.append("container agrees")
    elif cont_ok is False:
        against.append(f"container {ref.get('container-title')!r} vs {work.containers[0]!r}")
    v_ref, v_work = ref.get("volume").strip(), work.fields.get("volume", "").strip()
    if v_ref and v_work and v_ref.isdigit() and v_work.isdigit() and v_ref != v_work:
        against.append(f"volume {v_ref} vs {v_work}")
    p_ref, p_work = _first_page(ref.get("page")), _first_page(work.fields.get("page", ""))
    if p_ref and p_work and p_ref != p_work:
        against.append(f"first page {p_ref} vs {p_work}")
    against += type_contradictions(ref, work)
    if work.titles and title_numbers_differ(ref.title, work.titles):
        against.append("the titles' numbers differ (another part of a series)")
    # The score people read: the title weighs most; each agreement adds, each
    # contradiction takes away.
    value = 0.6 * t + 0.15 * bool(fam_ok) + 0.1 * bool(year_ok) + 0.1 * bool(cont_ok) \
        + 0.05 * (not against)
    value = max(0.0, value - 0.2 * len(against))
    need = ACCEPT_TITLE if (fam_ok and year_ok) else STRICT_TITLE
    evidence = sum(bool(x) for x in (fam_ok, year_ok, cont_ok))
    accepted = (
        not against and t >= need
        and (fam_ok or not fam)  # an entry with an author needs that author
        and (year_ok or y is None)  # an entry with a year needs that year
        and evidence >= 2
    )
    return Score(min(value, 1.0), t, tuple(reasons), tuple(against),
                 {"author": fam_ok, "year": year_ok, "container": cont_ok, "accepted": accepted})


_ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix"})  # "i", "v", "x" are words too
_PART = re.compile(r"\b(?:part|pt|vol|volume|book|chapter|no|number)\s+([ivxlc]+|\d+)\b")


def _numbers(title: str) -> set[str]:
    """Numbers that tell one work of a series from the next: ``Part II``, ``2019``, ``3``."""
    t = fold(title)
    out = set(re.findall(r"\b\d+\b", t)) | {f"roman:{w}" for w in t.split() if w in _ROMAN}
    out |= {f"part:{m}" for m in _PART.findall(t)}
    return out


def title_numbers_differ(cited: str, titles: tuple[str, ...]) -> bool:
    """"Part I" cited, "Part II" registered: similar titles, different works."""
    a = _numbers(cited)
    full = max((t for t in titles if t), key=len, default="")  # with its subtitle ("...: Part 2")
    b = _numbers(full)
    return bool(a and b and a != b)


def type_contradictions(ref: Reference, work: Work) -> list[str]:
    """Type disagreements that mean "another work": book vs chapter, notices, reviews."""
    out = []
    if work.registry_type in NOT_A_WORK:
        out.append(f"the DOI names a {work.registry_type}, not a work")
    if ref.type in PART_TYPES and work.type in BOOK_TYPES:
        out.append(f"a {ref.type.replace('-', ' ')} is cited; the DOI is the whole book's")
    elif ref.type in BOOK_TYPES and work.type in PART_TYPES:
        out.append(f"a book is cited; the DOI is a {work.registry_type or work.type}'s")
    cited_notice = bool(NOTICE_TITLE.match(fold(ref.title)))
    if (work.updates_to or work.type in ("erratum", "retraction")) and not cited_notice:
        kinds = ", ".join(sorted({u.kind for u in work.updates_to})) or work.type
        out.append(f"the DOI is a notice ({kinds}) about another work")
    rel = [r for r, _ in work.relations if r in REVIEW_RELATIONS]
    if rel:
        out.append(f"the DOI is a {rel[0].replace('-', ' ').lower()} another work")
    if ref.type == "article-journal" and work.registry_type == "posted-content":
        out.append("a journal article is cited; the DOI is a preprint's")
    return out


@dataclass(frozen=True)
class Choice:
    """The outcome of a search: the work accepted, or why none was."""

    work: Work | None
    score: Score | None
    status: str  # found | ambiguous | not-found
    candidates: tuple[tuple[Work, Score], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status,
                "candidates": [{**w.to_json(), **s.to_json(), "accepted": s.accepted}
                               for w, s in self.candidates[:5]]}


def choose(ref: Reference, works: list[Work]) -> Choice:
    """The one work to accept among ``works`` for ``ref`` (see module docstring)."""
    scored: dict[str, tuple[Work, Score]] = {}
    for w in works:
        s = score(ref, w)
        prev = scored.get(w.doi)
        if prev is None or s.value > prev[1].value:
            scored[w.doi] = (w, s)
    ranked = sorted(scored.values(), key=lambda ws: -ws[1].value)
    accepted = [ws for ws in ranked if ws[1].accepted]
    if not accepted:
        return Choice(None, None, "not-found", tuple(ranked))
    best = accepted[0]
    rivals = [ws for ws in ranked[1:]
              if ws[1].title >= ACCEPT_TITLE - 0.05 and best[1].value - ws[1].value < AMBIGUOUS_MARGIN
              and not ws[1].contradictions]
    if rivals:
        return Choice(None, best[1], "ambiguous", tuple(ranked))
    return Choice(best[0], best[1], "found", tuple(ranked))


@dataclass(frozen=True)
class Verdict:
    """Verification of a DOI the entry has: ``same``, ``doubtful`` or ``other`` work."""

    status: str  # same | doubtful | other
    score: Score
    reason: str


def verify(ref: Reference, work: Work) -> Verdict:
    """Is the work the entry's DOI names the work the entry describes?

    Lenient where ``choose`` is strict: a DOI the user wrote is only called wrong when
    the registry plainly describes something else (a different title, or a close one
    with the wrong authors and year, or a type contradiction such as the book's DOI
    for a chapter).
    """
    s = score(ref, work)
    if not ref.title:
        return Verdict("same", s, "entry has no title to compare")
    if ref.type in PART_TYPES and work.type in BOOK_TYPES:
        cont = title_similarity(ref.get("container-title"), work.titles) if ref.get("container-title") else 0
        why = "the DOI is the book's (" + (f"its title matches the cited book title {cont:.2f}"
                                           if cont >= SAME_WORK_TITLE else "a book") + "), a chapter is cited"
        return Verdict("other", s, why)
    hard = [c for c in s.contradictions if c.startswith(("the DOI", "a book is cited", "the titles' numbers"))]
    if hard:
        return Verdict("other", s, hard[0])
    if s.title < OTHER_WORK_TITLE:
        return Verdict("other", s, f"the DOI names another work (title similarity {s.title:.2f})")
    soft = [c for c in s.contradictions if c.startswith(("first author", "year"))]
    if s.title < SAME_WORK_TITLE and len(soft) >= 1:
        return Verdict("other", s, f"title similarity {s.title:.2f} and " + "; ".join(soft))
    if s.title < SAME_WORK_TITLE or len(soft) >= 2:
        return Verdict("doubtful", s, "; ".join([f"title similarity {s.title:.2f}", *soft]))
    return Verdict("same", s, ", ".join(s.reasons))

"""In-text citations against the reference list, and footnote markers against footnotes.

Author-date citations are found in body paragraphs in their usual shapes::

    (Jones, 2012, p. 97)            (Lokshin, Kobelev & Mazyrin, 2019)
    Titarenko (2008)                M.L. Titarenko (2008)
    Voskressenski (2010; 2020)      Kanaev (2017; Kanaev & Korolev, 2019)
    (Smith et al., 2019a; Lee 2020, pp. 3-5)

A parenthesis counts as a citation only when every item in it is a year, or names
followed by a year, optionally with a page locator; ``(2013–2017)`` or ``(in 1999)``
are not citations.  A citation is matched to an entry by first author's family name
and year (with its letter, 2019a); when no entry matches, the nearest one explains
why (same name other year, same year name spelled differently).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from citekeeper.extract.segment import SUPERSCRIPT_DIGITS
from citekeeper.lint.document import Document
from citekeeper.lint.finding import Finding
from citekeeper.model import Reference

_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
_NAME_WORD = r"[A-ZА-ЯЁ][\w'’\-]*[\w]"
_PARTICLE = r"(?:van|von|de|der|den|du|la|le|da|dos|del|di|bin|al|el)"
_NAME = rf"(?:{_PARTICLE}\s+)*{_NAME_WORD}"
_INITIALS = r"(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s?-?){1,3}\s?"
_SEP = r"(?:\s*,\s*(?:&|and|и)\s+|\s+(?:&|and|и)\s+|\s*,\s*)"
_NAMES = rf"(?:{_INITIALS})?{_NAME}(?:{_SEP}(?:{_INITIALS})?{_NAME}){{0,5}}(?:,?\s+et\s+al\.?|\s+и\s+др\.?)?"
_NAMES_RX = re.compile(rf"^{_NAMES}$")
_NARRATIVE_TAIL = re.compile(rf"(?P<names>{_NAMES})[’']?s?\s*$")
_LOCATOR = re.compile(
    r"^(?:pp?\.|P\.|С\.|с\.|chap\.|ch\.|para\.|§)\s*(?P<first>[\dIVXLCivxlc]+)(?:\s*[–—-]\s*(?P<last>\d+))?$"
)
_ITEM = re.compile(
    rf"^(?:(?:see(?:\s+also)?|e\.g\.,?|cf\.|i\.e\.,?|см\.)\s+)?(?P<pre>.*?)(?:,\s*|\s+|^)"
    rf"(?P<years>{_YEAR}(?:\s*,\s*{_YEAR})*)(?P<post>.*)$",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\(([^()\n]{1,300})\)|\[([^\[\]()\n]{1,300})\]")
# "[12]", "[3, 4]", "[5–7]": numeric citations; an article using them is not author-date.
_NUMERIC_CITE = re.compile(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*(?:,\s*(?:p|pp|с)\.\s*\d+)?\]")
_NOT_NAMES = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "spring", "summer", "autumn", "fall", "winter", "since", "in", "from", "until", "till", "after", "before", "during", "the", "a", "an", "of", "and", "or", "see", "also", "cf", "ibid", "op", "cit", "vol", "no", "pp", "p", "chapter", "section", "figure", "table", "appendix"]
)
_SKIP_PARAGRAPH = re.compile(
    r"^\s*(?:for\s+citation|cite\s+this|how\s+to\s+cite|для\s+цитирования|©)", re.IGNORECASE
)
_ETAL = re.compile(r",?\s+(?:et\s+al\.?|и\s+др\.?)$")


@dataclass(frozen=True)
class InText:
    """One cited work in the body: names as printed, year (2019a), optional locator."""

    names: tuple[str, ...]
    et_al: bool
    year: str
    locator: tuple[int, int] | None
    line: int
    text: str
    # A narrative name that may be part of a proper noun ("Vladimir Putin (2017)",
    # "ASEAN (2019)"): matched when it can be, never reported as missing.
    weak: bool = False
    narrative: bool = False  # the names stand before the parenthesis ("Smith (2019)")

    @property
    def label(self) -> str:
        if not self.names:
            return self.year
        who = self.names[0] + (" et al." if self.et_al else "")
        if len(self.names) == 2 and not self.et_al:
            who = f"{self.names[0]} & {self.names[1]}"
        elif len(self.names) > 2:
            who = ", ".join(self.names[:-1]) + " & " + self.names[-1]
        return f"{who} ({self.year})"


_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "i", "e", "u"],
    strict=True,
))
# Spellings that transliteration systems disagree on, reduced to one form.
_SKELETON = (("shch", "sch"), ("kh", "h"), ("ts", "c"), ("tz", "c"), ("x", "ks"), ("yu", "iu"),
             ("ya", "ia"), ("j", "i"), ("y", "i"), ("w", "v"), ("ii", "i"))


def fold(name: str) -> str:
    """A family name compared loosely: no accents or case, Cyrillic transliterated, and
    the spellings transliteration systems disagree on (Kh/H, Y/I/J, Ts/Tz) made one.

    So "Иванов", "Ivanov" and "Iwanow" compare equal, as do "Voskresenskiy" and
    "Voskresenskij".
    """
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = "".join(_CYRILLIC.get(c, c) for c in s)
    s = re.sub(r"[^a-z0-9\w]", "", s)
    for a, b in _SKELETON:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def _script(text: str) -> str:
    return "cyrillic" if re.search(r"[А-Яа-яЁё]", text) else "latin"


def _split_names(text: str) -> tuple[tuple[str, ...], bool]:
    text = text.strip()
    et_al = bool(_ETAL.search(text))
    text = _ETAL.sub("", text)
    parts = re.split(_SEP, text)
    names = []
    for p in parts:
        p = re.sub(rf"^{_INITIALS}", "", p.strip()).strip()
        p = re.sub(r"[’']s$", "", p)  # Haacke's (2003)
        if p:
            names.append(p)
    return tuple(names), et_al


def _plausible_names(text: str) -> bool:
    if not _NAMES_RX.match(text.strip()):
        return False
    names, _ = _split_names(text)
    return bool(names) and not any(n.lower() in _NOT_NAMES for n in names)


def _locator(post: str) -> tuple[tuple[int, int] | None, bool]:
    """``(pages, ok)``: the page locator after the year, and whether ``post`` is one."""
    post = post.strip().lstrip(",:").strip()
    if not post:
        return None, True
    m = _LOCATOR.match(post) or re.match(r"^(?P<first>\d+)(?:\s*[–—-]\s*(?P<last>\d+))?$", post)
    if not m:
        return None, False
    first = m.group("first")
    if not first.isdigit():
        return None, True  # roman page numbers: a locator, not checked
    last = m.group("last")
    return (int(first), int(last) if last else int(first)), True


def find_citations(text: str, line_start: int) -> list[InText]:
    """Every author-date citation in one body paragraph (see module docstring)."""
    if _SKIP_PARAGRAPH.match(text):
        return []
    out: list[InText] = []
    for m in _PAREN.finditer(text):
        bracket = m.group(2) is not None
        items = [i.strip() for i in (m.group(1) or m.group(2)).split(";")]
        parsed: list[tuple[str, list[str], str]] = []
        for item in items:
            im = _ITEM.match(item)
            if not im:
                parsed = []
                break
            pre = im.group("pre").strip().rstrip(",").strip()
            if pre and not _plausible_names(pre):
                parsed = []
                break
            years = re.findall(_YEAR, im.group("years"))
            parsed.append((pre, years, im.group("post")))
        if not parsed:
            continue
        # Locators must be locators: "(2013–2017)" is a span of years, not a citation.
        locs = [_locator(post) for _, _, post in parsed]
        if not all(ok for _, ok in locs):
            continue
        narrative: tuple[tuple[str, ...], bool] | None = None
        weak = False
        if any(not pre for pre, _, _ in parsed):
            if bracket:
                continue
            tail = _NARRATIVE_TAIL.search(text[: m.start()])
            if not tail or not _narrative_ok(text[: m.start()], tail):
                continue
            narrative = _split_names(tail.group("names"))
            weak = _weak_narrative(text[: m.start()], tail)
        line = line_start + text.count("\n", 0, m.start())
        for (pre, years, _), (loc, _) in zip(parsed, locs, strict=False):
            # a part without its own names is narrative: ``narrative`` is set then (above)
            names, et_al = _split_names(pre) if pre or narrative is None else narrative
            for year in years:
                acronym = any(n.isupper() and len(n) > 1 for n in names)
                out.append(InText(names, et_al, year, loc if len(years) == 1 else None, line, m.group(0),
                                  weak=(weak and not pre) or acronym, narrative=not pre))
    return out


def _narrative_ok(before: str, tail: re.Match[str]) -> bool:
    """Is the name before "(2008)" a person cited, not "the Charter (2007)" or a month?"""
    names, _ = _split_names(tail.group("names"))
    if not names or any(n.lower() in _NOT_NAMES for n in names):
        return False
    prev = before[: tail.start()].rstrip().rsplit(None, 1)
    prev_word = prev[-1].lower() if prev else ""
    has_initials = bool(re.match(_INITIALS, tail.group("names")))
    return not (not has_initials and prev_word in ("the", "a", "an", "this", "that", "these", "its", "their"))


_SENTENCE_WORDS = frozenset(
    ["as", "in", "according", "while", "both", "but", "and", "however", "thus", "then", "also", "following", "unlike", "like", "per", "since", "for", "yet", "so", "see", "cf", "and", "or", "with", "by", "after", "before", "whereas", "although", "though", "when", "where", "here", "there", "both", "even", "only", "scholars", "authors", "researchers", "professor", "academician", "dr"]
)


# Places that stand before a year in prose ("Singapore (1965) became independent"):
# single-word countries, regions and capitals.  A name here is matched against the list
# like any other, but never reported missing.
_PLACE_WORDS = (
    """afghanistan albania algeria angola argentina armenia australia austria azerbaijan bahrain
    bangladesh belarus belgium bhutan bolivia brazil brunei bulgaria burundi cambodia cameroon
    canada chile china colombia congo croatia cuba cyprus czechia denmark ecuador egypt eritrea
    estonia ethiopia fiji finland france germany ghana greece guatemala guinea haiti honduras
    hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan
    kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon liberia libya lithuania luxembourg
    madagascar malawi malaysia maldives mali malta mauritania mexico moldova mongolia montenegro
    morocco mozambique myanmar namibia nepal netherlands nicaragua niger nigeria norway oman
    pakistan palestine panama paraguay peru philippines poland portugal qatar romania russia
    rwanda senegal serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria
    taiwan tajikistan tanzania thailand timor tunisia turkey türkiye turkmenistan uganda ukraine
    uruguay uzbekistan venezuela vietnam yemen zambia zimbabwe ussr usa uk europe asia africa
    america eurasia oceania siberia indochina beijing moscow washington tokyo london paris berlin
    jakarta hanoi bangkok manila delhi seoul canberra brussels geneva"""
)
_PLACES = frozenset(_PLACE_WORDS.split())


def _weak_narrative(before: str, tail: re.Match[str]) -> bool:
    """A bare capitalised name after another capitalised word, an acronym, or a place:
    maybe not a person cited."""
    names_text = tail.group("names")
    if re.match(_INITIALS, names_text):
        return False
    names, _ = _split_names(names_text)
    if any((n.isupper() and len(n) > 1) or n.casefold() in _PLACES for n in names):
        return True
    prev = before[: tail.start()].rstrip()
    if not prev or prev[-1] in ".,;:!?(—–-\"“”«»":
        return False
    word = prev.rsplit(None, 1)[-1]
    return word[:1].isupper() and word.lower() not in _SENTENCE_WORDS


def first_family(ref: Reference) -> str:
    """The name an author-date citation uses for ``ref``: first author, else editor, else body."""
    for role in ("author", "editor", "container-author"):
        names = ref.names.get(role) or []
        if names:
            n = names[0]
            return n.family or n.literal
    return ""


def families(ref: Reference) -> list[str]:
    for role in ("author", "editor", "container-author"):
        names = ref.names.get(role) or []
        if names:
            return [n.family or n.literal for n in names]
    return []


def ref_year(ref: Reference) -> str:
    d = ref.issued
    if d is None or d.year is None:
        return ""
    return str(d.year)


def _year_fits(label: str, printed: bool, year: str) -> bool:
    """Does a cited year fit an entry's label?  2019a fits 2019a; a plain 2019 also fits
    an entry whose letter was only assigned by lint (the list printed none)."""
    if label == year:
        return True
    return not printed and label[:4] == year and len(year) == 4


def _year_labels(refs: list[Reference]) -> tuple[dict[int, str], set[int]]:
    """Entry index -> its year label, with a/b/c suffixes when one author has several in a year.

    The suffixes are the printed ones when the list shows them (2019a); otherwise
    letters are given in list order, as APA and Harvard do.
    """
    labels: dict[int, str] = {}
    printed_letters: set[int] = set()
    groups: dict[tuple[str, str], list[int]] = {}
    for i, ref in enumerate(refs):
        year = ref_year(ref)
        printed = re.search(rf"\(({year}[a-z])\)|\b({year}[a-z])\b", ref.raw) if year else None
        if printed:
            labels[i] = printed.group(1) or printed.group(2)
            printed_letters.add(i)
            continue
        labels[i] = year
        groups.setdefault((fold("|".join(families(ref))), year), []).append(i)
    for idxs in groups.values():
        if len(idxs) > 1:
            for k, i in enumerate(idxs):
                labels[i] = labels[i] + "abcdefghijklmnopqrstuvwxyz"[k]
    return labels, printed_letters


def _matches(c: InText, ref: Reference) -> bool:
    fams = [fold(f) for f in families(ref)]
    if not fams or fold(c.names[0]) != fams[0]:
        return False
    if c.et_al:
        return len(fams) >= 3 or len(fams) >= 2
    if len(c.names) == 1:
        return len(fams) == 1 or len(fams) >= 3  # "Lokshin (2019)" for three authors is common
    return [fold(n) for n in c.names] == fams[: len(c.names)] and len(fams) == len(c.names)


def _similar(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    if not a or not b or a == b:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.75 and a[0] == b[0]


def _page_range(ref: Reference) -> tuple[int, int] | None:
    m = re.fullmatch(r"\s*(\d+)\s*[–—-]+\s*(\d+)\s*", ref.get("page"))
    if not m:
        return None
    first, last = int(m.group(1)), int(m.group(2))
    if last < first:  # "523–50" style abbreviations
        last = int(m.group(1)[: len(m.group(1)) - len(m.group(2))] + m.group(2))
    return (first, last) if last >= first else None


def _finding(doc: Document, rule: str, severity: str, line: int | None, key: str | None, message: str,
             footnote: int | None = None) -> Finding:
    return Finding(rule, severity, doc.file, line, key, footnote, message)


def check(doc: Document) -> Iterator[Finding]:
    if not doc.is_article:
        return
    yield from _check_author_date(doc)
    yield from _check_markers(doc)


def body_citations(doc: Document) -> list[InText]:
    assert doc.segments is not None
    out: list[InText] = []
    for span in doc.segments.body:
        out.extend(find_citations(span.text, span.line_start))
    return out


def _check_author_date(doc: Document) -> Iterable[Finding]:
    refs = doc.references
    cites = body_citations(doc)
    assert doc.segments is not None
    numeric = sum(len(_NUMERIC_CITE.findall(span.text)) for span in doc.segments.body)
    if not refs or not cites or numeric >= 3:
        return
    labels, printed = _year_labels(refs)
    body_text = "\n".join(span.text for span in doc.segments.body)
    cited: set[int] = set()
    meant: set[int] = set()  # entries a mis-dated or mis-spelled citation points at
    for c in cites:
        hits = [i for i, r in enumerate(refs) if _matches(c, r) and (
            labels[i] in (c.year, c.year.rstrip("abcdefghijklmnopqrstuvwxyz")) or _year_fits(labels[i], i in printed, c.year))]
        exact = [i for i in hits if labels[i] == c.year] or hits
        if exact:
            cited.update(exact)
            if c.locator:
                _check_locator = [(i, _page_range(refs[i])) for i in exact]
                for i, rng in _check_locator:
                    if rng and not (rng[0] <= c.locator[0] and c.locator[1] <= rng[1]):
                        loc = f"{c.locator[0]}" if c.locator[0] == c.locator[1] else f"{c.locator[0]}–{c.locator[1]}"
                        what = "page" if c.locator[0] == c.locator[1] else "pages"
                        yield _finding(doc, "citation-page-out-of-range", "warning", c.line, refs[i].id,
                                       f"{c.label} is cited at {what} {loc}, outside its pages "
                                       f"{refs[i].get('page')} in the reference list")
            continue
        by_text = [i for i, r in enumerate(refs) if _raw_match(c, r)]
        if by_text:  # an entry the parser did not fully read, but which plainly is this work
            cited.update(by_text)
            continue
        loose = [i for i, r in enumerate(refs)
                 if _year_fits(labels[i], i in printed, c.year) and fold(first_family(r)) == fold(c.names[0])]
        if loose:
            cited.update(loose)
            r = refs[loose[0]]
            yield _finding(doc, "citation-authors-mismatch", "warning", c.line, r.id,
                           f"cited as {c.label}, but the entry lists {_authors_text(r)}")
            continue
        if c.weak or (c.narrative and _topic_word(c.names[0], body_text, cites)):
            continue
        same_name = [i for i, r in enumerate(refs) if _matches(c, r)]
        same_year_like = [
            i for i, r in enumerate(refs)
            if labels[i].rstrip("abcdefghijklmnopqrstuvwxyz") == c.year.rstrip("abcdefghijklmnopqrstuvwxyz")
            and _similar(c.names[0], first_family(r))
        ]
        if not same_name and not same_year_like and {_script(first_family(r)) for r in refs} == {
            "latin" if _script(c.names[0]) == "cyrillic" else "cyrillic"
        }:
            continue  # cited in one script, listed in another: a name we cannot compare
        meant.update(same_name[:1] + same_year_like[:1])
        if same_name:
            years = ", ".join(sorted({labels[i] for i in same_name}))
            yield _finding(doc, "citation-year-mismatch", "error", c.line, refs[same_name[0]].id,
                           f"cited as {c.label}, but the reference list has {c.names[0]} only for {years}")
        elif same_year_like:
            r = refs[same_year_like[0]]
            yield _finding(doc, "citation-name-mismatch", "error", c.line, r.id,
                           f"cited as {c.label}, but the reference list spells it "
                           f"{first_family(r)} ({labels[same_year_like[0]]})")
            cited.add(same_year_like[0])
        else:
            yield _finding(doc, "citation-missing-entry", "error", c.line, None,
                           f"cited as {c.label}, but the reference list has no such entry")
    if len(cited | meant) * 2 < len(refs):
        return  # most entries are cited some other way (numbers, notes): "never cited" would be noise
    for i, r in enumerate(refs):
        if not first_family(r) or not labels[i]:
            continue  # an entry read without name or year cannot be judged
        if i not in cited and not _cited_by_mismatch(cites, r, labels[i]):
            yield _finding(doc, "reference-never-cited", "warning", r.origin.line_start if r.origin else None, r.id,
                           f"{first_family(r) or r.title} ({labels[i]}) is in the reference list but never cited in the text")


def _topic_word(name: str, body: str, cites: list[InText]) -> bool:
    """Is ``name`` a word the text uses outside citations (a country, a body, a person
    discussed)?  Then "Russia and China (2019)" is prose, not a citation of "Russia"."""
    uses = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", body))
    cited = sum(1 for c in cites if c.names and c.names[0] == name)
    return uses > cited + 1


def _authors_text(ref: Reference) -> str:
    fams = families(ref)
    if len(fams) <= 1:
        return f"{fams[0] if fams else '?'} alone"
    return ", ".join(fams[:-1]) + " & " + fams[-1]


def _raw_match(c: InText, ref: Reference) -> bool:
    """Does the entry's printed text start with the cited name and carry the cited year?

    The fallback for entries parsed without authors or year: rather a missed problem
    than a false "no entry" for a citation whose entry is plainly there.
    """
    if families(ref) and ref_year(ref):
        return False
    head = ref.raw[:80]
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", head)]
    return bool(words) and fold(c.names[0]) in words[:4] and c.year[:4] in ref.raw


def _cited_by_mismatch(cites: list[InText], ref: Reference, label: str) -> bool:
    """An entry a mis-spelled or mis-dated citation probably meant: not 'never cited' too."""
    fam = first_family(ref)
    for c in cites:
        related = fold(c.names[0]) == fold(fam) or (_similar(c.names[0], fam) and c.year[:4] == label[:4])
        if related and (fold(c.names[0]) != fold(fam) or c.year != label):
            return True
    return False


_SUP = re.compile(rf"[{SUPERSCRIPT_DIGITS}]+")
_SUP_MAP = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_UNIT_BEFORE = re.compile(r"(?<![\w])(?:[kcmµ]?m|ft|in|mi|sq|км|см|мм|м|[xyzn])$")


def _check_markers(doc: Document) -> Iterable[Finding]:
    """Superscript markers in the body against the footnotes present."""
    assert doc.segments is not None
    notes = [fn for fn in doc.segments.footnotes if fn.marker_style == "superscript"]
    if not notes:
        return
    numbers = {fn.number for fn in notes}
    if len(numbers) != len(notes):
        return  # numbering restarts (affiliation notes, per-chapter notes): markers are ambiguous
    markers: list[tuple[int, int]] = []  # (number, line)
    for span in doc.segments.body:
        for m in _SUP.finditer(span.text):
            if _UNIT_BEFORE.search(span.text, 0, m.start()):
                continue  # km², m³: a power, not a note
            markers.append((int(m.group(0).translate(_SUP_MAP)), span.line_start + span.text.count("\n", 0, m.start())))
    if not markers:
        return
    seen: dict[int, int] = {}
    highest = 0
    for number, line in markers:
        if number in seen:
            yield _finding(doc, "footnote-marker-duplicated", "warning", line, None,
                           f"footnote marker {number} appears again (first on line {seen[number]})", number)
            continue
        seen[number] = line
        if number not in numbers:
            yield _finding(doc, "footnote-marker-without-note", "error", line, None,
                           f"footnote marker {number} in the text has no footnote", number)
        if number < highest:
            yield _finding(doc, "footnote-marker-order", "warning", line, None,
                           f"footnote marker {number} comes after marker {highest}", number)
        highest = max(highest, number)
    for fn in notes:
        if fn.number not in seen:
            yield _finding(doc, "footnote-without-marker", "warning", fn.line_start, None,
                           f"footnote {fn.number} has no marker in the text", fn.number)

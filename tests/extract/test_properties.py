"""Property tests: no text, however odd, crashes the extractor or breaks its output files.

Real articles arrive as PDF conversions with stray superscripts, bullets, headings in
the wrong place, cut URLs, ``//`` and ``(accessed: …)`` in body text.  Hypothesis builds
such text from those pieces (and from arbitrary Unicode) and checks that:

* ``segment``, ``parse_authordate``, ``parse_gost`` and ``split_citations`` never raise;
* ``extract_article`` raises nothing but ``NoCitationsError`` (exit 3 in the CLI);
* what ``extract_article`` finds always survives its writers: the BibTeX file parses
  back with bibtexparser to the same number of entries and no failed blocks, and
  CSL-JSON ``dumps`` -> ``loads`` gives the same fields, names, dates and origins.

Examples are bounded so the whole module stays well under half a minute.
"""

from __future__ import annotations

import bibtexparser
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citekeeper.errors import NoCitationsError
from citekeeper.extract import extract_article
from citekeeper.extract.notes import split_footnote
from citekeeper.extract.repeats import Cited, find_repeat
from citekeeper.extract.segment import SUPERSCRIPT_DIGITS, segment
from citekeeper.formats import bibtex, csljson
from citekeeper.model import Reference
from citekeeper.parse.authordate import parse_authordate
from citekeeper.parse.gost import parse_gost, split_citations

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# The writer properties run the whole pipeline plus bibtexparser per example: fewer examples.
WRITER_SETTINGS = settings(SETTINGS, max_examples=100)

# -- strategies -------------------------------------------------------------------------

# Everything but surrogates (which cannot come out of a decoded file).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)

words = st.sampled_from(
    [
        "Cambodia", "Russia", "ASEAN", "policy", "Moscow", "Nauka", "МГИМО", "Москва",
        "Вестник", "журнал", "Smith", "Doe", "Ivanov", "Иванов", "van", "der", "de",
        "The", "and", "in", "of", "и", "в", "Vol.", "No.", "№", "P.", "С.", "pp.", "Ed.",
        "Eds.", "ed. by", "Ibid.", "Там же.", "See:", "См.:", "et al.", "&", "—", "–",
        "-", ":", ";", ",", ".", "(", ")", "[", "]", "«", "»", "“", "”", "{", "}", "\\",
        "%", "#", "$", "_", "@", "~", "^", "\"", "'", "*", "**", "<", ">", "|", "=",
        "\u00a0", "\u200b", "\u00ad", "\t", "1998", "2004", "2016", "2024", "12–25",
        "24(3)", "427–438", "[MA thesis]", "(In Russian)", "(In English)", "EDN: YSJDTK",
    ]
)
initials = st.sampled_from(["A.", "N. N.", "I. A.", "А. Д.", "П.", "J.-P.", "A.B."])
family = st.sampled_from(["Smith", "Doe", "Bektimirova", "Бектимирова", "O'Neil", "Chan-ocha", "van der Berg"])
year = st.integers(1500, 2100).map(str) | st.sampled_from(["n.d.", "2024a", "1953–1998", "0000"])
date = st.sampled_from(
    ["05.02.2024", "31.13.2024", "November 14, 2018", "June 24, 2024", "00.00.0000", "1 марта 2020"]
)
url = st.builds(
    lambda scheme, host, path: f"{scheme}{host}/{path}",
    st.sampled_from(["http://", "https://", "https://www.", "<https://", "www."]),
    st.sampled_from(["rg.ru", "doi.org", "example.org", "eastasiaforum.org", "web.archive.org/web/2014/http://x.org"]),
    st.from_regex(r"[a-z0-9\-_./?=&%#~]{0,40}", fullmatch=True),
)
doi = st.builds(
    lambda pre, suf: f"{pre}10.{suf}",
    st.sampled_from(["https://doi.org/", "https://www.doi.org/", "doi:", "DOI: ", "doi.org/", ""]),
    st.from_regex(r"[0-9]{4,5}/[A-Za-z0-9\-._;()/]{1,25}", fullmatch=True),
)
phrase = st.lists(words | any_text.filter(lambda s: "\n" not in s), min_size=0, max_size=12).map(" ".join)

authordate_entry = st.builds(
    lambda names, y, title, cont, tail: f"{names} ({y}). {title}. {cont} {tail}",
    st.lists(st.builds(lambda f, i: f"{f}, {i}", family, initials), min_size=0, max_size=4).map(
        lambda ns: ", & ".join(ns)
    ),
    year,
    phrase,
    st.sampled_from(["*Journal*, 1(2), 3–4.", "In A. B. Editor (Ed.), *Book* (pp. 1–9). Moscow: Nauka.", ""]) | phrase,
    st.sampled_from(["", "(In Russian).", "Retrieved from "]) | doi | url | phrase,
)
gost_citation = st.builds(
    lambda author, title, sep, cont, place, y, tail: f"{author} {title}{sep}{cont}. {place}, {y}. {tail}",
    st.builds(lambda f, i: f"{f} {i}", family, initials) | st.just(""),
    phrase,
    st.sampled_from([" // ", "//", " / ", " : ", ". "]),
    phrase,
    st.sampled_from(["Moscow : Nauka", "М. : Наука", "СПб.", ""]),
    year,
    st.lists(
        st.sampled_from(["P. 5.", "С. 12–25.", "No. 6.", "(In Russian).", "URL:", "(accessed:", ")"])
        | url
        | doi
        | date.map(lambda d: f"(accessed: {d}).")
        | date.map(lambda d: f"(дата обращения: {d})."),
        max_size=5,
    ).map(" ".join),
)
citation_text = gost_citation | authordate_entry | phrase | any_text

heading = st.sampled_from(
    [
        "References", "REFERENCES", "## References", "Bibliography", "Literature", "Works Cited",
        "Список литературы", "Литература", "**References**", "1. References", "References:",
        "Notes", "Примечания", "Footnotes", "About the authors:", "Appendix", "Funding",
        "Сведения об авторах:", "Abstract", "Introduction",
    ]
)
superscript = st.text(st.sampled_from(SUPERSCRIPT_DIGITS), min_size=1, max_size=3)
marker = (
    superscript.map(lambda s: s + " ")
    | st.integers(0, 120).map(lambda n: f"{n}. ")
    | st.integers(0, 120).map(lambda n: f"[{n}] ")
    | st.integers(0, 120).map(lambda n: f"{n}) ")
    | st.sampled_from(["- ", "• ", "– ", "* ", "▪ ", "· ", ""])
)
line = (
    heading
    | st.builds(lambda m, c: m + c, marker, citation_text)
    | url
    | date
    | st.sampled_from(["", "", "", "   ", "URL:", "(accessed: 05.02.2024).", "//", "<", ">"])
    | phrase
)
article = st.lists(line, min_size=0, max_size=40).map("\n".join) | any_text


def numbered_footnotes(draw_lines: list[str]) -> str:
    """Body paragraphs with footnotes numbered 1..n in order, so segmentation finds them."""
    out = []
    for n, text in enumerate(draw_lines, 1):
        sup = "".join(SUPERSCRIPT_DIGITS[int(d)] for d in str(n))
        out += [f"Body text paragraph {n} that cites something.{sup}", "", f"{sup} {text}", ""]
    return "\n".join(out)


# Articles that do have citations: a reference list and/or numbered footnotes,
# surrounded by arbitrary lines, so the writers are exercised on many references.
article_with_citations = st.builds(
    lambda before, notes, head, entries, after: "\n".join(
        [before, numbered_footnotes(notes), head, "", "\n\n".join(entries), "", after]
    ),
    st.lists(line, max_size=8).map("\n".join),
    st.lists(citation_text.filter(lambda s: "\n" not in s), max_size=8),
    st.sampled_from(["References", "Список литературы", "Bibliography"]),
    st.lists(
        st.builds(lambda m, c: m + c, st.sampled_from(["", "- ", "• "]), citation_text.filter(lambda s: "\n" not in s)),
        min_size=1,
        max_size=8,
    ),
    st.lists(line, max_size=4).map("\n".join),
)

# Hand-picked texts that once looked risky: kept as explicit examples so they always run.
TRICKY = [
    "",
    "\n\n\n",
    "References",
    "References\n\n\n",
    "¹",
    "¹ ",
    "¹ URL:",
    "¹ A // B. 2005; C // D. 2006.\n\nhttps://x.org/cut-\n\noff-tail.html",
    "References\n- \n- \n",
    "⁰⁰⁰ x",
    "[0] 0",
    "1. See: (accessed: 31.13.2024) URL: <https://",
    "References\n\n{\\}}}{{%$#_@ (2020).",
    "Список литературы\n\n; ; ; //  // \\ (дата обращения: 00.00.0000)",
]


def _run_extract(text: str):
    """``extract_article``; None when it (legitimately) finds no citations."""
    try:
        return extract_article(text, file="prop.txt")
    except NoCitationsError as exc:
        assert exc.file == "prop.txt"
        return None


# -- never crash ---------------------------------------------------------------------------


@SETTINGS
@given(article)
def test_segment_never_crashes(text):
    seg = segment(text)
    n_lines = text.count("\n") + 1
    for span in seg.references + seg.body:
        assert 1 <= span.line_start <= span.line_end <= n_lines
    for fn in seg.footnotes:
        assert 1 <= fn.line_start <= fn.line_end <= n_lines
        assert isinstance(fn.text, str) and isinstance(fn.raw, str)


@SETTINGS
@given(article)
def test_extract_article_raises_only_no_citations(text):
    for t in TRICKY:
        _run_extract(t)
    result = _run_extract(text)
    if result is None:
        return
    # Nothing is lost: every footnote that cites gives at least one citation (a comment
    # footnote stays in ``segments``; one that is a short form of an earlier citation is a
    # citation too), every entry one reference.
    assert len(result.references) == len(result.segments.references)
    citing = {fn.number for fn in result.segments.footnotes if fn.holds_citation}
    assert citing <= {r.footnote for r in result.footnotes} <= {fn.number for fn in result.segments.footnotes}
    # Keys are unique even case-insensitively.
    keys = [r.id.lower() for r in result.references + result.footnotes]
    assert len(keys) == len(set(keys))
    assert all(keys)


@SETTINGS
@given(citation_text)
@example("Smith, J. (2020). *A* title. *Journal*, 1(2), 3–4. https://doi.org/10.1/x")
@example("(). . . (In Russian). EDN: ")
def test_parse_authordate_never_crashes(text):
    ref = parse_authordate(text)
    assert ref is None or isinstance(ref.fields, dict)


@SETTINGS
@given(citation_text)
@example("Maletin N. P. Title // Container. Moscow : Publisher, 2004. P. 5. (In Russian). URL: <https://x.org/a> (accessed: 05.02.2024).")
@example(" //  // URL: (accessed: ")
def test_parse_gost_never_crashes(text):
    ref = parse_gost(text)
    assert ref is None or isinstance(ref.fields, dict)


@SETTINGS
@given(st.lists(citation_text, max_size=5).map("; ".join))
def test_split_citations_never_crashes_nor_loses_text(text):
    pieces = split_citations(text)
    assert all(p and p == p.strip() for p in pieces)
    # Splitting only removes the separators: every non-space character is kept, in order.
    def squeeze(s: str) -> str:
        return "".join(s.split()).replace(";", "")

    assert squeeze("".join(pieces)) == squeeze(text)


@WRITER_SETTINGS
@given(st.lists(citation_text | phrase, max_size=5).map("; ".join))
def test_split_footnote_keeps_its_citations_in_order(text):
    """extract's splitter: pieces are stripped, in order, and only comments are left out."""
    pieces = split_footnote(text)
    assert all(p and p == p.strip() for p in pieces)
    rest = "".join(text.split())
    for piece in pieces:
        at = rest.find("".join(piece.split()))
        assert at >= 0
        rest = rest[at:]


@WRITER_SETTINGS
@given(st.lists(citation_text | phrase, min_size=1, max_size=6))
def test_find_repeat_only_points_back(texts):
    cited = []
    for k, text in enumerate(texts, 1):
        found = find_repeat(text, cited)
        assert found is None or 0 <= found.target < len(cited)
        assert found is None or cited[found.target].repeats is None  # always the full citation
        cited.append(Cited(text, (), "", k, found.target if found else None))


# -- writers: what was extracted always round-trips -------------------------------------


@WRITER_SETTINGS
@given(article_with_citations)
def test_bibtex_output_parses_back_with_same_entry_count(text):
    result = _run_extract(text)
    if result is None:
        return
    for refs in (result.references, result.footnotes):
        out = bibtex.dumps(refs)
        lib = bibtexparser.parse_string(out)
        assert lib.failed_blocks == [], out
        assert len(lib.entries) == len(refs), out
        assert [e.key for e in lib.entries] == [r.id for r in refs]
        back = bibtex.loads(out).references
        assert [r.footnote for r in back] == [r.footnote for r in refs]
        assert [r.parsed for r in back] == [r.parsed for r in refs]
        for a, b in zip(refs, back, strict=True):
            # What a user checks first: the identifiers and the year survive verbatim.
            assert (a.doi, a.url) == (b.doi, b.url), out
            assert (a.issued.year if a.issued else None) == (b.issued.year if b.issued else None)
            # (NUL characters are kept apart: see test_bibtex_nul_is_not_a_brace.)
            if not a.parsed and "\x00" not in a.raw:
                assert _as_bibtex_reads_it(b.raw) == _as_bibtex_reads_it(a.raw), out


def _as_bibtex_reads_it(text: str) -> str:
    """Text the way a BibTeX reader sees it: ``--``/``---`` are dashes, spaces collapsed."""
    return " ".join(text.replace("---", "—").replace("--", "–").split())


BRACED = ["{", "}", "a {b} c", "Set {a, b", "a}b{c", "f(x) = {x | x > 0}"]


@pytest.mark.parametrize("text", BRACED)
def test_bibtex_keeps_literal_braces(text):
    unparsed = Reference(id="k", type="document", raw=text, parsed=False)
    titled = Reference(id="t", type="book")
    titled.set("title", text)
    back = bibtex.loads(bibtex.dumps([unparsed, titled])).references
    assert (back[0].raw, back[1].title) == (text, text)


@WRITER_SETTINGS
@given(article_with_citations)
# Inputs that once failed (an unparsed citation lost its title; "van der Berg" came back
# split into particle and family): kept so they always run.
@example("References\n\n- ?? !! ??\n- ?? !! ??\n")
@example("References\n\nSmith, A., & van der Berg, A. (2020). A title. *Journal*, 1(2), 3–4.\n\n"
         "Doe, J. (2019). *A book*. Moscow: Nauka.\n")
@example("\n\nReferences\n\n\n\nReferences\nReferences")
def test_csljson_round_trip_preserves_fields(text):
    result = _run_extract(text)
    if result is None:
        return
    refs = result.references + result.footnotes
    back = csljson.loads(csljson.dumps(refs))
    assert len(back) == len(refs)
    for a, b in zip(refs, back, strict=True):
        assert (a.id, a.type, a.parsed, a.raw) == (b.id, b.type, b.parsed, b.raw)
        assert a.fields == b.fields
        assert a.names == b.names
        assert a.dates == b.dates
        assert a.identifiers == b.identifiers
        assert a.origin == b.origin


@pytest.mark.parametrize("text", ["a \x00R b", "x\x00Ly", "p\x00Bq"])
def test_bibtex_nul_is_not_a_brace(text):
    unparsed = Reference(id="k", type="document", raw=text, parsed=False)
    titled = Reference(id="t", type="book")
    titled.set("title", text)
    back = bibtex.loads(bibtex.dumps([unparsed, titled])).references
    # Keeping the NUL or dropping it are both fine; turning it into "}" is not.
    assert back[0].raw.replace("\x00", "") == text.replace("\x00", "")
    assert back[1].title.replace("\x00", "") == text.replace("\x00", "")

"""The reader's and writer's fast paths give what the general code gives.

Each shortcut taken for speed (benchmarks/convert/SPEED.md) has a slow twin it must
agree with byte for byte: the splitter's two-regex entry against its per-field loop,
LaTeX decoding by replacement against the tokenizer, ``indented_json`` against
``json.dumps(indent=2)``.  Generated inputs mix the characters each shortcut is about
(braces at any depth, quotes, ``#``, dashes, comment lines, broken entries).
"""

from __future__ import annotations

import gc
import json
import weakref
from dataclasses import asdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from citekeeper.formats import bibnames, bibsplit, bibtex, csljson, latex
from citekeeper.formats.bulk import gc_paused

DATA = Path(__file__).parent / "data" / "realbib"

# Pieces of .bib text: field values of every shape, and the noise real files carry.
_TEXT = st.text(alphabet="ab {}\"#%,=\\-'\n@é", max_size=12)
_VALUE = st.one_of(
    _TEXT.map(lambda t: "{" + t + "}"),
    _TEXT.map(lambda t: '"' + t + '"'),
    st.sampled_from(["2020", "jan", "jn", "jn # { x}", '"a" # jn # {b}', "{a{b{c{d{e}}}}}", "{a}}", "{{a}",
                     '"a{"}"', "x y", "-3"]),
)
_FIELD = st.tuples(st.sampled_from(["title", "Author", "note", "x-y", "_k", "%c", "1a"]), _VALUE,
                   st.sampled_from([",", ",\n", " ,", "", ",,"]))


@st.composite
def _bib(draw: st.DrawFn) -> str:
    out = []
    for _ in range(draw(st.integers(1, 4))):
        fields = "".join(f"\n  {name} = {value}{sep}" for name, value, sep in draw(st.lists(_FIELD, max_size=5)))
        head = draw(st.sampled_from(["@article{k1,", "@Book{k 2,", "@misc(k3,", "@misc{,", "%@online{k4,",
                                     "@string{jn = ", "@comment{"]))
        tail = draw(st.sampled_from(["\n}", "}", "\n)", "", "\n  % note = {x},\n}"]))
        out.append(head + fields + tail)
    return "\n\n".join(out) + "\n"


@settings(max_examples=300, deadline=None)
@given(_bib())
def test_fast_splitter_agrees_with_the_field_loop(text: str) -> None:
    fast = [asdict(b) for b in bibsplit.split(text)]
    slow = [asdict(b) for b in bibsplit.split(text, fast=False)]
    assert fast == slow


def test_fast_splitter_agrees_on_real_files() -> None:
    for path in sorted(DATA.glob("*.bib")):
        text = path.read_text(encoding="utf-8")
        assert [asdict(b) for b in bibsplit.split(text)] == [asdict(b) for b in bibsplit.split(text, fast=False)]


def test_fast_splitter_is_linear_on_a_broken_entry() -> None:
    # an unclosed value before 20,000 fields: the fast match must fail without backtracking
    # through them all (the slow path then hands the block to bibtexparser)
    text = "@article{k,\n  title = {x" + ",\n  a = {b}" * 20000 + "\n"
    blocks = bibsplit.split(text)
    assert [b.kind for b in blocks] == ["bibtexparser"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab {}-_'é\u0301\n", max_size=16))
def test_braces_and_dashes_by_replacement_agree_with_the_parser(value: str) -> None:
    # (a value with no brace or dash at all never reaches either: it is only whitespace-collapsed)
    parsed = latex._finish(latex._Parser(value, False).group(top=True))
    assert latex._decode_tex(value, False) == parsed


def test_decode_examples() -> None:
    assert latex.decode("a----b {DNA} -{}- x_y") == "a\u2014-b DNA -- x_y"
    assert latex.decode("{{Whole}} 2--3", rich=True) == '<span class="nocase">Whole</span> 2\u20133'


_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=6)),
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=4), kids, max_size=4),
                           st.lists(kids, max_size=3).map(tuple)),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_indented_json_is_json_dumps(value: object) -> None:
    assert csljson.indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_indented_json_falls_back_for_what_it_does_not_write() -> None:
    assert csljson.indented_json({1: [1.5, float("inf")]}) == json.dumps({1: [1.5, float("inf")]}, indent=2)


def test_cached_name_lists_are_the_callers_own() -> None:
    names, _ = bibnames.split("Doe, Jane and Roe, R.")
    names.append(names[0])
    again, _ = bibnames.split("Doe, Jane and Roe, R.")
    assert len(again) == 2


def test_a_read_is_freed_by_reference_counting() -> None:
    # no reference cycle (a self-calling closure was one) keeps a file's records alive
    text = (DATA / "biber-tdata-crossrefs.bib").read_text(encoding="utf-8")
    was_on = gc.isenabled()
    gc.disable()
    try:
        result = bibtex.loads(text, file="x.bib")
        assert result.references
        probe = weakref.ref(result)
        del result
        assert probe() is None
    finally:
        if was_on:
            gc.enable()


def test_gc_paused_restores_the_collector() -> None:
    was_on = gc.isenabled()
    try:
        gc.enable()
        with gc_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        gc.disable()
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        (gc.enable if was_on else gc.disable)()

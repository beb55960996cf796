"""Round-trip properties over generated .bib files with LaTeX, ``@string`` macros and crossrefs.

Each generated file is known in two forms: the BibTeX a user writes (accents as TeX,
``journal = jn # { Letters}``, ``month = mar``, a child with ``crossref``) and the text a
reader must see.  The properties: reading gives that text; bib -> bib gives back every
entry as written; bib -> CSL-JSON -> bib keeps every core field.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citekeeper.formats import bibtex, csljson

ACCENTS = [(r"{\"u}", "ü"), (r"\'{e}", "é"), (r"{\c c}", "ç"), (r"\v{s}", "š"), (r"{\o}", "ø"), (r"\ss{}", "ß"),
           (r"\~{n}", "ñ"), (r"{\aa}", "å"), ("--", "–"), (r"\&", "&"), (r"$\alpha$", "α")]
word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
piece = st.one_of(word.map(lambda w: (w, w)), st.sampled_from(ACCENTS),
                  word.map(lambda w: (r"\emph{" + w + "}", w)), word.map(lambda w: ("{" + w.upper() + "}", w.upper())))
title = st.lists(piece, min_size=1, max_size=6)
person = st.tuples(word, word, st.sampled_from(["", "van", "de la", "von"]))


@st.composite
def bibfile(draw):
    n = draw(st.integers(1, 4))
    journal_macro = draw(word)
    out = [f'@string{{jn = "{journal_macro.title()}"}}']
    expected = []
    parent_title = draw(title)
    out.append("@proceedings{parent,\n  title = {" + " ".join(t for t, _ in parent_title) + "},\n"
               "  publisher = {Pub},\n  year = 2001,\n}")
    for i in range(n):
        t = draw(title)
        authors = draw(st.lists(person, min_size=1, max_size=3))
        names = " and ".join(f"{p + ' ' if p else ''}{f.title()}, {g.title()}" for f, g, p in authors)
        kind = draw(st.sampled_from(["article", "child"]))
        body = [f"  author = {{{names}}}", "  title = {" + " ".join(tt for tt, _ in t) + "}"]
        if kind == "article":
            body += ["  journal = jn # { Letters}", f"  year = {2000 + i}", "  month = mar"]
            container = f"{journal_macro.title()} Letters"
        else:
            body += ["  crossref = {parent}"]
            container = " ".join(x for _, x in parent_title)
        etype = "article" if kind == "article" else "inproceedings"
        out.append(f"@{etype}{{key{i},\n" + ",\n".join(body) + ",\n}")
        expected.append({"title": " ".join(x for _, x in t), "container": container,
                         "families": [f.title() for f, _, _ in authors],
                         "particles": [p for _, _, p in authors]})
    return "\n\n".join(out) + "\n", expected


def _core(r):
    return (r.id, r.type, r.title, r.get("container-title"), r.get("publisher"), r.names,
            r.issued.iso() if r.issued else None)


@settings(max_examples=30, deadline=None)
@given(bibfile())
def test_reading_decodes_latex_expands_macros_and_inherits(sample):
    text, expected = sample
    result = bibtex.loads(text, file="gen.bib")
    assert not result.problems and not result.warnings
    refs = [r for r in result.references if r.id != "parent"]
    for ref, want in zip(refs, expected, strict=True):
        assert ref.title == " ".join(want["title"].split())
        assert ref.get("container-title") == " ".join(want["container"].split())
        assert [n.family for n in ref.authors] == want["families"]
        assert [n.particle for n in ref.authors] == want["particles"]
        if ref.type == "paper-conference":
            assert ref.get("publisher") == "Pub" and ref.issued.year == 2001


@settings(max_examples=30, deadline=None)
@given(bibfile())
def test_bib_to_bib_writes_every_entry_as_written(sample):
    text, _ = sample
    result = bibtex.loads(text, file="gen.bib")
    out = bibtex.dumps(result.references, blocks=result.blocks)
    assert out.split() == text.split()


@settings(max_examples=30, deadline=None)
@given(bibfile())
def test_bib_to_csl_json_to_bib_keeps_core_fields(sample):
    text, _ = sample
    first = bibtex.loads(text).references
    last = bibtex.loads(bibtex.dumps(csljson.loads(csljson.dumps(first)))).references
    assert [_core(r) for r in last] == [_core(r) for r in first]

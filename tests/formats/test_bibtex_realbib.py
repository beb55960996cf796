"""Real .bib files (tests/formats/data/realbib, see its ATTRIBUTION.md): nothing lost, keys kept.

Each test is one thing the issue found wrong on ``shared/realbib``: key-less Mendeley
entries and repeated fields lost, ``O'Hara_1999`` and ``Chen_2017`` rewritten, ``%``
lines and an unbalanced brace dropping a whole entry, crossref ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper import formats
from citekeeper.formats import bibtex, csljson

REAL = Path(__file__).parent / "data" / "realbib"


def test_keyless_mendeley_entries_are_all_read_and_get_new_keys():
    result = formats.export([REAL / "mendeley-keyless.bib"], "csl-json")
    assert len(result.references) == 3
    keys = [r.id for r in result.references]
    assert all(keys) and len(set(keys)) == 3
    assert sum("has no key" in w for w in result.warnings) == 3
    assert all(":" in w and "mendeley-keyless.bib:" in w for w in result.warnings)


def test_keyless_entries_written_back_with_their_new_key_and_text():
    text = (REAL / "mendeley-keyless.bib").read_text(encoding="utf-8")
    result = formats.export([REAL / "mendeley-keyless.bib"], "biblatex")
    assert result.text.count("@article{") == text.count("@article{,")
    body = text.split("\n", 1)[1].strip()  # everything after the first header, as written
    assert body.splitlines()[0] in result.text


def test_repeated_keywords_are_joined_and_nothing_is_dropped():
    result = formats.read_file(REAL / "discarded-duplicate-field.bib")
    (ref,) = result.references
    assert ref.get("keyword") == "Qualitative, Simulation, Semi-quantitative, Intervals, QSIM, Q3"
    assert any("repeated" in w and ":1:" in w for w in result.warnings)
    # bib -> CSL-JSON -> bib keeps every value; bib -> bib keeps the entry byte for byte
    back = bibtex.loads(bibtex.dumps(csljson.loads(csljson.dumps([ref])))).references[0]
    assert back.get("keyword") == ref.get("keyword")
    original = (REAL / "discarded-duplicate-field.bib").read_text(encoding="utf-8").strip()
    assert formats.export([REAL / "discarded-duplicate-field.bib"], "biblatex").text.strip() == original


@pytest.mark.parametrize("name", ["jabref-apostrophe-keys.bib", "unabbreviate-case-keys.bib"])
def test_keys_as_written_are_kept(name):
    as_read = [r.id for r in formats.read_file(REAL / name).references]
    for to in ("biblatex", "csl-json", "ris"):
        result = formats.export([REAL / name], to)
        assert [r.id for r in result.references] == as_read
        assert not [w for w in result.warnings if "key" in w]


def test_same_key_in_two_inputs_gets_a_suffix_with_a_warning():
    path = REAL / "jabref-apostrophe-keys.bib"
    result = formats.export([path, path], "csl-json")
    ids = [r.id for r in result.references]
    assert ids[:2] == ["O'Hara_1999", "O'Hara_1999_B"]
    assert len(set(ids)) == 4
    assert sum("already used" in w for w in result.warnings) == 2


def test_unbalanced_brace_entry_is_read_leniently_and_the_next_one_too():
    result = formats.read_file(REAL / "bbt-broken-brace.bib")
    assert [r.id for r in result.references] == ["AGESCHEIDER:2009dk", "Agrawal:2004p1349"]
    first = result.references[0]
    assert first.get("publisher").startswith("Taylor") and first.get("container-title")
    assert first.doi == "10.1080/08990229771042"
    assert any("read leniently" in w and "bbt-broken-brace.bib:1:" in w for w in result.warnings)
    assert not result.problems


def test_comment_lines_inside_an_entry_are_skipped_as_biber_does():
    result = formats.read_file(REAL / "bibliotex-comment-lines.bib")
    (ref,) = result.references
    assert ref.title and ref.issued and ref.issued.year
    assert not result.problems


def test_crossref_inherited_for_export_and_kept_as_written_for_bib():
    path = REAL / "citeproc-py-xampl.bib"
    refs = {r.id: r for r in formats.read_file(path).references}
    child = refs["incollection-crossref"]
    assert child.get("container-title") == "High Speed Computer and Algorithm Organization"
    assert child.get("publisher") == "Academic Press" and child.issued and child.issued.year == 1977
    assert child.extra["tex.crossref"] == "whole-collection"
    out = formats.export([path], "biblatex").text
    assert '@INCOLLECTION{incollection-crossref,\n   crossref = "whole-collection",' in out


def test_string_macros_and_concatenation_expanded_and_kept_as_written():
    path = REAL / "citeproc-py-xampl.bib"
    result = formats.read_file(path)
    refs = {r.id: r for r in result.references}
    assert refs["inproceedings-minimal"].get("container-title") == (
        "Proc. Fifteenth Annual ACM Symposium on the Theory of Computing")
    out = formats.export([path], "biblatex").text
    assert '@STRING{STOC = " Symposium on the Theory of Computing"}' in out
    assert 'booktitle = "Proc. Fifteenth Annual ACM" # STOC,' in out


def test_whole_file_bib_to_bib_is_identical_but_for_blank_lines():
    for name in ("citeproc-py-xampl.bib", "biber-tdata-crossrefs.bib", "biber-tdata-dateformats.bib"):
        text = (REAL / name).read_text(encoding="utf-8")
        out = formats.export([REAL / name], "biblatex").text
        assert [ln for ln in out.splitlines() if ln.strip()] == [ln for ln in text.splitlines() if ln.strip()], name


@pytest.mark.parametrize(
    ("key", "slot", "iso"),
    [("L13", "issued", "1996-01-01/.."), ("L14", "issued", "1996-12-10/1996-12-12"),
     ("era1", "issued", "-0379-02"), ("era4", "event-date", "1565?"), ("season1", "issued", "2003-21"),
     ("time1", "original-date", "2001-01-03T17:07:34Z"), ("range2", "original-date", "../2000"),
     ("unspec1", "issued", "199X")],
)
def test_biber_date_formats_survive_csl_json(key, slot, iso):
    refs = {r.id: r for r in formats.read_file(REAL / "biber-tdata-dateformats.bib").references}
    assert refs[key].dates[slot].iso() == iso
    back = {r.id: r for r in csljson.loads(csljson.dumps(list(refs.values())))}
    assert back[key].dates[slot] == refs[key].dates[slot]
    again = {r.id: r for r in bibtex.loads(bibtex.dumps(list(back.values()))).references}
    assert again[key].dates[slot] == refs[key].dates[slot]


def test_an_edited_entry_keeps_its_other_fields_as_written():
    path = REAL / "citeproc-py-xampl.bib"
    result = formats.read_file(path)
    ref = next(r for r in result.references if r.id == "inproceedings-minimal")
    ref.set("DOI", "10.1145/800061.808731")
    out = bibtex.dumps([ref])
    assert 'booktitle = "Proc. Fifteenth Annual ACM" # STOC,' in out
    assert "doi = {10.1145/800061.808731}" in out
    assert bibtex.loads(out, file="x.bib").references[0].doi == "10.1145/800061.808731"


def test_repeated_plain_field_first_wins_the_other_kept():
    ref = bibtex.loads("@book{k, title={T}, edition={2}, edition={3}}", file="e.bib").references[0]
    assert ref.get("edition") == "2" and ref.extra["tex.edition~2"] == "3"
    back = bibtex.loads(bibtex.dumps(csljson.loads(csljson.dumps([ref])))).references[0]
    assert back.get("edition") == "2" and back.extra["tex.edition~2"] == "3"


def test_zoteros_bibtex_export_child_notes_are_read():
    """Zotero's BibTeX.js ``doExport`` writes each child note as an ``annote`` field."""
    text = ("@article{k,\n\ttitle = {T},\n\tannote = {EDN: UNZFTH},\n\tannote = {Read in 2020.},\n"
            "\tkeywords = {a, b},\n}\n")
    ref = bibtex.loads(text).references[0]
    assert ref.identifiers == {"EDN": "UNZFTH"}
    assert ref.get("annote") == "Read in 2020." and ref.get("keyword") == "a, b"


def test_commented_out_entry_stays_a_comment(tmp_path):
    path = tmp_path / "c.bib"
    text = "%@online{x,\n%  title={Gone}\n%}\n\n@book{b, title={B}}\n"
    path.write_text(text, encoding="utf-8")
    result = formats.read_file(path)
    assert [r.id for r in result.references] == ["b"] and not result.problems
    assert formats.export([path], "biblatex").text.split() == text.split()

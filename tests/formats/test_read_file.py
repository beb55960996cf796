"""``formats.read_file``: the one reader — records with lines, failed blocks with raw text, warnings."""

from __future__ import annotations

import json

from citekeeper import formats
from citekeeper.formats import csljson
from citekeeper.model import Origin, Reference


def test_failed_block_kept_with_raw_text_and_line(tmp_path):
    path = tmp_path / "x.bib"
    path.write_text("@article{a, title={One}}\n\n@book{b, title={unclosed\n\n@misc{c, title={Three}}\n",
                    encoding="utf-8")
    result = formats.read_file(path)
    assert [r.id for r in result.references] == ["a", "c"]
    assert [result.line_of(r) for r in result.references] == [1, 5]
    (failed,) = result.failed
    assert failed.line == 3 and failed.raw.startswith("@book{b, title={unclosed")
    assert result.problems[0].line == 3 and result.problems[0].file == str(path)
    # bib -> bib writes the failed block back where it was
    out = formats.export([path], "biblatex").text
    assert out.index("@article{a") < out.index("@book{b, title={unclosed") < out.index("@misc{c")


def test_undefined_macro_is_a_warning_with_line(tmp_path):
    path = tmp_path / "m.bib"
    path.write_text("@article{a,\n  title = {T},\n  journal = IEEE_J_CS,\n}\n", encoding="utf-8")
    result = formats.read_file(path)
    assert result.references[0].get("container-title") == "IEEE_J_CS"
    assert any("undefined macro 'IEEE_J_CS'" in w and "m.bib:1:" in w for w in result.warnings)


def test_jabref_latin1_header_is_honoured(tmp_path):
    path = tmp_path / "latin1.bib"
    text = "% Encoding: ISO8859_1\n\n@book{k, author = {Müller, Jürgen}, title = {Größe}, year = {1999}}\n"
    path.write_bytes(text.encode("latin-1"))
    result = formats.read_file(path)
    ref = result.references[0]
    assert ref.authors[0].family == "Müller" and ref.title == "Größe"
    assert result.encoding == "iso8859-1"


def test_windows1252_header(tmp_path):
    path = tmp_path / "cp.bib"
    path.write_bytes("% Encoding: windows-1252\n@book{k, title = {“Quoted” – dash}}\n".encode("cp1252"))
    assert formats.read_file(path).references[0].title == "“Quoted” – dash"


def test_csl_json_export_carries_no_paths_unless_asked(tmp_path):
    path = tmp_path / "a.bib"
    path.write_text("@book{k, title={T}, year={2000}}\n", encoding="utf-8")
    plain = json.loads(formats.export([path], "csl-json").text)
    assert "citekeeper" not in plain[0]
    kept = json.loads(formats.export([path], "csl-json", with_origin=True, relative_to=tmp_path).text)
    assert kept[0]["citekeeper"]["origin"]["file"] == "a.bib"


def test_repeats_and_tex_fields_travel_in_csl_note_but_not_to_the_renderer():
    ref = Reference(id="short", type="book", repeats="full2020", origin=Origin(kind="footnote", number=3))
    ref.set("title", "T")
    ref.extra["tex.timestamp"] = "2020-01-01"
    item = csljson.reference_to_csl(ref)
    assert item["note"].split("\n") == ["tex.timestamp: 2020-01-01", "repeats: full2020"]
    back = csljson.reference_from_csl(item)
    assert back.repeats == "full2020" and back.extra["tex.timestamp"] == "2020-01-01" and not back.get("note")
    assert "note" not in csljson.reference_to_csl(ref, with_origin=False, raw_dates=False)


def test_csl_json_keeps_what_the_record_has_no_slot_for():
    item = {"id": "x", "type": "book", "title": "T", "custom": {"a": [1, 2]}, "original-author": [{"family": "O"}],
            "submitted": {"date-parts": [[2019, 5]]}, "issued": {"date-parts": [[2019], [2020]]},
            "author": [{"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}]}
    out = csljson.reference_to_csl(csljson.reference_from_csl(item), with_origin=False, raw_dates=False)
    for key in ("custom", "original-author", "submitted"):
        assert out[key] == item[key]
    assert out["issued"]["date-parts"] == [[2019], [2020]]
    assert out["author"][0]["dropping-particle"] == "van"


def test_arxiv_id_is_also_number_and_archive_for_preprints():
    ref = Reference(id="p", type="article", identifiers={"arXiv": "2001.01234"})
    item = csljson.reference_to_csl(ref)
    assert item["number"] == "arXiv:2001.01234" and item["archive"] == "arXiv"
    back = csljson.reference_from_csl(item)
    assert back.identifiers["arXiv"] == "2001.01234" and "number" not in back.fields


def test_ris_carries_repeats_and_tex_fields_in_extra():
    from citekeeper.formats import ris

    ref = Reference(id="short", type="book", repeats="full2020")
    ref.set("title", "T")
    ref.extra["tex.timestamp"] = "2020-01-01"
    text = ris.dumps([ref])
    assert "M2  - repeats: full2020" in text and "M2  - tex.timestamp: 2020-01-01" in text
    back = ris.loads(text).references[0]
    assert back.repeats == "full2020" and back.extra == {"tex.timestamp": "2020-01-01"}

"""``render`` reads every file through ``formats.read_file`` (the one reader): what that
changes for CSL-JSON input, and what it must not change (citeproc-js's output)."""

from __future__ import annotations

import json

import pytest

from citekeeper.errors import MalformedInputError
from citekeeper.render.api import UnknownKeyError, load_items, render_bibliography, render_citations

SMITH = [{"family": "Smith", "given": "J."}]


def test_raw_dates_sort_as_citeproc_js_sorts_them(tmp_path):
    # citeproc-js 2.4.63 (benchmarks/render/citeproc_js.js, apa) orders these Beta, Alpha,
    # Zeta, Mid: a "raw" beside "date-parts" sorts as no date; "raw" alone is parsed into
    # parts first and sorts as its year.
    items = [
        {"id": "a", "type": "book", "title": "Zeta", "author": SMITH, "issued": {"raw": "2019"}},
        {"id": "b", "type": "book", "title": "Alpha", "author": SMITH, "issued": {"raw": "2018"}},
        {"id": "c", "type": "book", "title": "Mid", "author": SMITH,
         "issued": {"date-parts": [[2017]], "raw": "2017"}},
        {"id": "d", "type": "book", "title": "Beta", "author": SMITH, "issued": {"date-parts": [[2016]]}},
    ]
    path = tmp_path / "raw.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    entries, _ = render_bibliography([path], "apa")
    assert [e.split(". ")[-1].rstrip(".") for e in entries] == ["Beta", "Alpha", "Zeta", "Mid"]


def test_citation_key_and_numeric_ids(tmp_path):
    path = tmp_path / "z.json"
    path.write_text(json.dumps([
        {"id": "http://zotero.org/users/1/items/AB", "citation-key": "smith2020", "type": "book",
         "title": "Keyed", "author": SMITH, "issued": {"date-parts": [[2020]]}},
        {"id": 12, "type": "book", "title": "Numbered", "author": [{"family": "Jones"}],
         "issued": {"date-parts": [[2001]]}},
    ]), encoding="utf-8")
    cites, loaded, _ = render_citations([path], [["smith2020"], ["12"]], "apa")
    assert cites == ["(Smith, 2020)", "(Jones, 2001)"]
    assert [it["id"] for it in loaded.items] == ["smith2020", "12"]
    with pytest.raises(UnknownKeyError, match="closest: smith2020"):
        render_citations([path], [["smith202"]], "apa")


def test_an_element_that_is_not_an_object_is_a_warning_with_its_line(tmp_path):
    path = tmp_path / "mixed.json"
    path.write_text('[\n {"id": "a", "type": "book", "title": "Kept"},\n "stray",\n'
                    ' {"id": "b", "type": "book", "title": "Also kept"}\n]\n', encoding="utf-8")
    loaded = load_items([path])
    assert [it["title"] for it in loaded.items] == ["Kept", "Also kept"]
    assert loaded.warnings == [f"{path}:3: item 2 is a string, not a CSL-JSON object"]
    nothing = tmp_path / "nothing.json"
    nothing.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(MalformedInputError) as err:
        load_items([nothing])
    assert err.value.line == 1


def test_a_bib_and_its_csl_json_render_alike(tmp_path):
    from citekeeper import formats

    bib = tmp_path / "lib.bib"
    bib.write_text("@book{knuth84, author = {Knuth, Donald E.}, title = {The {\\TeX}book},\n"
                   "  publisher = {Addison-Wesley}, year = 1984}\n", encoding="utf-8")
    csl = tmp_path / "lib.json"
    csl.write_text(formats.export([bib], "csl-json").text, encoding="utf-8")
    from_bib, _ = render_bibliography([bib], "chicago-author-date")
    from_json, _ = render_bibliography([csl], "chicago-author-date")
    assert from_bib == from_json == ["Knuth, Donald E. 1984. The TeXbook. Addison-Wesley."]

"""``formats.read_file`` on CSL-JSON: every item with its line, what is not an item reported
and kept, the text kept for lint, and ``raw`` dates kept for the renderer."""

from __future__ import annotations

import json

from citekeeper import formats
from citekeeper.model import Date


def test_items_have_their_lines_and_the_text_is_kept(tmp_path):
    path = tmp_path / "a.json"
    text = json.dumps([{"id": "a", "type": "book", "title": "A"}, {"id": 7, "type": "book"}], indent=2)
    path.write_text(text, encoding="utf-8")
    result = formats.read_file(path)
    assert [r.id for r in result.references] == ["a", "7"]  # a numeric id is a string
    assert result.entry_lines == [2, 7]
    assert [result.line_of(r) for r in result.references] == [2, 7]
    assert result.text == text and not result.problems


def test_an_element_that_is_not_an_object_is_reported_and_the_others_read(tmp_path):
    path = tmp_path / "b.json"
    path.write_text('[\n {"id": "a", "title": "A"},\n 42,\n ["x"],\n {"id": "c", "title": "C"}\n]\n',
                    encoding="utf-8")
    result = formats.read_file(path)
    assert [r.id for r in result.references] == ["a", "c"]
    assert [r.origin.number for r in result.references] == [1, 4]
    assert [(p.line, p.file) for p in result.problems] == [(3, str(path)), (4, str(path))]
    assert "item 2 is a number, not a CSL-JSON object" in result.problems[0].message
    assert [b.raw for b in result.failed] == ["42", '["x"]']


def test_a_syntax_error_keeps_the_items_before_it(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('[\n {"id": "a"},\n {"id": "b",\n  "title": }\n, {"id": "c"}]', encoding="utf-8")
    result = formats.read_file(path)
    assert [r.id for r in result.references] == ["a"]
    (problem,) = result.problems
    assert problem.line == 4 and problem.message.startswith("malformed CSL-JSON")
    assert result.failed[0].raw.startswith('{"id": "b"')  # the rest kept as written


def test_other_shapes(tmp_path):
    one = tmp_path / "one.json"
    one.write_text('{"id": "solo", "type": "book"}', encoding="utf-8")
    assert [r.id for r in formats.read_file(one).references] == ["solo"]
    fixture = tmp_path / "fixture.json"
    fixture.write_text('{"items": [{"id": "x"}, 3, {"id": "y"}]}', encoding="utf-8")
    res = formats.read_file(fixture)
    assert [r.id for r in res.references] == ["x", "y"] and len(res.problems) == 1
    for body, words in (("", "empty"), ('"text"', "items, not a string"), ("[1,2] x", "extra data"),
                        ('[{"id": "a"}', "expected ',' or ']'")):
        bad = tmp_path / "bad.json"
        bad.write_text(body, encoding="utf-8")
        res = formats.read_file(bad)
        assert any(words in p.message for p in res.problems), body


def test_citation_key_names_the_item(tmp_path):
    path = tmp_path / "z.json"
    path.write_text(json.dumps([{"id": "http://zotero.org/users/1/items/AB", "citation-key": "smith2020",
                                 "type": "book"}]), encoding="utf-8")
    assert formats.read_file(path).references[0].id == "smith2020"


def test_raw_beside_date_parts_is_kept_but_not_part_of_the_date():
    given = {"date-parts": [[2015, 3]], "raw": "March 2015"}
    date = Date.from_csl(given)
    assert date.raw == "March 2015" and date == Date(2015, 3)
    assert date.to_csl() == given
    edtf = Date.from_csl({"date-parts": [[2017, 11, 16]], "raw": "2017-11-16T14:45:04"})
    assert edtf.time == "14:45:04" and edtf.raw == "2017-11-16T14:45:04"
    # raw alone is parsed into parts (citeproc-js does the same and then sorts it as a date)
    assert Date.from_csl({"raw": "2019"}).to_csl() == {"date-parts": [[2019]]}
    assert Date(2019).to_csl() == {"date-parts": [[2019]]}

"""``csljson.loads`` reads the shapes ``read_file`` reads, and stops at the first non-item."""

from __future__ import annotations

import pytest

from citekeeper.errors import MalformedInputError
from citekeeper.formats import csljson


def test_every_shape_and_each_items_line() -> None:
    refs = csljson.loads('[\n {"id": "a", "title": "A"},\n {"id": "b", "title": "B"}\n]', file="x.json")
    assert [r.origin.line_start for r in refs] == [2, 3]
    assert csljson.loads('{"id": "a", "title": "A"}')[0].get("title") == "A"
    assert [r.get("title") for r in csljson.loads('{"items": [{"id": "a", "title": "A"}]}')] == ["A"]


def test_the_first_bad_element_is_an_error_with_its_line() -> None:
    with pytest.raises(MalformedInputError) as info:
        csljson.loads('[\n {"id": "a"},\n 42,\n "x"\n]', file="x.json")
    assert info.value.line == 3 and "item 2" in str(info.value)
    with pytest.raises(MalformedInputError):
        csljson.loads('[{"id": "a"},')

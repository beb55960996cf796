"""Citation keys: readable, stable, unique case-insensitively."""

from __future__ import annotations

from citekeeper.model import Date, Name, Reference
from citekeeper.parse.keys import KeyRegistry, ascii_fold, base_key


def _ref(family: str, year: int, title: str) -> Reference:
    return Reference(names={"author": [Name(family=family)]}, dates={"issued": Date(year)}, fields={"title": title})


def test_readable_key():
    assert base_key(_ref("Jones", 2007, "ASEAN intervention in Cambodia")) == "jones2007asean"


def test_keys_unique_case_insensitively_and_stable():
    reg = KeyRegistry()
    reg.reserve("JONES2007ASEAN")
    keys = [reg.assign(_ref("Jones", 2007, "ASEAN x")) for _ in range(3)]
    assert keys == ["jones2007aseana", "jones2007aseanb", "jones2007aseanc"]
    again = KeyRegistry()
    again.reserve("JONES2007ASEAN")
    assert [again.assign(_ref("Jones", 2007, "ASEAN x")) for _ in range(3)] == keys


def test_no_author_uses_title_words_and_cyrillic_is_transliterated():
    ref = Reference(dates={"issued": Date(1976)}, fields={"title": "Treaty of Amity and Cooperation"})
    assert base_key(ref) == "treaty1976amity"
    assert ascii_fold("Пичкхун") == "pichkkhun"

"""A note that opens with a book of the Bible and its chapter and verse is a citation (cues.BIBLE_PLACE)."""

from __future__ import annotations

import pytest

from citekeeper.extract.cues import citation_score


@pytest.mark.parametrize("note", [
    "Jesaja 30:20 Und der Herr wird euch in Trübsal Brot geben.",
    "1.Mose. 6,3.",
    "Hebr. 13,7.+8.",
    "1. Cor. 10 v. 4.",
    "Epheser 4,23",
    "Röm. 8,14 Denn welche der Geist Gottes treibt …",
    "John 3:16",
    "2 Tim. 3:16-17.",
    "Matth. 5,3–12.",
])
def test_bible_places_cite(note: str) -> None:
    assert citation_score(note) >= 2


@pytest.mark.parametrize("note", [
    "Um 10:30 Uhr begann die Sitzung.",
    "Das ist in Kapitel 3,4 beschrieben.",
    "Johannesburg 3,4 Millionen Einwohner.",
    "Markt 12,5 Prozent im Jahr.",
])
def test_other_numbers_do_not(note: str) -> None:
    assert citation_score(note) < 2

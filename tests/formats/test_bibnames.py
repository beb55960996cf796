"""BibTeX's own name rules (btxdoc, "Names"): von/Last/Jr/First, braces, ``and others``."""

from __future__ import annotations

import pytest

from citekeeper.formats import bibnames
from citekeeper.model import Name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("M. {van Kreveld}", Name(family="van Kreveld", given="M.")),
        ("van Kreveld, M.", Name(family="Kreveld", given="M.", particle="van")),
        ("Ludwig van Beethoven", Name(family="Beethoven", given="Ludwig", particle="van")),
        ("Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin",
         Name(family="Vallée Poussin", given="Charles Louis Xavier Joseph", particle="de la")),
        ("Smith, Jr., John", Name(family="Smith", given="John", suffix="Jr.")),
        ("{World Health Organization}", Name(literal="World Health Organization")),
        ("{Barnes and Noble}, Inc.", Name(family="Barnes and Noble", given="Inc.")),
        ("{\\'E}tienne Gilson", Name(family="Gilson", given="Étienne")),
        ("Brinch Hansen, Per", Name(family="Brinch Hansen", given="Per")),
        ("Aristotle", Name(family="Aristotle")),
        ("family=Berg, given=Jan, prefix=van der", Name(family="Berg", given="Jan", particle="van der")),
    ],
)
def test_one_name(text, name):
    assert bibnames.split(text) == ([name], False)
    assert bibnames.split(bibnames.join([name])) == ([name], False)


def test_and_others_is_truncation_not_an_author():
    names, truncated = bibnames.split("M{\\\"u}ller, Hans and others")
    assert names == [Name(family="Müller", given="Hans")] and truncated
    assert bibnames.join(names, truncated) == "Müller, Hans and others"


def test_and_inside_braces_does_not_split():
    names, _ = bibnames.split("{Procter and Gamble} and Doe, Jane")
    assert [n.literal or n.family for n in names] == ["Procter and Gamble", "Doe"]

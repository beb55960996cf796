"""parse.imprint: the rest of an imprint moved out of the publisher, for rules and model alike."""

from __future__ import annotations

import pytest

from citekeeper.model import Reference
from citekeeper.parse import parse_list_entry
from citekeeper.parse.imprint import tidy_imprint


@pytest.mark.parametrize(
    ("kind", "publisher", "expected"),
    [
        ("book", "Springer Verlag, New York, USA", {"publisher": "Springer Verlag", "publisher-place": "New York, USA"}),
        ("chapter", "Springer, 27–59", {"publisher": "Springer", "page": "27–59"}),
        ("book", "Alfred A. Knopf Inc.. p. 720", {"publisher": "Alfred A. Knopf Inc.", "number-of-pages": "720"}),
        ("book", "Springer, Berlin, second edition", {"publisher": "Springer", "publisher-place": "Berlin", "edition": "second edition"}),
        # shapes that are not an imprint's rest stay as printed
        ("book", "Chapman & Hall, CRC", {"publisher": "Chapman & Hall, CRC"}),
        ("book", "Cold Spring Harbor Laboratory Press", {"publisher": "Cold Spring Harbor Laboratory Press"}),
        ("article-journal", "Springer, 27–59", {"publisher": "Springer, 27–59"}),
    ],
)
def test_tidy_imprint(kind, publisher, expected):
    ref = Reference(type=kind)
    ref.set("publisher", publisher)
    tidy_imprint(ref)
    assert {k: ref.get(k) for k in expected} == expected


def test_pipeline_moves_the_place_after_the_publisher():
    ref = parse_list_entry("Bishop CM (2006) Pattern recognition and machine learning. Springer Verlag, New York, USA.")
    assert (ref.type, ref.get("publisher"), ref.get("publisher-place")) == ("book", "Springer Verlag", "New York, USA")


def test_place_dot_publisher_book():
    ref = parse_list_entry("Farlow SJ (1982) Partial differential equations for scientists and engineers. New York. Dover.")
    assert (ref.type, ref.title, ref.get("publisher-place"), ref.get("publisher")) == (
        "book", "Partial differential equations for scientists and engineers", "New York", "Dover")


def test_country_initials_before_an_institution_are_not_a_given_name():
    ref = parse_list_entry("U.S. Census Bureau. (2019). American Community Survey 5-year estimates. Washington, DC: U.S. Census Bureau.")
    assert [n.literal for n in ref.authors] == ["U.S. Census Bureau"]

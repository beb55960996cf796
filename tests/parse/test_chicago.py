"""Notes-style citations: Chicago/Turabian notes, German/Austrian short notes, US case citations."""

from __future__ import annotations

import pytest

from citekeeper.parse import parse_citation, parse_list_entry
from citekeeper.parse.chicago import parse_chicago_note


def names(ref, role="author"):
    return [n.display() for n in ref.names.get(role, [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("John Smith, The History of Things (New York: Oxford University Press, 2010), 45.",
         ("book", "The History of Things", "Oxford University Press", "New York", "", ["Smith, John"], [])),
        ("Thomas M. Doerflinger, A Vigorous Spirit of Enterprise (Chapel Hill: University of North Carolina Press, 1986), 45.",
         ("book", "A Vigorous Spirit of Enterprise", "University of North Carolina Press", "Chapel Hill", "",
          ["Doerflinger, Thomas M."], [])),
        ("John J. McCusker and Kenneth Morgan, eds., The Early Modern Atlantic Economy (Cambridge: Cambridge University Press, 2000).",
         ("book", "The Early Modern Atlantic Economy", "Cambridge University Press", "Cambridge", "", [],
          ["McCusker, John J.", "Morgan, Kenneth"])),
        ('Mary Black, "Women in Cities," in Urban Lives, ed. John White (Chicago: University of Chicago Press, 2001), 101–20.',
         ("chapter", "Women in Cities", "University of Chicago Press", "Chicago", "101–20", ["Black, Mary"], ["White, John"])),
        ("John E. Owens, ‘Congress’, in Robert Singh (ed.), Governing America (Oxford: Oxford University Press, 2003).",
         ("chapter", "Congress", "Oxford University Press", "Oxford", "", ["Owens, John E."], ["Singh, Robert"])),
    ],
)
def test_chicago_notes(text, expected):
    ref = parse_citation(text)
    assert (ref.type, ref.title, ref.get("publisher"), ref.get("publisher-place"), ref.get("page"),
            names(ref), names(ref, "editor")) == expected


@pytest.mark.parametrize(
    "text",
    [
        'Jane Doe, "Cities and Power," American Historical Review 120, no. 3 (2015): 45–67.',  # a journal: not this rule's
        "Kraus, Albert L. \"Commercial Paper Maze,\" The New York Times (July 2, 1969).",  # a date, not an imprint
        "Концепция // МИД России. 31.03.2023. URL: https://www.mid.ru/ (дата обращения: 12.03.2024).",
        "Wilhelm, Kurt, Richard Strauss persönlich (Berlin: Henschel, 1999).",  # inverted names: the model's
    ],
)
def test_not_a_chicago_note(text):
    assert parse_chicago_note(text) is None


def test_german_short_notes():
    ref = parse_citation("Luhmann, Rechtssoziologie (1972), 239.")
    assert (ref.type, ref.title, names(ref), ref.issued.year, ref.get("page")) == ("book", "Rechtssoziologie", ["Luhmann"], 1972, "")
    ref = parse_citation("More-Hollerweger/Rameder, Freiwilligenarbeit in Nonprofit-Organisationen, in Simsa et al (Hrsg), "
                         "Handbuch der Nonprofit-Organisation (2013), 381-399.")
    assert (ref.type, ref.get("container-title"), names(ref), names(ref, "editor"), ref.get("page")) == (
        "chapter", "Handbuch der Nonprofit-Organisation", ["More-Hollerweger", "Rameder"], ["Simsa"], "381–399")
    # "Smith, John (2010), 45": a name and a year, not a family name and a title
    assert parse_citation("Smith, John (2010), 45.").title != "John"


@pytest.mark.parametrize("parse", [parse_citation, parse_list_entry])
def test_us_case_citations(parse):
    ref = parse("United States v. Jones, 565 F.3d 1230 (9th Cir. 2009).")
    assert (ref.type, ref.title, ref.get("container-title"), ref.get("volume"), ref.get("page"), ref.get("authority")) == (
        "legal_case", "United States v. Jones", "F.3d", "565", "1230", "9th Cir.")
    ref = parse("Brown v. Board of Education, 347 U.S. 483, 495 (1954).")
    assert (ref.title, ref.get("page"), ref.issued.year, ref.names.get("author")) == ("Brown v. Board of Education", "483", 1954, None)

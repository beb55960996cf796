"""A work named inside a sentence of comment (issue 13, fifth session, "notesprose"): the citation starts
at its author when the author is named with a possessive and a title ("… is Geoff Cox's "Generator …," in
…, 2007") or is the work a person is "cited in" / "zitiert nach" / "cité par"; prose around a thing named
with a possessive, or a possessive in a sentence that cites nothing, stays as it was.  The works are made
up in the shape real notes give them."""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article
from citekeeper.extract.cues import prose_lead, strip_signal

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@pytest.mark.parametrize(
    ("note", "start"),
    [
        ("One example of many, and also tied to a festival, is Ann Marie Roe's \"Looms: The Value of Weaving,\" in "
         "Jo Poe and Al Lee, eds., *Issues in Textile Art* (Bristol: Intellect, 2009), 14-32.", "Ann Marie Roe's"),
        ("Much more could be said about this, but we refer, for one, to Kim T. Vale's *When Rivers Meet* "
         "(Chicago: University of Chicago Press, 2011).", "Kim T. Vale's"),
        ("Much more could be said about this, but we refer to Kim Vale’s Rivers Meeting (Chicago: University of "
         "Chicago Press, 2011).", "Kim Vale’s"),  # the italics lost, as text read from Markdown or a PDF keeps them
        ("Ada Byron cited in Lippard, ed. *Nine Years* (London: Studio Vista, 1973), 4.", "Lippard, ed."),
        ("Goethe zitiert nach Meier, Klaus: Die Stadt. Berlin: Springer, 2005, S. 4.", "Meier, Klaus"),
        ("Hugo, cité par Dupont (Jean), Les voix, Paris, Seuil, 2001, p. 109.", "Dupont (Jean)"),
        # a sentence of comment ending in a colon before what it points to
        ("beispielhaft zwei Kleine Anfragen aus der Fraktion der Partei in der Bremer Bürgerschaft: LT-Drs. Bremen 20/1234 mit der Antwort "
         "des Senats vom 3. März 2020.", "LT-Drs. Bremen"),
        ("Ещё один забавный случай с цветами можно найти здесь: http://www.example.org/texas.html", "http://www.example.org"),
        ("Pour une représentation graphique du coût des procès actuels : Ann Roe, « The Lawsuit Economy », Revue 4 (2012), "
         "p. 3.", "Ann Roe"),
    ],
)
def test_the_citation_starts_at_the_work_named_in_the_comment(note: str, start: str) -> None:
    assert strip_signal(note).startswith(start)


@pytest.mark.parametrize(
    "note",
    [
        # a thing, not an author: one name word
        "More information on Conway's *Game of Life* and related cellular automata can be found at <https://example.org/>.",
        # a sentence of comment with a possessive that cites nothing after it
        "This is what the curator called Ann Marie Roe's Turn in the catalogue of the festival.",
        # the lead-in has a cue of its own (a year): it is no comment to drop
        "In 1999 the collective showed Ann Marie Roe's *Looms* (Bristol: Intellect, 2009), 14-32.",
        # a note that opens with its author keeps its start
        "Ann Marie Roe, *Looms* (Bristol: Intellect, 2009), 14-32, on Jo Poe's *Weaving* (London: Studio, 2001).",
        # a title and its subtitle after a colon, or a place and its publisher, are no lead-in
        "The making of the modern harbor: a history of the docks, London: Penguin, 2005.",
        "Berlin: Springer, 2005, S. 4.",
        # a short comment before the colon (fewer than six words of prose)
        "Zu den Häfen: Meier, Klaus: Die Stadt, Berlin 2005.",
    ],
)
def test_other_possessives_keep_the_note_as_it_starts(note: str) -> None:
    assert prose_lead(note) == 0


def test_a_note_naming_a_work_by_possessive_is_read_from_its_author_and_keeps_its_text() -> None:
    note = ("Much more could be said about this, but we refer, for one, to Kim T. Vale's *When Rivers Meet* "
            "(Chicago: University of Chicago Press, 2011).")
    [ref] = extract_article(f"Text.{'1'.translate(_SUP)}\n\n{'1'.translate(_SUP)} {note}\n").footnotes
    assert ref.raw.startswith("Kim T. Vale's When Rivers Meet") and ref.origin is not None and "Much more" in ref.origin.raw


def test_short_forms_by_a_surname_and_et_al_are_split_at_semicolons() -> None:
    note = ("Roe et al., Harbor Rents in Car Retailing; and Poe et al., “How Market Power Affects Dynamic Pricing.”; "
            "Lee u. a., Hafenrecht im Wandel.")
    refs = extract_article(f"Text.{'1'.translate(_SUP)}\n\n{'1'.translate(_SUP)} {note}\n").footnotes
    assert [r.raw[:12] for r in refs] == ["Roe et al., ", "Poe et al., ", "Lee u. a., H"]

"""Signals that open the next citation of a note after a sentence of comment (issue 13, fourth session,
"notessplit"): Russian puts the signal at the end of its lead-in ("Иную точку зрения см.: …"); French,
German, Spanish and Italian open with a topic ("Pour une autre analyse, voir …", "Zur Kritik siehe …").
``cues.signal_length`` reads them, so the note is split there and the lead-in is stripped.  Works made up,
shapes real."""

from __future__ import annotations

import pytest

from citekeeper.extract.cues import holds_citation, signal_length, strip_signal
from citekeeper.extract.notes import citing_part, split_footnote


def _citations(note: str) -> list[str]:
    return [strip_signal(c) for c in split_footnote(citing_part(note))]


@pytest.mark.parametrize(
    ("note", "second"),
    [
        ("Лебедев В. В. Уездный город. М., 1999. С. 14. Иную точку зрения см.: Гуров М. М. Власть и общество. "
         "СПб., 2008. С. 19.", "Гуров М. М."),
        ("Лебедев В. В. Уездный город. М., 1999. С. 14. О дискуссии см. также: Гуров М. М. Власть и общество. "
         "СПб., 2008. С. 19.", "Гуров М. М."),
        ("Лебедев В. В. Уездный город. М., 1999. С. 14. Критику этого подхода см., например: Гуров М. М. Власть. "
         "СПб., 2008.", "Гуров М. М."),
        ("Jean Dupont, Histoire des villes, Paris, Gallimard, 1998, p. 45. Pour une autre analyse, voir Marie Lefèvre, "
         "Les notables, Lyon, PUL, 2004, p. 9.", "Marie Lefèvre,"),
        ("Karl Meier, Die Stadt, Berlin 2001, S. 4. Zur Kritik siehe Anna Schulz, Das Land, München 2005, S. 7.",
         "Anna Schulz,"),
        ("José García, Las ciudades, Madrid, Cátedra, 2003, p. 7. Sobre este punto, véase Antonio López, La ciudad, "
         "Sevilla, 2010, p. 90.", "Antonio López,"),
    ],
)
def test_a_lead_in_and_its_signal_open_the_next_citation(note, second):
    cites = _citations(note)
    assert len(cites) == 2
    assert cites[1].startswith(second)


@pytest.mark.parametrize(
    "text",
    ["Эту мысль автор развивает и в других работах, которые мы здесь не рассматриваем.",
     "Подробности см. ниже, в третьем разделе.", "Pour une autre analyse, voir plus loin."],
)
def test_prose_with_the_same_words_is_no_signal(text):
    assert signal_length(text) == 0
    assert not holds_citation(text)

"""``reflist`` entries run together on one line (``… 2011. [2] Smith …``), found wherever the lines
that carry them join the entry: the search covers only the entry's new end, so it must still see a
number the joined line completes and a number far into a long entry."""

from __future__ import annotations

from citekeeper.extract.reflist import split_entries

LONG = ("Meier, K. Handbuch der Stadtforschung: Geschichte, Methoden und Quellen der europäischen "
        "Stadtgeschichte vom Mittelalter bis zur Gegenwart, mit einem Verzeichnis der Archive, ")


def _entries(lines: list[str]) -> list[str]:
    return [span.text for span in split_entries(lines, 0, len(lines))]


def test_a_number_far_into_a_long_wrapped_entry_still_splits() -> None:
    lines = ["1. " + LONG[:90], LONG[90:], "der Bibliotheken und der Sammlungen. Berlin: Springer, 2011.",
             "Zweite Auflage, durchgesehen. Berlin: Springer, 2012. [2] Smith, J. The River Trade. London, 1998."]
    assert _entries(lines)[1] == "Smith, J. The River Trade. London, 1998."
    assert len(_entries(lines)) == 2


def test_a_number_whose_author_is_on_the_next_line_splits() -> None:
    # "… 2011. 2." ends one line; the author that makes "2." an entry's number opens the next.
    lines = ["1. " + LONG, "Berlin: Springer, 2011. 2.", "Smith, J. The River Trade. London: Harbour Press, 1998."]
    assert _entries(lines) == [LONG + "Berlin: Springer, 2011.",
                               "Smith, J. The River Trade. London: Harbour Press, 1998."]


def test_entries_of_many_restarted_lists_read_as_one_run() -> None:
    # Per-chapter notes lists read as one list: numbering restarts, so later lines join one entry;
    # entries are still split where the next number is printed run together, however long the entry.
    chapters = []
    for c in range(1, 30):
        chapters += [f"{n}. Smith{c}, J. The River Trade. London: Harbour Press, 1998, {n}." for n in range(1, 4)]
    chapters.append("Schluss der Liste, 2020. [4] Brown, A. Water Rights. Oxford, 2010.")
    out = _entries(chapters)
    assert out[-1] == "Brown, A. Water Rights. Oxford, 2010."
    assert out[0] == "Smith1, J. The River Trade. London: Harbour Press, 1998, 1."

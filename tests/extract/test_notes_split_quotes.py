"""``notes.split_footnote``: a signal sentence after a full stop inside a closing quotation mark."""

from __future__ import annotations

import pytest

from citekeeper.extract.notes import split_footnote

COMMENT = ("To the philosopher, explains the curator, the concept is one that does not rest with the individual"
           " or with the group, but {open}is the process of co-individuation within a shared milieu and in which"
           " both the one and the many are transformed through one another{close} ")


@pytest.mark.parametrize(("open_", "close"), [("“", ".”"), ("‘", ".’"), ('"', '."'), ("«", ".»")])
def test_a_signal_after_a_quotation_that_ends_a_sentence_starts_a_citation(open_: str, close: str) -> None:
    note = COMMENT.format(open=open_, close=close) + ("See Bernard Stiegler and Irit Rogoff, “Transindividuation,” e-flux 14,"
                                          " March (2010), https://www.e-flux.com/journal/14/61314/transindividuation/.")
    pieces = split_footnote(note)
    assert pieces[-1].removeprefix("See ").startswith("Bernard Stiegler and Irit Rogoff, “Transindividuation,”")


def test_a_quoted_sentence_inside_a_citation_is_not_cut() -> None:
    note = "John Smith, “Why Rivers Matter.” The River Review 12 (2001): 45–67."
    assert split_footnote(note) == [note]

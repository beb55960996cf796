"""A note of comment whose citation follows a signal in a bracket or a bare German ``s.`` (issue 13,
third held-out set: ``… Rückschlüsse zu (vgl.: Haynes, „Stimmton“, in: …)`` and ``… bei Werken der Musik
s. Bicher, Wiermann, „…“, in: …`` gave the whole comment as the citation, or nothing).  The notes are
made up in the shape of real German notes.
"""

from __future__ import annotations

from citekeeper.extract import extract_article

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _citations(*notes: str) -> list[tuple[int, str]]:
    calls = " ".join(f"Satz.{str(n).translate(_SUP)}" for n in range(1, len(notes) + 1))
    text = calls + "\n\n" + "\n".join(f"{str(n).translate(_SUP)} {note}" for n, note in enumerate(notes, 1)) + "\n"
    return [(r.footnote, r.raw) for r in extract_article(text).footnotes]


def test_a_signal_in_a_bracket_after_comment_starts_the_citation() -> None:
    found = _citations(
        "Mit den Stimmungen alter Orgeln lassen sich recht genaue Schlüsse auf die damalige Aufführungspraxis "
        "ziehen (vgl.: Karl Lindner, „Orgelstimmung“, in: Musiklexikon Online, Kassel 2015, online: "
        "https://lexikon.example.org/orgel (abgerufen am 3. März 2020)).",
    )
    assert len(found) == 1
    assert "Lindner" in found[0][1][:20]
    assert "Aufführungspraxis" not in found[0][1]


def test_a_bare_german_s_after_comment_starts_the_citation() -> None:
    found = _citations(
        "Zur besonderen Schwierigkeit des hier gewählten Modells bei Werken der Malerei s. Anna Vogt, Jens Roth, "
        "„Normdaten zu Gemälden“, in: Zeitschrift für Sammlungen 12 (2019), H. 2, S. 22–35.",
    )
    assert len(found) == 1
    assert found[0][1].split("Anna Vogt")[0].strip() in {"", "s."}


def test_a_citation_before_the_comment_is_kept_with_the_one_after_it() -> None:
    found = _citations(
        "Ida Keller, Leo Brand, Modelle bauen 101: Ein Leitfaden, o. O. u. J., online: https://modelle.example.org/leitfaden.pdf. "
        "Auch Hartmann legt diese Vorgehensweise ausdrücklich nahe (vgl.: Paul Hartmann, Modelle. Begriffe und "
        "Verfahren, Berlin 2011, S. 40).",
    )
    assert len(found) == 2
    assert found[0][1].startswith("Ida Keller, Leo Brand")
    assert "Paul Hartmann" in found[1][1][:20]


def test_works_strung_with_commas_after_place_and_year_are_cut_apart() -> None:
    found = _citations(
        "Ruth Anker, Tom B. Weller, Graphen für Einsteiger. Modelle und Praxis, 2. Aufl., Boston, MA 2014, "
        "Moritz Kranz u. a., Wissensnetze. Grundlagen, Berlin 2010 (= Informatik kompakt).",
    )
    assert [raw.split(",")[0] for _, raw in found] == ["Ruth Anker", "Moritz Kranz u. a."]


def test_a_place_and_year_then_a_series_or_page_is_one_citation() -> None:
    found = _citations("Ruth Anker, Graphen für Einsteiger, Berlin 2014, Neue Folge, S. 3.")
    assert len(found) == 1


def test_a_german_noun_naming_the_work_before_its_author_starts_the_citation() -> None:
    found = _citations(
        "Sehr lesenswert ist in diesem Zusammenhang der Artikel Jana Roth u. a., „Modelle als Begriff "
        "in vielen Fächern“, in: Zeitschrift für Begriffe 31 (2008), S. 12–20.",
    )
    assert len(found) == 1
    assert found[0][1].startswith("Jana Roth u. a.")

"""extract.lines.incomplete: a law review cite cut after its volume and the journal's abbreviation goes
on to its page on the next line (pdftotext of a law review's notes)."""

from __future__ import annotations

from citekeeper.extract import extract_article
from citekeeper.extract.lines import incomplete


def test_a_volume_and_an_abbreviation_leave_the_cite_open() -> None:
    assert incomplete("see also Oren Bar-Gill, Seduction by Plastic, 98 NW.")
    assert incomplete("Nat’l Lab. Rels. Bd. v. Gen. Elec., 418 F.")
    assert incomplete("Robert A. Hillman, Standard-Form Contracting, 77 N.Y.U. L.")


def test_a_finished_cite_or_a_date_stays_closed() -> None:
    assert not incomplete("Meier 2005, S. 50.")
    assert not incomplete("Ibid. at 5.")
    assert not incomplete("It was built in the year 1999 AD.")
    # A number after a full stop opens the next note, not a volume.
    assert not incomplete("Ch. 675, 52 Stat. 1040 (1938). 7 OFF.")


NOTES = """\
The literature is vast.8 Courts agree.9

8 See, e.g., Shmuel I. Becher & Tal Z. Zarsky, Minding the Gap, 51 CONN.
L. REV. 69 (2019) (reputation, conduct, and trust); see also Oren Bar-Gill, Seduction by Plastic, 98 NW.
U. L. REV. 1373 (2004) (cognitive biases); Shmuel I. Becher, Behavioral Science and Consumer Standard
Form Contracts, 68 LA. L. REV. 117 (2007) (behavioral phenomena).
9 See Yonathan A. Arbel & Andrew Toler, ALL-CAPS, 17 J. EMPIRICAL LEGAL STUD. 862, 865 (2020).
"""


def test_the_note_runs_on_over_the_cut() -> None:
    found = extract_article(NOTES.replace("8 See", "1 See").replace("9 See", "2 See").replace(".8", ".1").replace(".9", ".2"))
    raws = [r.raw for r in found.footnotes if r.footnote == 1]
    assert any(raw.startswith("Shmuel I. Becher, Behavioral Science") for raw in raws)
    assert any(raw.startswith("Oren Bar-Gill, Seduction by Plastic, 98 NW. U. L. REV. 1373") for raw in raws)


def test_a_series_with_a_stop_of_its_own_is_a_reporter() -> None:
    from citekeeper.extract.notes import citing_part, split_footnote

    note = ("See Nat’l Lab. Rels. Bd. v. Gen. Elec., 418 F.2d. 716, 768 (2d Cir. 1969), cert. denied, 397 U.S. 965 "
            "(1970) (characterizing a “take-or-leave-it” approach as a “hard position” that “may be unattractive”).")
    assert split_footnote(citing_part(note))[0].startswith("Nat’l Lab. Rels. Bd. v. Gen. Elec., 418 F.2d. 716")


def test_compare_with_after_a_string_of_cites() -> None:
    from citekeeper.extract.notes import split_footnote

    note = ("Compare Winarske v. United States, 913 F. 3d 765 (CA8 2019); In re Bourgeois, 902 F. 3d 446 (CA5 2018); "
            "Brannigan v. United States, 249 F. 3d 584 (CA7 2001), with In re Graham, 61 F. 4th 433 (CA4 2023).")
    pieces = split_footnote(note)
    assert any(p.startswith("Brannigan v. United States, 249 F. 3d 584 (CA7 2001)") and "Graham" not in p for p in pieces)
    assert any(p.startswith("In re Graham, 61 F. 4th 433") for p in pieces)

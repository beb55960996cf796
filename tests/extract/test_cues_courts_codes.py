"""EU cases by number, US codes without their dots, Restatements and database citations (issue 13,
third held-out set: OSCOLA notes ``Case C-…/… Name v Name EU:C:…`` and casebook notes ``17 USC 504(b)``,
``Restat 2d of Contracts, § 347``, ``… U.S. Dist. LEXIS …`` were taken for comments).  Every
citation here is made up in the shape real notes give them; prose about courts and codes is not.
"""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article
from citekeeper.extract.cues import holds_citation

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@pytest.mark.parametrize(
    "note",
    [
        "Case C-412/11 Harbour Lines v Meridian Shipping EU:C:2013:601, para 12.",
        "Joined Cases C-77/14 and C-78/14 Alder v Birch, para 3.",
        "Case T-55/09 Nordwind v Commission.",
        "Fenwick v Lantern Press EU:C:2016:88 (Opinion of AG Marlowe) para 7.",
        "21 USC 812(c).",
        "42 USC § 1983.",
        "Restat 2d of Torts, § 402.",
        "Restatement (Third) of Agency § 7.03 (2006).",
        "Hollis, 2011 U.S. Dist. LEXIS 12345, at *4.",
        "Crane v. Dalton, 2015 WL 4412345 (D. Mass. 2015).",
    ],
)
def test_a_case_or_code_of_these_forms_is_a_citation(note: str) -> None:
    assert holds_citation(note)


@pytest.mark.parametrize(
    "comment",
    [
        "The Court of Justice decided the case in 2013 after a long delay.",
        "In this case the parties agreed to settle in 2015.",
        "The Restatement was revised by the committee in 1979.",
        "Section 12 of the code was repealed in 2004.",
    ],
)
def test_prose_about_courts_and_codes_is_no_citation(comment: str) -> None:
    assert not holds_citation(comment)


def test_oscola_case_notes_come_out_as_citations() -> None:
    notes = [
        "Case C-412/11 Harbour Lines v Meridian Shipping EU:C:2013:601, para 12.",
        "ibid para 13.",
        "21 USC 812(c).",
    ]
    text = "Body text.¹ More.² End.³\n\n" + "\n".join(
        f"{str(n).translate(_SUP)} {note}" for n, note in enumerate(notes, 1)) + "\n"
    refs = extract_article(text).footnotes
    assert [r.footnote for r in refs] == [1, 2, 3]
    assert refs[0].raw.startswith("Case C-412/11 Harbour Lines")
    assert refs[2].raw.startswith("21 USC 812(c)")



def test_an_unreported_decision_inside_a_comment_is_cut_out() -> None:
    note = ("The parties say that every disputed use has ended, and the court held that it could not find that "
            "the ending of the conduct makes the motion moot as in Hollis, 2011 U.S. Dist. LEXIS 12345, at *5, "
            "because the conduct could recur. We agree that this matter is not moot.")
    refs = extract_article(f"Body.¹\n\n¹ {note}\n").footnotes
    assert any(r.raw.startswith("Hollis, 2011 U.S. Dist. LEXIS 12345") for r in refs)


def test_a_reporter_cite_inside_prose_keeps_its_pinpoint_and_court() -> None:
    note = ("The court below held that the index did “almost nothing to keep the arrangement of the works.” "
            "412 F.3d 77, 81 (CA9 2004). We do not pass on this point. It suffices that the index is no revision.")
    refs = extract_article(f"Body.¹\n\n¹ {note}\n").footnotes
    assert any(r.raw.startswith("412 F.3d 77, 81 (CA9 2004)") for r in refs)

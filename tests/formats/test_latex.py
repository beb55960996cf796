"""LaTeX in BibTeX values decoded as TeX means it, and encoded back only where TeX needs it."""

from __future__ import annotations

import pytest

from citekeeper.formats.latex import decode, encode


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r'M{\"u}ller', "Müller"),
        (r'M\"{u}ller', "Müller"),
        (r"Guimbreti{\`e}re, Fran{\c c}ois", "Guimbretière, François"),
        (r"\'{\i}", "í"),
        (r"Stra\ss e", "Straße"),
        (r"\v{S}koda \L{}\'od\'z", "Škoda Łódź"),
        (r"\emph{X} and {\em Y}", "X and Y"),
        (r"Time \& Society", "Time & Society"),
        ("pages 1--2, a---b", "pages 1–2, a—b"),
        ("``quoted''", "“quoted”"),
        (r"Cu$_2$O and $\alpha$-helix", "Cu₂O and α-helix"),
        (r"360\textdegree{} view", "360° view"),
        (r"\ch{MgF2}", "MgF2"),
        (r"{\noopsort{1973b}}1973", "1973"),
        (r"\href{http://x.org}{the text}", "the text"),
        (r"Euler-\kern-1pt VM", "Euler-VM"),
        ("D.~E. Knuth", "D. E. Knuth"),
        ("{GeoMIP} in {{Whole}}", "GeoMIP in Whole"),
        ("  spaces\n\tcollapse ", "spaces collapse"),
        (r"Ragnhei{\d}ur", "Ragnheịur"),  # an accent without argument keeps the word together
        (r"a \{\vphantom{\}}b\vphantom{\{}\} c", "a {b} c"),  # Zotero's BibTeX export of "{b}"
    ],
)
def test_decode(tex, text):
    assert decode(tex) == text


def test_rich_text_keeps_case_protection_and_italics():
    assert decode("{GeoMIP} and \\emph{Nature}", rich=True) == (
        '<span class="nocase">GeoMIP</span> and <i>Nature</i>')
    assert decode(r'{\"U}ber', rich=True) == "Über"  # a special character protects nothing
    assert encode('<span class="nocase">GeoMIP</span> <i>x</i>', rich=True) == r"{GeoMIP} \emph{x}"


@pytest.mark.parametrize("text", ["A & B 50% $5 #1 a_b", "a {b} c", "{ unbalanced", "x~y^z", "a `b` it''s",
                                  "back\\slash", "1--2", "Ünïcödé stays"])
def test_encode_round_trips(text):
    assert decode(encode(text)) == text


def test_unicode_is_not_encoded():
    assert encode("Müller – Łódź") == "Müller – Łódź"

"""Name lists in every common order, read once per list (``citekeeper.parse.names``)."""

from __future__ import annotations

import pytest

from citekeeper.model import Name
from citekeeper.parse.names import split_names


def csl(text: str) -> list[dict[str, str]]:
    return [n.to_csl() for n in split_names(text).names]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith JA, Okafor CN", [("Smith", "J. A."), ("Okafor", "C. N.")]),
        ("Schensted IV", [("Schensted", "I. V.")]),
        ("Proot IM, Crebolder HFJM, ter Meulen RHJ", [("Proot", "I. M."), ("Crebolder", "H. F. J. M."), ("Meulen", "R. H. J.")]),
        ("J. A. Smith, C. N. Okafor, and R. Rivest", [("Smith", "J. A."), ("Okafor", "C. N."), ("Rivest", "R.")]),
        ("Smith, J. A., & Okafor, C. N.", [("Smith", "J. A."), ("Okafor", "C. N.")]),
        ("Иванов И. И., Петров П. П.", [("Иванов", "И. И."), ("Петров", "П. П.")]),
        ("И. И. Иванов, П. П. Петров", [("Иванов", "И. И."), ("Петров", "П. П.")]),
        ("Дмитриев С.П. Шимелевич Л.И.", [("Дмитриев", "С. П."), ("Шимелевич", "Л. И.")]),
        ("John Smith and Mary Doe", [("Smith", "John"), ("Doe", "Mary")]),
        ("Smith, John, and Mary Doe", [("Smith", "John"), ("Doe", "Mary")]),
        ("Meier, Klaus und Hans Schulz", [("Meier", "Klaus"), ("Schulz", "Hans")]),
        ("Meier, K./Schulz, H.", [("Meier", "K."), ("Schulz", "H.")]),
        ("Meier, K. u. Schulz, H.", [("Meier", "K."), ("Schulz", "H.")]),
        ("García, J. y López, M.", [("García", "J."), ("López", "M.")]),
        ("Aguera y Arcas B, Fairhall AL", [("Aguera y Arcas", "B."), ("Fairhall", "A. L.")]),
        ("Gustafsson F., Gunnarsson F., and Nordlund P-J.", [("Gustafsson", "F."), ("Gunnarsson", "F."), ("Nordlund", "P.-J.")]),
    ],
)
def test_list_order_is_decided_for_the_whole_list(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(n.family, n.given) for n in split_names(text).names] == expected


def test_hyphenated_given_name_is_one_author() -> None:
    assert csl("Bauer, Karl-Heinz") == [{"family": "Bauer", "given": "Karl-Heinz"}]
    assert csl("Bauer, Karl-Heinz; Meier, K.") == [
        {"family": "Bauer", "given": "Karl-Heinz"},
        {"family": "Meier", "given": "K."},
    ]


def test_particles_stay_with_the_family_name() -> None:
    assert csl("van der Berg J, de la Cruz M") == [
        {"family": "Berg", "given": "J.", "non-dropping-particle": "van der"},
        {"family": "Cruz", "given": "M.", "non-dropping-particle": "de la"},
    ]
    assert csl("Ludwig van Beethoven") == [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}]
    assert csl("al-Rashid M")[0]["family"] == "al-Rashid"


def test_suffixes() -> None:
    assert csl("B. Gates III") == [{"family": "Gates", "given": "B.", "suffix": "III"}]
    assert csl("King, Martin Luther, Jr.") == [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}]
    assert csl("Smith JA Jr") == [{"family": "Smith", "given": "J. A.", "suffix": "Jr"}]


@pytest.mark.parametrize("marker", ["et al.", "et al", "u. a.", "и др.", "and others", "[et al.]"])
def test_et_al_truncates_and_is_never_a_person(marker: str) -> None:
    lst = split_names(f"Zoller SD, Hammersmith RL, {marker}")
    assert lst.truncated
    assert [n.family for n in lst.names] == ["Zoller", "Hammersmith"]


def test_institutions_are_literal() -> None:
    assert split_names("World Health Organization").names == [Name(literal="World Health Organization")]
    assert split_names("The WHO Collaborative Study").names == [Name(literal="The WHO Collaborative Study")]


def test_french_and_portuguese_orders():
    assert csl("BOURDIEU Pierre") == [{"family": "BOURDIEU", "given": "Pierre"}]
    assert csl("Silva, J. da; Souza, M. de") == [
        {"family": "Silva", "given": "J.", "non-dropping-particle": "da"},
        {"family": "Souza", "given": "M.", "non-dropping-particle": "de"},
    ]
    assert [n["family"] for n in csl("Špinar ZV, Tatarinov LP")] == ["Špinar", "Tatarinov"]
    assert csl("Centers for Disease Control and Prevention") == [{"literal": "Centers for Disease Control and Prevention"}]


def test_given_first_full_names_in_a_comma_list_are_not_inverted_pairs():
    # ACL / many CS venues: "Given Family, Given Family, and Given Family"
    from citekeeper.parse.names import split_names

    names = split_names("Waleed Ammar, Dirk Groeneveld, Chandra Bhagavatula, and Noah A. Smith").names
    assert [(n.family, n.given) for n in names] == [
        ("Ammar", "Waleed"), ("Groeneveld", "Dirk"), ("Bhagavatula", "Chandra"), ("Smith", "Noah A."),
    ]
    # Vancouver keeps its order: the last word is initials
    names = split_names("Smith JA, Okafor CN, Lee K").names
    assert [n.family for n in names] == ["Smith", "Okafor", "Lee"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. Food and Drug Administration", ["U.S. Food and Drug Administration"]),
        ("U.S. Department of Agriculture", ["U.S. Department of Agriculture"]),
        ("J. Bureau", ["Bureau, J."]),  # a person whose family name is an institution's word
        ("J. A. Smith and B. Service", ["Smith, J. A.", "Service, B."]),
    ],
)
def test_initials_before_an_institution(text, expected):
    assert [n.display() for n in split_names(text).names] == expected

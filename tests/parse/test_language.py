"""The language guesser: script and function-word evidence, and abstaining when unsure."""

from __future__ import annotations

import pytest

from citekeeper.parse.combine import parse_reference
from citekeeper.parse.language import guess_text_language


@pytest.mark.parametrize(
    ("title", "container", "lang"),
    [
        # titles from the dev sets (data/dev/notes, plos.jsonl)
        ("Richtlinie 2001/29/EG des Europäischen Parlaments und des Rates vom 22. Mai 2001 zur Harmonisierung",
         "ABl. EG", "de"),
        ("Le rôle de l’exégèse dans l’enseignement du droit au XIXème siècle",
         "Annales d’histoire des facultés de droit", "fr"),
        ("Orígenes y evolución de los anfibios y reptiles del Cenozoico de América del Sur", "Acta Geol Lilloana", "es"),
        ("Osteologia do sincranio de Ceratophrys aurita e a construção da classificação", "", "pt"),
        ("Vi accenno in: Diritto e tempo nella tradizione europea", "", "it"),
        ("Het recht van de staat en de vrijheid van het individu", "", "nl"),
        ("Climate Change Litigation and the European Court of Human Rights", "", "en"),
        ("Why do cancers have high aerobic glycolysis?", "Nat Rev Cancer", "en"),
        ("Традиционные факторы внешней политики Камбоджи", "Вестник МГИМО", "ru"),
        ("Історія України та її державність", "", "uk"),
        ("Гісторыя Беларусі ў XX стагоддзі", "", "be"),
    ],
)
def test_guesses_language(title: str, container: str, lang: str) -> None:
    assert guess_text_language(title, container) == lang


@pytest.mark.parametrize(
    ("title", "container"),
    [
        ("Rechtssoziologie", ""),  # one word: no function word to go on
        ("De jure belli ac pacis", ""),  # Latin decoys, not French or Spanish
        ("IDBA—a practical iterative de Bruijn graph de novo assembler", ""),  # "de novo" is not Portuguese
        ("Историја српског народа", ""),  # Serbian letters: not Russian
        ("中国近代史", ""),  # Han alone: Chinese or Japanese
        ("Brainology", "Child Dev"),
        ("", ""),
    ],
)
def test_abstains_when_unsure(title: str, container: str) -> None:
    assert guess_text_language(title, container) == ""


def test_editor_statement_is_not_the_works_language() -> None:
    title = "Frontiers in Question. Eurasian Borderlands, 700–1700, hg. von Daniel Power und Naomi Standen"
    assert guess_text_language(title) in ("", "en")


def test_parse_sets_language_of_a_german_note() -> None:
    ref = parse_reference(
        "Vgl. Luhmann, Niklas: Die Wirtschaft der Gesellschaft. Frankfurt am Main: Suhrkamp, 1988, S. 43.", note=True)
    assert ref.get("language") == "de"
    assert ref.provenance["language"][0] == "guess"


def test_parse_keeps_the_language_the_citation_states() -> None:
    ref = parse_reference("Ivanov, I. (2019). The great powers in the Pacific. Moscow: Nauka. (In Russian).")
    assert ref.get("language") == "ru"
    assert ref.provenance["language"][0] == "rule"


def test_guess_leaves_parse_confidence_alone() -> None:
    from citekeeper.parse.combine import confidence

    ref = parse_reference("Luhmann, N. (1988). Die Wirtschaft der Gesellschaft. Frankfurt am Main: Suhrkamp.")
    without = dict(ref.provenance)
    without.pop("language", None)
    ref2 = parse_reference("Luhmann, N. (1988). Die Wirtschaft der Gesellschaft. Frankfurt am Main: Suhrkamp.")
    ref2.provenance = without
    assert confidence(ref) == confidence(ref2)


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("История на българската литература", "bg"),  # "ъ" before a consonant
        ("Объект и субъект познания", "ru"),  # Russian "ъ" before a vowel
        ("Законъ о печати и цензурѣ", "ru"),  # pre-1918 spelling
        ("Исторія государства Россійскаго", ""),  # old "і" before vowels: not Ukrainian
        ("Нова історія", "uk"),
        ("Гісторыя беларускай літаратуры", "be"),
        ("Восточнославянские святые в южнославянской письменности ХІІІ–ХІV вв.", "ru"),  # Roman numerals
    ],
)
def test_cyrillic_languages(title: str, lang: str) -> None:
    assert guess_text_language(title) == lang


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        # AnyStyle strings (../shared/data, BSD-2-Clause): Bulgarian without "ъ" before a consonant
        ("Какво да правим? Уроци от миналото и сегашното.", "bg"),
        ("За една стилистична употреба на главната буква.", "bg"),
        ("Тире и дефис.", "ru"),  # no evidence either way: Russian
        ("Грамотность в Древней Руси", "ru"),
        ("Палеографске белешке о старим српским рукописима у Великоj Британиjи.", ""),  # Serbian, Latin j
    ],
)
def test_russian_or_bulgarian(title: str, lang: str) -> None:
    assert guess_text_language(title) == lang

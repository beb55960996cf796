"""``[tool.citekeeper]``: unknown tables and keys are errors naming pyproject.toml and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.config import known_keys, load_settings
from citekeeper.errors import ConfigError


def _project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_misspelt_table_is_an_error_with_its_line(tmp_path: Path) -> None:
    root = _project(tmp_path, '[project]\nname = "x"\n\n[tool.citekeeper.chek]\ntimeout = 3\n')
    with pytest.raises(ConfigError) as info:
        load_settings("check", root)
    assert info.value.line == 4
    assert "unknown table [tool.citekeeper.chek]" in str(info.value)
    assert "[tool.citekeeper.check]" in str(info.value)


def test_a_value_where_a_table_belongs(tmp_path: Path) -> None:
    root = _project(tmp_path, '[tool.citekeeper]\nrender = "apa"\n')
    with pytest.raises(ConfigError) as info:
        load_settings("render", root)
    assert info.value.line == 2


def test_known_tables_load(tmp_path: Path) -> None:
    root = _project(tmp_path, '[tool.citekeeper.render]\nstyle = "apa"\n[tool.citekeeper.lint]\ndisable = []\n')
    assert load_settings("render", root) == {"style": "apa"}
    assert load_settings("check", root) == {}


def test_an_unknown_key_names_its_line(tmp_path: Path) -> None:
    root = _project(tmp_path, '[tool.citekeeper.check]\ntimeout = 3\nper_hots = 4\n')
    table = load_settings("check", root)
    with pytest.raises(ConfigError) as info:
        known_keys(table, "check", {"timeout", "per-host"}, file=str(root / "pyproject.toml"))
    assert info.value.line == 3
    assert "'per_hots'" in str(info.value)

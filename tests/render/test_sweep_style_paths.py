"""A --style that is a path names the path's problem, not "unknown style"."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.render.registry import StyleError, UnknownStyleError, find_style


def test_missing_csl_path(tmp_path: Path) -> None:
    with pytest.raises(StyleError, match="does not exist"):
        find_style(str(tmp_path / "mine.csl"))


def test_directory_as_style(tmp_path: Path) -> None:
    with pytest.raises(StyleError, match="is a directory"):
        find_style(str(tmp_path) + "/")


def test_bare_name_still_suggests() -> None:
    with pytest.raises(UnknownStyleError, match="closest: nature-communications"):
        find_style("natur-comunications")
    assert find_style("apa.csl").name == "apa"

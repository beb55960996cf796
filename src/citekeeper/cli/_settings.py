"""A command's ``[tool.citekeeper.<command>]`` table, its errors naming pyproject.toml and line.

``config.known_keys`` says which key is unknown and on which line (``pyproject.toml:12:
...``, the form every other input error of citekeeper has); here a bad *value* is given
the same form.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from citekeeper.config import find_pyproject, key_line, known_keys, load_settings
from citekeeper.errors import ConfigError


def settings_for(section: str, known: Collection[str]) -> dict[str, Any]:
    """``[tool.citekeeper.<section>]`` with its keys checked against ``known``."""
    table = load_settings(section)
    if not table:
        return {}
    path = find_pyproject()
    where = str(path) if path else None
    return known_keys(table, section, known, file=where)


def value_error(section: str, key: str, message: str) -> ConfigError:
    """A bad value of ``key``: a ConfigError naming pyproject.toml and the key's line."""
    path = find_pyproject()
    line = key_line(path, section, key) if path else None
    if path is not None and line is None:
        line = key_line(path, section, key.replace("-", "_"))
    return ConfigError(f"[tool.citekeeper.{section}] {message}", file=str(path) if path else None, line=line)

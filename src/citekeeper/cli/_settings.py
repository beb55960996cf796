"""A command's ``[tool.citekeeper.<command>]`` table, its errors naming pyproject.toml and line.

``config.known_keys`` says which key is unknown; a user then has to find it.  Here the
error carries the file and the line of the key (``pyproject.toml:12: ...``), the form
every other input error of citekeeper has.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from citekeeper.config import find_pyproject, known_keys, load_settings
from citekeeper.errors import ConfigError

_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$")


def key_line(path: Path, section: str, key: str) -> int | None:
    """The 1-based line of ``key`` inside ``[tool.citekeeper.<section>]`` (None if not found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    table = f"tool.citekeeper.{section}"
    inside = header_is_section = False
    key_re = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    dotted = re.compile(r"^\s*" + re.escape(section) + r"\s*\.\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for n, line in enumerate(lines, 1):
        m = _HEADER.match(line)
        if m:
            name = m.group(1).replace(" ", "").replace('"', "")
            inside = name in (table, "tool.citekeeper")
            header_is_section = name == table
            continue
        if inside and (key_re if header_is_section else dotted).match(line):
            return n
    return None


def settings_for(section: str, known: Collection[str]) -> dict[str, Any]:
    """``[tool.citekeeper.<section>]`` with its keys checked against ``known``."""
    table = load_settings(section)
    if not table:
        return {}
    path = find_pyproject()
    where = str(path) if path else None
    try:
        return known_keys(table, section, known, file=where)
    except ConfigError as exc:
        bad = next((str(k) for k in table if str(k).replace("_", "-").lower() not in known), None)
        if path is not None and bad is not None and exc.line is None:
            exc.line = key_line(path, section, bad)
        raise


def value_error(section: str, key: str, message: str) -> ConfigError:
    """A bad value of ``key``: a ConfigError naming pyproject.toml and the key's line."""
    path = find_pyproject()
    line = key_line(path, section, key) if path else None
    if path is not None and line is None:
        line = key_line(path, section, key.replace("-", "_"))
    return ConfigError(f"[tool.citekeeper.{section}] {message}", file=str(path) if path else None, line=line)

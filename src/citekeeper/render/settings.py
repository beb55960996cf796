"""``[tool.citekeeper.render]``: defaults for ``render`` and ``cite`` from pyproject.toml.

Precedence, highest first: a command-line option, the table, the built-in default.  Keys are
the option names (``locale-per-entry`` or ``locale_per_entry``); an unknown key or a value of
the wrong type is a ``ConfigError`` naming the key, so a typo never silently does nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citekeeper.config import known_keys
from citekeeper.errors import ConfigError

FORMATS = ("text", "html", "markdown")


@dataclass(frozen=True)
class RenderSettings:
    """What ``render`` and ``cite`` use when the command line does not say."""

    style: str = "apa"
    locale: str | None = None
    format: str = "text"
    locale_per_entry: bool | None = None  # None: the style decides (on for GOST)
    note_numbers: bool = False


_TYPES: dict[str, tuple[type, ...]] = {
    "style": (str,), "locale": (str,), "format": (str,), "locale-per-entry": (bool,),
    "note-numbers": (bool,),
}
KNOWN_KEYS = frozenset(_TYPES)


def parse_settings(table: Mapping[str, Any], where: str = "pyproject.toml") -> RenderSettings:
    """A checked ``RenderSettings`` from the table's keys."""
    values: dict[str, Any] = {}
    for key, v in known_keys(table, "render", KNOWN_KEYS, file=where).items():
        if not isinstance(v, _TYPES[key]):
            kind = "true or false" if _TYPES[key] == (bool,) else "a string"
            raise ConfigError(f"[tool.citekeeper.render]: {key} must be {kind}", file=where)
        if key == "format" and v not in FORMATS:
            raise ConfigError(f"[tool.citekeeper.render]: format must be one of "
                              f"{', '.join(FORMATS)}", file=where)
        values[key.replace("-", "_")] = v
    return RenderSettings(**values)


def load_render_settings(start: Path | None = None) -> RenderSettings:
    """The settings of the nearest pyproject.toml (defaults when it has none)."""
    from citekeeper.config import find_pyproject, load_settings

    path = find_pyproject(start)
    return parse_settings(load_settings("render", start), str(path) if path else "pyproject.toml")

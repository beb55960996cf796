"""Settings from ``[tool.citekeeper]`` in the nearest ``pyproject.toml``.

Each subsystem owns a sub-table (``[tool.citekeeper.check]``, ``.render``, ``.lint`` ...);
this module only finds and parses the file, so that reading settings costs one small
TOML parse and nothing else at start-up.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from citekeeper.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` (default: the working dir)."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        candidate = d / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_settings(section: str | None = None, start: Path | None = None) -> dict[str, Any]:
    """The ``[tool.citekeeper]`` table (or one sub-table of it); ``{}`` when absent."""
    path = find_pyproject(start)
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", file=str(path)) from None
    table = data.get("tool", {}).get("citekeeper", {})
    if not isinstance(table, dict):
        raise ConfigError("[tool.citekeeper] must be a table", file=str(path))
    if section is None:
        return table
    sub = table.get(section, {})
    if not isinstance(sub, dict):
        raise ConfigError(f"[tool.citekeeper.{section}] must be a table", file=str(path))
    return sub


def known_keys(table: Mapping[str, Any], section: str, known: Collection[str],
               file: str | None = None) -> dict[str, Any]:
    """``table`` with its keys spelt as the options are (``per_host`` -> ``per-host``).

    The one check behind "unknown keys are an error" for every command's sub-table: an
    unknown key is a ``ConfigError`` (exit 2) naming the key and the known ones, so a typo
    never silently falls back to a default.
    """
    out: dict[str, Any] = {}
    for k, v in table.items():
        key = str(k).replace("_", "-").lower()
        if key not in known:
            raise ConfigError(f"[tool.citekeeper.{section}]: unknown setting {k!r}; known: "
                              + ", ".join(sorted(known)), file=file)
        out[key] = v
    return out

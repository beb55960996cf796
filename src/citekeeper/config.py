"""Settings from ``[tool.citekeeper]`` in the nearest ``pyproject.toml``.

Each subsystem owns a sub-table (``[tool.citekeeper.check]``, ``.render``, ``.lint`` ...);
this module only finds and parses the file, so that reading settings costs one small
TOML parse and nothing else at start-up.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

from citekeeper.errors import ConfigError

#: The sub-tables some command reads; any other name under ``[tool.citekeeper]`` is a typo
#: (``[tool.citekeeper.chek]``) or a table no command reads (``.export``), and an error.
SECTIONS = ("check", "enrich", "lint", "render")

_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$")


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
    # Imported here, not with the module: a run with no pyproject.toml above it (an
    # article's repository) is spared it, 2.6 ms before check's first request.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", file=str(path)) from None
    table = data.get("tool", {}).get("citekeeper", {})
    if not isinstance(table, dict):
        raise ConfigError("[tool.citekeeper] must be a table", file=str(path))
    for name, value in table.items():
        if name not in SECTIONS or not isinstance(value, dict):
            what = "unknown table" if name not in SECTIONS else "must be a table:"
            raise ConfigError(f"{what} [tool.citekeeper.{name}]; known: "
                              + ", ".join(f"[tool.citekeeper.{n}]" for n in SECTIONS),
                              file=str(path), line=_table_line(path, str(name)))
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
            line = key_line(Path(file), section, str(k)) if file else None
            raise ConfigError(f"[tool.citekeeper.{section}]: unknown setting {k!r}; known: "
                              + ", ".join(sorted(known)), file=file, line=line)
        out[key] = v
    return out


def _line_where(path: Path, wanted: Callable[[str | None, str | None], bool]) -> int | None:
    """The first 1-based line for which ``wanted(table, line)`` holds: ``line`` is None on a
    ``[table]`` header, else a line inside ``table`` (None before any header)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    table: str | None = None
    for n, line in enumerate(lines, 1):
        m = _HEADER.match(line)
        if m:
            table = m.group(1).replace(" ", "").replace('"', "")
            if wanted(table, None):
                return n
        elif wanted(table, line):
            return n
    return None


def _table_line(path: Path, name: str) -> int | None:
    """The line of ``[tool.citekeeper.<name>]``, or of ``name = ``/``name.`` in ``[tool.citekeeper]``."""
    own = f"tool.citekeeper.{name}"
    key = re.compile(r"^\s*[\"']?" + re.escape(name) + r"[\"']?\s*[=.]")
    return _line_where(path, lambda table, line: (
        (table == own or (table or "").startswith(own + ".")) if line is None
        else table == "tool.citekeeper" and bool(key.match(line))))


def key_line(path: Path, section: str, key: str) -> int | None:
    """The 1-based line of ``key`` inside ``[tool.citekeeper.<section>]`` (None if not found)."""
    own = f"tool.citekeeper.{section}"
    plain = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    dotted = re.compile(r"^\s*" + re.escape(section) + r"\s*\.\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    return _line_where(path, lambda table, line: line is not None and (
        (table == own and bool(plain.match(line))) or (table == "tool.citekeeper" and bool(dotted.match(line)))))

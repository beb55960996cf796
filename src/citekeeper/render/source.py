"""CSL-JSON items -> citeproc-py's reference source, without losing or breaking anything.

citeproc-py's own ``CiteProcJSON`` lower-cases ids (so ``Smith2020`` and ``smith2020``
collide), raises on a missing ``type`` and warns on every variable it does not know.  Here ids
are made unique case-insensitively (the original id is kept for output), unknown variables are
dropped, malformed names and dates are repaired or dropped, and ``language`` is only ever used
as a hint: an item's language never breaks rendering.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from citeproc import DATES, NAMES, VARIABLES
from citeproc.source import Date, DateRange, LiteralDate, Name, Reference
from citeproc.source.json import CiteProcJSON

from .marks import (
    APOSTROPHE,
    CLOSE_CURLY,
    CLOSE_QUOTE,
    CLOSE_SINGLE,
    NOCASE_END,
    NOCASE_START,
    OPEN_CURLY,
    OPEN_QUOTE,
    OPEN_SINGLE,
    STRIP_TABLE,
)

_KNOWN = set(VARIABLES) | {"title_short", "container_title_short"}
_NAME_KEYS = {"family", "given", "dropping-particle", "non-dropping-particle", "suffix"}
_NOCASE = re.compile(r'<span\s+class="nocase">(.*?)</span>', re.I | re.S)
_CURLY = re.compile("\u201c([^\u201c\u201d]*)\u201d")
_DQUOTES = re.compile(r'"([^"]*)"')
_SQUOTES = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))'([^']+)'(?=$|[\s.,;:!?)\]])")
_NOTE_FIELD = re.compile(r"^([\-_a-z]+|[A-Z]+):\s*([^}]+)$")
_ISO = re.compile(r"^\s*(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


@dataclass
class Keyed:
    """The items with unique keys: ``keys[i]`` is the citeproc key of ``items[i]``."""

    items: list[dict[str, Any]]
    keys: list[str]
    by_id: dict[str, str]  # original id (as str) -> key


def assign_keys(items: list[dict[str, Any]]) -> Keyed:
    """Give every item a key that is unique once lower-cased (citeproc-py lower-cases ids)."""
    used: set[str] = set()
    keys: list[str] = []
    by_id: dict[str, str] = {}
    for n, item in enumerate(items, 1):
        raw = str(item.get("id", "") or f"item{n}")
        key = raw.lower()
        if key in used:
            i = 2
            while f"{key}~{i}" in used:
                i += 1
            key = f"{key}~{i}"
        used.add(key)
        keys.append(key)
        by_id.setdefault(raw, key)
    return Keyed(items, keys, by_id)


class Source(CiteProcJSON):
    """A citeproc-py source built from CSL-JSON dicts that never raises on bad data."""

    def __init__(self, keyed: Keyed, escape: Callable[[str], str] = str):
        # deliberately not calling CiteProcJSON.__init__ (it raises on bad data)
        dict.__init__(self)
        self.escape = escape
        for key, item in zip(keyed.keys, keyed.items, strict=False):
            self.add(self._reference(key, item))

    def _reference(self, key: str, item: dict[str, Any]) -> Reference:
        if isinstance(item.get("note"), str) and ":" in item["note"]:
            item = note_fields(item)
        data: dict[str, Any] = {}
        for k, value in item.items():
            pk = k.replace("-", "_")
            if pk in ("id", "type", "key"):
                continue
            if pk == "shortTitle":
                pk = "title_short"
            if pk not in _KNOWN or value is None or value == "" or value == []:
                continue
            if pk in NAMES:
                value = self._names(value)
            elif pk in DATES:
                value = self._date(value)
            elif pk == "language":
                value = str(value) if isinstance(value, str) else ""
            else:
                if isinstance(value, (list, dict)):
                    continue
                value = self.text(value)
            if value:
                data[pk] = value
        typ = item.get("type")
        if not isinstance(typ, str) or not typ:
            typ = "document"
        return Reference(key, typ, **data)

    def text(self, value: Any) -> str:
        """Field text for output: escaped, smart quotes, nocase spans marked.

        gap: "smart quotes": citeproc-py printed straight quotes from item data; citeproc-js
        turns ``"…"`` pairs into the locale's quotes (inner ones when nested inside a quoted
        title) and a lone ``'`` into an apostrophe (CSL test suite: flipflop_Apostrophes,
        quotes_QuotesUnderQuotes).
        """
        s = str(value).translate(STRIP_TABLE)
        spans: list[str] = []

        def keep(m: re.Match[str]) -> str:
            spans.append(m.group(1))
            return f"\ue010{len(spans) - 1}\ue011"

        if "<span" in s:
            s = _NOCASE.sub(keep, s)
        if "\u201c" in s:
            s = _CURLY.sub(lambda m: "\ue015" + m.group(1) + "\ue016", s)
        if '"' in s:
            s = _DQUOTES.sub(lambda m: "\ue012" + m.group(1) + "\ue013", s)
        if "'" in s:
            s = _SQUOTES.sub(lambda m: "\ue017" + m.group(1) + "\ue018", s)
            s = s.replace("'", "\ue014")
        s = self.escape(s)
        s = s.replace("\ue015", OPEN_CURLY).replace("\ue016", CLOSE_CURLY)
        s = s.replace("\ue017", OPEN_SINGLE).replace("\ue018", CLOSE_SINGLE)
        s = s.replace("\ue012", OPEN_QUOTE).replace("\ue013", CLOSE_QUOTE).replace("\ue014", APOSTROPHE)
        if spans:
            s = re.sub(
                "\ue010(\\d+)\ue011",
                lambda m: NOCASE_START + self.escape(spans[int(m.group(1))]) + NOCASE_END,
                s,
            )
        return s

    def _names(self, value: Any) -> list[Name]:
        out = []
        if not isinstance(value, list):
            value = [value]
        for n in value:
            if isinstance(n, str):
                n = {"literal": n}
            if not isinstance(n, dict):
                continue
            if n.get("literal"):
                out.append(Name(literal=str(n["literal"])))
                continue
            parts = {k: str(v) for k, v in n.items() if k in _NAME_KEYS and v not in (None, "")}
            if not parts:
                continue
            if "family" not in parts and "given" in parts:
                parts = {"literal": parts["given"]}
            out.append(Name(**parts))
        return out

    def _date(self, value: Any) -> Any:
        if isinstance(value, str):
            m = _ISO.match(value)
            if m:
                value = {"date-parts": [[int(g) for g in m.groups() if g]]}
            else:
                return LiteralDate(value) if value.strip() else None
        if not isinstance(value, dict):
            return None
        parts = value.get("date-parts")
        clean: list[list[int]] = []
        if isinstance(parts, list):
            for p in parts[:2]:
                if not isinstance(p, list):
                    continue
                nums = []
                for x in p[:3]:
                    try:
                        nums.append(int(str(x).strip()))
                    except ValueError:
                        break
                if nums:
                    clean.append(nums)
        if not clean:
            raw = value.get("raw") or value.get("literal")
            if isinstance(raw, str) and raw.strip():
                m = _ISO.match(raw)
                if m:
                    clean = [[int(g) for g in m.groups() if g]]
                else:
                    return LiteralDate(raw.strip())
            else:
                return None
        circa = bool(value.get("circa"))
        season = value.get("season")

        def one(p: list[int]) -> Date:
            d: dict[str, Any] = dict(zip(("year", "month", "day"), p, strict=False))
            if d.get("month") and not 1 <= d["month"] <= 24:
                d.pop("month")
                d.pop("day", None)
            if season and "month" not in d:
                with contextlib.suppress(TypeError, ValueError):
                    d["season"] = int(season)
            return Date(**d)

        if len(clean) > 1:
            out: Any = DateRange(begin=one(clean[0]), end=one(clean[1]), circa=circa)
        else:
            out = Date(circa=circa, **{k: v for k, v in one(clean[0]).items() if k != "circa"})
        if value.get("raw"):
            # citeproc-js builds sort keys of a date that has "raw" from the raw text and
            # gets none (CSL.dateAsSortKey): such dates sort as empty there, so here too
            dict.__setitem__(out, "raw_given", True)
        return out


def note_fields(item: dict[str, Any]) -> dict[str, Any]:
    """Read ``key: value`` lines of ``note`` as variables, as citeproc-js and Zotero do.

    citeproc-js (``parseNoteFieldHacks``) takes leading ``note`` lines such as
    ``original-date: 1781`` or ``EDN: UNZFTH`` as variables (unless the item already has
    them) and removes them from ``note``; a style that prints or sorts by ``note`` then sees
    only the rest.  The same here, so notes written by Zotero ("Extra") render alike.
    """
    lines = item["note"].split("\n")
    out = dict(item)
    names: dict[str, list[dict[str, str]]] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _NOTE_FIELD.match(line)
        if not m:
            if i == 0:
                continue
            break
        key, val = m.group(1), m.group(2).strip()
        if key == "type":
            out["type"] = val
            lines[i] = ""
        elif key.replace("-", "_") in DATES:
            if not item.get(key):
                out[key] = {"raw": val}
                lines[i] = ""
        elif not item.get(key):
            if key.replace("-", "_") in NAMES:
                parts = re.split(r"\s*\|\|\s*", val)
                if len(parts) == 1:
                    names.setdefault(key, []).append({"literal": parts[0]})
                elif len(parts) == 2:
                    names.setdefault(key, []).append({"family": parts[0], "given": parts[1]})
            else:
                out[key] = val
            lines[i] = ""
    out.update(names)
    out["note"] = "\n".join(lines).strip()
    return out

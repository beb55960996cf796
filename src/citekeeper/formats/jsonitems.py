"""The items of a CSL-JSON file, each with the line it starts on, and the ones that are not items.

``json.loads`` of the whole file gives neither lines nor a way to keep going past one bad
item, so a top-level array is decoded item by item (``JSONDecoder.raw_decode`` from each
item's offset, the C decoder; one pass over the text).  What this buys every command that
reads through ``formats.read_file``:

* each item's 1-based line, so ``lint`` and ``render`` point at the item in *this* file
  (an item's own ``citekeeper.origin`` points into the article it was extracted from);
* an element that is not an object (``42``, ``"x"``, a nested list) is reported with its
  line and kept verbatim as a failed block, and the items around it are read;
* a syntax error keeps every item before it and reports file and line; the rest of the
  text is kept verbatim as one failed block.

The accepted shapes are those of ``csljson.loads``: an array of items, a single item, or
an object with an ``items`` array (citeproc-js test fixtures).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

_DECODER = json.JSONDecoder()
_WS = " \t\n\r"


@dataclass
class JsonItems:
    """Top-level items as ``(number, line, value)`` in file order (``number`` counts every
    element, read or not); ``bad`` holds ``(line, raw text, reason)`` for what could not be
    read as an item."""

    items: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)
    bad: list[tuple[int, str, str]] = field(default_factory=list)


def _skip_ws(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and text[pos] in _WS:
        pos += 1
    return pos


def _kind(value: Any) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number")


# One object alone is one item only if it has a key every CSL-JSON item has some of
# (Zotero, citeproc-js and Pandoc write at least id or type); any JSON object was taken.
_ITEM_KEYS = frozenset({"id", "type", "title", "author", "editor", "issued", "DOI", "URL",
                        "container-title", "citation-key", "note", "ISBN", "literal"})


def scan(text: str) -> JsonItems:
    """The items of CSL-JSON ``text`` (see module docstring)."""
    # items come in file order: count newlines from the last item on (str.count, C speed)
    last = [0, 1]  # offset, its line

    def line(pos: int) -> int:
        if pos < last[0]:
            return text.count("\n", 0, pos) + 1
        last[1] += text.count("\n", last[0], pos)
        last[0] = pos
        return last[1]

    out = JsonItems()
    start = _skip_ws(text, 1 if text.startswith("\ufeff") else 0)
    if start >= len(text):
        out.bad.append((1, "", "malformed CSL-JSON: the file is empty"))
        return out
    if text[start] != "[":
        try:
            data, end = _DECODER.raw_decode(text, start)
        except json.JSONDecodeError as exc:
            out.bad.append((exc.lineno, text[start:], f"malformed CSL-JSON: {exc.msg}"))
            return out
        if _skip_ws(text, end) < len(text):
            out.bad.append((line(end), text[end:].strip(), "malformed CSL-JSON: extra data after the items"))
        if isinstance(data, dict) and isinstance(data.get("items"), list):
            # citeproc-js fixtures: {"items": [...]} -- no offsets inside, so the object's line
            for n, item in enumerate(data["items"], 1):
                _add(out, line(start), item, n, json.dumps(item, ensure_ascii=False))
        elif isinstance(data, dict) and not _ITEM_KEYS.isdisjoint(data):
            out.items.append((1, line(start), data))
        elif isinstance(data, dict):  # package.json, a settings file: no bibliography
            out.bad.append((line(start), text[start:].strip(),
                            "not CSL-JSON: an object with none of an item's keys (id, type, title, …)"))
        else:
            out.bad.append((line(start), text[start:].strip(),
                            f"CSL-JSON must be an array of items, not {_kind(data)}"))
        return out
    pos = _skip_ws(text, start + 1)
    n = 0
    if pos < len(text) and text[pos] == "]":
        return _trailing(out, text, pos + 1, line)
    while True:
        n += 1
        try:
            value, end = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            out.bad.append((exc.lineno, text[pos:], f"malformed CSL-JSON: {exc.msg} (item {n} and after "
                            "not read)"))
            return out
        _add(out, line(pos), value, n, text[pos:end])
        pos = _skip_ws(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
            continue
        if pos < len(text) and text[pos] == "]":
            return _trailing(out, text, pos + 1, line)
        where = line(min(pos, len(text) - 1))
        out.bad.append((where, text[pos:], "malformed CSL-JSON: expected ',' or ']' after item "
                        f"{n}" + ("" if pos < len(text) else " (the file ends there)")))
        return out


def _add(out: JsonItems, at: int, value: Any, n: int, raw: str) -> None:
    if isinstance(value, dict):
        out.items.append((n, at, value))
    else:
        out.bad.append((at, raw, f"item {n} is {_kind(value)}, not a CSL-JSON object"))


def _trailing(out: JsonItems, text: str, pos: int, line: Any) -> JsonItems:
    rest = _skip_ws(text, pos)
    if rest < len(text):
        out.bad.append((line(rest), text[rest:].strip(), "malformed CSL-JSON: extra data after the items"))
    return out

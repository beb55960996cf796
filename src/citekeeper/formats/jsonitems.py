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
  text is kept verbatim as one failed block;
* nesting too deep for the decoder (``[[[…`` 10^5 deep: the C decoder's RecursionError
  was exit 70 in ``render``/``convert``) is a ``MalformedInputError`` for the whole file
  naming the line of the item it is in, as ``check`` always refused such a file;
* a number too long for ``int`` (over 4,300 digits, CPython's limit since 3.11: a
  ValueError, exit 70) is kept as the string of its digits, with a warning: that item is
  decoded again with a decoder that does so, the others pay nothing;
* a lone UTF-16 surrogate escape (``"\\ud800"``, valid JSON but no character: every UTF-8
  writer failed on it) becomes U+FFFD, with a warning naming the item's line.

The accepted shapes are those of ``csljson.loads``: an array of items, a single item, or
an object with an ``items`` array (citeproc-js test fixtures).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from citekeeper.errors import MalformedInputError

_DECODER = json.JSONDecoder()
_WS = " \t\n\r"
_MAX_INT_DIGITS = 4300  # CPython's default ``sys.get_int_max_str_digits()``


def _int_or_digits(digits: str) -> int | str:
    return int(digits) if len(digits.lstrip("-")) <= _MAX_INT_DIGITS else digits


_LONG_INTS = json.JSONDecoder(parse_int=_int_or_digits)
# A JSON escape of a surrogate; decoded in pairs it is one character, alone it is none.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _raw_decode(text: str, pos: int, warn: list[str], file: str | None, line: int) -> tuple[Any, int]:
    """``_DECODER.raw_decode``; too deep is a ``MalformedInputError``, too long a number a warning."""
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise MalformedInputError("malformed CSL-JSON: nested too deeply to be a bibliography",
                                  file=file, line=line) from None
    except ValueError:  # an integer longer than int() takes
        value, end = _LONG_INTS.raw_decode(text, pos)
        warn.append(f"a number of more than {_MAX_INT_DIGITS} digits, kept as its digits (a string)")
        return value, end


def _clean_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` with every lone surrogate replaced by U+FFFD, and how many there were."""
    if isinstance(value, str):
        return _LONE_SURROGATE.subn("\ufffd", value)
    if isinstance(value, list):
        pairs = [_clean_surrogates(v) for v in value]
        return [v for v, _ in pairs], sum(n for _, n in pairs)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        total = 0
        for k, v in value.items():
            (ck, nk), (cv, nv) = _clean_surrogates(k), _clean_surrogates(v)
            out[ck] = cv
            total += nk + nv
        return out, total
    return value, 0


@dataclass
class JsonItems:
    """Top-level items as ``(number, line, value)`` in file order (``number`` counts every
    element, read or not); ``bad`` holds ``(line, raw text, reason)`` for what could not be
    read as an item."""

    items: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)
    bad: list[tuple[int, str, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, what was changed)


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


def scan(text: str, file: str | None = None) -> JsonItems:
    """The items of CSL-JSON ``text`` (see module docstring); ``file`` names it in errors."""
    # items come in file order: count newlines from the last item on (str.count, C speed)
    last = [0, 1]  # offset, its line

    def line(pos: int) -> int:
        if pos < last[0]:
            return text.count("\n", 0, pos) + 1
        last[1] += text.count("\n", last[0], pos)
        last[0] = pos
        return last[1]

    out = JsonItems()
    surrogates = _SURROGATE_ESCAPE.search(text) is not None  # once: a search per item is O(n^2)
    start = _skip_ws(text, 1 if text.startswith("\ufeff") else 0)
    if start >= len(text):
        out.bad.append((1, "", "malformed CSL-JSON: the file is empty"))
        return out
    if text[start] != "[":
        warn: list[str] = []
        try:
            data, end = _raw_decode(text, start, warn, file, line(start))
        except json.JSONDecodeError as exc:
            out.bad.append((exc.lineno, text[start:], f"malformed CSL-JSON: {exc.msg}"))
            return out
        data = _checked(out, surrogates, line(start), data, warn)
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
        warn = []
        try:
            value, end = _raw_decode(text, pos, warn, file, line(pos))
        except json.JSONDecodeError as exc:
            out.bad.append((exc.lineno, text[pos:], f"malformed CSL-JSON: {exc.msg} (item {n} and after "
                            "not read)"))
            return out
        at = line(pos)
        _add(out, at, _checked(out, surrogates, at, value, warn), n, text[pos:end])
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


def _checked(out: JsonItems, surrogates: bool, at: int, value: Any, warn: list[str]) -> Any:
    """``value`` with lone surrogates replaced; what was changed noted at line ``at``.
    ``surrogates``: the text has a surrogate escape at all (else no string can hold one)."""
    out.warnings += [(at, w) for w in warn]
    if surrogates:
        value, count = _clean_surrogates(value)
        if count:
            out.warnings.append((at, f"{count} lone UTF-16 surrogate escape(s) (no character) written as U+FFFD"))
    return value


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

"""CSL-JSON reader and writer: the near-identity mapping of ``Reference``.

Written for Zotero's ``CSL JSON.js`` import (``ZU.itemFromCSLJSON``), the most
faithful way into Zotero (docs/zotero.md):

* identifiers CSL has no variable for (EDN ...) go to ``note`` as ``KEY: value``
  lines — ``note`` is Zotero's Extra, where such lines belong;
* a date with a year also gets ``raw`` ISO text beside ``date-parts``: Zotero then
  stores ``2024-02-05`` instead of re-formatting the parts as ``February 5, 2024``;
  citeproc reads ``date-parts`` and ignores ``raw``;
* ``container-title-short`` is also written as ``journalAbbreviation``, the only
  spelling Zotero's CSL mapping reads;
* a name particle is written inside ``family`` ("van der Berg"): Zotero's import drops
  ``non-dropping-particle``, and citeproc-js parses the particle out of ``family``
  again (the reader does the same, so the record keeps it); the renderer's call
  (``raw_dates=False``) keeps ``non-dropping-particle`` apart, as citeproc-py needs it
  (folded, 1,949 of the render goldens' 13,232 entries changed: 55 names there lost their
  particle's sorting and demoting);
* the origin goes under a ``citekeeper`` key, which CSL processors and Zotero ignore —
  and only when asked (``with_origin``): ``export``/``convert`` leave it out, so a shared
  file carries no input paths; ``relative_to`` makes its paths relative;
* lossless for the record: every CSL name and date variable (``original-author``,
  ``submitted`` …), date ranges, ``circa``, seasons, both particles, and any key the
  record has no slot for (``Reference.extra``) are written back as read; BibTeX fields no
  CSL variable holds go to ``note`` as ``tex.<field>: value`` lines (Better BibTeX's
  spelling in Zotero's Extra), a short form's ``repeats: KEY`` too, and an arXiv id also
  as ``number``/``archive`` (where Zotero's preprint and citeproc look);
* ``extras=False`` (the default for ``raw_dates=False``, the renderer's call) leaves those
  note lines out, so no style prints them.

The reader accepts Zotero's own CSL JSON export: ``citation-key``, dates as strings
or ``raw``/``literal``, ``journalAbbreviation``/``shortTitle``, and ``Citation Key:`` or
identifier lines in ``note`` (Extra).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from citekeeper.errors import MalformedInputError
from citekeeper.formats import bibnames
from citekeeper.formats.bulk import gc_paused
from citekeeper.model import DATE_FIELDS, NAME_FIELDS, Date, Name, Origin, Reference, split_particle

# Every CSL 1.0.2 name and date variable (the record's NAME_FIELDS/DATE_FIELDS first).
CSL_NAMES = (*NAME_FIELDS, "chair", "compiler", "composer", "contributor", "curator", "director",
             "editorial-director", "executive-producer", "guest", "host", "illustrator", "interviewer",
             "narrator", "organizer", "original-author", "performer", "producer", "recipient",
             "reviewed-author", "script-writer", "series-creator")
CSL_DATES = (*DATE_FIELDS, "available-date", "submitted")
_NAME_SET = frozenset(CSL_NAMES)
_DATE_SET = frozenset(CSL_DATES)

# Identifiers with a CSL variable of their own; others go to note as "KEY: value".
_CSL_IDENTIFIERS = {"ISBN", "ISSN", "PMID", "PMCID"}
# The note every writer gives an unparsed citation (its text is the title); readers
# that meet it restore ``parsed=False`` and ``raw``.
UNPARSED_NOTE = "citekeeper could not parse this citation; the title is its text"
# "KEY: value" lines of note (Zotero's Extra) read back as identifiers.
EXTRA_IDENTIFIERS = ("EDN", "arXiv", "OCLC", "LCCN", "MR", "Zbl", "JSTOR", "HDL", "ADS Bibcode", "PMID", "PMCID")
# Zotero-specific spellings of CSL variables -> the record's variable.
_ZOTERO_ALIASES = {"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}


def _date_to_csl(date: Date, raw: bool = True) -> dict[str, Any]:
    out = date.to_csl()
    if raw and date.year is not None:
        out["raw"] = date.iso()
    return out


def _name_to_csl(name: Name, particle_in_family: bool = True) -> dict[str, Any]:
    out = name.to_csl()
    if not particle_in_family:
        return out
    particle = out.pop("non-dropping-particle", "")
    if particle:
        out["family"] = f"{particle} {out['family']}"
    return out


def _date_from_csl(value: dict[str, Any] | str) -> Date:
    """``Date.from_csl``, with CSL's ``circa`` on a range read as EDTF's ``~`` on both ends.

    CSL qualifies the date as a whole (Better BibTeX exports ``2011-05-25~/2012-06-26~``
    as ``circa`` and two ``date-parts``); the record keeps EDTF's per-end flags, so
    without this the end would lose its ``~`` (and ``.bib`` output its second ``~``).
    """
    date = Date.from_csl(value)
    end = date.end
    if (isinstance(value, dict) and date.circa and end is not None and end.year is not None
            and not end.circa and not str(value.get("raw") or "").strip()):
        date = replace(date, end=replace(end, circa=True))
    return date


def _is_et_al(name: Name) -> bool:
    """A last "author" that only says et al. (``{"family": "al", "given": "Et"}``)."""
    text = name.literal or f"{name.given} {name.particle} {name.family}"
    return bibnames.is_et_al(text)


def _name_from_csl(data: Any) -> Name | None:
    """One element of a CSL name list; ``None`` only for a null or an empty name.

    Files from other tools are not always CSL: a name given as text (``"Smith, J."``)
    is a literal name, and a part that is not text (``{"family": null}``,
    ``{"literal": ["a"]}``) is its JSON text, never Python's (``None and {['a']}`` was
    written into .bib output); before, a name that was not an object was dropped.
    """
    if isinstance(data, dict):
        clean = {k: v if isinstance(v, str) else "" if v is None else
                 json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v) for k, v in data.items()}
        name = split_particle(Name.from_csl(clean))
        return name if name.literal or name.family or name.given or name.extra else None
    if isinstance(data, str):
        return Name(literal=data.strip()) if data.strip() else None
    if data is None:
        return None
    return Name(literal=json.dumps(data, ensure_ascii=False))


def _relative(path: str, base: str | Path | None) -> str:
    if base is None or not path:
        return path
    try:
        return os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    except ValueError:  # another drive on Windows
        return os.path.basename(path)


def reference_to_csl(
    ref: Reference, *, with_origin: bool = True, raw_dates: bool = True, extras: bool | None = None,
    relative_to: str | Path | None = None,
) -> dict[str, Any]:
    """One ``Reference`` as a CSL-JSON item.

    ``raw_dates`` adds each date's ISO text beside ``date-parts`` for Zotero's import;
    a CSL processor is better served without it (citeproc-js sorts a date that has
    ``raw`` by that text alone), so the renderer turns it off.  ``extras`` (default:
    as ``raw_dates``) writes the ``tex.*``/``repeats:`` note lines and the arXiv
    ``number``; the renderer needs none of them.  Without ``raw_dates`` (a CSL processor's
    item) a name's ``non-dropping-particle`` stays its own variable instead of being folded
    into ``family`` for Zotero: citeproc-py reads no particle out of ``family``.
    """
    if extras is None:
        extras = raw_dates
    item: dict[str, Any] = {"id": ref.id, "type": ref.type}
    names = ref.names
    # in CSL_NAMES order; a record with one role (most) needs no walk over all 25
    for role in (CSL_NAMES if len(names) > 1 else names):
        if role in _NAME_SET and names.get(role):
            item[role] = [_name_to_csl(n, particle_in_family=raw_dates) for n in names[role]]
    item.update(ref.fields)
    if ref.get("container-title-short"):
        item.setdefault("journalAbbreviation", ref.get("container-title-short"))
    for key in CSL_DATES:
        if key in ref.dates:
            item[key] = _date_to_csl(ref.dates[key], raw=raw_dates)
    extra_lines = []
    for key, value in ref.identifiers.items():
        if key in _CSL_IDENTIFIERS and key not in item:
            item[key] = value
        else:
            extra_lines.append(f"{key}: {value}")
    if extras and ref.identifiers.get("arXiv") and ref.type in _PREPRINT_TYPES and "number" not in item:
        item["number"] = f"arXiv:{ref.identifiers['arXiv']}"
        item.setdefault("archive", "arXiv")
    if not ref.parsed and not item.get("title") and ref.raw:
        # Unparsed: the citation's text as the title, so Zotero and citeproc show it.
        item["title"] = ref.raw
        extra_lines.insert(0, UNPARSED_NOTE)
    for key, value in ref.extra.items():
        if key.startswith("tex."):
            if extras and isinstance(value, str):
                extra_lines.append(f"{key}: {_one_line(value)}")
        elif key not in item:
            item[key] = value
    if extras and ref.repeats:
        extra_lines.append(f"repeats: {ref.repeats}")
    if extra_lines:
        note = item.get("note", "")
        item["note"] = "\n".join(([note] if note else []) + extra_lines)
    meta: dict[str, Any] = {}
    if ref.truncated:
        meta["truncated"] = list(ref.truncated)  # "and others": the list ends in et al.
    if with_origin:
        if ref.raw:
            meta["raw"] = ref.raw
        if ref.origin:
            origin = ref.origin.to_json()
            if origin.get("file"):
                origin["file"] = _relative(origin["file"], relative_to)
            meta["origin"] = origin
        if not ref.parsed:
            meta["parsed"] = False
        if ref.warnings:
            meta["warnings"] = list(ref.warnings)
        if ref.provenance:
            meta["provenance"] = {k: list(v) for k, v in ref.provenance.items()}
    if meta:
        item["citekeeper"] = meta
    return item


_TEX_LINE = re.compile(r"^\s*(tex\.\S+?):\s+(\S.*)$")
# Types whose arXiv id is also their CSL ``number`` (Zotero's preprint "Archive ID").
_PREPRINT_TYPES = ("article", "manuscript", "document", "report")


def _one_line(value: str) -> str:
    """A note line holds one line: newlines inside a BibTeX value become spaces (TeX reads them so)."""
    return " ".join(value.split())


def reference_from_csl(item: dict[str, Any]) -> Reference:
    """One CSL-JSON item as a ``Reference`` (unknown variables are kept as fields)."""
    ref = Reference(id=str(item.get("citation-key") or item.get("id", "")), type=str(item.get("type", "document")))
    for key, value in item.items():
        if key in ("id", "type", "citekeeper", "citation-key"):
            continue
        if key in _NAME_SET and isinstance(value, (list, dict, str)):
            read = [_name_from_csl(n) for n in (value if isinstance(value, list) else [value])]
            ref.names[key] = [n for n in read if n is not None]
        elif key in _DATE_SET and isinstance(value, (dict, str, int)) and not isinstance(value, bool):
            date = _date_from_csl(value if not isinstance(value, int) else str(value))
            if date.year is None and not date.literal and value not in ({}, ""):
                # {"date-parts": "2020"}, [["x"]]: no date CSL can read; kept as written
                date = Date(literal=json.dumps(value, ensure_ascii=False))
            ref.dates[key] = date
        elif key in ("PMID", "PMCID") and str(value).strip():
            ref.identifiers[key] = str(value).strip()
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            if key in _ZOTERO_ALIASES and str(item.get(_ZOTERO_ALIASES[key]) or "").strip():
                continue  # CSL's own variable wins over Zotero's spelling, in any key order
            key = _ZOTERO_ALIASES.get(key, key)
            if key == "journalAbbreviation" and ref.fields.get("container-title-short") == str(value):
                continue
            ref.fields[key] = str(value)
        elif value not in (None, "", [], {}):
            ref.extra[key] = value  # a key the record has no slot for: kept as read
    note = ref.fields.get("note", "")
    if note:
        kept = []
        for line in note.split("\n"):
            k, sep, v = line.partition(":")
            k, v = k.strip(), v.strip()
            tex = _TEX_LINE.match(line)
            if tex:  # "tex.author+an:role: 1=..." — the key runs to the first ": "
                ref.extra[tex.group(1)] = tex.group(2).strip()
            elif sep and k in EXTRA_IDENTIFIERS and v:
                ref.identifiers[k] = v
            elif sep and k == "repeats" and v:
                ref.repeats = v
            elif sep and k.lower() == "citation key" and v:
                ref.id = v
            elif sep and k == "DOI" and v and not ref.doi:
                ref.fields["DOI"] = v
            else:
                kept.append(line)
        ref.set("note", "\n".join(kept))
    arxiv = ref.identifiers.get("arXiv")
    if arxiv and ref.fields.get("number") == f"arXiv:{arxiv}":
        ref.fields.pop("number")
        if ref.fields.get("archive") == "arXiv":
            ref.fields.pop("archive")
    meta = item.get("citekeeper") or {}
    if isinstance(meta, dict):
        ref.truncated = [str(r) for r in meta.get("truncated", []) if isinstance(r, str)]
    for role, names in ref.names.items():
        if len(names) > 1 and _is_et_al(names[-1]):  # "et al." exported as an author
            names.pop()
            if role not in ref.truncated:
                ref.truncated.append(role)
    if isinstance(meta, dict):
        if isinstance(meta.get("origin"), dict):
            ref.origin = Origin.from_json(meta["origin"])
        ref.parsed = bool(meta.get("parsed", True))
        ref.raw = str(meta.get("raw", ""))
        if not ref.parsed and ref.raw and ref.title == ref.raw:
            ref.fields.pop("title", None)
        ref.warnings = [str(w) for w in meta.get("warnings", [])]
        for k, v in (meta.get("provenance") or {}).items():
            ref.provenance[k] = (str(v[0]), float(v[1]))
    mark_unparsed(ref)
    return ref


def mark_unparsed(ref: Reference) -> None:
    """A reference whose note is ``UNPARSED_NOTE``: back to ``parsed=False``, its title as ``raw``."""
    lines = ref.get("note").split("\n")
    if UNPARSED_NOTE not in lines:
        return
    ref.set("note", "\n".join(ln for ln in lines if ln != UNPARSED_NOTE))
    ref.parsed = False
    if not ref.raw:
        ref.raw = ref.title
    if ref.title == ref.raw:
        ref.fields.pop("title", None)


def dumps(refs: list[Reference], *, with_origin: bool = True, relative_to: str | Path | None = None) -> str:
    """CSL-JSON text (a JSON array, UTF-8, indented, newline-terminated)."""
    with gc_paused():
        # item by item, each written as soon as it is made: what ``indented_json`` of the
        # whole list gives, without holding every item and every piece of text at once
        # (peak memory of a 12,000-entry convert 220 -> 214 MB)
        texts = []
        out: list[str] = []
        for r in refs:
            item = reference_to_csl(r, with_origin=with_origin, relative_to=relative_to)
            try:
                _walk(item, out, "\n  ")
                texts.append("".join(out))
            except (_NotPlain, RecursionError):
                texts.append(json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  "))
            out.clear()
        return ("[\n  " + ",\n  ".join(texts) + "\n]" if texts else "[]") + "\n"


def loads(text: str, file: str | None = None) -> list[Reference]:
    """Read CSL-JSON text (an array of items, a single item, or ``{"items": [...]}``).

    Strict: the first thing that is not an item is a ``MalformedInputError`` with its line.
    ``formats.read_file`` reads the same shapes (``jsonitems.scan``, one copy) but keeps
    going past a bad element, reporting it as a failed block.
    """
    from citekeeper.formats import jsonitems

    scanned = jsonitems.scan(text, file)
    if scanned.bad:
        line, _raw, reason = scanned.bad[0]  # in file order
        raise MalformedInputError(reason, file=file, line=line)
    with gc_paused():
        return [read_item(item, number, line, file) for number, line, item in scanned.items]


def read_item(item: dict[str, Any], number: int, line: int, file: str | None) -> Reference:
    """One CSL-JSON item as a ``Reference``; without an origin of its own, it came from
    ``file`` as its ``number``-th item, starting on ``line``."""
    ref = reference_from_csl(item)
    if ref.origin is None:
        ref.origin = Origin(kind="file", number=number, file=file, line_start=line)
    return ref


class _NotPlain(Exception):
    """A value ``indented_json`` leaves to ``json.dumps`` (a subclass, a non-string key …)."""


_encode_str = json.encoder.encode_basestring  # the C function when the _json module is there
_CONSTANTS = {True: "true", False: "false", None: "null"}


def indented_json(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, byte for byte, about twice as fast.

    Why: with ``indent`` set, ``json.dumps`` runs its pure-Python encoder (the C one only
    serves ``indent=None``); for 12,000 CSL-JSON items that was 0.26 s CPU, a fifth of
    ``convert``, and is 0.11 s here.  This walks the plain JSON types itself and encodes strings with the C
    escaper; anything else (subclasses, non-string keys, unserialisable values) goes to
    ``json.dumps``, which also raises what it raises.
    """
    out: list[str] = []
    try:
        _walk(obj, out, "\n")
    except (_NotPlain, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return "".join(out)


def _walk(obj: Any, out: list[str], pad: str) -> None:
    # Strings, the most common value, are written inline by the container loops.
    t = type(obj)
    if t is dict:
        if not obj:
            out.append("{}")
            return
        inner = pad + "  "
        sep = "{" + inner
        for key, value in obj.items():
            if type(key) is not str:
                raise _NotPlain
            if type(value) is str:
                out.append(f"{sep}{_encode_str(key)}: {_encode_str(value)}")
            else:
                out.append(f"{sep}{_encode_str(key)}: ")
                _walk(value, out, inner)
            sep = "," + inner
        out.append(pad + "}")
    elif t is list or t is tuple:
        if not obj:
            out.append("[]")
            return
        inner = pad + "  "
        sep = "[" + inner
        for value in obj:
            tv = type(value)
            if tv is str:
                out.append(sep + _encode_str(value))
            elif tv is int:
                out.append(sep + int.__repr__(value))
            else:
                out.append(sep)
                _walk(value, out, inner)
            sep = "," + inner
        out.append(pad + "]")
    elif t is str:
        out.append(_encode_str(obj))
    elif t is int:
        out.append(int.__repr__(obj))
    elif t is bool or obj is None:
        out.append(_CONSTANTS[obj])
    else:
        raise _NotPlain  # floats (NaN, Infinity spellings) and everything else: json's own rules

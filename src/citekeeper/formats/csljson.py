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
  again (the reader does the same, so the record keeps it);
* the origin goes under a ``citekeeper`` key, which CSL processors and Zotero ignore.

The reader accepts Zotero's own CSL JSON export: ``citation-key``, dates as strings
or ``raw``/``literal``, ``journalAbbreviation``/``shortTitle``, and ``Citation Key:`` or
identifier lines in ``note`` (Extra).
"""

from __future__ import annotations

import json
from typing import Any

from citekeeper.errors import MalformedInputError
from citekeeper.model import DATE_FIELDS, NAME_FIELDS, Date, Name, Origin, Reference, split_particle

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


def _name_to_csl(name: Name) -> dict[str, str]:
    out = name.to_csl()
    particle = out.pop("non-dropping-particle", "")
    if particle:
        out["family"] = f"{particle} {out['family']}"
    return out


def _name_from_csl(data: dict[str, Any]) -> Name:
    return split_particle(Name.from_csl(data))


def reference_to_csl(
    ref: Reference, *, with_origin: bool = True, raw_dates: bool = True
) -> dict[str, Any]:
    """One ``Reference`` as a CSL-JSON item.

    ``raw_dates`` adds each date's ISO text beside ``date-parts`` for Zotero's import;
    a CSL processor is better served without it (citeproc-js sorts a date that has
    ``raw`` by that text alone), so the renderer turns it off.
    """
    item: dict[str, Any] = {"id": ref.id, "type": ref.type}
    for role in NAME_FIELDS:
        if ref.names.get(role):
            item[role] = [_name_to_csl(n) for n in ref.names[role]]
    for key, value in ref.fields.items():
        item[key] = value
    if ref.get("container-title-short"):
        item.setdefault("journalAbbreviation", ref.get("container-title-short"))
    for key in DATE_FIELDS:
        if key in ref.dates:
            item[key] = _date_to_csl(ref.dates[key], raw=raw_dates)
    extra_lines = []
    for key, value in ref.identifiers.items():
        if key in _CSL_IDENTIFIERS and key not in item:
            item[key] = value
        else:
            extra_lines.append(f"{key}: {value}")
    if not ref.parsed and not item.get("title") and ref.raw:
        # Unparsed: the citation's text as the title, so Zotero and citeproc show it.
        item["title"] = ref.raw
        extra_lines.insert(0, UNPARSED_NOTE)
    if extra_lines:
        note = item.get("note", "")
        item["note"] = "\n".join(([note] if note else []) + extra_lines)
    if with_origin:
        meta: dict[str, Any] = {}
        if ref.raw:
            meta["raw"] = ref.raw
        if ref.origin:
            meta["origin"] = ref.origin.to_json()
        if not ref.parsed:
            meta["parsed"] = False
        if ref.warnings:
            meta["warnings"] = list(ref.warnings)
        if ref.provenance:
            meta["provenance"] = {k: list(v) for k, v in ref.provenance.items()}
        if meta:
            item["citekeeper"] = meta
    return item


def reference_from_csl(item: dict[str, Any]) -> Reference:
    """One CSL-JSON item as a ``Reference`` (unknown variables are kept as fields)."""
    ref = Reference(id=str(item.get("citation-key") or item.get("id", "")), type=str(item.get("type", "document")))
    for key, value in item.items():
        if key in ("id", "type", "citekeeper", "citation-key"):
            continue
        if key in NAME_FIELDS and isinstance(value, list):
            ref.names[key] = [_name_from_csl(n) for n in value if isinstance(n, dict)]
        elif key in DATE_FIELDS:
            ref.dates[key] = Date.from_csl(value)
        elif key in ("PMID", "PMCID") and str(value).strip():
            ref.identifiers[key] = str(value).strip()
        elif isinstance(value, (str, int, float)) and str(value).strip():
            key = _ZOTERO_ALIASES.get(key, key)
            if key == "container-title-short" and ref.fields.get(key):
                continue
            ref.fields[key] = str(value)
    note = ref.fields.get("note", "")
    if note:
        kept = []
        for line in note.split("\n"):
            k, sep, v = line.partition(":")
            k, v = k.strip(), v.strip()
            if sep and k in EXTRA_IDENTIFIERS and v:
                ref.identifiers[k] = v
            elif sep and k.lower() == "citation key" and v:
                ref.id = v
            elif sep and k == "DOI" and v and not ref.doi:
                ref.fields["DOI"] = v
            else:
                kept.append(line)
        ref.set("note", "\n".join(kept))
    meta = item.get("citekeeper") or {}
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


def dumps(refs: list[Reference], *, with_origin: bool = True) -> str:
    """CSL-JSON text (a JSON array, UTF-8, indented, newline-terminated)."""
    items = [reference_to_csl(r, with_origin=with_origin) for r in refs]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def loads(text: str, file: str | None = None) -> list[Reference]:
    """Read CSL-JSON text (an array of items, or a single item)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(f"invalid JSON: {exc.msg}", file=file, line=exc.lineno) from None
    if isinstance(data, dict):
        data = data.get("items", [data]) if "items" in data else [data]
    if not isinstance(data, list):
        raise MalformedInputError("CSL-JSON must be an array of items", file=file)
    refs = []
    for n, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise MalformedInputError(f"item {n} is not an object", file=file)
        ref = reference_from_csl(item)
        if ref.origin is None:
            ref.origin = Origin(kind="file", number=n, file=file)
        refs.append(ref)
    return refs

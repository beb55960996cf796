"""CSL-JSON reader and writer: the near-identity mapping of ``Reference``.

Identifiers CSL has no variable for (EDN ...) go to ``note`` as ``KEY: value`` lines,
the convention Zotero and citeproc-js read back as "Extra" fields; the origin goes
under a ``citekeeper`` key, which CSL processors ignore.
"""

from __future__ import annotations

import json
from typing import Any

from citekeeper.errors import MalformedInputError
from citekeeper.model import DATE_FIELDS, NAME_FIELDS, Date, Name, Origin, Reference

# Identifiers with a CSL variable of their own; others go to note as "KEY: value".
_CSL_IDENTIFIERS = {"ISBN", "ISSN", "PMID", "PMCID"}


def reference_to_csl(ref: Reference, *, with_origin: bool = True) -> dict[str, Any]:
    """One ``Reference`` as a CSL-JSON item."""
    item: dict[str, Any] = {"id": ref.id, "type": ref.type}
    for role in NAME_FIELDS:
        if ref.names.get(role):
            item[role] = [n.to_csl() for n in ref.names[role]]
    for key, value in ref.fields.items():
        item[key] = value
    for key in DATE_FIELDS:
        if key in ref.dates:
            item[key] = ref.dates[key].to_csl()
    extra_lines = []
    for key, value in ref.identifiers.items():
        if key in _CSL_IDENTIFIERS:
            item.setdefault(key, value)
        else:
            extra_lines.append(f"{key}: {value}")
    if extra_lines:
        note = item.get("note", "")
        item["note"] = "\n".join(([note] if note else []) + extra_lines)
    if with_origin:
        meta: dict[str, Any] = {}
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
    ref = Reference(id=str(item.get("id", "")), type=str(item.get("type", "document")))
    for key, value in item.items():
        if key in ("id", "type", "citekeeper"):
            continue
        if key in NAME_FIELDS and isinstance(value, list):
            ref.names[key] = [Name.from_csl(n) for n in value if isinstance(n, dict)]
        elif key in DATE_FIELDS:
            ref.dates[key] = Date.from_csl(value)
        elif isinstance(value, (str, int, float)):
            ref.fields[key] = str(value)
    note = ref.fields.get("note", "")
    if note:
        kept = []
        for line in note.split("\n"):
            k, sep, v = line.partition(":")
            if sep and k.strip() in ("EDN", "arXiv", "OCLC", "LCCN", "MR", "Zbl", "JSTOR") and v.strip():
                ref.identifiers[k.strip()] = v.strip()
            else:
                kept.append(line)
        ref.set("note", "\n".join(kept))
    meta = item.get("citekeeper") or {}
    if isinstance(meta, dict):
        if isinstance(meta.get("origin"), dict):
            ref.origin = Origin.from_json(meta["origin"])
        ref.parsed = bool(meta.get("parsed", True))
        ref.warnings = [str(w) for w in meta.get("warnings", [])]
        for k, v in (meta.get("provenance") or {}).items():
            ref.provenance[k] = (str(v[0]), float(v[1]))
    return ref


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

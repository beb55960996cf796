"""``--fix``: write found DOIs and completed fields into .bib files, nothing else.

Field names come from the BibTeX writer (``formats.bibtex.reference_to_fields``): the
entry is written twice in memory, without and with the new values, and the fields
that appear are the ones to add -- so a completed container becomes ``journaltitle``
in a BibLaTeX file, ``journal`` in a BibTeX one, ``booktitle`` for a chapter, the
issue ``number``, a language both ``language`` and ``langid``, exactly as
``convert`` would write them.  The flavour is the entry's own: ``journal``/``year``
mean BibTeX, otherwise BibLaTeX.

Edits go through ``formats.bibedit.apply_edits`` (one pass per file; a ``FieldChange``
record per field written, its ``why`` the record it came from; one value replaced or one field inserted,
every other byte unchanged).  A field the entry already has is never replaced; the
one exception is ``--overwrite``, which lets a DOI reported as naming another work
be replaced by the DOI found for the entry.  Files that are not UTF-8, CSL-JSON, RIS
and article text are left alone and reported.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from citekeeper.enrich.outcome import EntryResult
from citekeeper.formats import bibedit
from citekeeper.formats.bibtex import reference_to_fields
from citekeeper.textio import atomic_write

BIB_SUFFIXES = (".bib", ".bibtex", ".biblatex")


@dataclass(frozen=True)
class Change:
    """One field to write: where, what, and the record it came from."""

    file: str
    key: str
    line: int | None
    field: str  # BibTeX field name
    value: str
    source: str
    replaces: str = ""  # the old value, when --overwrite replaces a wrong DOI


def _flavour(entry: bibedit.Entry) -> str:
    names = {f.name.lower() for f in entry.fields}
    if names & {"journal", "year", "address", "school"} and not names & {"journaltitle", "date", "location"}:
        return "bibtex"
    return "biblatex"


def _bib_additions(res: EntryResult, entry: bibedit.Entry, csl: dict[str, str]) -> list[tuple[str, str]]:
    flavour = _flavour(entry)
    before = copy.deepcopy(res.ref)
    if "DOI" in csl:
        before.fields.pop("DOI", None)
    after = copy.deepcopy(before)
    for k, v in csl.items():
        after.fields[k] = v
    old = dict(reference_to_fields(before, flavour)[1])
    new = reference_to_fields(after, flavour)[1]
    return [(k, v) for k, v in new if k not in old]


def plan(results: list[EntryResult], overwrite: bool = False) -> tuple[list[Change], list[str]]:
    """The changes ``--fix`` would make, and warnings for entries it cannot write."""
    changes: list[Change] = []
    warnings: list[str] = []
    by_file: dict[str, list[EntryResult]] = {}
    for r in results:
        wants_doi = (r.action == "found" and r.doi) or (overwrite and r.action == "mismatch" and r.suggested)
        if wants_doi or r.completed:
            by_file.setdefault(r.file, []).append(r)
    for file, items in by_file.items():
        if not file.lower().endswith(BIB_SUFFIXES):
            warnings.append(f"{file}: --fix writes .bib files only; {len(items)} entr"
                            f"{'y' if len(items) == 1 else 'ies'} left unchanged (see the report)")
            continue
        try:
            text = _read_utf8(file)
        except (OSError, UnicodeDecodeError):
            warnings.append(f"{file}: not readable as UTF-8; --fix left it unchanged")
            continue
        entries = bibedit.scan(text).entries
        for r in items:
            entry = bibedit.find_entry(text, r.key, entries)
            if entry is None:
                warnings.append(f"{file}:{r.line or 0}: {r.key}: entry not found; not fixed")
                continue
            csl = {k: v for k, (v, _) in r.completed.items()}
            sources = {k: s for k, (_, s) in r.completed.items()}
            replaced = ""
            if r.action == "found":
                csl["DOI"] = r.doi
                sources["DOI"] = f"{r.work.source if r.work else 'registry'} (score {r.score.value:.2f})" \
                    if r.score else "registry"
            elif overwrite and r.action == "mismatch" and r.suggested:
                csl = {"DOI": r.suggested}  # the old record's fields are not this work's
                sources = {"DOI": "search after a DOI mismatch (--overwrite)"}
                replaced = r.ref.doi
            for name, value in _bib_additions(r, entry, csl):
                existing = entry.get(name)
                if existing is not None and not (replaced and name.lower() == "doi"):
                    continue  # never overwrite what the user wrote
                src = next((s for k, s in sources.items() if _same_field(k, name)), "registry")
                changes.append(Change(file, r.key, r.line, name, value, src,
                                      existing.value if existing is not None else ""))
    return changes, warnings


def _same_field(csl: str, bib: str) -> bool:
    table = {"container-title": ("journaltitle", "journal", "booktitle", "howpublished"),
             "issue": ("number", "issue"), "page": ("pages",), "language": ("language", "langid"),
             "ISSN": ("issn",), "ISBN": ("isbn",), "DOI": ("doi",)}
    return bib.lower() in table.get(csl, (csl.lower(),))


def _read_utf8(file: str) -> str:
    data = Path(file).read_bytes()
    return data[3:].decode("utf-8") if data.startswith(b"\xef\xbb\xbf") else data.decode("utf-8")


def apply(changes: list[Change]) -> tuple[list[bibedit.FieldChange], list[str]]:
    """Write ``changes`` with ``bibedit.apply_edits`` (one pass per file); returns the
    ``FieldChange`` records of what was written (``why`` names the source) and warnings."""
    done: list[bibedit.FieldChange] = []
    warnings: list[str] = []
    by_file: dict[str, list[Change]] = {}
    for c in changes:
        by_file.setdefault(c.file, []).append(c)
    for file, items in by_file.items():
        data = Path(file).read_bytes()
        bom = data.startswith(b"\xef\xbb\xbf")
        text = data[3 if bom else 0:].decode("utf-8")
        edits = [bibedit.Edit(c.key, c.field, c.value, why=c.source) for c in items]
        result = bibedit.apply_edits(text, edits, file=file)
        for ed, why in result.skipped:
            warnings.append(f"{file}: {ed.key}: {ed.field}: {why}; not written")
        if result.text != text:
            atomic_write(file, ("\ufeff" if bom else "") + result.text)
        done += result.changes
    return done, warnings

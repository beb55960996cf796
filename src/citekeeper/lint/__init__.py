"""``lint``: an article's citations checked against each other and against common sense.

The pipeline is ``document.load`` (read one input once) -> every rule family in
``rules.RULES`` (each yields ``Finding`` values) -> ``report`` (text, JSON, GitHub,
JUnit) and, on request, ``fix`` (apply the safe fixes to .bib files).  The CLI only
parses arguments and prints; everything else is here and tested here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from pathlib import Path

from citekeeper.lint.document import Document, from_article, load
from citekeeper.lint.finding import Finding, Fix

__all__ = ["Document", "Finding", "Fix", "has_errors", "lint_document", "lint_paths", "lint_text"]


def lint_document(doc: Document, disable: Iterable[str] = ()) -> list[Finding]:
    """Every finding for one document, sorted by line, worst first; ``disable`` drops rule ids."""
    from citekeeper.lint.rules import RULES

    off = set(disable)
    found: list[Finding] = []
    seen: set[tuple[object, ...]] = set()
    if "entry-unreadable" not in off:
        found += [Finding("entry-unreadable", "error", doc.file, line, None, None,
                          f"this block cannot be read as an entry ({message}); it is kept as written")
                  for line, message in doc.problems]
    for family in RULES:
        for f in family.check(doc):
            ident = (f.rule, f.line, f.key, f.footnote, f.message)
            if f.rule in off or ident in seen:
                continue
            seen.add(ident)
            found.append(f)
    return sorted(found, key=Finding.sort_key)


def lint_text(text: str, file: str = "<input>", today: dt.date | None = None,
              disable: Iterable[str] = ()) -> list[Finding]:
    """Lint an article given as text (what the tests and other tools call)."""
    return lint_document(from_article(text, file, today), disable)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one file is read and linted.

    Reading a large .bib builds about a million objects that live until the file is done;
    each later burst of allocations made the collector walk all of them again, so time
    grew faster than the file (16,000 entries: the duplicate rule 4.2 s with the
    collector, 1.5 s without; reading 23.8 s vs 16.6 s, on a loaded 2-core machine).
    Reference counting still frees everything that is not a cycle; the collector runs
    again after each file.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def lint_paths(paths: Iterable[str | Path], today: dt.date | None = None,
               disable: Iterable[str] = ()) -> tuple[list[Document], list[Finding]]:
    """Lint each file; returns the documents read (for ``--fix``) and all findings."""
    import time

    docs: list[Document] = []
    findings: list[Finding] = []
    for path in paths:
        start = time.perf_counter()
        with _gc_paused():
            doc = load(path, today)
            found = lint_document(doc, disable)
        doc.elapsed = time.perf_counter() - start
        docs.append(doc)
        findings.extend(found)
    from citekeeper.lint.rules import citekeys

    off = set(disable)
    findings += [f for f in citekeys.check_run(docs) if f.rule not in off]
    return docs, sorted(findings, key=Finding.sort_key) if len(docs) > 1 else findings


def has_errors(findings: Iterable[Finding], fail_on: str = "error") -> bool:
    """Do ``findings`` fail the run (exit 1)?  Only errors by default (``report.fails``)."""
    from citekeeper.lint.report import fails

    return any(fails(f, fail_on) for f in findings)

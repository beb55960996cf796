"""Measure what reading and converting real bibliographies keeps, on ``../shared/realbib``.

For every .bib of the corpus (24,700 entries from Better BibTeX, Zotero, JabRef,
Mendeley, biber/biblatex test data and hand-kept files):

* entries: how many entry blocks the file has, how many became records, how many were
  recovered with a warning, how many are kept verbatim only (reported as problems), and
  how many are **lost** (in neither the records nor bib -> bib output);
* bib -> bib (``citekeeper convert a.bib b.bib``): entries whose text changed, and
  **keys rewritten** — a key as written that is unique in its file (case-sensitively,
  as biber reads keys) but comes out different;
* bib -> CSL-JSON -> bib: **core fields changed** (type, names, title, container, date,
  volume, issue, pages, publisher, place, DOI, URL, ISBN, ISSN, edition, series, genre,
  number), compared as records read from the first and the last .bib; and how many
  non-core fields (``Reference.extra``: keywords, file, timestamps …) survive;
* optionally (``--render``) the bibliography in a few styles through ``citekeeper
  render``'s API, counting entries whose text still has LaTeX (``\\macro``, braces, ``$``).

    python3 benchmarks/convert/measure_realbib.py [--corpus ../shared/realbib] [--render]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import bibtexparser

from citekeeper import formats
from citekeeper.formats import bibtex, csljson
from citekeeper.model import Reference

CORE = ("title", "container-title", "volume", "issue", "page", "publisher", "publisher-place", "DOI",
        "URL", "ISBN", "ISSN", "edition", "collection-title", "genre", "number")
_ENTRY_HEAD = re.compile(r"^[ \t]*@[ \t]*(?!string\b|preamble\b|comment\b)([A-Za-z]+)[ \t]*[{(]", re.I | re.M)
_LATEX_LEFT = re.compile(r"\\[A-Za-z]+|[{}$]|\\[\"'`^~=.]")
# Without braces: a literal brace is text ("\\{112\\}" Miller indices), a macro or "$" is not.
_MACRO_LEFT = re.compile(r"\\[A-Za-z]+|\$|\\[\"'`^~=.]")


def _ws(value: object) -> object:
    """TeX reads a newline and tabs inside a value as one space."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _names(ref: Reference, role: str) -> list[str]:
    return [" ".join(f"{n.given} {n.particle} {n.family} {n.suffix} {n.literal}".split())
            for n in ref.names.get(role, [])]


def core(ref: Reference) -> dict[str, str]:
    out = {k: ref.get(k) for k in CORE if ref.get(k)}
    out["type"] = ref.type
    for role in ("author", "editor"):
        if ref.names.get(role):
            out[role] = "; ".join(_names(ref, role))
    if ref.issued:
        out["issued"] = ref.issued.iso()
    return out


def measure_file(path: Path, out_dir: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8", errors="replace")
    heads = len(_ENTRY_HEAD.findall(text))
    result = formats.read_file(path)
    refs = result.references
    as_read = [r.id for r in refs]
    # keys unique (case-sensitively) within the file, as written
    counts = Counter(as_read)
    # bib -> bib
    t0 = time.perf_counter()
    exported = formats.export([path], "biblatex")
    t_bib = time.perf_counter() - t0
    out_text = exported.text
    out_heads = len(_ENTRY_HEAD.findall(out_text))
    out_keys = [r.id for r in exported.references]
    rewritten = sum(1 for a, b in zip(as_read, out_keys, strict=True) if a and counts[a] == 1 and a != b)
    changed_text = sum(1 for r in exported.references
                       if r.verbatim is not None and r.verbatim.text.strip() not in out_text)
    # bib -> CSL-JSON -> bib
    first = bibtex.loads(text, file=str(path)).references
    js = csljson.dumps(first, with_origin=False)
    middle = csljson.loads(js)
    last = bibtex.loads(bibtex.dumps(middle)).references
    fields = changed = 0
    examples: list[str] = []
    by_field: Counter[str] = Counter()
    for a, c in zip(first, last, strict=False):
        ca, cc = core(a), core(c)
        for k in set(ca) | set(cc):
            fields += 1
            if ca.get(k) != cc.get(k):
                changed += 1
                by_field[k] += 1
                if by_field[k] <= 2:
                    examples.append(f"{a.id} {k}: {ca.get(k)!r} -> {cc.get(k)!r}")
    extra_in = sum(len(r.extra) + len(r.identifiers) for r in first)
    extra_out = sum(len([k for k in c.extra if k in a.extra and _ws(c.extra[k]) == _ws(a.extra[k])])
                    + len([k for k in c.identifiers if a.identifiers.get(k) == c.identifiers[k]])
                    for a, c in zip(first, last, strict=False))
    lib = bibtexparser.parse_string(out_text)
    return {
        "file": path.name, "entries": heads, "records": len(refs), "failed_kept": len(result.failed),
        "recovered_warnings": sum("read leniently" in w or "repeated" in w for w in result.warnings),
        "lost": max(0, heads - out_heads), "out_entries": out_heads,
        "keys_rewritten": rewritten, "keys_suffixed": sum("already used" in w for w in exported.warnings),
        "keys_new": sum("no key" in w or "cannot be a citation key" in w for w in exported.warnings),
        "bib_text_changed": changed_text, "bib_out_failed_blocks": len(lib.failed_blocks),
        "core_fields": fields, "core_changed": changed, "extra_in": extra_in, "extra_kept": extra_out,
        "undefined_macros": sum("undefined macro" in w for w in result.warnings),
        "seconds_bib_to_bib": round(t_bib, 3), "examples": examples, "changed_by_field": dict(by_field),
    }


def measure_render(paths: list[Path], styles: list[str]) -> dict[str, object]:
    from citekeeper.render.api import render_bibliography

    out: dict[str, object] = {}
    for style in styles:
        bad = total = macros = 0
        samples: list[str] = []
        for path in paths:
            try:
                entries, _ = render_bibliography([path], style)
            except Exception as exc:  # a benchmark reports, it does not stop
                samples.append(f"{path.name}: {type(exc).__name__}: {exc}")
                continue
            total += len(entries)
            for e in entries:
                if _LATEX_LEFT.search(e):
                    bad += 1
                    macros += bool(_MACRO_LEFT.search(e))
                    samples.append(f"{path.name}: {e[:300]}")
        out[style] = {"entries": total, "with_latex": bad, "with_macro_or_dollar": macros, "samples": samples}
    return out


def _print_render(rendered: dict[str, object], latex_out: Path | None) -> int:
    every: list[str] = []
    for style, v in rendered.items():
        print(f"render {style}: {v['with_latex']} of {v['entries']} entries have a brace, macro or $;"  # type: ignore[index]
              f" {v['with_macro_or_dollar']} a macro or $")  # type: ignore[index]
        for s in v["samples"][:12]:  # type: ignore[index]
            print("   ", s)
        every += [f"{style}\t{s}" for s in v["samples"]]  # type: ignore[index]
    if latex_out:
        latex_out.write_text("\n".join(every) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "realbib")
    ap.add_argument("--render", action="store_true", help="also render in apa, chicago, ieee")
    ap.add_argument("--render-only", action="store_true", help="only the --render count (no round trips)")
    ap.add_argument("--latex-out", type=Path, help="write every rendered entry with LaTeX left here")
    ap.add_argument("--json", type=Path, help="write the per-file numbers here")
    ap.add_argument("--examples", type=int, default=3, help="changed fields shown per file")
    args = ap.parse_args(argv)
    paths = sorted(args.corpus.glob("*.bib"))
    if args.render_only:
        return _print_render(measure_render(paths, ["apa", "chicago-author-date", "ieee"]), args.latex_out)
    rows = [measure_file(p, Path("/tmp")) for p in paths]
    keys = ("entries", "records", "failed_kept", "recovered_warnings", "lost", "keys_rewritten", "keys_suffixed",
            "keys_new", "bib_text_changed", "bib_out_failed_blocks", "core_fields", "core_changed", "extra_in",
            "extra_kept", "undefined_macros")
    total = {k: sum(int(r[k]) for r in rows) for k in keys}  # type: ignore[call-overload]
    print(f"{'file':44} " + " ".join(f"{k[:9]:>9}" for k in keys))
    for r in rows:
        print(f"{str(r['file'])[:44]:44} " + " ".join(f"{r[k]:>9}" for k in keys))
    print(f"{'TOTAL':44} " + " ".join(f"{total[k]:>9}" for k in keys))
    pct = 100 * total["core_changed"] / max(1, total["core_fields"])
    print(f"\ncore fields changed bib -> CSL-JSON -> bib: {total['core_changed']} / {total['core_fields']}"
          f" = {pct:.2f}%")
    print(f"non-core fields kept: {total['extra_kept']} / {total['extra_in']}")
    by_field: Counter[str] = Counter()
    for r in rows:
        by_field.update(r["changed_by_field"])  # type: ignore[arg-type]
    print("changed, by field:", dict(by_field.most_common()))
    for r in rows:
        for e in r["examples"][: args.examples]:  # type: ignore[index]
            print(f"  {r['file']}: {e}")
    report: dict[str, object] = {"files": rows, "total": total, "core_changed_pct": round(pct, 3)}
    if args.render:
        rendered = measure_render(paths, ["apa", "chicago-author-date", "ieee"])
        report["render"] = rendered
        _print_render(rendered, args.latex_out)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

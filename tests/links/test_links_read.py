"""A large .bib read for its links only (``parallel.LinksRead``, ``formats.bibtex.links_of``)
gives what the projected reader gives: the same targets, citations (keys, lines, fields,
dates), captures, unparsed blocks, problems and warnings, and so the same reports."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from linkservers import LocalWeb

from citekeeper.formats import bibtex
from citekeeper.links import parallel, report, runner
from citekeeper.links.collect import Collector
from citekeeper.links.runner import CheckOptions, check_files

TESTS = Path(__file__).resolve().parents[1]

# Each is a block the links-only path must read exactly as the reader does: plain entries,
# and every way an entry can be one it hands to the reader.
HARD = {
    "plain": "@misc{a,\n  title = {A},\n  url = {https://ex.org/a},\n  urldate = {2021-03-04},\n  year = 2019\n}\n",
    "tex escapes": "@online{b, url = {https://ex.org/a\\_b\\%20c}, date = {2020-05}}\n",
    "url macro": "@misc{c, howpublished = {\\url{https://ex.org/how}}, year = {2001}, month = mar}\n",
    "decoded howpublished": "@misc{c2, howpublished = {\\textit{https://ex.org/it}}}\n",
    "doi and resolver": "@article{d,\n  doi = {10.1234/ABC.5},\n  url = {https://doi.org/10.1234/abc.5},\n"
                        "  note = {see https://ex.org/other and 10.5555/xyz}\n}\n",
    "second url in note": "@book{e,\n  url = {http://ex.org/e},\n  note = {Also http://ex.org/e2.}\n}\n",
    "credentials": "@misc{f, url = {http://user:pw@ex.org/f}}\n",
    "capture": "@misc{g, url = {https://web.archive.org/web/20200101000000/http://ex.org/g}, urldate = {2019}}\n",
    "repeated field": "@misc{h,\n  url = {https://ex.org/h1},\n  url = {https://ex.org/h2}\n}\n",
    "undefined macro": "@article{i, journal = IEEE_J_X, url = {https://ex.org/i}}\n",
    "concatenation": "@misc{j, title = {A} # { B}, url = \"https://ex.org/j\"}\n",
    "month macro": "@misc{k, year = 2010, month = jan, day = {7}, url = {https://ex.org/k}}\n",
    "commented field": "@misc{l,\n  url = {https://ex.org/l},\n% url = {https://ex.org/l-old},\n"
                       "  year = {2000}\n}\n",
    "broken brace": "@article{m, title = {x\n  url = {https://ex.org/m}\n\n",
    "parentheses": "@misc(n, url = {https://ex.org/n}, lastchecked = {2022-02-02})\n",
    "keyless": "@article{,\n  url = {https://ex.org/keyless}\n}\n",
    "comment between": "% https://ex.org/in-a-comment\n@comment{https://ex.org/c2}\n"
                       "Free text with @ and https://ex.org/free\n",
    "commented entry": "%@misc{o, url = {https://ex.org/o}}\n",
    "preamble": "@preamble{\"\\newcommand{\\x}{https://ex.org/pre}\"}\n",
    "edtf and ranges": "@misc{p, date = {2019/2020}, urldate = {2021-05~}, url = {https://ex.org/p}}\n",
    "year range": "@misc{q, year = {1998--1999}, url = {https://ex.org/q}}\n",
    "nested braces": "@misc{r, title = {{The {DNA} of {\\em it}}}, url = {{https://ex.org/r}}}\n",
    "empty url": "@misc{s, url = {  }, doi = {}, howpublished = {https://ex.org/s}}\n",
    "unicode": "@misc{t, title = {Über}, url = {https://ex.org/ü?q=1#frag}}\n",
}


def _links_read(path: str, text: str, chars: int = 64) -> parallel.Piece:
    reader = parallel.LinksRead(path, text, Collector())
    while reader.read(chars) is not None:  # small slices: every cut between blocks is taken
        pass
    return reader.piece()


def _reader(path: str, text: str) -> parallel.Piece:
    """The full read (``bibtex.loads`` with every field, as ``formats.read_file`` reads a .bib)."""
    bib = bibtex.loads(text, file=path)
    c = Collector()
    for ref in bib.references:
        c.add(ref)
    for b in bib.failed:
        c.add_text(f"(unparsed block at line {b.line})", b.file or path, b.line, b.raw)
    return parallel.Piece(c.state(), len(bib.failed), [str(p) for p in bib.problems], bib.warnings)


def _same(a: parallel.Piece, b: parallel.Piece) -> None:
    assert a.collected == b.collected
    assert (a.unparsed, a.problems + a.warnings) == (b.unparsed, b.problems + b.warnings)


@pytest.mark.parametrize("name", sorted(HARD))
def test_each_kind_of_block_is_read_as_the_reader_reads_it(name: str) -> None:
    text = HARD[name]
    _same(_links_read("x.bib", text), _reader("x.bib", text))
    # and amid other entries, lines and all (the reader's lines are the file's)
    around = HARD["plain"] + "\n" + text + "\n" + HARD["second url in note"].replace("{e,", "{e9,")
    _same(_links_read("x.bib", around), _reader("x.bib", around))


def test_all_kinds_together_in_one_file() -> None:
    text = "\n".join(HARD[k] for k in sorted(HARD))
    piece = _links_read("all.bib", text)
    _same(piece, _reader("all.bib", text))
    said = "\n".join(piece.warnings)
    assert "repeated" in said and "undefined macro" in said  # the reader's warnings, with their lines


def test_plain_entries_take_the_links_only_path() -> None:
    plain = [x for x in bibtex.links_of(HARD["plain"] + HARD["month macro"]) if isinstance(x, tuple)]
    assert [x[0] for x in plain] == ["a", "k"]
    for name in ("repeated field", "undefined macro", "broken brace"):
        assert not any(isinstance(x, tuple) for x in bibtex.links_of(HARD[name])), name


def test_a_string_definition_is_refused() -> None:
    with pytest.raises(ValueError, match="@string"):
        list(bibtex.links_of('@string{x = "https://ex.org/"}\n' + HARD["plain"], "s.bib"))


@pytest.mark.parametrize("path", sorted(TESTS.rglob("*.bib")), ids=lambda p: p.name)
def test_every_test_bib(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    if "\r" in text or parallel.depends(text):
        pytest.skip("read in full by check (runner._links_only)")
    _same(_links_read(str(path), text, 4096), _reader(str(path), text))


# ---------------------------------------------------------------------- whole reports
def _big(tmp_path: Path, web: LocalWeb) -> Path:
    parts = []
    for i in range(120):
        url = web.url("/404") if i % 11 == 0 else web.url(f"/ok/lr-{i}")
        parts.append(f"@misc{{e{i},\n  title = {{Entry {i}}},\n  url = {{{url}}},\n"
                     f"  urldate = {{2021-0{1 + i % 9}-01}}\n}}\n\n")
        if i % 40 == 5:
            parts.append(f"@article{{r{i},\n  url = {{{web.url('/ok/r1')}}},\n  url = {{{web.url('/ok/r2')}}}\n}}\n\n")
            parts.append(f"% {web.url('/ok/in-comment')}\n\n")
            parts.append(f"@misc{{m{i}, journal = UNDEF, doi = {{10.5555/ok}}, note = {{{web.url('/410')}}}}}\n\n")
    parts.append("@article{broken, title = {x\n  url = {" + web.url("/410") + "}\n\n")
    p = tmp_path / "big.bib"
    p.write_text("".join(parts))
    return p


def _rendered(r: runner.Report) -> list[str]:
    out = [re.sub(r'"elapsed_s": [0-9.]+', "", report.render_json(r)),
           re.sub(r'time="[0-9.]+"', "", report.render_junit(r)), report.render_github(r)]
    return out


def test_reports_are_those_of_the_reading_workers(web: LocalWeb, options: CheckOptions, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    p = _big(tmp_path, web)
    two = dataclasses.replace(options, jobs=2)
    whole = check_files([p], dataclasses.replace(options, jobs=1))  # read in full, one process
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1024)  # make this small file "large"
    links_only = check_files([p], two)
    assert _rendered(links_only) == _rendered(whole)  # requests counted too: no link in a comment checked
    assert links_only.warnings == whole.warnings and len(whole.warnings) == 7
    assert links_only.exit_code == whole.exit_code == 1
    assert any(f.citation.line and f.citation.line > 300 for f in links_only.findings)
    monkeypatch.setattr(runner, "_links_only", lambda run, paths, max_bytes: {})  # the workers read it
    workers = check_files([p], two)
    assert [f.to_json() for f in workers.findings] == [f.to_json() for f in links_only.findings]


def test_a_file_with_macros_is_read_in_full(web: LocalWeb, options: CheckOptions, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    p = _big(tmp_path, web)
    p.write_text(f'@string{{UNDEF = "{web.url("/ok/macro")}"}}\n\n' + p.read_text())
    whole = check_files([p], dataclasses.replace(options, jobs=1))
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1024)
    two = check_files([p], dataclasses.replace(options, jobs=2))
    assert [f.to_json() for f in two.findings] == [f.to_json() for f in whole.findings]
    assert two.warnings == whole.warnings and not any("UNDEF" in w for w in two.warnings)



def test_an_entry_that_depends_on_another_reads_the_file_in_full() -> None:
    # "@string" in the middle of a line, after a broken entry, which ``parallel.depends``
    # (a line's start only) misses: the same links and warnings as the full read.
    text = (HARD["plain"] + '@article{m, title = {x\n  url = {https://ex.org/m}\n } @string{site = "https://ex.org/s"}\n\n'
            + "@misc{u, url = site}\n" + HARD["month macro"])
    assert not parallel.depends(text)
    piece = _links_read("d.bib", text)
    _same(piece, _reader("d.bib", text))
    # a crossref met by the links-only read itself (the runner's text test would have seen
    # this one): ``LinksRead`` starts again with the whole file read in full
    text = HARD["plain"] + "@misc{child, crossref = {a}, note = {x}}\n" + HARD["second url in note"]
    reader = parallel.LinksRead("c.bib", text, Collector())
    first = reader.read(1 << 20)
    assert first is not None and ("url", "http://ex.org/e2") in first and reader.read(1) is None
    _same(reader.piece(), _reader("c.bib", text))


def test_the_first_links_are_urls_the_full_read_gives_as_written() -> None:
    text = "\n".join(HARD[k] for k in sorted(HARD))
    a, b = runner._first_urls(text, (len(text) // 2, len(text)))
    keys = {t.cache_key for t in a + b}
    assert a and b and not {t.cache_key for t in a} & {t.cache_key for t in b}
    full = _reader("all.bib", text).collected[0]
    assert keys <= {f"{kind}:{value}" for kind, value in full}
    assert keys == {"url:https://ex.org/a", "url:https://ex.org/k", "url:https://ex.org/i", "url:https://ex.org/j",
                    "url:https://ex.org/n", "url:http://ex.org/e", "url:https://ex.org/p", "url:https://ex.org/q",
                    "url:https://ex.org/l", "url:https://ex.org/keyless"}  # none with TeX, '#', '@', '/10.', '/web/'
    assert list(runner._first_urls(text, (0,))) == [[]]

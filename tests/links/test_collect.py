"""Collecting targets: DOI forms, de-duplication, and the fast .bib reading."""

from __future__ import annotations

from pathlib import Path

from citekeeper.formats import read_references
from citekeeper.links.collect import clean_url, collect
from citekeeper.model import Date, Origin, Reference

BIB = """@article{a,
  author = {Doe, Jane},
  title = {On {Things}},
  doi = {10.1000/ABC},
  url = {https://doi.org/10.1000/abc},
  year = {2019}
}

@online{b,
  title = {Page},
  url = {https://example.org/page},
  urldate = {2021-11-30},
  date = {2018-05}
}

@misc{c,
  howpublished = {https://example.org/other},
  year = 2015,
}

@misc{d,
  title = {Cap},
  url = {https://web.archive.org/web/20100615000000/http://example.org/gone}
}
"""


def test_targets_from_references() -> None:
    r1 = Reference(id="x", origin=Origin("file", file="f.bib", line_start=3))
    r1.fields.update(DOI="doi:10.1000/X", URL="https://dx.doi.org/10.1000/x")
    r2 = Reference(id="y")
    r2.fields["URL"] = "https://example.org"
    r2.dates["accessed"] = Date(2020, 1, 2)
    r3 = Reference(id="z")
    r3.fields["URL"] = "https://www.doi.org/10.1000/x"
    targets = collect([r1, r2, r3])
    assert [(t.kind, t.target) for t in targets] == [("doi", "10.1000/x"), ("url", "https://example.org")]
    assert [c.key for c in targets[0].citations] == ["x", "z"]
    assert targets[1].citations[0].accessed == "2020-01-02"


def test_targets_from_a_bib_file_with_the_line_of_each_field(tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text(BIB)
    got = collect(read_references(p))
    assert [(t.kind, t.target) for t in got] == [
        ("doi", "10.1000/abc"), ("url", "https://example.org/page"), ("url", "https://example.org/other"),
        ("url", "https://web.archive.org/web/20100615000000/http://example.org/gone")]
    assert [c.line for t in got for c in t.citations] == [4, 11, 17, 23]
    cap = got[-1]
    assert cap.original == "http://example.org/gone" and cap.capture == "20100615000000"


def test_macros_are_expanded_by_the_reader(tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text('@string{base = "https://ex.org/"}\n@misc{a, url = base # "x"}\n')
    assert [t.target for t in collect(read_references(p))] == ["https://ex.org/x"]


def test_every_url_and_doi_of_an_entry(tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text("@misc{a,\n  url = {https://ex.org/one},\n"
                 "  note = {Mirror: \\url{https://mirror.ex.org/one}. See doi:10.5555/Second.},\n"
                 "  howpublished = {\\url{https://ex.org/three}}\n}\n")
    got = [(t.kind, t.target, t.citations[0].line) for t in collect(read_references(p))]
    assert got == [("url", "https://ex.org/one", 2), ("url", "https://mirror.ex.org/one", 3),
                   ("doi", "10.5555/second", 3), ("url", "https://ex.org/three", 4)]


def test_links_of_unparsed_references_are_kept() -> None:
    from citekeeper.links.collect import Collector

    c = Collector()
    c.add_text("?", "refs.bib", 10, "@article{broken, title = {x\n  url = {https://ex.org/lost},"
                                      "\n doi = {10.5555/lost}\n")
    assert [(t.kind, t.target, t.citations[0].line) for t in c.targets()] == [
        ("url", "https://ex.org/lost", 11), ("doi", "10.5555/lost", 12)]
    r = Reference(id="raw", raw="Smith (2020). Something https://ex.org/a, https://ex.org/b. doi:10.5555/c",
                  parsed=False)
    assert [t.target for t in collect([r])] == ["https://ex.org/a", "https://ex.org/b", "10.5555/c"]


def test_credentials_are_redacted_in_targets() -> None:
    r = Reference(id="x")
    r.fields["URL"] = "https://user:s3cret@ex.org/private"
    t = collect([r])[0]
    assert t.target == "https://***@ex.org/private" and t.fetch_url == "https://user:s3cret@ex.org/private"
    assert "s3cret" not in repr(t)


def test_tex_escapes_in_urls_are_undone() -> None:
    r = Reference(id="x")
    r.fields["URL"] = "https://example.org/a\\_b\\%20c"
    assert collect([r])[0].target == "https://example.org/a_b%20c"
    assert clean_url("\\url{https://ex.org/x\\#y}") == "https://ex.org/x#y"


def test_fragments_are_one_target_shown_without_the_fragment() -> None:
    refs = [Reference(id=k, fields={"URL": u}) for k, u in
            (("a", "https://example.org/p"), ("b", "https://example.org/p#sec-2"), ("c", "https://example.org/p#"))]
    targets = collect(refs)
    assert [t.target for t in targets] == ["https://example.org/p"]
    assert [c.key for c in targets[0].citations] == ["a", "b", "c"]


def test_a_record_without_text_has_its_string_fields_scanned() -> None:
    ref = Reference(id="r", fields={"URL": "https://example.org/a", "note": "see https://example.org/n."},
                    extra={"ris.L1": ["https://example.org/l1.pdf", "internal-pdf://x.pdf"]})
    assert [t.target for t in collect([ref])] == [
        "https://example.org/a", "https://example.org/n", "https://example.org/l1.pdf"]


def _scan_as_a_collector(texts: list[str], resolvers: frozenset[str], mode: str) -> list[tuple]:
    """What the text scan gave before ``Scout``: a ``Collector``'s new targets per text,
    with the runner's ``follow`` rule for DOIs."""
    from citekeeper.links.collect import Collector

    c = Collector(resolvers)
    out = []
    for text in texts:
        for k in c.add_text("", "x.bib", None, text):
            t = c.target(k)
            follow = t.kind == "doi" and (mode == "all" or (mode == "url" and any(x.field == "URL" for x in t.citations)))
            out.append((t.kind, t.target, follow, t.fetch_url, t.cache_key if not follow else f"doi+landing:{t.target}"))
    return out


def test_the_scout_finds_what_a_collector_finds_in_the_same_text() -> None:
    from citekeeper.links.collect import Scout

    texts = [
        "see https://ex.org/a#part and https://ex.org/a#other, 10.1234/abc.5 and https://doi.org/10.1234/ABC.5\n"
        "http://user:pw@ex.org/private?x=1 then http://user:pw2@ex.org/private?x=1 (twice)\n",
        "https://resolver.example/10.5555/q1 bare 10.5555/q2; again https://ex.org/a and 10.5555/Q2.\n"
        "\\url{https://ex.org/tex\\_escaped} web.archive.org/web/2010/https://ex.org/x "
        "https://web.archive.org/web/20100101000000/https://ex.org/x\n",
        "10.9999/only-bare https://doi.org/10.9999/only-bare http://[::1]:8/v6 https://ex.org/é?q=ü#frag\n",
        "",
    ]
    resolvers = frozenset({"https://resolver.example"})
    for mode in ("url", "all", "none"):
        scout = Scout(resolvers, mode)
        got = [(t.kind, t.target, t.follow, t.fetch_url, t.cache_key) for text in texts for t in scout.scan(text)]
        assert got == _scan_as_a_collector(texts, resolvers, mode)
        assert len(got) >= 10


def test_the_scout_agrees_with_a_collector_on_real_bibliographies() -> None:
    from citekeeper.links.collect import Scout

    data = Path(__file__).parents[1] / "formats" / "data" / "realbib"
    files = sorted(data.glob("*.bib"))
    assert files
    for p in files:
        text = p.read_text(encoding="utf-8", errors="replace")
        pieces = [text[i:i + 4096] for i in range(0, len(text), 4096)]  # cut anywhere, as slices may be
        scout = Scout(frozenset(), "url")
        got = [(t.kind, t.target, t.follow, t.fetch_url, t.cache_key) for piece in pieces for t in scout.scan(piece)]
        assert got == _scan_as_a_collector(pieces, frozenset(), "url"), p.name

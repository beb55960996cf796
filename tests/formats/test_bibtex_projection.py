"""A projected read (``bibtex.loads(text, fields=...)``, ``read_file(path, fields=...)``) is
the full read restricted to its fields, entry by entry, on real files and on the cases
that decide a URL, DOI or date: ``@string`` macros, ``crossref``/``xdata`` inheritance,
``howpublished``, comments, failed and leniently read blocks, CRLF, footnote origins.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper import formats
from citekeeper.formats import bibtex

DATA = Path(__file__).parent / "data"
REAL = [*sorted((DATA / "realbib").glob("*.bib")), DATA / "zotero-bbt.bib"]
LINKS = frozenset({"URL", "DOI", "issued", "accessed"})

EDGES = r"""% a comment line with an @ sign: user@example.org
@string{ base = "https://example.org/" }
@string{ jan = {January} }
@comment{ @misc{commented, url = {https://commented.example/} } }

@online{macro,
  title = {A {URL} built from a macro},
  url = base # "a/b",
  urldate = {2020-01-05},
  date = {2019-12~},
}

@proceedings{parent,
  title = {The Parent},
  url = {https://parent.example/},
  urldate = {2001-02-03},
  year = 2001,
  month = jan,
}

@inproceedings{child,
  author = {Doe, Jane},
  title = {The Child},
  crossref = {parent},
}

@xdata{shared,
  doi = {https://doi.org/10.1234/ABC.def.},
  lastchecked = {2015-06-07},
}

@article{usesxdata,
  title = {Uses xdata},
  xdata = {shared},
  year = {2010},
}

@misc{howpub,
  title = {Only howpublished},
  howpublished = {\url{https://how.example/x\_y}},
}

@misc{nestedhowpub,
  howpublished = {{{https://nested.example/}}},
}

@misc{notaurl,
  howpublished = {Printed by \emph{hand}},
  footnote = {12},
}

@misc{twice,
  url = {https://first.example/},
  url = {https://second.example/},
}

@article{broken,
  title = {An unbalanced {brace,
  url = {https://broken.example/},
}

@article{lost
  title = no comma at all and no closing
  doi = 10.1/xyz

@book{undefined,
  title = {Undefined macro},
  url = nomacro,
  year = {1999},
  month = {13},
}
"""


def _same(full: formats.ReadResult | bibtex.BibReadResult, proj: formats.ReadResult | bibtex.BibReadResult) -> None:
    assert [bibtex.projection(r) for r in proj.references] == [bibtex.projection(r) for r in full.references]
    assert [str(p) for p in proj.problems] == [str(p) for p in full.problems]
    assert proj.warnings == full.warnings
    assert proj.blocks == full.blocks
    assert [(b.file, b.line, b.raw, b.reason) for b in proj.failed] == \
        [(b.file, b.line, b.raw, b.reason) for b in full.failed]


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_projection_is_the_full_read_restricted_on_real_files(path: Path) -> None:
    full = formats.read_file(path)
    proj = formats.read_file(path, fields=LINKS)
    assert full.references  # the file was read at all
    _same(full, proj)
    # and it is a projection: what check never reads is not built
    assert not any(r.names or "title" in r.fields for r in proj.references)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_projection_on_macros_inheritance_comments_and_broken_entries(newline: str) -> None:
    text = EDGES.replace("\n", newline)
    full = bibtex.loads(text, file="edges.bib")
    proj = bibtex.loads(text, file="edges.bib", fields=LINKS)
    _same(full, proj)
    by_id = {r.id: r for r in proj.references}
    assert by_id["macro"].url == "https://example.org/a/b"
    assert by_id["macro"].issued is not None and by_id["macro"].issued.iso() == "2019-12~"
    assert by_id["child"].url == "https://parent.example/"  # inherited through crossref
    assert by_id["child"].accessed is not None and by_id["child"].accessed.iso() == "2001-02-03"
    assert by_id["child"].issued is not None and by_id["child"].issued.iso() == "2001-01"
    assert by_id["usesxdata"].doi == "10.1234/ABC.def"  # through xdata, resolver and dot gone
    assert by_id["usesxdata"].accessed is not None and by_id["usesxdata"].accessed.iso() == "2015-06-07"
    assert by_id["howpub"].url == "https://how.example/x_y"
    assert by_id["nestedhowpub"].url == "https://nested.example/"  # a URL once its braces are decoded
    assert by_id["notaurl"].url == "" and by_id["notaurl"].origin.kind == "footnote"
    assert by_id["notaurl"].origin.number == 12
    assert by_id["twice"].url == "https://first.example/"
    assert "broken" in by_id  # read leniently, with a warning
    assert any("'broken'" in w for w in proj.warnings)
    assert any("nomacro" in w for w in proj.warnings)
    assert proj.failed and "10.1/xyz" in proj.failed[0].raw  # kept verbatim, reported
    assert "commented" not in by_id
    assert by_id["macro"].origin.line_start == 6
    assert by_id["macro"].verbatim is not None and by_id["macro"].verbatim.text.startswith("@online{macro,")


def test_fields_the_projection_cannot_build_read_in_full() -> None:
    full = bibtex.loads(EDGES)
    for fields in (frozenset({"URL", "title"}), frozenset({"author"})):
        wide = bibtex.loads(EDGES, fields=fields)
        assert [r.snapshot() for r in wide.references] == [r.snapshot() for r in full.references]


def test_a_projected_record_is_not_written_back() -> None:
    proj = bibtex.loads(EDGES, fields=LINKS)
    with pytest.raises(ValueError, match="projection"):
        bibtex.dumps(proj.references)
    assert "@online{macro," in bibtex.dumps(bibtex.loads(EDGES).references)


def test_other_formats_ignore_the_projection(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text('[{"id": "a", "type": "webpage", "title": "T", "URL": "https://a.example/"}]',
                    encoding="utf-8")
    (ref,) = formats.read_file(path, fields=LINKS).references
    assert ref.url == "https://a.example/" and ref.title == "T"


# entries from "twice" on: a repeated field, a lenient read, a failed block, an undefined macro
PIECES = EDGES[EDGES.index("@misc{twice,"):]


@pytest.mark.parametrize("fields", [None, LINKS])
def test_a_piece_read_from_its_first_line_has_the_files_lines(fields: frozenset[str] | None) -> None:
    whole = bibtex.loads(PIECES, file="p.bib", fields=fields)
    for cut in [i + 1 for i, c in enumerate(PIECES) if c == "\n" and PIECES.startswith("@", i + 1)]:
        head, tail = PIECES[:cut], PIECES[cut:]
        a = bibtex.loads(head, file="p.bib", fields=fields)
        b = bibtex.loads(tail, file="p.bib", fields=fields, first_line=head.count("\n") + 1)
        refs = a.references + b.references
        assert [(r.id, r.origin) for r in refs] == [(r.id, r.origin) for r in whole.references]
        assert sorted(a.warnings + b.warnings) == sorted(whole.warnings)  # a file's lenient reads come first
        assert [str(p) for p in a.problems + b.problems] == [str(p) for p in whole.problems]
        assert [(f.line, f.raw) for f in a.failed + b.failed] == [(f.line, f.raw) for f in whole.failed]
    assert whole.failed and whole.failed[0].line == 11
    assert any(":6:" in w for w in whole.warnings) and any(":15:" in w for w in whole.warnings)

"""Rules that must hold on real libraries: valid dates, shared URLs and DOIs, crossref
children, e-prints.  The entries are written the way Better BibTeX, JabRef, biber's
test data and hand-kept TUGboat-style files write them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from citekeeper.lint import lint_paths
from citekeeper.lint.rules.dates import edtf_problem

TODAY = dt.date(2026, 12, 1)


def _lint(tmp_path: Path, text: str) -> set[tuple[str, str | None]]:
    p = tmp_path / "lib.bib"
    p.write_text(text, encoding="utf-8")
    _, findings = lint_paths([p], today=TODAY)
    return {(f.rule, f.key) for f in findings}


@pytest.mark.parametrize("value", [
    "2019", "2019-05", "2019-05-31", "2019/2020", "2004-03-03/2005-08-09", "1996-01-01/..",
    "../2004-01-01", "/1034", "1034/", "2003-21", "2012-22/2012-23", "2001-01-03T15:00:00",
    "2001-01-03T17:07:34Z", "2001-01-03T17:07:34+05:00", "1034~", "1565?", "1487~/1490",
    "-0379-02", "-0221/-0219", "199X", "1999-XX", "Y17000002", "Y-17000002", "n.d.", "in press",
    "2000-02-29", "-0400-02-29",
])
def test_valid_dates_are_fine(value: str) -> None:
    assert edtf_problem(value) is None


@pytest.mark.parametrize(("value", "problem"), [
    ("1996-13-03", "impossible"), ("1996-10-35", "impossible"), ("2019-02-29", "impossible"),
    ("1900-02-29", "impossible"), ("31.02.2020", "impossible"), ("2019-25", "impossible"),
    ("1.5.1988", "format"), ("1995-1-04", "format"), ("1995-10-4", "format"),
    ("2016-04-07T10:33", "format"), ("Y1700", "format"),
])
def test_bad_dates(value: str, problem: str) -> None:
    assert edtf_problem(value) == problem


def test_dates_in_a_bib(tmp_path: Path) -> None:
    got = _lint(tmp_path, """\
@online{range, title = {A site}, url = {https://ex.org/a}, date = {2004-03-03/2005-08-09}, urldate = {2020-01-01}}
@online{season, title = {A season}, url = {https://ex.org/b}, date = {2012-22/2012-23}, urldate = {2020-01-01}}
@online{bad, title = {A bad one}, url = {https://ex.org/c}, date = {1996-13-03}, urldate = {1.5.1988}}
@article{future, author = {Doe, J.}, title = {Next}, journaltitle = {J}, volume = {1}, pages = {1--2},
  date = {2030}, pubstate = {inpress}}
@article{future2, author = {Doe, J.}, title = {Later}, journaltitle = {J}, volume = {1}, pages = {1--2}, date = {2030}}
""")
    dates = {g for g in got if g[0].startswith("date")}
    assert dates == {("date-impossible", "bad"), ("date-format", "bad"), ("date-issued-future", "future2")}


def test_a_shared_url_is_no_duplicate_when_the_works_differ(tmp_path: Path) -> None:
    """Two articles in one issue's PDF, a journal's home page, a repository, a DOI prefix."""
    got = _lint(tmp_path, """\
@article{a1, author = {Knuth, Donald}, title = {Problems for TeX}, journal = {TUGboat}, year = 1986,
  volume = 7, number = 2, pages = {95--96}, url = {http://www.tug.org/TUGboat/tb07-2/tb15ads.pdf}}
@article{a2, author = {Beebe, Nelson}, title = {Bibliography prettyprinting}, journal = {TUGboat}, year = 1986,
  volume = 7, number = 2, pages = {97--99}, url = {http://www.tug.org/TUGboat/tb07-2/tb15ads.pdf}}
@misc{h1, author = {Roe, A.}, title = {Trade networks in Asia}, year = 2020, url = {https://www.journal.org/}}
@misc{h2, author = {Poe, B.}, title = {Shipping in the Baltic}, year = 2020, url = {https://journal.org}}
@misc{r1, author = {Lee, C.}, title = {A parser}, year = 2021, url = {https://github.com/org/repo}}
@misc{r2, author = {Lee, C.}, title = {A tokenizer}, year = 2021, url = {https://github.com/org/repo}}
@misc{d1, author = {Kim, D.}, title = {One paper}, year = 2019, url = {https://doi.org/10.1109}}
@misc{d2, author = {Kim, D.}, title = {Another paper}, year = 2019, url = {https://doi.org/10.1109}}
@misc{same1, author = {Fox, E.}, title = {The same page}, year = 2018, url = {https://ex.org/page?utm_source=x}}
@misc{same2, author = {Fox, E.}, title = {The same page}, year = 2018, url = {http://www.ex.org/page/}}
""")
    assert {g for g in got if g[0].startswith("duplicate")} == {("duplicate-url", "same2")}


def test_a_book_doi_shared_by_its_chapters_is_no_duplicate(tmp_path: Path) -> None:
    got = _lint(tmp_path, """\
@incollection{c1, author = {Ash, A.}, title = {Early modern trade}, booktitle = {A History},
  publisher = {P}, year = 2010, pages = {1--20}, doi = {10.1000/book.1}}
@incollection{c2, author = {Birch, B.}, title = {Late modern finance}, booktitle = {A History},
  publisher = {P}, year = 2010, pages = {21--40}, doi = {10.1000/book.1}}
@article{x1, author = {Fitzmaurice, G.}, title = {Situated Information Spaces}, journal = {CACM},
  year = 1993, volume = 36, pages = {39--49}, doi = {10.1145/159544.159566}}
@article{x2, author = {Fitzmaurice, G.}, title = {Situated information spaces}, journal = {Communications of the ACM},
  year = 1993, volume = 36, pages = {39--49}, doi = {10.1145/159544.159566}}
""")
    assert {g for g in got if g[0].startswith("duplicate")} == {("duplicate-doi", "x2")}


def test_near_identical_titles_and_versions(tmp_path: Path) -> None:
    got = _lint(tmp_path, """\
@article{j1, author = {Bodlaender, H.}, title = {Improved self-reduction algorithms for graphs with bounded treewidth},
  journal = {DAM}, year = 1994, volume = 54, pages = {101--115}}
@article{j2, author = {Bodlaender, H.}, title = {Improved self-reduction algorithms for graphs with bounded tree-width},
  journal = {DAM}, year = 1994, volume = 54, pages = {101--115}}
@techreport{t1, author = {Bodlaender, H.}, title = {Contraction and treewidth lower bounds}, institution = {Utrecht},
  year = 2004, number = {UU-CS-2004-34}}
@inproceedings{t2, author = {Bodlaender, H.}, title = {Contraction and Treewidth Lower Bounds}, booktitle = {ESA 2004},
  year = 2004, pages = {628--639}}
@article{v1, author = {Anon}, title = {The cover of the issue, page three}, journal = {TUGboat}, year = 1999, number = 1}
@article{v2, author = {Anon}, title = {The cover of the issue, page three}, journal = {TUGboat}, year = 1999, number = 4}
""")
    assert {g for g in got if g[0].startswith("duplicate")} == {("duplicate-title", "j2")}


def test_many_entries_index_finds_each_duplicate(tmp_path: Path) -> None:
    """The blocked index finds a typo'd title at either end among 3,000 entries."""
    rows = [f"@article{{e{i}, author = {{Author{i}, A.}}, title = {{Study number {i} of trade in the region of Asia}}, "
            f"journal = {{J}}, year = {1950 + i % 70}, volume = {i}, pages = {{1--2}}}}\n" for i in range(3000)]
    rows.append("@article{dupA, author = {Author7, A.}, title = {Study number 7 of trade in the region of Asiaa}, "
                "journal = {J}, year = 1957, volume = 7, pages = {1--2}}\n")
    rows.append("@article{dupB, author = {Author8, A.}, title = {Studdy number 8 of trade in the region of Asia}, "
                "journal = {J}, year = 1958, volume = 8, pages = {1--2}}\n")
    got = _lint(tmp_path, "".join(rows))
    assert {g for g in got if g[0].startswith("duplicate")} == {("duplicate-title", "dupA"), ("duplicate-title", "dupB")}


def test_crossref_children_and_eprints(tmp_path: Path) -> None:
    got = _lint(tmp_path, """\
@proceedings{proc, title = {Proceedings of the Fifth Meeting}, publisher = {ACM}, year = 1975, editor = {Ed, E.}}
@inproceedings{child, author = {Green, C.}, title = {A paper}, crossref = {proc}, pages = {1--9}}
@incollection{orphan, author = {Brachman, R.}, title = {On semantic networks}, crossref = {Findler}, pages = {3--50}}
@article{arxiv, author = {Abedi, A.}, title = {Reply to a comment}, date = {2013-08-19}, eprint = {1308.4085},
  eprinttype = {arXiv}}
@article{online, author = {Maynes, D.}, title = {Eyepatch}, journal = {UIST}, year = 2007, doi = {10.1145/1294211.1294219}}
@article{incomplete, author = {Bailey, B.}, title = {Interactive sketching}, year = 1999}
""")
    assert {g for g in got if g[0] == "field-missing"} == {("field-missing", "incomplete")}


def test_doi_fields_and_publisher_urls(tmp_path: Path) -> None:
    p = tmp_path / "lib.bib"
    p.write_text("""\
@article{acm, author = {Ash, A.}, title = {T}, journal = {J}, year = 2006, volume = 1, pages = {1--2},
  doi = {http://doi.acm.org/10.1145/1132736.1132768}}
@article{wiley, author = {Abram, S.}, title = {Time}, journal = {JRAI}, year = 2014, volume = 20, pages = {1--2},
  url = {http://onlinelibrary.wiley.com/doi/10.1111/1467-9655.12097/abstract}}
@misc{minutes, author = {Council}, title = {Minutes of the meeting 2012 on the climate project and partnership},
  year = 2012, url = {https://ex.dk/minutes-of-the-meeting-on-the-climate-project-and-partnership-1748}}
""", encoding="utf-8")
    _, findings = lint_paths([p], today=TODAY)
    fixes = {f.key: (f.rule, f.fix.new if f.fix else None, f.message) for f in findings}
    assert fixes["acm"][:2] == ("doi-as-url", "10.1145/1132736.1132768")
    assert fixes["wiley"][0] == "url-contains-doi" and "doi.org/10.1111/1467-9655.12097;" in fixes["wiley"][2] + ";"
    assert "minutes" not in fixes


def test_style_types_eprints_and_online_magazines_need_no_more(tmp_path: Path) -> None:
    """biblatex-apa's own types, an @online arXiv preprint, a magazine article online."""
    got = _lint(tmp_path, """\
@CONSTITUTION{charter, SOURCE = {unitednations}, TYPE = {charter}, ARTICLE = {1}}
@NAMEONLY{lopez, AUTHOR = {M. E. L\\'opez}}
@online{arXiv:2405.14615, title = {Search for inhomogeneous Meissner screening}, author = {McFadden, R.},
  eprinttype = {arxiv}, eprint = {2405.14615}, date = {2024-05-23}}
@article{yorker, author = {Bustillos, M.}, title = {On video games}, journaltitle = {The New Yorker},
  date = {2013-03-19}, url = {https://www.newyorker.com/books/page-turner/on-video-games}}
@misc{pages4, pages = {3--5}}
@online{noweb, title = {A page}, date = {2020}}
""")
    assert {g for g in got if g[0] == "field-missing"} == {("field-missing", "pages4"), ("field-missing", "noweb")}

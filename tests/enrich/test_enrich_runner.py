"""The enrich run end to end against the look-alikes: found, verified, ambiguous,
mismatched, retracted, completed -- each decision with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from lookalike import Lookalike, options_for

from citekeeper.enrich.outcome import EntryResult
from citekeeper.enrich.runner import EnrichOptions, Report, enrich_files

BIB = r"""% my bibliography
@article{lecun2015,
  author = {LeCun, Yann and Bengio, Yoshua and Hinton, Geoffrey},
  title = {Deep Learning},
  journaltitle = {Nature},
  date = {2015},
}

@article{ioannidis2005,
  author = {Ioannidis, John P. A.},
  title = {Why Most Published Research Findings Are False},
  journaltitle = {PLoS Med.},
  date = {2005},
  volume = {2},
}

@article{hirsch2005,
  author = {Hirsch, J. E.},
  title = {An index to quantify an individual's scientific research output},
  journaltitle = {Proc. Natl. Acad. Sci.},
  date = {2005},
}

@inproceedings{he2016,
  author = {He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian},
  title = {Deep residual learning for image recognition},
  booktitle = {Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition},
  date = {2016},
}

@online{vaswani2017,
  author = {Vaswani, Ashish and Shazeer, Noam},
  title = {Attention is all you need},
  date = {2017},
  eprint = {1706.03762},
  eprinttype = {arxiv},
}

@article{yamada1972,
  author = {Yamada, Taro},
  title = {Sakura no kenkyu: Nihon ni okeru sakura no bunrui},
  journaltitle = {Shokubutsugaku Zasshi},
  date = {1972},
}

@article{hoffmann2020,
  author = {Hoffmann, Lena and Kumar, Ravi},
  title = {Global patterns of tree density and their drivers},
  journaltitle = {Ecography},
  date = {2020},
}

@incollection{hardin2008,
  author = {Hardin, Russell},
  title = {Normative Methodology},
  booktitle = {The Oxford Handbook of Political Methodology},
  date = {2008},
}

@article{chen2019,
  author = {Chen, Wei and Lin, Mei},
  title = {Graph convolutional networks for traffic forecasting},
  date = {2019},
}

@book{kahneman2011,
  author = {Kahneman, Daniel},
  title = {Thinking, Fast and Slow},
  publisher = {Farrar, Straus and Giroux},
  date = {2011},
}

@article{smith2031,
  author = {Smith, Jane},
  title = {A work no registry has heard of at all},
  journaltitle = {Journal of Nowhere},
  date = {2021},
}
"""

DOIS = r"""@article{wakefield1998,
  author = {Wakefield, AJ and Murch, SH},
  title = {Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children},
  journal = {Lancet},
  year = {1998},
  doi = {10.1016/S0140-6736(97)11096-0},
}

@article{obokata2014,
  author = {Obokata, Haruko},
  title = {Stimulus-triggered fate conversion of somatic cells into pluripotency},
  journal = {Nature},
  year = {2014},
  doi = {10.1038/nature12968},
}

@article{okonkwo2014,
  author = {Okonkwo, Maria},
  title = {Systematic analysis of the kinetics of protein turnover in yeast},
  journal = {Science},
  year = {2014},
  doi = {10.1126/science.1259855},
}

@article{ferreira2019,
  author = {Ferreira, Ana},
  title = {Vitamin D supplementation and fracture risk in older adults: a cohort study},
  journal = {BMC Medicine},
  year = {2019},
  doi = {https://doi.org/10.1186/s12916-019-1432-7},
}

@article{ioannidis_typo,
  author = {Ioannidis, John P. A.},
  title = {Why Most Published Research Findings Are False},
  journal = {PLoS Medicine},
  year = {2005},
  doi = {10.1371/journal.pmed.0020125},
}

@incollection{hardin_bookdoi,
  author = {Hardin, Russell},
  title = {Normative Methodology},
  booktitle = {The Oxford Handbook of Political Methodology},
  year = {2008},
  doi = {10.1093/oxfordhb/9780199286546.001.0001},
}

@article{unregistered,
  author = {Ioannidis, John P. A.},
  title = {Why Most Published Research Findings Are False},
  journal = {PLoS Medicine},
  year = {2005},
  doi = {10.1371/journal.pmed.9999999},
}

@article{watson1953,
  author = {Watson, J. D. and Crick, F. H. C.},
  title = {Molecular structure of nucleic acids},
  journal = {Nature},
  year = {1953},
  doi = {10.1038/171737a0},
}

@misc{stuart2014,
  author = {Stuart, Yoel E.},
  title = {Data from: Rapid evolution of a native species following invasion by a congener},
  year = {2014},
  doi = {10.5061/dryad.8515j},
}

@article{jalc,
  author = {Yamada, Taro},
  title = {Sakura no kenkyu},
  year = {1972},
  doi = {10.11501/3141592},
}

@article{cnki,
  author = {Zhang, Wei},
  title = {Zhongguo nongye jingji yanjiu},
  year = {2019},
  doi = {10.3969/j.issn.1000-0000.2019.01.001},
}
"""


def _run(tmp_path: Path, text: str, opts: EnrichOptions, name: str = "refs.bib") -> Report:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return enrich_files([p], opts)


def _by_key(report: Report) -> dict[str, EntryResult]:
    return {e.key: e for e in report.entries}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory, registry: Lookalike) -> dict[str, EntryResult]:
    return _by_key(_run(tmp_path_factory.mktemp("find"), BIB, options_for(registry)))


@pytest.fixture(scope="module")
def verified(tmp_path_factory: pytest.TempPathFactory, registry: Lookalike) -> dict[str, EntryResult]:
    return _by_key(_run(tmp_path_factory.mktemp("verify"), DOIS, options_for(registry)))


@pytest.mark.parametrize(("key", "doi"), [
    ("lecun2015", "10.1038/nature14539"),  # not the 2016 "Deep learning" by Deng
    ("ioannidis2005", "10.1371/journal.pmed.0020124"),  # not the correction notice
    ("hirsch2005", "10.1073/pnas.0507655102"),  # abbreviated journal name
    ("he2016", "10.1109/cvpr.2016.90"),
    ("vaswani2017", "10.48550/arxiv.1706.03762"),  # DataCite, Crossref lacks it
    ("yamada1972", "10.11501/3141592"),  # only OpenAlex knows it
    ("hoffmann2020", "10.1111/ecog.04617"),  # not the 2019 preprint; online first 2019
    ("hardin2008", "10.1093/oxfordhb/9780199286546.003.0002"),  # the chapter, not the book
])
def test_finds_the_right_doi(found: dict[str, EntryResult], key: str, doi: str) -> None:
    e = found[key]
    assert (e.action, e.doi) == ("found", doi), e.to_json()
    assert e.score.value >= 0.9
    assert any(f.rule == "enrich/doi-found" and doi in f.message for f in e.findings)


def test_two_versions_of_one_title_are_ambiguous_and_not_found(found: dict[str, EntryResult]) -> None:
    e = found["chen2019"]
    assert e.action == "ambiguous" and not e.doi
    msg = next(f.message for f in e.findings if f.rule == "enrich/doi-ambiguous")
    assert "10.1145/3292500.3330701" in msg and "10.1109/tits.2019.2935152" in msg


def test_a_review_of_the_book_is_not_the_book(found: dict[str, EntryResult]) -> None:
    e = found["kahneman2011"]
    assert e.action == "not-found" and not e.doi


def test_unknown_work_is_not_found(found: dict[str, EntryResult]) -> None:
    assert found["smith2031"].action == "not-found"


def test_found_entries_get_missing_fields_with_provenance(found: dict[str, EntryResult]) -> None:
    e = found["lecun2015"]
    assert e.completed["volume"] == ("521", "crossref:10.1038/nature14539")
    assert e.completed["issue"][0] == "7553"
    assert e.completed["page"][0] == "436-444"
    assert e.completed["ISSN"][0] == "0028-0836"
    assert "container-title" not in e.completed  # the entry has one: never replaced
    assert "volume" not in found["ioannidis2005"].completed  # the entry has volume 2


def test_retractions_from_the_publisher_and_retraction_watch(verified: dict[str, EntryResult]) -> None:
    e = verified["wakefield1998"]
    assert e.action == "verified"
    [f] = [f for f in e.findings if f.rule == "enrich/retracted"]
    assert f.severity == "error"
    assert "10.1016/s0140-6736(10)60175-4" in f.message and "retraction-watch" in f.message


def test_retraction_known_only_from_the_notice(verified: dict[str, EntryResult]) -> None:
    e = verified["obokata2014"]
    [f] = [f for f in e.findings if f.rule == "enrich/retracted"]
    assert "10.1038/nature13598" in f.message and "retraction-watch" in f.message


def test_correction_and_expression_of_concern(verified: dict[str, EntryResult]) -> None:
    assert [f.rule for f in verified["okonkwo2014"].findings if f.severity != "info"] == ["enrich/corrected"]
    assert [f.rule for f in verified["ferreira2019"].findings if f.severity != "info"] == \
        ["enrich/expression-of-concern"]


def test_typo_doi_resolving_to_another_work_is_a_mismatch_with_both_sides(verified: dict[str, EntryResult]) -> None:
    e = verified["ioannidis_typo"]
    assert e.action == "mismatch"
    err = next(f for f in e.findings if f.rule == "enrich/doi-mismatch" and f.severity == "error")
    assert "Why Most Published Research Findings Are False" in err.message  # cited
    assert "Prevalence of hepatitis B" in err.message  # registered
    assert e.suggested == "10.1371/journal.pmed.0020124"
    assert not e.completed  # nothing from the wrong record


def test_book_doi_for_a_chapter_is_a_mismatch(verified: dict[str, EntryResult]) -> None:
    e = verified["hardin_bookdoi"]
    assert e.action == "mismatch"
    assert any("book" in f.message for f in e.findings if f.rule == "enrich/doi-mismatch")
    assert e.suggested == "10.1093/oxfordhb/9780199286546.003.0002"


def test_unregistered_doi(verified: dict[str, EntryResult]) -> None:
    e = verified["unregistered"]
    assert e.action == "unregistered"
    assert any(f.rule == "enrich/doi-unregistered" and f.severity == "error" for f in e.findings)


def test_right_dois_verify_quietly(verified: dict[str, EntryResult]) -> None:
    for key in ("watson1953", "stuart2014"):
        e = verified[key]
        assert e.action == "verified", e.to_json()
        assert not [f for f in e.findings if f.severity != "info"]
    assert verified["watson1953"].completed["volume"][0] == "171"
    # A DOI of another agency: compared with OpenAlex's record (the title cited without
    # its subtitle); unknown to all three but registered (handle API): not compared, no error.
    assert verified["jalc"].action == "verified" and verified["jalc"].work.source == "openalex"
    assert verified["cnki"].action == "verified" and "another agency" in verified["cnki"].note


def test_report_exit_code_is_one_with_error_findings(tmp_path: Path, opts: EnrichOptions) -> None:
    assert _run(tmp_path, DOIS, opts).exit_code == 1
    clean = BIB.split("@article{ioannidis2005")[0]
    assert _run(tmp_path, clean, opts, "clean.bib").exit_code == 0

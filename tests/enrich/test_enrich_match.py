"""The matcher's rules one by one: what agrees, what contradicts, and the verdicts."""

from __future__ import annotations

import pytest
from lookalike import Seed, crossref_work, update
from seeds import SEEDS

from citekeeper.enrich.match import (
    choose,
    container_agrees,
    fold,
    score,
    title_similarity,
    verify,
)
from citekeeper.enrich.works import from_crossref
from citekeeper.model import Date, Name, Reference


def ref(title: str, family: str = "LeCun", year: int | None = 2015, container: str = "",
        type: str = "article-journal", **fields: str) -> Reference:
    r = Reference(type=type, fields={"title": title, **fields},
                  names={"author": [Name(family, "A.")]} if family else {},
                  dates={"issued": Date(year)} if year else {})
    if container:
        r.fields["container-title"] = container
    return r


def work(doi: str) -> object:
    [s] = [s for s in SEEDS if s.doi == doi]
    return from_crossref(crossref_work(s))


LECUN = "10.1038/nature14539"


def test_fold_removes_latex_accents_and_punctuation() -> None:
    assert fold(r"{D}eep {L}earning: the \emph{Review}") == "deep learning the review"
    assert fold("Müller–Lyer illusion") == "muller lyer illusion"


def test_title_similarity_ignores_case_order_and_a_missing_subtitle() -> None:
    assert title_similarity("DEEP LEARNING", ("Deep learning",)) == 1.0
    assert title_similarity("Learning, deep", ("Deep learning",)) == 1.0
    long = "Molecular Structure of Nucleic Acids: A Structure for Deoxyribose Nucleic Acid"
    assert title_similarity("Molecular structure of nucleic acids", (long,)) >= 0.95
    # A short title inside a longer one is not the same work.
    assert title_similarity("Deep learning", ("Deep learning in medicine: a review",)) < 0.8
    # ... but a title cited without its subtitle is (the registry may keep them together).
    assert title_similarity("Sakura no kenkyu", ("Sakura no kenkyu: Nihon no sakura",)) == 1.0


@pytest.mark.parametrize(("cited", "registered", "agree"), [
    ("J. Appl. Phys.", "Journal of Applied Physics", True),
    ("PNAS", "Proceedings of the National Academy of Sciences", True),
    ("Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition",
     "2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)", True),
    ("Journal of Applied Physics", "Journal of Applied Polymer Science", False),
    ("Nature", "Nature Communications", False),
    ("The Lancet", "Lancet", True),
])
def test_container_names(cited: str, registered: str, agree: bool) -> None:
    assert container_agrees(cited, (registered,)) is agree


def test_accept_needs_author_year_and_title() -> None:
    w = work(LECUN)
    assert score(ref("Deep learning", container="Nature"), w).accepted
    assert not score(ref("Deep learning", family="Deng"), w).accepted  # another first author
    assert not score(ref("Deep learning", year=2012), w).accepted  # three years off
    assert score(ref("Deep learning", year=2016), w).accepted  # one year: online first
    assert not score(ref("Deep learning", container="Nature Reviews Neuroscience"), w).accepted
    assert not score(ref("Deep learning", volume="520"), w).accepted
    assert not score(ref("Deep learning", page="501-510"), w).accepted
    s = score(ref("Deep learning", container="Nature"), w)
    assert "first author 'LeCun' agrees" in s.reasons and "year 2015" in s.reasons


def test_without_a_year_the_title_must_be_near_exact_and_two_signals_agree() -> None:
    w = work(LECUN)
    assert score(ref("Deep learning", year=None, container="Nature"), w).accepted
    assert not score(ref("Deep learning", year=None), w).accepted  # only the author


def test_notices_reviews_and_preprints_are_never_the_cited_work() -> None:
    notice = work("10.1371/journal.pmed.1004085")
    s = score(ref("Correction: Why Most Published Research Findings Are False", family="Staff", year=2022), notice)
    assert s.accepted  # citing the notice itself is fine
    s = score(ref("Why Most Published Research Findings Are False", family="Staff", year=2022), notice)
    assert not s.accepted and any("notice" in c for c in s.contradictions)
    review = work("10.1257/jel.50.4.1080")
    s = score(ref("Psychologists at the gate: a review of Daniel Kahneman's Thinking, fast and slow",
                  family="Shleifer", year=2012), review)
    assert any("review" in c for c in s.contradictions)
    preprint = work("10.1101/2019.12.10.871962")
    assert not score(ref("Global patterns of tree density and their drivers", family="Hoffmann", year=2020),
                     preprint).accepted


def test_book_and_chapter_are_told_apart() -> None:
    book, chapter = work("10.1093/oxfordhb/9780199286546.001.0001"), work("10.1093/oxfordhb/9780199286546.003.0002")
    cited = ref("Normative Methodology", family="Hardin", year=2008, type="chapter",
                container="The Oxford Handbook of Political Methodology")
    assert choose(cited, [book, chapter]).work is chapter
    v = verify(cited, book)
    assert v.status == "other" and "book" in v.reason


def test_two_close_candidates_are_ambiguous() -> None:
    a, b = work("10.1145/3292500.3330701"), work("10.1109/tits.2019.2935152")
    cited = ref("Graph convolutional networks for traffic forecasting", family="Chen", year=2019)
    c = choose(cited, [a, b])
    assert c.status == "ambiguous" and c.work is None
    # The container decides when the entry has one.
    cited.fields["container-title"] = "IEEE Trans. Intell. Transp. Syst."
    assert choose(cited, [a, b]).work is b


def test_verify_is_lenient_with_the_same_work_and_firm_with_another() -> None:
    w = work("10.1371/journal.pmed.0020124")
    assert verify(ref("Why most published research findings are false", family="Ioannidis", year=2005), w).status == "same"
    other = work("10.1371/journal.pmed.0020125")
    v = verify(ref("Why most published research findings are false", family="Ioannidis", year=2005), other)
    assert v.status == "other"
    # A translated or reworded title by the right author and year is doubtful, not wrong.
    v = verify(ref("Why many published research results are wrong", family="Ioannidis", year=2005), w)
    assert v.status == "doubtful"


def test_relation_and_updated_by_become_notices() -> None:
    s = Seed("10.5555/r", "A retracted work", [("A", "B")], 2020,
             relation={"is-retracted-by": [{"id-type": "doi", "id": "10.5555/notice", "asserted-by": "object"}]},
             updated_by=[update("expression_of_concern", "10.5555/eoc", 2021, "retraction-watch", record_id="7")])
    w = from_crossref(crossref_work(s))
    kinds = {(u.kind, u.notice, u.source) for u in w.updates}
    assert kinds == {("retraction", "10.5555/notice", "relation"),
                     ("expression_of_concern", "10.5555/eoc", "retraction-watch")}


def test_numbered_parts_are_different_works() -> None:
    part2 = from_crossref(crossref_work(Seed("10.5555/p2", "Soil carbon dynamics under tillage, Part II: field data",
                                             [("A", "LeCun")], 2015, container="Nature")))
    cited = ref("Soil carbon dynamics under tillage, Part I: field data", container="Nature")
    s = score(cited, part2)
    assert not s.accepted and any("numbers" in c for c in s.contradictions)
    assert verify(cited, part2).status == "other"
    same = ref("Soil carbon dynamics under tillage, Part II: field data", container="Nature")
    assert score(same, part2).accepted


def test_a_longer_cited_title_is_not_a_registered_title_plus_subtitle() -> None:
    principles = from_crossref(crossref_work(Seed("10.5555/pc1", "Polarization consistent basis sets",
                                                  [("Frank", "Jensen")], 2001, subtitle="Principles",
                                                  container="J. Chem. Phys.")))
    cited = ref("Polarization consistent basis sets. III. The importance of diffuse functions",
                family="Jensen", year=2002, container="J. Chem. Phys.")
    assert not score(cited, principles).accepted
    assert score(ref("Polarization consistent basis sets", family="Jensen", year=2001), principles).accepted


def test_markup_left_in_a_title_and_years_in_a_conference_name() -> None:
    w = from_crossref(crossref_work(Seed("10.5555/m", "Transport in <i>GaN</i> quantum wells", [("F", "Fedichkin")],
                                         2015, container="Proceedings of IPAC'18")))
    cited = ref("Transport in <i>GaN</i> quantum wells", family="Fedichkin", container="Proc. IPAC.")
    assert fold(cited.title) == "transport in gan quantum wells"
    assert score(cited, w).accepted


def test_part_numbers_are_read_from_the_title_with_its_subtitle() -> None:
    part2 = from_crossref(crossref_work(Seed("10.5555/w2", "The Challenges of Wearable Computing", [("T", "Starner")],
                                             2001, subtitle="Part 2", container="IEEE Micro")))
    assert not score(ref("The Challenges of Wearable Computing: Part 1", family="Starner", year=2001,
                         container="IEEE Micro"), part2).accepted

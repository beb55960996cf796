"""The shipped model loads and tags the example article's reference list correctly.

These strings are parsed by the rules in ``extract``; here the model alone reads them
(they are not in its training data), as a check that it learned APA, not the example.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.parse.combine import model_parse
from citekeeper.parse.crf.tagger import MODEL_PATH, get_tagger, tag_text

ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "pichkhun-yuok-2024.txt"


@pytest.fixture(scope="module")
def entries() -> dict[str, str]:
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    start = lines.index("References")
    out = {}
    for line in lines[start + 1 :]:
        if line.startswith("About the authors"):
            break
        if line.startswith("- "):
            out[line[2:40]] = line[2:]
    return out


def _find(entries: dict[str, str], head: str) -> str:
    return next(v for k, v in entries.items() if k.startswith(head))


def test_model_ships_small_and_loads():
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 20_000_000
    assert get_tagger() is get_tagger()  # opened once


ARTICLES = [
    # head, family of first author, year, title start, container, volume, issue, page
    ("Bektimirova, N. N. (2015)", "Bektimirova", 2015, "Traditional factors in Cambodia",
     "South East Asia: Actual Problems of Development", "", "26", "114–137"),
    ("Jones, L. (2007)", "Jones", 2007, "ASEAN intervention in Cambodia", "The Pacific Review", "20", "4", "523–550"),
    ("Kanaev, E. A. (2017)", "Kanaev", 2017, "Sources of ASEAN's success",
     "International Trends / Mezhdunarodnye Processy", "15", "3", "81–89"),
    ("Severino, R. C. (2007)", "Severino", 2007, "ASEAN beyond Forty", "Contemporary Southeast Asia", "29", "3",
     "406–423"),
    ("Kostyunina, G. M. (2017)", "Kostyunina", 2017, "The integration model ASEAN+1",
     "Vestnik RUDN. International Relations", "17", "3", "441–457"),
    ("Voskressenski, A. D. (2020)", "Voskressenski", 2020, "The logic of the new world architectonics",
     "Comparative Politics Russia", "11", "4", "5–26"),
]


@pytest.mark.parametrize("case", ARTICLES, ids=[c[0] for c in ARTICLES])
def test_model_reads_journal_articles(entries, case):
    head, family, year, title, container, volume, issue, page = case
    ref = model_parse(_find(entries, head))
    assert ref.authors and ref.authors[0].family == family
    assert ref.issued is not None and ref.issued.year == year
    assert ref.title.startswith(title)
    assert ref.get("container-title") == container
    assert ref.get("volume") == volume
    assert ref.get("issue") == issue
    assert ref.get("page") == page
    assert ref.type == "article-journal"
    assert all(src in ("model", "rule") and 0 <= c <= 1 for src, c in ref.provenance.values())


def test_model_reads_books(entries):
    ref = model_parse(_find(entries, "Strangio, S. (2014)"))
    assert (ref.type, ref.title, ref.get("publisher")) == ("book", "Hun Sen's Cambodia", "Yale University Press")
    assert ref.get("publisher-place") == "New Haven, CT"
    ref = model_parse(_find(entries, "Jones, L. (2012)"))
    assert ref.type == "book" and ref.title == "ASEAN, sovereignty and intervention in Southeast Asia"
    assert ref.doi == "10.1057/9780230356276"


def test_model_reads_a_chapter(entries):
    ref = model_parse(_find(entries, "Lin, J. (2023)"))
    assert ref.type == "chapter"
    assert ref.title.startswith("Cambodia's ASEAN chairmanship in 2022")
    assert ref.get("container-title").startswith("Southeast Asian Affairs")
    assert ref.get("page") == "89–104"
    assert [n.family for n in ref.names["editor"]][-1] == "Singh"


def test_tags_a_gost_footnote():
    tagged = tag_text("Smirnov A. B. Energy policy of Vietnam // Asia and Africa Today. 2018. No. 4. P. 12–19.")
    labels = {tok: lab for tok, lab, _ in tagged}
    assert labels["Smirnov"] == "author"
    assert labels["Energy"] == "title"
    assert labels["Africa"] == "container-title"
    assert labels["12–19."] == "page"

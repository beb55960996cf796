"""Training a tiny CRF from a few labelled strings works end to end (features, train, tag)."""

from __future__ import annotations

from citekeeper.parse.crf.corpus import to_example
from citekeeper.parse.crf.fields import to_reference
from citekeeper.parse.crf.labels import normalize_tokens
from citekeeper.parse.crf.tagger import tag, train


def _rec(parts: list[tuple[str, str]]) -> dict:
    tokens = [[t, lab] for text, lab in parts for t in text.split()]
    return {"text": " ".join(t for t, _ in tokens), "tokens": tokens, "origin": "test"}


RECORDS = [
    _rec([("Smith, J.", "author"), ("(2001).", "date"), ("A study of rivers.", "title"),
          ("Water Journal,", "journal"), ("12(3),", "volume"), ("45-67.", "pages")]),
    _rec([("Doe, A., & Roe, B.", "author"), ("(1999).", "date"), ("Lakes and ponds.", "title"),
          ("Hydrology Review,", "journal"), ("4(1),", "volume"), ("1-20.", "pages")]),
    _rec([("Brown, C.", "author"), ("(2015).", "date"), ("On the sea.", "title"),
          ("Ocean Letters,", "journal"), ("7(2),", "volume"), ("100-110.", "pages")]),
]


def test_tiny_model_trains_and_tags(tmp_path):
    out = train([to_example(r) for r in RECORDS], tmp_path / "tiny.crfsuite", {"max_iterations": 50})
    assert out.exists() and out.stat().st_size > 0
    tokens = ["Green,", "D.", "(2010).", "Rain", "in", "spring.", "Weather", "Journal,", "9(4),", "5-9."]
    tagged = tag(tokens, model=out)
    labels = [lab for _, lab, _ in tagged]
    assert labels[:2] == ["author", "author"]
    assert labels[2] == "date"
    assert labels[-1] == "page"
    assert all(0.0 <= p <= 1.0 for _, _, p in tagged)
    ref = to_reference(tagged)
    assert ref.issued is not None and ref.issued.year == 2010
    assert ref.get("page") == "5–9"
    assert ref.authors and ref.authors[0].family == "Green"
    assert all(src == "model" for src, _ in ref.provenance.values() if src != "rule")


def test_grobid_markers_join_their_field():
    tokens = [["On", "title"], ["In", "other"], ["Proc.", "booktitle"], ["pp.", "other"], ["5-9", "pages"],
              ["Smith", "editor"], ["(eds.),", "other"]]
    assert [lab for _, lab in normalize_tokens(tokens)] == [
        "title", "container-title", "container-title", "page", "page", "editor", "editor"]
    # A monograph's title@m with no article title is the work's own title.
    assert normalize_tokens([["Book", "booktitle"], ["Wiley,", "publisher"]])[0] == ("Book", "title")

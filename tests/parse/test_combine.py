"""Rules first where a pattern is certain; the model for other styles and for gaps."""

from __future__ import annotations

from citekeeper.parse import parse_list_entry
from citekeeper.parse.authordate import parse_authordate
from citekeeper.parse.combine import LOW_CONFIDENCE, confidence, parse_reference

APA = ("Jones, L. (2007). ASEAN intervention in Cambodia: From Cold War to conditionality. "
       "*The Pacific Review*, 20(4), 523–550. <https://doi.org/10.1080/09512740701672001>")
VANCOUVER = ("Hamer CJ, Pauli HC, Brodsky SJ. Light-cone quantization of gauge theories. "
             "Phys Rev D. 1990;41(12):3814-21.")
CHICAGO = ('Mearsheimer, John J. "The False Promise of International Institutions." '
           "International Security 19, no. 3 (1994): 5-49.")


def test_rules_win_where_certain():
    ref = parse_reference(APA)
    rule = parse_authordate(APA)
    assert ref.title == rule.title and ref.get("container-title") == rule.get("container-title")
    assert ref.provenance["title"] == ("rule", 1.0)
    assert ref.provenance["author"] == ("rule", 1.0)
    assert all(src in ("rule", "guess") for src, _ in ref.provenance.values())  # no model field
    assert LOW_CONFIDENCE not in ref.warnings


def test_model_parses_other_styles():
    ref = parse_reference(VANCOUVER)
    assert ref.provenance["title"][0] == "rule"  # parse.vancouver: the NLM shape is certain
    assert ref.title == "Light-cone quantization of gauge theories"
    assert [n.family for n in ref.authors] == ["Hamer", "Pauli", "Brodsky"]
    assert (ref.get("volume"), ref.get("issue"), ref.get("page")) == ("41", "12", "3814–21")
    assert ref.issued.year == 1990
    assert ref.type == "article-journal"
    ref = parse_reference(CHICAGO)
    assert ref.provenance["title"][0] == "model"
    assert ref.title == "The False Promise of International Institutions"
    assert ref.get("container-title") == "International Security"
    assert ref.get("page") == "5–49"


def test_model_fills_gaps_rules_left(monkeypatch):
    """A rule parse missing a field gets it from the model, marked as the model's."""
    import citekeeper.parse.combine as combine

    def partial(text):
        ref = parse_authordate(text)
        ref.fields.pop("page", None)
        return ref

    monkeypatch.setattr(combine, "parse_authordate", partial)
    ref = combine.parse_reference(APA)
    assert ref.provenance["title"] == ("rule", 1.0)
    assert ref.get("page") == "523–550"
    assert ref.provenance["page"][0] == "model" and ref.provenance["page"][1] >= combine.FILL_THRESHOLD


def test_low_confidence_is_flagged():
    ref = parse_reference("zzq 77 kk ## ??")
    assert LOW_CONFIDENCE in ref.warnings
    assert confidence(ref) < 1.0


def test_extract_fallback_uses_the_model():
    ref = parse_list_entry(VANCOUVER)
    assert ref.parsed and ref.title == "Light-cone quantization of gauge theories"


def test_model_reads_what_a_rule_could_not():
    """Harvard: the author-date rule reads names and year, the model the rest."""
    ref = parse_reference("Smith, J., Brown, A. and Lee, C. (2013) 'Robust speech recognition in noisy "
                          "environments', IEEE Transactions on Audio, Speech, and Language Processing, "
                          "21(4), pp. 745–757.")
    assert ref.title == "Robust speech recognition in noisy environments"
    assert ref.get("container-title") == "IEEE Transactions on Audio, Speech, and Language Processing"
    assert (ref.get("volume"), ref.get("issue"), ref.get("page")) == ("21", "4", "745–757")
    assert ref.provenance["author"] == ("rule", 1.0) and ref.provenance["title"][0] == "model"


def test_vancouver_with_month():
    ref = parse_reference("Smith J, Brown A. Robust speech recognition. IEEE Trans Audio. 2013 Apr;21(4):745-57.")
    assert (ref.get("volume"), ref.get("issue"), ref.get("page")) == ("21", "4", "745–57")


def test_extract_and_parse_share_one_pipeline():
    """parse_list_entry / parse_citation (extract) are parse_reference (citekeeper parse)."""
    from citekeeper.parse import parse_citation

    for text in (APA, VANCOUVER, CHICAGO):
        a, b = parse_list_entry(text), parse_reference(text)
        assert (a.type, a.fields, a.provenance) == (b.type, b.fields, b.provenance)
        c, d = parse_citation(text), parse_reference(text, note=True)
        assert (c.type, c.fields, c.provenance) == (d.type, d.fields, d.provenance)


def test_unreadable_string_is_kept_raw():
    ref = parse_list_entry("zzq 77 kk ## ??")
    assert not ref.parsed and ref.raw == "zzq 77 kk ## ??" and not ref.fields


def test_institution_author_date_entry_and_signals():
    from citekeeper.parse import parse_citation, parse_list_entry

    ref = parse_list_entry("ASEAN Secretariat. (2022). *ASEAN statistical yearbook 2022*. Jakarta: ASEAN Secretariat.")
    assert (ref.title, ref.issued.year, [n.literal for n in ref.authors]) == ("ASEAN statistical yearbook 2022", 2022, ["ASEAN Secretariat"])
    for text in ("See, for example: Lukin A. V. Russia and China // Polis. Political Studies. 2018. No. 2. P. 10–25.",
                 "Cit. by: Lukin A. V. Russia and China // Polis. Political Studies. 2018. No. 2. P. 10–25."):
        ref = parse_citation(text)
        assert (ref.title, [n.display() for n in ref.authors]) == ("Russia and China", ["Lukin, A. V."])

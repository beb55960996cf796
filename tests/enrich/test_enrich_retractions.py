"""``check --retractions``' pass: notices about cited DOIs, and nothing else."""

from __future__ import annotations

from pathlib import Path

from lookalike import Lookalike

from citekeeper.enrich.retractions import render, retraction_findings

BIB = """@article{w, author = {Wakefield, AJ}, title = {Something else entirely}, year = {1998},
  doi = {10.1016/S0140-6736(97)11096-0}}
@article{o, author = {Obokata, H}, title = {Stimulus-triggered fate conversion}, year = {2014},
  doi = {https://doi.org/10.1038/nature12968}}
@article{ok, author = {LeCun, Y}, title = {Deep learning}, year = {2015}, doi = {10.1038/nature14539}}
@article{nodoi, author = {LeCun, Y}, title = {Deep learning}, year = {2015}}
"""


def test_notices_only(registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text(BIB, encoding="utf-8")
    env_conf = {"crossref-api": registry.url("crossref"), "datacite-api": registry.url("datacite"),
                "openalex-api": registry.url("openalex"), "rate": 500}
    registry.reset_counts()
    findings, warnings = retraction_findings([p], {"allow_private": True, "no_cache": True,
                                                   "doi_api": registry.url("handle")}, env_conf)
    assert not warnings
    assert sorted((f.key, f.rule) for f in findings) == [("o", "enrich/retracted"), ("w", "enrich/retracted")]
    # No search, no comparison (the wrong title of "w" is not this pass's business).
    assert not any("query.bibliographic" in q for _, q in registry.queries)
    assert registry.requests["openalex"] == 0
    text = render(findings, "text", [str(p)])
    assert "refs.bib:1 [w]: error: doi:10.1016/s0140-6736(97)11096-0 was retracted" in text
    assert render(findings, "github", [str(p)]).startswith("::error file=")

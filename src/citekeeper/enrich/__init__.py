"""``citekeeper enrich``: find missing DOIs, verify given ones, complete fields, flag
retractions -- from Crossref, DataCite and OpenAlex.

The stages are modules: ``transport`` (the one HTTP adapter over ``links``),
``sources`` (what to ask each registry), ``works`` (their answers as one ``Work``),
``match`` (does a work describe the entry: score, reasons, verdict), ``runner``
(the order of questions per entry), ``outcome`` (the values a run produces),
``fix`` (writing into .bib through ``formats.bibedit``), ``report`` (formats),
``settings`` (options, environment, ``[tool.citekeeper.enrich]``).
"""

from __future__ import annotations

from citekeeper.enrich.runner import EnrichOptions, Report, enrich_files, enrich_references

__all__ = ["EnrichOptions", "Report", "enrich_files", "enrich_references"]

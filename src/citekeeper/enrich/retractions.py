"""``check --retractions``: the notices about every cited DOI, as lint-style findings.

The link check asks whether a DOI resolves; a retracted paper resolves perfectly.
This pass asks Crossref (and DataCite) for each DOI's record and its notices --
``updated-by`` (publisher and Retraction Watch), ``relation``, the notices'
``update-to`` -- with enrich's endpoints and ``[tool.citekeeper.enrich]`` settings
and check's HTTP options, and nothing else: no search, no comparison, no change.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from citekeeper.enrich.runner import enrich_files
from citekeeper.enrich.settings import HTTP_KEYS, build_options
from citekeeper.lint.finding import Finding

NOTICE_RULES = frozenset({"enrich/retracted", "enrich/expression-of-concern", "enrich/corrected",
                          "enrich/unchecked"})


def retraction_findings(paths: list[str | Path], check_options: Mapping[str, Any],
                        config: Mapping[str, Any] | None = None) -> tuple[list[Finding], list[str]]:
    """Findings about notices for the DOIs cited in ``paths``, and run warnings."""
    cli = {k: v for k, v in check_options.items() if k.replace("_", "-") in HTTP_KEYS}
    opts = build_options(cli, config or {})
    opts.find = opts.complete = False
    opts.notices_only = True
    report = enrich_files(paths, opts)
    return [f for f in report.findings if f.rule in NOTICE_RULES], report.warnings


def render(findings: list[Finding], fmt: str, files: list[str]) -> str:
    """Text or GitHub annotations (lint's writers); other formats get text."""
    from citekeeper.lint import report as lintreport

    if fmt == "github":
        return lintreport.render_github(findings)
    body = lintreport.render_text(findings, files)
    return "retractions, corrections, expressions of concern:\n" + body

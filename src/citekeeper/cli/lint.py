"""``citekeeper lint``: report citation problems in articles and bibliography files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from citekeeper.cli._output import FORCE_HELP
from citekeeper.errors import EXIT_FINDINGS, UsageError


def _today(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today must be YYYY-MM-DD, not {value!r}") from None


@click.command(
    "lint",
    epilog="""\b
Examples:
  citekeeper lint article.txt
  citekeeper lint refs/references.bib --fix
  citekeeper lint article.txt --format json
  citekeeper lint article.txt --format github       # annotations in GitHub Actions
  citekeeper lint article.txt --format junit -o lint.xml
  citekeeper lint refs.bib --fail-on warning        # warnings fail too (exit 1)
  citekeeper lint article.tex references.bib        # cite keys against the .bib

\b
Exit codes: 0 nothing failing (by default only errors fail), 1 failing problems
found, 2 usage error, 3 input error, 4 a fixed file cannot be written.
--fix edits a symlinked .bib at its target and keeps the file's mode.
Rules: see docs/lint.md.
""",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "junit"]), default="text",
              show_default=True, help="Output format.")
@click.option("--fix", "do_fix", is_flag=True,
              help="Apply the safe fixes (tracking parameters, DOI form) to .bib files, changing nothing else.")
@click.option("--disable", multiple=True, metavar="RULE",
              help="Skip a rule id (repeatable); also [tool.citekeeper.lint] disable = [...].")
@click.option("--today", metavar="YYYY-MM-DD", help="Judge future dates against this day (default: today).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that fails the run (exit 1, JUnit <failure>)  [default: error]; "
                   "also [tool.citekeeper.lint] fail-on.")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path),
              help="Write the report here instead of stdout (as check and enrich).")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def command(files: tuple[Path, ...], fmt: str, do_fix: bool, disable: tuple[str, ...], today: str | None,
            fail_on: str | None, output: Path | None, force: bool) -> int:
    """Check the citations of each ARTICLE (plain text, LaTeX, Markdown, PDF, Word) or
    FILE (.bib, CSL-JSON); an article's cite keys are checked against the .bib files given
    with it.

    Reports in-text citations without a reference entry (and entries never cited),
    footnote markers without notes, impossible or inconsistent dates, tracking
    parameters, DOI links with a non-standard resolver, archive captures, outlets that
    disagree with the URL, duplicates and missing fields, each with file, line, entry
    key or footnote number, rule id and severity.
    """
    from citekeeper.cli._settings import settings_for, value_error
    from citekeeper.lint import has_errors, lint_paths
    from citekeeper.lint.fix import apply_fixes
    from citekeeper.lint.report import FAIL_ON, render

    settings = settings_for("lint", {"disable", "fail-on"})
    configured = settings.get("disable", [])
    if not isinstance(configured, list) or not all(isinstance(x, str) for x in configured):
        raise value_error("lint", "disable", "disable must be a list of rule ids")
    threshold = fail_on or settings.get("fail-on", "error")
    if threshold not in FAIL_ON:
        raise value_error("lint", "fail-on", f"fail-on must be one of {', '.join(FAIL_ON)}, not {threshold!r}")
    docs, findings = lint_paths(files, _today(today), [*configured, *disable])
    changes = []
    if do_fix:
        result = apply_fixes(docs, findings)
        skipped = {id(f) for f in result.skipped}
        findings = [f for f in findings if f.fix is None or id(f) in skipped]
        changes = result.changes
        for c in changes:
            click.echo(f"fixed: {c.file}:{c.line or 0}: {c.key}: {c.field}: {c.old} -> {c.new} ({c.why})", err=True)
        for f in result.skipped:
            click.echo(f"not fixed: {f.file}:{f.line or 0}: {f.key}: {result.reasons.get(id(f), '')}", err=True)
        for file, n in result.applied.items():
            click.echo(f"{file}: applied {n} fix{'es' if n != 1 else ''}", err=True)
    from citekeeper.cli._output import write_output

    write_output(render(findings, fmt, [str(p) for p in files], fail_on=threshold, changes=changes,
                        times={d.file: d.elapsed for d in docs}), output, force=force)
    return EXIT_FINDINGS if has_errors(findings, threshold) else 0

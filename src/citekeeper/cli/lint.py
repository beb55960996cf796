"""``citekeeper lint``: report citation problems in articles and bibliography files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

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
  citekeeper lint article.txt --format junit > lint.xml

\b
Exit codes: 0 no error-level problem, 1 error-level problems found,
2 usage error, 3 input error.  Rules: see docs/lint.md.
""",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "junit"]), default="text",
              show_default=True, help="Output format.")
@click.option("--fix", "do_fix", is_flag=True,
              help="Apply the safe fixes (tracking parameters, DOI form) to .bib files, changing nothing else.")
@click.option("--disable", multiple=True, metavar="RULE",
              help="Skip a rule id (repeatable); also [tool.citekeeper.lint] disable = [...].")
@click.option("--today", metavar="YYYY-MM-DD", help="Judge future dates against this day (default: today).")
def command(files: tuple[Path, ...], fmt: str, do_fix: bool, disable: tuple[str, ...], today: str | None) -> int:
    """Check the citations of each ARTICLE (plain text) or FILE (.bib, CSL-JSON).

    Reports in-text citations without a reference entry (and entries never cited),
    footnote markers without notes, impossible or inconsistent dates, tracking
    parameters, DOI links with a non-standard resolver, archive captures, outlets that
    disagree with the URL, duplicates and missing fields, each with file, line, entry
    key or footnote number, rule id and severity.
    """
    from citekeeper.config import load_settings
    from citekeeper.lint import has_errors, lint_paths
    from citekeeper.lint.fix import apply_fixes
    from citekeeper.lint.report import render

    settings = load_settings("lint")
    configured = settings.get("disable", [])
    if not isinstance(configured, list) or not all(isinstance(x, str) for x in configured):
        raise UsageError("[tool.citekeeper.lint] disable must be a list of rule ids")
    docs, findings = lint_paths(files, _today(today), [*configured, *disable])
    if do_fix:
        result = apply_fixes(docs, findings)
        fixed = {(f.file, f.key, f.rule, f.line) for f in findings if f.fix} - {
            (f.file, f.key, f.rule, f.line) for f in result.skipped
        }
        findings = [f for f in findings if (f.file, f.key, f.rule, f.line) not in fixed]
        for file, n in result.applied.items():
            click.echo(f"{file}: applied {n} fix{'es' if n != 1 else ''}", err=True)
    click.echo(render(findings, fmt, [str(p) for p in files]), nl=False)
    return EXIT_FINDINGS if has_errors(findings) else 0

"""``citekeeper enrich``: missing DOIs found, given DOIs verified, fields completed,
retractions flagged -- from Crossref, DataCite and OpenAlex."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from citekeeper.cli._output import FORCE_HELP


@click.command(
    "enrich",
    epilog="""\b
Examples:
  citekeeper enrich references.bib --mailto me@example.org
  citekeeper enrich references.bib --fix               # write found DOIs and missing fields
  citekeeper enrich refs.json article.txt --format json
  citekeeper enrich references.bib --no-find --format github   # verify DOIs, flag retractions
  CITEKEEPER_CROSSREF_API=http://127.0.0.1:8080 citekeeper enrich refs.bib

\b
Rules: enrich/doi-found, doi-ambiguous, doi-mismatch, doi-doubtful, doi-unregistered,
field-completed, retracted, expression-of-concern, corrected, unchecked.
Exit codes: 0 no error-level finding (see --fail-on), 1 findings, 2 usage error,
3 input error, 4 output error.  Settings: [tool.citekeeper.enrich] in pyproject.toml
(check's HTTP keys too); endpoints also from CITEKEEPER_CROSSREF_API,
CITEKEEPER_DATACITE_API, CITEKEEPER_OPENALEX_API, CITEKEEPER_DOI_API.  See docs/enrich.md.
""",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--fix", is_flag=True, help="Write found DOIs and completed fields into .bib files.")
@click.option("--overwrite", is_flag=True,
              help="With --fix, also replace a DOI that names another work by the one found.")
@click.option("--dry-run", is_flag=True, help="With --fix, print the changes without writing them.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "markdown", "github"]),
              default="text", show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Write the report here instead of stdout.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.option("--mailto", help="Your e-mail, sent to Crossref/OpenAlex (their polite pools).")
@click.option("--rate", type=click.FloatRange(min=0.01),
              help="Request starts per second per service [what the service announces, else 10].")
@click.option("--services", help="Registries to ask, in order [crossref,datacite,openalex].")
@click.option("--no-find", is_flag=True, default=None, help="Do not look for missing DOIs.")
@click.option("--no-verify", is_flag=True, default=None, help="Do not verify the DOIs entries have.")
@click.option("--no-complete", is_flag=True, default=None, help="Do not complete missing fields.")
@click.option("--no-notices", is_flag=True, default=None,
              help="Do not ask Crossref for retraction/correction notices (filter=updates:).")
@click.option("--fail-on", help="Severities that make the exit code 1 [error].")
@click.option("--crossref-api", help="Crossref REST API [https://api.crossref.org].")
@click.option("--datacite-api", help="DataCite REST API [https://api.datacite.org].")
@click.option("--openalex-api", help="OpenAlex API [https://api.openalex.org].")
@click.option("--doi-api", help="DOI handle API, asked about DOIs no registry knows.")
@click.option("--cache", type=click.Path(dir_okay=False), help="SQLite cache file (shared with check).")
@click.option("--no-cache", is_flag=True, default=None, help="Neither read nor write a cache.")
@click.option("--timeout", type=click.FloatRange(min=0.01), help="Seconds per request [3].")
@click.option("--retries", type=click.IntRange(min=0), help="Retries for 429/5xx/408 [2].")
@click.option("--per-host", type=click.IntRange(min=1), help="Requests in flight per host [4].")
@click.option("--allow-private", is_flag=True, default=None,
              help="Allow private and loopback addresses (off: a CI safety).")
@click.option("--progress/--no-progress", default=None, help="Progress bar [only on a terminal].")
@click.option("--verbose", "-v", is_flag=True, help="Text format: every finding, info included.")
def command(files: tuple[Path, ...], fix: bool, overwrite: bool, dry_run: bool, fmt: str,
            output: Path | None, force: bool, progress: bool | None, verbose: bool, **options: object) -> int:
    """Look up every entry of FILES (.bib, CSL-JSON, RIS or an article) in Crossref,
    DataCite and OpenAlex.

    Entries without a DOI get one only when title, first author, year and container
    all agree (score and reasons shown; ties are reported, never written).  DOIs
    entries have are checked against their registered metadata: a DOI naming
    another work (a typo, the book's DOI for a chapter) is an error with both sides
    shown.  Retractions, corrections and expressions of concern (publisher and
    Retraction Watch) are reported.  Missing fields are completed from the record;
    nothing is written without --fix, and nothing a user wrote is replaced.
    """
    from citekeeper.cli._progress import show_progress
    from citekeeper.cli._settings import settings_for
    from citekeeper.enrich import fix as fixmod
    from citekeeper.enrich.report import FORMATS, render_text
    from citekeeper.enrich.runner import enrich_files
    from citekeeper.enrich.settings import KNOWN_KEYS, build_options

    opts = build_options(options, settings_for("enrich", KNOWN_KEYS))
    bar = None
    if show_progress(progress):
        bar = click.progressbar(length=1, label="looking up entries", file=sys.stderr)
        bar.__enter__()

    def on_progress(done: int, total: int) -> None:
        if bar is not None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

    try:
        report = enrich_files(list(files), opts, on_progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for w in report.warnings:
        click.echo(f"warning: {w}", err=True)
    if fix:
        changes, warnings = fixmod.plan(report.entries, overwrite=overwrite)
        for w in warnings:
            click.echo(f"warning: {w}", err=True)
        if dry_run:
            for c in changes:
                old = f" (was {c.replaces})" if c.replaces else ""
                click.echo(f"would write: {c.file}:{c.line or 0}: {c.key}: {c.field} = {c.value}{old}"
                           f" [{c.source}]", err=True)
        else:
            done, warnings = fixmod.apply(changes)
            for w in warnings:
                click.echo(f"warning: {w}", err=True)
            for fc in done:
                old = f" (was {fc.old})" if fc.old is not None else ""
                click.echo(f"wrote: {fc.file}:{fc.line or 0}: {fc.key}: {fc.field} = {fc.new}{old}"
                           f" [{fc.why}]", err=True)
    text = render_text(report, verbose) if fmt == "text" else FORMATS[fmt](report)
    from citekeeper.cli._output import write_output

    write_output(text, output, force=force)
    sys.exit(report.exit_code)

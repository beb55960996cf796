"""``citekeeper check``: every DOI and URL of a bibliography, with archived copies of dead links."""

from __future__ import annotations

import sys
from pathlib import Path

import click

STATUSES = "ok, redirected, broken, blocked, transient, skipped"


@click.command(
    "check",
    epilog=f"""\b
Examples:
  citekeeper check references.bib
  citekeeper check refs.bib article.txt --format github --cache .citekeeper-cache.sqlite
  citekeeper check refs.bib --fail-on broken,transient --archive all --fix
  citekeeper check refs.bib --format github --report json:out/links.json --report markdown:out/links.md

\b
Statuses: {STATUSES}.
Exit codes: 0 nothing failing (also when the network is unreachable: those links
are transient, with a warning), 1 something failing (see --fail-on), 2 usage
error, 3 input error (missing, binary, over --max-size, unreadable file), 4 the
report cannot be written (--output), 130 interrupted (Ctrl-C, SIGTERM: results so
far are kept in the cache, a rerun resumes).  Settings: [tool.citekeeper.check] in pyproject.toml; service
endpoints also from CITEKEEPER_DOI_API, CITEKEEPER_DOI_RESOLVER, CITEKEEPER_WAYBACK_API,
CITEKEEPER_CDX_API, CITEKEEPER_MEMENTO_API.  See docs/check.md.
""",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "markdown", "github"]),
              default="text", show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report here instead of stdout.")
@click.option("--report", "reports", multiple=True, metavar="FORMAT:PATH",
              help="Also write the same run's report in FORMAT to PATH (repeatable), e.g. "
                   "json:out/links.json.")
@click.option("--github-token", envvar="GITHUB_TOKEN", show_envvar=True,
              help="Sent (as a bearer token) to github.com hosts only, for their rate limit.")
@click.option("--fail-on", help="Comma-separated statuses that make the exit code 1 [default: broken].")
@click.option("--archive", type=click.Choice(["none", "failing", "all"]),
              help="Look up archived copies for links that are not ok, all links, or none [failing].")
@click.option("--fix", is_flag=True, help="Write archiveurl/archivedate into the .bib entries of dead links.")
@click.option("--retractions", is_flag=True, default=None,
              help="Also report cited DOIs that were retracted, corrected or given an expression of concern"
                   " (Crossref, Retraction Watch; see docs/enrich.md).")
@click.option("--follow-doi/--no-follow-doi", default=None,
              help="Also check the landing page of every DOI / of none [only DOIs written as URLs].")
@click.option("--cache", type=click.Path(dir_okay=False), help="SQLite cache file (keep it between CI runs).")
@click.option("--no-cache", is_flag=True, default=None, help="Neither read nor write a cache.")
@click.option("--confirm-runs", type=click.IntRange(min=1),
              help="Report a link as failing only after N consecutive failing runs [1].")
@click.option("--timeout", type=click.FloatRange(min=0.01), help="Seconds per request [3].")
@click.option("--connect-timeout", type=click.FloatRange(min=0.01), help="Seconds to connect [timeout].")
@click.option("--read-timeout", type=click.FloatRange(min=0.01),
              help="Longest silence while reading [timeout].")
@click.option("--retries", type=click.IntRange(min=0), help="Retries for 429/5xx/408 [2].")
@click.option("--per-host", type=click.IntRange(min=1), help="Requests in flight per host [4].")
@click.option("--host-delay", type=click.FloatRange(min=0), help="Seconds between request starts per host [0].")
@click.option("--max-connections", type=click.IntRange(min=1), help="Requests in flight overall [512].")
@click.option("--method", type=click.Choice(["auto", "get", "head"]),
              help="auto: GET pages (soft-404 check), HEAD first for files [auto].")
@click.option("--ignore", multiple=True, help="Regular expression of targets not to check (repeatable).")
@click.option("--allow-private", is_flag=True, default=None,
              help="Allow private, loopback and link-local addresses (off: a CI safety).")
@click.option("--doi-api", help="DOI handle API [https://doi.org/api/handles].")
@click.option("--doi-resolver", help="DOI resolver whose URLs are DOIs [https://doi.org].")
@click.option("--wayback-api", help="Wayback availability API.")
@click.option("--cdx-api", help="Wayback CDX API.")
@click.option("--memento-api", help="Memento TimeGate (aggregator).")
@click.option("--max-size", type=click.IntRange(min=1),
              help="Largest input file read, in bytes [33554432 = 32 MiB].")
@click.option("--jobs", "-j", type=click.IntRange(min=0),
              help="Worker processes for large inputs (hosts shared out between them) [0: one per core].")
@click.option("--progress/--no-progress", default=None, help="Progress bar [only on a terminal].")
@click.option("--verbose", "-v", is_flag=True, help="Text format: list ok links too.")
def command(files: tuple[Path, ...], fmt: str, output: Path | None, reports: tuple[str, ...], fix: bool,
            progress: bool | None, verbose: bool, **options: object) -> int:
    """Check every DOI and URL cited in FILES (.bib, CSL-JSON or an article's text).

    DOIs are asked of the DOI registry; URLs are fetched politely (per-host limits,
    retries honouring Retry-After) and judged ok, redirected, broken (404, DNS,
    refused, soft 404 ...), blocked (401/403) or transient (timeouts, 5xx).  For
    links that are not ok, the Wayback Machine capture nearest the citation's access
    date whose status was 200 is found; --fix writes it into the .bib.
    """
    from citekeeper.cli._progress import show_progress
    from citekeeper.config import load_settings
    from citekeeper.links.runner import check_files
    from citekeeper.links.settings import build_options

    retractions = bool(options.pop("retractions", None))
    extra = []
    if reports:
        from citekeeper.links.report import FORMATS
    for spec in reports:
        kind, sep, where = spec.partition(":")
        if not sep or kind not in FORMATS or not where:
            raise click.BadParameter(f"{spec!r}: use FORMAT:PATH with FORMAT one of {', '.join(FORMATS)}",
                                     param_hint="--report")
        extra.append((kind, Path(where)))
    opts = build_options(options, load_settings("check"))
    bar = _Bar() if show_progress(progress) else None
    try:
        report = check_files(list(files), opts, bar.update if bar is not None else None, exiting=True)
    finally:
        if bar is not None:
            bar.close()
    for w in report.warnings:
        click.echo(f"warning: {w}", err=True)
    if fix:
        # Imported here: 20 ms a check without --fix need not wait for.
        from citekeeper.links import fix as fixmod

        done, warnings = fixmod.apply(fixmod.plan(report.findings))
        for w in warnings:
            click.echo(f"warning: {w}", err=True)
        for fx in done:
            click.echo(f"fixed: {fx.file}:{fx.line or 0}: {fx.key}: "
                       + ", ".join(f"{n} = {v}" for n, v in fx.fields), err=True)
    # The writers (and json) once the links are checked: 1.5 ms sooner to the first request.
    from citekeeper.links.report import FORMATS, iter_json, render_text
    from citekeeper.textio import atomic_write

    for kind, where in extra:
        atomic_write(where, render_text(report, verbose) if kind == "text" else FORMATS[kind](report))
    if output is None and fmt == "json":
        out = sys.stdout
        for chunk in iter_json(report):  # written as encoded: no whole copy of a large report
            out.write(chunk)
        out.flush()
    else:
        text = render_text(report, verbose) if fmt == "text" else FORMATS[fmt](report)
        if output is not None:
            atomic_write(output, text)
        else:
            click.echo(text, nl=False)
    code = report.exit_code
    _kept[:] = [report]  # freed by the process's end, not object by object (see ``_kept``)
    if retractions:  # enrich's notice pass over the same files (docs/enrich.md)
        from citekeeper.enrich.retractions import render as render_notices
        from citekeeper.enrich.retractions import retraction_findings

        notices, notes = retraction_findings(list(files), options, load_settings("enrich"))
        for w in notes:
            click.echo(f"warning: {w}", err=True)
        to_err = output is not None or fmt not in ("text", "github")  # keep JSON/XML whole
        click.echo(render_notices(notices, fmt, [str(f) for f in files]), nl=False, err=to_err)
        if any(f.severity == "error" for f in notices):
            code = max(code, 1)
    sys.exit(code)


# The last report outlives its command: the console script ends with ``os._exit``
# (``cli.run``), and freeing 50,000 findings one object at a time as the command
# returned cost 24 ms after the report was written.  One report at a time: a caller
# that runs the command again in the same process replaces it.
_kept: list[object] = []


class _Bar:
    """``checking links  1234/5000  25%  310/s  3 failing`` on stderr, at most 10 times a second."""

    def __init__(self) -> None:
        import time

        self._time = time.monotonic
        self.started = self._time()
        self.last = 0.0
        self.width = 0

    def update(self, done: int, total: int, failing: int = 0) -> None:
        now = self._time()
        if now - self.last < 0.1 and done < total:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-6)
        pct = f"{100 * done // total:3d}%" if total else "   "
        line = f"checking links  {done}/{total}  {pct}  {rate:.0f}/s  {failing} failing"
        self.width = max(self.width, len(line))
        sys.stderr.write("\r" + line.ljust(self.width))
        sys.stderr.flush()

    def close(self) -> None:
        if self.width:
            sys.stderr.write("\n")
            sys.stderr.flush()

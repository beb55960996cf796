"""``citekeeper check``: every DOI and URL of a bibliography, with archived copies of dead links.

The options are declared once, as data (``OPTIONS``): the click command is built from
them when click is wanted (``--help``, a mistake, the group's listing: ``command``), and
``parse_fast`` reads a command line by the same table without importing click.  Why:
click's import is 30 ms of the ~100 ms from exec to the first request (load10k,
benchmarks/linkcheck/README.md, fifth session); ``cli.main`` takes the fast path for
``check`` and hands anything it is not sure of -- help, an unknown or malformed option,
a value click would refuse -- to click, so every message is click's own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

STATUSES = "ok, redirected, broken, blocked, transient, skipped"
FORMATS = ("text", "json", "junit", "markdown", "github")  # ``links.report.FORMATS``' names

EPILOG = f"""\b
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
"""

# Each option as click's declarations and keyword arguments, with ``type`` given as data:
# ("choice", values), ("path", path_type), ("int", minimum), ("float", minimum); none: text.
Option = tuple[tuple[str, ...], dict[str, Any]]
OPTIONS: tuple[Option, ...] = (
    (("--format", "fmt"), {"type": ("choice", FORMATS), "default": "text", "show_default": True,
                           "help": "Report format."}),
    (("--output", "-o"), {"type": ("path", Path), "help": "Write the report here instead of stdout."}),
    (("--report", "reports"), {"multiple": True, "metavar": "FORMAT:PATH",
                               "help": "Also write the same run's report in FORMAT to PATH (repeatable), e.g. "
                                       "json:out/links.json."}),
    (("--github-token",), {"envvar": "GITHUB_TOKEN", "show_envvar": True,
                           "help": "Sent (as a bearer token) to github.com hosts only, for their rate limit."}),
    (("--fail-on",), {"help": "Comma-separated statuses that make the exit code 1 [default: broken]."}),
    (("--archive",), {"type": ("choice", ("none", "failing", "all")),
                      "help": "Look up archived copies for links that are not ok, all links, or none [failing]."}),
    (("--fix",), {"is_flag": True, "help": "Write archiveurl/archivedate into the .bib entries of dead links."}),
    (("--retractions",), {"is_flag": True, "default": None,
                          "help": "Also report cited DOIs that were retracted, corrected or given an expression"
                                  " of concern (Crossref, Retraction Watch; see docs/enrich.md)."}),
    (("--follow-doi/--no-follow-doi",), {"default": None, "help": "Also check the landing page of every DOI / of"
                                                                  " none [only DOIs written as URLs]."}),
    (("--cache",), {"type": ("path", None), "help": "SQLite cache file (keep it between CI runs)."}),
    (("--no-cache",), {"is_flag": True, "default": None, "help": "Neither read nor write a cache."}),
    (("--confirm-runs",), {"type": ("int", 1),
                           "help": "Report a link as failing only after N consecutive failing runs [1]."}),
    (("--timeout",), {"type": ("float", 0.01), "help": "Seconds per request [3]."}),
    (("--connect-timeout",), {"type": ("float", 0.01), "help": "Seconds to connect [timeout]."}),
    (("--read-timeout",), {"type": ("float", 0.01), "help": "Longest silence while reading [timeout]."}),
    (("--retries",), {"type": ("int", 0), "help": "Retries for 429/5xx/408 [2]."}),
    (("--per-host",), {"type": ("int", 1), "help": "Requests in flight per host [4]."}),
    (("--host-delay",), {"type": ("float", 0), "help": "Seconds between request starts per host [0]."}),
    (("--max-connections",), {"type": ("int", 1), "help": "Requests in flight overall [512]."}),
    (("--method",), {"type": ("choice", ("auto", "get", "head")),
                     "help": "auto: GET pages (soft-404 check), HEAD first for files [auto]."}),
    (("--ignore",), {"multiple": True, "help": "Regular expression of targets not to check (repeatable)."}),
    (("--allow-private",), {"is_flag": True, "default": None,
                            "help": "Allow private, loopback and link-local addresses (off: a CI safety)."}),
    (("--doi-api",), {"help": "DOI handle API [https://doi.org/api/handles]."}),
    (("--doi-resolver",), {"help": "DOI resolver whose URLs are DOIs [https://doi.org]."}),
    (("--wayback-api",), {"help": "Wayback availability API."}),
    (("--cdx-api",), {"help": "Wayback CDX API."}),
    (("--memento-api",), {"help": "Memento TimeGate (aggregator)."}),
    (("--max-size",), {"type": ("int", 1), "help": "Largest input file read, in bytes [33554432 = 32 MiB]."}),
    (("--jobs", "-j"), {"type": ("int", 0), "help": "Worker processes for large inputs (hosts shared out between"
                                                    " them) [0: one per core]."}),
    (("--progress/--no-progress",), {"default": None, "help": "Progress bar [only on a terminal]."}),
    (("--verbose", "-v"), {"is_flag": True, "help": "Text format: list ok links too."}),
)


command: Any  # the click command (``click.Command``), built on first use by ``__getattr__``


def __getattr__(name: str) -> Any:
    """``command``, the click command, built on first use (``cli.LazyGroup``)."""
    if name != "command":
        raise AttributeError(name)
    global command
    command = _build()
    return command


def _build() -> Any:
    import click

    def param_type(spec: tuple[str, Any] | None) -> Any:
        if spec is None:
            return None
        kind, arg = spec
        if kind == "choice":
            return click.Choice(list(arg))
        if kind == "path":
            return click.Path(dir_okay=False, path_type=arg)
        return (click.IntRange if kind == "int" else click.FloatRange)(min=arg)

    def callback(**params: Any) -> int:
        return run(**params)

    callback.__doc__ = run.__doc__
    params: list[Any] = [click.Argument(["files"], nargs=-1, required=True,
                                        type=click.Path(dir_okay=False, path_type=Path))]
    for decls, kw in OPTIONS:
        kw = dict(kw)
        kw["type"] = param_type(kw.get("type"))
        if kw["type"] is None:
            del kw["type"]
        params.append(click.Option(list(decls), **kw))
    return click.Command("check", callback=callback, params=params, help=run.__doc__, epilog=EPILOG)


def _dest(decls: tuple[str, ...]) -> str:
    """The parameter name click gives an option: a bare name in ``decls``, else its first long flag."""
    for d in decls:
        if d.isidentifier():
            return d
    first = next(d for d in decls if d.startswith("--"))
    return first.split("/")[0][2:].replace("-", "_")


def _table() -> tuple[dict[str, tuple[str, Any]], dict[str, Any]]:
    """Every flag -> (parameter, what it takes), and each parameter's value when not given."""
    flags: dict[str, tuple[str, Any]] = {}
    defaults: dict[str, Any] = {}
    for decls, kw in OPTIONS:
        name = _dest(decls)
        if any("/" in d for d in decls):
            on, off = next(d for d in decls if "/" in d).split("/")
            flags[on], flags[off] = (name, True), (name, False)
        else:
            take = True if kw.get("is_flag") else ("multiple" if kw.get("multiple") else kw.get("type", ("text", None)))
            for d in decls:
                if d.startswith("-"):
                    flags[d] = (name, take)
        defaults[name] = () if kw.get("multiple") else kw.get("default", False if kw.get("is_flag") else None)
    return flags, defaults


def parse_fast(args: list[str]) -> dict[str, Any] | None:
    """``args`` (after ``check``) read by ``OPTIONS`` as click reads them -- the same
    parameters, converted the same way -- or None when click must read them: help, an
    option or value it would refuse or that this does not know to read (``-vj2``, a
    value starting with ``-``), or a --report spec that is not FORMAT:PATH.  Never an
    error of its own: only values click accepts get through.
    """
    flags, params = _table()
    files: list[str] = []
    i = 0
    n = len(args)
    while i < n:
        arg = args[i]
        i += 1
        if arg == "--":
            files += args[i:]
            break
        if arg[:1] != "-" or arg == "-":
            files.append(arg)
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        hit = flags.get(name)
        if hit is None:
            return None
        dest, take = hit
        if isinstance(take, bool):
            if eq:
                return None  # "--fix=1": click's error
            params[dest] = take
            continue
        if not eq:
            if i >= n or (args[i][:1] == "-" and len(args[i]) > 1):
                return None
            value = args[i]
            i += 1
        if take == "multiple":
            params[dest] = (*params[dest], value)
            continue
        converted = _convert(take, value)
        if converted is None:
            return None
        params[dest] = converted
    if not files or any(not _file_ok(f) for f in files) or \
            (params["output"] is not None and not _file_ok(str(params["output"]))) or \
            (params["cache"] is not None and not _file_ok(params["cache"])):
        return None
    for spec in params["reports"]:
        kind, sep, where = spec.partition(":")
        if not sep or kind not in FORMATS or not where:
            return None  # the command's own BadParameter, through click
    if params["github_token"] is None:
        params["github_token"] = os.environ.get("GITHUB_TOKEN") or None
    params["files"] = tuple(Path(f) for f in files)
    return params


def _convert(take: tuple[str, Any], value: str) -> Any:
    """``value`` as click's type converts it, or None where click would refuse it."""
    kind, arg = take
    if kind == "choice":
        return value if value in arg else None
    if kind == "path":
        return Path(value) if arg is Path else value
    if kind in ("int", "float"):
        try:
            v = int(value) if kind == "int" else float(value)
        except ValueError:
            return None
        return None if v < arg else v
    return value


def _file_ok(path: str) -> bool:
    """What ``click.Path(dir_okay=False)`` accepts: no directory, readable if it exists."""
    import stat

    try:
        st = os.stat(path)
    except OSError:
        return True
    return not stat.S_ISDIR(st.st_mode) and os.access(path, os.R_OK)


def run(files: tuple[Path, ...], fmt: str, output: Path | None, reports: tuple[str, ...], fix: bool,
        progress: bool | None, verbose: bool, **options: object) -> int:
    """Check every DOI and URL cited in FILES (.bib, CSL-JSON or an article's text).

    DOIs are asked of the DOI registry; URLs are fetched politely (per-host limits,
    retries honouring Retry-After) and judged ok, redirected, broken (404, DNS,
    refused, soft 404 ...), blocked (401/403) or transient (timeouts, 5xx).  For
    links that are not ok, the Wayback Machine capture nearest the citation's access
    date whose status was 200 is found; --fix writes it into the .bib.
    """
    from citekeeper.cli import echo
    from citekeeper.config import load_settings
    from citekeeper.links.runner import check_files
    from citekeeper.links.settings import build_options

    retractions = bool(options.pop("retractions", None))
    extra = []
    for spec in reports:
        kind, sep, where = spec.partition(":")
        if not sep or kind not in FORMATS or not where:
            import click

            raise click.BadParameter(f"{spec!r}: use FORMAT:PATH with FORMAT one of {', '.join(FORMATS)}",
                                     param_hint="--report")
        extra.append((kind, Path(where)))
    opts = build_options(options, load_settings("check"))
    # ``cli._progress.show_progress``'s rule, without its click: a bar only on a terminal.
    bar = _Bar() if (progress if progress is not None else sys.stderr.isatty()) else None
    try:
        report = check_files(list(files), opts, bar.update if bar is not None else None, exiting=True,
                             json_rows=fmt == "json" or any(kind == "json" for kind, _ in extra))
    finally:
        if bar is not None:
            bar.close()
    for w in report.warnings:
        echo(f"warning: {w}", err=True)
    if fix:
        # Imported here: 20 ms a check without --fix need not wait for.
        from citekeeper.links import fix as fixmod

        done, warnings = fixmod.apply(fixmod.plan(report.findings))
        for w in warnings:
            echo(f"warning: {w}", err=True)
        for fx in done:
            echo(f"fixed: {fx.file}:{fx.line or 0}: {fx.key}: "
                       + ", ".join(f"{n} = {v}" for n, v in fx.fields), err=True)
    # The writers (and json) once the links are checked: 1.5 ms sooner to the first request.
    from citekeeper.links.report import FORMATS as WRITERS
    from citekeeper.links.report import iter_json, render_text
    from citekeeper.textio import atomic_write

    for kind, dest in extra:
        atomic_write(dest, render_text(report, verbose) if kind == "text" else WRITERS[kind](report))
    if output is None and fmt == "json":
        out = sys.stdout
        for chunk in iter_json(report):  # written as encoded: no whole copy of a large report
            out.write(chunk)
        out.flush()
    else:
        text = render_text(report, verbose) if fmt == "text" else WRITERS[fmt](report)
        if output is not None:
            atomic_write(output, text)
        else:
            echo(text, nl=False)
    code = report.exit_code
    _kept[:] = [report]  # freed by the process's end, not object by object (see ``_kept``)
    if retractions:  # enrich's notice pass over the same files (docs/enrich.md)
        from citekeeper.enrich.retractions import render as render_notices
        from citekeeper.enrich.retractions import retraction_findings

        notices, notes = retraction_findings(list(files), options, load_settings("enrich"))
        for w in notes:
            echo(f"warning: {w}", err=True)
        to_err = output is not None or fmt not in ("text", "github")  # keep JSON/XML whole
        echo(render_notices(notices, fmt, [str(f) for f in files]), nl=False, err=to_err)
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

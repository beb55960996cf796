"""The ``citekeeper`` command: a thin click layer over the library.

Sub-commands live one per module (``cli/extract.py`` ...) and are imported only when
invoked, so ``citekeeper --help`` stays fast (no citeproc, no HTTP client loaded).
Every ``CitekeeperError`` becomes one line on stderr and its documented exit code;
only an unexpected bug prints a traceback, and only with ``--debug``.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import importlib.util
import os
import sys
from typing import Any

from citekeeper import __version__
from citekeeper.errors import EXIT_INTERNAL, EXIT_OUTPUT, CitekeeperError

# name -> (module, one-line help).  The help is repeated here so listing the
# commands does not import them.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("citekeeper.cli.extract", "Extract the reference list and footnotes into BibTeX."),
    "parse": ("citekeeper.cli.parse", "Parse free-text reference strings into BibTeX or CSL-JSON."),
    "check": ("citekeeper.cli.check", "Check every DOI and URL; find archived copies of dead links."),
    "render": ("citekeeper.cli.render", "Print a bibliography in a CSL style."),
    "cite": ("citekeeper.cli.cite", "Print in-text citations (or notes) in a CSL style."),
    "styles": ("citekeeper.cli.styles", "List the citation styles available."),
    "lint": ("citekeeper.cli.lint", "Check an article's citations against each other."),
    "export": ("citekeeper.cli.export", "Export references to CSL-JSON, RIS, BibLaTeX or BibTeX."),
    "convert": ("citekeeper.cli.convert", "Convert a bibliography file from one format to another."),
    "enrich": ("citekeeper.cli.enrich", "Find missing DOIs, verify DOIs and flag retractions (Crossref, DataCite, OpenAlex)."),
}

EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  1  problems found (failing links, error-level lint findings)
  2  usage error (bad option, bad [tool.citekeeper] setting)
  3  input error (missing, binary, undecodable or malformed file)
  4  output error (cannot write a result)
  70 internal error (a bug: please report it, rerun with --debug)
"""


def __getattr__(name: str) -> Any:
    """``cli`` (the click group) and ``LazyGroup``, built when first asked for.

    Why not at import: click is 30 ms of ``check``'s ~100 ms from exec to its first
    request (benchmarks/linkcheck/README.md, fifth session), and ``main`` reads a
    ``check`` command line without it (``cli.check.parse_fast``).  Every other command,
    ``--help`` and every mistake go through the group as before.
    """
    if name not in ("cli", "LazyGroup"):
        raise AttributeError(name)
    group = _group()
    globals().update(cli=group, LazyGroup=type(group))
    return globals()[name]


def _group() -> Any:
    import click

    class LazyGroup(click.Group):
        """A group whose commands are imported on first use."""

        def list_commands(self, ctx: click.Context) -> list[str]:
            return [n for n, (mod, _) in COMMANDS.items() if importlib.util.find_spec(mod)]

        def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
            entry = COMMANDS.get(cmd_name)
            if entry is None or importlib.util.find_spec(entry[0]) is None:
                return None
            command: click.Command = importlib.import_module(entry[0]).command
            return command

        def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
            rows = [(n, COMMANDS[n][1]) for n in self.list_commands(ctx)]
            if rows:
                with formatter.section("Commands"):
                    formatter.write_dl(rows)

    @click.group(
        cls=LazyGroup,
        epilog=EXIT_CODES_HELP,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    @click.version_option(__version__, prog_name="citekeeper")
    @click.option("--debug", is_flag=True, help="Show a traceback for unexpected errors.")
    @click.pass_context
    def cli(ctx: click.Context, debug: bool) -> None:
        """Extract, check, render and export the citations of scholarly articles.

        \b
        Examples:
          citekeeper extract article.txt --out refs/
          citekeeper check refs/references.bib --format github
          citekeeper render refs/references.bib --style apa
        """
        ctx.ensure_object(dict)
        ctx.obj["debug"] = debug

    return cli


def echo(message: str, nl: bool = True, err: bool = False) -> None:
    """``click.echo`` of a text, without importing click where it is not loaded yet.

    The same output: ANSI escapes dropped when the stream is not a terminal, flushed.
    A stream click would rewrap (an ASCII-encoded one, a Jupyter kernel's) and any run
    where click is loaded anyway go to ``click.echo`` itself.
    """
    f = sys.stderr if err else sys.stdout
    plain = f is not None and "click" not in sys.modules and not type(f).__module__.startswith("ipykernel.")
    if plain and not _ascii(getattr(f, "encoding", None) or "ascii"):
        out = message + "\n" if nl else message
        if out and "\033" in out and not _isatty(f):
            import re

            out = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", out)
        if out:
            f.write(out)
        f.flush()
        return
    import click

    click.echo(message, nl=nl, err=err)


def _ascii(encoding: str) -> bool:
    """click's test for a stream it rewraps as UTF-8 (``_compat.is_ascii_encoding``)."""
    import codecs

    try:
        return codecs.lookup(encoding).name == "ascii"
    except LookupError:
        return False


def _isatty(f: Any) -> bool:
    try:
        return bool(f.isatty())
    except Exception:
        return False


_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG})


def _fast(args: list[str]) -> Any:
    """``check``'s parameters when its command line is read without click (``cli.check.parse_fast``),
    else None: ``[--debug] check ...`` only, and never while the shell asks for completions."""
    i = 1 if args[:1] == ["--debug"] else 0
    if args[i:i + 1] != ["check"] or "_CITEKEEPER_COMPLETE" in os.environ:
        return None
    from citekeeper.cli import check

    return check.parse_fast(args[i + 1:])


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run the CLI and map errors to exit codes."""
    args = list(argv if argv is not None else sys.argv[1:])
    debug = "--debug" in args
    try:
        fast = _fast(args)
        if fast is not None:
            rv: Any = _run_fast(fast)
        else:
            rv = _group().main(args=argv, prog_name="citekeeper", standalone_mode=False)
    except CitekeeperError as exc:
        echo(f"citekeeper: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:
        # A full disk or a failing device behind stdout (``check > /dev/full``) is the
        # output's fault, not a bug: exit 4 like every other write that fails.
        if exc.errno not in _OUTPUT_ERRNOS:
            if debug:
                raise
            echo(f"citekeeper: internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)", err=True)
            sys.exit(EXIT_INTERNAL)
        with contextlib.suppress(OSError):
            echo(f"citekeeper: error: cannot write output: {exc.strerror}", err=True)
        sys.exit(EXIT_OUTPUT)
    except KeyboardInterrupt:
        echo("citekeeper: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        click = sys.modules.get("click")
        if click is not None:  # only click raises these, and only once it is imported
            if isinstance(exc, click.exceptions.Abort):
                echo("citekeeper: aborted", err=True)
                sys.exit(130)
            if isinstance(exc, click.ClickException):
                exc.show()
                sys.exit(exc.exit_code)
            if isinstance(exc, click.exceptions.Exit):
                sys.exit(exc.exit_code)
        if debug:
            raise
        echo(
            f"citekeeper: internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(rv if isinstance(rv, int) else 0)


def _run_fast(params: dict[str, Any]) -> Any:
    """``check.run(**params)`` as ``click.Command.main`` runs a command: Ctrl-C or end of
    input become click's ``Abort`` (after a new line on stderr), a broken pipe exit 1.
    click is imported only on those rare ways out, so they end exactly as through click."""
    from citekeeper.cli import check

    try:
        return check.run(**params)
    except (EOFError, KeyboardInterrupt) as exc:
        import click

        click.echo(file=sys.stderr)
        raise click.exceptions.Abort() from exc
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        from click.utils import PacifyFlushWrapper

        # click 8.5 types the wrapper as a plain object; it is a stream wrapper in every version
        wrap: Any = PacifyFlushWrapper
        sys.stdout = wrap(sys.stdout)
        sys.stderr = wrap(sys.stderr)
        sys.exit(1)


def run() -> None:
    """The ``citekeeper`` console script: ``main()``, then leave without tearing down the heap.

    Freeing a big file's records one object at a time is pure cost once the output is
    written: 0.10-0.15 s of a 12,000-entry ``convert`` (1.4 s of CPU in all; measured in
    benchmarks/convert/SPEED.md), as mypy and pip-style tools found.  Output is flushed
    first; when child processes or other threads are still alive the normal exit runs, so
    they are joined as before.  ``main()`` itself (what tests call) still raises SystemExit.
    """
    try:
        main()
        code: int = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    import os
    import threading

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError, OSError):
        sys.exit(code)
    mp = sys.modules.get("multiprocessing")
    if threading.active_count() > 1 or (mp is not None and mp.active_children()):
        sys.exit(code)
    os._exit(code)

"""``citekeeper export``: references from any input into CSL-JSON, RIS, BibLaTeX or BibTeX."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from citekeeper.cli._output import FORCE_HELP
from citekeeper.textio import DEFAULT_MAX_BYTES

if TYPE_CHECKING:  # formats is imported when a command runs, not for --help
    from citekeeper.formats import ExportResult

TO_CHOICES = ["csl-json", "ris", "biblatex", "bibtex"]
FROM_CHOICES = ["bibtex", "biblatex", "csl-json", "ris", "article"]


def write_result(text: str, out: Path | None, force: bool = False) -> None:
    """Write to ``out`` (a regular file atomically, and an existing one only if ``force``;
    a device as it is), or to standard output."""
    from citekeeper.cli._output import write_output

    write_output(text, out, force=force)


def report(result: ExportResult, out: Path | None, quiet: bool) -> None:
    """Problems and warnings on stderr (with file:line); a one-line summary unless quiet."""
    for problem in result.problems:
        click.echo(f"warning: {problem}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not quiet:
        where = str(out) if out else "standard output"
        click.echo(f"wrote {len(result.references)} references as {result.format} to {where}", err=True)


@click.command(
    "export",
    epilog="""\b
Examples:
  citekeeper export references.bib footnotes/footnotes.bib --to csl-json -o zotero.json
  citekeeper export article.txt --to ris -o article.ris
  citekeeper export library.json --to biblatex > library.bib
  citekeeper export refs.bib --to ris -o refs.ris --force     # replace refs.ris

\b
For Zotero import, CSL-JSON keeps the most (item types, Extra such as EDN); see
docs/zotero.md.
""",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "to", type=click.Choice(TO_CHOICES, case_sensitive=False),
              help="Output format (default: from the suffix of --output).")
@click.option("--output", "-o", "out", type=click.Path(path_type=Path),
              help="File to write (default: standard output).")
@click.option("--from", "from_fmt", type=click.Choice(FROM_CHOICES, case_sensitive=False),
              help="Input format of every FILE (default: from each suffix; other suffixes are articles).")
@click.option("--max-size", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse inputs larger than this many bytes.")
@click.option("--with-origin", is_flag=True,
              help="CSL-JSON: keep each entry's input file (relative to the output) and line "
                   "under 'citekeeper'; off by default so shared files carry no paths.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors and warnings.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def command(files: tuple[Path, ...], to: str | None, out: Path | None, from_fmt: str | None,
            max_size: int, with_origin: bool, quiet: bool, force: bool) -> None:
    """Export the references of FILES (.bib, .json, .ris or article text) in one format.

    Every file is read and the result is written in the chosen format.  Citation keys
    are kept as written; only a key repeated in one file or used by two files gets a
    suffix (with a warning), and only an entry without a key gets a new one.  A block
    that cannot be read is reported with file and line (and written back as it was
    when the output is BibTeX); the rest are still exported.
    """
    from citekeeper import formats

    fmt = formats.output_format_for(out, to)
    result = formats.export(list(files), fmt, from_fmt=from_fmt, max_bytes=max_size, with_origin=with_origin,
                            relative_to=out.parent if out else Path.cwd())
    write_result(result.text, out, force)
    report(result, out, quiet)

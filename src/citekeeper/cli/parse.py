"""``citekeeper parse``: free-text reference strings -> BibTeX or CSL-JSON.

Rules parse the styles whose pattern is certain (author-date lists, GOST footnotes); the
trained CRF parses everything else.  Entries the model is unsure of are named on stderr
so a user knows which to check before citing them.
"""

from __future__ import annotations

from pathlib import Path

import click

from citekeeper.cli._output import FORCE_HELP
from citekeeper.textio import DEFAULT_MAX_BYTES


@click.command(
    "parse",
    epilog="""\b
Examples:
  citekeeper parse "Smith J, Doe A. A study of things. Nature. 2019;5(3):10-20."
  citekeeper parse --to csl-json "Иванов И. И. Название // Журнал. 2019. Т. 5, № 3. С. 10–20."
  citekeeper parse --file refs.txt > refs.bib        # one reference a line
  citekeeper parse --file refs.txt --to csl-json --out refs.json
  citekeeper parse --file - --out refs.bib --force < refs.txt   # replace refs.bib
""",
)
@click.argument("strings", nargs=-1)
@click.option("--file", "-f", "file", type=click.Path(path_type=Path),
              help="Read references from this file, one a line ('-' for stdin).")
@click.option("--to", "to", type=click.Choice(["bibtex", "biblatex", "csl-json"], case_sensitive=False),
              default="bibtex", show_default=True, help="Output format.")
@click.option("--output", "--out", "-o", "out", type=click.Path(path_type=Path),
              help="Write here instead of stdout.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.option("--model-only", is_flag=True, help="Skip the rule parsers (compare with the model).")
@click.option("--max-size", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse a --file larger than this many bytes.")
def command(strings: tuple[str, ...], file: Path | None, to: str, out: Path | None, force: bool,
            model_only: bool, max_size: int) -> None:
    """Parse reference STRINGS (or --file, one a line) and print BibTeX or CSL-JSON.

    Each field records whether a rule or the trained model produced it.  Entries
    parsed with low confidence are listed on stderr: check them by hand.
    """
    from citekeeper.errors import UsageError
    from citekeeper.parse.combine import LOW_CONFIDENCE, confidence, parse_reference
    from citekeeper.parse.keys import KeyRegistry

    # (where, text): "argument 2" or "refs.txt:14", so a warning points at the line to fix
    from citekeeper.textio import argument_text

    lines = [(f"argument {n}", argument_text(s).strip()) for n, s in enumerate(strings, 1) if s.strip()]
    if file is not None:
        if str(file) == "-":
            from citekeeper.textio import read_stdin

            text, name = read_stdin(max_bytes=max_size).text, "<stdin>"
        else:
            from citekeeper.textio import read_text

            text, name = read_text(file, max_bytes=max_size).text, str(file)
        found = [(f"{name}:{n}", ln.strip()) for n, ln in enumerate(text.splitlines(), 1) if ln.strip()]
        if not found and not lines:
            from citekeeper.errors import InputError

            raise InputError("no reference strings: the file is empty or blank", file=name)
        lines += found
    if not lines:
        raise UsageError("nothing to parse: give a reference string or --file")

    keys = KeyRegistry()
    refs = []
    for where, line in lines:
        ref = parse_reference(line, use_rules=not model_only)
        keys.assign(ref)
        refs.append(ref)
        if LOW_CONFIDENCE in ref.warnings:
            shown = line if len(line) <= 80 else line[:79] + "…"
            click.echo(f"warning: {where}: {ref.id}: low confidence ({confidence(ref):.2f}), review: {shown}",
                       err=True)
    if to == "csl-json":
        from citekeeper.formats.csljson import dumps as csl_dumps

        result = csl_dumps(refs)  # with each field's provenance and review warnings
    else:
        from citekeeper.formats.bibtex import dumps as bib_dumps

        result = bib_dumps(refs, flavour="bibtex" if to == "bibtex" else "biblatex")
    from citekeeper.cli._output import write_output

    write_output(result if result.endswith("\n") else result + "\n", out, force=force)

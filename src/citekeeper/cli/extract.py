"""``citekeeper extract``: an article's reference list and footnotes into BibTeX."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from citekeeper.textio import DEFAULT_MAX_BYTES

if TYPE_CHECKING:  # extract is imported when the command runs, not for --help
    from citekeeper.extract import Extraction


@click.command(
    "extract",
    epilog="""\b
Examples:
  citekeeper extract article.txt --out refs/
  citekeeper extract article.txt --out refs/ --csl-json --ris
  citekeeper extract article.txt --out refs/ --format json   # summary as JSON
  citekeeper extract paper.pdf --out refs/    # also .docx/.odt/.rtf, .epub, JATS/TEI .xml, .html, .tex, .md

\b
Writes:
  OUT/references.bib              the reference list, in list order
  OUT/footnotes/footnotes.bib     one entry per footnote citation (field `footnote`)
  OUT/references.json, OUT/footnotes/footnotes.json   with --csl-json
  OUT/references.ris, OUT/footnotes/footnotes.ris     with --ris

\b
Existing files are never replaced silently: if any file to be written exists
already, nothing is written and extract exits with code 4 naming it; pass
--force to replace them (a replaced file keeps its mode; a symlink's target is
written, the link stays).
""",
)
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--out", "-o", "out_dir", type=click.Path(path_type=Path),
              default=Path("."), show_default=True, help="Directory to write into.")
@click.option("--csl-json", is_flag=True, help="Also write CSL-JSON beside the BibTeX.")
@click.option("--ris", is_flag=True, help="Also write RIS beside the BibTeX.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the summary.")
@click.option("--max-size", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse inputs larger than this many bytes.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--force", "-f", is_flag=True, help="Replace output files that exist already.")
def command(
    article: Path, out_dir: Path, csl_json: bool, ris: bool, fmt: str, max_size: int, quiet: bool,
    force: bool = False,
) -> None:
    """Extract the reference list and every footnote citation of ARTICLE.

    ARTICLE is plain text, or a document told by its content: PDF (by layout: footnote
    zones, columns, running heads), Word .docx/.odt/.rtf (footnotes, endnotes,
    Zotero/Mendeley citations), EPUB, JATS or TEI XML, HTML, LaTeX or Markdown
    (docs/documents.md).

    The reference list is found by its heading (References, Bibliography, Список
    литературы ...); footnotes are numbered lines (¹, 1., [1]), re-joined when a page
    break split them.  A citation that cannot be parsed is still written (its text as
    title) and reported as a warning with its file and line.
    """
    from citekeeper.errors import NoCitationsError
    from citekeeper.extract import extract_article
    from citekeeper.extract.documents import detect, extract_document  # PDF, Word, JATS, HTML ...
    from citekeeper.formats import bibtex, csljson, format_for
    from citekeeper.formats import ris as ris_format
    from citekeeper.textio import ExistingFileError, TextFile, atomic_write, read_text

    result: Extraction  # a document's carries its kind too (DocumentExtraction)
    kind = detect(article) if article.is_file() else None
    if kind:  # a document: its kind is reported where a text file's encoding is
        result = extract_document(article, kind, max_bytes=max_size)
        src = TextFile(str(article), "", kind)
    else:
        src = read_text(article, max_bytes=max_size)
        try:
            result = extract_article(src.text, file=str(article))
        except NoCitationsError as exc:
            given = format_for(article)
            if given != "article":  # a .bib/.json/.ris given to extract: say what to run instead
                exc.message += (f"; {article.name} is a {given} bibliography, not an article: "
                                f"use `citekeeper convert {article.name} OUT.json` or `citekeeper render`")
            raise
    written: list[str] = []
    targets = [
        (out_dir / "references.bib", bibtex.dumps(result.references)),
        (out_dir / "footnotes" / "footnotes.bib", bibtex.dumps(result.footnotes)),
    ]
    if csl_json:
        targets += [
            (out_dir / "references.json", csljson.dumps(result.references)),
            (out_dir / "footnotes" / "footnotes.json", csljson.dumps(result.footnotes)),
        ]
    if ris:
        targets += [
            (out_dir / "references.ris", ris_format.dumps(result.references)),
            (out_dir / "footnotes" / "footnotes.ris", ris_format.dumps(result.footnotes)),
        ]
    for folder, shown, what in ((out_dir, out_dir, "is a file"),
                                (out_dir / "footnotes", out_dir / "footnotes" / "footnotes.bib", "its folder is a file")):
        # before anything is written: a file where a folder must be stopped the second
        # write after the first (a half-set), and click's refusal of --out was 4 lines, exit 2
        if folder.exists() and not folder.is_dir():
            from citekeeper.errors import OutputError

            raise OutputError(f"{what}, not a directory; nothing written", file=str(shown))
    existing = [path for path, _ in targets if path.exists() or path.is_symlink()]
    if existing and not force:
        # Checked for every target before writing any: a refusal leaves no half-set.
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise ExistingFileError(f"exists already{more}; nothing written (pass --force to replace)",
                                file=str(existing[0]))
    for path, text in targets:
        atomic_write(path, text)
        written.append(str(path))
    if fmt == "json":
        click.echo(json.dumps({
            "schema_version": 1,
            "tool": "citekeeper extract",
            "file": str(article),
            "encoding": src.encoding,
            "references": len(result.references),
            "footnotes": result.footnote_count,
            "footnote_citations": len(result.footnotes),
            "unparsed": sum(not r.parsed for r in result.references + result.footnotes),
            "written": written,
            "warnings": result.warnings,
        }, ensure_ascii=False, indent=2))
        return
    for w in result.warnings:
        click.echo(f"warning: {w}", err=True)
    if quiet:
        return
    note = f" (decoded as {src.encoding})" if src.encoding not in ("utf-8", "utf-8-sig") else ""
    click.echo(
        f"{article}{note}: {len(result.references)} references, "
        f"{len(result.footnotes)} citations in {result.footnote_count} footnotes",
        file=sys.stdout,
    )
    for name in written:
        click.echo(f"  {'replaced' if Path(name) in existing else 'wrote'} {name}")

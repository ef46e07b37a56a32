"""``evidence-review extract FILE``: read one file and show what the tool sees in it."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from evidence_review.extractors.model import Document


def render(doc: Document) -> str:
    """The human rendering: a header line, then each page's text and tables."""
    from evidence_review.intake.formats import FORMAT_LABELS

    producer = f", producer {doc.producer}" if doc.producer else ""
    lines = [f"{doc.path}: {FORMAT_LABELS[doc.format]}, {doc.status.value}, "
             f"{len(doc.pages)} page{'s' if len(doc.pages) != 1 else ''}{producer}"]
    for page in doc.pages:
        quality = "-" if page.quality is None else f"{page.quality:.2f}"
        notes = [f"quality {quality}"] + (["OCR"] if page.ocr else [])
        lines.append(f"--- page {page.number} ({', '.join(notes)}) ---")
        if page.unreadable:
            lines.append(f"[unreadable: {page.unreadable}]")
        if page.text:
            lines.append(page.text)
        for index, table in enumerate(page.tables, 1):
            width = max((len(row) for row in table.rows), default=0)
            lines.append(f"[table {index}: {len(table.rows)} rows x {width} columns]")
            lines.extend(" | ".join(cell.replace("\n", " ") for cell in row)
                         for row in table.rows)
    return "\n".join(lines)


@click.command(name="extract")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print the Document as JSON (UTF-8).")
@click.option("-v", "--verbose", is_flag=True,
              help="Log details (with tracebacks of internal errors) on stderr.")
def command(file: str, as_json: bool, verbose: bool) -> None:
    """Read one FILE (PDF, Word, Excel, HTML or text) into repaired Thai text, pages and
    tables.

    Exit status: 0 when the file was read (fully or partly), 1 when it could not be read
    (one line on stderr: "error: FILE: reason").

    \b
    Examples:
      evidence-review extract fixtures/formats/sample.docx
      evidence-review extract report.pdf --json > report.json
    """
    from evidence_review.cli.edge import extract_options
    from evidence_review.cli.main import configure_logging
    from evidence_review.extractors import Status, extract

    configure_logging(verbose)
    doc = extract(file, extract_options())
    if as_json:
        click.echo(json.dumps(doc.to_json_dict(), ensure_ascii=False, indent=2))
    elif doc.status is not Status.FAILURE:
        click.echo(render(doc))
    if doc.status is Status.FAILURE:
        click.echo(f"error: {file}: {doc.error}", err=True)
        sys.exit(1)
    for item in doc.errors:
        where = f"page {item.page}: " if item.page else ""
        click.echo(f"warning: {file}: {where}{item.message}", err=True)

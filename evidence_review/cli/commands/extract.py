"""``evidence-review extract FILE``: read one file and show what the tool sees in it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from evidence_review.extractors.model import Document
    from evidence_review.extractors.options import ExtractOptions


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


def read_one(path: Path, rubric: object, rel: str, submission: str,
             options: ExtractOptions | None = None) -> Document:
    """The work function ``extract`` runs in a pool worker (the screen's own time and memory
    limits apply); ``rubric`` and ``submission`` are unused."""
    import logging

    from evidence_review.cli.main import _UserFacing
    from evidence_review.extractors import extract

    root = logging.getLogger()
    if root.getEffectiveLevel() > logging.INFO:  # as the CLI logs without --verbose
        for handler in root.handlers:
            if not any(isinstance(f, _UserFacing) for f in handler.filters):
                handler.addFilter(_UserFacing())
                handler.setFormatter(logging.Formatter("warning: %(message)s"))
    return extract(path, options)


def extract_limited(file: str, timeout_s: float | None, memory_mb: int,
                    options: ExtractOptions | None = None) -> Document:
    """Read ``file`` in one worker process of the batch pool, under ``timeout_s`` seconds and
    ``memory_mb`` MB like every file ``screen`` reads (``timeout_s`` None: screen's default,
    a base plus seconds per page). A worker stopped for time, memory or a crash gives a failed
    Document with the reason."""
    import stat

    from evidence_review.extractors.model import Document, ErrorCategory, failed
    from evidence_review.intake import FileFormat, sniff_format
    from evidence_review.pipeline.model import Task
    from evidence_review.pipeline.pages import BASE_TIMEOUT_S, TIMEOUT_PER_PAGE_S, estimate_pages
    from evidence_review.pipeline.pool import LocalPool
    from evidence_review.pipeline.worker import worker_env

    try:  # a page estimate opens the file: never a FIFO's (it would wait for a writer)
        regular = stat.S_ISREG(Path(file).stat().st_mode)
    except OSError:
        regular = False
    pool = LocalPool(f"{__name__}:read_one", None, jobs=1, timeout_s=timeout_s or BASE_TIMEOUT_S,
                     memory_mb=memory_mb, env=worker_env(), options=options,
                     per_page_s=0.0 if timeout_s else TIMEOUT_PER_PAGE_S)
    task = Task(submission="", rel=file, abs_path=Path(file),
                pages=estimate_pages(Path(file)) if regular else 1)
    (result,) = list(pool.run([(task, "")]))
    doc = result.document
    if isinstance(doc, Document):
        return doc
    try:
        fmt = sniff_format(Path(file))
    except OSError:
        fmt = FileFormat.UNKNOWN
    return failed(Path(file), fmt, "worker", ErrorCategory.LIMIT, result.error or "failed", "")


@click.command(name="extract")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print the Document as JSON (UTF-8).")
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=1), default=None,
              help="Seconds reading may take before it fails (default, as screen: 60 plus 5 "
                   "per page).")
@click.option("--memory-mb", type=click.IntRange(min=64), default=2048, show_default=True,
              help="Memory reading may use before it fails (as screen).")
@click.option("-v", "--verbose", is_flag=True,
              help="Log details (with tracebacks of internal errors) on stderr.")
def command(file: str, as_json: bool, timeout_s: float | None, memory_mb: int,
            verbose: bool) -> None:
    """Read one FILE (PDF, Word, Excel, HTML or text) into repaired Thai text, pages and
    tables. The file is read in a worker process under the same time and memory limits as
    ``screen``.

    Exit status: 0 when the file was read (fully or partly), 1 when it could not be read
    (one line on stderr: "error: FILE: reason").

    \b
    Examples:
      evidence-review extract fixtures/formats/sample.docx
      evidence-review extract "fixtures/submissions/s01-fisheries/แผนปฏิบัติการ 2550.docx" --json
    """
    from evidence_review.cli.edge import extract_options
    from evidence_review.cli.main import configure_logging
    from evidence_review.extractors import Status
    from evidence_review.pipeline.model import display_path

    configure_logging(verbose)
    doc = extract_limited(file, timeout_s, memory_mb, extract_options())
    if as_json:
        click.echo(json.dumps(doc.to_json_dict(), ensure_ascii=False, indent=2))
    elif doc.status is not Status.FAILURE:
        click.echo(render(doc))
    name = display_path(file)  # a newline in a file name must not split the line
    if doc.status is Status.FAILURE:
        click.echo(f"error: {name}: {doc.error}", err=True)
        sys.exit(1)
    for item in doc.errors:
        where = f"page {item.page}: " if item.page else ""
        click.echo(f"warning: {name}: {where}{item.message}", err=True)

"""``evidence-review report``: the official-form report, or a batch summary with ``--all``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from evidence_review.cli.options import (
    changed_on_disk,
    db_option,
    load_rubric_or_fail,
    open_store,
    record_scored,
    refuse_unconfirmed,
    rubric_option,
    submission_id,
)
from evidence_review.messages import MessageKey, message

if TYPE_CHECKING:
    from evidence_review.reports.official import OfficialReport

FORMATS = ("md", "html", "xlsx", "json", "pdf")


@click.command("report")
@click.argument("submission", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (default: stdout for md/json/html, SUBMISSION.FORMAT otherwise).")
@click.option("--draft", is_flag=True,
              help="Report before everything is confirmed; every page says ฉบับร่าง (DRAFT).")
@click.option("--all", "all_", is_flag=True,
              help="Batch summary of every submission in the store (XLSX and CSV).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("."),
              show_default=True, help="Folder for --all's summary.xlsx and summary.csv.")
@click.option("--force", is_flag=True,
              help="Replace an existing output file (never the store or a database).")
@db_option
@rubric_option
def command(submission: str | None, fmt: str, output: Path | None, draft: bool, all_: bool,
            out_dir: Path, force: bool, db: str | None, rubric_path: Path | None) -> None:
    """Write the official-form report (Thai first): the score table, every document's
    sub-issues with decision, reviewer, reason and evidence pages, plan completeness
    findings and the progress table.

    Exits 3, listing what is missing, when something is unconfirmed (unless --draft).
    An existing output file is never replaced without --force (exit 2 naming it); the store
    and any database are never replaced.

    \b
    Examples:
      evidence-review report s01-fisheries --format xlsx -o out/s01.xlsx
      evidence-review report --all --out out/
    """
    from evidence_review.outputs import OutputError, check_folder, check_target

    rubric = load_rubric_or_fail(rubric_path)
    try:  # refuse a bad target before any work, and before the store is even opened
        if all_:
            check_folder(out_dir)
        elif output is not None:
            check_target(output, force=force)
    except OutputError as exc:
        raise refused(exc) from None
    store = open_store(db)
    try:
        if all_:
            from evidence_review.reports.batch import write_summary

            try:
                xlsx, csv_path, rows = write_summary(store, rubric, out_dir, force=force)
            except OutputError as exc:
                raise refused(exc) from None
            done = sum(r.status == "confirmed" for r in rows)
            click.echo(message(MessageKey.REPORT_ALL_WRITTEN, count=len(rows), done=done,
                               open=len(rows) - done, xlsx=str(xlsx), csv=str(csv_path)))
            return
        if not submission:
            raise click.UsageError(message(MessageKey.REPORT_NEEDS_SUBMISSION))
        from evidence_review.reports.official import build_report
        from evidence_review.review.state import review_state

        ident = submission_id(store, submission)
        state = review_state(store, ident, rubric)
        missing = changed_on_disk(store, ident) + state.missing
        if missing and not draft:
            refuse_unconfirmed(ident, missing, "report on")
        report = build_report(store, ident, rubric, draft=draft)
        if not missing:
            record_scored(store, ident, report.score.score)
    finally:
        store.close()
    try:
        write(report, fmt, output, ident, force=force, store_path=_store_file(db))
    except OutputError as exc:
        raise refused(exc) from None


class OutputRefused(click.ClickException):
    """An output refused or not written (:class:`~evidence_review.outputs.OutputError`): one
    line ``Error: PATH: reason`` and exit status 2 (EXIT_OUTPUT), without click's usage lines."""

    exit_code = 2


def refused(exc: Exception) -> click.ClickException:
    return OutputRefused(str(exc))


def _store_file(db: str | None) -> Path | None:
    """The store's file, when it is an SQLite file (never to be written over)."""
    from sqlalchemy.engine import make_url

    from evidence_review.cli.edge import store_url

    try:
        url = make_url(store_url(db))
    except Exception:  # an unusual URL: nothing to protect by path
        return None
    return Path(url.database) if url.drivername.startswith("sqlite") and url.database else None


def write(report: OfficialReport, fmt: str, output: Path | None, name: str, *,
          force: bool = False, store_path: Path | None = None) -> None:
    """Write ``report`` as ``fmt`` to ``output`` (stdout for text formats when None).

    Raises:
        OutputError: ``output`` exists (without ``force``), is the store, a folder or a
            special file, or cannot be written; nothing is replaced then.
    """
    from evidence_review.outputs import write_bytes
    from evidence_review.reports import render

    protect = [store_path] if store_path else []
    if fmt in ("md", "html", "json"):
        text = {"md": render.to_markdown, "html": render.to_html, "json": render.to_json}[fmt](
            report)
        if output is None:
            click.echo(text, nl=False)
            return
        write_bytes(output, text.encode("utf-8"), force=force, protect=protect)
    else:
        output = output or Path(f"{name}.{fmt}")
        if fmt == "xlsx":
            from evidence_review.reports.xlsx import xlsx_bytes

            write_bytes(output, xlsx_bytes(report), force=force, protect=protect)
        else:
            from evidence_review.reports.pdf import PdfUnavailable, pdf_bytes

            try:
                data = pdf_bytes(report)
            except PdfUnavailable as exc:
                raise click.ClickException(str(exc)) from None
            write_bytes(output, data, force=force, protect=protect)
    click.echo(f"wrote {output}", err=True)

"""``evidence-review screen PATH...``: propose sub-issue coverage for submissions."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from evidence_review.cli.options import (
    EXIT_INTERRUPTED,
    UsageFailure,
    db_option,
    load_rubric_or_fail,
    settings_or_fail,
    work_option,
)
from evidence_review.messages import MessageKey, message

if TYPE_CHECKING:
    from evidence_review.models.screening import ScreenedDocument
    from evidence_review.pipeline.model import FileResult
    from evidence_review.pipeline.runner import Executor
    from evidence_review.rubric.model import Rubric


#: Short Thai names of the document roles, for the terminal table.
_ROLE_SHORT = {"review": "สรุปผลการทบทวน", "plan": "แผนปฏิบัติการ", "progress": "รายงานผล",
               "other": "เอกสารประกอบ"}
#: Below this many columns the table is compact: Thai role names only, ✓/✗ with two-digit
#: confidence (✓.90), the document name wrapped (never cut: every name is shown whole).
_WIDE = 140


def table_rows(docs: list[ScreenedDocument], rubric: Rubric, compact: bool) -> list[list[str]]:
    """One row per document: name (control characters escaped), role, status, then ✓/✗ with
    confidence per sub-issue."""
    from evidence_review.pipeline.model import display_path
    from evidence_review.reports.screen_md import STATUS_TH

    rows = []
    for d in docs:
        subs = [d.proposals.subissues[s] for s in rubric.subissue_ids]
        if d.status == "failure":
            cells = ["–"] * len(subs)
        elif compact:
            cells = [f"{'✓' if p.proposed else '✗'}{p.confidence:.2f}".replace("0.", ".")
                     .replace("1.00", "1.0") for p in subs]
        else:
            cells = [f"{'✓' if p.proposed else '✗'}{p.confidence:.2f}" for p in subs]
        role = _ROLE_SHORT.get(d.role.value, d.role.value)
        status = STATUS_TH.get(d.status, d.status)
        if not compact:
            role, status = f"{role} ({d.role.value})", f"{status} ({d.status})"
        rows.append([display_path(d.path), f"{role} {d.role_confidence:.2f}", status, *cells])
    return rows


def terminal_table(submission: str, docs: list[ScreenedDocument], rubric: Rubric,
                   console: Any = None) -> None:
    """Documents x sub-issues (✓/✗ with confidence), rich on a terminal (fitted to its width,
    80 columns at least: names wrap, never dropped), tab-separated text otherwise; Thai first,
    the English of each column in brackets."""
    from evidence_review.pipeline.model import display_path

    title = f"{display_path(submission)} — ผลคัดกรองเบื้องต้น ยังไม่ได้รับการยืนยัน (unconfirmed)"
    header = ["เอกสาร (document)", "ประเภท (role)", "สถานะ (status)", *rubric.subissue_ids]
    if console is None and not sys.stdout.isatty():
        click.echo(title)
        click.echo("\t".join(header))
        for r in table_rows(docs, rubric, compact=False):
            click.echo("\t".join(r))
        _errors(docs)
        click.echo("")
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    compact = console.width < _WIDE
    table = Table(title=escape(title), box=box.SIMPLE_HEAD, padding=(0, 0, 0, 1), pad_edge=False)
    rows = table_rows(docs, rubric, compact)
    if compact:  # role and status under the name: the sub-issues keep their columns
        table.add_column(f"{header[0]}\n{header[1]} · {header[2]}", overflow="fold",
                         ratio=1, min_width=16)
        rows = [[f"{escape(r[0])}\n{escape(r[1])} · {escape(r[2])}", *r[3:]] for r in rows]
    else:
        for h in header[:3]:
            table.add_column(h, overflow="fold", ratio=1 if h == header[0] else None)
        rows = [[escape(c) for c in r[:3]] + r[3:] for r in rows]
    for h in header[3:]:
        table.add_column(h, no_wrap=True, justify="right")
    first = 1 if compact else 3
    for r in rows:
        table.add_row(*r[:first], *[f"[green]{c}[/]" if c.startswith("✓") else c
                                    for c in r[first:]])
    console.print(table)
    for d in docs:
        if d.error:
            console.print(f"error: {display_path(d.path)}: {d.error}", markup=False)


def _errors(docs: list[ScreenedDocument]) -> None:
    from evidence_review.pipeline.model import display_path

    for d in docs:
        if d.error:
            click.echo(f"error: {display_path(d.path)}: {d.error}")


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", name).strip("._") or "submission"


@click.command(name="screen")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--json", "json_out", metavar="FILE|-", help="Write the JSON result ('-' = stdout).")
@click.option("--out", "out_dir", metavar="DIR", type=click.Path(path_type=str),
              help="Write a Markdown pre-screen report per submission into DIR.")
@click.option("--rubric", "rubric_path", metavar="FILE", type=click.Path(path_type=str),
              help="Rubric TOML (default: the bundled FY 2550 KPI 14 rubric).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the machine's cores).")
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=1), default=None,
              help="Seconds one file may take before it fails (default: 120 plus 10 per page).")
@click.option("--memory-mb", type=click.IntRange(min=64), default=2048, show_default=True,
              help="Memory one file may use before it fails.")
@click.option("--no-cache", is_flag=True,
              help="Re-screen every file even if its bytes, rubric and tool version are unchanged.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where files are screened: worker processes here, or a "
                                      "Dask cluster (--scheduler).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --executor dask).")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary on stderr.")
@work_option
def command(paths: tuple[str, ...], json_out: str | None, out_dir: str | None,
            rubric_path: str | None, jobs: int | None, timeout_s: float | None, memory_mb: int,
            no_cache: bool, executor: Executor, scheduler: str | None, db: str | None,
            quiet: bool, work: str | None) -> None:
    """Propose, for each document of each submission, its role and which of the 10
    sub-issues it covers, with confidence and evidence. Proposals are UNCONFIRMED until a
    reviewer confirms them (``evidence-review review``).

    PATH is files, one agency folder, or a folder of agency folders. Files are screened in
    parallel, each with a time limit (120 s plus 10 s per page, or --timeout) and a memory
    limit; results are cached by content, so a re-run (or a run after an interruption) only
    screens new or changed files. Every submission and document is registered in the store
    (--db) under the id printed, which `review`, `score` and `report` take.

    Exit status: 0 when every file was read, 1 when some could not be read (they are listed
    with their reason), 2 for a usage error (e.g. a folder with no files), 130 interrupted
    (files screened so far are kept).

    \b
    Examples:
      evidence-review screen fixtures/submissions --out out --json out/screen.json
      evidence-review screen fixtures/submissions/s01-fisheries --json - --quiet
      evidence-review screen fixtures/submissions --jobs 2 --quiet --json out/screen.json
    """
    from evidence_review.cli.edge import extract_options, store_url
    from evidence_review.intake import Submission
    from evidence_review.outputs import OutputError
    from evidence_review.pipeline import DEFAULT_WORK, BatchUsageError, run_batch
    from evidence_review.pipeline.document import (
        document_order,
        documents_of,
        screen_json,
        screen_warnings,
        unread_document,
    )
    from evidence_review.pipeline.pages import BASE_TIMEOUT_S, TIMEOUT_PER_PAGE_S

    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS")
    settings_or_fail()
    rubric = load_rubric_or_fail(rubric_path)
    given = [Path(p) for p in paths]
    try:  # a target that can never be written is refused before minutes of screening
        _check_outputs(json_out, out_dir, given)
    except OutputError as exc:
        from evidence_review.cli.commands.report import refused

        raise refused(exc) from None
    by_submission: dict[str, list[ScreenedDocument]] = {}

    def collect(result: FileResult) -> None:
        doc = result.document
        if doc is None:  # the worker failed before producing a result (timeout, crash...)
            doc = unread_document(rubric, result.task.abs_path, result.task.rel,
                                  result.task.submission, result.error or "failed",
                                  result.sha256)
        by_submission.setdefault(result.task.submission, []).extend(documents_of(doc))

    try:
        summary = run_batch(
            list(paths), rubric, jobs=jobs, memory_mb=memory_mb, executor=executor,
            timeout_s=timeout_s or BASE_TIMEOUT_S,
            timeout_per_page_s=0.0 if timeout_s else TIMEOUT_PER_PAGE_S,
            scheduler=scheduler, cache=not no_cache, quiet=quiet, database_url=store_url(db),
            options=extract_options(), sink=collect, register=True,
            work=work or DEFAULT_WORK)
    except BatchUsageError as exc:
        raise UsageFailure(str(exc)) from None
    except KeyboardInterrupt:
        done = sum(len(v) for v in by_submission.values())
        click.echo(message(MessageKey.SCREEN_INTERRUPTED, done=done), err=True)
        sys.exit(EXIT_INTERRUPTED)
    results = []
    for sub_id in sorted(by_submission):
        docs = sorted(by_submission[sub_id], key=document_order)
        root = Path(docs[0].abs_path).parent
        results.append((Submission(id=sub_id, root=root,
                                   files=[Path(d.abs_path) for d in docs]), docs))
        if json_out != "-":
            terminal_table(sub_id, docs, rubric)
        for warning in screen_warnings(docs):
            click.echo(f"warning: {sub_id}: {warning}", err=True)
    data = screen_json(rubric, results)
    protect = [*given, *(Path(d.abs_path) for _, docs in results for d in docs)]
    store = _store_file(db)
    if store is not None:
        protect.append(store)
    try:
        _write_outputs(data, results, rubric, json_out, out_dir, protect, quiet)
    except OutputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if not quiet:
        _next_steps(summary.notes, sorted(by_submission), db)
    sys.exit(summary.exit_status)


def _next_steps(notes: list[str], idents: list[str], db: str | None) -> None:
    """What the run made plain (an id made distinct) and what to do next, on stderr."""
    for note in notes:
        click.echo(f"note: {note}", err=True)
    if idents:  # one line, with the first id as the example (the tables above name them all)
        click.echo(message(MessageKey.NEXT_STEPS_DB, ident=idents[0], db=db) if db
                   else message(MessageKey.NEXT_STEPS, ident=idents[0]), err=True)


def _own_json(path: Path) -> bool:
    """``screen --json``'s own earlier output (it may be replaced)."""
    from evidence_review.outputs import starts_with

    return starts_with('{\n  "rubric": ')(path)


def _own_md(path: Path) -> bool:
    """``screen --out``'s own earlier report (it may be replaced)."""
    from evidence_review.outputs import starts_with
    from evidence_review.reports.screen_md import LABEL_TH

    return starts_with(f"# {LABEL_TH}")(path)


def _check_outputs(json_out: str | None, out_dir: str | None, given: list[Path]) -> None:
    from evidence_review.outputs import check_folder, check_target

    if out_dir:
        check_folder(Path(out_dir))
    if json_out and json_out != "-":
        target = Path(json_out)
        check_target(target, own=_own_json, protect=[*given, *_inside(target, given)])


def _inside(target: Path, given: list[Path]) -> list[Path]:
    """``target`` when it is a file screen would read under one of the ``given`` folders."""
    from evidence_review.intake.submissions import is_note_file, is_skipped_name

    if not target.is_file() or is_note_file(target.name) or is_skipped_name(target.name):
        return []
    real = target.resolve()
    return [target for g in given if g.is_dir() and real.is_relative_to(g.resolve())]


def _store_file(db: str | None) -> Path | None:
    from evidence_review.cli.commands.report import _store_file as store_file

    return store_file(db)


def _write_outputs(data: dict, results: list, rubric: Rubric, json_out: str | None,
                   out_dir: str | None, protect: list[Path], quiet: bool) -> None:
    """The Markdown reports and the JSON, each written whole (temp file + rename); an
    existing file is replaced only if it is screen's own earlier output."""
    from evidence_review.outputs import write_text
    from evidence_review.reports.screen_md import render

    if out_dir:
        out = Path(out_dir)
        provisional = {s["id"]: s["provisional"] for s in data["submissions"]}
        for sub, docs in results:
            target = out / f"{_safe_name(sub.id)}.screen.md"
            write_text(target, render(sub.id, docs, rubric, provisional.get(sub.id)),
                       own=_own_md, protect=protect)
            if not quiet:
                click.echo(f"wrote {target}", err=True)
    if json_out:
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if json_out == "-":
            click.echo(text)
            return
        write_text(Path(json_out), text + "\n", own=_own_json, protect=protect)
        if not quiet:
            click.echo(f"wrote {json_out}", err=True)

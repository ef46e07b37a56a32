"""``evidence-review screen PATH...``: propose sub-issue coverage for submissions."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from evidence_review.review.cli import db_option, load_rubric_or_fail

if TYPE_CHECKING:
    from evidence_review.models.screening import ScreenedDocument
    from evidence_review.rubric.model import Rubric


#: Short Thai names of the document roles, for the terminal table.
_ROLE_SHORT = {"review": "สรุปผลการทบทวน", "plan": "แผนปฏิบัติการ", "progress": "รายงานผล",
               "other": "เอกสารประกอบ"}


def terminal_table(submission: str, docs: list[ScreenedDocument], rubric: Rubric) -> None:
    """Documents x sub-issues (✓/✗ with confidence), rich on a tty, plain text otherwise;
    Thai first, the English of each column and value in brackets."""
    from evidence_review.pipeline.model import display_path
    from evidence_review.reports.screen_md import STATUS_TH

    sids = rubric.subissue_ids
    rows = []
    for d in docs:
        if d.status == "failure":
            cells = ["–"] * len(sids)
        else:
            cells = [f"{'✓' if p.proposed else '✗'}{p.confidence:.2f}"
                     for p in (d.proposals.subissues[s] for s in sids)]
        role = (f"{_ROLE_SHORT.get(d.role.value, d.role.value)} ({d.role.value}) "
                f"{d.role_confidence:.2f}")
        rows.append([display_path(d.path), role,
                     f"{STATUS_TH.get(d.status, d.status)} ({d.status})", *cells])
    header = ["เอกสาร (document)", "ประเภท (role)", "สถานะ (status)", *sids]
    title = f"{display_path(submission)} — ผลคัดกรองเบื้องต้น ยังไม่ได้รับการยืนยัน (unconfirmed)"
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        table = Table(title=escape(title))
        for h in header:
            table.add_column(h, no_wrap=h != header[0])
        for r in rows:
            # file names are text, not rich markup (a file called "[/]" broke the table)
            table.add_row(*[(f"[green]{c}[/]" if c.startswith("✓") else escape(c)) for c in r])
        Console().print(table)
        return
    click.echo(title)
    click.echo("\t".join(header))
    for r in rows:
        click.echo("\t".join(r))
    for d in docs:
        if d.error:
            click.echo(f"error: {display_path(d.path)}: {d.error}")
    click.echo("")


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
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=1), default=120.0,
              show_default=True, help="Seconds one file may take before it fails.")
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
def command(paths: tuple[str, ...], json_out: str | None, out_dir: str | None,
            rubric_path: str | None, jobs: int | None, timeout_s: float, memory_mb: int,
            no_cache: bool, executor: str, scheduler: str | None, db: str | None,
            quiet: bool) -> None:
    """Propose, for each document of each submission, its role and which of the 10
    sub-issues it covers, with confidence and evidence. Proposals are UNCONFIRMED until a
    reviewer confirms them (``evidence-review review``).

    PATH is files, one agency folder, or a folder of agency folders. Files are screened in
    parallel, each with a time and memory limit; results are cached by content, so a re-run
    (or a run after an interruption) only screens new or changed files.

    Exit status: 0 when every file was read, 1 when some could not be read (they are listed
    with their reason), 2 for a usage error.

    \b
    Examples:
      evidence-review screen fixtures/submissions --out out --json out/screen.json
      evidence-review screen agency-01/ --json - | jq '.documents[].role'
      evidence-review screen all-agencies/ --jobs 8 --quiet --json screen.json
    """
    from evidence_review.cli.edge import extract_options, store_url
    from evidence_review.intake import Submission
    from evidence_review.outputs import OutputError
    from evidence_review.pipeline import BatchUsageError, run_batch
    from evidence_review.pipeline.document import screen_json, unread_document

    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS")
    rubric = load_rubric_or_fail(rubric_path)
    given = [Path(p) for p in paths]
    try:  # a target that can never be written is refused before minutes of screening
        _check_outputs(json_out, out_dir, given)
    except OutputError as exc:
        from evidence_review.cli.commands.report import refused

        raise refused(exc) from None
    by_submission: dict[str, list[ScreenedDocument]] = {}

    def collect(result) -> None:  # type: ignore[no-untyped-def]
        doc = result.document
        if doc is None:  # the worker failed before producing a result (timeout, crash...)
            doc = unread_document(rubric, result.task.abs_path, result.task.rel,
                                  result.task.submission, result.error or "failed",
                                  result.sha256)
        by_submission.setdefault(result.task.submission, []).append(doc)

    try:
        summary = run_batch(list(paths), rubric, jobs=jobs, timeout_s=timeout_s,
                            memory_mb=memory_mb, executor=executor, scheduler=scheduler,
                            cache=not no_cache, quiet=quiet, database_url=store_url(db),
                            options=extract_options(), sink=collect)
    except BatchUsageError as exc:
        raise click.UsageError(str(exc)) from None
    results = []
    for sub_id in sorted(by_submission):
        docs = sorted(by_submission[sub_id], key=lambda d: d.path)
        root = Path(docs[0].abs_path).parent
        results.append((Submission(id=sub_id, root=root,
                                   files=[Path(d.abs_path) for d in docs]), docs))
        if json_out != "-":
            terminal_table(sub_id, docs, rubric)
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
    sys.exit(summary.exit_status)


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

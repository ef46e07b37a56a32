"""``evidence-review screen PATH...``: propose sub-issue coverage for submissions."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from evidence_review.pipeline import ScreenedDocument
    from rubric.model import Rubric


def load_rubric_or_fail(path: str | None) -> Rubric:
    """The rubric, or a one-line click error naming the file and the bad key."""
    from rubric.model import RubricError, load_rubric

    try:
        return load_rubric(path)
    except RubricError as exc:
        raise click.UsageError(str(exc)) from None


def terminal_table(submission: str, docs: list[ScreenedDocument], rubric: Rubric) -> None:
    """Documents x sub-issues (✓/✗ with confidence), rich on a tty, plain text otherwise."""
    sids = rubric.subissue_ids
    rows = []
    for d in docs:
        if d.status == "failure":
            cells = ["–"] * len(sids)
        else:
            cells = [f"{'✓' if p.proposed else '✗'}{p.confidence:.2f}"
                     for p in (d.proposals.subissues[s] for s in sids)]
        rows.append([d.path, f"{d.role.value} {d.role_confidence:.2f}", d.status, *cells])
    header = ["document", "role", "status", *sids]
    title = f"{submission} — ผลคัดกรองเบื้องต้น ยังไม่ได้รับการยืนยัน (unconfirmed)"
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for h in header:
            table.add_column(h, no_wrap=h != "document")
        for r in rows:
            table.add_row(*[(f"[green]{c}[/]" if c.startswith("✓") else c) for c in r])
        Console().print(table)
        return
    click.echo(title)
    click.echo("\t".join(header))
    for r in rows:
        click.echo("\t".join(r))
    for d in docs:
        if d.error:
            click.echo(f"error: {d.path}: {d.error}")
    click.echo("")


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", name).strip("._") or "submission"


@click.command(name="screen")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--json", "json_out", metavar="FILE|-", help="Write the JSON result ('-' = stdout).")
@click.option("--out", "out_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=str),
              help="Write a Markdown pre-screen report per submission into DIR.")
@click.option("--rubric", "rubric_path", metavar="FILE", type=click.Path(path_type=str),
              help="Rubric TOML (default: the bundled FY 2550 KPI 14 rubric).")
def command(paths: tuple[str, ...], json_out: str | None, out_dir: str | None,
            rubric_path: str | None) -> None:
    """Propose, for each document of each submission, its role and which of the 10
    sub-issues it covers, with confidence and evidence. Proposals are UNCONFIRMED until a
    reviewer confirms them (``evidence-review review``).

    PATH is files, one agency folder, or a folder of agency folders.

    Exit status: 0 when every file was read, 1 when some could not be read (they are listed
    with their reason), 2 for a usage error.

    \b
    Examples:
      evidence-review screen fixtures/submissions --out out --json out/screen.json
      evidence-review screen agency-01/ --json - | jq '.documents[].role'
    """
    from evidence_review.pipeline import screen_json, screen_paths
    from intake.submissions import DiscoveryError
    from reports.screen_md import render

    rubric = load_rubric_or_fail(rubric_path)
    results = []
    try:
        for sub, docs in screen_paths(paths, rubric):
            results.append((sub, docs))
            if json_out != "-":
                terminal_table(sub.id, docs, rubric)
    except DiscoveryError as exc:
        raise click.UsageError(str(exc)) from None
    data = screen_json(rubric, results)
    if out_dir:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        provisional = {s["id"]: s["provisional"] for s in data["submissions"]}
        for sub, docs in results:
            target = out / f"{_safe_name(sub.id)}.screen.md"
            target.write_text(render(sub.id, docs, rubric, provisional.get(sub.id)),
                              encoding="utf-8")
            click.echo(f"wrote {target}", err=True)
    if json_out:
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if json_out == "-":
            click.echo(text)
        else:
            Path(json_out).parent.mkdir(parents=True, exist_ok=True)
            Path(json_out).write_text(text + "\n", encoding="utf-8")
            click.echo(f"wrote {json_out}", err=True)
    failed = [d for _, docs in results for d in docs if d.status == "failure"]
    for d in failed:
        click.echo(f"error: {d.path}: {d.error}", err=True)
    if failed:
        sys.exit(1)

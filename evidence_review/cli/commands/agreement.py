"""``evidence-review agreement [SUBMISSION]``: how far two reviewers agreed."""

from __future__ import annotations

import json
from pathlib import Path

import click

from evidence_review.cli.options import (
    load_rubric_or_fail,
    open_store,
    store_options,
    submission_id,
)
from evidence_review.messages import MessageKey, message


@click.command("agreement")
@click.argument("submission", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@store_options
def command(submission: str | None, as_json: bool, db: str | None,
            rubric_path: Path | None) -> None:
    """Raw agreement and Cohen's kappa between a double review's two reviewers, overall,
    for roles and per sub-issue (every double-reviewed submission when none is named).
    Kappa is null where chance agreement is 1.

    \b
    Examples:
      evidence-review agreement s02-nakhonsawan --json
      evidence-review agreement
    """
    from evidence_review.review import team
    from evidence_review.review.agreement import agreement
    from evidence_review.store.db import ROLE

    rubric = load_rubric_or_fail(rubric_path)
    items = {ROLE, *rubric.subissue_ids}
    store = open_store(db)
    try:
        idents = ([submission_id(store, submission)] if submission
                  else team.double_reviewed(store))
        pairs = [p for i in idents for p in team.agreement_pairs(store, i, items)]
    finally:
        store.close()
    result = agreement(idents[0] if submission else "all", pairs, rubric.subissue_ids)
    if as_json:
        data = result.model_dump(mode="json") | {"submissions": idents}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.submission}: " + message(MessageKey.AGREEMENT_HEADER,
                                                  items=result.items, count=len(idents)))
    rows = [("overall", result.items, result.agreement, result.kappa),
            ("role", result.role.items, result.role.agreement, result.role.kappa)]
    rows += [(sid, f.items, f.agreement, f.kappa) for sid, f in result.per_subissue.items()]
    click.echo(f"{'item':<8} {'items':>5} {'agreement':>9} {'kappa':>7}")
    for name, n, po, k in rows:
        click.echo(f"{name:<8} {n:>5} {_num(po):>9} {_num(k):>7}")


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"

"""``evidence-review score SUBMISSION``: the indicator score from confirmed decisions."""

from __future__ import annotations

import json
import unicodedata
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

if TYPE_CHECKING:
    from evidence_review.rubric.model import Rubric
    from evidence_review.scoring import ScoreResult


@click.command("score")
@click.argument("submission")
@click.option("--json", "as_json", is_flag=True, help="Print the score as JSON.")
@db_option
@rubric_option
def command(submission: str, as_json: bool, db: str | None, rubric_path: Path | None) -> None:
    """Compute the score from CONFIRMED decisions only.

    SUBMISSION is the id `screen` printed (or the agency folder screened). Exits 3, listing
    what is missing (document, sub-issue, role, improvement flag, progress figures, a document
    changed since it was reviewed or screened), if anything needed is not confirmed.

    \b
    Example:
      evidence-review score s01-fisheries --json
    """
    from evidence_review.review.state import review_state, score_inputs
    from evidence_review.scoring import score

    rubric = load_rubric_or_fail(rubric_path)
    store = open_store(db)
    try:
        ident = submission_id(store, submission)
        state = review_state(store, ident, rubric)
        missing = changed_on_disk(store, ident) + state.missing
        if missing:
            refuse_unconfirmed(ident, missing, "score", as_json)
        inputs = score_inputs(state)
        result = score(rubric, inputs.review_count, inputs.plan_count, inputs.improvement,
                       inputs.activities)
        result.notes.extend(inputs.notes)
        record_scored(store, ident, result.score)
    finally:
        store.close()
    if as_json:
        data = {"submission": ident, "rubric": rubric.id, "status": "confirmed",
                **result.to_json_dict()}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(format_score(ident, rubric, result))


def _pad(text: str, width: int, align: str) -> str:
    """Pad to a terminal width: Thai above/below marks take no column.

    >>> _pad("น้ำหนัก", 9, ">")
    '    น้ำหนัก'
    """
    shown = sum(1 for ch in text if not unicodedata.combining(ch)
                and unicodedata.category(ch) != "Mn")
    gap = " " * max(0, width - shown)
    return gap + text if align == ">" else text + gap


def format_score(submission: str, rubric: Rubric, result: ScoreResult) -> str:
    """The score as text lines, with the policies used."""
    from evidence_review.scoring import policy_lines

    lines = [f"{submission} — {rubric.title_th} (rubric {rubric.id})", ""]
    headers = [("เกณฑ์", "criterion", 12, "<"), ("น้ำหนัก", "weight", 9, ">"),
               ("ผลการดำเนินงาน", "result", 16, ">"), ("ค่าคะแนนที่ได้", "score", 16, ">")]
    lines.append("".join(_pad(th, w, a) for th, _, w, a in headers))
    lines.append("".join(_pad(f"({en})", w, a) for _, en, w, a in headers))
    for c in result.criteria:
        lines.append(f"{c.id:<12}{result.fmt(c.weight):>9}{result.fmt(c.result):>16}"
                     f"{result.fmt(c.score):>16}")
        lines.extend(f"    หมายเหตุ (note): {n}" for n in c.notes)
    lines += [
        "",
        f"ค่าคะแนนที่ได้ (indicator score): {result.fmt(result.score)}",
        f"ค่าคะแนนถ่วงน้ำหนัก (weighted score, indicator weight "
        f"{format(rubric.indicator_weight.normalize(), 'f')}): "
        f"{result.fmt(result.weighted_score)}",
        "",
        "นโยบายการคิดคะแนน (policies):",
    ]
    lines.extend(f"  {p}" for p in policy_lines(rubric))
    lines.extend(f"หมายเหตุ (note): {n}" for n in result.notes)
    return "\n".join(lines)

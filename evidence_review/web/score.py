"""The score and the report files for the web workspace (through the review's and the
reports' own functions)."""

from __future__ import annotations

from typing import Any

from evidence_review.review.state import review_state, score_inputs
from evidence_review.rubric.model import Rubric
from evidence_review.store.db import Store
from evidence_review.store.scorings import record_scored


def score_json(store: Store, submission: str, rubric: Rubric) -> dict[str, Any] | None:
    """The ``score --json`` object, or None while something is unconfirmed."""
    from evidence_review.scoring import score

    st = review_state(store, submission, rubric)
    if st.missing:
        return None
    inputs = score_inputs(st)
    result = score(rubric, inputs.review_count, inputs.plan_count, inputs.improvement,
                   inputs.activities)
    result.notes.extend(inputs.notes)
    data = {"submission": submission, "rubric": rubric.id, "status": "confirmed",
            **result.to_json_dict()}
    record_scored(store.engine, submission, result.score)
    return data


REPORT_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
                "json": "application/json",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "pdf": "application/pdf"}


def report_bytes(store: Store, submission: str, rubric: Rubric, fmt: str) -> bytes | None:
    """The official report in ``fmt``, or None while something is unconfirmed."""
    import tempfile
    from pathlib import Path

    from evidence_review.reports import render
    from evidence_review.reports.official import build_report

    if review_state(store, submission, rubric).missing:
        return None
    report = build_report(store, submission, rubric)
    if fmt in ("md", "html", "json"):
        fn = {"md": render.to_markdown, "html": render.to_html, "json": render.to_json}[fmt]
        return fn(report).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"report.{fmt}"
        if fmt == "xlsx":
            from evidence_review.reports.xlsx import write_xlsx

            write_xlsx(report, out)
        else:
            from evidence_review.reports.pdf import write_pdf

            write_pdf(report, out)
        return out.read_bytes()

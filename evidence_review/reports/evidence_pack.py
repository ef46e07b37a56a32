"""What goes into a submission's evidence pack (:mod:`reports.pack` writes and checks it):
the official report (PDF, XLSX and JSON), the original files, the screened text of each page
used as evidence, and the full audit trail (JSON and CSV)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

from evidence_review.extractors.options import ExtractOptions
from evidence_review.messages import MessageKey, message, os_error
from evidence_review.review.state import ReviewState, review_state
from evidence_review.rubric.model import Rubric
from evidence_review.store.db import DecisionRow, Store

TRAIL_FIELDS = ("id", "submission_id", "document_id", "document_path", "document_sha256",
                "item", "before", "after", "proposed", "reviewer", "reason", "source",
                "decided_at", "evidence", "prev_hash", "row_hash")


class PackSourceError(Exception):
    """An original file is gone or changed since it was screened: one line."""


def trail_json(trail: list[DecisionRow]) -> bytes:
    return json.dumps([r.model_dump(mode="json") for r in trail], ensure_ascii=False,
                      indent=2).encode("utf-8")


def trail_csv(trail: list[DecisionRow]) -> bytes:
    """One row per decision; JSON values as JSON text; the chain columns when present."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(TRAIL_FIELDS)
    for r in trail:
        d = r.model_dump(mode="json")
        w.writerow([json.dumps(d.get(f), ensure_ascii=False)
                    if f in ("before", "after", "proposed") else d.get(f, "") for f in
                    TRAIL_FIELDS])
    return out.getvalue().encode("utf-8")


def _evidence_pages(st: ReviewState) -> dict[int, set[int]]:
    """Per document id, the pages cited as evidence for the sub-issues confirmed covered."""
    pages: dict[int, set[int]] = {}
    for d in st.documents:
        for sid, covered in d.subissues.items():
            p = d.doc.proposals.subissues.get(sid)
            if covered and p is not None:
                pages.setdefault(d.doc.id, set()).update(e.page for e in p.evidence)
    return pages


def _page_texts(path: Path, options: ExtractOptions | None) -> list[str]:
    from evidence_review.extractors import extract

    return [p.text for p in extract(path, options).pages]


def members(store: Store, submission: str, rubric: Rubric,
            options: ExtractOptions | None = None) -> dict[str, bytes]:
    """Every member of the pack by its path in the zip.

    Raises:
        PackSourceError: an original file is missing or no longer the screened content.
        ValueError: the submission is not confirmed (the report needs final decisions).
        reports.pdf.PdfUnavailable: no PDF renderer.
    """
    from evidence_review.reports.official import build_report
    from evidence_review.reports.pdf import pdf_bytes
    from evidence_review.reports.render import to_json
    from evidence_review.reports.xlsx import xlsx_bytes

    st = review_state(store, submission, rubric)
    report = build_report(store, submission, rubric)
    out = {"report/official.pdf": pdf_bytes(report), "report/official.xlsx": xlsx_bytes(report),
           "report/official.json": to_json(report).encode("utf-8")}
    pages = _evidence_pages(st)
    for d in st.documents:
        path = Path(d.doc.abs_path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PackSourceError(f"{path}: {os_error(exc)}") from None
        if hashlib.sha256(data).hexdigest() != d.doc.sha256:
            raise PackSourceError(f"{path}: {message(MessageKey.FILE_CHANGED)}")
        out[f"originals/{d.doc.path}"] = data
        if pages.get(d.doc.id):
            texts = _page_texts(path, options)
            for n in sorted(pages[d.doc.id]):
                if 1 <= n <= len(texts):
                    out[f"text/{d.doc.path}/page-{n:03d}.txt"] = texts[n - 1].encode("utf-8")
    trail = store.trail(submission)
    out["audit/trail.json"] = trail_json(trail)
    out["audit/trail.csv"] = trail_csv(trail)
    return out


def verify_trail_json(zf: Any) -> str | None:
    """The audit trail inside a pack: readable, its hash chain intact (:mod:`store.chain`,
    no database), the CSV listing the same decisions."""
    from evidence_review.reports.pack import read_member
    from evidence_review.store import chain

    raw = read_member(zf, "audit/trail.json")
    if raw is None:
        return "audit/trail.json: missing or unreadable"
    try:
        rows = json.loads(raw)
    except ValueError:
        return "audit/trail.json: not JSON"
    ids = [r.get("id") for r in rows]
    broken = chain.verify(rows)
    if broken is not None:
        return f"audit/trail.json: decision {broken.row_id}: {broken.reason}"
    csv_raw = read_member(zf, "audit/trail.csv")
    if csv_raw is not None:
        listed = [row[0] for row in csv.reader(io.StringIO(csv_raw.decode("utf-8")))][1:]
        if listed != [str(i) for i in ids]:
            return "audit/trail.csv: does not list the decisions of audit/trail.json"
    return None

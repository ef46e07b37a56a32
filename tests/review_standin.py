"""A per-file work function for the review tests, run by the batch runner (``--work
review_standin:screen``) exactly where the real ``pipeline.document.screen_document`` runs: in
a limited worker, cached, registered in the store.

The role comes from the file name (review / plan / progress, else other); the review summary
covers 8 sub-issues and the plan 9 (improvement_vs_2549 not stated); confidence 0.95 on the
first five sub-issues, else 0.6; a progress report carries a two-activity table.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from evidence_review.models.proposals import (
    DocumentProposals,
    Evidence,
    Role,
    SubIssueProposal,
    Where,
)
from evidence_review.models.screening import ScreenedDocument

SUBISSUES = ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5"]
ROLES = {"review": Role.REVIEW, "plan": Role.PLAN, "progress": Role.PROGRESS}
PROGRESS_ROWS = [
    ["กิจกรรม", "น้ำหนัก", "ร้อยละความก้าวหน้า", "บรรลุวัตถุประสงค์"],
    ["พัฒนาระบบฐานข้อมูล", "40", "100", "บรรลุ"],
    ["จัดทำแผนสำรองข้อมูล", "60", "50", "ไม่บรรลุ"],
    ["รวม", "100", "", ""],
]


def _analyses(role: Role, path: Path) -> dict[str, Any]:
    from evidence_review.extractors.model import Document, Page, Table
    from evidence_review.intake.formats import FileFormat
    from evidence_review.plans import analyse_document

    tables = [Table(page=1, rows=PROGRESS_ROWS)] if role is Role.PROGRESS else []
    doc = Document(path=path, format=FileFormat.TEXT, pages=[Page(number=1, text="",
                                                                   tables=tables)])
    return analyse_document(doc, role)


def screen(path: Path, rubric: Any, rel: str, submission: str,
           options: Any = None) -> ScreenedDocument:
    role = ROLES.get(Path(path).stem, Role.OTHER)
    covered = {Role.REVIEW: 8, Role.PLAN: 9}.get(role, 0)
    subs = {sid: SubIssueProposal(
        proposed=i < covered, confidence=0.95 if i < 5 else 0.6,
        evidence=[Evidence(page=2, text=f"ข้อความหลักฐาน {sid}", phrase=sid, where=Where.BODY)]
        if i < covered else []) for i, sid in enumerate(SUBISSUES)}
    imp = SubIssueProposal(proposed=False, confidence=0.95) if role is Role.PLAN else None
    proposals = DocumentProposals(path=rel, role=role, role_confidence=0.95, subissues=subs,
                                  improvement_vs_2549=imp)
    data = Path(path).read_bytes()
    return ScreenedDocument(
        submission=submission, path=rel, abs_path=os.path.abspath(path), format="text",
        sha256=hashlib.sha256(data).hexdigest(), status="success", pages=1, role=role,
        role_confidence=0.95, proposals=proposals,
        analyses=_analyses(role, Path(path)) if role in (Role.PLAN, Role.PROGRESS) else {})

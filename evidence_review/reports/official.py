"""The official-form report's content, built once from the store and rendered by
:mod:`reports.render` (md, html, json), :mod:`reports.xlsx` and :mod:`reports.pdf`.

A final report needs every item confirmed; a draft (``draft=True``) fills unconfirmed items
with the proposals and says so on every page ("ฉบับร่าง (DRAFT)").
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from evidence_review.models.proposals import Role
from evidence_review.review.state import DocState, ReviewState, review_state, score_inputs
from evidence_review.review.team import ReviewTeam, review_team
from evidence_review.rubric.model import CriterionKind, Rubric
from evidence_review.scoring import Activity, ScoreResult, policy_lines, score
from evidence_review.store.db import Store

DRAFT_LABEL = "ฉบับร่าง (DRAFT)"
ROLE_TH = {
    Role.REVIEW: "สรุปผลการทบทวนและวิเคราะห์ระบบฐานข้อมูลสารสนเทศ (review summary)",
    Role.PLAN: "แผนปฏิบัติการ (action plan)",
    Role.PROGRESS: "รายงานผลการดำเนินงาน (progress report)",
    Role.OTHER: "เอกสารประกอบ (other evidence)",
}
HEADERS = ("ตัวชี้วัด", "น้ำหนัก (ร้อยละ)", "ผลการดำเนินงาน", "ค่าคะแนนที่ได้", "ค่าคะแนนถ่วงน้ำหนัก")


class FormRow(BaseModel):
    """One row of the official table (texts already formatted)."""

    label: str
    weight: str
    result: str
    score: str
    weighted: str
    total: bool = False


class SubIssueRow(BaseModel):
    id: str
    title_th: str
    name_en: str
    value: bool | None = Field(description="Confirmed (or, in a draft, proposed) coverage.")
    confirmed: bool
    proposed: bool | None
    confidence: float | None
    reviewer: str | None = None
    reason: str | None = None
    decided_at: str | None = None
    pages: list[int] = Field(default_factory=list)


class DocumentSection(BaseModel):
    path: str
    format: str
    pages: int
    status: str
    error: str | None
    role: Role
    role_confirmed: bool
    counted: bool = Field(description="Review summary or action plan: its sub-issues count.")
    subissues: list[SubIssueRow]
    improvement: bool | None = None
    improvement_confirmed: bool = False


class ProgressSection(BaseModel):
    confirmed: bool
    source: str | None
    activities: list[dict[str, Any]]
    reviewer: str | None = None
    reason: str | None = None
    notes: list[str] = Field(default_factory=list)


class CompletenessSection(BaseModel):
    path: str
    table_found: bool
    activities: list[dict[str, Any]]
    findings: list[str]
    notes: list[str] = Field(default_factory=list)


class OfficialReport(BaseModel):
    submission: str
    agency: str | None = Field(None, description="The agency's name, when set for it.")
    rubric_id: str
    indicator_th: str
    fiscal_year_be: int
    generated_at: str
    draft: bool
    score: ScoreResult
    form: list[FormRow]
    policies: list[str]
    documents: list[DocumentSection]
    progress: ProgressSection
    completeness: list[CompletenessSection]
    missing: list[str]
    review_team: ReviewTeam | None = Field(None, description=(
        "Who reviewed, who adjudicated, and the two reviewers' agreement (team review)."))

    def to_json_dict(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude={"score"})
        data["score"] = self.score.to_json_dict()
        data["status"] = "draft" if self.draft else "confirmed"
        return data


def _doc_section(d: DocState, rubric: Rubric, draft: bool) -> DocumentSection:
    props = d.doc.proposals
    rows: list[SubIssueRow] = []
    for sid in rubric.subissue_ids:
        sub = rubric.subissue(sid)
        p = props.subissues.get(sid)
        dec = d.decisions.get(sid)
        value = dec.after if dec else (p.proposed if (p and draft) else None)
        rows.append(SubIssueRow(
            id=sid, title_th=sub.title_th, name_en=sub.name_en, value=value,
            confirmed=dec is not None, proposed=p.proposed if p else None,
            confidence=p.confidence if p else None,
            reviewer=dec.reviewer if dec else None, reason=dec.reason if dec else None,
            decided_at=dec.decided_at if dec else None,
            pages=sorted({e.page for e in p.evidence}) if p else []))
    role = d.role or props.role
    imp_prop = props.improvement_vs_2549.proposed if props.improvement_vs_2549 else None
    improvement = d.improvement if d.improvement is not None else (imp_prop if draft else None)
    return DocumentSection(
        path=d.doc.path, format=d.doc.format, pages=d.doc.pages, status=d.doc.status,
        error=d.doc.error, role=role, role_confirmed=d.role is not None,
        counted=role in (Role.REVIEW, Role.PLAN), subissues=rows, improvement=improvement,
        improvement_confirmed=d.improvement is not None)


def _draft_score(st: ReviewState, docs: list[DocumentSection], rubric: Rubric) -> ScoreResult:
    """Confirmed values where there are any, proposals elsewhere."""
    def best(role: Role) -> DocumentSection | None:
        cands = [d for d in docs if d.role is role]
        return max(cands, key=lambda d: sum(bool(s.value) for s in d.subissues), default=None)

    review, plan = best(Role.REVIEW), best(Role.PLAN)
    figures = st.progress if st.progress is not None else (st.proposed_progress or [])
    acts = [Activity(name=a["name"],
                     weight=None if a["weight"] is None else Decimal(a["weight"]),
                     percent=None if a["percent"] is None else Decimal(a["percent"]),
                     achieved=a["achieved"]) for a in figures]
    result = score(rubric,
                   sum(bool(s.value) for s in review.subissues) if review else None,
                   sum(bool(s.value) for s in plan.subissues) if plan else None,
                   plan.improvement if plan else None, acts)
    result.provisional = True
    result.notes.insert(0, "draft: unconfirmed items are counted as proposed")
    return result


def form_rows(result: ScoreResult, rubric: Rubric) -> list[FormRow]:
    """The official table: one row per criterion and the indicator total."""
    rows: list[FormRow] = []
    for c in result.criteria:
        if c.result is None:
            shown = "-"
        elif c.kind in (CriterionKind.REVIEW_COUNT, CriterionKind.PLAN_COUNT):
            shown = f"{int(c.result)} ประเด็นย่อย"
        else:
            shown = f"ร้อยละ {result.fmt(c.result)}"
        rows.append(FormRow(label=f"{c.id}) {c.title_th}", weight=_plain(c.weight),
                            result=shown, score=result.fmt(c.score),
                            weighted=result.fmt(c.weight * c.score / 100)))
    rows.append(FormRow(label=rubric.title_th, weight=_plain(rubric.indicator_weight),
                        result=result.fmt(result.score), score=result.fmt(result.score),
                        weighted=result.fmt(result.weighted_score), total=True))
    return rows


def _plain(x: Decimal) -> str:
    return format(Decimal(x).normalize(), "f")


def build_report(store: Store, submission: str, rubric: Rubric, *,
                 draft: bool = False) -> OfficialReport:
    """Collect everything the report shows. Call only when confirmed, unless ``draft``."""
    st = review_state(store, submission, rubric)
    docs = [_doc_section(d, rubric, draft) for d in st.documents]
    if st.missing and not draft:
        raise ValueError(f"{submission}: not confirmed ({len(st.missing)} items)")
    if draft and st.missing:
        result = _draft_score(st, docs, rubric)
    else:
        inputs = score_inputs(st)
        result = score(rubric, inputs.review_count, inputs.plan_count, inputs.improvement,
                       inputs.activities)
        result.notes.extend(inputs.notes)
    figures = st.progress if st.progress is not None else (st.proposed_progress or [])
    notes: list[str] = []
    if st.progress_source is not None:
        analysis = store.analysis(st.progress_source.doc.id, "activities") or {}
        notes.extend(analysis.get("notes", []))
    for c in result.criteria:
        if c.kind in (CriterionKind.PERCENT_IMPLEMENTED, CriterionKind.PERCENT_ACHIEVED):
            notes.extend(n for n in c.notes if n not in notes)
    pdec = st.progress_decision
    progress = ProgressSection(
        confirmed=st.progress is not None,
        source=st.progress_source.doc.path if st.progress_source else None,
        activities=figures, reviewer=pdec.reviewer if pdec else None,
        reason=pdec.reason if pdec else None, notes=notes)
    completeness: list[CompletenessSection] = []
    for d in st.documents:
        if (d.role or d.doc.proposals.role) is not Role.PLAN:
            continue
        data = store.analysis(d.doc.id, "completeness")
        if data is None:
            continue
        from evidence_review.plans.completeness import PlanCompleteness

        pc = PlanCompleteness.model_validate(data)
        completeness.append(CompletenessSection(
            path=d.doc.path, table_found=pc.table_found,
            activities=[a.model_dump() | {"missing": a.missing} for a in pc.activities],
            findings=pc.findings(), notes=pc.notes))
    return OfficialReport(
        submission=submission, agency=agency_name(store, submission), rubric_id=rubric.id,
        indicator_th=rubric.title_th,
        fiscal_year_be=rubric.fiscal_year_be,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"), draft=draft,
        score=result, form=form_rows(result, rubric), policies=policy_lines(rubric),
        documents=docs, progress=progress, completeness=completeness, missing=st.missing,
        review_team=review_team(store, submission, rubric))


def agency_name(store: Store, submission: str) -> str | None:
    """The agency's name: set by hand (web workspace, ``evidence-review agency``), else read
    from its documents when screened; None when neither (the report names the id)."""
    from evidence_review.store.agency import agency_name as read

    return read(store.engine, submission)


__all__ = ["DRAFT_LABEL", "HEADERS", "ROLE_TH", "OfficialReport", "build_report", "form_rows"]

"""Proposals: what the classifier says about one document, for a reviewer to confirm.

Shared by the classifiers (which make them), the store, scoring, review and reports."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class Role(StrEnum):
    REVIEW = "review"  # สรุปผลการทบทวนและวิเคราะห์ระบบฐานข้อมูลสารสนเทศ
    PLAN = "plan"  # แผนปฏิบัติการ
    PROGRESS = "progress"  # รายงานผลการดำเนินงาน / ประเมินผล
    OTHER = "other"  # supporting evidence


class Where(StrEnum):
    HEADING = "heading"
    BODY = "body"
    TABLE = "table"
    TOC = "toc"  # a table of contents: shown to the reviewer, never counted


class PageBox(BaseModel):
    """A rectangle on a page as fractions (0-1) of the page's width and height, origin at the
    page's top left corner (so it holds at any rendering resolution)."""

    left: float
    top: float
    width: float
    height: float


class Evidence(BaseModel):
    page: int
    text: str = Field(description="Snippet of the original (display) text around the match.")
    phrase: str = Field(description="The rubric phrase (or heading number) that matched.")
    where: Where
    start: int | None = Field(
        None, description="Where the matched text starts in the page's text (characters, as "
                          "`extract` gives the page); null when it cannot be placed.")
    end: int | None = Field(None, description="Where the matched text ends (exclusive).")
    boxes: list[PageBox] | None = Field(
        None, description="Where the matched text is drawn on the page (one rectangle per line "
                          "it spans); null when the page has no text layer or OCR word boxes, "
                          "or the text cannot be placed.")


class SubIssueProposal(BaseModel):
    proposed: bool
    confidence: float = Field(ge=0, le=1, description="Confidence in `proposed` (either way).")
    evidence: list[Evidence] = Field(default_factory=list)
    reason: str | None = Field(None, description="Why, in one line (e.g. 'heading only').")


class DocumentProposals(BaseModel):
    path: str
    role: Role
    role_confidence: float = Field(ge=0, le=1)
    subissues: dict[str, SubIssueProposal]
    improvement_vs_2549: SubIssueProposal | None = Field(
        None, description="For action plans: states what is developed beyond FY 2549."
    )

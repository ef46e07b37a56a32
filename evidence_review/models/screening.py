"""The record of one screened file (the screen result the store, review and reports read)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from evidence_review.models.proposals import DocumentProposals, Role


class ScreenedDocument(BaseModel):
    """One screened file: where it is, how it was read, and what the classifier proposes."""

    submission: str
    path: str = Field(description="Relative to the PATH argument it was found under.")
    abs_path: str
    format: str
    sha256: str
    status: str = Field(description="success | partial | failure")
    error: str | None = None
    pages: int = 0
    role: Role = Role.OTHER
    role_confidence: float = 0.0
    proposals: DocumentProposals
    analyses: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Progress reports and plans: the activity table (\"activities\") and, for "
                    "plans, the completeness findings (\"completeness\"), as plans reads them; "
                    "any document: the agency's name on its first lines (\"agency\": "
                    "{\"name\"}), as pipeline.agency reads it.")
    part: tuple[int, int] | None = Field(
        None, description="A part of a bound file: the first and last page of the file it "
                          "holds (its path ends in #pages=A-B).")
    parts: list[ScreenedDocument] = Field(
        default_factory=list,
        description="A file binding several documents (a review, a plan and a progress report "
                    "in one PDF): each part screened as its own document; "
                    "pipeline.document.documents_of lists them in the file's place.")

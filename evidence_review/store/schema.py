"""The store's tables (SQLAlchemy Core). Changes go through :mod:`store.migrations`."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("description", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
)

submissions = Table(
    "submissions", metadata,
    Column("id", String(255), primary_key=True),
    Column("root", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("screened_at", String(32)),
    # migration 31: the agency's name as read from its documents (title page, first lines) when
    # screened; NULL = none found. A name set by hand (agency_names) takes precedence.
    Column("agency_name", Text),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", String(255), ForeignKey("submissions.id"), nullable=False),
    Column("path", Text, nullable=False),  # as in screen's JSON
    Column("abs_path", Text, nullable=False),
    Column("format", String(32), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("error", Text),
    Column("pages", Integer, nullable=False, default=0),
    Column("role", String(16)),  # proposed
    Column("role_confidence", Float),
    Column("screened_at", String(32), nullable=False),
    Column("removed_at", String(32)),  # no longer in the submission folder
    UniqueConstraint("submission_id", "path", name="uq_documents_submission_path"),
)

#: One row per (document, item): item is a sub-issue id or "improvement_vs_2549".
proposals = Table(
    "proposals", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("item", String(32), nullable=False),
    Column("proposed", Boolean, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("evidence", Text, nullable=False),  # JSON list of classifiers.model.Evidence
    Column("reason", Text),
    UniqueConstraint("document_id", "item", name="uq_proposals_document_item"),
)

#: Activity figures read from a progress report: proposed, for the reviewer to confirm.
progress_figures = Table(
    "progress_figures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("weight", String(40)),  # Decimal as text; NULL = missing in the report
    Column("percent", String(40)),
    Column("achieved", Boolean),
    Column("page", Integer),
)

#: Other per-document analyses as JSON: "activities" (notes, columns), "completeness".
analyses = Table(
    "analyses", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("data", Text, nullable=False),
    UniqueConstraint("document_id", "kind", name="uq_analyses_document_kind"),
)

#: Append-only: rows are inserted, never updated or deleted (SQLite triggers enforce it).
decisions = Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", String(255), ForeignKey("submissions.id"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id")),  # NULL: submission-level
    Column("document_sha256", String(64)),  # the file decided on; a new sha256 = re-review
    Column("item", String(32), nullable=False),  # sub-issue id, role, improvement_vs_2549, progress
    Column("before", Text),  # JSON
    Column("after", Text, nullable=False),  # JSON
    Column("proposed", Text),  # JSON: the proposal at the time, if any
    Column("reviewer", String(255), nullable=False),
    Column("reason", Text),
    Column("source", String(255), nullable=False),  # interactive, file:NAME, bulk>=X
    Column("decided_at", String(32), nullable=False),
    Column("evidence", Text),  # migration 3: the passage the reviewer says supports it
    # migration 20: the hash chain over the submission's decisions (store/chain.py)
    Column("prev_hash", String(64)),
    Column("row_hash", String(64)),
    # revision 0032: a submission's decisions (its trail, its latest per item) without a scan
    Index("ix_decisions_submission_item", "submission_id", "item", "document_id"),
)

# The batch screening cache (migration 2): results by content hash, and which bytes were last
# screened at each (submission, path).
screen_cache = Table(
    "screen_cache", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("rubric_hash", String(64), primary_key=True),
    Column("tool_version", String(200), primary_key=True),
    Column("result_class", String(300), nullable=False),
    Column("status", String(20), nullable=False),
    Column("error", Text),
    Column("pages", Integer, nullable=False, default=0),
    Column("payload", LargeBinary, nullable=False),
    Column("origin_submission", Text, nullable=False),
    Column("origin_path", Text, nullable=False),
    Column("origin_abs", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

screen_files = Table(
    "screen_files", metadata,
    Column("submission", Text, primary_key=True),
    Column("path", Text, primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("previous_sha256", String(64)),
    Column("changed_at", String(32)),
    Column("status", String(20), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("error", Text),
    Column("screened_at", String(32), nullable=False),
)

# Accounts of the web workspace (migration 10): users with a role, bearer tokens and login
# sessions (only hashes of tokens and session ids are stored), and failed logins for the limit.
users = Table(
    "users", metadata,
    Column("name", String(255), primary_key=True),
    Column("role", String(16), nullable=False),  # admin, reviewer, viewer
    Column("password_hash", Text, nullable=False),  # argon2
    Column("created_at", String(32), nullable=False),
)

api_tokens = Table(
    "api_tokens", metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("user_name", String(255), ForeignKey("users.name"), nullable=False),
    Column("created_at", String(32), nullable=False),
)

web_sessions = Table(
    "web_sessions", metadata,
    Column("id_sha256", String(64), primary_key=True),
    Column("user_name", String(255), ForeignKey("users.name"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_name", String(255), nullable=False),
    Column("client", String(64), nullable=False),
    Column("failed_at", String(32), nullable=False),
)

#: Text a reviewer selected on the page as the evidence of an override to covered (✓).
decision_selections = Table(
    "decision_selections", metadata,
    Column("decision_id", Integer, ForeignKey("decisions.id"), primary_key=True),
    Column("page", Integer),
    Column("text", Text, nullable=False),
)

#: When a submission's confirmed score was last computed in the web workspace or its API.
scorings = Table(
    "scorings", metadata,
    Column("submission_id", String(255), ForeignKey("submissions.id"), primary_key=True),
    Column("scored_at", String(32), nullable=False),
    Column("score", String(40), nullable=False),
)

#: The agency's name as the report prints it, set per submission in the web workspace
#: (migration 11); without it the report names the submission id.
agency_names = Table(
    "agency_names", metadata,
    Column("submission_id", String(255), ForeignKey("submissions.id"), primary_key=True),
    Column("name", Text, nullable=False),
    Column("set_by", String(255), nullable=False),
    Column("set_at", String(32), nullable=False),
)

#: Who reviews a submission (migration 30): none = single review by anyone who may write (the
#: default); one or two named reviewers. With two, each reviews blind in their own decision
#: stream (the decisions whose reviewer is them) and a lead adjudicates where they differ.
assignments = Table(
    "assignments", metadata,
    Column("submission_id", String(255), ForeignKey("submissions.id"), primary_key=True),
    Column("reviewer", String(255), primary_key=True),
    Column("position", Integer, nullable=False),  # 1 or 2
    Column("assigned_by", String(255), nullable=False),
    Column("assigned_at", String(32), nullable=False),
)

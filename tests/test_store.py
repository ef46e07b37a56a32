"""The store: created on first use, versioned, WAL + foreign keys, append-only decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from evidence_review.classifiers.model import (
    DocumentProposals,
    Evidence,
    Role,
    SubIssueProposal,
    Where,
)
from evidence_review.store.db import DecisionError, Store, StoreError
from evidence_review.store.migrations import latest_version, released

SUBISSUES = ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5"]


class Screened(BaseModel):
    """Stand-in with the fields of ``pipeline.ScreenedDocument`` the store reads."""

    submission: str
    path: str
    abs_path: Path
    format: str = "docx"
    sha256: str
    status: str = "success"
    error: str | None = None
    pages: int = 3
    role: Role
    role_confidence: float = 0.9
    proposals: DocumentProposals


def screened(path: str, role: Role, covered: int, *, sha: str = "a" * 64,
             confidence: float = 0.9, submission: str = "agency-01",
             improvement: bool | None = None) -> Screened:
    """A screened document proposing the first ``covered`` sub-issues as covered."""
    subs = {sid: SubIssueProposal(
        proposed=i < covered, confidence=confidence,
        evidence=[Evidence(page=2, text=f"ข้อความหลักฐาน {sid}", phrase=sid, where=Where.BODY)]
        if i < covered else [])
        for i, sid in enumerate(SUBISSUES)}
    imp = None if improvement is None else SubIssueProposal(proposed=improvement,
                                                            confidence=confidence)
    props = DocumentProposals(path=path, role=role, role_confidence=confidence, subissues=subs,
                              improvement_vs_2549=imp)
    return Screened(submission=submission, path=path, abs_path=Path("/nowhere") / path,
                    sha256=sha, role=role, role_confidence=confidence, proposals=props)


@pytest.fixture
def store(database_url: str) -> Store:
    with Store.open(database_url) as s:
        yield s


def test_created_on_first_use_with_wal_foreign_keys_and_version(tmp_path: Path) -> None:
    db = tmp_path / "new" / "x.db"
    with Store.open(db) as s:
        assert s.version == latest_version()
        with s.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert db.exists()
    with Store.open(db) as again, again.engine.connect() as c:  # nothing applied twice
        assert c.exec_driver_sql("SELECT count(*) FROM schema_version").scalar() == len(released())


def test_env_url_is_used_when_no_db_given(tmp_path: Path, monkeypatch) -> None:
    """The CLI reads the setting and passes it down; the store itself reads no settings."""
    from evidence_review.cli.edge import store_url
    from evidence_review.settings import get_settings

    monkeypatch.setenv("EVIDENCE_REVIEW_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    get_settings.cache_clear()
    try:
        with Store.open(store_url(None)) as s:
            assert s.version >= 1
        assert (tmp_path / "env.db").exists()
        assert store_url(str(tmp_path / "flag.db")) == f"sqlite:///{tmp_path / 'flag.db'}"
    finally:
        get_settings.cache_clear()


def test_unopenable_store_is_a_one_line_error(tmp_path: Path) -> None:
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"junk\.db: .*not an SQLite database"):
        Store.open(not_a_db)


def test_screening_round_trip_and_removed_files(store: Store) -> None:
    store.save_screening("agency-01", Path("/x/agency-01"), [
        screened("review.docx", Role.REVIEW, 7), screened("plan.pdf", Role.PLAN, 9,
                                                          improvement=True)])
    docs = {d.path: d for d in store.documents("agency-01")}
    assert set(docs) == {"plan.pdf", "review.docx"}
    assert sum(p.proposed for p in docs["review.docx"].proposals.subissues.values()) == 7
    assert docs["plan.pdf"].proposals.improvement_vs_2549.proposed is True
    assert docs["review.docx"].proposals.subissues["1.1"].evidence[0].page == 2
    store.save_screening("agency-01", Path("/x/agency-01"),
                         [screened("review.docx", Role.REVIEW, 7)])
    assert [d.path for d in store.documents("agency-01")] == ["review.docx"]


def test_decisions_are_append_only_with_before_after_chain(store: Store) -> None:
    store.save_screening("agency-01", Path("/x"), [screened("review.docx", Role.REVIEW, 7)])
    doc = store.documents("agency-01")[0]
    first = store.record_decision("agency-01", "1.1", False, "somchai", document_id=doc.id,
                                  proposed=True, reason="only a heading")
    second = store.record_decision("agency-01", "1.1", True, "malee", document_id=doc.id,
                                   proposed=True, reason="section 2 covers it after all")
    assert (first.before, first.after) == (True, False)
    assert (second.before, second.after) == (False, True)
    trail = store.trail("agency-01")
    assert [(d.reviewer, d.before, d.after) for d in trail] == [
        ("somchai", True, False), ("malee", False, True)]
    assert store.current("agency-01")[(doc.id, "1.1")].reviewer == "malee"
    statements = ["UPDATE decisions SET after = 'true'", "DELETE FROM decisions"]
    if store.engine.dialect.name == "postgresql":
        statements.append("TRUNCATE decisions CASCADE")
    for statement in statements:
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as c:
            c.execute(text(statement))
    assert [c.broken for c in store.audit()] == [None]


def test_override_without_reason_is_refused_and_nothing_written(store: Store) -> None:
    store.save_screening("agency-01", Path("/x"), [screened("review.docx", Role.REVIEW, 7)])
    doc = store.documents("agency-01")[0]
    with pytest.raises(DecisionError, match=r"overriding the proposal for 1.1 \(✓ → ✗\) needs a"):
        store.record_decision("agency-01", "1.1", False, "somchai", document_id=doc.id,
                              proposed=True)
    store.record_decision("agency-01", "1.1", True, "somchai", document_id=doc.id, proposed=True)
    assert len(store.trail("agency-01")) == 1


def test_changed_file_invalidates_its_decisions_but_keeps_the_log(store: Store) -> None:
    store.save_screening("agency-01", Path("/x"), [screened("review.docx", Role.REVIEW, 7)])
    doc = store.documents("agency-01")[0]
    store.record_decision("agency-01", "1.1", True, "somchai", document_id=doc.id, proposed=True)
    assert (doc.id, "1.1") in store.current("agency-01")
    store.save_screening("agency-01", Path("/x"),
                         [screened("review.docx", Role.REVIEW, 7, sha="b" * 64)])
    assert store.current("agency-01") == {}
    assert len(store.trail("agency-01")) == 1


def test_doctests() -> None:
    import doctest

    import evidence_review.cli.interactive as review_interactive
    import evidence_review.review.decisions as review_decisions
    import evidence_review.review.state as review_state
    import evidence_review.store.db as store_db
    import evidence_review.store.engine as store_engine
    for module in (store_db, store_engine, review_state, review_decisions, review_interactive):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_a_database_from_before_the_cache_migration_is_upgraded(tmp_path: Path) -> None:
    """A store made at schema version 1 gains the screening cache tables on next use, and a
    database whose cache tables the batch made itself is upgraded without an error."""
    from sqlalchemy import create_engine, inspect

    from evidence_review.store import schema, triggers
    from evidence_review.store.migrations import latest_version, migrate

    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    schema.schema_version.create(engine)
    with engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[schema.submissions, schema.documents,
                                                 schema.proposals, schema.progress_figures,
                                                 schema.analyses, schema.decisions])
        triggers.create(conn)
        conn.execute(schema.schema_version.insert().values(version=1, description="v1",
                                                           applied_at="2026-11-01T00:00:00"))
        schema.metadata.create_all(conn, tables=[schema.screen_cache])  # made by an old batch
    assert migrate(engine) == latest_version()
    assert {"screen_cache", "screen_files", "decisions"} <= set(inspect(engine).get_table_names())
    engine.dispose()

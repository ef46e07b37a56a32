"""`audit verify` on a store with no decisions yet says so instead of printing nothing."""

from __future__ import annotations

from pathlib import Path

from support import invoke

from evidence_review.store.db import Store


def test_audit_verify_of_a_store_without_decisions_says_there_is_nothing_to_check(
        tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    with Store.open(db) as s:
        s.claim_submission("a", Path("/x/a"))
    r = invoke("audit", "verify", "--db", db)
    assert r.returncode == 0
    assert r.stdout.strip() == ("ยังไม่มีการตัดสินในฐานข้อมูลนี้ ไม่มีห่วงโซ่ให้ตรวจ "
                                "(ทริกเกอร์ป้องกันการแก้ไขครบ) [no decisions in this store yet: "
                                "no chain to check (the append-only triggers are in place)]")


def test_audit_verify_with_decisions_prints_the_chain_not_the_empty_line(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    with Store.open(db) as s:
        s.claim_submission("a", Path("/x/a"))
        s.record_decision("a", "progress", [1], "somchai")
    r = invoke("audit", "verify", "--db", db)
    assert r.returncode == 0 and r.stdout.strip()
    assert "no decisions in this store yet" not in r.stdout

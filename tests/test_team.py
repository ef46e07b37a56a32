"""Team review through the CLI: assignment, blind double review, refusal of an unassigned
reviewer, agreement (checked against a hand computation), adjudication, and the score from
the final decisions only."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path

import pytest
from test_decisions import RUBRIC, agency, full_decisions, run, write  # noqa: F401

DB: list[str] = []


def _doubled(agency: Path, tmp_path: Path) -> str:  # noqa: F811
    db = str(tmp_path / "r.db")
    r = run("screen", str(agency), "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    r = run("assign", "agency-01", "--to", "malee", "--to", "udom", "--db", db)
    assert r.exit_code == 0, r.output
    assert r.output.strip() == ("agency-01: มอบหมายให้ malee และ udom (ตรวจสองคน) "
                                "[assigned to malee and udom (double review)]")
    return db


def _first() -> dict:
    d = full_decisions()
    d["reviewer"] = "malee"
    d["documents"]["agency-01/review.txt"]["subissues"]["3.4"] = {
        "covered": True, "reason": "ข้อ 5 ของสรุปผล"}
    return d


def _second() -> dict:
    d = full_decisions()
    d["reviewer"] = "udom"
    subs = d["documents"]["agency-01/review.txt"]["subissues"]
    subs["1.1"] = {"covered": False, "reason": "มีแต่หัวข้อ"}
    d["documents"]["plan.txt"]["subissues"]["3.5"] = {"covered": True, "reason": "ภาคผนวก ข"}
    return d


def _review(db: str, tmp_path: Path, name: str, data: dict):
    return run("review", "agency-01", "--decisions", str(write(tmp_path, name, data)),
               "--db", db, "--rubric", RUBRIC)


def test_unassigned_reviewer_is_refused_in_one_line(agency: Path, tmp_path: Path) -> None:  # noqa: F811
    db = _doubled(agency, tmp_path)
    data = full_decisions()
    r = _review(db, tmp_path, "d.json", data)  # reviewer somchai
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines() == [
        "Error: agency-01: ผู้ตรวจ somchai ไม่ได้รับมอบหมายให้ตรวจชุดนี้ (ผู้ตรวจที่ได้รับมอบหมาย: "
        "malee and udom) [somchai is not assigned to review this submission (assigned: malee "
        "and udom)]"]
    assert json.loads(run("decisions", "agency-01", "--db", db, "--json").stdout) == []


def test_double_review_is_blind_then_adjudicated(agency: Path, tmp_path: Path) -> None:  # noqa: F811
    db = _doubled(agency, tmp_path)
    assert _review(db, tmp_path, "a.json", _first()).exit_code == 0
    r = run("adjudicate", "agency-01", "--reviewer", "lek", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0 and "in_review" in r.output
    # udom decides 3.4 as proposed (✗) with no reason although malee overrode it: blind
    r = _review(db, tmp_path, "b.json", _second())
    assert r.exit_code == 0, r.output
    assert "recorded 26 decisions" in r.output and "all confirmed" in r.output
    trail = json.loads(run("decisions", "agency-01", "--db", db, "--json").stdout)
    udom = [d for d in trail if d["reviewer"] == "udom"]
    # each stream's "before" is its own: udom never saw malee's ✓ on 3.4
    assert next(d for d in udom if d["item"] == "3.4")["before"] is False
    # the score waits for adjudication
    assert run("score", "agency-01", "--db", db, "--rubric", RUBRIC).exit_code == 3
    r = run("adjudicate", "agency-01", "--reviewer", "lek", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == ("agency-01: in_adjudication (ผู้ตรวจ malee และ udom) "
                        "[in_adjudication (reviewers malee and udom)]")
    assert sorted(line.split(":")[0].strip() for line in lines[1:]) == [
        "plan.txt 3.5", "review.txt 1.1", "review.txt 3.4"]
    assert "udom: ✗ (มีแต่หัวข้อ)" in r.output
    final = {"documents": {
        "review.txt": {"subissues": {"1.1": {"covered": True, "reason": "ข้อ 2 มีเนื้อหา"},
                                     "3.4": {"covered": False}}},
        "plan.txt": {"subissues": {"3.5": {"covered": True, "reason": "ภาคผนวก ข ครบ"}}}}}
    r = run("adjudicate", "agency-01", "--decisions", str(write(tmp_path, "f.json", final)),
            "--reviewer", "lek", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 1
    assert ("f.json: การชี้ขาดต้องระบุเหตุผล: review.txt: sub-issue 3.4 [an adjudication needs a "
            "reason: review.txt: sub-issue 3.4]") in r.stderr
    final["documents"]["review.txt"]["subissues"]["3.4"]["reason"] = "ไม่พบหลักฐาน"
    r = run("adjudicate", "agency-01", "--decisions", str(write(tmp_path, "f.json", final)),
            "--reviewer", "lek", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    assert "บันทึกผลชี้ขาด 3 รายการ" in r.output and "recorded 3 final decisions" in r.output
    r = run("score", "agency-01", "--db", db, "--rubric", RUBRIC, "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    # final: review.txt 1.1-3.3 ✓ (8), 3.4 ✗; plan.txt all ten ✓
    assert [c["result"] for c in data["criteria"]][:2] == [8.0, 10.0]


def test_agreement_matches_a_hand_computation(agency: Path, tmp_path: Path) -> None:  # noqa: F811
    db = _doubled(agency, tmp_path)
    assert _review(db, tmp_path, "a.json", _first()).exit_code == 0
    assert _review(db, tmp_path, "b.json", _second()).exit_code == 0
    r = run("agreement", "agency-01", "--json", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    # 24 pairs: 4 roles (all agree, each its own category) + 10 sub-issues of each of two
    # documents; 3 differ. malee ✓18 ✗2, udom ✓17 ✗3.
    po = Fraction(21, 24)
    pe = Fraction(1 * 1 * 4 + 18 * 17 + 2 * 3, 24 * 24)
    assert data["items"] == 24
    assert data["agreement"] == pytest.approx(float(po), abs=1e-4)
    assert data["kappa"] == pytest.approx(float((po - pe) / (1 - pe)), abs=1e-4)  # 0.7231
    assert data["per_subissue"]["1.1"] == {"items": 2, "agreement": 0.5, "kappa": 0.0}
    assert data["per_subissue"]["1.2"] == {"items": 2, "agreement": 1.0, "kappa": None}
    assert set(data) >= {"submission", "items", "agreement", "kappa", "per_subissue"}
    batch = json.loads(run("agreement", "--json", "--db", db, "--rubric", RUBRIC).stdout)
    assert batch["submissions"] == ["agency-01"] and batch["kappa"] == data["kappa"]


def test_single_review_stays_the_default(agency: Path, tmp_path: Path) -> None:  # noqa: F811
    db = str(tmp_path / "r.db")
    d = copy.deepcopy(full_decisions())
    r = run("review", str(agency), "--decisions", str(write(tmp_path, "d.json", d)),
            "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0 and "all confirmed" in r.output
    assert run("score", "agency-01", "--db", db, "--rubric", RUBRIC).exit_code == 0


def _adjudicated(agency: Path, tmp_path: Path) -> str:  # noqa: F811
    db = _doubled(agency, tmp_path)
    assert _review(db, tmp_path, "a.json", _first()).exit_code == 0
    assert _review(db, tmp_path, "b.json", _second()).exit_code == 0
    final = {"documents": {
        "review.txt": {"subissues": {"1.1": {"covered": True, "reason": "ข้อ 2"},
                                     "3.4": {"covered": False, "reason": "ไม่พบ"}}},
        "plan.txt": {"subissues": {"3.5": {"covered": True, "reason": "ภาคผนวก ข"}}}}}
    r = run("adjudicate", "agency-01", "--decisions", str(write(tmp_path, "f.json", final)),
            "--reviewer", "lek", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    return db


def test_report_states_reviewers_adjudicator_and_agreement(agency: Path,  # noqa: F811
                                                           tmp_path: Path) -> None:
    db = _adjudicated(agency, tmp_path)
    r = run("report", "agency-01", "--format", "json", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    team = json.loads(r.stdout)["review_team"]
    assert team == {"reviewers": ["malee", "udom"], "adjudicators": ["lek"], "double": True,
                    "items": 24, "agreement": 0.875, "kappa": 0.7231}
    md = run("report", "agency-01", "--format", "md", "--db", db, "--rubric", RUBRIC).stdout
    assert "ผู้ชี้ขาด (adjudicated by): lek" in md and "kappa 0.723" in md


def _flip_one_byte(pack: Path, member: str) -> None:
    import zipfile

    with zipfile.ZipFile(pack) as zf:
        info = zf.getinfo(member)
    raw = bytearray(pack.read_bytes())
    # the member's data starts after its local header (30 bytes + name + extra)
    name_len = int.from_bytes(raw[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(raw[info.header_offset + 28:info.header_offset + 30], "little")
    at = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
    raw[at] ^= 0x01
    pack.write_bytes(bytes(raw))


@pytest.mark.pdfreport
def test_pack_create_then_verify_names_a_changed_member(agency: Path,  # noqa: F811
                                                        tmp_path: Path) -> None:
    import zipfile

    db = _adjudicated(agency, tmp_path)
    pack = tmp_path / "pack.zip"
    r = run("pack", "create", "agency-01", "-o", str(pack), "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    digest = r.stdout.strip().removeprefix("manifest sha256: ")
    assert len(digest) == 64
    names = set(zipfile.ZipFile(pack).namelist())
    assert {"manifest.json", "report/official.pdf", "report/official.xlsx",
            "audit/trail.json", "audit/trail.csv", "originals/review.txt"} <= names
    # the stand-in cites page 2 of one-page files: a page that is not there is not invented
    assert not any(n.startswith("text/") for n in names)
    r = run("pack", "create", "agency-01", "-o", str(pack), "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 2  # an existing file is refused without --force
    r = run("pack", "verify", str(pack), "--manifest-sha256", digest)
    assert r.exit_code == 0, r.output
    for member in sorted(names - {"manifest.json"}):
        copy_ = tmp_path / "changed.zip"
        copy_.write_bytes(pack.read_bytes())
        _flip_one_byte(copy_, member)
        r = run("pack", "verify", str(copy_), "--manifest-sha256", digest)
        assert r.exit_code == 1, member
        assert f"{member} (changed)" in r.stderr, member
    r = run("pack", "verify", str(pack), "--manifest-sha256", "0" * 64)
    assert r.exit_code == 1 and "manifest.json" in r.stderr


def test_pack_trail_check_finds_a_rewritten_decision(agency: Path, tmp_path: Path) -> None:  # noqa: F811
    """A trail edited consistently inside a rebuilt pack (manifest recomputed) still fails
    its hash chain."""
    import zipfile

    from evidence_review.reports.evidence_pack import trail_csv, verify_trail_json
    from evidence_review.reports.pack import write_pack
    from evidence_review.store.db import Store

    db = _adjudicated(agency, tmp_path)
    with Store.open(db) as store:
        trail = store.trail("agency-01")
    rows = [r.model_dump(mode="json") for r in trail]
    good = tmp_path / "good.zip"
    write_pack(good, {"audit/trail.json": json.dumps(rows).encode(),
                      "audit/trail.csv": trail_csv(trail)},
               submission="agency-01", tool_version="t", rubric_sha256="r")
    assert verify_trail_json(zipfile.ZipFile(good)) is None
    rows[3]["after"] = not rows[3]["after"]
    bad = tmp_path / "bad.zip"
    write_pack(bad, {"audit/trail.json": json.dumps(rows).encode(),
                     "audit/trail.csv": trail_csv(trail)},
               submission="agency-01", tool_version="t", rubric_sha256="r")
    problem = verify_trail_json(zipfile.ZipFile(bad))
    assert problem is not None and "row_hash does not match" in problem


def test_an_adjudicated_role_change_reads_the_document_through_the_given_reader(
        agency: Path, tmp_path: Path) -> None:  # noqa: F811
    """A lead who makes a document the progress report has its activity table read, by the
    reader the edge passes (the CLI's reads under screen's limits), not an unlimited one."""
    from evidence_review.extractors import extract
    from evidence_review.review import team
    from evidence_review.review.decisions_file import DecisionsFile
    from evidence_review.rubric.model import load_rubric
    from evidence_review.store.db import Store

    db = _doubled(agency, tmp_path)
    assert _review(db, tmp_path, "a.json", _first()).exit_code == 0
    assert _review(db, tmp_path, "b.json", _second()).exit_code == 0
    read: list[str] = []

    def reader(path: Path):
        read.append(path.name)
        return extract(path)

    data = DecisionsFile.model_validate({"documents": {"order.txt": {
        "role": "progress", "reason": "ตารางกิจกรรมอยู่ในคำสั่งนี้"}}})
    with Store.open(db) as store:
        recorded, _ = team.adjudicate(store, "agency-01", load_rubric(RUBRIC), data, "lek",
                                      "f.json", extract_fn=reader)
        doc = next(d for d in store.documents("agency-01") if d.path == "order.txt")
        assert store.analysis(doc.id, "activities") is not None
    assert recorded == 1 and read == ["order.txt"]

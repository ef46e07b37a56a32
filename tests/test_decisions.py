"""`review` (decisions file and interactive), `decisions` (audit trail) and `score`'s refusal,
on a small agency folder screened by a stand-in for the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from support import ROOT

from evidence_review.cli import main
from evidence_review.messages import MessageKey, message

RUBRIC = str(ROOT / "tests" / "data" / "review" / "rubric.toml")


@pytest.fixture
def agency(tmp_path: Path) -> Path:
    folder = tmp_path / "agency-01"
    folder.mkdir()
    for name in ("review", "plan", "progress", "order"):
        (folder / f"{name}.txt").write_text(f"{name} เอกสาร", encoding="utf-8")
    return folder


#: The review tests screen through the real runner with a stand-in work function.
WORK = ("--work", "review_standin:screen")


def run(*args: str, input: str | None = None):
    if args and args[0] in ("review", "screen") and Path(args[1]).is_dir():
        args = (*args, *WORK)
    return CliRunner().invoke(main, [*args], input=input, catch_exceptions=False)


def full_decisions() -> dict:
    yes = {"covered": True}
    return {
        "reviewer": "somchai",
        "documents": {
            "agency-01/review.txt": {"role": "review",
                                     "subissues": {s: yes for s in
                                                   ["1.1", "1.2", "2.1", "2.2", "2.3",
                                                    "3.1", "3.2", "3.3"]}
                                     | {"3.4": {"covered": False}, "3.5": {"covered": False}}},
            "plan.txt": {"role": "plan",
                         "subissues": {s: yes for s in ["1.1", "1.2", "2.1", "2.2", "2.3",
                                                        "3.1", "3.2", "3.3", "3.4"]}
                         | {"3.5": {"covered": False}},
                         "improvement_vs_2549": False},
            "progress.txt": {"role": "progress"},
            "order.txt": {"role": "other"},
        },
        "progress": {"activities": [
            {"name": "พัฒนาระบบฐานข้อมูล", "weight": 40, "percent": 100, "achieved": True},
            {"name": "จัดทำแผนสำรองข้อมูล", "weight": 60, "percent": 50, "achieved": False}]},
    }


def write(tmp_path: Path, name: str, data: dict) -> Path:
    p = tmp_path / name
    if name.endswith(".json"):
        p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


def test_score_refuses_until_everything_is_confirmed(agency: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    partial = full_decisions()
    del partial["progress"]
    partial["documents"]["plan.txt"]["subissues"].pop("3.5")
    r = run("review", str(agency), "--decisions", str(write(tmp_path, "d.yaml", partial)),
            "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    r = run("score", "agency-01", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 3
    assert r.stderr.splitlines() == [
        "คิดคะแนน agency-01 ไม่ได้: ยังไม่ได้ยืนยัน 2 รายการ: "
        "[cannot score agency-01: 2 items not confirmed:]",
        "  - plan.txt: sub-issue 3.5",
        "  - progress figures (2 activities proposed from progress.txt)",
        "ยืนยันได้ด้วย `evidence-review review agency-01` "
        "[confirm them with `evidence-review review agency-01`]",
    ]
    r = run("report", "agency-01", "--format", "md", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 3


def test_decisions_file_then_score(agency: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    path = write(tmp_path, "d.json", full_decisions())
    r = run("review", str(agency), "--decisions", str(path), "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    assert "recorded 26 decisions (0 unchanged) for agency-01 by somchai" in r.output
    assert "all confirmed" in r.output
    # applying the same file again records nothing new
    r = run("review", "agency-01", "--decisions", str(path), "--db", db, "--rubric", RUBRIC)
    assert "recorded 0 decisions (26 unchanged)" in r.output
    r = run("score", "agency-01", "--db", db, "--rubric", RUBRIC, "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    # review 8 -> 3; plan 9 without improvement -> 4 (cap 4 not binding);
    # implemented (40·100 + 60·50)/100 = 70 -> 2; achieved 40 -> below 60 -> 0
    assert [(c["id"], c["result"], c["score"]) for c in data["criteria"]] == [
        (1, 8.0, 3.0), (2, 9.0, 4.0), (3, 70.0, 2.0), (4, 40.0, 0.0)]
    assert data["totals"]["score_text"] == "1.7500"  # (3·1 + 4·0.5 + 2·1 + 0·1.5) / 4
    assert data["totals"]["weighted_score_text"] == "0.0700"
    r = run("score", "agency-01", "--db", db, "--rubric", RUBRIC)
    assert "ค่าคะแนนที่ได้ (indicator score): 1.7500" in r.output.splitlines()


def test_audit_trail_after_two_overrides_of_the_same_item(agency: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    first = {"reviewer": "somchai", "documents": {"review.txt": {"subissues": {
        "1.1": {"covered": False, "reason": "หัวข้อมีแต่ชื่อ ไม่มีเนื้อหา"}}}}}
    second = {"documents": {"review.txt": {"subissues": {
        "1.1": {"covered": True, "reason": "section 4 covers it after all"}}}}}
    assert run("review", str(agency), "--decisions", str(write(tmp_path, "1.yaml", first)),
               "--db", db, "--rubric", RUBRIC).exit_code == 0
    r = run("review", "agency-01", "--decisions", str(write(tmp_path, "2.json", second)),
            "--reviewer", "malee", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    r = run("decisions", "agency-01", "--db", db)
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].split("  ", 1)[1] == (
        "somchai  review.txt 1.1: ✓ → ✗  reason: หัวข้อมีแต่ชื่อ ไม่มีเนื้อหา  [file:1.yaml]")
    assert lines[1].split("  ", 1)[1] == (
        "malee  review.txt 1.1: ✗ → ✓  reason: section 4 covers it after all  [file:2.json]")
    trail = json.loads(run("decisions", "agency-01", "--db", db, "--json").stdout)
    assert [(d["before"], d["after"], d["proposed"]) for d in trail] == [
        (True, False, True), (False, True, True)]


@pytest.mark.parametrize(("change", "message"), [
    ({"documents": {"nothere.txt": {"role": "plan"}}},
     ("bad.yaml: ไม่พบเอกสาร 'nothere.txt' ในชุดเอกสาร 'agency-01' (เอกสารที่มี: ",
      "[no document 'nothere.txt' in submission 'agency-01' (documents: ")),
    ({"documents": {"review.txt": {"subissues": {"4.1": {"covered": True}}}}},
     ("review.txt: ไม่มีประเด็นย่อย '4.1' (ประเด็นย่อยที่มี: 1.1, 1.2",
      "[no sub-issue '4.1' (sub-issues: 1.1, 1.2")),
    ({"documents": {"review.txt": {"subissues": {"1.1": {"covered": False}}}}},
     "review.txt: sub-issue 1.1: การเปลี่ยนจากผลที่ระบบเสนอ (✓ → ✗) ต้องระบุ \"reason\" "
     "[overriding the proposal (✓ → ✗) needs a \"reason\"]"),
    ({"documents": {"review.txt": {"role": "minutes"}}}, "documents.review.txt.role: Input"),
    ({"progress": {"activities": [{"name": "x", "percent": "lots"}]}},
     "progress.activities.0.percent"),
])
def test_bad_decisions_file_is_one_line_error_and_writes_nothing(
        agency: Path, tmp_path: Path, change: dict, message: str | tuple[str, ...]) -> None:
    db = str(tmp_path / "r.db")
    path = write(tmp_path, "bad.yaml", {"reviewer": "somchai", **change})
    r = run("review", str(agency), "--decisions", str(path), "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 1
    for part in (message,) if isinstance(message, str) else message:  # (Thai, then English)
        assert part in r.stderr
    assert "Traceback" not in r.output
    from evidence_review.store.db import Store

    with Store.open(db) as store:
        assert store.trail("agency-01") == []


def test_missing_reviewer_and_unknown_submission(agency: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    path = write(tmp_path, "d.yaml", {"documents": {}})
    r = run("review", str(agency), "--decisions", str(path), "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 1
    assert "no reviewer: give --reviewer or \"reviewer\" in the file" in r.stderr
    r = run("score", "agency-99", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 1
    assert r.stderr.strip() == ("Error: agency-99: no such folder, and no submission with this "
                                "id in the store (submissions: agency-01)")


@pytest.mark.parametrize(("raised", "interrupts"), [(EOFError, False),
                                                   (KeyboardInterrupt, True)])
def test_end_of_input_stops_like_quit_but_ctrl_c_interrupts(monkeypatch: pytest.MonkeyPatch,
                                                            raised: type, interrupts: bool) -> None:
    import click

    from evidence_review.cli import interactive

    def no_input(_prompt: str = "") -> str:
        raise raised()

    def walk(self: interactive.Session, threshold: float | None) -> None:
        self.recorded = 2
        click.prompt("key")  # click turns both into Abort: the session tells them apart

    monkeypatch.setattr(click.termui, "visible_prompt_func", no_input)
    monkeypatch.setattr(interactive.Session, "_walk", walk)
    said: list[str] = []
    session = interactive.Session(None, "s01", None, "somchai",  # type: ignore[arg-type]
                                  load=lambda: None, echo=said.append)  # type: ignore[arg-type]
    if interrupts:
        with pytest.raises(click.Abort):
            session.run()
        assert said == []
    else:
        assert session.run() == 2
        assert said == ["\n" + message(MessageKey.REVIEW_STOPPED, count=2)]


def test_interactive_review_bulk_accept_override_back_and_interrupt(agency: Path,
                                                                    tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    # Reviewer; accept ≥ 0.9 in bulk: 4 roles, sub-issues 1.1-2.3 of the 4 documents and the
    # plan's improvement flag (25). Then the first unconfirmed item, plan.txt 3.1, is
    # overridden (an empty reason is refused), 3.2 skipped, [b]ack re-asks 3.2 and it is
    # accepted; then the input ends, which stops like [q]uit (exit 0, not 130 "interrupted").
    keys = ["somchai", "0.9", "o", "n", "", "ส่วนที่ 3 ไม่ได้กล่าวถึง", "s", "b", "a"]
    r = run("review", str(agency), "--db", db, "--rubric", RUBRIC,
            input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    assert ("ยอมรับผลที่ระบบเสนอ 25 รายการที่มีความเชื่อมั่น ≥ 0.9 "
            "[accepted 25 proposals with confidence ≥ 0.9]") in r.output
    assert "ต้องระบุเหตุผลเมื่อเปลี่ยน" in r.output
    assert "a reason is required to override a proposal" in r.output
    assert ("หยุดแล้ว: การตัดสิน 27 รายการที่บันทึกในรอบนี้ยังคงอยู่ "
            "[stopped: 27 decisions recorded this session are kept]") in r.output
    assert "interrupted" not in r.output
    trail = json.loads(run("decisions", "agency-01", "--db", db, "--json").stdout)
    bulk = [d for d in trail if d["source"] == "bulk>=0.9"]
    assert len(bulk) == 25
    assert {d["item"] for d in bulk} == {"role", "1.1", "1.2", "2.1", "2.2", "2.3",
                                         "improvement_vs_2549"}
    mine = [d for d in trail if d["source"] == "interactive"]
    assert [(d["document_path"], d["item"], d["before"], d["after"], d["reason"])
            for d in mine] == [
        ("plan.txt", "3.1", True, False, "ส่วนที่ 3 ไม่ได้กล่าวถึง"),
        ("plan.txt", "3.2", True, True, None)]
    # a second session resumes at the first unconfirmed item and [q]uit exits cleanly
    r = run("review", "agency-01", "--db", db, "--rubric", RUBRIC, "--reviewer", "somchai",
            input="\nq\n")
    assert r.exit_code == 0
    assert "plan.txt — 3.3 " in r.output
    assert ("หยุดแล้ว: การตัดสิน 0 รายการที่บันทึกในรอบนี้ยังคงอยู่ "
            "[stopped: 0 decisions recorded this session are kept]") in r.output


def test_changed_file_is_screened_again_and_needs_new_decisions(agency: Path,
                                                                tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    path = write(tmp_path, "d.json", full_decisions())
    assert run("review", str(agency), "--decisions", str(path), "--db", db,
               "--rubric", RUBRIC).exit_code == 0
    (agency / "review.txt").write_text("แก้ไขเอกสารแล้ว", encoding="utf-8")
    empty = write(tmp_path, "e.json", {"reviewer": "somchai"})
    r = run("review", str(agency), "--decisions", str(empty), "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0
    assert r.stderr.splitlines() == [
        "คัดกรอง 1 ไฟล์ (ไม่เปลี่ยน 3) [screened 1 files (3 unchanged)]",
        "เปลี่ยนไปหลังการคัดกรองครั้งก่อน: review.txt [changed since last screened: review.txt]"]
    changed = f"  - review.txt: {message(MessageKey.DOC_CHANGED)}"
    lines = r.stdout.splitlines()
    at = lines.index("ยังไม่ได้ยืนยัน (12): [not yet confirmed (12):]")
    assert lines[at + 1:at + 4] == [changed, "  - review.txt: role (proposed review)",
                                    "  - review.txt: sub-issue 1.1"]
    r = run("score", "agency-01", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 3
    assert r.stderr.splitlines()[1] == changed
    # the log keeps the decisions made on the old content
    assert len(json.loads(run("decisions", "agency-01", "--db", db, "--json").stdout)) == 26


def test_back_then_enter_keeps_an_override(agency: Path, tmp_path: Path) -> None:
    """[b]ack onto a confirmed item and Enter records nothing: no silent ✗ → ✓."""
    db = str(tmp_path / "r.db")
    keys = ["somchai", "", "a", "a", "o", "", "ไม่มีในแผน", "b", "", "q"]
    r = run("review", str(agency), "--db", db, "--rubric", RUBRIC, input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    assert "[k]eep [c]hange" in r.output
    trail = json.loads(run("decisions", "agency-01", "--db", db, "--json").stdout)
    assert [(d["document_path"], d["item"], d["after"]) for d in trail] == [
        ("order.txt", "role", "other"), ("plan.txt", "role", "plan"), ("plan.txt", "1.1", False)]


def test_a_confirmed_decision_can_be_changed_interactively_with_a_reason(
        agency: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    assert run("review", str(agency), "--decisions", str(write(tmp_path, "d.json",
               full_decisions())), "--db", db, "--rubric", RUBRIC).exit_code == 0
    # everything confirmed: go through; keep order.txt's and plan.txt's roles, change plan 1.1
    keys = ["y", "", "", "c", "", "", "ตรวจซ้ำแล้วไม่พบ", "q"]
    r = run("review", "agency-01", "--db", db, "--rubric", RUBRIC, "--reviewer", "malee",
            input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    assert "a reason is required" in r.output
    trail = json.loads(run("decisions", "agency-01", "--db", db, "--json").stdout)
    assert len(trail) == 27
    last = trail[-1]
    assert (last["reviewer"], last["document_path"], last["item"], last["before"],
            last["after"], last["reason"]) == ("malee", "plan.txt", "1.1", True, False,
                                                "ตรวจซ้ำแล้วไม่พบ")


def test_changing_a_confirmed_decision_from_a_file_needs_a_reason(agency: Path,
                                                                   tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    first = {"reviewer": "somchai", "documents": {"review.txt": {"subissues": {
        "3.5": {"covered": True, "reason": "มีในภาคผนวก"}}}}}
    back = {"reviewer": "somchai", "documents": {"review.txt": {"subissues": {
        "3.5": {"covered": False}}}}}
    assert run("review", str(agency), "--decisions", str(write(tmp_path, "1.yaml", first)),
               "--db", db, "--rubric", RUBRIC).exit_code == 0
    r = run("review", "agency-01", "--decisions", str(write(tmp_path, "2.yaml", back)),
            "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 1
    assert ("review.txt: sub-issue 3.5: การเปลี่ยนผลที่ยืนยันแล้ว (✓ → ✗) ต้องระบุ \"reason\" "
            "[changing the confirmed decision (✓ → ✗) needs a \"reason\"]") in r.stderr


def test_progress_accept_confirms_the_proposed_figures_and_evidence_is_kept(
        agency: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    data = full_decisions()
    data["progress"] = {"accept": True}
    data["documents"]["agency-01/review.txt"]["subissues"]["1.1"] = {
        "covered": True, "evidence": "หัวข้อ 1.1 หน้า 2: ทบทวนความต้องการข้อมูลของผู้บริหาร"}
    r = run("review", str(agency), "--decisions", str(write(tmp_path, "d.yaml", data)),
            "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    assert "all confirmed" in r.stdout
    score = json.loads(run("score", "agency-01", "--db", db, "--rubric", RUBRIC,
                           "--json").stdout)
    assert score["totals"]["score_text"] == "1.7500"
    trail = json.loads(run("decisions", "agency-01", "--db", db, "--json").stdout)
    progress = next(d for d in trail if d["item"] == "progress")
    assert progress["after"] == progress["proposed"] and len(progress["after"]) == 2
    evidence = next(d for d in trail if d["item"] == "1.1" and d["document_path"] == "review.txt")
    assert evidence["evidence"].startswith("หัวข้อ 1.1 หน้า 2")
    assert "evidence: หัวข้อ 1.1 หน้า 2" in run("decisions", "agency-01", "--db", db).stdout


@pytest.mark.parametrize(("progress", "says"), [
    ({"accept": True, "activities": []}, "give either \"activities\" or \"accept: true\""),
    ({}, "give either \"activities\" or \"accept: true\""),
])
def test_progress_is_accept_or_activities(agency: Path, tmp_path: Path, progress: dict,
                                          says: str) -> None:
    path = write(tmp_path, "d.yaml", {"reviewer": "a", "progress": progress})
    r = run("review", str(agency), "--decisions", str(path), "--db", str(tmp_path / "r.db"),
            "--rubric", RUBRIC)
    assert r.exit_code == 1
    assert says in r.stderr


def test_progress_figures_count_only_for_the_report_they_were_read_from(
        agency: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    assert run("review", str(agency), "--decisions", str(write(tmp_path, "d.json",
               full_decisions())), "--db", db, "--rubric", RUBRIC).exit_code == 0
    (agency / "progress.txt").write_text("รายงานผลฉบับแก้ไข", encoding="utf-8")
    assert run("screen", str(agency), "--db", db, "--rubric", RUBRIC, "--quiet").exit_code == 0
    r = run("score", "agency-01", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 3
    changed = message(MessageKey.DOC_CHANGED)
    assert r.stderr.splitlines()[1:5] == [
        f"  - progress.txt: {changed}", "  - progress.txt: role (proposed progress)",
        f"  - progress figures: {changed}",
        "  - progress figures (2 activities proposed from progress.txt)"]

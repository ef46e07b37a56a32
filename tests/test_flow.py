"""The whole flow on sample submissions: screen → review with a decisions file → score →
report in every format → batch summary. The decisions come from the hand labels
(fixtures/submissions/labels.yaml), so the expected score is worked out here from the labels
with the rubric's rules, independently of :mod:`scoring`."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from support import FIXTURES, expected_score, labels_for, need_path, need_tool

from evidence_review.cli import main

SUBMISSIONS = FIXTURES / "submissions"
AGENCIES = ("s01-fisheries", "s04-community-enterprise")  # DOCX, XLSX, text: no LibreOffice


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def decisions_from_labels(screen: dict, agency: str) -> dict:
    """A decisions file saying what the labels say, keyed by screen's JSON paths; a reason
    wherever that overrides a proposal."""
    proposals = {d["path"]: d for d in screen["documents"] if d["submission"] == agency}
    docs: dict[str, dict] = {}
    progress = None
    for label in labels_for(agency):
        path = label["path"]  # relative to the folder screened, like screen's JSON
        prop = proposals[path]
        entry: dict = {"role": label["role"], "reason": "checked against the document"}
        if label["role"] in ("review", "plan"):
            entry["subissues"] = {sid: {"covered": sid in label["covered"]}
                                  for sid in prop["subissues"]}
        if label["role"] == "plan":
            entry["improvement_vs_2549"] = bool(label.get("improvement_vs_2549"))
        if label["role"] == "progress":
            progress = {"activities": [{k: a.get(k) for k in ("name", "weight", "percent",
                                                              "achieved")}
                                       for a in label["activities"]],
                        "reason": "figures checked against the report"}
        docs[path] = entry
    out = {"reviewer": "tester", "documents": docs}
    if progress:
        out["progress"] = progress
    return out


@pytest.fixture(scope="module")
def flow(tmp_path_factory) -> dict:
    need_path(SUBMISSIONS / "labels.yaml")
    tmp = tmp_path_factory.mktemp("flow")
    subs = tmp / "subs"
    for agency in AGENCIES:
        shutil.copytree(SUBMISSIONS / agency, subs / agency)
    db = str(tmp / "review.db")
    r = run("screen", str(subs), "--json", str(tmp / "screen.json"), "--db", db)
    assert r.exit_code == 0, r.output
    screen = json.loads((tmp / "screen.json").read_text(encoding="utf-8"))
    for agency in AGENCIES:
        decisions = tmp / f"{agency}.yaml"
        decisions.write_text(yaml.safe_dump(decisions_from_labels(screen, agency),
                                            allow_unicode=True), encoding="utf-8")
        r = run("review", agency, "--decisions", str(decisions), "--db", db)  # by id
        assert r.exit_code == 0, r.output
        assert f"all confirmed: `evidence-review score {agency}` can score it" in r.stdout
    return {"tmp": tmp, "db": db, "subs": subs}


@pytest.mark.parametrize("agency", AGENCIES)
def test_score_matches_the_labels(flow: dict, agency: str) -> None:
    r = run("score", agency, "--db", flow["db"], "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    total, weighted = expected_score(agency)
    q = Decimal("0.0001")
    assert data["totals"]["score_text"] == str(total.quantize(q, rounding="ROUND_HALF_UP"))
    assert data["totals"]["weighted_score_text"] == str(
        weighted.quantize(q, rounding="ROUND_HALF_UP"))
    text = run("score", agency, "--db", flow["db"]).stdout.splitlines()
    assert (f"ค่าคะแนนที่ได้ (indicator score): {data['totals']['score_text']}") in text


def test_review_again_screens_nothing_and_records_nothing(flow: dict) -> None:
    agency = AGENCIES[0]
    decisions = flow["tmp"] / f"{agency}.yaml"
    r = run("review", str(flow["subs"] / agency), "--decisions", str(decisions), "--db",
            flow["db"])
    assert r.exit_code == 0
    assert "screening" not in r.output
    assert "recorded 0 decisions" in r.stdout


@pytest.mark.parametrize("fmt", ["md", "html", "json", "xlsx"])
def test_report_in_every_format(flow: dict, fmt: str) -> None:
    agency = AGENCIES[0]
    out = flow["tmp"] / f"report.{fmt}"
    r = run("report", agency, "--format", fmt, "-o", str(out), "--db", flow["db"])
    assert r.exit_code == 0, r.output
    score = json.loads(run("score", agency, "--db", flow["db"], "--json").stdout)
    total = score["totals"]["score_text"]
    if fmt == "xlsx":
        from openpyxl import load_workbook

        rows = list(load_workbook(out)["สรุปคะแนน"].iter_rows(values_only=True))
        assert rows[6][3] == float(total)
        return
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert data["status"] == "confirmed"
        assert data["score"]["totals"]["score_text"] == total
        assert {d["path"] for d in data["documents"]} == {
            Path(d["path"]).name for d in labels_for(agency)}
        return
    assert "ค่าคะแนนถ่วงน้ำหนัก" in text
    assert total in text
    assert "tester" in text  # the reviewer of every decision
    assert "ฉบับร่าง" not in text


@pytest.mark.pdfreport
def test_pdf_report(flow: dict) -> None:
    pytest.importorskip("weasyprint")
    need_tool("fc-list", "fontconfig")
    out = flow["tmp"] / "report.pdf"
    r = run("report", AGENCIES[0], "--format", "pdf", "-o", str(out), "--db", flow["db"])
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(b"%PDF")


def test_batch_summary(flow: dict) -> None:
    out = flow["tmp"] / "summary"
    r = run("report", "--all", "--out", str(out), "--db", flow["db"])
    assert r.exit_code == 0
    assert r.stdout.startswith(f"{len(AGENCIES)} หน่วยงาน (ยืนยันครบ {len(AGENCIES)}, "
                               "ยังไม่ครบ 0)")
    lines = (out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == list(AGENCIES)


def test_readme_flow_by_id_with_an_edited_file(tmp_path: Path) -> None:
    """The issue's flow on a copy of s01: screen -> score refused listing everything ->
    review from the sample decisions file -> score -> report -> edit a file, screen again ->
    score refused naming the changed document."""
    import docx

    agency = "s01-fisheries"
    subs = tmp_path / "subs"
    shutil.copytree(SUBMISSIONS / agency, subs / agency)
    db = str(tmp_path / "r.db")
    assert run("screen", str(subs), "--db", db, "--quiet").exit_code == 0
    r = run("score", agency, "--db", db)
    assert r.exit_code == 3
    lines = r.stderr.splitlines()
    assert lines[0] == (f"คิดคะแนน {agency} ไม่ได้: ยังไม่ได้ยืนยัน 25 รายการ: "
                        f"[cannot score {agency}: 25 items not confirmed:]")
    assert sum(": sub-issue " in line for line in lines) == 20
    r = run("review", agency, "--db", db, "--decisions",
            str(FIXTURES / "decisions" / f"{agency}.yaml"))
    assert r.exit_code == 0, r.output
    assert f"all confirmed: `evidence-review score {agency}` can score it" in r.stdout
    r = run("score", agency, "--db", db, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["totals"]["score_text"] == "3.8000"
    assert run("report", agency, "--db", db, "--format", "md",
               "-o", str(tmp_path / "s01.md")).exit_code == 0
    review = subs / agency / "สรุปผลการทบทวน.docx"
    d = docx.Document(str(review))
    d.add_paragraph("ภาคผนวก: ปรับปรุงเพิ่มเติมหลังการตรวจ")
    d.save(str(review))
    r = run("score", agency, "--db", db)  # edited, not screened again: refused, named
    assert r.exit_code == 3
    assert r.stderr.splitlines()[1].startswith("  - สรุปผลการทบทวน.docx: ไฟล์ถูกแก้ไขหลังการคัดกรอง")
    r = run("screen", str(subs), "--db", db, "--quiet")
    assert r.exit_code == 0
    r = run("score", agency, "--db", db)
    assert r.exit_code == 3
    assert r.stderr.splitlines()[:3] == [
        f"คิดคะแนน {agency} ไม่ได้: ยังไม่ได้ยืนยัน 12 รายการ: "
        f"[cannot score {agency}: 12 items not confirmed:]",
        "  - สรุปผลการทบทวน.docx: เนื้อหาไฟล์เปลี่ยนไปหลังการตรวจ ผลการตรวจเดิมไม่นับแล้ว "
        "ต้องยืนยันใหม่ [changed since it was reviewed: decisions on the earlier content no "
        "longer count]",
        "  - สรุปผลการทบทวน.docx: role (proposed review)"]
    trail = json.loads(run("decisions", agency, "--db", db, "--json").stdout)
    assert sum(not d["counts"] for d in trail) == 11  # the review summary's role + 10

"""``evidence-review screen``: the terminal table, the JSON contract, the Markdown report and
exit codes, on agency folders written in the test (text and Word files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence_review.cli import main

REVIEW = """สรุปผลการทบทวนและวิเคราะห์ระบบฐานข้อมูลสารสนเทศ ปีงบประมาณ 2550

3.1 การสำรองและกู้คืนข้อมูล
ศูนย์สารสนเทศสำรองข้อมูลทุกวันลงเทป และทดสอบการกู้คืนข้อมูลทุกเดือน พร้อมบันทึกผลการทดสอบ

3.2 การทดสอบความมั่นคงของระบบสารสนเทศ
-

3.3 การกำหนดสิทธิ
กำหนดสิทธิการเข้าถึงข้อมูลแยกตามกลุ่มผู้ใช้งาน ผู้บริหารอ่านอย่างเดียว เจ้าหน้าที่แก้ไขได้
"""


def _plan_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("แผนปฏิบัติการการบริหารจัดการระบบฐานข้อมูลสารสนเทศ ปีงบประมาณ 2550", 1)
    d.add_paragraph("แผนนี้ระบุส่วนที่พัฒนาเพิ่มเติมจากปีงบประมาณ พ.ศ. 2549")
    t = d.add_table(rows=2, cols=3)
    for c, text in enumerate(["กิจกรรม", "ระยะเวลา", "ผู้รับผิดชอบ"]):
        t.cell(0, c).text = text
    for c, text in enumerate(["จัดทำขั้นตอนการสำรองข้อมูลรายวัน", "ต.ค. 49 - ก.ย. 50",
                              "ศูนย์สารสนเทศ"]):
        t.cell(1, c).text = text
    d.save(str(path))


@pytest.fixture
def agencies(tmp_path: Path) -> Path:
    root = tmp_path / "subs"
    a = root / "agency-01"
    a.mkdir(parents=True)
    (a / "review.txt").write_text(REVIEW, encoding="utf-8")
    _plan_docx(a / "plan.docx")
    b = root / "agency-02"
    b.mkdir()
    (b / "review.txt").write_text(REVIEW, encoding="utf-8")
    (b / "broken.docx").write_bytes(b"PK\x03\x04 this is not a real zip")
    return root


def test_json_contract_and_exit_1_when_a_file_fails(agencies: Path, tmp_path: Path):
    out = tmp_path / "screen.json"
    r = CliRunner().invoke(main, ["screen", str(agencies), "--json", str(out)])
    assert r.exit_code == 1, r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["rubric"] == "kpi14-2550"
    paths = {d["path"]: d for d in data["documents"]}
    assert set(paths) == {"agency-01/plan.docx", "agency-01/review.txt",
                          "agency-02/broken.docx", "agency-02/review.txt"}
    review = paths["agency-01/review.txt"]
    assert review["role"] == "review" and review["status"] == "success"
    assert list(review["subissues"]) == ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3",
                                         "3.4", "3.5"]
    assert review["subissues"]["3.1"]["proposed"] and review["subissues"]["3.3"]["proposed"]
    assert not review["subissues"]["3.2"]["proposed"]  # heading followed by "-"
    ev = review["subissues"]["3.1"]["evidence"][0]
    assert set(ev) == {"page", "text", "phrase", "where", "start", "end", "boxes"}  # boxes added
    assert ev["page"] == 1 and ev["boxes"] is None  # a text file has no positions
    assert ev["start"] is not None and ev["end"] > ev["start"]  # (added: offsets in the page)
    plan = paths["agency-01/plan.docx"]
    assert plan["role"] == "plan" and plan["improvement_vs_2549"]["proposed"]
    broken = paths["agency-02/broken.docx"]
    assert broken["status"] == "failure" and broken["error"]
    assert not any(s["proposed"] for s in broken["subissues"].values())
    subs = {s["id"]: s for s in data["submissions"]}
    assert subs["agency-01"]["documents"] == ["agency-01/plan.docx", "agency-01/review.txt"]
    assert subs["agency-01"]["provisional"]["provisional"] is True
    assert subs["agency-01"]["warnings"] == []  # (added) a review and a plan: a KPI-14 one
    assert "error: agency-02/broken.docx" in r.output


def test_table_markdown_report_and_exit_0(agencies: Path, tmp_path: Path):
    out_dir = tmp_path / "out"
    r = CliRunner().invoke(main, ["screen", str(agencies / "agency-01"), "--out", str(out_dir)])
    assert r.exit_code == 0, r.output
    assert "review.txt" in r.output and "✓" in r.output and "unconfirmed" in r.output
    # Thai first, English in brackets: the evaluator reads the table in Thai
    assert "เอกสาร (document)\tประเภท (role)\tสถานะ (status)" in r.output
    assert "สรุปผลการทบทวน (review)" in r.output and "อ่านได้ (success)" in r.output
    md = (out_dir / "agency-01.screen.md").read_text(encoding="utf-8")
    assert md.startswith("# ผลคัดกรองเบื้องต้น — ยังไม่ได้รับการยืนยัน")
    assert "`review.txt`" in md and "**3.1**" in md


def test_json_to_stdout_is_only_json(agencies: Path):
    r = CliRunner().invoke(main, ["screen", str(agencies / "agency-01" / "review.txt"),
                                  "--json", "-"])
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert [d["path"] for d in data["documents"]] == ["review.txt"]


def test_bad_rubric_is_a_usage_error_naming_the_key(agencies: Path, tmp_path: Path):
    from evidence_review.rubric.model import DEFAULT_RUBRIC

    bad = tmp_path / "bad.toml"
    bad.write_text(DEFAULT_RUBRIC.read_text(encoding="utf-8").replace(
        "decimals = 4", "decimalz = 4", 1), encoding="utf-8")
    r = CliRunner().invoke(main, ["screen", str(agencies), "--rubric", str(bad)])
    assert r.exit_code == 2
    assert "decimalz" in r.output and "Traceback" not in r.output


def test_missing_path_is_a_usage_error(tmp_path: Path):
    r = CliRunner().invoke(main, ["screen", str(tmp_path / "nope")])
    assert r.exit_code == 2 and "nope" in r.output


def test_provisional_score_reads_the_progress_reports_activity_table() -> None:
    """Pre-screening shows criteria 3-4 from the progress report's table, labelled unconfirmed."""
    import yaml
    from support import FIXTURES

    subs = FIXTURES / "submissions"
    labels = yaml.safe_load((subs / "labels.yaml").read_text(encoding="utf-8"))
    acts = next(d["activities"] for d in labels["documents"]
                if d["path"].startswith("s01-fisheries/") and d["role"] == "progress")
    total_w = sum(a["weight"] for a in acts)
    implemented = sum(a["weight"] * a["percent"] for a in acts) / total_w
    achieved = sum(a["weight"] * 100 for a in acts if a["achieved"]) / total_w

    r = CliRunner().invoke(main, ["screen", str(subs / "s01-fisheries"), "--json", "-"])
    assert r.exit_code == 0, r.output
    prov = json.loads(r.stdout)["submissions"][0]["provisional"]
    assert "unconfirmed" in prov["label"]
    by_id = {c["id"]: c for c in prov["criteria"]}
    assert by_id[3]["result"] == pytest.approx(implemented)
    assert by_id[4]["result"] == pytest.approx(achieved)

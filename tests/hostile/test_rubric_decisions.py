"""Issue 10, hostile rubric and decisions files: every one ends as one line naming the file and
the key, never a traceback; a crash while classifying is the rubric's or the tool's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence_review.cli import main
from evidence_review.review.decisions_file import ReviewError, load_decisions
from evidence_review.rubric.model import DEFAULT_RUBRIC, RubricError, load_rubric
from hostile import make

BASE = DEFAULT_RUBRIC.read_text(encoding="utf-8")


def rubric_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rubric.toml"
    path.write_text(text, encoding="utf-8")
    return path


def replace_once(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


@pytest.mark.parametrize(("text", "expected"), [
    (replace_once("indicator_weight = 4", "indicator_weight = 1e309"),
     "indicator_weight: Input should be a finite number"),
    (replace_once("indicator_weight = 4", 'indicator_weight = "1e999999999"'),
     "indicator_weight: ค่าตัวเลขต้องเป็นจำนวนจำกัดไม่เกิน 1,000,000 "
     "[must be a finite number up to 1,000,000]"),
    (replace_once('weight = "1.0"', 'weight = "1e999999999"'),
     "criteria.0.weight: ค่าตัวเลขต้องเป็นจำนวนจำกัดไม่เกิน 1,000,000"),
    (BASE + "\nextra = " + "[" * 5000 + "]" * 5000 + "\n",
     "โครงสร้างซ้อนกันลึกเกิน 16 ชั้น [nested deeper than 16 levels]"),
    (BASE + "\nextra = " + "[" * 40 + "]" * 40 + "\n",
     "[nested deeper than 16 levels]"),
    (replace_once('text = "', 'text = "' + "ก" * 100_000),
     "subissues.0.phrases.0.text: ข้อความยาว 100,0"),
    (BASE + "\ntoc_markers = [" + ", ".join(['"x"'] * 6000) + "]\n",
     "toc_markers: มี 6,000 รายการ เกินกำหนด 5,000 รายการ [6,000 entries, over the limit of 5,000]"),
])
def test_a_hostile_rubric_is_one_line_naming_the_key(tmp_path: Path, text: str,
                                                     expected: str) -> None:
    path = rubric_file(tmp_path, text)
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    line = str(err.value)
    assert "\n" not in line and line.startswith(f"{path}: ") and expected in line
    r = CliRunner().invoke(main, ["score", "x", "--rubric", str(path), "--db",
                                  str(tmp_path / "r.db")])
    assert r.exit_code == 2 and "Traceback" not in r.output and expected in r.stderr


def test_the_bundled_rubric_is_within_every_limit() -> None:
    assert load_rubric().subissue_ids


def test_a_crash_while_classifying_is_the_rubrics_or_the_tools(tmp_path: Path,
                                                              monkeypatch) -> None:
    import evidence_review.classifiers as classifiers
    from evidence_review.pipeline.document import screen_document

    def crash(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(classifiers, "classify", crash)
    path = make.make_docx(tmp_path / "plan.docx")
    doc = screen_document(path, make.minimal_rubric(), "plan.docx", "a")
    assert doc.status == "failure"
    assert doc.error == (
        "อ่านไฟล์ได้ แต่การจำแนกด้วยเกณฑ์ (rubric) ล้มเหลว เป็นข้อผิดพลาดของเกณฑ์หรือของโปรแกรม "
        "ไม่ใช่ของเอกสาร (RecursionError: maximum recursion depth exceeded) [read, but "
        "classifying failed: a fault of the rubric or the tool, not of the document "
        "(RecursionError: maximum recursion depth exceeded)]")


# -- decisions files -------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "text", "expected"), [
    ("d.json", '{"reviewer": "a", "reviewer": "b"}',
     "มีคีย์ 'reviewer' ซ้ำกัน (ระบุได้ครั้งเดียว) [duplicate key 'reviewer' (give it once)]"),
    ("d.json", '{"documents": {"x.pdf": {"subissues": {"3.1": {"covered": true}, '
               '"3.1": {"covered": false}}}}}', "[duplicate key '3.1' (give it once)]"),
    ("d.yaml", "documents:\n  x.pdf:\n    subissues:\n      '3.1': {covered: true}\n"
               "      '3.1': {covered: false}\n", "[duplicate key '3.1' (give it once)]"),
    ("d.json", "[" * 100_000 + "]" * 100_000, "[nested deeper than 32 levels]"),
    ("d.json", '{"a": ' * 50 + "1" + "}" * 50, "[nested deeper than 32 levels]"),
    ("d.yaml", "[" * 100_000 + "]" * 100_000, "[nested deeper than 32 levels]"),
    ("d.yaml", "a:\n" + "".join("  " * i + "- \n" for i in range(1, 40)),
     "[nested deeper than 32 levels]"),
])
def test_a_hostile_decisions_file_is_one_line(tmp_path: Path, name: str, text: str,
                                              expected: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReviewError) as err:
        load_decisions(path)
    line = str(err.value)
    assert "\n" not in line and line.startswith(f"{path}: ") and line.endswith(expected)


def test_a_valid_decisions_file_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"reviewer": " สมชาย\x1b[0m ", "documents": {"x.pdf": {
        "subissues": {"3.1": {"covered": True, "reason": "มี\r\nหลักฐาน\x00"}}}}},
        ensure_ascii=False), encoding="utf-8")
    data = load_decisions(path)
    assert data.reviewer == "สมชาย[0m"
    assert data.documents["x.pdf"].subissues["3.1"].reason == "มี\nหลักฐาน"

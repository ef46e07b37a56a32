"""`rubric suggest`: a phrase learned from reviewers' overrides on some agencies fixes the same
kind of miss (a backup in plain words) on another agency's document in other wording; nothing
is written without --write; an empty store says so and exits 0."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT

from evidence_review.cli import main
from evidence_review.review import suggest as sg
from evidence_review.rubric.model import DEFAULT_RUBRIC, load_rubric

FIX = ROOT / "fixtures" / "suggest"


def run(*args: str):
    return CliRunner().invoke(main, [*map(str, args)], catch_exceptions=False)


@pytest.fixture
def learned(tmp_path: Path) -> tuple[Path, str]:
    """A store where a reviewer overrode 3.1 (backup) to ✓ on two agencies' reviews."""
    for part in ("learn", "check"):
        shutil.copytree(FIX / part, tmp_path / part)
    db = str(tmp_path / "store.db")
    assert run("screen", tmp_path / "learn", "--db", db).exit_code == 0
    for agency in ("a01-water", "a02-forest"):
        r = run("review", agency, "--decisions", FIX / f"{agency}.yaml", "--db", db)
        assert r.exit_code == 0, r.output
    return tmp_path, db


def proposed(path: Path, rubric) -> bool:
    from evidence_review.cli.commands.evaluate import load_labels, screen_labelled

    labels = load_labels(FIX / "labels.yaml").documents
    got = screen_labelled(labels, path, rubric)
    return got["a03-roads/review.txt"]["subissues"]["3.1"]["proposed"]


def test_learned_phrase_fixes_another_document(learned: tuple[Path, str]) -> None:
    tmp, db = learned
    rubric_before = tmp / "rubric.toml"
    shutil.copy(DEFAULT_RUBRIC, rubric_before)
    before_bytes = rubric_before.read_bytes()
    out = tmp / "merged.toml"
    r = run("rubric", "suggest", "--db", db, "--rubric", rubric_before,
            "--labels", FIX / "labels.yaml", tmp / "check", "--write", out)
    assert r.exit_code == 0, r.output
    assert "3.1" in r.output and "[[subissues]]" in r.output
    assert rubric_before.read_bytes() == before_bytes  # the rubric itself is never changed
    before, after = load_rubric(rubric_before), load_rubric(out)
    new = {p.text for p in after.subissue("3.1").phrases} - {
        p.text for p in before.subissue("3.1").phrases}
    assert new, r.output
    assert not proposed(tmp / "check", before)  # the miss, before learning
    assert proposed(tmp / "check", after)  # fixed on a document the reviewers never saw
    assert "R 0.500" in r.output and "R 1.000" in r.output  # the eval figures before/after
    # an existing file is refused without --force, and kept
    written = out.read_bytes()
    again = run("rubric", "suggest", "--db", db, "--write", out)
    assert again.exit_code == 2 and out.read_bytes() == written


def test_nothing_written_without_write(learned: tuple[Path, str]) -> None:
    tmp, db = learned
    listed = sorted(p for p in tmp.rglob("*") if p.name != "store.db")
    r = run("rubric", "suggest", "--db", db)
    assert r.exit_code == 0 and "เก็บที่อาคารอื่น" in r.output
    assert sorted(p for p in tmp.rglob("*") if p.name != "store.db") == listed


def test_empty_store_says_no_overrides(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    assert run("screen", FIX / "check", "--db", db).exit_code == 0
    r = run("rubric", "suggest", "--db", db)
    assert r.exit_code == 0 and "no overrides" in r.output


def test_other_sense_context_from_rejected_proposals() -> None:
    """A ✓ two reviewers rejected: the word next to the matched phrase that recurs is
    suggested as not_evidence, and the merged rubric loads."""
    rubric = load_rubric()
    texts = ["ร่วมงานประชาสัมพันธ์สินค้าโอทอปของจังหวัด", "จัดบูธประชาสัมพันธ์สินค้าเกษตรปลอดภัย"]
    overrides = [sg.Override(f"s{i}/d.docx", "2.3", False, [t], ["ประชาสัมพันธ์"])
                 for i, t in enumerate(texts)]
    found = sg.suggest(overrides, rubric)
    assert [(s.kind, s.text, s.count) for s in found] == [
        ("not_evidence", "ประชาสัมพันธ์สินค้า", 2)]
    text, merged = sg.merge(sg.fragment(found))
    assert "# Rubric of OPDC indicator 14" in text  # the merged file keeps its comments
    assert "ประชาสัมพันธ์สินค้า" in merged.subissue("2.3").not_evidence
    assert sg.suggest(overrides[:1], rubric) == []  # one document is not enough


def test_a_concept_word_learned_from_two_reviews_fixes_a_third_in_other_wording() -> None:
    """Two reviewers confirmed 3.2 (security audit) on passages where a test action stands
    beside a weakness the concept does not know (โทรจัน): the word is suggested for that
    concept group, a word that is only a piece of a rubric word (เครื่อง) is not, and the
    merged rubric proposes 3.2 on a third document written differently."""
    from evidence_review.classifiers import classify
    from evidence_review.extractors.model import Document, Page
    from evidence_review.intake import FileFormat

    rubric = load_rubric()
    texts = ["ศูนย์ไอทีสแกนหาโทรจันในเครื่องลูกข่ายทุกเดือน",
             "เจ้าหน้าที่ตรวจสอบโทรจันและโปรแกรมแฝงในเครื่องคอมพิวเตอร์ของกรม"]
    overrides = [sg.Override(f"a{i}/review.docx", "3.2", True, [t]) for i, t in enumerate(texts)]
    found = sg.suggest(overrides, rubric)
    words = [(s.kind, s.subissue, s.text, s.count) for s in found if s.kind == "concept_word"]
    assert words == [("concept_word", "3.2", "โทรจัน", 2)]
    frag = sg.fragment(found, rubric)
    assert "[[subissues.concepts]]" in frag
    _, merged = sg.merge(frag)
    concept = merged.subissue("3.2").concepts[found[-1].concept or 0]
    assert "โทรจัน" in concept.groups[found[-1].group or 0]
    lines = sg.summary(found, overrides, rubric)
    assert any(line.startswith("3.2 คำใหม่ในกลุ่มที่ 2") for line in lines)
    third = Document(path=Path("c/review.docx"), format=FileFormat.DOCX, pages=[Page(
        number=1, text="งานสารสนเทศตรวจสอบโทรจันบนเครื่องแม่ข่ายของสำนักงานทุกไตรมาส\n"
                       "นอกจากนี้ยังจ้างผู้เชี่ยวชาญสแกนโทรจันในเครื่องของผู้ใช้ปีละครั้ง")])
    assert not classify(third, rubric).subissues["3.2"].proposed
    assert classify(third, merged).subissues["3.2"].proposed

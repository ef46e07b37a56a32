"""The bundled FY 2550 rubric: complete, validated, and judged (no generic anchors)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from evidence_review.rubric.model import CriterionKind, PhraseKind, RubricError, load_rubric

EXPECTED_IDS = ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5"]


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


def test_ten_subissues_with_thai_titles_and_english_names(rubric):
    assert rubric.subissue_ids == EXPECTED_IDS
    for s in rubric.subissues:
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in s.title_th), s.id
        assert s.name_en.isascii() and s.name_en, s.id
        assert any(p.kind is PhraseKind.ANCHOR for p in s.phrases), f"{s.id} has no anchor"


def test_criteria_weights_and_thresholds(rubric):
    c = {k: rubric.criterion(k) for k in CriterionKind}
    assert [c[k].weight for k in CriterionKind] == [Decimal("1.0"), Decimal("0.5"),
                                                    Decimal("1.0"), Decimal("1.5")]
    assert c[CriterionKind.REVIEW_COUNT].thresholds == [6, 7, 8, 9, 10]
    assert c[CriterionKind.PLAN_COUNT].thresholds == [6, 7, 8, 9, 10]
    assert c[CriterionKind.PERCENT_IMPLEMENTED].thresholds == [60, 70, 80, 90, 100]
    assert c[CriterionKind.PERCENT_ACHIEVED].thresholds == [60, 70, 80, 90, 100]
    assert [c[k].interpolate for k in CriterionKind] == [False, False, True, True]
    assert all(c[k].below_first == 0 for k in CriterionKind)
    assert rubric.indicator_weight == 4
    assert rubric.policies.missing_improvement_cap == 4


def test_generic_phrases_are_never_anchors(rubric):
    anchors = {p.text.lower() for s in rubric.subissues for p in s.phrases
               if p.kind is PhraseKind.ANCHOR}
    for generic in ("kpi", "แผนปฏิบัติราชการ", "ระบบฐานข้อมูลสารสนเทศ", "ผู้ใช้งาน", "เว็บไซต์",
                    "ฝึกอบรม", "อบรม", "สิทธิ", "ปรับปรุง"):
        assert generic not in anchors, generic


def test_ambiguous_phrases_have_rules_for_both_readings(rubric):
    rules = {(a.phrase, a.subissue) for a in rubric.ambiguity}
    for phrase, sids in {"ผู้ใช้งาน": ("2.1", "3.3"), "เว็บไซต์": ("2.2", "2.3"),
                         "Disaster Recovery": ("3.1",)}.items():
        for sid in sids:
            assert (phrase, sid) in rules
    assert ("ปรับปรุง", "1.2") in rules
    assert "สำรองที่นั่ง" in rubric.subissue("3.1").not_evidence
    assert "สิทธิประโยชน์" in rubric.subissue("3.3").not_evidence


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "rubric.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_unknown_key_is_named(tmp_path):
    from evidence_review.rubric.model import DEFAULT_RUBRIC

    text = DEFAULT_RUBRIC.read_text(encoding="utf-8")
    bad = text.replace("near_chars = 200", "near_chars = 200\nnear_charz = 3", 1)
    with pytest.raises(RubricError) as err:
        load_rubric(_write(tmp_path, bad))
    assert "near_charz" in str(err.value) and "rubric.toml" in str(err.value)


def test_unknown_subissue_in_ambiguity_rule_is_an_error(tmp_path):
    from evidence_review.rubric.model import DEFAULT_RUBRIC

    text = DEFAULT_RUBRIC.read_text(encoding="utf-8")
    bad = text.replace('subissue = "3.3"\nrequires', 'subissue = "9.9"\nrequires', 1)
    with pytest.raises(RubricError, match=r"9\.9"):
        load_rubric(_write(tmp_path, bad))


def test_descending_thresholds_rejected(tmp_path):
    from evidence_review.rubric.model import DEFAULT_RUBRIC

    text = DEFAULT_RUBRIC.read_text(encoding="utf-8")
    bad = text.replace("thresholds = [60, 70, 80, 90, 100]", "thresholds = [60, 50, 80, 90, 100]",
                       1)
    with pytest.raises(RubricError, match="thresholds"):
        load_rubric(_write(tmp_path, bad))


def test_not_toml_is_a_clear_error(tmp_path):
    with pytest.raises(RubricError, match="not valid TOML"):
        load_rubric(_write(tmp_path, "id = [unclosed"))

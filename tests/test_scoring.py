"""Scoring against hand-computed cases and properties (monotone, bounded, scale-invariant)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import ROOT

from evidence_review.classifiers.model import DocumentProposals, Role, SubIssueProposal
from evidence_review.rubric.model import CriterionKind, load_rubric
from evidence_review.scoring import Activity, level_score, provisional, score, weighted_percent

RUBRIC = load_rubric(ROOT / "tests" / "data" / "review" / "rubric.toml")
IMPLEMENTED = RUBRIC.criterion(CriterionKind.PERCENT_IMPLEMENTED)
D = Decimal


def act(name: str, weight: float | None, percent: float | None,
        achieved: bool | None = None) -> Activity:
    return Activity(name=name, weight=None if weight is None else D(str(weight)),
                    percent=None if percent is None else D(str(percent)), achieved=achieved)


def test_63_75_percent_interpolates_to_1_3750() -> None:
    acts = [act("a", 75, 55), act("b", 25, 90)]
    result = score(RUBRIC, 10, 10, True, acts)
    c3 = result.criteria[2]
    assert c3.result == D("63.75")
    assert result.fmt(c3.score) == "1.3750"


def test_every_criterion_at_level_5_gives_the_forms_figures() -> None:
    acts = [act("a", 1, 100, True), act("b", 1, 100, True)]
    result = score(RUBRIC, 10, 10, True, acts)
    assert [result.fmt(c.score) for c in result.criteria] == ["5.0000"] * 4
    assert result.fmt(result.score) == "5.0000"
    assert result.fmt(result.weighted_score) == "0.2000"


def test_4_53125_rounds_half_up_to_4_5313() -> None:
    # 7 of 8 equally weighted activities achieved -> 87.5 % -> 3.75 on criterion 4;
    # (5·1 + 5·0.5 + 5·1 + 3.75·1.5) / 4 = 4.53125 exactly.
    acts = [act(f"a{i}", None, 100, i != 0) for i in range(8)]
    result = score(RUBRIC, 10, 10, True, acts)
    assert result.score == D("4.53125")
    assert result.fmt(result.score) == "4.5313"
    assert result.fmt(result.weighted_score) == "0.1813"  # 0.18125 half up
    assert any("equal weights" in n for n in result.criteria[3].notes)


def test_hand_computed_mixed_case() -> None:
    acts = [act("a", 30, 100, True), act("b", 30, 80, True), act("c", 40, 50, False)]
    result = score(RUBRIC, 8, 9, True, acts)
    assert [result.fmt(c.result) for c in result.criteria] == [
        "8.0000", "9.0000", "74.0000", "60.0000"]
    assert [result.fmt(c.score) for c in result.criteria] == [
        "3.0000", "4.0000", "2.4000", "1.0000"]
    assert result.fmt(result.score) == "2.2250"  # (3 + 2 + 2.4 + 1.5) / 4
    assert result.fmt(result.weighted_score) == "0.0890"


@pytest.mark.parametrize("below_first", ["0", "0.5"])
def test_fewer_than_6_subissues_gives_the_policy_value(below_first: str) -> None:
    crits = [c.model_copy(update={"below_first": D(below_first)})
             if c.kind is CriterionKind.REVIEW_COUNT else c for c in RUBRIC.criteria]
    rubric = RUBRIC.model_copy(update={"criteria": crits})
    result = score(rubric, 5, 10, True, [act("a", 1, 100, True)])
    assert result.criteria[0].score == D(below_first)


def test_missing_improvement_caps_criterion_2_at_policy_level() -> None:
    result = score(RUBRIC, 10, 10, False, [act("a", 1, 100, True)])
    assert result.criteria[1].score == D(4)
    assert "capped at level 4" in result.criteria[1].notes[0]
    no_cap = RUBRIC.model_copy(update={"policies": RUBRIC.policies.model_copy(
        update={"missing_improvement_cap": 5})})
    assert score(no_cap, 10, 10, False, [act("a", 1, 100, True)]).criteria[1].score == D(5)


def test_json_has_numbers_rounded_and_score_text() -> None:
    data = score(RUBRIC, 10, 10, True, [act("a", 75, 55, True), act("b", 25, 90, True)]
                 ).to_json_dict()
    c3 = data["criteria"][2]
    assert {k: c3[k] for k in ("id", "weight", "result", "score", "score_text")} == {
        "id": 3, "weight": 1.0, "result": 63.75, "score": 1.375, "score_text": "1.3750"}
    assert data["totals"]["score_text"] == "4.0938"  # (5 + 2.5 + 1.375 + 7.5) / 4 = 4.09375
    assert data["policies"]["missing_improvement_cap"] == 4


def test_provisional_counts_proposals_and_is_labelled() -> None:
    def doc(role: Role, covered: int) -> DocumentProposals:
        subs = {sid: SubIssueProposal(proposed=i < covered, confidence=0.9)
                for i, sid in enumerate(RUBRIC.subissue_ids)}
        return DocumentProposals(path=f"{role.value}.docx", role=role, role_confidence=0.8,
                                 subissues=subs)

    result = provisional(RUBRIC, [doc(Role.REVIEW, 7), doc(Role.PLAN, 10)])
    assert result.provisional
    assert [c.result for c in result.criteria[:2]] == [D(7), D(10)]
    assert result.criteria[1].score == D(4)  # improvement unknown -> capped
    assert "เกณฑ์ 3-4 ต้องมีตัวเลขผลการดำเนินงาน [criteria 3-4 need progress figures]" \
        in result.notes  # Thai first


# -- properties ---------------------------------------------------------------------------

percents = st.decimals(min_value=0, max_value=100, places=2)
weights = st.decimals(min_value=D("0.01"), max_value=1000, places=2)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(weights, percents, st.booleans()), min_size=1, max_size=12),
       st.decimals(min_value=D("0.001"), max_value=10000, places=3))
def test_weighted_average_is_scale_invariant_in_weights(rows, factor) -> None:
    acts = [Activity(name=str(i), weight=w, percent=p, achieved=a)
            for i, (w, p, a) in enumerate(rows)]
    scaled = [a.model_copy(update={"weight": a.weight * factor}) for a in acts]
    for kind in (CriterionKind.PERCENT_IMPLEMENTED, CriterionKind.PERCENT_ACHIEVED):
        one = weighted_percent(acts, kind).value
        two = weighted_percent(scaled, kind).value
        assert one is not None and two is not None
        assert abs(one - two) < D("1e-20")
        assert 0 <= one <= 100


@settings(max_examples=80, deadline=None)
@given(st.lists(st.decimals(min_value=1, max_value=200, places=1), min_size=5, max_size=5,
                unique=True),
       percents, percents)
def test_level_score_is_monotone_and_bounded(raw_thresholds, x, y) -> None:
    crit = IMPLEMENTED.model_copy(update={"thresholds": sorted(raw_thresholds)})
    lo, hi = sorted((x, y))
    a, b = level_score(crit, lo), level_score(crit, hi)
    assert D(0) <= a <= b <= D(5)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10), st.integers(0, 10), st.booleans(),
       st.lists(st.tuples(weights, percents, st.booleans()), min_size=1, max_size=8))
def test_indicator_score_is_bounded_and_weighted_score_follows(rc, pc, imp, rows) -> None:
    acts = [Activity(name=str(i), weight=w, percent=p, achieved=a)
            for i, (w, p, a) in enumerate(rows)]
    result = score(RUBRIC, rc, pc, imp, acts)
    assert D(0) <= result.score <= D(5)
    assert result.weighted_score == RUBRIC.indicator_weight * result.score / 100
    better = score(RUBRIC, min(rc + 1, 10), pc, imp, acts)
    assert better.score >= result.score

"""Cohen's kappa against a hand computation."""

from __future__ import annotations

from fractions import Fraction

from evidence_review.review.agreement import Pair, agreement, cohen_kappa


def test_kappa_matches_the_hand_computation() -> None:
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
    # p_o = 35/50 = 0.7; A yes 25/50, B yes 30/50: p_e = .5*.6 + .5*.4 = 0.5; kappa = 0.4
    pairs = [(True, True)] * 20 + [(True, False)] * 5 + [(False, True)] * 10 + \
        [(False, False)] * 15
    assert cohen_kappa(pairs) == (50, Fraction(7, 10), Fraction(2, 5))


def test_kappa_for_three_role_categories() -> None:
    # 10 documents, agreement on 7. A: review 4, plan 3, progress 3; B: review 3, plan 4,
    # progress 3. p_e = .4*.3 + .3*.4 + .3*.3 = 0.33; kappa = (0.7 - 0.33) / 0.67 = 37/67
    a = ["review"] * 4 + ["plan"] * 3 + ["progress"] * 3
    b = ["review", "review", "review", "plan", "plan", "progress", "plan", "progress",
         "progress", "plan"]
    assert cohen_kappa(zip(a, b, strict=True)) == (10, Fraction(7, 10), Fraction(37, 67))


def test_kappa_is_null_where_chance_agreement_is_one() -> None:
    result = agreement("s", [Pair("d", "1.1", True, True)] * 3, ["1.1", "1.2"])
    assert result.per_subissue["1.1"].model_dump() == {"items": 3, "agreement": 1.0,
                                                       "kappa": None}
    assert result.per_subissue["1.2"].model_dump() == {"items": 0, "agreement": None,
                                                       "kappa": None}
    assert result.model_dump(mode="json")["kappa"] is None

"""Pure scoring of the indicator: levels, weighted averages, the indicator score.

Nothing here touches the store or the file system: callers pass confirmed (or, for
:func:`provisional`, proposed) figures and get a :class:`ScoreResult` back. Every
computation keeps full :class:`~decimal.Decimal` precision; only display rounds, half up,
to the rubric's ``policies.decimals``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, Field

from evidence_review.messages import MessageKey, message
from evidence_review.models.activity import Activity
from evidence_review.models.proposals import DocumentProposals, Role
from evidence_review.rubric.model import Criterion, CriterionKind, Rubric

HUNDRED = Decimal(100)


class WeightedAverage(BaseModel):
    """A weighted average percent and the notes on how missing values were treated."""

    value: Decimal | None
    notes: list[str] = Field(default_factory=list)


class CriterionScore(BaseModel):
    id: int
    kind: CriterionKind
    title_th: str
    weight: Decimal
    result: Decimal | None = Field(description="Count (1-2) or weighted percent (3-4).")
    score: Decimal
    notes: list[str] = Field(default_factory=list)


class ScoreResult(BaseModel):
    """The score of one submission: per criterion and the indicator totals."""

    criteria: list[CriterionScore]
    score: Decimal = Field(description="ค่าคะแนนที่ได้: Σ(weight·score)/Σweight.")
    weighted_score: Decimal = Field(description="ค่าคะแนนถ่วงน้ำหนัก: indicator weight × score / 100.")
    indicator_weight: Decimal
    decimals: int
    policies: dict[str, object]
    provisional: bool = False
    notes: list[str] = Field(default_factory=list)

    def fmt(self, value: Decimal | None) -> str:
        """``value`` shown with the rubric's decimals, rounded half up ("-" when missing).

        >>> r = ScoreResult(criteria=[], score=Decimal(0), weighted_score=Decimal(0),
        ...                 indicator_weight=Decimal(4), decimals=4, policies={})
        >>> r.fmt(Decimal("4.53125")), r.fmt(None)
        ('4.5313', '-')
        """
        return "-" if value is None else f"{round_half_up(value, self.decimals):f}"

    def to_json_dict(self) -> dict:
        """Numbers rounded to the rubric's decimals, plus their exact text (``*_text``)."""

        def num(v: Decimal | None) -> float | int | None:
            if v is None:
                return None
            q = round_half_up(v, self.decimals)
            return int(q) if q == q.to_integral_value() and self.decimals == 0 else float(q)

        return {
            "provisional": self.provisional,
            "criteria": [
                {
                    "id": c.id,
                    "kind": c.kind.value,
                    "title_th": c.title_th,
                    "weight": num(c.weight),
                    "result": num(c.result),
                    "result_text": self.fmt(c.result),
                    "score": num(c.score),
                    "score_text": self.fmt(c.score),
                    "notes": c.notes,
                }
                for c in self.criteria
            ],
            "totals": {
                "indicator_weight": num(self.indicator_weight),
                "score": num(self.score),
                "score_text": self.fmt(self.score),
                "weighted_score": num(self.weighted_score),
                "weighted_score_text": self.fmt(self.weighted_score),
            },
            "policies": self.policies,
            "notes": self.notes,
        }


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round as Thai government spreadsheets do (half up), not as Python's ``round``.

    >>> round_half_up(Decimal("4.53125"), 4), round(4.53125, 4)
    (Decimal('4.5313'), 4.5312)
    >>> round_half_up(Decimal("0.2"), 4)
    Decimal('0.2000')
    """
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def level_score(criterion: Criterion, result: Decimal) -> Decimal:
    """The score (0..5) of ``result`` against a criterion's five thresholds.

    At or above t₅ gives 5; below t₁ gives ``below_first``; between t_k and t_{k+1} gives k,
    plus (x − t_k)/(t_{k+1} − t_k) when the criterion interpolates.

    >>> from evidence_review.rubric.model import Criterion
    >>> c = Criterion(id=3, kind="percent_implemented", title_th="", name_en="", weight=1,
    ...               thresholds=[60, 70, 80, 90, 100])
    >>> level_score(c, Decimal("63.75")), level_score(c, Decimal(100)), level_score(c, Decimal(59))
    (Decimal('1.375'), Decimal('5'), Decimal('0'))
    >>> counts = c.model_copy(update={"interpolate": False, "thresholds": [6, 7, 8, 9, 10]})
    >>> level_score(counts, Decimal(8)), level_score(counts, Decimal(5))
    (Decimal('3'), Decimal('0'))
    """
    t = [Decimal(x) for x in criterion.thresholds]
    if result >= t[-1]:
        return Decimal(len(t))
    if result < t[0]:
        return Decimal(criterion.below_first)
    for k in range(len(t) - 1):
        if t[k] <= result < t[k + 1]:
            level = Decimal(k + 1)
            if criterion.interpolate:
                return level + (result - t[k]) / (t[k + 1] - t[k])
            return level
    raise AssertionError("unreachable: thresholds are ascending")  # pragma: no cover


def weighted_percent(activities: Sequence[Activity], kind: CriterionKind) -> WeightedAverage:
    """Σ(wᵢ·pᵢ)/Σwᵢ over the activities; for ``PERCENT_ACHIEVED`` pᵢ is 100 or 0.

    Weights may sum to 100, to 1 or to anything. A missing weight (or all weights zero)
    means equal weights for every activity; a missing percent counts as 0 and a missing
    "achieved" as not achieved; a percent above 100 counts as 100. Each such treatment is
    stated in the notes.

    >>> acts = [Activity(name="a", weight=Decimal("0.75"), percent=Decimal(55)),
    ...         Activity(name="b", weight=Decimal("0.25"), percent=Decimal(90))]
    >>> weighted_percent(acts, CriterionKind.PERCENT_IMPLEMENTED).value
    Decimal('63.75')
    >>> weighted_percent([], CriterionKind.PERCENT_ACHIEVED).value is None
    True
    """
    notes: list[str] = []
    if not activities:
        return WeightedAverage(value=None, notes=[message(MessageKey.NO_ACTIVITY_FIGURES)])
    given = [a.weight for a in activities]
    weights = [w for w in given if w is not None]
    if len(weights) < len(given) or sum(weights) == 0:
        missing = [a.name for a in activities if a.weight is None]
        notes.append(message(MessageKey.WEIGHTS_MISSING_EQUAL, missing=len(missing),
                             total=len(activities)) if missing
                     else message(MessageKey.WEIGHTS_ALL_ZERO))
        weights = [Decimal(1)] * len(activities)
    values: list[Decimal] = []
    for a in activities:
        if kind is CriterionKind.PERCENT_ACHIEVED:
            if a.achieved is None:
                notes.append(message(MessageKey.ACHIEVED_NOT_STATED, name=a.name))
            values.append(HUNDRED if a.achieved else Decimal(0))
            continue
        if a.percent is None:
            notes.append(message(MessageKey.PERCENT_MISSING, name=a.name))
            values.append(Decimal(0))
        elif a.percent > HUNDRED:
            notes.append(message(MessageKey.PERCENT_ABOVE_100, name=a.name,
                                 percent=str(a.percent)))
            values.append(HUNDRED)
        else:
            values.append(a.percent)
    total_w = sum(weights, Decimal(0))
    value = sum((w * v for w, v in zip(weights, values, strict=True)), Decimal(0)) / total_w
    return WeightedAverage(value=value, notes=notes)


def _policies(rubric: Rubric) -> dict[str, object]:
    p = rubric.policies
    out: dict[str, object] = {
        "missing_improvement_cap": p.missing_improvement_cap,
        "decimals": p.decimals,
        "rounding": p.rounding,
        "indicator_weight": str(rubric.indicator_weight),
    }
    for c in rubric.criteria:
        out[f"criterion_{c.id}"] = {
            "thresholds": [str(t) for t in c.thresholds],
            "below_first": str(c.below_first),
            "interpolate": c.interpolate,
        }
    return out


def score(rubric: Rubric, review_count: int | None, plan_count: int | None,
          improvement: bool | None, activities: Sequence[Activity] | None) -> ScoreResult:
    """Score a submission from its figures.

    Args:
        rubric: the rubric (criteria, weights, thresholds, policies).
        review_count: sub-issues covered by the review summary (criterion 1); None if unknown.
        plan_count: sub-issues covered by the action plan (criterion 2); None if unknown.
        improvement: the plan states what is developed beyond FY 2549; anything but True
            caps criterion 2 at ``policies.missing_improvement_cap``.
        activities: progress figures for criteria 3 and 4; None if unknown.

    Returns:
        The per-criterion results and scores and the indicator totals, unrounded.

    >>> r = score(_demo_rubric(), 10, 10, True,
    ...           [Activity(name="a", weight=Decimal(1), percent=Decimal(100), achieved=True)])
    >>> r.fmt(r.score), r.fmt(r.weighted_score)
    ('5.0000', '0.2000')
    """
    notes: list[str] = []
    rows: list[CriterionScore] = []
    for c in rubric.criteria:
        cnotes: list[str] = []
        result: Decimal | None
        if c.kind is CriterionKind.REVIEW_COUNT:
            result = None if review_count is None else Decimal(review_count)
            if result is None:
                cnotes.append(message(MessageKey.NO_REVIEW_SUMMARY))
        elif c.kind is CriterionKind.PLAN_COUNT:
            result = None if plan_count is None else Decimal(plan_count)
            if result is None:
                cnotes.append(message(MessageKey.NO_ACTION_PLAN))
        else:
            avg = weighted_percent(list(activities or []), c.kind)
            result, cnotes = avg.value, list(avg.notes)
        value = level_score(c, result if result is not None else Decimal(0))
        if c.kind is CriterionKind.PLAN_COUNT and improvement is not True:
            cap = Decimal(rubric.policies.missing_improvement_cap)
            stated = improvement is False
            if value > cap:
                cnotes.append(message(MessageKey.IMPROVEMENT_NOT_STATED_CAPPED if stated
                                      else MessageKey.IMPROVEMENT_NOT_CONFIRMED_CAPPED,
                                      cap=str(cap)))
                value = cap
            else:
                cnotes.append(message(MessageKey.IMPROVEMENT_NOT_STATED_FINDING if stated
                                      else MessageKey.IMPROVEMENT_NOT_CONFIRMED_FINDING,
                                      cap=str(cap)))
        rows.append(CriterionScore(id=c.id, kind=c.kind, title_th=c.title_th, weight=c.weight,
                                   result=result, score=value, notes=cnotes))
    total_w = sum((r.weight for r in rows), Decimal(0))
    indicator = sum((r.weight * r.score for r in rows), Decimal(0)) / total_w
    weighted = rubric.indicator_weight * indicator / HUNDRED
    return ScoreResult(criteria=rows, score=indicator, weighted_score=weighted,
                       indicator_weight=rubric.indicator_weight,
                       decimals=rubric.policies.decimals, policies=_policies(rubric), notes=notes)


def _plain(x: Decimal) -> str:
    return format(Decimal(x).normalize(), "f")


def policy_lines(rubric: Rubric) -> list[str]:
    """The rubric's scoring policies in words, for printing beside every result.

    >>> policy_lines(_demo_rubric())[2].split(" [")[1]
    'criterion 1: level 1..5 at 6/7/8/9/10; below level 1 scores 0; whole levels]'
    """
    p = rubric.policies
    lines = [message(MessageKey.POLICY_DISPLAY, decimals=p.decimals,
                     rounding=p.rounding.replace("_", " ")),
             message(MessageKey.POLICY_IMPROVEMENT_CAP, cap=p.missing_improvement_cap)]
    for c in rubric.criteria:
        key = MessageKey.POLICY_LEVELS_LINEAR if c.interpolate else MessageKey.POLICY_LEVELS_WHOLE
        lines.append(message(key, criterion=c.id,
                             thresholds="/".join(_plain(x) for x in c.thresholds),
                             below=_plain(c.below_first)))
    lines.append(message(MessageKey.POLICY_MISSING_FIGURES))
    return lines


def _pick(proposals: Iterable[DocumentProposals], role: Role) -> DocumentProposals | None:
    best = [p for p in proposals if p.role is role]
    return max(best, key=lambda p: p.role_confidence) if best else None


def provisional(rubric: Rubric, proposals: Iterable[DocumentProposals],
                activities: Sequence[Activity] | None = None) -> ScoreResult:
    """An UNCONFIRMED score from the classifier's proposals (for ``screen``).

    The review summary and action plan are the documents proposed in those roles (the most
    confident one if several); counts are the sub-issues proposed covered.

    >>> from evidence_review.classifiers.model import SubIssueProposal as P
    >>> review = DocumentProposals(path="r.docx", role="review", role_confidence=0.9,
    ...     subissues={f"{i}": P(proposed=i < 8, confidence=0.8) for i in range(10)})
    >>> r = provisional(_demo_rubric(), [review])
    >>> r.provisional, r.fmt(r.criteria[0].score), r.fmt(r.score)
    (True, '3.0000', '0.7500')
    """
    props = list(proposals)
    review, plan = _pick(props, Role.REVIEW), _pick(props, Role.PLAN)
    review_count = sum(p.proposed for p in review.subissues.values()) if review else None
    plan_count = sum(p.proposed for p in plan.subissues.values()) if plan else None
    improvement = None
    if plan is not None and plan.improvement_vs_2549 is not None:
        improvement = plan.improvement_vs_2549.proposed
    result = score(rubric, review_count, plan_count, improvement, activities)
    result.provisional = True
    result.notes.insert(0, message(MessageKey.PROVISIONAL_NOTE))
    if activities is None:
        result.notes.append(message(MessageKey.NEED_PROGRESS_FIGURES))
    return result


def _demo_rubric() -> Rubric:
    """A minimal rubric with the FY 2550 criteria, for doctests."""
    def crit(i: int, kind: str, w: str, t: list[int], interp: bool) -> dict:
        return {"id": i, "kind": kind, "title_th": f"เกณฑ์ {i}", "name_en": f"c{i}",
                "weight": w, "thresholds": t, "interpolate": interp}

    return Rubric.model_validate({
        "id": "demo", "title_th": "ทดสอบ", "title_en": "demo", "fiscal_year_be": 2550,
        "indicator_weight": 4,
        "issues": [{"id": "1", "title_th": "ระบบงาน", "name_en": "work"}],
        "subissues": [{"id": "1.1", "issue": "1", "title_th": "ระบบงาน", "name_en": "x",
                       "phrases": [{"text": "ฐานข้อมูล"}]}],
        "criteria": [crit(1, "review_count", "1.0", [6, 7, 8, 9, 10], False),
                     crit(2, "plan_count", "0.5", [6, 7, 8, 9, 10], False),
                     crit(3, "percent_implemented", "1.0", [60, 70, 80, 90, 100], True),
                     crit(4, "percent_achieved", "1.5", [60, 70, 80, 90, 100], True)],
    })
